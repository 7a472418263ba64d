/* String decoding and the request DOM. */
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json/json.h"

static char out[256];
static unsigned fl;

static size_t dec(const char *body)
{
    fl = 0;
    memset(out, 0x55, sizeof out);
    return ls_jstr_decode(body, strlen(body), out, &fl);
}

START_TEST(decode_escapes)
{
    ck_assert_uint_eq(dec("a\\nb\\t\\\"\\\\\\/\\b\\f\\r"), 10);
    ck_assert(memcmp(out, "a\nb\t\"\\/\b\f\r", 10) == 0);
    ck_assert_uint_eq(fl, 0);
    ck_assert_uint_eq(dec("caf\\u00e9 \\u20AC"), 9);
    ck_assert(memcmp(out, "caf\xc3\xa9 \xe2\x82\xac", 9) == 0);
    ck_assert_uint_eq(dec("\\ud83d\\ude00!"), 5);
    ck_assert(memcmp(out, "\xf0\x9f\x98\x80!", 5) == 0);
    ck_assert_uint_eq(fl, 0);
    ck_assert_uint_eq(dec("a\\u0000b"), 3);
    ck_assert(memcmp(out, "a\0b", 3) == 0);
    ck_assert_uint_eq(dec("Gesch\xc3\xa4" "ftsf\xc3\xbchrer"), 17);
    ck_assert_uint_eq(fl, 0);
}
END_TEST

START_TEST(decode_bad_input)
{
    /* lone surrogates are dropped */
    ck_assert_uint_eq(dec("x\\ud800y"), 2);
    ck_assert(memcmp(out, "xy", 2) == 0);
    ck_assert_uint_eq(fl, LS_NORM_INVALID_UTF8);
    ck_assert_uint_eq(dec("\\udc00"), 0);
    ck_assert_uint_eq(fl, LS_NORM_INVALID_UTF8);
    /* a high surrogate followed by a non-low escape: dropped, the other kept */
    ck_assert_uint_eq(dec("\\ud800\\u0041"), 1);
    ck_assert_int_eq(out[0], 'A');
    ck_assert_uint_eq(fl, LS_NORM_INVALID_UTF8);
    /* raw invalid bytes are copied and flagged */
    ck_assert_uint_eq(dec("Dir\xff" "ector"), 9);
    ck_assert(memcmp(out, "Dir\xff" "ector", 9) == 0);
    ck_assert_uint_eq(fl, LS_NORM_INVALID_UTF8);
    ck_assert_uint_eq(dec("\xc0\xaf"), 2);
    ck_assert_uint_eq(fl, LS_NORM_INVALID_UTF8);
    ck_assert_uint_eq(dec("\xe2\x82"), 2); /* cut sequence */
    ck_assert_uint_eq(fl, LS_NORM_INVALID_UTF8);
    /* the flag accumulates, NULL flags is allowed */
    fl = 0;
    ls_jstr_decode("\xff", 1, out, &fl);
    ls_jstr_decode("ok", 2, out, &fl);
    ck_assert_uint_eq(fl, LS_NORM_INVALID_UTF8);
    ck_assert_uint_eq(ls_jstr_decode("\\n", 2, out, NULL), 1);
}
END_TEST

static ls_jdoc *parse(const char *s, int depth, ls_jerror *err)
{
    return ls_jdoc_parse(s, strlen(s), depth, err);
}

START_TEST(numbers_keep_lexemes)
{
    ls_jerror err;
    ls_jdoc *d = parse(" [1, 1.0, 1e0, 12345678901234567890, -0, NaN, Infinity, -Infinity, 1.50] ",
                       0, &err);
    ck_assert_ptr_nonnull(d);
    const ls_jnode *r = ls_jdoc_root(d);
    ck_assert_int_eq(r->type, LS_J_ARRAY);
    ck_assert_uint_eq(r->count, 9);
    const char *want[] = {"1", "1.0", "1e0", "12345678901234567890", "-0", "NaN", "Infinity",
                          "-Infinity", "1.50"};
    int is_int[] = {1, 0, 0, 1, 1, 0, 0, 0, 0};
    for (int i = 0; i < 9; i++) {
        ck_assert_int_eq(r->items[i]->type, LS_J_NUMBER);
        ck_assert_str_eq(r->items[i]->str, want[i]);
        ck_assert_uint_eq(r->items[i]->str_len, strlen(want[i]));
        ck_assert_int_eq(ls_jnode_is_int(r->items[i]), is_int[i]);
    }
    ls_jdoc_free(d);
}
END_TEST

START_TEST(objects_and_duplicates)
{
    ls_jerror err;
    ls_jdoc *d = parse("{\"a\": 1, \"b\": [true, false, null], \"a\": \"x\\u0000y\", "
                       "\"c\\u0000\": 2, \"e\": {}}",
                       0, &err);
    ck_assert_ptr_nonnull(d);
    const ls_jnode *r = ls_jdoc_root(d);
    ck_assert_int_eq(r->type, LS_J_OBJECT);
    ck_assert_uint_eq(r->count, 4);
    ck_assert_str_eq(r->keys[0], "a"); /* first position, last value */
    ck_assert_int_eq(r->items[0]->type, LS_J_STRING);
    ck_assert_uint_eq(r->items[0]->str_len, 3);
    ck_assert(memcmp(r->items[0]->str, "x\0y", 4) == 0);
    ck_assert_str_eq(r->keys[1], "b");
    ck_assert_uint_eq(r->items[1]->count, 3);
    ck_assert_int_eq(r->items[1]->items[0]->type, LS_J_TRUE);
    ck_assert_int_eq(r->items[1]->items[1]->type, LS_J_FALSE);
    ck_assert_int_eq(r->items[1]->items[2]->type, LS_J_NULL);
    const ls_jnode *a = ls_jnode_get(r, "a");
    ck_assert_ptr_eq(a, r->items[0]);
    ck_assert_ptr_null(ls_jnode_get(r, "c")); /* the key is "c\0" */
    ck_assert_ptr_null(ls_jnode_get(r, "zz"));
    ck_assert_ptr_null(ls_jnode_get(a, "a"));
    const ls_jnode *e = ls_jnode_get(r, "e");
    ck_assert(e && e->type == LS_J_OBJECT && e->count == 0);
    ck_assert_int_eq(ls_jnode_is_int(a), 0);
    ls_jdoc_free(d);
}
END_TEST

START_TEST(many_keys_with_duplicates)
{
    /* k0..k999, then every tenth key again with a new value */
    char *s = malloc(64 * 1200);
    size_t n = 0;
    s[n++] = '{';
    for (int i = 0; i < 1000; i++)
        n += (size_t)sprintf(s + n, "%s\"k%d\": %d", i ? ", " : "", i, i);
    for (int i = 0; i < 1000; i += 10)
        n += (size_t)sprintf(s + n, ", \"k%d\": \"again\"", i);
    s[n++] = '}';
    ls_jerror err;
    ls_jdoc *d = ls_jdoc_parse(s, n, 0, &err);
    ck_assert_ptr_nonnull(d);
    const ls_jnode *r = ls_jdoc_root(d);
    ck_assert_uint_eq(r->count, 1000);
    ck_assert_str_eq(r->keys[500], "k500");
    ck_assert_int_eq(r->items[500]->type, LS_J_STRING);
    ck_assert_str_eq(r->items[501]->str, "501");
    ck_assert_str_eq(ls_jnode_get(r, "k990")->str, "again");
    ck_assert_str_eq(ls_jnode_get(r, "k999")->str, "999");
    ls_jdoc_free(d);
    free(s);
}
END_TEST

START_TEST(strings_flag_bad_utf8)
{
    ls_jerror err;
    ls_jdoc *d = parse("[\"ok\", \"x\\udfffy\", \"\xff\"]", 0, &err);
    ck_assert_ptr_nonnull(d);
    const ls_jnode *r = ls_jdoc_root(d);
    ck_assert_int_eq(r->items[0]->bad_utf8, 0);
    ck_assert_int_eq(r->items[1]->bad_utf8, 1);
    ck_assert_str_eq(r->items[1]->str, "xy");
    ck_assert_int_eq(r->items[2]->bad_utf8, 1);
    ck_assert_str_eq(r->items[2]->str, "\xff");
    ls_jdoc_free(d);
}
END_TEST

static void expect_fail(const char *s, int depth, size_t offset, const char *msg)
{
    ls_jerror err;
    memset(&err, 0, sizeof err);
    ls_jdoc *d = parse(s, depth, &err);
    ck_assert_msg(d == NULL, "accepted: %s", s);
    ck_assert_msg(err.offset == offset, "offset %zu want %zu: %s", err.offset, offset, s);
    ck_assert_msg(strstr(err.message, msg) != NULL, "message '%s' for %s", err.message, s);
}

START_TEST(errors)
{
    expect_fail("", 0, 0, "empty");
    expect_fail("   ", 0, 3, "empty");
    expect_fail("{\"a\": 1} x", 0, 9, "extra data");
    expect_fail("{\"a\": 1,}", 0, 8, "trailing comma");
    expect_fail("[1,]", 0, 3, "expected a value");
    expect_fail("[01]", 0, 2, "leading zero");
    expect_fail("{\"a\" 1}", 0, 5, "':'");
    expect_fail("[\"a\nb\"]", 0, 3, "control character");
    expect_fail("{\"a\": [1, 2", 0, 11, "end of input");
    expect_fail("\"abc", 0, 4, "unterminated");
    expect_fail("[[[[1]]]]", 3, 3, "nesting deeper than 3 levels");
}
END_TEST

START_TEST(deep_nesting_is_an_error_not_a_crash)
{
    size_t n = 100000;
    char *s = malloc(2 * n + 1);
    memset(s, '[', n);
    memset(s + n, ']', n);
    s[2 * n] = '\0';
    expect_fail(s, 0, 512, "nesting deeper than 512 levels");
    ls_jerror err;
    ls_jdoc *d = ls_jdoc_parse(s, 2 * n, 200000, &err); /* iterative: fine */
    ck_assert_ptr_nonnull(d);
    ls_jdoc_free(d);
    free(s);
    d = parse("[[[1]]]", 3, &err);
    ck_assert_ptr_nonnull(d);
    ls_jdoc_free(d);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json_dom");
    TCase *tc = tcase_create("dom");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, decode_escapes);
    tcase_add_test(tc, decode_bad_input);
    tcase_add_test(tc, numbers_keep_lexemes);
    tcase_add_test(tc, objects_and_duplicates);
    tcase_add_test(tc, many_keys_with_duplicates);
    tcase_add_test(tc, strings_flag_bad_utf8);
    tcase_add_test(tc, errors);
    tcase_add_test(tc, deep_nesting_is_an_error_not_a_crash);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
