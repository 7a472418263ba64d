/* Properties of norm() and the exclude_names key that must hold for ANY
 * input bytes.  Shared by fuzz_normalize.c and the regression test
 * (tests/test_normalize_fuzz_regressions.c), which replays saved inputs.
 *
 * Idempotence: norm(norm(x)) == norm(x) does NOT follow from the contract.
 * Step 7 is one pass whose output is not re-scanned, so a second norm()
 * applies abbreviations again: "cpo" -> "cpo chief officer" ->
 * "cpo chief officer chief officer", and "vice pres" -> "vice president"
 * -> "vp".  What does follow:
 *   - steps 1-4 are the identity on norm(x) (it is already folded ASCII);
 *   - norm(x) holds no stop-word (they go before step 7, and no expansion
 *     contains one);
 *   - so norm(norm(x)) == norm(x) exactly when step 7 finds nothing to
 *     rewrite in norm(x); in particular whenever no token of norm(x) is a
 *     stop-word or an abbreviation head.
 */
#ifndef LS_FUZZ_PROPS_NORMALIZE_H
#define LS_FUZZ_PROPS_NORMALIZE_H
#include <stdlib.h>
#include <string.h>
#include "normalize/norm.h"
#include "normalize/steps.h"
#include "normalize/words.h"
#include "fuzz_common_utf8.h"

typedef struct props_norm_ctx {
    ls_normalizer *a, *b;
    ls_buf fold;
    char small[64];
} props_norm_ctx;

/* [a-z0-9 ], single spaces, none at either end, no NUL inside. */
static inline const char *props_norm_canonical(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' '))
            return "norm output has a byte outside [a-z0-9 ]";
        if (c == ' ' && (i == 0 || i + 1 == n || s[i + 1] == ' '))
            return "norm output has a leading, trailing or double space";
    }
    if (s[n] != '\0')
        return "norm output is not NUL-terminated at out_len";
    return NULL;
}

/* ASCII, no uppercase, ASCII whitespace only as single inner spaces. */
static inline const char *props_name_canonical(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            return "name key has a non-ASCII byte";
        if (c >= 'A' && c <= 'Z')
            return "name key has an uppercase letter";
        if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r')
            return "name key kept an ASCII whitespace other than space";
        if (c == ' ' && (i == 0 || i + 1 == n || s[i + 1] == ' '))
            return "name key has a leading, trailing or double space";
    }
    return NULL;
}

static inline int props_norm_init(props_norm_ctx *c)
{
    memset(c, 0, sizeof *c);
    ls_normalizer_new(&c->a);
    ls_normalizer_new(&c->b);
    return c->a && c->b ? 0 : -1;
}

static inline void props_norm_free(props_norm_ctx *c)
{
    ls_normalizer_free(c->a);
    ls_normalizer_free(c->b);
    ls_buf_free(&c->fold);
}

/* Returns NULL when every property holds, else which one failed. */
static inline const char *props_normalize(props_norm_ctx *c, const char *in, size_t n)
{
    size_t len = 0, len2 = 0, klen = 0;
    unsigned fl = 99, fl2 = 99, kfl = 99;
    const char *why;
    int valid = fuzz_utf8_valid((const unsigned char *)in, n);

    const char *r = ls_normalizer_run(c->a, in, n, &len, &fl);
    if (!r)
        return "ls_normalizer_run returned NULL";
    if ((why = props_norm_canonical(r, len)) != NULL)
        return why;
    if (fl != (valid ? 0u : (unsigned)LS_NORM_INVALID_UTF8))
        return "LS_NORM_INVALID_UTF8 does not match the input's UTF-8 validity";

    /* ls_norm: same result, snprintf-style truncation. */
    size_t cap = n % sizeof c->small; /* 0 .. 63, from the input */
    memset(c->small, 'X', sizeof c->small);
    size_t full = 0;
    if (ls_norm(in, n, c->small, cap, &full, &fl2) != LS_OK)
        return "ls_norm failed where ls_normalizer_run did not";
    if (full != len || fl2 != fl)
        return "ls_norm length or flags differ from ls_normalizer_run";
    if (cap > 0) {
        size_t k = len < cap ? len : cap - 1;
        if (memcmp(c->small, r, k) != 0 || c->small[k] != '\0')
            return "ls_norm truncated output is not the prefix + NUL";
        if (k + 1 < sizeof c->small && c->small[k + 1] != 'X')
            return "ls_norm wrote past the NUL";
    } else if (c->small[0] != 'X') {
        return "ls_norm wrote with cap 0";
    }

    /* No stop-word survives; steps 1-4 are the identity on the result. */
    ls_span tok;
    size_t pos = 0;
    int rewritable = 0;
    while (ls_step_next_token(r, len, &pos, &tok)) {
        if (ls_is_stopword(r + tok.off, tok.len))
            return "norm output contains a stop-word";
        if (ls_word_lookup(r + tok.off, tok.len))
            rewritable = 1;
    }
    ls_buf_clear(&c->fold);
    unsigned ffl = 0;
    if (ls_step_fold(r, len, ls_map_norm, &c->fold, &ffl) != 0)
        return "ls_step_fold ran out of memory";
    if (c->fold.len != len || memcmp(c->fold.data, r, len) != 0 || ffl != 0)
        return "steps 1-4 are not the identity on norm output";

    /* Idempotent unless step 7 has something to rewrite (see above). */
    const char *rr = ls_normalizer_run(c->b, r, len, &len2, &fl2);
    if (!rr)
        return "second ls_normalizer_run returned NULL";
    if (!rewritable && (len2 != len || memcmp(rr, r, len) != 0))
        return "norm(norm(x)) != norm(x) although no token is a stop-word or abbreviation head";
    if (fl2 != 0)
        return "norm output re-normalized reports invalid UTF-8";

    /* exclude_names key: canonical, idempotent, and norm() of it is norm(x)
     * (transliteration is per code point and the identity on ASCII). */
    const char *key = ls_normalizer_name_key(c->b, in, n, &klen, &kfl);
    if (!key)
        return "ls_normalizer_name_key returned NULL";
    if ((why = props_name_canonical(key, klen)) != NULL)
        return why;
    if (kfl != fl)
        return "name key flags differ from norm flags";
    char *keycopy = malloc(klen + 1);
    if (!keycopy)
        return "out of memory";
    memcpy(keycopy, key, klen);
    const char *nk = ls_normalizer_run(c->b, keycopy, klen, &len2, &fl2);
    if (!nk || len2 != len || memcmp(nk, r, len) != 0) {
        free(keycopy);
        return "norm(name_key(x)) != norm(x)";
    }
    size_t k2len = 0;
    const char *key2 = ls_normalizer_name_key(c->b, keycopy, klen, &k2len, NULL);
    int same = key2 && k2len == klen && memcmp(key2, keycopy, klen) == 0;
    free(keycopy);
    if (!same)
        return "name_key(name_key(x)) != name_key(x)";
    return NULL;
}

#endif
