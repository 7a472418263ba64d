/*
 * leadsieve tools: explain, score, diff and the lint checks, on top of the
 * core API of <leadsieve.h>.  Each returns data — records to a callback,
 * result structs, warnings, JSON documents as text — and never prints;
 * formatting for people (tables, colour, HTML) is the caller's.
 *
 * Each tool reads leads as a filter run does (same inputs, shapes,
 * duplicates and filters); like ls_run, one tool object belongs to one
 * thread, and the compiled request it is given may be shared.
 */
#ifndef LEADSIEVE_TOOLS_H
#define LEADSIEVE_TOOLS_H

#include <stddef.h>
#include <stdint.h>
#include "leadsieve.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What reading the leads found (explain, score and diff). */
typedef struct ls_input_stats {
    uint64_t files_read, files_failed;
    uint64_t leads_read;  /* objects seen, duplicates included */
    uint64_t malformed, not_objects, duplicates;
    uint64_t not_leads;   /* objects skipped as not leads (requests, envelopes) */
} ls_input_stats;

/* A JSON value's type, as a lead holds it. */
typedef enum ls_value_type {
    LS_VALUE_ABSENT = 0,
    LS_VALUE_NULL,
    LS_VALUE_FALSE,
    LS_VALUE_TRUE,
    LS_VALUE_NUMBER,
    LS_VALUE_STRING,
    LS_VALUE_ARRAY,
    LS_VALUE_OBJECT
} ls_value_type;

/* Who a lead is and where it was read: explain, score and diff name every
 * lead with one.  Strings are UTF-8 as the lead holds them (escapes
 * decoded), NUL-terminated, owned by the tool that gives them. */
#define LS_NO_INDEX UINT64_MAX
typedef struct ls_lead_ref {
    /* the lead key (addendum §1, the duplicate key and a labels file's
     * key): the first non-blank of sales_id, lead_id, id, linkedin_url,
     * linkedin_id, a string decoded, a number as written; NULL when none */
    const char *key;
    const char *key_field;   /* the field it is ("sales_id", ...); NULL when none */
    const char *name;        /* full_name, else first_name + " " + last_name; NULL when none */
    const char *title;       /* the title matched: the first non-blank of job_title,
                                raw_job_title, title, headline, as written; "" when none */
    size_t title_len;        /* (a title may hold a NUL, from \u0000) */
    const char *title_field; /* the field it came from; NULL when none */
    const char *file;        /* the input's display name; NULL for a bare title */
    uint64_t line;           /* the 1-based line the lead starts on; 0 when unknown */
    /* its index in the JSON array that holds it (a response's leads[i], a
     * top-level array's [i]), counting every element; LS_NO_INDEX for a
     * lead that is a record of its own (a JSONL line, a lone object, a CSV
     * row) or that was read past a break in a document */
    uint64_t index;
} ls_lead_ref;

/* ------------------------------------------------------------------------
 * explain: why each persona catches or misses a lead
 *
 * Every persona is evaluated for every lead, also for duplicates and for
 * leads a request filter drops (the run never gets that far with them), so
 * that a record always says what each persona would do with the title.
 * `assigned` is what the run does: -1 for duplicates and dropped leads.
 * limit_by is not applied (it depends on the ranking of the whole input).
 * ------------------------------------------------------------------------ */

/* One persona's decision on a title. */
typedef struct ls_persona_trace {
    int matched;
    int function;        /* first function that hit; -1 none; -2 empty list */
    int function_inside; /* documented-mode hit that is not a whole-token phrase */
    int seniority;       /* first entry that passed; -1 none; -2 empty list */
    int alternative;     /* the passing alternative within that entry */
    int prohibit;        /* prohibit that dropped the lead; -1 none */
    const char *prohibit_token; /* the title token it matched (request storage) */
} ls_persona_trace;

typedef enum ls_explain_only {
    LS_EXPLAIN_ALL = 0,
    LS_EXPLAIN_MATCHED, /* see ls_explain_options.only */
    LS_EXPLAIN_MISSED,
    /* with labels (ls_explain_options.labels), as score counts them: a
     * true positive (labeled P, assigned P), a false positive (assigned P,
     * labeled otherwise), a false negative (labeled P, assigned otherwise)
     * or a true negative (labeled "-", assigned none); a lead labeled P
     * and assigned Q is both FP and FN.  With a persona, of that persona
     * (TN: neither labeled nor assigned it).  Leads without a label and
     * duplicates are not scored and never shown. */
    LS_EXPLAIN_TP,
    LS_EXPLAIN_FP,
    LS_EXPLAIN_FN,
    LS_EXPLAIN_TN
} ls_explain_only;

typedef struct ls_score ls_score;

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
    ls_input_format input_format; /* as in ls_run_options */
    /* A score whose labels table was loaded (ls_score_load_labels or
     * ls_score_load_labels_path) for a request with the same personas in
     * the same order: each record gets its lead's label, and `only` may
     * ask for TP, FP, FN or TN.  NULL: no labels.  It must outlive the
     * explain; it is only read. */
    const ls_score *labels;
} ls_explain_options;
/* Zero, but persona = -1 (every persona). */
LS_API void ls_explain_options_init(ls_explain_options *opt);

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
    const char *filter_field;  /* the lead field that filter read ("company.headcount" when a
                                  v1 lead's counterpart stood in); NULL when jobs[] decide */
    ls_value_type filter_value_type; /* LS_VALUE_ABSENT: the lead has no such field */
    const char *filter_value;  /* strings decoded, numbers as written; NULL otherwise */
    size_t filter_value_len;
    int duplicate;           /* dropped as a duplicate of an earlier lead */
    int assigned;            /* the persona the run assigns, -1 none */
    int kept;                /* the run returns the lead (before limit_by) */
    unsigned flags;          /* LS_LEAD_* */
    const ls_explain_row *rows;
    size_t nrows;            /* every persona, or the one asked for */
    /* Seniority levels (addendum §2; ls_level_name): the level title_norm
     * implies (an approximation: what a lead without a seniority value
     * gets), and the lead's own seniority member when it is present and
     * not null or blank: its text (a string decoded, another value as
     * written; NULL otherwise) and the levels it names (a mask, 0: none).
     * A v1 seniorities filter reads that value when there is one, else
     * the inferred level. */
    int title_level;
    const char *seniority_value;
    size_t seniority_value_len;
    unsigned seniority_levels;
    /* Who the lead is: its key, name, title and place (file, line and
     * index; for a bare title file NULL, line its position). */
    ls_lead_ref lead;
    /* With labels: the lead's label (a persona index, LS_LABEL_NONE), else
     * (no labels, no label, a duplicate, a bare title) LS_LABEL_ABSENT. */
    int label;
} ls_explain_record;

/* Non-zero stops the walk (ls_explain_stopped then says so). */
typedef int (*ls_explain_fn)(void *user, const ls_explain_record *rec);

typedef struct ls_explain_stats {
    uint64_t files_read, files_failed;
    uint64_t leads_read;   /* objects seen, duplicates included */
    uint64_t malformed, not_objects, duplicates;
    uint64_t shown;        /* records given to the callback */
    uint64_t not_leads;    /* objects skipped as not leads (requests, envelopes) */
} ls_explain_stats;

typedef struct ls_explain ls_explain;

/* LS_E_USAGE when opt->persona is out of range.  req must outlive the
 * explain. */
LS_API ls_status ls_explain_new(const ls_request *req, const ls_explain_options *opt,
                         ls_explain_fn fn, void *user, ls_explain **out);
LS_API void ls_explain_free(ls_explain *ex);

/* Inputs as ls_run_add_path reads them; unreadable inputs are reported and
 * counted, the call still returns LS_OK. */
LS_API ls_status ls_explain_add_path(ls_explain *ex, const char *path);
LS_API ls_status ls_explain_add_memory(ls_explain *ex, const char *name, const char *data,
                                size_t len);
/* Kept leads (ls_leads) first .. first + count - 1 (count is cut at the
 * last one; SIZE_MAX: to the end), read as ls_run_add_leads reads them,
 * as an input of their own: duplicates are those among the leads given,
 * and the inputs' own counts (files, skipped records) are counted only
 * when every kept lead is given.  Records name each lead's input and line. */
LS_API ls_status ls_explain_add_leads(ls_explain *ex, const ls_leads *leads, size_t first,
                                      size_t count);
/* A bare title: persona matching only (no filters, no duplicates). */
LS_API ls_status ls_explain_add_title(ls_explain *ex, const char *title, size_t len);

LS_API int ls_explain_stopped(const ls_explain *ex);

LS_API const ls_explain_stats *ls_explain_get_stats(const ls_explain *ex);
/* One record as a line of JSON (`explain --format jsonl`), without the
 * newline; release with ls_free. */
LS_API ls_status ls_explain_record_json(const ls_explain *ex, const ls_explain_record *rec,
                                 char **json, size_t *len);

/* ------------------------------------------------------------------------
 * score: personas against labeled leads
 *
 * Per persona true and false positives and negatives, precision, recall,
 * F1, the confusion between personas, and why each miss happened.  Every
 * ratio is num/den; den = 0 means undefined (shown as "-" or null, never
 * as 0):
 *   precision = TP / (TP + FP)   undefined when the persona got no lead
 *   recall    = TP / (TP + FN)   undefined when no lead is labeled with it
 *   F1        = 2TP / (2TP + FP + FN), the harmonic mean of the two where
 *               both are defined; 0 when one of them is undefined and the
 *               other is not; undefined when the persona was neither
 *               labeled nor assigned.
 * Micro: the same formulas on TP, FP, FN summed over personas.  Macro: the
 * mean of the personas' defined values.  limit_by does not apply.
 * ------------------------------------------------------------------------ */

enum { LS_SCORE_TOP = 5 }; /* most frequent titles kept per miss class */

/* A label: a persona index (>= 0), or one of these. */
enum {
    LS_LABEL_NONE = -1,   /* "-": the lead should match no persona */
    LS_LABEL_OTHER = -2,  /* a --label-field value that names no persona of the
                             request: scored as "none of this request's
                             personas" and listed (other_names) for the
                             caller to refuse or accept; a labels table
                             with such a name is refused when loaded */
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
LS_API const char *ls_miss_kind_id(ls_miss_kind kind);
LS_API const char *ls_miss_kind_label(ls_miss_kind kind);

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

/* One miss of a persona, with the lead it is (score --misses): a lead
 * labeled P and assigned Q gives a false negative of P and a false
 * positive of Q. */
typedef struct ls_score_miss {
    ls_lead_ref lead;
    const char *title_norm;  /* norm(lead.title) */
    int false_positive;      /* 0: a false negative of persona, 1: a false positive of it */
    size_t persona;          /* the persona whose miss it is */
    int label;               /* the lead's label: a persona index, LS_LABEL_NONE or
                                LS_LABEL_OTHER */
    const char *label_name;  /* that persona's name, "-", or the label that names no persona */
    int assigned;            /* the persona the run assigns, -1 none */
    const char *filter;      /* the request filter that dropped the lead, NULL when none */
    ls_miss_kind kind;       /* the reason class, as in ls_score_class */
    const char *detail;      /* as in ls_score_class */
    /* The persona's own checks on the title (none when a filter dropped
     * the lead: persona matching is not reached), request strings as
     * written: the function keyword that hit (NULL: none hit, or the list
     * is empty), the seniority entry that passed (NULL: none, or the list
     * is empty), the prohibit that dropped the title and the title word
     * it found (NULL: none). */
    const char *function;
    const char *seniority;
    const char *prohibit;
    const char *prohibit_token;
} ls_score_miss;

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

/* A cell of the confusion between personas that holds leads.  label: the
 * row, a persona index, or npersonas for "none" (labeled -), npersonas + 1
 * for "other" (a label naming no persona).  assigned: the column, a persona
 * index, or npersonas for "none" (no persona matched), npersonas + 1 for
 * "filtered" (a request filter dropped the lead). */
typedef struct ls_score_cell {
    size_t label, assigned;
    uint64_t count;
} ls_score_cell;

typedef struct ls_score_macro {
    double value;
    size_t n;          /* personas with a defined value; 0: undefined */
} ls_score_macro;

typedef struct ls_score_result {
    ls_input_stats input;
    uint64_t scored;          /* labeled leads (after duplicates) */
    uint64_t unlabeled;       /* no label: not scored */
    uint64_t other_labeled;   /* scored leads whose label names no persona */
    uint64_t bad_labels;      /* --label-field values that are not strings: unlabeled */
    uint64_t correct;         /* assigned exactly what the label says ("none" included) */
    ls_score_ratio accuracy;  /* correct / scored */
    /* labels table only */
    uint64_t label_entries, label_duplicates, labels_unused;
    /* label field values that name no persona of the request, with their
     * leads, where a lead first had each (input name and line; line 0 when
     * unknown) and the persona name closest to each (NULL when none is
     * close) */
    size_t nother;
    const char *const *other_names;
    const uint64_t *other_counts;
    const char *const *other_files;
    const uint64_t *other_lines;
    const char *const *other_suggestions;
    /* label field only: the leads (duplicates left out) that have the field
     * at all, whatever its value; when none has it, the top-level field
     * name of the leads read that is closest to it (NULL when none is
     * close or no lead was read) */
    uint64_t label_field_leads;
    const char *label_field_suggestion;

    size_t npersonas;
    ls_score_persona *personas;   /* declaration order */
    uint64_t micro_tp, micro_fp, micro_fn;
    ls_score_ratio micro_precision, micro_recall, micro_f1;
    ls_score_macro macro_precision, macro_recall, macro_f1;
    /* The confusion between personas: only its cells that hold leads (at
     * most one per scored lead, so memory and output follow the input, not
     * the square of the personas), by count (descending), then label, then
     * assigned.  A cell is right when label == assigned < npersonas, or
     * when label >= npersonas (no persona of the request) and assigned >=
     * npersonas (none, or filtered). */
    size_t ncells;
    const ls_score_cell *cells;
    /* Every miss in input order (a lead's false negative before its false
     * positive): 2 * scored at most. */
    size_t nmisses;
    const ls_score_miss *misses;
    /* labels table only, when no label's key is the key of a lead read
     * (every label unused, some lead read): a key of each side, to show
     * how they differ, and the lead field whose values the labels' keys
     * are when that is another of the lead's identifiers than its key (a
     * table keyed by linkedin_url for leads that have a sales_id), with
     * how many labels' keys it gives; NULL when none */
    const char *label_key_example;
    const char *lead_key_example;       /* NULL when no lead read has a key */
    const char *lead_key_example_field;
    const char *labels_keyed_by;
    uint64_t labels_keyed_by_count;
} ls_score_result;

typedef struct ls_score_options {
    const char *label_field; /* NULL: labels come from a table (ls_score_load_labels) */
    ls_diag_fn on_diag;      /* may be NULL */
    void *diag_user;
    size_t max_record_bytes; /* 0: the reader's default */
    int max_depth;           /* 0: the reader's default */
    ls_input_format input_format; /* as in ls_run_options */
} ls_score_options;
LS_API void ls_score_options_init(ls_score_options *opt);

/* LS_E_USAGE when req has no personas (nothing to score).  req must
 * outlive the score. */
LS_API ls_status ls_score_new(const ls_request *req, const ls_score_options *opt, ls_score **out);
LS_API void ls_score_free(ls_score *s);

/* Reads a labels table: one `lead_key<TAB>label` a line, label "-" = no
 * persona; blank lines and lines starting with '#' are skipped, and so is
 * a first line "lead_key<TAB>persona"; a trailing CR is dropped.  A key
 * seen again keeps its first label (counted in label_duplicates).  A line
 * without a tab, or with an empty key or label, is an error, and so is a
 * label that names no persona of the request (exact bytes; once per
 * distinct label, at its first line, with the closest persona name as
 * "did you mean"): *errors (caller frees) lists them as ("NAME:LINE",
 * hint) in line order and LS_E_USAGE is returned. */
LS_API ls_status ls_score_load_labels(ls_score *s, const char *name, const char *text, size_t len,
                               ls_problems **errors);

/* Reads labels from a file of records, read as leads are (JSON, JSONL, or
 * CSV by its name or the score's input_format; compressed or not): each
 * record that has the member `field` (NULL: "persona") labels the lead
 * key it has — by the duplicate key's rule, else its "lead_key" member —
 * with that member's value: a persona name (exact bytes), "-", "" or null
 * for no persona.  A record without the member labels nothing.  Problems,
 * in *errors (caller frees) as ("PATH:LINE", hint) with LS_E_USAGE, as
 * for a table: a record with the member but no key, a value that is not a
 * string or null, a label that names no persona (with the closest persona
 * name), and ("PATH", hint) when no record has the member at all (with
 * the closest member name the records have).  LS_E_IO when the file
 * cannot be read (said through on_diag).  Not for a score made with a
 * label_field (LS_E_USAGE). */
LS_API ls_status ls_score_load_labels_path(ls_score *s, const char *path, const char *field,
                                           ls_problems **errors);

LS_API ls_status ls_score_add_path(ls_score *s, const char *path);
LS_API ls_status ls_score_add_memory(ls_score *s, const char *name, const char *data, size_t len);
/* Kept leads (ls_leads), as ls_run_add_leads reads them: the same result
 * as adding their inputs. */
LS_API ls_status ls_score_add_leads(ls_score *s, const ls_leads *leads);

/* Computes the result; the score takes no more input afterwards.  The
 * result belongs to s. */
LS_API ls_status ls_score_finish(ls_score *s, const ls_score_result **out);

/* The value of a ratio (0 when undefined: check den). */
LS_API double ls_score_ratio_value(ls_score_ratio r);

/* The result as a JSON document (`score --format json`; metrics rounded to
 * 6 decimals), indent as ls_run_report_json; release with ls_free. */
LS_API ls_status ls_score_report_json(const ls_score_result *r, int indent, char **json, size_t *len);

/* Miss i as one line of JSON (`score --misses FILE.jsonl`; the items of
 * the document's "misses"): side ("fn" or "fp"), persona, key, key_field,
 * name, title, title_field, title_norm, label, assigned, filter, kind,
 * reason, detail, function, seniority, prohibit, prohibit_token, file,
 * line, index (null: none); lead text with invalid UTF-8 or a NUL gets
 * U+FFFD.  Release with ls_free. */
LS_API ls_status ls_score_miss_json(const ls_score_result *r, size_t i, char **json, size_t *len);

/* ------------------------------------------------------------------------
 * persona suggestions: edits to the personas that raise F1 on labeled
 * leads, each measured, chosen greedily
 *
 * The leads and labels are read as score reads them.  Candidate edits:
 *   add a function: a phrase of 1..max_words words of the normalized
 *       titles that the persona misses for want of a function hit (found
 *       in at least min_titles of them), or an equivalent from
 *       data/equivalents.tsv of one of its functions (other words, other
 *       languages);
 *   add a seniority entry: a word of the titles it misses for want of a
 *       seniority hit, or "Manager+" (a persona without seniorities: a
 *       word of the titles it gets right, which narrows it);
 *   add a prohibit: a word of the titles it takes wrongly, unless one of
 *       its functions or seniority entries holds the word;
 *   drop a prohibit of the request;
 *   add a function and a seniority entry together: a phrase and a word of
 *       the titles it misses for want of both (found together in at least
 *       min_titles of them), where neither alone would do (a title such as
 *       "Treasurer" needs "treasurer" as both).
 * A keyword that normalizes to one character ("e" of "E-Commerce") is
 * never a candidate: as a function it is inside nearly every title.
 * Each round considers the candidates that raise micro F1 and put right
 * the leads of at least min_titles distinct titles (an edit that fixes
 * one title only memorizes it), and takes, in this order: the widest
 * support (4 titles put right or more, then 2-3, then 1), a single word
 * before a phrase, the highest F1 afterwards (ties: more titles put
 * right, fewer words, shorter, then kind, persona and bytes); each edit is
 * measured on top of those before it.  Support first: F1 alone takes the
 * edits that memorize one title each first, and held out they generalize
 * less than an edit with wider support taken before them.
 * Keywords are measured as the API reads them, after normalization
 * (contract §1, §2), in the request's match mode.
 *
 * Buckets: a lead's bucket comes from FNV-1a 64 of its key (the lead key
 * as score reads it: sales_id, lead_id, id, linkedin_url, linkedin_id; a
 * lead without one is keyed "#N", N its 0-based place among the labeled
 * leads): held out when holdout > 0 and (h >> 32) % 10000 <
 * holdout * 10000, else fold h % folds.  Deterministic: the same leads
 * give the same buckets in any order and on any machine.
 *
 * Cross-validation, per fold f: the other folds choose (an edit of the list
 * is kept when it passes the greedy test above on them, on top of the
 * edits kept before it), fold f measures; the counts of the k held-out
 * folds are summed (each lead is held out once).  Also, per fold, the
 * greedy choice run afresh on the other folds (cv_refit).
 * ------------------------------------------------------------------------ */

typedef enum ls_edit_kind {
    LS_EDIT_ADD_FUNCTION = 0,
    LS_EDIT_ADD_SENIORITY,
    LS_EDIT_ADD_PROHIBIT,
    LS_EDIT_DROP_PROHIBIT,
    LS_EDIT_ADD_FUNCTION_AND_SENIORITY, /* keyword to the functions, seniority to the entries */
    LS_EDIT__KINDS
} ls_edit_kind;

/* Where a candidate came from. */
typedef enum ls_edit_source {
    LS_EDIT_FROM_TITLES = 0,   /* words of the leads' normalized titles */
    LS_EDIT_FROM_EQUIVALENTS,  /* data/equivalents.tsv */
    LS_EDIT_FROM_EXPANSION,    /* a documented seniority expansion (Manager+) */
    LS_EDIT_FROM_REQUEST       /* a keyword of the request (a dropped prohibit) */
} ls_edit_source;

/* "add_function", "add_seniority", "add_prohibit", "drop_prohibit",
 * "add_function_and_seniority";
 * "titles", "equivalents", "expansion", "request"; "" when out of range. */
LS_API const char *ls_edit_kind_id(ls_edit_kind kind);
LS_API const char *ls_edit_source_id(ls_edit_source source);

/* Micro figures over the personas, as score defines them. */
typedef struct ls_edit_metrics {
    uint64_t tp, fp, fn;
    ls_score_ratio precision, recall, f1;
} ls_edit_metrics;

typedef struct ls_persona_edit {
    ls_edit_kind kind;
    ls_edit_source source;
    size_t persona;
    const char *persona_name;
    const char *keyword;      /* as the request gets it (drop: as written there) */
    const char *seniority;    /* LS_EDIT_ADD_FUNCTION_AND_SENIORITY: the entry; else NULL */
    size_t prohibit;          /* LS_EDIT_DROP_PROHIBIT: its index in the request's list */
    /* on the leads chosen on, before and after this edit (on top of the
     * edits before it), and the leads and distinct titles it puts right
     * and wrong there */
    ls_edit_metrics before, after;
    uint64_t leads_fixed, leads_broken, titles_fixed, titles_broken;
    /* cross-validated: folds whose other folds keep the edit, and the
     * held-out counts summed over the folds before and after it */
    size_t cv_kept;
    ls_edit_metrics cv_before, cv_after;
    /* the held-out leads (holdout > 0), before and after it */
    ls_edit_metrics holdout_before, holdout_after;
} ls_persona_edit;

typedef struct ls_persona_suggest_result {
    /* the request as it is, scored on every labeled lead: input counts,
     * label checks (other_names, label_field_suggestion) as for score */
    const ls_score_result *score;
    size_t folds;
    double holdout;
    uint64_t chosen_on, held_out; /* labeled leads in the folds, held out */
    uint64_t titles;              /* distinct normalized titles (of leads no filter dropped) */
    uint64_t candidates;          /* edits evaluated for the list */
    ls_edit_metrics base, final;  /* on the leads chosen on, before and after every edit */
    /* cross-validated, pooled over the held-out folds: the request, the
     * list's edits kept per fold, and the greedy choice run afresh per fold */
    ls_edit_metrics cv_base, cv_final, cv_refit;
    ls_edit_metrics holdout_base, holdout_final;
    size_t nedits;
    const ls_persona_edit *edits; /* in the order chosen */
} ls_persona_suggest_result;

typedef struct ls_persona_suggest_options {
    /* reading and labels, as in ls_score_options */
    const char *label_field;
    ls_diag_fn on_diag;
    void *diag_user;
    size_t max_record_bytes;
    int max_depth;
    ls_input_format input_format;
    size_t folds;        /* 2..50; 0: 5 */
    size_t max_edits;    /* 0: 20 */
    size_t max_words;    /* longest phrase proposed as a function, 1..8; 0: 3 */
    size_t min_titles;   /* 0: 2 */
    double holdout;      /* share of the labeled leads set aside, 0 <= h < 1 */
    unsigned kinds;      /* bit 1 << ls_edit_kind per kind proposed; 0: all */
    /* Polled from the thread that adds and finishes (every 4,096 labeled
     * leads read, each round of the greedy choice, each fold): non-zero
     * stops, and that call and every later one return LS_E_CANCELLED.
     * NULL: never stops. */
    int (*stop)(void *user);
    void *stop_user;
} ls_persona_suggest_options;
LS_API void ls_persona_suggest_options_init(ls_persona_suggest_options *opt);

typedef struct ls_persona_suggest ls_persona_suggest;

/* LS_E_USAGE when req has no personas or an option is out of range.  req
 * must outlive the object. */
LS_API ls_status ls_persona_suggest_new(const ls_request *req,
                                        const ls_persona_suggest_options *opt,
                                        ls_persona_suggest **out);
LS_API void ls_persona_suggest_free(ls_persona_suggest *ps);
/* As ls_score_load_labels. */
LS_API ls_status ls_persona_suggest_load_labels(ls_persona_suggest *ps, const char *name,
                                                const char *text, size_t len,
                                                ls_problems **errors);
LS_API ls_status ls_persona_suggest_add_path(ls_persona_suggest *ps, const char *path);
LS_API ls_status ls_persona_suggest_add_memory(ls_persona_suggest *ps, const char *name,
                                               const char *data, size_t len);
/* The leads held by an ls_leads (as ls_score_add_leads). */
LS_API ls_status ls_persona_suggest_add_leads(ls_persona_suggest *ps, const ls_leads *leads);
/* Chooses and measures the edits; no more input afterwards.  The result
 * belongs to ps.  LS_E_INTERNAL if the model disagreed with the matcher
 * on a title (a bug, never expected). */
LS_API ls_status ls_persona_suggest_finish(ls_persona_suggest *ps,
                                           const ls_persona_suggest_result **out);

/* The request text json[0..len) (the one req was compiled from; a UTF-8
 * BOM is skipped) with the first n edits: keywords appended to their
 * persona's lists, dropped prohibits removed with their comma; every
 * other byte as it was.  The result is compiled and matched against every
 * title before it is returned: LS_E_INTERNAL if it would assign a title
 * otherwise than the edits were measured with.  LS_E_USAGE when n exceeds
 * the edits or the text's personas are not req's.  Release *out with
 * ls_free. */
LS_API ls_status ls_persona_suggest_apply(ls_persona_suggest *ps, const char *json, size_t len,
                                          size_t n, char **out, size_t *out_len);

/* The result as a JSON document (`suggest --format json`); release with
 * ls_free. */
LS_API ls_status ls_persona_suggest_report_json(const ls_persona_suggest_result *r, int indent,
                                                char **json, size_t *len);

/* ------------------------------------------------------------------------
 * diff: two requests on the same leads
 *
 *   gained:      matched by the new request (A), not by the baseline (B)
 *   lost:        matched by B, not by A
 *   reassigned:  matched by both, under personas of different names
 * Personas are compared by name; limit_by does not apply; duplicates are
 * dropped first, as in filter.
 * ------------------------------------------------------------------------ */

typedef enum ls_diff_group {
    LS_DIFF_GAINED = 0,
    LS_DIFF_LOST,
    LS_DIFF_REASSIGNED,
    LS_DIFF__GROUPS
} ls_diff_group;

/* "gained", "lost", "reassigned". */
LS_API const char *ls_diff_group_name(ls_diff_group g);

/* One persona's decision on a lead's title under one request. */
typedef struct ls_diff_check {
    int persona;            /* its index in that request; -1: none */
    ls_persona_trace t;     /* its decision: t.matched, and what hit (see explain) */
    const char *function;   /* the function keyword that hit, as written; NULL: none */
    const char *seniority;  /* the seniority entry that passed, as written; NULL: none */
    const char *prohibit;   /* the prohibit that dropped the title, as written; NULL: none */
} ls_diff_check;

/* Why a lead fares as it does under one request, as diff says it. */
typedef enum ls_diff_why {
    LS_DIFF_WHY_NONE = 0,        /* both requests assign the same name, or neither assigns one */
    LS_DIFF_WHY_FILTER,          /* a request filter dropped the lead (side.filter) */
    LS_DIFF_WHY_TAKEN,           /* the other side's persona matched here too, and the persona
                                    assigned here ranks before it */
    LS_DIFF_WHY_NO_FUNCTION,     /* the other side's persona: none of its functions is in the
                                    title */
    LS_DIFF_WHY_NO_SENIORITY,    /* ...: none of its seniority entries passed */
    LS_DIFF_WHY_PROHIBITED,      /* ...: a prohibit dropped the title (other.prohibit,
                                    other.t.prohibit_token) */
    LS_DIFF_WHY_NO_SUCH_PERSONA  /* this request has no persona of the other side's name */
} ls_diff_why;

/* "filter", "taken", "no_function", "no_seniority", "prohibited",
 * "no_such_persona"; "" for LS_DIFF_WHY_NONE. */
LS_API const char *ls_diff_why_id(ls_diff_why why);

/* One request's verdict on a lead. */
typedef struct ls_diff_side {
    ls_outcome outcome;
    int persona;        /* -1 when none (or the request has no personas) */
    const char *filter; /* LS_DROPPED_BY_FILTER: the filter (static) */
    /* The assigned persona's checks (what let the lead in; persona -1 when
     * none is assigned). */
    ls_diff_check assigned;
    /* Why this request does not assign what the other one does: a filter,
     * or the checks of this request's persona of the name the other
     * request assigns (other; persona -1 when it has none of that name). */
    ls_diff_why why;
    ls_diff_check other;
} ls_diff_side;

typedef struct ls_diff_entry {
    const char *key;    /* the lead's duplicate key value, NULL when none (lead.key) */
    const char *title;  /* the lead's title as written, "" when none (lead.title) */
    ls_diff_side now;   /* request A */
    ls_diff_side base;  /* request B */
    ls_lead_ref lead;   /* who the lead is and where it was read */
} ls_diff_entry;

typedef struct ls_diff_result {
    ls_input_stats input;
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
    ls_input_format input_format; /* as in ls_run_options */
} ls_diff_options;
LS_API void ls_diff_options_init(ls_diff_options *opt);

typedef struct ls_diff ls_diff;

/* a = the new request, b = the baseline; both must outlive the diff. */
LS_API ls_status ls_diff_new(const ls_request *a, const ls_request *b, const ls_diff_options *opt,
                      ls_diff **out);
LS_API void ls_diff_free(ls_diff *d);
LS_API ls_status ls_diff_add_path(ls_diff *d, const char *path);
LS_API ls_status ls_diff_add_memory(ls_diff *d, const char *name, const char *data, size_t len);
/* Kept leads (ls_leads): the same result as adding their inputs. */
LS_API ls_status ls_diff_add_leads(ls_diff *d, const ls_leads *leads);
/* The result belongs to d; no more input afterwards. */
LS_API ls_status ls_diff_finish(ls_diff *d, const ls_diff_result **out);

/* Persona name of a side ("" for none). */
LS_API const char *ls_diff_persona(const ls_diff *d, const ls_diff_side *side, int of_baseline);

/* The result as a JSON document (`diff --format json`); release with
 * ls_free. */
LS_API ls_status ls_diff_report_json(const ls_diff *d, const ls_diff_result *r, int indent, char **json,
                              size_t *len);

/* ------------------------------------------------------------------------
 * lint: rules of a valid request that may not do what they read like
 * (each warning has a stable code; `leadsieve lint --help` lists them)
 * ------------------------------------------------------------------------ */

enum { LS_LINT_TITLES = 5 }; /* titles named per inside-word warning */

/* The rules, each with a stable code (the registry `lint --help` and the
 * README list). */
typedef enum ls_lint_rule_id {
    LS_LINT_UNKNOWN_FIELD = 0,
    LS_LINT_NOT_EVALUATED,
    LS_LINT_KEYWORD_INVALID_UTF8,
    LS_LINT_KEYWORD_DUPLICATE,
    LS_LINT_FUNCTION_SHORT,
    LS_LINT_FUNCTION_SUBSTRING_TRAP,
    LS_LINT_FUNCTION_INSIDE_WORD,
    LS_LINT_FUNCTION_NEEDS_EQUIVALENTS,
    LS_LINT_PROHIBIT_MULTI_TOKEN,
    LS_LINT_PROHIBIT_OVERLAPS_FUNCTION,
    LS_LINT_PROHIBIT_OVERLAPS_SENIORITY,
    LS_LINT_SENIORITY_UNSATISFIABLE,
    LS_LINT_PERSONA_NEVER_MATCHES,
    LS_LINT_PERSONA_SHADOWED,
    LS_LINT_PERSONA_NEVER_ASSIGNED,
    LS_LINT_PERSONA_NO_MATCH,
    /* v1 requests (addendum §2): values the API accepts and answers with
     * nothing, and readings that are approximate offline */
    LS_LINT_INDUSTRY_UNKNOWN,
    LS_LINT_INDUSTRY_RENAMED,
    LS_LINT_SENIORITY_ALIAS,
    LS_LINT_SENIORITY_UNKNOWN,
    LS_LINT_FUNCTION_UNKNOWN,
    LS_LINT_LOCATION_STATE_ABBREVIATION,
    LS_LINT_JOB_TITLES_APPROXIMATE,
    LS_LINT_SENIORITY_INFERRED,
    LS_LINT__RULES
} ls_lint_rule_id;

typedef enum ls_lint_when {
    LS_LINT_ALWAYS = 0,     /* checked on the request */
    LS_LINT_WITH_LEADS,     /* checked on the leads given */
    LS_LINT_WITHOUT_LEADS   /* a guess that leads, when given, replace */
} ls_lint_when;

typedef struct ls_lint_rule {
    const char *code;    /* e.g. "prohibit-multi-token" */
    ls_lint_when when;
    int note;            /* informational: says what is not done offline */
    const char *summary; /* what it finds; lines separated by '\n' */
} ls_lint_rule;

/* The registry, by ls_lint_rule_id; NULL past the end. */
LS_API size_t ls_lint_rule_count(void);
LS_API const ls_lint_rule *ls_lint_rule_at(size_t i);

typedef struct ls_lint_warning {
    const ls_lint_rule *rule; /* its rule in the registry (note, when it runs) */
    const char *code;    /* rule->code, e.g. "prohibit-multi-token" */
    const char *path;    /* e.g. "personas[0][3][1]" */
    const char *message; /* valid UTF-8, no control characters */
} ls_lint_warning;

typedef struct ls_lint_options {
    ls_diag_fn on_diag;      /* for the leads; may be NULL */
    void *diag_user;
    size_t max_record_bytes; /* 0: the reader's default */
    int max_depth;           /* 0: the reader's default */
    ls_input_format input_format; /* as in ls_run_options */
} ls_lint_options;
LS_API void ls_lint_options_init(ls_lint_options *opt);

typedef struct ls_lint ls_lint;

/* req must outlive the lint. */
LS_API ls_status ls_lint_new(const ls_request *req, const ls_lint_options *opt, ls_lint **out);
LS_API void ls_lint_free(ls_lint *l);

/* Leads to check the request against (as ls_run_add_path reads them). */
LS_API ls_status ls_lint_add_path(ls_lint *l, const char *path);
LS_API ls_status ls_lint_add_memory(ls_lint *l, const char *name, const char *data, size_t len);
/* Kept leads (ls_leads): the same warnings as adding their inputs. */
LS_API ls_status ls_lint_add_leads(ls_lint *l, const ls_leads *leads);
/* Leads read so far and those persona-matched (not duplicates, not
 * dropped by a filter). */
LS_API uint64_t ls_lint_leads_read(const ls_lint *l);
LS_API uint64_t ls_lint_leads_matched(const ls_lint *l);

/* Runs every check once; the warnings are then available.  Checks that
 * need leads run when some were added. */
LS_API ls_status ls_lint_finish(ls_lint *l);
LS_API size_t ls_lint_count(const ls_lint *l);
LS_API ls_lint_warning ls_lint_get(const ls_lint *l, size_t i);

/* How the leads' own seniority values agree with the level their titles
 * imply (addendum §2; the inference is an approximation): of the leads
 * read (each once, duplicates not, whether or not a request filter drops
 * it), how many have a seniority value that names level, and in *agree
 * (may be NULL) how many of those have a title that implies a level the
 * value names.  level == ls_level_count(): the leads whose value names no
 * level (*agree 0).  0 past that. */
LS_API uint64_t ls_lint_level_agreement(const ls_lint *l, size_t level, uint64_t *agree);

/* {"status": "ok", "warnings": [{"path", "code", "message"}, ...]} (`lint
 * --format json`), indent as ls_run_report_json; release with ls_free.
 * When some lead read had a seniority value, also "seniority_agreement":
 * {"leads_with_seniority": N, "levels": [{"level", "leads",
 * "title_agrees"}, ...] (the levels some value names, in level order),
 * "no_level": N} (ls_lint_level_agreement). */
LS_API ls_status ls_lint_report_json(const ls_lint *l, int indent, char **json, size_t *len);

/* ------------------------------------------------------------------------
 * convert: a request rewritten for the other API (contract addendum §3)
 *
 * To v1: lead_industries becomes company_industries; without_company (any
 * value) and mentioned_in_news are removed.  To by_icp: company_industries
 * becomes lead_industries (removed instead when the request has
 * lead_industries too: by_icp has one industry filter); every v1 field
 * by_icp lacks is removed; without_company: true is appended when no
 * company_id, company_link, company_name or linkedin_filter_link is given
 * (v1's way of saying it).  Every other member keeps its name, its place
 * and its bytes (number lexemes, escapes), unknown fields and duplicate
 * keys included; only the whitespace is new (ls_convert_options.indent).
 * Asked for v1, a request that is v1 already is written unchanged; asked
 * for by_icp, a request is read as v1 whatever its fields, so a by_icp
 * request comes back unchanged but for the without_company above.
 * ------------------------------------------------------------------------ */

typedef struct ls_convert_options {
    ls_request_api to;          /* LS_REQUEST_API_AUTO (0): the other API than the request's */
    ls_search_mode search_mode; /* the v1 search written for; read for a v1 result only */
    int indent;                 /* spaces a level, one member or element a line;
                                   0: one line, ", " and ": " between items */
} ls_convert_options;
/* to AUTO, realtime, indent 2. */
LS_API void ls_convert_options_init(ls_convert_options *opt);

/* The API a request text reads as by its fields (a v1-only field of the
 * addendum §2 makes it v1): LS_REQUEST_API_V1 or LS_REQUEST_API_BY_ICP;
 * LS_REQUEST_API_AUTO when the text is not a JSON object. */
LS_API ls_request_api ls_request_api_of_json(const char *json, size_t len);

/* Rewrites the request json[0..len) (a leading UTF-8 BOM is skipped) for
 * the other API.  LS_OK: *out is the request (NUL-terminated, no trailing
 * newline, *out_len its length; release with ls_free) and *problems (may
 * be NULL; caller frees) lists one warning per change in input order,
 * path = the field as the input names it, hint = what changed and why.
 * LS_E_INVALID_REQUEST: *out is NULL and *problems lists the errors, as
 * ls_problems_envelope prints them: text that is not a JSON object gets
 * the errors ls_request_compile gives it, and a v1 result for the
 * database search that holds realtime-only fields names each of them.
 * The result is not otherwise validated: compile it for the API it is
 * for.  LS_E_USAGE for a NULL out or opt values out of range. */
LS_API ls_status ls_request_convert(const char *json, size_t len, const ls_convert_options *opt,
                                    char **out, size_t *out_len, ls_problems **problems);

#ifdef __cplusplus
}
#endif

#endif /* LEADSIEVE_TOOLS_H */
