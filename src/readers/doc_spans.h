/* Runs of valid array elements in a big document, found by several
 * threads at once so that the survey (source.c) need not validate them
 * one by one: the file is cut into pieces, and from each cut a thread
 * guesses where an element starts (a '{' after ',' and blanks) and
 * validates elements from there, each on its own, until one starts in the
 * next piece.  A guess may be wrong (a cut inside a string that holds
 * "}, {", or inside a nested array of objects): the survey takes a run
 * only where its own walk, in an array, reaches an element start that is
 * the run's first byte, so a wrong guess is never taken. */
#ifndef LS_READERS_DOC_SPANS_H
#define LS_READERS_DOC_SPANS_H
#include <stddef.h>
#include <stdint.h>

typedef struct ls_doc_span {
    uint64_t from; /* the first element's first byte */
    uint64_t to;   /* just past the last element (a byte other than a blank follows it) */
} ls_doc_span;

/* The runs in [from, size) of the file read through fd (pread only), cut
 * in pieces pieces, by threads threads (the calling one among them), each
 * element valid at nesting depth depth; sorted by from.  *out is NULL and
 * *n 0 when none were found.  -1 when out of memory. */
int ls_doc_spans_find(int fd, uint64_t from, uint64_t size, size_t pieces, int threads,
                      int depth, ls_doc_span **out, size_t *n);

#endif
