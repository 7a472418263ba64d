/* Internal matcher interface used by the run driver and the tuning tools. */
#ifndef LS_MATCHER_H
#define LS_MATCHER_H
#include "leadsieve.h"
#include "json/json.h"

/* Request-level filters in the order they are applied (contract §3).  A
 * verdict's filter pointer is always one of these strings. */
enum { LS_FILTER__COUNT = 13 };
extern const char *const ls_filter_names[LS_FILTER__COUNT];
/* Index of a verdict's filter in ls_filter_names, -1 for NULL. */
int ls_filter_index(const char *filter);

/* Matches an already scanned lead (no re-parsing).  Thread-safety: like
 * every ls_matcher call, one matcher per thread. */
ls_status ls_matcher_match_scanned(ls_matcher *m, const ls_lead *lead, ls_verdict *out);

/* Whether the request has a filter with this index (given and non-empty). */
int ls_request_has_filter(const ls_request *req, int filter_index);

#endif
