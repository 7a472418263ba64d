/* Lead sources.  The shape is decided by content (contract §5): one JSON
 * value in the file = a document (array, response, v1 response or one
 * lead); more than one = JSONL.  JSONL streams through a bounded buffer; a
 * document is held whole, except a big one in a regular file, whose items
 * stream after a survey (docs/architecture.md, "Documents read as they
 * stream").  All positions are absolute file offsets
 * (uint64_t), so files over 4 GiB report correct places. */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "readers/csv.h"
#include "readers/decode.h"
#include "readers/doc_spans.h"
#include "readers/readahead.h"
#include "readers/reader.h"
#include "readers/records.h"
#include "json/json_internal.h"


#define DEFAULT_MAX_RECORD ((size_t)256 << 20)

enum mode { M_START, M_JSONL, M_DOC_ITEMS, M_DOC_RESUMED, M_CSV, M_DONE };

struct ls_source {
    char *name;
    int fd;           /* -1: memory */
    ls_decode *dec;   /* files, compressed memory: decompresses gzip and zstd */
    ls_readahead *ra; /* standard input on a pipe, read ahead: what dec reads */
    const char *packed;      /* compressed memory: the caller's bytes */
    size_t packed_len, packed_pos;
    int dec_failed;   /* compressed data broke off: what came before is read,
                         and the input counts as failed */
    uint64_t dec_fail_off; /* where, in decompressed bytes */
    char *buf;        /* owned buffer (files) */
    const char *data; /* buf, or the caller's memory */
    size_t len, cap;  /* bytes held in data, capacity of buf */
    uint64_t base;    /* file offset of data[0] */
    uint64_t pos;     /* file offset of the scan position */
    int eof;
    uint64_t file_size; /* regular files: st_size, else 0 */
    uint64_t line_off, line; /* line number at line_off */
    size_t max_record;
    int max_depth;
    enum mode mode;
    /* document items */
    int doc_valid;    /* the whole document was valid JSON */
    int need_comma;
    uint64_t kept;    /* items returned from the document */
    uint64_t err_off; /* invalid document: where it breaks (the latest break) */
    ls_diag_kind err_kind;
    char err_msg[128];
    uint64_t items;   /* items seen, for messages */
    uint64_t elem;    /* elements of the items array passed so far (ls_item.index) */
    ls_js_capture capt; /* the lead array's items, scanned with the document */
    size_t cap_next;  /* the next captured item to hand out */
    ls_source_spare *spare; /* where buf and the capture go back when closed */
    ls_js_shapes *shapes;   /* the spare's, or the source's own (own_shapes) */
    size_t chunk_bytes;     /* asked of read() at a time */
    int own_shapes;
    int doc_records;  /* the document's items are records (a top-level array) */
    uint64_t doc_first; /* offset of the first value */
    int line_dropped;   /* skip_line let go of the bytes it was to keep */
    /* JSONL read in byte ranges (ls_source_open_range, ls_source_set_stop):
     * no record that starts at or past stop is read; first_rec is where the
     * first record this source read starts, with its line */
    uint64_t stop, first_rec, first_line;
    int stopped;
    /* a big document in a regular file is surveyed first, then streamed
     * (see "documents read as they stream") */
    int64_t fd_start;   /* file offset where reading began; -1: not seekable */
    int planned;        /* 0: not surveyed, PLAN_WHOLE, PLAN_STREAM */
    uint64_t plan_arr;  /* PLAN_STREAM: the '[' of the items array */
    int plan_valid;     /* PLAN_STREAM: the whole document is valid JSON */
    int doc_stream;     /* the items array is read as it streams */
    /* a big document read in ranges (ls_source_doc_cuts): the runs of valid
     * elements threads found, the survey's next one to look at, and where
     * the survey's walk took one (the array's '[' and the run's start) */
    size_t split_pieces;
    int split_threads;
    ls_doc_span *spans;
    size_t nspans, span_i;
    int spans_sought;
    uint64_t *cut_arr, *cut_at;
    size_t ncuts, cuts_cap, nconfirmed;
    /* arrays held in the buffer being read element by element: a top-level
     * array of a stream (records), and a response's leads inside it */
    struct nest {
        uint64_t start; /* offset of its '[' */
        size_t len;
        size_t pos;     /* ls_jval_next's cursor */
        uint64_t elem;  /* elements passed so far (ls_item.index) */
        int records;
    } nest[2];
    int nest_n;
    /* CSV (contract §5a): by name, or as the reader's options say */
    ls_input_format format;
    int csv_mode;
    ls_csv *csv;
};

#define AT(S, off) ((S)->data + ((off) - (S)->base))
#define END(S) ((S)->base + (S)->len)

static const char *type_name(char c)
{
    switch (c) {
    case '[': return "an array";
    case '"': return "a string";
    case 't': case 'f': return "a boolean";
    case 'n': return "null";
    default: return "a number";
    }
}

/* Line number (1-based) of file offset off, which must be held in data.
 * Moves a cursor, so walking forward costs one memchr pass overall. */
static uint64_t line_at(ls_source *S, uint64_t off)
{
    if (off >= S->line_off) {
        const char *p = AT(S, S->line_off), *e = AT(S, off);
        while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
            S->line++;
            p++;
        }
    } else {
        const char *p = AT(S, off), *e = AT(S, S->line_off);
        while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
            S->line--;
            p++;
        }
    }
    S->line_off = off;
    return S->line;
}

/* Past its stop a range reads only the record that crosses it and the
 * start of the next: a chunk there would be read for nothing.  A longer
 * read (a value being scanned that outgrew a chunk) stays as asked. */
#define RANGE_TAIL ((size_t)64 << 10)
static size_t range_want(const ls_source *S, size_t want)
{
    if (want != S->chunk_bytes)
        return want;
    uint64_t end = S->base + S->len;
    uint64_t near = end < S->stop ? S->stop - end + RANGE_TAIL : RANGE_TAIL;
    return near < want ? (size_t)near : want;
}

/* Drops the bytes before keep and reads at least want more bytes (or to
 * the end of the input).  0 on success, -1 on an I/O error (reported). */
static int fill(ls_source *S, uint64_t keep, size_t want, const ls_diag_sink *sink)
{
    if (S->eof || !S->dec) { /* plain memory: all of it is held */
        S->eof = 1;
        return 0;
    }
    if (keep > S->base) {
        S->capt.n = 0; /* captured leads point into the bytes that move */
        line_at(S, keep); /* count the lines about to be dropped */
        size_t drop = (size_t)(keep - S->base);
        memmove(S->buf, S->buf + drop, S->len - drop);
        S->len -= drop;
        S->base = keep;
    }
    if (S->stop != UINT64_MAX) /* a range: read little past its stop */
        want = range_want(S, want);
    if (want > SIZE_MAX - S->len - 1) {
        ls_diag_emit(sink, LS_DIAG_IO, S->name, 0, END(S), "input too large for memory");
        errno = ENOMEM;
        return -1;
    }
    if (S->cap - S->len < want) {
        size_t cap = S->len + want;
        char *b = realloc(S->buf, cap);
        if (!b) {
            ls_diag_emit(sink, LS_DIAG_IO, S->name, 0, END(S),
                         "out of memory holding %zu bytes of input", cap);
            return -1;
        }
        if (b != S->buf)
            S->capt.n = 0;
        S->buf = b;
        S->data = b;
        S->cap = cap;
    }
    size_t got = 0;
    while (got < want) {
        size_t ask = S->cap - S->len;
        if (S->stop != UINT64_MAX && ask > want - got)
            ask = want - got;
        ssize_t n = ls_decode_read(S->dec, S->buf + S->len, ask);
        if (ls_decode_codec(S->dec)) /* the compressed size says nothing of the input's */
            S->file_size = ls_decode_size_hint(S->dec);
        if (n < 0 && ls_decode_data_error(S->dec)) {
            /* the bytes given so far are good: read them, then fail (said
             * at the end, so that the messages come in reading order
             * whatever the read size) */
            S->dec_failed = 1;
            S->dec_fail_off = ls_decode_given(S->dec);
            S->eof = 1;
            break;
        }
        if (n < 0) {
            ls_diag_emit(sink, LS_DIAG_IO, S->name, 0, END(S), "%s", ls_decode_message(S->dec));
            return -1;
        }
        if (n == 0) {
            S->eof = 1;
            break;
        }
        S->len += (size_t)n;
        got += (size_t)n;
    }
    return 0;
}

static void count(uint64_t *c)
{
    if (c)
        (*c)++;
}

static ls_status make(const char *name, const ls_reader_limits *lim, ls_source **out)
{
    ls_source *S = calloc(1, sizeof *S);
    if (!S)
        return LS_E_NOMEM;
    S->name = strdup(name ? name : "");
    if (!S->name) {
        free(S);
        return LS_E_NOMEM;
    }
    S->fd = -1;
    S->fd_start = -1;
    S->line = 1;
    S->max_record = lim && lim->max_record_bytes ? lim->max_record_bytes : DEFAULT_MAX_RECORD;
    S->max_depth = lim && lim->max_depth > 0 ? lim->max_depth : LS_JSON_DEFAULT_DEPTH;
    S->chunk_bytes = lim && lim->chunk_bytes ? lim->chunk_bytes : (size_t)4 << 20;
    S->mode = M_START;
    S->stop = S->first_rec = UINT64_MAX;
    S->capt.item_depth = S->max_depth;
    S->split_pieces = lim ? lim->split_pieces : 0;
    S->split_threads = lim && lim->split_threads > 0 ? lim->split_threads : 1;
    S->capt.max_items = 16384; /* about 10 MiB; later items are scanned again */
    S->format = lim ? lim->format : LS_INPUT_AUTO;
    S->csv_mode = S->format == LS_INPUT_CSV ||
                  (S->format == LS_INPUT_AUTO && ls_csv_path_is_csv(S->name));
    *out = S;
    return LS_OK;
}

void ls_source_spare_free(ls_source_spare *spare)
{
    if (!spare)
        return;
    free(spare->buf);
    free(spare->items);
    ls_js_shapes_free(spare->shapes);
    memset(spare, 0, sizeof *spare);
}

/* The scanner's key-token memory: the spare's when there is one (so it
 * lasts from file to file of a thread), else the source's own.  Without
 * memory for it the scanner just remembers nothing. */
static void take_shapes(ls_source *S, ls_source_spare *spare)
{
    if (spare && !spare->shapes)
        spare->shapes = ls_js_shapes_new();
    if (spare) {
        S->shapes = spare->shapes;
    } else {
        S->shapes = ls_js_shapes_new();
        S->own_shapes = 1;
    }
    S->capt.shapes = S->shapes;
}

ls_status ls_source_open(const char *path, const ls_reader_limits *lim, ls_source **out)
{
    return ls_source_open_reusing(path, lim, NULL, out);
}

ls_status ls_source_open_reusing(const char *path, const ls_reader_limits *lim,
                                 ls_source_spare *spare, ls_source **out)
{
    if (!path || !out)
        return LS_E_USAGE;
    int fd;
    if (strcmp(path, "-") == 0) {
        fd = STDIN_FILENO;
    } else {
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return LS_E_IO;
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            close(fd);
            errno = EISDIR;
            return LS_E_IO;
        }
    }
    ls_status rc = make(path, lim, out);
    if (rc != LS_OK) {
        if (fd != STDIN_FILENO)
            close(fd);
        return rc;
    }
    (*out)->fd = fd;
    struct stat st;
    if (fd == STDIN_FILENO && lim && lim->read_ahead && fstat(fd, &st) == 0 &&
        S_ISFIFO(st.st_mode) && ((*out)->ra = ls_readahead_new(fd)) != NULL)
        (*out)->dec = ls_decode_new_pull(ls_readahead_pull, (*out)->ra);
    else
        (*out)->dec = ls_decode_new(fd);
    if (!(*out)->dec) {
        ls_source_close(*out);
        *out = NULL;
        return LS_E_NOMEM;
    }
    if (spare) {
        ls_source *S = *out;
        S->spare = spare;
        S->buf = spare->buf;
        S->data = S->buf;
        S->cap = spare->cap;
        S->capt.items = spare->items;
        S->capt.cap = spare->items_cap;
        spare->buf = NULL;
        spare->items = NULL;
        spare->cap = spare->items_cap = 0;
    }
    take_shapes(*out, spare);
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        (*out)->file_size = (uint64_t)st.st_size;
        off_t at = lseek(fd, 0, SEEK_CUR); /* stdin may start anywhere */
        (*out)->fd_start = at >= 0 ? (int64_t)at : -1;
    }
    uint64_t said = ls_decode_size_hint((*out)->dec); /* compressed: what it decompresses to */
    if (ls_decode_codec((*out)->dec))
        (*out)->file_size = said;
    return LS_OK;
}

/* The decoder's reads of a compressed input held in memory. */
static ssize_t pull_packed(void *user, void *buf, size_t cap)
{
    ls_source *S = user;
    size_t n = S->packed_len - S->packed_pos;
    if (n > cap)
        n = cap;
    memcpy(buf, S->packed + S->packed_pos, n);
    S->packed_pos += n;
    return (ssize_t)n;
}

ls_status ls_source_open_memory(const char *name, const char *data, size_t len,
                                const ls_reader_limits *lim, ls_source **out)
{
    if (!out || (!data && len))
        return LS_E_USAGE;
    ls_status rc = make(name, lim, out);
    if (rc != LS_OK)
        return rc;
    ls_source *S = *out;
    take_shapes(S, NULL);
    if (data && ls_decode_is_compressed(data, len)) {
        /* read like a compressed file, so that memory and files agree */
        S->packed = data;
        S->packed_len = len;
        S->dec = ls_decode_new_pull(pull_packed, S);
        if (!S->dec) {
            ls_source_close(S);
            *out = NULL;
            return LS_E_NOMEM;
        }
        return LS_OK;
    }
    S->data = data ? data : "";
    S->len = len;
    S->eof = 1;
    return LS_OK;
}

void ls_source_close(ls_source *S)
{
    if (!S)
        return;
    if (S->fd >= 0 && S->fd != STDIN_FILENO)
        close(S->fd);
    if (S->spare) {
        ls_js_shapes *shapes = S->spare->shapes;
        S->spare->shapes = NULL; /* in use: not another set to drop */
        ls_source_spare_free(S->spare); /* one set is kept: drop any other */
        S->spare->shapes = shapes;
        S->spare->buf = S->buf;
        S->spare->cap = S->cap;
        S->spare->items = S->capt.items;
        S->spare->items_cap = S->capt.cap;
    } else {
        ls_js_capture_free(&S->capt);
        free(S->buf);
    }
    if (S->own_shapes)
        ls_js_shapes_free(S->shapes);
    ls_csv_free(S->csv);
    free(S->spans);
    free(S->cut_arr);
    free(S->cut_at);
    ls_decode_free(S->dec);
    ls_readahead_free(S->ra);
    free(S->name);
    free(S);
}

/* Skips whitespace from S->pos, reading more as needed (dropping nothing
 * before keep; UINT64_MAX: dropping what is skipped).  1 when a non-space byte is at S->pos, 0 at the end, -1 on
 * an I/O error. */
static int skip_ws(ls_source *S, uint64_t keep, const ls_diag_sink *sink)
{
    for (;;) {
        const char *p = AT(S, S->pos), *e = S->data + S->len;
        while (p < e && ls_js_is_ws((unsigned char)*p))
            p++;
        S->pos = S->base + (uint64_t)(p - S->data);
        if (p < e)
            return 1;
        if (S->eof)
            return 0;
        if (fill(S, keep < S->pos ? keep : S->pos, S->chunk_bytes, sink) != 0)
            return -1;
    }
}

/* Moves S->pos past the next newline at or after from (streaming: the
 * bytes in between are dropped, but none before keep while the line is
 * within the record limit: a longer one, /dev/zero say, is let go and
 * S->line_dropped set, so memory stays bounded).  0, or -1 on an I/O
 * error. */
static int skip_line(ls_source *S, uint64_t from, uint64_t keep, const ls_diag_sink *sink)
{
    /* judged on the line's length, not on what happened to be buffered,
     * so that a file and the same bytes in memory read alike */
    const uint64_t line_start = keep;
    S->pos = from;
    S->line_dropped = 0;
    for (;;) {
        if (keep != UINT64_MAX && S->pos - keep > S->max_record)
            keep = UINT64_MAX;
        const char *p = AT(S, S->pos);
        const char *nl = memchr(p, '\n', (size_t)(END(S) - S->pos));
        uint64_t end = nl ? S->base + (uint64_t)(nl - S->data) : END(S);
        if (nl || S->eof) {
            S->line_dropped = line_start != UINT64_MAX && end - line_start > S->max_record;
            S->pos = nl ? end + 1 : end;
            return 0;
        }
        S->pos = END(S);
        if (fill(S, keep < S->pos ? keep : S->pos, S->chunk_bytes, sink) != 0)
            return -1;
    }
}

/* Moves S->pos past the record starting at from without holding it: a
 * record over the record limit is skipped whole, as it is when the input is
 * in memory, not one line at a time (its inner lines would come back as
 * records).  Only strings and brackets are followed.  A record that cannot
 * be complete ends early: at a raw newline inside a string, or at a line
 * that starts with '{' while a bracket is still open (the next record).
 * 0, or -1 on an I/O error. */
static int skip_record(ls_source *S, uint64_t from, const ls_diag_sink *sink)
{
    unsigned long depth = 0;
    int in_str = 0, esc = 0, started = 0, at_line_start = 0;
    S->pos = from;
    for (;;) {
        const char *p = AT(S, S->pos), *e = S->data + S->len;
        for (; p < e; p++) {
            unsigned char c = (unsigned char)*p;
            if (in_str) {
                if (esc)
                    esc = 0;
                else if (c == '\\')
                    esc = 1;
                else if (c == '"')
                    in_str = 0;
                else if (c == '\n')
                    goto done; /* strings hold no raw newline: broken */
                if (!in_str && started && depth == 0) {
                    p++;
                    goto done;
                }
                continue;
            }
            if (c == '\n') {
                at_line_start = 1;
                continue;
            }
            if (at_line_start && c == '{' && depth > 0)
                goto done; /* a new record: this one was cut off */
            at_line_start = 0;
            started = 1;
            if (c == '"') {
                in_str = 1;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth > 0 && --depth == 0) {
                    p++;
                    goto done;
                }
            } else if (depth == 0 && ls_js_is_ws(c)) {
                goto done; /* end of a long scalar */
            }
        }
        S->pos = END(S);
        if (S->eof)
            return 0;
        if (fill(S, S->pos, S->chunk_bytes, sink) != 0)
            return -1;
        continue;
    done:
        S->pos = S->base + (uint64_t)(p - S->data);
        return 0;
    }
}

/* A first value that outgrows the first chunk is most likely the whole
 * document: files up to this size are then read in one go rather than
 * rescanned while doubling. */
#define WHOLE_FILE_MAX ((uint64_t)1 << 30)

/* Scans the value at S->pos, reading more while it is incomplete.  The
 * buffer grows geometrically so a long value is rescanned O(1) times on
 * average.  limit: look at no more than limit + 1 bytes of the value and
 * give up (return -3) when they do not settle it.  The window, not how much
 * happens to be buffered, decides: a file read in any chunk size and the
 * same bytes in memory scan exactly the same bytes and get the same answer
 * (an error whose detection needs bytes past the window, a \u escape cut
 * by it say, is "over the limit" from either).  Returns ls_scan_value's
 * result, -3 over the limit, -2 only at the end of the input. */
static int scan_at(ls_source *S, ls_lead *lead, int depth, size_t limit, ls_jval *doc,
                   size_t *vlen, ls_scan_error *err, const ls_diag_sink *sink)
{
    for (;;) {
        size_t avail = (size_t)(END(S) - S->pos);
        size_t n = avail > limit ? limit + 1 : avail; /* limit < SIZE_MAX here */
        int r = ls_js_scan(AT(S, S->pos), n, depth, lead, vlen, err, doc,
                           doc ? &S->capt : NULL, S->shapes);
        int to_end = n == avail && S->eof; /* the window reaches the end of the input */
        int incomplete = r == -2 || (r >= 0 && *vlen == n && !to_end);
        /* over the limit, whether or not the input ends there; and so is a
         * value whose first problem lies at its limit + 1st byte or past */
        if ((r >= 0 && *vlen > limit) || (r == -1 && err->offset >= limit))
            return -3;
        if (!incomplete)
            return r;
        if (n > limit) /* exactly limit bytes may still be a whole record */
            return -3;
        if (to_end)
            return -2;
        size_t want = avail > S->chunk_bytes ? avail : S->chunk_bytes;
        if (doc && S->file_size <= WHOLE_FILE_MAX && S->file_size > END(S) &&
            S->file_size - END(S) + 1 > want)
            want = (size_t)(S->file_size - END(S)) + 1; /* +1: see the end */
        if (fill(S, S->pos, want, sink) != 0)
            return -4;
    }
}

uint64_t ls_source_item_line(ls_source *S, const ls_item *item)
{
    if (S->csv_mode)
        return ls_csv_line(S->csv);
    /* the item's bytes are still held, and line_at walks only those */
    return line_at(S, item->offset);
}

static int finish_item(ls_source *S, ls_item *item, int r, uint64_t start, size_t vlen,
                       const ls_diag_sink *sink, uint64_t *malformed)
{
    S->items++;
    item->file = S->name;
    item->offset = start;
    item->is_object = r == 1;
    if (vlen > S->max_record) {
        ls_diag_emit(sink, LS_DIAG_LIMIT, S->name, line_at(S, start), start,
                     "item %llu is %zu bytes, over the %zu-byte record limit; skipped",
                     (unsigned long long)S->items, vlen, S->max_record);
        count(malformed);
        return 0;
    }
    if (!item->is_object)
        ls_diag_emit(sink, LS_DIAG_NOT_OBJECT, S->name, line_at(S, start), start,
                     "item %llu is %s, not an object; skipped", (unsigned long long)S->items,
                     type_name(*AT(S, start)));
    return 1;
}

/* ---- records (§5a) ---- */

/* Array of a value held in the buffer, read element by element next. */
static void push_nest(ls_source *S, const ls_jval *arr, int records)
{
    struct nest *n = &S->nest[S->nest_n++];
    n->start = S->base + (uint64_t)(arr->p - S->data);
    n->len = arr->len;
    n->pos = 0;
    n->elem = 0;
    n->records = records;
}

/* The object in item->own, when it is a record: 1 to give it out (a lead,
 * or a record that is not leads, reported, with not_lead set), 2 when it
 * is a response whose leads are read next, 0 when it gives nothing. */
static int take_record(ls_source *S, ls_item *item, uint64_t start, const ls_diag_sink *sink)
{
    ls_jval leads;
    ls_record_kind kind = ls_record_classify(item->lead, &leads);
    if (kind == LS_REC_LEAD)
        return 1;
    uint64_t line = line_at(S, start);
    if (kind == LS_REC_RESPONSE) {
        if (leads.type == LS_J_ARRAY && S->nest_n < 2) {
            push_nest(S, &leads, 0);
            return 2;
        }
        ls_diag_emit(sink, LS_DIAG_NOTE, S->name, line, start,
                     "a response whose \"leads\" is %s: no leads",
                     leads.type == LS_J_NULL ? "null" : "not an array");
        return 0;
    }
    ls_diag_emit(sink, LS_DIAG_NOT_LEADS, S->name, line, start, "%s; skipped",
                 ls_record_kind_message(kind));
    item->not_lead = 1;
    return 1;
}

static const char *jtype_name(ls_jtype t)
{
    switch (t) {
    case LS_J_ARRAY: return "an array";
    case LS_J_STRING: return "a string";
    case LS_J_TRUE: case LS_J_FALSE: return "a boolean";
    case LS_J_NULL: return "null";
    default: return "a number";
    }
}

/* The next element of the innermost held array: 1 with *item, 2 when a
 * response's leads were pushed, 0 when the arrays are done. */
static int nest_next(ls_source *S, ls_item *item, const ls_diag_sink *sink,
                     uint64_t *malformed)
{
    while (S->nest_n > 0) {
        struct nest *n = &S->nest[S->nest_n - 1];
        ls_jval arr = {AT(S, n->start), n->len, LS_J_ARRAY, 0, 0}, e;
        if (!ls_jval_next(&arr, &n->pos, NULL, &e)) {
            S->nest_n--;
            continue;
        }
        uint64_t start = n->start + (uint64_t)(e.p - arr.p) - (e.type == LS_J_STRING);
        item->file = S->name;
        item->offset = start;
        item->index = n->elem++;
        S->items++;
        if (e.type != LS_J_OBJECT) {
            item->is_object = 0;
            ls_diag_emit(sink, LS_DIAG_NOT_OBJECT, S->name, line_at(S, start), start,
                         "item %llu is %s, not an object; skipped",
                         (unsigned long long)S->items, jtype_name(e.type));
            return 1;
        }
        size_t vlen = 0;
        ls_scan_error err;
        if (e.len > S->max_record ||
            ls_scan_lead(e.p, e.len, S->max_depth, &item->own, &vlen, &err, S->shapes) != 1) {
            ls_diag_emit(sink, LS_DIAG_LIMIT, S->name, line_at(S, start), start,
                         "item %llu: %s; skipped", (unsigned long long)S->items,
                         e.len > S->max_record ? "over the record limit" : err.message);
            count(malformed);
            continue;
        }
        item->is_object = 1;
        if (!n->records)
            return 1;
        int t = take_record(S, item, start, sink);
        if (t != 0)
            return t;
    }
    return 0;
}

/* ---- JSONL ---- */

static int jsonl_next(ls_source *S, ls_item *item, const ls_diag_sink *sink,
                      uint64_t *malformed)
{
    for (;;) {
        int w = skip_ws(S, S->pos, sink);
        if (w >= 0 && S->first_rec == UINT64_MAX) {
            S->first_rec = S->pos;
            S->first_line = line_at(S, S->pos);
        }
        if (w <= 0) {
            S->mode = M_DONE;
            return w;
        }
        if (S->pos >= S->stop) { /* the next range's record */
            S->mode = M_DONE;
            S->stopped = 1;
            return 0;
        }
        uint64_t start = S->pos;
        size_t vlen = 0;
        ls_scan_error err;
        int r = scan_at(S, &item->own, S->max_depth, S->max_record, NULL, &vlen, &err, sink);
        if (r == -4) {
            S->mode = M_DONE;
            return -1;
        }
        if (r >= 0) {
            S->pos = start + vlen;
            if (r == 0 && *AT(S, start) == '[' && vlen <= S->max_record) {
                /* a document of a stream: its items are records */
                ls_jval arr = {AT(S, start), vlen, LS_J_ARRAY, 0, 0};
                push_nest(S, &arr, 1);
                return 2;
            }
            if (!finish_item(S, item, r, start, vlen, sink, malformed))
                continue;
            if (r != 1)
                return 1;
            int t = take_record(S, item, start, sink);
            if (t != 0)
                return t;
            continue;
        }
        uint64_t line = line_at(S, start);
        if (r == -3) {
            ls_diag_emit(sink, LS_DIAG_LIMIT, S->name, line, start,
                         "record at line %llu is longer than the %zu-byte record limit; skipped",
                         (unsigned long long)line, S->max_record);
        } else if (r == -2) {
            ls_diag_emit(sink, LS_DIAG_MALFORMED, S->name, line, start,
                         "line %llu: record cut off at the end of the input; skipped",
                         (unsigned long long)line);
        } else {
            ls_diag_emit(sink, err.kind, S->name, line, start,
                         "line %llu: %s (byte offset %llu); line skipped",
                         (unsigned long long)line, err.message,
                         (unsigned long long)(start + err.offset));
        }
        count(malformed);
        int skipped = r == -3 ? skip_record(S, start, sink) : skip_line(S, start, UINT64_MAX, sink);
        if (skipped != 0) {
            S->mode = M_DONE;
            return -1;
        }
    }
}

/* ---- byte ranges of a JSONL file ---- */

/* A source that reads path from begin, which is a cut: no shape is
 * looked for there. */
static ls_status open_at(const char *path, const ls_reader_limits *lim, ls_source_spare *spare,
                         uint64_t begin, ls_source **out)
{
    if (!path || strcmp(path, "-") == 0)
        return LS_E_USAGE;
    ls_status rc = ls_source_open_reusing(path, lim, spare, out);
    if (rc != LS_OK)
        return rc;
    ls_source *S = *out;
    ls_decode_free(S->dec);
    S->dec = NULL;
    rc = lseek(S->fd, (off_t)begin, SEEK_SET) == (off_t)begin ? LS_OK : LS_E_IO;
    /* the range's first bytes are no magic, whatever they hold */
    if (rc == LS_OK && !(S->dec = ls_decode_new_plain(S->fd)))
        rc = LS_E_NOMEM;
    if (rc != LS_OK) {
        int saved = errno;
        ls_source_close(S);
        *out = NULL;
        errno = saved;
        return rc;
    }
    S->base = S->pos = S->line_off = begin;
    S->line = 1;
    S->csv_mode = 0;
    S->split_pieces = 0;
    return LS_OK;
}

ls_status ls_source_open_range(const char *path, const ls_reader_limits *lim,
                               ls_source_spare *spare, uint64_t begin, ls_source **out)
{
    ls_status rc = open_at(path, lim, spare, begin, out);
    if (rc == LS_OK)
        (*out)->mode = M_JSONL;
    return rc;
}

int ls_source_is_jsonl(const ls_source *S)
{
    return S->mode == M_JSONL && !(S->dec && ls_decode_codec(S->dec));
}

void ls_source_set_stop(ls_source *S, uint64_t stop)
{
    S->stop = stop;
}

uint64_t ls_source_items(const ls_source *S)
{
    return S->items;
}

void ls_source_range_info(ls_source *S, ls_source_range *out)
{
    out->first = S->first_rec;
    out->first_line = S->first_line;
    out->end = S->pos;
    /* wanted only where a range stopped (pos and the line cursor then lie
     * in the bytes held, near each other); a document read whole is not
     * walked again for it */
    out->end_line = S->stopped && S->pos >= S->base && S->pos <= END(S) ? line_at(S, S->pos) : 0;
    out->items = S->items;
    out->stopped = S->stopped;
}

/* ---- documents ---- */

/* Levels a document may add above its leads: {"data": {"leads": [...]}}. */
#define WRAP_DEPTH 3

/* Reports a break of an invalid document (S->err_off, at line), counted as
 * malformed: with the line of the item where reading resumes, or 0 when
 * reading stops there. */
static void doc_error(ls_source *S, uint64_t line, uint64_t resume_line,
                      const ls_diag_sink *sink, uint64_t *malformed)
{
    char kept[64], resume[64] = "";
    if (S->kept)
        snprintf(kept, sizeof kept, "kept the %llu complete items before it",
                 (unsigned long long)S->kept);
    else
        snprintf(kept, sizeof kept, "%s",
                 resume_line ? "no complete item before it" : "no item could be kept");
    if (resume_line)
        snprintf(resume, sizeof resume, ", skipped to the next item at line %llu",
                 (unsigned long long)resume_line);
    ls_diag_emit(sink, S->err_kind, S->name, line, S->err_off,
                 "not valid JSON at line %llu, byte offset %llu: %s; %s%s",
                 (unsigned long long)line, (unsigned long long)S->err_off, S->err_msg, kept,
                 resume);
    count(malformed);
}

static int blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Moves S->pos to the next line that starts an item of the array (§5a):
 * blanks, at most one ',' and blanks, then '{' (the items are objects).
 * The line holding from counts when from is that '{' itself (a ',' was
 * missing before it); the bytes from its line's start, or from the last
 * non-blank byte before it, must still be held.  Lines are let go as they
 * are passed, so memory stays bounded.  1 with S->pos at the '{', 0 when no
 * later line starts an item, -1 on an I/O error. */
static int find_item_line(ls_source *S, uint64_t from, const ls_diag_sink *sink)
{
    if (from < END(S) && *AT(S, from) == '{') {
        const char *b = AT(S, from);
        int comma = 0;
        while (b > S->data && (blank(b[-1]) || (b[-1] == ',' && !comma))) {
            comma |= b[-1] == ',';
            b--;
        }
        if (b > S->data && b[-1] == '\n') {
            S->pos = from;
            return 1;
        }
    }
    uint64_t p = from;
    for (;;) {
        if (skip_line(S, p, UINT64_MAX, sink) != 0)
            return -1;
        int comma = 0;
        for (;;) { /* the line's first bytes */
            if (S->pos >= END(S)) {
                if (S->eof)
                    return 0;
                if (fill(S, S->pos, S->chunk_bytes, sink) != 0)
                    return -1;
                continue;
            }
            char c = *AT(S, S->pos);
            if (c == '{')
                return 1;
            if (!blank(c) && (c != ',' || comma))
                break;
            comma |= c == ',';
            S->pos++;
        }
        p = S->pos;
    }
}

/* A break inside the items array at S->err_off (err_kind, err_msg set):
 * reported once, and reading resumes at the next line that starts an item
 * (§5a).  2 to read on from there, 0 when nothing is left, -1 on an I/O
 * error. */
static int doc_break(ls_source *S, const ls_diag_sink *sink, uint64_t *malformed)
{
    uint64_t line = line_at(S, S->err_off); /* before the search lets the bytes go */
    int found = find_item_line(S, S->err_off, sink);
    doc_error(S, line, found == 1 ? line_at(S, S->pos) : 0, sink, malformed);
    if (found != 1) {
        S->mode = M_DONE;
        return found;
    }
    S->mode = M_DOC_RESUMED;
    S->need_comma = 0;
    return 2;
}

static void set_break(ls_source *S, uint64_t off, ls_diag_kind kind, const char *msg)
{
    S->err_off = off;
    S->err_kind = kind;
    snprintf(S->err_msg, sizeof S->err_msg, "%s", msg);
}

/* The items array of an invalid document past a break: items are read one
 * at a time, like JSONL records, each within the record limit, with ','
 * between them; ']' ends the array (what follows it is not read). */
static int resumed_next(ls_source *S, ls_item *item, const ls_diag_sink *sink,
                        uint64_t *malformed)
{
    for (;;) {
        /* the byte before stays held: find_item_line looks back from a break */
        int w = skip_ws(S, S->pos > S->base ? S->pos - 1 : S->pos, sink);
        if (w < 0) {
            S->mode = M_DONE;
            return -1;
        }
        if (w == 0) {
            set_break(S, END(S), LS_DIAG_MALFORMED, "unexpected end of input (truncated?)");
            return doc_break(S, sink, malformed);
        }
        char c = *AT(S, S->pos);
        if (c == ']') {
            S->mode = M_DONE;
            return 0;
        }
        if (S->need_comma) {
            if (c != ',') {
                set_break(S, S->pos, LS_DIAG_MALFORMED,
                          "expected ',' or ']' after an array element");
                int r = doc_break(S, sink, malformed);
                if (r != 2)
                    return r;
                continue;
            }
            S->pos++;
            S->need_comma = 0;
            continue;
        }
        uint64_t start = S->pos;
        size_t vlen = 0;
        ls_scan_error err;
        int r = scan_at(S, &item->own, S->max_depth, S->max_record, NULL, &vlen, &err, sink);
        if (r == -4) {
            S->mode = M_DONE;
            return -1;
        }
        if (r >= 0) {
            S->pos = start + vlen;
            S->need_comma = 1;
            if (!finish_item(S, item, r, start, vlen, sink, malformed))
                continue;
            S->kept++;
            if (r != 1 || !S->doc_records)
                return 1;
            int t = take_record(S, item, start, sink);
            if (t != 0)
                return t;
            continue;
        }
        if (r == -3 || (r == -1 && err.kind == LS_DIAG_LIMIT)) {
            /* over a limit: this item is skipped whole, as in JSONL */
            S->items++;
            uint64_t line = line_at(S, start);
            if (r == -3)
                ls_diag_emit(sink, LS_DIAG_LIMIT, S->name, line, start,
                             "item %llu is longer than the %zu-byte record limit; skipped",
                             (unsigned long long)S->items, S->max_record);
            else
                ls_diag_emit(sink, LS_DIAG_LIMIT, S->name, line, start,
                             "item %llu: %s; skipped", (unsigned long long)S->items,
                             err.message);
            count(malformed);
            if (skip_record(S, start, sink) != 0) {
                S->mode = M_DONE;
                return -1;
            }
            S->need_comma = 1;
            w = skip_ws(S, S->pos, sink);
            if (w < 0) {
                S->mode = M_DONE;
                return -1;
            }
            c = w ? *AT(S, S->pos) : 0;
            if (w == 0 || c == ',' || c == ']')
                continue;
            /* cut off: skip_record stopped at the line of the next item, or
             * at a string's raw newline */
            S->need_comma = 0;
            if (c == '{')
                continue;
            int found = find_item_line(S, S->pos, sink);
            if (found != 1) {
                S->mode = M_DONE;
                return found;
            }
            continue;
        }
        /* malformed, or cut off by the end of the input */
        if (r == -2)
            set_break(S, END(S), LS_DIAG_MALFORMED, "unexpected end of input (truncated?)");
        else
            set_break(S, start + err.offset, err.kind, err.message);
        r = doc_break(S, sink, malformed);
        if (r != 2)
            return r;
    }
}

/* An item of a document's array read: handed out (1, or take_record's
 * answer for records), or 0 to read on. */
static int hand_out(ls_source *S, ls_item *item, int r, uint64_t start, size_t vlen,
                    const ls_diag_sink *sink, uint64_t *malformed)
{
    S->pos = start + vlen;
    S->need_comma = 1;
    uint64_t index = S->elem++;
    if (!finish_item(S, item, r, start, vlen, sink, malformed))
        return 0;
    item->index = index;
    S->kept++;
    if (r != 1 || !S->doc_records)
        return 1;
    return take_record(S, item, start, sink);
}

static int doc_next(ls_source *S, ls_item *item, const ls_diag_sink *sink, uint64_t *malformed)
{
    /* An invalid document's items end where it breaks: what lies past
     * that point is not part of any item, and only sometimes buffered. */
    const char *e = S->doc_valid ? S->data + S->len : AT(S, S->err_off);
    int closed = 0; /* the array ended before the break */
    for (;;) {
        const char *p = ls_js_ws(AT(S, S->pos), e);
        if (p < e && *p == ']') {
            closed = 1;
            break;
        }
        if (S->need_comma) {
            if (p >= e || *p != ',')
                break;
            p = ls_js_ws(p + 1, e);
        }
        if (p >= e)
            break;
        uint64_t start = S->base + (uint64_t)(p - S->data);
        size_t vlen = 0;
        ls_scan_error err;
        int r;
        const ls_js_item *ci = S->cap_next < S->capt.n ? &S->capt.items[S->cap_next] : NULL;
        if (ci && ci->lead.raw == p) { /* scanned with the document */
            item->lead = &ci->lead; /* no copy: it stays valid until the next call */
            vlen = ci->vlen;
            r = 1;
            S->cap_next++;
        } else {
            item->lead = &item->own; /* not a captured item skipped before it */
            r = ls_scan_lead(p, (size_t)(e - p), S->max_depth, &item->own, &vlen, &err,
                             S->shapes);
        }
        if (r == -1 && err.kind == LS_DIAG_LIMIT && S->doc_valid) {
            /* valid but too deep: skip just this item */
            uint64_t line = line_at(S, start);
            S->items++;
            ls_diag_emit(sink, LS_DIAG_LIMIT, S->name, line, start, "item %llu: %s; skipped",
                         (unsigned long long)S->items, err.message);
            count(malformed);
            S->pos = start + (uint64_t)(ls_js_skip(p, e) - p);
            S->need_comma = 1;
            S->elem++;
            continue;
        }
        if (r == -1) { /* the first error in reading order is the one to report */
            uint64_t eo = start + err.offset;
            if (S->doc_valid || eo <= S->err_off) {
                S->doc_valid = 0;
                S->err_off = eo;
                S->err_kind = err.kind;
                snprintf(S->err_msg, sizeof S->err_msg, "%s", err.message);
            }
        }
        if (r < 0)
            break;
        int t = hand_out(S, item, r, start, vlen, sink, malformed);
        if (t != 0)
            return t;
    }
    if (!S->doc_valid) {
        if (!closed) /* the array breaks: read on at its next item (§5a) */
            return doc_break(S, sink, malformed);
        doc_error(S, line_at(S, S->err_off), 0, sink, malformed);
    }
    S->mode = M_DONE;
    return 0;
}

/* An invalid document: finds the array of items that precedes the error —
 * the document itself when it is an array, else top-level "leads", else
 * "data"."leads" — walking only members that are complete.  Returns its
 * offset ('['), or UINT64_MAX when there is none. */
static uint64_t find_items_array(ls_source *S, uint64_t first)
{
    const char *e = S->data + S->len;
    const char *p = AT(S, first);
    if (*p == '[')
        return first;
    if (*p != '{')
        return UINT64_MAX;
    for (int level = 0; level < 2;) {
        /* p at '{': walk its members */
        p = ls_js_ws(p + 1, e);
        int descended = 0;
        while (p < e && *p == '"') {
            size_t klen;
            ls_scan_error err;
            if (ls_scan_value(p, (size_t)(e - p), 2, NULL, &klen, &err) != 0)
                return UINT64_MAX;
            int is_leads = ls_js_key_equals(p + 1, klen - 2, memchr(p, '\\', klen) != NULL,
                                            "leads", 5);
            int is_data = level == 0 && ls_js_key_equals(p + 1, klen - 2,
                                                         memchr(p, '\\', klen) != NULL, "data", 4);
            p = ls_js_ws(p + klen, e);
            if (p >= e || *p != ':')
                return UINT64_MAX;
            p = ls_js_ws(p + 1, e);
            if (p >= e)
                return UINT64_MAX;
            if (is_leads && *p == '[')
                return S->base + (uint64_t)(p - S->data);
            if (is_data && *p == '{') {
                level = 1;
                descended = 1;
                break;
            }
            size_t vlen;
            if (ls_scan_value(p, (size_t)(e - p), S->max_depth + WRAP_DEPTH - 1, NULL, &vlen,
                              &err) < 0)
                return UINT64_MAX;
            p = ls_js_ws(p + vlen, e);
            if (p >= e || *p != ',')
                return UINT64_MAX;
            p = ls_js_ws(p + 1, e);
        }
        if (!descended)
            return UINT64_MAX;
    }
    return UINT64_MAX;
}

static void start_items(ls_source *S, uint64_t bracket, int valid)
{
    S->mode = M_DOC_ITEMS;
    S->doc_records = *AT(S, bracket) == '[' && bracket == S->doc_first;
    S->pos = bracket + 1;
    S->need_comma = 0;
    S->doc_valid = valid;
    S->elem = 0;
}

/* ---- documents read as they stream ----
 *
 * A document much larger than the read size (a big array, a response) is
 * read twice when it is a regular file: a survey first validates it item by
 * item in a bounded buffer, finding what the whole-document scan above
 * would find (valid or not, where and why it first breaks, which items
 * array it reads, whether another value follows); then the file is read
 * again from its start and the items array streams like JSONL lines, each
 * item handed out as it is read and let go of at the next call.  When the
 * survey shows that the answer depends on more than the items array (a
 * value after the document, which makes the input JSONL; a break on the
 * first line, which may make it JSONL too; no items array to read; a
 * response whose "leads" is not one), the file is read whole as above.
 * Pipes and compressed inputs cannot be read twice: they are read whole. */

#define PLAN_WHOLE 1
#define PLAN_STREAM 2

/* What the survey learns, in the whole-document scan's terms. */
typedef struct doc_survey {
    int depth;        /* the document's nesting limit (max_depth + WRAP_DEPTH) */
    int r;            /* 1 object, 0 array, -1 invalid, -2 cut off */
    uint64_t first;
    int trailing;     /* valid: another value follows */
    /* the last top-level "leads" and "data", and the last "data"'s
     * "leads": their first byte (0: absent) and offset */
    char t_leads, t_data, t_inner;
    uint64_t o_leads, o_inner;
    /* find_items_array's answer: 0 looking at the top level, 1 inside the
     * first "data" object, 2 done */
    int fa_state;
    uint64_t first_arr;
    int personas;     /* top-level "linkedin_lead_persona" members */
    int nl_before_break; /* invalid: a '\n' lies between first and the break */
} doc_survey;

/* Whitespace at S->pos: 1 with a byte there, 0 at the end, -1 on an I/O error. */
static int sv_ws(ls_source *S, const ls_diag_sink *sink)
{
    for (;;) {
        while (S->pos < END(S) && ls_js_is_ws((unsigned char)*AT(S, S->pos)))
            S->pos++;
        if (S->pos < END(S))
            return 1;
        if (S->eof)
            return 0;
        if (fill(S, S->pos, S->chunk_bytes, sink) != 0)
            return -1;
    }
}

static void sv_fail(ls_source *S, doc_survey *V, uint64_t off, ls_diag_kind kind, const char *msg)
{
    V->r = -1;
    set_break(S, off, kind, msg);
}

/* The end of the input inside the document (the scan's -2). */
static int sv_cut(ls_source *S, doc_survey *V)
{
    V->r = -2;
    set_break(S, END(S), LS_DIAG_MALFORMED, "unexpected end of input (truncated?)");
    return 1;
}

/* The value at S->pos, scanned whole as the document scan would at
 * nesting level k (its message about depth names the document's limit).
 * Validated only, not read as a lead: a lead's own limits (personas) are
 * not the document's, and validating costs fewer instructions than the
 * lead scanner's fast path.  0 with S->pos past it, 1 when the document
 * breaks there (recorded), -1 on an I/O error. */
static int sv_value(ls_source *S, doc_survey *V, int k, const ls_diag_sink *sink)
{
    size_t vlen = 0;
    ls_scan_error err;
    int r = scan_at(S, NULL, V->depth - k, SIZE_MAX, NULL, &vlen, &err, sink);
    if (r == -4)
        return -1;
    char c = *AT(S, S->pos);
    if (r == -2 || (r == 0 && S->eof && S->pos + vlen == END(S) &&
                    (c == '-' || c == 'I' || c == 'N' || (c >= '0' && c <= '9'))))
        return sv_cut(S, V); /* inside the document a number needs a byte after it */
    if (r == -1) {
        if (err.kind == LS_DIAG_LIMIT && strncmp(err.message, "nesting deeper", 14) == 0)
            snprintf(err.message, sizeof err.message, "nesting deeper than %d levels",
                     V->depth);
        sv_fail(S, V, S->pos + err.offset, err.kind, err.message);
        return 1;
    }
    S->pos += vlen;
    return 0;
}

/* After a value in a container: ',' (1), the closing bracket (0, passed),
 * or a break (2 recorded; -1 on an I/O error). */
static int sv_after(ls_source *S, doc_survey *V, char close, const ls_diag_sink *sink)
{
    int w = sv_ws(S, sink);
    if (w < 0)
        return -1;
    if (w == 0)
        return sv_cut(S, V) + 1;
    char c = *AT(S, S->pos);
    if (c == close) {
        S->pos++;
        return 0;
    }
    if (c != ',') {
        sv_fail(S, V, S->pos, LS_DIAG_MALFORMED,
                close == '}' ? "expected ',' or '}' after an object member"
                             : "expected ',' or ']' after an array element");
        return 2;
    }
    S->pos++;
    w = sv_ws(S, sink);
    if (w < 0)
        return -1;
    return w == 0 ? sv_cut(S, V) + 1 : 1;
}

/* An array at S->pos whose elements are at level k, element by element.
 * 0 passed, 1 broken (recorded), -1 on an I/O error. */
static int sv_jump(ls_source *S, uint64_t arr, const ls_diag_sink *sink);
static int splits(const ls_source *S);

/* How far into an array the survey's walk goes alone: a range's bytes,
 * at most 1 MiB (the threads then share the rest). */
#define SPANS_AFTER(S) ((S)->file_size / (S)->split_pieces < ((uint64_t)1 << 20) \
                            ? (S)->file_size / (S)->split_pieces : ((uint64_t)1 << 20))

/* A long array, to be read in ranges: the rest of the file is looked at
 * by threads for runs of elements (doc_spans.h), once.  The runs are
 * valid at every level an items array may be at (1 to WRAP_DEPTH);
 * without them the survey validates every element itself.  Only for a
 * long array: the first value of a JSONL file is seldom one. */
static void seek_spans(ls_source *S, int depth)
{
    S->spans_sought = 1;
    size_t pieces = S->split_pieces - 1;
    if (ls_doc_spans_find(S->fd, S->pos, S->file_size, pieces, S->split_threads,
                          depth - WRAP_DEPTH, &S->spans, &S->nspans) != 0)
        S->nspans = 0;
}

static int sv_array(ls_source *S, doc_survey *V, int k, const ls_diag_sink *sink)
{
    uint64_t arr = S->pos;
    S->pos++;
    int w = sv_ws(S, sink);
    if (w <= 0)
        return w < 0 ? -1 : sv_cut(S, V);
    if (*AT(S, S->pos) == ']') {
        S->pos++;
        return 0;
    }
    for (;;) {
        if (splits(S) && !S->spans_sought && S->pos - arr > SPANS_AFTER(S))
            seek_spans(S, V->depth);
        int r = S->nspans ? sv_jump(S, arr, sink) : 0;
        if (r == 0)
            r = sv_value(S, V, k, sink);
        else if (r > 0)
            r = 0;
        if (r != 0)
            return r;
        r = sv_after(S, V, ']', sink);
        if (r != 1)
            return r < 0 ? -1 : r > 0;
    }
}

static char first_byte_type(char c)
{
    return c == '[' || c == '{' || c == 'n' ? c : 'x';
}

static int sv_object(ls_source *S, doc_survey *V, int k, int level, const ls_diag_sink *sink);

/* One member of an object at level k (its key at S->pos): its key, then
 * its value, walked when it may hold the items.  0, 1 broken, -1. */
static int sv_member(ls_source *S, doc_survey *V, int k, int level, const ls_diag_sink *sink)
{
    char c = *AT(S, S->pos);
    if (c != '"') {
        sv_fail(S, V, S->pos, LS_DIAG_MALFORMED,
                c == '}' ? "trailing comma before '}'" : "expected a string key");
        return 1;
    }
    size_t klen = 0;
    ls_scan_error err;
    int r = scan_at(S, NULL, 1, SIZE_MAX, NULL, &klen, &err, sink);
    if (r == -4)
        return -1;
    if (r == -2)
        return sv_cut(S, V);
    if (r == -1) {
        sv_fail(S, V, S->pos + err.offset, err.kind, err.message);
        return 1;
    }
    const char *b = AT(S, S->pos) + 1;
    int esc = memchr(b, '\\', klen - 2) != NULL;
    int is_leads = 0, is_data = 0, is_persona = 0;
    if (level == 0) {
        int field = ls_js_field_of_key(b, klen - 2, esc);
        is_persona = field == LS_F_LINKEDIN_LEAD_PERSONA;
        is_leads = field < 0 && ls_js_key_equals(b, klen - 2, esc, "leads", 5);
        is_data = field < 0 && ls_js_key_equals(b, klen - 2, esc, "data", 4);
    } else {
        is_leads = ls_js_key_equals(b, klen - 2, esc, "leads", 5);
    }
    /* find_items_array's walk does not ask whether a key is a field */
    int fa_leads = ls_js_key_equals(b, klen - 2, esc, "leads", 5);
    int fa_data = level == 0 && ls_js_key_equals(b, klen - 2, esc, "data", 4);
    S->pos += klen;
    int w = sv_ws(S, sink);
    if (w <= 0)
        return w < 0 ? -1 : sv_cut(S, V);
    if (*AT(S, S->pos) != ':') {
        sv_fail(S, V, S->pos, LS_DIAG_MALFORMED, "expected ':' after an object key");
        return 1;
    }
    S->pos++;
    w = sv_ws(S, sink);
    if (w <= 0)
        return w < 0 ? -1 : sv_cut(S, V);
    uint64_t mstart = S->pos;
    c = *AT(S, S->pos);
    if (fa_leads && c == '[' && V->fa_state == level) {
        V->first_arr = mstart;
        V->fa_state = 2;
    }
    int fa_descend = fa_data && c == '{' && V->fa_state == 0;
    if (fa_descend)
        V->fa_state = 1;
    if (is_data)
        V->t_inner = 0; /* the last "data" decides */
    if (c == '[' && (is_leads || fa_leads))
        r = sv_array(S, V, k + 1, sink);
    else if (c == '{' && level == 0 && (is_data || fa_data))
        r = sv_object(S, V, k + 1, 1, sink);
    else
        r = sv_value(S, V, k, sink);
    if (fa_descend && V->fa_state == 1)
        V->fa_state = 2; /* find_items_array does not come back up */
    if (r != 0)
        return r;
    if (level == 0 && is_leads) {
        V->t_leads = first_byte_type(c);
        V->o_leads = mstart;
    } else if (level == 0 && is_data) {
        V->t_data = first_byte_type(c);
    } else if (level == 1 && is_leads) {
        V->t_inner = first_byte_type(c);
        V->o_inner = mstart;
    }
    if (is_persona) { /* the document's own lead limits, as the scan checks them */
        if (V->personas >= LS_LEAD_MAX_PERSONA_SLOTS) {
            sv_fail(S, V, mstart, LS_DIAG_LIMIT,
                    "more than 4 \"linkedin_lead_persona\" members in one lead");
            return 1;
        }
        if (mstart - V->first > UINT32_MAX || S->pos - mstart > UINT32_MAX) {
            sv_fail(S, V, mstart, LS_DIAG_LIMIT, "lead larger than 4 GiB");
            return 1;
        }
        V->personas++;
    }
    return 0;
}

/* An object at S->pos whose members' values are at level k; level 0 is
 * the document, 1 its "data".  0, 1 broken, -1. */
static int sv_object(ls_source *S, doc_survey *V, int k, int level, const ls_diag_sink *sink)
{
    S->pos++;
    int w = sv_ws(S, sink);
    if (w <= 0)
        return w < 0 ? -1 : sv_cut(S, V);
    if (*AT(S, S->pos) == '}') {
        S->pos++;
        return 0;
    }
    for (;;) {
        int r = sv_member(S, V, k, level, sink);
        if (r != 0)
            return r;
        r = sv_after(S, V, '}', sink);
        if (r != 1)
            return r < 0 ? -1 : r > 0;
    }
}

/* 1 when a '\n' lies in [from, to) of the file, read again (only broken
 * documents ask, so the survey need not look at every byte); -1 on an
 * I/O error. */
static int newline_between(ls_source *S, uint64_t from, uint64_t to, const ls_diag_sink *sink)
{
    char buf[1 << 14];
    while (from < to) {
        size_t n = to - from < sizeof buf ? (size_t)(to - from) : sizeof buf;
        ssize_t got = pread(S->fd, buf, n, (off_t)((uint64_t)S->fd_start + from));
        if (got <= 0) {
            ls_diag_emit(sink, LS_DIAG_IO, S->name, 0, from, "cannot read the input again: %s",
                         got < 0 ? strerror(errno) : "it got shorter");
            return -1;
        }
        if (memchr(buf, '\n', (size_t)got))
            return 1;
        from += (uint64_t)got;
    }
    return 0;
}

/* At an element start of the array whose '[' is at arr: past the run of
 * valid elements the threads found starting there, when there is one (1;
 * the place is kept as a cut), else 0; -1 on an I/O error.  The run was
 * validated at a depth no level of the document exceeds, so the walk
 * would have found every element of it valid. */
static int sv_jump(ls_source *S, uint64_t arr, const ls_diag_sink *sink)
{
    while (S->span_i < S->nspans && S->spans[S->span_i].from < S->pos)
        S->span_i++;
    if (S->span_i >= S->nspans || S->spans[S->span_i].from != S->pos)
        return 0;
    uint64_t to = S->spans[S->span_i].to;
    if (S->ncuts == S->cuts_cap) {
        size_t cap = S->cuts_cap ? 2 * S->cuts_cap : 64;
        uint64_t *a = realloc(S->cut_arr, cap * sizeof *a);
        if (a)
            S->cut_arr = a;
        uint64_t *b = a ? realloc(S->cut_at, cap * sizeof *b) : NULL;
        if (!b)
            return 0; /* no cut here: walked as without runs */
        S->cut_at = b;
        S->cuts_cap = cap;
    }
    S->cut_arr[S->ncuts] = arr;
    S->cut_at[S->ncuts++] = S->pos;
    if (to <= END(S)) {
        S->pos = to;
        return 1;
    }
    /* the bytes in between are not read: reading goes on at to (lines
     * are not counted in a survey; rewind_input starts them again) */
    ls_decode_free(S->dec);
    S->dec = NULL;
    if (lseek(S->fd, (off_t)((uint64_t)S->fd_start + to), SEEK_SET) < 0 ||
        !(S->dec = ls_decode_new_plain(S->fd))) {
        ls_diag_emit(sink, LS_DIAG_IO, S->name, 0, to, "cannot read the input again: %s",
                     strerror(errno ? errno : ENOMEM));
        return -1;
    }
    S->base = S->pos = S->line_off = to;
    S->len = 0;
    S->eof = 0;
    S->line = 1;
    S->capt.n = 0;
    return 1;
}

/* Reads the document at first (its '[' or '{' held) to its end or break. */
static int survey(ls_source *S, doc_survey *V, uint64_t first, const ls_diag_sink *sink)
{
    memset(V, 0, sizeof *V);
    V->depth = S->max_depth + WRAP_DEPTH;
    if (V->depth > LS_JSON_HARD_DEPTH)
        V->depth = LS_JSON_HARD_DEPTH;
    V->first = first;
    V->first_arr = UINT64_MAX;
    S->pos = first;
    int open = *AT(S, first);
    if (open == '[')
        V->first_arr = first; /* find_items_array: the document is the array */
    int r = open == '[' ? sv_array(S, V, 1, sink) : sv_object(S, V, 1, 0, sink);
    if (r < 0)
        return -1;
    if (r == 0) {
        V->r = open == '{';
        int w = sv_ws(S, sink);
        if (w < 0)
            return -1;
        V->trailing = w;
    }
    if (V->r == -1) {
        int nl = newline_between(S, first, S->err_off, sink);
        if (nl < 0)
            return -1;
        V->nl_before_break = nl;
    }
    return 0;
}

/* What start() would do with the surveyed document: stream its items
 * array (*arr), or read it whole. */
static int survey_plan(const ls_source *S, const doc_survey *V, uint64_t *arr)
{
    if (V->r >= 0) {
        if (V->trailing)
            return PLAN_WHOLE; /* JSONL, from the first value */
        if (V->r == 0) {
            *arr = V->first;
            return PLAN_STREAM;
        }
        /* an array wins (as in start()) */
        if (V->t_leads == '[') {
            *arr = V->o_leads;
            return PLAN_STREAM;
        }
        if (V->t_data == '{' && V->t_inner == '[') {
            *arr = V->o_inner;
            return PLAN_STREAM;
        }
        return PLAN_WHOLE; /* a note, or one lead */
    }
    if (V->r == -1 && !V->nl_before_break)
        return PLAN_WHOLE; /* broken on its first line: maybe JSONL */
    if (V->first_arr != UINT64_MAX && V->first_arr < S->err_off) {
        *arr = V->first_arr;
        return PLAN_STREAM;
    }
    return PLAN_WHOLE;
}

/* Reading starts again at the beginning of the file. */
static int rewind_input(ls_source *S, const ls_diag_sink *sink)
{
    if (lseek(S->fd, (off_t)S->fd_start, SEEK_SET) < 0) {
        ls_diag_emit(sink, LS_DIAG_IO, S->name, 0, END(S), "cannot read the input again: %s",
                     strerror(errno));
        return -1;
    }
    ls_decode *dec = ls_decode_new(S->fd);
    if (!dec) {
        ls_diag_emit(sink, LS_DIAG_IO, S->name, 0, END(S), "out of memory");
        return -1;
    }
    ls_decode_free(S->dec);
    S->dec = dec;
    S->base = S->pos = 0;
    S->len = 0;
    S->eof = 0;
    S->line_off = 0;
    S->line = 1;
    S->capt.n = 0;
    return 0;
}

/* A document whose items array is to be read in ranges, when it streams. */
static int splits(const ls_source *S)
{
    return S->split_pieces > 1 && S->fd_start == 0 && S->file_size >= S->split_pieces;
}

/* A document worth streaming: a regular file, read as it is, larger than
 * what start() reads in one go, that is an array or an object. */
static int streamable(const ls_source *S, uint64_t first)
{
    char c = *AT(S, first);
    return (c == '[' || c == '{') && S->fd >= 0 && S->fd_start >= 0 && !S->planned &&
           (S->file_size / 4 > S->chunk_bytes || splits(S)) && !ls_decode_codec(S->dec);
}

/* Surveys the document at first and reads the input again from its
 * start, with S->planned set (and S->err_* for a broken document). */
static int plan_document(ls_source *S, uint64_t first, const ls_diag_sink *sink)
{
    doc_survey V;
    int rc = survey(S, &V, first, sink);
    free(S->spans);
    S->spans = NULL;
    S->nspans = 0;
    if (rc != 0)
        return -1;
    S->planned = survey_plan(S, &V, &S->plan_arr);
    S->plan_valid = V.r >= 0;
    /* the cuts in the array read, as many as there are ranges after the first */
    size_t m = 0;
    for (size_t i = 0; i < S->ncuts; i++)
        if (S->cut_arr[i] == S->plan_arr)
            S->cut_at[m++] = S->cut_at[i];
    size_t skip = S->split_pieces && m >= S->split_pieces ? m - (S->split_pieces - 1) : 0;
    S->nconfirmed = S->planned == PLAN_STREAM && S->plan_valid ? m - skip : 0;
    if (skip)
        memmove(S->cut_at, S->cut_at + skip, (m - skip) * sizeof *S->cut_at);
    if (S->nconfirmed) /* this source is the first range */
        S->stop = S->cut_at[0];
    return rewind_input(S, sink);
}

/* Makes sure the byte at off is held (unless the input ends before it),
 * letting go of what comes before keep. */
static int reach(ls_source *S, uint64_t off, uint64_t keep, const ls_diag_sink *sink)
{
    while (END(S) <= off && !S->eof)
        if (fill(S, keep < END(S) ? keep : END(S), S->chunk_bytes, sink) != 0)
            return -1;
    return 0;
}

/* Whitespace from S->pos, stopping at the window's end w: 1 with a byte
 * there, 0 at w or the end of the input, -1 on an I/O error. */
static int win_ws(ls_source *S, uint64_t keep, uint64_t w, const ls_diag_sink *sink)
{
    for (;;) {
        uint64_t end = END(S) < w ? END(S) : w;
        while (S->pos < end && ls_js_is_ws((unsigned char)*AT(S, S->pos)))
            S->pos++;
        if (S->pos < end)
            return 1;
        if (S->pos >= w || S->eof)
            return 0;
        if (fill(S, keep, S->chunk_bytes, sink) != 0)
            return -1;
    }
}

/* Scans the item at start, within the window that ends at w, reading
 * more (keeping the bytes from keep) until it is complete or the window
 * is all held: what ls_scan_lead says of the item with the window held
 * whole.  -4 on an I/O error. */
static int scan_item(ls_source *S, uint64_t start, uint64_t w, uint64_t keep, ls_lead *lead,
                     int depth, size_t *vlen, ls_scan_error *err, const ls_diag_sink *sink)
{
    for (;;) {
        uint64_t end = END(S) < w ? END(S) : w;
        size_t n = (size_t)(end - start);
        int r = ls_js_scan(AT(S, start), n, depth, lead, vlen, err, NULL, NULL,
                           lead ? S->shapes : NULL);
        int all = S->eof || END(S) >= w;
        if (all || !(r == -2 || (r >= 0 && *vlen == n)))
            return r;
        if (fill(S, keep, n > S->chunk_bytes ? n : S->chunk_bytes, sink) != 0)
            return -4;
    }
}

/* doc_next for a streamed items array: the same items, reports and
 * indexes, read one at a time. */
static int sdoc_next(ls_source *S, ls_item *item, const ls_diag_sink *sink, uint64_t *malformed)
{
    /* an invalid document's items end where it breaks (the survey said where) */
    const uint64_t w = S->doc_valid ? UINT64_MAX : S->err_off;
    int closed = 0;
    uint64_t keep;
    for (;;) {
        /* the byte before stays held: find_item_line looks back from a break */
        keep = S->pos > S->base ? S->pos - 1 : S->pos;
        int ws = win_ws(S, keep, w, sink);
        if (ws < 0)
            return -1;
        if (ws && *AT(S, S->pos) == ']') {
            closed = 1;
            break;
        }
        if (S->need_comma) {
            if (!ws || *AT(S, S->pos) != ',')
                break;
            S->pos++;
            if ((ws = win_ws(S, keep, w, sink)) < 0)
                return -1;
        }
        if (!ws)
            break;
        uint64_t start = S->pos;
        if (start >= S->stop) { /* the next range's element */
            S->stopped = 1;
            S->mode = M_DONE;
            return 0;
        }
        if (S->first_rec == UINT64_MAX) {
            S->first_rec = start;
            S->first_line = line_at(S, start);
        }
        size_t vlen = 0;
        ls_scan_error err;
        int r = scan_item(S, start, w, keep, &item->own, S->max_depth, &vlen, &err, sink);
        if (r == -4)
            return -1;
        if (r == -1 && err.kind == LS_DIAG_LIMIT && S->doc_valid) {
            /* valid but too deep: skip just this item */
            uint64_t line = line_at(S, start);
            S->items++;
            ls_diag_emit(sink, LS_DIAG_LIMIT, S->name, line, start, "item %llu: %s; skipped",
                         (unsigned long long)S->items, err.message);
            count(malformed);
            if (scan_item(S, start, w, keep, NULL, LS_JSON_HARD_DEPTH, &vlen, &err, sink) == -4)
                return -1;
            S->pos = start + vlen;
            S->need_comma = 1;
            S->elem++;
            continue;
        }
        if (r == -1) { /* the first error in reading order is the one to report */
            uint64_t eo = start + err.offset;
            if (S->doc_valid || eo <= S->err_off) {
                S->doc_valid = 0;
                set_break(S, eo, err.kind, err.message);
            }
        }
        if (r < 0)
            break;
        int t = hand_out(S, item, r, start, vlen, sink, malformed);
        if (t != 0)
            return t;
    }
    if (!S->doc_valid) {
        /* held, as in a document read whole: doc_break looks at it */
        if (reach(S, S->err_off, closed ? UINT64_MAX : keep, sink) != 0)
            return -1;
        if (!closed) /* the array breaks: read on at its next item (§5a) */
            return doc_break(S, sink, malformed);
        doc_error(S, line_at(S, S->err_off), 0, sink, malformed);
    }
    S->mode = M_DONE;
    return 0;
}

/* start() for a document the survey said to stream. */
static int stream_start(ls_source *S, ls_item *item, const ls_diag_sink *sink,
                        uint64_t *malformed)
{
    if (reach(S, S->plan_arr, UINT64_MAX, sink) != 0)
        return -1;
    start_items(S, S->plan_arr, S->plan_valid);
    S->doc_stream = 1;
    return sdoc_next(S, item, sink, malformed);
}

/* A document read ahead whole before its first scan: up to this much. */
#define DOC_AHEAD_MAX ((uint64_t)256 << 20)

/* Whether the value at first, of an input whose size is not known (a pipe,
 * a compressed stream that does not say), is likely a whole document: an
 * array, or an object whose first line does not end it.  Only a guess of
 * which reading pays: the answer is the same either way. */
static int likely_document(const ls_source *S, uint64_t first)
{
    char c = *AT(S, first);
    return c == '[' ||
           (c == '{' && !ls_js_object_ends_its_line(AT(S, first), (size_t)(END(S) - first)));
}

/* The document at first, of unknown size, read on to its end (or
 * DOC_AHEAD_MAX) before it is scanned: scanning each doubling of the
 * buffer would read its first bytes again and again (1.6 times in all on
 * a 6 MB response). */
static int read_document_ahead(ls_source *S, uint64_t first, const ls_diag_sink *sink)
{
    while (!S->eof && END(S) - first < DOC_AHEAD_MAX) {
        size_t more = S->len > S->chunk_bytes ? S->len : S->chunk_bytes;
        if (fill(S, first, more, sink) != 0)
            return -1;
    }
    return 0;
}

void ls_source_doc_cuts(const ls_source *S, const uint64_t **cuts, size_t *n, int *records)
{
    *cuts = S->cut_at;
    *n = S->doc_stream ? S->nconfirmed : 0;
    *records = S->doc_records;
}

ls_status ls_source_open_items_range(const char *path, const ls_reader_limits *lim,
                                     ls_source_spare *spare, uint64_t begin, int records,
                                     ls_source **out)
{
    ls_status rc = open_at(path, lim, spare, begin, out);
    if (rc != LS_OK)
        return rc;
    ls_source *S = *out;
    S->planned = PLAN_STREAM;
    S->plan_valid = 1;
    S->mode = M_DOC_ITEMS;
    S->doc_stream = 1;
    S->doc_valid = 1;
    S->doc_records = records;
    S->need_comma = 0;
    return LS_OK;
}

/* The first call: BOM, shape detection, then the first item. */
static int start(ls_source *S, ls_item *item, const ls_diag_sink *sink, uint64_t *malformed)
{
    /* a file of up to four chunks is read in one go: a document then needs
     * one scan, not one per read that leaves it incomplete */
    size_t want = S->chunk_bytes;
    if (S->file_size > want && S->file_size / 4 <= want)
        want = (size_t)S->file_size + 1; /* +1: see the end */
    while (S->len < 3 && !S->eof) /* enough to see a BOM */
        if (fill(S, 0, want, sink) != 0)
            return -1;
    if (S->len >= 3 && memcmp(S->data, "\xEF\xBB\xBF", 3) == 0)
        S->pos = 3;
    /* blanks before the first value are let go as they are read: a file
     * (or a decompressed stream) of nothing but blanks holds one chunk */
    int w = skip_ws(S, UINT64_MAX, sink);
    if (w < 0)
        return -1;
    if (w == 0) {
        ls_diag_emit(sink, LS_DIAG_EMPTY, S->name, 0, 0, "no JSON value in the input (empty)");
        S->mode = M_DONE;
        return 0;
    }
    uint64_t first = S->pos;
    S->doc_first = first;
    if (streamable(S, first)) {
        if (plan_document(S, first, sink) != 0)
            return -1;
        return start(S, item, sink, malformed); /* from the start, planned */
    }
    if (S->planned == PLAN_STREAM)
        return stream_start(S, item, sink, malformed);
    if (!S->file_size && !S->eof && S->dec && likely_document(S, first) &&
        read_document_ahead(S, first, sink) != 0)
        return -1;
    size_t vlen = 0;
    ls_scan_error err;
    /* the first value may be the whole document: no record limit, and the
     * three levels of {"data": {"leads": [...]}} on top of a lead's */
    ls_jval doc[3];
    int r = scan_at(S, &item->own, S->max_depth + WRAP_DEPTH, SIZE_MAX, doc, &vlen, &err, sink);
    if (r == -4)
        return -1;
    const char *scanned = AT(S, first);
    if (r >= 0) {
        S->pos = first + vlen;
        w = skip_ws(S, first, sink);
        if (w < 0)
            return -1;
        if (w == 1) { /* more than one value: JSONL, from the first one */
            S->pos = first;
            S->mode = M_JSONL;
            return jsonl_next(S, item, sink, malformed);
        }
        if (AT(S, first) != scanned) /* the buffer moved while looking ahead */
            r = ls_js_scan(AT(S, first), vlen, S->max_depth + WRAP_DEPTH, &item->own, &vlen,
                           &err, doc, &S->capt, S->shapes);
        char c = *AT(S, first);
        if (c == '[') {
            start_items(S, first, 1);
            return doc_next(S, item, sink, malformed);
        }
        if (c == '{') {
            /* an array wins: a "leads" that is not one does not hide
             * data.leads (doc[2], recorded by the scan: no second walk
             * over the data object) */
            ls_jval leads = doc[0], inner = doc[2];
            if (leads.type != LS_J_ARRAY && doc[1].type == LS_J_OBJECT &&
                inner.type != LS_J_NONE &&
                (inner.type == LS_J_ARRAY || leads.type == LS_J_NONE))
                leads = inner;
            if (leads.type == LS_J_ARRAY) {
                start_items(S, S->base + (uint64_t)(leads.p - S->data), 1);
                return doc_next(S, item, sink, malformed);
            }
            if (leads.type != LS_J_NONE) {
                S->mode = M_DONE;
                ls_diag_emit(sink, LS_DIAG_NOTE, S->name, line_at(S, first), first,
                             "a response whose \"leads\" is %s: no leads",
                             leads.type == LS_J_NULL ? "null" : "not an array");
                return 0;
            }
        }
        /* a single lead (or a lone scalar): the depth limit is the lead's own,
         * without the levels allowed above for wrappers */
        S->mode = M_DONE;
        if (r == 1 &&
            ls_scan_lead(AT(S, first), vlen, S->max_depth, &item->own, &vlen, &err, S->shapes) <
                0) {
            uint64_t line = line_at(S, first);
            ls_diag_emit(sink, err.kind, S->name, line, first, "the lead: %s; skipped",
                         err.message);
            count(malformed);
            return 0;
        }
        if (!finish_item(S, item, r, first, vlen, sink, malformed))
            return 0;
        return r == 1 ? take_record(S, item, first, sink) : 1;
    }

    /* the first value is not valid JSON */
    S->err_off = r == -2 ? END(S) : first + err.offset;
    S->err_kind = r == -3 ? LS_DIAG_LIMIT : err.kind;
    snprintf(S->err_msg, sizeof S->err_msg, "%s",
             r == -2 ? "unexpected end of input (truncated?)" : err.message);
    if (r == -1 && !memchr(AT(S, first), '\n', (size_t)(S->err_off - first))) {
        /* broken on its first line: JSONL when other lines follow */
        uint64_t line = line_at(S, first);
        if (skip_line(S, S->err_off, first, sink) != 0)
            return -1;
        uint64_t next_line = S->pos;
        if (S->line_dropped) { /* longer than a record may be: not held */
            ls_diag_emit(sink, LS_DIAG_LIMIT, S->name, line, first,
                         "line %llu: %s (byte offset %llu), and the line is longer than the "
                         "%zu-byte record limit; skipped",
                         (unsigned long long)line, S->err_msg, (unsigned long long)S->err_off,
                         S->max_record);
            count(malformed);
            w = skip_ws(S, next_line, sink);
            if (w <= 0) {
                S->mode = M_DONE;
                return w;
            }
            S->mode = M_JSONL;
            return jsonl_next(S, item, sink, malformed);
        }
        w = skip_ws(S, first, sink);
        if (w < 0)
            return -1;
        if (w == 1 && *AT(S, first) == '[') {
            /* an array whose items go on one a line ("[{...}, {...},\n
             * {...},\n...]") broken on its first line: that line ends with
             * ',', or the next starts with one; a JSONL line does neither.
             * Its items are read as an array's (§5a). */
            const char *b = AT(S, next_line) - 1; /* the first line's '\n' */
            while (b > AT(S, first) && (blank(b[-1]) || b[-1] == '\r'))
                b--;
            if (b[-1] == ',' || *AT(S, S->pos) == ',')
                w = 2;
        }
        if (w == 1) {
            ls_diag_emit(sink, err.kind, S->name, line, first,
                         "line %llu: %s (byte offset %llu); line skipped",
                         (unsigned long long)line, S->err_msg,
                         (unsigned long long)S->err_off);
            count(malformed);
            S->pos = next_line;
            S->mode = M_JSONL;
            return jsonl_next(S, item, sink, malformed);
        }
    }
    uint64_t arr = find_items_array(S, first);
    if (arr != UINT64_MAX && arr < S->err_off) {
        start_items(S, arr, 0);
        return doc_next(S, item, sink, malformed);
    }
    /* a lead object broken where a new line starts with '{': JSONL whose
     * first line lacks its end */
    if (r == -1 && *AT(S, first) == '{' && *AT(S, S->err_off) == '{') {
        const char *b = AT(S, S->err_off);
        while (b > AT(S, first) && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
            b--;
        if (b > AT(S, first) && b[-1] == '\n') {
            uint64_t line = line_at(S, first);
            ls_diag_emit(sink, LS_DIAG_MALFORMED, S->name, line, first,
                         "line %llu: %s (byte offset %llu); line skipped",
                         (unsigned long long)line, S->err_msg,
                         (unsigned long long)S->err_off);
            count(malformed);
            S->pos = S->err_off;
            S->mode = M_JSONL;
            return jsonl_next(S, item, sink, malformed);
        }
    }
    doc_error(S, line_at(S, S->err_off), 0, sink, malformed);
    S->mode = M_DONE;
    return 0;
}

/* ---- CSV ---- */

/* The CSV reader's bytes: what the buffer holds past pos, then the next
 * reads, a chunk at a time (memory inputs too, so that the reader's own
 * text buffer stays a chunk and a row). */
static int csv_pull(void *user, const char **p, size_t *n, const ls_diag_sink *sink)
{
    ls_source *S = user;
    if (S->pos >= END(S)) {
        if (S->eof)
            return 0;
        if (fill(S, S->pos, S->chunk_bytes, sink) != 0)
            return -1;
        if (S->pos >= END(S))
            return 0;
    }
    size_t avail = (size_t)(END(S) - S->pos);
    *n = avail < S->chunk_bytes ? avail : S->chunk_bytes;
    *p = AT(S, S->pos);
    S->pos += *n;
    return 1;
}

static int csv_next(ls_source *S, ls_item *item, const ls_diag_sink *sink, uint64_t *malformed)
{
    if (!S->csv) {
        S->csv = ls_csv_new(S->name, S->max_record, S->max_depth, S->shapes, csv_pull, S);
        if (!S->csv) {
            ls_diag_emit(sink, LS_DIAG_IO, S->name, 0, 0, "out of memory");
            return -1;
        }
    }
    int r = ls_csv_next(S->csv, item, sink, malformed);
    if (r == 0)
        S->mode = M_DONE;
    return r;
}

const ls_csv_names *ls_source_csv_header(const ls_source *S)
{
    return S ? ls_csv_header(S->csv) : NULL;
}

/* The end of an input.  Compressed data is read to its own end even when
 * the records stopped before it (a CSV header over the limit, say), so
 * that a break is said whatever the read size; said once, then -1. */
static int at_end(ls_source *S, const ls_diag_sink *sink)
{
    if (!S->dec_failed && !S->eof && S->dec && ls_decode_codec(S->dec)) {
        char scratch[16384];
        ssize_t n;
        while ((n = ls_decode_read(S->dec, scratch, sizeof scratch)) > 0)
            ;
        S->eof = 1;
        if (n < 0 && ls_decode_data_error(S->dec)) {
            S->dec_failed = 1;
            S->dec_fail_off = ls_decode_given(S->dec);
        }
    }
    if (!S->dec_failed)
        return 0;
    if (S->dec_failed == 1) {
        ls_diag_emit(sink, LS_DIAG_IO, S->name, 0, S->dec_fail_off, "%s; what came before it is read",
                     ls_decode_message(S->dec));
        S->dec_failed = 2;
    }
    return -1;
}

int ls_source_next(ls_source *S, ls_item *item, const ls_diag_sink *sink, uint64_t *malformed)
{
    if (!S || !item)
        return 0;
    for (;;) {
        item->lead = &item->own;
        item->not_lead = 0;
        item->from_csv = 0;
        item->index = LS_ITEM_NO_INDEX;
        int r = 0;
        if (S->nest_n > 0 && (r = nest_next(S, item, sink, malformed)) == 1)
            return 1;
        if (r == 2)
            continue;
        if (S->mode == M_START && S->csv_mode)
            S->mode = M_CSV;
        switch (S->mode) {
        case M_START: r = start(S, item, sink, malformed); break;
        case M_CSV: r = csv_next(S, item, sink, malformed); break;
        case M_JSONL: r = jsonl_next(S, item, sink, malformed); break;
        case M_DOC_ITEMS:
            r = S->doc_stream ? sdoc_next(S, item, sink, malformed)
                              : doc_next(S, item, sink, malformed);
            break;
        case M_DOC_RESUMED: r = resumed_next(S, item, sink, malformed); break;
        default: return at_end(S, sink);
        }
        if (r == 2)
            continue; /* the leads of a response, or a document's items, come next */
        if (r < 0)
            S->mode = M_DONE;
        return r == 0 ? at_end(S, sink) : r;
    }
}
