/* The set of duplicate keys seen so far in a run (contract §3): exact keys
 * in chunked storage plus an open-addressing index, so a hash collision can
 * never drop a lead. */
#ifndef LS_ENGINE_DEDUP_H
#define LS_ENGINE_DEDUP_H
#include <stddef.h>
#include <stdint.h>
#include "json/json.h"

typedef struct ls_dedup_slot ls_dedup_slot;

typedef struct ls_dedup {
    ls_dedup_slot *slots;
    size_t nslots, count;  /* nslots: power of two */
    char **chunks;         /* key bytes; a key never spans chunks */
    size_t nchunks, chunks_cap;
    size_t chunk_used, chunk_size;
} ls_dedup;

void ls_dedup_init(ls_dedup *d);
void ls_dedup_free(ls_dedup *d);
/* Sizes the index for this many keys at once (a run over kept leads knows
 * how many there are): one table zeroed instead of one per doubling. */
void ls_dedup_reserve(ls_dedup *d, size_t keys);

/* Inserts key; returns 1 when it was new, 0 when already present, -1 when
 * memory runs out. */
int ls_dedup_insert(ls_dedup *d, const char *key, size_t len);
/* The same with the key's ls_hash_bytes computed beforehand (on another
 * thread), and a hint to fetch the key's index slot ahead of inserting. */
int ls_dedup_insert_hashed(ls_dedup *d, const char *key, size_t len, uint64_t hash);
void ls_dedup_prefetch(const ls_dedup *d, uint64_t hash);

/* The duplicate key of a scanned lead (the lead key): the first non-blank
 * of sales_id, lead_id, id (v1's sales_id, addendum §1), linkedin_url,
 * linkedin_id, tagged with the field and the JSON type so that "7" and 7,
 * or a sales_id and an equal linkedin_url, stay distinct (a sales_id and
 * an equal lead_id or id are the same key).
 * Strings are compared decoded; numbers by lexeme; null, booleans, arrays
 * and objects are not keys.  Writes into scratch (grown as needed) and
 * returns 1 with the key and its length, 0 when the lead has no key, -1 on no memory. */
struct ls_buf;
int ls_dedup_key(const ls_lead *lead, struct ls_buf *scratch, const char **key, size_t *len);
/* The field (ls_field) the lead key comes from by the same rule, or -1. */
int ls_lead_key_field(const ls_lead *lead);

#endif
