/* lint warnings: each code on a small request, with its path; the leads
 * checks on hand-made titles; the compiled tables against data/. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "matcher_testutil.h"
#include "tuning/lint_checks.h"

/* The message of the warning (code, path); NULL when there is none. */
static const char *find(const ls_lint *l, const char *code, const char *path)
{
    for (size_t i = 0; i < ls_lint_count(l); i++) {
        ls_lint_warning w = ls_lint_get(l, i);
        if (strcmp(w.code, code) == 0 && strcmp(w.path, path) == 0)
            return w.message;
    }
    return NULL;
}

static size_t count_code(const ls_lint *l, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < ls_lint_count(l); i++)
        n += strcmp(ls_lint_get(l, i).code, code) == 0;
    return n;
}

static void dump(const ls_lint *l)
{
    for (size_t i = 0; i < ls_lint_count(l); i++) {
        ls_lint_warning w = ls_lint_get(l, i);
        fprintf(stderr, "  %s %s %s\n", w.code, w.path, w.message);
    }
}

#define HAS(l, code, path, text)                                                     \
    do {                                                                             \
        const char *m_ = find((l), (code), (path));                                  \
        if (!m_ || !strstr(m_, (text)))                                              \
            dump(l);                                                                 \
        ck_assert_msg(m_ != NULL, "no %s at %s", (code), (path));                    \
        ck_assert_msg(strstr(m_, (text)) != NULL, "%s at %s lacks '%s': %s", (code), \
                      (path), (text), m_);                                           \
    } while (0)

#define HASNT(l, code, path) ck_assert_ptr_null(find((l), (code), (path)))

static void done(ls_lint *l, ls_request *req)
{
    ls_lint_free(l);
    ls_request_free(req);
}

/* Lints json (with leads when not NULL); *req must be freed after the lint. */
static ls_lint *lint2(const char *json, ls_match_mode mode, const char *leads, ls_request **req)
{
    *req = compile_mode(json, mode);
    ls_lint *l = NULL;
    ck_assert_int_eq(ls_lint_new(*req, NULL, &l), LS_OK);
    ck_assert_ptr_nonnull(l);
    if (leads)
        ck_assert_int_eq(ls_lint_add_memory(l, "leads.jsonl", leads, strlen(leads)), LS_OK);
    ck_assert_int_eq(ls_lint_finish(l), LS_OK);
    return l;
}

START_TEST(request_warnings_have_codes)
{
    ls_request *req;
    ls_lint *l = lint2("{'without_company': true, 'schools': [1], 'group': [2],"
                       " 'personas': [['P', ['manager'], [], []]]}",
                       LS_MATCH_DOCUMENTED, NULL, &req);
    HAS(l, "not-evaluated", "schools", "NOT EVALUATED");
    HAS(l, "unknown-field", "group", "unknown");
    ck_assert_uint_eq(ls_lint_count(l), 2);
    done(l, req);
}
END_TEST

START_TEST(duplicates_after_normalization)
{
    ls_request *req;
    ls_lint *l = lint2("{'without_company': true, 'personas': [['P',"
                       " ['Sales', 'manager', 'SALES!'],"
                       " ['VP', 'v.p.', ' vp ', 'Head'],"
                       " ['IT', 'intern', 'Information-Technology']]]}",
                       LS_MATCH_DOCUMENTED, NULL, &req);
    /* "SALES!" -> "sales" like [1][0]; " vp " is the same expansion as
     * "VP" (trimmed, lowercased); "v.p." is "v p", no expansion: distinct;
     * "Information-Technology" -> "information technology" = norm("IT") */
    HAS(l, "keyword-duplicate", "personas[0][1][2]", "personas[0][1][0]");
    HAS(l, "keyword-duplicate", "personas[0][2][2]", "personas[0][2][0]");
    HASNT(l, "keyword-duplicate", "personas[0][2][1]");
    HAS(l, "keyword-duplicate", "personas[0][3][2]", "\"information technology\"");
    ck_assert_uint_eq(count_code(l, "keyword-duplicate"), 3);
    done(l, req);
}
END_TEST

START_TEST(short_and_trap_functions)
{
    ls_request *req;
    const char *json = "{'without_company': true, 'personas': [['P',"
                       " ['ai', 'IT', 'market', 'marketing', 'manager', 'Office'], [], []]]}";
    ls_lint *l = lint2(json, LS_MATCH_DOCUMENTED, NULL, &req);
    HAS(l, "function-short", "personas[0][1][0]", "\"ai\"");
    /* IT is "information technology" after normalization: not short */
    HASNT(l, "function-short", "personas[0][1][1]");
    HASNT(l, "function-substring-trap", "personas[0][1][1]");
    HAS(l, "function-substring-trap", "personas[0][1][2]", "\"hypermarket\"");
    HAS(l, "function-substring-trap", "personas[0][1][3]", "\"remarketing\"");
    HASNT(l, "function-substring-trap", "personas[0][1][4]");
    HAS(l, "function-substring-trap", "personas[0][1][5]", "\"officer\"");
    ck_assert_uint_eq(count_code(l, "function-short"), 1);
    ck_assert_uint_eq(count_code(l, "function-substring-trap"), 3);
    done(l, req);
    /* whole-word matching has no such trap */
    l = lint2(json, LS_MATCH_WORDS, NULL, &req);
    ck_assert_uint_eq(ls_lint_count(l), 0);
    done(l, req);
}
END_TEST

START_TEST(narrow_executive_functions)
{
    ls_request *req;
    ls_lint *l = lint2("{'without_company': true, 'personas': ["
                       " ['A', ['ceo'], [], []],"
                       " ['B', ['Chief Executive Officer', 'sales'], [], []],"
                       " ['C', ['CEO', 'Gesch\xc3\xa4\x66tsf\xc3\xbchrer'], [], []],"
                       " ['D', ['ceo', 'director'], [], []],"
                       " ['E', ['cfo', 'head of finance'], [], []],"
                       " ['F', ['cmo'], [], []]]}",
                       LS_MATCH_DOCUMENTED, NULL, &req);
    HAS(l, "function-needs-equivalents", "personas[0][1][0]", "\"managing director\"");
    HAS(l, "function-needs-equivalents", "personas[0][1][0]", "\"inhaber\"");
    /* the long form is the same keyword after normalization */
    HAS(l, "function-needs-equivalents", "personas[1][1][0]", "\"founder\"");
    /* an equivalent given, or a function inside one ("director" in
     * "managing director"): no advice */
    HASNT(l, "function-needs-equivalents", "personas[2][1][0]");
    HASNT(l, "function-needs-equivalents", "personas[3][1][0]");
    HASNT(l, "function-needs-equivalents", "personas[4][1][0]");
    HAS(l, "function-needs-equivalents", "personas[5][1][0]", "\"marketing director\"");
    ck_assert_uint_eq(count_code(l, "function-needs-equivalents"), 3);
    done(l, req);
}
END_TEST

START_TEST(prohibit_checks)
{
    ls_request *req;
    ls_lint *l = lint2("{'without_company': true, 'personas': ["
                       " ['A', ['sales manager'], ['vp', 'Head of IT', 'director'],"
                       "  ['account executive', 'manager', 'svp', 'technology', 'intern']],"
                       " ['B', ['sales'], ['senior'], ['senior']]]}",
                       LS_MATCH_DOCUMENTED, NULL, &req);
    HAS(l, "prohibit-multi-token", "personas[0][3][0]", "\"account executive\"");
    ck_assert_uint_eq(count_code(l, "prohibit-multi-token"), 1);
    /* "manager" is a word of the function "sales manager" */
    HAS(l, "prohibit-overlaps-function", "personas[0][3][1]", "\"sales manager\"");
    ck_assert_uint_eq(count_code(l, "prohibit-overlaps-function"), 1);
    /* "svp" blocks one of the five alternatives of "vp" */
    HAS(l, "prohibit-overlaps-seniority", "personas[0][3][2]", "\"svp\"");
    ck_assert_uint_eq(count_code(l, "prohibit-overlaps-seniority"), 1);
    /* "Head of IT" needs "information" and "technology"; "technology" is
     * prohibited: the entry can never pass.  "director" can. */
    HAS(l, "seniority-unsatisfiable", "personas[0][2][1]", "\"technology\"");
    HAS(l, "seniority-unsatisfiable", "personas[1][2][0]", "\"senior\"");
    ck_assert_uint_eq(count_code(l, "seniority-unsatisfiable"), 2);
    /* B's only seniority entry is dead: B never matches; A still can */
    HAS(l, "persona-never-matches", "personas[1]", "\"B\"");
    ck_assert_uint_eq(count_code(l, "persona-never-matches"), 1);
    done(l, req);

    /* every alternative of an expansion blocked */
    l = lint2("{'without_company': true, 'personas': [['A', [], ['chief'], ['chief']]]}",
              LS_MATCH_DOCUMENTED, NULL, &req);
    HAS(l, "seniority-unsatisfiable", "personas[0][2][0]", "\"chief officer\" needs the word");
    HAS(l, "persona-never-matches", "personas[0]", "\"A\"");
    done(l, req);

    /* words mode: a function holding a prohibited word can never match */
    l = lint2("{'without_company': true, 'personas': [['A', ['sales manager'], [], ['manager']]]}",
              LS_MATCH_WORDS, NULL, &req);
    HAS(l, "prohibit-overlaps-function", "personas[0][3][0]", "can never match");
    HAS(l, "persona-never-matches", "personas[0]", "functions");
    done(l, req);
}
END_TEST

START_TEST(shadowed_personas)
{
    ls_request *req;
    ls_lint *l = lint2("{'without_company': true, 'personas': ["
                       " ['Late', ['enterprise sales'], ['head', 'svp'], ['intern', 'junior'], 2],"
                       " ['Wide', ['sales'], ['vp', 'head'], ['intern'], 1],"
                       " ['Free', ['sales'], ['head'], [], 3],"
                       " ['Tie', ['sales'], [], [], 1],"
                       " ['Any', [], [], [], 1]]}",
                       LS_MATCH_DOCUMENTED, NULL, &req);
    /* Late (2): its functions contain "sales", "head" and "svp" hold Wide's
     * "head" and vp-alternative "svp", and Wide's prohibits are Late's
     * too: Wide (1) takes all Late matches. */
    HAS(l, "persona-shadowed", "personas[0]", "\"Wide\"");
    /* Free prohibits nothing, Wide drops interns: not covered by Wide;
     * Tie (1, declared after Wide) has no seniorities: Free is covered by
     * Tie; order (Wide, Tie, Any, Late, Free) */
    HAS(l, "persona-shadowed", "personas[2]", "\"Tie\"");
    /* Tie: Wide needs a seniority, Tie does not: not covered by Wide; but
     * nothing ranked before Tie covers it (Wide is the only one) */
    HASNT(l, "persona-shadowed", "personas[3]");
    /* Any (1, after Tie): Tie needs "sales": not covered */
    HASNT(l, "persona-shadowed", "personas[4]");
    HASNT(l, "persona-shadowed", "personas[1]");
    ck_assert_uint_eq(count_code(l, "persona-shadowed"), 2);
    done(l, req);
}
END_TEST

static const char LEADS[] =
    "{\"sales_id\": \"1\", \"job_title\": \"Wholesales Manager\"}\n"
    "{\"sales_id\": \"2\", \"job_title\": \"Presales Manager\"}\n"
    "{\"sales_id\": \"3\", \"job_title\": \"Wholesales Manager\"}\n"
    "{\"sales_id\": \"3\", \"job_title\": \"Wholesales Manager\"}\n"
    "{\"sales_id\": \"4\", \"job_title\": \"Sales Manager\"}\n"
    "{\"sales_id\": \"5\", \"job_title\": \"Wholesales & Sales Manager\"}\n"
    "{\"sales_id\": \"6\", \"job_title\": \"Head of Sales\"}\n"
    "{\"sales_id\": \"7\", \"job_title\": \"Wholesales Manager\", \"location\": \"Oslo\"}\n";

START_TEST(leads_checks)
{
    ls_request *req;
    ls_lint *l = lint2("{'without_company': true, 'locations': ['Oslo'], 'personas': ["
                       " ['Sales', ['sales'], ['manager', 'head'], []],"
                       " ['Managers', ['manager'], [], [], 1],"
                       " ['Nobody', ['gardener'], [], []]]}",
                       LS_MATCH_DOCUMENTED, LEADS, &req);
    /* every lead but the 7th lacks location Oslo: filters drop them all */
    ck_assert_uint_eq(ls_lint_leads_read(l), 8);
    ck_assert_uint_eq(ls_lint_leads_matched(l), 1);
    done(l, req);

    l = lint2("{'without_company': true, 'personas': ["
              " ['Sales', ['sales'], ['manager', 'head'], []],"
              " ['Managers', ['manager'], [], [], 1],"
              " ['Nobody', ['gardener'], [], []],"
              " ['Short', ['ai'], [], []]]}",
              LS_MATCH_DOCUMENTED, LEADS, &req);
    ck_assert_uint_eq(ls_lint_leads_read(l), 8);
    ck_assert_uint_eq(ls_lint_leads_matched(l), 7); /* one duplicate */
    /* inside a word only: sales_id 1, 3, 7 (Wholesales Manager) and 2; lead 5
     * has "sales" as a word too; the duplicate is not counted */
    HAS(l, "function-inside-word", "personas[0][1][0]",
        "hit 4 leads only inside a word: \"Wholesales Manager\" (3), \"Presales Manager\" (1)");
    ck_assert_uint_eq(count_code(l, "function-inside-word"), 1);
    /* with leads, the guesses give way to the titles */
    ck_assert_uint_eq(count_code(l, "function-short"), 0);
    ck_assert_uint_eq(count_code(l, "function-substring-trap"), 0);
    /* Managers' rule matches 1, 2, 3, 4, 5, 7; Sales (0) takes every one */
    HAS(l, "persona-never-assigned", "personas[1]",
        "persona \"Managers\" matched 6 leads, all taken by \"Sales\" (6)");
    HAS(l, "persona-no-match", "personas[2]", "none of the 7 leads");
    HAS(l, "persona-no-match", "personas[3]", "\"Short\"");
    HASNT(l, "persona-no-match", "personas[0]");
    done(l, req);
}
END_TEST

START_TEST(messages_are_clean_utf8)
{
    ls_request *req;
    static const char leads[] = "{\"job_title\": \"Wholesales\\u0007 \\ud800Boss\"}\n";
    ls_lint *l = lint2("{'without_company': true, 'personas': [['P', ['sales'], [], []]]}",
                       LS_MATCH_DOCUMENTED, leads, &req);
    /* the control character is escaped, the lone surrogate dropped */
    HAS(l, "function-inside-word", "personas[0][1][0]", "\"Wholesales\\u0007 Boss\" (1)");
    done(l, req);
}
END_TEST

/* The compiled tables equal data/equivalents.tsv and data/substring_traps.txt. */
START_TEST(tables_match_data)
{
    char path[512], line[512];
    snprintf(path, sizeof path, "%s/data/equivalents.tsv", LS_SOURCE_DIR);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    size_t i = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        ck_assert_ptr_nonnull(tab);
        *tab = '\0';
        const char *k, *e;
        ck_assert_uint_lt(i, ls_lint_equivalent_count());
        ls_lint_equivalent(i++, &k, &e);
        ck_assert_str_eq(k, line);
        ck_assert_str_eq(e, tab + 1);
    }
    fclose(f);
    ck_assert_uint_eq(i, ls_lint_equivalent_count());
    ck_assert_uint_gt(i, 40);

    snprintf(path, sizeof path, "%s/data/substring_traps.txt", LS_SOURCE_DIR);
    f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    i = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        ck_assert_str_eq(ls_lint_trap(i++), line);
    }
    fclose(f);
    ck_assert_uint_eq(i, ls_lint_trap_count());
    ck_assert_ptr_null(ls_lint_trap(i));
}
END_TEST

/* The v1 vocabulary rules follow the by_icp ones in the registry, each
 * with its code; the approximate readings are notes. */
START_TEST(v1_vocabulary_rules)
{
    static const struct {
        ls_lint_rule_id id;
        const char *code;
        int note;
    } v1[] = {
        {LS_LINT_INDUSTRY_UNKNOWN, "industry-unknown", 0},
        {LS_LINT_INDUSTRY_RENAMED, "industry-renamed", 0},
        {LS_LINT_SENIORITY_ALIAS, "seniority-alias", 0},
        {LS_LINT_SENIORITY_UNKNOWN, "seniority-unknown", 0},
        {LS_LINT_FUNCTION_UNKNOWN, "function-unknown", 0},
        {LS_LINT_LOCATION_STATE_ABBREVIATION, "location-state-abbreviation", 0},
        {LS_LINT_JOB_TITLES_APPROXIMATE, "job-titles-approximate", 1},
        {LS_LINT_SENIORITY_INFERRED, "seniority-inferred", 1},
    };
    ck_assert_int_eq(LS_LINT_INDUSTRY_UNKNOWN, LS_LINT_PERSONA_NO_MATCH + 1);
    ck_assert_uint_eq(ls_lint_rule_count(), LS_LINT_SENIORITY_INFERRED + 1);
    for (size_t i = 0; i < sizeof v1 / sizeof *v1; i++) {
        const ls_lint_rule *r = ls_lint_rule_at(v1[i].id);
        ck_assert_str_eq(r->code, v1[i].code);
        ck_assert_int_eq(r->note, v1[i].note);
        ck_assert_int_eq(r->when, LS_LINT_ALWAYS);
        ck_assert_ptr_nonnull(strstr(r->summary, "(v1)"));
    }
    for (size_t i = 0; i < ls_lint_rule_count(); i++)
        ck_assert_ptr_nonnull(ls_lint_rule_at(i)->code);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tuning_lint");
    TCase *tc = tcase_create("lint");
    tcase_add_test(tc, request_warnings_have_codes);
    tcase_add_test(tc, duplicates_after_normalization);
    tcase_add_test(tc, short_and_trap_functions);
    tcase_add_test(tc, narrow_executive_functions);
    tcase_add_test(tc, prohibit_checks);
    tcase_add_test(tc, shadowed_personas);
    tcase_add_test(tc, leads_checks);
    tcase_add_test(tc, messages_are_clean_utf8);
    tcase_add_test(tc, tables_match_data);
    tcase_add_test(tc, v1_vocabulary_rules);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
