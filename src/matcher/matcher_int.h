/* Per-thread matcher state: every scratch buffer a lead needs, so that the
 * hot path allocates nothing once warm. */
#ifndef LS_MATCHER_INT_H
#define LS_MATCHER_INT_H
#include "core/core.h"
#include "matcher/matcher.h"
#include "matcher/memo.h"
#include "request/request_int.h"

struct ls_matcher {
    const ls_request *req;
    ls_normalizer *nz;
    pcre2_match_data *md;

    uint64_t *title_bits;  /* bit per interned token present in the title */
    size_t nwords;
    ls_buf touched;        /* uint32 bit indices set for this title, to clear */
    ls_buf title;          /* " norm(title) " */
    int title_field;

    ls_buf dec[3];         /* decoded JSON strings that must coexist */
    ls_buf parts;          /* normalized location parts, back to back */
    ls_buf part_spans;     /* size_t (offset, length) pairs into parts */
    ls_buf v1name;         /* a v1 lead's first_name + " " + last_name (ls_lead_read) */
    ls_v1_cache v1;        /* the lead's company members, read once per lead */
    ls_buf jobs;           /* the lead's jobs[] object entries, read once per lead */
    ls_buf v1text;         /* " norm(text) " of a v1 phrase filter */
    size_t njobs;
    int jobs_loaded;

    int trace;
    ls_persona_trace *traces;

    ls_memo title_memo;    /* title -> persona, with norm(title) attached */
    ls_memo loc_memo[4];   /* location, company_location, and their v1 excludes -> matches */
    unsigned lead_flags;   /* LS_LEAD_NOT_EVALUATED when a filter kept the lead unread */
    ls_memo link_memo;     /* company URL -> whether it names the requested company */
    ls_js_shapes *shapes;  /* ls_match_lead's scanner memory; NULL: none */
    char error[128];       /* why the last ls_match_lead text was malformed */
    size_t error_offset;
};

/* A lead string value, escapes decoded into scratch when needed.  Returns 1
 * with the text, 0 when v is not a string. */
int ls_m_string(ls_matcher *m, const ls_jval *v, int slot, const char **p, size_t *len);
/* A non-blank string (contract: blank = ASCII whitespace only). */
int ls_m_nonblank(ls_matcher *m, const ls_jval *v, int slot, const char **p, size_t *len);

/* A jobs[] entry: the members the filters read (ls_job_field), type
 * LS_J_NONE when absent; the last occurrence wins, as for the lead. */
typedef struct ls_job {
    ls_jval f[LS_JF__COUNT];
} ls_job;

/* The value a filter reads for a by_icp field: its own, else a v1 lead's
 * counterpart (addendum §1).  Valid until the next read of full_name. */
const ls_jval *ls_m_read(ls_matcher *m, const ls_lead *lead, ls_field f, ls_jval *tmp);
/* The lead's jobs[] (else work_history[]) object entries, read once per lead. */
const ls_job *ls_m_jobs(ls_matcher *m, const ls_lead *lead, size_t *count);
/* §7: current unless job_still_working is false or job_ended_on is set. */
int ls_m_job_is_current(ls_matcher *m, const ls_job *j);
/* An id as text: a JSON integer by its digits (-0 is 0), a string as is. */
int ls_m_id_text(ls_matcher *m, const ls_jval *v, int slot, const char **p, size_t *len);
/* Whether a location value matches one of the entries (§3: the trailing
 * comma parts; strict: all of them), remembered per text in memo. */
int ls_m_location_matches(ls_matcher *m, const ls_jval *v, const ls_location *locs,
                          size_t nlocs, int strict, ls_memo *memo);
/* The headcount bucket of the lead's company (§3), or -1. */
int ls_m_headcount_bucket(ls_matcher *m, const ls_lead *lead);
typedef struct ymd {
    int y, m, d;
} ymd;
int ls_m_parse_date(ls_matcher *m, const ls_jval *v, ymd *out);
int ls_m_date_before(const ymd *a, const ymd *b);
/* Bucket id 1..5 of the completed years from start to the as-of day. */
int ls_m_years_bucket(const ls_request *req, const ymd *start);
/* The v1 filters (addendum §2), after the by_icp ones. */
int ls_m_filters_v1(ls_matcher *m, const ls_lead *lead);

/* Request filters (§3) in their fixed order: -1 when the lead passes, else
 * the ls_filter_id of the first filter that drops it. */
int ls_m_filters(ls_matcher *m, const ls_lead *lead);

/* Persona matching (§2) on a title; returns the persona index or -1.
 * -2 when memory runs out. */
int ls_m_personas(ls_matcher *m, const char *title, size_t len);

#endif
