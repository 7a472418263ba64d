/* leadsieve suggest: every figure against counts worked out by hand on the
 * fixture tests/data/suggest/ (request.json, leads.jsonl, labels.tsv).
 *
 * The request: Finance (finance / manager, director / prohibit intern),
 * Sales (sales / manager), both priority 0, Finance declared first.
 * Folds (k = 2) are FNV-1a 64 of the key mod 2: t01 t03 t05 t07 t09 in
 * fold 0, t02 t04 t06 t08 in fold 1.  Lead by lead (label -> assigned):
 *   t01 Finance Manager            Finance -> Finance   TP           fold 0
 *   t02 Treasury Clerk             -       -> none      right        fold 1
 *   t03 Treasury Manager           Finance -> none      FN (function) fold 0
 *   t04 Wholesales Store Manager   -       -> Sales     FP ("sales" inside a word) fold 1
 *   t05 Treasury Director          Finance -> none      FN (function) fold 0
 *   t06 Finance Manager (Intern)   Finance -> none      FN (prohibit) fold 1
 *   t07 Sales Manager              Sales   -> Sales     TP           fold 0
 *   t08 Senior Treasury Manager    Finance -> none      FN (function) fold 1
 *   t09 Wholesales Manager         -       -> Sales     FP           fold 0
 *   t01 again: a duplicate; t11: no label.
 * Before: TP 2, FP 2, FN 4: P 2/4, R 2/6, F1 4/10.
 * Round 1, the candidates that pass (F1 rises, at least 2 titles put right):
 *   Finance + function "treasury" (a word of t03 t05 t08, 3 titles; t02
 *     lacks a seniority): TP 5 FP 2 FN 1, F1 10/13;
 *   Finance + "treasury manager" (t03 t08): F1 8/12;  + "manager" (t03 t08
 *     gained, t07 taken from Sales): TP 3 FP 3 FN 3, F1 6/12;
 *   Sales + prohibit "wholesales" (t04 t09): TP 2 FP 0 FN 4, F1 4/8;
 *   drop "intern" puts right one title only (t06): refused.
 *   -> "treasury": dP 5/7 - 1/2, dR 5/6 - 2/6, dF1 10/13 - 4/10, 3 titles.
 * Round 2: "wholesales": TP 5 FP 0 FN 1, F1 10/11; dP 1 - 5/7, dR 0.
 * Round 3: nothing passes.
 * Cross-validation (pooled over the two held-out folds; before = 2/2/4):
 *   "treasury": fold 0 held out, fold 1 trains: it puts right t08 only:
 *     refused; fold 1 held out, fold 0 trains: t03 t05, accepted, and
 *     fold 1 gains t08: TP 3 FP 2 FN 3, kept 1/2, F1 6/11.
 *   "wholesales": each fold holds one of t04 t09: refused twice, kept 0/2.
 *   Chosen afresh per fold: fold 1 alone proposes nothing (every phrase is
 *   in one title); fold 0 chooses "treasury" (its FP t09 is one title):
 *   the same 3/2/3. */
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/core.h"
#include "leadsieve/tools.h"

#define FIX LS_TEST_DATA "/suggest/"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    ls_buf b = {0};
    char block[4096];
    size_t n;
    while ((n = fread(block, 1, sizeof block, f)) > 0)
        ck_assert_int_eq(ls_buf_append(&b, block, n), 0);
    fclose(f);
    ck_assert_int_eq(ls_buf_reserve(&b, 1), 0);
    b.data[b.len] = '\0';
    *len = b.len;
    return b.data;
}

static ls_request *compile(const char *json, size_t len)
{
    ls_request *req = NULL;
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_request_compile(json, len, NULL, &req, &errs), LS_OK);
    ls_problems_free(errs);
    return req;
}

typedef struct run {
    char *request;
    size_t request_len;
    ls_request *req;
    ls_persona_suggest *ps;
    const ls_persona_suggest_result *r;
} run;

/* The fixture with labels from the table (or the "want" field). */
static run suggest_fixture(int from_field, size_t folds, double holdout)
{
    run x;
    x.request = slurp(FIX "request.json", &x.request_len);
    x.req = compile(x.request, x.request_len);
    ls_persona_suggest_options o;
    ls_persona_suggest_options_init(&o);
    o.label_field = from_field ? "want" : NULL;
    o.folds = folds;
    o.holdout = holdout;
    ck_assert_int_eq(ls_persona_suggest_new(x.req, &o, &x.ps), LS_OK);
    if (!from_field) {
        size_t len;
        char *labels = slurp(FIX "labels.tsv", &len);
        ls_problems *errs = NULL;
        ck_assert_int_eq(ls_persona_suggest_load_labels(x.ps, "labels.tsv", labels, len, &errs),
                         LS_OK);
        ck_assert_ptr_null(errs);
        free(labels);
    }
    ck_assert_int_eq(ls_persona_suggest_add_path(x.ps, FIX "leads.jsonl"), LS_OK);
    ck_assert_int_eq(ls_persona_suggest_finish(x.ps, &x.r), LS_OK);
    return x;
}

static void run_free(run *x)
{
    ls_persona_suggest_free(x->ps);
    ls_request_free(x->req);
    free(x->request);
}

static void ck_counts(const ls_edit_metrics *m, uint64_t tp, uint64_t fp, uint64_t fn)
{
    ck_assert_uint_eq(m->tp, tp);
    ck_assert_uint_eq(m->fp, fp);
    ck_assert_uint_eq(m->fn, fn);
    ck_assert_uint_eq(m->precision.num, tp);
    ck_assert_uint_eq(m->precision.den, tp + fp);
    ck_assert_uint_eq(m->recall.num, tp);
    ck_assert_uint_eq(m->recall.den, tp + fn);
    ck_assert_uint_eq(m->f1.num, 2 * tp);
    ck_assert_uint_eq(m->f1.den, 2 * tp + fp + fn);
}

static double delta(ls_score_ratio a, ls_score_ratio b)
{
    return ls_score_ratio_value(b) - ls_score_ratio_value(a);
}

START_TEST(fixture_edits_by_hand)
{
    run x = suggest_fixture(_i, 2, 0);
    const ls_persona_suggest_result *r = x.r;
    ck_assert_uint_eq(r->score->input.leads_read, 11);
    ck_assert_uint_eq(r->score->input.duplicates, 1);
    ck_assert_uint_eq(r->score->scored, 9);
    ck_assert_uint_eq(r->chosen_on, 9);
    ck_assert_uint_eq(r->held_out, 0);
    ck_assert_uint_eq(r->titles, 9);
    ck_assert_uint_eq(r->folds, 2);
    ck_counts(&r->base, 2, 2, 4);
    ck_counts(&r->final, 5, 0, 1);
    ck_assert_uint_eq(r->nedits, 2);

    const ls_persona_edit *e = &r->edits[0];
    ck_assert_int_eq(e->kind, LS_EDIT_ADD_FUNCTION);
    ck_assert_int_eq(e->source, LS_EDIT_FROM_TITLES);
    ck_assert_uint_eq(e->persona, 0);
    ck_assert_str_eq(e->persona_name, "Finance");
    ck_assert_str_eq(e->keyword, "treasury");
    ck_assert_ptr_null(e->seniority);
    ck_counts(&e->before, 2, 2, 4);
    ck_counts(&e->after, 5, 2, 1);
    ck_assert_double_eq_tol(delta(e->before.precision, e->after.precision), 5.0 / 7 - 0.5, 1e-12);
    ck_assert_double_eq_tol(delta(e->before.recall, e->after.recall), 5.0 / 6 - 2.0 / 6, 1e-12);
    ck_assert_double_eq_tol(delta(e->before.f1, e->after.f1), 10.0 / 13 - 0.4, 1e-12);
    ck_assert_uint_eq(e->leads_fixed, 3);
    ck_assert_uint_eq(e->leads_broken, 0);
    ck_assert_uint_eq(e->titles_fixed, 3);
    ck_assert_uint_eq(e->titles_broken, 0);
    ck_assert_uint_eq(e->cv_kept, 1);
    ck_counts(&e->cv_before, 2, 2, 4);
    ck_counts(&e->cv_after, 3, 2, 3);

    e = &r->edits[1];
    ck_assert_int_eq(e->kind, LS_EDIT_ADD_PROHIBIT);
    ck_assert_str_eq(e->persona_name, "Sales");
    ck_assert_str_eq(e->keyword, "wholesales");
    ck_counts(&e->before, 5, 2, 1);
    ck_counts(&e->after, 5, 0, 1);
    ck_assert_double_eq_tol(delta(e->before.precision, e->after.precision), 1 - 5.0 / 7, 1e-12);
    ck_assert_double_eq_tol(delta(e->before.f1, e->after.f1), 10.0 / 11 - 10.0 / 13, 1e-12);
    ck_assert_uint_eq(e->titles_fixed, 2);
    ck_assert_uint_eq(e->cv_kept, 0);
    ck_counts(&e->cv_before, 3, 2, 3);
    ck_counts(&e->cv_after, 3, 2, 3);

    ck_counts(&r->cv_base, 2, 2, 4);
    ck_counts(&r->cv_final, 3, 2, 3);
    ck_counts(&r->cv_refit, 3, 2, 3);
    run_free(&x);
}
END_TEST

START_TEST(apply_appends_and_checks)
{
    run x = suggest_fixture(0, 2, 0);
    char *out = NULL;
    size_t len = 0;
    ck_assert_int_eq(ls_persona_suggest_apply(x.ps, x.request, x.request_len, 2, &out, &len),
                     LS_OK);
    const char *want = "{\n"
                       "  \"without_company\": true,\n"
                       "  \"personas\": [\n"
                       "    [\"Finance\", [\"finance\", \"treasury\"], [\"manager\", \"director\"], "
                       "[\"intern\"]],\n"
                       "    [\"Sales\", [\"sales\"], [\"manager\"], [\"wholesales\"]]\n"
                       "  ]\n"
                       "}\n";
    ck_assert_str_eq(out, want);
    ck_assert_uint_eq(len, strlen(want));
    ls_free(out);
    /* none: the text as it was */
    ck_assert_int_eq(ls_persona_suggest_apply(x.ps, x.request, x.request_len, 0, &out, &len),
                     LS_OK);
    ck_assert_str_eq(out, x.request);
    ls_free(out);
    ck_assert_int_eq(ls_persona_suggest_apply(x.ps, x.request, x.request_len, 3, &out, &len),
                     LS_E_USAGE);
    ck_assert_ptr_null(out);
    /* a text whose personas are not the request's */
    const char *other = "{\"without_company\": true, \"personas\": [[\"Finance\", [\"finance\"], [], []]]}";
    ck_assert_int_eq(ls_persona_suggest_apply(x.ps, other, strlen(other), 1, &out, &len),
                     LS_E_USAGE);
    run_free(&x);
}
END_TEST

/* Held out: (h >> 32) % 10000 < 2500 for t01 (1897), t03 (2409), t08 (105).
 * The rest chooses: t02 right, t04 FP, t05 FN, t06 FN, t07 TP, t09 FP:
 * TP 1 FP 2 FN 2; "treasury" puts right t05 alone (refused), "wholesales"
 * t04 and t09: TP 1 FP 0 FN 2.  The held-out leads (t01 TP, t03 FN, t08 FN)
 * hold no "wholesales": 1/0/2 before and after. */
START_TEST(holdout_share)
{
    run x = suggest_fixture(0, 2, 0.25);
    const ls_persona_suggest_result *r = x.r;
    ck_assert_uint_eq(r->chosen_on, 6);
    ck_assert_uint_eq(r->held_out, 3);
    ck_counts(&r->base, 1, 2, 2);
    ck_assert_uint_eq(r->nedits, 1);
    ck_assert_str_eq(r->edits[0].keyword, "wholesales");
    ck_counts(&r->final, 1, 0, 2);
    ck_counts(&r->holdout_base, 1, 0, 2);
    ck_counts(&r->holdout_final, 1, 0, 2);
    ck_counts(&r->edits[0].holdout_before, 1, 0, 2);
    ck_counts(&r->edits[0].holdout_after, 1, 0, 2);
    run_free(&x);
}
END_TEST

/* Leads in memory with their labels in a field "want". */
static ls_persona_suggest *suggest_memory(ls_request *req, const char *leads, size_t min_titles,
                                          const ls_persona_suggest_result **r)
{
    ls_persona_suggest_options o;
    ls_persona_suggest_options_init(&o);
    o.label_field = "want";
    o.min_titles = min_titles;
    ls_persona_suggest *ps = NULL;
    ck_assert_int_eq(ls_persona_suggest_new(req, &o, &ps), LS_OK);
    ck_assert_int_eq(ls_persona_suggest_add_memory(ps, "leads", leads, strlen(leads)), LS_OK);
    ck_assert_int_eq(ls_persona_suggest_finish(ps, r), LS_OK);
    return ps;
}

/* "Treasurer" and "City Treasurer" lack a function and a seniority: the
 * pair (treasurer, treasurer) is in both, nothing alone helps. */
START_TEST(function_and_seniority_together)
{
    const char *request = "{\"without_company\": true, \"personas\": [[\"Finance\", [\"finance\"], [\"manager\"], []]]}";
    ls_request *req = compile(request, strlen(request));
    const char *leads = "{\"id\": \"a\", \"job_title\": \"Treasurer\", \"want\": \"Finance\"}\n"
                        "{\"id\": \"b\", \"job_title\": \"City Treasurer\", \"want\": \"Finance\"}\n"
                        "{\"id\": \"c\", \"job_title\": \"Finance Manager\", \"want\": \"Finance\"}\n"
                        "{\"id\": \"d\", \"job_title\": \"Bank Teller\", \"want\": \"-\"}\n";
    const ls_persona_suggest_result *r;
    ls_persona_suggest *ps = suggest_memory(req, leads, 0, &r);
    ck_assert_uint_eq(r->nedits, 1);
    ck_assert_int_eq(r->edits[0].kind, LS_EDIT_ADD_FUNCTION_AND_SENIORITY);
    ck_assert_str_eq(r->edits[0].keyword, "treasurer");
    ck_assert_str_eq(r->edits[0].seniority, "treasurer");
    ck_counts(&r->edits[0].before, 1, 0, 2);
    ck_counts(&r->edits[0].after, 3, 0, 0);
    char *out = NULL;
    size_t len;
    ck_assert_int_eq(ls_persona_suggest_apply(ps, request, strlen(request), 1, &out, &len), LS_OK);
    ck_assert_str_eq(out, "{\"without_company\": true, \"personas\": [[\"Finance\", [\"finance\", \"treasurer\"], "
                          "[\"manager\", \"treasurer\"], []]]}");
    ls_free(out);
    ls_persona_suggest_free(ps);
    ls_request_free(req);
}
END_TEST

/* A prohibit that drops two right titles: dropped, and the list written
 * anew from the other prohibits as written. */
START_TEST(drop_prohibit)
{
    const char *request = "{\"without_company\": true, \"personas\": [[\"Finance\", [\"finance\"], [\"manager\"], "
                          "[\"intern\",   \"junior\" , \"trainee\"]]]}";
    ls_request *req = compile(request, strlen(request));
    const char *leads =
        "{\"id\": \"a\", \"job_title\": \"Junior Finance Manager\", \"want\": \"Finance\"}\n"
        "{\"id\": \"b\", \"job_title\": \"Finance Manager, Junior\", \"want\": \"Finance\"}\n"
        "{\"id\": \"c\", \"job_title\": \"Finance Manager\", \"want\": \"Finance\"}\n"
        "{\"id\": \"d\", \"job_title\": \"Finance Manager Intern\", \"want\": \"-\"}\n";
    const ls_persona_suggest_result *r;
    ls_persona_suggest *ps = suggest_memory(req, leads, 0, &r);
    ck_assert_uint_eq(r->nedits, 1);
    ck_assert_int_eq(r->edits[0].kind, LS_EDIT_DROP_PROHIBIT);
    ck_assert_int_eq(r->edits[0].source, LS_EDIT_FROM_REQUEST);
    ck_assert_str_eq(r->edits[0].keyword, "junior");
    ck_assert_uint_eq(r->edits[0].prohibit, 1);
    ck_counts(&r->edits[0].after, 3, 0, 0);
    char *out = NULL;
    size_t len;
    ck_assert_int_eq(ls_persona_suggest_apply(ps, request, strlen(request), 1, &out, &len), LS_OK);
    ck_assert_str_eq(out, "{\"without_company\": true, \"personas\": [[\"Finance\", [\"finance\"], [\"manager\"], "
                          "[\"intern\", \"trainee\"]]]}");
    ls_free(out);
    ls_persona_suggest_free(ps);
    ls_request_free(req);
}
END_TEST

/* One right title is not enough by default (an edit that fixes one title
 * memorizes it); --min-titles 1 takes it ("manager", as short, would take
 * "Project Manager" too). */
START_TEST(min_titles)
{
    const char *request = "{\"without_company\": true, \"personas\": [[\"Finance\", [\"finance\"], [\"manager\"], []]]}";
    ls_request *req = compile(request, strlen(request));
    const char *leads = "{\"id\": \"a\", \"job_title\": \"Treasury Manager\", \"want\": \"Finance\"}\n"
                        "{\"id\": \"b\", \"job_title\": \"Finance Manager\", \"want\": \"Finance\"}\n"
                        "{\"id\": \"c\", \"job_title\": \"Project Manager\", \"want\": \"-\"}\n";
    const ls_persona_suggest_result *r;
    ls_persona_suggest *ps = suggest_memory(req, leads, 0, &r);
    ck_assert_uint_eq(r->nedits, 0);
    ls_persona_suggest_free(ps);
    ps = suggest_memory(req, leads, 1, &r);
    ck_assert_uint_eq(r->nedits, 1);
    ck_assert_str_eq(r->edits[0].keyword, "treasury");
    ls_persona_suggest_free(ps);
    ls_request_free(req);
}
END_TEST

/* Support tiers: an edit that puts right 2-3 titles goes before any that
 * puts right one, whatever their F1.  Finance (finance / director): four
 * Finance titles are TP; missed: Treasury, Treasury Operations, Payroll,
 * Audit Director; three Treasury X Directors and six other directors are
 * labeled -.  Before: TP 4 FP 0 FN 4, F1 8/12.
 *   "treasury" (2 titles right, 3 wrong): TP 6 FP 3 FN 2, F1 12/17;
 *   "audit" (1 title): TP 5 FP 0 FN 3, F1 10/13, higher, but tier 0;
 *   "director" (4 right, 9 wrong): TP 8 FP 9 FN 0, F1 16/25: F1 falls.
 * By F1 alone the order was audit, payroll, operations, "treasury
 * director" (each memorizing one title), and "treasury" never came.
 * Then tier 0 by F1: audit (14/18, above prohibit desk's 12/16), payroll
 * (16/19), then the prohibits desk, vault, window (shortest first at equal
 * F1), each dropping one wrong title: F1 16/18, 16/17, 1. */
START_TEST(support_tiers)
{
    const char *request = "{\"without_company\": true, \"personas\": [[\"Finance\", [\"finance\"], [\"director\"], []]]}";
    ls_request *req = compile(request, strlen(request));
    static const char *const titles[][2] = {
        {"Finance Director", "Finance"}, {"Corporate Finance Director", "Finance"},
        {"Finance Planning Director", "Finance"}, {"Group Finance Director", "Finance"},
        {"Treasury Director", "Finance"}, {"Treasury Operations Director", "Finance"},
        {"Payroll Director", "Finance"}, {"Audit Director", "Finance"},
        {"Treasury Desk Director", "-"}, {"Treasury Vault Director", "-"},
        {"Treasury Window Director", "-"}, {"Store Director", "-"}, {"Plant Director", "-"},
        {"Hotel Director", "-"}, {"Museum Director", "-"}, {"Theater Director", "-"},
        {"Casino Director", "-"},
    };
    ls_buf leads = {0};
    char line[160];
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
        int n = snprintf(line, sizeof line, "{\"id\": \"f%02zu\", \"job_title\": \"%s\", \"want\": \"%s\"}\n",
                         i + 1, titles[i][0], titles[i][1]);
        ck_assert_int_eq(ls_buf_append(&leads, line, (size_t)n), 0);
    }
    ck_assert_int_eq(ls_buf_putc(&leads, '\0'), 0);
    const ls_persona_suggest_result *r;
    ls_persona_suggest *ps = suggest_memory(req, leads.data, 1, &r);
    ck_counts(&r->base, 4, 0, 4);
    ck_assert_uint_eq(r->nedits, 6);
    static const char *const want[] = {"treasury", "audit", "payroll", "desk", "vault", "window"};
    for (size_t i = 0; i < 6; i++) {
        ck_assert_str_eq(r->edits[i].keyword, want[i]);
        ck_assert_int_eq(r->edits[i].kind, i < 3 ? LS_EDIT_ADD_FUNCTION : LS_EDIT_ADD_PROHIBIT);
    }
    const ls_persona_edit *e = &r->edits[0];
    ck_counts(&e->after, 6, 3, 2);
    ck_assert_uint_eq(e->titles_fixed, 2);
    ck_assert_uint_eq(e->titles_broken, 3);
    ck_counts(&r->edits[1].after, 7, 3, 1);
    ck_counts(&r->edits[2].after, 8, 3, 0);
    ck_counts(&r->edits[3].after, 8, 2, 0);
    ck_counts(&r->final, 8, 0, 0);
    ls_persona_suggest_free(ps);
    ls_buf_free(&leads);
    ls_request_free(req);
}
END_TEST

/* A word before a phrase of the same tier: "treasury" (Treasury Manager,
 * Senior Treasury Manager right; Treasury Desk Manager wrong: F1 6/7) goes
 * before "treasury manager" (the same two, none wrong: F1 1), then the
 * prohibit "desk" puts the wrong title right.  "manager" puts the same two
 * right and breaks two (Store Manager too): F1 6/8. */
START_TEST(word_before_phrase)
{
    const char *request = "{\"without_company\": true, \"personas\": [[\"Finance\", [\"finance\"], [\"manager\"], []]]}";
    ls_request *req = compile(request, strlen(request));
    const char *leads = "{\"id\": \"a\", \"job_title\": \"Finance Manager\", \"want\": \"Finance\"}\n"
                        "{\"id\": \"b\", \"job_title\": \"Treasury Manager\", \"want\": \"Finance\"}\n"
                        "{\"id\": \"c\", \"job_title\": \"Senior Treasury Manager\", \"want\": \"Finance\"}\n"
                        "{\"id\": \"d\", \"job_title\": \"Treasury Desk Manager\", \"want\": \"-\"}\n"
                        "{\"id\": \"e\", \"job_title\": \"Store Manager\", \"want\": \"-\"}\n";
    const ls_persona_suggest_result *r;
    ls_persona_suggest *ps = suggest_memory(req, leads, 1, &r);
    ck_counts(&r->base, 1, 0, 2);
    ck_assert_uint_eq(r->nedits, 2);
    ck_assert_int_eq(r->edits[0].kind, LS_EDIT_ADD_FUNCTION);
    ck_assert_str_eq(r->edits[0].keyword, "treasury");
    ck_counts(&r->edits[0].after, 3, 1, 0);
    ck_assert_int_eq(r->edits[1].kind, LS_EDIT_ADD_PROHIBIT);
    ck_assert_str_eq(r->edits[1].keyword, "desk");
    ck_counts(&r->final, 3, 0, 0);
    ls_persona_suggest_free(ps);
    ls_request_free(req);
}
END_TEST

/* "E-Commerce" and "E-Business" normalize to "e commerce" and "e
 * business": the one-letter word "e" would drop both wrong titles as one
 * prohibit, but a single character is never proposed; the words beside it
 * are, each for the title it is in. */
START_TEST(no_one_character_keyword)
{
    const char *request = "{\"without_company\": true, \"personas\": [[\"Sales\", [\"sales\"], [\"manager\"], []]]}";
    ls_request *req = compile(request, strlen(request));
    const char *leads = "{\"id\": \"a\", \"job_title\": \"Sales Manager\", \"want\": \"Sales\"}\n"
                        "{\"id\": \"b\", \"job_title\": \"E-Commerce Sales Manager\", \"want\": \"-\"}\n"
                        "{\"id\": \"c\", \"job_title\": \"E-Business Sales Manager\", \"want\": \"-\"}\n";
    const ls_persona_suggest_result *r;
    ls_persona_suggest *ps = suggest_memory(req, leads, 1, &r);
    ck_counts(&r->base, 1, 2, 0);
    ck_assert_uint_eq(r->nedits, 2);
    ck_assert_int_eq(r->edits[0].kind, LS_EDIT_ADD_PROHIBIT);
    ck_assert_int_eq(r->edits[1].kind, LS_EDIT_ADD_PROHIBIT);
    ck_assert_str_eq(r->edits[0].keyword, "business");
    ck_assert_str_eq(r->edits[1].keyword, "commerce");
    ck_counts(&r->final, 1, 0, 0);
    ls_persona_suggest_free(ps);
    ls_request_free(req);
}
END_TEST

/* Equivalents of a narrow function (data/equivalents.tsv): "ceo" gets
 * "founder", which no phrase of the titles is in two of them ("cofounder",
 * "founder"), and which hits both as the API does, inside a word. */
START_TEST(equivalents)
{
    const char *request = "{\"without_company\": true, \"personas\": [[\"CEO\", [\"ceo\"], [], []]]}";
    ls_request *req = compile(request, strlen(request));
    const char *leads = "{\"id\": \"a\", \"job_title\": \"Cofounder\", \"want\": \"CEO\"}\n"
                        "{\"id\": \"b\", \"job_title\": \"Founder\", \"want\": \"CEO\"}\n"
                        "{\"id\": \"c\", \"job_title\": \"CEO\", \"want\": \"CEO\"}\n"
                        "{\"id\": \"d\", \"job_title\": \"Director\", \"want\": \"-\"}\n";
    const ls_persona_suggest_result *r;
    ls_persona_suggest *ps = suggest_memory(req, leads, 0, &r);
    ck_assert_uint_eq(r->nedits, 1);
    ck_assert_str_eq(r->edits[0].keyword, "founder");
    ck_assert_int_eq(r->edits[0].source, LS_EDIT_FROM_EQUIVALENTS);
    ck_counts(&r->edits[0].after, 3, 0, 0);
    ls_persona_suggest_free(ps);
    ls_request_free(req);
}
END_TEST

/* Stems, in the documented (substring) mode only: "account" begins
 * "accounting" and "accountant"; "manager" would also take "Project
 * Manager".  In words mode "manager" is all there is. */
START_TEST(stems_in_documented_mode)
{
    const char *request = "{\"without_company\": true, \"personas\": [[\"Finance\", [\"finance\"], [\"manager\"], []]]}";
    const char *leads =
        "{\"id\": \"a\", \"job_title\": \"Accounting Manager\", \"want\": \"Finance\"}\n"
        "{\"id\": \"b\", \"job_title\": \"Accountant Manager\", \"want\": \"Finance\"}\n"
        "{\"id\": \"c\", \"job_title\": \"Finance Manager\", \"want\": \"Finance\"}\n"
        "{\"id\": \"d\", \"job_title\": \"Project Manager\", \"want\": \"-\"}\n";
    ls_request *req = compile(request, strlen(request));
    const ls_persona_suggest_result *r;
    ls_persona_suggest *ps = suggest_memory(req, leads, 0, &r);
    ck_assert_uint_eq(r->nedits, 1);
    ck_assert_str_eq(r->edits[0].keyword, "account");
    ck_counts(&r->edits[0].after, 3, 0, 0);
    ls_persona_suggest_free(ps);
    ls_request_free(req);
    ls_compile_options co;
    ls_compile_options_init(&co);
    co.match_mode = LS_MATCH_WORDS;
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_request_compile(request, strlen(request), &co, &req, &errs), LS_OK);
    ps = suggest_memory(req, leads, 0, &r);
    ck_assert_uint_eq(r->nedits, 1);
    ck_assert_str_eq(r->edits[0].keyword, "manager");
    ck_counts(&r->edits[0].after, 3, 1, 0);
    ls_persona_suggest_free(ps);
    ls_request_free(req);
}
END_TEST

START_TEST(options_out_of_range)
{
    const char *request = "{\"without_company\": true, \"personas\": [[\"F\", [\"finance\"], [], []]]}";
    ls_request *req = compile(request, strlen(request));
    ls_persona_suggest_options o;
    ls_persona_suggest *ps = NULL;
    ls_persona_suggest_options_init(&o);
    o.folds = 1;
    ck_assert_int_eq(ls_persona_suggest_new(req, &o, &ps), LS_E_USAGE);
    o.folds = 51;
    ck_assert_int_eq(ls_persona_suggest_new(req, &o, &ps), LS_E_USAGE);
    o.folds = 0;
    o.holdout = 1.0;
    ck_assert_int_eq(ls_persona_suggest_new(req, &o, &ps), LS_E_USAGE);
    o.holdout = 0;
    o.max_words = 9;
    ck_assert_int_eq(ls_persona_suggest_new(req, &o, &ps), LS_E_USAGE);
    ck_assert_ptr_null(ps);
    ck_assert_str_eq(ls_edit_kind_id(LS_EDIT_ADD_FUNCTION_AND_SENIORITY),
                     "add_function_and_seniority");
    ck_assert_str_eq(ls_edit_source_id(LS_EDIT_FROM_EQUIVALENTS), "equivalents");
    ck_assert_str_eq(ls_edit_kind_id(LS_EDIT__KINDS), "");
    ls_request_free(req);
    const char *none = "{\"without_company\": true}";
    req = compile(none, strlen(none));
    ck_assert_int_eq(ls_persona_suggest_new(req, NULL, &ps), LS_E_USAGE);
    ls_request_free(req);
}
END_TEST

/* Stops on its n-th call. */
static int stop_at(void *user)
{
    int *left = user;
    return --*left <= 0;
}

START_TEST(leads_in_memory_and_a_stop)
{
    /* ls_leads give the same edits as the file */
    run x = suggest_fixture(1, 5, 0);
    ls_leads *leads = NULL;
    ck_assert_int_eq(ls_leads_new(NULL, &leads), LS_OK);
    ck_assert_int_eq(ls_leads_add_path(leads, FIX "leads.jsonl"), LS_OK);
    ls_persona_suggest_options o;
    ls_persona_suggest_options_init(&o);
    o.label_field = "want";
    ls_persona_suggest *ps = NULL;
    ck_assert_int_eq(ls_persona_suggest_new(x.req, &o, &ps), LS_OK);
    ck_assert_int_eq(ls_persona_suggest_add_leads(ps, NULL), LS_E_USAGE);
    ck_assert_int_eq(ls_persona_suggest_add_leads(ps, leads), LS_OK);
    const ls_persona_suggest_result *r = NULL;
    ck_assert_int_eq(ls_persona_suggest_finish(ps, &r), LS_OK);
    ck_assert_uint_eq(r->nedits, x.r->nedits);
    ck_assert_uint_eq(r->nedits, 2);
    for (size_t i = 0; i < r->nedits; i++) {
        ck_assert_str_eq(r->edits[i].keyword, x.r->edits[i].keyword);
        ck_counts(&r->edits[i].after, x.r->edits[i].after.tp, x.r->edits[i].after.fp,
                  x.r->edits[i].after.fn);
    }
    ls_persona_suggest_free(ps);
    /* stopped at each place it asks: the first round, a later round, a
     * fold of the cross-validation; then every call says so */
    for (int at = 1; at <= 4; at++) {
        int left = at;
        o.stop = stop_at;
        o.stop_user = &left;
        ck_assert_int_eq(ls_persona_suggest_new(x.req, &o, &ps), LS_OK);
        ck_assert_int_eq(ls_persona_suggest_add_leads(ps, leads), LS_OK);
        ck_assert_int_eq(ls_persona_suggest_finish(ps, &r), LS_E_CANCELLED);
        ck_assert_ptr_null(r);
        ck_assert_int_eq(ls_persona_suggest_finish(ps, &r), LS_E_CANCELLED);
        ck_assert_int_eq(ls_persona_suggest_add_leads(ps, leads), LS_E_CANCELLED);
        ls_persona_suggest_free(ps);
    }
    ls_leads_free(leads);
    run_free(&x);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("tuning_suggest");
    TCase *tc = tcase_create("suggest");
    tcase_add_loop_test(tc, fixture_edits_by_hand, 0, 2); /* labels table, then field */
    tcase_add_test(tc, apply_appends_and_checks);
    tcase_add_test(tc, holdout_share);
    tcase_add_test(tc, function_and_seniority_together);
    tcase_add_test(tc, drop_prohibit);
    tcase_add_test(tc, min_titles);
    tcase_add_test(tc, support_tiers);
    tcase_add_test(tc, word_before_phrase);
    tcase_add_test(tc, no_one_character_keyword);
    tcase_add_test(tc, equivalents);
    tcase_add_test(tc, stems_in_documented_mode);
    tcase_add_test(tc, options_out_of_range);
    tcase_add_test(tc, leads_in_memory_and_a_stop);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ls_check_run(suite());
}
