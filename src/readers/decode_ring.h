/* A producer thread filling a small ring of buffers that one reader
 * empties in order: decompression runs beside the scanning of what it
 * made, so a compressed input costs about max(decompress, scan) rather
 * than their sum.  Memory: nslots buffers of slot_cap bytes. */
#ifndef LS_DECODE_RING_H
#define LS_DECODE_RING_H
#include <stddef.h>
#include <sys/types.h>

typedef struct ls_ring ls_ring;

/* Fills buf with up to cap bytes: >0 bytes made, 0 the end, -1 a failure.
 * Called on the ring's thread only, until it returns 0 or -1 or the ring
 * is stopped; whatever it writes for the reader (a message) is seen by
 * the reader once ls_ring_take returned that 0 or -1. */
typedef ssize_t (*ls_ring_fill)(void *user, unsigned char *buf, size_t cap);

/* Starts the thread.  NULL when out of memory or no thread can be made
 * (the caller then fills on its own thread). */
ls_ring *ls_ring_start(ls_ring_fill fill, void *user, size_t slot_cap, int nslots);

/* The next buffer in order: >0 its length with *p set (valid until the
 * next take), else fill's last result (0 or -1), again on every later
 * call.  Gives back the buffer of the previous take. */
ssize_t ls_ring_take(ls_ring *r, const unsigned char **p);

/* Stops the thread (after the fill call it is in, if any) and frees all. */
void ls_ring_stop(ls_ring *r);

#endif
