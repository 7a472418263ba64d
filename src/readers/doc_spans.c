/* Runs of valid array elements, found by threads (doc_spans.h). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "readers/doc_spans.h"
#include "json/json_internal.h"

#define READ_BYTES ((size_t)1 << 20)
/* an element longer than this ends a run: the survey validates it itself */
#define ELEM_MAX ((size_t)64 << 20)

/* A window on the file, read with pread. */
typedef struct win {
    int fd;
    uint64_t size;
    char *buf;
    size_t cap, len;
    uint64_t base;
} win;

/* The bytes held from off (at least need of them unless the file ends
 * first): their count, with *p at off; 0 at the end or on an error. */
static size_t hold(win *w, uint64_t off, size_t need, const char **p)
{
    if (off >= w->size)
        return 0;
    if (need > w->size - off)
        need = (size_t)(w->size - off);
    if (off < w->base || off + need > w->base + w->len) {
        size_t want = need > READ_BYTES ? need : READ_BYTES;
        if (want > w->size - off)
            want = (size_t)(w->size - off);
        if (want > w->cap) {
            char *b = realloc(w->buf, want);
            if (!b)
                return 0;
            w->buf = b;
            w->cap = want;
        }
        size_t got = 0;
        while (got < want) {
            ssize_t n = pread(w->fd, w->buf + got, want - got, (off_t)(off + got));
            if (n <= 0)
                break;
            got += (size_t)n;
        }
        w->base = off;
        w->len = got;
        if (got < need)
            return 0;
    }
    *p = w->buf + (off - w->base);
    return (size_t)(w->base + w->len - off);
}

/* The first byte other than a blank at or after off, or UINT64_MAX. */
static uint64_t past_blanks(win *w, uint64_t off)
{
    const char *p;
    size_t n;
    while ((n = hold(w, off, 1, &p)) > 0) {
        const char *q = ls_js_ws(p, p + n);
        if (q < p + n)
            return off + (uint64_t)(q - p);
        off += n;
    }
    return UINT64_MAX;
}

/* The length of the valid value at off that a byte other than a blank
 * follows, or 0. */
static size_t element(win *w, uint64_t off, int depth)
{
    size_t want = 1; /* what is held already, first */
    for (;;) {
        const char *p;
        size_t n = hold(w, off, want, &p);
        if (n == 0)
            return 0;
        int to_end = off + n >= w->size;
        size_t vlen = 0;
        ls_scan_error err;
        int r = ls_js_scan(p, n, depth, NULL, &vlen, &err, NULL, NULL, NULL);
        if (r == -2 || (r >= 0 && vlen == n)) {
            if (to_end || n >= ELEM_MAX)
                return 0;
            want = n * 2;
            continue;
        }
        if (r < 0)
            return 0;
        return past_blanks(w, off + vlen) != UINT64_MAX ? vlen : 0;
    }
}

/* The next guess at an element start at or after off, before limit: a
 * '{' after ',' and blanks.  UINT64_MAX when none. */
static uint64_t guess(win *w, uint64_t off, uint64_t limit)
{
    while (off < limit) {
        const char *p;
        size_t n = hold(w, off, 1, &p);
        if (n == 0)
            return UINT64_MAX;
        const char *c = memchr(p, ',', n);
        if (!c) {
            off += n;
            continue;
        }
        off += (uint64_t)(c - p) + 1; /* past the ',' */
        uint64_t s = past_blanks(w, off);
        if (s == UINT64_MAX)
            return UINT64_MAX;
        if (s < limit && hold(w, s, 1, &p) > 0 && *p == '{')
            return s;
    }
    return UINT64_MAX;
}

/* A run from the guess at, or none (from UINT64_MAX): elements to the
 * last one that starts before limit. */
static ls_doc_span run_from(win *w, uint64_t at, uint64_t limit, int depth)
{
    ls_doc_span sp = {UINT64_MAX, 0};
    size_t v = element(w, at, depth);
    if (!v)
        return sp;
    sp.from = at;
    sp.to = at + v;
    for (;;) {
        const char *p;
        uint64_t b = past_blanks(w, sp.to);
        if (b == UINT64_MAX || hold(w, b, 1, &p) == 0 || *p != ',')
            return sp;
        uint64_t s = past_blanks(w, b + 1);
        if (s == UINT64_MAX || s >= limit || !(v = element(w, s, depth)))
            return sp;
        sp.to = s + v;
    }
}

typedef struct spans {
    ls_doc_span *v;
    size_t n, cap;
    int nomem;
} spans;

/* The runs that start in [cut, limit): a run that ends before limit (its
 * array closed, or it was a wrong guess: a nested array's objects, say)
 * is followed by a guess past it, so that the array's own elements are
 * found again. */
static void piece_spans(win *w, uint64_t cut, uint64_t limit, int depth, spans *out)
{
    for (uint64_t at = cut; (at = guess(w, at, limit)) != UINT64_MAX;) {
        ls_doc_span sp = run_from(w, at, limit, depth);
        if (sp.from == UINT64_MAX) {
            at++;
            continue;
        }
        if (out->n == out->cap) {
            size_t cap = out->cap ? 2 * out->cap : 8;
            ls_doc_span *v = realloc(out->v, cap * sizeof *v);
            if (!v) {
                out->nomem = 1;
                return;
            }
            out->v = v;
            out->cap = cap;
        }
        out->v[out->n++] = sp;
        at = sp.to;
    }
}

typedef struct job {
    int fd, depth;
    uint64_t from, size, step;
    size_t pieces;
    atomic_size_t next;
    spans *per; /* one per piece */
} job;

static void *run_pieces(void *arg)
{
    job *J = arg;
    win w = {J->fd, J->size, NULL, 0, 0, 0};
    for (;;) {
        size_t k = atomic_fetch_add(&J->next, 1);
        if (k >= J->pieces)
            break;
        uint64_t cut = J->from + k * J->step;
        uint64_t limit = k + 1 < J->pieces ? cut + J->step : J->size;
        piece_spans(&w, cut, limit, J->depth, &J->per[k]);
    }
    free(w.buf);
    return NULL;
}

static int by_from(const void *a, const void *b)
{
    uint64_t x = ((const ls_doc_span *)a)->from, y = ((const ls_doc_span *)b)->from;
    return x < y ? -1 : x > y;
}

int ls_doc_spans_find(int fd, uint64_t from, uint64_t size, size_t pieces, int threads,
                      int depth, ls_doc_span **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (pieces < 1 || depth < 1 || from >= size || size - from < pieces)
        return 0;
    job J = {fd, depth, from, size, (size - from) / pieces, pieces, 0,
             calloc(pieces, sizeof *J.per)};
    if (!J.per)
        return -1;
    pthread_t *tid = threads > 1 ? calloc((size_t)threads - 1, sizeof *tid) : NULL;
    int started = 0;
    for (; tid && started < threads - 1; started++)
        if (pthread_create(&tid[started], NULL, run_pieces, &J) != 0)
            break;
    run_pieces(&J);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    free(tid);
    size_t m = 0;
    int nomem = 0;
    for (size_t k = 0; k < pieces; k++) {
        m += J.per[k].n;
        nomem |= J.per[k].nomem;
    }
    ls_doc_span *all = m && !nomem ? malloc(m * sizeof *all) : NULL;
    m = 0;
    for (size_t k = 0; k < pieces; k++) {
        if (all && J.per[k].n)
            memcpy(all + m, J.per[k].v, J.per[k].n * sizeof *all);
        m += J.per[k].n;
        free(J.per[k].v);
    }
    free(J.per);
    if (!all)
        return nomem || m ? -1 : 0;
    qsort(all, m, sizeof *all, by_from);
    *out = all;
    *n = m;
    return 0;
}
