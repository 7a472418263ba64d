/* Lead output bytes (contract §5: the input object unchanged except
 * linkedin_lead_persona) and the three writers. */
#include "engine_testutil.h"

#define ANYONE(name) "{\"without_company\": true, \"personas\": [[" name ", [], [], []]]}"

/* The one lead of input, as written by the JSON writer. */
static void check_lead(const char *req_json, const char *lead, const char *expect)
{
    const char *in[] = {lead, NULL};
    char *out = filter_json(req_json, in);
    ls_buf want = {0};
    ls_buf_printf(&want, "{\"amount\": -1, \"leads\": [%s], \"results_count\": \"within limit\"}\n",
                  expect);
    ck_assert_str_eq(out, want.data);
    ls_buf_free(&want);
    free(out);
}

START_TEST(persona_appended_last)
{
    check_lead(ANYONE("\"P\""), "{\"a\": 1}", "{\"a\": 1, \"linkedin_lead_persona\": \"P\"}");
    check_lead(ANYONE("\"P\""), "{}", "{\"linkedin_lead_persona\": \"P\"}");
    check_lead(ANYONE("\"P\""), "{ }", "{\"linkedin_lead_persona\": \"P\" }");
    /* Pretty-printed: the member goes after the last value, the closing
     * line stays. */
    check_lead(ANYONE("\"P\""), "{\n  \"a\": [1,\n 2]\n}",
               "{\n  \"a\": [1,\n 2], \"linkedin_lead_persona\": \"P\"\n}");
}
END_TEST

START_TEST(persona_replaced_in_place)
{
    check_lead(ANYONE("\"P\""), "{\"linkedin_lead_persona\": null, \"b\": \"x\"}",
               "{\"linkedin_lead_persona\": \"P\", \"b\": \"x\"}");
    /* Every occurrence of a duplicated key, whatever its value. */
    check_lead(ANYONE("\"P\""),
               "{\"linkedin_lead_persona\":\"old\" ,\"x\": 2, \"linkedin_lead_persona\": {\"k\": [1]}}",
               "{\"linkedin_lead_persona\":\"P\" ,\"x\": 2, \"linkedin_lead_persona\": \"P\"}");
    /* A nested member of that name is not the lead's. */
    check_lead(ANYONE("\"P\""), "{\"o\": {\"linkedin_lead_persona\": 1}}",
               "{\"o\": {\"linkedin_lead_persona\": 1}, \"linkedin_lead_persona\": \"P\"}");
}
END_TEST

START_TEST(everything_else_untouched)
{
    check_lead(ANYONE("\"P\""),
               "{\"n\": 1.50E+3, \"m\": -0, \"s\": \"caf\\u00e9 \\\"q\\\" \xc3\xa9\\/\", \"z\":true}",
               "{\"n\": 1.50E+3, \"m\": -0, \"s\": \"caf\\u00e9 \\\"q\\\" \xc3\xa9\\/\", "
               "\"z\":true, \"linkedin_lead_persona\": \"P\"}");
    /* A name that needs escaping is written as a valid JSON string;
     * non-ASCII stays as UTF-8. */
    check_lead(ANYONE("\"Q\\\"t\\\\ \xc3\xa9\\n\""), "{}",
               "{\"linkedin_lead_persona\": \"Q\\\"t\\\\ \xc3\xa9\\n\"}");
    /* No personas: the lead exactly as it was, its persona included. */
    check_lead("{\"without_company\": true}", "{\"linkedin_lead_persona\": \"keep\" , \"a\":1}",
               "{\"linkedin_lead_persona\": \"keep\" , \"a\":1}");
    check_lead("{\"without_company\": true, \"personas\": []}", "{\"a\":1}", "{\"a\":1}");
}
END_TEST

START_TEST(json_no_match)
{
    const char *in[] = {"{\"job_title\": \"Gardener\"}", NULL};
    char *out = filter_json("{\"without_company\": true, \"personas\": [[\"C\", [\"ceo\"], [], []]]}",
                            in);
    ck_assert_str_eq(out, "{\"amount\": 0, \"leads\": [], \"results_count\": \"within limit\", "
                          "\"status\": \"No leads match with input criteria\"}\n");
    free(out);
    const char *none[] = {"", NULL};
    out = filter_json("{\"without_company\": true}", none);
    ck_assert_str_eq(out, "{\"amount\": 0, \"leads\": [], \"results_count\": \"within limit\", "
                          "\"status\": \"No leads match with input criteria\"}\n");
    free(out);
}
END_TEST

static char *write_one(const char *req_json, const char *input, const ls_write_options *o)
{
    const char *in[] = {input, NULL};
    ls_request *req = compile_req(req_json);
    ls_run *run = run_inputs(req, in, 0);
    char *out = write_run(run, o);
    ls_run_free(run);
    ls_request_free(req);
    return out;
}

START_TEST(jsonl_minified)
{
    ls_write_options o = {LS_FORMAT_JSONL, NULL, 0, 0};
    char *out = write_one(ANYONE("\"P\""),
                          "[{\n  \"a\" : [ 1 , 2 ],\n\t\"s\": \"a  b\\\" , c\\\\\"\r\n}, {\"b\":\"\xc3\xa9 \"}]",
                          &o);
    ck_assert_str_eq(out, "{\"a\":[1,2],\"s\":\"a  b\\\" , c\\\\\",\"linkedin_lead_persona\":\"P\"}\n"
                          "{\"b\":\"\xc3\xa9 \",\"linkedin_lead_persona\":\"P\"}\n");
    free(out);
}
END_TEST

START_TEST(csv_default_columns)
{
    ls_write_options o = {LS_FORMAT_CSV, NULL, 0, 0};
    char *out = write_one(ANYONE("\"Sales, EU\""),
                          "{\"full_name\": \"Ann \\\"A\\\" Lee\", \"job_title\": \"=HYPERLINK(1)\","
                          " \"company_name\": null, \"location\": \"Paris\\nFR\", \"sales_id\": 12}",
                          &o);
    ck_assert_str_eq(out,
                     "linkedin_lead_persona,full_name,job_title,company_name,location,"
                     "linkedin_url,sales_id\r\n"
                     "\"Sales, EU\",\"Ann \"\"A\"\" Lee\",'=HYPERLINK(1),,\"Paris\nFR\",,12\r\n");
    free(out);
}
END_TEST

START_TEST(csv_fields_and_cells)
{
    const char *fields[] = {"n", "neg", "t", "f", "arr", "obj", "plus", "at", "tab", "esc", "missing"};
    ls_write_options o = {LS_FORMAT_CSV, fields, 11, 0};
    const char *lead = "{\"n\": 1.5e3, \"neg\": -3, \"t\": true, \"f\": false, "
                       "\"arr\": [ 1, \"a b\" ], \"obj\": {\"k\" : null}, \"plus\": \"+1\", "
                       "\"at\": \"@x\", \"tab\": \"\\tx\", \"esc\": \"\\u002dx \\u00e9\"}";
    char *out = write_one("{\"without_company\": true}", lead, &o);
    /* Numbers as written (a negative number is not text: not neutralised);
     * text starting with + @ tab and an escaped - is. */
    ck_assert_str_eq(out, "n,neg,t,f,arr,obj,plus,at,tab,esc,missing\r\n"
                          "1.5e3,-3,true,false,\"[1,\"\"a b\"\"]\",\"{\"\"k\"\":null}\",'+1,'@x,'\tx,"
                          "'-x \xc3\xa9,\r\n");
    free(out);
    o.csv_raw = 1;
    out = write_one("{\"without_company\": true}", lead, &o);
    ck_assert_str_eq(out, "n,neg,t,f,arr,obj,plus,at,tab,esc,missing\r\n"
                          "1.5e3,-3,true,false,\"[1,\"\"a b\"\"]\",\"{\"\"k\"\":null}\",+1,@x,\tx,"
                          "-x \xc3\xa9,\r\n");
    free(out);
}
END_TEST

START_TEST(write_error_is_io)
{
    const char *in[] = {"{\"a\": 1}", NULL};
    ls_request *req = compile_req("{\"without_company\": true}");
    ls_run *run = run_inputs(req, in, 0);
    FILE *full = fopen("/dev/full", "w");
    if (full) { /* Linux: every write fails with ENOSPC */
        ck_assert_int_eq(ls_run_write(run, NULL, full), LS_E_IO);
        fclose(full);
    }
    ls_run_free(run);
    ls_request_free(req);
}
END_TEST

/* The leads a run returns that have a member of a name (any value, escaped
 * keys decoded; not nested ones): after limit_by, so a field only in a lead
 * past the limit counts none. */
START_TEST(count_fields_of_returned_leads)
{
    const char *in[] = {"{\"job_title\": \"ceo\", \"crm\": \"x\", \"n\": null}\n"
                        "{\"job_title\": \"ceo\", \"cr\\u006d\": 1, \"o\": {\"notes\": 1}}\n"
                        "{\"job_title\": \"gardener\", \"notes\": 1}\n"
                        "{\"job_title\": \"ceo\", \"late\": 1}\n",
                        NULL};
    ls_request *req = compile_req("{\"without_company\": true, \"limit_by\": 2, "
                                  "\"personas\": [[\"C\", [\"ceo\"], [], []]]}");
    ls_run *run = run_inputs(req, in, 0);
    const char *names[] = {"crm", "n", "notes", "late", "linkedin_lead_persona", "job_title"};
    uint64_t counts[6];
    ck_assert_int_eq(ls_run_count_fields(run, names, 6, counts), LS_OK);
    const uint64_t want[6] = {2, 1, 0, 0, 2, 2};
    for (int i = 0; i < 6; i++)
        ck_assert_msg(counts[i] == want[i], "%s: %llu, want %llu", names[i],
                      (unsigned long long)counts[i], (unsigned long long)want[i]);
    ck_assert_int_eq(ls_run_count_fields(run, NULL, 0, NULL), LS_OK);
    ck_assert_int_eq(ls_run_count_fields(run, NULL, 1, counts), LS_E_USAGE);
    ls_run_free(run);
    /* before ls_run_finish: nothing to count yet */
    ls_run_new(req, NULL, &run);
    ck_assert_ptr_nonnull(run);
    ck_assert_int_eq(ls_run_count_fields(run, names, 1, counts), LS_E_USAGE);
    ls_run_free(run);
    ls_request_free(req);
}
END_TEST

/* v1 leads (addendum §1): a by_icp column the lead lacks is read from its
 * v1 counterpart; the JSON output is still the lead as it was */
START_TEST(csv_v1_counterparts)
{
    ls_write_options o = {LS_FORMAT_CSV, NULL, 0, 0};
    char *out = write_one(ANYONE("\"P\""),
                          "{\"lead_id\": \"ACwAA1\", \"first_name\": \"Jordan\", "
                          "\"last_name\": \"Ellis\", \"title\": \"CEO\", \"location\": \"SF\", "
                          "\"company\": {\"id\": 1035, \"name\": \"Microsoft\"}}",
                          &o);
    ck_assert_str_eq(out,
                     "linkedin_lead_persona,full_name,job_title,company_name,location,"
                     "linkedin_url,sales_id\r\n"
                     "P,Jordan Ellis,,Microsoft,SF,,ACwAA1\r\n");
    free(out);
    /* either name alone; escapes decoded; the by_icp field wins */
    out = write_one(ANYONE("\"P\""), "{\"title\": \"CEO\", \"last_name\": \"Ell\\u00efs\", \"company_name\": \"A\", "
                                     "\"company\": {\"name\": \"B\"}}", &o);
    ck_assert_str_eq(strchr(out, '\n') + 1, "P,Ell\xc3\xafs,,A,,,\r\n");
    free(out);
    out = write_one(ANYONE("\"P\""), "{\"full_name\": \"Own Name\", \"first_name\": \"J\", "
                                     "\"last_name\": \"E\", \"id\": 5}", &o);
    ck_assert_str_eq(strchr(out, '\n') + 1, "P,Own Name,,,,,5\r\n");
    free(out);
    out = write_one(ANYONE("\"P\""), "{\"first_name\": \"Jo \\\"J\\\"\", \"last_name\": \"E\"}", &o);
    ck_assert_str_eq(strchr(out, '\n') + 1, "P,\"Jo \"\"J\"\" E\",,,,,\r\n");
    free(out);
    const char *fields[] = {"company_id", "company_url", "company_website",
                            "company_headcount_range", "company_location"};
    ls_write_options f = {LS_FORMAT_CSV, fields, 5, 0};
    out = write_one("{\"without_company\": true}",
                    "{\"company\": {\"id\": 1035, \"linkedin_url\": \"https://x/company/m\", "
                    "\"domain\": \"m.com\", \"headcount\": 150, \"headquarters\": \"Redmond\"}}",
                    &f);
    ck_assert_str_eq(out, "company_id,company_url,company_website,company_headcount_range,"
                          "company_location\r\n1035,https://x/company/m,m.com,150,Redmond\r\n");
    free(out);
    check_lead(ANYONE("\"P\""), "{\"first_name\": \"J\", \"company\": {\"name\": \"M\"}}",
               "{\"first_name\": \"J\", \"company\": {\"name\": \"M\"}, "
               "\"linkedin_lead_persona\": \"P\"}");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("engine_output");
    TCase *tc = tcase_create("output");
    tcase_add_test(tc, persona_appended_last);
    tcase_add_test(tc, persona_replaced_in_place);
    tcase_add_test(tc, everything_else_untouched);
    tcase_add_test(tc, json_no_match);
    tcase_add_test(tc, jsonl_minified);
    tcase_add_test(tc, csv_default_columns);
    tcase_add_test(tc, csv_fields_and_cells);
    tcase_add_test(tc, csv_v1_counterparts);
    tcase_add_test(tc, write_error_is_io);
    tcase_add_test(tc, count_fields_of_returned_leads);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
