/* A growable text buffer for the CLI's output: what it prints is composed
 * here and written in one go. */
#ifndef LS_CLI_TEXT_H
#define LS_CLI_TEXT_H
#include <stddef.h>

/* Always NUL-terminated after a successful append. */
typedef struct ls_cli_buf {
    char *data;
    size_t len, cap;
} ls_cli_buf;

/* Each returns 0, or -1 when memory runs out (the buffer unchanged). */
int ls_cli_buf_reserve(ls_cli_buf *b, size_t extra);
int ls_cli_buf_append(ls_cli_buf *b, const void *p, size_t n);
int ls_cli_buf_putc(ls_cli_buf *b, char c);
int ls_cli_buf_printf(ls_cli_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ls_cli_buf_clear(ls_cli_buf *b); /* len = 0, keeps memory */
void ls_cli_buf_free(ls_cli_buf *b);

#endif
