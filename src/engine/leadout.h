/* The bytes a returned lead is written as: the input object unchanged
 * except linkedin_lead_persona (contract §5). */
#ifndef LS_ENGINE_LEADOUT_H
#define LS_ENGINE_LEADOUT_H
#include "core/core.h"
#include "json/json.h"

/* Appends lead to out with every top-level "linkedin_lead_persona" value
 * replaced by name_json (a JSON string, quotes included), or, when the key
 * is absent, the member appended last.  name_json NULL = the lead as it is.
 * 0 or -1 (no memory). */
int ls_lead_output(ls_buf *out, const ls_lead *lead, const char *name_json,
                   size_t name_json_len);

#endif
