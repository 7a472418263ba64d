/* The vocabulary of v1 requests (addendum §2): LinkedIn's industry
 * taxonomy and its older names, the 26 Sales Navigator functions, the
 * seniority labels and documented values, US state abbreviations; and the
 * lint check that walks a v1 request for the values the live API accepts
 * and answers with nothing, or that leadsieve can only approximate.
 * Tables: request/vocab_table.h (generated from data/vocabulary/). */
#ifndef LS_REQUEST_VOCAB_H
#define LS_REQUEST_VOCAB_H
#include <stddef.h>
#include "json/json.h"

/* ---- lookups: s[0..len), ASCII case ignored unless said ---- */

/* The taxonomy's spelling of industry s, or NULL. */
const char *ls_vocab_industry(const char *s, size_t len);
/* The current name when s is one of LinkedIn's older (V1) industry names
 * ("Computer Software" -> "Software Development"), or NULL. */
const char *ls_vocab_industry_renamed(const char *s, size_t len);
/* An industry that s may mean: a hint ("fintech" -> "Financial Services",
 * ASCII whitespace around s ignored), else the closest spelling of an
 * industry, else the current name of the closest older name; or NULL. */
const char *ls_vocab_industry_suggest(const char *s, size_t len);

/* The Sales Navigator spelling of function s, or NULL. */
const char *ls_vocab_function(const char *s, size_t len);
/* A function that s may mean (hint, else closest spelling), or NULL. */
const char *ls_vocab_function_suggest(const char *s, size_t len);

typedef enum ls_vocab_seniority {
    LS_VOCAB_SENIORITY_CANONICAL = 0, /* a label (case ignored) or a documented
                                         snake_case value as documented */
    LS_VOCAB_SENIORITY_ALIAS,         /* another spelling the levels map */
    LS_VOCAB_SENIORITY_UNKNOWN        /* no level: matches no lead offline */
} ls_vocab_seniority;
/* What a seniorities entry is; *mask = its levels (ls_level_mask_of_value),
 * 0 when unknown. */
ls_vocab_seniority ls_vocab_seniority_kind(const char *s, size_t len, unsigned *mask);
/* The label or documented value closest in spelling to s, or NULL. */
const char *ls_vocab_seniority_suggest(const char *s, size_t len);
/* Label of level i (0-9), or NULL. */
const char *ls_vocab_level_label(unsigned i);

/* The state a USPS abbreviation names (exactly two letters, case ignored),
 * or NULL; *also_country: the code is an ISO country code too. */
const char *ls_vocab_us_state(const char *code, size_t len, int *also_country);

/* ---- the lint check ---- */

/* Receives one note: its lint rule (an ls_lint_rule_id of
 * leadsieve/tools.h), the JSON path of the request value it is about
 * ("company_industries[2]") and its message, valid UTF-8 without control
 * characters; both strings live only during the call.  Returns 0, or -1
 * to stop (memory ran out). */
typedef int (*ls_v1_note_fn)(void *user, int lint_rule, const char *path, const char *message);

/* Walks the v1 request root (an object; anything else has nothing to
 * check) and gives note every vocabulary warning, in field order:
 * industries outside the taxonomy or under an older name, seniorities that
 * are aliases or unknown, functions outside the 26, locations ending in a
 * US state abbreviation, and the notes that job_titles and inferred
 * seniorities are approximate.  Entries that are not strings are left to
 * validation.  Returns 0, or -1 when memory ran out or note returned
 * nonzero. */
int ls_v1_vocab_check(const ls_jnode *root, ls_v1_note_fn note, void *user);

#endif
