/* Computed CSV columns (`--fields @level,@title,...`): cells leadsieve works
 * out for each written lead, beside the lead's own members; paths into
 * nested values; the field names and counts that tell a typo from a
 * column empty in the leads written. */
#include <unistd.h>
#include "engine_testutil.h"

static const char *const leads =
    "{\"sales_id\": \"1\", \"job_title\": \"Founder & CEO\"}\n"
    "{\"sales_id\": \"2\", \"job_title\": \"VP Sales\", \"seniority\": \"CXO\"}\n"
    "{\"sales_id\": \"3\", \"title\": \"Sales Manager\", \"seniority\": \"Manager\"}\n"
    "{\"sales_id\": \"4\", \"title\": \"Intern\", \"seniority\": \"Boss\"}\n"
    "{\"sales_id\": \"5\", \"title\": \"Engineer\", \"seniority\": null}\n"
    "{\"sales_id\": \"6\", \"title\": \"Engineer\", \"seniority\": \"C\\u002dSuite\"}\n"
    "{\"sales_id\": \"7\", \"headline\": \"Head of IT\", \"@level\": \"mine\"}\n";

START_TEST(names)
{
    size_t n = 0;
    const char *const *names = ls_computed_field_names(&n);
    ck_assert_uint_eq(n, 7);
    ck_assert_str_eq(names[0], "@level");
    ck_assert_str_eq(names[1], "@title");
    ck_assert_str_eq(names[2], "@title_field");
    ck_assert_str_eq(names[3], "@norm");
    ck_assert_str_eq(names[4], "@persona");
    ck_assert_str_eq(names[5], "@function");
    ck_assert_str_eq(names[6], "@seniority");
    ck_assert_ptr_eq(ls_computed_field_names(NULL), names);
}
END_TEST

/* The field's level, else the title's; a value naming no level is an
 * empty cell; a lead's own "@level" member is not what the column shows. */
START_TEST(level_column)
{
    const char *in[] = {leads, NULL};
    ls_request *req = compile_req("{\"without_company\": true}");
    ls_run *run = run_inputs(req, in, 0);
    const char *fields[] = {"sales_id", "@level", "seniority"};
    ls_write_options o = {LS_FORMAT_CSV, fields, 3, 0};
    char *out = write_run(run, &o);
    ck_assert_str_eq(out, "sales_id,@level,seniority\r\n"
                          "1,Owner / Partner,\r\n"
                          "2,CXO,CXO\r\n"
                          "3,Entry Level Manager; Experienced Manager,Manager\r\n"
                          "4,,Boss\r\n"
                          "5,Entry Level,\r\n"
                          "6,CXO,C-Suite\r\n"
                          "7,Director,\r\n");
    free(out);
    /* the same column twice */
    const char *twice[] = {"@level", "@level"};
    ls_write_options o2 = {LS_FORMAT_CSV, twice, 2, 0};
    out = write_run(run, &o2);
    ck_assert_str_eq(out, "@level,@level\r\n"
                          "Owner / Partner,Owner / Partner\r\n"
                          "CXO,CXO\r\n"
                          "Entry Level Manager; Experienced Manager,"
                          "Entry Level Manager; Experienced Manager\r\n"
                          ",\r\n"
                          "Entry Level,Entry Level\r\n"
                          "CXO,CXO\r\n"
                          "Director,Director\r\n");
    free(out);
    ls_run_free(run);
    ls_request_free(req);
}
END_TEST

START_TEST(unknown_computed_name)
{
    const char *in[] = {leads, NULL};
    ls_request *req = compile_req("{\"without_company\": true}");
    ls_run *run = run_inputs(req, in, 0);
    const char *fields[] = {"sales_id", "@levels"};
    ls_write_options o = {LS_FORMAT_CSV, fields, 2, 0};
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(ls_run_write(run, &o, f), LS_E_USAGE);
    fclose(f);
    ck_assert_uint_eq(len, 0); /* nothing written */
    free(text);
    /* JSON output ignores the columns */
    o.format = LS_FORMAT_JSONL;
    text = write_run(run, &o);
    ck_assert_ptr_nonnull(strstr(text, "\"@level\":\"mine\"}"));
    free(text);
    ls_run_free(run);
    ls_request_free(req);
}
END_TEST

/* Columns taken from a CSV input's header are the lead's members, "@"
 * names included: only names the caller gives are computed. */
START_TEST(csv_header_names_are_members)
{
    ls_request *req = compile_req("{\"without_company\": true}");
    ls_run_options ro;
    ls_run_options_init(&ro);
    ro.input_format = LS_INPUT_CSV;
    ls_run *run = NULL;
    ck_assert_int_eq(ls_run_new(req, &ro, &run), LS_OK);
    const char csv[] = "sales_id,@level,title\r\n1,mine,CEO\r\n";
    ck_assert_int_eq(ls_run_add_memory(run, "in.csv", csv, strlen(csv)), LS_OK);
    ck_assert_int_eq(ls_run_finish(run), LS_OK);
    ls_write_options o = {LS_FORMAT_CSV, NULL, 0, 0};
    char *out = write_run(run, &o);
    ck_assert_str_eq(out, "sales_id,@level,title,linkedin_lead_persona\r\n1,mine,CEO,\r\n");
    free(out);
    const char *fields[] = {"@level", "title"};
    ls_write_options given = {LS_FORMAT_CSV, fields, 2, 0};
    out = write_run(run, &given);
    ck_assert_str_eq(out, "@level,title\r\nCXO,CEO\r\n");
    free(out);
    ls_run_free(run);
    ls_request_free(req);
}
END_TEST

/* Why each lead got its persona: the title used and its field, its norm,
 * the persona, its function keyword that hit and seniority entry that
 * passed, as the request writes them (by hand from contract §2: "VP" passes
 * as its expansion "svp"; Ops has no function list and no seniority hit
 * is asked of "any title"). */
START_TEST(why_columns)
{
    const char *in[] = {"{\"sales_id\": \"1\", \"job_title\": \"SVP, Wholesales\"}\n"
                        "{\"sales_id\": \"2\", \"job_title\": \" \", \"headline\": "
                        "\"Gesch\\u00e4ftsf\u00fchrer Vertrieb\"}\n"
                        "{\"sales_id\": \"3\", \"title\": \"Ops Manager\"}\n"
                        "{\"sales_id\": \"4\", \"title\": \"Gardener\"}\n",
                        NULL};
    ls_request *req = compile_req("{\"without_company\": true, \"personas\": ["
                                  "[\"Sales\", [\"sales\", \"Vertrieb\"], [\"VP\", \"Head\"], [], 1],"
                                  "[\"Boss\", [\"gesch\u00e4ftsf\u00fchrer\"], [], []],"
                                  "[\"Ops\", [], [\"Manager\"], [], 2]]}");
    ls_run *run = run_inputs(req, in, 0);
    const char *fields[] = {"sales_id", "@title", "@title_field", "@norm", "@persona",
                            "@function", "@seniority"};
    ls_write_options o = {LS_FORMAT_CSV, fields, 7, 0};
    char *out = write_run(run, &o);
    ck_assert_str_eq(out, "sales_id,@title,@title_field,@norm,@persona,@function,@seniority\r\n"
                          "2,Gesch\u00e4ftsf\u00fchrer Vertrieb,headline,geschaftsfuhrer vertrieb,Boss,"
                          "gesch\u00e4ftsf\u00fchrer,\r\n"
                          "1,\"SVP, Wholesales\",job_title,svp wholesales,Sales,sales,VP\r\n"
                          "3,Ops Manager,title,operations manager,Ops,,Manager\r\n");
    free(out);
    /* one column alone, twice, and beside @level: the same cells */
    const char *some[] = {"@seniority", "@level", "@seniority"};
    ls_write_options o2 = {LS_FORMAT_CSV, some, 3, 0};
    out = write_run(run, &o2);
    ck_assert_str_eq(out, "@seniority,@level,@seniority\r\n,Entry Level,\r\n"
                          "VP,Entry Level,VP\r\nManager,Experienced Manager,Manager\r\n");
    free(out);
    ls_run_free(run);
    ls_request_free(req);
}
END_TEST

/* A path column: the nested value it leads to, unless a member has that
 * name (a CSV export's "company.name" column); objects and arrays as
 * minified JSON, as any cell. */
START_TEST(path_columns)
{
    const char *in[] = {"{\"sales_id\": \"1\", \"company\": {\"name\": \"Acme\"}, \"jobs\": "
                        "[{\"job_title\": \"VP\", \"x\": [1, 2]}, {\"job_title\": \"Rep\"}]}\n"
                        "{\"sales_id\": \"2\", \"company.name\": \"Literal\", "
                        "\"company\": {\"name\": \"Nested\"}}\n"
                        "{\"sales_id\": \"3\", \"company\": \"Flat\"}\n",
                        NULL};
    ls_request *req = compile_req("{\"without_company\": true}");
    ls_run *run = run_inputs(req, in, 0);
    const char *fields[] = {"sales_id", "company.name", "jobs[1].job_title", "jobs[0].x",
                            "jobs[2].job_title"};
    ls_write_options o = {LS_FORMAT_CSV, fields, 5, 0};
    char *out = write_run(run, &o);
    ck_assert_str_eq(out, "sales_id,company.name,jobs[1].job_title,jobs[0].x,jobs[2].job_title\r\n"
                          "1,Acme,Rep,\"[1,2]\",\r\n"
                          "2,Literal,,,\r\n"
                          "3,,,,\r\n");
    free(out);
    /* counted as the writer reads them */
    uint64_t counts[5];
    ck_assert_int_eq(ls_run_count_fields(run, fields, 5, counts), LS_OK);
    ck_assert_uint_eq(counts[0], 3);
    ck_assert_uint_eq(counts[1], 2);
    ck_assert_uint_eq(counts[2], 1);
    ck_assert_uint_eq(counts[3], 1);
    ck_assert_uint_eq(counts[4], 0);
    /* the names the leads written have, one level down too */
    char **names = NULL;
    size_t n = 0;
    ck_assert_int_eq(ls_run_field_names(run, 0, &names, &n), LS_OK);
    /* "company.name" once: the path of lead 1 and the member of lead 2 (no
     * persona field: the request has no personas) */
    const char *want[] = {"sales_id", "company", "company.name", "jobs", "jobs[0].job_title",
                          "jobs[0].x"};
    ck_assert_uint_eq(n, 6);
    for (size_t i = 0; i < 6; i++)
        ck_assert_str_eq(names[i], want[i]);
    ck_assert_ptr_null(names[n]);
    ls_free(names);
    ck_assert_int_eq(ls_run_field_names(run, 2, &names, &n), LS_OK);
    ck_assert_uint_eq(n, 2);
    ls_free(names);
    ls_run_free(run);
    ls_request_free(req);
}
END_TEST

/* watch_fields: looked for in every lead read (duplicates and leads no
 * persona took included), the same for any thread count. */
START_TEST(fields_of_the_leads_read)
{
    ls_request *req = compile_req("{\"without_company\": true, \"personas\": "
                                  "[[\"S\", [\"sales\"], [], []]]}");
    static const char *const watch[] = {"notes", "crm.owner", "nothere"};
    const char *a = "{\"sales_id\": \"1\", \"title\": \"Sales\"}\n"
                    "{\"sales_id\": \"2\", \"title\": \"Gardener\", \"notes\": 1, \"notes\": 2}\n";
    const char *b = "{\"sales_id\": \"2\", \"title\": \"Gardener\", \"notes\": null, "
                    "\"crm\": {\"owner\": \"Kim\"}}\n";
    for (int threads = 1; threads <= 2; threads++) {
        char dir[] = "/tmp/ls_watch_XXXXXX";
        ck_assert_ptr_nonnull(mkdtemp(dir));
        char pa[64], pb[64];
        snprintf(pa, sizeof pa, "%s/a.jsonl", dir);
        snprintf(pb, sizeof pb, "%s/b.jsonl", dir);
        FILE *f = fopen(pa, "w");
        fputs(a, f);
        fclose(f);
        f = fopen(pb, "w");
        fputs(b, f);
        fclose(f);
        ls_run_options ro;
        ls_run_options_init(&ro);
        ro.threads = threads;
        ro.watch_fields = watch;
        ro.watch_field_count = 3;
        ls_run *run = NULL;
        ck_assert_int_eq(ls_run_new(req, &ro, &run), LS_OK);
        ck_assert_int_eq(ls_run_add_path(run, dir), LS_OK);
        ck_assert_int_eq(ls_run_finish(run), LS_OK);
        ck_assert_uint_eq(ls_run_get_stats(run)->returned, 1);
        int found[3];
        ck_assert_int_eq(ls_run_fields_read(run, found), LS_OK);
        ck_assert_int_eq(found[0], 1); /* in a lead no persona took */
        ck_assert_int_eq(found[1], 1); /* a path, in the duplicate */
        ck_assert_int_eq(found[2], 0);
        uint64_t counts[3];
        /* the lead written has none of them */
        ck_assert_int_eq(ls_run_count_fields(run, watch, 3, counts), LS_OK);
        ck_assert_uint_eq(counts[0] + counts[1] + counts[2], 0);
        ls_run_free(run);
        remove(pa);
        remove(pb);
        rmdir(dir);
    }
    ls_run *run = NULL;
    ck_assert_int_eq(ls_run_new(req, NULL, &run), LS_OK);
    int f;
    ck_assert_int_eq(ls_run_fields_read(run, &f), LS_E_USAGE); /* none watched */
    ls_run_free(run);
    ls_request_free(req);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("engine_columns");
    TCase *tc = tcase_create("columns");
    tcase_add_test(tc, names);
    tcase_add_test(tc, level_column);
    tcase_add_test(tc, unknown_computed_name);
    tcase_add_test(tc, csv_header_names_are_members);
    tcase_add_test(tc, why_columns);
    tcase_add_test(tc, path_columns);
    tcase_add_test(tc, fields_of_the_leads_read);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
