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

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__AVX2__)
#define LS_JS_HAVE_AVX2_COPY 1
#else
#define LS_JS_HAVE_AVX2_COPY 0
#endif

/* The key-token memory (ls_js_shapes, json_internal.h) is the caller's:
 * one per reading thread, passed down, NULL for none. */
typedef ls_js_shape shape_slot;
#define SHAPE_MEMBERS LS_JS_SHAPE_MEMBERS
#define SHAPE_TOKEN LS_JS_SHAPE_TOKEN
#define JOB_SHAPE_MEMBERS LS_JS_JOB_SHAPE_MEMBERS

/* Remembers the token [t, v) at position k when it is printable ASCII
 * (the key in it holds no escape: equal bytes are then the same valid
 * separator, key and colon).  The byte-wise form, for the last bytes of a
 * text; the copies below test 32 bytes at once, as on varied leads (keys
 * in another order per lead) nearly every member is learned anew. */
static void shape_learn_bytes(shape_slot *k, cur t, cur v, int field)
{
    size_t n = (size_t)(v - t);
    k->ignore = 0;
    if (n >= SHAPE_TOKEN)
        return;
    for (size_t i = 0; i < n; i++)
        if (t[i] < 0x20 || t[i] > 0x7E)
            return;
    memset(k->tok, 0, sizeof k->tok);
    memcpy(k->tok, t, n);
    k->ignore = ~(uint32_t)0 << n;
    k->field = (int8_t)field;
}

/* The baseline copy: SSE2 on x86-64, portable code elsewhere. */
#define FAST_FN(name) name##_base
#define FAST_ATTR
#define FAST_AVX2 0
#define FAST_SPECIAL32(p) ls_js_special32(p)
#include "json/scan_fast_impl.h"
#undef FAST_FN
#undef FAST_ATTR
#undef FAST_AVX2
#undef FAST_SPECIAL32

#if LS_JS_HAVE_AVX2_COPY
/* The AVX2 copy, chosen at run time on CPUs that have it: 32 bytes per
 * compare instead of 16 for strings and key tokens. */
#define FAST_FN(name) name##_avx2
#define FAST_ATTR __attribute__((target("avx2")))
#define FAST_AVX2 1
#define FAST_SPECIAL32(p) ls_js_special32_avx2(p)
#include "json/scan_fast_impl.h"

int ls_js_lead_fast_avx2(const char *text, size_t len, int max_depth, ls_lead *L,
                         size_t *value_len, ls_js_shapes *shapes)
{
    if (!__builtin_cpu_supports("avx2"))
        return lead_fast_base(text, len, max_depth, L, value_len, shapes);
    return lead_fast_avx2(text, len, max_depth, L, value_len, shapes);
}
#else
int ls_js_lead_fast_avx2(const char *text, size_t len, int max_depth, ls_lead *L,
                         size_t *value_len, ls_js_shapes *shapes)
{
    return lead_fast_base(text, len, max_depth, L, value_len, shapes);
}
#endif

int ls_js_lead_fast_base(const char *text, size_t len, int max_depth, ls_lead *L,
                         size_t *value_len, ls_js_shapes *shapes)
{
    return lead_fast_base(text, len, max_depth, L, value_len, shapes);
}

int ls_js_lead_fast(const char *text, size_t len, int max_depth, ls_lead *L, size_t *value_len,
                    ls_js_shapes *shapes)
{
#if LS_JS_HAVE_AVX2_COPY
    if (__builtin_cpu_supports("avx2"))
        return lead_fast_avx2(text, len, max_depth, L, value_len, shapes);
#endif
    return lead_fast_base(text, len, max_depth, L, value_len, shapes);
}
