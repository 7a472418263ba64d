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
 * anyway (the spool count never goes down, so stage 2 agrees).
 *
 * A big plain JSONL file is read in byte ranges (split.h), each a task of
 * its own.  The first range's reader decides the shape as for any file;
 * the others wait for that and, on JSONL, read speculatively from a line
 * start, numbering lines and items from there.  Stage 2 takes a range's
 * results only when the range before it ended exactly where this one's
 * first record starts (then both read the same records as one reader
 * would), adding the lines and items before it to what the diagnostics
 * say; otherwise it drops them and reads the range again itself from where
 * the one before truly ended (a record over several lines, say). */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <stdio.h>
#include "engine/field_watch.h"
#include "engine/run_int.h"
#include "engine/split.h"

enum {
    CHUNK_ITEMS = 4096, /* events per chunk */
    MAX_PENDING = 8,    /* chunks of one file waiting for stage 2 */
    /* of one range: a worker ahead of stage 2 by a whole range keeps on */
    MAX_PENDING_RANGE = 64
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
    int last;           /* the file's (range's) final chunk */
    /* a range: where its reading stands (at the last chunk: where it ended) */
    ls_source_range info;
    int failed;         /* a range whose input failed (reported) */
    struct chunk *next;
} chunk;

/* What a worker reads: a whole file, or a range of one (part >= 0) */
typedef struct task {
    size_t file;
    uint64_t begin, stop; /* records that start in [begin, stop) */
    int part;             /* -1: the whole file; else the range's index */
} task;

typedef struct file_slot { /* one per task */
    chunk *head, *tail;
    size_t pending;
    int lost;   /* no chunk could be allocated for the file's events */
    int cancel; /* stage 2 does not want them: the worker stops */
} file_slot;

typedef struct par {
    ls_run *run;
    const ls_pathlist *list;
    pthread_mutex_t mu;
    pthread_cond_t work_cv; /* workers: a task may start, a queue shrank, a shape is known */
    pthread_cond_t main_cv; /* stage 2: a chunk arrived */
    task *tasks;
    size_t ntasks;
    size_t next_file;       /* the next task a worker takes */
    size_t merging;         /* the task stage 2 is on */
    size_t window;          /* tasks read ahead of stage 2, at most */
    file_slot *slots;
    int *split;             /* per file: 1 read in ranges (2: a document's), -1 whole,
                               0 not known yet */
    size_t *pieces;         /* per file: its ranges, planned (0: read whole) */
    int *doc;               /* per file: planned as a document (no line starts known) */
    int *records;           /* per file: a document's items are records */
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
    ls_source *src;            /* the range being read */
    ls_source_range info;      /* where it ended */
    int failed;
    /* stage 2 reading a range again itself: each chunk replayed at once */
    int direct;
    const struct fix *fix;
    ls_status direct_st;
} worker;

/* What a range's diagnostics say, made the whole file's: its lines and
 * items are counted from its start */
typedef struct fix {
    uint64_t lines, items; /* newlines and items before the range */
} fix;

static ls_status replay(ls_run *run, const char *path, const chunk *c, const fix *f);

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
    /* a later range's first record, for stage 2 to check (a first range
     * may be a whole document: its cursor is left alone) */
    if (w->src && !w->direct && P->tasks[w->file].part > 0)
        ls_source_range_info(w->src, &c->info);
    if (last) {
        c->info = w->info;
        c->failed = w->failed;
    }
    if (w->direct) { /* stage 2's own reading: replayed here, in order */
        ls_status st = replay(P->run, P->list->paths[P->tasks[w->file].file], c, w->fix);
        if (st == LS_OK)
            st = ls_run_checkpoint(P->run);
        chunk_free(c);
        if (st != LS_OK) {
            w->direct_st = st;
            chunk_free(w->cur);
            w->cur = NULL;
            return -1;
        }
        return rc;
    }
    const task *t = &P->tasks[w->file];
    size_t cap = t->part >= 0 ? MAX_PENDING_RANGE : MAX_PENDING;
    pthread_mutex_lock(&P->mu);
    file_slot *s = &P->slots[w->file];
    if (s->cancel) { /* stage 2 reads this range itself */
        pthread_mutex_unlock(&P->mu);
        chunk_free(c);
        chunk_free(w->cur);
        w->cur = NULL;
        return -1;
    }
    if (s->tail)
        s->tail->next = c;
    else
        s->head = c;
    s->tail = c;
    s->pending++;
    pthread_cond_signal(&P->main_cv);
    while (!P->stop && !s->cancel && s->pending >= cap)
        pthread_cond_wait(&P->work_cv, &P->mu);
    if (s->cancel && w->cur) {
        chunk_free(w->cur);
        w->cur = NULL;
        rc = -1;
    }
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
    if (w->src) /* the "item N" it may say, for stage 2 to renumber */
        e->key_hash = ls_source_items(w->src);
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
    const char *path = P->list->paths[P->tasks[w->file].file];
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

/* The shape of file f, once its first range's reader knows it. */
static void publish_split(par *P, size_t f, int split)
{
    pthread_mutex_lock(&P->mu);
    P->split[f] = split;
    pthread_cond_broadcast(&P->work_cv);
    pthread_mutex_unlock(&P->mu);
}

/* The ranges of a document, as its first range's reader cut it: the
 * tasks after the first take their bounds from there (one without a cut
 * reads nothing).  A document that its reader does not cut is read whole
 * by that reader. */
static void publish_cuts(par *P, const task *t0, ls_source *S)
{
    const uint64_t *cuts;
    size_t n;
    int records;
    ls_source_doc_cuts(S, &cuts, &n, &records);
    size_t f = t0->file, first = (size_t)(t0 - P->tasks);
    pthread_mutex_lock(&P->mu);
    P->records[f] = records;
    for (size_t k = 1; k < P->pieces[f]; k++) {
        task *t = &P->tasks[first + k];
        t->begin = k <= n ? cuts[k - 1] : UINT64_MAX;
        t->stop = k < n ? cuts[k] : UINT64_MAX;
    }
    P->split[f] = n ? 2 : -1;
    pthread_cond_broadcast(&P->work_cv);
    pthread_mutex_unlock(&P->mu);
}

static int wait_split(par *P, size_t t)
{
    pthread_mutex_lock(&P->mu);
    while (!P->stop && !P->slots[t].cancel && P->split[P->tasks[t].file] == 0)
        pthread_cond_wait(&P->work_cv, &P->mu);
    int split = P->stop || P->slots[t].cancel ? -1 : P->split[P->tasks[t].file];
    pthread_mutex_unlock(&P->mu);
    return split;
}

/* Reads one range of a file: the first one as the file would be read (and
 * tells the others whether the file is JSONL), a later one from t->begin.
 * The file's end is not an event: stage 2 counts the file once, from
 * the range that reached it (w->info, w->failed). */
static void read_range(worker *w, const task *t)
{
    par *P = w->P;
    const char *path = P->list->paths[t->file];
    ls_diag_sink sink = {record_diag, w};
    memset(&w->info, 0, sizeof w->info);
    w->info.first = UINT64_MAX;
    w->failed = 0;
    w->malformed_handed = w->stream.stats.malformed;
    w->cur = chunk_new();
    if (!w->cur && w->direct) {
        w->direct_st = LS_E_NOMEM;
        return;
    }
    if (!w->cur) {
        if (t->part == 0)
            publish_split(P, t->file, -1);
        pthread_mutex_lock(&P->mu);
        P->slots[w->file].lost = 1;
        pthread_cond_signal(&P->main_cv);
        pthread_mutex_unlock(&P->mu);
        return;
    }
    int split = t->part > 0 && !w->direct ? wait_split(P, w->file) : 0;
    if (t->part > 0 && !w->direct && split != 1 && split != 2) {
        push_chunk(w, 1); /* not read in ranges: nothing here */
        return;
    }
    if (split == 2) { /* where the document's reader cut it */
        pthread_mutex_lock(&P->mu);
        t = &P->tasks[w->file];
        pthread_mutex_unlock(&P->mu);
        if (t->begin == UINT64_MAX) {
            push_chunk(w, 1); /* fewer cuts than ranges: nothing here */
            return;
        }
    }
    ls_reader_limits lim = w->stream.lim;
    if (t->part == 0) { /* a document's reader cuts it, and shares out its survey */
        lim.split_pieces = P->pieces[t->file];
        lim.split_threads = P->run->threads;
    }
    if (w->direct) { /* read again: as the ranges before it were */
        pthread_mutex_lock(&P->mu);
        split = P->split[t->file];
        pthread_mutex_unlock(&P->mu);
    }
    ls_source *S = NULL;
    ls_status st = t->part == 0 ? ls_source_open_reusing(path, &lim, &w->stream.spare, &S)
                   : split == 2 ? ls_source_open_items_range(path, &lim, &w->stream.spare,
                                                             t->begin, P->records[t->file], &S)
                                : ls_source_open_range(path, &lim, &w->stream.spare, t->begin, &S);
    if (st == LS_E_IO) {
        ls_diag_emit(&sink, LS_DIAG_IO, path, 0, 0, "cannot read: %s", strerror(errno));
        w->failed = 1;
    } else if (st != LS_OK && room(w) == 0) {
        add_error(w, st);
    }
    w->src = S;
    if (S && t->part > 0)
        ls_source_set_stop(S, t->stop);
    int decided = t->part != 0 || w->direct;
    while (S) {
        ls_item item;
        int r = ls_source_next(S, &item, &sink, &w->stream.stats.malformed);
        if (!decided) {
            decided = 1;
            if (r > 0 && ls_source_is_jsonl(S) && !P->doc[t->file]) {
                ls_source_set_stop(S, t->stop);
                publish_split(P, t->file, 1);
            } else {
                publish_cuts(P, t, S); /* or read whole (-1) */
            }
        }
        if (room(w) != 0)
            break;
        if (r <= 0) {
            w->failed = r < 0;
            break;
        }
        if (item.not_lead) {
            add_event(w, EV_NOT_LEADS);
        } else if (!item.is_object) {
            add_event(w, EV_NOT_OBJECT);
        } else {
            event *e = add_event(w, EV_ITEM);
            ls_status failed = item_event(w, item.lead, e);
            if (failed != LS_OK) {
                e->type = EV_ERROR;
                e->status = failed;
                break;
            }
        }
    }
    if (!decided)
        publish_split(P, t->file, -1);
    if (S)
        ls_source_range_info(S, &w->info);
    w->src = NULL;
    ls_source_close(S);
    if (w->cur)
        push_chunk(w, 1);
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    par *P = w->P;
    for (;;) {
        pthread_mutex_lock(&P->mu);
        while (!P->stop && P->next_file < P->ntasks &&
               P->next_file >= P->merging + P->window)
            pthread_cond_wait(&P->work_cv, &P->mu);
        if (P->stop || P->next_file >= P->ntasks) {
            pthread_mutex_unlock(&P->mu);
            break;
        }
        w->file = P->next_file++;
        pthread_mutex_unlock(&P->mu);
        if (P->tasks[w->file].part >= 0)
            read_range(w, &P->tasks[w->file]);
        else
            read_file(w);
    }
    return NULL;
}

/* Writes "<word> <n>" as "<word> <to>" at its first place in msg into out
 * (a word of its own, the number whole); 1 when found. */
static int renumber(ls_buf *out, const char *msg, const char *word, uint64_t n, uint64_t to)
{
    char pat[48];
    int pl = snprintf(pat, sizeof pat, "%s %" PRIu64, word, n);
    for (const char *p = msg; (p = strstr(p, pat)) != NULL; p++) {
        if ((p > msg && p[-1] != ' ') || (p[pl] >= '0' && p[pl] <= '9'))
            continue;
        char num[32];
        int nl = snprintf(num, sizeof num, "%s %" PRIu64, word, to);
        out->len = 0;
        if (ls_buf_append(out, msg, (size_t)(p - msg)) != 0 ||
            ls_buf_append(out, num, (size_t)nl) != 0 ||
            ls_buf_append(out, p + pl, strlen(p + pl) + 1) != 0)
            return -1;
        return 1;
    }
    return 0;
}

/* A range's diagnostic as one reader of the whole file says it: its line,
 * and the "line N" and "item N" of its message (every message of JSONL
 * reading names the record's line, or the item count, that way). */
static ls_status fix_diag(ls_diag *d, const event *e, const fix *f, ls_buf *a, ls_buf *b)
{
    if (!d->line && !e->key_hash)
        return LS_OK;
    const char *msg = d->message;
    if (d->line) {
        d->line = e->line + f->lines;
        int r = renumber(a, msg, "line", e->line, d->line);
        if (r < 0)
            return LS_E_NOMEM;
        if (r)
            msg = a->data;
    }
    if (e->key_hash) {
        int r = renumber(b, msg, "item", e->key_hash, e->key_hash + f->items);
        if (r < 0)
            return LS_E_NOMEM;
        if (r)
            msg = b->data;
    }
    d->message = msg;
    return LS_OK;
}

/* Stage 2 over one chunk, in order (fa, fb: room for renumbered messages). */
static ls_status replay_events(ls_run *run, const char *path, const chunk *c, const fix *f,
                               ls_buf *fa, ls_buf *fb)
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
            if (f && fix_diag(&d, e, f, fa, fb) != LS_OK)
                return LS_E_NOMEM;
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

static ls_status replay(ls_run *run, const char *path, const chunk *c, const fix *f)
{
    ls_buf fa = {0}, fb = {0};
    ls_status st = replay_events(run, path, c, f, &fa, &fb);
    ls_buf_free(&fa);
    ls_buf_free(&fb);
    return st;
}

/* Files whose ranges are looked for: past this many, the files keep the
 * workers busy enough, and looking costs an open per file before any
 * reading starts. */
#define SPLIT_FILES_MAX 256

/* One task per file, or per range of a file read in ranges (none when
 * the run counts watched fields: a range read in vain would count its
 * leads too).  -1 when out of memory. */
static int make_tasks(par *P, const ls_run *run)
{
    const ls_pathlist *list = P->list;
    size_t cap = list->count;
    P->tasks = malloc(cap * sizeof *P->tasks);
    P->pieces = calloc(list->count, sizeof *P->pieces);
    P->records = calloc(list->count, sizeof *P->records);
    P->doc = calloc(list->count, sizeof *P->doc);
    if (!P->tasks || !P->pieces || !P->records || !P->doc)
        return -1;
    for (size_t f = 0; f < list->count; f++) {
        ls_split sp = {NULL, 1, 0};
        if (!run->watch && list->count <= SPLIT_FILES_MAX &&
            ls_split_plan(list->paths[f], &run->lim, &sp) != 0)
            return -1;
        size_t n = sp.n > 1 ? sp.n : 1;
        P->pieces[f] = n > 1 ? n : 0;
        P->doc[f] = sp.doc;
        if (P->ntasks + n > cap) {
            size_t ncap = cap + n + list->count;
            task *t = realloc(P->tasks, ncap * sizeof *t);
            if (!t) {
                ls_split_free(&sp);
                return -1;
            }
            P->tasks = t;
            cap = ncap;
        }
        for (size_t k = 0; k < n; k++)
            P->tasks[P->ntasks++] = (task){f, n > 1 ? sp.starts[k] : 0,
                                           k + 1 < n ? sp.starts[k + 1] : UINT64_MAX,
                                           n > 1 ? (int)k : -1};
        ls_split_free(&sp);
    }
    return 0;
}

/* Stage 2 does not want task t's results: its worker stops. */
static void cancel_task(par *P, size_t t)
{
    pthread_mutex_lock(&P->mu);
    file_slot *s = &P->slots[t];
    s->cancel = 1;
    for (chunk *c = s->head, *n; c; c = n) {
        n = c->next;
        chunk_free(c);
    }
    s->head = s->tail = NULL;
    s->pending = 0;
    pthread_cond_broadcast(&P->work_cv);
    pthread_mutex_unlock(&P->mu);
}

/* The next chunk of task t, waiting for it; NULL when none could be had. */
static chunk *take_chunk(par *P, size_t t)
{
    pthread_mutex_lock(&P->mu);
    file_slot *s = &P->slots[t];
    while (!s->head && !s->lost)
        pthread_cond_wait(&P->main_cv, &P->mu);
    chunk *c = s->head;
    if (c) {
        s->head = c->next;
        if (!s->head)
            s->tail = NULL;
        s->pending--;
        pthread_cond_broadcast(&P->work_cv);
    }
    pthread_mutex_unlock(&P->mu);
    return c;
}

/* Where stage 2 stands in a file read in ranges. */
typedef struct ranges {
    uint64_t end;   /* where the ranges taken so far ended */
    uint64_t lines; /* newlines before end */
    uint64_t items; /* items before end */
    int done;       /* the file's end was reached */
} ranges;

/* A range taken, ended as its reader says: the file's end is counted. */
static void range_ended(ls_run *run, ranges *g, const fix *fx, const ls_source_range *info,
                        int failed)
{
    g->end = info->end;
    g->lines = fx->lines + (info->end_line ? info->end_line - 1 : 0);
    g->items = fx->items + info->items;
    if (failed || !info->stopped) {
        g->done = 1;
        if (failed)
            run->stream.stats.files_failed++;
        else
            run->stream.stats.files_read++;
    }
}

/* Stage 2's own reader, for a range read again: the run's matcher, a
 * stream for its reading memory. */
static worker *repair_worker(par *P, worker **R)
{
    if (!*R && (*R = calloc(1, sizeof **R)) != NULL) {
        (*R)->P = P;
        (*R)->m = P->run->matcher;
        (*R)->direct = 1;
        ls_stream_init(&(*R)->stream, NULL, &P->run->lim);
    }
    return *R;
}

static void repair_worker_free(worker *R)
{
    if (!R)
        return;
    ls_buf_free(&R->key_scratch);
    ls_buf_free(&R->out_scratch);
    ls_stream_free(&R->stream);
    chunk_free(R->cur);
    free(R);
}

/* Stage 2 of task t, a range of a file read in ranges. */
static ls_status merge_range(par *P, size_t t, ranges *g, worker **R)
{
    ls_run *run = P->run;
    const task *T = &P->tasks[t];
    if (T->part == 0)
        memset(g, 0, sizeof *g);
    if (g->done) { /* an earlier range read to the end */
        cancel_task(P, t);
        return LS_OK;
    }
    const char *path = P->list->paths[T->file];
    fix fx = {0, 0};
    chunk *c = take_chunk(P, t);
    if (!c)
        return LS_E_NOMEM;
    if (T->part > 0 && (c->info.first != g->end || c->info.first_line == 0 ||
                        c->info.first_line - 1 > g->lines)) {
        /* the speculation failed: read from where the range before ended */
        run->ranges_reread++;
        chunk_free(c);
        cancel_task(P, t);
        worker *w = repair_worker(P, R);
        if (!w)
            return LS_E_NOMEM;
        task again = *T;
        again.begin = g->end;
        fx = (fix){g->lines, g->items};
        w->file = t;
        w->fix = &fx;
        w->direct_st = LS_OK;
        read_range(w, &again);
        if (w->direct_st != LS_OK)
            return w->direct_st;
        range_ended(run, g, &fx, &w->info, w->failed);
        return LS_OK;
    }
    if (T->part > 0)
        fx = (fix){g->lines - (c->info.first_line - 1), g->items};
    run->ranges_taken++;
    for (;;) {
        int last = c->last;
        ls_source_range info = c->info;
        int failed = c->failed;
        ls_status st = replay(run, path, c, T->part > 0 ? &fx : NULL);
        chunk_free(c);
        if (st == LS_OK)
            st = ls_run_checkpoint(run);
        if (st != LS_OK)
            return st;
        if (last) {
            range_ended(run, g, &fx, &info, failed);
            return LS_OK;
        }
        if (!(c = take_chunk(P, t)))
            return LS_E_NOMEM;
    }
}

ls_status ls_run_parallel(ls_run *run, const ls_pathlist *list)
{
    par P;
    memset(&P, 0, sizeof P);
    P.run = run;
    P.list = list;
    if (make_tasks(&P, run) != 0) {
        free(P.tasks);
        free(P.pieces);
        free(P.records);
        free(P.doc);
        return LS_E_NOMEM;
    }
    size_t nw = (size_t)run->threads;
    if (nw > P.ntasks)
        nw = P.ntasks;
    P.window = 2 * nw + 2;
    P.slots = calloc(P.ntasks, sizeof *P.slots);
    P.split = calloc(list->count, sizeof *P.split);
    worker *W = calloc(nw, sizeof *W);
    if (!P.slots || !P.split || !W) {
        free(P.tasks);
        free(P.slots);
        free(P.split);
        free(P.pieces);
        free(P.records);
        free(P.doc);
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

    worker *R = NULL;
    ranges g = {0, 0, 0, 0};
    for (size_t t = 0; st == LS_OK && t < P.ntasks; t++) {
        pthread_mutex_lock(&P.mu);
        P.merging = t;
        pthread_cond_broadcast(&P.work_cv);
        pthread_mutex_unlock(&P.mu);
        if (P.tasks[t].part >= 0) {
            st = merge_range(&P, t, &g, &R);
            continue;
        }
        for (int last = 0; !last && st == LS_OK;) {
            chunk *c = take_chunk(&P, t);
            if (!c) {
                st = LS_E_NOMEM;
                break;
            }
            last = c->last;
            st = replay(run, list->paths[P.tasks[t].file], c, NULL);
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
    repair_worker_free(R);
    for (size_t t = 0; t < P.ntasks; t++)
        for (chunk *c = P.slots[t].head, *n; c; c = n) {
            n = c->next;
            chunk_free(c);
        }
    pthread_cond_destroy(&P.main_cv);
    pthread_cond_destroy(&P.work_cv);
    pthread_mutex_destroy(&P.mu);
    free(P.slots);
    free(P.split);
    free(P.pieces);
    free(P.records);
    free(P.doc);
    free(P.tasks);
    free(W);
    if (st != LS_OK && run->error == LS_OK)
        run->error = st;
    return st;
}
