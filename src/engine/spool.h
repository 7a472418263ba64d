/* A spool holds the output bytes of kept leads in arrival order: in memory
 * until told to spill, then in an unlinked temporary file, so that a run's
 * memory does not grow with its input. */
#ifndef LS_ENGINE_SPOOL_H
#define LS_ENGINE_SPOOL_H
#include <stdint.h>
#include <stdio.h>
#include "core/core.h"

typedef struct ls_spool {
    ls_buf mem;      /* records while in memory */
    FILE *file;      /* records once spilled */
    char *file_buf;  /* stdio buffer of file */
    uint64_t count;  /* records held */
} ls_spool;

/* Each returns LS_OK, LS_E_NOMEM or LS_E_IO (errno kept). */
ls_status ls_spool_append(ls_spool *s, int persona, const char *p, size_t n);
/* Moves the records to a temporary file in $TMPDIR (else /tmp). */
ls_status ls_spool_spill(ls_spool *s);
size_t ls_spool_mem_bytes(const ls_spool *s);

/* Calls fn for the first max records (all when max is UINT64_MAX), in
 * order; stops when fn returns non-zero (*stopped = 1).  scratch holds a
 * spilled record while fn runs.  May be called again. */
typedef int (*ls_spool_fn)(void *user, const char *p, size_t n, int persona);
ls_status ls_spool_foreach(ls_spool *s, uint64_t max, ls_buf *scratch, ls_spool_fn fn,
                           void *user, int *stopped);
void ls_spool_free(ls_spool *s);

#endif
