/* The session: the kept leads' titles and keys for the table, the
 * baseline run, and the results of the latest edit (session.h). */
#include <stdlib.h>
#include <string.h>
#include "leadsieve/tools.h"
#include "background.h"
#include "session.h"

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static char *dup_bytes(const char *p, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        if (n)
            memcpy(d, p, n);
        d[n] = '\0';
    }
    return d;
}

/* Appends a NUL-terminated string to a pool and records where it starts. */
static int pool_add(ls_buf *pool, size_t *off, size_t i, const char *p, size_t n)
{
    off[i] = pool->len;
    return ls_buf_append(pool, p, n) == 0 && ls_buf_putc(pool, '\0') == 0 ? 0 : -1;
}

typedef struct titles_ctx {
    ls_srv *s;
    size_t i;
    int failed;
} titles_ctx;

static int keep_title(void *user, const ls_explain_record *rec)
{
    titles_ctx *c = user;
    ls_srv *s = c->s;
    if (c->i >= s->n || pool_add(&s->titles, s->title_off, c->i, rec->title, rec->title_len) ||
        pool_add(&s->norms, s->norm_off, c->i, rec->title_norm, rec->title_norm_len)) {
        c->failed = 1;
        return 1;
    }
    c->i++;
    return 0;
}

/* Each lead's title and norm(title), read once through explain with a
 * request of no persona (the title a lead has does not depend on it). */
static int read_titles(ls_srv *s)
{
    static const char none[] = "{\"without_company\": true}";
    ls_request *req = NULL;
    ls_problems *errs = NULL;
    if (ls_request_compile(none, sizeof none - 1, NULL, &req, &errs) != LS_OK) {
        ls_problems_free(errs);
        return -1;
    }
    titles_ctx c = {s, 0, 0};
    ls_explain *ex = NULL;
    ls_status st = ls_explain_new(req, NULL, keep_title, &c, &ex);
    if (st == LS_OK)
        st = ls_explain_add_leads(ex, s->leads, 0, SIZE_MAX);
    ls_explain_free(ex);
    ls_request_free(req);
    if (st != LS_OK || c.failed || c.i != s->n)
        return -1;
    s->title_off[s->n] = s->titles.len;
    s->norm_off[s->n] = s->norms.len;
    return 0;
}

const char *ls_srv_title(const ls_srv *s, size_t i, size_t *len)
{
    if (len)
        *len = s->title_off[i + 1] - s->title_off[i] - 1;
    return s->titles.data + s->title_off[i];
}

const char *ls_srv_norm(const ls_srv *s, size_t i, size_t *len)
{
    if (len)
        *len = s->norm_off[i + 1] - s->norm_off[i] - 1;
    return s->norms.data + s->norm_off[i];
}

const char *ls_srv_key(const ls_srv *s, size_t i)
{
    return s->has_key[i] ? s->keys.data + s->key_off[i] : NULL;
}

static int copy_config(ls_srv *s, const ls_srv_config *cfg)
{
    s->cfg = *cfg;
    s->cfg.request_name = dup_or_null(cfg->request_name);
    s->cfg.request_text = dup_bytes(cfg->request_text, cfg->request_len);
    s->cfg.labels_name = dup_or_null(cfg->labels_name);
    s->cfg.labels_text = cfg->labels_text ? dup_bytes(cfg->labels_text, cfg->labels_len) : NULL;
    s->cfg.label_field = dup_or_null(cfg->label_field);
    s->cfg.save_path = dup_or_null(cfg->save_path);
    s->inputs = calloc(cfg->ninputs ? cfg->ninputs : 1, sizeof *s->inputs);
    if (!s->inputs || !s->cfg.request_text || (cfg->request_name && !s->cfg.request_name) ||
        (cfg->labels_name && !s->cfg.labels_name) ||
        (cfg->labels_text && !s->cfg.labels_text) ||
        (cfg->label_field && !s->cfg.label_field) || (cfg->save_path && !s->cfg.save_path))
        return -1;
    for (size_t i = 0; i < cfg->ninputs; i++)
        if (!(s->inputs[i] = strdup(cfg->inputs[i])))
            return -1;
    s->cfg.inputs = (const char *const *)s->inputs;
    return 0;
}

int ls_srv_new(const ls_srv_config *cfg, const ls_leads *leads, ls_srv **out, char *why,
               size_t whylen)
{
    double t0 = ls_srv_now_ms();
    *out = NULL;
    ls_srv *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(why, whylen, "out of memory");
        return -1;
    }
    pthread_mutex_init(&s->mu, NULL);
    pthread_mutex_init(&s->run_mu, NULL);
    s->leads = leads;
    s->n = ls_leads_count(leads);
    size_t slots = s->n + 1;
    s->title_off = malloc(slots * sizeof *s->title_off);
    s->norm_off = malloc(slots * sizeof *s->norm_off);
    s->key_off = calloc(slots, sizeof *s->key_off);
    s->has_key = calloc(slots, 1);
    if (copy_config(s, cfg) != 0 || !s->title_off || !s->norm_off || !s->key_off ||
        !s->has_key || ls_normalizer_new(&s->nz) != LS_OK || read_titles(s) != 0) {
        snprintf(why, whylen, "out of memory while reading the leads' titles");
        ls_srv_free(s);
        return -1;
    }
    ls_srv_eval *base = NULL;
    ls_status st = ls_srv_run_baseline(s, &base);
    if (st != LS_OK) {
        snprintf(why, whylen, "%s", st == LS_E_INVALID_REQUEST
                                        ? "the request is invalid"
                                        : ls_status_message(st));
        ls_srv_free(s);
        return -1;
    }
    s->key_off[s->n] = s->keys.len;
    s->base = base;
    atomic_fetch_add(&base->refs, 1);
    s->current = base;
    if (cfg->suggest && ls_srv_bg_new(s, &s->bg) != 0) {
        snprintf(why, whylen, "cannot start the thread of the proposals");
        ls_srv_free(s);
        return -1;
    }
    s->start_ms = ls_srv_now_ms() - t0;
    *out = s;
    return 0;
}

double ls_srv_start_ms(const ls_srv *s)
{
    return s->start_ms;
}

void ls_srv_free(ls_srv *s)
{
    if (!s)
        return;
    ls_srv_bg_free(s->bg);
    ls_srv_eval_unref(s->current);
    ls_srv_eval_unref(s->base);
    free((char *)s->cfg.request_name);
    free((char *)s->cfg.request_text);
    free((char *)s->cfg.labels_name);
    free((char *)s->cfg.labels_text);
    free((char *)s->cfg.label_field);
    free((char *)s->cfg.save_path);
    if (s->inputs)
        for (size_t i = 0; i < s->cfg.ninputs; i++)
            free(s->inputs[i]);
    free(s->inputs);
    ls_buf_free(&s->titles);
    ls_buf_free(&s->norms);
    ls_buf_free(&s->keys);
    free(s->title_off);
    free(s->norm_off);
    free(s->key_off);
    free(s->has_key);
    ls_normalizer_free(s->nz);
    pthread_mutex_destroy(&s->mu);
    pthread_mutex_destroy(&s->run_mu);
    free(s);
}

ls_srv_eval *ls_srv_current(ls_srv *s)
{
    pthread_mutex_lock(&s->mu);
    ls_srv_eval *e = s->current;
    atomic_fetch_add(&e->refs, 1);
    pthread_mutex_unlock(&s->mu);
    return e;
}

ls_srv_eval *ls_srv_eval_of(ls_srv *s, uint64_t gen)
{
    pthread_mutex_lock(&s->mu);
    ls_srv_eval *e = s->current->gen == gen ? s->current : gen == 0 ? s->base : NULL;
    if (e)
        atomic_fetch_add(&e->refs, 1);
    pthread_mutex_unlock(&s->mu);
    return e;
}
