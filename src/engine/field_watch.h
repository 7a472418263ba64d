/* Counting the leads that have each of some field names (a member of
 * that name, or for a path such as company.name a value where it leads):
 * for the leads a run returns (ls_run_count_fields), and over every lead
 * it reads until each name was found once (ls_run_options.watch_fields),
 * so that a --fields name no lead has is told from one only the leads not
 * written have at the cost of a few leads' members, not of every lead's. */
#ifndef LS_ENGINE_FIELD_WATCH_H
#define LS_ENGINE_FIELD_WATCH_H
#include <stddef.h>
#include <stdint.h>
#include "json/names.h"

typedef struct ls_field_watch {
    ls_jnames names;      /* its key scratch: one watch per thread */
    const char **paths;   /* per name: itself when it is a path, else NULL */
    int any_path;
    uint64_t *counts;
    uint64_t *seen;       /* the lead a name was last counted for, plus one */
    uint64_t lead;
    int until_found;      /* stop once every name was counted once */
    size_t unfound;       /* names with a count of 0 */
} ls_field_watch;

/* names must outlive the watch.  0, or -1 (memory; nothing to free). */
int ls_field_watch_init(ls_field_watch *w, const char *const *names, size_t n);
void ls_field_watch_free(ls_field_watch *w);
/* Counts the lead object lead[0..len) (validated) once per name, unless
 * until_found is set and every name has been found.  0 or -1. */
int ls_field_watch_lead(ls_field_watch *w, const char *lead, size_t len);
/* Adds src's counts into dst (the same names). */
void ls_field_watch_merge(ls_field_watch *dst, const ls_field_watch *src);

#endif
