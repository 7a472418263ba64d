/* Reading a scanned lead for the filters: strings with their escapes
 * decoded, by_icp fields with their v1 counterparts, jobs[] entries, and
 * the location, headcount and date rules the by_icp and v1 filters share. */
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
const ls_jval *ls_m_read(ls_matcher *m, const ls_lead *lead, ls_field f, ls_jval *tmp)
{
    ls_lead_read_cached(lead, f, &m->v1name, &m->v1, tmp);
    return tmp;
}

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
    ls_job *j = user;
    int i = job_key_of(k);
    if (i >= 0)
        j->f[i] = *v;
}

/* The lead's jobs[] object entries, each read once per lead however many
 * filters look at them (fewer when memory runs out): as the scanner
 * recorded them, or by a walk over the bytes when it could not. */
const ls_job *ls_m_jobs(ls_matcher *m, const ls_lead *lead, size_t *count)
{
    if (!m->jobs_loaded) {
        m->jobs_loaded = 1;
        m->njobs = 0;
        ls_buf_clear(&m->jobs);
        ls_job j;
        ls_jval list;
        /* jobs[], else a v1 lead's work_history[] (addendum §1) */
        if (lead->jobs_n >= 0) {
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
            ls_lead_read(lead, LS_F_JOBS, NULL, &list);
            while (ls_jval_next_object(&list, &pos, job_member, &j)) {
                if (ls_buf_append(&m->jobs, &j, sizeof j) != 0)
                    break;
                m->njobs++;
                memset(&j, 0, sizeof j);
            }
        }
    }
    *count = m->njobs;
    return (const ls_job *)(void *)m->jobs.data;
}

/* An id as text: a JSON integer by its digits (-0 is 0), a string as is. */
int ls_m_id_text(ls_matcher *m, const ls_jval *v, int slot, const char **p, size_t *len)
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
int ls_m_job_is_current(ls_matcher *m, const ls_job *j)
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

/* An entry matches when its normalized comma parts equal the location's
 * trailing parts.  1 / 0, -1 when memory runs out. */
static int location_matches(ls_matcher *m, const char *s, size_t len, const ls_location *locs,
                            size_t nlocs, int strict)
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
        if (l->nparts > nparts || (strict && l->nparts != nparts))
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
int ls_m_location_matches(ls_matcher *m, const ls_jval *v, const ls_location *locs,
                          size_t nlocs, int strict, ls_memo *memo)
{
    const char *s;
    size_t len;
    if (!ls_m_string(m, v, S_A, &s, &len))
        return 0;
    const ls_memo_slot *c = ls_memo_find(memo, s, len);
    if (c)
        return c->value;
    int keep = location_matches(m, s, len, locs, nlocs, strict);
    if (keep >= 0)
        ls_memo_put(memo, s, len, keep, NULL, 0);
    return keep > 0;
}

int ls_m_headcount_bucket(ls_matcher *m, const ls_lead *lead)
{
    ls_jval tmp;
    const ls_jval *v = ls_m_read(m, lead, LS_F_COMPANY_HEADCOUNT_RANGE, &tmp);
    const char *p;
    size_t len;
    int bucket = -1;
    if (v->type == LS_J_NUMBER)
        bucket = ls_headcount_bucket_of_number(v->p, v->len);
    else if (ls_m_string(m, v, S_A, &p, &len))
        bucket = ls_headcount_bucket_of_text(p, len);
    return bucket;
}

int ls_m_parse_date(ls_matcher *m, const ls_jval *v, ymd *out)
{
    const char *p;
    size_t len;
    return ls_m_string(m, v, S_C, &p, &len) &&
           ls_date_parse(&m->req->pat, m->md, p, len, &out->y, &out->m, &out->d);
}

int ls_m_date_before(const ymd *a, const ymd *b)
{
    if (a->y != b->y)
        return a->y < b->y;
    if (a->m != b->m)
        return a->m < b->m;
    return a->d < b->d;
}

/* Bucket id 1..5 of the completed years from start to the as-of day. */
int ls_m_years_bucket(const ls_request *req, const ymd *start)
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

int ls_matcher_lead_title(ls_matcher *m, const ls_lead *lead, const char **title, size_t *len)
{
    static const ls_field title_fields[4] = {LS_F_JOB_TITLE, LS_F_RAW_JOB_TITLE, LS_F_TITLE,
                                             LS_F_HEADLINE};
    for (int i = 0; i < 4; i++)
        if (ls_m_nonblank(m, &lead->f[title_fields[i]], 0, title, len))
            return (int)title_fields[i];
    *title = "";
    *len = 0;
    return -1;
}
