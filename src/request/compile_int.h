/* The request compiler's building blocks (compile.c), shared by the v1
 * build step (compile_v1.c).  Everything is allocated in the request's
 * arena; on failure b->nomem is set. */
#ifndef LS_REQUEST_COMPILE_INT_H
#define LS_REQUEST_COMPILE_INT_H
#include "request/request_int.h"

typedef struct bctx {
    ls_request *req;
    ls_normalizer *nz;
    pcre2_match_data *md;
    int nomem;
} bctx;

/* How a filter list's entries are keyed. */
typedef enum set_key { KEY_EXACT, KEY_NAME, KEY_NORM, KEY_ASCII_LOWER } set_key;

const char *ls_b_norm_copy(bctx *b, const char *s, size_t len, size_t *out_len);
void *ls_b_alloc_array(bctx *b, size_t n, size_t size);
void ls_b_string_set(bctx *b, const ls_jnode *list, ls_strset *set, set_key how);
ls_location *ls_b_locations(bctx *b, const ls_jnode *list, size_t *count);
/* Bit i set for each bucket id i (1..5) of a validated list. */
unsigned ls_b_years_bits(const ls_jnode *list);
/* The field when it is a non-empty list, else NULL. */
const ls_jnode *ls_b_nonempty_list(const ls_jnode *root, const char *key);
void ls_b_set_filter(ls_request *req, int id);

/* The v1 fields (compile_v1.c): filters, offset_by, strict. */
void ls_b_v1_filters(bctx *b, const ls_jnode *root);

#endif
