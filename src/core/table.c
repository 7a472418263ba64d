/* Tables that are read and written at random: zeroed by writing (core.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/core.h"

void *ls_table_alloc(size_t n)
{
    /* aligned_alloc, not malloc: compilers turn malloc + memset into calloc */
    size_t size = n ? (n + 63) / 64 * 64 : 64;
    if (size < n)
        return NULL;
    void *p = aligned_alloc(64, size);
    if (p)
        memset(p, 0, size);
    return p;
}

uint64_t ls_hash_bytes(const char *p, size_t n)
{
    const uint64_t k = 0x9E3779B97F4A7C15ull;
    uint64_t h = (uint64_t)n * k;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    uint64_t w = 0;
    memcpy(&w, p + i, n - i);
    h = (h ^ w) * 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}
