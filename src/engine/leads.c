/* Leads read once and kept, so that any number of requests can be run over
 * them without reading the inputs again (an editor re-runs on every
 * change).  Each lead is kept as its bytes; a run scans them again, which
 * costs far less memory than keeping them scanned. */
#include <stdlib.h>
#include <string.h>
#include "engine/run_int.h"
#include "json/json.h"
#include "readers/csv.h"

struct ls_leads {
    ls_stream stream;
    ls_buf bytes;          /* every lead object, back to back */
    size_t *off, *len;     /* lead i: bytes.data + off[i], len[i] bytes */
    unsigned char *csv;    /* lead i is a CSV row: its aliased columns count */
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
                            opt ? opt->input_format : LS_INPUT_AUTO};
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
    ls_csv_names_free(&leads->csv_header);
    free(leads);
}

static ls_status keep(ls_leads *L, const ls_item *item)
{
    const ls_lead *lead = item->lead;
    if (L->n == L->cap) {
        size_t cap = L->cap ? 2 * L->cap : 1024;
        size_t *off = realloc(L->off, cap * sizeof *off);
        if (off)
            L->off = off;
        size_t *len = off ? realloc(L->len, cap * sizeof *len) : NULL;
        if (len)
            L->len = len;
        unsigned char *csv = len ? realloc(L->csv, cap) : NULL;
        if (!off || !len || !csv)
            return LS_E_NOMEM;
        L->csv = csv;
        L->cap = cap;
    }
    L->csv[L->n] = (unsigned char)(item->from_csv != 0);
    L->off[L->n] = L->bytes.len;
    L->len[L->n] = lead->raw_len;
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

ls_status ls_leads_add_path(ls_leads *leads, const char *path)
{
    if (!leads || !path)
        return LS_E_USAGE;
    ls_status st = ls_stream_add_path(&leads->stream, path);
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

ls_status ls_run_add_leads(ls_run *run, const ls_leads *leads)
{
    if (!run || !leads)
        return LS_E_USAGE;
    ls_status st = ls_run_check_open(run);
    if (st != LS_OK)
        return st;
    ls_js_shapes *shapes = ls_js_shapes_new(); /* NULL: scanned the slow way */
    ls_stream_stats *in = &run->stream.stats;
    const ls_stream_stats *kept = &leads->stream.stats;
    /* the inputs' own counts, as if they had been read again */
    in->files_read += kept->files_read;
    in->files_failed += kept->files_failed;
    in->malformed += kept->malformed;
    in->not_objects += kept->not_objects;
    in->not_leads += kept->not_leads;
    run->files_listed += kept->files_read + kept->files_failed;
    for (size_t i = 0; st == LS_OK && i < leads->n; i++) {
        ls_lead lead;
        size_t vlen;
        ls_scan_error err;
        if (ls_scan_lead(leads->bytes.data + leads->off[i], leads->len[i], leads->max_depth,
                         &lead, &vlen, &err, shapes) != 1) {
            st = LS_E_INTERNAL; /* it was a lead object when it was kept */
            break;
        }
        if (leads->csv[i])
            ls_csv_lead_aliases(&lead);
        in->leads_read++;
        ls_stage1 s1;
        st = ls_stage1_run(run->matcher, &lead, &run->key_scratch, &run->dedup, &s1);
        if (st == LS_OK)
            st = ls_run_stage2_kept(run, &lead, &s1);
        if (st == LS_OK && (in->leads_read & 0xFFFF) == 0)
            st = ls_run_checkpoint(run);
    }
    if (st == LS_OK)
        st = ls_run_checkpoint(run);
    if (st == LS_OK && leads->csv_header.names)
        st = ls_run_keep_csv_header_copy(run, leads->csv_header.names, leads->csv_header.len,
                                         leads->csv_header.count);
    ls_js_shapes_free(shapes);
    ls_run_sync_input_stats(run);
    if (st != LS_OK && run->error == LS_OK)
        run->error = st;
    return st;
}
