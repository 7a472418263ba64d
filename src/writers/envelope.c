/* The API's error envelope (contract §6) for a request's problems. */
#include <cjson/cJSON.h>
#include "writers/jsonout.h"

ls_status ls_problems_envelope(const ls_problems *errors, int indent, char **json, size_t *len)
{
    if (!errors || !json)
        return LS_E_USAGE;
    cJSON *doc = cJSON_CreateObject();
    cJSON *detail = NULL;
    if (doc && cJSON_AddStringToObject(doc, "status", "error") &&
        cJSON_AddNumberToObject(doc, "status_code", 400))
        detail = cJSON_AddObjectToObject(doc, "detail");
    for (size_t i = 0; detail && i < ls_problems_count(errors); i++) {
        ls_problem p = ls_problems_get(errors, i);
        if (!cJSON_AddStringToObject(detail, p.path, p.hint))
            detail = NULL;
    }
    if (!detail) {
        cJSON_Delete(doc);
        doc = NULL;
    }
    return ls_json_document(doc, indent, json, len);
}
