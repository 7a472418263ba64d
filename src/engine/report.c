/* The --report document: every figure of a run, named. */
#include "engine/engine.h"
#include "writers/jsonout.h"
#include "matcher/matcher.h"

static const char *kind_name(ls_diag_kind k)
{
    switch (k) {
    case LS_DIAG_MALFORMED: return "malformed";
    case LS_DIAG_NOT_OBJECT: return "not_object";
    case LS_DIAG_LIMIT: return "over_limit";
    case LS_DIAG_IO: return "unreadable";
    case LS_DIAG_EMPTY: return "empty";
    case LS_DIAG_NOTE: return "note";
    case LS_DIAG_NOT_LEADS: return "not_leads";
    case LS_DIAG_FILE_SKIPPED: return "file_skipped";
    }
    return "note";
}

static int add_count(cJSON *obj, const char *key, uint64_t v)
{
    return cJSON_AddNumberToObject(obj, key, (double)v) != NULL;
}

static cJSON *notes(const ls_run *run, ls_run_log log)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *list = cJSON_AddArrayToObject(o, "first");
    if (!o || !list || !add_count(o, "count", ls_run_log_total(run, log))) {
        cJSON_Delete(o);
        return NULL;
    }
    for (size_t i = 0; i < ls_run_log_kept(run, log); i++) {
        const ls_run_note *n = ls_run_log_get(run, log, i);
        cJSON *e = cJSON_CreateObject();
        cJSON_AddItemToArray(list, e);
        if (!e || !cJSON_AddStringToObject(e, "kind", kind_name(n->kind)) ||
            !cJSON_AddStringToObject(e, "file", n->file) ||
            (n->line && !add_count(e, "line", n->line)) || !add_count(e, "offset", n->offset) ||
            !cJSON_AddStringToObject(e, "message", n->message)) {
            cJSON_Delete(o);
            return NULL;
        }
    }
    return o;
}

static int add_request_part(cJSON *root, const ls_request *req)
{
    cJSON *ne = cJSON_AddArrayToObject(root, "not_evaluated");
    cJSON *warn = cJSON_AddObjectToObject(root, "request_warnings");
    if (!ne || !warn)
        return 0;
    for (size_t i = 0; i < ls_request_not_evaluated_count(req); i++) {
        cJSON *s = cJSON_CreateString(ls_request_not_evaluated(req, i));
        if (!s)
            return 0;
        cJSON_AddItemToArray(ne, s);
    }
    const ls_problems *w = ls_request_warnings(req);
    for (size_t i = 0; i < ls_problems_count(w); i++) {
        ls_problem p = ls_problems_get(w, i);
        if (!cJSON_AddStringToObject(warn, p.path, p.hint))
            return 0;
    }
    return 1;
}

cJSON *ls_run_report(const ls_run *run)
{
    const ls_run_stats *s = ls_run_get_stats(run);
    const ls_request *req = ls_run_request(run);
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    cJSON *files = cJSON_AddObjectToObject(root, "files");
    int ok = files && add_count(files, "read", s->files_read) &&
             add_count(files, "failed", s->files_failed) &&
             add_count(files, "skipped", s->files_skipped);
    cJSON *inputs = ok ? notes(run, LS_LOG_INPUTS) : NULL;
    ok = inputs != NULL;
    if (ok)
        cJSON_AddItemToObject(files, "problems", inputs);
    ok = ok && add_count(root, "leads_read", s->leads_read) &&
         add_count(root, "malformed", s->malformed) &&
         add_count(root, "not_objects", s->not_objects) &&
         add_count(root, "not_leads", s->not_leads);
    cJSON *skipped = ok ? notes(run, LS_LOG_SKIPPED) : NULL;
    ok = skipped != NULL;
    if (ok)
        cJSON_AddItemToObject(root, "skipped", skipped);
    ok = ok && add_count(root, "duplicates", s->duplicates) &&
         add_count(root, "invalid_utf8_leads", s->invalid_utf8_leads);

    cJSON *drops = ok ? cJSON_AddObjectToObject(root, "dropped_by_filter") : NULL;
    ok = drops != NULL;
    for (size_t i = 0; ok && i < ls_run_filter_count(run); i++) {
        uint64_t n = ls_run_filter_dropped(run, i);
        /* Every filter the request applies, and any other that dropped leads. */
        if (n || ls_request_has_filter(req, (int)i))
            ok = add_count(drops, ls_run_filter_name(run, i), n);
    }
    ok = ok && add_count(root, "no_persona", s->no_persona) &&
         add_count(root, "matched", s->matched);
    cJSON *per = ok ? cJSON_AddArrayToObject(root, "matched_by_persona") : NULL;
    ok = per != NULL;
    for (size_t i = 0; ok && i < ls_request_persona_count(req); i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddItemToArray(per, e);
        ok = e && cJSON_AddStringToObject(e, "persona", ls_request_persona_name(req, i)) &&
             cJSON_AddRawToObject(e, "priority", ls_request_persona_priority(req, i)) &&
             add_count(e, "matched", ls_run_persona_matched(run, i));
    }
    long limit = ls_request_limit(req);
    if (ok && ls_request_api_of(req) == LS_REQUEST_API_V1)
        ok = add_count(root, "kept_not_evaluated", s->not_evaluated) &&
             add_count(root, "offset_by", (uint64_t)ls_request_offset(req)) &&
             add_count(root, "skipped_by_offset", s->offset);
    ok = ok && add_count(root, "returned", s->returned) &&
         (limit >= 0 ? add_count(root, "limit_by", (uint64_t)limit)
                     : cJSON_AddNullToObject(root, "limit_by") != NULL) &&
         cJSON_AddStringToObject(root, "results_count",
                                 s->limit_reached ? "limit reached" : "within limit") &&
         add_request_part(root, req);
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

ls_status ls_run_report_json(const ls_run *run, int indent, char **json, size_t *len)
{
    if (!run || !json)
        return LS_E_USAGE;
    return ls_json_own_document(ls_run_report(run), indent, json, len);
}
