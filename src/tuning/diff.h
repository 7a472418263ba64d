/* Comparing two requests on the same leads: which leads the new request
 * (A) gains, loses and re-assigns against the baseline (B).
 *   gained:      matched by A, not by B (B dropped it by a filter or found
 *                no persona)
 *   lost:        matched by B, not by A
 *   reassigned:  matched by both, under personas of different names
 * Personas are compared by name, so reordering or re-prioritising them
 * shows as a change only when a lead ends up under another name.  limit_by
 * does not apply (every match counts); duplicates are dropped first, as in
 * filter. */
#ifndef LS_TUNING_DIFF_H
#define LS_TUNING_DIFF_H
#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "leadsieve.h"
#include "tuning/walk.h"

typedef enum ls_diff_group {
    LS_DIFF_GAINED = 0,
    LS_DIFF_LOST,
    LS_DIFF_REASSIGNED,
    LS_DIFF__GROUPS
} ls_diff_group;

/* "gained", "lost", "reassigned". */
const char *ls_diff_group_name(ls_diff_group g);

/* One request's verdict on a lead. */
typedef struct ls_diff_side {
    ls_outcome outcome;
    int persona;        /* -1 when none (or the request has no personas) */
    const char *filter; /* LS_DROPPED_BY_FILTER: the filter (static) */
} ls_diff_side;

typedef struct ls_diff_entry {
    const char *key;    /* the lead's duplicate key value, NULL when none */
    const char *title;  /* the lead's title as written, "" when none */
    ls_diff_side now;   /* request A */
    ls_diff_side base;  /* request B */
} ls_diff_entry;

typedef struct ls_diff_result {
    ls_walk_stats input;
    uint64_t compared;         /* leads after duplicates */
    uint64_t same;             /* matched by both under the same persona name */
    uint64_t neither;          /* matched by neither */
    uint64_t count[LS_DIFF__GROUPS];
    const ls_diff_entry *entries[LS_DIFF__GROUPS]; /* input order */
} ls_diff_result;

typedef struct ls_diff_options {
    ls_diag_fn on_diag;
    void *diag_user;
    size_t max_record_bytes;
    int max_depth;
} ls_diff_options;

typedef struct ls_diff ls_diff;

/* a = the new request, b = the baseline; both must outlive the diff. */
ls_status ls_diff_new(const ls_request *a, const ls_request *b, const ls_diff_options *opt,
                      ls_diff **out);
void ls_diff_free(ls_diff *d);
ls_status ls_diff_add_path(ls_diff *d, const char *path);
ls_status ls_diff_add_memory(ls_diff *d, const char *name, const char *data, size_t len);
/* The result belongs to d; no more input afterwards. */
ls_status ls_diff_finish(ls_diff *d, const ls_diff_result **out);

/* Persona name of a side ("" for none). */
const char *ls_diff_persona(const ls_diff *d, const ls_diff_side *side, int of_baseline);

/* The result as JSON; NULL when memory runs out. */
cJSON *ls_diff_report(const ls_diff *d, const ls_diff_result *r);

#endif
