/* score's misses kept one by one (ls_score_miss): the lead each is, its
 * label, what was assigned and why, so that a user gets the list and not
 * only the counts. */
#ifndef LS_TUNING_MISSES_H
#define LS_TUNING_MISSES_H
#include <stddef.h>
#include "core/core.h"
#include "leadsieve/tools.h"
#include "tuning/leadref.h"
#include "tuning/tally.h"

typedef struct ls_misses {
    ls_buf text;               /* the leads' strings and normalized titles */
    ls_tally files;            /* input names, each kept once */
    ls_score_miss *rows;       /* the result: its strings set when finished */
    struct kept_miss *kept;    /* per row: where its strings are in text */
    size_t n, cap;
} ls_misses;

void ls_misses_init(ls_misses *m);
void ls_misses_free(ls_misses *m);

/* Keeps *row: its lead's strings and norm[0..norm_len) are copied; its
 * request strings (keywords, names, filters) must outlive m; label_name
 * and title_norm are set when finished; other: for LS_LABEL_OTHER the
 * index of the label among other_names (ls_misses_finish), else -1.
 * 0, or -1 when memory runs out. */
int ls_misses_add(ls_misses *m, const ls_score_miss *row, const char *norm, size_t norm_len,
                  long other);

/* The rows, pointing into m (which takes no more): label_name from
 * persona_names, "-" or other_names.  0, or -1 (memory). */
int ls_misses_finish(ls_misses *m, const char *const *persona_names,
                     const char *const *other_names, const ls_score_miss **out, size_t *n);

#endif
