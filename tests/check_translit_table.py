"""The checked-in transliteration table is exactly what its generator
produces from the checked-in rules (scripts/gen_translit.py needs ICU's
`uconv` and utf8proc; without uconv this test fails, it does not skip)."""
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile

src = os.environ.get('LS_SOURCE_DIR') or os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))
table = os.path.join(src, 'src', 'normalize', 'translit_table.inc')
gen = os.path.join(src, 'scripts', 'gen_translit.py')

if shutil.which('uconv') is None:
    sys.exit('FAIL: uconv not found; install icu-devtools to regenerate and check '
             'the transliteration table')

with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, 'translit_table.inc')
    subprocess.run([sys.executable, gen, out], check=True)
    if not filecmp.cmp(out, table, shallow=False):
        sys.exit('FAIL: src/normalize/translit_table.inc differs from the output of '
                 'scripts/gen_translit.py; regenerate it and commit both')
print('translit_table.inc matches its generator')
