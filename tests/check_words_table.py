#!/usr/bin/python3
"""src/normalize/words_table.c is exactly what scripts/gen_words.py makes of
data/stopwords.txt and data/abbreviations.tsv: the compiled-in tables are the
shipped data files."""
import os
import subprocess
import sys

src = os.environ.get("LS_SOURCE_DIR") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
r = subprocess.run([sys.executable, os.path.join(src, "scripts", "gen_words.py"), "--check", src],
                   capture_output=True, text=True)
if r.returncode != 0:
    sys.exit("words_table.c is stale: %s" % (r.stderr.strip() or r.stdout.strip()))
print("words_table.c matches data/")
