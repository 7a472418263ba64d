/* The page's API (api.h): each endpoint reads the session and answers
 * JSON.  Every lead-derived string goes out as a JSON string, which the
 * page puts on screen as text. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "api.h"
#include "background.h"
#include "leadsieve/tools.h"
#include "page.h"
#include "session.h"
#include "table.h"

enum { PAGE_MAX = 500 }; /* rows of the table in one answer */

static void reply_json(ls_srv_reply *out, unsigned status, cJSON *doc)
{
    out->status = status;
    out->type = "application/json; charset=utf-8";
    out->body = doc ? cJSON_PrintUnformatted(doc) : NULL;
    cJSON_Delete(doc);
    if (!out->body) {
        out->status = 500;
        out->body = strdup("{\"error\": \"out of memory\"}");
    }
    out->len = out->body ? strlen(out->body) : 0;
}

static void reply_error(ls_srv_reply *out, unsigned status, const char *message)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "error", message);
    reply_json(out, status, o);
}

void ls_srv_reply_free(ls_srv_reply *r)
{
    free(r->body);
    r->body = NULL;
}

static void add_raw(cJSON *o, const char *name, const char *raw)
{
    if (raw)
        cJSON_AddRawToObject(o, name, raw);
    else
        cJSON_AddNullToObject(o, name);
}

/* An unsigned decimal argument; def when absent, -1 when malformed. */
static int arg_size(const ls_srv_call *c, const char *name, size_t def, size_t *out)
{
    const char *v = c->arg ? c->arg(c->arg_user, name) : NULL;
    if (!v || !*v) {
        *out = def;
        return 0;
    }
    if (*v < '0' || *v > '9')
        return -1;
    errno = 0;
    char *end;
    unsigned long long n = strtoull(v, &end, 10);
    if (*end || errno || n > SIZE_MAX)
        return -1;
    *out = (size_t)n;
    return 0;
}

static const char *arg(const ls_srv_call *c, const char *name)
{
    return c->arg ? c->arg(c->arg_user, name) : NULL;
}

/* The request's warnings: lint without the leads (immediate). */
static char *quick_lint(const ls_request *req)
{
    ls_lint *l = NULL;
    char *json = NULL;
    if (ls_lint_new(req, NULL, &l) == LS_OK && ls_lint_finish(l) == LS_OK)
        ls_lint_report_json(l, 0, &json, NULL);
    ls_lint_free(l);
    return json;
}

static cJSON *funnel(const ls_srv_eval *e)
{
    const ls_run_stats *st = &e->stats;
    cJSON *f = cJSON_CreateObject();
    cJSON_AddNumberToObject(f, "read", (double)st->leads_read);
    cJSON_AddNumberToObject(f, "duplicates", (double)st->duplicates);
    cJSON *filters = cJSON_AddArrayToObject(f, "filters");
    for (size_t i = 0; i < e->nfilters; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", e->filter_names[i]);
        cJSON_AddNumberToObject(o, "dropped", (double)e->filter_dropped[i]);
        cJSON_AddItemToArray(filters, o);
    }
    cJSON_AddNumberToObject(f, "no_persona", (double)st->no_persona);
    cJSON_AddNumberToObject(f, "matched", (double)st->matched);
    cJSON *personas = cJSON_AddArrayToObject(f, "personas");
    for (size_t i = 0, n = ls_request_persona_count(e->req); i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", ls_request_persona_name(e->req, i));
        cJSON_AddStringToObject(o, "priority", ls_request_persona_priority(e->req, i));
        cJSON_AddNumberToObject(o, "matched", (double)e->persona_matched[i]);
        cJSON_AddItemToArray(personas, o);
    }
    cJSON_AddNumberToObject(f, "not_evaluated", (double)st->not_evaluated);
    cJSON_AddNumberToObject(f, "offset", (double)st->offset);
    cJSON_AddNumberToObject(f, "returned", (double)st->returned);
    long limit = ls_request_limit(e->req);
    if (limit >= 0)
        cJSON_AddNumberToObject(f, "limit", (double)limit);
    else
        cJSON_AddNullToObject(f, "limit");
    cJSON_AddBoolToObject(f, "limit_reached", st->limit_reached != 0);
    return f;
}

/* An edit's results: what the page redraws after each change. */
static cJSON *results(const ls_srv_eval *e)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "gen", (double)e->gen);
    cJSON_AddBoolToObject(o, "valid", 1);
    cJSON_AddStringToObject(o, "api", ls_request_api_of(e->req) == LS_REQUEST_API_V1 ? "v1"
                                                                                     : "by_icp");
    cJSON_AddItemToObject(o, "funnel", funnel(e));
    cJSON *d = cJSON_AddObjectToObject(o, "diff");
    cJSON_AddNumberToObject(d, "gained", (double)e->diff[LS_SRV_GAINED]);
    cJSON_AddNumberToObject(d, "lost", (double)e->diff[LS_SRV_LOST]);
    cJSON_AddNumberToObject(d, "reassigned", (double)e->diff[LS_SRV_REASSIGNED]);
    cJSON_AddNumberToObject(d, "unchanged", (double)e->diff[LS_SRV_SAME]);
    cJSON_AddNumberToObject(d, "neither", (double)e->neither);
    cJSON *ms = cJSON_AddObjectToObject(o, "ms");
    cJSON_AddNumberToObject(ms, "run", e->run_ms);
    cJSON_AddNumberToObject(ms, "total", e->total_ms);
    char *lint = quick_lint(e->req);
    add_raw(o, "lint", lint);
    ls_free(lint);
    return o;
}

static void session(ls_srv *s, ls_srv_reply *out)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "version", ls_version());
    cJSON_AddStringToObject(o, "request_name", s->cfg.request_name ? s->cfg.request_name : "");
    cJSON_AddStringToObject(o, "request", s->cfg.request_text);
    cJSON_AddStringToObject(o, "save_path", s->cfg.save_path ? s->cfg.save_path : "");
    cJSON_AddBoolToObject(o, "can_save", s->cfg.save != NULL);
    cJSON_AddNumberToObject(o, "leads", (double)s->n);
    cJSON *in = cJSON_AddArrayToObject(o, "inputs");
    for (size_t i = 0; i < s->cfg.ninputs; i++)
        cJSON_AddItemToArray(in, cJSON_CreateString(s->cfg.inputs[i]));
    const ls_run_stats *st = &s->base->stats;
    cJSON *rd = cJSON_AddObjectToObject(o, "reading");
    cJSON_AddNumberToObject(rd, "files_read", (double)st->files_read);
    cJSON_AddNumberToObject(rd, "files_failed", (double)st->files_failed);
    cJSON_AddNumberToObject(rd, "malformed", (double)st->malformed);
    cJSON_AddNumberToObject(rd, "not_objects", (double)st->not_objects);
    cJSON_AddNumberToObject(rd, "not_leads", (double)st->not_leads);
    if (s->cfg.labels_name)
        cJSON_AddStringToObject(o, "labels", s->cfg.labels_name);
    else if (s->cfg.label_field)
        cJSON_AddStringToObject(o, "labels", s->cfg.label_field);
    else
        cJSON_AddNullToObject(o, "labels");
    cJSON_AddBoolToObject(o, "suggest", s->cfg.suggest != NULL);
    cJSON_AddNumberToObject(o, "threads", s->cfg.threads > 1 ? s->cfg.threads : 1);
    cJSON_AddNumberToObject(o, "start_ms", s->start_ms);
    /* which lint codes are notes (what is not done offline), not warnings */
    cJSON *rules = cJSON_AddArrayToObject(o, "lint_rules");
    for (size_t i = 0; i < ls_lint_rule_count(); i++) {
        const ls_lint_rule *r = ls_lint_rule_at(i);
        cJSON *ro = cJSON_CreateObject();
        cJSON_AddStringToObject(ro, "code", r->code);
        cJSON_AddBoolToObject(ro, "note", r->note != 0);
        cJSON_AddItemToArray(rules, ro);
    }
    cJSON_AddItemToObject(o, "base", results(s->base));
    reply_json(out, 200, o);
}

static cJSON *problems_array(const ls_problems *p)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < ls_problems_count(p); i++) {
        ls_problem pr = ls_problems_get(p, i);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "path", pr.path);
        cJSON_AddStringToObject(o, "hint", pr.hint);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

/* The table's view from show, q, offset and limit; -1 when malformed. */
static int view_args(const ls_srv_call *c, ls_srv_view *v)
{
    *v = (ls_srv_view){arg(c, "show"), arg(c, "q"), 0, 50};
    return arg_size(c, "offset", 0, &v->offset) != 0 ||
                   arg_size(c, "limit", 50, &v->limit) != 0 || v->limit > PAGE_MAX
               ? -1
               : 0;
}

static void evaluate(ls_srv *s, const ls_srv_call *c, ls_srv_reply *out)
{
    uint64_t gen;
    ls_srv_eval *e = NULL;
    ls_problems *problems = NULL;
    ls_status st;
    ls_srv_view v;
    int has_view = arg(c, "show") != NULL;
    if (has_view && view_args(c, &v) != 0) {
        reply_error(out, 400, "offset and limit must be numbers, limit at most 500");
        return;
    }
    if (s->bg) /* the older edit's proposals are of no use now, and would slow this run */
        ls_srv_bg_supersede(s->bg);
    ls_srv_edit r = ls_srv_evaluate(s, c->body ? c->body : "", c->body_len, &gen, &e, &problems,
                                    &st);
    cJSON *o = NULL;
    switch (r) {
    case LS_SRV_EDIT_DONE:
        o = results(e);
        if (has_view) {
            /* the page of the table the page shows, in the same answer:
             * one round trip less between a keystroke and the table */
            int bad = 0;
            cJSON *t = ls_srv_table(s, e, &v, &bad);
            if (t)
                cJSON_AddItemToObject(o, "table", t);
        }
        ls_srv_eval_unref(e);
        reply_json(out, 200, o);
        return;
    case LS_SRV_EDIT_INVALID:
        o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "gen", (double)gen);
        cJSON_AddBoolToObject(o, "valid", 0);
        cJSON_AddItemToObject(o, "problems", problems_array(problems));
        ls_problems_free(problems);
        reply_json(out, 200, o);
        return;
    case LS_SRV_EDIT_SUPERSEDED:
        o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "gen", (double)gen);
        cJSON_AddBoolToObject(o, "superseded", 1);
        reply_json(out, 409, o);
        return;
    case LS_SRV_EDIT_FAILED:
        break;
    }
    reply_error(out, 500, ls_status_message(st));
}

/* The edit a gen argument names, or an answer saying it is gone. */
static ls_srv_eval *eval_arg(ls_srv *s, const ls_srv_call *c, ls_srv_reply *out)
{
    size_t gen;
    if (arg_size(c, "gen", 0, &gen) != 0) {
        reply_error(out, 400, "gen must be a number");
        return NULL;
    }
    ls_srv_eval *e = ls_srv_eval_of(s, gen);
    if (!e) {
        ls_srv_eval *cur = ls_srv_current(s);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "error", "a newer edit replaced these results");
        cJSON_AddNumberToObject(o, "gen", (double)cur->gen);
        ls_srv_eval_unref(cur);
        reply_json(out, 409, o);
    }
    return e;
}

static void leads(ls_srv *s, const ls_srv_call *c, ls_srv_reply *out)
{
    ls_srv_view v;
    if (view_args(c, &v) != 0) {
        reply_error(out, 400, "offset and limit must be numbers, limit at most 500");
        return;
    }
    ls_srv_eval *e = eval_arg(s, c, out);
    if (!e)
        return;
    int bad;
    cJSON *t = ls_srv_table(s, e, &v, &bad);
    ls_srv_eval_unref(e);
    if (bad)
        reply_error(out, 400, "show names no view of the table");
    else
        reply_json(out, 200, t);
}

enum { OBJECT_SHOWN = 64 << 10 }; /* bytes of a lead object shown with its record */

static void lead(ls_srv *s, const ls_srv_call *c, ls_srv_reply *out)
{
    size_t i;
    if (arg_size(c, "i", SIZE_MAX, &i) != 0 || i >= s->n) {
        reply_error(out, 400, "i must be the number of a lead");
        return;
    }
    ls_srv_eval *e = eval_arg(s, c, out);
    if (!e)
        return;
    char *rec = NULL;
    ls_status st = ls_srv_explain(s, e, i, &rec);
    if (st != LS_OK) {
        ls_srv_eval_unref(e);
        reply_error(out, 500, ls_status_message(st));
        return;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "gen", (double)e->gen);
    cJSON_AddNumberToObject(o, "i", (double)i);
    cJSON_AddStringToObject(o, "outcome", ls_srv_outcome_name(e->outcome[i]));
    cJSON_AddStringToObject(o, "was_outcome", ls_srv_outcome_name(s->base->outcome[i]));
    int32_t was = s->base->persona[i];
    if (s->base->outcome[i] == LS_SRV_MATCHED && was >= 0)
        cJSON_AddStringToObject(o, "was", ls_request_persona_name(s->base->req, (size_t)was));
    else
        cJSON_AddNullToObject(o, "was");
    add_raw(o, "explain", rec);
    ls_free(rec);
    size_t len;
    const char *obj = ls_leads_get(s->leads, i, &len);
    char *shown = obj ? malloc((len < OBJECT_SHOWN ? len : OBJECT_SHOWN) + 1) : NULL;
    if (shown) {
        size_t n = len < OBJECT_SHOWN ? len : OBJECT_SHOWN;
        memcpy(shown, obj, n);
        shown[n] = '\0';
        cJSON_AddStringToObject(o, "object", shown);
        cJSON_AddBoolToObject(o, "object_cut", n < len);
        free(shown);
    }
    ls_srv_eval_unref(e);
    reply_json(out, 200, o);
}

static void insights(ls_srv *s, const ls_srv_call *c, ls_srv_reply *out)
{
    ls_srv_eval *e = eval_arg(s, c, out);
    if (!e)
        return;
    pthread_mutex_lock(&s->mu);
    int running = s->running != NULL; /* a newer edit's run: these results go */
    uint64_t latest = s->latest;
    pthread_mutex_unlock(&s->mu);
    pthread_mutex_lock(&e->lazy_mu);
    int done = e->lazy_done;
    pthread_mutex_unlock(&e->lazy_mu);
    if (running && !done) {
        /* two passes over the leads for results about to be replaced: not
         * now, they would only slow the newer edit's run */
        ls_srv_eval_unref(e);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "error", "a newer edit is being evaluated");
        cJSON_AddNumberToObject(o, "gen", (double)latest);
        reply_json(out, 409, o);
        return;
    }
    ls_status st = ls_srv_insights(s, e);
    if (st != LS_OK) {
        ls_srv_eval_unref(e);
        reply_error(out, 500, ls_status_message(st));
        return;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "gen", (double)e->gen);
    add_raw(o, "score", e->score_json);
    add_raw(o, "score_problems", e->score_error);
    add_raw(o, "lint", e->lint_json);
    ls_srv_eval_unref(e);
    reply_json(out, 200, o);
}

static void save(ls_srv *s, const ls_srv_call *c, ls_srv_reply *out)
{
    if (!s->cfg.save) {
        reply_error(out, 403, "this session has no save target");
        return;
    }
    /* only a request that compiles is written: a file the next run can use */
    ls_request *req = NULL;
    ls_problems *problems = NULL;
    ls_status st = ls_request_compile(c->body ? c->body : "", c->body_len, &s->cfg.copt, &req,
                                      &problems);
    ls_request_free(req);
    if (st != LS_OK) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "error", "the request is invalid: not saved");
        cJSON_AddItemToObject(o, "problems", problems_array(problems));
        ls_problems_free(problems);
        reply_json(out, 400, o);
        return;
    }
    char why[512] = "";
    if (s->cfg.save(s->cfg.save_user, c->body, c->body_len, why, sizeof why) != 0) {
        reply_error(out, 500, why[0] ? why : "the request could not be saved");
        return;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "saved", s->cfg.save_path ? s->cfg.save_path : "");
    cJSON_AddNumberToObject(o, "bytes", (double)c->body_len);
    reply_json(out, 200, o);
}

/* The proposals for an edit: worked out on the proposals' thread (202
 * "computing" until then: the page asks again), kept by request text. */
static void suggest(ls_srv *s, const ls_srv_call *c, ls_srv_reply *out)
{
    if (!s->bg) {
        reply_error(out, 404, "suggestions need labels: start serve with --labels FILE or "
                              "--label-field NAME");
        return;
    }
    ls_srv_eval *e = eval_arg(s, c, out);
    if (!e)
        return;
    uint64_t gen = e->gen;
    char *json = NULL;
    ls_status st;
    ls_srv_bg_state r = ls_srv_bg_get(s->bg, e, &json, &st);
    ls_srv_eval_unref(e);
    cJSON *doc = NULL;
    if (r == LS_SRV_BG_DONE && !(doc = cJSON_Parse(json))) {
        r = LS_SRV_BG_FAILED;
        st = LS_E_INTERNAL;
    }
    free(json);
    if (!doc)
        doc = cJSON_CreateObject();
    cJSON_DeleteItemFromObjectCaseSensitive(doc, "gen");
    cJSON_DeleteItemFromObjectCaseSensitive(doc, "state");
    cJSON_AddNumberToObject(doc, "gen", (double)gen);
    static const char *const states[] = {"done", "computing", "failed"};
    cJSON_AddStringToObject(doc, "state", states[r]);
    if (r == LS_SRV_BG_FAILED)
        cJSON_AddStringToObject(doc, "error", ls_status_message(st));
    reply_json(out, r == LS_SRV_BG_DONE ? 200 : r == LS_SRV_BG_COMPUTING ? 202 : 500, doc);
}

static void asset(const char *name, ls_srv_reply *out)
{
    if (!*name)
        name = "index.html";
    for (size_t i = 0; i < ls_srv_asset_count; i++)
        if (strcmp(name, ls_srv_assets[i].name) == 0) {
            out->status = 200;
            out->type = ls_srv_assets[i].type;
            out->static_body = ls_srv_assets[i].data;
            out->len = ls_srv_assets[i].len;
            return;
        }
    reply_error(out, 404, "no such page");
}

typedef struct endpoint {
    const char *path;
    const char *method;
    void (*fn)(ls_srv *s, const ls_srv_call *c, ls_srv_reply *out);
} endpoint;

static void session_ep(ls_srv *s, const ls_srv_call *c, ls_srv_reply *out)
{
    (void)c;
    session(s, out);
}

static const endpoint endpoints[] = {
    {"api/session", "GET", session_ep},   {"api/evaluate", "POST", evaluate},
    {"api/leads", "GET", leads},          {"api/lead", "GET", lead},
    {"api/insights", "GET", insights},    {"api/save", "POST", save},
    {"api/suggest", "GET", suggest},
};

void ls_srv_handle(ls_srv *s, const ls_srv_call *c, ls_srv_reply *out)
{
    memset(out, 0, sizeof *out);
    if (c->body_len > LS_SRV_MAX_BODY) {
        reply_error(out, 413, "the request body is too large");
        return;
    }
    const char *path = c->path ? c->path : "";
    if (strncmp(path, "api/", 4) != 0) {
        if (strcmp(c->method, "GET") != 0 && strcmp(c->method, "HEAD") != 0)
            reply_error(out, 405, "the page is read with GET");
        else
            asset(path, out);
        return;
    }
    for (size_t i = 0; i < sizeof endpoints / sizeof *endpoints; i++) {
        if (strcmp(path, endpoints[i].path) != 0)
            continue;
        if (strcmp(c->method, endpoints[i].method) != 0) {
            reply_error(out, 405, strcmp(endpoints[i].method, "GET") == 0
                                      ? "this endpoint is read with GET"
                                      : "this endpoint takes a POST");
            return;
        }
        endpoints[i].fn(s, c, out);
        return;
    }
    reply_error(out, 404, "no such endpoint");
}
