/* lint --leads: how the leads' own seniority values agree with the level
 * their titles imply (addendum §2: the inference is an approximation;
 * this says how close it comes on the user's data). */
#ifndef LS_TUNING_LINT_LEVELS_H
#define LS_TUNING_LINT_LEVELS_H
#include <stdint.h>
#include <cjson/cJSON.h>
#include "leadsieve/tools.h"
#include "request/level.h"

typedef struct ls_level_tally {
    uint64_t with_value;        /* leads with a seniority value */
    uint64_t leads[LS_LEVELS];  /* ... that names level i */
    uint64_t agree[LS_LEVELS];  /* ... of which the title implies one the value names */
    uint64_t no_level;          /* ... that names no level */
} ls_level_tally;

/* Counts a record: every lead once (duplicates not), whether or not a
 * request filter drops it, as this is about the data. */
void ls_level_tally_add(ls_level_tally *t, const ls_explain_record *rec);
/* Adds "seniority_agreement" to doc when some lead had a value: 0, or -1
 * when memory runs out. */
int ls_level_tally_json(const ls_level_tally *t, cJSON *doc);

#endif
