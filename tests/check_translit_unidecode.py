"""ls_translit against the reference the contract names (§1 step 2):
Python unidecode 1.3.6, queried here at test time only.

Every character of the job-title corpora (tests/data/translit_chars.txt)
must agree.  In the named Unicode blocks, the characters listed in KNOWN
are the only ones allowed to differ, so any regression fails; a listed
character that starts to agree is reported so that the list can shrink.

The table is read through the real lookup: the Check program
test_normalize_translit run with --dump."""
import os
import subprocess
import sys
import unicodedata

try:
    import unidecode
    from importlib.metadata import version
except ImportError:
    sys.exit('FAIL: the reference needs Python unidecode (Debian python3-unidecode); '
             'run this test with /usr/bin/python3')

BLOCKS = [
    ('Latin-1 Supplement', 0x0080, 0x00FF),
    ('Latin Extended-A', 0x0100, 0x017F),
    ('Latin Extended-B', 0x0180, 0x024F),
    ('IPA Extensions', 0x0250, 0x02AF),
    ('Spacing Modifier Letters', 0x02B0, 0x02FF),
    ('Combining Diacritical Marks', 0x0300, 0x036F),
    ('Greek and Coptic', 0x0370, 0x03FF),
    ('Cyrillic', 0x0400, 0x04FF),
    ('Cyrillic Supplement', 0x0500, 0x052F),
    ('Phonetic Extensions', 0x1D00, 0x1DBF),
    ('Latin Extended Additional', 0x1E00, 0x1EFF),
    ('Greek Extended', 0x1F00, 0x1FFF),
    ('General Punctuation', 0x2000, 0x206F),
    ('Superscripts and Subscripts', 0x2070, 0x209F),
    ('Currency Symbols', 0x20A0, 0x20CF),
    ('Letterlike Symbols', 0x2100, 0x214F),
    ('Number Forms', 0x2150, 0x218F),
    ('Mathematical Operators', 0x2200, 0x22FF),
    ('Enclosed Alphanumerics', 0x2460, 0x24FF),
    ('Hiragana and Katakana', 0x3040, 0x30FF),
    ('Alphabetic Presentation Forms (Latin)', 0xFB00, 0xFB06),
    ('Halfwidth and Fullwidth Forms', 0xFF00, 0xFFEF),
]

# Characters known to differ from the reference, as (first, last) ranges:
# IPA Extensions and Phonetic Extensions letters without a decomposition
# (turned, reversed, small-capital forms), which have no rule yet.
KNOWN = [
    (0x0250, 0x0252), (0x0254, 0x0254), (0x0258, 0x025A), (0x025C, 0x025E),
    (0x0262, 0x0265), (0x0269, 0x0269), (0x026E, 0x0270), (0x0274, 0x0275),
    (0x0277, 0x027B), (0x027F, 0x027F), (0x0281, 0x0281), (0x0283, 0x0287),
    (0x028A, 0x028A), (0x028C, 0x028E), (0x0292, 0x0298), (0x029A, 0x029A),
    (0x029E, 0x029E), (0x02A1, 0x02A2), (0x02A4, 0x02A4), (0x02A7, 0x02A9),
    (0x02AC, 0x02AF), (0x1D02, 0x1D02), (0x1D08, 0x1D09), (0x1D0E, 0x1D0E),
    (0x1D11, 0x1D11), (0x1D13, 0x1D15), (0x1D19, 0x1D1A), (0x1D1D, 0x1D1F),
    (0x1D2F, 0x1D2F), (0x1D32, 0x1D32), (0x1D3B, 0x1D3B), (0x1D3D, 0x1D3D),
    (0x1D44, 0x1D46), (0x1D4B, 0x1D4C), (0x1D4E, 0x1D4E), (0x1D51, 0x1D51),
    (0x1D59, 0x1D5A), (0x1D60, 0x1D61), (0x1D69, 0x1D6B), (0x1D77, 0x1D78),
    (0x1D7A, 0x1D7B), (0x1D7E, 0x1D7E), (0x1D8F, 0x1D8F), (0x1D91, 0x1D93),
    (0x1D96, 0x1D96), (0x1D99, 0x1D99), (0x1D9C, 0x1D9C), (0x1D9E, 0x1D9E),
    (0x1DA0, 0x1DA0), (0x1DBB, 0x1DBB), (0x1DBF, 0x1DBF),
]


def known_set():
    return {cp for lo, hi in KNOWN for cp in range(lo, hi + 1)}


def dump_program():
    if os.environ.get('LS_TRANSLIT_DUMP'):
        return os.environ['LS_TRANSLIT_DUMP']
    exe = os.environ.get('LEADSIEVE')
    if not exe:
        sys.exit('FAIL: set LEADSIEVE (the built binary) or LS_TRANSLIT_DUMP')
    return os.path.join(os.path.dirname(exe), 'tests', 'test_normalize_translit')


def translit_all(cps):
    prog = dump_program()
    if not os.path.exists(prog):
        sys.exit(f'FAIL: {prog} not built (target test_normalize_translit)')
    text = ''.join(f'{cp:X}\n' for cp in cps)
    res = subprocess.run([prog, '--dump'], input=text.encode(), capture_output=True,
                         check=True)
    out = {}
    for line in res.stdout.decode('ascii').split('\n')[:-1]:
        hexcp, _, rep = line.partition('\t')
        out[int(hexcp, 16)] = unescape(rep)
    if len(out) != len(cps):
        sys.exit(f'FAIL: --dump answered {len(out)} of {len(cps)} code points')
    return out


def unescape(rep):
    r, i = [], 0
    while i < len(rep):
        if rep[i] == '\\':
            r.append('\n' if rep[i + 1] == 'n' else rep[i + 1])
            i += 2
        else:
            r.append(rep[i])
            i += 1
    return ''.join(r)


def main():
    ver = version('Unidecode')
    if ver != '1.3.6':
        sys.exit(f'FAIL: reference is unidecode {ver}; the contract names 1.3.6')
    data = os.environ.get('LS_TEST_DATA') or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), 'data')
    corpus = []
    with open(os.path.join(data, 'translit_chars.txt'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('U+'):
                corpus.append(int(line.split('\t')[0][2:], 16))
    block_cps = [cp for _, lo, hi in BLOCKS for cp in range(lo, hi + 1)
                 if unicodedata.category(chr(cp)) not in ('Cn', 'Cs')]
    cps = sorted(set(corpus) | set(block_cps))
    ours = translit_all(cps)
    ref = {cp: unidecode.unidecode(chr(cp)) for cp in cps}
    known = known_set()
    failures = []

    bad = [cp for cp in corpus if ours[cp] != ref[cp]]
    print(f'corpus characters: {len(corpus) - len(bad)}/{len(corpus)} agree')
    for cp in bad:
        failures.append(f'corpus U+{cp:04X}: {ours[cp]!r}, reference {ref[cp]!r}')

    fixed = []
    for name, lo, hi in BLOCKS:
        sel = [cp for cp in block_cps if lo <= cp <= hi]
        diff = [cp for cp in sel if ours[cp] != ref[cp]]
        print(f'{name}: {len(sel) - len(diff)}/{len(sel)} '
              f'({100.0 * (len(sel) - len(diff)) / len(sel):.2f}%)')
        for cp in diff:
            if cp not in known:
                failures.append(f'{name} U+{cp:04X}: {ours[cp]!r}, reference {ref[cp]!r}')
        fixed += [cp for cp in sel if cp in known and ours[cp] == ref[cp]]
    if fixed:
        print('now agreeing, remove from KNOWN: ' + ' '.join(f'U+{c:04X}' for c in fixed))
    if failures:
        print('FAIL: differences from unidecode 1.3.6:')
        for f in failures:
            print('  ' + f)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
