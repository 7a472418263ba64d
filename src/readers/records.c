/* Record kinds (contract §5a). */
#include <string.h>
#include "readers/records.h"
#include "json/json_internal.h"

/* The lead fields the scanner records; a string or a number in any of
 * them makes the object a lead without a walk.  A response, an envelope or
 * a request has none of them at its top level. */
static const ls_field recorded_lead_fields[] = {
    LS_F_SALES_ID, LS_F_LINKEDIN_URL, LS_F_LINKEDIN_ID, LS_F_FULL_NAME,
    LS_F_JOB_TITLE, LS_F_TITLE, LS_F_HEADLINE,
};

static int is_scalar_id(ls_jtype t)
{
    return t == LS_J_STRING || t == LS_J_NUMBER;
}

static int key_in(const ls_jval *k, const char *const *names)
{
    for (; *names; names++)
        if (ls_js_key_equals(k->p, k->len, k->has_escape, *names, strlen(*names)))
            return 1;
    return 0;
}

/* §5a's lead fields not among the recorded ones. */
static const char *const other_lead_fields[] = {"lead_id", "id", "first_name", NULL};

/* by_icp request fields, then v1's (v1-search.md §2). */
static const char *const request_fields[] = {
    "personas", "limit_by", "without_company", "company_headcounts", "filter_empty_vars",
    "job_titles", "seniorities", "exclude_locations", "company_industries",
    "exclude_company_industries", "exclude_company_headcounts", "exclude_company_locations",
    "strict", "skip_truncated_names", "offset_by", "last_name", "functions",
    "exclude_functions", "past_job_titles", "past_company_ids", "exclude_past_company_ids",
    "exclude_current_company_ids", "keywords", "years_of_experience",
    "groups_keywords", "find_by_emails", "include_full_profile", "include_total_count",
    "max_profiles_scanned", NULL}; /* and num_of_connections, as a range: below */

static int key_is(const ls_jval *k, const char *name)
{
    return ls_js_key_equals(k->p, k->len, k->has_escape, name, strlen(name));
}

ls_record_kind ls_record_classify(const ls_lead *L, ls_jval *leads)
{
    for (size_t i = 0; i < sizeof recorded_lead_fields / sizeof *recorded_lead_fields; i++)
        if (is_scalar_id(L->f[recorded_lead_fields[i]].type))
            return LS_REC_LEAD;
    ls_jval obj = {L->raw, L->raw_len, LS_J_OBJECT, 0, 0}, k, v;
    ls_jval data_leads = {0};
    int has_leads = 0, lead_field = 0, status_error = 0, status_code = 0, own = 0,
        request = 0;
    size_t pos = 0;
    while (ls_jval_next(&obj, &pos, &k, &v)) {
        if (key_is(&k, "leads")) {
            has_leads = 1;
            *leads = v;
        } else if (key_is(&k, "data") && v.type == LS_J_OBJECT) {
            ls_jval inner;
            data_leads.type = LS_J_NONE;
            if (ls_jval_get(&v, "leads", &inner))
                data_leads = inner;
        } else if (key_is(&k, "status")) {
            status_error = v.type == LS_J_STRING && !v.has_escape && v.len == 5 &&
                           memcmp(v.p, "error", 5) == 0;
        } else if (key_is(&k, "status_code")) {
            status_code = 1;
        } else if (key_is(&k, "leadsieve")) {
            own = 1;
        } else if (key_in(&k, other_lead_fields)) {
            lead_field |= is_scalar_id(v.type);
        } else if (key_is(&k, "num_of_connections")) {
            /* a lead's count (a number) or a request's {min, max} range */
            request |= v.type == LS_J_OBJECT;
        } else if (key_in(&k, request_fields)) {
            request = 1;
        }
    }
    /* an array wins: a "leads" that is not one does not hide data.leads */
    if (data_leads.type != LS_J_NONE && (!has_leads || (leads->type != LS_J_ARRAY &&
                                                        data_leads.type == LS_J_ARRAY)))
        *leads = data_leads;
    if (has_leads || data_leads.type != LS_J_NONE)
        return LS_REC_RESPONSE;
    if (lead_field)
        return LS_REC_LEAD;
    if (status_error && status_code)
        return LS_REC_ERROR_ENVELOPE;
    if (own)
        return LS_REC_OWN_DOCUMENT;
    if (request)
        return LS_REC_REQUEST;
    return LS_REC_LEAD;
}

const char *ls_record_kind_message(ls_record_kind kind)
{
    switch (kind) {
    case LS_REC_ERROR_ENVELOPE: return "a saved error envelope, not leads";
    case LS_REC_REQUEST: return "looks like a request, not leads";
    case LS_REC_OWN_DOCUMENT: return "a document leadsieve wrote (report, score or diff), not leads";
    default: return "not leads";
    }
}
