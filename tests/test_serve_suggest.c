/* GET api/suggest: proposals worked out on their own thread, kept by
 * request text, and never given for another edit than theirs.  The real
 * source on tests/data/suggest (the edits `leadsieve suggest` proposes
 * there: Finance + "treasury", then Sales prohibits "wholesales"), and a
 * source that waits to be told, to see a newer edit stop an older one. */
#include <sched.h>
#include <stdatomic.h>
#include <time.h>
#include "background.h"
#include "serve_testutil.h"

#define SFIX LS_TEST_DATA "/suggest/"

static void open_on_suggest(fixture *f, ls_srv_suggest_fn fn, void *user)
{
    memset(f, 0, sizeof *f);
    ck_assert_int_eq(ls_leads_new(NULL, &f->leads), LS_OK);
    ck_assert_int_eq(ls_leads_add_path(f->leads, SFIX "leads.jsonl"), LS_OK);
    size_t rlen, llen;
    f->request = slurp(SFIX "request.json", &rlen);
    f->labels = slurp(SFIX "labels.tsv", &llen);
    ls_srv_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.request_name = "request.json";
    cfg.request_text = f->request;
    cfg.request_len = rlen;
    cfg.labels_name = "labels.tsv";
    cfg.labels_text = f->labels;
    cfg.labels_len = llen;
    cfg.threads = 1;
    cfg.suggest = fn;
    cfg.suggest_user = user;
    char why[256];
    ck_assert_int_eq(ls_srv_new(&cfg, f->leads, &f->srv, why, sizeof why), 0);
}

static cJSON *suggest_of(fixture *f, const char *gen, unsigned *st)
{
    const char *const args[] = {gen, NULL};
    return api(f, "GET", "api/suggest", args, NULL, st);
}

static const cJSON *proposal(const cJSON *d, int i)
{
    return cJSON_GetArrayItem(cJSON_GetObjectItem(d, "proposals"), i);
}

START_TEST(without_labels_the_page_is_told_what_they_need)
{
    fixture f;
    fixture_open(&f, NULL); /* no source of proposals */
    unsigned st;
    cJSON *d = api(&f, "GET", "api/session", NULL, NULL, &st);
    ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(d, "suggest")));
    cJSON_Delete(d);
    d = suggest_of(&f, "gen=0", &st);
    ck_assert_uint_eq(st, 404);
    ck_assert_str_eq(str(d, "error"), "suggestions need labels: start serve with --labels FILE "
                                      "or --label-field NAME");
    cJSON_Delete(d);
    fixture_close(&f);
}
END_TEST

START_TEST(the_proposals_of_suggest_each_applied_in_one_edit)
{
    fixture f;
    open_on_suggest(&f, ls_srv_suggest_personas, NULL);
    unsigned st;
    cJSON *d = api(&f, "GET", "api/session", NULL, NULL, &st);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(d, "suggest")));
    cJSON_Delete(d);
    d = suggest_of(&f, "gen=x", &st);
    ck_assert_uint_eq(st, 400);
    cJSON_Delete(d);

    /* first asked: started, not waited for */
    d = suggest_of(&f, "gen=0", &st);
    ck_assert_uint_eq(st, 202);
    ck_assert_str_eq(str(d, "state"), "computing");
    ck_assert_int_eq((int)num(d, "gen"), 0);
    cJSON_Delete(d);
    ls_srv_bg_counts c = ls_srv_bg_counts_of(f.srv->bg, 1);
    ck_assert_uint_eq(c.started, 1);
    ck_assert_uint_eq(c.finished, 1);

    d = suggest_of(&f, "gen=0", &st);
    ck_assert_uint_eq(st, 200);
    ck_assert_str_eq(str(d, "state"), "done");
    ck_assert_int_eq((int)num(d, "labeled"), 9);
    ck_assert_double_eq_tol(num(d, "f1"), 0.4, 1e-9); /* TP 2, FP 2, FN 4 */
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "proposals")), 2);
    const cJSON *p1 = proposal(d, 0), *p2 = proposal(d, 1);
    ck_assert_str_eq(str(p1, "title"), "Finance: add function \"treasury\"");
    ck_assert_str_eq(str(p1, "kind"), "add_function");
    ck_assert_int_eq((int)num(p1, "edits"), 1);
    ck_assert_double_eq_tol(num(p1, "f1_after"), 10.0 / 13, 1e-9); /* TP 5, FP 2, FN 1 */
    ck_assert_double_eq_tol(num(p1, "gain"), 10.0 / 13 - 0.4, 1e-9);
    ck_assert_int_eq((int)num(p1, "titles_fixed"), 3);
    ck_assert_str_eq(str(p1, "detail"),
                     "micro F1 0.400 → 0.769 (+0.369) on 9 labeled leads; puts 3 title(s) "
                     "right, 0 wrong; kept by 5 of 5 folds (cross-validated +0.369)");
    ck_assert_str_eq(str(p2, "title"), "Sales: add prohibit \"wholesales\"");
    ck_assert_int_eq((int)num(p2, "edits"), 2);
    ck_assert_double_eq_tol(num(p2, "f1_after"), 10.0 / 11, 1e-9); /* TP 5, FP 0, FN 1 */
    ck_assert_ptr_nonnull(strstr(str(p2, "detail"), "with the 1 above: "));
    /* proposal 2 holds both edits, the rest of the text as it was */
    const char *req = str(p2, "request");
    ck_assert_ptr_nonnull(strstr(req, "[\"finance\", \"treasury\"]"));
    ck_assert_ptr_nonnull(strstr(req, "[\"wholesales\"]"));
    ck_assert_ptr_nonnull(strstr(req, "\"without_company\": true"));

    /* applying it is an edit like any other: the counts move */
    char *text = strdup(req);
    cJSON_Delete(d);
    d = api(&f, "POST", "api/evaluate", NULL, text, &st);
    ck_assert_uint_eq(st, 200);
    ck_assert_int_eq((int)num(d, "gen"), 1);
    /* t01 t03 t05 t07 t08; gained the three Treasury managers and
     * director, lost the two Wholesales managers */
    ck_assert_int_eq((int)num(d, "funnel.matched"), 5);
    ck_assert_int_eq((int)num(d, "diff.gained"), 3);
    ck_assert_int_eq((int)num(d, "diff.lost"), 2);
    cJSON_Delete(d);
    free(text);

    d = suggest_of(&f, "gen=1", &st);
    ck_assert_uint_eq(st, 202);
    cJSON_Delete(d);
    ls_srv_bg_counts_of(f.srv->bg, 1);
    d = suggest_of(&f, "gen=1", &st);
    ck_assert_uint_eq(st, 200);
    ck_assert_int_eq((int)num(d, "gen"), 1);
    ck_assert_double_eq_tol(num(d, "f1"), 10.0 / 11, 1e-9);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "proposals")), 0);
    ck_assert_str_eq(str(d, "note"), "no edit raises F1 on the labeled leads");
    cJSON_Delete(d);

    /* back to the request as loaded: its proposals are kept, not worked
     * out again */
    d = api(&f, "POST", "api/evaluate", NULL, f.request, &st);
    ck_assert_uint_eq(st, 200);
    cJSON_Delete(d);
    d = suggest_of(&f, "gen=2", &st);
    ck_assert_uint_eq(st, 200);
    ck_assert_str_eq(str(proposal(d, 0), "title"), "Finance: add function \"treasury\"");
    cJSON_Delete(d);
    c = ls_srv_bg_counts_of(f.srv->bg, 1);
    ck_assert_uint_eq(c.started, 2);
    ck_assert_uint_eq(c.finished, 2);
    ck_assert_uint_eq(c.stopped, 0);
    fixture_close(&f);
}
END_TEST

START_TEST(labels_that_no_longer_fit_give_a_note)
{
    fixture f;
    open_on_suggest(&f, ls_srv_suggest_personas, NULL);
    unsigned st;
    cJSON *d = api(&f, "POST", "api/evaluate", NULL,
                   "{\"without_company\": true, \"personas\": [[\"Money\", [\"finance\"], [], []]]}", &st);
    ck_assert_uint_eq(st, 200);
    cJSON_Delete(d);
    cJSON_Delete(suggest_of(&f, "gen=1", &st));
    ck_assert_uint_eq(st, 202);
    ls_srv_bg_counts_of(f.srv->bg, 1);
    d = suggest_of(&f, "gen=1", &st);
    ck_assert_uint_eq(st, 200);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "proposals")), 0);
    ck_assert_ptr_nonnull(strstr(str(d, "note"), "the labels do not fit this request"));
    cJSON_Delete(d);
    fixture_close(&f);
}
END_TEST

/* A source that holds until told to go on or to stop. */
typedef struct holder {
    atomic_int entered, go, saw_stop;
    char last[256]; /* the text it was given, cut */
} holder;

static ls_status hold(void *user, const ls_srv_suggest_in *in, char **json)
{
    holder *h = user;
    snprintf(h->last, sizeof h->last, "%.*s", (int)(in->len < 200 ? in->len : 200), in->text);
    atomic_fetch_add(&h->entered, 1);
    for (int i = 0; i < 10000; i++) { /* 10 s at most */
        if (in->stop(in->stop_user)) {
            atomic_fetch_add(&h->saw_stop, 1);
            return LS_E_CANCELLED;
        }
        if (atomic_load(&h->go))
            break;
        nanosleep(&(struct timespec){0, 1000000}, NULL);
    }
    char buf[256];
    snprintf(buf, sizeof buf, "{\"proposals\": [{\"title\": \"for %zu bytes\", \"detail\": \"\", "
                              "\"request\": \"{}\"}]}", in->len);
    *json = strdup(buf);
    return LS_OK;
}

static void wait_entered(holder *h, int n)
{
    for (int i = 0; i < 10000 && atomic_load(&h->entered) < n; i++)
        nanosleep(&(struct timespec){0, 1000000}, NULL);
    ck_assert_int_eq(atomic_load(&h->entered), n);
}

START_TEST(a_newer_edit_stops_the_older_computation)
{
    holder h;
    memset(&h, 0, sizeof h);
    fixture f;
    open_on_suggest(&f, hold, &h);
    unsigned st;
    const char *older = "{\"without_company\": true, \"personas\": [[\"Finance\", [\"x\"], [], []]]}";
    cJSON *d = api(&f, "POST", "api/evaluate", NULL, older, &st);
    ck_assert_uint_eq(st, 200);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(d, "valid")));
    cJSON_Delete(d);
    cJSON_Delete(suggest_of(&f, "gen=1", &st));
    ck_assert_uint_eq(st, 202);
    wait_entered(&h, 1);
    /* asked again while under way: no second computation */
    cJSON_Delete(suggest_of(&f, "gen=1", &st));
    ck_assert_uint_eq(st, 202);

    const char *edit = "{\"without_company\": true, \"personas\": [[\"Finance\", [\"y\"], [], []]]}";
    d = api(&f, "POST", "api/evaluate", NULL, edit, &st);
    ck_assert_uint_eq(st, 200);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(d, "valid")));
    cJSON_Delete(d);
    ls_srv_bg_counts c = ls_srv_bg_counts_of(f.srv->bg, 1);
    ck_assert_int_eq(atomic_load(&h.saw_stop), 1);
    ck_assert_uint_eq(c.started, 1);
    ck_assert_uint_eq(c.stopped, 1);
    ck_assert_uint_eq(c.finished, 0);

    /* the older edit's proposals are never given, the newer one's are its */
    cJSON_Delete(suggest_of(&f, "gen=1", &st));
    ck_assert_uint_eq(st, 409);
    cJSON_Delete(suggest_of(&f, "gen=2", &st));
    ck_assert_uint_eq(st, 202);
    wait_entered(&h, 2);
    ck_assert_str_eq(h.last, edit);
    atomic_store(&h.go, 1);
    c = ls_srv_bg_counts_of(f.srv->bg, 1);
    ck_assert_uint_eq(c.started, 2);
    ck_assert_uint_eq(c.finished, 1);
    d = suggest_of(&f, "gen=2", &st);
    ck_assert_uint_eq(st, 200);
    ck_assert_int_eq((int)num(d, "gen"), 2);
    char want[64];
    snprintf(want, sizeof want, "for %zu bytes", strlen(edit));
    ck_assert_str_eq(str(proposal(d, 0), "title"), want);
    cJSON_Delete(d);
    fixture_close(&f);
}
END_TEST

START_TEST(closing_the_session_stops_the_computation)
{
    holder h;
    memset(&h, 0, sizeof h);
    fixture f;
    open_on_suggest(&f, hold, &h);
    unsigned st;
    cJSON_Delete(suggest_of(&f, "gen=0", &st));
    ck_assert_uint_eq(st, 202);
    wait_entered(&h, 1);
    fixture_close(&f); /* joins the thread: returns only once the source stopped */
    ck_assert_int_eq(atomic_load(&h.saw_stop), 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("serve_suggest");
    TCase *tc = tcase_create("suggest");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, without_labels_the_page_is_told_what_they_need);
    tcase_add_test(tc, the_proposals_of_suggest_each_applied_in_one_edit);
    tcase_add_test(tc, labels_that_no_longer_fit_give_a_note);
    tcase_add_test(tc, a_newer_edit_stops_the_older_computation);
    tcase_add_test(tc, closing_the_session_stops_the_computation);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
