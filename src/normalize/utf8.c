#include <string.h>
#include <utf8proc.h>
#include "normalize/utf8.h"

int32_t ls_utf8_next(const unsigned char *s, size_t n, size_t *adv)
{
    if (s[0] < 0x80) {
        *adv = 1;
        return s[0];
    }
    /* utf8proc_iterate rejects every ill-formed sequence of table 3-7 but
     * does not say how long the bad part was; see the header for why one
     * byte is enough. */
    utf8proc_int32_t cp;
    utf8proc_ssize_t r = utf8proc_iterate(s, n < 4 ? (utf8proc_ssize_t)n : 4, &cp);
    if (r <= 0 || cp < 0) {
        *adv = 1;
        return -1;
    }
    *adv = (size_t)r;
    return cp;
}

size_t ls_utf8_ascii_run(const unsigned char *s, size_t n)
{
    size_t i = 0;
    /* Eight bytes at a time: ASCII iff no high bit is set. */
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            break;
    }
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}
