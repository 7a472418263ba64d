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
    size_t njobs;
    int jobs_loaded;

    int trace;
    ls_persona_trace *traces;

    ls_memo title_memo;    /* title -> persona, with norm(title) attached */
    ls_memo loc_memo[2];   /* location, company_location -> kept */
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

/* Request filters (§3) in their fixed order: -1 when the lead passes, else
 * the ls_filter_id of the first filter that drops it. */
int ls_m_filters(ls_matcher *m, const ls_lead *lead);

/* Persona matching (§2) on a title; returns the persona index or -1.
 * -2 when memory runs out. */
int ls_m_personas(ls_matcher *m, const char *title, size_t len);

#endif
