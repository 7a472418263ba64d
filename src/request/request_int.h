/* The compiled form of a by_icp request, shared by the request compiler and
 * the matcher.  Everything here is written once by ls_request_compile and
 * only read afterwards, so one ls_request serves any number of threads. */
#ifndef LS_REQUEST_INT_H
#define LS_REQUEST_INT_H
#include <stddef.h>
#include <stdint.h>
#include "leadsieve.h"
#include "core/core.h"
#include "json/json.h"
#include "request/arena.h"
#include "request/strset.h"
#include "request/patterns.h"

/* One seniority alternative: tokens (bit indices into the token table)
 * that must all be in the title. */
typedef struct ls_alt {
    const char *text;   /* the alternative as written (expansion or entry) */
    uint32_t *bits;
    uint32_t nbits;
} ls_alt;

typedef struct ls_seniority {
    const char *raw;    /* the request entry */
    ls_alt *alts;
    uint32_t nalts;
} ls_seniority;

typedef struct ls_function {
    const char *raw;    /* the request keyword */
    char *padded;       /* " norm(f) " so that words mode is one memmem */
    size_t padded_len;
} ls_function;

typedef struct ls_prohibit {
    const char *raw;
    uint32_t *bits;     /* every token of norm(p) that some title could hold */
    const char **toks;  /* the token text of each bit (for explain) */
    uint32_t nbits;
} ls_prohibit;

typedef struct ls_persona {
    const char *name;
    size_t name_len;
    const char *priority;  /* integer lexeme as written, "0" by default */
    size_t rank;           /* among distinct priorities, 0 = highest */
    ls_function *fns;
    size_t nfns;
    ls_seniority *sens;
    size_t nsens;
    ls_prohibit *pros;
    size_t npros;
} ls_persona;

/* Location entry: its comma parts, each normalized. */
typedef struct ls_location {
    const char **parts;
    size_t *part_lens;
    size_t nparts;
} ls_location;

typedef enum ls_link_kind { LS_LINK_ID = 1, LS_LINK_SLUG = 2 } ls_link_kind;

/* A phrase matched as whole tokens: " norm(entry) ", one memmem in
 * " norm(text) ". */
typedef struct ls_phrase {
    const char *raw;
    const char *padded;
    size_t padded_len;
} ls_phrase;

/* What a v1 request adds to the by_icp form.  Lists that are absent, null
 * or [] are not applied, as for by_icp. */
typedef struct ls_v1_request {
    ls_request_api api;        /* BY_ICP or V1 */
    ls_search_mode mode;
    long offset;               /* offset_by, 0 when not given */
    int strict_locations, strict_company_locations;
    ls_location *exclude_locations, *exclude_company_locations;
    size_t nexclude_locations, nexclude_company_locations;
    ls_strset company_industries, exclude_company_industries; /* ASCII-lowercased */
    ls_strset exclude_lead_industries;                          /* ASCII-lowercased */
    unsigned exclude_headcounts;                                /* bits as headcounts */
    ls_strset company_types;                                    /* ASCII-lowercased */
    ls_strset first_names, last_names;                          /* name keys */
    ls_phrase *job_titles, *past_job_titles, *keywords;
    size_t njob_titles, npast_job_titles, nkeywords;
    unsigned seniority_levels;  /* bit i: level i (request/level.h) */
    ls_strset past_company_ids, exclude_past_company_ids, exclude_current_company_ids;
    unsigned years_experience;  /* bit i: bucket id i (1..5) */
    int has_conn_min, has_conn_max;
    unsigned long long conn_min, conn_max;
} ls_v1_request;

struct ls_request {
    ls_arena arena;
    ls_match_mode mode;
    int as_of_y, as_of_m, as_of_d;

    ls_persona *personas;
    size_t npersonas;
    size_t *order;      /* persona indices by (rank, index): first match wins */
    ls_strset tokens;   /* seniority and prohibit tokens -> bit index */

    long limit;         /* -1: none */

    /* filters; a list that is absent, null or [] is not applied */
    ls_strset exclude_names;   /* name keys */
    ls_strset exclude_ids;     /* exact */
    int empty_vars[4];         /* ls_field values */
    size_t nempty_vars;
    ls_location *locations, *company_locations;
    size_t nlocations, ncompany_locations;
    unsigned headcounts;       /* bit i: ls_headcount_values[i] wanted */
    ls_strset industries;      /* ASCII-lowercased */
    ls_strset past_companies;  /* norm */
    unsigned years_position;   /* bit i set: bucket id i (1..5) wanted */
    unsigned years_company;
    const char *company_id;    /* digits as text, NULL when not given */
    size_t company_id_len;
    ls_link_kind link_kind;    /* 0 when company_link not given */
    const char *link_value;    /* digits, or the ASCII-lowercased slug */
    size_t link_value_len;
    const char *company_name;  /* norm, NULL when not given */
    size_t company_name_len;
    uint64_t has_filter;       /* bit i: ls_filter_names[i] applies */

    ls_v1_request v1;          /* the v1 reading's own fields (addendum §2) */

    ls_patterns pat;           /* compiled once, read-only afterwards */

    ls_problems *warnings;
    int *warning_rules;        /* by warning: its ls_lint_rule_id, -1 = implied by its path */
    size_t warning_rules_cap;
    const char **not_evaluated;
    size_t nnot_evaluated;
};

int ls_is_blank(const char *p, size_t len);

/* Seniority expansions (§2), recognized on the entry ASCII-lowercased and
 * trimmed.  Returns the alternatives (NULL-terminated) or NULL. */
const char *const *ls_seniority_expansion(const char *entry, size_t len);

/* Every validation problem of the request root into errs (contract §6).
 * Returns 0, or -1 when memory runs out. */
int ls_request_validate(const ls_jnode *root, ls_normalizer *nz, const ls_patterns *pat,
                        pcre2_match_data *md, ls_problems *errs);

/* A JSON integer written as -?[0-9]+ (not 1.0, not 1e3, not true). */
int ls_node_is_integer(const ls_jnode *n);
/* Compares two integer lexemes by value, any size: <0, 0, >0. */
int ls_int_lexeme_cmp(const char *a, size_t alen, const char *b, size_t blen);
/* A field present and not null. */
const ls_jnode *ls_given(const ls_jnode *root, const char *key);

extern const char *const ls_not_evaluated_fields[7];
extern const char *const ls_filter_empty_allowed[4];
#define LS_HEADCOUNT_BUCKETS 8
extern const char *const ls_headcount_values[LS_HEADCOUNT_BUCKETS];
/* The bucket (index into ls_headcount_values) that a lead's
 * company_headcount_range falls in (§3), or -1: a string in the API's or
 * LinkedIn's forms or of digits (commas ignored), or a JSON number lexeme
 * that is a positive integer. */
int ls_headcount_bucket_of_text(const char *s, size_t len);
int ls_headcount_bucket_of_number(const char *lexeme, size_t len);

#endif
