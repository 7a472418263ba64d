/* The filters' names, and the way back from a name to its id. */
#include <string.h>
#include "request/filters.h"

const char *const ls_filter_names[LS_FILTER__COUNT] = {
    "exclude_names",      "exclude_ids",      "filter_empty_vars", "locations",
    "company_locations",  "company_headcounts", "lead_industries", "past_company_names",
    "years_in_position",  "years_in_company", "company_id",        "company_link",
    "company_name"};

int ls_filter_index(const char *filter)
{
    if (!filter)
        return -1;
    for (int i = 0; i < LS_FILTER__COUNT; i++)
        if (filter == ls_filter_names[i] || strcmp(filter, ls_filter_names[i]) == 0)
            return i;
    return -1;
}
