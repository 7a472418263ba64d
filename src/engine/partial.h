/* Partial runs (partial.c reads them, partial_write.c writes them). */
#ifndef LS_ENGINE_PARTIAL_H
#define LS_ENGINE_PARTIAL_H
#include <stdint.h>
#include "util/buf.h"

/* A record's first byte: the outcome, then what follows it. */
enum { LS_PART_OUTCOME = 3, LS_PART_KEY = 1 << 2, LS_PART_INVALID = 1 << 3,
       LS_PART_NOT_EVAL = 1 << 4 };

/* Little-endian u64, LEB128 varint, u64 length + bytes; -1: no memory. */
int ls_partial_put_u64(ls_buf *b, uint64_t v);
int ls_partial_put_var(ls_buf *b, uint64_t v);
int ls_partial_put_str(ls_buf *b, const char *s, size_t n);

#endif
