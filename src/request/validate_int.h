/* The checks of request validation that the by_icp and the v1 readings
 * share (validate.c), each adding its problems at the JSON path of the
 * offending value. */
#ifndef LS_REQUEST_VALIDATE_INT_H
#define LS_REQUEST_VALIDATE_INT_H
#include "request/request_int.h"

typedef struct vctx {
    ls_problems *errs;
    ls_normalizer *nz;
    int nomem;
} vctx;

void ls_v_add(vctx *v, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* 1 when norm(s) is empty; -1 when memory runs out. */
int ls_v_norm_is_empty(vctx *v, const ls_jnode *s);

void ls_v_personas(vctx *v, const ls_jnode *root);
void ls_v_string_list(vctx *v, const ls_jnode *root, const char *key);
void ls_v_int_list(vctx *v, const ls_jnode *root, const char *key);
void ls_v_years(vctx *v, const ls_jnode *root, const char *key);
void ls_v_boolean(vctx *v, const ls_jnode *root, const char *key);

/* The allowed value closest to a wrong entry, or NULL. */
typedef const char *(*ls_v_suggest_fn)(const ls_jnode *entry, const char *const *allowed,
                                       size_t nallowed);
const char *ls_v_suggest_spelling(const ls_jnode *e, const char *const *allowed,
                                  size_t nallowed);
/* A range as leads write it or a number of employees names its bucket. */
const char *ls_v_suggest_headcount(const ls_jnode *e, const char *const *allowed,
                                   size_t nallowed);
void ls_v_enum_list(vctx *v, const ls_jnode *root, const char *key, const char *const *allowed,
                    size_t nallowed, const char *what, ls_v_suggest_fn suggest);

/* company_id, company_link, company_name: each value's own form. */
void ls_v_identifier_values(vctx *v, const ls_jnode *root, const ls_patterns *pat,
                            pcre2_match_data *md);
/* Which of the three are given (not null), in that order. */
size_t ls_v_identifiers_present(const ls_jnode *root, const char *present[3]);

#endif
