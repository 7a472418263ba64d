/* explain, score, diff and lint over kept leads (ls_leads) give what they
 * give over the inputs the leads were read from: the same JSON documents,
 * records naming the same inputs and lines. */
#include <check.h>
#include "check_run.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/core.h"
#include "leadsieve/tools.h"

#define FIX LS_TEST_DATA "/score/"

/* After the fixture file: a memory input with a duplicate, a malformed
 * record and a request (not leads), and a CSV export whose Title column is
 * the title. */
static const char more[] = "{\"sales_id\": \"s1\", \"job_title\": \"Sales Manager\"}\n"
                           "{broken\n"
                           "{\"without_company\": true, \"personas\": []}\n"
                           "{\"sales_id\": \"m1\", \"job_title\": \"Head of Marketing\"}\n";
static const char csv[] = "Title,Sales Navigator ID\nSales Director,c1\nIntern,c2\n";

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    ls_buf b = {0};
    char block[4096];
    size_t n;
    while ((n = fread(block, 1, sizeof block, f)) > 0)
        ck_assert_int_eq(ls_buf_append(&b, block, n), 0);
    fclose(f);
    *len = b.len;
    return b.data;
}

static ls_request *load(const char *name)
{
    size_t len;
    char *text = slurp(name, &len);
    ls_request *req = NULL;
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_request_compile(text, len, NULL, &req, &errs), LS_OK);
    ls_problems_free(errs);
    free(text);
    return req;
}

static ls_leads *kept(void)
{
    ls_leads *leads = NULL;
    ck_assert_int_eq(ls_leads_new(NULL, &leads), LS_OK);
    ck_assert_int_eq(ls_leads_add_path(leads, FIX "leads.jsonl"), LS_OK);
    ck_assert_int_eq(ls_leads_add_memory(leads, "more.jsonl", more, strlen(more)), LS_OK);
    ck_assert_int_eq(ls_leads_add_memory(leads, "export.csv", csv, strlen(csv)), LS_OK);
    return leads;
}

/* Adds the same inputs to a tool, whatever its add functions. */
#define ADD_INPUTS(tool, add_path, add_memory)                                          \
    do {                                                                               \
        ck_assert_int_eq(add_path(tool, FIX "leads.jsonl"), LS_OK);                    \
        ck_assert_int_eq(add_memory(tool, "more.jsonl", more, strlen(more)), LS_OK);    \
        ck_assert_int_eq(add_memory(tool, "export.csv", csv, strlen(csv)), LS_OK);      \
    } while (0)

static char *score_json(const ls_request *req, const ls_leads *leads)
{
    ls_score *s = NULL;
    ck_assert_int_eq(ls_score_new(req, NULL, &s), LS_OK);
    size_t len;
    char *labels = slurp(FIX "labels.tsv", &len);
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_score_load_labels(s, "labels.tsv", labels, len, &errs), LS_OK);
    ls_problems_free(errs);
    free(labels);
    if (leads)
        ck_assert_int_eq(ls_score_add_leads(s, leads), LS_OK);
    else
        ADD_INPUTS(s, ls_score_add_path, ls_score_add_memory);
    const ls_score_result *r = NULL;
    ck_assert_int_eq(ls_score_finish(s, &r), LS_OK);
    char *json = NULL;
    ck_assert_int_eq(ls_score_report_json(r, 0, &json, NULL), LS_OK);
    ls_score_free(s);
    return json;
}

START_TEST(score_of_kept_leads)
{
    ls_request *req = load(FIX "request.json");
    ls_leads *leads = kept();
    char *want = score_json(req, NULL), *got = score_json(req, leads);
    ck_assert_str_eq(got, want);
    ck_assert_ptr_nonnull(strstr(got, "\"not_leads\": 1"));
    ls_free(want);
    ls_free(got);
    ls_leads_free(leads);
    ls_request_free(req);
}
END_TEST

static char *diff_json(const ls_request *a, const ls_request *b, const ls_leads *leads)
{
    ls_diff *d = NULL;
    ck_assert_int_eq(ls_diff_new(a, b, NULL, &d), LS_OK);
    if (leads)
        ck_assert_int_eq(ls_diff_add_leads(d, leads), LS_OK);
    else
        ADD_INPUTS(d, ls_diff_add_path, ls_diff_add_memory);
    const ls_diff_result *r = NULL;
    ck_assert_int_eq(ls_diff_finish(d, &r), LS_OK);
    char *json = NULL;
    ck_assert_int_eq(ls_diff_report_json(d, r, 0, &json, NULL), LS_OK);
    ls_diff_free(d);
    return json;
}

START_TEST(diff_of_kept_leads)
{
    ls_request *a = load(FIX "request_new.json"), *b = load(FIX "request.json");
    ls_leads *leads = kept();
    char *want = diff_json(a, b, NULL), *got = diff_json(a, b, leads);
    ck_assert_str_eq(got, want);
    /* 22 leads, s1 twice again: the CSV rows are compared too */
    ck_assert_ptr_nonnull(strstr(got, "\"compared\": 20"));
    ls_free(want);
    ls_free(got);
    ck_assert_int_eq(ls_diff_add_leads(NULL, leads), LS_E_USAGE);
    ls_leads_free(leads);
    ls_request_free(a);
    ls_request_free(b);
}
END_TEST

typedef struct records {
    ls_buf text;
    const ls_explain *ex;
} records;

static int keep_record(void *user, const ls_explain_record *rec)
{
    records *r = user;
    char *json = NULL;
    size_t len = 0;
    ck_assert_int_eq(ls_explain_record_json(r->ex, rec, &json, &len), LS_OK);
    ck_assert_int_eq(ls_buf_append(&r->text, json, len), 0);
    ck_assert_int_eq(ls_buf_putc(&r->text, '\n'), 0);
    ls_free(json);
    return 0;
}

/* Every record as JSON lines; leads NULL: the inputs. */
static char *explain_lines(const ls_request *req, const ls_leads *leads, size_t first,
                           size_t count)
{
    records r = {{0}, NULL};
    ls_explain *ex = NULL;
    ck_assert_int_eq(ls_explain_new(req, NULL, keep_record, &r, &ex), LS_OK);
    r.ex = ex;
    if (leads)
        ck_assert_int_eq(ls_explain_add_leads(ex, leads, first, count), LS_OK);
    else
        ADD_INPUTS(ex, ls_explain_add_path, ls_explain_add_memory);
    ls_explain_free(ex);
    return r.text.data;
}

START_TEST(explain_of_kept_leads)
{
    ls_request *req = load(FIX "request.json");
    ls_leads *leads = kept();
    char *want = explain_lines(req, NULL, 0, 0);
    char *got = explain_lines(req, leads, 0, SIZE_MAX);
    ck_assert_str_eq(got, want);
    /* records name the input and line each lead came from */
    ck_assert_ptr_nonnull(strstr(got, "\"file\": \"more.jsonl\", \"line\": 4"));
    ck_assert_ptr_nonnull(strstr(got, "\"file\": \"export.csv\", \"line\": 3"));
    /* one lead alone: its record as in the whole walk */
    size_t n = ls_leads_count(leads);
    char *last = explain_lines(req, leads, n - 1, 1);
    ck_assert_ptr_nonnull(strstr(want, last));
    ck_assert_ptr_nonnull(strstr(last, "\"title\": \"Intern\""));
    free(last);
    /* past the end: nothing; a count past the end stops at the last */
    last = explain_lines(req, leads, n, 1);
    ck_assert_ptr_null(last);
    last = explain_lines(req, leads, n - 1, 5);
    ck_assert_ptr_nonnull(strstr(last, "\"title\": \"Intern\""));
    free(last);
    free(want);
    free(got);
    ls_leads_free(leads);
    ls_request_free(req);
}
END_TEST

static char *lint_json(const ls_request *req, const ls_leads *leads)
{
    ls_lint *l = NULL;
    ck_assert_int_eq(ls_lint_new(req, NULL, &l), LS_OK);
    if (leads)
        ck_assert_int_eq(ls_lint_add_leads(l, leads), LS_OK);
    else
        ADD_INPUTS(l, ls_lint_add_path, ls_lint_add_memory);
    ck_assert_int_eq(ls_lint_finish(l), LS_OK);
    char *json = NULL;
    ck_assert_int_eq(ls_lint_report_json(l, 0, &json, NULL), LS_OK);
    ls_lint_free(l);
    return json;
}

START_TEST(lint_of_kept_leads)
{
    ls_request *req = load(FIX "request_new.json");
    ls_leads *leads = kept();
    char *want = lint_json(req, NULL), *got = lint_json(req, leads);
    ck_assert_str_eq(got, want);
    ck_assert_ptr_nonnull(strstr(got, "\"warnings\": [{"));
    ls_free(want);
    ls_free(got);
    ls_leads_free(leads);
    ls_request_free(req);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tuning_kept");
    TCase *tc = tcase_create("kept");
    tcase_add_test(tc, score_of_kept_leads);
    tcase_add_test(tc, diff_of_kept_leads);
    tcase_add_test(tc, explain_of_kept_leads);
    tcase_add_test(tc, lint_of_kept_leads);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
