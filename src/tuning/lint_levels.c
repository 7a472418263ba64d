/* lint --leads: seniority values against title inference (lint_levels.h). */
#include "tuning/lint_levels.h"

void ls_level_tally_add(ls_level_tally *t, const ls_explain_record *rec)
{
    if (rec->duplicate || !rec->seniority_value)
        return;
    t->with_value++;
    if (!rec->seniority_levels)
        t->no_level++;
    unsigned inferred = rec->title_level >= 0 ? 1u << rec->title_level : 0;
    for (size_t i = 0; i < LS_LEVELS; i++)
        if (rec->seniority_levels >> i & 1u) {
            t->leads[i]++;
            t->agree[i] += (rec->seniority_levels & inferred) != 0;
        }
}

/* {"leads_with_seniority": N, "levels": [{"level", "leads", "title_agrees"}],
 * "no_level": N}: the levels some lead's value names, in level order. */
int ls_level_tally_json(const ls_level_tally *t, cJSON *doc)
{
    if (!t->with_value)
        return 0;
    cJSON *o = cJSON_CreateObject();
    cJSON *levels = NULL;
    int bad = !o || !cJSON_AddNumberToObject(o, "leads_with_seniority", (double)t->with_value) ||
              !(levels = cJSON_AddArrayToObject(o, "levels"));
    for (size_t i = 0; !bad && i < LS_LEVELS; i++) {
        if (!t->leads[i])
            continue;
        cJSON *r = cJSON_CreateObject();
        bad = !r || !cJSON_AddStringToObject(r, "level", ls_level_name(i)) ||
              !cJSON_AddNumberToObject(r, "leads", (double)t->leads[i]) ||
              !cJSON_AddNumberToObject(r, "title_agrees", (double)t->agree[i]) ||
              !cJSON_AddItemToArray(levels, r);
        if (bad)
            cJSON_Delete(r);
    }
    if (bad || !cJSON_AddNumberToObject(o, "no_level", (double)t->no_level) ||
        !cJSON_AddItemToObject(doc, "seniority_agreement", o)) {
        cJSON_Delete(o);
        return -1;
    }
    return 0;
}
