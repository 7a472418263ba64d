/*
 * leadsieve — offline persona matching and lead filtering for by_icp requests.
 *
 * Compile once, match many: a request (JSON text) is compiled into an
 * immutable ls_request that any number of threads may share.  Per-thread
 * scratch lives in an ls_matcher (one per thread).  A streaming ls_run reads
 * lead files, deduplicates, filters, ranks and limits them.
 *
 * Ownership: every object returned by an ls_*_new / ls_*_compile function is
 * owned by the caller and released with the matching ls_*_free.  Strings
 * returned by accessors belong to the object they came from and stay valid
 * until it is freed, unless the function says otherwise.  The library never
 * prints: problems are returned as ls_status values, ls_problems lists or
 * ls_diag callbacks.
 */
#ifndef LEADSIEVE_H
#define LEADSIEVE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this header; ls_version() gives the library's.  The SONAME
 * stays 0 (no stability promise) while the API takes its shape. */
#define LS_VERSION_MAJOR 0
#define LS_VERSION_MINOR 1
#define LS_VERSION_PATCH 0

/* Marks the functions of the public API: the shared library exports these
 * and nothing else. */
#if defined(__GNUC__) || defined(__clang__)
#define LS_API __attribute__((visibility("default")))
#else
#define LS_API
#endif

LS_API const char *ls_version(void);

typedef enum ls_status {
    LS_OK = 0,
    LS_E_INVALID_REQUEST, /* the request failed validation: see ls_problems */
    LS_E_USAGE,           /* a bad argument from the caller */
    LS_E_NOMEM,
    LS_E_IO,              /* reading or writing failed: errno is kept */
    LS_E_LIMIT,           /* a resource limit was exceeded */
    LS_E_INTERNAL,
    LS_E_MALFORMED,       /* input text that is not what it must be (see the call) */
    LS_E_CANCELLED        /* the caller cancelled the run */
} ls_status;

/* A short English description of a status; static storage. */
LS_API const char *ls_status_message(ls_status status);

/* Releases memory the library allocated for the caller (JSON documents). */
LS_API void ls_free(void *p);

/* "Did you mean": the candidate closest to word[0..len) within a few edits
 * (a third of the word, 1 to 3; ASCII case folded; neighbours swapped count
 * as one; a word of 4 or more that starts a candidate counts too), or NULL.
 * The word itself is no suggestion; NULL candidates are skipped. */
LS_API const char *ls_suggest(const char *word, size_t len, const char *const *candidates,
                              size_t n);

/* The top-level field names of a lead in the API's responses (the
 * documentation's example lead, and the lead fields the contract reads
 * that it lacks: title, started_at_position, lead_id, id, and a v1 lead's
 * company and work_history), the default CSV columns first: to check a field name a user gives (filter --fields) and
 * suggest the one meant (ls_suggest keeps the first of equally close
 * candidates).  Static storage; *count (may be NULL) gets their number. */
LS_API const char *const *ls_lead_field_names(size_t *count);

/* Options structs may grow at their end in later versions: set one up with
 * its ls_*_options_init function (or zero it) before setting fields, and
 * code written against this header keeps compiling and meaning the same. */

/* ------------------------------------------------------------------------
 * Normalization (contract §1)
 * ------------------------------------------------------------------------ */

enum {
    LS_NORM_INVALID_UTF8 = 1u << 0 /* invalid bytes or a lone surrogate were dropped */
};

/*
 * norm(text) into a caller buffer, snprintf-style: writes at most cap-1 bytes
 * plus a NUL and sets *out_len (may be NULL) to the full length of the
 * result (excluding the NUL).  When *out_len >= cap the output was
 * truncated; call again with a larger buffer.  `flags` (may be NULL)
 * receives LS_NORM_* bits.  LS_E_NOMEM when memory runs out (out is then
 * ""), LS_E_USAGE for a NULL text with len > 0.  Allocates internally; for
 * hot loops use an ls_normalizer.
 */
LS_API ls_status ls_norm(const char *text, size_t len, char *out, size_t cap, size_t *out_len,
                         unsigned *flags);

/* Reusable normalizer scratch: no allocation per call once warm.  Not
 * thread-safe: one per thread. */
typedef struct ls_normalizer ls_normalizer;
LS_API ls_status ls_normalizer_new(ls_normalizer **out);
LS_API void ls_normalizer_free(ls_normalizer *nz);
/* Returns norm(text), NUL-terminated, owned by nz and valid until the next
 * call on nz; NULL only when memory runs out.  *out_len may be NULL. */
LS_API const char *ls_normalizer_run(ls_normalizer *nz, const char *text, size_t len,
                              size_t *out_len, unsigned *flags);

/* ------------------------------------------------------------------------
 * Problems: (path, hint) pairs — validation errors and warnings
 * ------------------------------------------------------------------------ */

typedef struct ls_problem {
    const char *path; /* JSON path of the offending value, e.g. "personas[1][2][0]" */
    const char *hint; /* what to change */
} ls_problem;

typedef struct ls_problems ls_problems;
LS_API size_t ls_problems_count(const ls_problems *list);
LS_API ls_problem ls_problems_get(const ls_problems *list, size_t i);
LS_API void ls_problems_free(ls_problems *list);

/* ------------------------------------------------------------------------
 * Requests (contract §2, §3, §4, §6)
 * ------------------------------------------------------------------------ */

typedef enum ls_match_mode {
    LS_MATCH_DOCUMENTED = 0, /* function keyword is a substring of the title */
    LS_MATCH_WORDS = 1       /* function keyword is a whole-token phrase */
} ls_match_mode;

/* Which API's request a text is read as (v1: the addendum, §2). */
typedef enum ls_request_api {
    LS_REQUEST_API_AUTO = 0, /* v1 when it has a field only v1 requests have */
    LS_REQUEST_API_BY_ICP,
    LS_REQUEST_API_V1
} ls_request_api;

/* The v1 endpoint whose schema a v1 request is checked against. */
typedef enum ls_search_mode {
    LS_SEARCH_REALTIME = 0, /* every v1 field */
    LS_SEARCH_DATABASE      /* the shared fields only: others are errors */
} ls_search_mode;

typedef struct ls_compile_options {
    ls_match_mode match_mode;
    /* The day years_in_* filters count to; all zero = today (UTC). */
    int as_of_year, as_of_month, as_of_day;
    ls_request_api api;
    ls_search_mode search_mode; /* read for v1 requests only */
} ls_compile_options;
LS_API void ls_compile_options_init(ls_compile_options *opt);

typedef struct ls_request ls_request;

/*
 * Parses and validates a by_icp request.  On success returns LS_OK and
 * *out.  When the request is invalid returns LS_E_INVALID_REQUEST and
 * *errors lists every problem at once (caller frees).  opt may be NULL.
 */
LS_API ls_status ls_request_compile(const char *json, size_t len, const ls_compile_options *opt,
                             ls_request **out, ls_problems **errors);
LS_API void ls_request_free(ls_request *req);

/* Warnings of a valid request: unknown fields, fields not evaluated offline
 * (path = the field name).  Owned by req. */
LS_API const ls_problems *ls_request_warnings(const ls_request *req);
/* Fields present in the request that cannot be evaluated offline (§3). */
LS_API size_t ls_request_not_evaluated_count(const ls_request *req);
LS_API const char *ls_request_not_evaluated(const ls_request *req, size_t i);

LS_API size_t ls_request_persona_count(const ls_request *req);
LS_API const char *ls_request_persona_name(const ls_request *req, size_t i);
/* Rank of the persona's priority among the request's distinct priorities
 * (0 = highest); exact for any integer size. */
LS_API size_t ls_request_persona_rank(const ls_request *req, size_t i);
/* The priority as written in the request (e.g. "0", "-3"). */
LS_API const char *ls_request_persona_priority(const ls_request *req, size_t i);
/* -1 when the request has no limit_by. */
LS_API long ls_request_limit(const ls_request *req);
/* offset_by of a v1 request (leads skipped after ranking), else 0. */
LS_API long ls_request_offset(const ls_request *req);
/* The reading the request got: LS_REQUEST_API_BY_ICP or LS_REQUEST_API_V1. */
LS_API ls_request_api ls_request_api_of(const ls_request *req);
LS_API ls_search_mode ls_request_search_mode(const ls_request *req);
LS_API ls_match_mode ls_request_match_mode(const ls_request *req);

/* The three keyword lists of a persona tuple (§2). */
typedef enum ls_keyword_kind {
    LS_KW_FUNCTIONS = 1,
    LS_KW_SENIORITIES = 2,
    LS_KW_PROHIBITS = 3
} ls_keyword_kind;
/* A persona's keywords as written in the request; NULL when out of range. */
LS_API size_t ls_request_keyword_count(const ls_request *req, size_t persona,
                                       ls_keyword_kind kind);
LS_API const char *ls_request_keyword(const ls_request *req, size_t persona,
                                      ls_keyword_kind kind, size_t j);
/* The alternatives of a seniority entry after expansion ("VP" gives "vp",
 * "svp", ...; an entry without expansion is its own one alternative). */
LS_API size_t ls_request_alternative_count(const ls_request *req, size_t persona, size_t entry);
LS_API const char *ls_request_alternative(const ls_request *req, size_t persona, size_t entry,
                                          size_t alt);

/* The API's error envelope for a request's problems (contract §6):
 * {"status": "error", "status_code": 400, "detail": {path: hint, ...}},
 * as JSON text (indent as ls_run_report_json); release with ls_free. */
LS_API ls_status ls_problems_envelope(const ls_problems *errors, int indent, char **json,
                                      size_t *len);

/* ------------------------------------------------------------------------
 * Matching one lead
 * ------------------------------------------------------------------------ */

typedef enum ls_outcome {
    LS_MATCHED = 0,      /* passes every filter and (if any) a persona */
    LS_DROPPED_BY_FILTER,/* a request-level filter dropped it: see filter */
    LS_NO_PERSONA        /* passes the filters, matches no persona */
} ls_outcome;

enum {
    LS_LEAD_INVALID_UTF8 = 1u << 0, /* some string held invalid UTF-8 or a lone surrogate */
    /* a v1 filter the lead has no data for kept it unevaluated
     * (num_of_connections, company_types) */
    LS_LEAD_NOT_EVALUATED = 1u << 1
};

typedef struct ls_verdict {
    ls_outcome outcome;
    int persona;        /* assigned persona index, -1 when none or no personas */
    const char *filter; /* request field that dropped the lead (static), else NULL */
    unsigned flags;     /* LS_LEAD_* */
    int filter_id;      /* that filter's index in ls_run_filter_name's order, else -1 */
} ls_verdict;

/* Per-thread matching state for one request. */
typedef struct ls_matcher ls_matcher;
LS_API ls_status ls_matcher_new(const ls_request *req, ls_matcher **out);
LS_API void ls_matcher_free(ls_matcher *m);

/* Matches one lead given as the JSON text of an object.  Returns
 * LS_E_MALFORMED when the text is not one valid JSON object:
 * ls_matcher_error then says where and why. */
LS_API ls_status ls_match_lead(ls_matcher *m, const char *lead_json, size_t len, ls_verdict *out);
/* Why the last ls_match_lead call returned LS_E_MALFORMED, and the byte
 * offset in its text (*offset may be NULL); "" when it did not. */
LS_API const char *ls_matcher_error(const ls_matcher *m, size_t *offset);

/* Persona matching only (§2) for a bare title string. */
LS_API ls_status ls_match_title(ls_matcher *m, const char *title, size_t len, ls_verdict *out);

/* ------------------------------------------------------------------------
 * Diagnostics for malformed input
 * ------------------------------------------------------------------------ */

typedef enum ls_diag_kind {
    LS_DIAG_MALFORMED = 0,  /* a record that is not valid JSON: skipped */
    LS_DIAG_NOT_OBJECT,     /* an item that is not an object: skipped */
    LS_DIAG_LIMIT,          /* nesting/size limit exceeded: skipped */
    LS_DIAG_IO,             /* a file or directory could not be read */
    LS_DIAG_EMPTY,          /* a file or directory without any lead */
    LS_DIAG_NOTE,           /* informational */
    LS_DIAG_NOT_LEADS,      /* a record that is not leads (a request, a saved error
                               envelope, a document leadsieve wrote): skipped */
    LS_DIAG_FILE_SKIPPED    /* a file of a directory walk whose name is not a lead
                               file's (.json, .jsonl, .ndjson, .csv, maybe .gz or
                               .zst): not read */
} ls_diag_kind;

typedef struct ls_diag {
    ls_diag_kind kind;
    const char *file;   /* display name ("-" for stdin) */
    uint64_t line;      /* 1-based line, 0 when unknown */
    uint64_t offset;    /* byte offset in the file */
    const char *message;
} ls_diag;

typedef void (*ls_diag_fn)(void *user, const ls_diag *diag);

/* ------------------------------------------------------------------------
 * Streaming filter run (contract §3–§5)
 * ------------------------------------------------------------------------ */

/* How the inputs are read (contract §5, §5a). */
typedef enum ls_input_format {
    LS_INPUT_AUTO = 0, /* by name: a name ending .csv (or .csv.gz, .csv.zst), in any
                          ASCII case, is CSV; any other input, standard input
                          included, is JSON whose shape is detected by content */
    LS_INPUT_JSON,     /* every input is JSON, whatever its name */
    LS_INPUT_CSV       /* every input is CSV, standard input included: a header
                          row, then one lead a row */
} ls_input_format;

/* How a file is read by its name (contract §5a): LS_INPUT_CSV for *.csv,
 * LS_INPUT_JSON for *.json, *.jsonl and *.ndjson, each maybe followed by
 * .gz or .zst, in any ASCII case; LS_INPUT_AUTO for any other name (a
 * directory walk does not read it; given by name, it is read as JSON). */
LS_API ls_input_format ls_path_input_format(const char *path);

/* How far a run is: given to on_progress after each file and every 65,536
 * leads, on the thread that added the input. */
typedef struct ls_progress {
    uint64_t files_done;  /* read, or found unreadable */
    uint64_t files_total; /* listed so far (directories expand when added) */
    uint64_t leads_read;
} ls_progress;
/* Non-zero cancels the run (as ls_run_cancel). */
typedef int (*ls_progress_fn)(void *user, const ls_progress *progress);

/* What the run decided about one lead, in input order (for callers that
 * keep their own copy of the leads: a data frame, a distributed reduce). */
typedef struct ls_lead_result {
    uint64_t index;      /* 0-based, among the lead objects read */
    const char *key;     /* its duplicate key (§3: sales_id, else lead_id, else
                            id (v1 leads), else linkedin_url, else
                            linkedin_id) as written; NULL when none */
    size_t key_len;
    int duplicate;       /* dropped as a duplicate of an earlier lead */
    ls_verdict verdict;  /* also for duplicates: what it would have been */
} ls_lead_result;
typedef void (*ls_lead_fn)(void *user, const ls_lead_result *result);

typedef struct ls_run_options {
    ls_diag_fn on_diag;       /* may be NULL */
    void *diag_user;
    int threads;              /* 0 or 1 = single-threaded */
    size_t max_record_bytes;  /* 0 = default (256 MiB): longer records are skipped */
    int max_depth;            /* 0 = default (512): deeper nesting is skipped */
    ls_progress_fn on_progress; /* may be NULL */
    void *progress_user;
    ls_lead_fn on_lead;       /* may be NULL; called in input order whatever threads is */
    void *lead_user;
    ls_input_format input_format; /* LS_INPUT_AUTO (0): by name */
    /* Field names (as ls_run_count_fields takes them) to look for in every
     * lead read, duplicates and leads no persona took included, until each
     * was found once (ls_run_fields_read): a --fields name no lead has,
     * told from one only the leads not returned have.  The strings must
     * outlive the run. */
    const char *const *watch_fields;
    size_t watch_field_count;
} ls_run_options;
LS_API void ls_run_options_init(ls_run_options *opt);

typedef struct ls_run ls_run;

LS_API ls_status ls_run_new(const ls_request *req, const ls_run_options *opt, ls_run **out);
LS_API void ls_run_free(ls_run *run);

/* Adds an input: a file, a directory (walked recursively for *.json,
 * *.jsonl, *.ndjson and *.csv, each maybe .gz or .zst, any case, in sorted
 * path order) or "-" for standard input, read as JSON or CSV as
 * input_format says; gzip and zstd are decompressed, known by their first
 * bytes.  Inputs are read in the order added.  Unreadable paths are reported through on_diag and counted;
 * the call still returns LS_OK so that other inputs are processed. */
LS_API ls_status ls_run_add_path(ls_run *run, const char *path);
/* Adds an in-memory input (gzip or zstd bytes are decompressed); data must
 * outlive the call only. */
LS_API ls_status ls_run_add_memory(ls_run *run, const char *name, const char *data, size_t len);

/* Counts, valid at any time; final after ls_run_finish. */
typedef struct ls_run_stats {
    uint64_t files_read;
    uint64_t files_failed;        /* unreadable inputs */
    uint64_t leads_read;          /* objects seen, duplicates included */
    uint64_t malformed;           /* records skipped as invalid JSON or over a limit */
    uint64_t not_objects;         /* items skipped as not objects */
    uint64_t duplicates;          /* dropped as duplicates */
    uint64_t invalid_utf8_leads;  /* leads with invalid UTF-8 (kept) */
    uint64_t matched;             /* passed filters and personas */
    uint64_t no_persona;          /* passed filters, no persona */
    uint64_t returned;            /* after limit_by */
    int limit_reached;
    uint64_t not_leads;           /* objects skipped as not leads: requests, saved error
                                     envelopes, documents leadsieve wrote (§5a) */
    uint64_t files_skipped;       /* files of walked directories not read (their names) */
    uint64_t not_evaluated;       /* matched leads a v1 filter kept for lack of data
                                     (LS_LEAD_NOT_EVALUATED) */
    uint64_t offset;              /* leads skipped by a v1 offset_by (returned comes after) */
} ls_run_stats;
LS_API const ls_run_stats *ls_run_get_stats(const ls_run *run);

/* Leads dropped by each request filter, in the order filters apply. */
LS_API size_t ls_run_filter_count(const ls_run *run);
LS_API const char *ls_run_filter_name(const ls_run *run, size_t i);
LS_API uint64_t ls_run_filter_dropped(const ls_run *run, size_t i);
/* Matches per persona (before limit_by). */
LS_API uint64_t ls_run_persona_matched(const ls_run *run, size_t persona);

/* Inputs that could not be read and records that were skipped, as the run
 * reported them through on_diag: the first LS_RUN_NOTES_KEPT of each log
 * are kept (strings owned by the run), all are counted. */
enum { LS_RUN_NOTES_KEPT = 20 };
typedef enum ls_run_log {
    LS_LOG_SKIPPED = 0, /* malformed, over a limit, not an object */
    LS_LOG_INPUTS       /* unreadable or empty files and directories */
} ls_run_log;
typedef struct ls_run_note {
    ls_diag_kind kind;
    char *file;
    uint64_t line, offset;
    char *message;
} ls_run_note;
LS_API uint64_t ls_run_log_total(const ls_run *run, ls_run_log log);
LS_API size_t ls_run_log_kept(const ls_run *run, ls_run_log log);
LS_API const ls_run_note *ls_run_log_get(const ls_run *run, ls_run_log log, size_t i);
LS_API const ls_request *ls_run_request(const ls_run *run);

/* Every figure of the run as a JSON document (`filter --report`), valid
 * after ls_run_finish: indent 0 is one line with ", " and ": " between
 * items, N > 0 puts each item on a line of its own, N spaces a level.
 * Release *json with ls_free; *len may be NULL. */
LS_API ls_status ls_run_report_json(const ls_run *run, int indent, char **json, size_t *len);

/* Leads read once and kept in memory, to run any number of requests over
 * without reading the inputs again (an editor that re-runs on every
 * change).  Read as a run reads them: shapes, skipped records and their
 * diagnostics; duplicates are kept (each run drops them by its own rules).
 * Memory: about the size of the lead objects read. */
typedef struct ls_leads ls_leads;
typedef struct ls_leads_options {
    ls_diag_fn on_diag;       /* may be NULL */
    void *diag_user;
    size_t max_record_bytes;  /* as in ls_run_options */
    int max_depth;
    ls_input_format input_format; /* as in ls_run_options */
} ls_leads_options;
LS_API void ls_leads_options_init(ls_leads_options *opt);
LS_API ls_status ls_leads_new(const ls_leads_options *opt, ls_leads **out);
LS_API void ls_leads_free(ls_leads *leads);
LS_API ls_status ls_leads_add_path(ls_leads *leads, const char *path);
LS_API ls_status ls_leads_add_memory(ls_leads *leads, const char *name, const char *data,
                                     size_t len);
LS_API size_t ls_leads_count(const ls_leads *leads);
/* Lead i's object as read (*len bytes, not NUL-terminated); NULL past the end. */
LS_API const char *ls_leads_get(const ls_leads *leads, size_t i, size_t *len);
/* Where lead i was read: the input's display name (as on_diag names it;
 * owned by leads) and the 1-based line where the lead starts (for a CSV
 * row, its line).  LS_E_USAGE past the end or for a NULL file or line. */
LS_API ls_status ls_leads_source(const ls_leads *leads, size_t i, const char **file,
                                 uint64_t *line);
/* Runs the kept leads through run as if their inputs were added again: the
 * same results, counts and order as ls_run_add_path on those inputs (the
 * inputs' skipped records are counted again, not reported again).  With
 * threads > 1, workers match slices of the leads while the calling thread
 * takes their results in lead order: the same results, on_lead order and
 * counts as one thread. */
LS_API ls_status ls_run_add_leads(ls_run *run, const ls_leads *leads);

/* Runs over parts of the inputs on other machines (a map per part, one
 * reduce): the result, counts and report of one run over all the inputs
 * in their order.  A map is a run made partial before any input is added;
 * after ls_run_finish, ls_run_partial gives its partial: the part's
 * counts and first notes, each lead's duplicate key and verdict in input
 * order, and the bytes of its matched leads as they will be written (a
 * few dozen bytes a lead, plus the matched leads).  The reduce is an
 * ordinary run of the same request that adds the parts' partials in
 * input order with ls_run_add_partial: duplicates are dropped first-seen
 * across parts (the key of a lead a filter dropped still counts), then
 * ranking, offset_by and limit_by apply as in any run, and ls_run_write,
 * ls_run_report_json and the counts are what a run over the inputs gives.
 * A part's leads do not reach the reduce's on_lead, nor its notes its
 * on_diag (the partial keeps the first LS_RUN_NOTES_KEPT of each log). */

/* Makes run a map (before any input): it keeps every lead's record for
 * ls_run_partial; its own result (ls_run_write) is empty.  LS_E_USAGE
 * once an input was added. */
LS_API ls_status ls_run_keep_partial(ls_run *run);
/* The partial of a finished map, as bytes (*data released with ls_free):
 * only ls_run_add_partial reads it, with a library of the same version.
 * LS_E_USAGE when run is not a finished map. */
LS_API ls_status ls_run_partial(const ls_run *run, char **data, size_t *len);
/* Adds a map's partial to a run of the same request, as if the map's
 * inputs were read here.  LS_E_MALFORMED for bytes that are not a
 * partial, LS_E_USAGE for a partial of a request with other personas or
 * for a run that is a map itself; nothing is added then. */
LS_API ls_status ls_run_add_partial(ls_run *run, const char *data, size_t len);
/* Lists what ls_run_add_path would read for path, without reading it: fn
 * gets each file in reading order (a directory walked as ls_run_add_path
 * walks it; a file or "-" as it is), and the run counts and notes what the
 * walk found (unreadable paths, names not read, a directory without lead
 * files) as ls_run_add_path does.  A reduce lists each input, then adds
 * its files' partials.  fn returning non-zero stops the listing. */
typedef int (*ls_path_fn)(void *user, const char *path);
LS_API ls_status ls_run_list_path(ls_run *run, const char *path, ls_path_fn fn, void *user);

/* Cancels the run from any thread: the input being added stops at the
 * next file or within 65,536 leads (with threads: the next chunk of a
 * file), and the adding call and every later one on the run return
 * LS_E_CANCELLED. */
LS_API void ls_run_cancel(ls_run *run);

/* Finishes reading; ranking and limit are applied. */
LS_API ls_status ls_run_finish(ls_run *run);

/* Visits the returned leads in output order: bytes of the lead object as it
 * will be written (linkedin_lead_persona set), and the persona index (-1
 * when the request has no personas).  Stops early when fn returns non-zero. */
typedef int (*ls_result_fn)(void *user, const char *lead, size_t len, int persona);
LS_API ls_status ls_run_foreach_result(ls_run *run, ls_result_fn fn, void *user);

typedef enum ls_format {
    LS_FORMAT_JSON = 0, /* the API response shape */
    LS_FORMAT_JSONL,    /* one lead a line */
    LS_FORMAT_CSV,      /* RFC 4180 */
    LS_FORMAT_JSON_V1   /* the v1 response shape; LS_FORMAT_JSON gives it for a v1 request */
} ls_format;

typedef struct ls_write_options {
    ls_format format;
    /* NULL = the default columns: after CSV input, the header of the first
     * CSV input read, then linkedin_lead_persona unless the header has that
     * column (its cells are then replaced in place), so that an export
     * comes back column for column; else linkedin_lead_persona, full_name,
     * job_title, company_name, location, linkedin_url, sales_id.  A
     * name starting with @ is a column leadsieve computes
     * (ls_computed_field_names): "@level" is the lead's seniority level,
     * its labels separated by "; " (empty: none); "@title", "@title_field",
     * "@norm": the title matched, the field it came from, its normalized
     * form; "@persona", "@function", "@seniority": the persona assigned,
     * its function keyword that hit and seniority entry that passed (as
     * the request writes them; empty when none, or the list is empty);
     * another @ name makes ls_run_write return LS_E_USAGE.  A name holding
     * '.' or '[' that no member of a lead is named as is a path into its
     * nested values: "company.name", "jobs[0].job_title". */
    const char *const *csv_fields;
    size_t csv_field_count;
    int csv_raw;                   /* 1 = do not neutralise formula-like cells */
} ls_write_options;
LS_API void ls_write_options_init(ls_write_options *opt);

/* For each of the n names, how many of the leads the run returns (after
 * ls_run_finish, limit_by applied) have a top-level member of that name,
 * whatever its value, or for a name holding '.' or '[' that no member has,
 * a value where that path leads (company.name, jobs[0].job_title): a CSV
 * column that no lead has is empty throughout. */
LS_API ls_status ls_run_count_fields(ls_run *run, const char *const *names, size_t n,
                                     uint64_t *counts);

/* For each of ls_run_options.watch_fields, whether some lead read (any
 * lead object, duplicates included) has it, as ls_run_count_fields finds
 * fields: found[i] 1 or 0; LS_E_USAGE when none were given. */
LS_API ls_status ls_run_fields_read(const ls_run *run, int *found);

/* The field names the leads the run returns have (after ls_run_finish), as
 * --fields takes them, each once in the order first met: after CSV input
 * the first CSV input's header columns first; then each lead's top-level
 * member names and, one level down, "name.member" for an object member and
 * "name[0].member" for the first element of an array of objects; at most
 * max of them (0: 10,000).  For a "did you mean" on a name no lead has.
 * *names is one block holding the strings too, NULL-terminated (release
 * with ls_free); *n their number. */
LS_API ls_status ls_run_field_names(ls_run *run, size_t max, char ***names, size_t *n);

/* The CSV columns leadsieve computes rather than reads from the lead,
 * each named with a leading @: "@level" (the lead's seniority level: its
 * seniority value's, else the one its title implies, see
 * ls_level_of_title), "@title", "@title_field", "@norm", "@persona",
 * "@function", "@seniority" (ls_write_options.csv_fields).  Static
 * storage; *count (may be NULL) gets their number. */
LS_API const char *const *ls_computed_field_names(size_t *count);

/* Writes the result to out (after ls_run_finish).  LS_E_IO on write
 * errors, LS_E_USAGE for an unknown @ column. */
LS_API ls_status ls_run_write(ls_run *run, const ls_write_options *opt, FILE *out);

/* ------------------------------------------------------------------------
 * Seniority levels (addendum §2 "Seniority levels")
 *
 * The ten Sales Navigator labels, level i = bit i of a level mask:
 * 0 "In Training", 1 "Entry Level", 2 "Senior", 3 "Strategic",
 * 4 "Entry Level Manager", 5 "Experienced Manager", 6 "Director",
 * 7 "Vice President", 8 "CXO", 9 "Owner / Partner".
 * ------------------------------------------------------------------------ */

LS_API size_t ls_level_count(void);
/* The label of level i; NULL past the end. */
LS_API const char *ls_level_name(size_t level);
/* The levels a seniorities entry or a lead's seniority value names: a
 * label, a documented request value (owner partner founder -> Owner /
 * Partner, c_suite -> CXO, vp -> Vice President, head -> Director and Vice
 * President, director, manager -> both manager levels, senior, entry,
 * intern -> In Training) or a lead-side alias (C-Suite), compared
 * ASCII-case-insensitively after trimming ASCII whitespace.  0: no level
 * (an unknown value, or a NULL value with len > 0). */
LS_API unsigned ls_level_mask_of_value(const char *value, size_t len);
/* The level a title implies (for a lead without a seniority value): on
 * norm(title), the first rule that applies: a token founder, owner or
 * partner -> Owner / Partner; the title passes the seniority entry "Chief"
 * or "C-lvl" (contract §2), or has the token president without vp -> CXO;
 * vp -> Vice President; head or director -> Director; manager ->
 * Experienced Manager; senior, lead or principal -> Senior; intern,
 * trainee, apprentice or student -> In Training; else Entry Level.  An
 * approximation of the API's data.  *level gets the index (-1 on error);
 * LS_E_USAGE for a NULL nz or level or a NULL title with len > 0,
 * LS_E_NOMEM. */
LS_API ls_status ls_level_of_title(ls_normalizer *nz, const char *title, size_t len,
                                   int *level);

#ifdef __cplusplus
}
#endif

#endif /* LEADSIEVE_H */
