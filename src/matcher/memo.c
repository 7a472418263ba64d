#include <stdlib.h>
#include <string.h>
#include "core/core.h"
#include "matcher/memo.h"

void ls_memo_init(ls_memo *memo, size_t nslots)
{
    memset(memo, 0, sizeof *memo);
    memo->nslots = nslots;
}

void ls_memo_free(ls_memo *memo)
{
    free(memo->slots);
    free(memo->tags);
    free(memo->next);
    memo->slots = NULL;
    memo->tags = NULL;
    memo->next = NULL;
}

/* Never 0: 0 marks an empty slot. */
static uint64_t memo_hash(const char *p, size_t n)
{
    return ls_hash_bytes(p, n) | 1;
}

/* Slots per set: a key may sit in any slot of its set, so a few hot keys
 * that share a set do not keep evicting each other. */
enum { WAYS = 4 };

static size_t set_of(const ls_memo *memo, uint64_t h)
{
    return (size_t)(h >> 17) & (memo->nslots - WAYS);
}

static int holds(const ls_memo *memo, size_t i, uint64_t h, const char *key, size_t len)
{
    const ls_memo_slot *s = &memo->slots[i];
    return memo->tags[i] == h && s->key_len == len && memcmp(s->bytes, key, len) == 0;
}

const ls_memo_slot *ls_memo_find(ls_memo *memo, const char *key, size_t len)
{
    if (memo->slots && len <= LS_MEMO_BYTES) {
        uint64_t h = memo_hash(key, len);
        size_t set = set_of(memo, h);
        for (size_t i = set; i < set + WAYS; i++)
            if (holds(memo, i, h, key, len)) {
                memo->hits++;
                return &memo->slots[i];
            }
    }
    memo->misses++;
    return NULL;
}

void ls_memo_put(ls_memo *memo, const char *key, size_t len, int32_t value,
                 const char *extra, size_t extra_len)
{
    if (len > LS_MEMO_BYTES || extra_len > LS_MEMO_BYTES - len || memo->nslots < WAYS)
        return;
    if (!memo->slots) {
        /* calloc: untouched pages cost nothing, which keeps start-up
         * short; the memo's size is fixed, so its first-write faults are
         * a few hundred at most (unlike the growing dedup index) */
        memo->slots = calloc(memo->nslots, sizeof *memo->slots);
        memo->tags = calloc(memo->nslots, sizeof *memo->tags);
        memo->next = calloc(memo->nslots / WAYS, 1);
        if (!memo->slots || !memo->tags || !memo->next) {
            ls_memo_free(memo);
            return;
        }
    }
    uint64_t h = memo_hash(key, len);
    size_t set = set_of(memo, h), i = set;
    /* the key again in place; else the oldest of the set makes way */
    while (i < set + WAYS && !holds(memo, i, h, key, len))
        i++;
    if (i == set + WAYS) {
        uint8_t *way = &memo->next[set / WAYS];
        i = set + *way;
        *way = (uint8_t)((*way + 1) % WAYS);
    }
    ls_memo_slot *s = &memo->slots[i];
    memo->tags[i] = h;
    s->value = value;
    s->key_len = (uint16_t)len;
    s->extra_len = (uint16_t)extra_len;
    memcpy(s->bytes, key, len);
    if (extra_len)
        memcpy(s->bytes + len, extra, extra_len);
}
