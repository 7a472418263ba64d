/* Stop-words and abbreviations (contract §1 steps 6-7), compiled in from
 * data/ by scripts/gen_words.py into words_table.c. */
#ifndef LS_WORDS_H
#define LS_WORDS_H
#include <stddef.h>
#include <stdint.h>

#define LS_WORDS_SLOTS 256      /* perfect-hash slots (power of two) */
#define LS_ABBREV_MAX_TOKENS 2  /* longest `from`, in tokens (checked by the table) */

/* One abbreviation: phrases are tokens joined by single spaces. */
typedef struct ls_abbrev {
    const char *from, *to;
    uint8_t from_len, from_tokens, to_len;
} ls_abbrev;

/* A token that is a stop-word or starts abbreviations.  Its abbreviations
 * are ls_abbrevs[abbr_first .. abbr_first + abbr_count), longest first. */
typedef struct ls_word {
    const char *text;
    uint8_t len, stop, abbr_first, abbr_count;
} ls_word;

/* A token: bytes [off, off + len) of the text it was cut from. */
typedef struct ls_span {
    size_t off, len;
} ls_span;

extern const char *const ls_stopword_list[];
extern const size_t ls_stopword_count;
extern const ls_abbrev ls_abbrevs[];
extern const size_t ls_abbrev_count;
extern const ls_word ls_word_slots[LS_WORDS_SLOTS];
extern const uint32_t ls_words_seed;
extern const size_t ls_word_max_len; /* longest stop-word or abbreviation head */

/* The entry of a token, or NULL when it is neither a stop-word nor an
 * abbreviation head. */
const ls_word *ls_word_lookup(const char *tok, size_t len);

int ls_is_stopword(const char *tok, size_t len);

/* The abbreviation whose `from` matches the tokens toks[0..n) of text at
 * their start, longest first; *used = its token count.  NULL when none. */
const ls_abbrev *ls_abbrev_match(const char *text, const ls_span *toks, size_t n,
                                 size_t *used);

#endif
