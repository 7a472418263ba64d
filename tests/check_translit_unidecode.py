"""ls_translit against the reference the contract names (§1 step 2):
Python unidecode 1.3.6, queried here at test time only (its tables are
GPL and are not a source of ours, see data/translit/README.md).

1. Every character of the job-title corpora (tests/data/translit_chars.txt)
   must agree exactly.
2. Per Unicode block over U+0080..U+1FFFF, the number of assigned code
   points (Python's unicodedata) that agree must not fall below the
   level recorded in BLOCKS, so any regression fails; a block that does
   better than recorded is reported so that its level can be raised
   (`--levels` prints the table with the current counts).

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

# (first, last, block name, code points that agree at least).  Blocks
# from the UCD's Blocks.txt (those with assigned characters).
BLOCKS = [
    (0x0080, 0x00FF, 'Latin-1 Supplement', 128),
    (0x0100, 0x017F, 'Latin Extended-A', 128),
    (0x0180, 0x024F, 'Latin Extended-B', 208),
    (0x0250, 0x02AF, 'IPA Extensions', 41),
    (0x02B0, 0x02FF, 'Spacing Modifier Letters', 80),
    (0x0300, 0x036F, 'Combining Diacritical Marks', 112),
    (0x0370, 0x03FF, 'Greek and Coptic', 135),
    (0x0400, 0x04FF, 'Cyrillic', 256),
    (0x0500, 0x052F, 'Cyrillic Supplement', 48),
    (0x0530, 0x058F, 'Armenian', 53),
    (0x0590, 0x05FF, 'Hebrew', 87),
    (0x0600, 0x06FF, 'Arabic', 246),
    (0x0700, 0x074F, 'Syriac', 47),
    (0x0750, 0x077F, 'Arabic Supplement', 48),
    (0x0780, 0x07BF, 'Thaana', 31),
    (0x07C0, 0x07FF, 'NKo', 62),
    (0x0800, 0x083F, 'Samaritan', 61),
    (0x0840, 0x085F, 'Mandaic', 29),
    (0x0860, 0x086F, 'Syriac Supplement', 11),
    (0x0870, 0x089F, 'Arabic Extended-B', 41),
    (0x08A0, 0x08FF, 'Arabic Extended-A', 96),
    (0x0900, 0x097F, 'Devanagari', 127),
    (0x0980, 0x09FF, 'Bengali', 85),
    (0x0A00, 0x0A7F, 'Gurmukhi', 78),
    (0x0A80, 0x0AFF, 'Gujarati', 88),
    (0x0B00, 0x0B7F, 'Oriya', 91),
    (0x0B80, 0x0BFF, 'Tamil', 68),
    (0x0C00, 0x0C7F, 'Telugu', 100),
    (0x0C80, 0x0CFF, 'Kannada', 89),
    (0x0D00, 0x0D7F, 'Malayalam', 118),
    (0x0D80, 0x0DFF, 'Sinhala', 12),
    (0x0E00, 0x0E7F, 'Thai', 83),
    (0x0E80, 0x0EFF, 'Lao', 45),
    (0x0F00, 0x0FFF, 'Tibetan', 123),
    (0x1000, 0x109F, 'Myanmar', 151),
    (0x10A0, 0x10FF, 'Georgian', 29),
    (0x1100, 0x11FF, 'Hangul Jamo', 98),
    (0x1200, 0x137F, 'Ethiopic', 315),
    (0x1380, 0x139F, 'Ethiopic Supplement', 26),
    (0x13A0, 0x13FF, 'Cherokee', 92),
    (0x1400, 0x167F, 'Unified Canadian Aboriginal Syllabics', 624),
    (0x1680, 0x169F, 'Ogham', 0),
    (0x16A0, 0x16FF, 'Runic', 8),
    (0x1700, 0x171F, 'Tagalog', 23),
    (0x1720, 0x173F, 'Hanunoo', 23),
    (0x1740, 0x175F, 'Buhid', 20),
    (0x1760, 0x177F, 'Tagbanwa', 18),
    (0x1780, 0x17FF, 'Khmer', 30),
    (0x1800, 0x18AF, 'Mongolian', 48),
    (0x18B0, 0x18FF, 'Unified Canadian Aboriginal Syllabics Extended', 70),
    (0x1900, 0x194F, 'Limbu', 68),
    (0x1950, 0x197F, 'Tai Le', 35),
    (0x1980, 0x19DF, 'New Tai Lue', 83),
    (0x19E0, 0x19FF, 'Khmer Symbols', 32),
    (0x1A00, 0x1A1F, 'Buginese', 30),
    (0x1A20, 0x1AAF, 'Tai Tham', 127),
    (0x1AB0, 0x1AFF, 'Combining Diacritical Marks Extended', 31),
    (0x1B00, 0x1B7F, 'Balinese', 124),
    (0x1B80, 0x1BBF, 'Sundanese', 64),
    (0x1BC0, 0x1BFF, 'Batak', 56),
    (0x1C00, 0x1C4F, 'Lepcha', 74),
    (0x1C50, 0x1C7F, 'Ol Chiki', 48),
    (0x1C80, 0x1C8F, 'Cyrillic Extended-C', 9),
    (0x1C90, 0x1CBF, 'Georgian Extended', 46),
    (0x1CC0, 0x1CCF, 'Sundanese Supplement', 8),
    (0x1CD0, 0x1CFF, 'Vedic Extensions', 43),
    (0x1D00, 0x1D7F, 'Phonetic Extensions', 92),
    (0x1D80, 0x1DBF, 'Phonetic Extensions Supplement', 53),
    (0x1DC0, 0x1DFF, 'Combining Diacritical Marks Supplement', 64),
    (0x1E00, 0x1EFF, 'Latin Extended Additional', 256),
    (0x1F00, 0x1FFF, 'Greek Extended', 233),
    (0x2000, 0x206F, 'General Punctuation', 111),
    (0x2070, 0x209F, 'Superscripts and Subscripts', 42),
    (0x20A0, 0x20CF, 'Currency Symbols', 33),
    (0x20D0, 0x20FF, 'Combining Diacritical Marks for Symbols', 33),
    (0x2100, 0x214F, 'Letterlike Symbols', 80),
    (0x2150, 0x218F, 'Number Forms', 60),
    (0x2190, 0x21FF, 'Arrows', 95),
    (0x2200, 0x22FF, 'Mathematical Operators', 256),
    (0x2300, 0x23FF, 'Miscellaneous Technical', 255),
    (0x2400, 0x243F, 'Control Pictures', 39),
    (0x2440, 0x245F, 'Optical Character Recognition', 11),
    (0x2460, 0x24FF, 'Enclosed Alphanumerics', 160),
    (0x2500, 0x257F, 'Box Drawing', 128),
    (0x2580, 0x259F, 'Block Elements', 20),
    (0x25A0, 0x25FF, 'Geometric Shapes', 77),
    (0x2600, 0x26FF, 'Miscellaneous Symbols', 255),
    (0x2700, 0x27BF, 'Dingbats', 154),
    (0x27C0, 0x27EF, 'Miscellaneous Mathematical Symbols-A', 45),
    (0x27F0, 0x27FF, 'Supplemental Arrows-A', 16),
    (0x2800, 0x28FF, 'Braille Patterns', 256),
    (0x2900, 0x297F, 'Supplemental Arrows-B', 128),
    (0x2980, 0x29FF, 'Miscellaneous Mathematical Symbols-B', 126),
    (0x2A00, 0x2AFF, 'Supplemental Mathematical Operators', 256),
    (0x2B00, 0x2BFF, 'Miscellaneous Symbols and Arrows', 253),
    (0x2C00, 0x2C5F, 'Glagolitic', 96),
    (0x2C60, 0x2C7F, 'Latin Extended-C', 15),
    (0x2C80, 0x2CFF, 'Coptic', 123),
    (0x2D00, 0x2D2F, 'Georgian Supplement', 40),
    (0x2D30, 0x2D7F, 'Tifinagh', 59),
    (0x2D80, 0x2DDF, 'Ethiopic Extended', 79),
    (0x2DE0, 0x2DFF, 'Cyrillic Extended-A', 32),
    (0x2E00, 0x2E7F, 'Supplemental Punctuation', 51),
    (0x2E80, 0x2EFF, 'CJK Radicals Supplement', 115),
    (0x2F00, 0x2FDF, 'Kangxi Radicals', 214),
    (0x2FF0, 0x2FFF, 'Ideographic Description Characters', 12),
    (0x3000, 0x303F, 'CJK Symbols and Punctuation', 58),
    (0x3040, 0x309F, 'Hiragana', 93),
    (0x30A0, 0x30FF, 'Katakana', 96),
    (0x3100, 0x312F, 'Bopomofo', 43),
    (0x3130, 0x318F, 'Hangul Compatibility Jamo', 54),
    (0x3190, 0x319F, 'Kanbun', 16),
    (0x31A0, 0x31BF, 'Bopomofo Extended', 28),
    (0x31C0, 0x31EF, 'CJK Strokes', 36),
    (0x31F0, 0x31FF, 'Katakana Phonetic Extensions', 16),
    (0x3200, 0x32FF, 'Enclosed CJK Letters and Months', 76),
    (0x3300, 0x33FF, 'CJK Compatibility', 0),
    (0x3400, 0x4DBF, 'CJK Unified Ideographs Extension A', 6592),
    (0x4DC0, 0x4DFF, 'Yijing Hexagram Symbols', 64),
    (0x4E00, 0x9FFF, 'CJK Unified Ideographs', 18437),
    (0xA000, 0xA48F, 'Yi Syllables', 1165),
    (0xA490, 0xA4CF, 'Yi Radicals', 50),
    (0xA4D0, 0xA4FF, 'Lisu', 48),
    (0xA500, 0xA63F, 'Vai', 300),
    (0xA640, 0xA69F, 'Cyrillic Extended-B', 96),
    (0xA6A0, 0xA6FF, 'Bamum', 88),
    (0xA700, 0xA71F, 'Modifier Tone Letters', 32),
    (0xA720, 0xA7FF, 'Latin Extended-D', 193),
    (0xA800, 0xA82F, 'Syloti Nagri', 45),
    (0xA830, 0xA83F, 'Common Indic Number Forms', 10),
    (0xA840, 0xA87F, 'Phags-pa', 56),
    (0xA880, 0xA8DF, 'Saurashtra', 82),
    (0xA8E0, 0xA8FF, 'Devanagari Extended', 32),
    (0xA900, 0xA92F, 'Kayah Li', 48),
    (0xA930, 0xA95F, 'Rejang', 37),
    (0xA960, 0xA97F, 'Hangul Jamo Extended-A', 29),
    (0xA980, 0xA9DF, 'Javanese', 91),
    (0xA9E0, 0xA9FF, 'Myanmar Extended-B', 31),
    (0xAA00, 0xAA5F, 'Cham', 83),
    (0xAA60, 0xAA7F, 'Myanmar Extended-A', 32),
    (0xAA80, 0xAADF, 'Tai Viet', 72),
    (0xAAE0, 0xAAFF, 'Meetei Mayek Extensions', 23),
    (0xAB00, 0xAB2F, 'Ethiopic Extended-A', 32),
    (0xAB30, 0xAB6F, 'Latin Extended-E', 60),
    (0xAB70, 0xABBF, 'Cherokee Supplement', 80),
    (0xABC0, 0xABFF, 'Meetei Mayek', 56),
    (0xAC00, 0xD7AF, 'Hangul Syllables', 11172),
    (0xD7B0, 0xD7FF, 'Hangul Jamo Extended-B', 72),
    (0xF900, 0xFAFF, 'CJK Compatibility Ideographs', 183),
    (0xFB00, 0xFB4F, 'Alphabetic Presentation Forms', 42),
    (0xFB50, 0xFDFF, 'Arabic Presentation Forms-A', 631),
    (0xFE00, 0xFE0F, 'Variation Selectors', 16),
    (0xFE10, 0xFE1F, 'Vertical Forms', 10),
    (0xFE20, 0xFE2F, 'Combining Half Marks', 15),
    (0xFE30, 0xFE4F, 'CJK Compatibility Forms', 20),
    (0xFE50, 0xFE6F, 'Small Form Variants', 22),
    (0xFE70, 0xFEFF, 'Arabic Presentation Forms-B', 141),
    (0xFF00, 0xFFEF, 'Halfwidth and Fullwidth Forms', 225),
    (0xFFF0, 0xFFFF, 'Specials', 2),
    (0x10000, 0x1007F, 'Linear B Syllabary', 88),
    (0x10080, 0x100FF, 'Linear B Ideograms', 123),
    (0x10100, 0x1013F, 'Aegean Numbers', 57),
    (0x10140, 0x1018F, 'Ancient Greek Numbers', 79),
    (0x10190, 0x101CF, 'Ancient Symbols', 14),
    (0x101D0, 0x101FF, 'Phaistos Disc', 46),
    (0x10280, 0x1029F, 'Lycian', 29),
    (0x102A0, 0x102DF, 'Carian', 49),
    (0x102E0, 0x102FF, 'Coptic Epact Numbers', 28),
    (0x10300, 0x1032F, 'Old Italic', 39),
    (0x10330, 0x1034F, 'Gothic', 27),
    (0x10350, 0x1037F, 'Old Permic', 43),
    (0x10380, 0x1039F, 'Ugaritic', 31),
    (0x103A0, 0x103DF, 'Old Persian', 50),
    (0x10400, 0x1044F, 'Deseret', 80),
    (0x10450, 0x1047F, 'Shavian', 48),
    (0x10480, 0x104AF, 'Osmanya', 40),
    (0x104B0, 0x104FF, 'Osage', 72),
    (0x10500, 0x1052F, 'Elbasan', 40),
    (0x10530, 0x1056F, 'Caucasian Albanian', 53),
    (0x10570, 0x105BF, 'Vithkuqi', 70),
    (0x10600, 0x1077F, 'Linear A', 341),
    (0x10780, 0x107BF, 'Latin Extended-F', 57),
    (0x10800, 0x1083F, 'Cypriot Syllabary', 55),
    (0x10840, 0x1085F, 'Imperial Aramaic', 31),
    (0x10860, 0x1087F, 'Palmyrene', 32),
    (0x10880, 0x108AF, 'Nabataean', 40),
    (0x108E0, 0x108FF, 'Hatran', 26),
    (0x10900, 0x1091F, 'Phoenician', 29),
    (0x10920, 0x1093F, 'Lydian', 27),
    (0x10980, 0x1099F, 'Meroitic Hieroglyphs', 32),
    (0x109A0, 0x109FF, 'Meroitic Cursive', 90),
    (0x10A00, 0x10A5F, 'Kharoshthi', 68),
    (0x10A60, 0x10A7F, 'Old South Arabian', 32),
    (0x10A80, 0x10A9F, 'Old North Arabian', 32),
    (0x10AC0, 0x10AFF, 'Manichaean', 51),
    (0x10B00, 0x10B3F, 'Avestan', 61),
    (0x10B40, 0x10B5F, 'Inscriptional Parthian', 30),
    (0x10B60, 0x10B7F, 'Inscriptional Pahlavi', 27),
    (0x10B80, 0x10BAF, 'Psalter Pahlavi', 29),
    (0x10C00, 0x10C4F, 'Old Turkic', 73),
    (0x10C80, 0x10CFF, 'Old Hungarian', 108),
    (0x10D00, 0x10D3F, 'Hanifi Rohingya', 50),
    (0x10E60, 0x10E7F, 'Rumi Numeral Symbols', 31),
    (0x10E80, 0x10EBF, 'Yezidi', 47),
    (0x10F00, 0x10F2F, 'Old Sogdian', 40),
    (0x10F30, 0x10F6F, 'Sogdian', 42),
    (0x10F70, 0x10FAF, 'Old Uyghur', 26),
    (0x10FB0, 0x10FDF, 'Chorasmian', 28),
    (0x10FE0, 0x10FFF, 'Elymaic', 23),
    (0x11000, 0x1107F, 'Brahmi', 115),
    (0x11080, 0x110CF, 'Kaithi', 68),
    (0x110D0, 0x110FF, 'Sora Sompeng', 35),
    (0x11100, 0x1114F, 'Chakma', 71),
    (0x11150, 0x1117F, 'Mahajani', 39),
    (0x11180, 0x111DF, 'Sharada', 96),
    (0x111E0, 0x111FF, 'Sinhala Archaic Numbers', 20),
    (0x11200, 0x1124F, 'Khojki', 62),
    (0x11280, 0x112AF, 'Multani', 38),
    (0x112B0, 0x112FF, 'Khudawadi', 69),
    (0x11300, 0x1137F, 'Grantha', 86),
    (0x11400, 0x1147F, 'Newa', 97),
    (0x11480, 0x114DF, 'Tirhuta', 82),
    (0x11580, 0x115FF, 'Siddham', 92),
    (0x11600, 0x1165F, 'Modi', 79),
    (0x11660, 0x1167F, 'Mongolian Supplement', 13),
    (0x11680, 0x116CF, 'Takri', 68),
    (0x11700, 0x1174F, 'Ahom', 65),
    (0x11800, 0x1184F, 'Dogra', 60),
    (0x118A0, 0x118FF, 'Warang Citi', 84),
    (0x11900, 0x1195F, 'Dives Akuru', 72),
    (0x119A0, 0x119FF, 'Nandinagari', 65),
    (0x11A00, 0x11A4F, 'Zanabazar Square', 72),
    (0x11A50, 0x11AAF, 'Soyombo', 83),
    (0x11AB0, 0x11ABF, 'Unified Canadian Aboriginal Syllabics Extended-A', 16),
    (0x11AC0, 0x11AFF, 'Pau Cin Hau', 57),
    (0x11C00, 0x11C6F, 'Bhaiksuki', 97),
    (0x11C70, 0x11CBF, 'Marchen', 68),
    (0x11D00, 0x11D5F, 'Masaram Gondi', 75),
    (0x11D60, 0x11DAF, 'Gunjala Gondi', 63),
    (0x11EE0, 0x11EFF, 'Makasar', 25),
    (0x11FB0, 0x11FBF, 'Lisu Supplement', 1),
    (0x11FC0, 0x11FFF, 'Tamil Supplement', 51),
    (0x12000, 0x123FF, 'Cuneiform', 922),
    (0x12400, 0x1247F, 'Cuneiform Numbers and Punctuation', 116),
    (0x12480, 0x1254F, 'Early Dynastic Cuneiform', 196),
    (0x12F90, 0x12FFF, 'Cypro-Minoan', 99),
    (0x13000, 0x1342F, 'Egyptian Hieroglyphs', 1071),
    (0x13430, 0x1343F, 'Egyptian Hieroglyph Format Controls', 9),
    (0x14400, 0x1467F, 'Anatolian Hieroglyphs', 583),
    (0x16800, 0x16A3F, 'Bamum Supplement', 569),
    (0x16A40, 0x16A6F, 'Mro', 43),
    (0x16A70, 0x16ACF, 'Tangsa', 89),
    (0x16AD0, 0x16AFF, 'Bassa Vah', 36),
    (0x16B00, 0x16B8F, 'Pahawh Hmong', 127),
    (0x16E40, 0x16E9F, 'Medefaidrin', 91),
    (0x16F00, 0x16F9F, 'Miao', 149),
    (0x16FE0, 0x16FFF, 'Ideographic Symbols and Punctuation', 7),
    (0x17000, 0x187FF, 'Tangut', 6136),
    (0x18800, 0x18AFF, 'Tangut Components', 768),
    (0x18B00, 0x18CFF, 'Khitan Small Script', 470),
    (0x18D00, 0x18D7F, 'Tangut Supplement', 9),
    (0x1AFF0, 0x1AFFF, 'Kana Extended-B', 13),
    (0x1B000, 0x1B0FF, 'Kana Supplement', 256),
    (0x1B100, 0x1B12F, 'Kana Extended-A', 35),
    (0x1B130, 0x1B16F, 'Small Kana Extension', 7),
    (0x1B170, 0x1B2FF, 'Nushu', 396),
    (0x1BC00, 0x1BC9F, 'Duployan', 143),
    (0x1BCA0, 0x1BCAF, 'Shorthand Format Controls', 4),
    (0x1CF00, 0x1CFCF, 'Znamenny Musical Notation', 185),
    (0x1D000, 0x1D0FF, 'Byzantine Musical Symbols', 246),
    (0x1D100, 0x1D1FF, 'Musical Symbols', 233),
    (0x1D200, 0x1D24F, 'Ancient Greek Musical Notation', 70),
    (0x1D2E0, 0x1D2FF, 'Mayan Numerals', 20),
    (0x1D300, 0x1D35F, 'Tai Xuan Jing Symbols', 87),
    (0x1D360, 0x1D37F, 'Counting Rod Numerals', 25),
    (0x1D400, 0x1D7FF, 'Mathematical Alphanumeric Symbols', 720),
    (0x1D800, 0x1DAAF, 'Sutton SignWriting', 672),
    (0x1DF00, 0x1DFFF, 'Latin Extended-G', 31),
    (0x1E000, 0x1E02F, 'Glagolitic Supplement', 38),
    (0x1E100, 0x1E14F, 'Nyiakeng Puachue Hmong', 71),
    (0x1E290, 0x1E2BF, 'Toto', 31),
    (0x1E2C0, 0x1E2FF, 'Wancho', 59),
    (0x1E7E0, 0x1E7FF, 'Ethiopic Extended-B', 28),
    (0x1E800, 0x1E8DF, 'Mende Kikakui', 213),
    (0x1E900, 0x1E95F, 'Adlam', 88),
    (0x1EC70, 0x1ECBF, 'Indic Siyaq Numbers', 68),
    (0x1ED00, 0x1ED4F, 'Ottoman Siyaq Numbers', 61),
    (0x1EE00, 0x1EEFF, 'Arabic Mathematical Alphabetic Symbols', 143),
    (0x1F000, 0x1F02F, 'Mahjong Tiles', 44),
    (0x1F030, 0x1F09F, 'Domino Tiles', 100),
    (0x1F0A0, 0x1F0FF, 'Playing Cards', 82),
    (0x1F100, 0x1F1FF, 'Enclosed Alphanumeric Supplement', 79),
    (0x1F200, 0x1F2FF, 'Enclosed Ideographic Supplement', 64),
    (0x1F300, 0x1F5FF, 'Miscellaneous Symbols and Pictographs', 768),
    (0x1F600, 0x1F64F, 'Emoticons', 80),
    (0x1F650, 0x1F67F, 'Ornamental Dingbats', 36),
    (0x1F680, 0x1F6FF, 'Transport and Map Symbols', 117),
    (0x1F700, 0x1F77F, 'Alchemical Symbols', 116),
    (0x1F780, 0x1F7FF, 'Geometric Shapes Extended', 102),
    (0x1F800, 0x1F8FF, 'Supplemental Arrows-C', 150),
    (0x1F900, 0x1F9FF, 'Supplemental Symbols and Pictographs', 256),
    (0x1FA00, 0x1FA6F, 'Chess Symbols', 98),
    (0x1FA70, 0x1FAFF, 'Symbols and Pictographs Extended-A', 88),
    (0x1FB00, 0x1FBFF, 'Symbols for Legacy Computing', 212),
]


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


def assigned(lo, hi):
    return [cp for cp in range(lo, hi + 1)
            if unicodedata.category(chr(cp)) not in ('Cn', 'Cs', 'Co')]


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
    block_cps = {lo: assigned(lo, hi) for lo, hi, _, _ in BLOCKS}
    cps = sorted(set(corpus).union(*block_cps.values()))
    ours = translit_all(cps)
    ref = {cp: unidecode.unidecode(chr(cp)) for cp in cps}
    failures = []

    bad = [cp for cp in corpus if ours[cp] != ref[cp]]
    print(f'corpus characters: {len(corpus) - len(bad)}/{len(corpus)} agree')
    for cp in bad:
        failures.append(f'corpus U+{cp:04X}: {ours[cp]!r}, reference {ref[cp]!r}')

    levels, better = [], []
    totals = {'BMP': [0, 0], 'SMP': [0, 0]}
    for lo, hi, name, least in BLOCKS:
        sel = block_cps[lo]
        agree = sum(1 for cp in sel if ours[cp] == ref[cp])
        t = totals['BMP' if hi <= 0xFFFF else 'SMP']
        t[0] += agree
        t[1] += len(sel)
        pct = 100.0 * agree / len(sel) if sel else 100.0
        print(f'U+{lo:04X}..U+{hi:04X} {name}: {agree}/{len(sel)} ({pct:.2f}%)')
        levels.append(f'    (0x{lo:04X}, 0x{hi:04X}, {name!r}, {agree}),')
        if agree < least:
            diff = [cp for cp in sel if ours[cp] != ref[cp]][:5]
            failures.append(f'{name}: {agree} agree, fewer than the recorded {least}; e.g. '
                            + ', '.join(f'U+{cp:04X} {ours[cp]!r} (reference {ref[cp]!r})'
                                        for cp in diff))
        elif agree > least:
            better.append(f'{name} ({least} -> {agree})')
    for k, (a, n) in totals.items():
        if n:
            print(f'{k} blocks listed: {a}/{n} ({100.0 * a / n:.2f}%)')
    if '--levels' in sys.argv:
        print('\n'.join(levels))
    if better:
        print('agreement rose, raise the level in BLOCKS: ' + ', '.join(better))
    if failures:
        print('FAIL: differences from unidecode 1.3.6:')
        for f in failures:
            print('  ' + f)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
