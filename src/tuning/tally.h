/* Byte strings to dense indexes, in first-insertion order, with a count
 * each: the tuning tools tally titles, miss classes and labels with it.
 * Memory grows with the number of distinct keys, never per lookup. */
#ifndef LS_TUNING_TALLY_H
#define LS_TUNING_TALLY_H
#include <stddef.h>
#include <stdint.h>
#include "core/core.h"

typedef struct ls_tally {
    ls_buf keys;       /* key bytes back to back, each followed by a NUL */
    size_t *off;       /* offset of key i in keys */
    size_t *len;       /* length of key i */
    uint64_t *count;   /* count of key i */
    size_t n, cap;
    uint32_t *slots;   /* open addressing: key index + 1, 0 = empty */
    size_t nslots;     /* power of two, or 0 */
} ls_tally;

void ls_tally_init(ls_tally *t);
void ls_tally_free(ls_tally *t);
/* Index of key, inserted with count 0 when absent (*fresh = 1 then; fresh
 * may be NULL).  -1 when memory runs out. */
long ls_tally_put(ls_tally *t, const void *key, size_t len, int *fresh);
/* Index of key or -1. */
long ls_tally_find(const ls_tally *t, const void *key, size_t len);
/* Key i, NUL-terminated (it may hold NULs itself: use *len). */
const char *ls_tally_key(const ls_tally *t, size_t i, size_t *len);

#endif
