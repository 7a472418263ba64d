/* The lint rules, one table: the checks file their warnings under these
 * codes, `lint --help` lists them from here, and a test holds the README
 * to it. */
#include "tuning/lint_checks.h"

static const ls_lint_rule rules[LS_LINT__RULES] = {
    [LS_LINT_UNKNOWN_FIELD] = {"unknown-field", LS_LINT_ALWAYS, 0,
                               "a request field the API does not know (a typo?)"},
    [LS_LINT_NOT_EVALUATED] = {"not-evaluated", LS_LINT_ALWAYS, 1,
                               "a field with no data in downloaded leads: not applied"},
    [LS_LINT_KEYWORD_INVALID_UTF8] = {"keyword-invalid-utf8", LS_LINT_ALWAYS, 0,
                                      "a keyword with invalid UTF-8, dropped for matching"},
    [LS_LINT_KEYWORD_DUPLICATE] = {"keyword-duplicate", LS_LINT_ALWAYS, 0,
                                   "two keywords of a list equal after normalization"},
    [LS_LINT_FUNCTION_SHORT] = {"function-short", LS_LINT_WITHOUT_LEADS, 0,
                                "a function of 3 characters or less after\n"
                                "normalization matches inside many words"},
    [LS_LINT_FUNCTION_SUBSTRING_TRAP] = {"function-substring-trap", LS_LINT_WITHOUT_LEADS, 0,
                                         "a function hides inside common title words\n"
                                         "(\"market\" in \"supermarket\")"},
    [LS_LINT_FUNCTION_INSIDE_WORD] = {"function-inside-word", LS_LINT_WITH_LEADS, 0,
                                      "the titles where a function hit only inside a\n"
                                      "word, up to 5, with counts"},
    [LS_LINT_FUNCTION_NEEDS_EQUIVALENTS] = {"function-needs-equivalents", LS_LINT_ALWAYS, 0,
                                            "a narrow executive function (\"ceo\") without its\n"
                                            "equivalents in other words and languages"},
    [LS_LINT_PROHIBIT_MULTI_TOKEN] = {"prohibit-multi-token", LS_LINT_ALWAYS, 0,
                                      "a prohibit phrase drops on each of its words"},
    [LS_LINT_PROHIBIT_OVERLAPS_FUNCTION] = {"prohibit-overlaps-function", LS_LINT_ALWAYS, 0,
                                            "a prohibit word the persona's function holds"},
    [LS_LINT_PROHIBIT_OVERLAPS_SENIORITY] = {"prohibit-overlaps-seniority", LS_LINT_ALWAYS, 0,
                                             "a prohibit word some seniority alternative needs"},
    [LS_LINT_SENIORITY_UNSATISFIABLE] = {"seniority-unsatisfiable", LS_LINT_ALWAYS, 0,
                                         "a seniority entry every title passing it is\n"
                                         "dropped by the same persona's prohibits"},
    [LS_LINT_PERSONA_NEVER_MATCHES] = {"persona-never-matches", LS_LINT_ALWAYS, 0,
                                       "a persona no title can match"},
    [LS_LINT_PERSONA_SHADOWED] = {"persona-shadowed", LS_LINT_ALWAYS, 0,
                                  "a persona ranked before it matches all it does"},
    [LS_LINT_PERSONA_NEVER_ASSIGNED] = {"persona-never-assigned", LS_LINT_WITH_LEADS, 0,
                                        "it matched leads, all taken by others"},
    [LS_LINT_PERSONA_NO_MATCH] = {"persona-no-match", LS_LINT_WITH_LEADS, 0,
                                  "it matched none of the leads"},
    [LS_LINT_INDUSTRY_UNKNOWN] = {"industry-unknown", LS_LINT_ALWAYS, 0,
                                  "an industry outside LinkedIn's taxonomy: the API\n"
                                  "accepts it and finds nothing (v1)"},
    [LS_LINT_INDUSTRY_RENAMED] = {"industry-renamed", LS_LINT_ALWAYS, 0,
                                  "an industry under LinkedIn's older name (v1)"},
    [LS_LINT_SENIORITY_ALIAS] = {"seniority-alias", LS_LINT_ALWAYS, 0,
                                 "a seniority that is neither a label nor a\n"
                                 "documented value, read through its alias (v1)"},
    [LS_LINT_SENIORITY_UNKNOWN] = {"seniority-unknown", LS_LINT_ALWAYS, 0,
                                   "a seniority no level stands for: it matches\n"
                                   "no lead offline (v1)"},
    [LS_LINT_FUNCTION_UNKNOWN] = {"function-unknown", LS_LINT_ALWAYS, 0,
                                  "a function outside the 26 of Sales Navigator (v1)"},
    [LS_LINT_LOCATION_STATE_ABBREVIATION] = {"location-state-abbreviation", LS_LINT_ALWAYS, 0,
                                             "a location ending in a US state abbreviation\n"
                                             "(\"San Francisco, CA\"), which leads write out (v1)"},
    [LS_LINT_JOB_TITLES_APPROXIMATE] = {"job-titles-approximate", LS_LINT_ALWAYS, 1,
                                        "job_titles: the API also returns similar\n"
                                        "titles, offline only the phrase (v1)"},
    [LS_LINT_SENIORITY_INFERRED] = {"seniority-inferred", LS_LINT_ALWAYS, 1,
                                    "seniorities: a lead without a seniority\n"
                                    "field gets a level inferred from its title (v1)"},
};

size_t ls_lint_rule_count(void)
{
    return LS_LINT__RULES;
}

const ls_lint_rule *ls_lint_rule_at(size_t i)
{
    return i < LS_LINT__RULES ? &rules[i] : NULL;
}
