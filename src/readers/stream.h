/* The one lead stream every command reads through: inputs queued in order
 * (paths expanded, directories walked, or memory), read record by record,
 * with the counts and diagnostics of reading kept in one place.  A change
 * to the input rules (contract §5) is made here and in source.c, and
 * every driver — the sequential run, the parallel workers, explain, score,
 * diff — reads the same way.  Not thread-safe: one stream per thread. */
#ifndef LS_READERS_STREAM_H
#define LS_READERS_STREAM_H
#include <stdint.h>
#include "readers/reader.h"

typedef struct ls_stream_stats {
    uint64_t files_read;   /* inputs read to their end */
    uint64_t files_failed; /* inputs that could not be read, or not to the end */
    uint64_t leads_read;   /* objects given out */
    uint64_t malformed;    /* records skipped: not JSON, over a limit */
    uint64_t not_objects;  /* items skipped: not objects */
    uint64_t not_leads;    /* objects skipped: requests, error envelopes, own documents */
} ls_stream_stats;

/* Copies the stream's counts into any stats struct that has these six
 * members (a run's, explain's, a walk's). */
#define LS_STREAM_COUNTS_INTO(dst, in)          \
    ((dst)->files_read = (in)->files_read,      \
     (dst)->files_failed = (in)->files_failed,  \
     (dst)->leads_read = (in)->leads_read,      \
     (dst)->malformed = (in)->malformed,        \
     (dst)->not_objects = (in)->not_objects,    \
     (dst)->not_leads = (in)->not_leads)

typedef enum ls_stream_event {
    LS_STREAM_END = 0,      /* every queued input has been read */
    LS_STREAM_LEAD,         /* *item is a lead object */
    LS_STREAM_NOT_OBJECT,   /* an item that is not an object (reported) */
    LS_STREAM_NOT_LEADS,    /* an object that is not leads (reported) */
    LS_STREAM_FILE_DONE,    /* an input was read to its end */
    LS_STREAM_FILE_FAILED   /* an input could not be read (reported) */
} ls_stream_event;

typedef struct ls_stream {
    ls_diag_sink sink;
    ls_reader_limits lim;
    ls_stream_stats stats;
    ls_source_spare spare; /* input memory reused from input to input */
    ls_pathlist paths;     /* queued files; paths[next_path..] not yet opened */
    size_t next_path;
    ls_source *src;        /* the input being read, NULL between inputs */
    ls_csv_names csv_header; /* the header of the first CSV input read, kept
                                until taken (ls_stream_take_csv_header) */
} ls_stream;

void ls_stream_init(ls_stream *s, const ls_diag_sink *sink, const ls_reader_limits *lim);
void ls_stream_free(ls_stream *s);

/* Queues a file, a directory (walked: ls_paths_expand) or "-"; problems of
 * the walk are reported and counted as failed inputs. */
ls_status ls_stream_add_path(ls_stream *s, const char *path);
/* Queues one file as it is, without walking. */
ls_status ls_stream_add_file(ls_stream *s, const char *path);
/* Reads an in-memory input next, before any queued file; data must outlive
 * its reading. */
ls_status ls_stream_add_memory(ls_stream *s, const char *name, const char *data, size_t len);

/* The next event, counted in s->stats; LS_STREAM_LEAD's *item is valid
 * until the next call.  *st is set to an error (memory) that ends the
 * stream; the return value is then LS_STREAM_END. */
ls_stream_event ls_stream_step(ls_stream *s, ls_item *item, ls_status *st);
/* The next lead, skipping the other events: 1 with *item, 0 at the end
 * (*st says whether that end is an error). */
int ls_stream_next(ls_stream *s, ls_item *item, ls_status *st);
/* 1-based line where the lead last given out starts. */
uint64_t ls_stream_line(ls_stream *s, const ls_item *item);

/* Queued files not yet opened. */
size_t ls_stream_pending(const ls_stream *s);
/* For a driver that reads the queued files on threads of its own: the
 * files not yet opened, which the stream then forgets (the driver counts
 * them into stats as it reads them).  The caller frees the list. */
ls_pathlist ls_stream_take_paths(ls_stream *s);
/* Closes the input being read and forgets the queue; the counts, the
 * reusable memory and a CSV header not taken stay. */
void ls_stream_reset(ls_stream *s);

/* Moves the header of the first CSV input read since the last take into
 * *out (all zero when none); *out must hold none. */
void ls_stream_take_csv_header(ls_stream *s, ls_csv_names *out);

#endif
