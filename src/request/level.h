/* Seniority levels (addendum §2 "Seniority levels"): the ten Sales
 * Navigator labels, what request entries and lead `seniority` values map
 * to, and the level a title implies when a lead has no such value.
 *
 * A set of levels is an unsigned mask, bit i = level i (LS_LEVEL_* below,
 * the labels' order, fixed).  Public, in leadsieve.h: ls_level_count,
 * ls_level_name, ls_level_mask_of_value, ls_level_of_title. */
#ifndef LS_REQUEST_LEVEL_H
#define LS_REQUEST_LEVEL_H
#include <stddef.h>
#include "leadsieve.h"

enum {
    LS_LEVEL_IN_TRAINING = 0,
    LS_LEVEL_ENTRY,
    LS_LEVEL_SENIOR,
    LS_LEVEL_STRATEGIC,
    LS_LEVEL_ENTRY_MANAGER,
    LS_LEVEL_EXPERIENCED_MANAGER,
    LS_LEVEL_DIRECTOR,
    LS_LEVEL_VP,
    LS_LEVEL_CXO,
    LS_LEVEL_OWNER,
    LS_LEVELS
};

/* What kind of value ls_level_mask_of_value read, so that a request entry
 * that is only an alias ("Owner") can be named with its label. */
typedef enum ls_level_value_kind {
    LS_LEVEL_VALUE_UNKNOWN = 0,
    LS_LEVEL_VALUE_LABEL,      /* one of the ten labels */
    LS_LEVEL_VALUE_SNAKE_CASE, /* a documented request value ("c_suite") */
    LS_LEVEL_VALUE_ALIAS       /* a lead-side alias ("C-Suite") */
} ls_level_value_kind;

/* ls_level_mask_of_value (declared in leadsieve.h) with the kind of value
 * it was; *kind may be NULL. */
unsigned ls_level_mask_of_value_kind(const char *s, size_t len, ls_level_value_kind *kind);

/* The canonical request vocabulary (the ten labels, then the documented
 * snake_case values), for "did you mean"; *count gets their number. */
const char *const *ls_level_vocabulary(size_t *count);

/* The level index inferred from norm(title) (normed[0..len), tokens
 * separated by single spaces), first rule that applies (addendum §2). */
int ls_level_infer_normed(const char *normed, size_t len);

#endif
