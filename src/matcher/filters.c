/* Request-level filters (contract §3, fine print §7) on a scanned lead. */
#include <string.h>
#include "matcher/matcher_int.h"
#include "normalize/norm.h"

enum { S_A = 0, S_B = 1, S_C = 2 }; /* decode scratch slots */

int ls_m_string(ls_matcher *m, const ls_jval *v, int slot, const char **p, size_t *len)
{
    if (v->type != LS_J_STRING)
        return 0;
    if (!v->has_escape) {
        *p = v->p;
        *len = v->len;
        return 1;
    }
    ls_buf *b = &m->dec[slot];
    ls_buf_clear(b);
    if (ls_buf_reserve(b, v->len) != 0) { /* out of memory: treat as absent */
        *p = "";
        *len = 0;
        return 1;
    }
    unsigned fl = 0;
    b->len = ls_jstr_decode(v->p, v->len, b->data, &fl);
    b->data[b->len] = '\0';
    *p = b->data;
    *len = b->len;
    return 1;
}

int ls_m_nonblank(ls_matcher *m, const ls_jval *v, int slot, const char **p, size_t *len)
{
    return ls_m_string(m, v, slot, p, len) && !ls_is_blank(*p, *len);
}

/* The value a filter reads for a by_icp field: its own, else a v1 lead's
 * counterpart (addendum §1).  Valid until the next read of full_name. */
static const ls_jval *rd(ls_matcher *m, const ls_lead *lead, ls_field f, ls_jval *tmp)
{
    ls_lead_read_cached(lead, f, &m->v1name, &m->v1, tmp);
    return tmp;
}

/* A jobs[] entry: the members the filters read (ls_job_field), type
 * LS_J_NONE when absent; the last occurrence wins, as for the lead. */
typedef struct job {
    ls_jval f[LS_JF__COUNT];
} job;

static int job_key_of(const ls_jval *k)
{
    const char *p = k->p;
    size_t len = k->len;
    char tmp[128];
    if (k->has_escape) { /* rare: an escaped key; longer ones cannot be ours */
        if (len > sizeof tmp)
            return -1;
        unsigned fl = 0;
        len = ls_jstr_decode(p, len, tmp, &fl);
        p = tmp;
    }
    return ls_job_field_of_key(p, len);
}

static void job_member(void *user, const ls_jval *k, const ls_jval *v)
{
    job *j = user;
    int i = job_key_of(k);
    if (i >= 0)
        j->f[i] = *v;
}

/* The lead's jobs[] object entries, each read once per lead however many
 * filters look at them (fewer when memory runs out): as the scanner
 * recorded them, or by a walk over the bytes when it could not. */
static const job *lead_jobs(ls_matcher *m, const ls_lead *lead, size_t *count)
{
    if (!m->jobs_loaded) {
        m->jobs_loaded = 1;
        m->njobs = 0;
        ls_buf_clear(&m->jobs);
        job j;
        ls_jval list;
        /* jobs[], else a v1 lead's work_history[] (addendum §1), walked */
        ls_lead_read(lead, LS_F_JOBS, NULL, &list);
        int own = list.p == lead->f[LS_F_JOBS].p; /* not work_history[] */
        if (own && lead->jobs_n >= 0) {
            for (int i = 0; i < lead->jobs_n; i++) {
                for (int f = 0; f < LS_JF__COUNT; f++) {
                    const ls_lead_val *r = &lead->jobs[i].f[f];
                    j.f[f] = (ls_jval){lead->raw + r->off, r->len, (ls_jtype)r->type,
                                       r->has_escape, r->is_empty};
                }
                if (ls_buf_append(&m->jobs, &j, sizeof j) != 0)
                    break;
                m->njobs++;
            }
        } else {
            size_t pos = 0;
            memset(&j, 0, sizeof j);
            while (ls_jval_next_object(&list, &pos, job_member, &j)) {
                if (ls_buf_append(&m->jobs, &j, sizeof j) != 0)
                    break;
                m->njobs++;
                memset(&j, 0, sizeof j);
            }
        }
    }
    *count = m->njobs;
    return (const job *)(void *)m->jobs.data;
}

/* An id as text: a JSON integer by its digits (-0 is 0), a string as is. */
static int id_text(ls_matcher *m, const ls_jval *v, int slot, const char **p, size_t *len)
{
    if (v->type == LS_J_STRING)
        return ls_m_string(m, v, slot, p, len);
    if (v->type != LS_J_NUMBER || v->len == 0)
        return 0;
    for (size_t i = v->p[0] == '-'; i < v->len; i++)
        if (v->p[i] < '0' || v->p[i] > '9')
            return 0; /* a fraction or exponent: not an id */
    if (v->len == 2 && v->p[0] == '-' && v->p[1] == '0') {
        *p = "0";
        *len = 1;
        return 1;
    }
    *p = v->p;
    *len = v->len;
    return 1;
}

static int same(const char *a, size_t al, const char *b, size_t bl)
{
    return al == bl && memcmp(a, b, al) == 0;
}

/* §7: a jobs[] entry is current unless job_still_working is false or
 * job_ended_on is set (not null, not a blank string). */
static int job_is_current(ls_matcher *m, const job *j)
{
    if (j->f[LS_JF_STILL_WORKING].type == LS_J_FALSE)
        return 0;
    const ls_jval *e = &j->f[LS_JF_ENDED_ON];
    if (e->type != LS_J_NONE && e->type != LS_J_NULL) {
        const char *p;
        size_t len;
        if (!ls_m_string(m, e, S_C, &p, &len) || !ls_is_blank(p, len))
            return 0;
    }
    return 1;
}

/* Walks the current jobs[] entries whose company_id equals the lead's
 * (top-level, non-blank) company_id as text. */
typedef struct job_walk {
    const job *jobs;
    size_t n, pos;
    const char *cid; /* the lead's company_id text, in scratch slot S_A */
    size_t cid_len;
} job_walk;

static int job_walk_start(ls_matcher *m, const ls_lead *lead, job_walk *w)
{
    w->jobs = lead_jobs(m, lead, &w->n);
    w->pos = 0;
    ls_jval cid;
    return w->n > 0 && id_text(m, rd(m, lead, LS_F_COMPANY_ID, &cid), S_A, &w->cid, &w->cid_len) &&
           !ls_is_blank(w->cid, w->cid_len);
}

static const job *job_walk_next(ls_matcher *m, job_walk *w)
{
    while (w->pos < w->n) {
        const job *j = &w->jobs[w->pos++];
        const char *jid;
        size_t jl;
        if (job_is_current(m, j) && id_text(m, &j->f[LS_JF_COMPANY_ID], S_B, &jid, &jl) &&
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
        !ls_m_nonblank(m, rd(m, lead, LS_F_FULL_NAME, &v), S_A, &p, &len))
        return 1;
    const char *key = ls_normalizer_name_key(m->nz, p, len, &len, NULL);
    return !key || ls_strset_find(&m->req->exclude_names, key, len) < 0;
}

static int keep_exclude_ids(ls_matcher *m, const ls_lead *lead)
{
    const char *p;
    size_t len;
    ls_jval v;
    return !ls_m_string(m, rd(m, lead, LS_F_SALES_ID, &v), S_A, &p, &len) ||
           ls_strset_find(&m->req->exclude_ids, p, len) < 0;
}

/* The first filter_empty_vars field that the lead leaves empty, or -1. */
static int first_empty_var(ls_matcher *m, const ls_lead *lead)
{
    for (size_t i = 0; i < m->req->nempty_vars; i++) {
        int field = m->req->empty_vars[i];
        ls_jval tmp;
        const ls_jval *v = rd(m, lead, (ls_field)field, &tmp);
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

/* An entry matches when its normalized comma parts equal the location's
 * trailing parts.  1 / 0, -1 when memory runs out. */
static int location_matches(ls_matcher *m, const char *s, size_t len, const ls_location *locs,
                            size_t nlocs)
{
    ls_buf_clear(&m->parts);
    ls_buf_clear(&m->part_spans);
    size_t start = 0, nparts = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != ',')
            continue;
        size_t n;
        const char *r = ls_normalizer_run(m->nz, s + start, i - start, &n, NULL);
        size_t span[2] = {m->parts.len, n};
        if (!r || ls_buf_append(&m->parts, r, n) != 0 ||
            ls_buf_append(&m->part_spans, span, sizeof span) != 0)
            return -1;
        nparts++;
        start = i + 1;
    }
    const size_t *spans = (const size_t *)(void *)m->part_spans.data;
    for (size_t e = 0; e < nlocs; e++) {
        const ls_location *l = &locs[e];
        if (l->nparts > nparts)
            continue;
        size_t off = nparts - l->nparts, k = 0;
        for (; k < l->nparts; k++) {
            const size_t *sp = spans + 2 * (off + k);
            if (!same(l->parts[k], l->part_lens[k], m->parts.data + sp[0], sp[1]))
                break;
        }
        if (k == l->nparts)
            return 1;
    }
    return 0;
}

/* The decision depends only on the location text (the entries are the
 * request's), so it is remembered per text. */
static int keep_location(ls_matcher *m, const ls_jval *v, const ls_location *locs, size_t nlocs,
                         ls_memo *memo)
{
    const char *s;
    size_t len;
    if (!ls_m_string(m, v, S_A, &s, &len))
        return 0;
    const ls_memo_slot *c = ls_memo_find(memo, s, len);
    if (c)
        return c->value;
    int keep = location_matches(m, s, len, locs, nlocs);
    if (keep >= 0)
        ls_memo_put(memo, s, len, keep, NULL, 0);
    return keep > 0;
}

static int keep_headcount(ls_matcher *m, const ls_lead *lead)
{
    ls_jval tmp;
    const ls_jval *v = rd(m, lead, LS_F_COMPANY_HEADCOUNT_RANGE, &tmp);
    const char *p;
    size_t len;
    int bucket = -1;
    if (v->type == LS_J_NUMBER)
        bucket = ls_headcount_bucket_of_number(v->p, v->len);
    else if (ls_m_string(m, v, S_A, &p, &len))
        bucket = ls_headcount_bucket_of_text(p, len);
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
    const job *jobs = lead_jobs(m, lead, &n);
    for (size_t i = 0; i < n; i++) {
        const char *p;
        size_t len;
        if (job_is_current(m, &jobs[i]) ||
            !ls_m_string(m, &jobs[i].f[LS_JF_COMPANY_NAME], S_A, &p, &len))
            continue;
        const char *r = ls_normalizer_run(m->nz, p, len, &len, NULL);
        if (r && ls_strset_find(&m->req->past_companies, r, len) >= 0)
            return 1;
    }
    return 0;
}

typedef struct ymd {
    int y, m, d;
} ymd;

static int parse_date(ls_matcher *m, const ls_jval *v, ymd *out)
{
    const char *p;
    size_t len;
    return ls_m_string(m, v, S_C, &p, &len) &&
           ls_date_parse(&m->req->pat, m->md, p, len, &out->y, &out->m, &out->d);
}

static int date_before(const ymd *a, const ymd *b)
{
    if (a->y != b->y)
        return a->y < b->y;
    if (a->m != b->m)
        return a->m < b->m;
    return a->d < b->d;
}

/* Bucket id 1..5 of the completed years from start to the as-of day. */
static int years_bucket(const ls_request *req, const ymd *start)
{
    int years = req->as_of_y - start->y;
    if (req->as_of_m < start->m || (req->as_of_m == start->m && req->as_of_d < start->d))
        years--;
    if (years < 1)
        return 1; /* also a start after the as-of day */
    if (years <= 2)
        return 2;
    if (years <= 5)
        return 3;
    if (years <= 10)
        return 4;
    return 5;
}

static int keep_years_position(ls_matcher *m, const ls_lead *lead)
{
    ymd start;
    return parse_date(m, &lead->f[LS_F_JOB_STARTED_ON], &start) &&
           ((m->req->years_position >> years_bucket(m->req, &start)) & 1u);
}

static int keep_years_company(ls_matcher *m, const ls_lead *lead)
{
    /* §7: the earliest parseable start among current jobs at the lead's
     * company wins, even over an earlier own job_started_on */
    ymd best = {0, 0, 0}, d;
    int have = 0;
    job_walk w;
    const job *j;
    if (job_walk_start(m, lead, &w))
        while ((j = job_walk_next(m, &w)))
            if (parse_date(m, &j->f[LS_JF_STARTED_ON], &d) && (!have || date_before(&d, &best))) {
                best = d;
                have = 1;
            }
    if (!have && !parse_date(m, &lead->f[LS_F_JOB_STARTED_ON], &best))
        return 0;
    return (m->req->years_company >> years_bucket(m->req, &best)) & 1u;
}

static int lead_has_company_id(ls_matcher *m, const ls_lead *lead, const char *want, size_t wl)
{
    const char *p;
    size_t len;
    ls_jval v;
    return (id_text(m, rd(m, lead, LS_F_LINKEDIN_COMPANY_ID, &v), S_A, &p, &len) &&
            same(p, len, want, wl)) ||
           (id_text(m, rd(m, lead, LS_F_COMPANY_ID, &v), S_A, &p, &len) &&
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
    if (ls_m_nonblank(m, rd(m, lead, LS_F_COMPANY_URL, &v), S_C, &p, &len))
        return slug_equals(m, p, len);
    job_walk w;
    const job *j;
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
    if (!ls_m_string(m, rd(m, lead, LS_F_COMPANY_NAME, &v), S_A, &p, &len) ||
        !norm_into(m, p, len, &m->dec[S_B]))
        return 0;
    return same(m->dec[S_B].data, m->dec[S_B].len, m->req->company_name,
                m->req->company_name_len);
}

int ls_m_filters(ls_matcher *m, const ls_lead *lead)
{
    const ls_request *req = m->req;
    unsigned has = req->has_filter;
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
             keep_location(m, &lead->f[LS_F_LOCATION], req->locations, req->nlocations,
                           &m->loc_memo[0]))
    LS_APPLY(LS_FILTER_COMPANY_LOCATIONS,
             keep_location(m, rd(m, lead, LS_F_COMPANY_LOCATION, &cloc), req->company_locations,
                           req->ncompany_locations, &m->loc_memo[1]))
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
    return -1;
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
    default: /* past_company_names, years_in_company: jobs[] decide */
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
