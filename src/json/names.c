/* Names looked up by JSON keys: see names.h.  Open addressing; names
 * that repeat are chained from their first index. */
#include <stdlib.h>
#include <string.h>
#include "core/core.h"
#include "json/names.h"

void ls_jnames_free(ls_jnames *s)
{
    free(s->len);
    free(s->slot);
    free(s->same);
    ls_buf_free(&s->key);
    memset(s, 0, sizeof *s);
}

int ls_jnames_init(ls_jnames *s, const char *const *names, size_t n)
{
    memset(s, 0, sizeof *s);
    if (n > INT32_MAX / 4)
        return -1;
    size_t slots = 8;
    while (slots < 2 * n)
        slots *= 2;
    s->name = names;
    s->n = n;
    s->mask = slots - 1;
    s->slot = malloc(slots * sizeof *s->slot);
    s->len = malloc((n ? n : 1) * sizeof *s->len);
    s->same = malloc((n ? n : 1) * sizeof *s->same);
    int32_t *last = malloc((n ? n : 1) * sizeof *last); /* each chain's end */
    if (!s->slot || !s->len || !s->same || !last) {
        free(last);
        ls_jnames_free(s);
        return -1;
    }
    for (size_t i = 0; i < slots; i++)
        s->slot[i] = -1;
    for (size_t i = 0; i < n; i++) {
        s->len[i] = strlen(names[i]);
        s->same[i] = -1;
        for (size_t h = (size_t)ls_hash_bytes(names[i], s->len[i]) & s->mask;;
             h = (h + 1) & s->mask) {
            int32_t j = s->slot[h];
            if (j < 0) {
                s->slot[h] = (int32_t)i;
                last[i] = (int32_t)i;
                break;
            }
            if (s->len[j] == s->len[i] && memcmp(names[j], names[i], s->len[i]) == 0) {
                s->same[last[j]] = (int32_t)i;
                last[j] = (int32_t)i;
                break;
            }
        }
    }
    free(last);
    return 0;
}

int32_t ls_jnames_find(const ls_jnames *s, const char *k, size_t n)
{
    for (size_t h = (size_t)ls_hash_bytes(k, n) & s->mask;; h = (h + 1) & s->mask) {
        int32_t j = s->slot[h];
        if (j < 0 || (s->len[j] == n && memcmp(s->name[j], k, n) == 0))
            return j;
    }
}

int32_t ls_jnames_find_key(ls_jnames *s, const ls_jval *key)
{
    if (!key->has_escape)
        return ls_jnames_find(s, key->p, key->len);
    ls_buf_clear(&s->key);
    if (ls_buf_reserve(&s->key, key->len + 1) != 0)
        return -2;
    unsigned flags = 0;
    size_t len = ls_jstr_decode(key->p, key->len, s->key.data, &flags);
    return ls_jnames_find(s, s->key.data, len);
}
