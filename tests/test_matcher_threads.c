/* One compiled request shared by two threads, each with its own matcher:
 * the verdicts must be those of a single thread (and of the contract). */
#include <pthread.h>
#include <stdio.h>
#include "matcher_testutil.h"

enum { NLEADS = 4000 };

static const char *const titles[] = {
    "VP Sales",        "SVP, Sales & Marketing", "Chief Executive Officer", "CIO",
    "Wholesales Manager", "Account Executive",   "Head of Engineering",      "\\u00a0",
    "Sr. Director, R&D",  "Gesch\\u00e4ftsf\\u00fchrer", "Intern",           ""};
static const char *const starts[] = {"Mar 2023", "2010", "2021-06-15", "Sept 2020", "bad"};

static char *leads[NLEADS];
static const ls_request *shared_req;

static void make_leads(void)
{
    for (int i = 0; i < NLEADS; i++) {
        char buf[512];
        snprintf(buf, sizeof buf,
                 "{\"sales_id\": \"s%d\", \"job_title\": \"%s\", \"job_started_on\": \"%s\","
                 " \"location\": \"%s\", \"company_id\": %d}",
                 i, titles[i % 12], starts[i % 5], i % 7 ? "Austin, Texas, United States" : "Paris",
                 i % 3 ? 21828 : 5);
        leads[i] = strdup(buf);
        ck_assert_ptr_nonnull(leads[i]);
    }
}

/* Verdict code: persona index, or -10 - filter index, or -1 no persona. */
static void run_all(const ls_request *req, int *out)
{
    ls_matcher *m = NULL;
    ls_matcher_new(req, &m);
    ck_assert_ptr_nonnull(m);
    for (int i = 0; i < NLEADS; i++) {
        ls_verdict v;
        if (ls_match_lead(m, leads[i], strlen(leads[i]), &v) != LS_OK)
            out[i] = -1000;
        else if (v.outcome == LS_DROPPED_BY_FILTER)
            out[i] = -10 - ls_filter_index(v.filter);
        else
            out[i] = v.persona;
    }
    ls_matcher_free(m);
}

static void *thread_main(void *arg)
{
    run_all(shared_req, arg);
    return NULL;
}

START_TEST(two_threads_share_one_request)
{
    make_leads();
    ls_request *req = compile_ok(
        "{'company_id': 21828, 'locations': ['United States'], 'years_in_position': [2, 5],"
        " 'personas': [['Sales', ['sales'], ['vp', 'manager+'], ['account executive'], 1],"
        " ['Exec', [], ['chief', 'cxo'], ['IT']], ['Eng', ['engineering', 'research'],"
        " ['head', 'senior'], []]]}");
    shared_req = req;
    static int single[NLEADS], a[NLEADS], b[NLEADS];
    run_all(req, single);

    /* hand-checked from the contract (as of 2024-06-15):
     * 0: Paris -> locations; 6: "2010", Austin, company 5 -> company_id;
     * 8: "Sept 2020" is not a date -> years_in_position */
    ck_assert_int_eq(single[0], -10 - 3);
    ck_assert_int_eq(single[6], -10 - 10);
    ck_assert_int_eq(single[8], -10 - 8);
    /* 1: "SVP, Sales & Marketing", 2010 (>10 years) -> Sales (svp via vp) */
    ck_assert_int_eq(single[1], 0);
    /* 16: "Wholesales Manager", 2010 -> Sales (inside-word hit, manager+) */
    ck_assert_int_eq(single[16], 0);
    /* 20: "Sr. Director, R&D", Mar 2023 (1 year) -> Eng (research, senior) */
    ck_assert_int_eq(single[20], 2);
    /* 26: "Chief Executive Officer" -> Exec (priority 0 beats nothing else) */
    ck_assert_int_eq(single[26], 1);
    /* 5: "Account Executive", 10: "Intern": pass the filters, no persona */
    ck_assert_int_eq(single[5], -1);
    ck_assert_int_eq(single[10], -1);

    pthread_t ta, tb;
    ck_assert_int_eq(pthread_create(&ta, NULL, thread_main, a), 0);
    ck_assert_int_eq(pthread_create(&tb, NULL, thread_main, b), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    for (int i = 0; i < NLEADS; i++) {
        ck_assert_int_eq(a[i], single[i]);
        ck_assert_int_eq(b[i], single[i]);
    }
    ls_request_free(req);
    for (int i = 0; i < NLEADS; i++)
        free(leads[i]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("matcher_threads");
    TCase *tc = tcase_create("threads");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, two_threads_share_one_request);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
