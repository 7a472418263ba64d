/* The decompression thread and its ring of buffers: see decode_ring.h. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include "readers/decode_ring.h"

#define MAX_SLOTS 8

struct ls_ring {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;  /* a slot filled, a slot freed, the end, a stop */
    ls_ring_fill fill;
    void *user;
    size_t slot_cap;
    int nslots;
    unsigned char *slot[MAX_SLOTS];
    size_t len[MAX_SLOTS];
    int head;           /* the next slot to take */
    int count;          /* filled slots, the one being read included */
    int holding;        /* the reader holds slot head */
    int done;           /* fill returned final */
    ssize_t final;
    int stop;
};

static void *run(void *arg)
{
    ls_ring *r = arg;
    int tail = 0;
    for (;;) {
        pthread_mutex_lock(&r->mu);
        while (r->count == r->nslots && !r->stop)
            pthread_cond_wait(&r->cv, &r->mu);
        int stop = r->stop;
        pthread_mutex_unlock(&r->mu);
        if (stop)
            return NULL;
        /* slot tail is not counted, so the reader is not in it */
        ssize_t n = r->fill(r->user, r->slot[tail], r->slot_cap);
        pthread_mutex_lock(&r->mu);
        if (n > 0) {
            r->len[tail] = (size_t)n;
            tail = (tail + 1) % r->nslots;
            r->count++;
        } else {
            r->final = n;
            r->done = 1;
        }
        pthread_cond_signal(&r->cv);
        pthread_mutex_unlock(&r->mu);
        if (n <= 0)
            return NULL;
    }
}

static void free_slots(ls_ring *r)
{
    for (int i = 0; i < r->nslots; i++)
        free(r->slot[i]);
    free(r);
}

ls_ring *ls_ring_start(ls_ring_fill fill, void *user, size_t slot_cap, int nslots)
{
    if (nslots < 2 || nslots > MAX_SLOTS)
        return NULL;
    ls_ring *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->fill = fill;
    r->user = user;
    r->slot_cap = slot_cap;
    r->nslots = nslots;
    for (int i = 0; i < nslots; i++)
        if (!(r->slot[i] = malloc(slot_cap))) {
            free_slots(r);
            return NULL;
        }
    if (pthread_mutex_init(&r->mu, NULL) != 0) {
        free_slots(r);
        return NULL;
    }
    if (pthread_cond_init(&r->cv, NULL) != 0) {
        pthread_mutex_destroy(&r->mu);
        free_slots(r);
        return NULL;
    }
    /* signals go to the program's own threads, not to this one (a handler
     * that removes a half-written output runs where it expects to) */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int made = pthread_create(&r->thread, NULL, run, r);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (made != 0) {
        pthread_cond_destroy(&r->cv);
        pthread_mutex_destroy(&r->mu);
        free_slots(r);
        return NULL;
    }
    return r;
}

ssize_t ls_ring_take(ls_ring *r, const unsigned char **p)
{
    pthread_mutex_lock(&r->mu);
    if (r->holding) {
        r->holding = 0;
        r->head = (r->head + 1) % r->nslots;
        r->count--;
        pthread_cond_signal(&r->cv);
    }
    while (r->count == 0 && !r->done)
        pthread_cond_wait(&r->cv, &r->mu);
    ssize_t n;
    if (r->count > 0) {
        r->holding = 1;
        *p = r->slot[r->head];
        n = (ssize_t)r->len[r->head];
    } else {
        n = r->final;
    }
    pthread_mutex_unlock(&r->mu);
    return n;
}

void ls_ring_stop(ls_ring *r)
{
    if (!r)
        return;
    pthread_mutex_lock(&r->mu);
    r->stop = 1;
    pthread_cond_signal(&r->cv);
    pthread_mutex_unlock(&r->mu);
    pthread_join(r->thread, NULL);
    pthread_cond_destroy(&r->cv);
    pthread_mutex_destroy(&r->mu);
    free_slots(r);
}
