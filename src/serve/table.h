/* The page's table of leads (table.c): which leads a view shows, found by
 * a search, a page of them as JSON rows. */
#ifndef LS_SERVE_TABLE_H
#define LS_SERVE_TABLE_H
#include <cjson/cJSON.h>
#include "session.h"

typedef struct ls_srv_view {
    const char *show;   /* all, matched, filtered, no_persona, duplicate,
                           gained, lost, reassigned, changed, persona:N,
                           filter:NAME; NULL: all */
    const char *query;  /* in the title (any case), its norm() or the key; NULL: any */
    size_t offset, limit;
} ls_srv_view;

/* {"gen", "total", "offset", "rows": [{"i", "key", "title", "outcome",
 * "persona", "filter", "change", "was"}]}; NULL with *bad set when show
 * names no view (or memory runs out, *bad 0). */
cJSON *ls_srv_table(ls_srv *s, const ls_srv_eval *e, const ls_srv_view *v, int *bad);

/* "matched", "filtered", "no_persona" or "duplicate". */
const char *ls_srv_outcome_name(int outcome);

#endif
