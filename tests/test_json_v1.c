/* v1 leads (contract addendum §1): what ls_lead_read gives for each row
 * of the table, the by_icp field first, a blank or null one passed over. */
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <string.h>
#include "core/core.h"
#include "json/json.h"

static ls_lead L;
static ls_buf scratch;
static char got[256];

static void scan(const char *text)
{
    size_t vl;
    ls_scan_error e;
    ck_assert_int_eq(ls_scan_value(text, strlen(text), 0, &L, &vl, &e), 1);
}

/* "name=value" of what a rule reads for f (value as written, strings
 * without their quotes), or "-" when the lead has neither. */
static const char *rd(ls_field f)
{
    ls_jval v;
    const char *name = ls_lead_read(&L, f, &scratch, &v);
    if (!name) {
        ck_assert_int_eq(v.type, LS_J_NONE);
        return "-";
    }
    snprintf(got, sizeof got, "%s=%.*s", name, (int)v.len, v.p);
    return got;
}

#define V1 "\"company\": {\"id\": 1035, \"name\": \"Microsoft\", \"domain\": \"microsoft.com\", " \
           "\"linkedin_url\": \"https://www.linkedin.com/company/microsoft/\", "          \
           "\"industry\": \"Software Development\", \"headcount\": 150, "                 \
           "\"location\": \"Redmond, WA\", \"headquarters\": \"Seattle\"}"

START_TEST(each_row_of_the_table)
{
    scan("{\"lead_id\": \"ACwAA\", \"id\": 9, \"first_name\": \"Jordan\", \"last_name\": \"Ellis\", "
         V1 ", \"work_history\": [{\"company_id\": 1}]}");
    ck_assert_str_eq(rd(LS_F_SALES_ID), "lead_id=ACwAA");
    ck_assert_str_eq(rd(LS_F_FULL_NAME), "first_name + last_name=Jordan Ellis");
    ck_assert_str_eq(rd(LS_F_COMPANY_ID), "company.id=1035");
    ck_assert_str_eq(rd(LS_F_LINKEDIN_COMPANY_ID), "company.id=1035");
    ck_assert_str_eq(rd(LS_F_COMPANY_NAME), "company.name=Microsoft");
    ck_assert_str_eq(rd(LS_F_COMPANY_URL),
                     "company.linkedin_url=https://www.linkedin.com/company/microsoft/");
    ck_assert_str_eq(rd(LS_F_COMPANY_WEBSITE), "company.domain=microsoft.com");
    ck_assert_str_eq(rd(LS_F_COMPANY_HEADCOUNT_RANGE), "company.headcount=150");
    ck_assert_str_eq(rd(LS_F_COMPANY_LOCATION), "company.location=Redmond, WA");
    ck_assert_str_eq(rd(LS_F_COMPANY_INDUSTRY), "company.industry=Software Development");
    ck_assert_str_eq(rd(LS_F_JOBS), "work_history=[{\"company_id\": 1}]");
    /* fields without a counterpart read themselves only */
    ck_assert_str_eq(rd(LS_F_LOCATION), "-");
    ck_assert_str_eq(rd(LS_F_INDUSTRY), "-");
}
END_TEST

START_TEST(second_counterparts)
{
    scan("{\"id\": 9, \"company\": {\"headcount_range\": \"51-200\", \"headcount\": 5000, "
         "\"location\": \" \", \"headquarters\": \"Seattle\"}, \"company_industry\": \"Retail\", "
         "\"industry\": \"Banking\"}");
    ck_assert_str_eq(rd(LS_F_SALES_ID), "id=9");
    ck_assert_str_eq(rd(LS_F_COMPANY_HEADCOUNT_RANGE), "company.headcount_range=51-200");
    ck_assert_str_eq(rd(LS_F_COMPANY_LOCATION), "company.headquarters=Seattle");
    ck_assert_str_eq(rd(LS_F_COMPANY_INDUSTRY), "company_industry=Retail");
    /* company.industry first, even before a non-blank company_industry */
    scan("{\"company\": {\"industry\": \"Software Development\"}, "
         "\"company_industry\": \"Retail\", \"industry\": \"Banking\"}");
    ck_assert_str_eq(rd(LS_F_COMPANY_INDUSTRY), "company.industry=Software Development");
    scan("{\"industry\": \"Banking\", \"company_industry\": \"\"}");
    ck_assert_str_eq(rd(LS_F_COMPANY_INDUSTRY), "industry=Banking");
    scan("{\"company_industry\": null}");
    ck_assert_str_eq(rd(LS_F_COMPANY_INDUSTRY), "company_industry=null");
    /* either name alone */
    scan("{\"first_name\": \"Jordan\", \"last_name\": \" \"}");
    ck_assert_str_eq(rd(LS_F_FULL_NAME), "first_name + last_name=Jordan");
    scan("{\"first_name\": 5, \"last_name\": \"Ell\\u00efs\"}");
    ck_assert_str_eq(rd(LS_F_FULL_NAME), "first_name + last_name=Ell\\u00efs");
    scan("{\"first_name\": \"A\\tb\", \"last_name\": \"C\"}");
    ck_assert_str_eq(rd(LS_F_FULL_NAME), "first_name + last_name=A\\tb C");
}
END_TEST

START_TEST(by_icp_field_wins)
{
    scan("{\"sales_id\": \"S\", \"full_name\": \"Own\", \"company_id\": \"7\", "
         "\"company_name\": \"Own Co\", \"company_url\": \"u\", \"company_website\": \"w\", "
         "\"company_headcount_range\": \"11-50\", \"company_location\": \"L\", "
         "\"jobs\": [{}], \"lead_id\": \"X\", \"first_name\": \"F\", " V1
         ", \"work_history\": [{\"company_id\": 1}]}");
    ck_assert_str_eq(rd(LS_F_SALES_ID), "sales_id=S");
    ck_assert_str_eq(rd(LS_F_FULL_NAME), "full_name=Own");
    ck_assert_str_eq(rd(LS_F_COMPANY_ID), "company_id=7");
    /* company.id stands for neither id beside the lead's own */
    ck_assert_str_eq(rd(LS_F_LINKEDIN_COMPANY_ID), "-");
    ck_assert_str_eq(rd(LS_F_COMPANY_NAME), "company_name=Own Co");
    ck_assert_str_eq(rd(LS_F_COMPANY_URL), "company_url=u");
    ck_assert_str_eq(rd(LS_F_COMPANY_WEBSITE), "company_website=w");
    ck_assert_str_eq(rd(LS_F_COMPANY_HEADCOUNT_RANGE), "company_headcount_range=11-50");
    ck_assert_str_eq(rd(LS_F_COMPANY_LOCATION), "company_location=L");
    ck_assert_str_eq(rd(LS_F_JOBS), "jobs=[{}]");
    /* absent, null and blank (escapes decoded) are passed over; false, 0
     * and [] for a scalar field are values */
    scan("{\"sales_id\": null, \"company_name\": \" \\t\\u0020\", \"company_url\": \"\", "
         "\"company_website\": false, \"company_id\": 0, \"jobs\": [ ], \"lead_id\": \"X\", " V1
         ", \"work_history\": [{\"company_id\": 1}]}");
    ck_assert_str_eq(rd(LS_F_SALES_ID), "lead_id=X");
    ck_assert_str_eq(rd(LS_F_COMPANY_NAME), "company.name=Microsoft");
    ck_assert_str_eq(rd(LS_F_COMPANY_URL),
                     "company.linkedin_url=https://www.linkedin.com/company/microsoft/");
    ck_assert_str_eq(rd(LS_F_COMPANY_WEBSITE), "company_website=false");
    ck_assert_str_eq(rd(LS_F_COMPANY_ID), "company_id=0");
    ck_assert_str_eq(rd(LS_F_JOBS), "work_history=[{\"company_id\": 1}]");
    /* a blank counterpart is none: the own value stays */
    scan("{\"company_name\": \"\", \"company\": {\"name\": null, \"domain\": \"  \"}}");
    ck_assert_str_eq(rd(LS_F_COMPANY_NAME), "company_name=");
    ck_assert_str_eq(rd(LS_F_COMPANY_WEBSITE), "-");
    /* a lone surrogate is a value, not blank (as the lead key has it) */
    scan("{\"sales_id\": \"\\ud800\", \"lead_id\": \"X\"}");
    ck_assert_str_eq(rd(LS_F_SALES_ID), "sales_id=\\ud800");
    /* company that is not an object gives nothing */
    scan("{\"company\": \"Microsoft\"}");
    ck_assert_str_eq(rd(LS_F_COMPANY_NAME), "-");
    ck_assert_int_eq(ls_field_has_v1(LS_F_LOCATION), 0);
    ck_assert_int_eq(ls_field_has_v1(LS_F_COMPANY_NAME), 1);
    ck_assert_int_eq(ls_field_of_name("company", 7), LS_F_COMPANY);
    ck_assert_int_eq(ls_field_of_name("id", 2), LS_F_ID);
    ck_assert_int_eq(ls_field_of_name("i", 1), -1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json_v1");
    TCase *tc = tcase_create("v1");
    tcase_add_test(tc, each_row_of_the_table);
    tcase_add_test(tc, second_counterparts);
    tcase_add_test(tc, by_icp_field_wins);
    suite_add_tcase(s, tc);
    int rc = ls_check_run(s);
    ls_buf_free(&scratch);
    return rc;
}
