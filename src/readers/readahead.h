/* Reading a pipe ahead on a thread of its own: blocks are filled while the
 * caller scans the ones before, so that waiting for the writer and copying
 * out of the kernel overlap matching.  Used for standard input when the
 * run has threads to spare. */
#ifndef LS_READERS_READAHEAD_H
#define LS_READERS_READAHEAD_H
#include <stddef.h>
#include <sys/types.h>

typedef struct ls_readahead ls_readahead;

/* Starts reading fd (which stays the caller's); NULL when no thread or
 * memory could be had (the caller then reads fd itself). */
ls_readahead *ls_readahead_new(int fd);
/* Like read(2) on fd, in order: bytes given, 0 at the end, -1 with errno
 * set by the failed read (after every byte read before it).  An
 * ls_decode_pull. */
ssize_t ls_readahead_pull(void *ra, void *buf, size_t cap);
/* Stops the thread, even one waiting on a writer, and frees. */
void ls_readahead_free(ls_readahead *ra);

#endif
