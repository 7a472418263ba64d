/* Field counts over leads (field_watch.h): one pass over a lead's members
 * finds every name, then paths that no member is named as are followed. */
#include <stdlib.h>
#include <string.h>
#include "engine/field_watch.h"

int ls_field_watch_init(ls_field_watch *w, const char *const *names, size_t n)
{
    memset(w, 0, sizeof *w);
    w->counts = calloc(n ? n : 1, sizeof *w->counts);
    w->seen = calloc(n ? n : 1, sizeof *w->seen);
    w->paths = calloc(n ? n : 1, sizeof *w->paths);
    if (!w->counts || !w->seen || !w->paths || ls_jnames_init(&w->names, names, n) != 0) {
        free(w->counts);
        free(w->seen);
        free(w->paths);
        memset(w, 0, sizeof *w);
        return -1;
    }
    w->unfound = n;
    for (size_t i = 0; i < n; i++)
        if (ls_jval_is_path(names[i])) {
            w->paths[i] = names[i];
            w->any_path = 1;
        }
    return 0;
}

void ls_field_watch_free(ls_field_watch *w)
{
    ls_jnames_free(&w->names);
    free(w->counts);
    free(w->seen);
    free(w->paths);
    memset(w, 0, sizeof *w);
}

/* Name j found in the current lead. */
static void found(ls_field_watch *w, size_t j)
{
    if (w->seen[j] == w->lead)
        return; /* once per lead however often its key repeats */
    w->seen[j] = w->lead;
    w->unfound -= w->counts[j]++ == 0;
}

int ls_field_watch_lead(ls_field_watch *w, const char *lead, size_t len)
{
    if (w->until_found && !w->unfound)
        return 0;
    w->lead++;
    ls_jval obj = {lead, len, LS_J_OBJECT, 0, 0}, k;
    size_t pos = 0;
    while (ls_jval_next(&obj, &pos, &k, NULL)) {
        int32_t j = ls_jnames_find_key(&w->names, &k);
        if (j == -2)
            return -1;
        for (; j >= 0; j = w->names.same[j])
            found(w, (size_t)j);
    }
    /* a path that no member is named as: the value it leads to, as the
     * CSV writer reads it */
    for (size_t j = 0; w->any_path && j < w->names.n; j++) {
        ls_jval v;
        if (w->paths[j] && w->seen[j] != w->lead && ls_jval_path(&obj, w->paths[j], &v))
            found(w, j);
    }
    return 0;
}

void ls_field_watch_merge(ls_field_watch *dst, const ls_field_watch *src)
{
    for (size_t i = 0; i < dst->names.n && i < src->names.n; i++) {
        dst->unfound -= dst->counts[i] == 0 && src->counts[i] != 0;
        dst->counts[i] += src->counts[i];
    }
}
