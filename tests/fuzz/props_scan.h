/* Properties of the JSON module for ANY input bytes: the lead scanner
 * (ls_scan_value), the request DOM (ls_jdoc_parse), string decoding and the
 * value walkers.  Shared by fuzz_scan.c and
 * tests/test_json_fuzz_regressions.c.
 *
 * The scanner and the DOM read the same grammar, so they must agree: the
 * DOM accepts a text exactly when the scanner accepts one value after the
 * leading whitespace and only whitespace follows it.  Nesting is measured
 * here independently (brackets outside strings) and compared with the limit.
 */
#ifndef LS_FUZZ_PROPS_SCAN_H
#define LS_FUZZ_PROPS_SCAN_H
#include <stdlib.h>
#include <string.h>
#include "json/json.h"
#include "json/json_internal.h"
#include "fuzz_common_utf8.h"

static inline int props_js_ws(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Deepest bracket nesting of a VALID value: '{' and '[' outside strings. */
static inline int props_json_depth(const char *s, size_t n)
{
    int d = 0, max = 0, in_str = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{' || c == '[') {
            if (++d > max)
                max = d;
        } else if (c == '}' || c == ']') {
            d--;
        }
    }
    return max;
}

static inline int props_in(const char *base, size_t n, const char *p, size_t len)
{
    return p >= base && (size_t)(p - base) <= n && len <= n - (size_t)(p - base);
}

static inline const char *props_check_jval(const char *base, size_t n, const ls_jval *v)
{
    if (v->type == LS_J_NONE)
        return NULL;
    if (!v->p || !props_in(base, n, v->p, v->len))
        return "a value lies outside the scanned bytes";
    if (v->type == LS_J_STRING) {
        if (v->p == base || v->p[-1] != '"' || !props_in(base, n, v->p, v->len + 1) ||
            v->p[v->len] != '"')
            return "a string value is not the bytes between its quotes";
        if ((memchr(v->p, '\\', v->len) != NULL) != (v->has_escape != 0))
            return "has_escape does not match the string body";
    }
    if ((v->type == LS_J_OBJECT && (v->p[0] != '{' || v->p[v->len - 1] != '}')) ||
        (v->type == LS_J_ARRAY && (v->p[0] != '[' || v->p[v->len - 1] != ']')))
        return "a container value is not bracket to bracket";
    return NULL;
}

static inline int props_jobs_member_key(const ls_jval *k)
{
    char tmp[128];
    if (!k->has_escape)
        return ls_job_field_of_key(k->p, k->len);
    if (k->len > sizeof tmp)
        return -1;
    unsigned fl = 0;
    return ls_job_field_of_key(tmp, ls_jstr_decode(k->p, k->len, tmp, &fl));
}

typedef struct props_job {
    ls_jval f[LS_JF__COUNT];
} props_job;

static inline void props_job_member(void *user, const ls_jval *k, const ls_jval *v)
{
    props_job *j = user;
    int f = props_jobs_member_key(k);
    if (f >= 0)
        j->f[f] = *v;
}

/* The jobs[] entries the scanner recorded are those a walk over the bytes
 * of the list ls_lead_read reads (jobs, else work_history) finds (object
 * entries in order, last occurrence of each member). */
static inline const char *props_check_jobs(const ls_lead *L)
{
    if (L->jobs_n < 0)
        return L->jobs_n == -1 ? NULL : "jobs_n below -1";
    if (L->jobs_n > LS_LEAD_MAX_JOBS)
        return "jobs_n above LS_LEAD_MAX_JOBS";
    size_t pos = 0;
    int n = 0;
    props_job j;
    memset(&j, 0, sizeof j);
    ls_jval list;
    ls_lead_read(L, LS_F_JOBS, NULL, &list);
    while (ls_jval_next_object(&list, &pos, props_job_member, &j)) {
        if (n >= L->jobs_n)
            return "the walk finds more jobs[] objects than were recorded";
        for (int f = 0; f < LS_JF__COUNT; f++) {
            const ls_lead_val *r = &L->jobs[n].f[f];
            const ls_jval *w = &j.f[f];
            if (r->type != w->type)
                return "a recorded jobs[] member differs in type from the walk";
            if (w->type != LS_J_NONE &&
                (L->raw + r->off != w->p || r->len != w->len ||
                 r->has_escape != w->has_escape || r->is_empty != w->is_empty))
                return "a recorded jobs[] member differs from the walk";
        }
        n++;
        memset(&j, 0, sizeof j);
    }
    return n == L->jobs_n ? NULL : "the walk finds fewer jobs[] objects than were recorded";
}

/* The company members the scanner recorded are those a walk over the
 * last "company" object finds (last occurrence of each, keys decoded). */
static inline const char *props_check_company(const ls_lead *L)
{
    const ls_jval *obj = &L->f[LS_F_COMPANY];
    if (!L->company_rec || obj->type != LS_J_OBJECT)
        return NULL;
    ls_jval w[LS_CF__COUNT], k, v;
    memset(w, 0, sizeof w);
    size_t pos = 0;
    while (ls_jval_next(obj, &pos, &k, &v)) {
        char tmp[128];
        const char *kp = k.p;
        size_t kl = k.len;
        if (k.has_escape) {
            if (k.len > sizeof tmp)
                continue;
            unsigned fl = 0;
            kl = ls_jstr_decode(k.p, k.len, tmp, &fl);
            kp = tmp;
        }
        int f = ls_company_field_of_key(kp, kl);
        if (f >= 0)
            w[f] = v;
    }
    for (int f = 0; f < LS_CF__COUNT; f++) {
        const ls_lead_val *r = &L->company[f];
        if (r->type != w[f].type)
            return "a recorded company member differs in type from the walk";
        if (w[f].type != LS_J_NONE &&
            (L->raw + r->off != w[f].p || r->len != w[f].len ||
             r->has_escape != w[f].has_escape || r->is_empty != w[f].is_empty))
            return "a recorded company member differs from the walk";
    }
    return NULL;
}

/* The general scanner's lead g against another scan f of the same bytes. */
static inline const char *props_same_lead(const ls_lead *g, const ls_lead *f)
{
    if (g->raw != f->raw || g->raw_len != f->raw_len || g->flags != f->flags ||
        g->persona_n != f->persona_n)
        return "the fast and general scanners give different leads";
    for (unsigned i = 0; i < g->persona_n; i++)
        if (g->persona_off[i] != f->persona_off[i] || g->persona_len[i] != f->persona_len[i])
            return "the fast and general scanners give different persona slots";
    for (int k = 0; k < LS_F__COUNT; k++) {
        const ls_jval *a = &g->f[k], *b = &f->f[k];
        if (a->type != b->type || (a->type != LS_J_NONE &&
                                   (a->p != b->p || a->len != b->len ||
                                    a->has_escape != b->has_escape || a->is_empty != b->is_empty)))
            return "the fast and general scanners give different fields";
    }
    return NULL;
}

/* The scanner's fast path against its general path on the same bytes: the
 * same result, length, fields, persona slots, flags and error. */
static inline const char *props_fast_vs_general(const char *t, size_t n, int depth,
                                                const ls_lead *lf, int rf, size_t vf,
                                                const ls_scan_error *ef)
{
    ls_lead lg;
    ls_scan_error eg;
    size_t vg = (size_t)-1;
    memset(&eg, 0, sizeof eg);
    int rg = ls_js_scan_general(t, n, depth, &lg, &vg, &eg);
    if (rg != rf)
        return "the fast and general scanners return different results";
    if (rg < 0) {
        if (rg == -1 && (eg.offset != ef->offset || eg.kind != ef->kind ||
                         strcmp(eg.message, ef->message) != 0))
            return "the fast and general scanners report different errors";
        return NULL;
    }
    if (vg != vf)
        return "the fast and general scanners find different value lengths";
    if (rg != 1)
        return NULL;
    const char *why = props_same_lead(&lg, lf);
    if (why)
        return why;
    /* each instruction-set copy of the fast path, where it takes the lead */
    int d = depth <= 0 ? 512 : depth;
    if (n == 0 || t[0] != '{')
        return NULL;
    ls_lead lv;
    size_t vv = 0;
    /* each copy with a key-token memory of its own, kept from call to call
     * as a reader keeps it: a remembered token must never change a result */
    static ls_js_shapes shapes_base, shapes_avx2;
    if (ls_js_lead_fast_base(t, n, d, &lv, &vv, &shapes_base) == 1 &&
        (vv != vg || (why = props_same_lead(&lg, &lv)) != NULL || (why = props_check_jobs(&lv)) ||
         (why = props_check_company(&lv))))
        return why ? why : "the baseline fast path finds a different value length";
    if (ls_js_lead_fast_avx2(t, n, d, &lv, &vv, &shapes_avx2) == 1 &&
        (vv != vg || (why = props_same_lead(&lg, &lv)) != NULL || (why = props_check_jobs(&lv)) ||
         (why = props_check_company(&lv))))
        return why ? why : "the AVX2 fast path finds a different value length";
    return NULL;
}

/* ls_scan_value on text[0..n): result shape.  Fills *rc, *vlen, *kind. */
static inline const char *props_scan_one(const char *t, size_t n, int depth, int *rc,
                                         size_t *vlen, ls_diag_kind *kind)
{
    ls_lead lead;
    ls_scan_error err;
    memset(&err, 0, sizeof err);
    *vlen = (size_t)-1;
    *rc = ls_scan_value(t, n, depth, &lead, vlen, &err);
    *kind = err.kind;
    const char *differs = props_fast_vs_general(t, n, depth, &lead, *rc, *vlen, &err);
    if (differs)
        return differs;
    if (*rc == 1 && (differs = props_check_jobs(&lead)) != NULL)
        return differs;
    if (*rc < -2 || *rc > 1)
        return "ls_scan_value returned a value outside -2..1";
    if (*rc < 0) {
        if (err.offset > n)
            return "scan error offset past the end of the text";
        if (memchr(err.message, '\0', sizeof err.message) == NULL || !err.message[0])
            return "scan error without a message";
        if (*rc == -1 && err.kind != LS_DIAG_MALFORMED && err.kind != LS_DIAG_LIMIT)
            return "scan error kind is neither MALFORMED nor LIMIT";
        return NULL;
    }
    if (*vlen == 0 || *vlen > n)
        return "value_len outside 1..len";
    if ((*rc == 1) != (t[0] == '{'))
        return "return value 1 and '{' disagree";
    int eff = depth <= 0 ? 512 : depth;
    if (props_json_depth(t, *vlen) > eff)
        return "accepted a value nested deeper than max_depth";
    if (*rc == 1) {
        const char *why;
        if (lead.raw != t || lead.raw_len != *vlen || t[*vlen - 1] != '}')
            return "lead.raw/raw_len are not the object's bytes";
        for (int f = 0; f < LS_F__COUNT; f++)
            if ((why = props_check_jval(t, *vlen, &lead.f[f])) != NULL)
                return why;
        /* what a rule reads (a v1 lead's counterpart, addendum §1) is a
         * value of the lead too, except a full name made of two parts */
        for (int f = 0; f < LS_F__COUNT; f++) {
            ls_jval rv;
            const char *name = ls_lead_read(&lead, (ls_field)f, NULL, &rv);
            if (!name != (rv.type == LS_J_NONE))
                return "ls_lead_read names a value it does not give";
            if ((why = props_check_jval(t, *vlen, &rv)) != NULL)
                return why;
        }
        if (lead.persona_n > LS_LEAD_MAX_PERSONA_SLOTS)
            return "persona_n above LS_LEAD_MAX_PERSONA_SLOTS";
        for (unsigned i = 0; i < lead.persona_n; i++)
            if (!props_in(t, *vlen, t + lead.persona_off[i], lead.persona_len[i]) ||
                lead.persona_len[i] == 0)
                return "a persona slot lies outside the lead";
        /* decoding any string field never grows and stays in bounds */
        for (int f = 0; f < LS_F__COUNT; f++) {
            const ls_jval *v = &lead.f[f];
            if (v->type != LS_J_STRING)
                continue;
            char *out = malloc(v->len ? v->len : 1);
            if (!out)
                return "out of memory";
            unsigned fl = 0;
            size_t dl = ls_jstr_decode(v->p, v->len, out, &fl);
            int same = !v->has_escape && fuzz_utf8_valid((const unsigned char *)v->p, v->len)
                           ? dl == v->len && memcmp(out, v->p, dl) == 0 && fl == 0
                           : 1;
            free(out);
            if (dl > v->len)
                return "ls_jstr_decode grew the string";
            if (!same)
                return "ls_jstr_decode changed a string without escapes";
        }
    }
    return NULL;
}

static inline const char *props_check_node(const ls_jnode *n, int level, int max_depth)
{
    if (!n)
        return "NULL node in the DOM";
    switch (n->type) {
    case LS_J_STRING:
    case LS_J_NUMBER:
        if (!n->str || n->str[n->str_len] != '\0')
            return "DOM string/number is not NUL-terminated at str_len";
        if (n->type == LS_J_NUMBER && n->str_len == 0)
            return "DOM number with an empty lexeme";
        return NULL;
    case LS_J_NULL:
    case LS_J_TRUE:
    case LS_J_FALSE:
        return NULL;
    case LS_J_ARRAY:
    case LS_J_OBJECT:
        if (level + 1 > max_depth)
            return "DOM deeper than max_depth";
        if (n->count && !n->items)
            return "DOM container without items";
        if (n->type == LS_J_OBJECT && n->count && !n->keys)
            return "DOM object without keys";
        for (size_t i = 0; i < n->count; i++) {
            const char *why = props_check_node(n->items[i], level + 1, max_depth);
            if (why)
                return why;
            if (n->type == LS_J_OBJECT && !n->keys[i])
                return "DOM object key is NULL";
        }
        return NULL;
    default:
        return "DOM node of an unknown type";
    }
}

/* The DOM against the raw-value walkers over the same bytes. */
static inline const char *props_dom_vs_walk(const ls_jnode *root, const char *v, size_t vlen)
{
    ls_jval top = {v, vlen, LS_J_NONE, 0, 0};
    if (root->type == LS_J_STRING) {
        char *out = malloc(vlen);
        if (!out)
            return "out of memory";
        unsigned fl = 0;
        size_t dl = ls_jstr_decode(v + 1, vlen - 2, out, &fl);
        int same = dl == root->str_len && memcmp(out, root->str, dl) == 0 &&
                   ((fl & LS_NORM_INVALID_UTF8) != 0) == (root->bad_utf8 != 0);
        free(out);
        return same ? NULL : "ls_jstr_decode and the DOM decode a string differently";
    }
    if (root->type == LS_J_ARRAY) {
        top.type = LS_J_ARRAY;
        size_t pos = 0, k = 0;
        ls_jval e;
        while (ls_jval_next(&top, &pos, NULL, &e)) {
            if (k >= root->count)
                return "ls_jval_next finds more array elements than the DOM";
            if (e.type != root->items[k]->type)
                return "ls_jval_next and the DOM disagree on an element's type";
            if (k++ > (size_t)1 << 20)
                break;
        }
        return k == root->count ? NULL : "ls_jval_next finds fewer array elements than the DOM";
    }
    if (root->type == LS_J_OBJECT) {
        top.type = LS_J_OBJECT;
        for (size_t i = 0; i < root->count && i < 64; i++) {
            ls_jval e;
            /* a key holding "\u0000" cannot be looked up by C string */
            if (ls_jnode_get(root, root->keys[i]) != root->items[i])
                continue;
            if (!ls_jval_get(&top, root->keys[i], &e))
                return "ls_jval_get misses a key the DOM has";
            if (e.type != root->items[i]->type)
                return "ls_jval_get and the DOM disagree on a member's type";
        }
    }
    return NULL;
}

/* The one limit the lead scanner has and the DOM has not: more
 * "linkedin_lead_persona" members in one lead than it keeps slots for.
 * Such a text is valid JSON that the scanner rightly refuses as a lead.
 * Members are counted on the bytes (the DOM keeps one per key). */
static inline int props_lead_limit_only(const char *v, size_t vlen, int rc, ls_diag_kind kind)
{
    while (vlen > 0 && props_js_ws((unsigned char)v[vlen - 1]))
        vlen--; /* the DOM accepted the text: one value, then whitespace */
    if (rc != -1 || kind != LS_DIAG_LIMIT || vlen == 0 || v[0] != '{')
        return 0;
    ls_jval top = {v, vlen, LS_J_OBJECT, 0, 0}, key, val;
    size_t pos = 0, personas = 0;
    while (ls_jval_next(&top, &pos, &key, &val))
        personas += ls_js_key_equals(key.p, key.len, key.has_escape, "linkedin_lead_persona", 21);
    return personas > LS_LEAD_MAX_PERSONA_SLOTS;
}

static inline const char *props_scan(const char *t, size_t n)
{
    const char *why;
    int rc, rc2;
    size_t vlen, vlen2;
    ls_diag_kind kind, kind2;

    /* arbitrary bytes through the decoder: never grows, never overruns */
    {
        char *out = malloc(n ? n : 1);
        if (!out)
            return "out of memory";
        size_t dl = ls_jstr_decode(t, n, out, NULL);
        free(out);
        if (dl > n)
            return "ls_jstr_decode grew arbitrary bytes";
    }

    size_t lead_ws = 0;
    while (lead_ws < n && props_js_ws((unsigned char)t[lead_ws]))
        lead_ws++;
    const char *s = t + lead_ws;
    size_t sn = n - lead_ws;

    int small = 1 + (int)(n % 4);
    int depths[2] = {0, small};
    for (int di = 0; di < 2; di++) {
        int D = depths[di];
        if ((why = props_scan_one(s, sn, D, &rc, &vlen, &kind)) != NULL)
            return why;

        /* the DOM agrees with the scanner */
        ls_jerror jerr;
        memset(&jerr, 0, sizeof jerr);
        ls_jdoc *doc = ls_jdoc_parse(t, n, D, &jerr);
        int scan_whole = 0;
        if (rc >= 0) {
            size_t i = vlen;
            while (i < sn && props_js_ws((unsigned char)s[i]))
                i++;
            scan_whole = i == sn;
        }
        if (doc && !scan_whole && props_lead_limit_only(s, sn, rc, kind)) {
            ls_jdoc_free(doc);
            continue;
        }
        if ((doc != NULL) != scan_whole) {
            ls_jdoc_free(doc);
            return doc ? "ls_jdoc_parse accepts a text the scanner rejects"
                       : "ls_jdoc_parse rejects a text the scanner accepts";
        }
        if (!doc) {
            if (jerr.offset > n || !jerr.message[0] ||
                memchr(jerr.message, '\0', sizeof jerr.message) == NULL)
                return "ls_jdoc_parse error without offset in bounds or message";
        } else {
            const ls_jnode *root = ls_jdoc_root(doc);
            why = props_check_node(root, 0, D <= 0 ? 512 : D);
            if (!why)
                why = props_dom_vs_walk(root, s, vlen);
            ls_jdoc_free(doc);
            if (why)
                return why;
        }
        if (rc < 0)
            continue;

        /* the value's own bytes scan the same; a proper prefix of a string
         * or container is "need more input" */
        char *copy = malloc(vlen);
        if (!copy)
            return "out of memory";
        memcpy(copy, s, vlen);
        why = props_scan_one(copy, vlen, D, &rc2, &vlen2, &kind2);
        if (!why && (rc2 != rc || vlen2 != vlen))
            why = "the value's own bytes scan differently from the value in context";
        if (!why && (s[0] == '{' || s[0] == '[' || s[0] == '"')) {
            size_t cuts[2] = {vlen - 1, vlen / 2};
            for (int c = 0; c < 2 && !why; c++) {
                why = props_scan_one(copy, cuts[c], D, &rc2, &vlen2, &kind2);
                if (!why && rc2 != -2)
                    why = "a proper prefix of a string or container is not 'need more input'";
            }
        }
        free(copy);
        if (why)
            return why;
    }

    /* the depth limit: accepted at the default depth with nesting m, the
     * small limit accepts iff m <= small, else rejects with LIMIT */
    if ((why = props_scan_one(s, sn, 0, &rc, &vlen, &kind)) != NULL)
        return why;
    if (rc >= 0) {
        int m = props_json_depth(s, vlen);
        if ((why = props_scan_one(s, sn, small, &rc2, &vlen2, &kind2)) != NULL)
            return why;
        if (m <= small && (rc2 != rc || vlen2 != vlen))
            return "a value within the small depth limit scans differently";
        if (m > small && (rc2 != -1 || kind2 != LS_DIAG_LIMIT))
            return "a value deeper than max_depth is not rejected with LS_DIAG_LIMIT";
    }
    return NULL;
}

#endif
