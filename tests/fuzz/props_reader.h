/* Properties of lead sources (contract §5) for ANY input bytes.  Shared by
 * fuzz_reader.c and tests/test_readers_fuzz_regressions.c.
 *
 * Always: the source ends; items come in increasing offset order with
 * line = 1 + newlines before the offset; an object item's bytes are the
 * input's own bytes at that offset and re-scan as one object; *malformed
 * counts exactly the MALFORMED and LIMIT diagnostics; every diagnostic names
 * the input and lies inside it.  The same bytes read from a file and from a
 * pipe (as stdin: size unknown, so streamed), each through a tiny read
 * chunk, give exactly the same items and diagnostics, messages included,
 * as from memory.  When the whole input is one valid JSON value, the items are the
 * ones §5 names: the array's elements, "leads", else "data"."leads", else
 * the value itself.
 * Input that starts as gzip or zstd does is decompressed (§5a): positions
 * are then in the decompressed bytes, which the properties do not see, so
 * only termination, the re-scan of objects, the diagnostic count and the
 * agreement of memory, file and pipe are checked.
 */
#ifndef LS_FUZZ_PROPS_READER_H
#define LS_FUZZ_PROPS_READER_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "readers/decode.h"
#include "readers/reader.h"

typedef struct props_rec {
    uint64_t offset, line;
    int is_object;
    size_t raw_len;
    int kind; /* diagnostics: kind; items: -1 */
    uint64_t msg_hash; /* diagnostics: FNV-1a of the message */
} props_rec;

typedef struct props_log {
    props_rec *r;
    size_t n, cap;
    uint64_t diags_counted; /* MALFORMED + LIMIT diagnostics */
    const char *name;
    const char *data;
    size_t len;
    const char *why; /* first diagnostic property that failed */
    int packed;      /* compressed: positions are not the input's */
} props_log;

static inline uint64_t props_line_of(const char *d, size_t len, uint64_t off)
{
    uint64_t line = 1;
    for (size_t i = 0; i < off && i < len; i++)
        line += d[i] == '\n';
    return line;
}

static inline int props_log_add(props_log *L, props_rec r)
{
    if (L->n == L->cap) {
        size_t cap = L->cap ? L->cap * 2 : 16;
        props_rec *p = realloc(L->r, cap * sizeof *p);
        if (!p)
            return -1;
        L->r = p;
        L->cap = cap;
    }
    L->r[L->n++] = r;
    return 0;
}

static inline void props_on_diag(void *user, const ls_diag *d)
{
    props_log *L = user;
    if (d->kind == LS_DIAG_MALFORMED || d->kind == LS_DIAG_LIMIT)
        L->diags_counted++;
    if (L->why)
        return;
    if (d->kind > LS_DIAG_FILE_SKIPPED)
        L->why = "diagnostic of an unknown kind";
    else if (!d->file || strcmp(d->file, L->name) != 0)
        L->why = "diagnostic does not name the input";
    else if (!d->message || !d->message[0])
        L->why = "diagnostic without a message";
    else if (!L->packed && d->offset > L->len)
        L->why = "diagnostic offset past the end of the input";
    else if (!L->packed && d->line != 0 && d->line != props_line_of(L->data, L->len, d->offset))
        L->why = "diagnostic line does not match its offset";
    uint64_t h = 14695981039346656037u;
    for (const char *m = d->message ? d->message : ""; *m; m++)
        h = (h ^ (unsigned char)*m) * 1099511628211u;
    props_rec r = {d->offset, d->line, 0, 0, (int)d->kind, h};
    if (props_log_add(L, r) != 0 && !L->why)
        L->why = "out of memory";
}

/* Reads src to the end, checking each item; fills L. */
static inline const char *props_read_all(ls_source *src, props_log *L, int max_depth)
{
    ls_diag_sink sink = {props_on_diag, L};
    uint64_t malformed = 0, prev = 0;
    size_t items = 0;
    ls_item it;
    int r;
    while ((r = ls_source_next(src, &it, &sink, &malformed)) == 1) {
        /* a compressed input may hold many more items than bytes, but
         * no more than it can decompress to */
        if (++items > (L->packed ? (uint64_t)L->len * 2000 + 2 : L->len + 2))
            return "more items than input bytes: the source does not end";
        if (items > 1 && it.offset <= prev)
            return "item offsets do not increase";
        prev = it.offset;
        if (!L->packed && it.offset >= L->len)
            return "item offset past the end of the input";
        if (!it.file || strcmp(it.file, L->name) != 0)
            return "item does not name the input";
        /* lines are counted on demand: ask for every other one, so that
         * the count also has to catch up over items never asked about */
        uint64_t line = items % 2 ? ls_source_item_line(src, &it) : 0;
        if (line && !L->packed && line != props_line_of(L->data, L->len, it.offset))
            return "item line does not match its offset";
        if (it.is_object) {
            if (!it.lead->raw || it.lead->raw_len == 0 ||
                (!L->packed && (it.lead->raw_len > L->len - it.offset ||
                                memcmp(it.lead->raw, L->data + it.offset, it.lead->raw_len) != 0)))
                return "object item bytes are not the input's bytes at its offset";
            /* re-scan an exact copy so that ASan sees any read past it */
            char *copy = malloc(it.lead->raw_len);
            if (!copy)
                return "out of memory";
            memcpy(copy, it.lead->raw, it.lead->raw_len);
            ls_lead lead;
            size_t vlen = 0;
            ls_scan_error err;
            int rc = ls_scan_value(copy, it.lead->raw_len, max_depth, &lead, &vlen, &err);
            free(copy);
            if (rc != 1 || vlen != it.lead->raw_len)
                return "object item does not re-scan as exactly one object within max_depth";
        } else if (!L->packed && L->data[it.offset] == '{') {
            return "an item starting with '{' is not an object";
        }
        props_rec rec = {it.offset, line, it.is_object, it.is_object ? it.lead->raw_len : 0, -1,
                         0};
        if (props_log_add(L, rec) != 0)
            return "out of memory";
    }
    if (r != 0 && !L->packed) /* compressed data may break off: -1 */
        return "ls_source_next failed on an in-memory or regular-file input";
    if (r == -1 && props_log_add(L, (props_rec){0, 0, 0, 0, -2, 0}) != 0)
        return "out of memory"; /* how it ended is compared too */
    if (ls_source_next(src, &it, &sink, &malformed) != r)
        return "ls_source_next returned an item after the end";
    if (L->why)
        return L->why;
    if (malformed != L->diags_counted)
        return "*malformed differs from the MALFORMED + LIMIT diagnostics";
    return NULL;
}

/* §5 for an input that is one valid value: the expected items. */
static inline const char *props_reader_shape(const char *d, size_t n, const props_log *L)
{
    size_t i = 0;
    if (n >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t'))
        i++;
    if (i >= n)
        return NULL;
    ls_lead lead;
    size_t vlen;
    ls_scan_error err;
    int rc = ls_scan_value(d + i, n - i, 100, &lead, &vlen, &err);
    if (rc < 0)
        return NULL;
    for (size_t k = i + vlen; k < n; k++)
        if (!(d[k] == ' ' || d[k] == '\n' || d[k] == '\r' || d[k] == '\t'))
            return NULL; /* more than one value: JSONL, not checked here */
    ls_jval top = {d + i, vlen, d[i] == '[' ? LS_J_ARRAY : d[i] == '{' ? LS_J_OBJECT : LS_J_NUMBER, 0, 0};
    ls_jval list = {0}, v, data;
    int has_list = 0;
    if (top.type == LS_J_ARRAY) {
        list = top;
        has_list = 1;
    } else if (top.type == LS_J_OBJECT) {
        if (ls_jval_get(&top, "leads", &v) && v.type == LS_J_ARRAY) {
            list = v;
            has_list = 1;
        } else if (ls_jval_get(&top, "data", &data) && data.type == LS_J_OBJECT &&
                   ls_jval_get(&data, "leads", &v) && v.type == LS_J_ARRAY) {
            list = v;
            has_list = 1;
        }
    }
    size_t got = 0, want = 0, first = L->n;
    for (size_t k = 0; k < L->n; k++)
        if (L->r[k].kind == -1 && got++ == 0)
            first = k;
    if (!has_list) {
        if (got != 1 || L->r[first].offset != i)
            return "one valid non-list value is not read as exactly one item (§5)";
        return NULL;
    }
    size_t pos = 0, k = 0;
    ls_jval e;
    while (ls_jval_next(&list, &pos, NULL, &e)) {
        want++;
        while (k < L->n && L->r[k].kind != -1)
            k++;
        if (k >= L->n)
            return "fewer items than the list holds (§5)";
        const props_rec *r = &L->r[k++];
        if (r->offset != (uint64_t)(e.p - d) - (e.type == LS_J_STRING))
            return "an item is not at its list element's offset (§5)";
        if (r->is_object != (e.type == LS_J_OBJECT) ||
            (r->is_object && r->raw_len != e.len))
            return "an item differs from its list element (§5)";
    }
    if (got != want)
        return "more items than the list holds (§5)";
    return NULL;
}

static inline void props_log_free(props_log *L)
{
    free(L->r);
}

/* Reads the input again through fd (a memfd or a pipe's read end, opened by
 * its /proc path as a file would be) with a read chunk of chunk bytes, and
 * compares with the memory source's log. */
static inline const char *props_reader_fd(int fd, size_t chunk, const ls_reader_limits *lim,
                                          int depth, const props_log *mem)
{
    props_log file = *mem;
    file.r = NULL;
    file.n = file.cap = 0;
    file.diags_counted = 0;
    file.why = NULL;
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    file.name = path;
    ls_reader_limits chunked = {0, 0, 0, LS_INPUT_AUTO};
    if (lim)
        chunked = *lim;
    chunked.chunk_bytes = chunk;
    ls_source *src = NULL;
    const char *why = NULL;
    if (ls_source_open(path, &chunked, &src) != LS_OK)
        why = "ls_source_open failed on a regular file or pipe";
    if (!why) {
        why = props_read_all(src, &file, depth);
        ls_source_close(src);
    }
    if (!why && file.n != mem->n)
        why = "file and memory sources give a different number of items/diagnostics";
    for (size_t i = 0; !why && i < mem->n; i++) {
        const props_rec *a = &mem->r[i], *b = &file.r[i];
        if (a->offset != b->offset || a->line != b->line || a->is_object != b->is_object ||
            a->raw_len != b->raw_len || a->kind != b->kind || a->msg_hash != b->msg_hash)
            why = "file and memory sources differ in an item or diagnostic";
    }
    props_log_free(&file);
    return why;
}

static inline const char *props_reader(const char *data, size_t n)
{
    /* limits from the input: mostly defaults, sometimes tight */
    ls_reader_limits lim = {0, 0, 0, LS_INPUT_AUTO};
    int tight = n % 7 == 3;
    if (tight) {
        lim.max_depth = 2;
        lim.max_record_bytes = 64;
    }
    int depth = tight ? 2 : 512;
    props_log mem = {0};
    mem.name = "in.json";
    mem.data = data;
    mem.len = n;
    mem.packed = ls_decode_is_compressed(data, n);

    ls_source *src = NULL;
    if (ls_source_open_memory("in.json", data, n, &lim, &src) != LS_OK)
        return "ls_source_open_memory failed";
    const char *why = props_read_all(src, &mem, depth);
    ls_source_close(src);
    if (!why && !tight && !mem.packed)
        why = props_reader_shape(data, n, &mem);

    /* the same bytes from a regular file (its size known), 1..16 bytes a read */
    int fd = why ? -1 : memfd_create("in.json", MFD_CLOEXEC);
    if (fd >= 0) {
        if (n && write(fd, data, n) != (ssize_t)n)
            why = "cannot write the memfd";
        if (!why)
            why = props_reader_fd(fd, 1 + n % 16, &lim, depth, &mem);
        close(fd);
    }

    /* and from a pipe, as from stdin: no size, every read may stop short.
     * Inputs larger than the pipe can hold are left to the file check. */
    int pfd[2];
    if (!why && pipe2(pfd, O_CLOEXEC) == 0) {
        if (n > 65536)
            (void)fcntl(pfd[1], F_SETPIPE_SZ, (int)(n < (1u << 20) ? n : (1u << 20)));
        int cap = fcntl(pfd[1], F_GETPIPE_SZ);
        if (cap > 0 && n <= (size_t)cap) {
            if (n && write(pfd[1], data, n) != (ssize_t)n)
                why = "cannot write the pipe";
            close(pfd[1]);
            if (!why)
                why = props_reader_fd(pfd[0], 1 + (n / 16 + 7) % 16, &lim, depth, &mem);
        } else {
            close(pfd[1]);
        }
        close(pfd[0]);
    }
    props_log_free(&mem);
    return why;
}

#endif
