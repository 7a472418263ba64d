/* The fields of a by_icp request (contract §3) and of a v1 request
 * (contract addendum §2). */
#include <string.h>
#include "request/v1.h"

const char *const ls_by_icp_fields[] = {
    "personas",        "limit_by",           "filter_empty_vars", "company_headcounts",
    "linkedin_filter_link", "company_id",    "company_link",      "company_name",
    "exclude_names",   "exclude_ids",        "locations",         "company_locations",
    "lead_industries", "past_company_names", "company_types",     "groups",
    "schools",         "years_in_company",   "years_in_position", "without_company",
    "changed_jobs",    "posted_on_linkedin", "mentioned_in_news"};
const size_t ls_by_icp_field_count = sizeof ls_by_icp_fields / sizeof *ls_by_icp_fields;

const char *const ls_v1_only_fields[] = {
    "job_titles", "seniorities", "exclude_locations", "company_industries",
    "exclude_company_industries", "exclude_company_headcounts", "exclude_company_locations",
    "strict", "skip_truncated_names", "offset_by", "first_name", "last_name", "functions",
    "exclude_functions", "past_job_titles", "past_company_ids", "exclude_past_company_ids",
    "exclude_current_company_ids", "keywords", "years_of_experience", "num_of_connections",
    "groups_keywords", "find_by_emails", "include_full_profile", "include_total_count",
    "max_profiles_scanned"};
const size_t ls_v1_only_field_count = sizeof ls_v1_only_fields / sizeof *ls_v1_only_fields;

enum { SHARED = 21 };
const char *const ls_v1_fields[] = {
    /* shared by the database and the realtime search */
    "job_titles", "seniorities", "locations", "exclude_locations", "company_locations",
    "exclude_company_locations", "company_industries", "exclude_company_industries",
    "company_headcounts", "exclude_company_headcounts", "company_types", "company_name",
    "company_link", "company_id", "exclude_names", "exclude_ids", "filter_empty_vars",
    "limit_by", "offset_by", "strict", "skip_truncated_names",
    /* realtime only */
    "personas", "first_name", "last_name", "lead_industries", "exclude_lead_industries",
    "past_job_titles", "past_company_names", "past_company_ids", "exclude_past_company_ids",
    "exclude_current_company_ids", "years_of_experience", "years_in_position",
    "years_in_company", "keywords", "num_of_connections", "functions", "exclude_functions",
    "changed_jobs", "posted_on_linkedin", "mentioned_in_news", "groups", "groups_keywords",
    "schools", "linkedin_filter_link", "find_by_emails", "include_full_profile",
    "include_total_count", "max_profiles_scanned"};
const size_t ls_v1_field_count = sizeof ls_v1_fields / sizeof *ls_v1_fields;
const size_t ls_v1_shared_field_count = SHARED;

const char *const ls_v1_not_evaluated_fields[] = {
    "functions", "exclude_functions", "changed_jobs", "posted_on_linkedin",
    "mentioned_in_news", "groups", "groups_keywords", "schools", "linkedin_filter_link",
    "find_by_emails"};
const size_t ls_v1_not_evaluated_count =
    sizeof ls_v1_not_evaluated_fields / sizeof *ls_v1_not_evaluated_fields;

static long index_of(const char *key, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(key, list[i]) == 0)
            return (long)i;
    return -1;
}

int ls_request_json_is_v1(const ls_jnode *root)
{
    if (!root || root->type != LS_J_OBJECT)
        return 0;
    for (size_t i = 0; i < root->count; i++)
        if (index_of(root->keys[i], ls_v1_only_fields, ls_v1_only_field_count) >= 0)
            return 1;
    return 0;
}

int ls_v1_field_is_realtime_only(const char *key)
{
    return index_of(key, ls_v1_fields, ls_v1_field_count) >= SHARED;
}

int ls_v1_field_is_v1_only(const char *key)
{
    return index_of(key, ls_v1_only_fields, ls_v1_only_field_count) >= 0;
}

int ls_by_icp_field_is_known(const char *key)
{
    return index_of(key, ls_by_icp_fields, ls_by_icp_field_count) >= 0;
}

int ls_v1_field_is_known(const char *key)
{
    return index_of(key, ls_v1_fields, ls_v1_field_count) >= 0;
}
