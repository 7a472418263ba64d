/* explain (public API: <leadsieve/tools.h>): why each persona catches or misses a lead: leads are read the way a
 * filter run reads them (same inputs, duplicates and filters) and matched
 * with the trace on; one record per lead goes to a callback.
 *
 * Every persona is evaluated for every lead, also for duplicates and for
 * leads a request filter drops (the run never gets that far with them), so
 * that a record always says what each persona would do with the title.
 * `assigned` is what the run does: -1 for duplicates and dropped leads.
 * limit_by is not applied (it depends on the ranking of the whole input). */
#ifndef LS_TUNING_EXPLAIN_H
#define LS_TUNING_EXPLAIN_H
#include <stddef.h>
#include "leadsieve.h"
#include "leadsieve/tools.h"
#include "matcher/matcher.h"


/* The request an explain was made for. */
const ls_request *ls_explain_request(const ls_explain *ex);

#endif
