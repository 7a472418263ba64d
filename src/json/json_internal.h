/* Pieces shared by the lead scanner, the DOM parser and the value walkers.
 * Inline because they sit on the scanner's hot path. */
#ifndef LS_JSON_INTERNAL_H
#define LS_JSON_INTERNAL_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "json/json.h"
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h> /* AVX2 code is compiled per function (target attribute) */
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Hard ceiling on nesting: the scanner keeps one bit per level on the stack. */
#define LS_JSON_HARD_DEPTH 65536
#define LS_JSON_DEFAULT_DEPTH 512

enum {
    LS_JS_OK = 0,
    LS_JS_MORE = -2,   /* the text ends inside the token */
    LS_JS_BAD = -1     /* syntax error at *errp */
};

static inline int ls_js_is_ws(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Whether the object starting at p (its '{') seemingly ends on its line:
 * the line's last byte other than a blank is '}'.  0 when no newline is in
 * p[0..n).  A guess of JSONL against a document, for choosing how to read. */
static inline int ls_js_object_ends_its_line(const char *p, size_t n)
{
    const char *nl = (const char *)memchr(p, '\n', n);
    if (!nl)
        return 0;
    while (nl > p && ls_js_is_ws((unsigned char)nl[-1]))
        nl--;
    return nl[-1] == '}';
}

/* Skips whitespace.  Every byte that can start or end a token is above
 * ' ', so the common case costs one compare. */
static inline const unsigned char *ls_js_ws_u(const unsigned char *p, const unsigned char *end)
{
    while (p < end && *p <= ' ' && ls_js_is_ws(*p))
        p++;
    return p;
}

static inline int ls_js_hex(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Four hex digits at p (caller checked they are there): the code unit, or
 * -1 when one is not a hex digit. */
static inline long ls_js_hex4(const unsigned char *p)
{
    int a = ls_js_hex(p[0]), b = ls_js_hex(p[1]), c = ls_js_hex(p[2]), d = ls_js_hex(p[3]);
    if ((a | b | c | d) < 0)
        return -1;
    return (long)((a << 12) | (b << 8) | (c << 4) | d);
}

/* Length of the well-formed UTF-8 sequence at p (2..4), 0 when it is
 * invalid (overlong, surrogate, > U+10FFFF, bad continuation), -1 when the
 * text ends before the sequence does and it is valid so far. */
static inline int ls_js_utf8_seq(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    int n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (p + 1 >= end)
        return -1;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (int i = 2; i < n; i++) {
        if (p + i >= end)
            return -1;
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    }
    return n;
}

/* Offset of the first byte in [p, p+16) that is '"', '\\', a control
 * character or non-ASCII; 16 when there is none.  p+16 must be readable. */
static inline unsigned ls_js_special16(const unsigned char *p)
{
#ifdef __SSE2__
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    /* a signed compare catches both < 0x20 and >= 0x80 at once */
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                          _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                             _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
    unsigned mask = (unsigned)_mm_movemask_epi8(m);
    return mask ? (unsigned)__builtin_ctz(mask) : 16u;
#else
    for (unsigned h = 0; h < 16; h += 8) {
        uint64_t w;
        memcpy(&w, p + h, 8);
        const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
        uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
        uint64_t t = ((q - ones) & ~q) | ((b - ones) & ~b) | (w - ones * 0x20) | w;
        t &= high;
        if (t) {
            /* the borrow trick can flag a byte after a real hit, never before */
            for (unsigned i = 0; i < 8; i++) {
                unsigned char c = p[h + i];
                if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                    return h + i;
            }
        }
    }
    return 16u;
#endif
}

#if defined(__x86_64__) && defined(__GNUC__)
/* The same for [p, p+32) with one AVX2 compare set; only for code that runs
 * on CPUs with AVX2 (built with it, or chosen at run time). */
__attribute__((target("avx2"))) static inline unsigned ls_js_special32_avx2(const unsigned char *p)
{
    __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)p);
    __m256i m = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('"')),
                                                _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\'))),
                                _mm256_cmpgt_epi8(_mm256_set1_epi8(0x20), v));
    unsigned mask = (unsigned)_mm256_movemask_epi8(m);
    return mask ? (unsigned)__builtin_ctz(mask) : 32u;
}
#endif

/* The same for [p, p+32); 32 when there is none.  p+32 must be readable. */
static inline unsigned ls_js_special32(const unsigned char *p)
{
#if defined(__AVX2__) && defined(__x86_64__) && defined(__GNUC__)
    return ls_js_special32_avx2(p);
#else
    unsigned k = ls_js_special16(p);
    return k < 16 ? k : 16 + ls_js_special16(p + 16);
#endif
}

/* Scans a string body starting just after the opening quote.  On success
 * returns LS_JS_OK with *endp just past the closing quote; sets *has_escape
 * when the body holds a backslash and *bad when it holds invalid UTF-8 or a
 * lone surrogate escape.  LS_JS_BAD sets *errp and *msg. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int ls_js_string(const unsigned char *p, const unsigned char *end,
                               const unsigned char **endp, int *has_escape, int *bad,
                               const unsigned char **errp, const char **msg)
{
    for (;;) {
        while (end - p >= 16) {
            unsigned k = ls_js_special16(p);
            p += k;
            if (k < 16)
                goto special;
        }
        for (;;) {
            if (p >= end)
                return LS_JS_MORE;
            unsigned char c = *p;
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                break;
            p++;
        }
    special:;
        unsigned char c = *p;
        if (c == '"') {
            *endp = p + 1;
            return LS_JS_OK;
        }
        if (c == '\\') {
            *has_escape = 1;
            if (end - p < 2)
                return LS_JS_MORE;
            switch (p[1]) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                p += 2;
                continue;
            case 'u':
                break;
            default:
                *errp = p;
                *msg = "invalid escape in a string";
                return LS_JS_BAD;
            }
            if (end - p < 6)
                return LS_JS_MORE;
            long u = ls_js_hex4(p + 2);
            if (u < 0) {
                *errp = p;
                *msg = "invalid \\u escape in a string";
                return LS_JS_BAD;
            }
            p += 6;
            if (u >= 0xDC00 && u <= 0xDFFF) {
                *bad = 1;
            } else if (u >= 0xD800 && u <= 0xDBFF) {
                /* a high surrogate needs a low one right after it */
                if (p == end || (end - p < 2 && p[0] == '\\'))
                    return LS_JS_MORE;
                if (p[0] == '\\' && p[1] == 'u') {
                    if (end - p < 6)
                        return LS_JS_MORE;
                    long l = ls_js_hex4(p + 2);
                    if (l >= 0xDC00 && l <= 0xDFFF)
                        p += 6;
                    else
                        *bad = 1; /* the next escape is checked on its own */
                } else {
                    *bad = 1;
                }
            }
            continue;
        }
        if (c < 0x20) {
            *errp = p;
            *msg = "control character in a string (must be escaped)";
            return LS_JS_BAD;
        }
        /* non-ASCII: stay in a tight loop while it continues */
        do {
            int n = ls_js_utf8_seq(p, end);
            if (n < 0)
                return LS_JS_MORE;
            if (n == 0) {
                *bad = 1;
                p++;
            } else {
                p += n;
            }
        } while (p < end && *p >= 0x80);
    }
}

/* Scans a number (RFC 8259 grammar, plus NaN / Infinity / -Infinity as
 * Python's json reads them) at p.  at_end_ok: the text may end right after
 * the number (a top-level value); else reaching the end means LS_JS_MORE. */
static inline int ls_js_number(const unsigned char *p, const unsigned char *end, int at_end_ok,
                               const unsigned char **endp, const unsigned char **errp,
                               const char **msg)
{
    const unsigned char *s = p;
#define LS_JS_NEED(q)                                                                    \
    do {                                                                                 \
        if ((q) >= end)                                                                  \
            return LS_JS_MORE;                                                           \
    } while (0)
    if (*p == '-')
        p++;
    LS_JS_NEED(p);
    if (*p == 'I' || *p == 'N') {
        const char *word = *p == 'I' ? "Infinity" : "NaN";
        size_t wl = strlen(word);
        if (*p == 'N' && p != s)
            goto bad;
        for (size_t i = 0; i < wl; i++) {
            LS_JS_NEED(p + i);
            if (p[i] != (unsigned char)word[i])
                goto bad;
        }
        *endp = p + wl;
        return LS_JS_OK;
    }
    if (*p == '0') {
        p++;
    } else if (*p >= '1' && *p <= '9') {
        p++;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    } else {
        goto bad;
    }
    if (p < end && *p == '.') {
        p++;
        LS_JS_NEED(p);
        if (!(*p >= '0' && *p <= '9'))
            goto bad;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        LS_JS_NEED(p);
        if (*p == '+' || *p == '-')
            p++;
        LS_JS_NEED(p);
        if (!(*p >= '0' && *p <= '9'))
            goto bad;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
    if (p >= end && !at_end_ok)
        return LS_JS_MORE;
    if (p < end && *p >= '0' && *p <= '9') { /* "01": a leading zero */
        *errp = p;
        *msg = "leading zero in a number";
        return LS_JS_BAD;
    }
    *endp = p;
    return LS_JS_OK;
bad:
    *errp = p < end ? p : end;
    *msg = "invalid number";
    return LS_JS_BAD;
#undef LS_JS_NEED
}

/* Skips one value of ALREADY VALIDATED text at p (no leading whitespace);
 * returns the end.  Iterative: any nesting depth. */
const char *ls_js_skip(const char *p, const char *end);
/* Skips whitespace. */
static inline const char *ls_js_ws(const char *p, const char *end)
{
    while (p < end && ls_js_is_ws((unsigned char)*p))
        p++;
    return p;
}

/* The object items of a document's lead array (the document itself when
 * it is an array, else its top-level "leads"), scanned as lead objects while
 * the whole document is validated, so that the reader need not scan each
 * lead a second time.  Only items that are valid objects within item_depth
 * are kept; the others are left for the reader to scan again, so a capture
 * never changes what the reader reports. */
typedef struct ls_js_item {
    size_t vlen;
    ls_lead lead;
} ls_js_item;

/* The fast path's memory of key tokens (scan_fast.c): leads of one source
 * nearly always list the same keys in the same order, spaced the same way,
 * so per member position the last plain token from the end of the
 * previous value to the start of this member's value (", \"key\": ") is
 * kept, and a member whose bytes equal it skips all that parsing.  A cache
 * only: it never changes a result.  One per thread: the reader that owns
 * it (ls_source_spare) passes it down. */
#define LS_JS_SHAPE_MEMBERS 64
#define LS_JS_JOB_SHAPE_MEMBERS 16
#define LS_JS_COMPANY_SHAPE_MEMBERS 16
#define LS_JS_SHAPE_TOKEN 32
typedef struct ls_js_shape {
    unsigned char tok[LS_JS_SHAPE_TOKEN]; /* zero-padded */
    uint32_t ignore;                      /* bit i set: byte i is not part of the token */
    int8_t field;                         /* ls_field or -1 */
} ls_js_shape;
struct ls_js_shapes {
    ls_js_shape lead[LS_JS_SHAPE_MEMBERS];
    /* jobs[] entries, two per position: entries with and without the
     * optional members alternate */
    ls_js_shape job[LS_JS_JOB_SHAPE_MEMBERS][2];
    /* a v1 lead's company object, two per position as well (a headcount
     * or a headcount_range, say) */
    ls_js_shape company[LS_JS_COMPANY_SHAPE_MEMBERS][2];
};

typedef struct ls_js_capture {
    ls_js_shapes *shapes; /* for the items' fast path; may be NULL */
    int item_depth;      /* the items' own nesting limit */
    size_t max_items;    /* items beyond this many are not kept (memory bound) */
    ls_js_item *items;
    size_t n, cap;
    const char *array;   /* the '[' of the captured array */
} ls_js_capture;

void ls_js_capture_free(ls_js_capture *c);

/* ls_scan_value that also records the top-level "leads" (doc[0]) and
 * "data" (doc[1]) members of an object, and the "leads" member of that
 * "data" when it is an object (doc[2]; absent when the last "data" is not
 * an object or has none), each the last occurrence like fields, so that a
 * response document needs no second walk; doc may be NULL.  cap (may be
 * NULL; only with doc) receives the lead array's items: those of the
 * document when it is an array, else of the last "leads" array, else of
 * the last "data"."leads" array (another candidate may be kept instead
 * when a document has several; the reader checks where each item is).
 * With shapes (the reading thread's key-token memory) a lead object takes
 * the fast path; without, the general scanner reads it (same result). */
int ls_js_scan(const char *text, size_t len, int max_depth, ls_lead *lead,
               size_t *value_len, ls_scan_error *err, ls_jval doc[3], ls_js_capture *cap,
               ls_js_shapes *shapes);

/* Equality of n bytes without a library call (keys are short): word loads
 * that may overlap, never past either end. */
static inline int ls_js_eq_short(const char *a, const char *b, size_t n)
{
    if (n >= 8) {
        uint64_t x, y;
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y)
                return 0;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        uint32_t x, y, x2, y2;
        memcpy(&x, a, 4);
        memcpy(&y, b, 4);
        memcpy(&x2, a + n - 4, 4);
        memcpy(&y2, b + n - 4, 4);
        return x == y && x2 == y2;
    }
    return memcmp(a, b, n) == 0;
}

/* ls_job_field_of_key, inline for the scanner. */
static inline int ls_js_job_field(const char *k, size_t n)
{
    static const char *const names[LS_JF__COUNT] = {"job_still_working", "job_ended_on",
                                                    "company_id",        "company_name",
                                                    "company_url",       "job_started_on",
                                                    "job_title"};
    int f;
    switch (n) {
    case 9: f = LS_JF_JOB_TITLE; break;
    case 10: f = LS_JF_COMPANY_ID; break;
    case 11: f = LS_JF_COMPANY_URL; break;
    case 12: f = k[0] == 'j' ? LS_JF_ENDED_ON : LS_JF_COMPANY_NAME; break;
    case 14: f = LS_JF_STARTED_ON; break;
    case 17: f = LS_JF_STILL_WORKING; break;
    default: return -1;
    }
    return ls_js_eq_short(k, names[f], n) ? f : -1;
}

/* ls_company_field_of_key, inline for the scanner. */
static inline int ls_js_company_field(const char *k, size_t n)
{
    static const char *const names[LS_CF__COUNT] = {
        "id",       "name",      "linkedin_url", "domain",  "headcount_range",
        "headcount", "location", "headquarters", "industry"};
    int f;
    switch (n) {
    case 2: f = LS_CF_ID; break;
    case 4: f = LS_CF_NAME; break;
    case 6: f = LS_CF_DOMAIN; break;
    case 8: f = k[0] == 'l' ? LS_CF_LOCATION : LS_CF_INDUSTRY; break;
    case 9: f = LS_CF_HEADCOUNT; break;
    case 12: f = k[0] == 'l' ? LS_CF_LINKEDIN_URL : LS_CF_HEADQUARTERS; break;
    case 15: f = LS_CF_HEADCOUNT_RANGE; break;
    default: return -1;
    }
    return ls_js_eq_short(k, names[f], n) ? f : -1;
}

/* The lead field a raw key body names, or -1. */
int ls_js_field_of_key(const char *body, size_t len, int has_escape);

/* The fast path of ls_js_scan for a lead object (text[0] == '{', max_depth
 * >= 1 already normalized): 1 with *lead and *value_len exactly as
 * ls_js_scan gives them, or 0 when it did not finish (then ls_js_scan
 * decides, errors included).  Never reads past text + len.  shapes must
 * not be NULL. */
int ls_js_lead_fast(const char *text, size_t len, int max_depth, ls_lead *lead,
                    size_t *value_len, ls_js_shapes *shapes);
/* The fast path's two copies, for tests that compare them: the baseline
 * one, and the AVX2 one (the baseline again where the build or the CPU
 * has no AVX2). */
int ls_js_lead_fast_base(const char *text, size_t len, int max_depth, ls_lead *lead,
                         size_t *value_len, ls_js_shapes *shapes);
int ls_js_lead_fast_avx2(const char *text, size_t len, int max_depth, ls_lead *lead,
                         size_t *value_len, ls_js_shapes *shapes);
/* ls_js_scan without the fast path, for tests that compare the two. */
int ls_js_scan_general(const char *text, size_t len, int max_depth, ls_lead *lead,
                       size_t *value_len, ls_scan_error *err);

/* 1 when the raw string body (escapes undecoded) decodes to key[0..klen). */
int ls_js_key_equals(const char *body, size_t len, int has_escape, const char *key, size_t klen);

#endif
