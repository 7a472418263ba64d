/* Validation of a v1 request (contract addendum §2): the by_icp checks of
 * the fields both have, the v1 fields' own, and the search mode's schema. */
#include <stdio.h>
#include <string.h>
#include "request/v1.h"
#include "request/validate_int.h"

extern const char *const ls_filter_empty_allowed[4];

static const char *const company_types[] = {
    "Educational",    "Government Agency", "Non Profit",    "Partnership",
    "Privately Held", "Public Company",    "Self Employed", "Self Owned"};
static const char *const string_lists[] = {
    "job_titles", "seniorities", "locations", "exclude_locations", "company_locations",
    "exclude_company_locations", "company_industries", "exclude_company_industries",
    "exclude_names", "exclude_ids", "strict", "lead_industries", "exclude_lead_industries",
    "past_job_titles", "past_company_names", "keywords", "functions", "exclude_functions",
    "groups_keywords", "find_by_emails"};
/* matched as phrases: an entry empty after normalization would match all */
static const char *const phrase_lists[] = {"job_titles", "past_job_titles", "keywords"};
static const char *const id_lists[] = {"past_company_ids", "exclude_past_company_ids",
                                       "exclude_current_company_ids"};
static const char *const booleans[] = {"skip_truncated_names", "changed_jobs",
                                       "posted_on_linkedin",   "mentioned_in_news",
                                       "include_full_profile", "include_total_count"};
static const char *const year_lists[] = {"years_of_experience", "years_in_position",
                                         "years_in_company"};

#define COUNT(a) (sizeof(a) / sizeof *(a))

static void check_schema(vctx *v, const ls_jnode *root, ls_search_mode mode)
{
    const ls_jnode *wc = ls_jnode_get(root, "without_company");
    if (wc)
        ls_v_add(v, "without_company",
                 "without_company does not exist in v1 requests: omit company_id, "
                 "company_link and company_name to search without a company");
    if (mode != LS_SEARCH_DATABASE)
        return;
    for (size_t i = 0; i < root->count; i++)
        if (ls_v1_field_is_realtime_only(root->keys[i]))
            ls_v_add(v, root->keys[i],
                     "%s is realtime only: the database search does not accept it; remove it "
                     "or search in realtime mode",
                     root->keys[i]);
}

/* A whole non-negative integer up to max, else -1. */
static long small_int(const ls_jnode *n, long max)
{
    if (!ls_node_is_integer(n) || n->str[0] == '-' || n->str_len > 9)
        return -1;
    long val = 0;
    for (size_t i = 0; i < n->str_len; i++)
        val = val * 10 + (n->str[i] - '0');
    return val <= max ? val : -1;
}

static void check_paging(vctx *v, const ls_jnode *root)
{
    const char *present[3];
    int filter_only = ls_v_identifiers_present(root, present) == 0;
    long cap = filter_only ? 2400 : 2500;
    const char *why = filter_only ? " (a filter-only search: no company_id, company_link or "
                                    "company_name)"
                                  : "";
    const ls_jnode *n = ls_given(root, "limit_by");
    if (n && small_int(n, cap) < 1)
        ls_v_add(v, "limit_by", "limit_by must be an integer from 1 to %ld%s; omit it for no "
                                "limit", cap, why);
    n = ls_given(root, "offset_by");
    if (n && small_int(n, cap - 1) < 0)
        ls_v_add(v, "offset_by", "offset_by must be an integer from 0 to %ld%s", cap - 1, why);
}

static void check_phrases(vctx *v, const ls_jnode *root, const char *key)
{
    const ls_jnode *n = ls_given(root, key);
    char path[96];
    for (size_t j = 0; n && n->type == LS_J_ARRAY && j < n->count; j++) {
        if (n->items[j]->type != LS_J_STRING || ls_v_norm_is_empty(v, n->items[j]) != 1)
            continue;
        snprintf(path, sizeof path, "%s[%zu]", key, j);
        ls_v_add(v, path, "\"%s\" is empty after normalization and would match every lead; "
                          "remove it", n->items[j]->str);
    }
}

static int is_id(const ls_jnode *e)
{
    if (ls_node_is_integer(e))
        return e->str[0] != '-' || (e->str_len == 2 && e->str[1] == '0');
    if (e->type != LS_J_STRING || e->str_len == 0)
        return 0;
    for (size_t i = 0; i < e->str_len; i++)
        if (e->str[i] < '0' || e->str[i] > '9')
            return 0;
    return 1;
}

static void check_id_list(vctx *v, const ls_jnode *root, const char *key)
{
    const ls_jnode *n = ls_given(root, key);
    if (!n)
        return;
    if (n->type != LS_J_ARRAY) {
        ls_v_add(v, key, "%s must be a list of LinkedIn company ids", key);
        return;
    }
    char path[96];
    for (size_t j = 0; j < n->count; j++) {
        if (is_id(n->items[j]))
            continue;
        snprintf(path, sizeof path, "%s[%zu]", key, j);
        ls_v_add(v, path, "a company id is an integer or a string of digits, e.g. 1035 or "
                          "\"1035\"");
    }
}

/* first_name, last_name: a name, or a list of names (any of them). */
static void check_name(vctx *v, const ls_jnode *root, const char *key)
{
    const ls_jnode *n = ls_given(root, key);
    if (!n)
        return;
    if (n->type == LS_J_STRING) {
        if (ls_v_norm_is_empty(v, n) == 1)
            ls_v_add(v, key, "%s is empty; give a name or omit the field", key);
        return;
    }
    if (n->type != LS_J_ARRAY) {
        ls_v_add(v, key, "%s must be a string (or a list of strings)", key);
        return;
    }
    ls_v_string_list(v, root, key);
}

static void check_connections(vctx *v, const ls_jnode *root)
{
    const ls_jnode *n = ls_given(root, "num_of_connections");
    if (!n)
        return;
    if (n->type != LS_J_OBJECT) {
        ls_v_add(v, "num_of_connections",
                 "num_of_connections must be an object {\"min\": N, \"max\": M}");
        return;
    }
    const ls_jnode *lo = ls_given(n, "min"), *hi = ls_given(n, "max");
    long a = lo ? small_int(lo, 999999999) : 0, b = hi ? small_int(hi, 999999999) : 0;
    if (lo && a < 0)
        ls_v_add(v, "num_of_connections.min", "min must be a non-negative integer");
    if (hi && b < 0)
        ls_v_add(v, "num_of_connections.max", "max must be a non-negative integer");
    if (!lo && !hi)
        ls_v_add(v, "num_of_connections", "give min, max or both, e.g. {\"min\": 500}");
    if (lo && hi && a >= 0 && b >= 0 && a > b)
        ls_v_add(v, "num_of_connections.min", "min (%ld) is above max (%ld)", a, b);
    for (size_t i = 0; i < n->count; i++)
        if (strcmp(n->keys[i], "min") != 0 && strcmp(n->keys[i], "max") != 0) {
            char path[96];
            snprintf(path, sizeof path, "num_of_connections.%.60s", n->keys[i]);
            ls_v_add(v, path, "num_of_connections has only min and max");
        }
}

int ls_request_validate_v1(const ls_jnode *root, ls_search_mode mode, ls_normalizer *nz,
                           const ls_patterns *pat, pcre2_match_data *md, ls_problems *errs)
{
    vctx v = {errs, nz, 0};
    if (!root || root->type != LS_J_OBJECT) {
        ls_v_add(&v, "", "the request must be a JSON object, e.g. {\"job_titles\": [\"CEO\"], "
                         "\"company_id\": 1035}");
        return v.nomem ? -1 : 0;
    }
    check_schema(&v, root, mode);
    ls_v_personas(&v, root);
    check_paging(&v, root);
    for (size_t k = 0; k < COUNT(string_lists); k++)
        ls_v_string_list(&v, root, string_lists[k]);
    for (size_t k = 0; k < COUNT(phrase_lists); k++)
        check_phrases(&v, root, phrase_lists[k]);
    ls_v_int_list(&v, root, "groups");
    ls_v_int_list(&v, root, "schools");
    for (size_t k = 0; k < COUNT(id_lists); k++)
        check_id_list(&v, root, id_lists[k]);
    ls_v_enum_list(&v, root, "filter_empty_vars", ls_filter_empty_allowed, 4,
                   "a supported field", ls_v_suggest_spelling);
    ls_v_enum_list(&v, root, "company_headcounts", ls_headcount_values, LS_HEADCOUNT_BUCKETS,
                   "a headcount range", ls_v_suggest_headcount);
    ls_v_enum_list(&v, root, "exclude_company_headcounts", ls_headcount_values,
                   LS_HEADCOUNT_BUCKETS, "a headcount range", ls_v_suggest_headcount);
    ls_v_enum_list(&v, root, "company_types", company_types, COUNT(company_types),
                   "a company type", ls_v_suggest_spelling);
    for (size_t k = 0; k < COUNT(year_lists); k++)
        ls_v_years(&v, root, year_lists[k]);
    for (size_t k = 0; k < COUNT(booleans); k++)
        ls_v_boolean(&v, root, booleans[k]);
    check_name(&v, root, "first_name");
    check_name(&v, root, "last_name");
    check_connections(&v, root);
    const ls_jnode *n = ls_given(root, "max_profiles_scanned");
    if (n && small_int(n, 999999999) < 1)
        ls_v_add(&v, "max_profiles_scanned", "max_profiles_scanned must be a positive integer");
    n = ls_given(root, "linkedin_filter_link");
    if (n && n->type != LS_J_STRING)
        ls_v_add(&v, "linkedin_filter_link", "linkedin_filter_link must be a URL string");

    ls_v_identifier_values(&v, root, pat, md);
    const char *present[3];
    size_t npresent = ls_v_identifiers_present(root, present);
    if (npresent > 1)
        for (size_t k = 0; k < npresent; k++)
            ls_v_add(&v, present[k], "give at most one of company_id, company_link, "
                                     "company_name; remove the others");
    return v.nomem ? -1 : 0;
}
