/* Internal matcher interface used by the run driver and the tuning tools. */
#ifndef LS_MATCHER_H
#define LS_MATCHER_H
#include "leadsieve.h"
#include "json/json.h"
#include "leadsieve/tools.h"
#include "request/request.h"

/* Matches an already scanned lead (no re-parsing).  Thread-safety: like
 * every ls_matcher call, one matcher per thread. */
ls_status ls_matcher_match_scanned(ls_matcher *m, const ls_lead *lead, ls_verdict *out);

/* ---- explain support: why each persona matched or not ----
 * Off by default so that the hot path stays lean; when on, every persona is
 * evaluated fully (no early exit) and its decision is recorded. */

void ls_matcher_set_trace(ls_matcher *m, int on);
/* The decision for one persona in the last ls_match_* call that reached
 * persona matching with trace on; NULL otherwise. */
const ls_persona_trace *ls_matcher_trace(const ls_matcher *m, size_t persona);
/* The last lead's chosen title field (ls_field, -1 = none, so "") and
 * norm(title) (*len bytes, not NUL-terminated, owned by m, valid until the
 * next call; "" before any persona matching). */
int ls_matcher_title_field(const ls_matcher *m);
/* The lead's title as §2 chooses it (first non-blank of job_title,
 * raw_job_title, title, headline), decoded, whether or not a filter drops
 * the lead: "" when none.  Returns its ls_field, -1 for none.  *title is
 * valid until the next call on m. */
int ls_matcher_lead_title(ls_matcher *m, const ls_lead *lead, const char **title, size_t *len);
/* The lead field (ls_field) whose value made the filter filter_id (a
 * verdict's) drop the lead, or -1 when more than one field decides (jobs[]
 * entries). */
int ls_matcher_filter_field(ls_matcher *m, const ls_lead *lead, int filter_id);
/* What that field's filter read: the value into *out (type LS_J_NONE when
 * the lead has none) and its name, a v1 lead's counterpart when the by_icp
 * field was missing ("company.headcount"); NULL when jobs[] decide.  *out
 * is valid until the next call on m. */
const char *ls_matcher_filter_read(ls_matcher *m, const ls_lead *lead, int filter_id,
                                   ls_jval *out);
const char *ls_matcher_title_norm(const ls_matcher *m, size_t *len);

/* ---- seniority levels (addendum §2 "Seniority levels") ---- */

/* The lead's level mask (request/level.h): from its top-level `seniority`
 * member when that is present and not null or blank (a value that names
 * no level gives 0: nothing is inferred then), else the level its title
 * (ls_matcher_lead_title) implies.  *from_field (may be NULL): 1 from the
 * member, 0 inferred, -1 memory ran out (mask 0).  Uses the matcher's
 * decode scratch: a title or value from an earlier call on m is gone. */
unsigned ls_m_lead_level(ls_matcher *m, const ls_lead *lead, int *from_field);
/* The lead's `seniority` member when present and not null or blank: 1,
 * with its text (a string decoded, another value as written; valid until
 * the next call on m) and the levels it names (0: none); else 0. */
int ls_matcher_lead_seniority(ls_matcher *m, const ls_lead *lead, const char **text,
                              size_t *len, unsigned *mask);
/* The level index a title implies (norm() from the title memo when the
 * title was matched before); -1 when memory runs out. */
int ls_matcher_title_level(ls_matcher *m, const char *title, size_t len);

#endif
