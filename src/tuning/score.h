/* score (public API: <leadsieve/tools.h>): the parts only the library uses. */
#ifndef LS_TUNING_SCORE_H
#define LS_TUNING_SCORE_H
#include <cjson/cJSON.h>
#include "leadsieve.h"
#include "leadsieve/tools.h"
#include "tuning/walk.h"

/* The result as a JSON document; NULL when memory runs out. */
cJSON *ls_score_report(const ls_score_result *r);

/* Told of every scored lead once its label and verdict are known (suggest
 * learns from them): label is a persona index, LS_LABEL_NONE or
 * LS_LABEL_OTHER; norm is norm(title), NULL when a filter dropped the
 * lead.  Another status than LS_OK ends the walk with it. */
typedef ls_status (*ls_score_observe_fn)(void *user, const ls_lead *lead, const char *key,
                                         size_t key_len, int label, const ls_verdict *v,
                                         const char *norm, size_t norm_len);
void ls_score_set_observer(ls_score *s, ls_score_observe_fn fn, void *user);

#endif
