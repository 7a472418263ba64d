/* One edit: the request compiled, run over the kept leads with the
 * session's threads (each lead's verdict kept for the table), compared
 * lead by lead with the baseline the way `leadsieve diff` compares two
 * requests, and published as the session's latest results. */
#include <stdlib.h>
#include <string.h>
#include "session.h"

/* The baseline run records each lead's key for the table (keys do not
 * depend on the request), in lead order. */
int ls_srv_keep_key(ls_srv *s, uint64_t i, const char *key, size_t len)
{
    if (i >= s->n)
        return -1;
    s->has_key[i] = key != NULL;
    s->key_off[i] = s->keys.len;
    return ls_buf_append(&s->keys, key ? key : "", key ? len : 0) == 0 &&
                   ls_buf_putc(&s->keys, '\0') == 0
               ? 0
               : -1;
}

static ls_srv_eval *eval_new(size_t n)
{
    ls_srv_eval *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    atomic_init(&e->refs, 1);
    pthread_mutex_init(&e->lazy_mu, NULL);
    size_t slots = n ? n : 1;
    e->persona = malloc(slots * sizeof *e->persona);
    e->outcome = malloc(slots);
    e->filter = malloc(slots);
    e->change = calloc(slots, 1);
    if (!e->persona || !e->outcome || !e->filter || !e->change) {
        ls_srv_eval_unref(e);
        return NULL;
    }
    return e;
}

void ls_srv_eval_unref(ls_srv_eval *e)
{
    if (!e || atomic_fetch_sub(&e->refs, 1) != 1)
        return;
    free(e->text);
    ls_request_free(e->req);
    free(e->persona);
    free(e->outcome);
    free(e->filter);
    free(e->change);
    free(e->filter_names);
    free(e->filter_dropped);
    free(e->persona_matched);
    ls_free(e->score_json);
    free(e->score_error);
    ls_free(e->lint_json);
    pthread_mutex_destroy(&e->lazy_mu);
    free(e);
}

typedef struct run_ctx {
    ls_srv *s;
    ls_srv_eval *e;
    int keys;   /* record each lead's key (the baseline run) */
    int failed;
} run_ctx;

static void on_lead(void *user, const ls_lead_result *r)
{
    run_ctx *c = user;
    ls_srv_eval *e = c->e;
    if (r->index >= c->s->n) {
        c->failed = 1;
        return;
    }
    size_t i = (size_t)r->index;
    e->persona[i] = r->verdict.persona;
    e->filter[i] = (uint8_t)(r->verdict.filter_id >= 0 ? r->verdict.filter_id + 1 : 0);
    e->outcome[i] = r->duplicate ? LS_SRV_DUPLICATE
                    : r->verdict.outcome == LS_MATCHED ? LS_SRV_MATCHED
                    : r->verdict.outcome == LS_DROPPED_BY_FILTER ? LS_SRV_FILTERED
                                                                 : LS_SRV_NO_PERSONA;
    if (c->keys && ls_srv_keep_key(c->s, r->index, r->key, r->key_len) != 0)
        c->failed = 1;
}

/* Runs e->req over the leads into e; LS_E_CANCELLED when a newer edit
 * cancelled it. */
static ls_status run_eval(ls_srv *s, ls_srv_eval *e, int keys)
{
    run_ctx c = {s, e, keys, 0};
    ls_run_options o;
    ls_run_options_init(&o);
    o.threads = s->cfg.threads;
    o.on_lead = on_lead;
    o.lead_user = &c;
    ls_run *run = NULL;
    ls_status st = ls_run_new(e->req, &o, &run);
    if (st != LS_OK)
        return st;
    pthread_mutex_lock(&s->mu);
    s->running = run;
    if (e->gen && e->gen != s->latest) /* a newer edit came in meanwhile */
        ls_run_cancel(run);
    pthread_mutex_unlock(&s->mu);
    double t0 = ls_srv_now_ms();
    st = ls_run_add_leads(run, s->leads);
    if (st == LS_OK)
        st = ls_run_finish(run);
    e->run_ms = ls_srv_now_ms() - t0;
    pthread_mutex_lock(&s->mu);
    s->running = NULL;
    pthread_mutex_unlock(&s->mu);
    if (st == LS_OK && c.failed)
        st = LS_E_NOMEM;
    if (st == LS_OK) {
        e->stats = *ls_run_get_stats(run);
        e->nfilters = ls_run_filter_count(run);
        size_t np = ls_request_persona_count(e->req);
        e->filter_names = calloc(e->nfilters ? e->nfilters : 1, sizeof *e->filter_names);
        e->filter_dropped = calloc(e->nfilters ? e->nfilters : 1, sizeof *e->filter_dropped);
        e->persona_matched = calloc(np ? np : 1, sizeof *e->persona_matched);
        if (!e->filter_names || !e->filter_dropped || !e->persona_matched)
            st = LS_E_NOMEM;
        for (size_t i = 0; st == LS_OK && i < e->nfilters; i++) {
            e->filter_names[i] = ls_run_filter_name(run, i);
            e->filter_dropped[i] = ls_run_filter_dropped(run, i);
        }
        for (size_t i = 0; st == LS_OK && i < np; i++)
            e->persona_matched[i] = ls_run_persona_matched(run, i);
    }
    ls_run_free(run);
    return st;
}

typedef struct named {
    const char *name;
    int side;  /* 0: the edit's persona, 1: the baseline's */
    size_t index;
} named;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const named *)a)->name, ((const named *)b)->name);
}

/* Each persona of both requests numbered by its name, so that personas
 * are compared by name, as diff compares them: ids[0] the edit's, ids[1]
 * the baseline's. */
static int name_ids(const ls_request *a, const ls_request *b, size_t *ids[2])
{
    size_t na = ls_request_persona_count(a), nb = ls_request_persona_count(b);
    named *all = malloc((na + nb + 1) * sizeof *all);
    ids[0] = malloc((na + 1) * sizeof *ids[0]);
    ids[1] = malloc((nb + 1) * sizeof *ids[1]);
    if (!all || !ids[0] || !ids[1]) {
        free(all);
        return -1;
    }
    for (size_t i = 0; i < na; i++)
        all[i] = (named){ls_request_persona_name(a, i), 0, i};
    for (size_t i = 0; i < nb; i++)
        all[na + i] = (named){ls_request_persona_name(b, i), 1, i};
    qsort(all, na + nb, sizeof *all, by_name);
    size_t id = 0;
    for (size_t i = 0; i < na + nb; i++) {
        if (i && strcmp(all[i].name, all[i - 1].name) != 0)
            id++;
        ids[all[i].side][all[i].index] = id;
    }
    free(all);
    return 0;
}

/* Gained, lost, reassigned, unchanged and neither (diff's groups; a
 * duplicate is not compared: the same leads are duplicates in both). */
static int compare(ls_srv_eval *e, const ls_srv_eval *base, size_t n)
{
    size_t *ids[2] = {NULL, NULL};
    if (name_ids(e->req, base->req, ids) != 0) {
        free(ids[0]);
        free(ids[1]);
        return -1;
    }
    memset(e->diff, 0, sizeof e->diff);
    e->neither = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = LS_SRV_SAME;
        int now = e->outcome[i] == LS_SRV_MATCHED, was = base->outcome[i] == LS_SRV_MATCHED;
        if (e->outcome[i] == LS_SRV_DUPLICATE) {
            e->change[i] = c;
            continue;
        }
        if (now && !was)
            c = LS_SRV_GAINED;
        else if (was && !now)
            c = LS_SRV_LOST;
        else if (now) {
            int a = e->persona[i], b = base->persona[i];
            int same = a < 0 || b < 0 ? a == b : ids[0][a] == ids[1][b];
            c = same ? LS_SRV_SAME : LS_SRV_REASSIGNED;
        } else {
            e->neither++;
        }
        if (now || was)
            e->diff[c]++;
        e->change[i] = c;
    }
    free(ids[0]);
    free(ids[1]);
    return 0;
}

ls_status ls_srv_run_baseline(ls_srv *s, ls_srv_eval **out)
{
    *out = NULL;
    ls_srv_eval *e = eval_new(s->n);
    if (!e)
        return LS_E_NOMEM;
    e->text = malloc(s->cfg.request_len + 1);
    ls_problems *errs = NULL;
    ls_status st = e->text ? ls_request_compile(s->cfg.request_text, s->cfg.request_len,
                                                &s->cfg.copt, &e->req, &errs)
                           : LS_E_NOMEM;
    ls_problems_free(errs);
    if (st == LS_OK) {
        memcpy(e->text, s->cfg.request_text, s->cfg.request_len);
        e->text[s->cfg.request_len] = '\0';
        e->len = s->cfg.request_len;
        double t0 = ls_srv_now_ms();
        st = run_eval(s, e, 1);
        if (st == LS_OK && compare(e, e, s->n) != 0)
            st = LS_E_NOMEM;
        e->total_ms = ls_srv_now_ms() - t0;
    }
    if (st != LS_OK) {
        ls_srv_eval_unref(e);
        return st;
    }
    *out = e;
    return LS_OK;
}

ls_srv_edit ls_srv_evaluate(ls_srv *s, const char *text, size_t len, uint64_t *gen,
                            ls_srv_eval **out, ls_problems **problems, ls_status *status)
{
    double t0 = ls_srv_now_ms();
    *out = NULL;
    *problems = NULL;
    *status = LS_OK;
    pthread_mutex_lock(&s->mu);
    *gen = ++s->latest;
    if (s->running) /* the older edit's run is of no use now */
        ls_run_cancel(s->running);
    pthread_mutex_unlock(&s->mu);

    ls_request *req = NULL;
    ls_status st = ls_request_compile(text, len, &s->cfg.copt, &req, problems);
    if (st == LS_E_INVALID_REQUEST)
        return LS_SRV_EDIT_INVALID;
    ls_problems_free(*problems);
    *problems = NULL;
    ls_srv_eval *e = st == LS_OK ? eval_new(s->n) : NULL;
    if (!e || !(e->text = malloc(len + 1))) {
        ls_request_free(req);
        ls_srv_eval_unref(e);
        *status = st == LS_OK ? LS_E_NOMEM : st;
        return LS_SRV_EDIT_FAILED;
    }
    memcpy(e->text, text, len);
    e->text[len] = '\0';
    e->len = len;
    e->req = req;
    e->gen = *gen;

    pthread_mutex_lock(&s->run_mu);
    st = run_eval(s, e, 0);
    pthread_mutex_unlock(&s->run_mu);
    if (st == LS_OK && compare(e, s->base, s->n) != 0)
        st = LS_E_NOMEM;
    if (st != LS_OK) {
        ls_srv_eval_unref(e);
        if (st == LS_E_CANCELLED)
            return LS_SRV_EDIT_SUPERSEDED;
        *status = st;
        return LS_SRV_EDIT_FAILED;
    }
    e->total_ms = ls_srv_now_ms() - t0;
    pthread_mutex_lock(&s->mu);
    int newest = e->gen > s->current->gen;
    if (newest) {
        ls_srv_eval_unref(s->current);
        atomic_fetch_add(&e->refs, 1);
        s->current = e;
    }
    pthread_mutex_unlock(&s->mu);
    if (!newest) { /* a newer edit finished first */
        ls_srv_eval_unref(e);
        return LS_SRV_EDIT_SUPERSEDED;
    }
    *out = e;
    return LS_SRV_EDIT_DONE;
}
