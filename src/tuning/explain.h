/* Why each persona catches or misses a lead: leads are read the way a
 * filter run reads them (same inputs, duplicates and filters) and matched
 * with the trace on; one record per lead goes to a callback.
 *
 * Every persona is evaluated for every lead, also for duplicates and for
 * leads a request filter drops (the run never gets that far with them), so
 * that a record always says what each persona would do with the title.
 * `assigned` is what the run does: -1 for duplicates and dropped leads.
 * limit_by is not applied (it depends on the ranking of the whole input). */
#ifndef LS_TUNING_EXPLAIN_H
#define LS_TUNING_EXPLAIN_H
#include <stddef.h>
#include <stdint.h>
#include "leadsieve.h"
#include "matcher/matcher.h"

struct ls_buf;

typedef enum ls_explain_only {
    LS_EXPLAIN_ALL = 0,
    LS_EXPLAIN_MATCHED, /* see ls_explain_options.only */
    LS_EXPLAIN_MISSED
} ls_explain_only;

typedef struct ls_explain_options {
    ls_diag_fn on_diag;      /* may be NULL */
    void *diag_user;
    size_t max_record_bytes; /* 0: the reader's default */
    int max_depth;           /* 0: the reader's default */
    /* -1: every persona.  Else only that persona's row is given, and `only`
     * asks about it: matched = that persona's rule matches the title. */
    int persona;
    /* Without a persona: matched = the run returns the lead (no duplicate,
     * no filter drop, a persona assigned or the request has none). */
    ls_explain_only only;
} ls_explain_options;

/* One persona's decision, with the request strings resolved. */
typedef struct ls_explain_row {
    size_t persona;
    const char *name;
    ls_persona_trace t;       /* indices: see ls_persona_trace */
    const char *function;     /* the keyword that hit, as written; NULL otherwise */
    const char *seniority;    /* the entry that passed, as written */
    const char *alternative;  /* its alternative that passed (expansion or the entry) */
    size_t nalternatives;     /* of that entry: > 1 when it is an expansion */
    const char *prohibit;     /* the prohibit that dropped the lead, as written */
} ls_explain_row;

typedef struct ls_explain_record {
    const char *file;        /* display name; NULL for a bare title */
    uint64_t line;           /* 1-based line; for a bare title its position */
    const char *title_field; /* "job_title", ...; NULL when the lead has none */
    const char *title;       /* the title, decoded, NUL-terminated ("" when none) */
    size_t title_len;
    const char *title_norm;  /* norm(title), NUL-terminated */
    size_t title_norm_len;
    const char *filter;      /* the request filter that dropped the lead, or NULL */
    const char *filter_field;  /* the lead field that filter read; NULL when jobs[] decide */
    ls_jtype filter_value_type; /* its value's type; LS_J_NONE: the lead has no such field */
    const char *filter_value;  /* strings decoded, numbers as written; NULL otherwise */
    size_t filter_value_len;
    int duplicate;           /* dropped as a duplicate of an earlier lead */
    int assigned;            /* the persona the run assigns, -1 none */
    int kept;                /* the run returns the lead (before limit_by) */
    unsigned flags;          /* LS_LEAD_* */
    const ls_explain_row *rows;
    size_t nrows;            /* every persona, or the one asked for */
} ls_explain_record;

/* Non-zero stops the walk (ls_explain_stopped then says so). */
typedef int (*ls_explain_fn)(void *user, const ls_explain_record *rec);

typedef struct ls_explain_stats {
    uint64_t files_read, files_failed;
    uint64_t leads_read;   /* objects seen, duplicates included */
    uint64_t malformed, not_objects, duplicates;
    uint64_t shown;        /* records given to the callback */
} ls_explain_stats;

typedef struct ls_explain ls_explain;

/* NULL when memory runs out or opt->persona is out of range.  req must
 * outlive the explain. */
ls_explain *ls_explain_new(const ls_request *req, const ls_explain_options *opt,
                           ls_explain_fn fn, void *user);
void ls_explain_free(ls_explain *ex);

/* Inputs as ls_run_add_path reads them; unreadable inputs are reported and
 * counted, the call still returns LS_OK. */
ls_status ls_explain_add_path(ls_explain *ex, const char *path);
ls_status ls_explain_add_memory(ls_explain *ex, const char *name, const char *data,
                                size_t len);
/* A bare title: persona matching only (no filters, no duplicates). */
ls_status ls_explain_add_title(ls_explain *ex, const char *title, size_t len);

int ls_explain_stopped(const ls_explain *ex);

/* Appends s[0..n) with every invalid UTF-8 sequence (maximal subpart) and
 * every NUL replaced by U+FFFD, so that it can go into a JSON document or
 * a message; NUL-terminated.  0 or -1 (no memory). */
int ls_explain_clean_utf8(struct ls_buf *out, const char *s, size_t n);
const ls_explain_stats *ls_explain_get_stats(const ls_explain *ex);

#endif
