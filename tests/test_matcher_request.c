/* Request validation and compiled-request accessors: contract §3, §4, §6. */
#include "matcher_testutil.h"

START_TEST(not_an_object_or_not_json)
{
    static const char *const bad[] = {"[1]", "'x'", "5", "null", "nope", "{'a': ", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ls_problems *p = compile_err(bad[i]);
        ASSERT_KEYS(p, "");
        ls_problems_free(p);
    }
}
END_TEST

/* A request written by hand: where the JSON breaks, and the likely mistake. */
START_TEST(syntax_errors_say_where_and_why)
{
    static const struct {
        const char *text, *hint;
    } cases[] = {
        {"{\"personas\": [],\n \"limit_by\": 5,\n}",
         "the request is not valid JSON: trailing comma before '}' at line 3, column 1 (byte 33): "
         "JSON allows none, remove it"},
        {"{\"personas\": [[\"A\", [\"sales\"], [], [],]]}",
         "the request is not valid JSON: expected a value at line 1, column 39 (byte 38); a comma "
         "before a closing bracket: JSON allows none, remove it"},
        {"{\"limit_by\": 5\n \"without_company\": true}",
         "the request is not valid JSON: expected ',' or '}' after an object member at line 2, "
         "column 2 (byte 16); a comma may be missing before it"},
        {"{'limit_by': 5}",
         "the request is not valid JSON: expected a string key at line 1, column 2 (byte 1); "
         "strings and keys take double quotes in JSON"},
        {"{\"personas\": [[\"A\"",
         "the request is not valid JSON: unexpected end of input at line 1, column 19 (byte 18); "
         "the text ends before the request does: a bracket or a quote left open?"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ls_request *req = NULL;
        ls_problems *p = NULL;
        ck_assert_int_eq(ls_request_compile(cases[i].text, strlen(cases[i].text), NULL, &req, &p),
                         LS_E_INVALID_REQUEST);
        ASSERT_KEYS(p, "");
        ck_assert_str_eq(hint_of(p, ""), cases[i].hint);
        ls_problems_free(p);
    }
}
END_TEST

/* Thousands of personas: a repeated name is named with its first use, and
 * ranks follow (priority, declaration order) exactly. */
START_TEST(many_personas)
{
    enum { N = 3000 };
    size_t cap = (size_t)N * 64 + 128;
    char *json = malloc(cap);
    ck_assert_ptr_nonnull(json);
    size_t len = (size_t)snprintf(json, cap, "{\"without_company\": true, \"personas\": [");
    for (int i = 0; i < N; i++)
        len += (size_t)snprintf(json + len, cap - len, "%s[\"P%d\", [\"s%d\"], [], [], %d]",
                                i ? ", " : "", i == N - 1 ? 1234 : i, i, (i * 7919) % 13 - 6);
    len += (size_t)snprintf(json + len, cap - len, "]}");
    ls_request *req = NULL;
    ls_problems *p = NULL;
    ck_assert_int_eq(ls_request_compile(json, len, NULL, &req, &p), LS_E_INVALID_REQUEST);
    ASSERT_KEYS(p, "personas[2999][0]");
    ck_assert_ptr_nonnull(strstr(hint_of(p, "personas[2999][0]"), "already used by personas[1234]"));
    ls_problems_free(p);
    /* the same without the repeat: ranks by priority, 13 distinct values */
    char *last = strstr(json, "\"P1234\", [\"s2999\"]");
    ck_assert_ptr_nonnull(last);
    memcpy(last, "\"Q1234\"", 7);
    ck_assert_int_eq(ls_request_compile(json, len, NULL, &req, &p), LS_OK);
    ls_problems_free(p);
    for (int i = 0; i < N; i++) {
        int prio = (i * 7919) % 13 - 6;
        ck_assert_uint_eq(ls_request_persona_rank(req, (size_t)i), (size_t)(prio + 6));
    }
    ls_request_free(req);
    free(json);
}
END_TEST

START_TEST(persona_shape)
{
    ls_problems *p = compile_err("{'without_company': true, 'personas': [['A', [], []],"
                                 " ['B', [], [], [], 1, 'x'], ['C', [], [], [], 1, 2, 3], []]}");
    ASSERT_KEYS(p, "personas[0]", "personas[1][5]", "personas[2][5]", "personas[3]");
    ck_assert_ptr_nonnull(strstr(hint_of(p, "personas[0]"), "3 elements"));
    ls_problems_free(p);

    p = compile_err("{'without_company': true, 'personas': ['A', {'a': 1}]}");
    ASSERT_KEYS(p, "personas[0]", "personas[1]");
    ls_problems_free(p);

    p = compile_err("{'without_company': true, 'personas': {'A': []}}");
    ASSERT_KEYS(p, "personas");
    ls_problems_free(p);
}
END_TEST

START_TEST(persona_names)
{
    ls_problems *p = compile_err("{'without_company': true, 'personas': [['A', [], [], []],"
                                 " ['B', [], [], []], ['A', [], [], []], ['', [], [], []],"
                                 " [7, [], [], []], ['a', [], [], []]]}");
    /* the later duplicate is reported; names are exact strings ('a' is new) */
    ASSERT_KEYS(p, "personas[2][0]", "personas[3][0]", "personas[4][0]");
    ck_assert_ptr_nonnull(strstr(hint_of(p, "personas[2][0]"), "personas[0]"));
    ls_problems_free(p);
}
END_TEST

/* A NUL inside a name: "A\u0000B" and "A\u0000C" are different strings, but
 * each would be written, printed and matched as a label as "A".  Each name
 * with a NUL is the error (not a duplicate of the other); others are fine. */
START_TEST(persona_name_with_nul)
{
    static const char hint[] = "the persona name contains a NUL character (U+0000); remove it";
    ls_problems *p = compile_err("{'without_company': true, 'personas': ["
                                 "['A\\u0000B', ['sales'], [], []], ['A\\u0000C', ['sales'], [], []],"
                                 " ['\\u0000', [], [], []], ['A', [], [], []], ['A\\u0000B', [], [], []]]}");
    ASSERT_KEYS(p, "personas[0][0]", "personas[1][0]", "personas[2][0]", "personas[4][0]");
    ck_assert_str_eq(hint_of(p, "personas[0][0]"), hint);
    ck_assert_str_eq(hint_of(p, "personas[1][0]"), hint);
    ck_assert_str_eq(hint_of(p, "personas[2][0]"), hint);
    ck_assert_str_eq(hint_of(p, "personas[4][0]"), hint);
    ls_problems_free(p);
    /* the escape elsewhere is no error: a keyword with a NUL separates words */
    ls_request *req = compile_ok("{'without_company': true, 'personas': "
                                 "[['A', ['sales\\u0000manager'], [], []]]}");
    ck_assert_str_eq(ls_request_persona_name(req, 0), "A");
    ls_request_free(req);
}
END_TEST

START_TEST(persona_element_types)
{
    ls_problems *p = compile_err(
        "{'without_company': true, 'personas': [['A', 'sales', [1, 'x'], [null]],"
        " ['B', [], [], [], true], ['C', [], [], [], 1.0], ['D', [], [], [], '1'],"
        " ['E', [], [], [], null], ['F', [], [], [], 1e2], ['G', [], [], {}]]}");
    ASSERT_KEYS(p, "personas[0][1]", "personas[0][2][0]", "personas[0][3][0]", "personas[1][4]",
                "personas[2][4]", "personas[3][4]", "personas[4][4]", "personas[5][4]",
                "personas[6][3]");
    ls_problems_free(p);
}
END_TEST

START_TEST(keywords_empty_after_normalization)
{
    ls_problems *p = compile_err("{'without_company': true, 'personas': [['A', ['---', 'ok'],"
                                 " ['senior', 'of'], ['&', ' in at ']]]}");
    ASSERT_KEYS(p, "personas[0][1][0]", "personas[0][2][1]", "personas[0][3][0]",
                "personas[0][3][1]");
    ck_assert_str_eq(hint_of(p, "personas[0][2][1]"),
                     "seniority \"of\" is empty after normalization; remove it");
    ls_problems_free(p);
}
END_TEST

START_TEST(company_identifiers)
{
    ls_problems *p = compile_err("{}");
    ASSERT_KEYS(p, "company_id");
    ls_problems_free(p);

    /* null counts as absent */
    p = compile_err("{'company_id': null, 'without_company': false}");
    ASSERT_KEYS(p, "company_id");
    ls_problems_free(p);

    p = compile_err("{'company_id': 1, 'company_name': 'Acme',"
                    " 'company_link': 'linkedin.com/company/acme'}");
    ASSERT_KEYS(p, "company_id", "company_name", "company_link");
    ls_problems_free(p);

    p = compile_err("{'without_company': true, 'company_name': 'Acme'}");
    ASSERT_KEYS(p, "company_name");
    ls_problems_free(p);

    p = compile_err("{'without_company': true, 'company_id': '5', 'company_link': 'x'}");
    ASSERT_KEYS(p, "company_id", "company_link");
    ls_problems_free(p);
}
END_TEST

START_TEST(company_id_values)
{
    static const char *const bad[] = {"-1", "1.0", "'12a'", "''", "' 12'", "true", "[1]", "'-1'",
                                      "1e3"};
    static const char *const good[] = {"0", "21828", "'021828'", "123456789012345678901234567890",
                                       "-0"};
    char req[96];
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(req, sizeof req, "{'company_id': %s}", bad[i]);
        ls_problems *p = compile_err(req);
        ASSERT_KEYS(p, "company_id");
        ls_problems_free(p);
    }
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        snprintf(req, sizeof req, "{'company_id': %s}", good[i]);
        ls_request_free(compile_ok(req));
    }
}
END_TEST

START_TEST(company_link_forms)
{
    static const char *const good[] = {
        "linkedin.com/company/acme",
        "https://www.linkedin.com/company/acme/",
        "http://de.linkedin.com/company/12345",
        "  https://linkedin.com/sales/company/12345/  ",
        "linkedin.com/pub/acme",
        "HTTPS://WWW.LINKEDIN.COM/PUB-PROFILE/Acme",
        "linkedin.com/company/caf%C3%A9"};
    static const char *const bad[] = {
        "https://www.linkedin.com/company/acme/about",
        "https://www.linkedin.com/company/acme?trk=1",
        "https://www.linkedin.com/company/acme#x",
        "linkedin.com/sales/company/acme",
        "ftp://linkedin.com/company/acme",
        "https://abc.linkedin.com/company/acme",
        "https://www.linkedin.com/company/",
        "https://www.linkedin.com/company/acme//",
        "https://www.linkedin.com/in/someone",
        "https://acme.com",
        "linkedin.com/company/ac me",
        ""};
    char req[160];
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        snprintf(req, sizeof req, "{'company_link': '%s'}", good[i]);
        ls_request_free(compile_ok(req));
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(req, sizeof req, "{'company_link': '%s'}", bad[i]);
        ls_problems *p = compile_err(req);
        ASSERT_KEYS(p, "company_link");
        /* the hint lists every accepted form */
        const char *h = hint_of(p, "company_link");
        ck_assert_ptr_nonnull(strstr(h, "linkedin.com/company/<slug-or-id>"));
        ck_assert_ptr_nonnull(strstr(h, "linkedin.com/sales/company/<id>"));
        ck_assert_ptr_nonnull(strstr(h, "linkedin.com/pub/<slug>"));
        ck_assert_ptr_nonnull(strstr(h, "linkedin.com/pub-profile/<slug>"));
        ls_problems_free(p);
    }
    ls_problems *p = compile_err("{'company_link': 42}");
    ASSERT_KEYS(p, "company_link");
    ls_problems_free(p);
}
END_TEST

START_TEST(company_name_values)
{
    ls_problems *p = compile_err("{'company_name': '&&'}");
    ASSERT_KEYS(p, "company_name");
    ls_problems_free(p);
    p = compile_err("{'company_name': 5}");
    ASSERT_KEYS(p, "company_name");
    ls_problems_free(p);
}
END_TEST

START_TEST(limit_by_bounds)
{
    static const struct {
        const char *req;
        long limit; /* -2: invalid */
    } cases[] = {
        {"{'company_id': 1, 'limit_by': 1}", 1},
        {"{'company_id': 1, 'limit_by': 2500}", 2500},
        {"{'company_id': 1, 'limit_by': 2501}", -2},
        {"{'company_id': 1, 'limit_by': 0}", -2},
        {"{'company_id': 1, 'limit_by': -5}", -2},
        {"{'company_id': 1, 'limit_by': true}", -2},
        {"{'company_id': 1, 'limit_by': 1.0}", -2},
        {"{'company_id': 1, 'limit_by': 1e3}", -2},
        {"{'company_id': 1, 'limit_by': '10'}", -2},
        {"{'company_id': 1, 'limit_by': 99999999999999999999999}", -2},
        {"{'company_id': 1, 'limit_by': null}", -1},
        {"{'company_id': 1}", -1},
        {"{'without_company': true, 'limit_by': 2400}", 2400},
        {"{'without_company': true, 'limit_by': 2401}", -2},
        {"{'without_company': false, 'company_id': 1, 'limit_by': 2401}", 2401},
        {"{'linkedin_filter_link': 'x', 'limit_by': 2400}", 2400},
        {"{'linkedin_filter_link': 'x', 'limit_by': 2500}", -2},
        {"{'linkedin_filter_link': null, 'company_id': 1, 'limit_by': 2500}", 2500},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (cases[i].limit == -2) {
            ls_problems *p = compile_err(cases[i].req);
            ASSERT_KEYS(p, "limit_by");
            ls_problems_free(p);
        } else {
            ls_request *r = compile_ok(cases[i].req);
            ck_assert_int_eq(ls_request_limit(r), cases[i].limit);
            ls_request_free(r);
        }
    }
    ls_problems *p = compile_err("{'without_company': true, 'limit_by': 2401}");
    ck_assert_ptr_nonnull(strstr(hint_of(p, "limit_by"), "2400"));
    ls_problems_free(p);
}
END_TEST

START_TEST(enumerated_lists)
{
    ls_problems *p = compile_err("{'company_id': 1, 'filter_empty_vars': ['job_started_on',"
                                 " 'photo', 3, 'company_website'],"
                                 " 'company_headcounts': ['10 000+', '10,001+', '1-10', '2-10']}");
    ASSERT_KEYS(p, "filter_empty_vars[1]", "filter_empty_vars[2]", "company_headcounts[1]",
                "company_headcounts[3]");
    ck_assert_ptr_nonnull(strstr(hint_of(p, "filter_empty_vars[1]"), "profile_photo"));
    ck_assert_ptr_null(strstr(hint_of(p, "filter_empty_vars[1]"), "did you mean"));
    /* a lead's form of a range names the request's form of it */
    ck_assert_ptr_nonnull(strstr(hint_of(p, "company_headcounts[1]"),
                                 "(did you mean \"10 000+\"?)"));
    ck_assert_ptr_nonnull(strstr(hint_of(p, "company_headcounts[3]"),
                                 "(did you mean \"1-10\"?)"));
    ls_problems_free(p);

    p = compile_err("{'company_id': 1, 'filter_empty_vars': ['profile_foto'],"
                    " 'company_headcounts': ['501-1,000', 250, '11 - 50', 'x', 0]}");
    ASSERT_KEYS(p, "filter_empty_vars[0]", "company_headcounts[0]", "company_headcounts[1]",
                "company_headcounts[2]", "company_headcounts[3]", "company_headcounts[4]");
    ck_assert_ptr_nonnull(strstr(hint_of(p, "filter_empty_vars[0]"),
                                 "(did you mean \"profile_photo\"?)"));
    ck_assert_ptr_nonnull(strstr(hint_of(p, "company_headcounts[0]"),
                                 "(did you mean \"501-1000\"?)"));
    ck_assert_ptr_nonnull(strstr(hint_of(p, "company_headcounts[1]"),
                                 "must be a string (did you mean \"201-500\"?)"));
    ck_assert_ptr_nonnull(strstr(hint_of(p, "company_headcounts[2]"),
                                 "(did you mean \"11-50\"?)"));
    ck_assert_ptr_null(strstr(hint_of(p, "company_headcounts[3]"), "did you mean"));
    ck_assert_ptr_null(strstr(hint_of(p, "company_headcounts[4]"), "did you mean"));
    ls_problems_free(p);

    p = compile_err("{'company_id': 1, 'filter_empty_vars': 'profile_photo',"
                    " 'company_headcounts': {}}");
    ASSERT_KEYS(p, "filter_empty_vars", "company_headcounts");
    ls_problems_free(p);
}
END_TEST

START_TEST(years_ids)
{
    ls_problems *p = compile_err("{'company_id': 1, 'years_in_position': [0, 1, 5, 6, '2', 2.0,"
                                 " true], 'years_in_company': 3}");
    ASSERT_KEYS(p, "years_in_position[0]", "years_in_position[3]", "years_in_position[4]",
                "years_in_position[5]", "years_in_position[6]", "years_in_company");
    ls_problems_free(p);
}
END_TEST

START_TEST(string_lists_booleans_and_ids)
{
    ls_problems *p = compile_err(
        "{'company_id': 1, 'exclude_names': ['a', 1], 'exclude_ids': 'x',"
        " 'locations': [null], 'company_locations': [[]], 'lead_industries': [{}],"
        " 'past_company_names': [true], 'company_types': [2], 'groups': [1, '2', 1.5],"
        " 'schools': 'x', 'without_company': 'no', 'changed_jobs': 1,"
        " 'posted_on_linkedin': 'true', 'mentioned_in_news': null,"
        " 'linkedin_filter_link': 5}");
    ASSERT_KEYS(p, "exclude_names[1]", "exclude_ids", "locations[0]", "company_locations[0]",
                "lead_industries[0]", "past_company_names[0]", "company_types[0]", "groups[1]",
                "groups[2]", "schools", "without_company", "changed_jobs", "posted_on_linkedin",
                "linkedin_filter_link");
    ls_problems_free(p);
}
END_TEST

START_TEST(every_problem_at_once)
{
    ls_problems *p = compile_err(
        "{'personas': [['A'], ['A', [], [], []], ['B', [1], ['of'], [], 1.5, 0]],"
        " 'limit_by': 0, 'company_id': 'x', 'company_name': '',"
        " 'filter_empty_vars': ['bad'], 'years_in_position': [9]}");
    ASSERT_KEYS(p, "personas[0]", "personas[1][0]", "personas[2][1][0]", "personas[2][2][0]",
                "personas[2][4]", "personas[2][5]", "limit_by", "filter_empty_vars[0]",
                "years_in_position[0]", "company_id", "company_name");
    /* two hints on one path are joined */
    ck_assert_ptr_nonnull(strstr(hint_of(p, "company_id"), "; "));
    ls_problems_free(p);
}
END_TEST

START_TEST(warnings_unknown_and_not_evaluated)
{
    ls_request *r = compile_ok("{'company_id': 1, 'group': [1], 'foo': null,"
                               " 'company_types': [], 'changed_jobs': false,"
                               " 'schools': null, 'groups': [3], 'linkedin_filter_link': 'u',"
                               " 'posted_on_linkedin': true, 'mentioned_in_news': false}");
    const ls_problems *w = ls_request_warnings(r);
    ck_assert_ptr_nonnull(hint_of(w, "group"));
    ck_assert_ptr_nonnull(hint_of(w, "foo"));
    ck_assert_ptr_nonnull(hint_of(w, "company_types"));
    ck_assert_ptr_null(hint_of(w, "schools")); /* null: absent */
    ck_assert_ptr_null(hint_of(w, "company_id"));
    ck_assert_uint_eq(ls_problems_count(w), 8);
    static const char *const ne[] = {"company_types", "changed_jobs", "posted_on_linkedin",
                                     "mentioned_in_news", "groups", "linkedin_filter_link"};
    ck_assert_uint_eq(ls_request_not_evaluated_count(r), 6);
    for (size_t i = 0; i < 6; i++)
        ck_assert_str_eq(ls_request_not_evaluated(r, i), ne[i]);
    ck_assert_ptr_null(ls_request_not_evaluated(r, 6));
    ls_request_free(r);

    r = compile_ok("{'company_id': 1}");
    ck_assert_uint_eq(ls_problems_count(ls_request_warnings(r)), 0);
    ck_assert_uint_eq(ls_request_not_evaluated_count(r), 0);
    ls_request_free(r);

    /* an unknown field close to a known one names it */
    r = compile_ok("{'company_id': 1, 'persona': [], 'limit': 5, 'Company_Name': 'x',"
                   " 'group': [1], 'foo': 1}");
    w = ls_request_warnings(r);
    ck_assert_str_eq(hint_of(w, "persona"),
                     "unknown request field; ignored (did you mean \"personas\"?)");
    ck_assert_str_eq(hint_of(w, "limit"),
                     "unknown request field; ignored (did you mean \"limit_by\"?)");
    ck_assert_str_eq(hint_of(w, "Company_Name"),
                     "unknown request field; ignored (did you mean \"company_name\"?)");
    ck_assert_str_eq(hint_of(w, "group"),
                     "unknown request field; ignored (did you mean \"groups\"?)");
    ck_assert_str_eq(hint_of(w, "foo"), "unknown request field; ignored (check the spelling)");
    ls_request_free(r);
}
END_TEST

START_TEST(compile_arguments)
{
    ls_request *r = (ls_request *)1;
    ls_problems *e = NULL;
    ck_assert_int_eq(ls_request_compile("{}", 2, NULL, NULL, &e), LS_E_USAGE);
    ls_compile_options opt = {LS_MATCH_DOCUMENTED, 2023, 2, 29};
    ck_assert_int_eq(ls_request_compile("{\"company_id\": 1}", 17, &opt, &r, &e), LS_E_USAGE);
    ck_assert_ptr_null(r);
    opt.match_mode = (ls_match_mode)7;
    opt.as_of_day = 28;
    ck_assert_int_eq(ls_request_compile("{\"company_id\": 1}", 17, &opt, &r, &e), LS_E_USAGE);
    /* errors may be NULL: the status still says invalid */
    ck_assert_int_eq(ls_request_compile("{}", 2, NULL, &r, NULL), LS_E_INVALID_REQUEST);
    ck_assert_ptr_null(r);
    /* deep nesting is a problem, not a crash */
    char deep[4096];
    size_t n = 0;
    n += (size_t)snprintf(deep, sizeof deep, "{\"company_id\": 1, \"x\": ");
    for (int i = 0; i < 1000; i++)
        deep[n++] = '[';
    for (int i = 0; i < 1000; i++)
        deep[n++] = ']';
    deep[n++] = '}';
    ck_assert_int_eq(ls_request_compile(deep, n, NULL, &r, &e), LS_E_INVALID_REQUEST);
    ck_assert_ptr_nonnull(hint_of(e, ""));
    ls_problems_free(e);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("matcher_request");
    TCase *tc = tcase_create("request");
    tcase_add_test(tc, not_an_object_or_not_json);
    tcase_add_test(tc, syntax_errors_say_where_and_why);
    tcase_add_test(tc, many_personas);
    tcase_add_test(tc, persona_shape);
    tcase_add_test(tc, persona_names);
    tcase_add_test(tc, persona_name_with_nul);
    tcase_add_test(tc, persona_element_types);
    tcase_add_test(tc, keywords_empty_after_normalization);
    tcase_add_test(tc, company_identifiers);
    tcase_add_test(tc, company_id_values);
    tcase_add_test(tc, company_link_forms);
    tcase_add_test(tc, company_name_values);
    tcase_add_test(tc, limit_by_bounds);
    tcase_add_test(tc, enumerated_lists);
    tcase_add_test(tc, years_ids);
    tcase_add_test(tc, string_lists_booleans_and_ids);
    tcase_add_test(tc, every_problem_at_once);
    tcase_add_test(tc, warnings_unknown_and_not_evaluated);
    tcase_add_test(tc, compile_arguments);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
