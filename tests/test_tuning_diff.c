/* leadsieve diff: groups worked out by hand on tests/data/score/.
 *
 * Baseline B = request.json (Sales: sales / manager, director / intern,
 * prio 1; Marketing: marketing / manager, head, prio 1; CEO: ceo, prio 0;
 * exclude_ids x9).  New A = request_new.json: Sales also "revenue" and
 * "head", prohibits "wholesales" too; Marketing now prio 0 (declared
 * before CEO); no exclude_ids.
 *   s1 Sales Manager          B Sales      A Sales      unchanged
 *   s2 Sales Director         B Sales      A Sales      unchanged
 *   s3 Sales Intern Manager   B none       A none       neither (intern)
 *   s4 Head of Sales          B none       A Sales      gained (head)
 *   s5 Revenue Director       B none       A Sales      gained (revenue)
 *   s6 CEO and Sales Manager  B CEO        A CEO        unchanged (prio 0 beats Sales)
 *   s7 Wholesales Manager     B Sales      A none       lost (prohibit wholesales)
 *   s8 Marketing Manager      B Marketing  A Marketing  unchanged
 *   s9 Sales and Marketing M. B Sales      A Marketing  reassigned (prio 0 now)
 *   s10 Chief Executive Off.  B CEO        A CEO        unchanged
 *   s11 Software Engineer     none         none         neither
 *   x9 Sales Manager          B filtered   A Sales      gained (no exclude_ids)
 *   s1 again                  duplicate: not compared
 *   s14, (no key), s17 Sales Manager: Sales both     unchanged (3)
 *   s16 Marketing Head        Marketing both           unchanged
 *   s18 Intern                none both                neither
 * compared 17: gained 3, lost 1, reassigned 1, unchanged 9, neither 3. */
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/core.h"
#include "tuning/diff.h"
#include "writers/jsonout.h"

#define FIX LS_TEST_DATA "/score/"

static ls_request *load(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    ls_buf b = {0};
    char block[4096];
    size_t n;
    while ((n = fread(block, 1, sizeof block, f)) > 0)
        ck_assert_int_eq(ls_buf_append(&b, block, n), 0);
    fclose(f);
    ls_request *req = NULL;
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_request_compile(b.data, b.len, NULL, &req, &errs), LS_OK);
    ls_problems_free(errs);
    ls_buf_free(&b);
    return req;
}

static void ck_entry(const ls_diff *d, const ls_diff_entry *e, const char *key,
                     const char *title, const char *from, const char *to)
{
    ck_assert_str_eq(e->key, key);
    ck_assert_str_eq(e->title, title);
    ck_assert_str_eq(ls_diff_persona(d, &e->base, 1), from);
    ck_assert_str_eq(ls_diff_persona(d, &e->now, 0), to);
}

START_TEST(groups)
{
    ls_request *a = load(FIX "request_new.json"), *b = load(FIX "request.json");
    ls_diff *d = NULL;
    ck_assert_int_eq(ls_diff_new(a, b, NULL, &d), LS_OK);
    ck_assert_int_eq(ls_diff_add_path(d, FIX "leads.jsonl"), LS_OK);
    const ls_diff_result *r;
    ck_assert_int_eq(ls_diff_finish(d, &r), LS_OK);
    ck_assert_uint_eq(r->input.leads_read, 18);
    ck_assert_uint_eq(r->input.duplicates, 1);
    ck_assert_uint_eq(r->compared, 17);
    ck_assert_uint_eq(r->count[LS_DIFF_GAINED], 3);
    ck_assert_uint_eq(r->count[LS_DIFF_LOST], 1);
    ck_assert_uint_eq(r->count[LS_DIFF_REASSIGNED], 1);
    ck_assert_uint_eq(r->same, 9);
    ck_assert_uint_eq(r->neither, 3);

    const ls_diff_entry *g = r->entries[LS_DIFF_GAINED];
    ck_entry(d, &g[0], "s4", "Head of Sales", "", "Sales");
    ck_assert_int_eq(g[0].base.outcome, LS_NO_PERSONA);
    ck_entry(d, &g[1], "s5", "Revenue Director", "", "Sales");
    ck_entry(d, &g[2], "x9", "Sales Manager", "", "Sales");
    ck_assert_int_eq(g[2].base.outcome, LS_DROPPED_BY_FILTER);
    ck_assert_str_eq(g[2].base.filter, "exclude_ids");
    const ls_diff_entry *l = r->entries[LS_DIFF_LOST];
    ck_entry(d, &l[0], "s7", "Wholesales Manager", "Sales", "");
    ck_assert_int_eq(l[0].now.outcome, LS_NO_PERSONA);
    ck_entry(d, &r->entries[LS_DIFF_REASSIGNED][0], "s9", "Sales and Marketing Manager",
             "Sales", "Marketing");

    cJSON *doc = ls_diff_report(d, r);
    ck_assert_ptr_nonnull(doc);
    ls_buf out = {0};
    ck_assert_int_eq(ls_json_emit(&out, doc, 0), 0);
    cJSON_Delete(doc);
    const char *want[] = {
        "{\"counts\": {\"leads_read\": 18, \"duplicates\": 1, \"malformed\": 0, "
        "\"not_objects\": 0, \"not_leads\": 0, \"files_failed\": 0, \"compared\": 17, \"gained\": 3, "
        "\"lost\": 1, \"reassigned\": 1, \"unchanged\": 9, \"matched_by_neither\": 3}",
        "\"gained\": [{\"key\": \"s4\", \"title\": \"Head of Sales\", \"now\": {\"outcome\": "
        "\"matched\", \"persona\": \"Sales\"}, \"baseline\": {\"outcome\": \"no persona\"}}",
        "{\"key\": \"x9\", \"title\": \"Sales Manager\", \"now\": {\"outcome\": \"matched\", "
        "\"persona\": \"Sales\"}, \"baseline\": {\"outcome\": \"dropped by filter\", "
        "\"filter\": \"exclude_ids\"}}]",
        "\"lost\": [{\"key\": \"s7\", \"title\": \"Wholesales Manager\", \"now\": "
        "{\"outcome\": \"no persona\"}, \"baseline\": {\"outcome\": \"matched\", "
        "\"persona\": \"Sales\"}}]",
        "\"reassigned\": [{\"key\": \"s9\", \"title\": \"Sales and Marketing Manager\", "
        "\"now\": {\"outcome\": \"matched\", \"persona\": \"Marketing\"}, \"baseline\": "
        "{\"outcome\": \"matched\", \"persona\": \"Sales\"}}]}"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        ck_assert_msg(strstr(out.data, want[i]) != NULL, "missing %s\nin %s", want[i], out.data);
    ls_buf_free(&out);
    ls_diff_free(d);
    ls_request_free(a);
    ls_request_free(b);
}
END_TEST

START_TEST(names_not_positions)
{
    /* The same personas in another order and another priority: no lead
     * changes name, so nothing is reassigned; a lead without a key has a
     * NULL key. */
    const char *ja = "{\"without_company\": true, \"personas\": [[\"B\", [\"beta\"], [], []], "
                     "[\"A\", [\"alpha\"], [], [], 3]]}";
    const char *jb = "{\"without_company\": true, \"personas\": [[\"A\", [\"alpha\"], [], []], "
                     "[\"B\", [\"beta\"], [], []]]}";
    ls_request *a = NULL, *b = NULL;
    ls_problems *e = NULL;
    ck_assert_int_eq(ls_request_compile(ja, strlen(ja), NULL, &a, &e), LS_OK);
    ck_assert_int_eq(ls_request_compile(jb, strlen(jb), NULL, &b, &e), LS_OK);
    ls_diff *d = NULL;
    ck_assert_int_eq(ls_diff_new(a, b, NULL, &d), LS_OK);
    const char *leads = "{\"job_title\": \"alpha\"}\n{\"job_title\": \"beta\"}\n"
                        "{\"job_title\": \"alpha beta\"}\n";
    ck_assert_int_eq(ls_diff_add_memory(d, "in", leads, strlen(leads)), LS_OK);
    const ls_diff_result *r;
    ck_assert_int_eq(ls_diff_finish(d, &r), LS_OK);
    /* "alpha beta": B baseline gives A (declared first, both prio 0); the new
     * request ranks B (prio 0) before A (prio 3): reassigned A -> B */
    ck_assert_uint_eq(r->same, 2);
    ck_assert_uint_eq(r->count[LS_DIFF_REASSIGNED], 1);
    ck_assert_ptr_null(r->entries[LS_DIFF_REASSIGNED][0].key);
    ck_assert_str_eq(ls_diff_persona(d, &r->entries[LS_DIFF_REASSIGNED][0].base, 1), "A");
    ck_assert_str_eq(ls_diff_persona(d, &r->entries[LS_DIFF_REASSIGNED][0].now, 0), "B");
    ls_diff_free(d);
    ls_request_free(a);
    ls_request_free(b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tuning_diff");
    TCase *tc = tcase_create("diff");
    tcase_add_test(tc, groups);
    tcase_add_test(tc, names_not_positions);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
