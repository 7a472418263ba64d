"""Readings for whole scripts, used by gen_translit.py: Hangul syllables
composed from their jamo, and letters read from their Unicode character
name (UCD data, Unicode licence) where the name spells the sound, e.g.
"DEVANAGARI LETTER KHA" -> "kh", "YI SYLLABLE NZUP" -> "nzup".

Every function returns None when it has no reading for the code point,
so that the generator falls through to its next source."""
import unicodedata

# The reference transliteration covers these scripts as they were in
# Unicode 3.x: letters added to them later have no reading there and
# vanish.  Python's unicodedata keeps the Unicode 3.2 repertoire.
def in_unicode_3_2(cp):
    return unicodedata.ucd_3_2_0.category(chr(cp)) != 'Cn'


# --- Hangul syllables (Unicode §3.12): S = 0xAC00 + (L*21 + V)*28 + T.
HANGUL = (0xAC00, 0xD7A3)


def hangul(cp, rules):
    """Initial + vowel + final jamo, each through its rules.tsv reading."""
    if not HANGUL[0] <= cp <= HANGUL[1]:
        return None
    s = cp - HANGUL[0]
    lead, vowel, tail = 0x1100 + s // 588, 0x1161 + (s % 588) // 28, s % 28
    return rules[lead] + rules[vowel] + (rules[0x11A7 + tail] if tail else '')


# --- Indic scripts share one layout and one naming scheme: consonants
# are named with their inherent a (KHA), which the reading drops; vowel
# letters and vowel signs are named by their vowel.
INDIC = ['DEVANAGARI', 'BENGALI', 'GURMUKHI', 'GUJARATI', 'ORIYA', 'TAMIL',
         'TELUGU', 'KANNADA', 'MALAYALAM', 'TIBETAN', 'MYANMAR', 'MONGOLIAN']
VOWELS = {'A': 'a', 'AA': 'aa', 'I': 'i', 'II': 'ii', 'U': 'u', 'UU': 'uu',
          'VOCALIC R': 'R', 'VOCALIC RR': 'RR', 'VOCALIC L': 'L', 'VOCALIC LL': 'LL',
          'CANDRA E': 'eN', 'CANDRA O': 'oN', 'SHORT E': 'e', 'E': 'e', 'EE': 'ee',
          'AI': 'ai', 'SHORT O': 'o', 'O': 'o', 'OO': 'oo', 'AU': 'au'}
INDIC_SIGNS = {'SIGN CANDRABINDU': 'N', 'SIGN ANUSVARA': 'N', 'SIGN VISARGA': 'H',
               'SIGN NUKTA': "'", 'SIGN AVAGRAHA': "'", 'SIGN VIRAMA': '',
               'OM': 'AUM', 'DANDA': ' / ', 'DOUBLE DANDA': ' // ',
               'ABBREVIATION SIGN': '.', 'SIGN BINDI': 'N', 'TIPPI': 'N', 'ADDAK': 'H',
               'STRESS SIGN UDATTA': "'", 'STRESS SIGN ANUDATTA': "'",
               'ACUTE ACCENT': "'", 'GRAVE ACCENT': '`'}


def indic(rest):
    if rest in INDIC_SIGNS:
        return INDIC_SIGNS[rest]
    if rest.endswith('LENGTH MARK'):
        return '+'  # lengthens the vowel before it
    for kind in ('LETTER ', 'VOWEL SIGN '):
        if rest.startswith(kind):
            x = rest[len(kind):]
            if x in VOWELS:
                return VOWELS[x]
            if kind == 'LETTER ' and x.isalpha() and x.endswith('A') and len(x) > 1:
                return x[:-1].lower()
    return None


def thai(rest):
    """THAI CHARACTER KHO KHAI: consonants are named by their sound plus
    o and an example word; vowels are SARA + the vowel."""
    words = rest.split()
    if words[0] == 'SARA' and len(words) > 1:
        return words[1].lower()
    if len(words) == 2 and words[0].endswith('O') and len(words[0]) > 1:
        return words[0][:-1].lower()
    if words[0] in ('MAI', 'THANTHAKHAT', 'MAITAIKHU'):
        return ''  # tone and silencing marks
    return None


def syllable(rest):
    """YI SYLLABLE NZUP, ETHIOPIC SYLLABLE HAA, CANADIAN SYLLABICS
    WEST-CREE WOO: the last word is the syllable (a leading word names
    the dialect)."""
    words = rest.split()
    if words[0] in ('SYLLABLE', 'LETTER', 'SYLLABICS'):
        words = words[1:]
    if not words or not words[-1].isalpha():
        return None
    return words[-1].lower()


def radical(rest):
    """YI RADICAL QOT: a radical reads as its syllable, capitalized."""
    if rest.startswith('RADICAL '):
        return rest[8:].capitalize()
    return None


def bopomofo(rest):
    """BOPOMOFO LETTER ZH: the name is the pinyin initial or final."""
    if rest.startswith('LETTER ') and rest[7:].isalpha():
        return rest[7:]
    return None


def arabic_derived(cp, rules):
    """ARABIC LETTER REH WITH SMALL V, ARABIC LETTER DOTLESS FEH: a
    letter made from a base letter by added or removed marks reads as
    the base letter (rules.tsv), capitalized as a modified letter."""
    name = unicodedata.name(chr(cp), '')
    prefix = 'ARABIC LETTER '
    if not name.startswith(prefix):
        return None
    rest = name[len(prefix):]
    if rest.startswith('DOTLESS '):
        base = rest[8:]
    elif ' WITH ' in rest:
        base = rest.split(' WITH ')[0]
    else:
        return None
    for b in range(0x0621, 0x06FF + 1):
        if b in rules and unicodedata.name(chr(b), '') == prefix + base:
            r = rules[b]
            return r[:1].upper() + r[1:] if r else None
    return None


# Name prefix -> how the rest of the name reads.
NAMED_SCRIPTS = [(p + ' ', indic) for p in INDIC] + [
    ('THAI CHARACTER ', thai), ('LAO LETTER ', thai), ('LAO VOWEL SIGN ', None),
    ('YI SYLLABLE ', syllable), ('YI ', radical), ('ETHIOPIC SYLLABLE ', syllable),
    ('CANADIAN SYLLABICS ', syllable), ('CHEROKEE LETTER ', syllable),
    ('BOPOMOFO ', bopomofo)]


def named_script(cp):
    name = unicodedata.name(chr(cp), '')
    for prefix, fn in NAMED_SCRIPTS:
        if name.startswith(prefix) and fn is not None:
            return fn(name[len(prefix):])
    return None


# --- Braille patterns: six-dot cells as North American Braille ASCII
# (letters in lower case), cells with dot 7 or 8 as their dot numbers
# in brackets.  Braille ASCII, by character from space to underscore,
# as the dots of its cell.
BRAILLE_ASCII_DOTS = (
    '0 2346 5 3456 1246 146 12346 3 12356 23456 16 346 6 36 46 34 '    # space to /
    '356 2 23 25 256 26 235 2356 236 35 156 56 126 123456 345 1456 '   # 0 to ?
    '4 1 12 14 145 15 124 1245 125 24 245 13 123 134 1345 135 '        # @ to O
    '1234 12345 1235 234 2345 136 1236 2456 1346 13456 1356 246 1256 12456 45 456')


def braille_cells():
    cells = {}
    for i, dots in enumerate(BRAILLE_ASCII_DOTS.split()):
        bits = sum(1 << (int(d) - 1) for d in dots if d != '0')
        cells[bits] = chr(0x20 + i).lower()
    return cells


BRAILLE_CELLS = braille_cells()


def braille(cp):
    if not 0x2800 <= cp <= 0x28FF:
        return None
    bits = cp - 0x2800
    if bits in BRAILLE_CELLS:
        return BRAILLE_CELLS[bits]
    return '[d' + ''.join(str(i + 1) for i in range(8) if bits >> i & 1) + ']'


# --- Box drawing: a line that runs only across is '-', only up and
# down '|', a diagonal '/' or '\\', every joint or corner '+'.
def box_drawing(cp):
    if not 0x2500 <= cp <= 0x257F:
        return None
    words = set(unicodedata.name(chr(cp)).split())
    if 'DIAGONAL' in words:
        name = unicodedata.name(chr(cp))
        return 'X' if 'CROSS' in words else '/' if 'UPPER RIGHT' in name else '\\'
    across = words & {'HORIZONTAL', 'LEFT', 'RIGHT'}
    updown = words & {'VERTICAL', 'UP', 'DOWN'}
    if across and not updown:
        return '-'
    if updown and not across:
        return '|'
    return '+'


# --- Arrows, block elements and geometric shapes: the ASCII sign
# closest to the direction or outline the name gives.
def arrow(name):
    words = name.replace('-', ' ').split()
    if {'NORTH', 'WEST'} <= set(words[:2]) or {'SOUTH', 'EAST'} <= set(words[:2]):
        return '\\'
    if {'NORTH', 'EAST'} <= set(words[:2]) or {'SOUTH', 'WEST'} <= set(words[:2]):
        return '/'
    for w in words:
        if w in ('UPWARDS', 'DOWNWARDS', 'UP', 'DOWN'):
            return '|'
        if w in ('LEFTWARDS', 'RIGHTWARDS', 'LEFT', 'RIGHT'):
            if set(words) & {'DOUBLE', 'TRIPLE', 'PAIRED', 'OVER'}:
                return '='
            if words[1] in ('WAVE', 'SQUIGGLE'):
                return '~'
            return '-'
    return None


SHAPES = [('UP-POINTING', '^'), ('DOWN-POINTING', 'V'), ('RIGHT-POINTING', '>'),
          ('LEFT-POINTING', '<'), ('SQUARE', '#'), ('RECTANGLE', '#'),
          ('PARALLELOGRAM', '#'), ('DIAMOND', '*'), ('LOZENGE', '*'), ('CIRCLE', '*'),
          ('FISHEYE', '*'), ('BULLSEYE', '*')]


def shape(cp):
    name = unicodedata.name(chr(cp), '')
    if 0x2190 <= cp <= 0x21FF:
        return arrow(name)
    if 0x2580 <= cp <= 0x259F:
        return '#'  # block elements and shades
    if 0x25A0 <= cp <= 0x25FF:
        for word, sign in SHAPES:
            if word in name:
                return sign
    return None
