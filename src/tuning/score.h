/* Scoring a request's personas against labeled leads: per persona true and
 * false positives and negatives, precision, recall, F1, the confusion
 * between personas, and why each miss happened.
 *
 * Metrics (every ratio is num/den; den = 0 means undefined, shown as "-"
 * or null, never as 0):
 *   precision = TP / (TP + FP)   undefined when the persona got no lead
 *   recall    = TP / (TP + FN)   undefined when no lead is labeled with it
 *   F1        = 2TP / (2TP + FP + FN), the harmonic mean of the two where
 *               both are defined; 0 when one of them is undefined and the
 *               other is not (nothing right was found); undefined when the
 *               persona was neither labeled nor assigned.
 * Micro: the same formulas on TP, FP, FN summed over personas.  Macro: the
 * mean of the personas' defined values (personas with an undefined value
 * are left out; the count of those averaged is given).
 *
 * limit_by does not apply: scoring judges matching, not the response size. */
#ifndef LS_TUNING_SCORE_H
#define LS_TUNING_SCORE_H
#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "leadsieve.h"
#include "tuning/walk.h"

enum { LS_SCORE_TOP = 5 }; /* most frequent titles kept per miss class */

/* A label: a persona index (>= 0), or one of these. */
enum {
    LS_LABEL_NONE = -1,   /* "-": the lead should match no persona */
    LS_LABEL_OTHER = -2,  /* a name that is no persona of the request: scored
                             as "none of this request's personas" */
    LS_LABEL_ABSENT = -3  /* not labeled: counted, not scored */
};

/* Why a lead was missed (false negative of persona P) or wrongly taken
 * (false positive of persona Q). */
typedef enum ls_miss_kind {
    /* false negatives, the first that applies in this order */
    LS_MISS_FILTER = 0,    /* a request filter dropped it; detail = the filter */
    LS_MISS_TAKEN,         /* P matched, a persona ranked before it won; detail = that persona */
    LS_MISS_NO_FUNCTION,   /* no function of P is in the title */
    LS_MISS_NO_SENIORITY,  /* no seniority entry of P passed */
    LS_MISS_PROHIBITED,    /* a prohibit of P dropped it; detail = the title token */
    /* false positives: what let the lead into Q */
    LS_MISS_FUNCTION,      /* detail = Q's function keyword (as written) that hit */
    LS_MISS_FUNCTION_INSIDE, /* the same, as a substring inside a word (documented mode) */
    LS_MISS_ANY_FUNCTION,  /* Q has no function list: any title passes it */
    LS_MISS__COUNT
} ls_miss_kind;

/* Stable identifier ("no_function") and a label ("no function hit"). */
const char *ls_miss_kind_id(ls_miss_kind kind);
const char *ls_miss_kind_label(ls_miss_kind kind);

typedef struct ls_score_title {
    const char *title; /* norm(title) */
    uint64_t count;
} ls_score_title;

typedef struct ls_score_class {
    ls_miss_kind kind;
    const char *detail; /* NULL for kinds without one */
    uint64_t count;
    size_t ntop;
    ls_score_title top[LS_SCORE_TOP]; /* by count, then title bytes */
} ls_score_class;

typedef struct ls_score_ratio {
    uint64_t num, den; /* den 0: undefined */
} ls_score_ratio;

typedef struct ls_score_persona {
    const char *name;
    uint64_t labeled, assigned, tp, fp, fn;
    ls_score_ratio precision, recall, f1;
    /* [0] false negatives, [1] false positives, by count (descending),
     * then kind, then detail */
    ls_score_class *classes[2];
    size_t nclasses[2];
} ls_score_persona;

typedef struct ls_score_macro {
    double value;
    size_t n;          /* personas with a defined value; 0: undefined */
} ls_score_macro;

typedef struct ls_score_result {
    ls_walk_stats input;
    uint64_t scored;          /* labeled leads (after duplicates) */
    uint64_t unlabeled;       /* no label: not scored */
    uint64_t other_labeled;   /* scored leads whose label names no persona */
    uint64_t bad_labels;      /* --label-field values that are not strings: unlabeled */
    uint64_t correct;         /* assigned exactly what the label says ("none" included) */
    ls_score_ratio accuracy;  /* correct / scored */
    /* labels table only */
    uint64_t label_entries, label_duplicates, labels_unused;
    /* label names that are no persona of the request, with their leads */
    size_t nother;
    const char *const *other_names;
    const uint64_t *other_counts;

    size_t npersonas;
    ls_score_persona *personas;   /* declaration order */
    uint64_t micro_tp, micro_fp, micro_fn;
    ls_score_ratio micro_precision, micro_recall, micro_f1;
    ls_score_macro macro_precision, macro_recall, macro_f1;
    /* (npersonas + 2) x (npersonas + 2), row-major.  Rows: the label — each
     * persona, then "none" (-), then "other" (names no persona).  Columns:
     * what was assigned — each persona, then "none" (no persona matched),
     * then "filtered" (a request filter dropped the lead). */
    const uint64_t *confusion;
} ls_score_result;

typedef struct ls_score_options {
    const char *label_field; /* NULL: labels come from a table (ls_score_load_labels) */
    ls_diag_fn on_diag;      /* may be NULL */
    void *diag_user;
    size_t max_record_bytes; /* 0: the reader's default */
    int max_depth;           /* 0: the reader's default */
} ls_score_options;

typedef struct ls_score ls_score;

/* LS_E_USAGE when req has no personas (nothing to score).  req must
 * outlive the score. */
ls_status ls_score_new(const ls_request *req, const ls_score_options *opt, ls_score **out);
void ls_score_free(ls_score *s);

/* Reads a labels table: one `lead_key<TAB>label` a line, label "-" = no
 * persona; blank lines and lines starting with '#' are skipped, and so is
 * a first line "lead_key<TAB>persona"; a trailing CR is dropped.  A key
 * seen again keeps its first label (counted in label_duplicates).  A line
 * without a tab, or with an empty key or label, is an error: *errors
 * (caller frees) lists them as ("NAME:LINE", hint) and LS_E_USAGE is
 * returned. */
ls_status ls_score_load_labels(ls_score *s, const char *name, const char *text, size_t len,
                               ls_problems **errors);

ls_status ls_score_add_path(ls_score *s, const char *path);
ls_status ls_score_add_memory(ls_score *s, const char *name, const char *data, size_t len);

/* Computes the result; the score takes no more input afterwards.  The
 * result belongs to s. */
ls_status ls_score_finish(ls_score *s, const ls_score_result **out);

/* The value of a ratio (0 when undefined: check den). */
double ls_score_ratio_value(ls_score_ratio r);

/* The result as a JSON document (--format json; metrics rounded to 6
 * decimals); NULL when memory runs out. */
cJSON *ls_score_report(const ls_score_result *r);

#endif
