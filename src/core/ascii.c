/* ASCII whitespace, as the contract's "blank" means it (core.h). */
#include "core/core.h"

void ls_trim_ascii_ws(const char **p, size_t *len)
{
    while (*len && ls_is_ascii_ws((unsigned char)(*p)[0]))
        (*p)++, (*len)--;
    while (*len && ls_is_ascii_ws((unsigned char)(*p)[*len - 1]))
        (*len)--;
}
