/* Lead sources: files, directories and stdin, shape detected by content
 * (contract §5). */
#ifndef LS_READER_H
#define LS_READER_H
#include <stddef.h>
#include <stdint.h>
#include "leadsieve.h"
#include "json/json.h"
#include "core/core.h"

/* Expands input paths into the ordered list of files to read: a file as
 * given; a directory walked recursively for *.json, *.jsonl, *.ndjson and
 * *.csv, each maybe followed by .gz or .zst (any ASCII case), sorted by
 * path bytes, every other file reported as
 * LS_DIAG_FILE_SKIPPED;
 * "-" kept as is.  Symlink loops, unreadable entries and directories
 * without lead files are reported through sink and skipped; *failed counts them. */
typedef struct ls_pathlist {
    char **paths;
    size_t count, cap;
} ls_pathlist;
ls_status ls_paths_expand(const char *path, ls_pathlist *out, const ls_diag_sink *sink,
                          uint64_t *failed);
/* Appends a copy of path. */
ls_status ls_pathlist_push(ls_pathlist *list, const char *path);
void ls_pathlist_free(ls_pathlist *list);

typedef struct ls_reader_limits {
    size_t max_record_bytes; /* 0 = 256 MiB */
    int max_depth;           /* 0 = 512 */
    size_t chunk_bytes;      /* bytes asked of read() at a time; 0 = 4 MiB
                                (tests use a few bytes to cross every boundary) */
    ls_input_format format;  /* LS_INPUT_AUTO: CSV by name (ls_path_input_format),
                                else JSON by content */
    int read_ahead;          /* standard input on a pipe is read ahead by a
                                thread (readahead.h) */
    /* a big document in a regular file whose items array may be read in
     * up to split_pieces ranges (ls_source_doc_cuts): its survey is shared
     * by split_threads threads; 0: neither */
    size_t split_pieces;
    int split_threads;
} ls_reader_limits;

/* One item of an input. */
typedef struct ls_item {
    const char *file;  /* display name */
    uint64_t offset;   /* byte offset where the item starts (its line: ls_source_item_line) */
    int is_object;     /* lead is valid only when set */
    int not_lead;      /* an object skipped as not leads (§5a; reported) */
    const ls_lead *lead; /* it and its bytes valid until the next ls_source_next call */
    ls_lead own;       /* where lead points unless the source kept it elsewhere */
    int from_csv;      /* a CSV row: its fields were also read from aliased
                          columns (ls_csv_lead_aliases does it again) */
    uint64_t index;    /* its index in the JSON array that holds it (a response's
                          leads[i], a top-level array's [i]), counting every
                          element; LS_ITEM_NO_INDEX for a record of its own (a
                          JSONL line, a lone object, a CSV row) and for the items
                          read after a break in a document, which cannot be
                          counted */
} ls_item;
#define LS_ITEM_NO_INDEX UINT64_MAX

typedef struct ls_source ls_source;

/* Opens a file ("-" = stdin) or, with data != NULL, an in-memory buffer
 * named name (data must outlive the source).  Read errors are LS_E_IO. */
ls_status ls_source_open(const char *path, const ls_reader_limits *lim, ls_source **out);

/* Memory a caller keeps between the files it reads one after another (one
 * per thread): the input buffer and the captured leads.  Reusing them
 * spares each file faulting in fresh pages and giving them back, which
 * with several threads also interrupts the other cores.  Zero-initialize;
 * release with ls_source_spare_free. */
struct ls_js_shapes;
typedef struct ls_source_spare {
    char *buf;
    size_t cap;
    void *items; /* the capture's array */
    size_t items_cap;
    struct ls_js_shapes *shapes; /* the scanner's key-token memory, kept from file to file */
} ls_source_spare;
void ls_source_spare_free(ls_source_spare *spare);
/* ls_source_open that takes its memory from spare (may be NULL) and gives
 * it back there when closed. */
ls_status ls_source_open_reusing(const char *path, const ls_reader_limits *lim,
                                 ls_source_spare *spare, ls_source **out);
ls_status ls_source_open_memory(const char *name, const char *data, size_t len,
                                const ls_reader_limits *lim, ls_source **out);
/* Next item.  Returns 1 with *item, 0 at the end, -1 on an I/O error (reported
 * through sink).  Malformed records, over-limit records and non-object items
 * are reported through sink and counted in *malformed / *not_objects; items
 * that are not objects are still returned with is_object = 0 so callers can
 * count them. */
int ls_source_next(ls_source *src, ls_item *item, const ls_diag_sink *sink,
                   uint64_t *malformed);
/* 1-based line where the item ls_source_next returned last starts.  Lines
 * are counted only when asked: most runs never need one. */
uint64_t ls_source_item_line(ls_source *src, const ls_item *item);
void ls_source_close(ls_source *src);

/* A plain (uncompressed, regular) JSONL file read in byte ranges, each by
 * its own source, so that threads share one big file.  The first range is
 * read by an ordinary source, which decides the shape as always; once
 * ls_source_is_jsonl says JSONL, ls_source_set_stop ends it at the first
 * record that starts at or past stop.  A later range is read by
 * ls_source_open_range from begin (a line start) in JSONL mode, its lines
 * counted from 1 at begin and its items from 0; its records are the
 * whole file's when the range before it ended exactly where this one's
 * first record starts. */
ls_status ls_source_open_range(const char *path, const ls_reader_limits *lim,
                               ls_source_spare *spare, uint64_t begin, ls_source **out);
/* A big document read in byte ranges, the same way: once the first
 * ls_source_next of a source opened with lim->split_pieces > 1 has
 * returned, *cuts holds the starts of elements of the items array it
 * streams (in order, at most split_pieces - 1, each confirmed by the
 * survey's own walk), *n their count (0: the document is not read in
 * ranges: it is broken, not streamed, or no cut was confirmed) and
 * *records whether its items are records (a top-level array).  The first
 * range is that source, stopped at cuts[0] by ls_source_set_stop; the
 * range from cuts[k] is read by ls_source_open_items_range as the same
 * valid document's items, counted as a JSONL range's are (ls_item.index
 * from 0 at begin). */
void ls_source_doc_cuts(const ls_source *src, const uint64_t **cuts, size_t *n, int *records);
ls_status ls_source_open_items_range(const char *path, const ls_reader_limits *lim,
                                     ls_source_spare *spare, uint64_t begin, int records,
                                     ls_source **out);
/* 1 while the source reads JSONL from an uncompressed input. */
int ls_source_is_jsonl(const ls_source *src);
void ls_source_set_stop(ls_source *src, uint64_t stop);
/* Items counted so far (the "item N" of messages). */
uint64_t ls_source_items(const ls_source *src);
typedef struct ls_source_range {
    uint64_t first, first_line; /* the first record's offset and line (UINT64_MAX: none yet) */
    uint64_t end, end_line;     /* where reading stands: the stop's record, or the end
                                   (end_line: only when stopped, else 0) */
    uint64_t items;
    int stopped;                /* ended at the stop, not at the end of the input */
} ls_source_range;
void ls_source_range_info(ls_source *src, ls_source_range *out);

/* A CSV header: count names (the header cells as read, UTF-8), each
 * NUL-terminated, back to back in len bytes.  All zero: none. */
typedef struct ls_csv_names {
    char *names;
    size_t len, count;
} ls_csv_names;
void ls_csv_names_free(ls_csv_names *names);
/* *out = a copy of names[0..len) holding count names; -1 when out of memory. */
int ls_csv_names_copy(ls_csv_names *out, const char *names, size_t len, size_t count);
/* The header of a CSV input once it has been read, else NULL. */
const ls_csv_names *ls_source_csv_header(const ls_source *src);

#endif
