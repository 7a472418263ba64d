/* ls_request_convert's pieces: the request fields as each API knows them
 * (contract addendum §2 and §3), and the layout the rewrite is written in. */
#ifndef LS_REQUEST_CONVERT_H
#define LS_REQUEST_CONVERT_H
#include <stddef.h>
#include "core/core.h"
#include "json/json.h"

enum {
    LS_CF_BY_ICP = 1u << 0,   /* a by_icp request field (contract §3) */
    LS_CF_V1 = 1u << 1,       /* a v1 request field, either search */
    LS_CF_REALTIME = 1u << 2, /* a v1 field the database search does not accept */
    LS_CF_V1_ONLY = 1u << 3   /* one of these makes a request v1 (addendum §2's list) */
};

/* The LS_CF_* flags of a decoded field name; 0 for a name neither API has. */
unsigned ls_convert_field(const char *name);
/* How by_icp says what a v1-only field said, when it can at all; NULL
 * when there is nothing to add to "by_icp has no such field". */
const char *ls_convert_drop_tip(const char *name);

/* One member of the object written: its key (a raw JSON string body,
 * escapes as written) and its value (raw, as ls_jval_next gives it). */
typedef struct ls_convert_member {
    const char *key;
    size_t key_len;
    ls_jval val;
} ls_convert_member;

/* Appends the object of n members to out: with indent > 0, one member or
 * element a line, indent spaces a level (the layout of `jq .` and Python's
 * json.dumps(indent=N)), empty containers as [] and {}; with indent 0, one
 * line with ", " and ": " between items.  Keys, strings, numbers and
 * literals are copied byte for byte.  0, or -1 when memory runs out. */
int ls_convert_put_object(ls_buf *out, const ls_convert_member *m, size_t n, int indent);

#endif
