/* Partials: maps over parts of the inputs, added in order to a reduce,
 * give the bytes, counts and report of one run over all the inputs;
 * a partial that is not one is refused whole. */
#include "engine_testutil.h"
#include "request/filters.h"

/* Duplicates across inputs: "a" is first filtered out (Paris, not in
 * Germany) and comes back matched; "m" is matched first and again later;
 * leads without a key, a lead keyed by linkedin_url whose value equals a
 * sales_id (a different key), 7 as number and "7" as string (different),
 * invalid UTF-8, a malformed record and a non-object. */
static const char *const inputs[] = {
    "{\"sales_id\": \"a\", \"job_title\": \"VP Sales\", \"location\": \"Paris, France\"}\n"
    "{\"sales_id\": \"m\", \"job_title\": \"Head of Marketing\", \"location\": \"Berlin, Germany\"}\n"
    "{\"sales_id\": 7, \"job_title\": \"Sales Manager\", \"location\": \"Munich, Germany\"}\n",
    "{\"sales_id\": \"a\", \"job_title\": \"VP Sales\", \"location\": \"Berlin, Germany\"}\n"
    "{\"job_title\": \"Sales Lead\", \"location\": \"Hamburg, Germany\"}\n7\n{broken\n"
    "{\"linkedin_url\": \"m\", \"job_title\": \"Sales Director\", \"location\": \"Bonn, Germany\"}\n",
    "{\"sales_id\": \"m\", \"job_title\": \"VP Sales\", \"location\": \"Berlin, Germany\"}\n"
    "{\"sales_id\": \"7\", \"job_title\": \"Marketing \xff Lead\", \"location\": \"Kiel, Germany\"}\n"
    "{\"sales_id\": \"n\", \"job_title\": \"Chef\", \"location\": \"Essen, Germany\"}\n"
    "{\"sales_id\": \"n\", \"job_title\": \"Sales VP\", \"location\": \"Essen, Germany\"}\n",
    NULL};

static const char *const requests[] = {
    "{\"without_company\": true, \"personas\": [[\"Sales\", [\"sales\"], [], []]]}",
    "{\"without_company\": true, \"locations\": [\"Germany\"], \"limit_by\": 2,"
    " \"personas\": [[\"M\", [\"marketing\"], [], [], 0], [\"S\", [\"sales\"], [\"vp\"], [], 1],"
    " [\"T\", [\"sales\"], [], [], 2]]}",
    "{\"without_company\": true, \"limit_by\": 1, \"personas\": [[\"S\", [\"sales\"], [], []]]}",
    "{\"job_titles\": [\"sales\"], \"limit_by\": 1, \"offset_by\": 1}",
    NULL};

static char *report(const ls_run *run)
{
    char *json = NULL;
    ck_assert_int_eq(ls_run_report_json(run, 0, &json, NULL), LS_OK);
    return json;
}

/* A map over inputs [from, to): its partial (caller frees with ls_free). */
static char *map_part(const ls_request *req, size_t from, size_t to, size_t *len)
{
    ls_run *run = NULL;
    ck_assert_int_eq(ls_run_new(req, NULL, &run), LS_OK);
    ck_assert_int_eq(ls_run_keep_partial(run), LS_OK);
    for (size_t i = from; i < to; i++) {
        char name[16];
        snprintf(name, sizeof name, "in%zu", i);
        ck_assert_int_eq(ls_run_add_memory(run, name, inputs[i], strlen(inputs[i])), LS_OK);
    }
    char *data = NULL;
    ck_assert_int_eq(ls_run_partial(run, &data, len), LS_E_USAGE); /* not finished */
    ck_assert_int_eq(ls_run_finish(run), LS_OK);
    ck_assert_int_eq(ls_run_partial(run, &data, len), LS_OK);
    ck_assert_ptr_nonnull(data);
    ls_run_free(run);
    return data;
}

/* The reduce of the maps over the parts cut at cuts[] (ends with 3). */
static ls_run *reduce(const ls_request *req, const size_t *cuts)
{
    ls_run *run = NULL;
    ck_assert_int_eq(ls_run_new(req, NULL, &run), LS_OK);
    size_t from = 0;
    for (size_t i = 0; from < 3; i++) {
        size_t len;
        char *part = map_part(req, from, cuts[i], &len);
        ck_assert_int_eq(ls_run_add_partial(run, part, len), LS_OK);
        ls_free(part);
        from = cuts[i];
    }
    ck_assert_int_eq(ls_run_finish(run), LS_OK);
    return run;
}

START_TEST(maps_and_a_reduce_give_one_runs_bytes_counts_and_report)
{
    static const size_t cuts[][3] = {{1, 2, 3}, {3}, {1, 3}, {2, 3}};
    for (size_t q = 0; requests[q]; q++) {
        ls_request *req = compile_req(requests[q]);
        ls_run *direct = run_inputs(req, inputs, 0);
        char *want = write_fmt(direct, LS_FORMAT_JSON);
        char *want_l = write_fmt(direct, LS_FORMAT_JSONL);
        char *want_r = report(direct);
        for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
            ls_run *run = reduce(req, cuts[c]);
            char *got = write_fmt(run, LS_FORMAT_JSON);
            char *got_l = write_fmt(run, LS_FORMAT_JSONL);
            char *got_r = report(run);
            ck_assert_str_eq(got, want);
            ck_assert_str_eq(got_l, want_l);
            ck_assert_str_eq(got_r, want_r);
            ck_assert_int_eq(memcmp(ls_run_get_stats(run), ls_run_get_stats(direct),
                                    sizeof(ls_run_stats)), 0);
            free(got);
            free(got_l);
            ls_free(got_r);
            ls_run_free(run);
        }
        const ls_run_stats *s = ls_run_get_stats(direct);
        /* the figures the cases above were built for */
        ck_assert_uint_eq(s->files_read, 3);
        ck_assert_uint_eq(s->leads_read, 10);
        ck_assert_uint_eq(s->duplicates, 3); /* a, m, n: each first seen elsewhere */
        ck_assert_uint_eq(s->malformed, 1);
        ck_assert_uint_eq(s->not_objects, 1);
        ck_assert_uint_eq(s->invalid_utf8_leads, 1);
        if (q == 0) {
            /* no location filter: a's first copy matches; the number 7
             * and the string "7" (Marketing) are two leads; url "m" is
             * not sales_id "m", whose own copies are Marketing and dups */
            ck_assert_uint_eq(s->matched, 4);
            ck_assert_str_eq(want_l,
                "{\"sales_id\":\"a\",\"job_title\":\"VP Sales\",\"location\":\"Paris, France\","
                "\"linkedin_lead_persona\":\"Sales\"}\n"
                "{\"sales_id\":7,\"job_title\":\"Sales Manager\",\"location\":\"Munich, Germany\","
                "\"linkedin_lead_persona\":\"Sales\"}\n"
                "{\"job_title\":\"Sales Lead\",\"location\":\"Hamburg, Germany\","
                "\"linkedin_lead_persona\":\"Sales\"}\n"
                "{\"linkedin_url\":\"m\",\"job_title\":\"Sales Director\",\"location\":\"Bonn, Germany\","
                "\"linkedin_lead_persona\":\"Sales\"}\n");
        }
        if (q == 1) {
            /* a's first copy is dropped by locations: its Berlin copy is a
             * duplicate, not a match; M first, then S (vp), then T */
            ck_assert_uint_eq(ls_run_filter_dropped(direct, LS_FILTER_LOCATIONS), 1);
            ck_assert_uint_eq(s->matched, 5);
            ck_assert_uint_eq(s->returned, 2);
            ck_assert_int_eq(s->limit_reached, 1);
            ck_assert_ptr_nonnull(strstr(want_l, "{\"sales_id\":\"m\",\"job_title\":\"Head of Marketing\""));
            ck_assert_ptr_nonnull(strstr(want_l, "\n{\"sales_id\":\"7\""));
        }
        if (q == 3) {
            ck_assert_uint_eq(s->offset, 1);
            ck_assert_uint_eq(s->returned, 1);
        }
        free(want);
        free(want_l);
        ls_free(want_r);
        ls_run_free(direct);
        ls_request_free(req);
    }
}
END_TEST

START_TEST(a_partial_that_is_not_one_is_refused_whole)
{
    ls_request *req = compile_req(requests[1]);
    size_t len;
    char *part = map_part(req, 0, 3, &len);
    ls_run *run = NULL;
    ck_assert_int_eq(ls_run_new(req, NULL, &run), LS_OK);
    /* every truncation, and the magic changed */
    for (size_t n = 0; n < len; n++)
        ck_assert_int_eq(ls_run_add_partial(run, part, n), LS_E_MALFORMED);
    char *copy = malloc(len);
    memcpy(copy, part, len);
    copy[0] = 'X';
    ck_assert_int_eq(ls_run_add_partial(run, copy, len), LS_E_MALFORMED);
    memcpy(copy, part, len);
    copy[len - 1] ^= 0x7f; /* the last lead's last byte: still a partial */
    ck_assert_int_eq(ls_run_add_partial(run, copy, len), LS_OK);
    free(copy);
    ck_assert_int_eq(ls_run_add_partial(run, "LSPART1", 8), LS_E_MALFORMED);
    ck_assert_int_eq(ls_run_add_partial(run, NULL, 0), LS_E_MALFORMED);
    ck_assert_int_eq(ls_run_add_partial(run, NULL, 3), LS_E_USAGE);
    ck_assert_int_eq(ls_run_finish(run), LS_OK);
    ck_assert_uint_eq(ls_run_get_stats(run)->leads_read, 10); /* the one good partial */
    ls_run_free(run);

    /* another request's personas */
    ls_request *other = compile_req(requests[0]);
    ck_assert_int_eq(ls_run_new(other, NULL, &run), LS_OK);
    ck_assert_int_eq(ls_run_add_partial(run, part, len), LS_E_USAGE);
    ck_assert_int_eq(ls_run_finish(run), LS_OK);
    ck_assert_uint_eq(ls_run_get_stats(run)->leads_read, 0);
    ls_run_free(run);

    /* a map takes no partial, an ordinary run gives none, a map is made
     * before its inputs */
    ck_assert_int_eq(ls_run_new(req, NULL, &run), LS_OK);
    ck_assert_int_eq(ls_run_keep_partial(run), LS_OK);
    ck_assert_int_eq(ls_run_add_partial(run, part, len), LS_E_USAGE);
    ls_run_free(run);
    ck_assert_int_eq(ls_run_new(req, NULL, &run), LS_OK);
    ck_assert_int_eq(ls_run_add_memory(run, "in", inputs[0], strlen(inputs[0])), LS_OK);
    ck_assert_int_eq(ls_run_keep_partial(run), LS_E_USAGE);
    ck_assert_int_eq(ls_run_finish(run), LS_OK);
    char *none = (char *)1;
    size_t nlen = 1;
    ck_assert_int_eq(ls_run_partial(run, &none, &nlen), LS_E_USAGE);
    ck_assert_ptr_null(none);
    ck_assert_uint_eq(nlen, 0);
    ls_run_free(run);
    ls_free(part);
    ls_request_free(other);
    ls_request_free(req);
}
END_TEST

typedef struct listing {
    char paths[8][512];
    size_t n;
} listing;

static int list_one(void *user, const char *path)
{
    listing *l = user;
    ck_assert_uint_lt(l->n, 8);
    snprintf(l->paths[l->n++], sizeof l->paths[0], "%s", path);
    return 0;
}

START_TEST(a_listed_walk_read_file_by_file_is_the_walk)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/inputs/tree", LS_TEST_DATA);
    ls_request *req = compile_req(requests[0]);
    ls_run *direct = NULL;
    ck_assert_int_eq(ls_run_new(req, NULL, &direct), LS_OK);
    ck_assert_int_eq(ls_run_add_path(direct, dir), LS_OK);
    ck_assert_int_eq(ls_run_add_path(direct, "/no/such/leads.json"), LS_OK);
    ck_assert_int_eq(ls_run_finish(direct), LS_OK);

    ls_run *run = NULL;
    ck_assert_int_eq(ls_run_new(req, NULL, &run), LS_OK);
    const char *in[] = {dir, "/no/such/leads.json"};
    for (size_t i = 0; i < 2; i++) {
        listing l = {.n = 0};
        ck_assert_int_eq(ls_run_list_path(run, in[i], list_one, &l), LS_OK);
        if (i == 0) { /* sorted by full path; names that are not lead files left out */
            ck_assert_uint_eq(l.n, 5);
            ck_assert_ptr_nonnull(strstr(l.paths[0], "/tree/UPPER.JSON"));
            ck_assert_ptr_nonnull(strstr(l.paths[1], "/tree/a.jsonl"));
        } else {
            ck_assert_uint_eq(l.n, 0); /* unreadable: counted by the listing */
        }
        for (size_t f = 0; f < l.n; f++) {
            ls_run *map = NULL;
            ck_assert_int_eq(ls_run_new(req, NULL, &map), LS_OK);
            ck_assert_int_eq(ls_run_keep_partial(map), LS_OK);
            ck_assert_int_eq(ls_run_add_path(map, l.paths[f]), LS_OK);
            ck_assert_int_eq(ls_run_finish(map), LS_OK);
            char *part;
            size_t len;
            ck_assert_int_eq(ls_run_partial(map, &part, &len), LS_OK);
            ck_assert_int_eq(ls_run_add_partial(run, part, len), LS_OK);
            ls_free(part);
            ls_run_free(map);
        }
    }
    ck_assert_int_eq(ls_run_finish(run), LS_OK);
    char *want = report(direct), *got = report(run);
    ck_assert_str_eq(got, want);
    ck_assert_ptr_nonnull(strstr(want, "\"skipped\": 2")); /* a.json.bak, notes.txt */
    ck_assert_uint_eq(ls_run_get_stats(run)->files_failed, 1);
    char *wb = write_fmt(direct, LS_FORMAT_JSON), *gb = write_fmt(run, LS_FORMAT_JSON);
    ck_assert_str_eq(gb, wb);
    free(wb);
    free(gb);
    ls_free(want);
    ls_free(got);
    ls_run_free(direct);
    ls_run_free(run);
    ls_request_free(req);
}
END_TEST

static char *read_file_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    return strdup(buf);
}

typedef struct mapper {
    const ls_request *req;
    ls_run *reduce;
} mapper;

/* A map over one listed file, added to the reduce. */
static int map_file(void *user, const char *path)
{
    mapper *m = user;
    ls_run *map = NULL;
    ck_assert_int_eq(ls_run_new(m->req, NULL, &map), LS_OK);
    ck_assert_int_eq(ls_run_keep_partial(map), LS_OK);
    ck_assert_int_eq(ls_run_add_path(map, path), LS_OK);
    ck_assert_int_eq(ls_run_finish(map), LS_OK);
    char *data;
    size_t len;
    ck_assert_int_eq(ls_run_partial(map, &data, &len), LS_OK);
    ck_assert_int_eq(ls_run_add_partial(m->reduce, data, len), LS_OK);
    ls_free(data);
    ls_run_free(map);
    return 0;
}

/* CSV input (the first CSV header reaches the reduce, for CSV output's
 * default columns), a request file among the inputs, and a map with
 * threads (the parallel driver) over a whole directory. */
START_TEST(csv_input_and_maps_with_threads)
{
    char dir[512], path[512];
    snprintf(dir, sizeof dir, "%s/csv", LS_TEST_DATA);
    snprintf(path, sizeof path, "%s/csv/request.json", LS_TEST_DATA);
    char *text = read_file_text(path);
    ls_request *req = compile_req(text);
    free(text);
    ls_run *direct = NULL;
    ck_assert_int_eq(ls_run_new(req, NULL, &direct), LS_OK);
    ck_assert_int_eq(ls_run_add_path(direct, dir), LS_OK);
    ck_assert_int_eq(ls_run_finish(direct), LS_OK);
    char *want = write_fmt(direct, LS_FORMAT_CSV), *want_r = report(direct);
    ck_assert_int_eq(strncmp(want, "First Name,", 11), 0); /* the export's own header */
    ck_assert_uint_gt(ls_run_get_stats(direct)->returned, 1);
    ck_assert_uint_eq(ls_run_get_stats(direct)->not_leads, 2); /* the two request files */
    for (int threads = 1; threads <= 2; threads++) {
        ls_run *run = NULL;
        ck_assert_int_eq(ls_run_new(req, NULL, &run), LS_OK);
        if (threads == 1) { /* a map per file */
            mapper m = {req, run};
            ck_assert_int_eq(ls_run_list_path(run, dir, map_file, &m), LS_OK);
        } else { /* one map over the directory, two workers */
            ls_run_options opt;
            ls_run_options_init(&opt);
            opt.threads = 2;
            ls_run *map = NULL;
            ck_assert_int_eq(ls_run_new(req, &opt, &map), LS_OK);
            ck_assert_int_eq(ls_run_keep_partial(map), LS_OK);
            ck_assert_int_eq(ls_run_add_path(map, dir), LS_OK);
            ck_assert_int_eq(ls_run_finish(map), LS_OK);
            char *data;
            size_t len;
            ck_assert_int_eq(ls_run_partial(map, &data, &len), LS_OK);
            ck_assert_int_eq(ls_run_add_partial(run, data, len), LS_OK);
            ls_free(data);
            ls_run_free(map);
        }
        ck_assert_int_eq(ls_run_finish(run), LS_OK);
        char *got = write_fmt(run, LS_FORMAT_CSV), *got_r = report(run);
        ck_assert_str_eq(got, want);
        ck_assert_str_eq(got_r, want_r);
        free(got);
        ls_free(got_r);
        ls_run_free(run);
    }
    free(want);
    ls_free(want_r);
    ls_run_free(direct);
    ls_request_free(req);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("engine_partial");
    TCase *tc = tcase_create("partial");
    tcase_add_test(tc, maps_and_a_reduce_give_one_runs_bytes_counts_and_report);
    tcase_add_test(tc, a_partial_that_is_not_one_is_refused_whole);
    tcase_add_test(tc, a_listed_walk_read_file_by_file_is_the_walk);
    tcase_add_test(tc, csv_input_and_maps_with_threads);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
