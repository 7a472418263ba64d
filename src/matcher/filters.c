/* Request-level filters (contract §3, fine print §7) on a scanned lead. */
#include <string.h>
#include "matcher/matcher_int.h"
#include "normalize/norm.h"

enum { S_A = 0, S_B = 1, S_C = 2 }; /* decode scratch slots */

static int same(const char *a, size_t al, const char *b, size_t bl)
{
    return al == bl && memcmp(a, b, al) == 0;
}

/* Walks the current jobs[] entries whose company_id equals the lead's
 * (top-level, non-blank) company_id as text. */
typedef struct job_walk {
    const ls_job *jobs;
    size_t n, pos;
    const char *cid; /* the lead's company_id text, in scratch slot S_A */
    size_t cid_len;
} job_walk;

static int job_walk_start(ls_matcher *m, const ls_lead *lead, job_walk *w)
{
    w->jobs = ls_m_jobs(m, lead, &w->n);
    w->pos = 0;
    ls_jval cid;
    return w->n > 0 && ls_m_id_text(m, ls_m_read(m, lead, LS_F_COMPANY_ID, &cid), S_A, &w->cid, &w->cid_len) &&
           !ls_is_blank(w->cid, w->cid_len);
}

static const ls_job *job_walk_next(ls_matcher *m, job_walk *w)
{
    while (w->pos < w->n) {
        const ls_job *j = &w->jobs[w->pos++];
        const char *jid;
        size_t jl;
        if (ls_m_job_is_current(m, j) && ls_m_id_text(m, &j->f[LS_JF_COMPANY_ID], S_B, &jid, &jl) &&
            same(w->cid, w->cid_len, jid, jl))
            return j;
    }
    return NULL;
}

static int norm_into(ls_matcher *m, const char *s, size_t len, ls_buf *out)
{
    size_t n;
    const char *r = ls_normalizer_run(m->nz, s, len, &n, NULL);
    ls_buf_clear(out);
    return r && ls_buf_append(out, r, n) == 0;
}

/* ---- the filters, each returning 1 when the lead is kept ---- */

static int keep_exclude_names(ls_matcher *m, const ls_lead *lead)
{
    const char *p;
    size_t len;
    ls_jval v;
    if (!ls_m_nonblank(m, &lead->f[LS_F_UNFORMATTED_FULL_NAME], S_A, &p, &len) &&
        !ls_m_nonblank(m, ls_m_read(m, lead, LS_F_FULL_NAME, &v), S_A, &p, &len))
        return 1;
    const char *key = ls_normalizer_name_key(m->nz, p, len, &len, NULL);
    return !key || ls_strset_find(&m->req->exclude_names, key, len) < 0;
}

static int keep_exclude_ids(ls_matcher *m, const ls_lead *lead)
{
    const char *p;
    size_t len;
    ls_jval v;
    return !ls_m_string(m, ls_m_read(m, lead, LS_F_SALES_ID, &v), S_A, &p, &len) ||
           ls_strset_find(&m->req->exclude_ids, p, len) < 0;
}

/* The first filter_empty_vars field that the lead leaves empty, or -1. */
static int first_empty_var(ls_matcher *m, const ls_lead *lead)
{
    for (size_t i = 0; i < m->req->nempty_vars; i++) {
        int field = m->req->empty_vars[i];
        ls_jval tmp;
        const ls_jval *v = ls_m_read(m, lead, (ls_field)field, &tmp);
        const char *p;
        size_t len;
        switch (v->type) {
        case LS_J_NONE:
        case LS_J_NULL:
        case LS_J_FALSE:
            return field;
        case LS_J_STRING:
            if (ls_m_string(m, v, S_A, &p, &len) && ls_is_blank(p, len))
                return field;
            break;
        case LS_J_ARRAY:
        case LS_J_OBJECT:
            if (v->is_empty)
                return field;
            break;
        default: /* numbers (0 too) and true are values */
            break;
        }
    }
    return -1;
}

static int keep_empty_vars(ls_matcher *m, const ls_lead *lead)
{
    return first_empty_var(m, lead) < 0;
}

static int keep_headcount(ls_matcher *m, const ls_lead *lead)
{
    int bucket = ls_m_headcount_bucket(m, lead);
    return bucket >= 0 && ((m->req->headcounts >> bucket) & 1u);
}

static int keep_industry(ls_matcher *m, const ls_lead *lead)
{
    const char *p;
    size_t len;
    if (!ls_m_string(m, &lead->f[LS_F_INDUSTRY], S_A, &p, &len))
        return 0;
    ls_buf *b = &m->dec[S_B];
    ls_buf_clear(b);
    if (ls_buf_append(b, p, len) != 0)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (b->data[i] >= 'A' && b->data[i] <= 'Z')
            b->data[i] = (char)(b->data[i] + 32);
    return ls_strset_find(&m->req->industries, b->data, len) >= 0;
}

static int keep_past_company(ls_matcher *m, const ls_lead *lead)
{
    size_t n;
    const ls_job *jobs = ls_m_jobs(m, lead, &n);
    for (size_t i = 0; i < n; i++) {
        const char *p;
        size_t len;
        if (ls_m_job_is_current(m, &jobs[i]) ||
            !ls_m_string(m, &jobs[i].f[LS_JF_COMPANY_NAME], S_A, &p, &len))
            continue;
        const char *r = ls_normalizer_run(m->nz, p, len, &len, NULL);
        if (r && ls_strset_find(&m->req->past_companies, r, len) >= 0)
            return 1;
    }
    return 0;
}

static int keep_years_position(ls_matcher *m, const ls_lead *lead)
{
    ymd start;
    return ls_m_parse_date(m, &lead->f[LS_F_JOB_STARTED_ON], &start) &&
           ((m->req->years_position >> ls_m_years_bucket(m->req, &start)) & 1u);
}

static int keep_years_company(ls_matcher *m, const ls_lead *lead)
{
    /* §7: the earliest parseable start among current jobs at the lead's
     * company wins, even over an earlier own job_started_on */
    ymd best = {0, 0, 0}, d;
    int have = 0;
    job_walk w;
    const ls_job *j;
    if (job_walk_start(m, lead, &w))
        while ((j = job_walk_next(m, &w)))
            if (ls_m_parse_date(m, &j->f[LS_JF_STARTED_ON], &d) && (!have || ls_m_date_before(&d, &best))) {
                best = d;
                have = 1;
            }
    if (!have && !ls_m_parse_date(m, &lead->f[LS_F_JOB_STARTED_ON], &best))
        return 0;
    return (m->req->years_company >> ls_m_years_bucket(m->req, &best)) & 1u;
}

static int lead_has_company_id(ls_matcher *m, const ls_lead *lead, const char *want, size_t wl)
{
    const char *p;
    size_t len;
    ls_jval v;
    return (ls_m_id_text(m, ls_m_read(m, lead, LS_F_LINKEDIN_COMPANY_ID, &v), S_A, &p, &len) &&
            same(p, len, want, wl)) ||
           (ls_m_id_text(m, ls_m_read(m, lead, LS_F_COMPANY_ID, &v), S_A, &p, &len) &&
            same(p, len, want, wl));
}

static int slug_equals_parsed(ls_matcher *m, const char *url, size_t len)
{
    const char *id;
    size_t il;
    ls_link_form f = ls_link_parse(&m->req->pat, m->md, url, len, &id, &il);
    if (f == LS_FORM_NONE || f == LS_FORM_SALES || il != m->req->link_value_len)
        return 0;
    for (size_t i = 0; i < il; i++) {
        unsigned char c = (unsigned char)id[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (c != (unsigned char)m->req->link_value[i])
            return 0;
    }
    return 1;
}

/* Leads of one company repeat its URL: each distinct URL is parsed once. */
static int slug_equals(ls_matcher *m, const char *url, size_t len)
{
    const ls_memo_slot *c = ls_memo_find(&m->link_memo, url, len);
    if (c)
        return c->value;
    int eq = slug_equals_parsed(m, url, len);
    ls_memo_put(&m->link_memo, url, len, eq, NULL, 0);
    return eq;
}

static int keep_company_link(ls_matcher *m, const ls_lead *lead)
{
    const ls_request *req = m->req;
    if (req->link_kind == LS_LINK_ID)
        return lead_has_company_id(m, lead, req->link_value, req->link_value_len);
    const char *p;
    size_t len;
    ls_jval v;
    /* §7: a non-blank company_url (a v1 lead's company.linkedin_url)
     * always decides */
    if (ls_m_nonblank(m, ls_m_read(m, lead, LS_F_COMPANY_URL, &v), S_C, &p, &len))
        return slug_equals(m, p, len);
    job_walk w;
    const ls_job *j;
    if (job_walk_start(m, lead, &w))
        while ((j = job_walk_next(m, &w)))
            if (ls_m_nonblank(m, &j->f[LS_JF_COMPANY_URL], S_C, &p, &len))
                return slug_equals(m, p, len);
    return 0;
}

static int keep_company_name(ls_matcher *m, const ls_lead *lead)
{
    const char *p;
    size_t len;
    ls_jval v;
    if (!ls_m_string(m, ls_m_read(m, lead, LS_F_COMPANY_NAME, &v), S_A, &p, &len) ||
        !norm_into(m, p, len, &m->dec[S_B]))
        return 0;
    return same(m->dec[S_B].data, m->dec[S_B].len, m->req->company_name,
                m->req->company_name_len);
}

int ls_m_filters(ls_matcher *m, const ls_lead *lead)
{
    const ls_request *req = m->req;
    uint64_t has = req->has_filter;
    m->lead_flags = 0;
    if (!has)
        return -1;
    m->jobs_loaded = 0;
    m->v1.loaded = 0;
    ls_jval cloc;
#define LS_APPLY(idx, keep) \
    if (((has >> (idx)) & 1u) && !(keep)) \
        return idx;
    LS_APPLY(LS_FILTER_EXCLUDE_NAMES, keep_exclude_names(m, lead))
    LS_APPLY(LS_FILTER_EXCLUDE_IDS, keep_exclude_ids(m, lead))
    LS_APPLY(LS_FILTER_EMPTY_VARS, keep_empty_vars(m, lead))
    LS_APPLY(LS_FILTER_LOCATIONS,
             ls_m_location_matches(m, &lead->f[LS_F_LOCATION], req->locations, req->nlocations,
                                   req->v1.strict_locations, &m->loc_memo[0]))
    LS_APPLY(LS_FILTER_COMPANY_LOCATIONS,
             ls_m_location_matches(m, ls_m_read(m, lead, LS_F_COMPANY_LOCATION, &cloc),
                                   req->company_locations, req->ncompany_locations,
                                   req->v1.strict_company_locations, &m->loc_memo[1]))
    LS_APPLY(LS_FILTER_COMPANY_HEADCOUNTS, keep_headcount(m, lead))
    LS_APPLY(LS_FILTER_LEAD_INDUSTRIES, keep_industry(m, lead))
    LS_APPLY(LS_FILTER_PAST_COMPANY_NAMES, keep_past_company(m, lead))
    LS_APPLY(LS_FILTER_YEARS_IN_POSITION, keep_years_position(m, lead))
    LS_APPLY(LS_FILTER_YEARS_IN_COMPANY, keep_years_company(m, lead))
    LS_APPLY(LS_FILTER_COMPANY_ID,
             lead_has_company_id(m, lead, req->company_id, req->company_id_len))
    LS_APPLY(LS_FILTER_COMPANY_LINK, keep_company_link(m, lead))
    LS_APPLY(LS_FILTER_COMPANY_NAME, keep_company_name(m, lead))
#undef LS_APPLY
    return has >> LS_FILTER_EXCLUDE_LOCATIONS ? ls_m_filters_v1(m, lead) : -1;
}

int ls_matcher_filter_field(ls_matcher *m, const ls_lead *lead, int filter_id)
{
    const char *p;
    size_t len;
    m->v1.loaded = 0; /* another lead than the last ls_m_filters read, maybe */
    switch (filter_id) {
    case LS_FILTER_EXCLUDE_NAMES: /* the name it compared */
        return ls_m_nonblank(m, &lead->f[LS_F_UNFORMATTED_FULL_NAME], S_A, &p, &len)
                   ? LS_F_UNFORMATTED_FULL_NAME
                   : LS_F_FULL_NAME;
    case LS_FILTER_EXCLUDE_IDS:
        return LS_F_SALES_ID;
    case LS_FILTER_EMPTY_VARS:
        return first_empty_var(m, lead);
    case LS_FILTER_LOCATIONS:
        return LS_F_LOCATION;
    case LS_FILTER_COMPANY_LOCATIONS:
        return LS_F_COMPANY_LOCATION;
    case LS_FILTER_COMPANY_HEADCOUNTS:
        return LS_F_COMPANY_HEADCOUNT_RANGE;
    case LS_FILTER_LEAD_INDUSTRIES:
        return LS_F_INDUSTRY;
    case LS_FILTER_YEARS_IN_POSITION:
        return LS_F_JOB_STARTED_ON;
    case LS_FILTER_COMPANY_LINK: /* a slug compares company_url, a numeric link the ids */
        if (m->req->link_kind == LS_LINK_SLUG)
            return LS_F_COMPANY_URL;
        /* fall through */
    case LS_FILTER_COMPANY_ID:
        return lead->f[LS_F_LINKEDIN_COMPANY_ID].type != LS_J_NONE ? LS_F_LINKEDIN_COMPANY_ID
                                                                   : LS_F_COMPANY_ID;
    case LS_FILTER_COMPANY_NAME:
        return LS_F_COMPANY_NAME;
    case LS_FILTER_EXCLUDE_LOCATIONS:
        return LS_F_LOCATION;
    case LS_FILTER_EXCLUDE_COMPANY_LOCATIONS:
        return LS_F_COMPANY_LOCATION;
    case LS_FILTER_COMPANY_INDUSTRIES:
    case LS_FILTER_EXCLUDE_COMPANY_INDUSTRIES:
        return LS_F_COMPANY_INDUSTRY;
    case LS_FILTER_EXCLUDE_COMPANY_HEADCOUNTS:
        return LS_F_COMPANY_HEADCOUNT_RANGE;
    case LS_FILTER_EXCLUDE_LEAD_INDUSTRIES:
        return LS_F_INDUSTRY;
    case LS_FILTER_JOB_TITLES: { /* the title the chain gives */
        const char *t;
        size_t tl;
        return ls_matcher_lead_title(m, lead, &t, &tl);
    }
    default: /* past_company_names, years_in_company and the like: jobs[] decide */
        return -1;
    }
}

const char *ls_matcher_filter_read(ls_matcher *m, const ls_lead *lead, int filter_id,
                                   ls_jval *out)
{
    int field = ls_matcher_filter_field(m, lead, filter_id);
    if (field < 0)
        return NULL;
    const char *name = ls_lead_read_cached(lead, (ls_field)field, &m->v1name, &m->v1, out);
    return name ? name : ls_field_name((ls_field)field);
}
