/* A bounded memo of decisions keyed by exact bytes, per matcher (so per
 * thread).  Real lead sets repeat titles and locations heavily; a decision
 * that depends only on those bytes (and on the request, fixed for the
 * matcher) is computed once.  Four slots per set: a newer key replaces the
 * oldest of its set, so memory stays fixed, and a hit is always an exact
 * byte match, never a hash guess. */
#ifndef LS_MATCHER_MEMO_H
#define LS_MATCHER_MEMO_H
#include <stddef.h>
#include <stdint.h>

/* Key plus attached bytes (e.g. the normalized title) held in one slot;
 * longer ones are not remembered. */
enum { LS_MEMO_BYTES = 120 };

typedef struct ls_memo_slot {
    int32_t value;
    uint16_t key_len, extra_len;
    char bytes[LS_MEMO_BYTES]; /* key, then extra */
} ls_memo_slot;

typedef struct ls_memo {
    ls_memo_slot *slots;     /* allocated on first store */
    /* each slot's key hash (0: empty), a set's side by side, so that a
     * lookup reads one cache line before it touches a slot */
    uint64_t *tags;
    uint8_t *next;           /* per set: the way the next new key takes */
    size_t nslots;           /* power of two, at least 4 */
    uint64_t hits, misses;
} ls_memo;

void ls_memo_init(ls_memo *memo, size_t nslots);
void ls_memo_free(ls_memo *memo);
/* The slot holding exactly key, or NULL. */
const ls_memo_slot *ls_memo_find(ls_memo *memo, const char *key, size_t len);
/* Remembers key -> value (+ extra bytes); silently skipped when too long
 * or when memory runs out (the memo only ever saves work). */
void ls_memo_put(ls_memo *memo, const char *key, size_t len, int32_t value,
                 const char *extra, size_t extra_len);

#endif
