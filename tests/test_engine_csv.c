/* CSV leads through a run (contract §5a): the columns CSV output takes
 * from the first CSV input, the same with threads and over kept leads, and
 * the aliased fields the filters read. */
#include "engine_testutil.h"
#include <unistd.h>

static const char REQ[] =
    "{\"without_company\": true, \"company_headcounts\": [\"201-500\", \"1001-5000\"],"
    " \"personas\": [[\"Sales\", [\"sales\"], [\"VP\"], []], [\"Eng\", [\"engineering\"], [], []]]}";

/* An Apollo-like export: Title is the title, # Employees the headcount. */
static const char APOLLO[] =
    "First Name,Title,Company Name,# Employees,Person Linkedin Url\r\n"
    "Ada,\"VP, Sales\",Acme,250,https://www.linkedin.com/in/ada\r\n"
    "Bob,Head of Engineering,Beta,\"1,200\",https://www.linkedin.com/in/bob\r\n"
    "Cy,VP Sales,Gamma,12,https://www.linkedin.com/in/cy\r\n"
    "Di,=VP Sales,Delta,300,https://www.linkedin.com/in/di\r\n";

static const char APOLLO_CSV_OUT[] =
    "First Name,Title,Company Name,# Employees,Person Linkedin Url,linkedin_lead_persona\r\n"
    "Ada,\"VP, Sales\",Acme,250,https://www.linkedin.com/in/ada,Sales\r\n"
    "Bob,Head of Engineering,Beta,\"1,200\",https://www.linkedin.com/in/bob,Eng\r\n"
    "Di,'=VP Sales,Delta,300,https://www.linkedin.com/in/di,Sales\r\n";

static char *run_and_write(const ls_request *req, const ls_run_options *ro,
                           const char *const *names, const char *const *texts, ls_format fmt)
{
    ls_run *run = NULL;
    ck_assert_int_eq(ls_run_new(req, ro, &run), LS_OK);
    for (size_t i = 0; names[i]; i++)
        ck_assert_int_eq(ls_run_add_memory(run, names[i], texts[i], strlen(texts[i])), LS_OK);
    ck_assert_int_eq(ls_run_finish(run), LS_OK);
    char *out = write_fmt(run, fmt);
    ls_run_free(run);
    return out;
}

START_TEST(csv_round_trip_columns)
{
    ls_request *req = compile_req(REQ);
    const char *names[] = {"apollo.csv", NULL}, *texts[] = {APOLLO};
    char *csv = run_and_write(req, NULL, names, texts, LS_FORMAT_CSV);
    ck_assert_str_eq(csv, APOLLO_CSV_OUT);
    free(csv);
    /* JSON output: the row objects, keys as written, the persona appended */
    char *json = run_and_write(req, NULL, names, texts, LS_FORMAT_JSONL);
    ck_assert_str_eq(json,
                     "{\"First Name\":\"Ada\",\"Title\":\"VP, Sales\",\"Company Name\":\"Acme\","
                     "\"# Employees\":\"250\",\"Person Linkedin Url\":"
                     "\"https://www.linkedin.com/in/ada\",\"linkedin_lead_persona\":\"Sales\"}\n"
                     "{\"First Name\":\"Bob\",\"Title\":\"Head of Engineering\",\"Company Name\":"
                     "\"Beta\",\"# Employees\":\"1,200\",\"Person Linkedin Url\":"
                     "\"https://www.linkedin.com/in/bob\",\"linkedin_lead_persona\":\"Eng\"}\n"
                     "{\"First Name\":\"Di\",\"Title\":\"=VP Sales\",\"Company Name\":\"Delta\","
                     "\"# Employees\":\"300\",\"Person Linkedin Url\":"
                     "\"https://www.linkedin.com/in/di\",\"linkedin_lead_persona\":\"Sales\"}\n");
    free(json);
    ls_request_free(req);
}
END_TEST

START_TEST(persona_column_replaced_in_place)
{
    ls_request *req = compile_req(REQ);
    const char *names[] = {"x.csv", NULL};
    const char *texts[] = {"linkedin_lead_persona,Title,Employees\n"
                           "old,VP Sales,250\n"
                           ",VP Sales,250\n"};
    char *csv = run_and_write(req, NULL, names, texts, LS_FORMAT_CSV);
    ck_assert_str_eq(csv, "linkedin_lead_persona,Title,Employees\r\n"
                          "Sales,VP Sales,250\r\n"
                          "Sales,VP Sales,250\r\n");
    free(csv);
    ls_request_free(req);
}
END_TEST

START_TEST(first_csv_input_gives_the_columns)
{
    ls_request *req = compile_req("{\"without_company\": true}");
    const char *names[] = {"a.json", "b.csv", "c.csv", NULL};
    const char *texts[] = {"{\"full_name\": \"J\", \"title\": \"CEO\"}\n", "Name,Title\nB,CTO\n",
                           "Title,Other\nCFO,x\n"};
    char *csv = run_and_write(req, NULL, names, texts, LS_FORMAT_CSV);
    ck_assert_str_eq(csv, "Name,Title,linkedin_lead_persona\r\n"
                          ",,\r\n" /* its key is "title": not the column "Title" */
                          "B,CTO,\r\n"
                          ",CFO,\r\n");
    free(csv);
    /* JSON input alone: the usual columns */
    const char *jnames[] = {"a.json", NULL};
    csv = run_and_write(req, NULL, jnames, texts, LS_FORMAT_CSV);
    ck_assert_str_eq(csv, "linkedin_lead_persona,full_name,job_title,company_name,location,"
                          "linkedin_url,sales_id\r\n"
                          ",J,,,,,\r\n");
    free(csv);
    /* a header alone still gives the columns */
    const char *hnames[] = {"h.csv", NULL}, *htexts[] = {"A;B\r\n"};
    csv = run_and_write(req, NULL, hnames, htexts, LS_FORMAT_CSV);
    ck_assert_str_eq(csv, "A,B,linkedin_lead_persona\r\n");
    free(csv);
    ls_request_free(req);
}
END_TEST

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

START_TEST(kept_leads_read_the_aliases_again)
{
    char dir[] = "/tmp/ls_csv_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char p1[64], p2[64], p3[64];
    snprintf(p1, sizeof p1, "%s/1.json", dir);
    snprintf(p2, sizeof p2, "%s/2.csv", dir);
    snprintf(p3, sizeof p3, "%s/3.CSV", dir);
    write_file(p1, "{\"sales_id\": \"j1\", \"job_title\": \"VP Sales\","
                   " \"company_headcount_range\": \"201-500\"}\n");
    write_file(p2, APOLLO);
    write_file(p3, "Job Title;Company Size;Full Name\nEngineering lead;5000;Eve\n");
    const char *const paths[] = {p1, p2, p3};
    ls_request *req = compile_req(REQ);
    ls_run *run = NULL;
    ck_assert_int_eq(ls_run_new(req, NULL, &run), LS_OK);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(ls_run_add_path(run, paths[i]), LS_OK);
    ck_assert_int_eq(ls_run_finish(run), LS_OK);
    char *want = write_fmt(run, LS_FORMAT_CSV);
    ls_run_free(run);
    ck_assert_str_eq(want, "First Name,Title,Company Name,# Employees,Person Linkedin Url,"
                           "linkedin_lead_persona\r\n"
                           ",,,,,Sales\r\n"
                           "Ada,\"VP, Sales\",Acme,250,https://www.linkedin.com/in/ada,Sales\r\n"
                           "Bob,Head of Engineering,Beta,\"1,200\","
                           "https://www.linkedin.com/in/bob,Eng\r\n"
                           "Di,'=VP Sales,Delta,300,https://www.linkedin.com/in/di,Sales\r\n"
                           ",,,,,Eng\r\n");
    /* the same leads kept, then run: the same result */
    ls_leads *leads = NULL;
    ck_assert_int_eq(ls_leads_new(NULL, &leads), LS_OK);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(ls_leads_add_path(leads, paths[i]), LS_OK);
    ck_assert_uint_eq(ls_leads_count(leads), 6);
    ck_assert_int_eq(ls_run_new(req, NULL, &run), LS_OK);
    ck_assert_int_eq(ls_run_add_leads(run, leads), LS_OK);
    ck_assert_int_eq(ls_run_finish(run), LS_OK);
    char *csv = write_fmt(run, LS_FORMAT_CSV);
    ck_assert_str_eq(csv, want);
    free(csv);
    ls_run_free(run);
    ls_leads_free(leads);
    free(want);
    ls_request_free(req);
    for (int i = 0; i < 3; i++)
        unlink(paths[i]);
    rmdir(dir);
}
END_TEST

START_TEST(threads_take_the_first_header)
{
    /* files of a walk read on threads: the first CSV file in input order
     * gives the columns, whichever thread ends first (the walk picks
     * *.json names; the option reads them as CSV) */
    char dir[] = "/tmp/ls_csv_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    const char *const texts[] = {"Name,Title\nA,VP Sales\n", "Title,Name,Extra\nVP Sales,B,x\n",
                                 "Title\nVP Sales\n"};
    char paths[3][64];
    for (int i = 0; i < 3; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/%c.json", dir, 'a' + i);
        write_file(paths[i], texts[i]);
    }
    ls_request *req =
        compile_req("{\"without_company\": true, \"personas\": [[\"Sales\", [\"sales\"], [\"VP\"], []]]}");
    for (int threads = 1; threads <= 4; threads++) {
        ls_run_options ro;
        ls_run_options_init(&ro);
        ro.threads = threads;
        ro.input_format = LS_INPUT_CSV;
        ls_run *run = NULL;
        ck_assert_int_eq(ls_run_new(req, &ro, &run), LS_OK);
        ck_assert_int_eq(ls_run_add_path(run, dir), LS_OK);
        ck_assert_int_eq(ls_run_finish(run), LS_OK);
        char *csv = write_fmt(run, LS_FORMAT_CSV);
        ck_assert_str_eq(csv, "Name,Title,linkedin_lead_persona\r\n"
                              "A,VP Sales,Sales\r\n"
                              "B,VP Sales,Sales\r\n"
                              ",VP Sales,Sales\r\n");
        free(csv);
        ls_run_free(run);
    }
    ls_request_free(req);
    for (int i = 0; i < 3; i++)
        unlink(paths[i]);
    rmdir(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("engine_csv");
    TCase *tc = tcase_create("csv");
    tcase_add_test(tc, csv_round_trip_columns);
    tcase_add_test(tc, persona_column_replaced_in_place);
    tcase_add_test(tc, first_csv_input_gives_the_columns);
    tcase_add_test(tc, kept_leads_read_the_aliases_again);
    tcase_add_test(tc, threads_take_the_first_header);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
