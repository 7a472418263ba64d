/* v1 requests (contract addendum §2): detection, validation with the search
 * mode's schema, and every evaluated field (as-of day 2024-06-15). */
#include "matcher_testutil.h"

static ls_problems *compile_err_opt(const char *json, ls_request_api api, ls_search_mode mode)
{
    char *j = q(json);
    ls_compile_options opt;
    ls_compile_options_init(&opt);
    opt.api = api;
    opt.search_mode = mode;
    ls_request *req = NULL;
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_request_compile(j, strlen(j), &opt, &req, &errs), LS_E_INVALID_REQUEST);
    ck_assert_ptr_null(req);
    free(j);
    return errs;
}

static ls_request *compile_api(const char *json, ls_request_api api)
{
    char *j = q(json);
    ls_compile_options opt = {LS_MATCH_DOCUMENTED, 2024, 6, 15, api, LS_SEARCH_REALTIME};
    ls_request *req = NULL;
    ck_assert_int_eq(ls_request_compile(j, strlen(j), &opt, &req, NULL), LS_OK);
    free(j);
    return req;
}

START_TEST(detected_by_a_v1_only_field)
{
    ls_request *r = compile_ok("{'job_titles': ['ceo']}");
    ck_assert_int_eq(ls_request_api_of(r), LS_REQUEST_API_V1);
    ls_request_free(r);
    /* shared fields alone keep the by_icp reading */
    r = compile_ok("{'company_id': 1, 'locations': ['Germany']}");
    ck_assert_int_eq(ls_request_api_of(r), LS_REQUEST_API_BY_ICP);
    ls_request_free(r);
    /* forced either way */
    r = compile_api("{'company_id': 1}", LS_REQUEST_API_V1);
    ck_assert_int_eq(ls_request_api_of(r), LS_REQUEST_API_V1);
    ls_request_free(r);
    ls_problems *p = compile_err_opt("{'job_titles': ['ceo']}", LS_REQUEST_API_BY_ICP,
                                     LS_SEARCH_REALTIME);
    ASSERT_KEYS(p, "company_id"); /* by_icp needs a company identifier */
    ls_problems_free(p);
}
END_TEST

START_TEST(filter_only_needs_no_company)
{
    ls_request *r = compile_ok("{'job_titles': ['ceo']}");
    ck_assert_int_eq(ls_request_has_filter(r, LS_FILTER_JOB_TITLES), 1);
    ck_assert_int_eq(ls_request_has_filter(r, LS_FILTER_COMPANY_ID), 0);
    KEEP(r, "{'title': 'CEO'}");
    ls_request_free(r);
}
END_TEST

START_TEST(database_mode_rejects_realtime_fields)
{
    ls_problems *p = compile_err_opt(
        "{'job_titles': ['ceo'], 'personas': [['a', [], [], []]], 'keywords': ['x'], "
        "'locations': ['Germany']}",
        LS_REQUEST_API_AUTO, LS_SEARCH_DATABASE);
    ASSERT_KEYS(p, "personas", "keywords");
    ck_assert_ptr_nonnull(strstr(hint_of(p, "keywords"), "realtime only"));
    ls_problems_free(p);
}
END_TEST

START_TEST(without_company_is_an_error)
{
    ls_problems *p = compile_err_opt("{'job_titles': ['ceo'], 'without_company': true}",
                                     LS_REQUEST_API_AUTO, LS_SEARCH_REALTIME);
    ASSERT_KEYS(p, "without_company");
    ck_assert_ptr_nonnull(strstr(hint_of(p, "without_company"), "omit company_id"));
    ls_problems_free(p);
}
END_TEST

START_TEST(paging_ranges_depend_on_a_company)
{
    ls_problems *p = compile_err_opt("{'job_titles': ['a'], 'limit_by': 2401, 'offset_by': 2400}",
                                     LS_REQUEST_API_AUTO, LS_SEARCH_REALTIME);
    ASSERT_KEYS(p, "limit_by", "offset_by");
    ls_problems_free(p);
    ls_request *r =
        compile_ok("{'job_titles': ['a'], 'company_id': 5, 'limit_by': 2500, 'offset_by': 2499}");
    ck_assert_int_eq(ls_request_limit(r), 2500);
    ck_assert_int_eq(ls_request_offset(r), 2499);
    ls_request_free(r);
    p = compile_err_opt("{'offset_by': -1}", LS_REQUEST_API_AUTO, LS_SEARCH_REALTIME);
    ASSERT_KEYS(p, "offset_by");
    ls_problems_free(p);
}
END_TEST

START_TEST(values_outside_their_lists)
{
    ls_problems *p = compile_err_opt(
        "{'company_types': ['Public Company', 'Public'], 'exclude_company_headcounts': ['10-50'],"
        " 'company_id': 1, 'company_name': 'x', 'num_of_connections': {'min': 9, 'max': 2},"
        " 'first_name': 3, 'past_company_ids': ['12a'], 'job_titles': ['of']}",
        LS_REQUEST_API_AUTO, LS_SEARCH_REALTIME);
    ASSERT_KEYS(p, "company_types[1]", "exclude_company_headcounts[0]", "company_id",
                "company_name", "num_of_connections.min", "first_name", "past_company_ids[0]",
                "job_titles[0]");
    ck_assert_ptr_nonnull(strstr(hint_of(p, "company_types[1]"), "\"Public Company\""));
    ck_assert_ptr_nonnull(strstr(hint_of(p, "exclude_company_headcounts[0]"), "\"11-50\""));
    ls_problems_free(p);
}
END_TEST

START_TEST(not_evaluated_fields_are_named)
{
    ls_request *r = compile_ok("{'functions': ['Sales'], 'changed_jobs': true, "
                               "'groups_keywords': ['x'], 'include_total_count': true}");
    ck_assert_uint_eq(ls_request_not_evaluated_count(r), 3);
    ck_assert_str_eq(ls_request_not_evaluated(r, 0), "functions");
    ck_assert_str_eq(ls_request_not_evaluated(r, 1), "changed_jobs");
    ck_assert_str_eq(ls_request_not_evaluated(r, 2), "groups_keywords");
    KEEP(r, "{}");
    ls_request_free(r);
}
END_TEST

#define V1 "{'job_titles': ['zz nothing'], "

START_TEST(job_titles_whole_token_phrase)
{
    ls_request *r = compile_ok("{'job_titles': ['head of sales', 'CEO']}");
    KEEP(r, "{'title': 'Head of Sales EMEA'}");
    KEEP(r, "{'job_title': 'Founder & CEO'}");
    KEEP(r, "{'job_title': 'Chief Executive Officer'}"); /* norm expands ceo */
    DROP(r, "{'title': 'Head of Salesforce'}", "job_titles");
    DROP(r, "{'title': 'Sales Head'}", "job_titles");
    DROP(r, "{}", "job_titles");
    ls_request_free(r);
}
END_TEST

START_TEST(exclude_locations_and_strict)
{
    ls_request *r = compile_ok("{'exclude_locations': ['California, United States'], "
                               "'company_locations': ['Germany'], 'strict': ['company_locations']}");
    DROP(r, "{'location': 'San Jose, California, United States', 'company_location': 'Germany'}",
         "exclude_locations");
    DROP(r, "{'location': 'Paris, France', 'company_location': 'Berlin, Germany'}",
         "company_locations");
    KEEP(r, "{'location': 'Paris, France', 'company_location': 'germany'}");
    KEEP(r, "{'company': {'location': 'Germany'}}"); /* no location: not excluded */
    ls_request_free(r);
}
END_TEST

START_TEST(company_industries_include_and_exclude)
{
    ls_request *r = compile_ok("{'company_industries': ['software development']}");
    KEEP(r, "{'company': {'industry': 'Software Development'}}");
    KEEP(r, "{'company_industry': 'SOFTWARE DEVELOPMENT'}");
    KEEP(r, "{'industry': 'Software Development'}");
    DROP(r, "{'company': {'industry': 'Banking'}, 'industry': 'Software Development'}",
         "company_industries");
    DROP(r, "{}", "company_industries");
    ls_request_free(r);
    r = compile_ok("{'exclude_company_industries': ['Banking']}");
    DROP(r, "{'company': {'industry': 'banking'}}", "exclude_company_industries");
    KEEP(r, "{}");
    ls_request_free(r);
}
END_TEST

START_TEST(exclude_headcounts_and_company_types)
{
    ls_request *r = compile_ok("{'exclude_company_headcounts': ['1-10'], "
                               "'company_types': ['Privately Held']}");
    DROP(r, "{'company': {'headcount': 7, 'type': 'Privately Held'}}",
         "exclude_company_headcounts");
    KEEP(r, "{'company': {'headcount': 70, 'type': 'privately held'}}");
    DROP(r, "{'company_type': 'Public Company', 'company': {'type': 'Privately Held'}}",
         "company_types");
    ls_verdict v = lead_verdict(r, "{'company': {'headcount': 70}}");
    ck_assert_int_eq(v.outcome, LS_MATCHED);
    ck_assert_uint_eq(v.flags & LS_LEAD_NOT_EVALUATED, LS_LEAD_NOT_EVALUATED);
    v = lead_verdict(r, "{'company_type': 'Privately Held'}");
    ck_assert_uint_eq(v.flags & LS_LEAD_NOT_EVALUATED, 0);
    ls_request_free(r);
}
END_TEST

START_TEST(names_truncated_and_equal)
{
    ls_request *r = compile_ok("{'skip_truncated_names': true}");
    KEEP(r, "{'first_name': 'Jo', 'last_name': 'Li'}");
    DROP(r, "{'first_name': 'J.', 'last_name': 'Doe'}", "skip_truncated_names");
    DROP(r, "{'first_name': 'Jane', 'last_name': ' D '}", "skip_truncated_names");
    DROP(r, "{'full_name': 'Cher'}", "skip_truncated_names");
    KEEP(r, "{'full_name': 'Mary Ann Lee'}");
    DROP(r, "{'full_name': 'Mary Ann L.'}", "skip_truncated_names");
    KEEP(r, "{'first_name': '\\u00c9l', 'last_name': '\\u00c5s'}"); /* two characters each */
    DROP(r, "{}", "skip_truncated_names");
    ls_request_free(r);
    r = compile_ok("{'first_name': 'jos\\u00e9', 'last_name': ['Garcia', 'Lee']}");
    KEEP(r, "{'first_name': 'Jose', 'last_name': 'GARC\\u00cdA'}");
    KEEP(r, "{'full_name': 'Jos\\u00e9  Lee'}");
    DROP(r, "{'full_name': 'Josefa Lee'}", "first_name");
    DROP(r, "{'first_name': 'Jose', 'last_name': 'Smith'}", "last_name");
    ls_request_free(r);
}
END_TEST

START_TEST(past_jobs_and_current_companies)
{
    const char *lead = "{'company_id': 10, 'jobs': ["
                       "{'job_title': 'Sales Manager', 'company_id': 20, 'job_ended_on': '2020'},"
                       "{'job_title': 'CTO', 'company_id': 30}]}";
    ls_request *r = compile_ok("{'past_job_titles': ['sales manager'], 'past_company_ids': [20]}");
    KEEP(r, lead);
    ls_request_free(r);
    r = compile_ok("{'past_job_titles': ['cto']}"); /* CTO is the current job */
    DROP(r, lead, "past_job_titles");
    ls_request_free(r);
    r = compile_ok("{'past_company_ids': ['30']}");
    DROP(r, lead, "past_company_ids");
    ls_request_free(r);
    r = compile_ok("{'exclude_past_company_ids': ['20']}");
    DROP(r, lead, "exclude_past_company_ids");
    ls_request_free(r);
    r = compile_ok("{'exclude_current_company_ids': [30]}");
    DROP(r, lead, "exclude_current_company_ids");
    ls_request_free(r);
    r = compile_ok("{'exclude_current_company_ids': [10]}");
    DROP(r, lead, "exclude_current_company_ids");
    DROP(r, "{'company': {'id': 10}}", "exclude_current_company_ids");
    KEEP(r, "{'company': {'id': 11}}");
    ls_request_free(r);
}
END_TEST

START_TEST(years_of_experience_from_the_earliest_job)
{
    ls_request *r = compile_ok("{'years_of_experience': [4]}"); /* 6-10 years */
    KEEP(r, "{'jobs': [{'job_started_on': '2020-01-01'}, {'job_started_on': '2016-01-01'}]}");
    DROP(r, "{'jobs': [{'job_started_on': '2020-01-01'}]}", "years_of_experience");
    DROP(r, "{'job_started_on': '2010-01-01'}", "years_of_experience");
    KEEP(r, "{'work_history': [{'job_started_on': '2015-06-15'}]}");
    ls_request_free(r);
}
END_TEST

START_TEST(keywords_in_profile_text)
{
    ls_request *r = compile_ok("{'keywords': ['machine learning']}");
    KEEP(r, "{'headline': 'Machine-Learning lead'}");
    KEEP(r, "{'summary': 'I do machine learning.'}");
    KEEP(r, "{'skills': ['SQL', 'Machine Learning']}");
    KEEP(r, "{'job_description': 'machine learning'}");
    DROP(r, "{'summary': 'machine learnings'}", "keywords");
    DROP(r, "{}", "keywords");
    ls_request_free(r);
}
END_TEST

START_TEST(connections_range_or_not_evaluated)
{
    ls_request *r = compile_ok("{'num_of_connections': {'min': 100, 'max': 500}}");
    KEEP(r, "{'num_of_connections': 100}");
    KEEP(r, "{'connections_count': '500'}");
    DROP(r, "{'num_of_connections': 501}", "num_of_connections");
    KEEP(r, "{'num_of_connections': '500+'}");
    DROP(r, "{'num_of_connections': 99, 'connections_count': 200}", "num_of_connections");
    ls_verdict v = lead_verdict(r, "{'num_of_connections': null}");
    ck_assert_int_eq(v.outcome, LS_MATCHED);
    ck_assert_uint_eq(v.flags & LS_LEAD_NOT_EVALUATED, LS_LEAD_NOT_EVALUATED);
    ls_request_free(r);
}
END_TEST

START_TEST(exclude_lead_industries)
{
    ls_request *r = compile_ok(V1 "'job_titles': [], 'exclude_lead_industries': ['Banking']}");
    DROP(r, "{'industry': 'BANKING'}", "exclude_lead_industries");
    KEEP(r, "{'company': {'industry': 'Banking'}}"); /* the lead's own industry only */
    ls_request_free(r);
}
END_TEST

START_TEST(seniorities_by_level_label)
{
    ls_request *r = compile_ok("{'seniorities': ['Director']}");
    KEEP(r, "{'seniority': 'director', 'title': 'Intern'}"); /* the field wins */
    DROP(r, "{'seniority': 'CXO', 'title': 'Director'}", "seniorities");
    DROP(r, "{'seniority': 'something else'}", "seniorities");
    ls_request_free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("matcher_v1_request");
    TCase *tc = tcase_create("v1");
    tcase_add_test(tc, detected_by_a_v1_only_field);
    tcase_add_test(tc, filter_only_needs_no_company);
    tcase_add_test(tc, database_mode_rejects_realtime_fields);
    tcase_add_test(tc, without_company_is_an_error);
    tcase_add_test(tc, paging_ranges_depend_on_a_company);
    tcase_add_test(tc, values_outside_their_lists);
    tcase_add_test(tc, not_evaluated_fields_are_named);
    tcase_add_test(tc, job_titles_whole_token_phrase);
    tcase_add_test(tc, exclude_locations_and_strict);
    tcase_add_test(tc, company_industries_include_and_exclude);
    tcase_add_test(tc, exclude_headcounts_and_company_types);
    tcase_add_test(tc, names_truncated_and_equal);
    tcase_add_test(tc, past_jobs_and_current_companies);
    tcase_add_test(tc, years_of_experience_from_the_earliest_job);
    tcase_add_test(tc, keywords_in_profile_text);
    tcase_add_test(tc, connections_range_or_not_evaluated);
    tcase_add_test(tc, exclude_lead_industries);
    tcase_add_test(tc, seniorities_by_level_label);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
