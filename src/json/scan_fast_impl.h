/* The body of the lead scanner's fast path (see scan_fast.c), included
 * there once per instruction set: FAST_FN names a function of this copy,
 * FAST_ATTR gives its target, FAST_SPECIAL32 finds the first byte of 32
 * that ends a plain string run, FAST_AVX2 is 1 in the AVX2 copy.  No
 * include guard, on purpose. */

#if FAST_AVX2 || defined(__SSE2__)
#if FAST_AVX2
typedef __m256i FAST_FN(vec);
#define V_W 32
#define V_LOAD(q) _mm256_loadu_si256((const __m256i *)(const void *)(q))
#define V_SET(c) _mm256_set1_epi8((char)(c))
#define V_EQ(a, b) _mm256_cmpeq_epi8(a, b)
#define V_MINU(a, b) _mm256_min_epu8(a, b)
#define V_SUB(a, b) _mm256_sub_epi8(a, b)
#define V_AND(a, b) _mm256_and_si256(a, b)
#define V_OR(a, b) _mm256_or_si256(a, b)
#define V_MASK(a) (uint32_t)_mm256_movemask_epi8(a)
#else
typedef __m128i FAST_FN(vec);
#define V_W 16
#define V_LOAD(q) _mm_loadu_si128((const __m128i *)(const void *)(q))
#define V_SET(c) _mm_set1_epi8((char)(c))
#define V_EQ(a, b) _mm_cmpeq_epi8(a, b)
#define V_MINU(a, b) _mm_min_epu8(a, b)
#define V_SUB(a, b) _mm_sub_epi8(a, b)
#define V_AND(a, b) _mm_and_si128(a, b)
#define V_OR(a, b) _mm_or_si128(a, b)
#define V_MASK(a) (uint32_t)_mm_movemask_epi8(a)
#endif
/* bytes in [lo, hi], unsigned: x - lo <= hi - lo */
#define V_IN(x, lo, hi) V_EQ(V_MINU(V_SUB(x, V_SET(lo)), V_SET((hi) - (lo))), V_SUB(x, V_SET(lo)))

/* The byte classes of a 32-byte string window that the window check
 * reads, one bit per byte. */
typedef struct FAST_FN(win) {
    uint32_t quote, bslash, ctrl, high;
} FAST_FN(win);
typedef struct FAST_FN(esc_cls) {
    uint32_t u, hex, d, hi_digit; /* 'u'; hex digit; 'd'/'D'; 8-9, a-f, A-F */
} FAST_FN(esc_cls);
typedef struct FAST_FN(utf8_cls) {
    uint32_t cont, lead, l2, l3, e0, ed, lo9f, badlead;
} FAST_FN(utf8_cls);

FAST_ATTR static inline void FAST_FN(win_basic)(cur p, FAST_FN(win) *w)
{
    w->quote = w->bslash = w->ctrl = w->high = 0;
    for (int h = 0; h < 32; h += V_W) {
        FAST_FN(vec) x = V_LOAD(p + h);
        w->quote |= V_MASK(V_EQ(x, V_SET('"'))) << h;
        w->bslash |= V_MASK(V_EQ(x, V_SET('\\'))) << h;
        w->ctrl |= V_MASK(V_EQ(V_MINU(x, V_SET(0x1F)), x)) << h;
        w->high |= V_MASK(x) << h;
    }
}

FAST_ATTR static inline void FAST_FN(win_esc)(cur p, FAST_FN(esc_cls) *e)
{
    e->u = e->hex = e->d = e->hi_digit = 0;
    for (int h = 0; h < 32; h += V_W) {
        FAST_FN(vec) x = V_LOAD(p + h);
        FAST_FN(vec) l = V_OR(x, V_SET(0x20)); /* letters to lower case */
        FAST_FN(vec) af = V_IN(l, 'a', 'f');
        e->u |= V_MASK(V_EQ(x, V_SET('u'))) << h;
        e->hex |= V_MASK(V_OR(V_IN(x, '0', '9'), af)) << h;
        e->d |= V_MASK(V_EQ(l, V_SET('d'))) << h;
        e->hi_digit |= V_MASK(V_OR(V_IN(x, '8', '9'), af)) << h;
    }
}

FAST_ATTR static inline void FAST_FN(win_utf8)(cur p, FAST_FN(utf8_cls) *u)
{
    memset(u, 0, sizeof *u);
    for (int h = 0; h < 32; h += V_W) {
        FAST_FN(vec) x = V_LOAD(p + h);
        u->cont |= V_MASK(V_IN(x, 0x80, 0xBF)) << h;
        u->lead |= V_MASK(V_IN(x, 0xC0, 0xFF)) << h;
        u->l2 |= V_MASK(V_IN(x, 0xC2, 0xDF)) << h;
        u->l3 |= V_MASK(V_IN(x, 0xE0, 0xEF)) << h;
        u->e0 |= V_MASK(V_EQ(x, V_SET(0xE0))) << h;
        u->ed |= V_MASK(V_EQ(x, V_SET(0xED))) << h;
        u->lo9f |= V_MASK(V_IN(x, 0x80, 0x9F)) << h;
        u->badlead |= V_MASK(V_OR(V_IN(x, 0xC0, 0xC1), V_IN(x, 0xF0, 0xFF))) << h;
    }
}
#undef V_W
#undef V_LOAD
#undef V_SET
#undef V_EQ
#undef V_MINU
#undef V_SUB
#undef V_AND
#undef V_OR
#undef V_MASK
#undef V_IN

/* The window [p, p+32) of a string body, p at the start of a character:
 * how many bytes from p are proven plain valid string (\u escapes of no
 * surrogate, well-formed UTF-8 of 2 or 3 bytes, no control character), and
 * *closed when the string's closing quote is the byte right after them.
 * -1 when the window holds anything else (another escape, a surrogate
 * escape, a 4-byte or invalid sequence, a control character): then the
 * exact reader (ls_js_string) goes on from p, so errors and the invalid
 * UTF-8 flag stay its own.  An escape or sequence that would run past the
 * window is left for the next one. */
FAST_ATTR static inline int FAST_FN(string_window)(cur p, int *esc, int *closed)
{
    FAST_FN(win) w;
    FAST_FN(utf8_cls) u;
    FAST_FN(win_basic)(p, &w);
    if (w.high)
        FAST_FN(win_utf8)(p, &u);
    else
        memset(&u, 0, sizeof u);
    /* cut before an escape that may not end inside the window (6 bytes)
     * or a lead byte whose sequence may not (3 bytes; 4-byte ones are the
     * exact reader's), so that the window ends at a character's start */
    uint32_t cut = (w.bslash & 0xF8000000u) | (w.high ? u.lead & 0xC0000000u : 0);
    unsigned q = w.quote ? (unsigned)__builtin_ctz(w.quote) : 32u;
    unsigned c = cut ? (unsigned)__builtin_ctz(cut) : 32u;
    unsigned n = q < c ? q : c;
    uint64_t below = ((uint64_t)1 << n) - 1, upto = ((uint64_t)2 << n) - 1;
    if (w.ctrl & below)
        return -1;
    uint64_t b = w.bslash & below;
    if (b) {
        FAST_FN(esc_cls) e;
        FAST_FN(win_esc)(p, &e);
        /* every backslash starts \uXXXX (an escaped quote or backslash
         * fails here), and none is a surrogate (\uD800-\uDFFF); the byte at
         * n is no hex digit, so an escape cut short fails too */
        uint64_t body = (b << 2) | (b << 3) | (b << 4) | (b << 5);
        if (((b << 1) & ~(uint64_t)e.u) || (body & ~(uint64_t)e.hex) ||
            (((b << 2) & e.d) << 1 & e.hi_digit))
            return -1;
        *esc = 1;
    }
    if (w.high & upto) {
        uint64_t l2 = u.l2 & below, l3 = u.l3 & below;
        /* continuation bytes exactly where the leads before n want them,
         * the byte at n included (a quote, a backslash or a lead is none) */
        uint64_t want = (l2 << 1) | (l3 << 1) | (l3 << 2);
        if ((u.badlead & below) || ((want ^ u.cont) & upto) ||
            (((u.e0 & below) << 1) & u.lo9f) || (((u.ed & below) << 1) & u.cont & ~u.lo9f))
            return -1;
    }
    *closed = n == q && q < 32;
    return (int)n;
}
#endif

/* The rest of a string body from p, a character's start that is no
 * quote: \u escapes and non-ASCII text 32 bytes at a time while they are
 * plain, else the exact reader.  Out of line, so that the plain strings'
 * loop below stays small where it is inlined. */
FAST_ATTR __attribute__((noinline)) static cur FAST_FN(string_rest)(cur p, cur end, int *esc,
                                                                    int *bad)
{
#if FAST_AVX2 || defined(__SSE2__)
    while (end - p >= 32) {
        int closed = 0, n = FAST_FN(string_window)(p, esc, &closed);
        if (n < 0)
            break;
        p += n;
        if (closed)
            return p + 1;
        if (end - p < 32)
            break;
        unsigned k = FAST_SPECIAL32(p);
        p += k;
        if (k < 32 && *p == '"')
            return p + 1;
    }
#endif
    cur q = NULL, errp = NULL;
    const char *msg = NULL;
    if (ls_js_string(p, end, &q, esc, bad, &errp, &msg) != LS_JS_OK)
        return NULL;
    return q;
}

/* Past the closing quote of the string whose body starts at p, or NULL. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
FAST_ATTR static inline cur FAST_FN(fast_string)(cur p, cur end, int *esc, int *bad)
{
    /* 32-byte blocks while they fit; the rest out of line */
    while (end - p >= 32) {
        unsigned k = FAST_SPECIAL32(p);
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
    return FAST_FN(string_rest)(p, end, esc, bad);
}

FAST_ATTR static inline cur FAST_FN(fast_ws)(cur p, cur end)
{
    /* every byte that can start or end a token is above ' ': one compare */
    while (p < end && *p <= ' ' && ls_js_is_ws(*p))
        p++;
    return p;
}

/* p at the ':' after a key, whitespace allowed around it: the value's
 * first byte, or NULL. */
FAST_ATTR static inline cur FAST_FN(fast_colon)(cur p, cur end)
{
    if (end - p >= 3 && *p == ':' && p[1] == ' ' && p[2] > ' ')
        return p + 2; /* the usual ": " */
    p = FAST_FN(fast_ws)(p, end);
    if (p >= end || *p != ':')
        return NULL;
    p = FAST_FN(fast_ws)(p + 1, end);
    return p < end ? p : NULL;
}

/* The end of the literal or number at p, or NULL; *type its type. */
FAST_ATTR static inline cur FAST_FN(fast_scalar)(cur p, cur end, ls_jtype *type)
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
FAST_ATTR static cur FAST_FN(fast_container)(cur p, cur end, int depth, int max_depth, int *bad)
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
    p = FAST_FN(fast_ws)(p + 1, end);
    if (p >= end)
        return NULL;
    if (*p == (obj ? '}' : ']'))
        goto close;
    if (!obj)
        goto value;
key:
    if (*p != '"')
        return NULL;
    p = FAST_FN(fast_string)(p + 1, end, &esc, bad);
    if (!p || !(p = FAST_FN(fast_colon)(p, end)))
        return NULL;
value:
    if (*p == '"') {
        p = FAST_FN(fast_string)(p + 1, end, &esc, bad);
        if (!p)
            return NULL;
    } else if (*p == '{' || *p == '[') {
        goto open;
    } else {
        p = FAST_FN(fast_scalar)(p, end, &t);
        if (!p)
            return NULL;
    }
next:
    if (p >= end)
        return NULL;
    if (*p == ',' && end - p >= 3) {
        p += 1 + (p[1] == ' ');
        if (*p <= ' ') {
            p = FAST_FN(fast_ws)(p, end);
            if (p >= end)
                return NULL;
        }
        if (obj)
            goto key;
        goto value;
    }
    if (*p <= ' ') {
        p = FAST_FN(fast_ws)(p, end);
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

/* After a member's value: past the ',' to the next member (1), at the
 * closing byte close (0), or NULL on anything else. */
FAST_ATTR static inline cur FAST_FN(fast_after)(cur p, cur end, unsigned char close, int *more)
{
    p = FAST_FN(fast_ws)(p, end);
    if (p >= end)
        return NULL;
    if (*p == ',') {
        *more = 1;
        if (end - p >= 3 && p[1] == ' ' && p[2] > ' ')
            return p + 2; /* the usual ", " */
        p = FAST_FN(fast_ws)(p + 1, end);
        return p < end ? p : NULL;
    }
    *more = 0;
    return *p == close ? p : NULL;
}

/* Whether [v, e) is a container with only whitespace between brackets. */
FAST_ATTR static inline uint8_t FAST_FN(empty_container)(cur v, cur e)
{
    cur i = v + 1;
    while (ls_js_is_ws(*i))
        i++;
    return i == e - 1;
}

/* Whether the token in slot k starts at p (p + SHAPE_TOKEN <= end). */
FAST_ATTR static inline int FAST_FN(shape_hit)(const shape_slot *k, cur p)
{
    if (!k->ignore)
        return 0; /* an empty slot: a token is never 32 bytes long */
#if FAST_AVX2
    __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)p);
    __m256i b = _mm256_loadu_si256((const __m256i *)(const void *)k->tok);
    uint32_t eq = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, b));
    return (eq | k->ignore) == UINT32_MAX;
#elif defined(__SSE2__)
    __m128i a0 = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i a1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
    __m128i b0 = _mm_loadu_si128((const __m128i *)(const void *)k->tok);
    __m128i b1 = _mm_loadu_si128((const __m128i *)(const void *)(k->tok + 16));
    uint32_t eq = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(a0, b0)) |
                  (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(a1, b1)) << 16;
    return (eq | k->ignore) == UINT32_MAX;
#else
    return memcmp(p, k->tok, (size_t)__builtin_ctz(k->ignore)) == 0;
#endif
}

/* shape_learn_bytes with one load: bytes below n must be printable ASCII
 * (signed compares: 0x80 and above read as negative), the rest are
 * zeroed. */
FAST_ATTR static inline void FAST_FN(shape_learn)(shape_slot *k, cur t, cur v, cur end, int field)
{
    size_t n = (size_t)(v - t);
    if (n >= SHAPE_TOKEN) {
        k->ignore = 0;
        return;
    }
    if (end - t < SHAPE_TOKEN) {
        shape_learn_bytes(k, t, v, field);
        return;
    }
#if FAST_AVX2
    const __m256i iota = _mm256_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                                          16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
                                          29, 30, 31);
    __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)t);
    __m256i in = _mm256_cmpgt_epi8(_mm256_set1_epi8((char)n), iota);
    __m256i ok = _mm256_and_si256(_mm256_cmpgt_epi8(x, _mm256_set1_epi8(0x1F)),
                                  _mm256_cmpgt_epi8(_mm256_set1_epi8(0x7F), x));
    if (_mm256_movemask_epi8(_mm256_andnot_si256(ok, in))) {
        k->ignore = 0;
        return;
    }
    _mm256_storeu_si256((__m256i *)(void *)k->tok, _mm256_and_si256(x, in));
#elif defined(__SSE2__)
    const __m128i iota = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    __m128i x0 = _mm_loadu_si128((const __m128i *)(const void *)t);
    __m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)(t + 16));
    __m128i in0 = _mm_cmpgt_epi8(_mm_set1_epi8((char)n), iota);
    __m128i in1 = _mm_cmpgt_epi8(_mm_set1_epi8((char)(n - 16)), iota); /* n < 16: negative */
    __m128i lo = _mm_set1_epi8(0x1F), hi = _mm_set1_epi8(0x7F);
    __m128i ok0 = _mm_and_si128(_mm_cmpgt_epi8(x0, lo), _mm_cmplt_epi8(x0, hi));
    __m128i ok1 = _mm_and_si128(_mm_cmpgt_epi8(x1, lo), _mm_cmplt_epi8(x1, hi));
    if (_mm_movemask_epi8(_mm_or_si128(_mm_andnot_si128(ok0, in0), _mm_andnot_si128(ok1, in1)))) {
        k->ignore = 0;
        return;
    }
    _mm_storeu_si128((__m128i *)(void *)k->tok, _mm_and_si128(x0, in0));
    _mm_storeu_si128((__m128i *)(void *)(k->tok + 16), _mm_and_si128(x1, in1));
#else
    shape_learn_bytes(k, t, v, field);
    return;
#endif
    k->ignore = ~(uint32_t)0 << n;
    k->field = (int8_t)field;
}

/* One member value of an object at level `level` (a jobs[] entry: 3, a
 * lead's company: 2): its end or NULL; *rec filled relative to s when rec
 * is not NULL. */
FAST_ATTR static cur FAST_FN(fast_member_value)(cur s, cur p, cur end, int level, int max_depth,
                                                int *bad, ls_lead_val *rec)
{
    cur v = p;
    int esc = 0;
    ls_jtype t;
    if (*p == '"') {
        p = FAST_FN(fast_string)(p + 1, end, &esc, bad);
        t = LS_J_STRING;
    } else if (*p == '{' || *p == '[') {
        p = FAST_FN(fast_container)(p, end, level, max_depth, bad);
        t = *v == '{' ? LS_J_OBJECT : LS_J_ARRAY;
    } else {
        p = FAST_FN(fast_scalar)(p, end, &t);
    }
    if (!p || !rec)
        return p;
    size_t off = (size_t)(v - s), len = (size_t)(p - v);
    if (t == LS_J_STRING) {
        off++;
        len -= 2;
    }
    if (off + len > UINT32_MAX)
        return NULL;
    rec->off = (uint32_t)off;
    rec->len = (uint32_t)len;
    rec->type = (uint8_t)t;
    rec->has_escape = (uint8_t)esc;
    rec->is_empty = t == LS_J_OBJECT || t == LS_J_ARRAY ? FAST_FN(empty_container)(v, p) : 0;
    return p;
}

/* An object at p whose members the filters read: a jobs[] entry (level 3,
 * company 0: ls_job_field) or a lead's company (level 2, company 1:
 * ls_company_field).  Past its '}' or NULL.  Records those members into
 * rec[] when rec is not NULL; *escaped is set when a key holds an escape
 * (the walk decodes those; this does not). */
FAST_ATTR static cur FAST_FN(fast_record_object)(cur s, cur p, cur end, int level, int company,
                                                 int max_depth, int *bad, ls_lead_val *rec,
                                                 int *escaped, ls_js_shapes *sh)
{
    p = FAST_FN(fast_ws)(p + 1, end);
    if (p >= end)
        return NULL;
    if (*p == '}')
        return p + 1;
    shape_slot(*slots)[2] = company ? sh->company : sh->job;
    const unsigned nslots = company ? LS_JS_COMPANY_SHAPE_MEMBERS : JOB_SHAPE_MEMBERS;
    for (unsigned member = 0;; member++) {
        /* p: at the first key's '"', or just past the previous value */
        int jf = -1, hit = 0;
        shape_slot *k = member < nslots ? slots[member] : NULL;
        if (k && end - p >= SHAPE_TOKEN)
            for (int w = 0; w < 2 && !hit; w++)
                if (FAST_FN(shape_hit)(&k[w], p)) {
                    jf = k[w].field;
                    /* more spaces than the token holds may follow */
                    p += __builtin_ctz(k[w].ignore);
                    if (*p <= ' ' && (p = FAST_FN(fast_ws)(p, end)) >= end)
                        return NULL;
                    hit = 1;
                }
        if (!hit) {
            cur t = p;
            if (member > 0 && end - p >= 3 && p[0] == ',' && p[1] == ' ' && p[2] == '"') {
                p += 2; /* the usual ", " in one test */
            } else if (member > 0) { /* the separator, or the end of the entry */
                p = FAST_FN(fast_ws)(p, end);
                if (p >= end)
                    return NULL;
                if (*p == '}')
                    return p + 1;
                if (*p != ',')
                    return NULL;
                p = FAST_FN(fast_ws)(p + 1, end);
                if (p >= end)
                    return NULL;
            }
            if (*p != '"')
                return NULL;
            cur b = p + 1;
            int esc = 0;
            p = FAST_FN(fast_string)(b, end, &esc, bad);
            if (!p)
                return NULL;
            *escaped |= esc;
            if (!esc)
                jf = company ? ls_js_company_field((const char *)b, (size_t)(p - 1 - b))
                             : ls_js_job_field((const char *)b, (size_t)(p - 1 - b));
            if (!(p = FAST_FN(fast_colon)(p, end)))
                return NULL;
            if (k && !esc) { /* two ways: entries come in a few shapes */
                k[1] = k[0];
                FAST_FN(shape_learn)(&k[0], t, p, end, jf);
            }
        }
        p = FAST_FN(fast_member_value)(s, p, end, level, max_depth, bad,
                                       rec && jf >= 0 ? &rec[jf] : NULL);
        if (!p)
            return NULL;
    }
}

/* A jobs[] (or work_history[]) array at p (level 2) of the lead starting
 * at s: validated as FAST_FN(fast_container) does; with keep, the members
 * the filters read are recorded in L->jobs and *n_out is their count (-1
 * when they could not all be). */
FAST_ATTR static cur FAST_FN(fast_jobs)(cur s, cur p, cur end, int max_depth, int *bad, ls_lead *L,
                                        ls_js_shapes *sh, int keep, int *n_out)
{
    if (max_depth < 3) {
        *n_out = -1;
        return FAST_FN(fast_container)(p, end, 1, max_depth, bad);
    }
    int n = 0, escaped = 0, more = 1;
    p = FAST_FN(fast_ws)(p + 1, end);
    if (p >= end)
        return NULL;
    if (*p == ']')
        more = 0;
    while (more) {
        if (*p == '{') {
            ls_lead_job *J = keep && n < LS_LEAD_MAX_JOBS ? &L->jobs[n] : NULL;
            if (J)
                memset(J, 0, sizeof *J);
            p = FAST_FN(fast_record_object)(s, p, end, 3, 0, max_depth, bad, J ? J->f : NULL,
                                            &escaped, sh);
            n++;
        } else if (*p == '[') {
            p = FAST_FN(fast_container)(p, end, 2, max_depth, bad);
        } else if (*p == '"') {
            int esc = 0;
            p = FAST_FN(fast_string)(p + 1, end, &esc, bad);
        } else {
            ls_jtype t;
            p = FAST_FN(fast_scalar)(p, end, &t);
        }
        if (!p || !(p = FAST_FN(fast_after)(p, end, ']', &more)))
            return NULL;
    }
    *n_out = escaped || n > LS_LEAD_MAX_JOBS ? -1 : n;
    return p + 1;
}

/* The lead's "company" object at p (level 2): past its '}' or NULL, with
 * the members ls_lead_read reads recorded in L->company (L->company_rec 0
 * when a key holds an escape).  Only an object's members are read, so a
 * later "company" that is not one need not clear them. */
FAST_ATTR static cur FAST_FN(fast_company)(cur s, cur p, cur end, int max_depth, int *bad,
                                           ls_lead *L, ls_js_shapes *sh)
{
    int escaped = 0;
    memset(L->company, 0, sizeof L->company);
    p = FAST_FN(fast_record_object)(s, p, end, 2, 1, max_depth, bad, L->company, &escaped, sh);
    L->company_rec = !escaped;
    return p;
}

/* The end of a lead with a work_history member: L->jobs_n for the list
 * ls_lead_read(LS_F_JOBS) reads (jobs, else work_history), from the list
 * recorded last (jobs_at, jobs_n). */
static void FAST_FN(jobs_settle)(ls_lead *L, cur jobs_at, int jobs_n)
{
    ls_jval list;
    ls_lead_read(L, LS_F_JOBS, NULL, &list);
    if (list.type != LS_J_ARRAY)
        L->jobs_n = 0; /* no object entries */
    else
        L->jobs_n = list.p == (const char *)jobs_at ? jobs_n : -1;
}

/* sh: the key-token memory, never NULL here (ls_js_scan takes the fast
 * path only with one): a test per member was a visible cost. */
FAST_ATTR static int FAST_FN(lead_fast)(const char *text, size_t len, int max_depth, ls_lead *L,
                                        size_t *value_len, ls_js_shapes *sh)
{
    const cur s = (cur)text, end = s + len;
    if (len < 2 || s[0] != '{' || max_depth < 1)
        return 0;
    int bad = 0, esc = 0;
    memset(L->f, 0, sizeof L->f);
    L->persona_n = 0;
    L->flags = 0;
    L->jobs_n = 0;
    L->company_rec = 1; /* read only when "company" is an object: fast_company */
    L->raw = text;
    L->raw_len = 0;
    /* the list whose entries L->jobs holds: its '[', its count, and what it
     * is (1 a jobs[] with entries, 2 an empty jobs[], 3 a work_history[]):
     * a work_history[] is not recorded over a jobs[] with entries, nor an
     * empty jobs[] over a work_history[], as ls_lead_read reads neither */
    cur jobs_at = NULL;
    int jobs_n = 0, jobs_kind = 0;

    cur p = FAST_FN(fast_ws)(s + 1, end);
    if (p >= end)
        return 0;
    if (*p == '}')
        goto done;
    for (unsigned member = 0;; member++) {
        /* p: at the first key's '"', or just past the previous value */
        int field;
        shape_slot *k = member < SHAPE_MEMBERS ? &sh->lead[member] : NULL;
        if (k && end - p >= SHAPE_TOKEN && FAST_FN(shape_hit)(k, p)) {
            field = k->field;
            /* more spaces than the token holds may follow */
            p += __builtin_ctz(k->ignore);
            if (*p <= ' ' && (p = FAST_FN(fast_ws)(p, end)) >= end)
                return 0;
        } else {
            cur t = p;
            if (member > 0 && end - p >= 3 && p[0] == ',' && p[1] == ' ' && p[2] == '"') {
                p += 2; /* the usual ", " in one test */
            } else if (member > 0) { /* the separator, or the end of the lead */
                p = FAST_FN(fast_ws)(p, end);
                if (p >= end)
                    return 0;
                if (*p == '}')
                    break;
                if (*p != ',')
                    return 0;
                p = FAST_FN(fast_ws)(p + 1, end);
                if (p >= end)
                    return 0;
            }
            if (*p != '"')
                return 0;
            cur b = p + 1;
            esc = 0;
            p = FAST_FN(fast_string)(b, end, &esc, &bad);
            if (!p)
                return 0;
            field = ls_js_field_of_key((const char *)b, (size_t)(p - 1 - b), esc);
            if (!(p = FAST_FN(fast_colon)(p, end)))
                return 0;
            if (k && !esc)
                FAST_FN(shape_learn)(k, t, p, end, field);
        }
        cur v = p;
        ls_jval *rec = field >= 0 ? &L->f[field] : NULL;
        if (field == LS_F_JOBS) /* the last "jobs" decides; a non-array has none */
            L->jobs_n = 0;
        if (*p == '"') {
            esc = 0;
            p = FAST_FN(fast_string)(p + 1, end, &esc, &bad);
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
            if ((field == LS_F_JOBS || field == LS_F_WORK_HISTORY) && *p == '[') {
                int wh = field == LS_F_WORK_HISTORY, n = 0;
                int keep = wh ? jobs_kind != 1 : 1;
                p = FAST_FN(fast_jobs)(s, p, end, max_depth, &bad, L, sh, keep, &n);
                if (!p)
                    return 0;
                int kind = wh ? 3 : FAST_FN(empty_container)(v, p) ? 2 : 1;
                if (keep && !(kind == 2 && jobs_kind == 3)) {
                    jobs_at = v;
                    jobs_n = n;
                    jobs_kind = kind;
                }
                if (!wh) /* settled at the end when there is a work_history */
                    L->jobs_n = n;
            } else if (field == LS_F_COMPANY && *p == '{' && max_depth >= 2) {
                p = FAST_FN(fast_company)(s, p, end, max_depth, &bad, L, sh);
            } else {
                p = FAST_FN(fast_container)(p, end, 1, max_depth, &bad);
            }
            if (!p)
                return 0;
            if (rec) {
                rec->p = (const char *)v;
                rec->len = (size_t)(p - v);
                rec->type = *v == '{' ? LS_J_OBJECT : LS_J_ARRAY;
                rec->has_escape = 0;
                rec->is_empty = FAST_FN(empty_container)(v, p);
            }
        } else {
            ls_jtype t;
            p = FAST_FN(fast_scalar)(p, end, &t);
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
    }
done:
    p++;
    if (L->f[LS_F_WORK_HISTORY].type != LS_J_NONE)
        FAST_FN(jobs_settle)(L, jobs_at, jobs_n);
    *value_len = (size_t)(p - s);
    L->raw_len = (size_t)(p - s);
    if (bad)
        L->flags |= LS_LEAD_INVALID_UTF8;
    return 1;
}
