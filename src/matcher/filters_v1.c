/* The v1 request filters (contract addendum §2) on a scanned lead, applied
 * after the by_icp ones.  Fields the scanner does not record (seniority,
 * summary, skills, connections, company type) are looked up in the lead's
 * bytes, only when a request asks for them. */
#include <stdlib.h>
#include <string.h>
#include "matcher/matcher_int.h"
#include "normalize/norm.h"
#include "request/level.h"

enum { S_A = 0, S_B = 1, S_C = 2 }; /* decode scratch slots, as in filters.c */

static int in_lower_set(ls_matcher *m, const ls_strset *set, const char *p, size_t len)
{
    ls_buf *b = &m->dec[S_B];
    ls_buf_clear(b);
    if (ls_buf_append(b, p, len) != 0)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (b->data[i] >= 'A' && b->data[i] <= 'Z')
            b->data[i] = (char)(b->data[i] + 32);
    return ls_strset_find(set, b->data, len) >= 0;
}

/* " norm(s) " into m->v1text; 0 when memory runs out. */
static int padded_norm(ls_matcher *m, const char *s, size_t len)
{
    size_t n;
    const char *r = ls_normalizer_run(m->nz, s, len, &n, NULL);
    ls_buf *t = &m->v1text;
    ls_buf_clear(t);
    return r && ls_buf_putc(t, ' ') == 0 && ls_buf_append(t, r, n) == 0 &&
           ls_buf_putc(t, ' ') == 0;
}

/* Whether one of the phrases occurs in s as whole tokens. */
static int has_phrase(ls_matcher *m, const char *s, size_t len, const ls_phrase *ph, size_t n)
{
    if (!padded_norm(m, s, len))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (memmem(m->v1text.data, m->v1text.len, ph[i].padded, ph[i].padded_len))
            return 1;
    return 0;
}

static int keep_exclude_location(ls_matcher *m, const ls_jval *v, const ls_location *locs,
                                 size_t n, int strict, ls_memo *memo)
{
    return v->type != LS_J_STRING || !ls_m_location_matches(m, v, locs, n, strict, memo);
}

/* -1 without an industry, else whether it is in the set. */
static int company_industry_in(ls_matcher *m, const ls_lead *lead, const ls_strset *set)
{
    ls_jval v;
    const char *p;
    size_t len;
    if (!ls_m_nonblank(m, ls_m_read(m, lead, LS_F_COMPANY_INDUSTRY, &v), S_A, &p, &len))
        return -1;
    return in_lower_set(m, set, p, len);
}

static int keep_company_type(ls_matcher *m, const ls_lead *lead)
{
    ls_jval v;
    const char *p;
    size_t len;
    /* the by_icp-style field first, else the v1 company's (addendum §1) */
    if ((ls_lead_get(lead, "company_type", &v) && ls_m_nonblank(m, &v, S_A, &p, &len)) ||
        (ls_jval_get(&lead->f[LS_F_COMPANY], "type", &v) && ls_m_nonblank(m, &v, S_A, &p, &len)))
        return in_lower_set(m, &m->req->v1.company_types, p, len);
    m->lead_flags |= LS_LEAD_NOT_EVALUATED;
    return 1;
}

/* The lead's first (which = 0) or last name: its v1 field, else full_name
 * split at its last space.  0 when it has none. */
static int name_part(ls_matcher *m, const ls_lead *lead, int which, const char **p, size_t *len)
{
    if (ls_m_nonblank(m, &lead->f[which ? LS_F_LAST_NAME : LS_F_FIRST_NAME], S_A, p, len))
        return 1;
    const char *full;
    size_t fl;
    if (!ls_m_nonblank(m, &lead->f[LS_F_FULL_NAME], S_C, &full, &fl))
        return 0;
    ls_trim_ascii_ws(&full, &fl);
    size_t sp = fl;
    while (sp > 0 && full[sp - 1] != ' ')
        sp--;
    if (sp == 0) { /* one word: a first name without a last name */
        *p = full;
        *len = which ? 0 : fl;
        return !which;
    }
    *p = which ? full + sp : full;
    *len = which ? fl - sp : sp - 1;
    return 1;
}

/* Characters (UTF-8 code points) of a name, blanks around it and one
 * trailing '.' not counted. */
static size_t name_chars(const char *p, size_t len)
{
    ls_trim_ascii_ws(&p, &len);
    if (len && p[len - 1] == '.')
        len--;
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)p[i] & 0xC0) != 0x80;
    return n;
}

static int keep_untruncated(ls_matcher *m, const ls_lead *lead)
{
    for (int which = 0; which < 2; which++) {
        const char *p;
        size_t len;
        if (!name_part(m, lead, which, &p, &len) || name_chars(p, len) <= 1)
            return 0;
    }
    return 1;
}

static int keep_name(ls_matcher *m, const ls_lead *lead, int which, const ls_strset *set)
{
    const char *p;
    size_t len;
    if (!name_part(m, lead, which, &p, &len))
        return 0;
    const char *key = ls_normalizer_name_key(m->nz, p, len, &len, NULL);
    return key && ls_strset_find(set, key, len) >= 0;
}

static int keep_exclude_lead_industry(ls_matcher *m, const ls_lead *lead)
{
    const char *p;
    size_t len;
    return !ls_m_string(m, &lead->f[LS_F_INDUSTRY], S_A, &p, &len) ||
           !in_lower_set(m, &m->req->v1.exclude_lead_industries, p, len);
}

static int past_job_title(ls_matcher *m, const ls_lead *lead)
{
    size_t n;
    const ls_job *jobs = ls_m_jobs(m, lead, &n);
    const ls_v1_request *v = &m->req->v1;
    for (size_t i = 0; i < n; i++) {
        const char *p;
        size_t len;
        if (!ls_m_job_is_current(m, &jobs[i]) &&
            ls_m_string(m, &jobs[i].f[LS_JF_JOB_TITLE], S_A, &p, &len) &&
            has_phrase(m, p, len, v->past_job_titles, v->npast_job_titles))
            return 1;
    }
    return 0;
}

/* Whether a jobs[] entry, current (want_current) or not, has a company_id
 * in the set. */
static int job_company_in(ls_matcher *m, const ls_lead *lead, int want_current,
                          const ls_strset *set)
{
    size_t n;
    const ls_job *jobs = ls_m_jobs(m, lead, &n);
    for (size_t i = 0; i < n; i++) {
        const char *p;
        size_t len;
        if (ls_m_job_is_current(m, &jobs[i]) == want_current &&
            ls_m_id_text(m, &jobs[i].f[LS_JF_COMPANY_ID], S_B, &p, &len) &&
            ls_strset_find(set, p, len) >= 0)
            return 1;
    }
    return 0;
}

static int keep_exclude_current_company(ls_matcher *m, const ls_lead *lead)
{
    const ls_strset *set = &m->req->v1.exclude_current_company_ids;
    static const ls_field own[2] = {LS_F_COMPANY_ID, LS_F_LINKEDIN_COMPANY_ID};
    for (int i = 0; i < 2; i++) {
        ls_jval v;
        const char *p;
        size_t len;
        if (ls_m_id_text(m, ls_m_read(m, lead, own[i], &v), S_A, &p, &len) &&
            ls_strset_find(set, p, len) >= 0)
            return 0;
    }
    return !job_company_in(m, lead, 1, set);
}

static int keep_experience(ls_matcher *m, const ls_lead *lead)
{
    size_t n;
    const ls_job *jobs = ls_m_jobs(m, lead, &n);
    ymd best = {0, 0, 0}, d;
    int have = 0;
    for (size_t i = 0; i < n; i++)
        if (ls_m_parse_date(m, &jobs[i].f[LS_JF_STARTED_ON], &d) &&
            (!have || ls_m_date_before(&d, &best))) {
            best = d;
            have = 1;
        }
    return have && ((m->req->v1.years_experience >> ls_m_years_bucket(m->req, &best)) & 1u);
}

static int keep_keywords(ls_matcher *m, const ls_lead *lead)
{
    const ls_v1_request *v = &m->req->v1;
    static const char *const fields[] = {"job_description", "summary"};
    const char *p;
    size_t len;
    if (ls_m_string(m, &lead->f[LS_F_HEADLINE], S_A, &p, &len) &&
        has_phrase(m, p, len, v->keywords, v->nkeywords))
        return 1;
    ls_jval val;
    for (size_t i = 0; i < 2; i++)
        if (ls_lead_get(lead, fields[i], &val) && ls_m_string(m, &val, S_A, &p, &len) &&
            has_phrase(m, p, len, v->keywords, v->nkeywords))
            return 1;
    if (ls_lead_get(lead, "skills", &val) && val.type == LS_J_ARRAY) {
        size_t pos = 0;
        ls_jval item;
        while (ls_jval_next(&val, &pos, NULL, &item))
            if (ls_m_string(m, &item, S_A, &p, &len) &&
                has_phrase(m, p, len, v->keywords, v->nkeywords))
                return 1;
    }
    return 0;
}

/* The leading digits of a count ("500+" is 500); 0 when there are none. */
static int count_of(ls_matcher *m, const ls_jval *v, unsigned long long *out)
{
    const char *p;
    size_t len;
    if (v->type == LS_J_NUMBER) {
        p = v->p;
        len = v->len;
    } else if (!ls_m_nonblank(m, v, S_A, &p, &len)) {
        return 0;
    }
    ls_trim_ascii_ws(&p, &len);
    size_t i = 0;
    unsigned long long n = 0;
    for (; i < len && p[i] >= '0' && p[i] <= '9' && i < 18; i++)
        n = n * 10 + (unsigned)(p[i] - '0');
    *out = n;
    return i > 0;
}

static int keep_connections(ls_matcher *m, const ls_lead *lead)
{
    const ls_v1_request *v = &m->req->v1;
    ls_jval val;
    unsigned long long n;
    if (!(ls_lead_get(lead, "num_of_connections", &val) && count_of(m, &val, &n)) &&
        !(ls_lead_get(lead, "connections_count", &val) && count_of(m, &val, &n))) {
        m->lead_flags |= LS_LEAD_NOT_EVALUATED;
        return 1;
    }
    return (!v->has_conn_min || n >= v->conn_min) && (!v->has_conn_max || n <= v->conn_max);
}

static int keep_job_titles(ls_matcher *m, const ls_lead *lead)
{
    const char *title;
    size_t len;
    if (ls_matcher_lead_title(m, lead, &title, &len) < 0)
        return 0;
    return has_phrase(m, title, len, m->req->v1.job_titles, m->req->v1.njob_titles);
}

static int keep_seniority(ls_matcher *m, const ls_lead *lead)
{
    return (ls_m_lead_level(m, lead, NULL) & m->req->v1.seniority_levels) != 0;
}

int ls_m_filters_v1(ls_matcher *m, const ls_lead *lead)
{
    const ls_request *req = m->req;
    const ls_v1_request *v = &req->v1;
    uint64_t has = req->has_filter;
    ls_jval tmp;
    int in;
#define LS_APPLY(idx, keep) \
    if (((has >> (idx)) & 1u) && !(keep)) \
        return idx;
    LS_APPLY(LS_FILTER_EXCLUDE_LOCATIONS,
             keep_exclude_location(m, &lead->f[LS_F_LOCATION], v->exclude_locations,
                                   v->nexclude_locations, req->v1.strict_locations,
                                   &m->loc_memo[2]))
    LS_APPLY(LS_FILTER_EXCLUDE_COMPANY_LOCATIONS,
             keep_exclude_location(m, ls_m_read(m, lead, LS_F_COMPANY_LOCATION, &tmp),
                                   v->exclude_company_locations, v->nexclude_company_locations,
                                   req->v1.strict_company_locations, &m->loc_memo[3]))
    LS_APPLY(LS_FILTER_COMPANY_INDUSTRIES,
             company_industry_in(m, lead, &v->company_industries) == 1)
    LS_APPLY(LS_FILTER_EXCLUDE_COMPANY_INDUSTRIES,
             company_industry_in(m, lead, &v->exclude_company_industries) != 1)
    LS_APPLY(LS_FILTER_EXCLUDE_COMPANY_HEADCOUNTS,
             (in = ls_m_headcount_bucket(m, lead)) < 0 || !((v->exclude_headcounts >> in) & 1u))
    LS_APPLY(LS_FILTER_COMPANY_TYPES, keep_company_type(m, lead))
    LS_APPLY(LS_FILTER_SKIP_TRUNCATED_NAMES, keep_untruncated(m, lead))
    LS_APPLY(LS_FILTER_FIRST_NAME, keep_name(m, lead, 0, &v->first_names))
    LS_APPLY(LS_FILTER_LAST_NAME, keep_name(m, lead, 1, &v->last_names))
    LS_APPLY(LS_FILTER_EXCLUDE_LEAD_INDUSTRIES, keep_exclude_lead_industry(m, lead))
    LS_APPLY(LS_FILTER_PAST_JOB_TITLES, past_job_title(m, lead))
    LS_APPLY(LS_FILTER_PAST_COMPANY_IDS, job_company_in(m, lead, 0, &v->past_company_ids))
    LS_APPLY(LS_FILTER_EXCLUDE_PAST_COMPANY_IDS,
             !job_company_in(m, lead, 0, &v->exclude_past_company_ids))
    LS_APPLY(LS_FILTER_EXCLUDE_CURRENT_COMPANY_IDS, keep_exclude_current_company(m, lead))
    LS_APPLY(LS_FILTER_YEARS_OF_EXPERIENCE, keep_experience(m, lead))
    LS_APPLY(LS_FILTER_KEYWORDS, keep_keywords(m, lead))
    LS_APPLY(LS_FILTER_NUM_OF_CONNECTIONS, keep_connections(m, lead))
    LS_APPLY(LS_FILTER_JOB_TITLES, keep_job_titles(m, lead))
    LS_APPLY(LS_FILTER_SENIORITIES, keep_seniority(m, lead))
#undef LS_APPLY
    return -1;
}
