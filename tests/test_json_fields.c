/* Recognition of the lead fields by key: every name, escaped names, and
 * near misses that must not be taken for a field. */
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json/json.h"

static int field_of(const char *key_json)
{
    char text[256];
    snprintf(text, sizeof text, "{\"%s\": 7}", key_json);
    ls_lead L;
    ls_scan_error E;
    size_t vl;
    ck_assert_int_eq(ls_scan_value(text, strlen(text), 0, &L, &vl, &E), 1);
    int found = -1;
    for (int f = 0; f < LS_F__COUNT; f++)
        if (L.f[f].type != LS_J_NONE) {
            ck_assert_int_eq(found, -1); /* at most one */
            ck_assert_int_eq(L.f[f].type, LS_J_NUMBER);
            found = f;
        }
    return found;
}

START_TEST(every_field_by_its_name)
{
    for (int f = 0; f < LS_F__COUNT; f++)
        ck_assert_int_eq(field_of(ls_field_name((ls_field)f)), f);
    ck_assert_str_eq(ls_field_name(LS_F_JOB_TITLE), "job_title");
    ck_assert_str_eq(ls_field_name(LS_F_LINKEDIN_LEAD_PERSONA), "linkedin_lead_persona");
    ck_assert_ptr_null(ls_field_name(LS_F__COUNT));
}
END_TEST

START_TEST(escaped_names_are_fields)
{
    ck_assert_int_eq(field_of("job\\u005ftitle"), LS_F_JOB_TITLE);
    ck_assert_int_eq(field_of("\\u006aobs"), LS_F_JOBS);
    ck_assert_int_eq(field_of("sales\\u005Fid"), LS_F_SALES_ID);
}
END_TEST

START_TEST(near_misses_are_not_fields)
{
    static const char *const keys[] = {
        "",         "job",         "job_titles",  "Job_title", "job_titlE", "jobs ",
        " jobs",    "title_",      "titlf",       "headlinf",  "location2", "sales_ie",
        "company_i", "company_ide", "linkedin_lead_personA", "unformatted_full_namf",
        "company_headcount_rangf", "company_headcount_range_", "industri", "jobx",
        /* same length and ends as real names */
        "jxxs", "hxxxxxxe", "cxxxxxxxxd", "lxxxxxxxxxxxxxxxxxxxa"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        ck_assert_msg(field_of(keys[i]) == -1, "'%s' taken for a field", keys[i]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json_fields");
    TCase *tc = tcase_create("fields");
    tcase_add_test(tc, every_field_by_its_name);
    tcase_add_test(tc, escaped_names_are_fields);
    tcase_add_test(tc, near_misses_are_not_fields);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
