/* The lead scanner: strict validation, field spans, flags, limits. */
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json/json.h"

static ls_lead L;
static ls_scan_error E;
static size_t VL;

static int scan(const char *s)
{
    memset(&E, 0, sizeof E);
    VL = 0;
    return ls_scan_value(s, strlen(s), 0, &L, &VL, &E);
}

static int fieq(ls_field f, ls_jtype t, const char *bytes)
{
    return L.f[f].type == t && L.f[f].len == strlen(bytes) &&
           memcmp(L.f[f].p, bytes, L.f[f].len) == 0;
}

START_TEST(fields_of_a_lead)
{
    const char *s = "{\"sales_id\": \"S1\", \"job_title\": \"VP Sales\", \"jobs\": [ ], "
                    "\"company_id\": 42, \"industry\": null, \"profile_photo\": false, "
                    "\"location\": {\"a\": [1, {\"job_title\": \"nested\"}]}, \"other\": \"x\"}";
    ck_assert_int_eq(scan(s), 1);
    ck_assert_uint_eq(VL, strlen(s));
    ck_assert_ptr_eq(L.raw, s);
    ck_assert_uint_eq(L.raw_len, strlen(s));
    ck_assert(fieq(LS_F_SALES_ID, LS_J_STRING, "S1"));
    ck_assert(fieq(LS_F_JOB_TITLE, LS_J_STRING, "VP Sales"));
    ck_assert(fieq(LS_F_JOBS, LS_J_ARRAY, "[ ]"));
    ck_assert_int_eq(L.f[LS_F_JOBS].is_empty, 1);
    ck_assert(fieq(LS_F_COMPANY_ID, LS_J_NUMBER, "42"));
    ck_assert(fieq(LS_F_INDUSTRY, LS_J_NULL, "null"));
    ck_assert(fieq(LS_F_PROFILE_PHOTO, LS_J_FALSE, "false"));
    ck_assert(fieq(LS_F_LOCATION, LS_J_OBJECT, "{\"a\": [1, {\"job_title\": \"nested\"}]}"));
    ck_assert_int_eq(L.f[LS_F_LOCATION].is_empty, 0);
    ck_assert_int_eq(L.f[LS_F_TITLE].type, LS_J_NONE);
    ck_assert_int_eq(L.f[LS_F_HEADLINE].type, LS_J_NONE);
    ck_assert_uint_eq(L.persona_n, 0);
    ck_assert_uint_eq(L.flags, 0);
}
END_TEST

START_TEST(every_field_name_is_recognised)
{
    char buf[4096];
    for (int f = 0; f < LS_F__COUNT; f++) {
        snprintf(buf, sizeof buf, "{\"zz\": 0, \"%s\": %d}", ls_field_name((ls_field)f), f + 100);
        ck_assert_int_eq(scan(buf), 1);
        char want[8];
        snprintf(want, sizeof want, "%d", f + 100);
        ck_assert_msg(fieq((ls_field)f, LS_J_NUMBER, want), "field %s", ls_field_name((ls_field)f));
    }
    ck_assert_str_eq(ls_field_name(LS_F_COMPANY_HEADCOUNT_RANGE), "company_headcount_range");
    ck_assert_ptr_null(ls_field_name(LS_F__COUNT));
    /* near misses are not fields */
    ck_assert_int_eq(scan("{\"job_titles\": 1, \"Job_title\": 2, \"jobz\": 3}"), 1);
    ck_assert_int_eq(L.f[LS_F_JOB_TITLE].type, LS_J_NONE);
    ck_assert_int_eq(L.f[LS_F_JOBS].type, LS_J_NONE);
}
END_TEST

START_TEST(duplicate_keys_last_wins_all_persona_slots)
{
    const char *s = "{\"job_title\": \"first\", \"job_title\": \"second\", "
                    "\"linkedin_lead_persona\": \"p1\", \"sales_id\": \"dup\", "
                    "\"linkedin_lead_persona\": \"p2\"}";
    ck_assert_int_eq(scan(s), 1);
    ck_assert(fieq(LS_F_JOB_TITLE, LS_J_STRING, "second"));
    ck_assert(fieq(LS_F_LINKEDIN_LEAD_PERSONA, LS_J_STRING, "p2"));
    ck_assert_uint_eq(L.persona_n, 2);
    ck_assert_uint_eq(L.persona_off[0], 71);
    ck_assert_uint_eq(L.persona_len[0], 4);
    ck_assert_uint_eq(L.persona_off[1], 121);
    ck_assert_uint_eq(L.persona_len[1], 4);
    ck_assert(memcmp(s + 71, "\"p1\"", 4) == 0);
    ls_jval v;
    ck_assert_int_eq(ls_lead_get(&L, "job_title", &v), 1);
    ck_assert_uint_eq(v.len, 6);
    ck_assert(memcmp(v.p, "second", 6) == 0);
}
END_TEST

START_TEST(persona_spans_and_nested_persona_ignored)
{
    const char *s = "{\"a\": 1, \"linkedin_lead_persona\": {\"x\": [1, 2]}, "
                    "\"o\": {\"linkedin_lead_persona\": 5}}";
    ck_assert_int_eq(scan(s), 1);
    ck_assert_uint_eq(L.persona_n, 1);
    ck_assert_uint_eq(L.persona_off[0], 34);
    ck_assert_uint_eq(L.persona_len[0], 13);
    ck_assert(memcmp(s + 34, "{\"x\": [1, 2]}", 13) == 0);
    /* five occurrences do not fit the slots: a clear limit error */
    ck_assert_int_eq(scan("{\"linkedin_lead_persona\":1,\"linkedin_lead_persona\":2,"
                          "\"linkedin_lead_persona\":3,\"linkedin_lead_persona\":4,"
                          "\"linkedin_lead_persona\":5}"),
                     -1);
    ck_assert_int_eq(E.kind, LS_DIAG_LIMIT);
}
END_TEST

START_TEST(escaped_keys_are_recognised)
{
    const char *s = "{\"job\\u005ftitle\": \"Escaped Key\", \"sales_\\u0069d\": \"e1\", "
                    "\"linkedin_lead_persona\": \"old\", \"x\": {\"linkedin_lead_persona\": 1}, "
                    "\"linkedin_lead_persona\": null}";
    ck_assert_int_eq(scan(s), 1);
    ck_assert(fieq(LS_F_JOB_TITLE, LS_J_STRING, "Escaped Key"));
    ck_assert(fieq(LS_F_SALES_ID, LS_J_STRING, "e1"));
    ck_assert(fieq(LS_F_LINKEDIN_LEAD_PERSONA, LS_J_NULL, "null"));
    ck_assert_uint_eq(L.persona_n, 2);
    ck_assert_uint_eq(L.persona_off[0], 82);
    ck_assert_uint_eq(L.persona_len[0], 5);
    ck_assert_uint_eq(L.persona_off[1], 149);
    ck_assert_uint_eq(L.persona_len[1], 4);
    ls_jval v;
    ck_assert_int_eq(ls_lead_get(&L, "sales_id", &v), 1);
    ck_assert_uint_eq(v.len, 2);
    ck_assert_int_eq(ls_lead_get(&L, "missing", &v), 0);
}
END_TEST

START_TEST(numbers_kept_as_written)
{
    const char *s = "{\"sales_id\": 12345678901234567890, \"job_title\": 42, \"score\": 1.50, "
                    "\"tiny\": -0.0e-5, \"big\": 1E+400, \"n\": NaN, \"i\": -Infinity}";
    ck_assert_int_eq(scan(s), 1);
    ck_assert(fieq(LS_F_SALES_ID, LS_J_NUMBER, "12345678901234567890"));
    ck_assert(fieq(LS_F_JOB_TITLE, LS_J_NUMBER, "42"));
    ls_jval v;
    ck_assert_int_eq(ls_lead_get(&L, "score", &v), 1);
    ck_assert_int_eq(v.type, LS_J_NUMBER);
    ck_assert_uint_eq(v.len, 4);
    ck_assert(memcmp(v.p, "1.50", 4) == 0);
    ck_assert_int_eq(ls_lead_get(&L, "tiny", &v), 1);
    ck_assert_uint_eq(v.len, 7);
    ck_assert_int_eq(ls_lead_get(&L, "big", &v), 1);
    ck_assert(v.len == 6 && memcmp(v.p, "1E+400", 6) == 0);
    ck_assert_int_eq(ls_lead_get(&L, "i", &v), 1);
    ck_assert(v.len == 9 && v.type == LS_J_NUMBER);
}
END_TEST

START_TEST(invalid_utf8_flagged)
{
    ck_assert_int_eq(scan("{\"job_title\": \"Dir\xff" "ector\"}"), 1);
    ck_assert_uint_eq(L.flags, LS_LEAD_INVALID_UTF8);
    ck_assert(fieq(LS_F_JOB_TITLE, LS_J_STRING, "Dir\xff" "ector"));
    ck_assert_int_eq(scan("{\"k\xc0\xaf\": 1}"), 1); /* overlong, in a key */
    ck_assert_uint_eq(L.flags, LS_LEAD_INVALID_UTF8);
    ck_assert_int_eq(scan("{\"a\": [\"x\\ud800y\"]}"), 1); /* lone high surrogate, nested */
    ck_assert_uint_eq(L.flags, LS_LEAD_INVALID_UTF8);
    ck_assert_int_eq(scan("{\"a\": \"\\udc00\"}"), 1); /* lone low surrogate */
    ck_assert_uint_eq(L.flags, LS_LEAD_INVALID_UTF8);
    ck_assert_int_eq(scan("{\"a\": \"\xed\xa0\x80\"}"), 1); /* UTF-8 encoded surrogate */
    ck_assert_uint_eq(L.flags, LS_LEAD_INVALID_UTF8);
    ck_assert_int_eq(scan("{\"a\": \"\xf4\x90\x80\x80\"}"), 1); /* > U+10FFFF */
    ck_assert_uint_eq(L.flags, LS_LEAD_INVALID_UTF8);
    /* valid: pair escape, 2/3/4-byte sequences, long ASCII runs */
    ck_assert_int_eq(scan("{\"a\": \"\\ud83d\\ude00 Gesch\xc3\xa4" "ftsf\xc3\xbchrer "
                          "\xe2\x80\x94 \xf0\x9f\x98\x80 0123456789abcdef0123456789\"}"),
                     1);
    ck_assert_uint_eq(L.flags, 0);
}
END_TEST

static void expect_error(const char *s, size_t offset)
{
    int r = scan(s);
    ck_assert_msg(r == -1, "accepted or incomplete (%d): %s", r, s);
    ck_assert_msg(E.offset == offset, "offset %zu, want %zu: %s", E.offset, offset, s);
    ck_assert_int_eq(E.kind, LS_DIAG_MALFORMED);
    ck_assert(E.message[0] != '\0');
}

START_TEST(strict_syntax)
{
    expect_error("[1,]", 3);
    expect_error("{\"a\":1,}", 7);
    expect_error("{\"a\":1 // c\n}", 7);
    expect_error("[/* c */1]", 1);
    expect_error("[01]", 2);
    expect_error("[-01]", 3);
    expect_error("[.5]", 1);
    expect_error("[1.]", 3);
    expect_error("[1e]", 3);
    expect_error("[+1]", 1);
    expect_error("[\"a\tb\"]", 3);
    expect_error("[\"a\nb\"]", 3);
    expect_error("['a']", 1);
    expect_error("[tru]", 1);
    expect_error("[nul1]", 1);
    expect_error("[-NaN]", 2);
    expect_error("[nan]", 1);
    expect_error("{a:1}", 1);
    expect_error("{\"a\" 1}", 5);
    expect_error("[1 2]", 3);
    expect_error("[\"\\x\"]", 2);
    expect_error("[\"\\u12g4\"]", 2);
    expect_error("{\"a\":1]", 6);
    expect_error("[1}", 2);
    expect_error(" 1", 0);
}
END_TEST

START_TEST(accepted_values)
{
    ck_assert_int_eq(scan("[NaN, Infinity, -Infinity, -0, 0.5e+10, 1E-2, \"\\/\\b\\f\\n\\r\\t\", "
                          "true, false, null, {}, []]"),
                     0);
    ck_assert_int_eq(scan("{}"), 1);
    ck_assert_uint_eq(VL, 2);
    /* a value followed by other bytes: the caller decides */
    ck_assert_int_eq(scan("{\"a\":1} x"), 1);
    ck_assert_uint_eq(VL, 7);
    ck_assert_int_eq(scan("\"str\"  "), 0);
    ck_assert_uint_eq(VL, 5);
    /* a top-level number may end with the text */
    ck_assert_int_eq(scan("12345"), 0);
    ck_assert_uint_eq(VL, 5);
    ck_assert_int_eq(scan("true"), 0);
    ck_assert_uint_eq(VL, 4);
    ck_assert_int_eq(scan("-Infinity"), 0);
    ck_assert_uint_eq(VL, 9);
}
END_TEST

START_TEST(incomplete_needs_more)
{
    const char *cut[] = {"", "{", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,", "[1", "[1,",
                         "\"abc", "\"a\\", "\"a\\u12", "\"\\ud83d", "\"\\ud83d\\",
                         "\"\\ud83d\\ude0", "\"\xc3", "\"\xf0\x9f\x98", "-", "1.", "1e+",
                         "tr", "nul", "-Inf", "[1.5", "[true"};
    for (size_t i = 0; i < sizeof cut / sizeof *cut; i++) {
        int r = scan(cut[i]);
        ck_assert_msg(r == -2, "'%s' gave %d", cut[i], r);
        ck_assert_uint_eq(E.offset, strlen(cut[i]));
    }
}
END_TEST

static char *nested(int n, char open, char close)
{
    char *s = malloc((size_t)n * 2 + 1);
    memset(s, open, (size_t)n);
    memset(s + n, close, (size_t)n);
    s[2 * n] = '\0';
    return s;
}

START_TEST(depth_limit_is_clean)
{
    char *s = nested(10000, '[', ']');
    size_t vl = 0;
    ls_scan_error err;
    ck_assert_int_eq(ls_scan_value(s, strlen(s), 0, &L, &vl, &err), -1);
    ck_assert_int_eq(err.kind, LS_DIAG_LIMIT);
    ck_assert_uint_eq(err.offset, 512); /* the 513th '[' */
    ck_assert_str_eq(err.message, "nesting deeper than 512 levels");
    /* a larger limit lets it through, still without recursion */
    ck_assert_int_eq(ls_scan_value(s, strlen(s), 20000, &L, &vl, &err), 0);
    ck_assert_uint_eq(vl, 20000);
    /* exactly at the limit is fine */
    ck_assert_int_eq(ls_scan_value(s + 10000 - 3, 6, 3, NULL, &vl, &err), 0);
    ck_assert_int_eq(ls_scan_value(s + 10000 - 4, 8, 3, NULL, &vl, &err), -1);
    free(s);
    s = nested(100000, '[', ']'); /* beyond the hard ceiling */
    ck_assert_int_eq(ls_scan_value(s, strlen(s), 1000000, NULL, &vl, &err), -1);
    ck_assert_int_eq(err.kind, LS_DIAG_LIMIT);
    free(s);
}
END_TEST

START_TEST(long_title)
{
    size_t n = 10u << 20;
    char *s = malloc(n + 64);
    strcpy(s, "{\"job_title\": \"");
    size_t h = strlen(s);
    for (size_t i = 0; i < n; i++)
        s[h + i] = (char)('a' + i % 26);
    s[h + 5000] = '\xc3'; /* a valid two-byte sequence in the middle */
    s[h + 5001] = '\xa9';
    strcpy(s + h + n, "\"}");
    ck_assert_int_eq(scan(s), 1);
    ck_assert_uint_eq(L.f[LS_F_JOB_TITLE].len, n);
    ck_assert_uint_eq(L.flags, 0);
    /* cut anywhere inside: incomplete */
    ck_assert_int_eq(ls_scan_value(s, h + n, 0, &L, &VL, &E), -2);
    free(s);
}
END_TEST

START_TEST(walk_values)
{
    const char *s = "[1, \"a\\\"b\", {\"k\\u0031\": [2, {}], \"k1\": null} , [] ]";
    ls_jval arr = {s, strlen(s), LS_J_ARRAY, 0, 0};
    size_t pos = 0;
    ls_jval k, v;
    ck_assert_int_eq(ls_jval_next(&arr, &pos, &k, &v), 1);
    ck_assert(v.type == LS_J_NUMBER && v.len == 1 && v.p[0] == '1');
    ck_assert_int_eq(ls_jval_next(&arr, &pos, &k, &v), 1);
    ck_assert(v.type == LS_J_STRING && v.len == 4 && v.has_escape);
    ck_assert_int_eq(ls_jval_next(&arr, &pos, &k, &v), 1);
    ck_assert_int_eq(v.type, LS_J_OBJECT);
    ls_jval obj = v, m;
    ck_assert_int_eq(ls_jval_get(&obj, "k1", &m), 1); /* the later, unescaped one wins */
    ck_assert_int_eq(m.type, LS_J_NULL);
    size_t p2 = 0;
    ck_assert_int_eq(ls_jval_next(&obj, &p2, &k, &m), 1);
    ck_assert(k.type == LS_J_STRING && k.len == 7 && k.has_escape);
    ck_assert(m.type == LS_J_ARRAY && m.len == 7);
    ck_assert_int_eq(ls_jval_next(&obj, &p2, &k, &m), 1);
    ck_assert_int_eq(ls_jval_next(&obj, &p2, &k, &m), 0);
    ck_assert_int_eq(ls_jval_next(&arr, &pos, &k, &v), 1);
    ck_assert(v.type == LS_J_ARRAY && v.is_empty == 1);
    ck_assert_int_eq(ls_jval_next(&arr, &pos, &k, &v), 0);
    ls_jval empty = {"{ }", 3, LS_J_OBJECT, 0, 0};
    pos = 0;
    ck_assert_int_eq(ls_jval_next(&empty, &pos, &k, &v), 0);
    ck_assert_int_eq(ls_jval_get(&empty, "a", &v), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json_scan");
    TCase *tc = tcase_create("scan");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, fields_of_a_lead);
    tcase_add_test(tc, every_field_name_is_recognised);
    tcase_add_test(tc, duplicate_keys_last_wins_all_persona_slots);
    tcase_add_test(tc, persona_spans_and_nested_persona_ignored);
    tcase_add_test(tc, escaped_keys_are_recognised);
    tcase_add_test(tc, numbers_kept_as_written);
    tcase_add_test(tc, invalid_utf8_flagged);
    tcase_add_test(tc, strict_syntax);
    tcase_add_test(tc, accepted_values);
    tcase_add_test(tc, incomplete_needs_more);
    tcase_add_test(tc, depth_limit_is_clean);
    tcase_add_test(tc, long_title);
    tcase_add_test(tc, walk_values);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
