/* Leads read once and kept, so that any number of requests can be run over
 * them without reading the inputs again (an editor re-runs on every
 * change).  Each lead is kept as its bytes; a run scans them again, which
 * costs far less memory than keeping them scanned. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "engine/leads.h"
#include "engine/run_int.h"
#include "json/json.h"
#include "readers/csv.h"

struct ls_leads {
    ls_stream stream;
    ls_buf bytes;          /* every lead object, back to back */
    size_t *off, *len;     /* lead i: bytes.data + off[i], len[i] bytes */
    unsigned char *csv;    /* lead i is a CSV row: its aliased columns count */
    uint32_t *file;        /* lead i's input: files[file[i]] */
    uint64_t *line;        /* the line lead i starts on */
    uint64_t *index;       /* lead i's index in its array (ls_item.index) */
    char **files;          /* display names of the inputs leads came from */
    size_t nfiles;
    size_t n, cap;
    int max_depth;
    ls_csv_names csv_header; /* the first CSV input's */
};

void ls_leads_options_init(ls_leads_options *opt)
{
    if (opt)
        memset(opt, 0, sizeof *opt);
}

ls_status ls_leads_new(const ls_leads_options *opt, ls_leads **out)
{
    if (!out)
        return LS_E_USAGE;
    *out = calloc(1, sizeof **out);
    if (!*out)
        return LS_E_NOMEM;
    ls_diag_sink sink = {opt ? opt->on_diag : NULL, opt ? opt->diag_user : NULL};
    ls_reader_limits lim = {opt ? opt->max_record_bytes : 0, opt ? opt->max_depth : 0, 0,
                            opt ? opt->input_format : LS_INPUT_AUTO, 0, 0, 0};
    ls_stream_init(&(*out)->stream, &sink, &lim);
    (*out)->max_depth = lim.max_depth;
    return LS_OK;
}

void ls_leads_free(ls_leads *leads)
{
    if (!leads)
        return;
    ls_stream_free(&leads->stream);
    ls_buf_free(&leads->bytes);
    free(leads->off);
    free(leads->len);
    free(leads->csv);
    free(leads->file);
    free(leads->line);
    free(leads->index);
    for (size_t i = 0; i < leads->nfiles; i++)
        free(leads->files[i]);
    free(leads->files);
    ls_csv_names_free(&leads->csv_header);
    free(leads);
}

/* Grows every per-lead array to hold one more lead; 0 or -1. */
static int grow(ls_leads *L)
{
    if (L->n < L->cap)
        return 0;
    size_t cap = L->cap ? 2 * L->cap : 1024;
    size_t *off = realloc(L->off, cap * sizeof *off);
    if (off)
        L->off = off;
    size_t *len = off ? realloc(L->len, cap * sizeof *len) : NULL;
    if (len)
        L->len = len;
    unsigned char *csv = len ? realloc(L->csv, cap) : NULL;
    if (csv)
        L->csv = csv;
    uint32_t *file = csv ? realloc(L->file, cap * sizeof *file) : NULL;
    if (file)
        L->file = file;
    uint64_t *line = file ? realloc(L->line, cap * sizeof *line) : NULL;
    if (line)
        L->line = line;
    uint64_t *index = line ? realloc(L->index, cap * sizeof *index) : NULL;
    if (!index)
        return -1;
    L->index = index;
    L->cap = cap;
    return 0;
}

/* The index of the input named name, added when it is not the last one. */
static int file_index(ls_leads *L, const char *name, uint32_t *out)
{
    name = name ? name : "";
    if (L->nfiles && strcmp(L->files[L->nfiles - 1], name) == 0) {
        *out = (uint32_t)(L->nfiles - 1);
        return 0;
    }
    if (L->nfiles >= UINT32_MAX)
        return -1;
    char **files = realloc(L->files, (L->nfiles + 1) * sizeof *files);
    if (!files)
        return -1;
    L->files = files;
    if (!(files[L->nfiles] = strdup(name)))
        return -1;
    *out = (uint32_t)L->nfiles++;
    return 0;
}

static ls_status keep(ls_leads *L, const ls_item *item)
{
    const ls_lead *lead = item->lead;
    uint32_t file;
    if (grow(L) != 0 || file_index(L, item->file, &file) != 0)
        return LS_E_NOMEM;
    L->csv[L->n] = (unsigned char)(item->from_csv != 0);
    L->off[L->n] = L->bytes.len;
    L->len[L->n] = lead->raw_len;
    L->file[L->n] = file;
    L->line[L->n] = ls_stream_line(&L->stream, item);
    L->index[L->n] = item->index;
    if (ls_buf_append(&L->bytes, lead->raw, lead->raw_len) != 0)
        return LS_E_NOMEM;
    L->n++;
    return LS_OK;
}

static ls_status read_all(ls_leads *L)
{
    ls_item item;
    ls_status st = LS_OK;
    while (ls_stream_next(&L->stream, &item, &st))
        if ((st = keep(L, &item)) != LS_OK)
            break;
    if (!L->csv_header.names)
        ls_stream_take_csv_header(&L->stream, &L->csv_header);
    return st;
}

/* Room for the files just queued, at once: a plain file holds at least
 * the lead bytes it gives, so the buffer is not grown (and its pages not
 * touched) again and again, and, being large, it is asked to be backed by
 * huge pages, which cut the page faults of filling it 512-fold (a compressed
 * file gives more than its size: the buffer then grows as before). */
static void make_room(ls_leads *L)
{
    uint64_t total = 0;
    struct stat st;
    for (size_t i = L->stream.next_path; i < L->stream.paths.count; i++)
        if (stat(L->stream.paths.paths[i], &st) == 0 && S_ISREG(st.st_mode))
            total += (uint64_t)st.st_size;
    if (total == 0 || total > SIZE_MAX / 4 || ls_buf_reserve(&L->bytes, (size_t)total) != 0)
        return;
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t from = ((uintptr_t)L->bytes.data + huge - 1) & ~(huge - 1);
    uintptr_t to = ((uintptr_t)L->bytes.data + L->bytes.cap) & ~(huge - 1);
    if (to > from)
        madvise((void *)from, to - from, MADV_HUGEPAGE); /* a hint: failure changes nothing */
}

ls_status ls_leads_add_path(ls_leads *leads, const char *path)
{
    if (!leads || !path)
        return LS_E_USAGE;
    ls_status st = ls_stream_add_path(&leads->stream, path);
    if (st == LS_OK)
        make_room(leads);
    return st == LS_OK ? read_all(leads) : st;
}

ls_status ls_leads_add_memory(ls_leads *leads, const char *name, const char *data, size_t len)
{
    if (!leads || !name || (!data && len))
        return LS_E_USAGE;
    ls_status st = ls_stream_add_memory(&leads->stream, name, data, len);
    return st == LS_OK ? read_all(leads) : st;
}

size_t ls_leads_count(const ls_leads *leads)
{
    return leads ? leads->n : 0;
}

const char *ls_leads_get(const ls_leads *leads, size_t i, size_t *len)
{
    if (!leads || i >= leads->n)
        return NULL;
    if (len)
        *len = leads->len[i];
    return leads->bytes.data + leads->off[i];
}

ls_status ls_leads_item(const ls_leads *leads, size_t i, ls_js_shapes *shapes, ls_item *item)
{
    memset(item, 0, sizeof *item);
    size_t vlen;
    ls_scan_error err;
    if (i >= leads->n || ls_scan_lead(leads->bytes.data + leads->off[i], leads->len[i],
                                      leads->max_depth, &item->own, &vlen, &err, shapes) != 1)
        return LS_E_INTERNAL; /* it was a lead object when it was kept */
    if (leads->csv[i])
        ls_csv_lead_aliases(&item->own);
    item->lead = &item->own;
    item->is_object = 1;
    item->from_csv = leads->csv[i];
    item->file = leads->files[leads->file[i]];
    item->index = leads->index[i];
    return LS_OK;
}

ls_status ls_leads_source(const ls_leads *leads, size_t i, const char **file,
                          uint64_t *line)
{
    if (!leads || i >= leads->n || !file || !line)
        return LS_E_USAGE;
    *file = leads->files[leads->file[i]];
    *line = leads->line[i];
    return LS_OK;
}

uint64_t ls_leads_line(const ls_leads *leads, size_t i)
{
    return i < leads->n ? leads->line[i] : 0;
}

const ls_stream_stats *ls_leads_input_stats(const ls_leads *leads)
{
    return &leads->stream.stats;
}

const ls_csv_names *ls_leads_csv_header(const ls_leads *leads)
{
    return leads->csv_header.names ? &leads->csv_header : NULL;
}
