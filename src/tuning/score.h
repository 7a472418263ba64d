/* score (public API: <leadsieve/tools.h>): the parts only the library uses. */
#ifndef LS_TUNING_SCORE_H
#define LS_TUNING_SCORE_H
#include <cjson/cJSON.h>
#include "leadsieve.h"
#include "leadsieve/tools.h"
#include "tuning/walk.h"

/* The result as a JSON document; NULL when memory runs out. */
cJSON *ls_score_report(const ls_score_result *r);

#endif
