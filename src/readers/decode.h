/* Transparent decompression of an input (contract §5a): gzip, multi-member
 * too, and zstd, concatenated frames too, recognised by their magic bytes
 * whatever the file is called, on pipes too.  Anything else passes through
 * untouched.  Memory stays bounded: one compressed buffer, the codec's
 * own state (zstd's window is capped by the library's default limit) and
 * one 1 MiB stage, or eight when a thread decompresses (decode_ring.h). */
#ifndef LS_DECODE_H
#define LS_DECODE_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct ls_decode ls_decode;

/* Reads fd, which stays the caller's.  NULL when out of memory. */
ls_decode *ls_decode_new(int fd);

/* Reads fd as it is, never decompressing: for a byte range of a plain
 * file, whose first bytes are no magic whatever they hold. */
ls_decode *ls_decode_new_plain(int fd);

/* Reads through pull instead: like read(2), bytes given, 0 at the end, -1
 * with errno set.  For inputs held in memory. */
typedef ssize_t (*ls_decode_pull)(void *user, void *buf, size_t cap);
ls_decode *ls_decode_new_pull(ls_decode_pull pull, void *user);

/* Whether a compressed input is decompressed on a thread of its own while
 * the caller reads what came before (the reads and their failures are the
 * same either way): AUTO (the default) when it is larger than one input
 * buffer (64 KiB); NEVER; ALWAYS (for tests).  Before the first read. */
enum { LS_DECODE_THREAD_AUTO = 0, LS_DECODE_THREAD_NEVER = -1, LS_DECODE_THREAD_ALWAYS = 1 };
void ls_decode_set_thread(ls_decode *d, int mode);

/* 1 when the first bytes of an input (n of them, n >= 4 unless the input
 * is shorter) are gzip's or zstd's magic. */
int ls_decode_is_compressed(const void *head, size_t n);
void ls_decode_free(ls_decode *d);

/* Fills out with up to cap bytes of the input, decompressed when it is
 * compressed.  >0: bytes given; 0: the end; -1: a read error (errno set,
 * ls_decode_message says it) or compressed data that cannot be read on
 * (corrupt, cut short, or followed by something that is not another
 * member or frame).  Bytes given before a failure are good. */
ssize_t ls_decode_read(ls_decode *d, char *out, size_t cap);

/* "gzip" or "zstd" once the input was seen to be compressed, else NULL. */
const char *ls_decode_codec(const ls_decode *d);

/* The decompressed size a compressed regular file says it has (gzip's
 * length field, zstd's frame content size), 0 when it says none or is not
 * compressed: a hint for sizing buffers (the input may hold more, or
 * less), so that a document is read whole in one go.  Looks at the first
 * bytes when no read did yet (a failure there is said by the first read). */
uint64_t ls_decode_size_hint(ls_decode *d);

/* Bytes given so far (decompressed, or as they are when plain). */
uint64_t ls_decode_given(const ls_decode *d);

/* After -1: what went wrong, one line; "" before. */
const char *ls_decode_message(const ls_decode *d);

/* After -1: 1 when the data was at fault (reading on is pointless but what
 * was given stands), 0 for a failed read(). */
int ls_decode_data_error(const ls_decode *d);

#endif
