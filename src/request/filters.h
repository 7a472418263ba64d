/* The request-level filters (contract §3), identified by number in the
 * order they are applied; a verdict names its filter by one of the strings
 * of ls_filter_names, so a pointer comparison identifies it. */
#ifndef LS_REQUEST_FILTERS_H
#define LS_REQUEST_FILTERS_H

typedef enum ls_filter_id {
    LS_FILTER_EXCLUDE_NAMES = 0,
    LS_FILTER_EXCLUDE_IDS,
    LS_FILTER_EMPTY_VARS,
    LS_FILTER_LOCATIONS,
    LS_FILTER_COMPANY_LOCATIONS,
    LS_FILTER_COMPANY_HEADCOUNTS,
    LS_FILTER_LEAD_INDUSTRIES,
    LS_FILTER_PAST_COMPANY_NAMES,
    LS_FILTER_YEARS_IN_POSITION,
    LS_FILTER_YEARS_IN_COMPANY,
    LS_FILTER_COMPANY_ID,
    LS_FILTER_COMPANY_LINK,
    LS_FILTER_COMPANY_NAME,
    /* v1 requests only (addendum §2), after the by_icp ones */
    LS_FILTER_EXCLUDE_LOCATIONS,
    LS_FILTER_EXCLUDE_COMPANY_LOCATIONS,
    LS_FILTER_COMPANY_INDUSTRIES,
    LS_FILTER_EXCLUDE_COMPANY_INDUSTRIES,
    LS_FILTER_EXCLUDE_COMPANY_HEADCOUNTS,
    LS_FILTER_COMPANY_TYPES,
    LS_FILTER_SKIP_TRUNCATED_NAMES,
    LS_FILTER_FIRST_NAME,
    LS_FILTER_LAST_NAME,
    LS_FILTER_EXCLUDE_LEAD_INDUSTRIES,
    LS_FILTER_PAST_JOB_TITLES,
    LS_FILTER_PAST_COMPANY_IDS,
    LS_FILTER_EXCLUDE_PAST_COMPANY_IDS,
    LS_FILTER_EXCLUDE_CURRENT_COMPANY_IDS,
    LS_FILTER_YEARS_OF_EXPERIENCE,
    LS_FILTER_KEYWORDS,
    LS_FILTER_NUM_OF_CONNECTIONS,
    LS_FILTER_JOB_TITLES,
    LS_FILTER_SENIORITIES,
    LS_FILTER__COUNT
} ls_filter_id;

/* The request field of each filter, by ls_filter_id. */
extern const char *const ls_filter_names[LS_FILTER__COUNT];
/* The id of a filter name (a verdict's pointer, or any equal string), -1
 * for NULL or an unknown name. */
int ls_filter_index(const char *filter);

#endif
