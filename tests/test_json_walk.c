/* Walking validated values: the one-pass object walker and escaped
 * strings with quotes inside, which the SIMD skip must not stop at. */
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json/json.h"

typedef struct seen {
    char text[512];
    size_t members;
} seen;

static void member(void *user, const ls_jval *k, const ls_jval *v)
{
    seen *s = user;
    size_t n = strlen(s->text);
    snprintf(s->text + n, sizeof s->text - n, "%s%.*s=%d:%.*s%s", s->members ? "|" : "",
             (int)k->len, k->p, (int)v->type, (int)v->len, v->p, k->has_escape ? "!" : "");
    s->members++;
}

static ls_jval array_of(const char *text)
{
    ls_jval a = {text, strlen(text), LS_J_ARRAY, 0, 0};
    return a;
}

START_TEST(objects_in_one_pass)
{
    /* non-object elements are passed over; strings long enough for the
     * 16-byte skip hold escaped quotes and backslashes */
    const char *t = "[ 1, \"x\", {\"a\": \"a long value with \\\"quotes\\\" and \\\\ in it!\", "
                    "\"b\": [1, {\"c\": 2}], \"k\\u0065y\": null}, [], {}, {\"z\": true} ]";
    ls_jval a = array_of(t);
    size_t pos = 0;
    seen s;
    memset(&s, 0, sizeof s);
    ck_assert_int_eq(ls_jval_next_object(&a, &pos, member, &s), 1);
    ck_assert_str_eq(s.text, "a=5:a long value with \\\"quotes\\\" and \\\\ in it!|"
                             "b=6:[1, {\"c\": 2}]|k\\u0065y=1:null!");
    memset(&s, 0, sizeof s);
    ck_assert_int_eq(ls_jval_next_object(&a, &pos, member, &s), 1);
    ck_assert_uint_eq(s.members, 0); /* {} */
    ck_assert_int_eq(ls_jval_next_object(&a, &pos, member, &s), 1);
    ck_assert_str_eq(s.text, "z=3:true");
    ck_assert_int_eq(ls_jval_next_object(&a, &pos, member, &s), 0);
}
END_TEST

START_TEST(not_an_array)
{
    ls_jval o = {"{\"a\": 1}", 8, LS_J_OBJECT, 0, 0};
    size_t pos = 0;
    seen s;
    memset(&s, 0, sizeof s);
    ck_assert_int_eq(ls_jval_next_object(&o, &pos, member, &s), 0);
    ls_jval e = array_of("[]");
    ck_assert_int_eq(ls_jval_next_object(&e, &pos, member, &s), 0);
    ck_assert_uint_eq(s.members, 0);
}
END_TEST

START_TEST(escape_flag_of_walked_strings)
{
    /* the flag comes from the skip itself: a backslash anywhere, also
     * beyond the first 16 bytes */
    const char *t = "{\"k\": \"0123456789abcdef0123\\n\", \"m\": \"0123456789abcdef0123\"}";
    ls_jval o = {t, strlen(t), LS_J_OBJECT, 0, 0};
    size_t pos = 0;
    ls_jval k, v;
    ck_assert_int_eq(ls_jval_next(&o, &pos, &k, &v), 1);
    ck_assert_int_eq(v.type, LS_J_STRING);
    ck_assert_int_eq(v.has_escape, 1);
    ck_assert_uint_eq(v.len, 22);
    ck_assert_int_eq(ls_jval_next(&o, &pos, &k, &v), 1);
    ck_assert_int_eq(v.has_escape, 0);
    ck_assert_uint_eq(v.len, 20);
    ck_assert_int_eq(ls_jval_next(&o, &pos, &k, &v), 0);
}
END_TEST

/* Paths into nested values, as --fields names them. */
START_TEST(paths)
{
    const char text[] = "{\"company\": {\"name\": \"Acme\", \"id\": 5, \"a.b\": 1}, "
                        "\"jobs\": [{\"job_title\": \"VP\"}, 7, {\"job_title\": \"R\\u0065p\"}], "
                        "\"m\": [[1, [2, 3]]], \"company\": {\"name\": \"Later\"}, "
                        "\"k\\u0065y\": {\"x\": true}}";
    ls_jval obj = {text, strlen(text), LS_J_OBJECT, 0, 0}, v;
    /* the last "company" wins, as for every member */
    ck_assert_int_eq(ls_jval_path(&obj, "company.name", &v), 1);
    ck_assert_int_eq(v.type, LS_J_STRING);
    ck_assert_int_eq(strncmp(v.p, "Later", v.len), 0);
    ck_assert_int_eq(ls_jval_path(&obj, "company.id", &v), 0);
    ck_assert_int_eq(ls_jval_path(&obj, "jobs[0].job_title", &v), 1);
    ck_assert_int_eq(strncmp(v.p, "VP", v.len), 0);
    ck_assert_int_eq(ls_jval_path(&obj, "jobs[1]", &v), 1);
    ck_assert_int_eq(v.type, LS_J_NUMBER);
    ck_assert_int_eq(ls_jval_path(&obj, "jobs[1].job_title", &v), 0); /* 7 is no object */
    ck_assert_int_eq(ls_jval_path(&obj, "jobs[2].job_title", &v), 1);
    ck_assert_int_eq(v.has_escape, 1);
    ck_assert_int_eq(ls_jval_path(&obj, "jobs[3].job_title", &v), 0);
    ck_assert_int_eq(ls_jval_path(&obj, "m[0][1][1]", &v), 1);
    ck_assert_int_eq(strncmp(v.p, "3", v.len), 0);
    ck_assert_int_eq(ls_jval_path(&obj, "jobs", &v), 1);
    ck_assert_int_eq(v.type, LS_J_ARRAY);
    /* an escaped key is compared decoded */
    ck_assert_int_eq(ls_jval_path(&obj, "key.x", &v), 1);
    ck_assert_int_eq(v.type, LS_J_TRUE);
    /* not paths: empty steps, an index of no digits, a leading step */
    static const char *const bad[] = {"", ".company", "[0]", "company.", "company..name",
                                      "jobs[]", "jobs[x]", "jobs[-1]", "jobs[0", "company.a.b"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        ck_assert_msg(ls_jval_path(&obj, bad[i], &v) == 0, "%s", bad[i]);
    ck_assert_int_eq(ls_jval_is_path("company.name"), 1);
    ck_assert_int_eq(ls_jval_is_path("jobs[0]"), 1);
    ck_assert_int_eq(ls_jval_is_path("full_name"), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json_walk");
    TCase *tc = tcase_create("walk");
    tcase_add_test(tc, objects_in_one_pass);
    tcase_add_test(tc, not_an_array);
    tcase_add_test(tc, escape_flag_of_walked_strings);
    tcase_add_test(tc, paths);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
