/* Code point -> ASCII by direct indexed lookup in the generated table:
 * a page index over cp >> 8, then 256 packed entries per covered page,
 * each (offset into one string pool << 8) | length.  No search, no
 * branches beyond the range checks. */
#include "normalize/translit.h"

#include "normalize/translit_table.inc"

size_t ls_translit(uint32_t cp, const char **ascii)
{
    if (cp < 0x80) {  /* ASCII maps to itself: the pool starts with it */
        *ascii = &ls_tr_pool[cp];
        return 1;
    }
    if (cp > LS_TR_MAX_CP) {
        *ascii = ls_tr_pool;
        return 0;
    }
    unsigned page = ls_tr_page[cp >> 8];
    if (page == 0) {
        *ascii = ls_tr_pool;
        return 0;
    }
    unsigned int e = ls_tr_entry[page - 1][cp & 0xffu];
    *ascii = &ls_tr_pool[e >> 8];
    return e & 0xffu;
}
