/* The page's proposals from `leadsieve suggest` (ls_persona_suggest, the
 * public API): the edits chosen greedily on the labeled leads, proposal k
 * being the request with edits 1..k, so that its gain is what applying it
 * gives.  A request or labels that suggest cannot work with give no
 * proposal and a note saying why, not an error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "leadsieve/tools.h"
#include "serve.h"

static char *note_only(const char *note)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddArrayToObject(o, "proposals");
    cJSON_AddStringToObject(o, "note", note);
    char *json = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return json;
}

static double f1(const ls_edit_metrics *m)
{
    return ls_score_ratio_value(m->f1);
}

static void edit_title(char *buf, size_t n, const ls_persona_edit *e)
{
    static const char *const verbs[LS_EDIT__KINDS] = {"add function", "add seniority",
                                                      "add prohibit", "drop prohibit",
                                                      "add function"};
    int w = snprintf(buf, n, "%s: %s \"%s\"", e->persona_name, verbs[e->kind], e->keyword);
    if (w > 0 && (size_t)w < n && e->seniority)
        w += snprintf(buf + w, n - (size_t)w, " and seniority \"%s\"", e->seniority);
    if (w > 0 && (size_t)w < n && e->source == LS_EDIT_FROM_EQUIVALENTS)
        snprintf(buf + w, n - (size_t)w, " (an equivalent)");
}

/* Proposal k (1-based): edits 1..k applied to the request's text. */
static ls_status proposal(ls_persona_suggest *ps, const ls_srv_suggest_in *in,
                          const ls_persona_suggest_result *r, size_t k, cJSON *list)
{
    char *text = NULL;
    size_t len = 0;
    ls_status st = ls_persona_suggest_apply(ps, in->text, in->len, k, &text, &len);
    if (st != LS_OK)
        return st;
    const ls_persona_edit *e = &r->edits[k - 1];
    char title[512], detail[512];
    edit_title(title, sizeof title, e);
    double before = f1(&r->base), after = f1(&e->after);
    double cv = f1(&e->cv_after) - f1(&r->cv_base);
    int w = k > 1 ? snprintf(detail, sizeof detail, "with the %zu above: ", k - 1) : 0;
    snprintf(detail + w, sizeof detail - (size_t)w,
             "micro F1 %.3f → %.3f (%+.3f) on %llu labeled leads; puts %llu title(s) right, "
             "%llu wrong; kept by %zu of %zu folds (cross-validated %+.3f)",
             before, after, after - before, (unsigned long long)r->chosen_on,
             (unsigned long long)e->titles_fixed, (unsigned long long)e->titles_broken,
             e->cv_kept, r->folds, cv);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "title", title);
    cJSON_AddStringToObject(o, "detail", detail);
    char *req = malloc(len + 1);
    if (req) {
        memcpy(req, text, len);
        req[len] = '\0';
        cJSON_AddStringToObject(o, "request", req);
        free(req);
    }
    ls_free(text);
    cJSON_AddNumberToObject(o, "edits", (double)k);
    cJSON_AddStringToObject(o, "kind", ls_edit_kind_id(e->kind));
    cJSON_AddStringToObject(o, "persona", e->persona_name);
    cJSON_AddStringToObject(o, "keyword", e->keyword);
    cJSON_AddNumberToObject(o, "f1_before", before);
    cJSON_AddNumberToObject(o, "f1_after", after);
    cJSON_AddNumberToObject(o, "gain", after - before);
    cJSON_AddNumberToObject(o, "cv_gain", cv);
    cJSON_AddNumberToObject(o, "titles_fixed", (double)e->titles_fixed);
    cJSON_AddNumberToObject(o, "titles_broken", (double)e->titles_broken);
    cJSON_AddItemToArray(list, o);
    return req ? LS_OK : LS_E_NOMEM;
}

static ls_status report(ls_persona_suggest *ps, const ls_srv_suggest_in *in,
                        const ls_persona_suggest_result *r, char **json)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "labeled", (double)r->chosen_on);
    cJSON_AddNumberToObject(o, "f1", f1(&r->base));
    cJSON_AddNumberToObject(o, "candidates", (double)r->candidates);
    cJSON *list = cJSON_AddArrayToObject(o, "proposals");
    ls_status st = LS_OK;
    for (size_t k = 1; st == LS_OK && k <= r->nedits; k++) {
        if (in->stop && in->stop(in->stop_user))
            st = LS_E_CANCELLED;
        else
            st = proposal(ps, in, r, k, list);
    }
    if (st == LS_OK && !r->nedits)
        cJSON_AddStringToObject(o, "note", "no edit raises F1 on the labeled leads");
    *json = st == LS_OK ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    return st == LS_OK && !*json ? LS_E_NOMEM : st;
}

ls_status ls_srv_suggest_personas(void *user, const ls_srv_suggest_in *in, char **json)
{
    (void)user;
    *json = NULL;
    ls_persona_suggest_options o;
    ls_persona_suggest_options_init(&o);
    o.label_field = in->label_field;
    o.max_edits = LS_SRV_PROPOSALS;
    o.stop = in->stop;
    o.stop_user = in->stop_user;
    ls_persona_suggest *ps = NULL;
    ls_status st = ls_persona_suggest_new(in->req, &o, &ps);
    if (st == LS_E_USAGE) {
        *json = note_only("the request has no personas: nothing to suggest");
        return *json ? LS_OK : LS_E_NOMEM;
    }
    if (st == LS_OK && in->labels_text) {
        ls_problems *errs = NULL;
        st = ls_persona_suggest_load_labels(ps, in->labels_name, in->labels_text, in->labels_len,
                                            &errs);
        if (st == LS_E_USAGE || st == LS_E_INVALID_REQUEST) {
            char note[512];
            ls_problem p = ls_problems_count(errs) ? ls_problems_get(errs, 0)
                                                   : (ls_problem){0};
            snprintf(note, sizeof note, "the labels do not fit this request%s%s",
                     p.hint ? ": " : "", p.hint ? p.hint : "");
            ls_problems_free(errs);
            ls_persona_suggest_free(ps);
            *json = note_only(note);
            return *json ? LS_OK : LS_E_NOMEM;
        }
        ls_problems_free(errs);
    }
    if (st == LS_OK)
        st = ls_persona_suggest_add_leads(ps, in->leads);
    const ls_persona_suggest_result *r = NULL;
    if (st == LS_OK)
        st = ls_persona_suggest_finish(ps, &r);
    if (st == LS_OK)
        st = report(ps, in, r, json);
    ls_persona_suggest_free(ps);
    return st;
}
