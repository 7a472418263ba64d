/* Ranking and limit (contract §4): matched leads by (priority of the
 * assigned persona, input order); limit_by keeps the first N; "limit
 * reached" iff matches exceed it.  Spilled spools give the same output. */
#include "engine_testutil.h"

#define PERSONAS "\"personas\": [[\"CEO\", [\"ceo\"], [], [], 1], [\"Sales\", [\"sales\"], [], [], 0]]"

static const char *const four[] = {
    "{\"sales_id\": \"1\", \"job_title\": \"CEO\"}\n"
    "{\"sales_id\": \"2\", \"job_title\": \"Sales manager\"}\n"
    "{\"sales_id\": \"3\", \"job_title\": \"CEO\"}\n"
    "{\"sales_id\": \"4\", \"job_title\": \"Sales rep\"}\n"
    "{\"sales_id\": \"5\", \"job_title\": \"Gardener\"}\n",
    NULL};

typedef struct order {
    char ids[64];
    size_t n;
} order;

static int collect(void *user, const char *lead, size_t len, int persona)
{
    order *o = user;
    const char *p = memmem(lead, len, "\"sales_id\": \"", 13);
    ck_assert_ptr_nonnull(p);
    o->ids[o->n++] = p[13];
    o->ids[o->n++] = persona == 0 ? 'c' : persona == 1 ? 's' : '?';
    o->ids[o->n] = '\0';
    return 0;
}

static void check_order(const char *req_json, const char *expect, uint64_t matched,
                        uint64_t returned, int reached)
{
    ls_request *req = compile_req(req_json);
    ls_run *run = run_inputs(req, four, 0);
    order o = {{0}, 0};
    ck_assert_int_eq(ls_run_foreach_result(run, collect, &o), LS_OK);
    ck_assert_str_eq(o.ids, expect);
    const ls_run_stats *s = ls_run_get_stats(run);
    ck_assert_uint_eq(s->matched, matched);
    ck_assert_uint_eq(s->returned, returned);
    ck_assert_int_eq(s->limit_reached, reached);
    ck_assert_uint_eq(s->no_persona, 1);
    ck_assert_uint_eq(ls_run_persona_matched(run, 0), 2);
    ck_assert_uint_eq(ls_run_persona_matched(run, 1), 2);
    ls_run_free(run);
    ls_request_free(req);
}

START_TEST(priority_then_input_order)
{
    check_order("{\"without_company\": true, " PERSONAS "}", "2s4s1c3c", 4, 4, 0);
}
END_TEST

START_TEST(limit_cuts_lower_priority)
{
    check_order("{\"without_company\": true, \"limit_by\": 3, " PERSONAS "}", "2s4s1c", 4, 3, 1);
    check_order("{\"without_company\": true, \"limit_by\": 4, " PERSONAS "}", "2s4s1c3c", 4, 4, 0);
    check_order("{\"without_company\": true, \"limit_by\": 1, " PERSONAS "}", "2s", 4, 1, 1);
}
END_TEST

START_TEST(negative_priority_and_ties)
{
    /* Equal priorities: input order alone, whatever the persona. */
    check_order("{\"without_company\": true, \"personas\": [[\"CEO\", [\"ceo\"], [], [], 5], "
                "[\"Sales\", [\"sales\"], [], [], 5]]}",
                "1c2s3c4s", 4, 4, 0);
    check_order("{\"without_company\": true, \"personas\": [[\"CEO\", [\"ceo\"], [], [], -3], "
                "[\"Sales\", [\"sales\"], [], []]]}",
                "1c3c2s4s", 4, 4, 0);
}
END_TEST

START_TEST(json_limit_reached_text)
{
    const char *in[] = {"{\"job_title\": \"CEO\"}\n{\"job_title\": \"CEO\"}\n", NULL};
    char *out = filter_json("{\"without_company\": true, \"limit_by\": 1, "
                            "\"personas\": [[\"Boss\", [\"ceo\"], [], []]]}",
                            in);
    ck_assert_str_eq(out, "{\"amount\": -1, \"leads\": [{\"job_title\": \"CEO\", "
                          "\"linkedin_lead_persona\": \"Boss\"}], "
                          "\"results_count\": \"limit reached\"}\n");
    free(out);
}
END_TEST

/* 3000 leads, every third a CEO: Sales leads first in input order, then
 * the CEOs; identical whether the spools stay in memory or spill. */
START_TEST(spill_gives_same_output)
{
    ls_buf in = {0};
    for (int i = 0; i < 3000; i++)
        ck_assert_int_eq(ls_buf_printf(&in, "{\"sales_id\": \"%d\", \"job_title\": \"%s\"}\n", i,
                                       i % 3 == 0 ? "CEO" : "Sales rep"),
                         0);
    const char *inputs[] = {in.data, NULL};
    ls_request *req = compile_req("{\"without_company\": true, \"limit_by\": 2400, " PERSONAS "}");
    ls_run *mem = run_inputs(req, inputs, 0);
    ls_run *disk = run_inputs(req, inputs, 1);
    ck_assert_uint_eq(ls_run_spilled_spools(mem), 0);
    ck_assert_uint_eq(ls_run_spilled_spools(disk), 2);
    char *a = write_fmt(mem, LS_FORMAT_JSONL), *b = write_fmt(disk, LS_FORMAT_JSONL);
    ck_assert_str_eq(a, b);
    /* Written twice from a spilled spool: the same again. */
    char *c = write_fmt(disk, LS_FORMAT_JSONL);
    ck_assert_str_eq(b, c);
    /* Line 1: sales_id 1; line 2000 (the last Sales lead): 2999; line 2001:
     * the first CEO, 0; 2400 lines in all (the cap with without_company). */
    ck_assert(strncmp(a, "{\"sales_id\":\"1\",", 16) == 0);
    size_t lines = 0;
    const char *line = a;
    for (const char *p = a; *p; p++)
        if (*p == '\n') {
            lines++;
            if (lines == 2000)
                ck_assert(strncmp(line, "{\"sales_id\":\"2999\",", 19) == 0);
            if (lines == 2001)
                ck_assert(strncmp(line, "{\"sales_id\":\"0\",\"job_title\":\"CEO\","
                                        "\"linkedin_lead_persona\":\"CEO\"}", 63) == 0);
            line = p + 1;
        }
    ck_assert_uint_eq(lines, 2400);
    ck_assert_int_eq(ls_run_get_stats(disk)->limit_reached, 1);
    free(a);
    free(b);
    free(c);
    ls_buf_free(&in);
    ls_run_free(mem);
    ls_run_free(disk);
    ls_request_free(req);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("engine_rank");
    TCase *tc = tcase_create("rank");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, priority_then_input_order);
    tcase_add_test(tc, limit_cuts_lower_priority);
    tcase_add_test(tc, negative_priority_and_ties);
    tcase_add_test(tc, json_limit_reached_text);
    tcase_add_test(tc, spill_gives_same_output);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
