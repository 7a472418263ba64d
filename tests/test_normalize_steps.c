/* norm() (contract §1): each step alone, every table entry, the pipeline. */
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "normalize/norm.h"
#include "normalize/steps.h"
#include "normalize/utf8.h"
#include "normalize/words.h"

static char result[4096];
static unsigned result_flags;

/* norm(s) through ls_norm, into `result`. */
static const char *N(const char *s)
{
    size_t n = 0;
    ck_assert_int_eq(ls_norm(s, strlen(s), result, sizeof result, &n, &result_flags), LS_OK);
    ck_assert_uint_lt(n, sizeof result);
    return result;
}

/* Same with an explicit length (inputs holding NUL bytes). */
static const char *NB(const char *s, size_t len)
{
    ck_assert_int_eq(ls_norm(s, len, result, sizeof result, NULL, &result_flags), LS_OK);
    return result;
}

/* ---- the contract's examples ------------------------------------------ */

START_TEST(contract_examples)
{
    ck_assert_str_eq(N("Geschäftsführer"), "geschaftsfuhrer");
    ck_assert_str_eq(N("VP, Sales & Marketing"), "vp sales marketing");
    ck_assert_str_eq(N("Vice President of Sales"), "vp sales");
    ck_assert_str_eq(N("Sr. Director"), "senior director");
    ck_assert_str_eq(N("Head of IT"), "head information technology");
    ck_assert_str_eq(N("R&D/QA"), "research development quality assurance");
    ck_assert_str_eq(N("CMO"), "chief marketing officer");
    ck_assert_str_eq(N("ceo"), "chief executive officer");
    ck_assert_str_eq(N("cpo"), "cpo chief officer");
    ck_assert_str_eq(N("vice president"), "vp");
    ck_assert_str_eq(N("Директор"), "direktor");
    ck_assert_uint_eq(result_flags, 0);
}
END_TEST

START_TEST(empty_results)
{
    const char *empty[] = {"", "of", "&", "---", "  ", "Of And In", "or/at", "\t\r\n", "\xC2\xA0"};
    for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++)
        ck_assert_msg(strcmp(N(empty[i]), "") == 0, "norm(\"%s\") = \"%s\"", empty[i], result);
}
END_TEST

/* ---- steps 1-4: fold --------------------------------------------------- */

static ls_buf fold_buf;

static const char *fold(const char *s, size_t n, const unsigned char *map, unsigned *flags)
{
    ls_buf_clear(&fold_buf);
    ck_assert_int_eq(ls_step_fold(s, n, map, &fold_buf, flags), 0);
    return fold_buf.data;
}

START_TEST(step_fold_norm)
{
    unsigned f = 0;
    ck_assert_str_eq(fold("Hello, World!", 13, ls_map_norm, &f), "hello world");
    ck_assert_str_eq(fold("  --A--b--  ", 12, ls_map_norm, &f), "a b");
    ck_assert_str_eq(fold("C++/C#  9.5", 11, ls_map_norm, &f), "c c 9 5");
    ck_assert_str_eq(fold("Straße", strlen("Straße"), ls_map_norm, &f), "strasse");
    ck_assert_str_eq(fold("Æsir Øre Łódź đ þ", strlen("Æsir Øre Łódź đ þ"), ls_map_norm, &f),
                     "aesir ore lodz d th");
    ck_assert_str_eq(fold("ＶＰ–Sales", strlen("ＶＰ–Sales"), ls_map_norm, &f), "vp sales");
    ck_assert_str_eq(fold("a\0b", 3, ls_map_norm, &f), "a b"); /* NUL is punctuation */
    ck_assert_str_eq(fold("", 0, ls_map_norm, &f), "");
    ck_assert_uint_eq(f, 0);
    /* appending keeps what the buffer held */
    ls_buf_clear(&fold_buf);
    ls_buf_append(&fold_buf, "x|", 2);
    ck_assert_int_eq(ls_step_fold(" A ", 3, ls_map_norm, &fold_buf, &f), 0);
    ck_assert_str_eq(fold_buf.data, "x|a");
}
END_TEST

START_TEST(step_fold_name)
{
    unsigned f = 0;
    const char *s = "  Jürgen\t\t MÜLLER-Smith  ";
    ck_assert_str_eq(fold(s, strlen(s), ls_map_name, &f), "jurgen muller-smith");
    ck_assert_str_eq(fold("O'Neil,\vJr.", 11, ls_map_name, &f), "o'neil, jr.");
    /* a no-break space transliterates to a space, which then collapses */
    ck_assert_str_eq(fold("a\xC2\xA0 b", 5, ls_map_name, &f), "a b");
    ck_assert_uint_eq(f, 0);
}
END_TEST

START_TEST(name_key)
{
    ls_normalizer *nz = NULL;
    ls_normalizer_new(&nz);
    size_t len;
    unsigned f;
    const char *k = ls_normalizer_name_key(nz, "  José\r\nGARCÍA  ", strlen("  José\r\nGARCÍA  "),
                                           &len, &f);
    ck_assert_str_eq(k, "jose garcia");
    ck_assert_uint_eq(len, 11);
    ck_assert_uint_eq(f, 0);
    k = ls_normalizer_name_key(nz, "Ann\xFF  Lee", 9, &len, &f);
    ck_assert_str_eq(k, "ann lee");
    ck_assert_uint_eq(f, LS_NORM_INVALID_UTF8);
    ls_normalizer_free(nz);
}
END_TEST

/* ---- step 1: decoding -------------------------------------------------- */

/* Independent reading of Unicode table 3-7: length of the well-formed
 * sequence at s[0..n), 0 when none. */
static size_t well_formed(const unsigned char *s, size_t n)
{
    unsigned lo = 0x80, hi = 0xBF;
    size_t len;
    if (s[0] <= 0x7F)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        len = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        len = 3, lo = s[0] == 0xE0 ? 0xA0 : 0x80, hi = s[0] == 0xED ? 0x9F : 0xBF;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        len = 4, lo = s[0] == 0xF0 ? 0x90 : 0x80, hi = s[0] == 0xF4 ? 0x8F : 0xBF;
    else
        return 0;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

/* Plain checks: a Check assertion per sequence would be 17M assertions. */
static size_t decode_failures;
static char decode_first_failure[128];

static void check_decode(const unsigned char *s, size_t n)
{
    size_t adv = 0, want = well_formed(s, n);
    int32_t cp = ls_utf8_next(s, n, &adv);
    if (want == 0 ? (cp == -1 && adv == 1) : (cp >= 0 && adv == want))
        return;
    if (decode_failures++ == 0)
        snprintf(decode_first_failure, sizeof decode_first_failure,
                 "%02X %02X %02X %02X (n=%zu): got %ld, %zu bytes; want %zu bytes", s[0],
                 n > 1 ? s[1] : 0, n > 2 ? s[2] : 0, n > 3 ? s[3] : 0, n, (long)cp, adv, want);
}

START_TEST(decode_exhaustive)
{
    unsigned char s[4];
    /* every sequence of one to three bytes */
    for (unsigned a = 0; a < 256; a++) {
        s[0] = (unsigned char)a;
        check_decode(s, 1);
        for (unsigned b = 0; b < 256; b++) {
            s[1] = (unsigned char)b;
            check_decode(s, 2);
            if (a < 0xE0)
                continue;
            for (unsigned c = 0; c < 256; c++) {
                s[2] = (unsigned char)c;
                check_decode(s, 3);
            }
        }
    }
    /* four bytes: every lead and second byte, the edges of the others */
    const unsigned char edge[] = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0, 0xFF};
    for (unsigned a = 0xF0; a < 256; a++)
        for (unsigned b = 0; b < 256; b++)
            for (size_t c = 0; c < sizeof edge; c++)
                for (size_t d = 0; d < sizeof edge; d++) {
                    s[0] = (unsigned char)a, s[1] = (unsigned char)b;
                    s[2] = edge[c], s[3] = edge[d];
                    check_decode(s, 4);
                }
    ck_assert_msg(decode_failures == 0, "%zu sequences misread, first %s", decode_failures,
                  decode_first_failure);
}
END_TEST

START_TEST(decode_values)
{
    size_t adv;
    ck_assert_int_eq(ls_utf8_next((const unsigned char *)"\xC3\xA9", 2, &adv), 0xE9);
    ck_assert_uint_eq(adv, 2);
    ck_assert_int_eq(ls_utf8_next((const unsigned char *)"\xE2\x80\x93", 3, &adv), 0x2013);
    ck_assert_int_eq(ls_utf8_next((const unsigned char *)"\xF4\x8F\xBF\xBF", 4, &adv), 0x10FFFF);
    ck_assert_uint_eq(adv, 4);
    ck_assert_uint_eq(ls_utf8_ascii_run((const unsigned char *)"abcdefghij\xC3\xA9z", 13), 10);
    ck_assert_uint_eq(ls_utf8_ascii_run((const unsigned char *)"", 0), 0);
}
END_TEST

/* Invalid bytes are dropped, not turned into separators; whatever follows
 * a maximal subpart is read again from its first byte. */
START_TEST(invalid_utf8)
{
    static const struct { const char *in; size_t len; const char *out; } cases[] = {
        {"a\x80" "b", 3, "ab"},
        {"\xC3" "A", 2, "a"},                   /* lead byte, then ASCII */
        {"\xE2\x82" "A", 3, "a"},               /* 2 of 3 bytes, then ASCII */
        {"\xF0\x9F\x98" "x", 4, "x"},           /* 3 of 4 bytes */
        {"\xF0\x9F\x98", 3, ""},                /* cut at the end */
        {"\xC0\xAF" "x", 3, "x"},               /* overlong '/' */
        {"\xE0\x80\x80" "A", 4, "a"},           /* overlong NUL */
        {"\xED\xA0\x80" "x", 4, "x"},           /* encoded surrogate U+D800 */
        {"\xED\xBF\xBF" "x", 4, "x"},           /* U+DFFF */
        {"\xF4\x90\x80\x80" "y", 5, "y"},       /* above U+10FFFF */
        {"\xF5\x80" "z", 3, "z"},
        {"\xFF\xFE" "ceo", 5, "chief executive officer"},
        {"s\xC3" "\xC3\xA4" "t", 5, "sat"},     /* a lead byte, then a valid a-umlaut */
        /* Unicode 15, table 3-8 */
        {"\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", 13, "abcd"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        NB(cases[i].in, cases[i].len);
        ck_assert_msg(strcmp(result, cases[i].out) == 0, "case %zu: \"%s\"", i, result);
        ck_assert_msg(result_flags == LS_NORM_INVALID_UTF8, "case %zu: flags %u", i, result_flags);
    }
    NB("\xC3\xA4" "x", 3);
    ck_assert_str_eq(result, "ax");
    ck_assert_uint_eq(result_flags, 0);
}
END_TEST

/* ---- step 5: tokens ----------------------------------------------------- */

START_TEST(step_next_token)
{
    const char *t = "ab c  def";
    size_t pos = 0;
    ls_span tok;
    ck_assert_int_eq(ls_step_next_token(t, strlen(t), &pos, &tok), 1);
    ck_assert_uint_eq(tok.off, 0);
    ck_assert_uint_eq(tok.len, 2);
    ck_assert_int_eq(ls_step_next_token(t, strlen(t), &pos, &tok), 1);
    ck_assert_uint_eq(tok.off, 3);
    ck_assert_uint_eq(tok.len, 1);
    ck_assert_int_eq(ls_step_next_token(t, strlen(t), &pos, &tok), 1);
    ck_assert_uint_eq(tok.off, 6);
    ck_assert_uint_eq(tok.len, 3);
    ck_assert_int_eq(ls_step_next_token(t, strlen(t), &pos, &tok), 0);
    pos = 0;
    ck_assert_int_eq(ls_step_next_token("", 0, &pos, &tok), 0);
}
END_TEST

/* ---- step 6: stop-words ------------------------------------------------- */

START_TEST(stopwords)
{
    const char *stop[] = {"or", "and", "of", "in", "at"};
    for (size_t i = 0; i < 5; i++) {
        ck_assert_msg(ls_is_stopword(stop[i], strlen(stop[i])), "%s", stop[i]);
        char in[64];
        snprintf(in, sizeof in, "sales %s marketing %s", stop[i], stop[i]);
        ck_assert_str_eq(N(in), "sales marketing");
        ck_assert_str_eq(N(stop[i]), "");
    }
    const char *not_stop[] = {"it", "a", "the", "an", "ors", "o", "andd", "", "for"};
    for (size_t i = 0; i < sizeof not_stop / sizeof not_stop[0]; i++)
        ck_assert_msg(!ls_is_stopword(not_stop[i], strlen(not_stop[i])), "%s", not_stop[i]);
    /* only whole tokens */
    ck_assert_str_eq(N("Orlando Andover Office"), "orlando andover office");
}
END_TEST

/* ---- step 7: abbreviations ---------------------------------------------- */

/* Every entry of the contract's abbreviations.tsv, written out by hand. */
static const struct { const char *from, *to; } abbreviations[] = {
    {"it", "information technology"}, {"dir", "director"},
    {"ceo", "chief executive officer"}, {"cfo", "chief financial officer"},
    {"coo", "chief operating officer"}, {"cto", "chief technology officer"},
    {"cmo", "chief marketing officer"}, {"cio", "chief information officer"},
    {"ciso", "chief information security officer"}, {"chro", "chief human resources officer"},
    {"cdo", "cdo chief officer"}, {"cpo", "cpo chief officer"}, {"cso", "cso chief officer"},
    {"cco", "cco chief officer"}, {"cro", "cro chief officer"}, {"cao", "cao chief officer"},
    {"vice president", "vp"}, {"sr", "senior"}, {"jr", "junior"}, {"mgr", "manager"},
    {"mgmt", "management"}, {"gm", "general manager"}, {"md", "managing director"},
    {"hr", "human resources"}, {"hrbp", "human resources business partner"},
    {"bd", "business development"}, {"bizdev", "business development"},
    {"biz dev", "business development"}, {"sdr", "sales development representative"},
    {"bdr", "business development representative"}, {"ae", "account executive"},
    {"csm", "customer success manager"}, {"mktg", "marketing"}, {"exec", "executive"},
    {"asst", "assistant"}, {"assoc", "associate"}, {"coord", "coordinator"},
    {"rep", "representative"}, {"ops", "operations"}, {"pres", "president"},
    {"intl", "international"}, {"pr", "public relations"}, {"qa", "quality assurance"},
    {"ux", "user experience"}, {"ui", "user interface"}, {"r d", "research development"},
};
#define N_ABBR (sizeof abbreviations / sizeof abbreviations[0])

START_TEST(abbreviation_each)
{
    const char *from = abbreviations[_i].from, *to = abbreviations[_i].to;
    char in[128], want[160];
    ck_assert_str_eq(N(from), to);
    /* inside a title, upper case, with punctuation around */
    snprintf(in, sizeof in, "Global (%s), EMEA", from);
    for (char *p = in; *p; p++)
        *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    snprintf(want, sizeof want, "global %s emea", to);
    ck_assert_str_eq(N(in), want);
    /* twice in a row: each occurrence once */
    snprintf(in, sizeof in, "%s %s", from, from);
    snprintf(want, sizeof want, "%s %s", to, to);
    ck_assert_str_eq(N(in), want);
}
END_TEST

START_TEST(abbreviation_rules)
{
    /* longest `from` first; a head alone is not expanded */
    ck_assert_str_eq(N("Vice"), "vice");
    ck_assert_str_eq(N("Vice-President, Sales"), "vp sales");
    ck_assert_str_eq(N("vice vice president"), "vice vp");
    ck_assert_str_eq(N("biz"), "biz");
    ck_assert_str_eq(N("Biz Dev Lead"), "business development lead");
    ck_assert_str_eq(N("biz development"), "biz development");
    ck_assert_str_eq(N("R"), "r");
    ck_assert_str_eq(N("R & D"), "research development");
    ck_assert_str_eq(N("r d d"), "research development d");
    ck_assert_str_eq(N("r r d"), "r research development");
    /* stop-words go first, so they do not break a phrase */
    ck_assert_str_eq(N("Vice of President"), "vp");
    ck_assert_str_eq(N("R and D"), "research development");
    /* one pass; the output is not scanned again */
    ck_assert_str_eq(N("CPO"), "cpo chief officer");
    ck_assert_str_eq(N("Pres"), "president");
    ck_assert_str_eq(N("CEO & CFO"), "chief executive officer chief financial officer");
    /* tokens, not substrings */
    ck_assert_str_eq(N("Director IT-Security"), "director information technology security");
    ck_assert_str_eq(N("Item Unit"), "item unit");
    ck_assert_str_eq(N("SRE"), "sre");
    ck_assert_str_eq(N("Sr.Mgr"), "senior manager");
}
END_TEST

START_TEST(abbrev_match_step)
{
    const char *t = "vice president x";
    ls_span toks[2] = {{0, 4}, {5, 9}};
    size_t used = 0;
    const ls_abbrev *a = ls_abbrev_match(t, toks, 2, &used);
    ck_assert_ptr_nonnull(a);
    ck_assert_str_eq(a->to, "vp");
    ck_assert_uint_eq(used, 2);
    ck_assert_ptr_null(ls_abbrev_match(t, toks, 1, &used)); /* "vice" alone */
    ls_span x = {15, 1};
    ck_assert_ptr_null(ls_abbrev_match(t, &x, 1, &used));
    ck_assert_ptr_null(ls_abbrev_match(t, toks, 0, &used));
}
END_TEST

/* ---- steps 5-8 together ----------------------------------------------- */

START_TEST(step_tokens)
{
    ls_buf b = {0};
    const char *t = "head of it and r d";
    ck_assert_int_eq(ls_step_tokens(t, strlen(t), &b), 0);
    ck_assert_str_eq(b.data, "head information technology research development");
    ls_buf_free(&b);
    /* nothing left, on a buffer never written: still a terminated "" */
    ck_assert_int_eq(ls_step_tokens("of and", 6, &b), 0);
    ck_assert_str_eq(b.data, "");
    ls_buf_free(&b);
}
END_TEST

/* ---- the compiled tables are data/ ------------------------------------ */

static char *read_text(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/data/%s", LS_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

START_TEST(tables_equal_data_files)
{
    size_t count = 0;
    char *save, *line;
    for (line = strtok_r(read_text("stopwords.txt"), "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        size_t i = 0;
        while (i < ls_stopword_count && strcmp(ls_stopword_list[i], line) != 0)
            i++;
        ck_assert_msg(i < ls_stopword_count, "stop-word %s is not compiled in", line);
        ck_assert(ls_is_stopword(line, strlen(line)));
        count++;
    }
    ck_assert_uint_eq(count, ls_stopword_count);

    count = 0;
    for (line = strtok_r(read_text("abbreviations.tsv"), "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(line, '\t');
        ck_assert_ptr_nonnull(tab);
        *tab = '\0';
        size_t i = 0;
        while (i < ls_abbrev_count && strcmp(ls_abbrevs[i].from, line) != 0)
            i++;
        ck_assert_msg(i < ls_abbrev_count, "abbreviation %s is not compiled in", line);
        ck_assert_str_eq(ls_abbrevs[i].to, tab + 1);
        ck_assert_uint_eq(ls_abbrevs[i].from_len, strlen(line));
        ck_assert_uint_eq(ls_abbrevs[i].to_len, strlen(tab + 1));
        /* and the hand-written list above is the same table */
        size_t j = 0;
        while (j < N_ABBR && strcmp(abbreviations[j].from, line) != 0)
            j++;
        ck_assert_msg(j < N_ABBR && strcmp(abbreviations[j].to, tab + 1) == 0, "%s", line);
        count++;
    }
    ck_assert_uint_eq(count, ls_abbrev_count);
    ck_assert_uint_eq(count, N_ABBR);
}
END_TEST

/* ---- public API --------------------------------------------------------- */

START_TEST(norm_truncation)
{
    char small[8];
    const char *in = "Head of IT"; /* -> "head information technology", 27 bytes */
    size_t n = 0;
    ck_assert_int_eq(ls_norm(in, strlen(in), small, sizeof small, &n, NULL), LS_OK);
    ck_assert_uint_eq(n, 27);
    ck_assert_str_eq(small, "head in");
    ck_assert_int_eq(ls_norm(in, strlen(in), NULL, 0, &n, NULL), LS_OK);
    ck_assert_uint_eq(n, 27);
    ck_assert_int_eq(ls_norm(in, strlen(in), small, 1, &n, NULL), LS_OK);
    ck_assert_uint_eq(n, 27);
    ck_assert_str_eq(small, "");
    char exact[28];
    ck_assert_int_eq(ls_norm(in, strlen(in), exact, sizeof exact, &n, NULL), LS_OK);
    ck_assert_uint_eq(n, 27);
    ck_assert_str_eq(exact, "head information technology");
    ck_assert_int_eq(ls_norm(NULL, 0, small, sizeof small, &n, NULL), LS_OK);
    ck_assert_uint_eq(n, 0);
    ck_assert_str_eq(small, "");
    /* a caller's mistakes are statuses, not crashes */
    ck_assert_int_eq(ls_norm(NULL, 3, small, sizeof small, &n, NULL), LS_E_USAGE);
    ck_assert_int_eq(ls_norm(in, strlen(in), NULL, 5, &n, NULL), LS_E_USAGE);
}
END_TEST

START_TEST(normalizer_reuse)
{
    ls_normalizer *nz = NULL;
    ls_normalizer_new(&nz);
    ck_assert_ptr_nonnull(nz);
    size_t len = 99;
    unsigned f = 99;
    const char *r = ls_normalizer_run(nz, "Sr. Director of Sales\xFF", 22, &len, &f);
    ck_assert_str_eq(r, "senior director sales");
    ck_assert_uint_eq(len, 21);
    ck_assert_uint_eq(f, LS_NORM_INVALID_UTF8);
    r = ls_normalizer_run(nz, "CMO", 3, &len, &f); /* shorter: nothing left over */
    ck_assert_str_eq(r, "chief marketing officer");
    ck_assert_uint_eq(len, 23);
    ck_assert_uint_eq(f, 0);
    ls_normalizer_free(nz);
    ls_normalizer_new(&nz); /* a first call whose result is empty */
    r = ls_normalizer_run(nz, "of", 2, &len, NULL);
    ck_assert_str_eq(r, "");
    ck_assert_uint_eq(len, 0);
    /* a long input, then a short one on the same scratch */
    size_t big = (size_t)6 << 17;
    char *s = malloc(big);
    for (size_t i = 0; i < big; i++)
        s[i] = "ab IT "[i % 6];
    r = ls_normalizer_run(nz, s, big, &len, NULL);
    ck_assert_uint_eq(len, (big / 6) * 26 - 1); /* "ab information technology" x n */
    ck_assert(strncmp(r, "ab information technology ab", 28) == 0);
    r = ls_normalizer_run(nz, "x", 1, &len, NULL);
    ck_assert_str_eq(r, "x");
    free(s);
    ls_normalizer_free(nz);
    ls_normalizer_free(NULL);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("normalize_steps");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, contract_examples);
    tcase_add_test(tc, empty_results);
    tcase_add_test(tc, step_fold_norm);
    tcase_add_test(tc, step_fold_name);
    tcase_add_test(tc, name_key);
    tcase_add_test(tc, decode_exhaustive);
    tcase_add_test(tc, decode_values);
    tcase_add_test(tc, invalid_utf8);
    tcase_add_test(tc, step_next_token);
    tcase_add_test(tc, stopwords);
    tcase_add_loop_test(tc, abbreviation_each, 0, (int)N_ABBR);
    tcase_add_test(tc, abbreviation_rules);
    tcase_add_test(tc, abbrev_match_step);
    tcase_add_test(tc, step_tokens);
    tcase_add_test(tc, tables_equal_data_files);
    tcase_add_test(tc, norm_truncation);
    tcase_add_test(tc, normalizer_reuse);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    int rc = ls_check_run(suite());
    ls_buf_free(&fold_buf);
    return rc;
}
