/* diff (public API: <leadsieve/tools.h>): the parts only the library uses. */
#ifndef LS_TUNING_DIFF_H
#define LS_TUNING_DIFF_H
#include <cjson/cJSON.h>
#include "leadsieve.h"
#include "leadsieve/tools.h"
#include "tuning/walk.h"

/* The result as JSON; NULL when memory runs out. */
cJSON *ls_diff_report(const ls_diff *d, const ls_diff_result *r);

#endif
