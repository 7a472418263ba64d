/* "Did you mean": the closest of a few known words to what the user wrote,
 * for unknown request fields, option values and names. */
#include <string.h>
#include <strings.h>
#include "core/core.h"

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Optimal string alignment distance (insert, delete, substitute, swap of
 * neighbours), ASCII case folded; stops counting above `cap`. */
static size_t distance(const char *a, size_t al, const char *b, size_t bl, size_t cap)
{
    enum { MAX = 64 };
    if (al > MAX || bl > MAX)
        return cap + 1;
    if ((al > bl ? al - bl : bl - al) > cap)
        return cap + 1;
    size_t rows[3][MAX + 1];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= bl; j++)
        prev[j] = j;
    for (size_t i = 1; i <= al; i++) {
        cur[0] = i;
        size_t best = cur[0];
        for (size_t j = 1; j <= bl; j++) {
            unsigned char x = fold((unsigned char)a[i - 1]), y = fold((unsigned char)b[j - 1]);
            size_t d = prev[j - 1] + (x != y);
            if (prev[j] + 1 < d)
                d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            if (i > 1 && j > 1 && x == fold((unsigned char)b[j - 2]) &&
                fold((unsigned char)a[i - 2]) == y && prev2[j - 2] + 1 < d)
                d = prev2[j - 2] + 1;
            cur[j] = d;
            if (d < best)
                best = d;
        }
        if (best > cap)
            return cap + 1;
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[bl];
}

const char *ls_suggest(const char *word, size_t len, const char *const *candidates, size_t n)
{
    if (len == 0)
        return NULL;
    /* A third of the word, at least one edit and at most three: "persona"
     * finds "personas", "fomat" finds "format", "x" finds nothing. */
    size_t cap = len / 3;
    if (cap < 1)
        cap = 1;
    if (cap > 3)
        cap = 3;
    const char *best = NULL;
    size_t best_d = cap + 1;
    for (size_t i = 0; i < n; i++) {
        if (!candidates[i])
            continue;
        size_t cl = strlen(candidates[i]);
        size_t d = distance(word, len, candidates[i], cl, cap);
        /* a known word cut short ("limit" for "limit_by") is as good as
         * the farthest spelling mistake */
        if (d > cap && len >= 4 && len < cl && strncasecmp(word, candidates[i], len) == 0)
            d = cap;
        if (d == 0 && cl == len && memcmp(word, candidates[i], len) == 0)
            continue; /* the word itself is no suggestion */
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    return best;
}
