/* A set of names looked up by the keys of JSON objects: which of them a
 * member's key is, in one hash probe, escapes in the key decoded.  For
 * reading many named members of a lead in one pass over its members
 * (CSV columns, --fields checks) instead of one walk per name. */
#ifndef LS_JSON_NAMES_H
#define LS_JSON_NAMES_H
#include <stddef.h>
#include <stdint.h>
#include "json/json.h"
#include "util/buf.h"

typedef struct ls_jnames {
    const char *const *name; /* the caller's; must outlive the set */
    size_t n, mask;
    size_t *len;
    int32_t *slot; /* the first index of a name, -1: empty */
    int32_t *same; /* the next index of the same name, -1: none */
    ls_buf key;    /* a decoded key */
} ls_jnames;

/* 0, or -1 when out of memory (then nothing to free). */
int ls_jnames_init(ls_jnames *s, const char *const *names, size_t n);
void ls_jnames_free(ls_jnames *s);

/* The first index whose name is k[0..n), or -1. */
int32_t ls_jnames_find(const ls_jnames *s, const char *k, size_t n);

/* The first index whose name is the raw key body key (as ls_jval_next
 * gives it), or -1; -2 when out of memory decoding it.  The others of the
 * same name follow through s->same. */
int32_t ls_jnames_find_key(ls_jnames *s, const ls_jval *key);

#endif
