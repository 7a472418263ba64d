/* Request-level filters, contract §3 and §7 (as-of day 2024-06-15). */
#include "matcher_testutil.h"

#define WC "{'without_company': true, "

START_TEST(exclude_names_by_name_key)
{
    ls_request *r = compile_ok(WC "'exclude_names': ['Jos\\u00e9  GARC\\u00cdA']}");
    DROP(r, "{'unformatted_full_name': 'Jose Garcia'}", "exclude_names");
    DROP(r, "{'full_name': ' jose \\t garcia '}", "exclude_names");
    DROP(r, "{'unformatted_full_name': '  ', 'full_name': 'Jos\\u00e9 Garc\\u00eda'}",
         "exclude_names");
    KEEP(r, "{'unformatted_full_name': 'Someone Else', 'full_name': 'Jose Garcia'}");
    KEEP(r, "{'full_name': 'Jose Garciaz'}");
    KEEP(r, "{}");
    ck_assert_int_eq(ls_request_has_filter(r, LS_FILTER_EXCLUDE_NAMES), 1);
    ls_request_free(r);
}
END_TEST

START_TEST(exclude_ids_exact)
{
    ls_request *r = compile_ok(WC "'exclude_ids': ['abc', 'x\\\"y']}");
    DROP(r, "{'sales_id': 'abc'}", "exclude_ids");
    DROP(r, "{'sales_id': 'x\\\"y'}", "exclude_ids");
    DROP(r, "{'sales_id': '\\u0061bc'}", "exclude_ids"); /* same string once decoded */
    KEEP(r, "{'sales_id': 'ABC'}");
    KEEP(r, "{'sales_id': 'abc '}");
    KEEP(r, "{'linkedin_url': 'abc'}");
    ls_request_free(r);
}
END_TEST

START_TEST(filter_empty_vars_values)
{
    ls_request *r = compile_ok(WC "'filter_empty_vars': ['job_started_on', 'profile_photo']}");
    static const char *const empty[] = {"", "'profile_photo': null, ", "'profile_photo': '', ",
                                        "'profile_photo': ' \\t', ",
                                        "'profile_photo': false, ", "'profile_photo': [], ",
                                        "'profile_photo': { }, "};
    static const char *const kept[] = {"'profile_photo': 0, ", "'profile_photo': true, ",
                                       "'profile_photo': 'x', ", "'profile_photo': [null], ",
                                       "'profile_photo': {'a': null}, "};
    char lead[256];
    for (size_t i = 0; i < sizeof empty / sizeof *empty; i++) {
        snprintf(lead, sizeof lead, "{%s'job_started_on': '2020'}", empty[i]);
        DROP(r, lead, "filter_empty_vars");
    }
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        snprintf(lead, sizeof lead, "{%s'job_started_on': '2020'}", kept[i]);
        KEEP(r, lead);
    }
    DROP(r, "{'profile_photo': 'x'}", "filter_empty_vars");
    ls_request_free(r);

    r = compile_ok(WC "'filter_empty_vars': []}");
    KEEP(r, "{}");
    ck_assert_int_eq(ls_request_has_filter(r, LS_FILTER_EMPTY_VARS), 0);
    ls_request_free(r);
}
END_TEST

START_TEST(locations_match_trailing_parts)
{
    ls_request *r = compile_ok(WC "'locations': ['United States']}");
    KEEP(r, "{'location': 'San Francisco, California, United States'}");
    KEEP(r, "{'location': 'United States'}");
    KEEP(r, "{'location': 'Austin,united-states'}"); /* each part normalized */
    DROP(r, "{'location': 'United Kingdom'}", "locations");
    DROP(r, "{'location': 'United States, Earth'}", "locations");
    DROP(r, "{'location': 'US'}", "locations");
    DROP(r, "{}", "locations");
    DROP(r, "{'location': null}", "locations");
    ls_request_free(r);

    r = compile_ok(WC "'locations': ['California, United States', 'Texas, Mexico']}");
    KEEP(r, "{'location': 'San Francisco, California, United States'}");
    KEEP(r, "{'location': 'Texas, Mexico'}");
    DROP(r, "{'location': 'Texas, United States'}", "locations");
    DROP(r, "{'location': 'United States'}", "locations"); /* entry longer than location */
    DROP(r, "{'location': 'California United States'}", "locations");
    ls_request_free(r);

    r = compile_ok(WC "'locations': ['San Francisco']}");
    DROP(r, "{'location': 'San Francisco, California'}", "locations");
    ls_request_free(r);

    /* null and [] mean: not applied */
    r = compile_ok(WC "'locations': null, 'company_locations': []}");
    KEEP(r, "{}");
    ck_assert_int_eq(ls_request_has_filter(r, LS_FILTER_LOCATIONS), 0);
    ck_assert_int_eq(ls_request_has_filter(r, LS_FILTER_COMPANY_LOCATIONS), 0);
    ls_request_free(r);
}
END_TEST

START_TEST(company_locations_same_rule)
{
    ls_request *r = compile_ok(WC "'company_locations': ['Germany']}");
    KEEP(r, "{'company_location': 'M\\u00fcnchen, Bayern, Germany', 'location': 'Paris'}");
    DROP(r, "{'location': 'Berlin, Germany'}", "company_locations");
    ls_request_free(r);
}
END_TEST

START_TEST(company_headcounts_with_aliases)
{
    ls_request *r = compile_ok(WC "'company_headcounts': ['10 000+', '11-50']}");
    KEEP(r, "{'company_headcount_range': '10 000+'}");
    KEEP(r, "{'company_headcount_range': '10,001+'}");
    KEEP(r, "{'company_headcount_range': '10001+'}");
    KEEP(r, "{'company_headcount_range': '11-50'}");
    DROP(r, "{'company_headcount_range': '51-200'}", "company_headcounts");
    DROP(r, "{'company_headcount_range': '11 - 50'}", "company_headcounts");
    DROP(r, "{}", "company_headcounts");
    ls_request_free(r);
}
END_TEST

/* §3 (2026-12-04): LinkedIn's forms and numbers of employees. */
START_TEST(company_headcounts_linkedin_forms_and_counts)
{
    ls_request *r = compile_ok(WC "'company_headcounts': ['1-10', '501-1000', '10 000+']}");
    KEEP(r, "{'company_headcount_range': '2-10'}");
    KEEP(r, "{'company_headcount_range': '1'}");
    KEEP(r, "{'company_headcount_range': '501-1,000'}");
    KEEP(r, "{'company_headcount_range': '1,0'}");     /* commas are ignored: 10 */
    KEEP(r, "{'company_headcount_range': 1}");
    KEEP(r, "{'company_headcount_range': 10}");
    KEEP(r, "{'company_headcount_range': '007'}");     /* leading zeros: 7 */
    KEEP(r, "{'company_headcount_range': 501}");
    KEEP(r, "{'company_headcount_range': '1000'}");
    KEEP(r, "{'company_headcount_range': 10001}");
    KEEP(r, "{'company_headcount_range': '99999999999999999999999999999999999999'}");
    KEEP(r, "{'company_headcount_range': '0000000000000000000000000000000000000000003'}");
    KEEP(r, "{'company_headcount_range': '2\\u002d10'}"); /* an escaped hyphen */
    DROP(r, "{'company_headcount_range': 0}", "company_headcounts");
    DROP(r, "{'company_headcount_range': '0'}", "company_headcounts");
    DROP(r, "{'company_headcount_range': -0}", "company_headcounts");
    DROP(r, "{'company_headcount_range': -5}", "company_headcounts");
    DROP(r, "{'company_headcount_range': 7.0}", "company_headcounts");
    DROP(r, "{'company_headcount_range': 7e0}", "company_headcounts");
    DROP(r, "{'company_headcount_range': 11}", "company_headcounts");
    DROP(r, "{'company_headcount_range': 500}", "company_headcounts");
    DROP(r, "{'company_headcount_range': '10000'}", "company_headcounts");
    DROP(r, "{'company_headcount_range': '2 - 10'}", "company_headcounts");
    DROP(r, "{'company_headcount_range': ' 2-10'}", "company_headcounts");
    DROP(r, "{'company_headcount_range': ','}", "company_headcounts");
    DROP(r, "{'company_headcount_range': ''}", "company_headcounts");
    DROP(r, "{'company_headcount_range': '10000+'}", "company_headcounts");
    DROP(r, "{'company_headcount_range': true}", "company_headcounts");
    DROP(r, "{'company_headcount_range': ['2-10']}", "company_headcounts");
    DROP(r, "{'company_headcount_range': null}", "company_headcounts");
    ls_request_free(r);
}
END_TEST

START_TEST(lead_industries_ascii_case_insensitive)
{
    ls_request *r = compile_ok(WC "'lead_industries': ['Computer Software', '\\u00c9ducation']}");
    KEEP(r, "{'industry': 'computer software'}");
    KEEP(r, "{'industry': 'COMPUTER SOFTWARE'}");
    KEEP(r, "{'industry': '\\u00c9DUCATION'}");
    DROP(r, "{'industry': '\\u00e9ducation'}", "lead_industries"); /* not ASCII case */
    DROP(r, "{'industry': 'Computer  Software'}", "lead_industries");
    DROP(r, "{'industry': 'Software'}", "lead_industries");
    DROP(r, "{}", "lead_industries");
    ls_request_free(r);
}
END_TEST

START_TEST(past_company_names_only_past_jobs)
{
    ls_request *r = compile_ok(WC "'past_company_names': ['Acme Inc.']}");
    KEEP(r, "{'jobs': [{'company_name': 'ACME, Inc', 'job_still_working': false}]}");
    KEEP(r, "{'jobs': [{'company_name': 'Other'},"
            " {'company_name': 'Acme Inc', 'job_ended_on': '2020-01'}]}");
    /* job_still_working true but ended: not current */
    KEEP(r, "{'jobs': [{'company_name': 'Acme Inc', 'job_still_working': true,"
            " 'job_ended_on': 'Jan 2020'}]}");
    DROP(r, "{'jobs': [{'company_name': 'Acme Inc', 'job_still_working': true}]}",
         "past_company_names");
    DROP(r, "{'jobs': [{'company_name': 'Acme Inc', 'job_ended_on': ' '}]}",
         "past_company_names");
    DROP(r, "{'jobs': [{'company_name': 'Acme Inc', 'job_ended_on': null}]}",
         "past_company_names");
    DROP(r, "{'jobs': [{'company_name': 'Acme', 'job_still_working': false}]}",
         "past_company_names");
    DROP(r, "{'company_name': 'Acme Inc'}", "past_company_names");
    DROP(r, "{'jobs': {}}", "past_company_names");
    ls_request_free(r);
}
END_TEST

static void years_case(const ls_request *r, const char *start, int kept)
{
    char lead[128];
    snprintf(lead, sizeof lead, "{'job_started_on': '%s'}", start);
    const char *got = dropped_by(r, lead);
    ck_assert_msg(kept ? got[0] == '\0' : strcmp(got, "years_in_position") == 0,
                  "start '%s': expected %s, got '%s'", start, kept ? "kept" : "dropped", got);
}

START_TEST(years_in_position_bucket_edges)
{
    /* as of 2024-06-15: completed years, floor */
    static const struct {
        const char *start;
        int bucket;
    } cases[] = {{"2024-06-15", 1}, {"2023-06-16", 1}, {"2025-01-01", 1}, {"2023-06-15", 2},
                 {"2021-06-16", 2}, {"2021-06-15", 3}, {"2018-06-16", 3}, {"2018-06-15", 4},
                 {"2013-06-16", 4}, {"2013-06-15", 5}, {"1990", 5}};
    for (int b = 1; b <= 5; b++) {
        char req[96];
        snprintf(req, sizeof req, WC "'years_in_position': [%d]}", b);
        ls_request *r = compile_ok(req);
        for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
            years_case(r, cases[i].start, cases[i].bucket == b);
        ls_request_free(r);
    }
}
END_TEST

START_TEST(date_formats)
{
    ls_request *r = compile_ok(WC "'years_in_position': [2]}"); /* 1-2 years */
    static const char *const ok[] = {"Mar 2023",    "March 2023", "mar 2023",   "MARCH   2023",
                                     "  Mar 2023 ", "Mar\\t2023", "2023",       "2023-03",
                                     "2023-03-15",  "Jan 2023",   "2022-06-15", " 2023-02 "};
    static const char *const bad[] = {"Sept 2022",  "Mar. 2023",  "Mar2023",   "2023-02-30",
                                      "2023-13",    "2023-00",    "0000",      "2023-3",
                                      "23",         "2023/03",    "Marc 2023", "March 2023 x",
                                      "2023-03-15T00:00:00", "Mars 2023", ""};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        years_case(r, ok[i], 1);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        years_case(r, bad[i], 0);
    DROP(r, "{'job_started_on': 2023}", "years_in_position");
    DROP(r, "{}", "years_in_position");
    ls_request_free(r);

    r = compile_ok(WC "'years_in_position': [1]}");
    years_case(r, "Sep 2023", 1);
    years_case(r, "September 2023", 1);
    years_case(r, "Sept 2023", 0);
    years_case(r, "2024-02-29", 1); /* leap day exists */
    years_case(r, "2023-02-29", 0);
    ls_request_free(r);
}
END_TEST

START_TEST(years_in_company_uses_current_jobs_at_the_company)
{
    ls_request *r = compile_ok(WC "'years_in_company': [5]}");
    KEEP(r, "{'company_id': 100, 'job_started_on': '2023-01', 'jobs': ["
            "{'company_id': 100, 'job_started_on': '2010-01', 'job_still_working': true}]}");
    /* compared as text: 100 and '100' are equal */
    KEEP(r, "{'company_id': '100', 'job_started_on': '2023-01', 'jobs': ["
            "{'company_id': 100, 'job_started_on': '2010-01'}]}");
    /* the earliest parseable start wins */
    KEEP(r, "{'company_id': 7, 'jobs': [{'company_id': 7, 'job_started_on': '2022'},"
            " {'company_id': 7, 'job_started_on': 'soon'},"
            " {'company_id': 7, 'job_started_on': 'Feb 2001'}]}");
    /* a past job does not count: the lead's own start decides */
    DROP(r, "{'company_id': 100, 'job_started_on': '2023-01', 'jobs': ["
            "{'company_id': 100, 'job_started_on': '2010-01', 'job_still_working': false}]}",
         "years_in_company");
    /* leading zeros count */
    DROP(r, "{'company_id': 100, 'job_started_on': '2023-01', 'jobs': ["
            "{'company_id': '0100', 'job_started_on': '2010-01'}]}",
         "years_in_company");
    /* "the lead's company_id" is the top-level company_id only */
    DROP(r, "{'linkedin_company_id': 100, 'job_started_on': '2023-01', 'jobs': ["
            "{'company_id': 100, 'job_started_on': '2010-01'}]}",
         "years_in_company");
    KEEP(r, "{'job_started_on': '2001-01-01'}");
    DROP(r, "{'company_id': 5, 'jobs': [{'company_id': 5, 'job_started_on': 'n/a'}]}",
         "years_in_company");
    ls_request_free(r);

    /* the jobs[] start wins even when the lead's own start is earlier */
    r = compile_ok(WC "'years_in_company': [2]}");
    KEEP(r, "{'company_id': 1, 'job_started_on': '2001-01', 'jobs': ["
            "{'company_id': 1, 'job_started_on': '2023-01'}]}");
    ls_request_free(r);
}
END_TEST

START_TEST(company_id_compared_as_text)
{
    ls_request *r = compile_ok("{'company_id': 21828}");
    KEEP(r, "{'linkedin_company_id': 21828}");
    KEEP(r, "{'linkedin_company_id': '21828'}");
    KEEP(r, "{'linkedin_company_id': 5, 'company_id': '21828'}");
    DROP(r, "{'linkedin_company_id': '021828'}", "company_id");
    DROP(r, "{'linkedin_company_id': 21828.0}", "company_id");
    DROP(r, "{'linkedin_company_id': ' 21828'}", "company_id");
    DROP(r, "{}", "company_id");
    ls_request_free(r);

    r = compile_ok("{'company_id': '021828'}");
    KEEP(r, "{'company_id': '021828'}");
    DROP(r, "{'company_id': 21828}", "company_id");
    ls_request_free(r);
}
END_TEST

/* One matcher over many leads remembers URL decisions: repeats, near
 * misses and URLs too long to remember all keep their own verdict. */
START_TEST(company_link_decisions_repeat_exactly)
{
    ls_request *r = compile_ok("{'company_link': 'linkedin.com/company/acme-corp'}");
    ls_matcher *m = NULL;
    ls_matcher_new(r, &m);
    ck_assert_ptr_nonnull(m);
    char long_ok[300], long_bad[300];
    /* too long to remember; the surrounding whitespace is trimmed */
    snprintf(long_ok, sizeof long_ok, "%150slinkedin.com/company/acme-corp", "");
    snprintf(long_bad, sizeof long_bad, "%150slinkedin.com/company/acme-corq", "");
    const struct {
        const char *url;
        int kept;
    } urls[] = {
        {"linkedin.com/company/acme-corp", 1},  {"linkedin.com/company/acme-corp2", 0},
        {"LINKEDIN.com/company/ACME-corp/", 1}, {"linkedin.com/company/acme-cor", 0},
        {long_ok, 1},                           {long_bad, 0},
    };
    for (int round = 0; round < 3; round++)
        for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
            char lead[512];
            snprintf(lead, sizeof lead, "{\"company_url\": \"%s\"}", urls[i].url);
            ls_verdict v;
            ck_assert_int_eq(ls_match_lead(m, lead, strlen(lead), &v), LS_OK);
            ck_assert_msg((v.outcome != LS_DROPPED_BY_FILTER) == urls[i].kept,
                          "round %d, %s", round, urls[i].url);
        }
    ls_matcher_free(m);
    ls_request_free(r);
}
END_TEST

START_TEST(company_link_slug_rules)
{
    ls_request *r = compile_ok("{'company_link': 'https://www.linkedin.com/company/Acme-Corp/'}");
    KEEP(r, "{'company_url': 'http://linkedin.com/company/acme-corp'}");
    KEEP(r, "{'company_url': '  https://uk.linkedin.com/company/ACME-CORP/  '}");
    KEEP(r, "{'company_url': 'linkedin.com/pub/acme-corp'}");
    /* extra path, a query, a sales URL: no slug, and no fallback to jobs[] */
    static const char *const noslug[] = {
        "https://www.linkedin.com/company/acme-corp/about",
        "https://www.linkedin.com/company/acme-corp?trk=x",
        "https://www.linkedin.com/sales/company/123", "https://acme.com/company/acme-corp"};
    char lead[512];
    for (size_t i = 0; i < sizeof noslug / sizeof *noslug; i++) {
        snprintf(lead, sizeof lead,
                 "{'company_id': 1, 'company_url': '%s', 'jobs': [{'company_id': 1, "
                 "'company_url': 'linkedin.com/company/acme-corp'}]}",
                 noslug[i]);
        DROP(r, lead, "company_link");
    }
    /* blank company_url: the first current job at the lead's company decides */
    KEEP(r, "{'company_id': 1, 'company_url': ' ', 'jobs': ["
            "{'company_id': 2, 'company_url': 'linkedin.com/company/other'},"
            "{'company_id': 1, 'company_url': 'linkedin.com/company/old', 'job_ended_on': '2020'},"
            "{'company_id': 1, 'company_url': ''},"
            "{'company_id': '1', 'company_url': 'linkedin.com/company/acme-corp'},"
            "{'company_id': 1, 'company_url': 'linkedin.com/company/later'}]}");
    DROP(r, "{'company_id': 1, 'jobs': ["
            "{'company_id': 1, 'company_url': 'linkedin.com/company/first'},"
            "{'company_id': 1, 'company_url': 'linkedin.com/company/acme-corp'}]}",
         "company_link");
    DROP(r, "{'jobs': [{'company_id': 1, 'company_url': 'linkedin.com/company/acme-corp'}]}",
         "company_link");
    DROP(r, "{'linkedin_company_id': 'acme-corp'}", "company_link");
    ls_request_free(r);

    /* no percent-decoding; case-insensitive */
    r = compile_ok("{'company_link': 'linkedin.com/company/caf%C3%A9'}");
    KEEP(r, "{'company_url': 'linkedin.com/company/caf%c3%a9'}");
    DROP(r, "{'company_url': 'linkedin.com/company/caf\\u00e9'}", "company_link");
    ls_request_free(r);

    /* /pub/<digits> is a slug */
    r = compile_ok("{'company_link': 'linkedin.com/pub/12345'}");
    KEEP(r, "{'company_url': 'https://www.linkedin.com/pub/12345/'}");
    DROP(r, "{'linkedin_company_id': 12345}", "company_link");
    ls_request_free(r);
}
END_TEST

START_TEST(company_link_numeric_ids)
{
    static const char *const links[] = {"linkedin.com/company/1234",
                                        "https://www.linkedin.com/sales/company/1234/",
                                        " HTTP://LinkedIn.com/Company/1234 "};
    for (size_t i = 0; i < 3; i++) {
        char req[128];
        snprintf(req, sizeof req, "{'company_link': '%s'}", links[i]);
        ls_request *r = compile_ok(req);
        KEEP(r, "{'linkedin_company_id': 1234}");
        KEEP(r, "{'company_id': '1234'}");
        DROP(r, "{'company_url': 'linkedin.com/company/1234'}", "company_link");
        DROP(r, "{'linkedin_company_id': '01234'}", "company_link");
        ls_request_free(r);
    }
}
END_TEST

START_TEST(company_name_by_norm)
{
    ls_request *r = compile_ok("{'company_name': 'Acme, Inc.'}");
    KEEP(r, "{'company_name': 'ACME Inc'}");
    KEEP(r, "{'company_name': 'acme-inc'}");
    DROP(r, "{'company_name': 'Acme'}", "company_name");
    DROP(r, "{'company_name': 5}", "company_name");
    DROP(r, "{}", "company_name");
    ls_request_free(r);
}
END_TEST

START_TEST(several_identifiers_all_applied_with_filter_link)
{
    ls_request *r = compile_ok("{'linkedin_filter_link': 'https://www.linkedin.com/sales/x',"
                               " 'company_id': 5, 'company_name': 'Acme'}");
    KEEP(r, "{'company_id': 5, 'company_name': 'ACME'}");
    DROP(r, "{'company_id': 6, 'company_name': 'ACME'}", "company_id");
    DROP(r, "{'company_id': 5, 'company_name': 'Other'}", "company_name");
    ls_request_free(r);

    /* linkedin_filter_link alone: no identifier needed */
    r = compile_ok("{'linkedin_filter_link': 'x'}");
    KEEP(r, "{}");
    ls_request_free(r);
}
END_TEST

START_TEST(first_dropping_filter_in_fixed_order)
{
    ls_request *r = compile_ok("{'company_name': 'Acme', 'locations': ['France'],"
                               " 'exclude_ids': ['s1'], 'lead_industries': ['Retail']}");
    DROP(r, "{'sales_id': 's1', 'location': 'Spain', 'industry': 'x'}", "exclude_ids");
    DROP(r, "{'sales_id': 's2', 'location': 'Spain', 'industry': 'x'}", "locations");
    DROP(r, "{'location': 'France', 'industry': 'x', 'company_name': 'x'}", "lead_industries");
    DROP(r, "{'location': 'France', 'industry': 'retail'}", "company_name");
    KEEP(r, "{'location': 'France', 'industry': 'retail', 'company_name': 'ACME'}");
    ck_assert_int_eq(ls_request_has_filter(r, LS_FILTER_EXCLUDE_IDS), 1);
    ck_assert_int_eq(ls_request_has_filter(r, LS_FILTER_EXCLUDE_NAMES), 0);
    ck_assert_int_eq(ls_request_has_filter(r, LS_FILTER_COMPANY_NAME), 1);
    ck_assert_int_eq(ls_request_has_filter(r, 99), 0);
    ls_request_free(r);
}
END_TEST

START_TEST(filters_apply_before_personas)
{
    ls_request *r = compile_ok("{'company_id': 1, 'personas': [['S', ['sales'], [], []]]}");
    ls_verdict v = lead_verdict(r, "{'company_id': 2, 'job_title': 'Sales'}");
    ck_assert_int_eq(v.outcome, LS_DROPPED_BY_FILTER);
    ck_assert_int_eq(v.persona, -1);
    ck_assert_int_eq(ls_filter_index(v.filter), 10);
    v = lead_verdict(r, "{'company_id': 1, 'job_title': 'Sales'}");
    ck_assert_int_eq(v.outcome, LS_MATCHED);
    ck_assert_int_eq(v.persona, 0);
    ls_request_free(r);
}
END_TEST

START_TEST(bad_lead_text_is_malformed_with_offset)
{
    ls_request *r = compile_ok("{'without_company': true}");
    ls_matcher *m = NULL;
    ls_matcher_new(r, &m);
    ls_verdict v;
    /* the text, where it goes wrong, and what the message says */
    static const struct {
        const char *text;
        size_t offset;
        const char *message;
    } bad[] = {{"[1]", 0, "not a JSON object"},
               {"{", 1, "end of input"},
               {"{} {}", 3, "text after the lead object"},
               {"nope", 0, ""},
               {"", 0, "end of input"},
               {"\"x\"", 0, "not a JSON object"},
               {"  {\"a\": tru}", 8, ""}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ck_assert_int_eq(ls_match_lead(m, bad[i].text, strlen(bad[i].text), &v), LS_E_MALFORMED);
        size_t off = 99;
        const char *msg = ls_matcher_error(m, &off);
        ck_assert_msg(off == bad[i].offset, "%s: offset %zu", bad[i].text, off);
        ck_assert_msg(strstr(msg, bad[i].message) != NULL && msg[0] != '\0', "%s: %s",
                      bad[i].text, msg);
    }
    ck_assert_int_eq(ls_match_lead(m, " {} \n", 5, &v), LS_OK);
    ck_assert_str_eq(ls_matcher_error(m, NULL), "");
    ck_assert_int_eq(ls_match_lead(m, NULL, 0, &v), LS_E_USAGE);
    ls_matcher_free(m);
    ls_request_free(r);
}
END_TEST

/* ---- v1 leads (addendum §1): a missing by_icp field reads its v1 counterpart ---- */

#define V1_MS "'company': {'id': 1035, 'name': 'Microsoft', 'domain': 'microsoft.com', " \
              "'linkedin_url': 'https://www.linkedin.com/company/microsoft/', " \
              "'industry': 'Software Development', 'headcount': 150}"

START_TEST(v1_company_link_from_company_linkedin_url)
{
    /* the reported case: two v1 leads of the right company and place, with
     * company_link set, were dropped because they have no company_url */
    ls_request *r = compile_ok("{'company_link': 'https://www.linkedin.com/company/microsoft', "
                               "'locations': ['San Francisco, CA']}");
    KEEP(r, "{'lead_id': 'ACwAA1', 'first_name': 'Jordan', 'last_name': 'Ellis', "
            "'title': 'CEO', 'location': 'San Francisco, CA', " V1_MS "}");
    KEEP(r, "{'lead_id': 'ACwAA2', 'title': 'VP Sales', 'location': 'San Francisco, CA', "
            "'company': {'linkedin_url': 'linkedin.com/company/MICROSOFT'}}");
    DROP(r, "{'lead_id': 'ACwAA3', 'location': 'San Francisco, CA', "
            "'company': {'linkedin_url': 'https://www.linkedin.com/company/apple/'}}",
         "company_link");
    DROP(r, "{'location': 'San Francisco, CA', 'company': {'name': 'Microsoft'}}",
         "company_link");
    /* the by_icp field, when there, wins */
    DROP(r, "{'location': 'San Francisco, CA', "
            "'company_url': 'https://www.linkedin.com/company/apple/', " V1_MS "}",
         "company_link");
    KEEP(r, "{'location': 'San Francisco, CA', 'company_url': '  ', " V1_MS "}");
    KEEP(r, "{'location': 'San Francisco, CA', 'company_url': null, " V1_MS "}");
    ls_request_free(r);
    /* a numeric link compares company.id */
    r = compile_ok("{'company_link': 'https://www.linkedin.com/company/1035'}");
    KEEP(r, "{" V1_MS "}");
    DROP(r, "{'company_id': '7', " V1_MS "}", "company_link");
    ls_request_free(r);
}
END_TEST

START_TEST(v1_company_link_from_work_history)
{
    ls_request *r = compile_ok("{'company_link': 'https://www.linkedin.com/company/acme'}");
    /* no company_url anywhere: the current work_history[] entry at the
     * lead's company (company.id) decides, as jobs[] would */
    KEEP(r, "{'company': {'id': 5}, 'work_history': ["
            "{'company_id': 5, 'company_url': 'linkedin.com/company/old', 'job_ended_on': '2020'},"
            "{'company_id': 5, 'company_url': 'linkedin.com/company/acme'}]}");
    KEEP(r, "{'company': {'id': 5}, 'jobs': [], 'work_history': ["
            "{'company_id': 5, 'company_url': 'linkedin.com/company/acme'}]}");
    KEEP(r, "{'company': {'id': 5}, 'jobs': null, 'work_history': ["
            "{'company_id': 5, 'company_url': 'linkedin.com/company/acme'}]}");
    /* jobs[] present wins over work_history[] */
    DROP(r, "{'company': {'id': 5}, 'jobs': [{'company_id': 5, 'company_url': "
            "'linkedin.com/company/other'}], 'work_history': ["
            "{'company_id': 5, 'company_url': 'linkedin.com/company/acme'}]}",
         "company_link");
    ls_request_free(r);
}
END_TEST

START_TEST(v1_company_name_id_headcount)
{
    ls_request *r = compile_ok("{'company_name': 'MICROSOFT'}");
    KEEP(r, "{" V1_MS "}");
    DROP(r, "{'company': {'name': 'Apple'}}", "company_name");
    DROP(r, "{'company_name': 'Apple', " V1_MS "}", "company_name"); /* by_icp wins */
    KEEP(r, "{'company_name': '', " V1_MS "}");
    DROP(r, "{'company': 'Microsoft'}", "company_name"); /* not an object */
    ls_request_free(r);

    r = compile_ok("{'company_id': '1035'}");
    KEEP(r, "{" V1_MS "}");
    KEEP(r, "{'company': {'id': '1035'}}");
    DROP(r, "{'company': {'id': 10350}}", "company_id");
    DROP(r, "{'company_id': '7', 'linkedin_company_id': null, " V1_MS "}", "company_id");
    KEEP(r, "{'company_id': '7', 'linkedin_company_id': 1035}");
    ls_request_free(r);

    r = compile_ok(WC "'company_headcounts': ['51-200']}");
    KEEP(r, "{" V1_MS "}"); /* 150 employees: 51-200 */
    KEEP(r, "{'company': {'headcount': '150'}}");
    KEEP(r, "{'company': {'headcount_range': '51-200', 'headcount': 5000}}");
    KEEP(r, "{'company_headcount_range': null, 'company': {'headcount': 51}}");
    DROP(r, "{'company': {'headcount': 201}}", "company_headcounts");
    DROP(r, "{'company_headcount_range': '11-50', " V1_MS "}", "company_headcounts");
    DROP(r, "{'company': {}}", "company_headcounts");
    ls_request_free(r);

    r = compile_ok(WC "'company_locations': ['Washington, United States']}");
    KEEP(r, "{'company': {'location': 'Redmond, Washington, United States'}}");
    KEEP(r, "{'company': {'headquarters': 'Redmond, Washington, United States'}}");
    DROP(r, "{'company': {'location': 'Paris, France', "
            "'headquarters': 'Redmond, Washington, United States'}}",
         "company_locations");
    DROP(r, "{'company_location': 'Paris, France', "
            "'company': {'location': 'Redmond, Washington, United States'}}",
         "company_locations");
    ls_request_free(r);
}
END_TEST

START_TEST(v1_ids_names_and_empty_vars)
{
    ls_request *r = compile_ok(WC "'exclude_ids': ['ACwAA1', '42']}");
    DROP(r, "{'lead_id': 'ACwAA1'}", "exclude_ids");
    DROP(r, "{'id': '42'}", "exclude_ids");
    DROP(r, "{'sales_id': ' ', 'lead_id': 'ACwAA1'}", "exclude_ids");
    KEEP(r, "{'sales_id': 'other', 'lead_id': 'ACwAA1'}"); /* sales_id wins */
    KEEP(r, "{'lead_id': 'x', 'id': '42'}");               /* lead_id before id */
    ls_request_free(r);

    r = compile_ok(WC "'exclude_names': ['Jordan Ellis', 'Ana']}");
    DROP(r, "{'first_name': 'Jordan', 'last_name': 'Ellis'}", "exclude_names");
    DROP(r, "{'first_name': 'J\\u00f6rdan ', 'last_name': ' ELLIS'}", "exclude_names");
    DROP(r, "{'first_name': 'Ana'}", "exclude_names");
    DROP(r, "{'last_name': 'Ana', 'first_name': null}", "exclude_names");
    KEEP(r, "{'full_name': 'Someone', 'first_name': 'Jordan', 'last_name': 'Ellis'}");
    KEEP(r, "{'first_name': 'Jordan'}");
    ls_request_free(r);

    r = compile_ok(WC "'filter_empty_vars': ['company_website']}");
    KEEP(r, "{" V1_MS "}");
    KEEP(r, "{'company_website': '', 'company': {'domain': 'microsoft.com'}}");
    DROP(r, "{'company': {'domain': ' '}}", "filter_empty_vars");
    DROP(r, "{'company': {'name': 'Microsoft'}}", "filter_empty_vars");
    DROP(r, "{'company_website': false, " V1_MS "}", "filter_empty_vars"); /* not blank: read */
    ls_request_free(r);

    r = compile_ok(WC "'past_company_names': ['Initech']}");
    KEEP(r, "{'work_history': [{'company_name': 'Initech', 'job_still_working': false}]}");
    DROP(r, "{'jobs': [{'company_name': 'Other', 'job_still_working': false}], "
            "'work_history': [{'company_name': 'Initech', 'job_still_working': false}]}",
         "past_company_names");
    ls_request_free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("matcher_filters");
    TCase *tc = tcase_create("filters");
    tcase_add_test(tc, exclude_names_by_name_key);
    tcase_add_test(tc, exclude_ids_exact);
    tcase_add_test(tc, filter_empty_vars_values);
    tcase_add_test(tc, locations_match_trailing_parts);
    tcase_add_test(tc, company_locations_same_rule);
    tcase_add_test(tc, company_headcounts_with_aliases);
    tcase_add_test(tc, company_headcounts_linkedin_forms_and_counts);
    tcase_add_test(tc, lead_industries_ascii_case_insensitive);
    tcase_add_test(tc, past_company_names_only_past_jobs);
    tcase_add_test(tc, years_in_position_bucket_edges);
    tcase_add_test(tc, date_formats);
    tcase_add_test(tc, years_in_company_uses_current_jobs_at_the_company);
    tcase_add_test(tc, company_id_compared_as_text);
    tcase_add_test(tc, company_link_slug_rules);
    tcase_add_test(tc, company_link_decisions_repeat_exactly);
    tcase_add_test(tc, company_link_numeric_ids);
    tcase_add_test(tc, company_name_by_norm);
    tcase_add_test(tc, several_identifiers_all_applied_with_filter_link);
    tcase_add_test(tc, first_dropping_filter_in_fixed_order);
    tcase_add_test(tc, filters_apply_before_personas);
    tcase_add_test(tc, bad_lead_text_is_malformed_with_offset);
    tcase_add_test(tc, v1_company_link_from_company_linkedin_url);
    tcase_add_test(tc, v1_company_link_from_work_history);
    tcase_add_test(tc, v1_company_name_id_headcount);
    tcase_add_test(tc, v1_ids_names_and_empty_vars);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
