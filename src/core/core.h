/* Small shared pieces every module uses: the growable byte buffer
 * (util/buf.h), hashing, problem lists, the diagnostics sink. */
#ifndef LS_CORE_H
#define LS_CORE_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "leadsieve.h"
#include "util/buf.h"

/* 64-bit hash of n bytes for in-memory tables (dedup index, memos):
 * word at a time, then a final mix; keys are short and a byte-serial hash
 * was a visible cost. */
uint64_t ls_hash_bytes(const char *p, size_t n);

/* n zero bytes for a table that is then read and written at random; free
 * with free().  Zeroed by writing every page now: calloc's fresh pages are
 * read first as the shared zero page, and each first write after that
 * faults and flushes the TLB of every core running one of our threads. */
void *ls_table_alloc(size_t n);

/* ASCII whitespace as the contract means it ("blank"). */
static inline int ls_is_ascii_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Trims ASCII whitespace from both ends of [*p, *p+*len). */
void ls_trim_ascii_ws(const char **p, size_t *len);

/* Problem lists.  Adding a second hint for the same path joins both with
 * "; " (one entry per path, first-seen order). */
ls_problems *ls_problems_new(void);
/* Returns 0, or -1 when memory runs out. */
int ls_problems_add(ls_problems *list, const char *path, const char *hint);
int ls_problems_addf(ls_problems *list, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Diagnostics sink for malformed input. */
typedef struct ls_diag_sink {
    ls_diag_fn fn; /* may be NULL */
    void *user;
} ls_diag_sink;

void ls_diag_emit(const ls_diag_sink *sink, ls_diag_kind kind, const char *file,
                  uint64_t line, uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

#endif
