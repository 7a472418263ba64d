/* The proposals' thread and their cache (background.h). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "background.h"

enum { CACHED = 8 }; /* request texts whose answers are kept */

typedef struct entry {
    char *text;
    size_t len;
    char *json;       /* NULL: failed with st */
    ls_status st;
    uint64_t used;    /* for the least recently used to go */
} entry;

struct ls_srv_bg {
    ls_srv *s;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t wake, idle;
    ls_srv_eval *queued;   /* the edit to work on next (a reference) */
    ls_srv_eval *running;  /* the edit being worked on (a reference) */
    atomic_int stop;       /* the running computation is of no use now */
    int quit;
    entry cache[CACHED];
    uint64_t clock;
    ls_srv_bg_counts counts;
};

static int same_text(const ls_srv_eval *e, const char *text, size_t len)
{
    return e && e->len == len && memcmp(e->text, text, len) == 0;
}

static entry *lookup(ls_srv_bg *bg, const char *text, size_t len)
{
    for (size_t i = 0; i < CACHED; i++)
        if (bg->cache[i].text && bg->cache[i].len == len &&
            memcmp(bg->cache[i].text, text, len) == 0)
            return &bg->cache[i];
    return NULL;
}

/* Under mu. */
static void remember(ls_srv_bg *bg, const ls_srv_eval *e, char *json, ls_status st)
{
    entry *slot = &bg->cache[0];
    for (size_t i = 0; i < CACHED && slot->text; i++)
        if (!bg->cache[i].text || bg->cache[i].used < slot->used)
            slot = &bg->cache[i];
    char *text = malloc(e->len + 1);
    free(slot->text);
    free(slot->json);
    memset(slot, 0, sizeof *slot);
    if (!text) {
        free(json);
        return;
    }
    memcpy(text, e->text, e->len + 1);
    *slot = (entry){text, e->len, json, st, ++bg->clock};
}

static int should_stop(void *user)
{
    ls_srv_bg *bg = user;
    return atomic_load(&bg->stop);
}

static void *work(void *user)
{
    ls_srv_bg *bg = user;
    const ls_srv_config *cfg = &bg->s->cfg;
    pthread_mutex_lock(&bg->mu);
    for (;;) {
        while (!bg->queued && !bg->quit) {
            pthread_cond_broadcast(&bg->idle);
            pthread_cond_wait(&bg->wake, &bg->mu);
        }
        if (bg->quit)
            break;
        ls_srv_eval *e = bg->queued;
        bg->queued = NULL;
        bg->running = e;
        atomic_store(&bg->stop, 0);
        bg->counts.started++;
        pthread_mutex_unlock(&bg->mu);

        ls_srv_suggest_in in = {e->req, e->text, e->len, bg->s->leads, cfg->labels_name,
                                cfg->labels_text, cfg->labels_len, cfg->label_field,
                                should_stop, bg};
        char *json = NULL;
        ls_status st = cfg->suggest(cfg->suggest_user, &in, &json);

        pthread_mutex_lock(&bg->mu);
        bg->running = NULL;
        if (st == LS_E_CANCELLED || atomic_load(&bg->stop)) {
            bg->counts.stopped++;
            free(json);
        } else {
            bg->counts.finished++;
            if (st == LS_OK && !json)
                st = LS_E_NOMEM;
            remember(bg, e, st == LS_OK ? json : NULL, st);
            if (st != LS_OK)
                free(json);
        }
        ls_srv_eval_unref(e);
    }
    pthread_cond_broadcast(&bg->idle);
    pthread_mutex_unlock(&bg->mu);
    return NULL;
}

int ls_srv_bg_new(ls_srv *s, ls_srv_bg **out)
{
    ls_srv_bg *bg = calloc(1, sizeof *bg);
    if (!bg)
        return -1;
    bg->s = s;
    pthread_mutex_init(&bg->mu, NULL);
    pthread_cond_init(&bg->wake, NULL);
    pthread_cond_init(&bg->idle, NULL);
    if (pthread_create(&bg->thread, NULL, work, bg) != 0) {
        pthread_mutex_destroy(&bg->mu);
        pthread_cond_destroy(&bg->wake);
        pthread_cond_destroy(&bg->idle);
        free(bg);
        return -1;
    }
    *out = bg;
    return 0;
}

void ls_srv_bg_free(ls_srv_bg *bg)
{
    if (!bg)
        return;
    pthread_mutex_lock(&bg->mu);
    bg->quit = 1;
    atomic_store(&bg->stop, 1);
    pthread_cond_signal(&bg->wake);
    pthread_mutex_unlock(&bg->mu);
    pthread_join(bg->thread, NULL);
    ls_srv_eval_unref(bg->queued);
    for (size_t i = 0; i < CACHED; i++) {
        free(bg->cache[i].text);
        free(bg->cache[i].json);
    }
    pthread_mutex_destroy(&bg->mu);
    pthread_cond_destroy(&bg->wake);
    pthread_cond_destroy(&bg->idle);
    free(bg);
}

ls_srv_bg_state ls_srv_bg_get(ls_srv_bg *bg, ls_srv_eval *e, char **json, ls_status *status)
{
    *json = NULL;
    *status = LS_OK;
    pthread_mutex_lock(&bg->mu);
    entry *hit = lookup(bg, e->text, e->len);
    ls_srv_bg_state r = LS_SRV_BG_COMPUTING;
    if (hit) {
        hit->used = ++bg->clock;
        *status = hit->st;
        if (hit->json && !(*json = strdup(hit->json)))
            *status = LS_E_NOMEM;
        r = *status == LS_OK ? LS_SRV_BG_DONE : LS_SRV_BG_FAILED;
    } else if (same_text(bg->running, e->text, e->len) && !atomic_load(&bg->stop)) {
        /* under way */
    } else if (!same_text(bg->queued, e->text, e->len)) {
        ls_srv_eval_unref(bg->queued);
        atomic_fetch_add(&e->refs, 1);
        bg->queued = e;
        if (bg->running) /* another text's: of no use now */
            atomic_store(&bg->stop, 1);
        pthread_cond_signal(&bg->wake);
    }
    pthread_mutex_unlock(&bg->mu);
    return r;
}

void ls_srv_bg_supersede(ls_srv_bg *bg)
{
    pthread_mutex_lock(&bg->mu);
    if (bg->running)
        atomic_store(&bg->stop, 1);
    ls_srv_eval_unref(bg->queued);
    bg->queued = NULL;
    pthread_mutex_unlock(&bg->mu);
}

ls_srv_bg_counts ls_srv_bg_counts_of(ls_srv_bg *bg, int wait)
{
    pthread_mutex_lock(&bg->mu);
    while (wait && (bg->running || bg->queued) && !bg->quit)
        pthread_cond_wait(&bg->idle, &bg->mu);
    ls_srv_bg_counts c = bg->counts;
    pthread_mutex_unlock(&bg->mu);
    return c;
}
