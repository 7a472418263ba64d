/* lint --leads: the leads' seniority values against the level their titles
 * imply, per level (ls_lint_level_agreement and the JSON report). */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "matcher_testutil.h"
#include "request/level.h"

static ls_lint *lint_of(const char *req_json, const char *leads, ls_request **req)
{
    *req = compile_ok(req_json);
    ls_lint *l = NULL;
    ck_assert_int_eq(ls_lint_new(*req, NULL, &l), LS_OK);
    if (leads)
        ck_assert_int_eq(ls_lint_add_memory(l, "in", leads, strlen(leads)), LS_OK);
    ck_assert_int_eq(ls_lint_finish(l), LS_OK);
    return l;
}

START_TEST(agreement_per_level)
{
    const char leads[] =
        /* CXO agrees; a duplicate of it is not counted again */
        "{\"sales_id\": \"1\", \"title\": \"CEO\", \"seniority\": \"CXO\", \"location\": \"Berlin, Germany\"}\n"
        "{\"sales_id\": \"1\", \"title\": \"CEO\", \"seniority\": \"CXO\", \"location\": \"Berlin, Germany\"}\n"
        /* CXO disagrees; dropped by the locations filter, still counted */
        "{\"sales_id\": \"2\", \"title\": \"VP Sales\", \"seniority\": \"c-suite\", \"location\": \"Paris\"}\n"
        /* both manager levels, the title implies one of them */
        "{\"sales_id\": \"3\", \"title\": \"Sales Manager\", \"seniority\": \"Manager\"}\n"
        /* names no level */
        "{\"sales_id\": \"4\", \"title\": \"Intern\", \"seniority\": \"Boss\"}\n"
        /* no value: not in the table */
        "{\"sales_id\": \"5\", \"title\": \"Director\"}\n"
        "{\"sales_id\": \"6\", \"title\": \"Director\", \"seniority\": null}\n";
    ls_request *req;
    ls_lint *l = lint_of("{'without_company': true, 'locations': ['Germany']}", leads, &req);
    uint64_t agree = 99;
    ck_assert_uint_eq(ls_lint_level_agreement(l, LS_LEVEL_CXO, &agree), 2);
    ck_assert_uint_eq(agree, 1);
    ck_assert_uint_eq(ls_lint_level_agreement(l, LS_LEVEL_ENTRY_MANAGER, &agree), 1);
    ck_assert_uint_eq(agree, 1);
    ck_assert_uint_eq(ls_lint_level_agreement(l, LS_LEVEL_EXPERIENCED_MANAGER, &agree), 1);
    ck_assert_uint_eq(agree, 1);
    ck_assert_uint_eq(ls_lint_level_agreement(l, LS_LEVEL_DIRECTOR, &agree), 0);
    ck_assert_uint_eq(agree, 0);
    ck_assert_uint_eq(ls_lint_level_agreement(l, LS_LEVELS, &agree), 1); /* no level */
    ck_assert_uint_eq(agree, 0);
    ck_assert_uint_eq(ls_lint_level_agreement(l, LS_LEVELS + 1, &agree), 0);
    ck_assert_uint_eq(ls_lint_level_agreement(NULL, 0, NULL), 0);
    char *json = NULL;
    ck_assert_int_eq(ls_lint_report_json(l, 0, &json, NULL), LS_OK);
    ck_assert_str_eq(json, "{\"status\": \"ok\", \"warnings\": [], \"seniority_agreement\": "
                           "{\"leads_with_seniority\": 4, \"levels\": ["
                           "{\"level\": \"Entry Level Manager\", \"leads\": 1, \"title_agrees\": 1}, "
                           "{\"level\": \"Experienced Manager\", \"leads\": 1, \"title_agrees\": 1}, "
                           "{\"level\": \"CXO\", \"leads\": 2, \"title_agrees\": 1}], "
                           "\"no_level\": 1}}");
    ls_free(json);
    ls_lint_free(l);
    ls_request_free(req);
}
END_TEST

/* Without a seniority value anywhere (or without leads), no key. */
START_TEST(no_values_no_table)
{
    ls_request *req;
    ls_lint *l = lint_of("{'without_company': true}", "{\"title\": \"CEO\"}\n", &req);
    for (size_t i = 0; i <= LS_LEVELS; i++)
        ck_assert_uint_eq(ls_lint_level_agreement(l, i, NULL), 0);
    char *json = NULL;
    ck_assert_int_eq(ls_lint_report_json(l, 0, &json, NULL), LS_OK);
    ck_assert_str_eq(json, "{\"status\": \"ok\", \"warnings\": []}");
    ls_free(json);
    ls_lint_free(l);
    ls_request_free(req);
    l = lint_of("{'without_company': true}", NULL, &req);
    ck_assert_uint_eq(ls_lint_level_agreement(l, LS_LEVEL_CXO, NULL), 0);
    ls_lint_free(l);
    ls_request_free(req);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tuning_lint_levels");
    TCase *tc = tcase_create("levels");
    tcase_add_test(tc, agreement_per_level);
    tcase_add_test(tc, no_values_no_table);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
