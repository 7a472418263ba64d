/* ls_v1_vocab_check: v1 requests parsed with the request DOM, every note
 * with its lint rule, JSON path and message. */
#include <check.h>
#include "check_run.h"
#include <stdlib.h>
#include <string.h>
#include "json/json.h"
#include "leadsieve/tools.h"
#include "request/vocab.h"

enum { MAX_NOTES = 32 };

typedef struct notes {
    size_t n;
    int rule[MAX_NOTES];
    char *path[MAX_NOTES], *msg[MAX_NOTES];
    int fail_at; /* note number that returns -1, or -1 */
} notes;

static int collect(void *user, int rule, const char *path, const char *message)
{
    notes *ns = user;
    ck_assert_uint_lt(ns->n, MAX_NOTES);
    if ((int)ns->n == ns->fail_at)
        return -1;
    ns->rule[ns->n] = rule;
    ns->path[ns->n] = strdup(path);
    ns->msg[ns->n++] = strdup(message);
    return 0;
}

static void clear(notes *ns)
{
    for (size_t i = 0; i < ns->n; i++) {
        free(ns->path[i]);
        free(ns->msg[i]);
    }
    memset(ns, 0, sizeof *ns);
    ns->fail_at = -1;
}

static notes got;

/* Checks the request text and returns the number of notes (in got). */
static size_t check(const char *json)
{
    clear(&got);
    ls_jerror err;
    ls_jdoc *doc = ls_jdoc_parse(json, strlen(json), 64, &err);
    ck_assert_msg(doc != NULL, "%s", err.message);
    ck_assert_int_eq(ls_v1_vocab_check(ls_jdoc_root(doc), collect, &got), 0);
    ls_jdoc_free(doc);
    return got.n;
}

/* Note i is (rule, path, message). */
static void note_is(size_t i, int rule, const char *path, const char *msg)
{
    ck_assert_uint_lt(i, got.n);
    ck_assert_int_eq(got.rule[i], rule);
    ck_assert_str_eq(got.path[i], path);
    ck_assert_str_eq(got.msg[i], msg);
}

START_TEST(industries)
{
    ck_assert_uint_eq(check("{\"company_industries\": [\"Software Development\", "
                            "\"Fintech\", \"Computer Software\", \"software development\", "
                            "\"Quantum Widgets\"],"
                            " \"exclude_company_industries\": [\"fintech\", \"Internet\"]}"),
                      5);
    note_is(0, LS_LINT_INDUSTRY_UNKNOWN, "company_industries[1]",
            "industry \"Fintech\" is not one of LinkedIn's 434 industry names: it matches no "
            "lead, and the API accepts it and finds none (did you mean \"Financial Services\"?)");
    note_is(1, LS_LINT_INDUSTRY_RENAMED, "company_industries[2]",
            "industry \"Computer Software\" is LinkedIn's older name for \"Software "
            "Development\": leads carry the current name, so it matches none of them (did you "
            "mean \"Software Development\"?)");
    note_is(2, LS_LINT_INDUSTRY_UNKNOWN, "company_industries[4]",
            "industry \"Quantum Widgets\" is not one of LinkedIn's 434 industry names: it "
            "matches no lead, and the API accepts it and finds none");
    note_is(3, LS_LINT_INDUSTRY_UNKNOWN, "exclude_company_industries[0]",
            "industry \"fintech\" is not one of LinkedIn's 434 industry names: it excludes no "
            "lead, here or in the API (did you mean \"Financial Services\"?)");
    note_is(4, LS_LINT_INDUSTRY_RENAMED, "exclude_company_industries[1]",
            "industry \"Internet\" is LinkedIn's older name for \"Technology, Information and "
            "Internet\": leads carry the current name, so it excludes none of them (did you "
            "mean \"Technology, Information and Internet\"?)");

    /* realtime's lead industries are LinkedIn's names too */
    ck_assert_uint_eq(check("{\"lead_industries\": [\"SaaS\"], \"exclude_lead_industries\":"
                            " [\"Hospital & Health Care\"]}"),
                      2);
    ck_assert_int_eq(got.rule[0], LS_LINT_INDUSTRY_UNKNOWN);
    ck_assert_str_eq(got.path[0], "lead_industries[0]");
    ck_assert_ptr_nonnull(strstr(got.msg[0], "(did you mean \"Software Development\"?)"));
    ck_assert_int_eq(got.rule[1], LS_LINT_INDUSTRY_RENAMED);
    ck_assert_str_eq(got.path[1], "exclude_lead_industries[0]");
}
END_TEST

START_TEST(seniorities)
{
    ck_assert_uint_eq(check("{\"seniorities\": [\"Owner\", \"cxo\", \"c_suite\", \"VP\", "
                            "\"Manager\", \"Chief\", \"Vice Presdent\", \"Owner / Partner\"]}"),
                      6);
    note_is(0, LS_LINT_SENIORITY_INFERRED, "seniorities",
            "a lead without a \"seniority\" field gets a level inferred from its title "
            "(approximate: the API uses the level Sales Navigator gives the lead)");
    note_is(1, LS_LINT_SENIORITY_ALIAS, "seniorities[0]",
            "seniority \"Owner\" is neither a Sales Navigator label nor a value the API "
            "documents: read here as \"Owner / Partner\", while the API may match it loosely "
            "(did you mean \"Owner / Partner\"?)");
    note_is(2, LS_LINT_SENIORITY_ALIAS, "seniorities[3]",
            "seniority \"VP\" is neither a Sales Navigator label nor a value the API "
            "documents: read here as \"Vice President\", while the API may match it loosely "
            "(did you mean \"Vice President\"?)");
    note_is(3, LS_LINT_SENIORITY_ALIAS, "seniorities[4]",
            "seniority \"Manager\" is neither a Sales Navigator label nor a value the API "
            "documents: read here as \"Entry Level Manager\", \"Experienced Manager\", while "
            "the API may match it loosely (did you mean \"Entry Level Manager\", "
            "\"Experienced Manager\"?)");
    note_is(4, LS_LINT_SENIORITY_UNKNOWN, "seniorities[5]",
            "seniority \"Chief\" is neither a Sales Navigator label nor a value the API "
            "documents: it matches no lead here, while the API may still match it loosely; "
            "the labels: \"In Training\", \"Entry Level\", \"Senior\", \"Strategic\", \"Entry "
            "Level Manager\", \"Experienced Manager\", \"Director\", \"Vice President\", "
            "\"CXO\", \"Owner / Partner\"");
    note_is(5, LS_LINT_SENIORITY_UNKNOWN, "seniorities[6]",
            "seniority \"Vice Presdent\" is neither a Sales Navigator label nor a value the "
            "API documents: it matches no lead here, while the API may still match it "
            "loosely (did you mean \"Vice President\"?)");

    /* canonical entries only: the inferred-level note alone; none at all
     * for an empty list */
    ck_assert_uint_eq(check("{\"seniorities\": [\"Director\", \"head\"]}"), 1);
    ck_assert_int_eq(got.rule[0], LS_LINT_SENIORITY_INFERRED);
    ck_assert_uint_eq(check("{\"seniorities\": []}"), 0);
}
END_TEST

START_TEST(functions)
{
    ck_assert_uint_eq(check("{\"functions\": [\"Engineering\", \"Enginering\", \"IT\", "
                            "\"sales\"], \"exclude_functions\": [\"Sales Ops\"]}"),
                      3);
    note_is(0, LS_LINT_FUNCTION_UNKNOWN, "functions[1]",
            "function \"Enginering\" is not one of the 26 Sales Navigator functions: the API "
            "matches no lead with it (did you mean \"Engineering\"?)");
    note_is(1, LS_LINT_FUNCTION_UNKNOWN, "functions[2]",
            "function \"IT\" is not one of the 26 Sales Navigator functions: the API matches "
            "no lead with it (did you mean \"Information Technology\"?)");
    note_is(2, LS_LINT_FUNCTION_UNKNOWN, "exclude_functions[0]",
            "function \"Sales Ops\" is not one of the 26 Sales Navigator functions: the API "
            "excludes no lead with it");
}
END_TEST

START_TEST(locations)
{
    ck_assert_uint_eq(check("{\"locations\": [\"San Francisco, CA\", \"United States\", "
                            "\"Austin, TX, USA\", \"CA\", \"Paris, FR\", \"Denver, Colorado\"],"
                            " \"company_locations\": [\"Berlin, DE\"],"
                            " \"exclude_locations\": [\"Seattle,wa \"],"
                            " \"exclude_company_locations\": [\"Boston, MA, United States\"]}"),
                      5);
    note_is(0, LS_LINT_LOCATION_STATE_ABBREVIATION, "locations[0]",
            "location \"San Francisco, CA\" abbreviates the US state (\"CA\"), but leads write "
            "it out (\"City, State, Country\": \"..., California, United States\"), so it never "
            "equals the end of a lead's location; if \"CA\" means a country, write the "
            "country's name (did you mean \"San Francisco, California\"?)");
    note_is(1, LS_LINT_LOCATION_STATE_ABBREVIATION, "locations[2]",
            "location \"Austin, TX, USA\" abbreviates the US state (\"TX\"), but leads write it "
            "out (\"City, State, Country\": \"..., Texas, United States\"), so it never equals "
            "the end of a lead's location (did you mean \"Austin, Texas, United States\"?)");
    note_is(2, LS_LINT_LOCATION_STATE_ABBREVIATION, "company_locations[0]",
            "location \"Berlin, DE\" abbreviates the US state (\"DE\"), but leads write it out "
            "(\"City, State, Country\": \"..., Delaware, United States\"), so it never equals "
            "the end of a lead's location; if \"DE\" means a country, write the country's name "
            "(did you mean \"Berlin, Delaware\"?)");
    note_is(3, LS_LINT_LOCATION_STATE_ABBREVIATION, "exclude_locations[0]",
            "location \"Seattle,wa \" abbreviates the US state (\"wa\"), but leads write it out "
            "(\"City, State, Country\": \"..., Washington, United States\"), so it never equals "
            "the end of a lead's location (did you mean \"Seattle,Washington\"?)");
    ck_assert_str_eq(got.path[4], "exclude_company_locations[0]");
    ck_assert_ptr_nonnull(
        strstr(got.msg[4], "(did you mean \"Boston, Massachusetts, United States\"?)"));

    /* a country alone, or "United States" after a city, is no state */
    ck_assert_uint_eq(check("{\"locations\": [\"US\", \"New York, US\", \", United States\"]}"),
                      0);
}
END_TEST

START_TEST(job_titles)
{
    ck_assert_uint_eq(check("{\"job_titles\": [\"CEO\"], \"personas\": []}"), 1);
    note_is(0, LS_LINT_JOB_TITLES_APPROXIMATE, "job_titles",
            "a title matches here when it holds an entry as whole words; the API also returns "
            "\"similar titles\" it does not define, so it may find leads this does not "
            "(approximate)");
    ck_assert_uint_eq(check("{\"job_titles\": []}"), 0);
}
END_TEST

/* Notes in the request's field order; what is not a list of strings is
 * validation's business, not a note. */
START_TEST(order_and_shapes)
{
    ck_assert_uint_eq(check("{\"functions\": [\"HR\"], \"company_industries\": [1, null, "
                            "[\"Fintech\"], \"Banking\"], \"seniorities\": \"Owner\","
                            " \"locations\": {\"x\": \"Austin, TX\"}, \"job_titles\": \"CEO\","
                            " \"keywords\": [\"Fintech\"], \"industries\": [\"Fintech\"],"
                            " \"company_industries_x\": [\"Fintech\"], \"job_titles\": [\"CTO\"]}"),
                      2);
    ck_assert_str_eq(got.path[0], "functions[0]");
    ck_assert_str_eq(got.path[1], "job_titles"); /* the last of repeated keys */
    ck_assert_uint_eq(check("[\"Fintech\"]"), 0);
    ck_assert_uint_eq(check("\"Fintech\""), 0);
    ck_assert_uint_eq(check("{}"), 0);
    clear(&got);
    ck_assert_int_eq(ls_v1_vocab_check(NULL, collect, &got), 0);
}
END_TEST

/* A message is valid UTF-8 without control characters whatever the entry
 * holds (it may be printed on a terminal). */
START_TEST(messages_are_clean)
{
    ck_assert_uint_eq(check("{\"company_industries\": [\"Fin\\u001b[31mtech\\u009b\\\"\\\\\","
                            " \"Caf\xc3\xa9\xff\"]}"),
                      2);
    ck_assert_ptr_nonnull(strstr(got.msg[0], "industry \"Fin\\u001b[31mtech\\u009b\\\"\\\\\" is"));
    ck_assert_ptr_nonnull(strstr(got.msg[1], "industry \"Caf\xc3\xa9\xef\xbf\xbd\" is"));
    for (size_t i = 0; i < got.n; i++)
        for (const unsigned char *p = (const unsigned char *)got.msg[i]; *p; p++)
            ck_assert_uint_ge(*p, 0x20);
}
END_TEST

/* A note that fails (memory) stops the walk: -1, nothing after it. */
START_TEST(a_failing_note_stops)
{
    const char *json = "{\"functions\": [\"x1\", \"x2\", \"x3\"]}";
    ls_jerror err;
    ls_jdoc *doc = ls_jdoc_parse(json, strlen(json), 64, &err);
    ck_assert_ptr_nonnull(doc);
    clear(&got);
    got.fail_at = 1;
    ck_assert_int_eq(ls_v1_vocab_check(ls_jdoc_root(doc), collect, &got), -1);
    ck_assert_uint_eq(got.n, 1);
    ls_jdoc_free(doc);
    clear(&got);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("request_vocab_check");
    TCase *tc = tcase_create("check");
    tcase_add_test(tc, industries);
    tcase_add_test(tc, seniorities);
    tcase_add_test(tc, functions);
    tcase_add_test(tc, locations);
    tcase_add_test(tc, job_titles);
    tcase_add_test(tc, order_and_shapes);
    tcase_add_test(tc, messages_are_clean);
    tcase_add_test(tc, a_failing_note_stops);
    suite_add_tcase(s, tc);
    int rc = ls_check_run(s);
    clear(&got);
    return rc;
}
