/* Reader knobs that tests turn to exercise chunk boundaries. */
#ifndef LS_READER_INTERNAL_H
#define LS_READER_INTERNAL_H
#include <stddef.h>

/* Bytes asked of read() at a time (default 4 MiB). */
extern size_t ls_reader_chunk_bytes;

#endif
