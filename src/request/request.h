/* What the other modules read of a compiled request beyond the public
 * accessors of leadsieve.h: its filters. */
#ifndef LS_REQUEST_REQUEST_H
#define LS_REQUEST_REQUEST_H
#include <stddef.h>
#include "leadsieve.h"
#include "request/filters.h"

/* Whether the request applies this filter (given and non-empty). */
int ls_request_has_filter(const ls_request *req, int filter_id);

/* The lint rule (ls_lint_rule_id) of the request's warning i, or -1 when
 * its path implies it (unknown field, field not evaluated, keyword UTF-8). */
int ls_request_warning_rule(const ls_request *req, size_t i);

#endif
