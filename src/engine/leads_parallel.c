/* Kept leads run with workers: each worker takes the next slice of leads
 * and runs stage 1 on it (scan, duplicate key, verdict, the output bytes
 * of a lead that may be kept) into a slot of a ring; the calling thread
 * replays the slices in lead order through stage 2, as parallel.c does
 * with files, so results, counts and on_lead's order are those of one
 * thread.  An editor re-runs every change over the same leads: this is
 * what makes that take half the time on two cores.
 *
 * Thread-safety: workers read the leads, the request and rank_full (see
 * parallel.c); each has its own matcher, scanner memory and scratch, and
 * writes only the slot it took, which stage 2 reads after the slot is
 * marked done under the mutex. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "engine/leads.h"
#include "engine/run_int.h"

enum { SLICE = 2048 }; /* leads per slice: small enough to cancel soon */

typedef struct result {
    ls_verdict verdict;
    unsigned lead_flags;
    uint8_t has_key, has_out;
    uint32_t key_len, out_len;
    uint64_t key_hash;
    size_t key_off, out_off; /* into the slot's bytes */
} result;

typedef struct slot {
    result r[SLICE];
    size_t n;
    ls_buf bytes;     /* keys and rendered leads */
    ls_status status; /* stage 1's failure, which ends the run here */
    int done;
} slot;

typedef struct lpar {
    ls_run *run;
    const ls_leads *leads;
    size_t nleads, nslices, window;
    slot *ring; /* slice k fills ring[k % window] */
    pthread_mutex_t mu;
    pthread_cond_t work_cv; /* workers: a slot was freed, or stop */
    pthread_cond_t main_cv; /* stage 2: a slice is done */
    size_t next;            /* the next slice a worker takes */
    size_t merging;         /* the slice stage 2 is on */
    int stop;
} lpar;

typedef struct lworker {
    lpar *P;
    pthread_t tid;
    ls_matcher *m;
    ls_js_shapes *shapes;
    ls_buf key_scratch, out_scratch;
} lworker;

static int keep_bytes(slot *s, const char *p, size_t n, size_t *off, uint32_t *len)
{
    if (n > UINT32_MAX)
        return -1;
    *off = s->bytes.len;
    *len = (uint32_t)n;
    return ls_buf_append(&s->bytes, p, n);
}

/* Stage 1 of lead i into r. */
static ls_status stage1(lworker *w, size_t i, slot *s, result *r)
{
    const ls_run *run = w->P->run;
    ls_item item;
    ls_status st = ls_leads_item(w->P->leads, i, w->shapes, &item);
    ls_stage1 s1;
    if (st == LS_OK)
        st = ls_stage1_run(w->m, item.lead, &w->key_scratch, NULL, &s1);
    if (st != LS_OK)
        return st;
    memset(r, 0, sizeof *r);
    r->verdict = s1.verdict;
    r->lead_flags = item.lead->flags;
    r->has_key = (uint8_t)s1.has_key;
    r->key_hash = s1.key_hash;
    if (s1.has_key && keep_bytes(s, s1.key, s1.key_len, &r->key_off, &r->key_len) != 0)
        return LS_E_NOMEM;
    int persona = s1.verdict.persona;
    if (s1.verdict.outcome != LS_MATCHED || persona >= (int)run->npersonas)
        return LS_OK;
    size_t rank = persona >= 0 ? ls_request_persona_rank(run->req, (size_t)persona) : 0;
    if (atomic_load_explicit(&run->rank_full[rank], memory_order_relaxed))
        return LS_OK; /* stage 2 will not keep it either */
    if (ls_run_render(run, item.lead, persona, &w->out_scratch) != 0 ||
        keep_bytes(s, w->out_scratch.data, w->out_scratch.len, &r->out_off, &r->out_len) != 0)
        return LS_E_NOMEM;
    r->has_out = 1;
    return LS_OK;
}

static void fill(lworker *w, size_t k, slot *s)
{
    lpar *P = w->P;
    size_t first = k * SLICE, end = first + SLICE < P->nleads ? first + SLICE : P->nleads;
    s->n = 0;
    s->status = LS_OK;
    ls_buf_clear(&s->bytes);
    for (size_t i = first; i < end; i++) {
        if (atomic_load_explicit(&P->run->cancelled, memory_order_relaxed)) {
            s->status = LS_E_CANCELLED;
            return;
        }
        ls_status st = stage1(w, i, s, &s->r[s->n]);
        if (st != LS_OK) {
            s->status = st;
            return;
        }
        s->n++;
    }
}

static void *worker_main(void *arg)
{
    lworker *w = arg;
    lpar *P = w->P;
    for (;;) {
        pthread_mutex_lock(&P->mu);
        while (!P->stop && P->next < P->nslices && P->next >= P->merging + P->window)
            pthread_cond_wait(&P->work_cv, &P->mu);
        if (P->stop || P->next >= P->nslices) {
            pthread_mutex_unlock(&P->mu);
            return NULL;
        }
        size_t k = P->next++;
        pthread_mutex_unlock(&P->mu);
        slot *s = &P->ring[k % P->window];
        fill(w, k, s);
        pthread_mutex_lock(&P->mu);
        s->done = 1;
        pthread_cond_signal(&P->main_cv);
        pthread_mutex_unlock(&P->mu);
    }
}

/* Stage 2 over one slice, in lead order. */
static ls_status replay(ls_run *run, const slot *s)
{
    for (size_t i = 0; i < s->n; i++) {
        const result *r = &s->r[i];
        /* the duplicate index is far bigger than the caches: ask for the
         * slot of a lead a few ahead while this one is handled */
        if (i + 8 < s->n && s->r[i + 8].has_key)
            ls_dedup_prefetch(&run->dedup, s->r[i + 8].key_hash);
        run->stream.stats.leads_read++;
        ls_stage1 s1 = {r->verdict, r->has_key, s->bytes.data + r->key_off, r->key_len,
                        r->key_hash};
        int spool, persona;
        ls_status st = ls_run_stage2(run, r->lead_flags, &s1, &spool, &persona);
        if (st != LS_OK)
            return st;
        if (spool) {
            if (!r->has_out) /* the rank was full when the worker looked */
                return LS_E_INTERNAL;
            st = ls_run_spool(run, persona, s->bytes.data + r->out_off, r->out_len);
            if (st != LS_OK)
                return st;
        }
    }
    return s->status;
}

ls_status ls_run_leads_parallel(ls_run *run, const ls_leads *leads)
{
    lpar P;
    memset(&P, 0, sizeof P);
    P.run = run;
    P.leads = leads;
    P.nleads = ls_leads_count(leads);
    P.nslices = (P.nleads + SLICE - 1) / SLICE;
    size_t nw = (size_t)run->threads;
    if (nw > P.nslices)
        nw = P.nslices;
    P.window = 2 * nw + 2;
    P.ring = calloc(P.window, sizeof *P.ring);
    lworker *W = calloc(nw ? nw : 1, sizeof *W);
    if (!P.ring || !W) {
        free(P.ring);
        free(W);
        return LS_E_NOMEM;
    }
    pthread_mutex_init(&P.mu, NULL);
    pthread_cond_init(&P.work_cv, NULL);
    pthread_cond_init(&P.main_cv, NULL);
    size_t started = 0;
    for (; started < nw; started++) {
        lworker *w = &W[started];
        w->P = &P;
        w->shapes = ls_js_shapes_new(); /* NULL: scanned the slow way */
        if (ls_matcher_new(run->req, &w->m) != LS_OK ||
            pthread_create(&w->tid, NULL, worker_main, w) != 0) {
            ls_matcher_free(w->m);
            ls_js_shapes_free(w->shapes);
            break;
        }
    }
    ls_status st = started ? LS_OK : LS_E_NOMEM; /* fewer workers still finish */
    for (size_t k = 0; st == LS_OK && k < P.nslices; k++) {
        slot *s = &P.ring[k % P.window];
        pthread_mutex_lock(&P.mu);
        while (!s->done)
            pthread_cond_wait(&P.main_cv, &P.mu);
        pthread_mutex_unlock(&P.mu);
        st = replay(run, s);
        pthread_mutex_lock(&P.mu);
        s->done = 0;
        P.merging = k + 1;
        pthread_cond_broadcast(&P.work_cv);
        pthread_mutex_unlock(&P.mu);
        if (st == LS_OK)
            st = ls_run_checkpoint(run);
    }
    pthread_mutex_lock(&P.mu);
    P.stop = 1;
    pthread_cond_broadcast(&P.work_cv);
    pthread_mutex_unlock(&P.mu);
    for (size_t i = 0; i < started; i++) {
        pthread_join(W[i].tid, NULL);
        ls_matcher_free(W[i].m);
        ls_js_shapes_free(W[i].shapes);
        ls_buf_free(&W[i].key_scratch);
        ls_buf_free(&W[i].out_scratch);
    }
    for (size_t i = 0; i < P.window; i++)
        ls_buf_free(&P.ring[i].bytes);
    pthread_cond_destroy(&P.main_cv);
    pthread_cond_destroy(&P.work_cv);
    pthread_mutex_destroy(&P.mu);
    free(P.ring);
    free(W);
    return st;
}
