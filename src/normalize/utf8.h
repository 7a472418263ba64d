/* UTF-8 decoding that drops invalid input the way Python's
 * bytes.decode("utf-8", "ignore") does (contract §1 step 1). */
#ifndef LS_UTF8_H
#define LS_UTF8_H
#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the sequence at s[0..n), n >= 1.  Returns the code point and sets
 * *adv to the bytes it used; returns -1 with *adv = 1 when no well-formed
 * sequence starts at s (Unicode 3.9, table 3-7: overlongs, surrogates and
 * code points above U+10FFFF are ill-formed).
 *
 * Dropping one byte per failure is exactly "drop each maximal subpart":
 * every byte of a maximal subpart after its first is a continuation byte,
 * which never starts a sequence, so it is dropped in turn.
 */
int32_t ls_utf8_next(const unsigned char *s, size_t n, size_t *adv);

/* Length of the leading run of ASCII bytes of s[0..n). */
size_t ls_utf8_ascii_run(const unsigned char *s, size_t n);

#endif
