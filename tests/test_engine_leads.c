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

/* Each lead's input and line: JSON documents, JSONL with
 * skipped records between leads, a CSV export with a blank line. */
START_TEST(sources_name_each_leads_input_and_line)
{
    static const char *const more[] = {
        "[\n {\"sales_id\": \"x\"},\n\n {\"sales_id\": \"y\"}\n]\n",
        "job_title,sales_id\nVP Sales,d\n\n\"Head\nof Sales\",e\nCMO,f\n",
    };
    ls_leads *leads = NULL;
    ck_assert_int_eq(ls_leads_new(NULL, &leads), LS_OK);
    ck_assert_int_eq(ls_leads_add_memory(leads, "in0", inputs[0], strlen(inputs[0])), LS_OK);
    ck_assert_int_eq(ls_leads_add_memory(leads, "in1", inputs[1], strlen(inputs[1])), LS_OK);
    ck_assert_int_eq(ls_leads_add_memory(leads, "arr.json", more[0], strlen(more[0])), LS_OK);
    ck_assert_int_eq(ls_leads_add_memory(leads, "e.csv", more[1], strlen(more[1])), LS_OK);
    static const struct { const char *file; uint64_t line; } want[] = {
        {"in0", 1}, {"in0", 1}, {"in1", 1}, {"in1", 5}, {"arr.json", 2}, {"arr.json", 4},
        {"e.csv", 2}, {"e.csv", 4}, {"e.csv", 6}};
    size_t n = sizeof want / sizeof *want;
    ck_assert_uint_eq(ls_leads_count(leads), n);
    for (size_t i = 0; i < n; i++) {
        const char *file = NULL;
        uint64_t line = 0;
        ck_assert_int_eq(ls_leads_source(leads, i, &file, &line), LS_OK);
        ck_assert_str_eq(file, want[i].file);
        ck_assert_uint_eq(line, want[i].line);
    }
    const char *file;
    uint64_t line;
    ck_assert_int_eq(ls_leads_source(leads, n, &file, &line), LS_E_USAGE);
    ck_assert_int_eq(ls_leads_source(leads, 0, NULL, &line), LS_E_USAGE);
    ls_leads_free(leads);

}
END_TEST

/* Generated leads: titles that match, miss and are prohibited, locations
 * that a filter drops, keys repeated so that duplicates span slices, and
 * a CSV input whose aliased Title column gives the title. */
static char *many_leads(size_t n)
{
    static const char *const titles[] = {"VP Sales", "Head of Marketing", "Sales Intern",
                                         "Marketing Manager", "Engineer", "Chief Revenue Officer"};
    static const char *const places[] = {"Berlin, Germany", "Paris, France", "Munich, Germany"};
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "{\"sales_id\": \"k%zu\", \"job_title\": \"%s %zu\", \"location\": \"%s\"}\n",
                i % 7 == 3 ? i / 2 : i, titles[i % 6], i % 11, places[i % 3]);
    fclose(f);
    return text;
}

typedef struct seen {
    char *log;
    size_t len;
    FILE *f;
} seen;

static void log_lead(void *user, const ls_lead_result *r)
{
    seen *s = user;
    fprintf(s->f, "%llu %.*s %d %d %d %d\n", (unsigned long long)r->index, (int)r->key_len,
            r->key ? r->key : "", r->duplicate, (int)r->verdict.outcome, r->verdict.persona,
            r->verdict.filter_id);
}

/* Everything a run over the kept leads gives with this many threads. */
static char *run_threads(const ls_request *req, const ls_leads *leads, int threads)
{
    seen s = {NULL, 0, NULL};
    s.f = open_memstream(&s.log, &s.len);
    ls_run_options o;
    ls_run_options_init(&o);
    o.threads = threads;
    o.on_lead = log_lead;
    o.lead_user = &s;
    ls_run *run = NULL;
    ck_assert_int_eq(ls_run_new(req, &o, &run), LS_OK);
    ck_assert_int_eq(ls_run_add_leads(run, leads), LS_OK);
    ck_assert_int_eq(ls_run_finish(run), LS_OK);
    const ls_run_stats *st = ls_run_get_stats(run);
    fprintf(s.f, "read %llu dup %llu matched %llu none %llu returned %llu\n",
            (unsigned long long)st->leads_read, (unsigned long long)st->duplicates,
            (unsigned long long)st->matched, (unsigned long long)st->no_persona,
            (unsigned long long)st->returned);
    for (size_t i = 0; i < ls_run_filter_count(run); i++)
        fprintf(s.f, "%s %llu\n", ls_run_filter_name(run, i),
                (unsigned long long)ls_run_filter_dropped(run, i));
    char *out = write_fmt(run, LS_FORMAT_JSONL);
    fputs(out, s.f);
    free(out);
    fclose(s.f);
    ls_run_free(run);
    return s.log;
}

START_TEST(threads_give_what_one_thread_gives)
{
    char *text = many_leads(9000); /* five slices of 2048 and a part */
    const char *csv = "Title,LinkedIn URL\nVP Sales,https://linkedin.com/in/x\n";
    ls_leads *leads = NULL;
    ck_assert_int_eq(ls_leads_new(NULL, &leads), LS_OK);
    ck_assert_int_eq(ls_leads_add_memory(leads, "a.jsonl", text, strlen(text)), LS_OK);
    ls_leads_options lo;
    ls_leads_options_init(&lo);
    ck_assert_int_eq(ls_leads_count(leads), 9000);
    ls_leads *with_csv = NULL;
    lo.input_format = LS_INPUT_CSV;
    ck_assert_int_eq(ls_leads_new(&lo, &with_csv), LS_OK);
    ck_assert_int_eq(ls_leads_add_memory(with_csv, "b.csv", csv, strlen(csv)), LS_OK);
    for (size_t r = 0; requests[r]; r++) {
        ls_request *req = compile_req(requests[r]);
        char *one = run_threads(req, leads, 1);
        /* 9000 leads, every 7th from the 4th on repeats an earlier key */
        ck_assert_ptr_nonnull(strstr(one, "read 9000 dup "));
        for (int t = 2; t <= 3; t++) {
            char *many = run_threads(req, leads, t);
            ck_assert_str_eq(many, one);
            free(many);
        }
        free(one);
        one = run_threads(req, with_csv, 1);
        /* the Title column is the title: "Sales" takes it, the second
         * request's locations drop it */
        ck_assert_ptr_nonnull(strstr(one, r == 0 ? "read 1 dup 0 matched 1 " : "read 1 dup 0 matched 0 "));
        char *many = run_threads(req, with_csv, 2);
        ck_assert_str_eq(many, one);
        free(many);
        free(one);
        ls_request_free(req);
    }
    ls_leads_free(with_csv);
    ls_leads_free(leads);
    free(text);
}
END_TEST

static int cancel_at_first(void *user, const ls_progress *p)
{
    (void)p;
    ls_run_cancel(*(ls_run **)user);
    return 0;
}

START_TEST(a_run_with_threads_is_cancelled_within_a_slice)
{
    char *text = many_leads(9000);
    ls_leads *leads = NULL;
    ck_assert_int_eq(ls_leads_new(NULL, &leads), LS_OK);
    ck_assert_int_eq(ls_leads_add_memory(leads, "a.jsonl", text, strlen(text)), LS_OK);
    ls_request *req = compile_req(requests[0]);
    ls_run_options o;
    ls_run_options_init(&o);
    o.threads = 2;
    o.on_progress = cancel_at_first;
    ls_run *run = NULL;
    o.progress_user = &run;
    ck_assert_int_eq(ls_run_new(req, &o, &run), LS_OK);
    ck_assert_int_eq(ls_run_add_leads(run, leads), LS_E_CANCELLED);
    /* the progress call after the first slice cancels: at most the slices
     * the workers had taken were replayed */
    ck_assert_uint_eq(ls_run_get_stats(run)->leads_read, 2048);
    ck_assert_int_eq(ls_run_finish(run), LS_E_CANCELLED);
    ls_run_free(run);
    ls_request_free(req);
    ls_leads_free(leads);
    free(text);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("engine_leads");
    TCase *tc = tcase_create("leads");
    tcase_add_test(tc, kept_leads_give_what_reading_gives);
    tcase_add_test(tc, a_cancelled_run_over_kept_leads_stops);
    tcase_add_test(tc, sources_name_each_leads_input_and_line);
    tcase_add_test(tc, threads_give_what_one_thread_gives);
    tcase_add_test(tc, a_run_with_threads_is_cancelled_within_a_slice);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
