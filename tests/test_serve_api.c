/* The page's API, called without sockets, on the score fixture.  The
 * baseline is request.json, the edit request_new.json; what changes
 * between them is worked out by hand in test_tuning_diff.c: gained s4, s5
 * and x9, lost s7, reassigned s9. */
#include <pthread.h>
#include <unistd.h>
#include "leadsieve/tools.h"
#include "page.h"
#include "serve_testutil.h"
#include "table.h"

static cJSON *evaluate_file(fixture *f, const char *path, unsigned *status)
{
    char *text = slurp(path, NULL);
    cJSON *doc = api(f, "POST", "api/evaluate", NULL, text, status);
    free(text);
    return doc;
}

START_TEST(session_says_what_is_loaded)
{
    fixture f;
    fixture_open(&f, NULL);
    unsigned st;
    cJSON *s = api(&f, "GET", "api/session", NULL, NULL, &st);
    ck_assert_uint_eq(st, 200);
    ck_assert_int_eq((int)num(s, "leads"), 18);
    ck_assert_str_eq(str(s, "request"), f.request);
    ck_assert_str_eq(str(s, "save_path"), "request.edited.json");
    ck_assert_str_eq(str(s, "labels"), "labels.tsv");
    ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(s, "suggest")));
    /* the baseline's funnel: 18 read, s1 twice, x9 excluded by id */
    ck_assert_int_eq((int)num(s, "base.gen"), 0);
    ck_assert_int_eq((int)num(s, "base.funnel.read"), 18);
    ck_assert_int_eq((int)num(s, "base.funnel.duplicates"), 1);
    ck_assert_int_eq((int)num(s, "base.funnel.matched"), 11);
    ck_assert_int_eq((int)num(s, "base.diff.gained"), 0);
    cJSON_Delete(s);
    fixture_close(&f);
}
END_TEST

START_TEST(an_edit_gives_counts_and_the_diff_that_diff_gives)
{
    fixture f;
    fixture_open(&f, NULL);
    unsigned st;
    cJSON *r = evaluate_file(&f, FIX "request_new.json", &st);
    ck_assert_uint_eq(st, 200);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(r, "valid")));
    ck_assert_int_eq((int)num(r, "gen"), 1);
    ck_assert_int_eq((int)num(r, "diff.gained"), 3);
    ck_assert_int_eq((int)num(r, "diff.lost"), 1);
    ck_assert_int_eq((int)num(r, "diff.reassigned"), 1);
    ck_assert_int_eq((int)num(r, "diff.unchanged"), 9);
    ck_assert_int_eq((int)num(r, "diff.neither"), 3);
    ck_assert_int_eq((int)num(r, "funnel.matched"), 13); /* 11 + 3 - 1 */

    /* the same counts as the library's diff on the same leads */
    size_t alen, blen;
    char *a = slurp(FIX "request_new.json", &alen), *b = slurp(FIX "request.json", &blen);
    ls_request *ra = NULL, *rb = NULL;
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_request_compile(a, alen, NULL, &ra, &errs), LS_OK);
    ck_assert_int_eq(ls_request_compile(b, blen, NULL, &rb, &errs), LS_OK);
    ls_diff *d = NULL;
    ck_assert_int_eq(ls_diff_new(ra, rb, NULL, &d), LS_OK);
    ck_assert_int_eq(ls_diff_add_leads(d, f.leads), LS_OK);
    const ls_diff_result *dr = NULL;
    ck_assert_int_eq(ls_diff_finish(d, &dr), LS_OK);
    ck_assert_int_eq((int)num(r, "diff.gained"), (int)dr->count[LS_DIFF_GAINED]);
    ck_assert_int_eq((int)num(r, "diff.lost"), (int)dr->count[LS_DIFF_LOST]);
    ck_assert_int_eq((int)num(r, "diff.reassigned"), (int)dr->count[LS_DIFF_REASSIGNED]);
    ck_assert_int_eq((int)num(r, "diff.unchanged"), (int)dr->same);
    ck_assert_int_eq((int)num(r, "diff.neither"), (int)dr->neither);
    ls_diff_free(d);
    ls_request_free(ra);
    ls_request_free(rb);
    free(a);
    free(b);
    cJSON_Delete(r);

    /* the table of the gained leads, in input order */
    const char *const args[] = {"gen=1", "show=gained", NULL};
    cJSON *t = api(&f, "GET", "api/leads", args, NULL, &st);
    ck_assert_uint_eq(st, 200);
    ck_assert_int_eq((int)num(t, "total"), 3);
    cJSON *rows = cJSON_GetObjectItem(t, "rows");
    const char *keys[] = {"s4", "s5", "x9"};
    for (int i = 0; i < 3; i++) {
        cJSON *row = cJSON_GetArrayItem(rows, i);
        ck_assert_str_eq(str(row, "key"), keys[i]);
        ck_assert_str_eq(str(row, "change"), "gained");
        ck_assert_str_eq(str(row, "persona"), "Sales");
    }
    ck_assert_str_eq(str(cJSON_GetArrayItem(rows, 2), "was_outcome"), "filtered");
    cJSON_Delete(t);
    const char *const lost[] = {"gen=1", "show=lost", NULL};
    t = api(&f, "GET", "api/leads", lost, NULL, &st);
    ck_assert_int_eq((int)num(t, "total"), 1);
    ck_assert_str_eq(str(cJSON_GetArrayItem(cJSON_GetObjectItem(t, "rows"), 0), "title"),
                     "Wholesales Manager");
    ck_assert_str_eq(str(cJSON_GetArrayItem(cJSON_GetObjectItem(t, "rows"), 0), "was"), "Sales");
    cJSON_Delete(t);
    fixture_close(&f);
}
END_TEST

START_TEST(an_edit_can_bring_its_page_of_the_table)
{
    fixture f;
    fixture_open(&f, NULL);
    unsigned st;
    char *text = slurp(FIX "request_new.json", NULL);
    const char *const view[] = {"show=gained", "limit=2", NULL};
    cJSON *r = api(&f, "POST", "api/evaluate", view, text, &st);
    ck_assert_uint_eq(st, 200);
    const cJSON *t = cJSON_GetObjectItem(r, "table");
    ck_assert_int_eq((int)num(t, "gen"), 1);
    ck_assert_int_eq((int)num(t, "total"), 3); /* s4, s5, x9 */
    const cJSON *rows = cJSON_GetObjectItem(t, "rows");
    ck_assert_int_eq(cJSON_GetArraySize(rows), 2);
    ck_assert_str_eq(str(cJSON_GetArrayItem(rows, 0), "key"), "s4");
    ck_assert_str_eq(str(cJSON_GetArrayItem(rows, 1), "key"), "s5");
    cJSON_Delete(r);
    /* without a view, no table; a malformed one is refused before the run */
    r = api(&f, "POST", "api/evaluate", NULL, text, &st);
    ck_assert_ptr_null(cJSON_GetObjectItem(r, "table"));
    cJSON_Delete(r);
    const char *const bad[] = {"show=all", "limit=501", NULL};
    r = api(&f, "POST", "api/evaluate", bad, text, &st);
    ck_assert_uint_eq(st, 400);
    cJSON_Delete(r);
    free(text);
    fixture_close(&f);
}
END_TEST

START_TEST(an_invalid_edit_gives_its_problems_at_their_paths)
{
    fixture f;
    fixture_open(&f, NULL);
    unsigned st;
    cJSON *r = api(&f, "POST", "api/evaluate", NULL,
                   "{\"without_company\": true, \"personas\": [[\"S\", [\"sales\"], [], [], "
                   "\"high\"]], \"limit_by\": 0}", &st);
    ck_assert_uint_eq(st, 200);
    ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(r, "valid")));
    cJSON *p = cJSON_GetObjectItem(r, "problems");
    ck_assert_int_eq(cJSON_GetArraySize(p), 2);
    ck_assert_str_eq(str(cJSON_GetArrayItem(p, 0), "path"), "personas[0][4]");
    ck_assert_str_eq(str(cJSON_GetArrayItem(p, 1), "path"), "limit_by");
    cJSON_Delete(r);
    /* not JSON: one problem at the whole text, saying where */
    r = api(&f, "POST", "api/evaluate", NULL, "{\"personas\": [", &st);
    p = cJSON_GetObjectItem(r, "problems");
    ck_assert_str_eq(str(cJSON_GetArrayItem(p, 0), "path"), "");
    ck_assert_ptr_nonnull(strstr(str(cJSON_GetArrayItem(p, 0), "hint"), "not valid JSON"));
    cJSON_Delete(r);
    /* the results shown stay the last valid ones: the baseline */
    const char *const args[] = {"gen=0", NULL};
    cJSON *t = api(&f, "GET", "api/leads", args, NULL, &st);
    ck_assert_uint_eq(st, 200);
    ck_assert_int_eq((int)num(t, "total"), 18);
    cJSON_Delete(t);
    fixture_close(&f);
}
END_TEST

START_TEST(warnings_come_with_their_codes)
{
    fixture f;
    fixture_open(&f, NULL);
    unsigned st;
    cJSON *r = api(&f, "POST", "api/evaluate", NULL,
                   "{\"without_company\": true, \"foo\": 1, \"personas\": [[\"S\", [\"sales\"], "
                   "[], [\"account executive\"]]]}", &st);
    cJSON *w = cJSON_GetObjectItem(cJSON_GetObjectItem(r, "lint"), "warnings");
    ck_assert_int_ge(cJSON_GetArraySize(w), 2);
    ck_assert_str_eq(str(cJSON_GetArrayItem(w, 0), "path"), "foo");
    ck_assert_str_eq(str(cJSON_GetArrayItem(w, 0), "code"), "unknown-field");
    int multi = 0;
    cJSON *item;
    cJSON_ArrayForEach(item, w) multi |= strcmp(str(item, "path"), "personas[0][3][0]") == 0 &&
                                         strcmp(str(item, "code"), "prohibit-multi-token") == 0;
    ck_assert(multi);
    cJSON_Delete(r);
    fixture_close(&f);
}
END_TEST

START_TEST(the_table_pages_and_searches)
{
    fixture f;
    fixture_open(&f, NULL);
    unsigned st;
    const char *const page2[] = {"gen=0", "offset=5", "limit=5", NULL};
    cJSON *t = api(&f, "GET", "api/leads", page2, NULL, &st);
    ck_assert_int_eq((int)num(t, "total"), 18);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(t, "rows")), 5);
    ck_assert_int_eq((int)num(cJSON_GetArrayItem(cJSON_GetObjectItem(t, "rows"), 0), "i"), 5);
    cJSON_Delete(t);
    /* any case, as typed */
    const char *const any_case[] = {"gen=0", "q=WHOLESALES", NULL};
    t = api(&f, "GET", "api/leads", any_case, NULL, &st);
    ck_assert_int_eq((int)num(t, "total"), 1);
    cJSON_Delete(t);
    /* normalized: "head sales" is in norm("Head of Sales") */
    const char *const normed[] = {"gen=0", "q=head sales", NULL};
    t = api(&f, "GET", "api/leads", normed, NULL, &st);
    ck_assert_int_eq((int)num(t, "total"), 1);
    ck_assert_str_eq(str(cJSON_GetArrayItem(cJSON_GetObjectItem(t, "rows"), 0), "key"), "s4");
    cJSON_Delete(t);
    /* the key */
    const char *const key[] = {"gen=0", "q=x9", NULL};
    t = api(&f, "GET", "api/leads", key, NULL, &st);
    ck_assert_int_eq((int)num(t, "total"), 1);
    cJSON_Delete(t);
    /* views: a persona, a filter, duplicates */
    const char *const persona[] = {"gen=0", "show=persona:2", NULL};
    t = api(&f, "GET", "api/leads", persona, NULL, &st);
    ck_assert_int_eq((int)num(t, "total"), 2); /* CEO: s6, s10 */
    cJSON_Delete(t);
    const char *const filter[] = {"gen=0", "show=filter:exclude_ids", NULL};
    t = api(&f, "GET", "api/leads", filter, NULL, &st);
    ck_assert_int_eq((int)num(t, "total"), 1);
    cJSON_Delete(t);
    const char *const dup[] = {"gen=0", "show=duplicate", NULL};
    t = api(&f, "GET", "api/leads", dup, NULL, &st);
    ck_assert_int_eq((int)num(t, "total"), 1);
    cJSON_Delete(t);
    /* what is not a view or not a number is refused */
    const char *const bad[][4] = {{"gen=0", "show=persona:9", NULL},
                                  {"gen=0", "show=everything", NULL},
                                  {"gen=0", "limit=501", NULL},
                                  {"gen=zero", NULL},
                                  {"gen=0", "offset=-1", NULL}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        t = api(&f, "GET", "api/leads", bad[i], NULL, &st);
        ck_assert_uint_eq(st, 400);
        cJSON_Delete(t);
    }
    fixture_close(&f);
}
END_TEST

START_TEST(results_replaced_by_a_newer_edit_are_gone)
{
    fixture f;
    fixture_open(&f, NULL);
    unsigned st;
    cJSON_Delete(evaluate_file(&f, FIX "request_new.json", &st));
    cJSON_Delete(evaluate_file(&f, FIX "request.json", &st));
    const char *const old[] = {"gen=1", NULL};
    cJSON *t = api(&f, "GET", "api/leads", old, NULL, &st);
    ck_assert_uint_eq(st, 409);
    ck_assert_int_eq((int)num(t, "gen"), 2);
    cJSON_Delete(t);
    fixture_close(&f);
}
END_TEST

START_TEST(a_lead_is_explained)
{
    fixture f;
    fixture_open(&f, NULL);
    unsigned st;
    cJSON_Delete(evaluate_file(&f, FIX "request_new.json", &st));
    const char *const args[] = {"gen=1", "i=6", NULL}; /* s7 Wholesales Manager */
    cJSON *d = api(&f, "GET", "api/lead", args, NULL, &st);
    ck_assert_uint_eq(st, 200);
    ck_assert_str_eq(str(d, "outcome"), "no_persona");
    ck_assert_str_eq(str(d, "was"), "Sales");
    cJSON *x = cJSON_GetObjectItem(d, "explain");
    ck_assert_str_eq(str(x, "title"), "Wholesales Manager");
    ck_assert_int_eq((int)num(x, "line"), 7);
    cJSON *sales = cJSON_GetArrayItem(cJSON_GetObjectItem(x, "personas"), 0);
    ck_assert_str_eq(str(sales, "prohibit"), "wholesales");
    ck_assert_ptr_nonnull(strstr(str(d, "object"), "\"sales_id\": \"s7\""));
    cJSON_Delete(d);
    const char *const past[] = {"gen=1", "i=18", NULL};
    d = api(&f, "GET", "api/lead", past, NULL, &st);
    ck_assert_uint_eq(st, 400);
    cJSON_Delete(d);
    fixture_close(&f);
}
END_TEST

START_TEST(insights_score_the_edit_on_the_labels)
{
    fixture f;
    fixture_open(&f, NULL);
    unsigned st;
    const char *const base[] = {"gen=0", NULL};
    cJSON *d = api(&f, "GET", "api/insights", base, NULL, &st);
    ck_assert_uint_eq(st, 200);
    cJSON *score = cJSON_GetObjectItem(d, "score");
    ck_assert_int_eq((int)num(score, "leads.scored"), 15); /* as score says: 2 unlabeled */
    ck_assert(cJSON_IsNull(cJSON_GetObjectItem(d, "score_problems")));
    ck_assert_ptr_nonnull(cJSON_GetObjectItem(cJSON_GetObjectItem(d, "lint"), "warnings"));
    cJSON_Delete(d);
    /* a persona renamed: the labels name one the edit has not */
    cJSON_Delete(api(&f, "POST", "api/evaluate", NULL,
                     "{\"without_company\": true, \"personas\": [[\"Sellers\", [\"sales\"], [], "
                     "[]], [\"Marketing\", [\"marketing\"], [], []], [\"CEO\", [\"ceo\"], [], []]]}",
                     &st));
    const char *const edit[] = {"gen=1", NULL};
    d = api(&f, "GET", "api/insights", edit, NULL, &st);
    cJSON *problems = cJSON_GetObjectItem(d, "score_problems");
    ck_assert_int_ge(cJSON_GetArraySize(problems), 1);
    ck_assert_ptr_nonnull(strstr(str(cJSON_GetArrayItem(problems, 0), "hint"), "\"Sales\""));
    cJSON_Delete(d);
    fixture_close(&f);
}
END_TEST

START_TEST(save_writes_only_a_valid_request)
{
    fixture f;
    fixture_open(&f, NULL);
    unsigned st;
    cJSON *d = api(&f, "POST", "api/save", NULL, "{\"limit_by\": 0}", &st);
    ck_assert_uint_eq(st, 400);
    ck_assert_int_eq(f.saves, 0);
    cJSON_Delete(d);
    const char *text = "{\"without_company\": true, \"personas\": [[\"S\", [\"sales\"], [], []]]}";
    d = api(&f, "POST", "api/save", NULL, text, &st);
    ck_assert_uint_eq(st, 200);
    ck_assert_str_eq(str(d, "saved"), "request.edited.json");
    ck_assert_int_eq(f.saves, 1);
    ck_assert_str_eq(f.saved.data, text);
    cJSON_Delete(d);
    d = api(&f, "GET", "api/save", NULL, NULL, &st);
    ck_assert_uint_eq(st, 405);
    cJSON_Delete(d);
    fixture_close(&f);
}
END_TEST

static void no_save(ls_srv_config *cfg)
{
    cfg->save = NULL;
}

START_TEST(a_session_without_a_save_target_saves_nothing)
{
    fixture f;
    fixture_open(&f, no_save);
    unsigned st;
    cJSON *d = api(&f, "POST", "api/save", NULL, f.request, &st);
    ck_assert_uint_eq(st, 403);
    cJSON_Delete(d);
    fixture_close(&f);
}
END_TEST

START_TEST(the_page_and_what_is_refused)
{
    fixture f;
    fixture_open(&f, NULL);
    ls_srv_call c = {"GET", "", NULL, NULL, NULL, 0};
    ls_srv_reply r;
    ls_srv_handle(f.srv, &c, &r);
    ck_assert_uint_eq(r.status, 200);
    ck_assert_str_eq(r.type, "text/html; charset=utf-8");
    ck_assert_ptr_nonnull(r.static_body);
    ck_assert_ptr_nonnull(strstr((const char *)r.static_body, "<script src=\"app.js\""));
    ls_srv_reply_free(&r);
    const struct {
        const char *method, *path;
        size_t len;
        unsigned status;
    } cases[] = {{"GET", "app.js", 0, 200},
                 {"GET", "../../etc/passwd", 0, 404},
                 {"GET", "/etc/passwd", 0, 404},
                 {"GET", "api/nothing", 0, 404},
                 {"POST", "index.html", 0, 405},
                 {"POST", "api/session", 0, 405},
                 {"GET", "api/evaluate", 0, 405},
                 {"POST", "api/evaluate", LS_SRV_MAX_BODY + 1, 413}};
    static char big[LS_SRV_MAX_BODY + 2];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ls_srv_call k = {cases[i].method, cases[i].path, NULL, NULL, cases[i].len ? big : NULL,
                         cases[i].len};
        ls_srv_handle(f.srv, &k, &r);
        ck_assert_msg(r.status == cases[i].status, "%s %s: %u", cases[i].method,
                      cases[i].path, r.status);
        ls_srv_reply_free(&r);
    }
    fixture_close(&f);
}
END_TEST

/* A session over many leads, so that a run lasts long enough to be
 * caught in flight. */
typedef struct racer {
    fixture *f;
    ls_srv_edit outcome;
} racer;

static void *edit_in_thread(void *arg)
{
    racer *r = arg;
    uint64_t gen;
    ls_srv_eval *e = NULL;
    ls_problems *p = NULL;
    ls_status st;
    const char *req = "{\"without_company\": true, \"personas\": [[\"S\", [\"sales\"], [], []]]}";
    r->outcome = ls_srv_evaluate(r->f->srv, req, strlen(req), &gen, &e, &p, &st);
    ls_srv_eval_unref(e);
    ls_problems_free(p);
    return NULL;
}

START_TEST(a_newer_edit_cancels_the_run_in_flight)
{
    fixture f;
    memset(&f, 0, sizeof f);
    ck_assert_int_eq(ls_leads_new(NULL, &f.leads), LS_OK);
    ls_buf text = {0};
    for (int i = 0; i < 200000; i++)
        ls_buf_printf(&text, "{\"sales_id\": \"k%d\", \"job_title\": \"Sales Manager %d\"}\n", i,
                      i % 977);
    ck_assert_int_eq(ls_leads_add_memory(f.leads, "many.jsonl", text.data, text.len), LS_OK);
    ls_buf_free(&text);
    const char *base = "{\"without_company\": true}";
    ls_srv_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.request_text = base;
    cfg.request_len = strlen(base);
    cfg.threads = 1;
    char why[128];
    ck_assert_int_eq(ls_srv_new(&cfg, f.leads, &f.srv, why, sizeof why), 0);
    racer r = {&f, LS_SRV_EDIT_FAILED};
    pthread_t t;
    ck_assert_int_eq(pthread_create(&t, NULL, edit_in_thread, &r), 0);
    for (int running = 0; !running;) { /* wait for its run to start */
        pthread_mutex_lock(&f.srv->mu);
        running = f.srv->running != NULL;
        pthread_mutex_unlock(&f.srv->mu);
        if (!running)
            usleep(100);
    }
    unsigned st;
    /* the score and lint of results about to be replaced wait */
    const char *const gen0[] = {"gen=0", NULL};
    cJSON *d = api(&f, "GET", "api/insights", gen0, NULL, &st);
    ck_assert_uint_eq(st, 409);
    cJSON_Delete(d);
    d = api(&f, "POST", "api/evaluate", NULL, base, &st);
    pthread_join(t, NULL);
    ck_assert_int_eq(r.outcome, LS_SRV_EDIT_SUPERSEDED);
    ck_assert_uint_eq(st, 200);
    ck_assert_int_eq((int)num(d, "gen"), 2);
    ck_assert_int_eq((int)num(d, "funnel.read"), 200000);
    cJSON_Delete(d);
    fixture_close(&f);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("serve_api");
    TCase *tc = tcase_create("api");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, session_says_what_is_loaded);
    tcase_add_test(tc, an_edit_gives_counts_and_the_diff_that_diff_gives);
    tcase_add_test(tc, an_edit_can_bring_its_page_of_the_table);
    tcase_add_test(tc, an_invalid_edit_gives_its_problems_at_their_paths);
    tcase_add_test(tc, warnings_come_with_their_codes);
    tcase_add_test(tc, the_table_pages_and_searches);
    tcase_add_test(tc, results_replaced_by_a_newer_edit_are_gone);
    tcase_add_test(tc, a_lead_is_explained);
    tcase_add_test(tc, insights_score_the_edit_on_the_labels);
    tcase_add_test(tc, save_writes_only_a_valid_request);
    tcase_add_test(tc, a_session_without_a_save_target_saves_nothing);
    tcase_add_test(tc, the_page_and_what_is_refused);
    tcase_add_test(tc, a_newer_edit_cancels_the_run_in_flight);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
