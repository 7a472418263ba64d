/* The steps of norm() (contract §1), each callable on its own so that each
 * can be tested alone; norm.c chains them. */
#ifndef LS_STEPS_H
#define LS_STEPS_H
#include <stddef.h>
#include "core/core.h"
#include "normalize/words.h"

/* Steps 3-4 as byte maps over ASCII; ' ' marks a separator. */
extern const unsigned char ls_map_norm[128]; /* A-Z lowered, a-z 0-9 kept, else ' ' */
extern const unsigned char ls_map_name[128]; /* A-Z lowered, ASCII whitespace ' ', else kept */

/*
 * Steps 1-4: decodes s (invalid sequences dropped, LS_NORM_INVALID_UTF8 set
 * in *flags), transliterates each code point, passes each ASCII byte through
 * map and appends the result to out with separator runs collapsed to one
 * space and none at either end.  Returns 0, or -1 when memory runs out.
 */
int ls_step_fold(const char *s, size_t n, const unsigned char map[128], ls_buf *out,
                 unsigned *flags);

/* Step 5 on folded text (tokens joined by single spaces): the token at
 * *pos, which advances past it.  Returns 0 when there is none left. */
int ls_step_next_token(const char *t, size_t n, size_t *pos, ls_span *tok);

/* Steps 5-8 on folded text: tokens, stop-words dropped, abbreviations
 * applied in one left-to-right pass (longest first, output not re-scanned),
 * joined by single spaces and appended to out.  Returns 0, or -1 when
 * memory runs out. */
int ls_step_tokens(const char *t, size_t n, ls_buf *out);

#endif
