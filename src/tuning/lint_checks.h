/* The warnings of `leadsieve lint`: rules of a valid request that may not
 * do what they read like.  Each warning has a stable code, the JSON path of
 * what it is about and a message.  Checks that need titles (inside-word
 * hits, personas that never win) run on leads when some are added.
 *
 * Rules (contract §2), in the order the checks run:
 *   unknown-field, not-evaluated, keyword-invalid-utf8: the request's own
 *       warnings (ls_request_warnings).
 *   keyword-duplicate: two keywords of one list equal after normalization
 *       (seniorities: the same alternatives); path = the later one.
 *   function-short (documented mode, no leads): norm(f) has at most 3
 *       characters, so it occurs inside many words.
 *   function-substring-trap (documented mode, no leads): norm(f) occurs
 *       inside a word of data/substring_traps.txt and is not that word.
 *   function-needs-equivalents: a function is a keyword of
 *       data/equivalents.tsv and no function of the persona covers any of
 *       its equivalents (g covers e when norm(g) is in norm(e), as a
 *       substring or, in words mode, as whole words).
 *   prohibit-multi-token: norm(p) has several tokens; each drops on its own.
 *   prohibit-overlaps-function: a token of a prohibit is a token of one of
 *       the persona's functions: titles holding that function as words are
 *       always dropped (words mode: the function can never match).
 *   prohibit-overlaps-seniority: a prohibit token is needed by some, not
 *       all, alternatives of a seniority entry: those alternatives never pass.
 *   seniority-unsatisfiable: every alternative of a seniority entry needs a
 *       token the same persona prohibits.  A title passing the entry holds
 *       all its tokens, so it is always dropped.  Nothing else can make an
 *       entry unsatisfiable: the title written as the entry holds them all.
 *   persona-never-matches: every seniority entry is unsatisfiable, or (words
 *       mode) every function holds a prohibited token.
 *   persona-shadowed: a persona ranked before P matches every title P
 *       matches: each P function contains one of its functions (or it has
 *       none), each P seniority alternative holds the tokens of one of its
 *       alternatives (or it has none), and its prohibit tokens are all P's.
 *   function-inside-word (leads, documented mode): titles where a function
 *       hit only inside a word, up to 5 with counts.
 *   persona-never-assigned (leads): P matched some leads, every one taken by
 *       a persona ranked before it.
 *   persona-no-match (leads): P matched none of the leads.
 * v1 requests (addendum §2) add industry-unknown, industry-renamed,
 * seniority-alias, seniority-unknown, function-unknown,
 * location-state-abbreviation and the notes job-titles-approximate and
 * seniority-inferred: ls_v1_vocab_check (request/vocab.h) finds them
 * while the request compiles, each under its rule.
 * Leads are read as a run reads them: duplicates and leads a request filter
 * drops are not persona-matched, so they are not counted. */
#ifndef LS_TUNING_LINT_CHECKS_H
#define LS_TUNING_LINT_CHECKS_H
#include <stddef.h>
#include "leadsieve.h"
#include "leadsieve/tools.h"

/* The compiled data tables (data/equivalents.tsv, data/substring_traps.txt). */
size_t ls_lint_equivalent_count(void);
void ls_lint_equivalent(size_t i, const char **keyword, const char **equivalent);
size_t ls_lint_trap_count(void);
const char *ls_lint_trap(size_t i);

#endif
