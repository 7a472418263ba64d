/* A set of byte strings, each with a dense index in insertion order.
 * Built while compiling a request; lookups are read-only and thread-safe. */
#ifndef LS_STRSET_H
#define LS_STRSET_H
#include <stddef.h>
#include <stdint.h>
#include "request/arena.h"

typedef struct ls_strset {
    const char **keys;    /* by index; copies live in the arena */
    size_t *lens;
    size_t count, cap;
    int32_t *slots;       /* open addressing: index or -1 */
    size_t nslots;        /* power of two */
} ls_strset;

/* Index of s, adding it when new.  -1 when memory runs out. */
int32_t ls_strset_add(ls_strset *set, ls_arena *arena, const char *s, size_t len);
/* Index of s or -1. */
int32_t ls_strset_find(const ls_strset *set, const char *s, size_t len);
void ls_strset_free(ls_strset *set);

#endif
