/* A growable byte buffer: the one piece of code both the library (through
 * core.h) and the leadsieve command compile in.  It has no state and names
 * nothing of the library, so the command stays a client of include/ only. */
#ifndef LS_UTIL_BUF_H
#define LS_UTIL_BUF_H
#include <stddef.h>

/* Always NUL-terminated after a successful append. */
typedef struct ls_buf {
    char *data;
    size_t len, cap;
} ls_buf;

/* Each returns 0 on success, -1 when memory runs out (buffer unchanged). */
int ls_buf_reserve(ls_buf *b, size_t extra);
int ls_buf_append(ls_buf *b, const void *p, size_t n);
int ls_buf_putc(ls_buf *b, char c);
int ls_buf_printf(ls_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ls_buf_clear(ls_buf *b); /* len = 0, keeps memory */
void ls_buf_free(ls_buf *b);

#endif
