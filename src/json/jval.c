/* Walking values that were already validated by the scanner: no error
 * paths, no recursion. */
#include <stdlib.h>
#include <string.h>
#include "json/json.h"
#include "json/json_internal.h"
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Past the closing quote of the string whose body starts at p; *esc is set
 * when the body holds a backslash.  Validated text: a backslash always has
 * a character after it, and no escape can produce a raw quote. */
static const char *skip_string_body(const char *p, const char *end, int *esc)
{
    for (;;) {
#ifdef __SSE2__
        while (end - p >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
            unsigned m = (unsigned)_mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                             _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
            if (m) {
                p += __builtin_ctz(m);
                break;
            }
            p += 16;
        }
#endif
        while (p < end && *p != '"' && *p != '\\')
            p++;
        if (p >= end)
            return end;
        if (*p == '"')
            return p + 1;
        *esc = 1;
        p += 2; /* the backslash and the character it escapes */
        if (p > end)
            return end;
    }
}

const char *ls_js_skip(const char *p, const char *end)
{
    if (p >= end)
        return end;
    int esc = 0;
    switch (*p) {
    case '"':
        return skip_string_body(p + 1, end, &esc);
    case '{':
    case '[': {
        size_t depth = 0;
        while (p < end) {
            char c = *p;
            if (c == '"') {
                p = skip_string_body(p + 1, end, &esc);
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if (c == '}' || c == ']') {
                if (--depth == 0)
                    return p + 1;
            }
            p++;
        }
        return end;
    }
    default:
        /* number or literal: up to the next delimiter */
        while (p < end && *p != ',' && *p != '}' && *p != ']' &&
               !ls_js_is_ws((unsigned char)*p))
            p++;
        return p;
    }
}

static ls_jtype type_of(const char *p, size_t len)
{
    switch (*p) {
    case '"': return LS_J_STRING;
    case '{': return LS_J_OBJECT;
    case '[': return LS_J_ARRAY;
    case 't': return LS_J_TRUE;
    case 'f': return LS_J_FALSE;
    case 'n': return LS_J_NULL;
    default: return len ? LS_J_NUMBER : LS_J_NONE;
    }
}

/* Fills v from the raw value [p, e); esc: whether a string value holds a
 * backslash, -1 when not known yet. */
static void make_val(ls_jval *v, const char *p, const char *e, int esc)
{
    v->type = type_of(p, (size_t)(e - p));
    v->has_escape = 0;
    v->is_empty = 0;
    if (v->type == LS_J_STRING) {
        v->p = p + 1;
        v->len = (size_t)(e - p) - 2;
        v->has_escape = esc >= 0 ? esc != 0 : memchr(v->p, '\\', v->len) != NULL;
    } else {
        v->p = p;
        v->len = (size_t)(e - p);
        if (v->type == LS_J_OBJECT || v->type == LS_J_ARRAY)
            v->is_empty = ls_js_ws(p + 1, e) == e - 1;
    }
}

/* The value at p: its end, and *v. */
static const char *read_val(const char *p, const char *end, ls_jval *v)
{
    int esc = 0;
    const char *e = *p == '"' ? skip_string_body(p + 1, end, &esc) : ls_js_skip(p, end);
    make_val(v, p, e, *p == '"' ? esc : -1);
    return e;
}

int ls_jval_next(const ls_jval *c, size_t *pos, ls_jval *key, ls_jval *elem)
{
    if (!c || (c->type != LS_J_ARRAY && c->type != LS_J_OBJECT) || c->len < 2)
        return 0;
    const char *base = c->p, *end = c->p + c->len - 1; /* end: the closing bracket */
    const char *p = base + (*pos ? *pos : 1);
    p = ls_js_ws(p, end);
    if (p >= end)
        return 0;
    if (c->type == LS_J_OBJECT) {
        ls_jval k;
        const char *ke = read_val(p, end, &k);
        if (key)
            *key = k;
        p = ls_js_ws(ke, end);
        p = ls_js_ws(p + 1, end); /* the ':' */
    } else if (key) {
        memset(key, 0, sizeof *key);
    }
    ls_jval v;
    const char *ve = read_val(p, end, &v);
    if (elem)
        *elem = v;
    p = ls_js_ws(ve, end);
    if (p < end && *p == ',')
        p++;
    *pos = (size_t)(p - base);
    return 1;
}

int ls_jval_next_object(const ls_jval *arr, size_t *pos, ls_jval_member_fn member, void *user)
{
    if (!arr || arr->type != LS_J_ARRAY || arr->len < 2)
        return 0;
    const char *base = arr->p, *end = arr->p + arr->len - 1;
    const char *p = base + (*pos ? *pos : 1);
    int found = 0;
    while (!found) {
        p = ls_js_ws(p, end);
        if (p >= end)
            return 0;
        if (*p != '{') {
            p = ls_js_skip(p, end);
        } else { /* its members, in the same pass */
            found = 1;
            p = ls_js_ws(p + 1, end);
            while (p < end && *p != '}') {
                ls_jval k, v;
                p = read_val(p, end, &k);
                p = ls_js_ws(p, end);
                p = ls_js_ws(p + 1, end); /* the ':' */
                p = read_val(p, end, &v);
                member(user, &k, &v);
                p = ls_js_ws(p, end);
                if (p < end && *p == ',')
                    p = ls_js_ws(p + 1, end);
            }
            p++; /* the '}' */
        }
        p = ls_js_ws(p, end);
        if (p < end && *p == ',')
            p++;
    }
    *pos = (size_t)(p - base);
    return 1;
}

int ls_js_key_equals(const char *body, size_t len, int has_escape, const char *key, size_t klen)
{
    if (!has_escape)
        return len == klen && memcmp(body, key, len) == 0;
    /* an escape is at most 6 bytes for one decoded byte */
    if (len > klen * 6 + 12)
        return 0;
    char stack[256];
    char *tmp = len <= sizeof stack ? stack : malloc(len);
    if (!tmp)
        return 0;
    unsigned fl = 0;
    size_t n = ls_jstr_decode(body, len, tmp, &fl);
    int eq = n == klen && memcmp(tmp, key, n) == 0;
    if (tmp != stack)
        free(tmp);
    return eq;
}

int ls_jval_get(const ls_jval *obj, const char *key, ls_jval *out)
{
    if (!obj || obj->type != LS_J_OBJECT || !key)
        return 0;
    size_t klen = strlen(key), pos = 0;
    ls_jval k, v;
    int found = 0;
    while (ls_jval_next(obj, &pos, &k, &v)) {
        if (ls_js_key_equals(k.p, k.len, k.has_escape, key, klen)) {
            if (out)
                *out = v;
            found = 1; /* keep going: the last one wins */
        }
    }
    return found;
}

int ls_jval_is_path(const char *name)
{
    return strchr(name, '.') != NULL || strchr(name, '[') != NULL;
}

/* The member key[0..klen) of obj (the last one wins). */
static int get_n(const ls_jval *obj, const char *key, size_t klen, ls_jval *out)
{
    size_t pos = 0;
    ls_jval k, v;
    int found = 0;
    while (ls_jval_next(obj, &pos, &k, &v))
        if (ls_js_key_equals(k.p, k.len, k.has_escape, key, klen)) {
            *out = v;
            found = 1;
        }
    return found;
}

int ls_jval_path(const ls_jval *obj, const char *path, ls_jval *out)
{
    ls_jval cur = *obj;
    const char *p = path;
    if (!*p || *p == '.' || *p == '[')
        return 0; /* a path starts with a member's name */
    while (*p) {
        if (*p == '[') {
            char *end;
            if (p[1] < '0' || p[1] > '9')
                return 0;
            unsigned long long want = strtoull(p + 1, &end, 10);
            if (*end != ']' || cur.type != LS_J_ARRAY)
                return 0;
            size_t pos = 0;
            ls_jval e;
            unsigned long long i = 0;
            int found = 0;
            while (!found && ls_jval_next(&cur, &pos, NULL, &e))
                found = i++ == want;
            if (!found)
                return 0;
            cur = e;
            p = end + 1;
            continue;
        }
        if (*p == '.')
            p++;
        size_t n = strcspn(p, ".[");
        ls_jval next;
        if (!n || cur.type != LS_J_OBJECT || !get_n(&cur, p, n, &next))
            return 0;
        cur = next;
        p += n;
    }
    *out = cur;
    return 1;
}

int ls_lead_get(const ls_lead *lead, const char *key, ls_jval *out)
{
    if (!lead || !lead->raw)
        return 0;
    ls_jval obj = {lead->raw, lead->raw_len, LS_J_OBJECT, 0, 0};
    return ls_jval_get(&obj, key, out);
}

const char *ls_jtype_label(ls_jtype t)
{
    static const char *const labels[] = {"absent", "null",   "false", "true",
                                         "number", "string", "array", "object"};
    return (unsigned)t < sizeof labels / sizeof *labels ? labels[t] : "absent";
}
