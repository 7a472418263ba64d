/* score (public API: <leadsieve/tools.h>): the parts only the library uses. */
#ifndef LS_TUNING_SCORE_H
#define LS_TUNING_SCORE_H
#include <cjson/cJSON.h>
#include "leadsieve.h"
#include "leadsieve/tools.h"
#include "tuning/walk.h"

/* The label a table (ls_score_load_labels, ls_score_load_labels_path)
 * gives the lead key key[0..len): a persona index or LS_LABEL_NONE, else
 * LS_LABEL_ABSENT (also for a score labeled by a field). */
int ls_score_label_of(const ls_score *s, const char *key, size_t len);
/* The request the score was made for. */
const ls_request *ls_score_request(const ls_score *s);

/* The result as a JSON document to be emitted at indent (its misses are
 * laid out for it); NULL when memory runs out. */
cJSON *ls_score_report(const ls_score_result *r, int indent);

/* Told of every scored lead once its label and verdict are known (suggest
 * learns from them): label is a persona index, LS_LABEL_NONE or
 * LS_LABEL_OTHER; norm is norm(title), NULL when a filter dropped the
 * lead.  Another status than LS_OK ends the walk with it. */
typedef ls_status (*ls_score_observe_fn)(void *user, const ls_lead *lead, const char *key,
                                         size_t key_len, int label, const ls_verdict *v,
                                         const char *norm, size_t norm_len);
void ls_score_set_observer(ls_score *s, ls_score_observe_fn fn, void *user);

#endif
