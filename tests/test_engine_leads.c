/* Leads kept in memory and run again: the same response and counts as
 * reading the inputs, for any request, as often as asked; cancellable. */
#include "engine_testutil.h"

static const char *const inputs[] = {
    "{\"leads\": [{\"sales_id\": \"a\", \"job_title\": \"VP Sales\", \"location\": \"Berlin, Germany\"},"
    " {\"sales_id\": \"b\", \"job_title\": \"Head of Marketing\", \"location\": \"Paris, France\"}]}",
    "{\"sales_id\": \"a\", \"job_title\": \"VP Sales\"}\n7\n{broken\n"
    "{\"without_company\": true, \"personas\": []}\n"
    "{\"sales_id\": \"c\", \"job_title\": \"Sales Manager\", \"location\": \"Munich, Germany\"}\n",
    NULL};

static const char *const requests[] = {
    "{\"without_company\": true, \"personas\": [[\"Sales\", [\"sales\"], [], []]]}",
    "{\"without_company\": true, \"locations\": [\"Germany\"], \"limit_by\": 1,"
    " \"personas\": [[\"M\", [\"marketing\"], [], [], 0], [\"S\", [\"sales\"], [\"vp\"], [], 1]]}",
    NULL};

static char *run_kept(const ls_request *req, const ls_leads *leads, ls_run_stats *stats)
{
    ls_run *run = NULL;
    ck_assert_int_eq(ls_run_new(req, NULL, &run), LS_OK);
    ck_assert_int_eq(ls_run_add_leads(run, leads), LS_OK);
    ck_assert_int_eq(ls_run_finish(run), LS_OK);
    *stats = *ls_run_get_stats(run);
    char *out = write_fmt(run, LS_FORMAT_JSON);
    ls_run_free(run);
    return out;
}

START_TEST(kept_leads_give_what_reading_gives)
{
    ls_leads *leads = NULL;
    ck_assert_int_eq(ls_leads_new(NULL, &leads), LS_OK);
    for (size_t i = 0; inputs[i]; i++) {
        char name[8];
        snprintf(name, sizeof name, "in%zu", i);
        ck_assert_int_eq(ls_leads_add_memory(leads, name, inputs[i], strlen(inputs[i])), LS_OK);
    }
    /* four lead objects, the duplicate "a" among them; the 7, the broken
     * record and the request are not leads */
    ck_assert_uint_eq(ls_leads_count(leads), 4);
    size_t len;
    const char *first = ls_leads_get(leads, 0, &len);
    ck_assert_int_eq(len, 73); /* the object as written */
    ck_assert_int_eq(strncmp(first, "{\"sales_id\": \"a\"", 16), 0);
    ck_assert_ptr_null(ls_leads_get(leads, 4, &len));

    for (size_t r = 0; requests[r]; r++) {
        ls_request *req = compile_req(requests[r]);
        ls_run *direct = run_inputs(req, inputs, 0);
        char *want = write_fmt(direct, LS_FORMAT_JSON);
        const ls_run_stats *ws = ls_run_get_stats(direct);
        for (int again = 0; again < 2; again++) { /* the same leads, run twice */
            ls_run_stats gs;
            char *got = run_kept(req, leads, &gs);
            ck_assert_str_eq(got, want);
            ck_assert_uint_eq(gs.files_read, ws->files_read);
            ck_assert_uint_eq(gs.leads_read, ws->leads_read);
            ck_assert_uint_eq(gs.malformed, ws->malformed);
            ck_assert_uint_eq(gs.not_objects, ws->not_objects);
            ck_assert_uint_eq(gs.not_leads, 1);
            ck_assert_uint_eq(gs.not_leads, ws->not_leads);
            ck_assert_uint_eq(gs.duplicates, ws->duplicates);
            ck_assert_uint_eq(gs.matched, ws->matched);
            ck_assert_uint_eq(gs.returned, ws->returned);
            free(got);
        }
        free(want);
        ls_run_free(direct);
        ls_request_free(req);
    }
    ls_leads_free(leads);
}
END_TEST

START_TEST(a_cancelled_run_over_kept_leads_stops)
{
    ls_leads *leads = NULL;
    ck_assert_int_eq(ls_leads_new(NULL, &leads), LS_OK);
    ck_assert_int_eq(ls_leads_add_memory(leads, "in", inputs[1], strlen(inputs[1])), LS_OK);
    ls_request *req = compile_req(requests[0]);
    ls_run *run = NULL;
    ck_assert_int_eq(ls_run_new(req, NULL, &run), LS_OK);
    ls_run_cancel(run); /* a newer edit came in before this run started */
    ck_assert_int_eq(ls_run_add_leads(run, leads), LS_E_CANCELLED);
    ck_assert_int_eq(ls_run_finish(run), LS_E_CANCELLED);
    ck_assert_uint_eq(ls_run_get_stats(run)->leads_read, 0);
    ls_run_free(run);
    ck_assert_int_eq(ls_run_add_leads(NULL, leads), LS_E_USAGE);
    ls_request_free(req);
    ls_leads_free(leads);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("engine_leads");
    TCase *tc = tcase_create("leads");
    tcase_add_test(tc, kept_leads_give_what_reading_gives);
    tcase_add_test(tc, a_cancelled_run_over_kept_leads_stops);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
