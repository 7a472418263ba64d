/* The lead scanner: one pass over the bytes that validates a JSON value and,
 * for an object, records where its known top-level members are.  Nesting is
 * tracked with a bit stack, so depth costs no recursion. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json/json.h"
#include "json/json_internal.h"

static int fail(ls_scan_error *err, const char *text, const unsigned char *at,
                ls_diag_kind kind, const char *msg)
{
    if (err) {
        err->offset = (size_t)((const char *)at - text);
        err->kind = kind;
        snprintf(err->message, sizeof err->message, "%s", msg);
    }
    return -1;
}

static int need_more(ls_scan_error *err, size_t len)
{
    if (err) {
        err->offset = len;
        err->kind = LS_DIAG_MALFORMED;
        snprintf(err->message, sizeof err->message, "unexpected end of input");
    }
    return -2;
}

int ls_scan_value(const char *text, size_t len, int max_depth, ls_lead *lead,
                  size_t *value_len, ls_scan_error *err)
{
    return ls_js_scan(text, len, max_depth, lead, value_len, err, NULL, NULL, NULL);
}

int ls_scan_lead(const char *text, size_t len, int max_depth, ls_lead *lead, size_t *value_len,
                 ls_scan_error *err, ls_js_shapes *shapes)
{
    return ls_js_scan(text, len, max_depth, lead, value_len, err, NULL, NULL, shapes);
}

ls_js_shapes *ls_js_shapes_new(void)
{
    return calloc(1, sizeof(ls_js_shapes));
}

void ls_js_shapes_free(ls_js_shapes *shapes)
{
    free(shapes);
}

void ls_js_capture_free(ls_js_capture *c)
{
    ls_js_shapes *shapes = c->shapes; /* not the capture's own */
    free(c->items);
    memset(c, 0, sizeof *c);
    c->shapes = shapes;
}

/* Scans the object item at p (depth levels down in the document) as a lead
 * and keeps it.  Returns its length, or 0 when it was not kept: the caller
 * then scans it in line, which reports any error exactly where the
 * document scan would. */
static size_t capture_item(ls_js_capture *c, const unsigned char *p, const unsigned char *end,
                           int depth, int max_depth, int *bad)
{
    int lim = max_depth - depth; /* what the document still allows */
    if (c->item_depth < lim)
        lim = c->item_depth;
    if (lim < 1 || c->n >= c->max_items)
        return 0;
    if (c->n == c->cap) {
        /* doubling from a few pages' worth: a small document (most of
         * them) does not reserve the bound's ~10 MiB (sanitizers and
         * calloc-ing allocators touch all of it), and a source that is
         * reused keeps what it grew to, so the copying is paid once */
        size_t ncap = c->cap ? c->cap * 2 : 64;
        if (ncap > c->max_items)
            ncap = c->max_items;
        ls_js_item *items = realloc(c->items, ncap * sizeof *items);
        if (!items)
            return 0;
        c->items = items;
        c->cap = ncap;
    }
    ls_js_item *it = &c->items[c->n];
    size_t vlen = 0, avail = (size_t)(end - p);
    if (ls_js_scan((const char *)p, avail, lim, &it->lead, &vlen, NULL, NULL, NULL, c->shapes) != 1 ||
        vlen >= avail)
        return 0;
    it->vlen = vlen;
    if (it->lead.flags & LS_LEAD_INVALID_UTF8)
        *bad = 1;
    c->n++;
    return vlen;
}

static int scan_general(const char *text, size_t len, int max_depth, ls_lead *lead,
                        size_t *value_len, ls_scan_error *err, ls_jval doc[3],
                        ls_js_capture *cap);

int ls_js_scan(const char *text, size_t len, int max_depth, ls_lead *lead, size_t *value_len,
               ls_scan_error *err, ls_jval doc[3], ls_js_capture *cap, ls_js_shapes *shapes)
{
    if (max_depth <= 0)
        max_depth = LS_JSON_DEFAULT_DEPTH;
    if (max_depth > LS_JSON_HARD_DEPTH)
        max_depth = LS_JSON_HARD_DEPTH;
    /* a lead on its own (not a document being captured): the fast path */
    size_t vl;
    if (lead && !doc && shapes && len > 0 && text[0] == '{' &&
        ls_js_lead_fast(text, len, max_depth, lead, &vl, shapes)) {
        if (value_len)
            *value_len = vl;
        return 1;
    }
    return scan_general(text, len, max_depth, lead, value_len, err, doc, cap);
}

int ls_js_scan_general(const char *text, size_t len, int max_depth, ls_lead *lead,
                       size_t *value_len, ls_scan_error *err)
{
    return scan_general(text, len, max_depth, lead, value_len, err, NULL, NULL);
}

/* Records a member's value. */
static inline void put(ls_jval *v, const unsigned char *p, size_t len, ls_jtype type, int esc)
{
    v->p = (const char *)p;
    v->len = len;
    v->type = type;
    v->has_escape = (uint8_t)esc;
    v->is_empty = 0;
}

static int scan_general(const char *text, size_t len, int max_depth, ls_lead *lead,
                        size_t *value_len, ls_scan_error *err, ls_jval doc[3],
                        ls_js_capture *cap)
{
    const unsigned char *const s = (const unsigned char *)text;
    const unsigned char *p = s, *end = s + len;
    const unsigned char *errp = NULL, *q = NULL;
    const char *msg = NULL;
    uint64_t stack[LS_JSON_HARD_DEPTH / 64]; /* bit set = object level */
    int depth = 0;
    int in_obj = 0; /* the innermost open container is an object */
    int bad = 0;
    int esc = 0;
    int rc;
    /* member of the top-level object being read */
    ls_jval *rec = NULL; /* where the current top-level member's value goes */
    int is_persona = 0;
    const unsigned char *mstart = NULL;
    /* the same one level down, for "data"."leads" (doc[2]) */
    ls_jval *rec2 = NULL;
    const unsigned char *mstart2 = NULL;
    int top_object = (len > 0 && s[0] == '{');
    int cap_depth = 0; /* depth of the captured array's items; 0: none open */
    ls_lead *L = top_object ? lead : NULL;

    if (max_depth <= 0)
        max_depth = LS_JSON_DEFAULT_DEPTH;
    if (max_depth > LS_JSON_HARD_DEPTH)
        max_depth = LS_JSON_HARD_DEPTH;
    ls_lead scratch;
    if (!L && top_object && doc)
        L = &scratch; /* the wrappers are recorded the same way as fields */
    if (doc)
        memset(doc, 0, 3 * sizeof *doc);
    if (cap) {
        cap->n = 0;
        cap->array = NULL;
    }
    if (L) {
        memset(L->f, 0, sizeof L->f);
        L->persona_n = 0;
        L->flags = 0;
        L->jobs_n = -1; /* only the fast path records jobs[] */
        L->company_rec = 0; /* and the company's members */
        L->raw = text;
        L->raw_len = 0;
    }
    if (len == 0)
        return need_more(err, len);

value:
    /* p is at the first byte of a value */
    if (cap_depth && depth == cap_depth && *p == '{') {
        size_t vl = capture_item(cap, p, end, depth, max_depth, &bad);
        if (vl) {
            p += vl;
            goto member_done;
        }
    }
    if (*p == '"') /* most values: no jump through the table below */
        goto string_value;
    switch (*p) {
    case '"': {
    string_value:;
        const unsigned char *b = p + 1;
        esc = 0;
        rc = ls_js_string(b, end, &q, &esc, &bad, &errp, &msg);
        if (rc == LS_JS_MORE)
            return need_more(err, len);
        if (rc != LS_JS_OK)
            return fail(err, text, errp, LS_DIAG_MALFORMED, msg);
        p = q;
        if (depth == 1 && rec)
            put(rec, b, (size_t)(q - 1 - b), LS_J_STRING, esc);
        else if (depth == 2 && rec2)
            put(rec2, b, (size_t)(q - 1 - b), LS_J_STRING, esc);
        goto member_done;
    }
    case '{':
    case '[':
        if (depth >= max_depth) {
            char m[96];
            snprintf(m, sizeof m, "nesting deeper than %d levels", max_depth);
            return fail(err, text, p, LS_DIAG_LIMIT, m);
        }
        /* the lead array's candidates: the document, its "leads", or
         * "data"."leads" unless a "leads" array (which wins) came first */
        if (cap && doc && *p == '[' &&
            (depth == 0 || (depth == 1 && rec == &doc[0]) ||
             (depth == 2 && rec2 == &doc[2] && doc[0].type != LS_J_ARRAY))) {
            cap_depth = depth + 1; /* a new candidate: the last one wins */
            cap->n = 0;
            cap->array = (const char *)p;
        }
        if (*p == '{')
            stack[depth >> 6] |= (uint64_t)1 << (depth & 63);
        else
            stack[depth >> 6] &= ~((uint64_t)1 << (depth & 63));
        in_obj = *p == '{';
        depth++;
        p++;
        p = ls_js_ws_u(p, end);
        if (p >= end)
            return need_more(err, len);
        if (in_obj) {
            if (*p == '}')
                goto close;
            goto key;
        }
        if (*p == ']')
            goto close;
        goto value;
    case 't':
    case 'f':
    case 'n': {
        const char *w = *p == 't' ? "true" : *p == 'f' ? "false" : "null";
        size_t wl = w[0] == 'f' ? 5 : 4;
        for (size_t i = 0; i < wl; i++) {
            if (p + i >= end)
                return need_more(err, len);
            if (p[i] != (unsigned char)w[i])
                return fail(err, text, p, LS_DIAG_MALFORMED, "invalid literal");
        }
        const unsigned char *b = p;
        p += wl;
        ls_jval *v = depth == 1 ? rec : depth == 2 ? rec2 : NULL;
        if (v)
            put(v, b, wl, w[0] == 't' ? LS_J_TRUE : w[0] == 'f' ? LS_J_FALSE : LS_J_NULL, 0);
        goto member_done;
    }
    default: {
        const unsigned char *b = p;
        rc = ls_js_number(p, end, depth == 0, &q, &errp, &msg);
        if (rc == LS_JS_MORE)
            return need_more(err, len);
        if (rc != LS_JS_OK) {
            if (errp == b && !(*b == '-' || (*b >= '0' && *b <= '9')))
                msg = "expected a value";
            return fail(err, text, errp, LS_DIAG_MALFORMED, msg);
        }
        p = q;
        ls_jval *v = depth == 1 ? rec : depth == 2 ? rec2 : NULL;
        if (v)
            put(v, b, (size_t)(q - b), LS_J_NUMBER, 0);
        goto member_done;
    }
    }

close:
    /* p is at the closing bracket of the innermost container */
    depth--;
    p++;
    in_obj = depth > 0 && ((stack[(depth - 1) >> 6] >> ((depth - 1) & 63)) & 1);
    if (depth < cap_depth)
        cap_depth = 0;
    if ((depth == 1 && rec) || (depth == 2 && rec2)) {
        ls_jval *v = depth == 1 ? rec : rec2;
        const unsigned char *m = depth == 1 ? mstart : mstart2;
        put(v, m, (size_t)(p - m), *m == '{' ? LS_J_OBJECT : LS_J_ARRAY, 0);
        /* empty when only whitespace lies between the brackets */
        const unsigned char *i = m + 1;
        while (ls_js_is_ws(*i))
            i++;
        v->is_empty = (i == p - 1);
    }
    goto member_done;

member_done:
    /* a value just ended at p; depth is that of its container */
    if (is_persona && depth == 1 && L) {
        size_t off = (size_t)(mstart - s), vl = (size_t)(p - mstart);
        if (L->persona_n >= LS_LEAD_MAX_PERSONA_SLOTS)
            return fail(err, text, mstart, LS_DIAG_LIMIT,
                        "more than 4 \"linkedin_lead_persona\" members in one lead");
        if (off > UINT32_MAX || vl > UINT32_MAX)
            return fail(err, text, mstart, LS_DIAG_LIMIT, "lead larger than 4 GiB");
        L->persona_off[L->persona_n] = (uint32_t)off;
        L->persona_len[L->persona_n] = (uint32_t)vl;
        L->persona_n++;
    }
    if (depth == 0)
        goto done;
    /* the usual separator, ',' then at most one space, in one test */
    if (end - p >= 3 && *p == ',') {
        const unsigned char *n = p + 1 + (p[1] == ' ');
        if (*n > ' ') {
            p = n;
            if (in_obj)
                goto key;
            goto value;
        }
    }
    p = ls_js_ws_u(p, end);
    if (p >= end)
        return need_more(err, len);
    {
        int in_object = in_obj;
        if (*p == ',') {
            p++;
            p = ls_js_ws_u(p, end);
            if (p >= end)
                return need_more(err, len);
            if (in_object)
                goto key;
            goto value;
        }
        if (*p == (in_object ? '}' : ']'))
            goto close;
        return fail(err, text, p, LS_DIAG_MALFORMED,
                    in_object ? "expected ',' or '}' after an object member"
                              : "expected ',' or ']' after an array element");
    }

key:
    /* p is at the first byte of a member (after '{' or ',') */
    if (*p != '"')
        return fail(err, text, p, LS_DIAG_MALFORMED,
                    *p == '}' ? "trailing comma before '}'" : "expected a string key");
    {
        const unsigned char *b = p + 1;
        esc = 0;
        rc = ls_js_string(b, end, &q, &esc, &bad, &errp, &msg);
        if (rc == LS_JS_MORE)
            return need_more(err, len);
        if (rc != LS_JS_OK)
            return fail(err, text, errp, LS_DIAG_MALFORMED, msg);
        p = q;
        if (depth == 1 && L) {
            size_t kl = (size_t)(q - 1 - b);
            int field = ls_js_field_of_key((const char *)b, kl, esc);
            is_persona = field == LS_F_LINKEDIN_LEAD_PERSONA;
            rec = field >= 0 ? &L->f[field] : NULL;
            rec2 = NULL;
            if (field < 0 && doc) { /* response wrappers, for the readers */
                if (ls_js_key_equals((const char *)b, kl, esc, "leads", 5)) {
                    rec = &doc[0];
                } else if (ls_js_key_equals((const char *)b, kl, esc, "data", 4)) {
                    rec = &doc[1];
                    memset(&doc[2], 0, sizeof doc[2]); /* the last "data" decides */
                }
            }
        } else if (depth == 2 && doc && rec == &doc[1]) {
            /* a member of the "data" object */
            size_t kl = (size_t)(q - 1 - b);
            rec2 = ls_js_key_equals((const char *)b, kl, esc, "leads", 5) ? &doc[2] : NULL;
        }
    }
    /* the usual ": " (or ":") in one test */
    if (end - p >= 3 && *p == ':') {
        const unsigned char *n = p + 1 + (p[1] == ' ');
        if (*n > ' ') {
            p = n;
            goto key_done;
        }
    }
    p = ls_js_ws_u(p, end);
    if (p >= end)
        return need_more(err, len);
    if (*p != ':')
        return fail(err, text, p, LS_DIAG_MALFORMED, "expected ':' after an object key");
    p++;
    p = ls_js_ws_u(p, end);
    if (p >= end)
        return need_more(err, len);
key_done:
    if (depth == 1)
        mstart = p;
    else if (depth == 2 && rec2)
        mstart2 = p;
    goto value;

done:
    /* a value at depth 0 may not be followed by ',' etc.: the caller decides */
    if (value_len)
        *value_len = (size_t)(p - s);
    if (L) {
        L->raw_len = (size_t)(p - s);
        if (bad)
            L->flags |= LS_LEAD_INVALID_UTF8;
    }
    return top_object ? 1 : 0;
}
