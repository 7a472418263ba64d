#!/usr/bin/python3
"""Generate src/normalize/translit_table.inc, the code point -> ASCII table
behind ls_translit() (contract §1 step 2).

Every entry comes from permissively licensed sources, in this order:
  1. data/translit/rules.tsv: explicit rules written for this project
     (romanization schemes letter by letter, punctuation, special letters);
  2. ICU transforms run through `uconv` (icu-devtools, Unicode licence),
     for the blocks listed in ICU_BLOCKS, kept only if the result is ASCII;
  3. the compatibility decomposition (NFKD) from utf8proc (MIT), keeping
     its ASCII part, for the code points in COVERED;
  4. otherwise the character vanishes ("").

Usage: gen_translit.py [OUTPUT]   (default: src/normalize/translit_table.inc)
The output is deterministic: same inputs, same bytes.
"""
import ctypes
import ctypes.util
import os
import subprocess
import sys
import unicodedata

import translit_scripts as scripts

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULES = os.path.join(ROOT, 'data', 'translit', 'rules.tsv')
DEFAULT_OUT = os.path.join(ROOT, 'src', 'normalize', 'translit_table.inc')

# Highest code point the table covers; above it everything vanishes.
MAX_CP = 0x1FFFF
# Code point ranges that get a table entry at all (pages outside are "").
COVERED = [(0x0000, 0x30FF), (0x3100, 0x32FF), (0x4E00, 0x9FFF), (0xA000, 0xA4CF),
           (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFB00, 0xFB4F),
           (0xFE10, 0xFE6F), (0xFF00, 0xFFEF),
           (0x1D400, 0x1D7FF), (0x1F100, 0x1F1FF)]
# Blocks where an ICU transform is consulted, with the transform ID.
ICU_LATIN = 'Any-Latin; Latin-ASCII'
ICU_BLOCKS = [(0x0080, 0x024F, ICU_LATIN),  # Latin-1, Extended-A/B
              (0x0250, 0x02AF, ICU_LATIN),  # IPA
              (0x1D00, 0x1DBF, ICU_LATIN),  # phonetic extensions
              (0x2000, 0x206F, ICU_LATIN),  # general punctuation
                            (0x2460, 0x24FF, ICU_LATIN),  # enclosed alphanumerics
              (0xFB00, 0xFB06, ICU_LATIN),  # Latin ligatures
              (0x0530, 0x058F, ICU_LATIN),  # Armenian
              (0x0700, 0x074F, ICU_LATIN),  # Syriac
              (0x0780, 0x07BF, ICU_LATIN),  # Thaana
              (0x10A0, 0x10FF, ICU_LATIN)]  # Georgian
# CJK ideographs of Unicode 3.x read as ICU's Mandarin pinyin without
# tones, capitalized and followed by a space, so that a run of ideographs
# becomes a run of syllables: 销售 -> "Xiao Shou ".
HAN = (0x4E00, 0x9FA5)
ICU_HAN = 'Han-Latin; Latin-ASCII'

# Characters uconv must not see one per line (they break lines or are
# not characters); they are covered by rules or decomposition only.
NOT_FOR_ICU = {0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029}


def load_utf8proc():
    name = ctypes.util.find_library('utf8proc') or 'libutf8proc.so.2'
    lib = ctypes.CDLL(name)
    lib.utf8proc_NFKD.restype = ctypes.c_void_p
    lib.utf8proc_NFKD.argtypes = [ctypes.c_char_p]
    libc = ctypes.CDLL(ctypes.util.find_library('c'))
    libc.free.argtypes = [ctypes.c_void_p]

    def nfkd(ch):
        p = lib.utf8proc_NFKD(ch.encode('utf-8', 'surrogatepass'))
        if not p:
            return ch
        try:
            return ctypes.string_at(p).decode('utf-8')
        finally:
            libc.free(p)
    return nfkd


def unescape(s, where):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == '\\':
            nxt = s[i + 1:i + 2]
            if nxt not in ('"', '\\', 'n'):
                sys.exit(f'{where}: bad escape in replacement')
            out.append('\n' if nxt == 'n' else nxt)
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def parse_rules(path):
    """rules.tsv: `U+XXXX[..U+YYYY]<TAB>"replacement"<TAB># why`.
    The replacement is a double-quoted string; \\", \\\\ and \\n escape."""
    rules = {}
    with open(path, encoding='utf-8') as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            parts = line.split('\t')
            if len(parts) < 2:
                sys.exit(f'{path}:{lineno}: expected code<TAB>"replacement"')
            code, rep = parts[0].strip(), parts[1].strip()
            if len(rep) < 2 or rep[0] != '"' or rep[-1] != '"':
                sys.exit(f'{path}:{lineno}: replacement must be quoted')
            rep = unescape(rep[1:-1], f'{path}:{lineno}')
            if any(ord(c) > 127 for c in rep):
                sys.exit(f'{path}:{lineno}: replacement is not ASCII')
            lo, _, hi = code.partition('..')
            lo = int(lo[2:], 16)
            hi = int(hi[2:], 16) if hi else lo
            for cp in range(lo, hi + 1):
                if cp in rules:
                    sys.exit(f'{path}:{lineno}: U+{cp:04X} has two rules')
                rules[cp] = rep
    return rules


def icu_map(cps, transform):
    """Run each code point through `uconv -x transform` on its own line."""
    cps = [cp for cp in cps if cp not in NOT_FOR_ICU and not 0xD800 <= cp <= 0xDFFF]
    text = ''.join(chr(cp) + '\n' for cp in cps)
    try:
        res = subprocess.run(['uconv', '-f', 'utf-8', '-t', 'utf-8', '-x', transform],
                             input=text.encode('utf-8'), capture_output=True, check=True)
    except FileNotFoundError:
        sys.exit('gen_translit.py: uconv not found (install icu-devtools)')
    lines = res.stdout.decode('utf-8').split('\n')
    if len(lines) != len(cps) + 1:
        sys.exit(f'gen_translit.py: uconv returned {len(lines)} lines for {len(cps)}')
    return dict(zip(cps, lines))


# Enclosed numbers without a decomposition (negative and double circled
# ones) read as the number their Unicode name spells.
NAMED_NUMBERS = [(0x2460, 0x24FF), (0x2776, 0x2793)]
NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    'ZERO ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE '
    'THIRTEEN FOURTEEN FIFTEEN SIXTEEN SEVENTEEN EIGHTEEN NINETEEN TWENTY'.split())}


def named_number(cp):
    words = unicodedata.name(chr(cp), '').split()
    if len(words) >= 2 and words[-2] in ('DIGIT', 'NUMBER'):
        return NUMBER_WORDS.get(words[-1], '')
    return ''


# Letters whose Unicode name ends in their reading: kana (the names use
# a Kunrei-style romanization, e.g. KATAKANA LETTER TU) and combining
# Latin small letters.
NAMED_LETTERS = [(0x3040, 0x30FF, ('HIRAGANA LETTER ', 'KATAKANA LETTER ')),
                 (0xFF66, 0xFF9D, ('HALFWIDTH KATAKANA LETTER ',)),
                 (0x0363, 0x036F, ('COMBINING LATIN SMALL LETTER ',))]


def named_letter(cp):
    name = unicodedata.name(chr(cp), '')
    for lo, hi, prefixes in NAMED_LETTERS:
        if lo <= cp <= hi:
            for p in prefixes:
                if name.startswith(p):
                    rest = name[len(p):]
                    if rest.startswith('SMALL '):
                        rest = rest[6:]
                    if rest.isalpha() and len(rest) <= 3:
                        return rest.lower()
    return ''


def one_step(cp, rules):
    """The UCD's own (single-step) decomposition of cp, when each piece
    has a rule: keeps e.g. half-width Hangul on the compatibility jamo
    rules, where full NFKD would go on to conjoining jamo."""
    d = unicodedata.decomposition(chr(cp)).split()
    if d and d[0].startswith('<'):
        d = d[1:]
    pieces = [int(x, 16) for x in d]
    if not pieces or not any(p in rules for p in pieces):
        return None
    if not all(p in rules or p < 0x80 for p in pieces):
        return None
    return ''.join(rules[p] if p in rules else chr(p) for p in pieces)


def is_ascii(s):
    return all(ord(c) < 128 for c in s)


def script_readings(covered, rules):
    """Readings of whole scripts: CJK ideographs through ICU, Hangul
    syllables from their jamo, letters and symbols whose Unicode name
    gives the reading, decimal digits of every script."""
    out = {}
    for cp, r in icu_map(range(HAN[0], HAN[1] + 1), ICU_HAN).items():
        if r and is_ascii(r) and r != chr(cp):
            out[cp] = r.capitalize() + ' '
    for cp in covered:
        if cp in out or cp < 0x80 or not scripts.in_unicode_3_2(cp):
            continue
        r = scripts.hangul(cp, rules)
        if r is None:
            r = scripts.arabic_derived(cp, rules)
        for fn in (scripts.named_script, scripts.braille, scripts.box_drawing,
                   scripts.shape):
            if r is None:
                r = fn(cp)
        cat = unicodedata.category(chr(cp))
        if r is None and (cat == 'Nd' or cat == 'Nl' and 0x3000 <= cp <= 0x303F) and \
                unicodedata.numeric(chr(cp)) in range(10):
            r = str(int(unicodedata.numeric(chr(cp))))  # digits of every script, Hangzhou numerals
        if r is not None:
            out[cp] = r
    return out


def build_map():
    rules = parse_rules(RULES)
    nfkd = load_utf8proc()
    covered = [cp for lo, hi in COVERED for cp in range(lo, hi + 1)]
    icu = {}
    for lo, hi, transform in ICU_BLOCKS:
        icu.update(icu_map(range(lo, hi + 1), transform))
    script = script_readings(covered, rules)
    # Compatibility ideographs and radicals do not take their ideograph's
    # reading in the reference, so decompositions use the other readings.
    pieces = {cp: r for cp, r in script.items() if not HAN[0] <= cp <= HAN[1]}
    pieces.update(rules)
    out = {}
    for cp in covered:
        if cp < 0x80:
            rep = chr(cp)  # ASCII maps to itself
        elif cp in rules:
            rep = rules[cp]
        elif cp in icu and is_ascii(icu[cp]) and icu[cp] != chr(cp):
            rep = icu[cp]
        elif 0xD800 <= cp <= 0xDFFF:
            rep = ''
        elif cp in script:
            rep = script[cp]
        elif named_letter(cp):
            rep = named_letter(cp)
        elif one_step(cp, rules) is not None:
            rep = one_step(cp, rules)
        else:
            # Each piece of the decomposition through the rules and the
            # script readings, so that accented Greek/Cyrillic letters
            # follow their base letter and compatibility ideographs theirs.
            rep = ''.join(pieces.get(ord(c), c if ord(c) < 128 else '')
                          for c in nfkd(chr(cp)))
        if not rep and any(lo <= cp <= hi for lo, hi in NAMED_NUMBERS):
            rep = named_number(cp)
        out[cp] = rep
    for cp in rules:
        if cp not in out:
            sys.exit(f'rules.tsv: U+{cp:04X} is outside the covered ranges')
    return out


def emit(m, path):
    # String pool: the 128 ASCII bytes first (so ASCII maps to pool[cp]),
    # then each longer replacement that is not already a substring of
    # the pool, longest first (so "ga" is found inside "gag").
    pool = ''.join(chr(i) for i in range(128))
    for rep in sorted({r for r in m.values() if len(r) > 1}, key=lambda r: (-len(r), r)):
        if pool.find(rep) < 0:
            pool += rep
    where = {}
    for rep in set(m.values()):
        if len(rep) > 1:
            where[rep] = pool.find(rep)
    pages = sorted({cp >> 8 for cp in m if m[cp]})
    lines = []
    w = lines.append
    w('/* generated by scripts/gen_translit.py, do not edit */')
    w('/* Sources and licences: data/translit/README.md. */')
    w(f'#define LS_TR_MAX_CP 0x{MAX_CP:X}u')
    w(f'#define LS_TR_PAGES {(MAX_CP >> 8) + 1}')
    w('')
    w('/* All replacements back to back; entries point into it.  Bytes, not')
    w('   a string literal: the pool is longer than C guarantees for one. */')
    w(f'static const char ls_tr_pool[{len(pool)}] = {{')
    for i in range(0, len(pool), 20):
        w('    ' + ','.join(str(ord(c)) for c in pool[i:i + 20]) + ',')
    w('};')
    w('')
    w('/* Page (cp >> 8) -> 1 + row in ls_tr_entry; 0 = page maps to "". */')
    w(f'static const unsigned short ls_tr_page[LS_TR_PAGES] = {{')
    idx = {p: i + 1 for i, p in enumerate(pages)}
    row = [str(idx.get(p, 0)) for p in range((MAX_CP >> 8) + 1)]
    for i in range(0, len(row), 16):
        w('    ' + ', '.join(row[i:i + 16]) + ',')
    w('};')
    w('')
    w('/* Per covered page, 256 entries of (pool offset << 8) | length. */')
    w(f'static const unsigned int ls_tr_entry[{len(pages)}][256] = {{')
    for p in pages:
        w(f'  {{ /* U+{p << 8:04X} */')
        vals = []
        for lo in range(256):
            cp = (p << 8) | lo
            rep = m.get(cp, '')
            if not rep:
                v = 0
            elif len(rep) == 1:
                v = (ord(rep) << 8) | 1
            else:
                v = (where[rep] << 8) | len(rep)
            if len(rep) > 255:
                sys.exit(f'U+{cp:04X}: replacement too long')
            vals.append(f'0x{v:x}')
        for i in range(0, 256, 8):
            w('    ' + ', '.join(vals[i:i + 8]) + ',')
        w('  },')
    w('};')
    text = '\n'.join(lines) + '\n'
    assert len(pool) < (1 << 24)
    with open(path, 'w', encoding='ascii', newline='\n') as f:
        f.write(text)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    emit(build_map(), out)


if __name__ == '__main__':
    main()
