/* explain records: every persona's trace, the title chosen, filter drops,
 * duplicates, the persona assigned, and the --persona / --only selection.
 * Expected values are worked out by hand from the contract (§2, §3). */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "core/core.h"
#include "matcher_testutil.h"
#include "tuning/explain.h"
#include "writers/jsonout.h"

/* Sales (priority 1), CEO (0), Ops (2); only German leads pass. */
static const char REQ[] =
    "{'without_company': true, 'locations': ['Germany'], 'personas': ["
    " ['Sales', ['sales', 'vertrieb'], ['vp', 'head'], ['account executive', 'intern'], 1],"
    " ['CEO', ['ceo', 'gesch\xc3\xa4\x66tsf\xc3\xbchrer'], [], []],"
    " ['Ops', [], ['manager+'], ['IT'], 2]]}";

static const char LEADS[] =
    "{\"sales_id\": \"1\", \"job_title\": \"SVP Wholesales\", \"location\": \"Berlin, Germany\"}\n"
    "{\"sales_id\": \"2\", \"job_title\": \"  \", \"headline\": \"Gesch\\u00e4ftsf\xc3\xbchrer "
    "Vertrieb\", \"location\": \"Berlin, Germany\"}\n"
    "{\"sales_id\": \"1\", \"job_title\": \"Head of Sales\", \"location\": \"Berlin, Germany\"}\n"
    "{\"sales_id\": \"3\", \"job_title\": \"Head of Sales, Account Executive\", "
    "\"location\": \"Paris, France\"}\n"
    "{\"sales_id\": \"4\", \"job_title\": \"IT Manager\", \"location\": \"Munich, Bavaria, "
    "Germany\"}\n";

/* A copy of what a record said. */
typedef struct got {
    char file[32], title[64], norm[64], field[16], filter[24], key[16], key_field[16];
    int label;
    uint64_t index;
    char filter_field[24], filter_value[24];
    ls_jtype filter_value_type;
    uint64_t line;
    int duplicate, assigned, kept;
    size_t nrows;
    ls_explain_row rows[3];
    char tokens[3][24];
} got;

typedef struct sink {
    got recs[8];
    size_t n;
    size_t stop_after; /* 0: never stop */
} sink;

static void copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "(null)");
}

static int collect(void *user, const ls_explain_record *rec)
{
    sink *s = user;
    ck_assert_uint_lt(s->n, 8);
    got *g = &s->recs[s->n++];
    copy(g->file, sizeof g->file, rec->file);
    copy(g->title, sizeof g->title, rec->title);
    copy(g->norm, sizeof g->norm, rec->title_norm);
    copy(g->field, sizeof g->field, rec->title_field);
    copy(g->filter, sizeof g->filter, rec->filter);
    copy(g->filter_field, sizeof g->filter_field, rec->filter_field);
    copy(g->filter_value, sizeof g->filter_value, rec->filter_value);
    g->filter_value_type = rec->filter_value_type;
    copy(g->key, sizeof g->key, rec->lead.key);
    copy(g->key_field, sizeof g->key_field, rec->lead.key_field);
    g->label = rec->label;
    g->index = rec->lead.index;
    /* the lead ref agrees with the record's own fields */
    ck_assert_str_eq(rec->lead.title, rec->title);
    ck_assert_uint_eq(rec->lead.line, rec->line);
    ck_assert_ptr_eq(rec->lead.title_field, rec->title_field);
    ck_assert_uint_eq(strlen(rec->title), rec->title_len);
    ck_assert_uint_eq(strlen(rec->title_norm), rec->title_norm_len);
    g->line = rec->line;
    g->duplicate = rec->duplicate;
    g->assigned = rec->assigned;
    g->kept = rec->kept;
    g->nrows = rec->nrows;
    ck_assert_uint_le(rec->nrows, 3);
    for (size_t i = 0; i < rec->nrows; i++) {
        g->rows[i] = rec->rows[i]; /* request strings stay valid */
        copy(g->tokens[i], sizeof g->tokens[i], rec->rows[i].t.prohibit_token);
    }
    return s->stop_after && s->n == s->stop_after;
}

static ls_request *req_of(ls_match_mode mode)
{
    return compile_mode(REQ, mode);
}

static void run_labeled(const ls_request *req, int persona, ls_explain_only only,
                        const ls_score *labels, sink *s)
{
    ls_explain_options o = {NULL, NULL, 0, 0, persona, only, LS_INPUT_AUTO, labels};
    ls_explain *ex = NULL;
    ck_assert_int_eq(ls_explain_new(req, &o, collect, s, &ex), LS_OK);
    ck_assert_ptr_nonnull(ex);
    ck_assert_int_eq(ls_explain_add_memory(ex, "leads.jsonl", LEADS, strlen(LEADS)), LS_OK);
    const ls_explain_stats *st = ls_explain_get_stats(ex);
    ck_assert_uint_eq(st->leads_read, s->stop_after ? s->stop_after : 5);
    ck_assert_uint_eq(st->shown, s->n);
    ls_explain_free(ex);
}

static void run(const ls_request *req, int persona, ls_explain_only only, sink *s)
{
    run_labeled(req, persona, only, NULL, s);
}

#define ROW(g, i) (&(g)->rows[i].t)

START_TEST(every_persona_of_every_lead)
{
    ls_request *req = req_of(LS_MATCH_DOCUMENTED);
    sink s = {0};
    run(req, -1, LS_EXPLAIN_ALL, &s);
    ck_assert_uint_eq(s.n, 5);

    /* 1: "svp wholesales": Sales hits "sales" inside "wholesales", its "vp"
     * entry passes as the expansion "svp" (alternative 1); CEO has no
     * function hit; Ops (no functions) passes "manager+" as "svp" (index 4
     * of manager director head vp svp ...).  Sales (1) ranks before Ops (2). */
    got *g = &s.recs[0];
    ck_assert_str_eq(g->file, "leads.jsonl");
    ck_assert_uint_eq(g->line, 1);
    ck_assert_str_eq(g->field, "job_title");
    ck_assert_str_eq(g->title, "SVP Wholesales");
    ck_assert_str_eq(g->norm, "svp wholesales");
    ck_assert_str_eq(g->filter, "(null)");
    ck_assert_str_eq(g->filter_field, "(null)");
    ck_assert_str_eq(g->filter_value, "(null)");
    ck_assert_int_eq(g->duplicate, 0);
    ck_assert_uint_eq(g->nrows, 3);
    ck_assert_int_eq(ROW(g, 0)->matched, 1);
    ck_assert_int_eq(ROW(g, 0)->function, 0);
    ck_assert_int_eq(ROW(g, 0)->function_inside, 1);
    ck_assert_str_eq(g->rows[0].function, "sales");
    ck_assert_int_eq(ROW(g, 0)->seniority, 0);
    ck_assert_int_eq(ROW(g, 0)->alternative, 1);
    ck_assert_str_eq(g->rows[0].seniority, "vp");
    ck_assert_str_eq(g->rows[0].alternative, "svp");
    ck_assert_uint_eq(g->rows[0].nalternatives, 5);
    ck_assert_int_eq(ROW(g, 0)->prohibit, -1);
    ck_assert_ptr_null(g->rows[0].prohibit);
    ck_assert_int_eq(ROW(g, 1)->matched, 0);
    ck_assert_int_eq(ROW(g, 1)->function, -1);
    ck_assert_int_eq(ROW(g, 1)->seniority, -2);
    ck_assert_int_eq(ROW(g, 2)->matched, 1);
    ck_assert_int_eq(ROW(g, 2)->function, -2);
    ck_assert_int_eq(ROW(g, 2)->seniority, 0);
    ck_assert_int_eq(ROW(g, 2)->alternative, 4);
    ck_assert_str_eq(g->rows[2].alternative, "svp");
    ck_assert_int_eq(g->assigned, 0);
    ck_assert_int_eq(g->kept, 1);

    /* 2: blank job_title: the headline is used; "vertrieb" is a whole word
     * but Sales has no seniority in it; CEO's second keyword hits. */
    g = &s.recs[1];
    ck_assert_str_eq(g->field, "headline");
    ck_assert_str_eq(g->title, "Gesch\xc3\xa4\x66tsf\xc3\xbchrer Vertrieb");
    ck_assert_str_eq(g->norm, "geschaftsfuhrer vertrieb");
    ck_assert_int_eq(ROW(g, 0)->function, 1);
    ck_assert_int_eq(ROW(g, 0)->function_inside, 0);
    ck_assert_int_eq(ROW(g, 0)->seniority, -1);
    ck_assert_int_eq(ROW(g, 0)->matched, 0);
    ck_assert_int_eq(ROW(g, 1)->function, 1);
    ck_assert_int_eq(ROW(g, 1)->matched, 1);
    ck_assert_int_eq(ROW(g, 2)->seniority, -1);
    ck_assert_int_eq(g->assigned, 1);

    /* 3: sales_id 1 again: a duplicate, still traced, assigned nothing. */
    g = &s.recs[2];
    ck_assert_int_eq(g->duplicate, 1);
    ck_assert_str_eq(g->norm, "head sales");
    ck_assert_int_eq(ROW(g, 0)->matched, 1);
    ck_assert_int_eq(ROW(g, 0)->function_inside, 0);
    ck_assert_int_eq(ROW(g, 0)->seniority, 1);
    ck_assert_int_eq(ROW(g, 0)->alternative, 0);
    ck_assert_int_eq(g->assigned, -1);
    ck_assert_int_eq(g->kept, 0);

    /* 4: Paris: the locations filter drops it; the personas are traced
     * anyway: "account executive" drops Sales on its first word. */
    g = &s.recs[3];
    ck_assert_str_eq(g->filter, "locations");
    ck_assert_str_eq(g->filter_field, "location"); /* what the filter saw */
    ck_assert_int_eq(g->filter_value_type, LS_J_STRING);
    ck_assert_str_eq(g->filter_value, "Paris, France");
    ck_assert_int_eq(g->duplicate, 0);
    ck_assert_str_eq(g->norm, "head sales account executive");
    ck_assert_int_eq(ROW(g, 0)->function, 0);
    ck_assert_int_eq(ROW(g, 0)->seniority, 1);
    ck_assert_int_eq(ROW(g, 0)->prohibit, 0);
    ck_assert_str_eq(g->rows[0].prohibit, "account executive");
    ck_assert_str_eq(g->tokens[0], "account");
    ck_assert_int_eq(ROW(g, 0)->matched, 0);
    ck_assert_int_eq(ROW(g, 2)->matched, 1);
    ck_assert_int_eq(ROW(g, 2)->alternative, 2); /* manager+ as head */
    ck_assert_int_eq(g->assigned, -1);
    ck_assert_int_eq(g->kept, 0);

    /* 5: "IT" expands in the title too; Ops' prohibit IT drops it on
     * "information" (the first word of its normal form). */
    g = &s.recs[4];
    ck_assert_str_eq(g->norm, "information technology manager");
    ck_assert_int_eq(ROW(g, 2)->seniority, 0);
    ck_assert_int_eq(ROW(g, 2)->alternative, 0);
    ck_assert_int_eq(ROW(g, 2)->prohibit, 0);
    ck_assert_str_eq(g->tokens[2], "information");
    ck_assert_int_eq(ROW(g, 2)->matched, 0);
    ck_assert_int_eq(g->assigned, -1);
    ck_assert_int_eq(g->kept, 0);
    ck_assert_str_eq(g->filter, "(null)");
    ls_request_free(req);
}
END_TEST

START_TEST(words_mode_has_no_inside_hits)
{
    ls_request *req = req_of(LS_MATCH_WORDS);
    sink s = {0};
    run(req, -1, LS_EXPLAIN_ALL, &s);
    /* "sales" is no whole word of "svp wholesales": Sales misses, Ops wins */
    ck_assert_int_eq(ROW(&s.recs[0], 0)->function, -1);
    ck_assert_int_eq(ROW(&s.recs[0], 0)->function_inside, 0);
    ck_assert_int_eq(ROW(&s.recs[0], 0)->matched, 0);
    ck_assert_int_eq(s.recs[0].assigned, 2);
    ls_request_free(req);
}
END_TEST

static void lines_are(const sink *s, const uint64_t *want, size_t n)
{
    ck_assert_uint_eq(s->n, n);
    for (size_t i = 0; i < n; i++)
        ck_assert_uint_eq(s->recs[i].line, want[i]);
}

START_TEST(only_and_persona_select)
{
    ls_request *req = req_of(LS_MATCH_DOCUMENTED);
    sink a = {0}, b = {0}, c = {0}, d = {0};
    /* the run returns leads 1 (Sales) and 2 (CEO) */
    run(req, -1, LS_EXPLAIN_MATCHED, &a);
    lines_are(&a, (const uint64_t[]){1, 2}, 2);
    run(req, -1, LS_EXPLAIN_MISSED, &b);
    lines_are(&b, (const uint64_t[]){3, 4, 5}, 3);
    /* Sales' rule matches titles 1 and 3 (3 is a duplicate: still its rule) */
    run(req, 0, LS_EXPLAIN_MATCHED, &c);
    lines_are(&c, (const uint64_t[]){1, 3}, 2);
    ck_assert_uint_eq(c.recs[0].nrows, 1);
    ck_assert_str_eq(c.recs[0].rows[0].name, "Sales");
    ck_assert_uint_eq(c.recs[0].rows[0].persona, 0);
    /* Ops' rule misses 2 and 5 */
    run(req, 2, LS_EXPLAIN_MISSED, &d);
    lines_are(&d, (const uint64_t[]){2, 5}, 2);
    ck_assert_str_eq(d.recs[1].rows[0].name, "Ops");
    ck_assert_str_eq(d.recs[1].tokens[0], "information");
    ls_request_free(req);
}
END_TEST

/* Labels as score counts them.  Lead 1 (key 1) labeled Sales, assigned
 * Sales: TP.  2 labeled Sales, assigned CEO: FP (of CEO) and FN (of
 * Sales).  Line 3 is a duplicate of 1: not scored.  Line 4 (key 3) labeled
 * CEO, dropped by locations: FN.  Line 5 (key 4) labeled -, no persona
 * (Ops' prohibit IT): TN. */
START_TEST(labels_select_tp_fp_fn_tn)
{
    ls_request *req = req_of(LS_MATCH_DOCUMENTED);
    ls_score *sc = NULL;
    ck_assert_int_eq(ls_score_new(req, NULL, &sc), LS_OK);
    static const char tsv[] = "1\tSales\n2\tSales\n3\tCEO\n4\t-\n";
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_score_load_labels(sc, "l.tsv", tsv, strlen(tsv), &errs), LS_OK);
    static const struct {
        int persona;
        ls_explain_only only;
        uint64_t lines[3];
        size_t n;
    } cases[] = {
        {-1, LS_EXPLAIN_TP, {1}, 1}, {-1, LS_EXPLAIN_FP, {2}, 1},
        {-1, LS_EXPLAIN_FN, {2, 4}, 2}, {-1, LS_EXPLAIN_TN, {5}, 1},
        /* of CEO: no TP; FP lead 2; FN lead 4 (key 3); TN 1 and 5 */
        {1, LS_EXPLAIN_TP, {0}, 0}, {1, LS_EXPLAIN_FP, {2}, 1},
        {1, LS_EXPLAIN_FN, {4}, 1}, {1, LS_EXPLAIN_TN, {1, 5}, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sink s = {0};
        run_labeled(req, cases[i].persona, cases[i].only, sc, &s);
        lines_are(&s, cases[i].lines, cases[i].n);
    }
    /* every record carries its label and its lead's name */
    sink all = {0};
    run_labeled(req, -1, LS_EXPLAIN_ALL, sc, &all);
    ck_assert_uint_eq(all.n, 5);
    ck_assert_int_eq(all.recs[0].label, 0);
    ck_assert_int_eq(all.recs[2].label, LS_LABEL_ABSENT); /* the duplicate */
    ck_assert_int_eq(all.recs[3].label, 1);
    ck_assert_int_eq(all.recs[4].label, LS_LABEL_NONE);
    ck_assert_str_eq(all.recs[1].key, "2");
    ck_assert_str_eq(all.recs[1].key_field, "sales_id");
    ck_assert_str_eq(all.recs[1].field, "headline");
    ck_assert_uint_eq(all.recs[1].index, LS_NO_INDEX);
    /* TP and the rest need labels; labels need the same personas */
    ls_explain *ex = NULL;
    ls_explain_options o = {NULL, NULL, 0, 0, -1, LS_EXPLAIN_FN, LS_INPUT_AUTO, NULL};
    ck_assert_int_eq(ls_explain_new(req, &o, collect, &all, &ex), LS_E_USAGE);
    ck_assert_ptr_null(ex);
    ls_request *other = compile_mode("{'without_company': true, 'personas': [['Sales', ['x'], "
                                     "[], []]]}", LS_MATCH_DOCUMENTED);
    o.labels = sc;
    ck_assert_int_eq(ls_explain_new(other, &o, collect, &all, &ex), LS_E_USAGE);
    ls_request_free(other);
    ls_score_free(sc);
    ls_request_free(req);
}
END_TEST

/* A one-line response: the index tells its leads apart; a v1 lead's name. */
START_TEST(leads_of_a_response_named)
{
    ls_request *req = req_of(LS_MATCH_DOCUMENTED);
    sink s = {0};
    ls_explain_options o = {NULL, NULL, 0, 0, -1, LS_EXPLAIN_ALL, LS_INPUT_AUTO, NULL};
    ls_explain *ex = NULL;
    ck_assert_int_eq(ls_explain_new(req, &o, collect, &s, &ex), LS_OK);
    static const char resp[] = "{\"leads\": [{\"linkedin_url\": \"u1\", \"job_title\": \"VP Sales\"}, "
                               "3, {\"lead_id\": 9, \"first_name\": \"Bo\", \"last_name\": \"Ek\"}]}";
    ck_assert_int_eq(ls_explain_add_memory(ex, "r.json", resp, strlen(resp)), LS_OK);
    ck_assert_uint_eq(s.n, 2);
    ck_assert_str_eq(s.recs[0].key, "u1");
    ck_assert_str_eq(s.recs[0].key_field, "linkedin_url");
    ck_assert_uint_eq(s.recs[0].index, 0);
    ck_assert_uint_eq(s.recs[0].line, 1);
    ck_assert_str_eq(s.recs[1].key, "9");
    ck_assert_str_eq(s.recs[1].key_field, "lead_id");
    ck_assert_uint_eq(s.recs[1].index, 2); /* the number at [1] counts */
    ls_explain_free(ex);
    ls_request_free(req);
}
END_TEST

START_TEST(bare_titles_and_stop)
{
    ls_request *req = req_of(LS_MATCH_DOCUMENTED);
    sink s = {0};
    ls_explain *ex = NULL;
    ck_assert_int_eq(ls_explain_new(req, NULL, collect, &s, &ex), LS_OK);
    ck_assert_ptr_nonnull(ex);
    const char *t1 = "Gesch\xc3\xa4\x66tsf\xc3\xbchrer Vertrieb", *t2 = "Head of Sales";
    ck_assert_int_eq(ls_explain_add_title(ex, t1, strlen(t1)), LS_OK);
    ck_assert_int_eq(ls_explain_add_title(ex, t2, strlen(t2)), LS_OK);
    ck_assert_uint_eq(s.n, 2);
    ck_assert_str_eq(s.recs[0].file, "(null)");
    ck_assert_str_eq(s.recs[0].field, "(null)");
    ck_assert_uint_eq(s.recs[0].line, 1);
    ck_assert_int_eq(s.recs[0].assigned, 1);
    ck_assert_uint_eq(s.recs[1].line, 2);
    ck_assert_int_eq(s.recs[1].assigned, 0); /* Sales (1) before Ops (2) */
    ls_explain_free(ex);

    /* a callback that returns non-zero stops the walk */
    sink t = {.stop_after = 2};
    ck_assert_int_eq(ls_explain_new(req, NULL, collect, &t, &ex), LS_OK);
    ck_assert_int_eq(ls_explain_add_memory(ex, "x", LEADS, strlen(LEADS)), LS_OK);
    ck_assert_int_eq(ls_explain_stopped(ex), 1);
    ck_assert_uint_eq(t.n, 2);
    ck_assert_uint_eq(ls_explain_get_stats(ex)->leads_read, 2);
    ck_assert_int_eq(ls_explain_add_title(ex, "x", 1), LS_OK);
    ck_assert_uint_eq(t.n, 2);
    ls_explain_free(ex);

    ls_explain_options bad = {NULL, NULL, 0, 0, 3, LS_EXPLAIN_ALL};
    ex = (ls_explain *)&bad; /* the call must clear it */
    ck_assert_int_eq(ls_explain_new(req, &bad, collect, &s, &ex), LS_E_USAGE);
    ck_assert_ptr_null(ex);
    ls_explain_options_init(&bad);
    ck_assert_int_eq(bad.persona, -1); /* every persona */
    ck_assert_int_eq(ls_explain_new(req, &bad, collect, &s, &ex), LS_OK);
    ls_explain_free(ex);
    ls_request_free(req);
}
END_TEST

START_TEST(no_personas_and_bad_input)
{
    ls_request *req = compile_ok("{'without_company': true}");
    sink s = {0};
    ls_explain *ex = NULL;
    ck_assert_int_eq(ls_explain_new(req, NULL, collect, &s, &ex), LS_OK);
    ck_assert_ptr_nonnull(ex);
    /* JSONL: a lead, a number (not an object), a broken record */
    static const char in[] = "{\"title\": \"CMO\"}\n7\n{\"x\": \n";
    ck_assert_int_eq(ls_explain_add_memory(ex, "b.jsonl", in, strlen(in)), LS_OK);
    ck_assert_uint_eq(s.n, 1);
    ck_assert_uint_eq(ls_explain_get_stats(ex)->malformed, 1);
    got *g = &s.recs[0];
    ck_assert_str_eq(g->field, "title");
    ck_assert_str_eq(g->norm, "chief marketing officer");
    ck_assert_uint_eq(g->nrows, 0);
    ck_assert_int_eq(g->kept, 1);
    ck_assert_int_eq(g->assigned, -1);
    ck_assert_uint_eq(ls_explain_get_stats(ex)->not_objects, 1);
    ls_explain_free(ex);
    ls_request_free(req);
}
END_TEST

START_TEST(clean_utf8)
{
    ls_buf b = {0};
    ck_assert_int_eq(ls_json_clean_utf8(&b, "a\xff" "b\xc3\xa4", 5), 0);
    ck_assert_str_eq(b.data, "a\xef\xbf\xbd" "b\xc3\xa4");
    ls_buf_clear(&b);
    /* a NUL would end the text early; a truncated sequence is invalid */
    ck_assert_int_eq(ls_json_clean_utf8(&b, "x\0y\xe2\x82", 5), 0);
    ck_assert_str_eq(b.data, "x\xef\xbf\xbdy\xef\xbf\xbd\xef\xbf\xbd");
    ls_buf_free(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tuning_explain");
    TCase *tc = tcase_create("explain");
    tcase_add_test(tc, every_persona_of_every_lead);
    tcase_add_test(tc, words_mode_has_no_inside_hits);
    tcase_add_test(tc, only_and_persona_select);
    tcase_add_test(tc, bare_titles_and_stop);
    tcase_add_test(tc, labels_select_tp_fp_fn_tn);
    tcase_add_test(tc, leads_of_a_response_named);
    tcase_add_test(tc, no_personas_and_bad_input);
    tcase_add_test(tc, clean_utf8);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
