/* Persona matching, contract §2: expected values written from the rules. */
#include "matcher_testutil.h"

#define REQ(personas) "{'without_company': true, 'personas': " personas "}"

START_TEST(function_is_a_substring_in_documented_mode)
{
    ls_request *r = compile_ok(REQ("[['S', ['sales'], [], []]]"));
    TITLE_IS(r, "Wholesales Manager", "S"); /* inside a word */
    TITLE_IS(r, "VP, Sales & Marketing", "S");
    TITLE_NONE(r, "Marketing Director");
    ls_request_free(r);

    r = compile_ok(REQ("[['M', ['market'], [], []]]"));
    TITLE_IS(r, "Supermarket manager", "M");
    ls_request_free(r);

    /* a substring may cross a word boundary: "sale[s m]anager" */
    r = compile_ok(REQ("[['X', ['s m'], [], []]]"));
    TITLE_IS(r, "Sales Manager", "X");
    TITLE_NONE(r, "Salesmanager");
    ls_request_free(r);
}
END_TEST

START_TEST(function_keywords_are_normalized_like_titles)
{
    ls_request *r = compile_ok(REQ("[['S', ['Vice President of Sales'], [], []]]"));
    TITLE_IS(r, "VP Sales EMEA", "S");  /* norm: "vp sales emea" */
    TITLE_IS(r, "vice-president, sales", "S");
    TITLE_NONE(r, "VP Marketing and Sales");
    ls_request_free(r);

    r = compile_ok(REQ("[['R', ['R&D'], [], []]]"));
    TITLE_IS(r, "Head of Research & Development", "R");
    ls_request_free(r);
}
END_TEST

START_TEST(words_mode_needs_whole_token_phrases)
{
    ls_request *r = compile_mode(REQ("[['S', ['sales'], [], []], ['X', ['s m'], [], []]]"),
                                 LS_MATCH_WORDS);
    ck_assert_int_eq(ls_request_match_mode(r), LS_MATCH_WORDS);
    TITLE_NONE(r, "Wholesales Manager");
    TITLE_IS(r, "Sales Manager", "S");
    TITLE_IS(r, "Head of Sales", "S");
    ls_request_free(r);

    r = compile_mode(REQ("[['SM', ['sales marketing'], [], []]]"), LS_MATCH_WORDS);
    TITLE_IS(r, "VP, Sales & Marketing", "SM");
    TITLE_NONE(r, "Marketing and Sales");       /* order matters in a phrase */
    TITLE_NONE(r, "Sales Ops and Marketing");   /* contiguous tokens only */
    ls_request_free(r);
}
END_TEST

START_TEST(empty_lists_pass)
{
    ls_request *r = compile_ok(REQ("[['Any', [], [], []]]"));
    TITLE_IS(r, "Anything at all", "Any");
    TITLE_IS(r, "", "Any");
    ls_request_free(r);
}
END_TEST

START_TEST(seniority_is_token_containment)
{
    ls_request *r = compile_ok(REQ("[['SD', [], ['senior director'], []]]"));
    TITLE_IS(r, "Director, Senior Programs", "SD"); /* any order */
    TITLE_IS(r, "Sr. Director", "SD");              /* sr -> senior */
    TITLE_NONE(r, "Senior Manager");
    TITLE_NONE(r, "Seniordirector");
    ls_request_free(r);

    /* entries are OR-combined */
    r = compile_ok(REQ("[['X', [], ['owner', 'founder'], []]]"));
    TITLE_IS(r, "Founder & CEO", "X");
    TITLE_IS(r, "Business Owner", "X");
    TITLE_NONE(r, "Co-founded things");
    ls_request_free(r);
}
END_TEST

START_TEST(seniority_expansion_vp)
{
    ls_request *r = compile_ok(REQ("[['V', [], ['vp'], []]]"));
    TITLE_IS(r, "VP Sales", "V");
    TITLE_IS(r, "SVP Sales", "V");
    TITLE_IS(r, "EVP Operations", "V");
    TITLE_IS(r, "GVP Marketing", "V");
    TITLE_IS(r, "AVP Finance", "V");
    TITLE_IS(r, "Vice President, Finance", "V");
    TITLE_NONE(r, "VPN engineer");
    TITLE_NONE(r, "Director");
    ls_request_free(r);

    /* recognized ASCII-lowercased and trimmed */
    r = compile_ok(REQ("[['V', [], ['  Vp '], []]]"));
    TITLE_IS(r, "SVP Sales", "V");
    ls_request_free(r);

    /* "vp sales" is not an expansion key: both tokens needed */
    r = compile_ok(REQ("[['V', [], ['vp sales'], []]]"));
    TITLE_IS(r, "VP of Sales", "V");
    TITLE_NONE(r, "SVP Sales");
    ls_request_free(r);
}
END_TEST

START_TEST(seniority_expansion_chief_clvl_cxo)
{
    ls_request *r = compile_ok(REQ("[['C', [], ['chief'], []]]"));
    TITLE_IS(r, "Chief of Staff", "C");
    TITLE_IS(r, "CEO", "C"); /* chief executive officer */
    TITLE_IS(r, "CPO", "C"); /* cpo chief officer */
    TITLE_NONE(r, "Officer");
    ls_request_free(r);

    r = compile_ok(REQ("[['C', [], ['C-Lvl'], []]]"));
    TITLE_IS(r, "CTO", "C");        /* chief officer */
    TITLE_IS(r, "C-lvl Exec", "C"); /* c lvl */
    TITLE_IS(r, "c lvl", "C");
    TITLE_NONE(r, "Chief of Staff"); /* no officer */
    TITLE_NONE(r, "Level C");
    ls_request_free(r);

    r = compile_ok(REQ("[['C', [], ['cxo'], []]]"));
    TITLE_IS(r, "CXO", "C");
    TITLE_IS(r, "CFO", "C");
    TITLE_IS(r, "Chief Revenue Officer", "C");
    TITLE_NONE(r, "Chief of Staff");
    ls_request_free(r);
}
END_TEST

START_TEST(seniority_expansion_manager_plus)
{
    ls_request *r = compile_ok(REQ("[['M', [], ['Manager+'], []]]"));
    TITLE_IS(r, "Account Manager", "M");
    TITLE_IS(r, "Director of Sales", "M");
    TITLE_IS(r, "Head of IT", "M");
    TITLE_IS(r, "VP Sales", "M");
    TITLE_IS(r, "SVP Sales", "M");
    TITLE_IS(r, "EVP Sales", "M");
    TITLE_IS(r, "AVP Sales", "M");
    TITLE_IS(r, "CFO", "M");
    TITLE_NONE(r, "GVP Sales"); /* no gvp: as documented */
    TITLE_NONE(r, "Senior Engineer");
    TITLE_NONE(r, "Chief of Staff");
    ls_request_free(r);

    /* without the plus it is a plain entry */
    r = compile_ok(REQ("[['M', [], ['manager'], []]]"));
    TITLE_NONE(r, "Director");
    ls_request_free(r);
}
END_TEST

START_TEST(prohibit_drops_on_any_token)
{
    ls_request *r = compile_ok(REQ("[['S', ['sales'], [], ['account executive']]]"));
    TITLE_NONE(r, "Sales Executive");
    TITLE_NONE(r, "Sales Account Lead");
    TITLE_NONE(r, "AE, Sales"); /* ae -> account executive */
    TITLE_IS(r, "Sales Manager", "S");
    ls_request_free(r);

    r = compile_ok(REQ("[['T', [], ['chief'], ['IT']]]"));
    TITLE_NONE(r, "CIO");                 /* chief information officer */
    TITLE_NONE(r, "Chief Technology Officer");
    TITLE_IS(r, "Chief Revenue Officer", "T");
    ls_request_free(r);

    /* prohibited for one persona only: the next one still gets it */
    r = compile_ok(REQ("[['A', ['sales'], [], ['intern']], ['B', ['sales'], [], []]]"));
    TITLE_IS(r, "Sales Intern", "B");
    TITLE_IS(r, "Sales Lead", "A");
    ls_request_free(r);
}
END_TEST

START_TEST(priority_lowest_wins_ties_by_order)
{
    ls_request *r = compile_ok(REQ("[['A', ['sales'], [], [], 2], ['B', ['sales'], [], [], 1],"
                                   " ['C', ['sales'], [], [], 1], ['D', ['manager'], [], []]]"));
    TITLE_IS(r, "Sales Lead", "B");
    TITLE_IS(r, "Sales Manager", "D"); /* default 0 beats 1 */
    TITLE_IS(r, "Account Manager", "D");
    ck_assert_uint_eq(ls_request_persona_rank(r, 0), 2);
    ck_assert_uint_eq(ls_request_persona_rank(r, 1), 1);
    ck_assert_uint_eq(ls_request_persona_rank(r, 2), 1);
    ck_assert_uint_eq(ls_request_persona_rank(r, 3), 0);
    ck_assert_str_eq(ls_request_persona_priority(r, 0), "2");
    ck_assert_str_eq(ls_request_persona_priority(r, 3), "0");
    ck_assert_str_eq(ls_request_persona_name(r, 2), "C");
    ls_request_free(r);

    /* same priority: declaration order */
    r = compile_ok(REQ("[['First', ['sales'], [], [], 5], ['Second', ['sales'], [], [], 5]]"));
    TITLE_IS(r, "Sales", "First");
    ls_request_free(r);
}
END_TEST

START_TEST(huge_priorities_compare_exactly)
{
    ls_request *r = compile_ok(REQ(
        "[['A', ['sales'], [], [], 100000000000000000000000000001],"
        " ['B', ['sales'], [], [], 100000000000000000000000000000],"
        " ['C', ['manager'], [], [], -100000000000000000000000000000],"
        " ['D', ['manager'], [], [], -99999999999999999999999999999]]"));
    TITLE_IS(r, "Sales Lead", "B");
    TITLE_IS(r, "Sales Manager", "C");
    TITLE_IS(r, "Account Manager", "C");
    ck_assert_uint_eq(ls_request_persona_rank(r, 2), 0);
    ck_assert_uint_eq(ls_request_persona_rank(r, 3), 1);
    ck_assert_uint_eq(ls_request_persona_rank(r, 1), 2);
    ck_assert_uint_eq(ls_request_persona_rank(r, 0), 3);
    ck_assert_str_eq(ls_request_persona_priority(r, 0), "100000000000000000000000000001");
    ls_request_free(r);

    /* -0 is 0: a tie, so declaration order decides */
    r = compile_ok(REQ("[['Z', ['sales'], [], [], -0], ['Y', ['sales'], [], [], 0]]"));
    TITLE_IS(r, "Sales", "Z");
    ck_assert_uint_eq(ls_request_persona_rank(r, 1), 0);
    ls_request_free(r);
}
END_TEST

START_TEST(no_personas_matches_everything)
{
    static const char *const reqs[] = {"{'without_company': true}",
                                       "{'without_company': true, 'personas': null}",
                                       "{'without_company': true, 'personas': []}"};
    for (int i = 0; i < 3; i++) {
        ls_request *r = compile_ok(reqs[i]);
        ck_assert_uint_eq(ls_request_persona_count(r), 0);
        ls_verdict v = lead_verdict(r, "{'job_title': 'Anything'}");
        ck_assert_int_eq(v.outcome, LS_MATCHED);
        ck_assert_int_eq(v.persona, -1);
        v = lead_verdict(r, "{}");
        ck_assert_int_eq(v.outcome, LS_MATCHED);
        ck_assert_int_eq(v.persona, -1);
        ls_request_free(r);
    }
}
END_TEST

START_TEST(title_is_first_non_blank_string)
{
    ls_request *r = compile_ok(REQ("[['S', ['sales'], [], []], ['E', ['engineer'], [], []],"
                                   " ['Empty', [], [], [], 9]]"));
    ls_verdict v = lead_verdict(r, "{'job_title': 'Sales Lead', 'headline': 'Engineer'}");
    ck_assert_int_eq(v.persona, 0);
    v = lead_verdict(r, "{'job_title': '', 'raw_job_title': 'Engineer', 'headline': 'Sales'}");
    ck_assert_int_eq(v.persona, 1);
    v = lead_verdict(r, "{'job_title': ' \\t\\n', 'raw_job_title': null, 'title': 7,"
                        " 'headline': 'Engineer'}");
    ck_assert_int_eq(v.persona, 1);
    v = lead_verdict(r, "{'job_title': ['Sales'], 'title': 'Engineer'}");
    ck_assert_int_eq(v.persona, 1);
    /* escapes are decoded before the blank test */
    v = lead_verdict(r, "{'job_title': '\\u0020', 'title': 'Engineer'}");
    ck_assert_int_eq(v.persona, 1);
    /* no-break spaces are not blank: the title is used and normalizes to "" */
    v = lead_verdict(r, "{'job_title': '\\u00a0\\u00a0', 'headline': 'Sales'}");
    ck_assert_int_eq(v.persona, 2);
    /* no title at all: "" */
    v = lead_verdict(r, "{'full_name': 'Sales Engineer'}");
    ck_assert_int_eq(v.persona, 2);
    ck_assert_int_eq(v.outcome, LS_MATCHED);
    ls_request_free(r);

    r = compile_ok(REQ("[['S', ['sales'], [], []]]"));
    v = lead_verdict(r, "{'job_title': '   '}");
    ck_assert_int_eq(v.outcome, LS_NO_PERSONA);
    ck_assert_int_eq(v.persona, -1);
    ck_assert_ptr_null(v.filter);
    ls_request_free(r);
}
END_TEST

START_TEST(invalid_utf8_flag_comes_from_the_lead)
{
    ls_request *r = compile_ok(REQ("[['S', ['sales'], [], []]]"));
    ls_verdict v = lead_verdict(r, "{'job_title': 'Sales\\ud800 Lead'}");
    ck_assert_int_eq(v.persona, 0);
    ck_assert_uint_eq(v.flags & LS_LEAD_INVALID_UTF8, LS_LEAD_INVALID_UTF8);
    v = lead_verdict(r, "{'job_title': 'Sales Lead'}");
    ck_assert_uint_eq(v.flags, 0);
    ls_request_free(r);
}
END_TEST

START_TEST(trace_records_the_deciding_keywords)
{
    ls_request *r = compile_ok(REQ("[['A', ['ops', 'sales'], ['vp', 'head'], []],"
                                   " ['B', ['sales'], [], ['account executive']],"
                                   " ['C', [], ['director'], []]]"));
    ls_matcher *m = NULL;
    ls_matcher_new(r, &m);
    ls_matcher_set_trace(m, 1);
    ls_verdict v;
    const char *t = "SVP Wholesales Executive";
    ck_assert_int_eq(ls_match_title(m, t, strlen(t), &v), LS_OK);
    ck_assert_int_eq(v.persona, 0);
    const ls_persona_trace *a = ls_matcher_trace(m, 0), *b = ls_matcher_trace(m, 1),
                           *c = ls_matcher_trace(m, 2);
    ck_assert_int_eq(a->matched, 1);
    ck_assert_int_eq(a->function, 1);
    ck_assert_int_eq(a->function_inside, 1);
    ck_assert_int_eq(a->seniority, 0);
    ck_assert_int_eq(a->alternative, 1); /* svp */
    ck_assert_str_eq(ls_request_alternative(r, 0, 0, 1), "svp");
    ck_assert_int_eq(b->matched, 0);
    ck_assert_int_eq(b->seniority, -2);
    ck_assert_int_eq(b->prohibit, 0);
    ck_assert_str_eq(b->prohibit_token, "executive");
    ck_assert_int_eq(c->matched, 0);
    ck_assert_int_eq(c->function, -2);
    ck_assert_int_eq(c->seniority, -1);
    size_t n;
    const char *tn = ls_matcher_title_norm(m, &n);
    ck_assert_uint_eq(n, strlen("svp wholesales executive"));
    ck_assert_int_eq(memcmp(tn, "svp wholesales executive", n), 0);
    ck_assert_str_eq(ls_request_keyword(r, 1, LS_KW_PROHIBITS, 0), "account executive");
    ls_matcher_free(m);
    ls_request_free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("matcher_persona");
    TCase *tc = tcase_create("persona");
    tcase_add_test(tc, function_is_a_substring_in_documented_mode);
    tcase_add_test(tc, function_keywords_are_normalized_like_titles);
    tcase_add_test(tc, words_mode_needs_whole_token_phrases);
    tcase_add_test(tc, empty_lists_pass);
    tcase_add_test(tc, seniority_is_token_containment);
    tcase_add_test(tc, seniority_expansion_vp);
    tcase_add_test(tc, seniority_expansion_chief_clvl_cxo);
    tcase_add_test(tc, seniority_expansion_manager_plus);
    tcase_add_test(tc, prohibit_drops_on_any_token);
    tcase_add_test(tc, priority_lowest_wins_ties_by_order);
    tcase_add_test(tc, huge_priorities_compare_exactly);
    tcase_add_test(tc, no_personas_matches_everything);
    tcase_add_test(tc, title_is_first_non_blank_string);
    tcase_add_test(tc, invalid_utf8_flag_comes_from_the_lead);
    tcase_add_test(tc, trace_records_the_deciding_keywords);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
