#include <string.h>
#include "normalize/norm.h"
#include "normalize/steps.h"
#include "normalize/translit.h"
#include "normalize/utf8.h"

/* The maps are built by the preprocessor so that they are constant data. */
#define LS_UPPER(c) ((c) >= 'A' && (c) <= 'Z')
#define LS_LOWER(c) (LS_UPPER(c) ? (c) + 32 : (c))
#define LS_ALNUM(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= '0' && (c) <= '9'))
#define LS_SPACE(c) ((c) == ' ' || ((c) >= '\t' && (c) <= '\r'))
#define NORM(c) (LS_ALNUM(LS_LOWER(c)) ? LS_LOWER(c) : ' ')
#define NAME(c) (LS_SPACE(c) ? ' ' : LS_LOWER(c))
#define ROW(F, b) F(b), F(b + 1), F(b + 2), F(b + 3), F(b + 4), F(b + 5), F(b + 6), \
    F(b + 7), F(b + 8), F(b + 9), F(b + 10), F(b + 11), F(b + 12), F(b + 13), F(b + 14), F(b + 15)
#define MAP(F) {ROW(F, 0), ROW(F, 16), ROW(F, 32), ROW(F, 48), ROW(F, 64), ROW(F, 80), \
    ROW(F, 96), ROW(F, 112)}

const unsigned char ls_map_norm[128] = MAP(NORM);
const unsigned char ls_map_name[128] = MAP(NAME);

/* Appends a[0..k) through map; *sep carries a pending separator between
 * calls.  The caller reserved k + 1 bytes. */
static void put_mapped(ls_buf *out, size_t start, const unsigned char *a, size_t k,
                       const unsigned char *map, int *sep)
{
    char *d = out->data;
    size_t len = out->len;
    for (size_t i = 0; i < k; i++) {
        unsigned char m = a[i] < 0x80 ? map[a[i]] : ' '; /* translit is ASCII; be safe */
        if (m == ' ') {
            *sep = 1;
            continue;
        }
        if (*sep && len > start)
            d[len++] = ' ';
        *sep = 0;
        d[len++] = (char)m;
    }
    out->len = len;
}

int ls_step_fold(const char *s, size_t n, const unsigned char map[128], ls_buf *out,
                 unsigned *flags)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t start = out->len, i = 0;
    int sep = 0;
    if (ls_buf_reserve(out, 0) != 0)
        return -1;
    while (i < n) {
        /* ASCII runs: transliteration is the identity, no decoding */
        size_t run = ls_utf8_ascii_run(u + i, n - i);
        if (run) {
            if (ls_buf_reserve(out, run + 1) != 0)
                return -1;
            put_mapped(out, start, u + i, run, map, &sep);
            i += run;
            continue;
        }
        size_t adv;
        int32_t cp = ls_utf8_next(u + i, n - i, &adv);
        i += adv;
        if (cp < 0) {
            if (flags)
                *flags |= LS_NORM_INVALID_UTF8;
            continue;
        }
        const char *a;
        size_t k = ls_translit((uint32_t)cp, &a);
        if (ls_buf_reserve(out, k + 1) != 0)
            return -1;
        put_mapped(out, start, (const unsigned char *)a, k, map, &sep);
    }
    out->data[out->len] = '\0';
    return 0;
}

int ls_step_next_token(const char *t, size_t n, size_t *pos, ls_span *tok)
{
    size_t p = *pos;
    while (p < n && t[p] == ' ')
        p++;
    if (p >= n)
        return 0;
    const char *sp = memchr(t + p, ' ', n - p);
    size_t end = sp ? (size_t)(sp - t) : n;
    tok->off = p;
    tok->len = end - p;
    *pos = end;
    return 1;
}

int ls_step_tokens(const char *t, size_t n, ls_buf *out)
{
    /* A window of the next non-stop tokens, as many as the longest `from`:
     * constant memory whatever the number of tokens. */
    ls_span win[LS_ABBREV_MAX_TOKENS];
    size_t have = 0, pos = 0, start = out->len;
    int more = 1;
    if (ls_buf_reserve(out, 0) != 0)
        return -1;
    out->data[out->len] = '\0'; /* a fresh buffer when no token is left */
    for (;;) {
        while (more && have < LS_ABBREV_MAX_TOKENS) {
            if (!ls_step_next_token(t, n, &pos, &win[have]))
                more = 0;
            else if (!ls_is_stopword(t + win[have].off, win[have].len))
                have++;
        }
        if (have == 0)
            return 0;
        size_t used = 1;
        const ls_abbrev *a = ls_abbrev_match(t, win, have, &used);
        const char *p = a ? a->to : t + win[0].off;
        size_t plen = a ? a->to_len : win[0].len;
        if ((out->len > start && ls_buf_putc(out, ' ') != 0) || ls_buf_append(out, p, plen) != 0)
            return -1;
        memmove(win, win + used, (have - used) * sizeof *win);
        have -= used;
    }
}
