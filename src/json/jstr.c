/* JSON string bodies to UTF-8. */
#include <string.h>
#include "json/json.h"
#include "json/json_internal.h"

size_t ls_utf8_put(char *o, unsigned long cp)
{
    unsigned char *u = (unsigned char *)o;
    if (cp < 0x80) {
        u[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | (cp >> 6));
        u[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | (cp >> 12));
        u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    u[0] = (unsigned char)(0xF0 | (cp >> 18));
    u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t ls_jstr_decode(const char *body, size_t len, char *out, unsigned *flags)
{
    const unsigned char *p = (const unsigned char *)body, *end = p + len;
    char *o = out;
    unsigned fl = 0;
    while (p < end) {
        /* copy the plain run up to the next backslash or non-ASCII byte */
        const unsigned char *r = p;
        while (r < end && *r != '\\' && *r < 0x80)
            r++;
        if (r > p) {
            memcpy(o, p, (size_t)(r - p));
            o += r - p;
            p = r;
            if (p >= end)
                break;
        }
        if (*p >= 0x80) {
            int n = ls_js_utf8_seq(p, end);
            if (n <= 0) { /* kept as is; the normalizer drops it */
                fl |= LS_NORM_INVALID_UTF8;
                n = 1;
            }
            memcpy(o, p, (size_t)n);
            o += n;
            p += n;
            continue;
        }
        /* a backslash; bodies come from validated text, but stay safe on
         * anything: an unknown or cut escape is copied as it is */
        if (end - p < 2) {
            *o++ = (char)*p++;
            continue;
        }
        char c = (char)p[1];
        switch (c) {
        case '"': case '\\': case '/': *o++ = c; p += 2; continue;
        case 'b': *o++ = '\b'; p += 2; continue;
        case 'f': *o++ = '\f'; p += 2; continue;
        case 'n': *o++ = '\n'; p += 2; continue;
        case 'r': *o++ = '\r'; p += 2; continue;
        case 't': *o++ = '\t'; p += 2; continue;
        case 'u': break;
        default: *o++ = (char)*p++; continue;
        }
        long u = end - p >= 6 ? ls_js_hex4(p + 2) : -1;
        if (u < 0) {
            *o++ = (char)*p++;
            continue;
        }
        p += 6;
        if (u >= 0xD800 && u <= 0xDBFF) {
            long l = (end - p >= 6 && p[0] == '\\' && p[1] == 'u') ? ls_js_hex4(p + 2) : -1;
            if (l >= 0xDC00 && l <= 0xDFFF) {
                p += 6;
                o += ls_utf8_put(o, 0x10000 + (((unsigned long)u - 0xD800) << 10) +
                                     ((unsigned long)l - 0xDC00));
            } else {
                fl |= LS_NORM_INVALID_UTF8; /* lone high surrogate: dropped */
            }
            continue;
        }
        if (u >= 0xDC00 && u <= 0xDFFF) {
            fl |= LS_NORM_INVALID_UTF8; /* lone low surrogate: dropped */
            continue;
        }
        o += ls_utf8_put(o, (unsigned long)u);
    }
    if (flags)
        *flags |= fl;
    return (size_t)(o - out);
}
