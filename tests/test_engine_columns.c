/* Computed CSV columns (`--fields @level`): cells leadsieve works out for
 * each written lead, beside the lead's own members. */
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
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(names[0], "@level");
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

int main(void)
{
    Suite *s = suite_create("engine_columns");
    TCase *tc = tcase_create("columns");
    tcase_add_test(tc, names);
    tcase_add_test(tc, level_column);
    tcase_add_test(tc, unknown_computed_name);
    tcase_add_test(tc, csv_header_names_are_members);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
