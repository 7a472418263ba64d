/* leadsieve score: every figure against counts worked out by hand on the
 * fixture tests/data/score/ (request.json, leads.jsonl, labels.tsv).
 *
 * The request: Sales (sales / manager, director / prohibit intern, prio 1),
 * Marketing (marketing / manager, head, prio 1), CEO (ceo / - , prio 0),
 * exclude_ids ["x9"].  Lead by lead (label -> assigned, why):
 *   s1  Sales Manager                Sales -> Sales          TP Sales
 *   s2  Sales Director               Sales -> Sales          TP Sales
 *   s3  Sales Intern Manager         Sales -> none           FN Sales: prohibited by intern
 *   s4  Head of Sales                Sales -> none           FN Sales: no seniority hit
 *   s5  Revenue Director             Sales -> none           FN Sales: no function hit
 *   s6  CEO and Sales Manager        Sales -> CEO (prio 0)   FN Sales: taken by CEO;
 *                                                            FP CEO: function "ceo"
 *   s7  Wholesales Manager           -     -> Sales          FP Sales: "sales" inside a word
 *   s8  Marketing Manager            Marketing -> Marketing  TP Marketing
 *   s9  Sales and Marketing Manager  Marketing -> Sales      FN Marketing: taken by Sales
 *                                   (same priority, Sales declared first); FP Sales: "sales"
 *   s10 Chief Executive Officer      CEO -> CEO              TP CEO
 *   s11 Software Engineer            -   -> none             correct
 *   x9  Sales Manager                Sales -> filtered       FN Sales: filter exclude_ids
 *   s1  (again)                      duplicate: dropped, not scored
 *   s14 Sales Manager                no label: unlabeled
 *   (no key) Sales Manager           no label: unlabeled
 *   s16 Marketing Head               -   -> Marketing        FP Marketing
 *   s17 Sales Manager                -   -> Sales            FP Sales: "sales"
 *   s18 Intern                       -   -> none             correct
 * Sales:     labeled 7, assigned 5, TP 2, FP 3, FN 5: P 2/5, R 2/7, F1 4/12
 * Marketing: labeled 2, assigned 2, TP 1, FP 1, FN 1: P 1/2, R 1/2, F1 2/4
 * CEO:       labeled 1, assigned 2, TP 1, FP 1, FN 0: P 1/2, R 1/1, F1 2/3
 * micro: TP 4, FP 5, FN 6: P 4/9, R 4/10, F1 8/19
 * macro: P (0.4 + 0.5 + 0.5)/3, R (2/7 + 1/2 + 1)/3, F1 (1/3 + 1/2 + 2/3)/3 = 0.5
 * correct: s1 s2 s8 s10 s11 s18 = 6 of 15 scored. */
#include <check.h>
#include "check_run.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/core.h"
#include "tuning/score.h"
#include "writers/jsonout.h"

#define FIX LS_TEST_DATA "/score/"

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
    ck_assert_int_eq(ls_buf_reserve(&b, 0), 0);
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

static ls_request *fixture_request(void)
{
    size_t len;
    char *text = slurp(FIX "request.json", &len);
    ls_request *req = compile(text, len);
    free(text);
    return req;
}

typedef struct scored {
    ls_request *req;
    ls_score *s;
    const ls_score_result *r;
} scored;

/* Scores the fixture leads with labels from the table or the "want" field. */
static scored score_fixture(int from_field)
{
    scored x;
    x.req = fixture_request();
    ls_score_options o = {from_field ? "want" : NULL, NULL, NULL, 0, 0};
    ck_assert_int_eq(ls_score_new(x.req, &o, &x.s), LS_OK);
    if (!from_field) {
        size_t len;
        char *labels = slurp(FIX "labels.tsv", &len);
        ls_problems *errs = NULL;
        ck_assert_int_eq(ls_score_load_labels(x.s, "labels.tsv", labels, len, &errs), LS_OK);
        ck_assert_ptr_null(errs);
        free(labels);
    }
    ck_assert_int_eq(ls_score_add_path(x.s, FIX "leads.jsonl"), LS_OK);
    ck_assert_int_eq(ls_score_finish(x.s, &x.r), LS_OK);
    return x;
}

static void scored_free(scored *x)
{
    ls_score_free(x->s);
    ls_request_free(x->req);
}

static void ck_ratio(ls_score_ratio r, uint64_t num, uint64_t den)
{
    ck_assert_uint_eq(r.num, num);
    ck_assert_uint_eq(r.den, den);
}

static void check_counts(const ls_score_result *r)
{
    ck_assert_uint_eq(r->input.leads_read, 18);
    ck_assert_uint_eq(r->input.duplicates, 1);
    ck_assert_uint_eq(r->scored, 15);
    ck_assert_uint_eq(r->unlabeled, 2);
    ck_assert_uint_eq(r->other_labeled, 0);
    ck_assert_uint_eq(r->correct, 6);
    ck_ratio(r->accuracy, 6, 15);
    ck_assert_uint_eq(r->nother, 0);

    ck_assert_uint_eq(r->npersonas, 3);
    const ls_score_persona *s = &r->personas[0], *m = &r->personas[1], *c = &r->personas[2];
    ck_assert_str_eq(s->name, "Sales");
    ck_assert_uint_eq(s->labeled, 7);
    ck_assert_uint_eq(s->assigned, 5);
    ck_assert_uint_eq(s->tp, 2);
    ck_assert_uint_eq(s->fp, 3);
    ck_assert_uint_eq(s->fn, 5);
    ck_ratio(s->precision, 2, 5);
    ck_ratio(s->recall, 2, 7);
    ck_ratio(s->f1, 4, 12);
    ck_assert_uint_eq(m->labeled, 2);
    ck_assert_uint_eq(m->assigned, 2);
    ck_ratio(m->precision, 1, 2);
    ck_ratio(m->recall, 1, 2);
    ck_ratio(m->f1, 2, 4);
    ck_assert_uint_eq(c->labeled, 1);
    ck_assert_uint_eq(c->assigned, 2);
    ck_ratio(c->precision, 1, 2);
    ck_ratio(c->recall, 1, 1);
    ck_ratio(c->f1, 2, 3);

    ck_assert_uint_eq(r->micro_tp, 4);
    ck_assert_uint_eq(r->micro_fp, 5);
    ck_assert_uint_eq(r->micro_fn, 6);
    ck_ratio(r->micro_precision, 4, 9);
    ck_ratio(r->micro_recall, 4, 10);
    ck_ratio(r->micro_f1, 8, 19);
    ck_assert_uint_eq(r->macro_precision.n, 3);
    ck_assert_double_eq_tol(r->macro_precision.value, (0.4 + 0.5 + 0.5) / 3, 1e-12);
    ck_assert_double_eq_tol(r->macro_recall.value, (2.0 / 7 + 0.5 + 1) / 3, 1e-12);
    ck_assert_double_eq_tol(r->macro_f1.value, 0.5, 1e-12);

    /* rows: Sales Marketing CEO none other; columns: Sales Marketing CEO none
     * filtered.  The matrix by hand:
     *   {2, 0, 1, 3, 1}, {1, 1, 0, 0, 0}, {0, 0, 1, 0, 0}, {2, 1, 0, 2, 0},
     *   {0, 0, 0, 0, 0}
     * and its 10 cells that are not zero, by count, then row, then column. */
    static const ls_score_cell want[] = {{0, 3, 3}, {0, 0, 2}, {3, 0, 2}, {3, 3, 2},
                                         {0, 2, 1}, {0, 4, 1}, {1, 0, 1}, {1, 1, 1},
                                         {2, 2, 1}, {3, 1, 1}};
    ck_assert_uint_eq(r->ncells, sizeof want / sizeof *want);
    for (size_t i = 0; i < r->ncells; i++)
        ck_assert_msg(r->cells[i].label == want[i].label &&
                          r->cells[i].assigned == want[i].assigned &&
                          r->cells[i].count == want[i].count,
                      "cell %zu: (%zu, %zu) %llu", i, r->cells[i].label, r->cells[i].assigned,
                      (unsigned long long)r->cells[i].count);
}

static void ck_class(const ls_score_class *c, ls_miss_kind kind, const char *detail,
                     uint64_t count, const char *title0)
{
    ck_assert_int_eq(c->kind, kind);
    if (detail)
        ck_assert_str_eq(c->detail, detail);
    else
        ck_assert_ptr_null(c->detail);
    ck_assert_uint_eq(c->count, count);
    ck_assert_uint_ge(c->ntop, 1);
    ck_assert_str_eq(c->top[0].title, title0);
}

static void check_classes(const ls_score_result *r)
{
    const ls_score_persona *s = &r->personas[0], *m = &r->personas[1], *c = &r->personas[2];
    /* Sales FN: five classes of one lead each, in kind order */
    ck_assert_uint_eq(s->nclasses[0], 5);
    ck_class(&s->classes[0][0], LS_MISS_FILTER, "exclude_ids", 1, "sales manager");
    ck_class(&s->classes[0][1], LS_MISS_TAKEN, "CEO", 1,
             "chief executive officer sales manager");
    ck_class(&s->classes[0][2], LS_MISS_NO_FUNCTION, NULL, 1, "revenue director");
    ck_class(&s->classes[0][3], LS_MISS_NO_SENIORITY, NULL, 1, "head sales");
    ck_class(&s->classes[0][4], LS_MISS_PROHIBITED, "intern", 1, "sales intern manager");
    /* Sales FP: "sales" as a word twice (s9, s17), inside "wholesales" once */
    ck_assert_uint_eq(s->nclasses[1], 2);
    ck_class(&s->classes[1][0], LS_MISS_FUNCTION, "sales", 2, "sales manager");
    ck_assert_uint_eq(s->classes[1][0].ntop, 2);
    ck_assert_str_eq(s->classes[1][0].top[1].title, "sales marketing manager");
    ck_class(&s->classes[1][1], LS_MISS_FUNCTION_INSIDE, "sales", 1, "wholesales manager");
    ck_assert_uint_eq(m->nclasses[0], 1);
    ck_class(&m->classes[0][0], LS_MISS_TAKEN, "Sales", 1, "sales marketing manager");
    ck_assert_uint_eq(m->nclasses[1], 1);
    ck_class(&m->classes[1][0], LS_MISS_FUNCTION, "marketing", 1, "marketing head");
    ck_assert_uint_eq(c->nclasses[0], 0);
    ck_assert_uint_eq(c->nclasses[1], 1);
    ck_class(&c->classes[1][0], LS_MISS_FUNCTION, "ceo", 1,
             "chief executive officer sales manager");
}

START_TEST(table_labels)
{
    scored x = score_fixture(0);
    check_counts(x.r);
    check_classes(x.r);
    /* 16 distinct keys; s2 again (ignored); s99 names no lead */
    ck_assert_uint_eq(x.r->label_entries, 16);
    ck_assert_uint_eq(x.r->label_duplicates, 1);
    ck_assert_uint_eq(x.r->labels_unused, 1);
    ck_assert_uint_eq(x.r->bad_labels, 0);
    scored_free(&x);
}
END_TEST

START_TEST(field_labels)
{
    /* The want field says what labels.tsv says; s11's null and s17's "" are
     * "no persona"; the keyless lead's 7 is not a string (unlabeled). */
    scored x = score_fixture(1);
    check_counts(x.r);
    check_classes(x.r);
    ck_assert_uint_eq(x.r->bad_labels, 1);
    ck_assert_uint_eq(x.r->label_entries, 0);
    scored_free(&x);
}
END_TEST

/* Scores JSONL text with the "l" field as label. */
static scored score_text(const char *req_json, const char *leads)
{
    scored x;
    x.req = compile(req_json, strlen(req_json));
    ls_score_options o = {"l", NULL, NULL, 0, 0};
    ck_assert_int_eq(ls_score_new(x.req, &o, &x.s), LS_OK);
    ck_assert_int_eq(ls_score_add_memory(x.s, "in", leads, strlen(leads)), LS_OK);
    ck_assert_int_eq(ls_score_finish(x.s, &x.r), LS_OK);
    return x;
}

START_TEST(top_five_titles)
{
    /* Seven distinct titles miss P for "no function hit": counts a 3, b 1,
     * c 2, d 1, e 2, f 1, g 1.  Top five by count, then bytes: a 3, c 2,
     * e 2, b 1, d 1 (f and g drop out); the class still counts all 11. */
    const char *leads = "{\"job_title\": \"a\", \"l\": \"P\"}\n{\"job_title\": \"a\", \"l\": \"P\"}\n"
                        "{\"job_title\": \"a\", \"l\": \"P\"}\n{\"job_title\": \"b\", \"l\": \"P\"}\n"
                        "{\"job_title\": \"c\", \"l\": \"P\"}\n{\"job_title\": \"c\", \"l\": \"P\"}\n"
                        "{\"job_title\": \"g\", \"l\": \"P\"}\n{\"job_title\": \"f\", \"l\": \"P\"}\n"
                        "{\"job_title\": \"e\", \"l\": \"P\"}\n{\"job_title\": \"e\", \"l\": \"P\"}\n"
                        "{\"job_title\": \"d\", \"l\": \"P\"}\n";
    scored x = score_text("{\"without_company\": true, \"personas\": [[\"P\", [\"zz\"], [], []]]}",
                          leads);
    const ls_score_persona *p = &x.r->personas[0];
    ck_assert_uint_eq(p->fn, 11);
    ck_assert_uint_eq(p->nclasses[0], 1);
    const ls_score_class *c = &p->classes[0][0];
    ck_assert_uint_eq(c->count, 11);
    ck_assert_uint_eq(c->ntop, 5);
    const char *want_t[5] = {"a", "c", "e", "b", "d"};
    const uint64_t want_n[5] = {3, 2, 2, 1, 1};
    for (int i = 0; i < 5; i++) {
        ck_assert_str_eq(c->top[i].title, want_t[i]);
        ck_assert_uint_eq(c->top[i].count, want_n[i]);
    }
    /* P never assigned: precision 0/0 undefined; recall 0/11; F1 0/11 = 0 */
    ck_ratio(p->precision, 0, 0);
    ck_ratio(p->recall, 0, 11);
    ck_ratio(p->f1, 0, 11);
    ck_assert_uint_eq(x.r->macro_precision.n, 0);
    ck_assert_uint_eq(x.r->macro_recall.n, 1);
    scored_free(&x);
}
END_TEST

START_TEST(several_other_labels)
{
    /* Three names that are no persona: each counted on its own, all scored
     * as "none of these personas" (the Y lead titled "sales" is an FP of P). */
    scored x = score_text("{\"without_company\": true, \"personas\": [[\"P\", [\"sales\"], [], []]]}",
                          "{\"job_title\": \"a\", \"l\": \"X\"}\n"
                          "{\"job_title\": \"a\", \"l\": \"Y\"}\n"
                          "{\"job_title\": \"sales\", \"l\": \"Y\"}\n"
                          "{\"job_title\": \"a\", \"l\": \"Z\"}\n"
                          "{\"job_title\": \"sales\", \"l\": \"P\"}\n");
    ck_assert_uint_eq(x.r->scored, 5);
    ck_assert_uint_eq(x.r->unlabeled, 0);
    ck_assert_uint_eq(x.r->other_labeled, 4);
    ck_assert_uint_eq(x.r->nother, 3);
    const char *names[3] = {"X", "Y", "Z"};
    const uint64_t counts[3] = {1, 2, 1};
    for (int i = 0; i < 3; i++) {
        ck_assert_str_eq(x.r->other_names[i], names[i]);
        ck_assert_uint_eq(x.r->other_counts[i], counts[i]);
    }
    ck_assert_uint_eq(x.r->personas[0].tp, 1);
    ck_assert_uint_eq(x.r->personas[0].fp, 1);
    ck_assert_uint_eq(x.r->correct, 4);
    /* row "other" (index 2): none 3, P 1; and P's own lead */
    ck_assert_uint_eq(x.r->ncells, 3);
    const ls_score_cell *c = x.r->cells;
    ck_assert(c[0].label == 2 && c[0].assigned == 1 && c[0].count == 3);
    ck_assert(c[1].label == 0 && c[1].assigned == 0 && c[1].count == 1);
    ck_assert(c[2].label == 2 && c[2].assigned == 0 && c[2].count == 1);
    scored_free(&x);
}
END_TEST

START_TEST(undefined_ratios)
{
    /* Q is neither labeled nor assigned: precision, recall and F1 all 0/0,
     * and the macro averages leave Q out (P alone: 1, 1, 1). */
    scored x = score_text("{\"without_company\": true, \"personas\": [[\"P\", [\"sales\"], [], []],"
                          " [\"Q\", [\"qq\"], [], []]]}",
                          "{\"job_title\": \"sales\", \"l\": \"P\"}\n");
    const ls_score_persona *q = &x.r->personas[1];
    ck_ratio(q->precision, 0, 0);
    ck_ratio(q->recall, 0, 0);
    ck_ratio(q->f1, 0, 0);
    ck_assert_uint_eq(x.r->macro_f1.n, 1);
    ck_assert_double_eq_tol(x.r->macro_f1.value, 1.0, 1e-12);
    ck_assert_double_eq_tol(x.r->macro_precision.value, 1.0, 1e-12);
    cJSON *doc = ls_score_report(x.r, 0);
    ck_assert_ptr_nonnull(doc);
    ls_buf out = {0};
    ck_assert_int_eq(ls_json_emit(&out, doc, 0), 0);
    cJSON_Delete(doc);
    ck_assert_ptr_nonnull(strstr(out.data, "\"name\": \"Q\", \"labeled\": 0, \"assigned\": 0, "
                                           "\"tp\": 0, \"fp\": 0, \"fn\": 0, \"precision\": null, "
                                           "\"recall\": null, \"f1\": null"));
    ck_assert_ptr_nonnull(strstr(out.data, "\"macro\": {\"precision\": 1, \"recall\": 1, "
                                           "\"f1\": 1, \"personas_precision\": 1, "
                                           "\"personas_recall\": 1, \"personas_f1\": 1}"));
    ls_buf_free(&out);
    scored_free(&x);
}
END_TEST

START_TEST(json_report)
{
    scored x = score_fixture(0);
    cJSON *doc = ls_score_report(x.r, 0);
    ck_assert_ptr_nonnull(doc);
    ls_buf out = {0};
    ck_assert_int_eq(ls_json_emit(&out, doc, 0), 0);
    cJSON_Delete(doc);
    const char *want[] = {
        "{\"leads\": {\"files_read\": 1, \"files_failed\": 0, \"read\": 18, \"malformed\": 0, "
        "\"not_objects\": 0, \"not_leads\": 0, \"duplicates\": 1, \"scored\": 15, \"unlabeled\": 2, "
        "\"label_not_string\": 0, \"other_labeled\": 0}",
        "\"labels\": {\"entries\": 16, \"duplicate_keys\": 1, \"unused\": 1, "
        "\"not_personas\": []}",
        "{\"name\": \"Sales\", \"labeled\": 7, \"assigned\": 5, \"tp\": 2, \"fp\": 3, \"fn\": 5, "
        "\"precision\": 0.4, \"recall\": 0.285714, \"f1\": 0.333333, \"false_negatives\": "
        "[{\"kind\": \"filter\", \"reason\": \"dropped by filter\", \"detail\": \"exclude_ids\", "
        "\"count\": 1, \"top_titles\": [{\"title\": \"sales manager\", \"count\": 1}]}",
        "{\"kind\": \"no_function\", \"reason\": \"no function hit\", \"detail\": null, "
        "\"count\": 1, \"top_titles\": [{\"title\": \"revenue director\", \"count\": 1}]}",
        "\"false_positives\": [{\"kind\": \"function\", \"reason\": \"function hit\", "
        "\"detail\": \"sales\", \"count\": 2, \"top_titles\": [{\"title\": \"sales manager\", "
        "\"count\": 1}, {\"title\": \"sales marketing manager\", \"count\": 1}]}, "
        "{\"kind\": \"function_inside\"",
        "\"name\": \"CEO\", \"labeled\": 1, \"assigned\": 2, \"tp\": 1, \"fp\": 1, \"fn\": 0, "
        "\"precision\": 0.5, \"recall\": 1, \"f1\": 0.666667, \"false_negatives\": [], ",
        "\"overall\": {\"micro\": {\"tp\": 4, \"fp\": 5, \"fn\": 6, \"precision\": 0.444444, "
        "\"recall\": 0.4, \"f1\": 0.421053}, \"macro\": {\"precision\": 0.466667, "
        "\"recall\": 0.595238, \"f1\": 0.5, \"personas_precision\": 3, \"personas_recall\": 3, "
        "\"personas_f1\": 3}, \"correct\": 6, \"accuracy\": 0.4}",
        "\"confusion\": {\"labels\": [\"Sales\", \"Marketing\", \"CEO\", \"none\", \"other\"], "
        "\"assigned\": [\"Sales\", \"Marketing\", \"CEO\", \"none\", \"filtered\"], "
        "\"cells\": [{\"label\": 0, \"assigned\": 3, \"count\": 3}, "
        "{\"label\": 0, \"assigned\": 0, \"count\": 2}, {\"label\": 3, \"assigned\": 0, "
        "\"count\": 2}, {\"label\": 3, \"assigned\": 3, \"count\": 2}, ",
        "{\"label\": 3, \"assigned\": 1, \"count\": 1}]}, \"misses\": [{\"side\": \"fn\", "
        "\"persona\": \"Sales\", \"key\": \"s3\","};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        ck_assert_msg(strstr(out.data, want[i]) != NULL, "missing %s\nin %s", want[i], out.data);
    ls_buf_free(&out);
    scored_free(&x);
}
END_TEST

START_TEST(labels_table_errors)
{
    ls_request *req = fixture_request();
    ls_score *s = NULL;
    ck_assert_int_eq(ls_score_new(req, NULL, &s), LS_OK);
    const char *text = "s1\tSales\r\nno tab here\n\tSales\ns2\t\n\n# ok\ns3\ta\tb\ns4\t-\n";
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_score_load_labels(s, "L", text, strlen(text), &errs), LS_E_USAGE);
    ck_assert_uint_eq(ls_problems_count(errs), 4);
    ck_assert_str_eq(ls_problems_get(errs, 0).path, "L:2");
    ck_assert_str_eq(ls_problems_get(errs, 1).path, "L:3");
    ck_assert_str_eq(ls_problems_get(errs, 2).path, "L:4");
    ck_assert_str_eq(ls_problems_get(errs, 3).path, "L:7");
    ck_assert_ptr_nonnull(strstr(ls_problems_get(errs, 2).hint, "write -"));
    ls_problems_free(errs);
    ls_score_free(s);
    /* a request without personas has nothing to score */
    const char *empty = "{\"without_company\": true}";
    ls_request *none = compile(empty, strlen(empty));
    ck_assert_int_eq(ls_score_new(none, NULL, &s), LS_E_USAGE);
    ck_assert_ptr_null(s);
    ls_request_free(none);
    ls_request_free(req);
}
END_TEST

/* A label that names no persona of the request is an error of the table:
 * once per distinct label, at its first line, in line order with the
 * malformed lines, with the closest persona name when one is close. */
START_TEST(labels_naming_no_persona)
{
    const char *rq = "{\"without_company\": true, \"personas\": [[\"Marketing Leaders\", "
                     "[\"marketing\"], [], []], [\"Sales\", [\"sales\"], [], []]]}";
    ls_request *req = compile(rq, strlen(rq));
    ls_score *s = NULL;
    ck_assert_int_eq(ls_score_new(req, NULL, &s), LS_OK);
    char x200[201];
    memset(x200, 'x', 200);
    x200[200] = '\0';
    ls_buf text = {0};
    ck_assert_int_eq(ls_buf_printf(&text, "lead_key\tpersona\n"    /* 1 */
                                          "a\tMarketing Leaderz\n" /* 2 */
                                          "b\tSales\n"             /* 3 */
                                          "c\tFinance\n"           /* 4 */
                                          "bad line\n"             /* 5 */
                                          "d\tMarketing Leaderz\n" /* 6: said at 2 */
                                          "e\tnone\n"              /* 7 */
                                          "a\tsales\n"             /* 8: a key again, still checked */
                                          "f\tMarketing Leaderz\n" /* 9 */
                                          "h\t%s\n"                /* 10 */
                                          "g\tA",
                                   x200), 0);
    ck_assert_int_eq(ls_buf_append(&text, "\0B\n", 3), 0); /* 11: a NUL in the label */
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_score_load_labels(s, "L", text.data, text.len, &errs), LS_E_USAGE);
    static const char *const want[][2] = {
        {"L:2", "label \"Marketing Leaderz\" names no persona of the request; did you mean "
                "\"Marketing Leaders\"? (the first of 3 lines with it)"},
        {"L:4", "label \"Finance\" names no persona of the request; write a persona's name "
                "exactly, or - for no persona"},
        {"L:5", "expected lead_key<TAB>persona (no tab on this line)"},
        {"L:7", "label \"none\" names no persona of the request; write - for \"should match no "
                "persona\""},
        {"L:8", "label \"sales\" names no persona of the request; did you mean \"Sales\"?"},
        {"L:10", NULL},
        {"L:11", "label \"A\\0B\" names no persona of the request; write a persona's name "
                 "exactly, or - for no persona"}};
    ck_assert_uint_eq(ls_problems_count(errs), sizeof want / sizeof *want);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        ls_problem p = ls_problems_get(errs, i);
        ck_assert_str_eq(p.path, want[i][0]);
        if (want[i][1])
            ck_assert_str_eq(p.hint, want[i][1]);
    }
    /* a long label is shown cut at 120 bytes */
    char shown[200];
    snprintf(shown, sizeof shown, "label \"%.120s...\" names no persona", x200);
    ck_assert_ptr_nonnull(strstr(ls_problems_get(errs, 5).hint, shown));
    ls_problems_free(errs);
    ls_buf_free(&text);
    ls_score_free(s);
    ls_request_free(req);
}
END_TEST

/* Label field values that name no persona are counted, with where a lead
 * first had each and the closest persona name; the caller decides (the
 * CLI refuses them). */
START_TEST(field_labels_naming_no_persona)
{
    scored x = score_text("{\"without_company\": true, \"personas\": [[\"Marketing Leaders\", "
                          "[\"marketing\"], [], []], [\"Sales\", [\"sales\"], [], []]]}",
                          "{\"job_title\": \"x\", \"l\": \"Sales\"}\n"
                          "{\"job_title\": \"x\", \"l\": \"Marketing Leaderz\"}\n"
                          "\n{\"job_title\": \"x\", \"l\": \"Finance\"}\n"
                          "{\"job_title\": \"x\", \"l\": \"Marketing Leaderz\"}\n");
    const ls_score_result *r = x.r;
    ck_assert_uint_eq(r->label_field_leads, 4);
    ck_assert_ptr_null(r->label_field_suggestion);
    ck_assert_uint_eq(r->nother, 2);
    ck_assert_str_eq(r->other_names[0], "Marketing Leaderz");
    ck_assert_uint_eq(r->other_counts[0], 2);
    ck_assert_str_eq(r->other_files[0], "in");
    ck_assert_uint_eq(r->other_lines[0], 2);
    ck_assert_str_eq(r->other_suggestions[0], "Marketing Leaders");
    ck_assert_str_eq(r->other_names[1], "Finance");
    ck_assert_uint_eq(r->other_counts[1], 1);
    ck_assert_str_eq(r->other_files[1], "in");
    ck_assert_uint_eq(r->other_lines[1], 4);
    ck_assert_ptr_null(r->other_suggestions[1]);
    scored_free(&x);
}
END_TEST

/* Scores leads with labels from `field`. */
static scored score_field(const char *field, const char *leads)
{
    scored x;
    const char *rq = "{\"without_company\": true, \"personas\": [[\"Sales\", [\"sales\"], [], []]]}";
    x.req = compile(rq, strlen(rq));
    ls_score_options o = {field, NULL, NULL, 0, 0};
    ck_assert_int_eq(ls_score_new(x.req, &o, &x.s), LS_OK);
    ck_assert_int_eq(ls_score_add_memory(x.s, "in", leads, strlen(leads)), LS_OK);
    ck_assert_int_eq(ls_score_finish(x.s, &x.r), LS_OK);
    return x;
}

/* A label field that no lead has: nothing scored, and the closest of the
 * leads' own top-level field names (escaped keys decoded). */
START_TEST(label_field_no_lead_has)
{
    const char *leads = "{\"sales_id\": \"1\", \"job_title\": \"sales\", \"Wanted\": \"Sales\", "
                        "\"expected\\u005fpersona\": \"Sales\"}\n"
                        "{\"sales_id\": \"2\", \"job_title\": \"sales\", \"jobs\": [{\"wanted\": 1}]}\n";
    static const struct {
        const char *field, *near;
    } cases[] = {{"wanted", "Wanted"}, {"expected-persona", "expected_persona"},
                 {"zzz", NULL}, {"label", NULL}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        scored x = score_field(cases[i].field, leads);
        ck_assert_uint_eq(x.r->label_field_leads, 0);
        ck_assert_uint_eq(x.r->scored, 0);
        ck_assert_uint_eq(x.r->unlabeled, 2);
        if (cases[i].near)
            ck_assert_str_eq(x.r->label_field_suggestion, cases[i].near);
        else
            ck_assert_ptr_null(x.r->label_field_suggestion);
        scored_free(&x);
    }
    /* one lead with the field, even null: the field is there */
    scored x = score_field("wanted", "{\"job_title\": \"a\", \"Wanted\": 1}\n"
                                     "{\"job_title\": \"b\", \"wanted\": null}\n");
    ck_assert_uint_eq(x.r->label_field_leads, 1);
    ck_assert_ptr_null(x.r->label_field_suggestion);
    ck_assert_uint_eq(x.r->scored, 1);
    scored_free(&x);
    /* no lead at all: nothing to suggest */
    x = score_field("wanted", "");
    ck_assert_uint_eq(x.r->label_field_leads, 0);
    ck_assert_ptr_null(x.r->label_field_suggestion);
    scored_free(&x);
}
END_TEST

/* A labels file keys v1 leads by their lead key (addendum §1): lead_id,
 * else id, as sales_id keys by_icp leads. */
START_TEST(labels_key_v1_leads)
{
    const char *rq = "{\"without_company\": true, \"personas\": [[\"Sales\", [\"sales\"], [], []]]}";
    ls_request *req = compile(rq, strlen(rq));
    ls_score *s = NULL;
    ck_assert_int_eq(ls_score_new(req, NULL, &s), LS_OK);
    const char *labels = "L1\tSales\n9\tSales\nS3\t-\n";
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_score_load_labels(s, "L", labels, strlen(labels), &errs), LS_OK);
    ck_assert_ptr_null(errs);
    const char *leads = "{\"lead_id\": \"L1\", \"title\": \"Sales rep\"}\n"
                        "{\"lead_id\": \" \", \"id\": 9, \"title\": \"Engineer\"}\n"
                        "{\"sales_id\": \"S3\", \"title\": \"Sales rep\"}\n";
    ck_assert_int_eq(ls_score_add_memory(s, "in", leads, strlen(leads)), LS_OK);
    const ls_score_result *r = NULL;
    ck_assert_int_eq(ls_score_finish(s, &r), LS_OK);
    ck_assert_uint_eq(r->scored, 3);
    ck_assert_uint_eq(r->unlabeled, 0);
    ck_assert_uint_eq(r->personas[0].labeled, 2);
    ck_assert_uint_eq(r->personas[0].tp, 1);
    ck_assert_uint_eq(r->personas[0].fn, 1);
    ck_assert_uint_eq(r->personas[0].fp, 1);
    ls_score_free(s);
    ls_request_free(req);
}
END_TEST

/* Every miss, with its lead, in input order (the table above). */
START_TEST(every_miss_listed)
{
    scored x = score_fixture(0);
    const ls_score_result *r = x.r;
    static const struct {
        int fp;
        size_t persona;
        const char *key;
        ls_miss_kind kind;
        uint64_t line;
    } want[] = {
        {0, 0, "s3", LS_MISS_PROHIBITED, 3}, {0, 0, "s4", LS_MISS_NO_SENIORITY, 4},
        {0, 0, "s5", LS_MISS_NO_FUNCTION, 5}, {0, 0, "s6", LS_MISS_TAKEN, 6},
        {1, 2, "s6", LS_MISS_FUNCTION, 6}, {1, 0, "s7", LS_MISS_FUNCTION_INSIDE, 7},
        {0, 1, "s9", LS_MISS_TAKEN, 9}, {1, 0, "s9", LS_MISS_FUNCTION, 9},
        {0, 0, "x9", LS_MISS_FILTER, 12}, {1, 1, "s16", LS_MISS_FUNCTION, 16},
        {1, 0, "s17", LS_MISS_FUNCTION, 17}};
    ck_assert_uint_eq(r->nmisses, sizeof want / sizeof *want);
    ck_assert_uint_eq(r->nmisses, r->micro_fn + r->micro_fp);
    for (size_t i = 0; i < r->nmisses; i++) {
        const ls_score_miss *m = &r->misses[i];
        ck_assert_int_eq(m->false_positive, want[i].fp);
        ck_assert_uint_eq(m->persona, want[i].persona);
        ck_assert_str_eq(m->lead.key, want[i].key);
        ck_assert_str_eq(m->lead.key_field, "sales_id");
        ck_assert_int_eq(m->kind, want[i].kind);
        ck_assert_uint_eq(m->lead.line, want[i].line);
        ck_assert_str_eq(m->lead.file, FIX "leads.jsonl");
        ck_assert_uint_eq(m->lead.index, LS_NO_INDEX);
        ck_assert_str_eq(m->lead.title_field, "job_title");
        ck_assert_ptr_null(m->lead.name);
    }
    /* s3: Sales' own checks: "sales" and "manager" hit, "intern" dropped it */
    const ls_score_miss *m = &r->misses[0];
    ck_assert_str_eq(m->lead.title, "Sales Intern Manager");
    ck_assert_str_eq(m->title_norm, "sales intern manager");
    ck_assert_int_eq(m->label, 0);
    ck_assert_str_eq(m->label_name, "Sales");
    ck_assert_int_eq(m->assigned, -1);
    ck_assert_ptr_null(m->filter);
    ck_assert_str_eq(m->function, "sales");
    ck_assert_str_eq(m->seniority, "manager");
    ck_assert_str_eq(m->prohibit, "intern");
    ck_assert_str_eq(m->prohibit_token, "intern");
    ck_assert_str_eq(m->detail, "intern");
    /* s4: no seniority entry passed */
    ck_assert_str_eq(r->misses[1].function, "sales");
    ck_assert_ptr_null(r->misses[1].seniority);
    /* s6's two rows: FN of Sales taken by CEO, FP of CEO (no seniority list) */
    ck_assert_str_eq(r->misses[3].detail, "CEO");
    ck_assert_int_eq(r->misses[3].assigned, 2);
    ck_assert_str_eq(r->misses[4].function, "ceo");
    ck_assert_ptr_null(r->misses[4].seniority);
    ck_assert_str_eq(r->misses[4].label_name, "Sales");
    /* s7 labeled -: an FP whose "sales" hit inside a word */
    ck_assert_int_eq(r->misses[5].label, LS_LABEL_NONE);
    ck_assert_str_eq(r->misses[5].label_name, "-");
    ck_assert_str_eq(r->misses[5].title_norm, "wholesales manager");
    /* x9: the filter; persona matching not reached, so no checks */
    ck_assert_str_eq(r->misses[8].filter, "exclude_ids");
    ck_assert_str_eq(r->misses[8].title_norm, "sales manager");
    ck_assert_ptr_null(r->misses[8].function);
    ck_assert_ptr_null(r->misses[8].seniority);
    /* one line of JSON per miss */
    char *json = NULL;
    size_t len = 0;
    ck_assert_int_eq(ls_score_miss_json(r, 5, &json, &len), LS_OK);
    ck_assert_str_eq(json, "{\"side\": \"fp\", \"persona\": \"Sales\", \"key\": \"s7\", "
                           "\"key_field\": \"sales_id\", \"name\": null, \"title\": "
                           "\"Wholesales Manager\", \"title_field\": \"job_title\", "
                           "\"title_norm\": \"wholesales manager\", \"label\": \"-\", "
                           "\"assigned\": \"Sales\", \"filter\": null, \"kind\": "
                           "\"function_inside\", \"reason\": \"function hit inside a word\", "
                           "\"detail\": \"sales\", \"function\": \"sales\", \"seniority\": "
                           "\"manager\", \"prohibit\": null, \"prohibit_token\": null, \"file\": "
                           "\"" FIX "leads.jsonl\", \"line\": 7, \"index\": null}");
    ck_assert_uint_eq(strlen(json), len);
    ls_free(json);
    ck_assert_int_eq(ls_score_miss_json(r, r->nmisses, &json, &len), LS_E_USAGE);
    scored_free(&x);
}
END_TEST

/* A label field value naming no persona: its own name on the row. */
START_TEST(miss_of_other_label)
{
    scored x = score_text("{\"without_company\": true, \"personas\": [[\"P\", [\"pp\"], [], []]]}",
                          "{\"leads\": [{\"sales_id\": 1, \"job_title\": \"pp\", \"l\": \"Q\"}]}");
    ck_assert_uint_eq(x.r->nmisses, 1);
    ck_assert_int_eq(x.r->misses[0].label, LS_LABEL_OTHER);
    ck_assert_str_eq(x.r->misses[0].label_name, "Q");
    ck_assert_str_eq(x.r->misses[0].lead.key, "1");
    ck_assert_uint_eq(x.r->misses[0].lead.index, 0);
    scored_free(&x);
}
END_TEST

static char *write_temp(const char *name, const char *text)
{
    char *path = malloc(256);
    snprintf(path, 256, "%s/ls_score_%d_%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (int)getpid(), name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Labels from records: JSONL keyed by the lead key's rule or lead_key, CSV
 * by its header; the same labels as the TSV. */
START_TEST(labels_from_records)
{
    ls_request *req = fixture_request();
    char *jl = write_temp("l.jsonl", "{\"sales_id\": \"s1\", \"p\": \"Sales\"}\n"
                                     "{\"lead_key\": \"s7\", \"p\": \"-\"}\n"
                                     "{\"lead_id\": \"s8\", \"p\": \"Marketing\"}\n"
                                     "{\"sales_id\": \"s11\", \"p\": null}\n"
                                     "{\"sales_id\": \"s12\", \"other\": 1}\n");
    ls_score *s = NULL;
    ck_assert_int_eq(ls_score_new(req, NULL, &s), LS_OK);
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_score_load_labels_path(s, jl, "p", &errs), LS_OK);
    ck_assert_ptr_null(errs);
    ck_assert_int_eq(ls_score_label_of(s, "s1", 2), 0);
    ck_assert_int_eq(ls_score_label_of(s, "s7", 2), LS_LABEL_NONE);
    ck_assert_int_eq(ls_score_label_of(s, "s8", 2), 1);
    ck_assert_int_eq(ls_score_label_of(s, "s11", 3), LS_LABEL_NONE);
    ck_assert_int_eq(ls_score_label_of(s, "s12", 3), LS_LABEL_ABSENT); /* no member p */
    ck_assert_int_eq(ls_score_add_path(s, FIX "leads.jsonl"), LS_OK);
    const ls_score_result *r = NULL;
    ck_assert_int_eq(ls_score_finish(s, &r), LS_OK);
    /* s1 TP Sales, s7 FP Sales, s8 TP Marketing, s11 correct none */
    ck_assert_uint_eq(r->scored, 4);
    ck_assert_uint_eq(r->label_entries, 4);
    ck_assert_uint_eq(r->micro_tp, 2);
    ck_assert_uint_eq(r->micro_fp, 1);
    ck_assert_uint_eq(r->micro_fn, 0);
    ls_score_free(s);

    /* the field named wrongly: one problem with the closest member name;
     * and a record without a key, a number label, a typo of a persona */
    ck_assert_int_eq(ls_score_new(req, NULL, &s), LS_OK);
    ck_assert_int_eq(ls_score_load_labels_path(s, jl, "P", &errs), LS_E_USAGE);
    ck_assert_uint_eq(ls_problems_count(errs), 1);
    ck_assert_str_eq(ls_problems_get(errs, 0).path, jl);
    ck_assert_str_eq(ls_problems_get(errs, 0).hint,
                     "no record has the label field \"P\"; did you mean \"p\"?");
    ls_problems_free(errs);
    ls_score_free(s);
    char *bad = write_temp("b.jsonl", "{\"full_name\": \"A\", \"persona\": \"Sales\"}\n"
                                      "{\"sales_id\": 2, \"persona\": 5}\n"
                                      "{\"sales_id\": 3, \"persona\": \"Marketting\"}\n");
    ck_assert_int_eq(ls_score_new(req, NULL, &s), LS_OK);
    ck_assert_int_eq(ls_score_load_labels_path(s, bad, NULL, &errs), LS_E_USAGE);
    ck_assert_uint_eq(ls_problems_count(errs), 3);
    ck_assert(strstr(ls_problems_get(errs, 0).path, ":1") != NULL);
    ck_assert_str_eq(ls_problems_get(errs, 0).hint, "the record has no lead key (sales_id, "
                     "lead_id, id, linkedin_url, linkedin_id, or lead_key)");
    ck_assert(strstr(ls_problems_get(errs, 1).hint, "the label is not a string") != NULL);
    ck_assert_str_eq(ls_problems_get(errs, 2).hint, "label \"Marketting\" names no persona of "
                     "the request; did you mean \"Marketing\"?");
    ls_problems_free(errs);
    ls_score_free(s);

    /* CSV by its name, a header alias for the key (Person Linkedin Url) */
    char *csv = write_temp("l.csv", "Person Linkedin Url,persona\nhttps://x/in/a,CEO\n");
    ck_assert_int_eq(ls_score_new(req, NULL, &s), LS_OK);
    ck_assert_int_eq(ls_score_load_labels_path(s, csv, NULL, &errs), LS_OK);
    ck_assert_int_eq(ls_score_label_of(s, "https://x/in/a", 14), 2);
    ls_score_free(s);
    remove(jl);
    remove(bad);
    remove(csv);
    free(jl);
    free(bad);
    free(csv);
    ls_request_free(req);
}
END_TEST

/* No label's key is a lead's: a key of each side, and the lead field the
 * labels' keys are. */
START_TEST(labels_matching_no_lead)
{
    const char *rq = "{\"without_company\": true, \"personas\": [[\"S\", [\"sales\"], [], []]]}";
    ls_request *req = compile(rq, strlen(rq));
    ls_score *s = NULL;
    ck_assert_int_eq(ls_score_new(req, NULL, &s), LS_OK);
    const char *labels = "https://x/in/a\tS\nhttps://x/in/b\t-\nhttps://x/in/zz\tS\n";
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_score_load_labels(s, "L", labels, strlen(labels), &errs), LS_OK);
    const char *leads = "{\"sales_id\": \"7\", \"linkedin_url\": \"https://x/in/a\", "
                        "\"job_title\": \"Sales\"}\n"
                        "{\"sales_id\": \"8\", \"linkedin_url\": \"https://x/in/b\"}\n"
                        "{\"linkedin_id\": \"https://x/in/zz\", \"linkedin_url\": \"u\"}\n";
    ck_assert_int_eq(ls_score_add_memory(s, "in", leads, strlen(leads)), LS_OK);
    const ls_score_result *r = NULL;
    ck_assert_int_eq(ls_score_finish(s, &r), LS_OK);
    ck_assert_uint_eq(r->scored, 0);
    ck_assert_uint_eq(r->labels_unused, 3);
    ck_assert_str_eq(r->label_key_example, "https://x/in/a");
    ck_assert_str_eq(r->lead_key_example, "7");
    ck_assert_str_eq(r->lead_key_example_field, "sales_id");
    ck_assert_str_eq(r->labels_keyed_by, "linkedin_url"); /* 2 leads, linkedin_id 1 */
    ck_assert_uint_eq(r->labels_keyed_by_count, 2);
    ls_score_free(s);
    /* one label matching: no hint */
    ck_assert_int_eq(ls_score_new(req, NULL, &s), LS_OK);
    const char *some = "7\tS\nzz\t-\n";
    ck_assert_int_eq(ls_score_load_labels(s, "L", some, strlen(some), &errs), LS_OK);
    ck_assert_int_eq(ls_score_add_memory(s, "in", leads, strlen(leads)), LS_OK);
    ck_assert_int_eq(ls_score_finish(s, &r), LS_OK);
    ck_assert_uint_eq(r->scored, 1);
    ck_assert_ptr_null(r->label_key_example);
    ck_assert_ptr_null(r->labels_keyed_by);
    ls_score_free(s);
    ls_request_free(req);
}
END_TEST

START_TEST(crlf_and_bom_labels)
{
    /* A BOM, CRLF line ends and the header line are all accepted. */
    const char *rq = "{\"without_company\": true, \"personas\": [[\"P\", [\"sales\"], [], []]]}";
    ls_request *req = compile(rq, strlen(rq));
    ls_score *s = NULL;
    ck_assert_int_eq(ls_score_new(req, NULL, &s), LS_OK);
    const char *text = "\xef\xbb\xbflead_key\tpersona\r\n7\tP\r\n8\t-\r\n";
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_score_load_labels(s, "L", text, strlen(text), &errs), LS_OK);
    /* sales_id 7 as a number and "8" as a string both key by their value */
    const char *leads = "{\"sales_id\": 7, \"job_title\": \"sales\"}\n"
                        "{\"sales_id\": \"8\", \"job_title\": \"sales\"}\n";
    ck_assert_int_eq(ls_score_add_memory(s, "in", leads, strlen(leads)), LS_OK);
    const ls_score_result *r;
    ck_assert_int_eq(ls_score_finish(s, &r), LS_OK);
    ck_assert_uint_eq(r->label_entries, 2);
    ck_assert_uint_eq(r->scored, 2);
    ck_assert_uint_eq(r->personas[0].tp, 1);
    ck_assert_uint_eq(r->personas[0].fp, 1);
    ls_score_free(s);
    ls_request_free(req);
}
END_TEST

START_TEST(finished_takes_no_input)
{
    scored x = score_fixture(1);
    ck_assert_int_eq(ls_score_add_memory(x.s, "late", "{}", 2), LS_E_USAGE);
    const ls_score_result *again;
    ck_assert_int_eq(ls_score_finish(x.s, &again), LS_OK);
    ck_assert_ptr_eq(again, x.r);
    scored_free(&x);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tuning_score");
    TCase *tc = tcase_create("score");
    tcase_add_test(tc, table_labels);
    tcase_add_test(tc, field_labels);
    tcase_add_test(tc, top_five_titles);
    tcase_add_test(tc, several_other_labels);
    tcase_add_test(tc, undefined_ratios);
    tcase_add_test(tc, json_report);
    tcase_add_test(tc, labels_table_errors);
    tcase_add_test(tc, labels_naming_no_persona);
    tcase_add_test(tc, field_labels_naming_no_persona);
    tcase_add_test(tc, label_field_no_lead_has);
    tcase_add_test(tc, labels_key_v1_leads);
    tcase_add_test(tc, crlf_and_bom_labels);
    tcase_add_test(tc, every_miss_listed);
    tcase_add_test(tc, miss_of_other_label);
    tcase_add_test(tc, labels_from_records);
    tcase_add_test(tc, labels_matching_no_lead);
    tcase_add_test(tc, finished_takes_no_input);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
