#include <stdlib.h>
#include <string.h>
#include "request/strset.h"

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

int32_t ls_strset_find(const ls_strset *set, const char *s, size_t len)
{
    if (!set->nslots)
        return -1;
    size_t mask = set->nslots - 1;
    for (size_t i = hash_bytes(s, len) & mask;; i = (i + 1) & mask) {
        int32_t k = set->slots[i];
        if (k < 0)
            return -1;
        if (set->lens[k] == len && memcmp(set->keys[k], s, len) == 0)
            return k;
    }
}

static int grow(ls_strset *set)
{
    size_t nslots = set->nslots ? set->nslots * 2 : 16;
    int32_t *slots = malloc(nslots * sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < nslots; i++)
        slots[i] = -1;
    for (size_t k = 0; k < set->count; k++) {
        size_t i = hash_bytes(set->keys[k], set->lens[k]) & (nslots - 1);
        while (slots[i] >= 0)
            i = (i + 1) & (nslots - 1);
        slots[i] = (int32_t)k;
    }
    free(set->slots);
    set->slots = slots;
    set->nslots = nslots;
    return 0;
}

int32_t ls_strset_add(ls_strset *set, ls_arena *arena, const char *s, size_t len)
{
    int32_t k = ls_strset_find(set, s, len);
    if (k >= 0)
        return k;
    if (set->count >= INT32_MAX)
        return -1;
    /* keep the table at most half full so probes stay short */
    if ((set->count + 1) * 2 > set->nslots && grow(set) != 0)
        return -1;
    if (set->count == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 8;
        const char **keys = realloc(set->keys, cap * sizeof *keys);
        if (!keys)
            return -1;
        set->keys = keys;
        size_t *lens = realloc(set->lens, cap * sizeof *lens);
        if (!lens)
            return -1;
        set->lens = lens;
        set->cap = cap;
    }
    char *copy = ls_arena_strndup(arena, s, len);
    if (!copy)
        return -1;
    k = (int32_t)set->count++;
    set->keys[k] = copy;
    set->lens[k] = len;
    size_t mask = set->nslots - 1, i = hash_bytes(s, len) & mask;
    while (set->slots[i] >= 0)
        i = (i + 1) & mask;
    set->slots[i] = k;
    return k;
}

void ls_strset_free(ls_strset *set)
{
    free(set->keys);
    free(set->lens);
    free(set->slots);
    memset(set, 0, sizeof *set);
}
