#include <stdlib.h>
#include <string.h>
#include "core/core.h"
#include "engine/dedup.h"

/* ref: (chunk index + 1) << 32 | offset in chunk; 0 marks an empty slot.
 * hash: the key's 32-bit hash, which also places it, so the index grows
 * without reading any key again. */
struct ls_dedup_slot {
    uint64_t ref;
    uint32_t hash;
    uint32_t len;
};

enum { LS_DEDUP_CHUNK = 1 << 20 };

void ls_dedup_init(ls_dedup *d)
{
    memset(d, 0, sizeof *d);
}

void ls_dedup_free(ls_dedup *d)
{
    for (size_t i = 0; i < d->nchunks; i++)
        free(d->chunks[i]);
    free(d->chunks);
    free(d->slots);
    memset(d, 0, sizeof *d);
}

/* The 32 bits kept per slot. */
static uint32_t hash32(uint64_t h)
{
    return (uint32_t)(h >> 32);
}

static const char *slot_key(const ls_dedup *d, const ls_dedup_slot *s)
{
    return d->chunks[(s->ref >> 32) - 1] + (uint32_t)s->ref;
}

static int grow_to(ls_dedup *d, size_t n)
{
    ls_dedup_slot *slots = ls_table_alloc(n * sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < d->nslots; i++) {
        ls_dedup_slot *s = &d->slots[i];
        if (!s->ref)
            continue;
        size_t j = (size_t)s->hash & (n - 1);
        while (slots[j].ref)
            j = (j + 1) & (n - 1);
        slots[j] = *s;
    }
    free(d->slots);
    d->slots = slots;
    d->nslots = n;
    return 0;
}

static int grow_index(ls_dedup *d)
{
    return grow_to(d, d->nslots ? d->nslots * 2 : 1024);
}

void ls_dedup_reserve(ls_dedup *d, size_t keys)
{
    size_t n = d->nslots ? d->nslots : 1024;
    while (keys * 4 > n * 3 && n < ((size_t)1 << 31))
        n *= 2;
    if (n > d->nslots)
        (void)grow_to(d, n); /* a hint: without it the index grows as keys come */
}

/* Copies the key into chunk storage; returns its ref or 0 on no memory. */
static uint64_t store_key(ls_dedup *d, const char *key, size_t len)
{
    if (d->nchunks == 0 || d->chunk_size - d->chunk_used < len) {
        if (d->nchunks == d->chunks_cap) {
            size_t cap = d->chunks_cap ? d->chunks_cap * 2 : 16;
            char **c = realloc(d->chunks, cap * sizeof *c);
            if (!c)
                return 0;
            d->chunks = c;
            d->chunks_cap = cap;
        }
        size_t size = len > LS_DEDUP_CHUNK ? len : LS_DEDUP_CHUNK;
        char *chunk = malloc(size ? size : 1);
        if (!chunk)
            return 0;
        d->chunks[d->nchunks++] = chunk;
        d->chunk_size = size;
        d->chunk_used = 0;
    }
    uint64_t ref = ((uint64_t)d->nchunks << 32) | (uint64_t)d->chunk_used;
    memcpy(d->chunks[d->nchunks - 1] + d->chunk_used, key, len);
    d->chunk_used += len;
    return ref;
}

void ls_dedup_prefetch(const ls_dedup *d, uint64_t hash)
{
#if defined(__GNUC__)
    if (d->nslots)
        __builtin_prefetch(&d->slots[(size_t)hash32(hash) & (d->nslots - 1)]);
#else
    (void)d;
    (void)hash;
#endif
}

int ls_dedup_insert(ls_dedup *d, const char *key, size_t len)
{
    return ls_dedup_insert_hashed(d, key, len, ls_hash_bytes(key, len));
}

int ls_dedup_insert_hashed(ls_dedup *d, const char *key, size_t len, uint64_t hash)
{
    if (len > UINT32_MAX)
        return -1;
    /* the index is placed by 32 bits: it never needs more slots than that */
    if ((d->count + 1) * 4 > d->nslots * 3 && d->nslots < ((size_t)1 << 31) &&
        grow_index(d) != 0)
        return -1;
    if (d->count + 1 >= d->nslots)
        return -1;
    uint32_t h = hash32(hash);
    size_t mask = d->nslots - 1, j = (size_t)h & mask;
    for (; d->slots[j].ref; j = (j + 1) & mask) {
        const ls_dedup_slot *s = &d->slots[j];
        if (s->hash == h && s->len == len && memcmp(slot_key(d, s), key, len) == 0)
            return 0;
    }
    uint64_t ref = store_key(d, key, len);
    if (!ref)
        return -1;
    d->slots[j].ref = ref;
    d->slots[j].hash = h;
    d->slots[j].len = (uint32_t)len;
    d->count++;
    return 1;
}

/* The lead key's fields in their order (addendum §1): lead_id and id are
 * v1's sales_id, so they share its tag and a lead read from either API is
 * one lead. */
static const struct {
    ls_field field;
    char tag;
} key_fields[] = {{LS_F_SALES_ID, '0'}, {LS_F_LEAD_ID, '0'}, {LS_F_ID, '0'},
                  {LS_F_LINKEDIN_URL, '1'}, {LS_F_LINKEDIN_ID, '2'}};

/* The index in key_fields of the field that gives the key, or -1. */
static int key_index(const ls_lead *lead)
{
    for (size_t i = 0; i < sizeof key_fields / sizeof *key_fields; i++) {
        const ls_jval *v = &lead->f[key_fields[i].field];
        if (v->type != LS_J_STRING && v->type != LS_J_NUMBER)
            continue;
        if (v->type == LS_J_STRING && ls_jval_is_blank(v))
            continue; /* blank: the next field decides (the rule ls_lead_read has) */
        return (int)i;
    }
    return -1;
}

int ls_lead_key_field(const ls_lead *lead)
{
    int i = key_index(lead);
    return i < 0 ? -1 : (int)key_fields[i].field;
}

int ls_dedup_key(const ls_lead *lead, ls_buf *scratch, const char **key, size_t *len)
{
    int i = key_index(lead);
    if (i < 0)
        return 0;
    const ls_jval *v = &lead->f[key_fields[i].field];
    ls_buf_clear(scratch);
    if (ls_buf_reserve(scratch, v->len + 2) != 0)
        return -1;
    char *out = scratch->data;
    out[0] = key_fields[i].tag;
    size_t n;
    if (v->type == LS_J_NUMBER) {
        out[1] = 'n';
        memcpy(out + 2, v->p, v->len);
        n = v->len;
    } else {
        unsigned flags = 0;
        out[1] = 's';
        n = v->has_escape ? ls_jstr_decode(v->p, v->len, out + 2, &flags)
                          : (memcpy(out + 2, v->p, v->len), v->len);
        if (flags & LS_NORM_INVALID_UTF8) {
            /* Decoding dropped a lone surrogate: compare as written so
             * that two different strings never collapse into one key. */
            out[1] = 'r';
            memcpy(out + 2, v->p, v->len);
            n = v->len;
        }
    }
    scratch->len = n + 2;
    *key = scratch->data;
    *len = n + 2;
    return 1;
}
