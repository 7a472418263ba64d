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
 * compared 17: gained 3, lost 1, reassigned 1, unchanged 9, neither 3.
 * The reasons, by hand: s4 under B: Sales' function "sales" hits, no
 * seniority ("head" is A's); s5 under B: no function ("revenue" is A's); x9
 * under B: exclude_ids; s7 under A: prohibit "wholesales"; s9 under A:
 * Sales matched too (sales, manager) but Marketing (prio 0) ranks first,
 * and under B: Marketing matched too, ranked after Sales (declared first). */
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
    /* the lead named: key and its field, title and its field, where */
    ck_assert_str_eq(g[0].lead.key_field, "sales_id");
    ck_assert_str_eq(g[0].lead.title_field, "job_title");
    ck_assert_ptr_null(g[0].lead.name);
    ck_assert_str_eq(g[0].lead.file, FIX "leads.jsonl");
    ck_assert_uint_eq(g[0].lead.line, 4);
    ck_assert_uint_eq(g[0].lead.index, LS_NO_INDEX);
    /* s4: A's Sales let it in with "sales" and "head"; B's Sales has no
     * seniority entry it passes */
    ck_assert_int_eq(g[0].now.why, LS_DIFF_WHY_NONE);
    ck_assert_int_eq(g[0].now.assigned.persona, 0);
    ck_assert_str_eq(g[0].now.assigned.function, "sales");
    ck_assert_str_eq(g[0].now.assigned.seniority, "head");
    ck_assert_int_eq(g[0].base.why, LS_DIFF_WHY_NO_SENIORITY);
    ck_assert_int_eq(g[0].base.other.persona, 0);
    ck_assert_str_eq(g[0].base.other.function, "sales");
    ck_assert_ptr_null(g[0].base.other.seniority);
    ck_assert_int_eq(g[0].base.assigned.persona, -1);
    ck_entry(d, &g[1], "s5", "Revenue Director", "", "Sales");
    ck_assert_int_eq(g[1].base.why, LS_DIFF_WHY_NO_FUNCTION);
    ck_assert_str_eq(g[1].now.assigned.function, "revenue");
    ck_entry(d, &g[2], "x9", "Sales Manager", "", "Sales");
    ck_assert_int_eq(g[2].base.outcome, LS_DROPPED_BY_FILTER);
    ck_assert_str_eq(g[2].base.filter, "exclude_ids");
    ck_assert_int_eq(g[2].base.why, LS_DIFF_WHY_FILTER);
    ck_assert_uint_eq(g[2].lead.line, 12);
    const ls_diff_entry *l = r->entries[LS_DIFF_LOST];
    ck_entry(d, &l[0], "s7", "Wholesales Manager", "Sales", "");
    ck_assert_int_eq(l[0].now.outcome, LS_NO_PERSONA);
    ck_assert_int_eq(l[0].now.why, LS_DIFF_WHY_PROHIBITED);
    ck_assert_str_eq(l[0].now.other.prohibit, "wholesales");
    ck_assert_str_eq(l[0].now.other.t.prohibit_token, "wholesales");
    ck_assert_str_eq(l[0].base.assigned.function, "sales");
    ck_assert_int_eq(l[0].base.why, LS_DIFF_WHY_NONE);
    const ls_diff_entry *re = &r->entries[LS_DIFF_REASSIGNED][0];
    ck_entry(d, re, "s9", "Sales and Marketing Manager", "Sales", "Marketing");
    ck_assert_int_eq(re->now.why, LS_DIFF_WHY_TAKEN);
    ck_assert_int_eq(re->now.other.persona, 0); /* A's Sales */
    ck_assert_str_eq(re->now.other.seniority, "manager");
    ck_assert_int_eq(re->base.why, LS_DIFF_WHY_TAKEN);
    ck_assert_int_eq(re->base.other.persona, 1); /* B's Marketing */
    ck_assert_str_eq(ls_diff_why_id(LS_DIFF_WHY_NO_SUCH_PERSONA), "no_such_persona");

    cJSON *doc = ls_diff_report(d, r);
    ck_assert_ptr_nonnull(doc);
    ls_buf out = {0};
    ck_assert_int_eq(ls_json_emit(&out, doc, 0), 0);
    cJSON_Delete(doc);
    const char *want[] = {
        "{\"counts\": {\"leads_read\": 18, \"duplicates\": 1, \"malformed\": 0, "
        "\"not_objects\": 0, \"not_leads\": 0, \"files_failed\": 0, \"compared\": 17, \"gained\": 3, "
        "\"lost\": 1, \"reassigned\": 1, \"unchanged\": 9, \"matched_by_neither\": 3}",
        "\"gained\": [{\"key\": \"s4\", \"key_field\": \"sales_id\", \"name\": null, "
        "\"title\": \"Head of Sales\", \"title_field\": \"job_title\", \"file\": \"" FIX
        "leads.jsonl\", \"line\": 4, \"index\": null, \"now\": {\"outcome\": \"matched\", "
        "\"persona\": \"Sales\", \"function\": \"sales\", \"seniority\": \"head\"}, "
        "\"baseline\": {\"outcome\": \"no persona\", \"why\": {\"reason\": \"no_seniority\", "
        "\"persona\": \"Sales\", \"function\": \"sales\"}}}",
        "\"now\": {\"outcome\": \"matched\", \"persona\": \"Sales\", \"function\": \"sales\", "
        "\"seniority\": \"manager\"}, \"baseline\": {\"outcome\": \"dropped by filter\", "
        "\"filter\": \"exclude_ids\"}}]",
        "\"now\": {\"outcome\": \"no persona\", \"why\": {\"reason\": \"prohibited\", "
        "\"persona\": \"Sales\", \"function\": \"sales\", \"seniority\": \"manager\", "
        "\"prohibit\": \"wholesales\", \"prohibit_token\": \"wholesales\"}}, \"baseline\": "
        "{\"outcome\": \"matched\", \"persona\": \"Sales\", \"function\": \"sales\", "
        "\"seniority\": \"manager\"}}]",
        "\"now\": {\"outcome\": \"matched\", \"persona\": \"Marketing\", \"function\": "
        "\"marketing\", \"seniority\": \"manager\", \"why\": {\"reason\": \"taken\", "
        "\"persona\": \"Sales\", \"function\": \"sales\", \"seniority\": \"manager\"}}"};
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

    /* A persona only one request has, leads of a one-line response: the
     * reason names the missing persona, the index tells the leads apart */
    ja = "{\"without_company\": true, \"personas\": [[\"Data\", [\"data\"], [], []]]}";
    jb = "{\"without_company\": true, \"personas\": [[\"Analytics\", [\"data\"], [], []]]}";
    ck_assert_int_eq(ls_request_compile(ja, strlen(ja), NULL, &a, &e), LS_OK);
    ck_assert_int_eq(ls_request_compile(jb, strlen(jb), NULL, &b, &e), LS_OK);
    ck_assert_int_eq(ls_diff_new(a, b, NULL, &d), LS_OK);
    leads = "{\"leads\": [{\"sales_id\": 7, \"full_name\": \"Ann\", \"job_title\": \"CEO\"}, "
            "{\"lead_id\": \"L2\", \"first_name\": \"Bo\", \"last_name\": \"Ek\", "
            "\"headline\": \"Data Lead\"}]}";
    ck_assert_int_eq(ls_diff_add_memory(d, "one.json", leads, strlen(leads)), LS_OK);
    ck_assert_int_eq(ls_diff_finish(d, &r), LS_OK);
    ck_assert_uint_eq(r->count[LS_DIFF_REASSIGNED], 1);
    const ls_diff_entry *x = &r->entries[LS_DIFF_REASSIGNED][0];
    ck_assert_str_eq(x->lead.key, "L2");
    ck_assert_str_eq(x->lead.key_field, "lead_id");
    ck_assert_str_eq(x->lead.name, "Bo Ek");
    ck_assert_str_eq(x->lead.title, "Data Lead");
    ck_assert_str_eq(x->lead.title_field, "headline");
    ck_assert_str_eq(x->lead.file, "one.json");
    ck_assert_uint_eq(x->lead.line, 1);
    ck_assert_uint_eq(x->lead.index, 1);
    ck_assert_int_eq(x->now.why, LS_DIFF_WHY_NO_SUCH_PERSONA);
    ck_assert_int_eq(x->now.other.persona, -1);
    ck_assert_int_eq(x->base.why, LS_DIFF_WHY_NO_SUCH_PERSONA);
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
