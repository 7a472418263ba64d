/* The request compiler's building blocks (compile_int.h): copies into
 * the request's arena, filter sets and locations. */
#include <stdlib.h>
#include <string.h>
#include "normalize/norm.h"
#include "request/compile_int.h"

/* norm(s) copied into the arena. */
const char *ls_b_norm_copy(bctx *b, const char *s, size_t len, size_t *out_len)
{
    size_t n;
    const char *r = ls_normalizer_run(b->nz, s, len, &n, NULL);
    char *c = r ? ls_arena_strndup(&b->req->arena, r, n) : NULL;
    if (!c) {
        b->nomem = 1;
        *out_len = 0;
        return "";
    }
    *out_len = n;
    return c;
}

void *ls_b_alloc_array(bctx *b, size_t n, size_t size)
{
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX / size) {
        b->nomem = 1;
        return NULL;
    }
    void *p = ls_arena_alloc(&b->req->arena, n * size);
    if (!p)
        b->nomem = 1;
    return p;
}

void ls_b_string_set(bctx *b, const ls_jnode *list, ls_strset *set, set_key how)
{
    for (size_t j = 0; j < list->count; j++) {
        const char *s = list->items[j]->str;
        size_t len = list->items[j]->str_len;
        if (how == KEY_NAME)
            s = ls_normalizer_name_key(b->nz, s, len, &len, NULL);
        else if (how == KEY_NORM)
            s = ls_normalizer_run(b->nz, s, len, &len, NULL);
        if (!s) {
            b->nomem = 1;
            return;
        }
        if (how == KEY_ASCII_LOWER) {
            char *c = ls_arena_strndup(&b->req->arena, s, len);
            if (!c) {
                b->nomem = 1;
                return;
            }
            for (size_t i = 0; i < len; i++)
                if (c[i] >= 'A' && c[i] <= 'Z')
                    c[i] = (char)(c[i] + 32);
            s = c;
        }
        if (ls_strset_add(set, &b->req->arena, s, len) < 0) {
            b->nomem = 1;
            return;
        }
    }
}

ls_location *ls_b_locations(bctx *b, const ls_jnode *list, size_t *count)
{
    ls_location *locs = ls_b_alloc_array(b, list->count, sizeof *locs);
    *count = 0;
    if (!locs)
        return NULL;
    for (size_t j = 0; j < list->count; j++) {
        const char *s = list->items[j]->str;
        size_t len = list->items[j]->str_len, nparts = 1;
        for (size_t i = 0; i < len; i++)
            nparts += s[i] == ',';
        ls_location *l = &locs[(*count)++];
        l->parts = ls_b_alloc_array(b, nparts, sizeof *l->parts);
        l->part_lens = ls_b_alloc_array(b, nparts, sizeof *l->part_lens);
        if (!l->parts || !l->part_lens)
            return NULL;
        size_t start = 0;
        for (size_t i = 0; i <= len; i++) {
            if (i < len && s[i] != ',')
                continue;
            l->parts[l->nparts] = ls_b_norm_copy(b, s + start, i - start, &l->part_lens[l->nparts]);
            l->nparts++;
            start = i + 1;
        }
    }
    return locs;
}

unsigned ls_b_years_bits(const ls_jnode *list)
{
    unsigned bits = 0;
    for (size_t j = 0; j < list->count; j++)
        bits |= 1u << (list->items[j]->str[0] - '0');
    return bits;
}

const ls_jnode *ls_b_nonempty_list(const ls_jnode *root, const char *key)
{
    const ls_jnode *n = ls_given(root, key);
    return n && n->type == LS_J_ARRAY && n->count > 0 ? n : NULL;
}

void ls_b_set_filter(ls_request *req, int id)
{
    req->has_filter |= (uint64_t)1 << id;
}
