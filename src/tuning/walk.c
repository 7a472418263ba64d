/* Reading leads for score and diff: the lead stream, then duplicates. */
#include <string.h>
#include "engine/leads.h"
#include "tuning/walk.h"

void ls_walk_init(ls_walk *w, ls_walk_fn fn, void *user, const ls_diag_sink *sink,
                  const ls_reader_limits *lim)
{
    memset(w, 0, sizeof *w);
    w->fn = fn;
    w->user = user;
    ls_stream_init(&w->stream, sink, lim);
    ls_dedup_init(&w->dedup);
}

void ls_walk_free(ls_walk *w)
{
    ls_dedup_free(&w->dedup);
    ls_buf_free(&w->key_scratch);
    ls_stream_free(&w->stream);
}

static ls_status walk_item(ls_walk *w, const ls_lead *lead)
{
    const char *key = NULL;
    size_t len = 0;
    int k = ls_dedup_key(lead, &w->key_scratch, &key, &len);
    if (k < 0)
        return LS_E_NOMEM;
    if (k) {
        int fresh = ls_dedup_insert(&w->dedup, key, len);
        if (fresh < 0)
            return LS_E_NOMEM;
        if (!fresh) {
            w->stats.duplicates++;
            return LS_OK;
        }
        /* the dedup key is tagged with field and type (2 bytes) so that
         * "7" and 7 stay distinct; a label names the value only */
        key += 2;
        len -= 2;
    }
    return w->fn(w->user, lead, k ? key : NULL, len);
}

/* Every lead queued in the stream; the stream's counts are the walk's. */
static ls_status walk_stream(ls_walk *w)
{
    ls_item item;
    ls_status st = LS_OK;
    while (ls_stream_next(&w->stream, &item, &st)) {
        w->cur = &item;
        st = walk_item(w, item.lead);
        w->cur = NULL;
        if (st != LS_OK)
            break;
    }
    LS_STREAM_COUNTS_INTO(&w->stats, &w->stream.stats);
    return st;
}

ls_status ls_walk_path(ls_walk *w, const char *path)
{
    ls_status st = ls_stream_add_path(&w->stream, path);
    return st == LS_OK ? walk_stream(w) : st;
}

ls_status ls_walk_memory(ls_walk *w, const char *name, const char *data, size_t len)
{
    ls_status st = ls_stream_add_memory(&w->stream, name, data, len);
    return st == LS_OK ? walk_stream(w) : st;
}

ls_status ls_walk_leads(ls_walk *w, const ls_leads *leads)
{
    ls_stream_stats *in = &w->stream.stats;
    const ls_stream_stats *kept = ls_leads_input_stats(leads);
    in->files_read += kept->files_read;
    in->files_failed += kept->files_failed;
    in->malformed += kept->malformed;
    in->not_objects += kept->not_objects;
    in->not_leads += kept->not_leads;
    ls_js_shapes *shapes = ls_js_shapes_new(); /* NULL: scanned the slow way */
    ls_status st = LS_OK;
    for (size_t i = 0, n = ls_leads_count(leads); st == LS_OK && i < n; i++) {
        ls_item item;
        if ((st = ls_leads_item(leads, i, shapes, &item)) != LS_OK)
            break;
        in->leads_read++;
        w->cur = &item;
        w->cur_line = ls_leads_line(leads, i);
        st = walk_item(w, item.lead);
        w->cur = NULL;
        w->cur_line = 0;
    }
    ls_js_shapes_free(shapes);
    LS_STREAM_COUNTS_INTO(&w->stats, in);
    return st;
}

const char *ls_walk_file(const ls_walk *w)
{
    return w->cur && w->cur->file ? w->cur->file : "";
}

uint64_t ls_walk_line(ls_walk *w)
{
    if (w->cur_line)
        return w->cur_line;
    return w->cur ? ls_stream_line(&w->stream, w->cur) : 0;
}

uint64_t ls_walk_index(const ls_walk *w)
{
    return w->cur ? w->cur->index : LS_NO_INDEX;
}
