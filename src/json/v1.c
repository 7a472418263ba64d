/* v1 leads (contract addendum §1): every rule that reads a by_icp field
 * reads, when that field is absent, null or blank, its v1 counterpart.
 * The scanner records the counterparts' top-level members (lead_id, id,
 * first_name, last_name, work_history, company_industry) and the nested
 * "company" object as it records any field, and its fast path the
 * object's members too (ls_lead.company); they are read here, and only
 * when the by_icp field is missing, so a by_icp lead pays one test per
 * read. */
#include <string.h>
#include "core/core.h"
#include "json/json.h"
#include "json/json_internal.h"

/* A validated string body that decodes to ASCII whitespace only.  A lone
 * surrogate escape is not whitespace (the dedup key keeps such a string
 * as written, so it is a value). */
static int body_blank(const char *p, size_t len)
{
    const unsigned char *s = (const unsigned char *)p, *end = s + len;
    while (s < end) {
        if (*s != '\\') {
            if (!ls_is_ascii_ws(*s))
                return 0;
            s++;
            continue;
        }
        if (end - s < 2)
            return 0;
        switch (s[1]) {
        case 't': case 'n': case 'r': case 'f':
            s += 2;
            continue;
        case 'u':
            if (end - s < 6)
                return 0;
            {
                long u = ls_js_hex4(s + 2);
                if (u < 0 || u > 0x7F || !ls_is_ascii_ws((unsigned char)u))
                    return 0;
            }
            s += 6;
            continue;
        default:
            return 0;
        }
    }
    return 1;
}

int ls_jval_is_blank(const ls_jval *v)
{
    switch (v->type) {
    case LS_J_NONE:
    case LS_J_NULL:
        return 1;
    case LS_J_STRING:
        return body_blank(v->p, v->len);
    default:
        return 0;
    }
}

/* jobs[] and work_history[]: an empty list is as good as none. */
static int list_blank(const ls_jval *v)
{
    return ls_jval_is_blank(v) || (v->type == LS_J_ARRAY && v->is_empty);
}

/* The members of "company" that ls_lead_read reads, ls_v1_cache order. */
enum {
    C_ID = LS_CF_ID, C_NAME = LS_CF_NAME, C_URL = LS_CF_LINKEDIN_URL, C_DOMAIN = LS_CF_DOMAIN,
    C_RANGE = LS_CF_HEADCOUNT_RANGE, C_HEADCOUNT = LS_CF_HEADCOUNT, C_LOCATION = LS_CF_LOCATION,
    C_HQ = LS_CF_HEADQUARTERS, C_INDUSTRY = LS_CF_INDUSTRY
};

/* The company field a raw key body names (escapes decoded), or -1. */
static int company_key(const ls_jval *k)
{
    if (!k->has_escape)
        return ls_js_company_field(k->p, k->len);
    char tmp[15 * 6]; /* the longest name, each byte escaped */
    if (k->len > sizeof tmp)
        return -1;
    unsigned fl = 0;
    return ls_js_company_field(tmp, ls_jstr_decode(k->p, k->len, tmp, &fl));
}

/* Every member read: as the scanner recorded them, else in one walk of
 * the object (the last of a key wins). */
static void company_load(const ls_lead *lead, ls_v1_cache *c)
{
    c->loaded = 1;
    const ls_jval *obj = &lead->f[LS_F_COMPANY];
    if (obj->type == LS_J_OBJECT && lead->company_rec) {
        for (int i = 0; i < LS_V1_COMPANY_MEMBERS; i++) {
            const ls_lead_val *r = &lead->company[i];
            c->m[i] = (ls_jval){lead->raw + r->off, r->len, (ls_jtype)r->type, r->has_escape,
                                r->is_empty};
        }
        return;
    }
    memset(c->m, 0, sizeof c->m);
    if (obj->type != LS_J_OBJECT || obj->is_empty)
        return;
    size_t pos = 0;
    ls_jval k, v;
    while (ls_jval_next(obj, &pos, &k, &v)) {
        int i = company_key(&k);
        if (i >= 0)
            c->m[i] = v;
    }
}

/* The member of the lead's "company" object, when it is there and not
 * blank, from the cache (filled at the first read of a lead: one walk of
 * the object however many members are read). */
static int company_member(const ls_lead *lead, ls_v1_cache *cache, int idx, ls_jval *out)
{
    if (!cache->loaded)
        company_load(lead, cache);
    const ls_jval *v = &cache->m[idx];
    if (ls_jval_is_blank(v))
        return 0;
    *out = *v;
    return 1;
}

static int top_member(const ls_lead *lead, ls_field f, ls_jval *out)
{
    if (ls_jval_is_blank(&lead->f[f]))
        return 0;
    *out = lead->f[f];
    return 1;
}

/* first_name + " " + last_name, either alone when the other is missing:
 * a raw string body (escapes as written; a space joins two bodies into
 * one).  0 when neither is a non-blank string. */
static int full_name_of(const ls_lead *lead, ls_buf *scratch, ls_jval *out)
{
    const ls_jval *a = &lead->f[LS_F_FIRST_NAME], *b = &lead->f[LS_F_LAST_NAME];
    int ha = a->type == LS_J_STRING && !body_blank(a->p, a->len);
    int hb = b->type == LS_J_STRING && !body_blank(b->p, b->len);
    if (!ha && !hb)
        return 0;
    if (!ha || !hb) {
        *out = ha ? *a : *b;
        return 1;
    }
    if (!scratch)
        return 0;
    ls_buf_clear(scratch);
    if (ls_buf_append(scratch, a->p, a->len) != 0 || ls_buf_putc(scratch, ' ') != 0 ||
        ls_buf_append(scratch, b->p, b->len) != 0)
        return 0; /* out of memory: as if there were no name */
    *out = (ls_jval){scratch->data, scratch->len, LS_J_STRING,
                     (uint8_t)(a->has_escape | b->has_escape), 0};
    return 1;
}

const char *ls_lead_read(const ls_lead *lead, ls_field f, ls_buf *scratch, ls_jval *out)
{
    ls_v1_cache cache; /* filled only if the company object is read */
    cache.loaded = 0;
    return ls_lead_read_cached(lead, f, scratch, &cache, out);
}

const char *ls_lead_read_cached(const ls_lead *lead, ls_field f, ls_buf *scratch,
                                ls_v1_cache *cache, ls_jval *out)
{
    const ls_jval *own = &lead->f[f];
    if (f == LS_F_COMPANY_INDUSTRY) {
        /* the employer's industry: company.industry first (§1) */
        if (company_member(lead, cache, C_INDUSTRY, out))
            return "company.industry";
        if (top_member(lead, LS_F_COMPANY_INDUSTRY, out))
            return "company_industry";
        if (top_member(lead, LS_F_INDUSTRY, out))
            return "industry";
        *out = *own;
        return own->type != LS_J_NONE ? "company_industry" : NULL;
    }
    if (f == LS_F_JOBS ? !list_blank(own) : !ls_jval_is_blank(own)) {
        *out = *own;
        return ls_field_name(f);
    }
    switch (f) {
    case LS_F_SALES_ID:
        if (top_member(lead, LS_F_LEAD_ID, out))
            return "lead_id";
        if (top_member(lead, LS_F_ID, out))
            return "id";
        break;
    case LS_F_FULL_NAME:
        if (full_name_of(lead, scratch, out))
            return "first_name + last_name";
        break;
    case LS_F_COMPANY_ID:
    case LS_F_LINKEDIN_COMPANY_ID:
        /* the two are one company id to the filters: a lead with either
         * has its company's id, and company.id does not stand beside it */
        if (ls_jval_is_blank(&lead->f[LS_F_COMPANY_ID]) &&
            ls_jval_is_blank(&lead->f[LS_F_LINKEDIN_COMPANY_ID]) &&
            company_member(lead, cache, C_ID, out))
            return "company.id";
        break;
    case LS_F_COMPANY_NAME:
        if (company_member(lead, cache, C_NAME, out))
            return "company.name";
        break;
    case LS_F_COMPANY_URL:
        if (company_member(lead, cache, C_URL, out))
            return "company.linkedin_url";
        break;
    case LS_F_COMPANY_WEBSITE:
        if (company_member(lead, cache, C_DOMAIN, out))
            return "company.domain";
        break;
    case LS_F_COMPANY_HEADCOUNT_RANGE:
        if (company_member(lead, cache, C_RANGE, out))
            return "company.headcount_range";
        if (company_member(lead, cache, C_HEADCOUNT, out))
            return "company.headcount";
        break;
    case LS_F_COMPANY_LOCATION:
        if (company_member(lead, cache, C_LOCATION, out))
            return "company.location";
        if (company_member(lead, cache, C_HQ, out))
            return "company.headquarters";
        break;
    case LS_F_JOBS:
        if (!list_blank(&lead->f[LS_F_WORK_HISTORY])) {
            *out = lead->f[LS_F_WORK_HISTORY];
            return "work_history";
        }
        break;
    default:
        break;
    }
    *out = *own;
    return own->type != LS_J_NONE ? ls_field_name(f) : NULL;
}

int ls_field_has_v1(ls_field f)
{
    switch (f) {
    case LS_F_SALES_ID:
    case LS_F_FULL_NAME:
    case LS_F_COMPANY_ID:
    case LS_F_LINKEDIN_COMPANY_ID:
    case LS_F_COMPANY_NAME:
    case LS_F_COMPANY_URL:
    case LS_F_COMPANY_WEBSITE:
    case LS_F_COMPANY_HEADCOUNT_RANGE:
    case LS_F_COMPANY_LOCATION:
    case LS_F_COMPANY_INDUSTRY:
    case LS_F_JOBS:
        return 1;
    default:
        return 0;
    }
}
