/* What an edit's results are asked for besides the counts: the score on
 * the labels and the lint warnings that need the leads (each worked out
 * once per edit, when the page first asks), and one lead's explain
 * record. */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "leadsieve/tools.h"
#include "session.h"

/* Problems as a JSON array [{"path", "hint"}], or NULL. */
static char *problems_json(const ls_problems *p, const char *path, const char *hint)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && p && i < ls_problems_count(p); i++) {
        ls_problem pr = ls_problems_get(p, i);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "path", pr.path);
        cJSON_AddStringToObject(o, "hint", pr.hint);
        cJSON_AddItemToArray(a, o);
    }
    if (a && !p) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "path", path);
        cJSON_AddStringToObject(o, "hint", hint);
        cJSON_AddItemToArray(a, o);
    }
    char *text = a ? cJSON_PrintUnformatted(a) : NULL;
    cJSON_Delete(a);
    return text;
}

static ls_status score(ls_srv *s, ls_srv_eval *e)
{
    ls_score_options o;
    ls_score_options_init(&o);
    o.label_field = s->cfg.label_field;
    ls_score *sc = NULL;
    ls_status st = ls_score_new(e->req, &o, &sc);
    if (st == LS_E_USAGE) { /* no persona: nothing to score */
        e->score_error = problems_json(NULL, "personas", "the request has no personas to score");
        return e->score_error ? LS_OK : LS_E_NOMEM;
    }
    if (st == LS_OK && s->cfg.labels_text) {
        ls_problems *errs = NULL;
        st = ls_score_load_labels(sc, s->cfg.labels_name ? s->cfg.labels_name : "labels",
                                  s->cfg.labels_text, s->cfg.labels_len, &errs);
        if (st == LS_E_USAGE) { /* labels naming no persona of the edit */
            e->score_error = problems_json(errs, NULL, NULL);
            st = e->score_error ? LS_OK : LS_E_NOMEM;
            ls_problems_free(errs);
            ls_score_free(sc);
            return st;
        }
        ls_problems_free(errs);
    }
    if (st == LS_OK)
        st = ls_score_add_leads(sc, s->leads);
    const ls_score_result *r = NULL;
    if (st == LS_OK)
        st = ls_score_finish(sc, &r);
    if (st == LS_OK)
        st = ls_score_report_json(r, 0, &e->score_json, NULL);
    ls_score_free(sc);
    return st;
}

static ls_status lint(ls_srv *s, ls_srv_eval *e)
{
    ls_lint *l = NULL;
    ls_status st = ls_lint_new(e->req, NULL, &l);
    if (st == LS_OK)
        st = ls_lint_add_leads(l, s->leads);
    if (st == LS_OK)
        st = ls_lint_finish(l);
    if (st == LS_OK)
        st = ls_lint_report_json(l, 0, &e->lint_json, NULL);
    ls_lint_free(l);
    return st;
}

ls_status ls_srv_insights(ls_srv *s, ls_srv_eval *e)
{
    pthread_mutex_lock(&e->lazy_mu);
    ls_status st = LS_OK;
    if (!e->lazy_done) {
        if (s->cfg.labels_text || s->cfg.label_field)
            st = score(s, e);
        if (st == LS_OK)
            st = lint(s, e);
        e->lazy_done = st == LS_OK;
    }
    pthread_mutex_unlock(&e->lazy_mu);
    return st;
}

typedef struct one {
    const ls_explain *ex;
    char *json;
    ls_status st;
} one;

static int keep_json(void *user, const ls_explain_record *rec)
{
    one *o = user;
    o->st = ls_explain_record_json(o->ex, rec, &o->json, NULL);
    return 1;
}

ls_status ls_srv_explain(ls_srv *s, const ls_srv_eval *e, size_t i, char **json)
{
    *json = NULL;
    if (i >= s->n)
        return LS_E_USAGE;
    one o = {NULL, NULL, LS_E_INTERNAL};
    ls_explain *ex = NULL;
    ls_status st = ls_explain_new(e->req, NULL, keep_json, &o, &ex);
    if (st == LS_OK) {
        o.ex = ex;
        st = ls_explain_add_leads(ex, s->leads, i, 1);
    }
    ls_explain_free(ex);
    if (st == LS_OK)
        st = o.st;
    if (st == LS_OK)
        *json = o.json;
    else
        ls_free(o.json);
    return st;
}
