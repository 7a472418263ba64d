/* What the other modules read of a compiled request beyond the public
 * accessors of leadsieve.h: its filters. */
#ifndef LS_REQUEST_REQUEST_H
#define LS_REQUEST_REQUEST_H
#include <stddef.h>
#include "leadsieve.h"
#include "request/filters.h"

/* Whether the request applies this filter (given and non-empty). */
int ls_request_has_filter(const ls_request *req, int filter_id);

#endif
