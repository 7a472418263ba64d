/* The filters' names, and the way back from a name to its id. */
#include <string.h>
#include "request/filters.h"

const char *const ls_filter_names[LS_FILTER__COUNT] = {
    "exclude_names",      "exclude_ids",      "filter_empty_vars", "locations",
    "company_locations",  "company_headcounts", "lead_industries", "past_company_names",
    "years_in_position",  "years_in_company", "company_id",        "company_link",
    "company_name",
    "exclude_locations",  "exclude_company_locations", "company_industries",
    "exclude_company_industries", "exclude_company_headcounts", "company_types",
    "skip_truncated_names", "first_name",     "last_name",         "exclude_lead_industries",
    "past_job_titles",    "past_company_ids", "exclude_past_company_ids",
    "exclude_current_company_ids", "years_of_experience", "keywords", "num_of_connections",
    "job_titles",         "seniorities"};

int ls_filter_index(const char *filter)
{
    if (!filter)
        return -1;
    for (int i = 0; i < LS_FILTER__COUNT; i++)
        if (filter == ls_filter_names[i] || strcmp(filter, ls_filter_names[i]) == 0)
            return i;
    return -1;
}
