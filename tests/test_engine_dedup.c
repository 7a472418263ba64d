/* Duplicates (contract §3): first non-blank of sales_id, linkedin_url,
 * linkedin_id; exact value with its JSON type; before any filter; within
 * and across inputs; the first is kept. */
#include "engine_testutil.h"
#include "engine/dedup.h"

#define NOPERSONA "{\"without_company\": true}"

static uint64_t dups_of(const char *req_json, const char *const *inputs)
{
    ls_request *req = compile_req(req_json);
    ls_run *run = run_inputs(req, inputs, 0);
    uint64_t d = ls_run_get_stats(run)->duplicates;
    ls_run_free(run);
    ls_request_free(req);
    return d;
}

START_TEST(sales_id_keeps_first)
{
    const char *in[] = {"{\"sales_id\": \"A\", \"n\": 1}\n{\"sales_id\": \"A\", \"n\": 2}\n"
                        "{\"sales_id\": \"B\", \"n\": 3}\n",
                        NULL};
    char *out = filter_json(NOPERSONA, in);
    ck_assert_str_eq(out, "{\"amount\": -2, \"leads\": [{\"sales_id\": \"A\", \"n\": 1}, "
                          "{\"sales_id\": \"B\", \"n\": 3}], \"results_count\": \"within limit\"}\n");
    free(out);
}
END_TEST

START_TEST(each_key_field)
{
    const char *url[] = {"{\"linkedin_url\": \"u\"}\n{\"linkedin_url\": \"u\"}\n", NULL};
    ck_assert_uint_eq(dups_of(NOPERSONA, url), 1);
    const char *id[] = {"{\"linkedin_id\": \"i\"}\n{\"linkedin_id\": \"i\"}\n", NULL};
    ck_assert_uint_eq(dups_of(NOPERSONA, id), 1);
    /* sales_id decides first: the same linkedin_url with different sales_ids
     * are two leads. */
    const char *first[] = {"{\"sales_id\": \"a\", \"linkedin_url\": \"u\"}\n"
                           "{\"sales_id\": \"b\", \"linkedin_url\": \"u\"}\n",
                           NULL};
    ck_assert_uint_eq(dups_of(NOPERSONA, first), 0);
    /* The same value under different fields is not the same key. */
    const char *cross[] = {"{\"sales_id\": \"x\"}\n{\"linkedin_url\": \"x\"}\n", NULL};
    ck_assert_uint_eq(dups_of(NOPERSONA, cross), 0);
}
END_TEST

START_TEST(blank_falls_through)
{
    /* Blank sales_id (whitespace only) and null: linkedin_url decides. */
    const char *in[] = {"{\"sales_id\": \" \\t\", \"linkedin_url\": \"u\"}\n"
                        "{\"sales_id\": null, \"linkedin_url\": \"u\"}\n"
                        "{\"sales_id\": \"\", \"linkedin_url\": \"v\", \"linkedin_id\": 5}\n"
                        "{\"linkedin_url\": \"   \", \"linkedin_id\": 5}\n",
                        NULL};
    ck_assert_uint_eq(dups_of(NOPERSONA, in), 1);
    /* A blank sales_id shared by two leads with no other key: no key at all. */
    const char *none[] = {"{\"sales_id\": \"  \"}\n{\"sales_id\": \"  \"}\n{}\n{}\n", NULL};
    ck_assert_uint_eq(dups_of(NOPERSONA, none), 0);
}
END_TEST

START_TEST(type_is_part_of_value)
{
    const char *in[] = {"{\"sales_id\": \"7\"}\n{\"sales_id\": 7}\n{\"sales_id\": 7}\n", NULL};
    ck_assert_uint_eq(dups_of(NOPERSONA, in), 1);
    /* Booleans, arrays and objects are not keys: linkedin_url decides. */
    const char *nk[] = {"{\"sales_id\": true, \"linkedin_url\": \"a\"}\n"
                        "{\"sales_id\": true, \"linkedin_url\": \"b\"}\n"
                        "{\"sales_id\": [1], \"linkedin_url\": \"c\"}\n"
                        "{\"sales_id\": [1], \"linkedin_url\": \"d\"}\n",
                        NULL};
    ck_assert_uint_eq(dups_of(NOPERSONA, nk), 0);
    /* Strings compare decoded: "\u0041" is "A". */
    const char *esc[] = {"{\"sales_id\": \"\\u0041b\"}\n{\"sales_id\": \"Ab\"}\n", NULL};
    ck_assert_uint_eq(dups_of(NOPERSONA, esc), 1);
    /* Exact: case and surrounding spaces count. */
    const char *exact[] = {"{\"sales_id\": \"ab\"}\n{\"sales_id\": \"AB\"}\n"
                           "{\"sales_id\": \" ab\"}\n",
                           NULL};
    ck_assert_uint_eq(dups_of(NOPERSONA, exact), 0);
}
END_TEST

START_TEST(across_inputs_before_filters)
{
    /* The first copy is dropped by a filter; the second is still a
     * duplicate (dedup comes first), so nothing is returned. */
    const char *in[] = {"[{\"sales_id\": \"s1\", \"industry\": \"Mining\"}]",
                        "{\"sales_id\": \"s1\", \"industry\": \"Software\"}", NULL};
    ls_request *req = compile_req("{\"without_company\": true, \"lead_industries\": [\"software\"]}");
    ls_run *run = run_inputs(req, in, 0);
    const ls_run_stats *s = ls_run_get_stats(run);
    ck_assert_uint_eq(s->leads_read, 2);
    ck_assert_uint_eq(s->duplicates, 1);
    ck_assert_uint_eq(s->matched, 0);
    ck_assert_uint_eq(s->files_read, 2);
    int li = -1;
    for (size_t i = 0; i < ls_run_filter_count(run); i++)
        if (strcmp(ls_run_filter_name(run, i), "lead_industries") == 0)
            li = (int)i;
    ck_assert_int_ge(li, 0);
    ck_assert_uint_eq(ls_run_filter_dropped(run, (size_t)li), 1);
    ls_run_free(run);
    ls_request_free(req);
}
END_TEST

START_TEST(set_is_exact)
{
    ls_dedup d;
    ls_dedup_init(&d);
    char key[32];
    for (int i = 0; i < 200000; i++) {
        int n = snprintf(key, sizeof key, "k%d", i);
        ck_assert_int_eq(ls_dedup_insert(&d, key, (size_t)n), 1);
    }
    for (int i = 0; i < 200000; i++) {
        int n = snprintf(key, sizeof key, "k%d", i);
        ck_assert_int_eq(ls_dedup_insert(&d, key, (size_t)n), 0);
    }
    /* A prefix, an empty key and a key with NUL bytes are distinct keys. */
    ck_assert_int_eq(ls_dedup_insert(&d, "k1", 1), 1);
    ck_assert_int_eq(ls_dedup_insert(&d, "", 0), 1);
    ck_assert_int_eq(ls_dedup_insert(&d, "k1\0x", 4), 1);
    ck_assert_int_eq(ls_dedup_insert(&d, "k1\0y", 4), 1);
    ck_assert_uint_eq(d.count, 200004);
    ls_dedup_free(&d);
}
END_TEST

/* v1 leads (addendum §1): the lead key is the first non-blank of sales_id,
 * lead_id, id, linkedin_url, linkedin_id; lead_id and id are v1's sales_id */
START_TEST(v1_lead_id_and_id)
{
    const char *lid[] = {"{\"lead_id\": \"ACwAA1\", \"n\": 1}\n{\"lead_id\": \"ACwAA1\", \"n\": 2}\n"
                         "{\"lead_id\": \"ACwAA2\", \"n\": 3}\n",
                         NULL};
    char *out = filter_json(NOPERSONA, lid);
    ck_assert_str_eq(out, "{\"amount\": -2, \"leads\": [{\"lead_id\": \"ACwAA1\", \"n\": 1}, "
                          "{\"lead_id\": \"ACwAA2\", \"n\": 3}], \"results_count\": \"within limit\"}\n");
    free(out);
    const char *id[] = {"{\"id\": 7}\n{\"id\": 7}\n{\"id\": \"7\"}\n", NULL};
    ck_assert_uint_eq(dups_of(NOPERSONA, id), 1);
    /* one lead from both APIs: sales_id and lead_id are one key */
    const char *both[] = {"{\"sales_id\": \"S1\"}\n", "{\"lead_id\": \"S1\"}\n{\"id\": \"S1\"}\n",
                          NULL};
    ck_assert_uint_eq(dups_of(NOPERSONA, both), 2);
    /* sales_id before lead_id before id before linkedin_url */
    const char *order[] = {"{\"sales_id\": \"a\", \"lead_id\": \"L\"}\n"
                           "{\"sales_id\": \"b\", \"lead_id\": \"L\"}\n"
                           "{\"lead_id\": \"c\", \"id\": \"I\", \"linkedin_url\": \"u\"}\n"
                           "{\"lead_id\": \"d\", \"id\": \"I\", \"linkedin_url\": \"u\"}\n"
                           "{\"lead_id\": \" \", \"id\": null, \"linkedin_url\": \"u\"}\n",
                           NULL};
    ck_assert_uint_eq(dups_of(NOPERSONA, order), 0);
    const char *blank[] = {"{\"sales_id\": \"\", \"lead_id\": \"L\"}\n{\"lead_id\": \"L\"}\n", NULL};
    ck_assert_uint_eq(dups_of(NOPERSONA, blank), 1);
    /* a blank lead_id and a null id pass the key on to linkedin_url */
    const char *to_url[] = {"{\"lead_id\": \" \", \"id\": null, \"linkedin_url\": \"u\"}\n"
                            "{\"linkedin_url\": \"u\"}\n",
                            NULL};
    ck_assert_uint_eq(dups_of(NOPERSONA, to_url), 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("engine_dedup");
    TCase *tc = tcase_create("dedup");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, sales_id_keeps_first);
    tcase_add_test(tc, each_key_field);
    tcase_add_test(tc, blank_falls_through);
    tcase_add_test(tc, type_is_part_of_value);
    tcase_add_test(tc, across_inputs_before_filters);
    tcase_add_test(tc, set_is_exact);
    tcase_add_test(tc, v1_lead_id_and_id);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
