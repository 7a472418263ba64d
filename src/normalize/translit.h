/* Code point -> ASCII transliteration (contract §1 step 2), from the
 * generated table in translit_table.c (see scripts/gen_translit.py). */
#ifndef LS_TRANSLIT_H
#define LS_TRANSLIT_H
#include <stddef.h>
#include <stdint.h>

/* Sets *ascii to the ASCII replacement of cp (static storage, not
 * NUL-terminated) and returns its length; 0 = the character vanishes.
 * ASCII code points map to themselves. */
size_t ls_translit(uint32_t cp, const char **ascii);

#endif
