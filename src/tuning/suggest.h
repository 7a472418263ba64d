/* suggest (public API: <leadsieve/tools.h>): persona edits chosen greedily
 * on labeled leads, measured there and under k-fold cross-validation.
 *
 * The labeled leads become distinct normalized titles, each with its rows
 * (label, bucket, leads); a bucket is a fold, or the held-out share.  An
 * edit's effect is worked out on the titles whose verdict it changes,
 * found through hit lists (titles a keyword hits, cached by keyword) and
 * per-title flags of each persona: matching is never run again per edit.
 * The model follows contract §2 exactly; ls_persona_suggest_finish checks
 * it against the matcher on every title before proposing anything, and
 * ls_persona_suggest_apply checks the written request the same way. */
#ifndef LS_TUNING_SUGGEST_H
#define LS_TUNING_SUGGEST_H
#include <stdint.h>
#include "leadsieve.h"
#include "leadsieve/tools.h"
#include "core/core.h"
#include "tuning/tally.h"

enum { SG_MAX_FOLDS = 50 };

/* Per-title flags of one persona. */
enum { SG_FN = 1, SG_SEN = 2, SG_PRO = 4 };

typedef struct sg_counts {
    int64_t tp, fp, fn;
} sg_counts;

/* A title's labeled leads of one label (persona, or -1) in one bucket. */
typedef struct sg_row {
    int32_t label;
    uint32_t bucket;
    uint64_t count;
} sg_row;

typedef struct sg_data {
    const ls_request *req;
    ls_match_mode mode;
    size_t np;
    size_t *order;      /* personas by (rank, declaration): the first that matches wins */
    size_t *rankpos;    /* each persona's place in order */
    size_t folds, nbuckets; /* buckets: the folds, then the held-out leads */
    ls_normalizer *nz;

    /* titles, in first-seen order */
    ls_tally titles;    /* norm(title) -> id */
    size_t nt;
    char **raw;         /* a title as a lead had it, to check the written request */
    int32_t *seen;      /* the persona the matcher assigned it (-1 none) */
    size_t seen_cap;
    ls_buf padded;      /* " norm " of each title, NUL after each */
    size_t *pad_off, *pad_len;
    uint32_t *tok;      /* each title's token ids: tok[tok_off[t] .. tok_off[t + 1]) */
    size_t *tok_off;
    ls_tally vocab;     /* title tokens -> id */
    uint32_t *post;     /* titles of each token: post[post_off[v] .. post_off[v + 1]) */
    size_t *post_off;

    ls_tally rowkeys;   /* (title, label, bucket) -> leads, while reading */
    sg_row *rows;       /* by title: rows[row_off[t] .. row_off[t + 1]) */
    size_t *row_off;
    sg_counts filtered[SG_MAX_FOLDS + 1]; /* leads a filter dropped: fixed whatever the personas */
    uint64_t leads[SG_MAX_FOLDS + 1];     /* labeled leads per bucket */

    /* hit lists: key = kind letter + text -> sorted title ids */
    ls_tally hitkeys;
    uint32_t *hits;
    size_t nhits, hits_cap;
    size_t *hit_off, *hit_len;
    size_t hit_cap;
    uint32_t *stamp;    /* per title: scratch marks for unions */
    uint32_t stamp_now;
    ls_buf scratch;
} sg_data;

/* A keyword list entry of the model: its hit list id. */
typedef struct sg_prohibit {
    uint32_t hit;
    int dropped;
    char *norm;
} sg_prohibit;

typedef struct sg_persona {
    uint32_t *fns, *sens;   /* hit list ids; none: the list is empty, every title passes */
    size_t nfns, nsens, fns_cap, sens_cap;
    sg_prohibit *pros;      /* the request's first, then those added */
    size_t npros, pros_cap, nrequest_pros;
    ls_tally kept_tokens;   /* tokens of its functions and seniorities: never prohibited */
    ls_tally pro_tokens;    /* tokens it prohibits: never in a function proposed */
} sg_persona;

typedef struct sg_state {
    sg_data *d;
    uint8_t *fl;            /* [p * nt + t]: SG_* */
    int32_t *asg;           /* [t]: the persona assigned, -1 none */
    sg_persona *ps;
    sg_counts cur[SG_MAX_FOLDS + 1];
} sg_state;

/* An edit of the model. */
typedef struct sg_edit {
    ls_edit_kind kind;
    ls_edit_source source;
    size_t persona;
    uint32_t hit;           /* the keyword's hit list */
    size_t prohibit;        /* LS_EDIT_DROP_PROHIBIT: index in the request's list */
    char *keyword;          /* as written into the request */
    uint32_t hit2;          /* LS_EDIT_ADD_FUNCTION_AND_SENIORITY: the seniority entry's */
    char *keyword2;
} sg_edit;

/* What an edit changes, per bucket, and on the training buckets how many
 * leads and distinct titles it puts right or wrong. */
typedef struct sg_eval {
    sg_counts delta[SG_MAX_FOLDS + 1];
    uint64_t leads_fixed, leads_broken, titles_fixed, titles_broken;
} sg_eval;

/* ---- suggest_index.c: titles, tokens, hit lists ---- */
int sg_data_index(sg_data *d);
void sg_data_free(sg_data *d);
/* The hit list id of a function keyword, a seniority entry (with its
 * expansions) or a prohibit, computed once per text; -1 when memory runs
 * out. */
long sg_hits_function(sg_data *d, const char *text, size_t len);
long sg_hits_seniority(sg_data *d, const char *entry, size_t len);
long sg_hits_prohibit(sg_data *d, const char *text, size_t len);
/* The same on normalized text; a seniority entry as the norms of its
 * alternatives, each followed by a newline. */
long sg_hits_function_norm(sg_data *d, const char *norm, size_t len);
long sg_hits_alts(sg_data *d, const char *norms, size_t len);
long sg_hits_prohibit_norm(sg_data *d, const char *norm, size_t len);
const uint32_t *sg_hit_list(const sg_data *d, uint32_t hit, size_t *n);
/* Whether title t is in hit list h. */
int sg_hit_has(const sg_data *d, uint32_t h, uint32_t t);
/* norm(text) in d->scratch, NUL-terminated; NULL when memory runs out. */
const char *sg_norm(sg_data *d, const char *text, size_t len, size_t *out_len);

/* ---- suggest_model.c: the persona set and what an edit does ---- */
/* The request's personas as they are; -1 when memory runs out. */
int sg_state_init(sg_state *s, sg_data *d);
void sg_state_free(sg_state *s);
void sg_evaluate(sg_state *s, const sg_edit *e, uint64_t train, sg_eval *out);
int sg_apply(sg_state *s, const sg_edit *e);
int sg_matched(const sg_state *s, size_t p, uint32_t t);
sg_counts sg_sum(const sg_counts *c, uint64_t mask);
/* Whether a keyword is already in the persona's list (same hit list). */
int sg_has_function(const sg_state *s, size_t p, uint32_t hit);
int sg_has_seniority(const sg_state *s, size_t p, uint32_t hit);

/* ---- suggest_greedy.c: candidates and the greedy choice ---- */
typedef struct sg_options {
    size_t max_edits, max_words, min_titles;
    unsigned kinds;
    int (*stop)(void *user); /* polled each round: non-zero stops (SG_STOPPED) */
    void *stop_user;
} sg_options;
enum { SG_STOPPED = -2 };

typedef struct sg_edits {
    sg_edit *v;
    size_t n, cap;
} sg_edits;
void sg_edits_free(sg_edits *e);
/* Chooses up to max_edits edits on the buckets of train, applying each to
 * s.  evals (may be NULL) gets each edit's evaluation at its turn; *tried
 * counts the candidates evaluated.  -1 when memory runs out, SG_STOPPED
 * when o->stop said so. */
int sg_greedy(sg_state *s, uint64_t train, const sg_options *o, sg_edits *out, sg_eval **evals,
              uint64_t *tried);
/* An edit the greedy choice would take on train: F1 rises and it puts
 * right the leads of at least min_titles titles. */
int sg_accepts(const sg_state *s, const sg_eval *ev, uint64_t train, size_t min_titles);

/* ---- suggest.c ---- */
/* The model and the edits chosen, for ls_persona_suggest_apply; NULL
 * before ls_persona_suggest_finish succeeded. */
sg_data *ls_persona_suggest_data(ls_persona_suggest *ps, const sg_edits **edits);

#endif
