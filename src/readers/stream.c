/* The lead stream: queued inputs read in order, with their counts. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "readers/stream.h"

void ls_stream_init(ls_stream *s, const ls_diag_sink *sink, const ls_reader_limits *lim)
{
    memset(s, 0, sizeof *s);
    if (sink)
        s->sink = *sink;
    if (lim)
        s->lim = *lim;
}

/* Keeps a CSV input's header when it is the first since the last take. */
static void keep_csv_header(ls_stream *s)
{
    const ls_csv_names *h = ls_source_csv_header(s->src);
    if (!h || s->csv_header.names)
        return;
    /* out of memory: CSV output then falls back to the default columns */
    (void)ls_csv_names_copy(&s->csv_header, h->names, h->len, h->count);
}

void ls_stream_take_csv_header(ls_stream *s, ls_csv_names *out)
{
    *out = s->csv_header;
    memset(&s->csv_header, 0, sizeof s->csv_header);
}

static void close_current(ls_stream *s)
{
    if (s->src) {
        keep_csv_header(s);
        ls_source_close(s->src);
        s->src = NULL;
    }
}

static void forget_paths(ls_stream *s)
{
    ls_pathlist_free(&s->paths);
    memset(&s->paths, 0, sizeof s->paths);
    s->next_path = 0;
}

void ls_stream_free(ls_stream *s)
{
    close_current(s);
    forget_paths(s);
    ls_source_spare_free(&s->spare);
    ls_csv_names_free(&s->csv_header);
}

ls_status ls_stream_add_path(ls_stream *s, const char *path)
{
    if (s->next_path == s->paths.count)
        forget_paths(s); /* every queued file was read: start a new list */
    return ls_paths_expand(path, &s->paths, &s->sink, &s->stats.files_failed);
}

ls_status ls_stream_add_file(ls_stream *s, const char *path)
{
    if (s->next_path == s->paths.count)
        forget_paths(s);
    return ls_pathlist_push(&s->paths, path);
}

ls_status ls_stream_add_memory(ls_stream *s, const char *name, const char *data, size_t len)
{
    if (s->src)
        return LS_E_USAGE; /* the input being read comes first */
    return ls_source_open_memory(name, data ? data : "", len, &s->lim, &s->src);
}

/* Opens the next queued file; an unreadable one is reported and counted.
 * 1 when one is open, 0 when none is left, -1 on another error (*st). */
static int open_next(ls_stream *s, ls_status *st)
{
    while (s->next_path < s->paths.count) {
        const char *path = s->paths.paths[s->next_path++];
        ls_status o = ls_source_open_reusing(path, &s->lim, &s->spare, &s->src);
        if (o == LS_OK)
            return 1;
        if (o != LS_E_IO) {
            *st = o;
            return -1;
        }
        int saved = errno;
        s->stats.files_failed++;
        ls_diag_emit(&s->sink, LS_DIAG_IO, path, 0, 0, "cannot read: %s", strerror(saved));
        return 0; /* reported: a FILE_FAILED event, then on */
    }
    return 0;
}

ls_stream_event ls_stream_step(ls_stream *s, ls_item *item, ls_status *st)
{
    *st = LS_OK;
    if (!s->src) {
        size_t before = s->next_path;
        int r = open_next(s, st);
        if (r < 0)
            return LS_STREAM_END;
        if (r == 0)
            return s->next_path > before ? LS_STREAM_FILE_FAILED : LS_STREAM_END;
    }
    int r = ls_source_next(s->src, item, &s->sink, &s->stats.malformed);
    if (r > 0) {
        if (item->not_lead) {
            s->stats.not_leads++;
            return LS_STREAM_NOT_LEADS;
        }
        if (!item->is_object) {
            s->stats.not_objects++;
            return LS_STREAM_NOT_OBJECT;
        }
        s->stats.leads_read++;
        return LS_STREAM_LEAD;
    }
    close_current(s);
    if (r < 0) {
        s->stats.files_failed++;
        return LS_STREAM_FILE_FAILED;
    }
    s->stats.files_read++;
    return LS_STREAM_FILE_DONE;
}

int ls_stream_next(ls_stream *s, ls_item *item, ls_status *st)
{
    for (;;) {
        ls_stream_event e = ls_stream_step(s, item, st);
        if (e == LS_STREAM_LEAD)
            return 1;
        if (e == LS_STREAM_END)
            return 0;
    }
}

uint64_t ls_stream_line(ls_stream *s, const ls_item *item)
{
    return s->src ? ls_source_item_line(s->src, item) : 0;
}

ls_pathlist ls_stream_take_paths(ls_stream *s)
{
    for (size_t i = 0; i < s->next_path; i++)
        free(s->paths.paths[i]);
    size_t rest = s->paths.count - s->next_path;
    if (rest && s->next_path)
        memmove(s->paths.paths, s->paths.paths + s->next_path, rest * sizeof *s->paths.paths);
    s->paths.count = rest;
    ls_pathlist taken = s->paths;
    memset(&s->paths, 0, sizeof s->paths);
    s->next_path = 0;
    return taken;
}

size_t ls_stream_pending(const ls_stream *s)
{
    return s->paths.count - s->next_path;
}

void ls_stream_reset(ls_stream *s)
{
    close_current(s);
    forget_paths(s);
}
