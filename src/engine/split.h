/* Where a big plain JSONL file is cut into byte ranges that threads read
 * at once (parallel.c).  Only the cut points are found here, by reading a
 * few kilobytes at each; whether the file is JSONL is decided by its
 * first range's reader, as for any file. */
#ifndef LS_ENGINE_SPLIT_H
#define LS_ENGINE_SPLIT_H
#include <stddef.h>
#include <stdint.h>
#include "readers/reader.h"

typedef struct ls_split {
    uint64_t *starts; /* starts[0] = 0; the others each just past a newline */
    size_t n;         /* ranges; 1: the file is read whole */
    int doc;          /* a document (array, response): starts[] are only where
                         its reader looks for elements to cut at */
} ls_split;

/* The ranges of path: one unless it is a regular, uncompressed, non-CSV
 * file of at least two ranges' bytes whose first line looks like a JSONL
 * record (one object on a line), or that starts with '[' or '{' otherwise
 * (a document: doc set, the cuts found by its reader, reader.h).  Range bytes: LEADSIEVE_SPLIT_BYTES when
 * set (tests use a few hundred bytes), else 32 MiB.  -1 when out of
 * memory. */
int ls_split_plan(const char *path, const ls_reader_limits *lim, ls_split *out);
void ls_split_free(ls_split *s);

#endif
