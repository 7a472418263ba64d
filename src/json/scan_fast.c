/* The lead scanner's fast path: a lead object of plain, valid JSON read
 * with fewer checks per token than the general scanner (ls_js_scan).  It
 * never reports an error: on anything it does not accept at once (a syntax
 * error, the end of the text near, nesting past its 64-level bit stack or
 * the depth limit, a fifth persona member) it gives up and the general
 * scanner reads the value from the start, so errors, limits and messages
 * stay exactly the general scanner's.  What it accepts, the general
 * scanner accepts with the same ls_lead: strings, numbers and UTF-8 are
 * checked by the same functions (ls_js_string for any string holding an
 * escape, a control character or non-ASCII bytes; ls_js_number). */
#include <string.h>
#include "json/json.h"
#include "json/json_internal.h"

typedef const unsigned char *cur;

/* Past the closing quote of the string whose body starts at p, or NULL. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline cur fast_string(cur p, cur end, int *esc, int *bad)
{
    /* 32-byte blocks while they fit; the rest by the exact reader */
    while (end - p >= 32) {
        unsigned k = ls_js_special32(p);
        if (k == 32) {
            p += 32;
            continue;
        }
        p += k;
        if (*p == '"')
            return p + 1;
        break;
    }
    /* an escape, a control character, non-ASCII or the end near */
    cur q = NULL, errp = NULL;
    const char *msg = NULL;
    if (ls_js_string(p, end, &q, esc, bad, &errp, &msg) != LS_JS_OK)
        return NULL;
    return q;
}

static inline cur fast_ws(cur p, cur end)
{
    while (p < end && ls_js_is_ws(*p))
        p++;
    return p;
}

/* The end of the literal or number at p, or NULL; *type its type. */
static inline cur fast_scalar(cur p, cur end, ls_jtype *type)
{
    if (end - p < 6) /* a lead's value is followed by one byte at least */
        return NULL;
    switch (*p) {
    case 't':
        *type = LS_J_TRUE;
        return memcmp(p, "true", 4) == 0 ? p + 4 : NULL;
    case 'f':
        *type = LS_J_FALSE;
        return memcmp(p, "false", 5) == 0 ? p + 5 : NULL;
    case 'n':
        *type = LS_J_NULL;
        return memcmp(p, "null", 4) == 0 ? p + 4 : NULL;
    default: {
        cur q = NULL, errp = NULL;
        const char *msg = NULL;
        *type = LS_J_NUMBER;
        if (ls_js_number(p, end, 0, &q, &errp, &msg) != LS_JS_OK)
            return NULL;
        return q;
    }
    }
}

/* Validates the container at p ('{' or '[') whose own level is depth + 1;
 * returns its end or NULL. */
static cur fast_container(cur p, cur end, int depth, int max_depth, int *bad)
{
    const int base = depth;
    uint64_t objs = 0; /* bit d - base - 1: level d is an object */
    int obj, esc = 0;
    ls_jtype t;
open:
    if (depth >= max_depth || depth - base >= 64)
        return NULL;
    obj = *p == '{';
    if (obj)
        objs |= (uint64_t)1 << (depth - base);
    else
        objs &= ~((uint64_t)1 << (depth - base));
    depth++;
    p = fast_ws(p + 1, end);
    if (p >= end)
        return NULL;
    if (*p == (obj ? '}' : ']'))
        goto close;
    if (!obj)
        goto value;
key:
    if (*p != '"')
        return NULL;
    p = fast_string(p + 1, end, &esc, bad);
    if (!p || p >= end)
        return NULL;
    if (end - p >= 3 && *p == ':' && p[1] == ' ' && p[2] > ' ')
        p += 2;
    else {
        p = fast_ws(p, end);
        if (p >= end || *p != ':')
            return NULL;
        p = fast_ws(p + 1, end);
        if (p >= end)
            return NULL;
    }
value:
    if (*p == '"') {
        p = fast_string(p + 1, end, &esc, bad);
        if (!p)
            return NULL;
    } else if (*p == '{' || *p == '[') {
        goto open;
    } else {
        p = fast_scalar(p, end, &t);
        if (!p)
            return NULL;
    }
next:
    if (p >= end)
        return NULL;
    if (*p == ',' && end - p >= 3) {
        p += 1 + (p[1] == ' ');
        if (*p <= ' ') {
            p = fast_ws(p, end);
            if (p >= end)
                return NULL;
        }
        if (obj)
            goto key;
        goto value;
    }
    if (*p <= ' ') {
        p = fast_ws(p, end);
        if (p >= end)
            return NULL;
        if (*p == ',') /* rare: the general form above, once more */
            goto next;
    }
    if (*p != (obj ? '}' : ']'))
        return NULL;
close:
    p++;
    depth--;
    if (depth == base)
        return p;
    obj = (int)((objs >> (depth - base - 1)) & 1);
    goto next;
}

int ls_js_lead_fast(const char *text, size_t len, int max_depth, ls_lead *L, size_t *value_len)
{
    const cur s = (cur)text, end = s + len;
    if (len < 2 || s[0] != '{' || max_depth < 1)
        return 0;
    int bad = 0, esc = 0;
    memset(L->f, 0, sizeof L->f);
    L->persona_n = 0;
    L->flags = 0;
    L->raw = text;
    L->raw_len = 0;

    cur p = fast_ws(s + 1, end);
    if (p >= end)
        return 0;
    if (*p == '}')
        goto done;
    for (;;) {
        if (*p != '"')
            return 0;
        cur b = p + 1;
        esc = 0;
        p = fast_string(b, end, &esc, &bad);
        if (!p || p >= end)
            return 0;
        int field = ls_js_field_of_key((const char *)b, (size_t)(p - 1 - b), esc);
        if (end - p >= 3 && *p == ':' && p[1] == ' ' && p[2] > ' ')
            p += 2;
        else {
            p = fast_ws(p, end);
            if (p >= end || *p != ':')
                return 0;
            p = fast_ws(p + 1, end);
            if (p >= end)
                return 0;
        }
        cur v = p;
        ls_jval *rec = field >= 0 ? &L->f[field] : NULL;
        if (*p == '"') {
            esc = 0;
            p = fast_string(p + 1, end, &esc, &bad);
            if (!p)
                return 0;
            if (rec) {
                rec->p = (const char *)v + 1;
                rec->len = (size_t)(p - 2 - v);
                rec->type = LS_J_STRING;
                rec->has_escape = (uint8_t)esc;
                rec->is_empty = 0;
            }
        } else if (*p == '{' || *p == '[') {
            p = fast_container(p, end, 1, max_depth, &bad);
            if (!p)
                return 0;
            if (rec) {
                rec->p = (const char *)v;
                rec->len = (size_t)(p - v);
                rec->type = *v == '{' ? LS_J_OBJECT : LS_J_ARRAY;
                rec->has_escape = 0;
                /* empty when only whitespace lies between the brackets */
                cur i = v + 1;
                while (ls_js_is_ws(*i))
                    i++;
                rec->is_empty = i == p - 1;
            }
        } else {
            ls_jtype t;
            p = fast_scalar(p, end, &t);
            if (!p)
                return 0;
            if (rec) {
                rec->p = (const char *)v;
                rec->len = (size_t)(p - v);
                rec->type = t;
                rec->has_escape = 0;
                rec->is_empty = 0;
            }
        }
        if (field == LS_F_LINKEDIN_LEAD_PERSONA) {
            size_t off = (size_t)(v - s), vl = (size_t)(p - v);
            if (L->persona_n >= LS_LEAD_MAX_PERSONA_SLOTS || off > UINT32_MAX ||
                vl > UINT32_MAX)
                return 0;
            L->persona_off[L->persona_n] = (uint32_t)off;
            L->persona_len[L->persona_n] = (uint32_t)vl;
            L->persona_n++;
        }
        if (p >= end)
            return 0;
        if (*p == ',' && end - p >= 3) {
            p += 1 + (p[1] == ' ');
            if (*p <= ' ') {
                p = fast_ws(p, end);
                if (p >= end)
                    return 0;
            }
            continue;
        }
        p = fast_ws(p, end);
        if (p >= end)
            return 0;
        if (*p == ',') {
            p = fast_ws(p + 1, end);
            if (p >= end)
                return 0;
            continue;
        }
        if (*p != '}')
            return 0;
        break;
    }
done:
    p++;
    *value_len = (size_t)(p - s);
    L->raw_len = (size_t)(p - s);
    if (bad)
        L->flags |= LS_LEAD_INVALID_UTF8;
    return 1;
}
