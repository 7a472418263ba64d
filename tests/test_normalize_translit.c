/* ls_translit (contract §1 step 2): concrete characters against the
 * ASCII the contract's reference transliteration gives for them, and
 * for the scripts read by rule, the ASCII the rule gives.
 *
 * Run with `--dump` it instead reads hex code points, one a line, from
 * stdin and prints "HEX<TAB>ascii" for each (newline and backslash
 * escaped), so that tests/check_translit_unidecode.py can compare the
 * whole table with the reference. */
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize/translit.h"

/* Transliterates a UTF-8 string (valid input only) into out. */
static const char *tr(const char *s)
{
    static char out[256];
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t cp;
        int len;
        if (*p < 0x80) { cp = *p; len = 1; }
        else if (*p < 0xE0) { cp = *p & 0x1Fu; len = 2; }
        else if (*p < 0xF0) { cp = *p & 0x0Fu; len = 3; }
        else { cp = *p & 0x07u; len = 4; }
        for (int i = 1; i < len; i++)
            cp = (cp << 6) | (p[i] & 0x3Fu);
        p += len;
        const char *a;
        size_t k = ls_translit(cp, &a);
        ck_assert_uint_lt(n + k, sizeof out);
        memcpy(out + n, a, k);
        n += k;
    }
    out[n] = '\0';
    return out;
}

/* One code point's replacement as a NUL-terminated string. */
static const char *tr1(uint32_t cp)
{
    static char out[256];
    const char *a = NULL;
    size_t k = ls_translit(cp, &a);
    ck_assert_ptr_nonnull(a);
    ck_assert_uint_lt(k, sizeof out);
    memcpy(out, a, k);
    out[k] = '\0';
    return out;
}

START_TEST(ascii_maps_to_itself)
{
    for (uint32_t c = 0; c < 0x80; c++) {
        const char *a;
        ck_assert_uint_eq(ls_translit(c, &a), 1);
        ck_assert_int_eq((unsigned char)a[0], (int)c);
    }
}
END_TEST

START_TEST(contract_letters)
{
    ck_assert_str_eq(tr("ß"), "ss");
    ck_assert_str_eq(tr("æÆ"), "aeAE");
    ck_assert_str_eq(tr("øØ"), "oO");
    ck_assert_str_eq(tr("Łł"), "Ll");
    ck_assert_str_eq(tr("Đđ"), "Dd");
    ck_assert_str_eq(tr("þÞ"), "thTh");
    ck_assert_str_eq(tr("Geschäftsführer"), "Geschaftsfuhrer");
    ck_assert_str_eq(tr("Mécanicien sûr"), "Mecanicien sur");
    ck_assert_str_eq(tr("Çağrı Şöför"), "Cagri Sofor");
    ck_assert_str_eq(tr("œuvre"), "oeuvre");
}
END_TEST

START_TEST(cyrillic)
{
    ck_assert_str_eq(tr("Директор"), "Direktor");
    ck_assert_str_eq(tr("Търговски представител"), "T'rgovski predstavitel");
    ck_assert_str_eq(tr("Счетоводител"), "Schetovoditel");
    ck_assert_str_eq(tr("Юрист"), "Iurist");
    ck_assert_str_eq(tr("щ ж ц х ч ш ь я"), "shch zh ts kh ch sh ' ia");
    ck_assert_str_eq(tr("Ёё Її Ґґ"), "Ioio Yiyi G'g'");
}
END_TEST

START_TEST(greek)
{
    ck_assert_str_eq(tr("Διευθυντής"), "Dieuthuntes");
    ck_assert_str_eq(tr("ΘΦΧΨΞ"), "ThPhKhPsKs");
    ck_assert_str_eq(tr("ψυχολόγος"), "psukhologos");
    ck_assert_str_eq(tr("ξ ς σ ω"), "x s s o");
    /* accents and breathings vanish with their base letter kept */
    ck_assert_str_eq(tr("ά ϊ ΰ ἁ ᾧ"), "a i u a o");
    ck_assert_str_eq(tr("\xCD\xBE\xCE\x87"), "?;"); /* question mark, ano teleia */
}
END_TEST

START_TEST(punctuation)
{
    ck_assert_str_eq(tr("a–b—c―d"), "a-b--c--d");
    ck_assert_str_eq(tr("‘x’ “y” „z“"), "'x' \"y\" ,,z\"");
    ck_assert_str_eq(tr("‹›«»"), "<><<>>");
    ck_assert_str_eq(tr("…•"), "...*");
    ck_assert_str_eq(tr("a\xC2\xA0" "b\xE2\x80\x83" "c"), "a b c"); /* NBSP, em space */
    ck_assert_str_eq(tr("co\xC2\xAD" "op"), "coop");                /* soft hyphen */
    ck_assert_str_eq(tr("x\xE2\x80\x8By"), "x y");                 /* zero width space */
    ck_assert_str_eq(tr("°±×"), "deg+-x");
    ck_assert_str_eq(tr("€£¥©®™№"), "EURPSY=(c)(r)(tm)No. ");
}
END_TEST

START_TEST(full_width)
{
    ck_assert_str_eq(tr("ＣＥＯ　ｓａｌｅｓ！１２"), "CEO sales!12");
    ck_assert_str_eq(tr("（ＩＴ）"), "(IT)");
    ck_assert_str_eq(tr("ﬁﬂ"), "fifl");
    ck_assert_str_eq(tr("½"), " 1/2");
    ck_assert_str_eq(tr("²ⅳ①"), "2iv1");
}
END_TEST

START_TEST(vanishing)
{
    ck_assert_str_eq(tr1(0x1F600), "");   /* emoji */
    ck_assert_str_eq(tr1(0x1F4BC), "");   /* briefcase */
    ck_assert_str_eq(tr1(0x0301), "");    /* combining acute */
    ck_assert_str_eq(tr1(0xFE0F), "");    /* variation selector */
    ck_assert_str_eq(tr1(0xFEFF), "");    /* byte order mark */
    ck_assert_str_eq(tr1(0xFFFD), "");    /* replacement character */
    ck_assert_str_eq(tr1(0xD800), "");    /* lone surrogate */
    ck_assert_str_eq(tr1(0x10FFFF), "");
    ck_assert_str_eq(tr1(0x110000), "");  /* beyond Unicode */
    ck_assert_str_eq(tr1(0xFFFFFFFFu), "");
}
END_TEST

START_TEST(page_edges)
{
    ck_assert_str_eq(tr1(0x00FF), "y");   /* ÿ, last of page 0 */
    ck_assert_str_eq(tr1(0x0100), "A");   /* Ā, first of page 1 */
    ck_assert_str_eq(tr1(0x1EF9), "y");   /* ỹ */
    ck_assert_str_eq(tr1(0xFF01), "!");
    ck_assert_str_eq(tr1(0xFF5E), "~");
    ck_assert_str_eq(tr1(0x1D400), "A");  /* mathematical bold A */
    ck_assert_str_eq(tr1(0x1D7FF), "9");  /* mathematical monospace 9 */
}
END_TEST

START_TEST(cjk_ideographs)
{
    /* Mandarin pinyin without tones, capitalized, a space after each */
    ck_assert_str_eq(tr("销售"), "Xiao Shou ");
    ck_assert_str_eq(tr("销售经理"), "Xiao Shou Jing Li ");
    ck_assert_str_eq(tr1(0x4E00), "Yi ");      /* 一 yī */
    ck_assert_str_eq(tr1(0x3400), "");         /* extension A: no reading */
    ck_assert_str_eq(tr1(0x2F00), "");         /* Kangxi radical one */
    ck_assert_str_eq(tr("、。「」"), ", . [] ");  /* CJK punctuation */
}
END_TEST

START_TEST(hangul)
{
    /* initial + vowel + final jamo: ㅎ+ㅏ+ㄴ, ㄱ+ㅜ+ㄱ */
    ck_assert_str_eq(tr("한국"), "hangug");
    /* initial ㅇ is silent, final ㅇ is ng; initial ㄹ r, final ㄹ l */
    ck_assert_str_eq(tr("영업"), "yeongeob");
    ck_assert_str_eq(tr("관리자"), "gwanrija");
    ck_assert_str_eq(tr("알"), "al");
    ck_assert_str_eq(tr1(0xAC00), "ga");       /* first syllable */
    ck_assert_str_eq(tr1(0xD7A3), "hih");      /* last: ㅎ+ㅣ+ㅎ */
    ck_assert_str_eq(tr1(0xD7A4), "");         /* past the syllables */
}
END_TEST

START_TEST(arabic_hebrew)
{
    /* م d ي ر; alef vanishes, ain is a backquote */
    ck_assert_str_eq(tr("مدير المبيعات"), "mdyr lmby`t");
    ck_assert_str_eq(tr("ص ض ط ظ ح غ"), "S D T Z H G");  /* emphatics */
    ck_assert_str_eq(tr("شركة"), "shrk@");                /* teh marbuta */
    ck_assert_str_eq(tr("پ چ گ"), "p ch g");               /* Persian letters */
    ck_assert_str_eq(tr("\xDA\x92"), "R");                /* reh with small v */
    ck_assert_str_eq(tr("٣٤"), "34");                      /* Arabic-Indic digits */
    ck_assert_str_eq(tr("מנהל"), "mnhl");
    ck_assert_str_eq(tr("שלום"), "SHlvm");
    ck_assert_str_eq(tr("צ ץ כ ך"), "TS TS KH KH");        /* final forms read alike */
}
END_TEST

START_TEST(indic_thai)
{
    /* consonant names drop their inherent a; virama vanishes; anusvara N */
    ck_assert_str_eq(tr("प्रबंधक"), "prbNdhk");
    ck_assert_str_eq(tr("आ ई ऋ"), "aa ii R");
    ck_assert_str_eq(tr("३"), "3");
    ck_assert_str_eq(tr("ক খ"), "k kh");                  /* Bengali */
    ck_assert_str_eq(tr("க"), "k");                       /* Tamil */
    /* Thai: KO KAI -> k, SARA AA -> aa, KHO KHAI -> kh */
    ck_assert_str_eq(tr("การขาย"), "kaarkhaay");
    ck_assert_str_eq(tr("ก่"), "k");                      /* tone mark vanishes */
}
END_TEST

START_TEST(named_scripts)
{
    ck_assert_str_eq(tr("ሰላም"), "salaame");             /* Ethiopic SA LAA ME */
    ck_assert_str_eq(tr1(0xA000), "it");                 /* YI SYLLABLE IT */
    ck_assert_str_eq(tr1(0x1401), "e");                  /* CANADIAN SYLLABICS E */
    ck_assert_str_eq(tr1(0x3105), "B");                  /* BOPOMOFO LETTER B */
    ck_assert_str_eq(tr("⠁⠃⠉⠀"), "abc ");                /* Braille ASCII */
    ck_assert_str_eq(tr1(0x2841), "[d17]");              /* dots 1 and 7 */
    ck_assert_str_eq(tr("─│┌╱"), "-|+/");                /* box drawing */
    ck_assert_str_eq(tr("←↑⇒■▲●"), "-|=#^*");           /* arrows, shapes */
}
END_TEST

static int dump(void)
{
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
        unsigned long cp = strtoul(line, NULL, 16);
        const char *a;
        size_t n = ls_translit((uint32_t)cp, &a);
        printf("%lX\t", cp);
        for (size_t i = 0; i < n; i++) {
            if (a[i] == '\n') fputs("\\n", stdout);
            else if (a[i] == '\\') fputs("\\\\", stdout);
            else putchar(a[i]);
        }
        putchar('\n');
    }
    return ferror(stdout) ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--dump") == 0)
        return dump();
    Suite *s = suite_create("translit");
    TCase *tc = tcase_create("table");
    tcase_add_test(tc, ascii_maps_to_itself);
    tcase_add_test(tc, contract_letters);
    tcase_add_test(tc, cyrillic);
    tcase_add_test(tc, greek);
    tcase_add_test(tc, punctuation);
    tcase_add_test(tc, full_width);
    tcase_add_test(tc, vanishing);
    tcase_add_test(tc, page_edges);
    tcase_add_test(tc, cjk_ideographs);
    tcase_add_test(tc, hangul);
    tcase_add_test(tc, arabic_hebrew);
    tcase_add_test(tc, indic_thai);
    tcase_add_test(tc, named_scripts);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
