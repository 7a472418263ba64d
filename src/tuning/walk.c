#include <errno.h>
#include <string.h>
#include "tuning/walk.h"

void ls_walk_init(ls_walk *w, ls_walk_fn fn, void *user, const ls_diag_sink *sink,
                  const ls_reader_limits *lim)
{
    memset(w, 0, sizeof *w);
    w->fn = fn;
    w->user = user;
    if (sink)
        w->sink = *sink;
    if (lim)
        w->lim = *lim;
    ls_dedup_init(&w->dedup);
}

void ls_walk_free(ls_walk *w)
{
    ls_dedup_free(&w->dedup);
    ls_buf_free(&w->key_scratch);
    ls_source_spare_free(&w->spare);
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

static ls_status walk_source(ls_walk *w, ls_source *src)
{
    ls_status st = LS_OK;
    for (;;) {
        ls_item item;
        int r = ls_source_next(src, &item, &w->sink, &w->stats.malformed);
        if (r == 0) {
            w->stats.files_read++;
            break;
        }
        if (r < 0) {
            w->stats.files_failed++;
            break;
        }
        if (!item.is_object) {
            w->stats.not_objects++;
            continue;
        }
        w->stats.leads_read++;
        st = walk_item(w, item.lead);
        if (st != LS_OK)
            break;
    }
    ls_source_close(src);
    return st;
}

ls_status ls_walk_path(ls_walk *w, const char *path)
{
    ls_pathlist list = {0};
    ls_status st = ls_paths_expand(path, &list, &w->sink, &w->stats.files_failed);
    for (size_t i = 0; st == LS_OK && i < list.count; i++) {
        ls_source *src = NULL;
        st = ls_source_open_reusing(list.paths[i], &w->lim, &w->spare, &src);
        if (st == LS_E_IO) {
            int saved = errno;
            w->stats.files_failed++;
            ls_diag_emit(&w->sink, LS_DIAG_IO, list.paths[i], 0, 0, "cannot read: %s",
                         strerror(saved));
            st = LS_OK;
            continue;
        }
        if (st == LS_OK)
            st = walk_source(w, src);
    }
    ls_pathlist_free(&list);
    return st;
}

ls_status ls_walk_memory(ls_walk *w, const char *name, const char *data, size_t len)
{
    ls_source *src = NULL;
    ls_status st = ls_source_open_memory(name, data ? data : "", len, &w->lim, &src);
    return st == LS_OK ? walk_source(w, src) : st;
}
