#include <stdlib.h>
#include <string.h>
#include "tuning/tally.h"

static uint64_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    return h ^ (h >> 29);
}

void ls_tally_init(ls_tally *t)
{
    memset(t, 0, sizeof *t);
}

void ls_tally_free(ls_tally *t)
{
    ls_buf_free(&t->keys);
    free(t->off);
    free(t->len);
    free(t->count);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

static int key_equal(const ls_tally *t, size_t i, const void *key, size_t len)
{
    return t->len[i] == len && memcmp(t->keys.data + t->off[i], key, len) == 0;
}

long ls_tally_find(const ls_tally *t, const void *key, size_t len)
{
    if (!t->nslots)
        return -1;
    size_t mask = t->nslots - 1;
    for (size_t s = (size_t)hash_bytes(key, len) & mask;; s = (s + 1) & mask) {
        uint32_t v = t->slots[s];
        if (!v)
            return -1;
        if (key_equal(t, v - 1, key, len))
            return (long)(v - 1);
    }
}

static void place(ls_tally *t, size_t i)
{
    size_t mask = t->nslots - 1;
    size_t s = (size_t)hash_bytes(t->keys.data + t->off[i], t->len[i]) & mask;
    while (t->slots[s])
        s = (s + 1) & mask;
    t->slots[s] = (uint32_t)(i + 1);
}

static int grow(ls_tally *t)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        if (cap > UINT32_MAX - 1)
            return -1;
        size_t *off = realloc(t->off, cap * sizeof *off);
        if (!off)
            return -1;
        t->off = off;
        size_t *len = realloc(t->len, cap * sizeof *len);
        if (!len)
            return -1;
        t->len = len;
        uint64_t *count = realloc(t->count, cap * sizeof *count);
        if (!count)
            return -1;
        t->count = count;
        t->cap = cap;
    }
    if ((t->n + 1) * 2 > t->nslots) { /* load at most one half */
        size_t nslots = t->nslots ? t->nslots * 2 : 32;
        uint32_t *slots = calloc(nslots, sizeof *slots);
        if (!slots)
            return -1;
        free(t->slots);
        t->slots = slots;
        t->nslots = nslots;
        for (size_t i = 0; i < t->n; i++)
            place(t, i);
    }
    return 0;
}

long ls_tally_put(ls_tally *t, const void *key, size_t len, int *fresh)
{
    long found = ls_tally_find(t, key, len);
    if (fresh)
        *fresh = found < 0;
    if (found >= 0)
        return found;
    if (grow(t) != 0 || ls_buf_reserve(&t->keys, len + 1) != 0)
        return -1;
    size_t i = t->n;
    t->off[i] = t->keys.len;
    t->len[i] = len;
    t->count[i] = 0;
    if (len)
        memcpy(t->keys.data + t->keys.len, key, len);
    t->keys.len += len;
    t->keys.data[t->keys.len++] = '\0';
    t->n++;
    place(t, i);
    return (long)i;
}

const char *ls_tally_key(const ls_tally *t, size_t i, size_t *len)
{
    if (len)
        *len = t->len[i];
    return t->keys.data + t->off[i];
}
