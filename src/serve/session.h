/* The session behind the page: the kept leads with their titles and keys,
 * the request as loaded (the baseline) and the latest edit's results.
 *
 * Threads: the HTTP server calls in from one thread per connection.  An
 * edit's results (ls_srv_eval) are immutable once published and counted
 * by reference, so a page of the table is read while a newer edit runs;
 * runs themselves take turns (run_mu), and a newer edit cancels the run in
 * flight (ls_run_cancel) before it waits for its turn. */
#ifndef LS_SERVE_SESSION_H
#define LS_SERVE_SESSION_H
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include "buf.h"
#include "leadsieve.h"
#include "serve.h"

/* What a run made of one lead. */
enum { LS_SRV_MATCHED = 0, LS_SRV_FILTERED, LS_SRV_NO_PERSONA, LS_SRV_DUPLICATE };
/* How an edit changed a lead against the baseline (diff's groups). */
enum { LS_SRV_SAME = 0, LS_SRV_GAINED, LS_SRV_LOST, LS_SRV_REASSIGNED };

typedef struct ls_srv_bg ls_srv_bg; /* proposals off the HTTP threads (background.h) */

typedef struct ls_srv_eval {
    uint64_t gen;             /* the edit's number; 0: the baseline */
    atomic_int refs;
    char *text;               /* the request text */
    size_t len;
    ls_request *req;
    int32_t *persona;         /* per lead: the persona assigned, -1 none */
    uint8_t *outcome;         /* per lead: LS_SRV_MATCHED, ... */
    uint8_t *filter;          /* per lead: filter id + 1 that dropped it, 0 none */
    uint8_t *change;          /* per lead: LS_SRV_SAME, ... against the baseline */
    ls_run_stats stats;
    size_t nfilters;
    const char **filter_names; /* static strings of the library */
    uint64_t *filter_dropped;
    uint64_t *persona_matched;
    uint64_t diff[4];         /* leads per change; [LS_SRV_SAME]: unchanged matches */
    uint64_t neither;
    double run_ms, total_ms;
    /* score and lint on the leads: worked out once, when first asked */
    pthread_mutex_t lazy_mu;
    int lazy_done;
    char *score_json;         /* ls_score_report_json, or NULL */
    char *score_error;        /* why there is no score (JSON array of problems), or NULL */
    char *lint_json;          /* ls_lint_report_json with the leads */
} ls_srv_eval;

struct ls_srv {
    ls_srv_config cfg;        /* strings copied */
    char **inputs;
    const ls_leads *leads;
    size_t n;
    /* per lead, for the table: the title as written and norm(title) */
    ls_buf titles, norms, keys;
    size_t *title_off, *norm_off, *key_off; /* n + 1 offsets each */
    uint8_t *has_key;
    ls_normalizer *nz;         /* for search queries (under mu) */
    double start_ms;

    pthread_mutex_t mu;        /* current, latest, running */
    ls_srv_eval *base;         /* the request as loaded */
    ls_srv_eval *current;      /* the latest finished edit (or base) */
    uint64_t latest;           /* the newest edit number given out */
    ls_run *running;           /* the run in flight, to cancel */
    pthread_mutex_t run_mu;    /* one run at a time */
    ls_srv_bg *bg;             /* with cfg.suggest */
};

void ls_srv_eval_unref(ls_srv_eval *e);
/* The latest edit's results (a reference: unref it), or the one of number
 * gen when that is still the latest (NULL otherwise). */
ls_srv_eval *ls_srv_current(ls_srv *s);
ls_srv_eval *ls_srv_eval_of(ls_srv *s, uint64_t gen);

/* The outcome of an edit. */
typedef enum ls_srv_edit {
    LS_SRV_EDIT_DONE = 0,   /* *out: the new results, published */
    LS_SRV_EDIT_INVALID,    /* *problems: the request's validation errors */
    LS_SRV_EDIT_SUPERSEDED, /* a newer edit came in while this one ran */
    LS_SRV_EDIT_FAILED      /* memory, or an internal error: *status */
} ls_srv_edit;

/* Compiles and runs an edited request over the leads.  *gen gets the
 * edit's number in every case. */
ls_srv_edit ls_srv_evaluate(ls_srv *s, const char *text, size_t len, uint64_t *gen,
                            ls_srv_eval **out, ls_problems **problems, ls_status *status);

/* The score (labels given) and the lint warnings with the leads, worked
 * out on first call; LS_OK or why not. */
ls_status ls_srv_insights(ls_srv *s, ls_srv_eval *e);

/* Lead i's explain record under the edit's request as JSON (release with
 * ls_free). */
ls_status ls_srv_explain(ls_srv *s, const ls_srv_eval *e, size_t i, char **json);

/* Lead i's title, norm(title) and key (NULL when none), NUL-terminated. */
const char *ls_srv_title(const ls_srv *s, size_t i, size_t *len);
const char *ls_srv_norm(const ls_srv *s, size_t i, size_t *len);
const char *ls_srv_key(const ls_srv *s, size_t i);

/* The baseline run (the request as loaded), which also keeps each lead's
 * key through ls_srv_keep_key. */
ls_status ls_srv_run_baseline(ls_srv *s, ls_srv_eval **out);
int ls_srv_keep_key(ls_srv *s, uint64_t i, const char *key, size_t len);


#endif
