/* Properties of CSV lead sources (contract §5a) for ANY input bytes.
 * Shared by fuzz_csv.c and tests/test_readers_fuzz_regressions.c.
 *
 * Always: the source ends; leads come in increasing offset order, inside
 * the input; each lead is one JSON object of string members, no more than
 * the header has columns, that scans again to the same fields when the
 * alias rule is applied to its bytes (ls_csv_lead_aliases); *malformed
 * counts exactly the MALFORMED and LIMIT diagnostics; every diagnostic
 * names the input and lies inside it.  The same bytes from a file and from
 * a pipe, read a few bytes at a time, give exactly the same leads, lines
 * and diagnostics (messages included) as from memory.
 * Input that starts as gzip or zstd does is decompressed (§5a): positions
 * are then in bytes the properties do not see, and the data may break off
 * (-1 at the end), so those two checks give way to the agreement of
 * memory, file and pipe.
 */
#ifndef LS_FUZZ_PROPS_CSV_H
#define LS_FUZZ_PROPS_CSV_H
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "readers/csv.h"
#include "readers/decode.h"
#include "readers/reader.h"

typedef struct csvp_rec {
    uint64_t offset, line;
    uint64_t hash; /* a lead's bytes, or a diagnostic's message */
    int kind;      /* a diagnostic's kind; -1 for a lead */
} csvp_rec;

typedef struct csvp_log {
    csvp_rec *r;
    size_t n, cap;
    uint64_t counted; /* MALFORMED + LIMIT diagnostics */
    const char *name;
    size_t len;
    const char *why;
    int packed; /* compressed: positions are not the input's */
} csvp_log;

static inline uint64_t csvp_hash(const char *p, size_t n)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211u;
    return h;
}

static inline int csvp_add(csvp_log *L, csvp_rec r)
{
    if (L->n == L->cap) {
        size_t cap = L->cap ? 2 * L->cap : 16;
        csvp_rec *p = realloc(L->r, cap * sizeof *p);
        if (!p)
            return -1;
        L->r = p;
        L->cap = cap;
    }
    L->r[L->n++] = r;
    return 0;
}

static inline void csvp_on_diag(void *user, const ls_diag *d)
{
    csvp_log *L = user;
    if (d->kind == LS_DIAG_MALFORMED || d->kind == LS_DIAG_LIMIT)
        L->counted++;
    if (!L->why) {
        if (!d->file || strcmp(d->file, L->name) != 0)
            L->why = "diagnostic does not name the input";
        else if (!d->message || !d->message[0])
            L->why = "diagnostic without a message";
        else if (!L->packed && d->offset > L->len)
            L->why = "diagnostic offset past the end of the input";
    }
    csvp_rec r = {d->offset, d->line, csvp_hash(d->message, strlen(d->message)), (int)d->kind};
    if (csvp_add(L, r) != 0 && !L->why)
        L->why = "out of memory";
}

/* One lead: an object of strings that the alias rule reads again alike. */
static inline const char *csvp_check_lead(const ls_item *it, size_t columns)
{
    const ls_lead *lead = it->lead;
    char *copy = malloc(lead->raw_len);
    if (!copy)
        return "out of memory";
    memcpy(copy, lead->raw, lead->raw_len);
    const char *why = NULL;
    ls_lead again;
    size_t vlen = 0;
    ls_scan_error err;
    if (ls_scan_value(copy, lead->raw_len, 4, &again, &vlen, &err) != 1 ||
        vlen != lead->raw_len)
        why = "a lead is not exactly one JSON object";
    size_t members = 0, pos = 0;
    ls_jval obj = {copy, lead->raw_len, LS_J_OBJECT, 0, 0}, k, v;
    while (!why && ls_jval_next(&obj, &pos, &k, &v)) {
        members++;
        if (v.type != LS_J_STRING || v.len == 0)
            why = "a lead member is not a non-empty string";
    }
    if (!why && (members == 0 || members > columns))
        why = "a lead has no member, or more than the header has columns";
    if (!why) {
        ls_csv_lead_aliases(&again);
        for (int f = 0; f < LS_F__COUNT && !why; f++) {
            const ls_jval *a = &again.f[f], *b = &lead->f[f];
            if (a->type != b->type || a->len != b->len || a->has_escape != b->has_escape ||
                (a->type != LS_J_NONE && a->p - copy != b->p - lead->raw))
                why = "the alias rule on the lead's bytes gives other fields";
        }
    }
    free(copy);
    return why;
}

static inline const char *csvp_read_all(ls_source *src, csvp_log *L)
{
    ls_diag_sink sink = {csvp_on_diag, L};
    uint64_t malformed = 0, prev = 0;
    size_t items = 0;
    ls_item it;
    int r;
    while ((r = ls_source_next(src, &it, &sink, &malformed)) == 1) {
        if (++items > (L->packed ? (uint64_t)L->len * 2000 + 2 : L->len + 2))
            return "more leads than input bytes: the source does not end";
        if (items > 1 && it.offset <= prev)
            return "lead offsets do not increase";
        prev = it.offset;
        if (!L->packed && it.offset >= L->len)
            return "lead offset past the end of the input";
        if (!it.is_object || !it.from_csv || !it.file || strcmp(it.file, L->name) != 0)
            return "a CSV item is not a lead of the input";
        const ls_csv_names *h = ls_source_csv_header(src);
        if (!h)
            return "a lead before the header";
        const char *why = csvp_check_lead(&it, h->count);
        if (why)
            return why;
        csvp_rec rec = {it.offset, ls_source_item_line(src, &it),
                        csvp_hash(it.lead->raw, it.lead->raw_len), -1};
        if (rec.line == 0 || csvp_add(L, rec) != 0)
            return "a lead without a line, or out of memory";
    }
    if (r != 0 && !L->packed)
        return "ls_source_next failed on an in-memory, file or pipe input";
    if (r == -1 && csvp_add(L, (csvp_rec){0, 0, 0, -2}) != 0)
        return "out of memory"; /* how it ended is compared too */
    if (ls_source_next(src, &it, &sink, &malformed) != r)
        return "ls_source_next returned a lead after the end";
    if (L->why)
        return L->why;
    if (malformed != L->counted)
        return "*malformed differs from the MALFORMED + LIMIT diagnostics";
    return NULL;
}

static inline const char *csvp_same(const csvp_log *a, const csvp_log *b)
{
    if (a->n != b->n)
        return "memory and file/pipe give a different number of leads or diagnostics";
    for (size_t i = 0; i < a->n; i++)
        if (a->r[i].offset != b->r[i].offset || a->r[i].line != b->r[i].line ||
            a->r[i].hash != b->r[i].hash || a->r[i].kind != b->r[i].kind)
            return "memory and file/pipe differ in a lead or diagnostic";
    return NULL;
}

static inline const char *csvp_read_fd(int fd, const ls_reader_limits *lim, size_t chunk,
                                       const csvp_log *mem)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ls_reader_limits l = *lim;
    l.chunk_bytes = chunk;
    ls_source *src = NULL;
    if (ls_source_open(path, &l, &src) != LS_OK)
        return "ls_source_open failed on a file or pipe";
    csvp_log file = {0};
    file.name = path;
    file.len = mem->len;
    file.packed = mem->packed;
    const char *why = csvp_read_all(src, &file);
    ls_source_close(src);
    if (!why)
        why = csvp_same(mem, &file);
    free(file.r);
    return why;
}

static inline const char *props_csv(const char *data, size_t n)
{
    /* read as CSV whatever the name; sometimes with a tight record limit */
    ls_reader_limits lim = {0, 0, 0, LS_INPUT_CSV};
    if (n % 5 == 2)
        lim.max_record_bytes = 48;
    csvp_log mem = {0};
    mem.name = "in";
    mem.len = n;
    mem.packed = ls_decode_is_compressed(data, n);
    ls_source *src = NULL;
    if (ls_source_open_memory("in", data, n, &lim, &src) != LS_OK)
        return "ls_source_open_memory failed";
    const char *why = csvp_read_all(src, &mem);
    ls_source_close(src);

    int fd = why ? -1 : memfd_create("in", MFD_CLOEXEC);
    if (fd >= 0) {
        if (n && write(fd, data, n) != (ssize_t)n)
            why = "cannot write the memfd";
        if (!why)
            why = csvp_read_fd(fd, &lim, 1 + n % 13, &mem);
        close(fd);
    }
    int pfd[2];
    if (!why && n <= 65536 && pipe2(pfd, O_CLOEXEC) == 0) {
        int cap = fcntl(pfd[1], F_GETPIPE_SZ);
        if (cap > 0 && n <= (size_t)cap) {
            if (n && write(pfd[1], data, n) != (ssize_t)n)
                why = "cannot write the pipe";
            close(pfd[1]);
            if (!why)
                why = csvp_read_fd(pfd[0], &lim, 1 + (n / 13 + 5) % 17, &mem);
        } else {
            close(pfd[1]);
        }
        close(pfd[0]);
    }
    free(mem.r);
    return why;
}

#endif
