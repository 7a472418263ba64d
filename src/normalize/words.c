/* Token lookup in the compiled stop-word and abbreviation tables: one
 * perfect-hash probe and one memcmp per token. */
#include <string.h>
#include "normalize/words.h"

/* FNV-1a with a folded top; scripts/gen_words.py computes the same. */
static uint32_t words_hash(const char *s, size_t n)
{
    uint32_t h = ls_words_seed;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x01000193u;
    return h ^ (h >> 15);
}

const ls_word *ls_word_lookup(const char *tok, size_t len)
{
    if (len == 0 || len > ls_word_max_len) /* most words of a title: no hashing */
        return NULL;
    const ls_word *w = &ls_word_slots[words_hash(tok, len) & (LS_WORDS_SLOTS - 1)];
    if (w->len != len || memcmp(w->text, tok, len) != 0)
        return NULL;
    return w;
}

int ls_is_stopword(const char *tok, size_t len)
{
    const ls_word *w = ls_word_lookup(tok, len);
    return w && w->stop;
}

/* Does `phrase` (tokens joined by single spaces) equal toks[0..k)? */
static int phrase_equals(const char *phrase, size_t plen, const char *text,
                         const ls_span *toks, size_t k)
{
    size_t p = 0;
    for (size_t i = 0; i < k; i++) {
        if (i > 0) {
            if (p >= plen || phrase[p] != ' ')
                return 0;
            p++;
        }
        if (toks[i].len > plen - p || memcmp(phrase + p, text + toks[i].off, toks[i].len) != 0)
            return 0;
        p += toks[i].len;
    }
    return p == plen;
}

const ls_abbrev *ls_abbrev_match(const char *text, const ls_span *toks, size_t n,
                                 size_t *used)
{
    if (n == 0)
        return NULL;
    const ls_word *w = ls_word_lookup(text + toks[0].off, toks[0].len);
    if (!w)
        return NULL;
    for (size_t i = w->abbr_first; i < (size_t)w->abbr_first + w->abbr_count; i++) {
        const ls_abbrev *a = &ls_abbrevs[i];
        if (a->from_tokens <= n && phrase_equals(a->from, a->from_len, text, toks, a->from_tokens)) {
            *used = a->from_tokens;
            return a;
        }
    }
    return NULL;
}
