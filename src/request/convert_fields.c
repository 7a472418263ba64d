/* The request fields of both APIs, for the conversion between them: which
 * API has each, which v1 search accepts it, which make a request v1
 * (contract §3 for by_icp; addendum §2 for v1). */
#include <string.h>
#include "request/convert.h"
#include "request/v1.h"

/* The flags of a field name, from the field lists of both readings. */
unsigned ls_convert_field(const char *name)
{
    unsigned f = 0;
    if (ls_by_icp_field_is_known(name))
        f |= LS_CF_BY_ICP;
    if (ls_v1_field_is_known(name))
        f |= LS_CF_V1;
    if (ls_v1_field_is_realtime_only(name))
        f |= LS_CF_REALTIME;
    if (ls_v1_field_is_v1_only(name))
        f |= LS_CF_V1_ONLY;
    return f;
}

const char *ls_convert_drop_tip(const char *name)
{
    static const struct {
        const char *name, *tip;
    } tips[] = {
        {"job_titles", "say it with the functions and seniorities of personas"},
        {"seniorities", "say it with the seniorities of personas"},
        {"past_job_titles", "past titles are not read by by_icp; past_company_names reads "
                            "past employers"},
        {"offset_by", "by_icp has no paging: every matched lead up to limit_by is returned"},
        {"exclude_locations", "by_icp can only include locations"},
        {"exclude_company_locations", "by_icp can only include company locations"},
        {"exclude_company_industries", "by_icp can only include industries (lead_industries)"},
        {"exclude_lead_industries", "by_icp can only include industries (lead_industries)"},
        {"exclude_company_headcounts", "by_icp can only include headcounts "
                                       "(company_headcounts)"},
    };
    for (size_t i = 0; i < sizeof tips / sizeof *tips; i++)
        if (strcmp(tips[i].name, name) == 0)
            return tips[i].tip;
    return NULL;
}
