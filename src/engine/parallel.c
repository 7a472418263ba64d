/* The parallel driver: worker threads read whole files and run stage 1
 * (scan, duplicate key, verdict) on them; the calling thread replays their
 * results file by file, in input order, through stage 2 (dedup, counts,
 * spooling) and the diagnostics sink.  Everything stage 2 and the sink see
 * is therefore in the same order as with one thread, so the output, the
 * counts and the report are byte-identical.
 *
 * Thread-safety: the compiled request and the run's persona names are only
 * read by workers; each worker has its own matcher, source and scratch.  A
 * worker never touches the run's state: it records events (items, the
 * diagnostics its reader emitted, end of file) in chunks that it hands
 * over under one mutex.  The only run field workers read while stage 2
 * runs is rank_full, an atomic flag per rank that goes from 0 to 1 once;
 * a worker seeing 1 skips rendering output bytes that stage 2 would drop
 * anyway (the spool count never goes down, so stage 2 agrees). */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "engine/field_watch.h"
#include "engine/run_int.h"

enum {
    CHUNK_ITEMS = 4096, /* events per chunk */
    MAX_PENDING = 8     /* chunks of one file waiting for stage 2 */
};

typedef enum ev_type {
    EV_ITEM = 0,   /* a lead and its stage-1 result */
    EV_NOT_OBJECT, /* an item that is not an object (its diagnostic came before) */
    EV_NOT_LEADS,  /* an object that is not leads (its diagnostic came before) */
    EV_DIAG,       /* a diagnostic from the reader */
    EV_FILE_DONE,  /* the file was read to its end */
    EV_FILE_FAILED,/* the file could not be (fully) read */
    EV_CSV_HEADER, /* the file's CSV header: out_off/out_len its names, line their count */
    EV_ERROR       /* stage 1 failed: the run stops with status */
} ev_type;

typedef struct event {
    uint8_t type;
    uint8_t has_key, has_out, diag_kind;
    unsigned lead_flags;
    ls_verdict verdict;
    ls_status status;
    uint32_t key_len, out_len; /* out: the rendered lead, or a diagnostic's message */
    uint64_t key_hash;
    size_t key_off, out_off;   /* into the chunk's bytes */
    uint64_t line, offset;
} event;

typedef struct chunk {
    event *ev;
    size_t n;
    ls_buf bytes;
    uint64_t malformed; /* counted by the reader while filling this chunk */
    int last;           /* the file's final chunk */
    struct chunk *next;
} chunk;

typedef struct file_slot {
    chunk *head, *tail;
    size_t pending;
    int lost; /* no chunk could be allocated for the file's events */
} file_slot;

typedef struct par {
    ls_run *run;
    const ls_pathlist *list;
    pthread_mutex_t mu;
    pthread_cond_t work_cv; /* workers: a file may start, or a queue shrank */
    pthread_cond_t main_cv; /* stage 2: a chunk arrived */
    size_t next_file;       /* the next file a worker takes */
    size_t merging;         /* the file stage 2 is on */
    size_t window;          /* files read ahead of stage 2, at most */
    file_slot *slots;
    int stop;
} par;

typedef struct worker {
    par *P;
    pthread_t tid;
    ls_matcher *m;
    ls_buf key_scratch, out_scratch;
    ls_stream stream;   /* this worker's reading; its counts are replayed by stage 2 */
    chunk *cur;
    size_t file;
    uint64_t malformed_handed; /* stream.stats.malformed already moved into chunks */
    ls_field_watch watch;      /* the run's watch_fields in the leads this worker read */
    int watching;
} worker;

static void chunk_free(chunk *c)
{
    if (!c)
        return;
    free(c->ev);
    ls_buf_free(&c->bytes);
    free(c);
}

static chunk *chunk_new(void)
{
    chunk *c = calloc(1, sizeof *c);
    if (c && !(c->ev = malloc(CHUNK_ITEMS * sizeof *c->ev))) {
        free(c);
        return NULL;
    }
    return c;
}

/* A new event in the current chunk, which always has room for one. */
static event *add_event(worker *w, ev_type type)
{
    event *e = &w->cur->ev[w->cur->n++];
    memset(e, 0, sizeof *e);
    e->type = (uint8_t)type;
    return e;
}

static void add_error(worker *w, ls_status st)
{
    add_event(w, EV_ERROR)->status = st;
}

static int keep_bytes(chunk *c, const char *p, size_t n, size_t *off, uint32_t *len)
{
    if (n > UINT32_MAX)
        return -1;
    *off = c->bytes.len;
    *len = (uint32_t)n;
    return ls_buf_append(&c->bytes, p, n);
}

/* Hands the current chunk to stage 2 and, unless it is the file's last,
 * starts a new one (0), or ends the file with an error when memory runs
 * out (-1).  Waits while too many of this file's chunks are queued. */
static int push_chunk(worker *w, int last)
{
    par *P = w->P;
    chunk *c = w->cur;
    w->cur = last ? NULL : chunk_new();
    int rc = 0;
    if (!last && !w->cur) {
        w->cur = c; /* room() left space for this event */
        add_error(w, LS_E_NOMEM);
        w->cur = NULL;
        last = 1;
        rc = -1;
    }
    c->last = last;
    c->malformed = w->stream.stats.malformed - w->malformed_handed;
    w->malformed_handed = w->stream.stats.malformed;
    pthread_mutex_lock(&P->mu);
    file_slot *s = &P->slots[w->file];
    if (s->tail)
        s->tail->next = c;
    else
        s->head = c;
    s->tail = c;
    s->pending++;
    pthread_cond_signal(&P->main_cv);
    while (!P->stop && s->pending >= MAX_PENDING)
        pthread_cond_wait(&P->work_cv, &P->mu);
    pthread_mutex_unlock(&P->mu);
    return rc;
}

/* Room for the events one step may add (a diagnostic, an item, an error);
 * -1 when the file had to end for lack of memory. */
static int room(worker *w)
{
    if (!w->cur)
        return -1;
    if (w->cur->n + 3 > CHUNK_ITEMS)
        return push_chunk(w, 0);
    return 0;
}

/* The reader's diagnostics, recorded for stage 2 to replay in order. */
static void record_diag(void *user, const ls_diag *d)
{
    worker *w = user;
    if (room(w) != 0)
        return; /* the file already ends with an error */
    event *e = add_event(w, EV_DIAG);
    e->diag_kind = (uint8_t)d->kind;
    e->line = d->line;
    e->offset = d->offset;
    const char *msg = d->message ? d->message : "";
    /* with its NUL, so stage 2 can pass it on as it is */
    if (keep_bytes(w->cur, msg, strlen(msg) + 1, &e->out_off, &e->out_len) != 0) {
        e->type = EV_ERROR;
        e->status = LS_E_NOMEM;
    }
}

/* Stage 1 of one lead into event e; LS_OK or the error to stop with. */
static ls_status item_event(worker *w, const ls_lead *lead, event *e)
{
    const ls_run *run = w->P->run;
    ls_stage1 s1;
    ls_status st = ls_stage1_run(w->m, lead, &w->key_scratch, NULL, &s1);
    if (st != LS_OK)
        return st;
    if (w->watching && ls_field_watch_lead(&w->watch, lead->raw, lead->raw_len) != 0)
        return LS_E_NOMEM;
    e->lead_flags = lead->flags;
    e->verdict = s1.verdict;
    e->has_key = (uint8_t)s1.has_key;
    e->key_hash = s1.key_hash;
    if (s1.has_key && keep_bytes(w->cur, s1.key, s1.key_len, &e->key_off, &e->key_len) != 0)
        return LS_E_NOMEM;
    int persona = s1.verdict.persona;
    if (s1.verdict.outcome != LS_MATCHED || persona >= (int)run->npersonas)
        return LS_OK;
    size_t rank = persona >= 0 ? ls_request_persona_rank(run->req, (size_t)persona) : 0;
    if (atomic_load_explicit(&run->rank_full[rank], memory_order_relaxed))
        return LS_OK; /* stage 2 will not keep it either */
    if (ls_run_render(run, lead, persona, &w->out_scratch) != 0 ||
        keep_bytes(w->cur, w->out_scratch.data, w->out_scratch.len, &e->out_off,
                   &e->out_len) != 0)
        return LS_E_NOMEM;
    e->has_out = 1;
    return LS_OK;
}

static void read_file(worker *w)
{
    par *P = w->P;
    const char *path = P->list->paths[w->file];
    w->stream.sink = (ls_diag_sink){record_diag, w};
    w->malformed_handed = w->stream.stats.malformed;
    w->cur = chunk_new();
    if (!w->cur) {
        pthread_mutex_lock(&P->mu);
        P->slots[w->file].lost = 1;
        pthread_cond_signal(&P->main_cv);
        pthread_mutex_unlock(&P->mu);
        return;
    }
    ls_status st = ls_stream_add_file(&w->stream, path);
    for (int done = st != LS_OK; !done;) {
        ls_item item;
        ls_stream_event ev = ls_stream_step(&w->stream, &item, &st);
        if (room(w) != 0)
            break;
        switch (ev) {
        case LS_STREAM_LEAD: {
            event *e = add_event(w, EV_ITEM);
            ls_status failed = item_event(w, item.lead, e);
            if (failed != LS_OK) {
                e->type = EV_ERROR;
                e->status = failed;
                done = 1;
            }
            break;
        }
        case LS_STREAM_NOT_OBJECT:
            add_event(w, EV_NOT_OBJECT);
            break;
        case LS_STREAM_NOT_LEADS:
            add_event(w, EV_NOT_LEADS);
            break;
        case LS_STREAM_FILE_DONE:
            add_event(w, EV_FILE_DONE);
            done = 1;
            break;
        case LS_STREAM_FILE_FAILED:
            add_event(w, EV_FILE_FAILED);
            done = 1;
            break;
        case LS_STREAM_END: /* only when an error ends the stream */
            done = 1;
            break;
        }
    }
    if (st != LS_OK && w->cur && room(w) == 0) /* the stream itself failed */
        add_error(w, st);
    ls_stream_reset(&w->stream);
    ls_csv_names h;
    ls_stream_take_csv_header(&w->stream, &h);
    if (h.names && w->cur && room(w) == 0) {
        event *e = add_event(w, EV_CSV_HEADER);
        e->line = h.count;
        if (keep_bytes(w->cur, h.names, h.len, &e->out_off, &e->out_len) != 0) {
            e->type = EV_ERROR;
            e->status = LS_E_NOMEM;
        }
    }
    ls_csv_names_free(&h);
    if (w->cur)
        push_chunk(w, 1);
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    par *P = w->P;
    for (;;) {
        pthread_mutex_lock(&P->mu);
        while (!P->stop && P->next_file < P->list->count &&
               P->next_file >= P->merging + P->window)
            pthread_cond_wait(&P->work_cv, &P->mu);
        if (P->stop || P->next_file >= P->list->count) {
            pthread_mutex_unlock(&P->mu);
            break;
        }
        w->file = P->next_file++;
        pthread_mutex_unlock(&P->mu);
        read_file(w);
    }
    return NULL;
}

/* Stage 2 over one chunk, in order. */
static ls_status replay(ls_run *run, const char *path, const chunk *c)
{
    run->stream.stats.malformed += c->malformed;
    for (size_t i = 0; i < c->n; i++) {
        const event *e = &c->ev[i];
        /* the duplicate index is far bigger than the caches: ask for the
         * slot of a lead a few events ahead while this one is handled */
        if (i + 8 < c->n && c->ev[i + 8].has_key)
            ls_dedup_prefetch(&run->dedup, c->ev[i + 8].key_hash);
        switch ((ev_type)e->type) {
        case EV_DIAG: {
            ls_diag d = {(ls_diag_kind)e->diag_kind, path, e->line, e->offset,
                         c->bytes.data + e->out_off};
            run->sink.fn(run->sink.user, &d);
            break;
        }
        case EV_FILE_DONE:
            run->stream.stats.files_read++;
            break;
        case EV_FILE_FAILED:
            run->stream.stats.files_failed++;
            break;
        case EV_NOT_OBJECT:
            run->stream.stats.not_objects++;
            break;
        case EV_NOT_LEADS:
            run->stream.stats.not_leads++;
            break;
        case EV_CSV_HEADER:
            if (ls_run_keep_csv_header_copy(run, c->bytes.data + e->out_off, e->out_len,
                                            (size_t)e->line) != LS_OK)
                return LS_E_NOMEM;
            break;
        case EV_ERROR:
            return e->status;
        case EV_ITEM: {
            run->stream.stats.leads_read++;
            ls_stage1 s1 = {e->verdict, e->has_key, c->bytes.data + e->key_off, e->key_len,
                            e->key_hash};
            int spool, persona;
            ls_status st = ls_run_stage2(run, e->lead_flags, &s1, &spool, &persona);
            if (st != LS_OK)
                return st;
            if (spool) {
                if (!e->has_out) /* the rank was full when the worker looked */
                    return LS_E_INTERNAL;
                st = ls_run_spool(run, persona, c->bytes.data + e->out_off, e->out_len);
                if (st != LS_OK)
                    return st;
            }
            break;
        }
        }
    }
    return LS_OK;
}

ls_status ls_run_parallel(ls_run *run, const ls_pathlist *list)
{
    size_t nw = (size_t)run->threads;
    if (nw > list->count)
        nw = list->count;
    par P;
    memset(&P, 0, sizeof P);
    P.run = run;
    P.list = list;
    P.window = 2 * nw + 2;
    P.slots = calloc(list->count, sizeof *P.slots);
    worker *W = calloc(nw, sizeof *W);
    if (!P.slots || !W) {
        free(P.slots);
        free(W);
        return LS_E_NOMEM;
    }
    pthread_mutex_init(&P.mu, NULL);
    pthread_cond_init(&P.work_cv, NULL);
    pthread_cond_init(&P.main_cv, NULL);
    ls_status st = LS_OK;
    size_t started = 0;
    for (; started < nw; started++) {
        W[started].P = &P;
        ls_stream_init(&W[started].stream, NULL, &run->lim);
        ls_matcher_new(run->req, &W[started].m);
        W[started].watching = run->watch != NULL;
        if (W[started].watching && ls_field_watch_init(&W[started].watch,
                                                       run->watch->names.name,
                                                       run->watch->names.n) != 0) {
            ls_matcher_free(W[started].m);
            W[started].m = NULL; /* fails below, as a matcher that could not be had */
            W[started].watching = 0;
        }
        W[started].watch.until_found = 1;
        if (!W[started].m || pthread_create(&W[started].tid, NULL, worker_main, &W[started]) != 0) {
            ls_matcher_free(W[started].m);
            if (W[started].watching)
                ls_field_watch_free(&W[started].watch);
            st = LS_E_NOMEM;
            break;
        }
    }
    if (started == 0)
        st = LS_E_NOMEM;
    else
        st = LS_OK; /* fewer workers than asked still finish the job */

    for (size_t f = 0; st == LS_OK && f < list->count; f++) {
        pthread_mutex_lock(&P.mu);
        P.merging = f;
        pthread_cond_broadcast(&P.work_cv);
        pthread_mutex_unlock(&P.mu);
        for (int last = 0; !last && st == LS_OK;) {
            pthread_mutex_lock(&P.mu);
            file_slot *s = &P.slots[f];
            while (!s->head && !s->lost)
                pthread_cond_wait(&P.main_cv, &P.mu);
            chunk *c = s->head;
            if (!c) {
                pthread_mutex_unlock(&P.mu);
                st = LS_E_NOMEM;
                break;
            }
            s->head = c->next;
            if (!s->head)
                s->tail = NULL;
            s->pending--;
            pthread_cond_broadcast(&P.work_cv);
            pthread_mutex_unlock(&P.mu);
            last = c->last;
            st = replay(run, list->paths[f], c);
            chunk_free(c);
            if (st == LS_OK) /* a file's end, or another chunk of leads */
                st = ls_run_checkpoint(run);
        }
    }

    pthread_mutex_lock(&P.mu);
    P.stop = 1;
    pthread_cond_broadcast(&P.work_cv);
    pthread_mutex_unlock(&P.mu);
    for (size_t i = 0; i < started; i++) {
        pthread_join(W[i].tid, NULL);
        if (W[i].watching) { /* sums: the same whichever worker read which file */
            ls_field_watch_merge(run->watch, &W[i].watch);
            ls_field_watch_free(&W[i].watch);
        }
        ls_matcher_free(W[i].m);
        ls_buf_free(&W[i].key_scratch);
        ls_buf_free(&W[i].out_scratch);
        ls_stream_free(&W[i].stream);
        chunk_free(W[i].cur);
    }
    for (size_t f = 0; f < list->count; f++)
        for (chunk *c = P.slots[f].head, *n; c; c = n) {
            n = c->next;
            chunk_free(c);
        }
    pthread_cond_destroy(&P.main_cv);
    pthread_cond_destroy(&P.work_cv);
    pthread_mutex_destroy(&P.mu);
    free(P.slots);
    free(W);
    if (st != LS_OK && run->error == LS_OK)
        run->error = st;
    return st;
}
