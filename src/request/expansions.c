/* The seniority expansions of contract §2 (vp, chief, c-lvl, cxo,
 * manager+), read by the request compiler and by the level a title implies. */
#include <string.h>
#include "core/core.h"
#include "request/request_int.h"

const char *const *ls_seniority_expansion(const char *entry, size_t len)
{
    static const char *const vp[] = {"vp", "svp", "evp", "gvp", "avp", NULL};
    static const char *const chief[] = {"chief", "chief officer", NULL};
    static const char *const clvl[] = {"c lvl", "chief officer", NULL};
    static const char *const cxo[] = {"cxo", "chief officer", NULL};
    /* no gvp here: as documented */
    static const char *const mgr[] = {"manager", "director", "head", "vp", "svp",
                                      "evp",     "avp",      "chief officer", NULL};
    static const struct {
        const char *key;
        const char *const *alts;
    } table[] = {{"vp", vp}, {"chief", chief}, {"c-lvl", clvl}, {"cxo", cxo}, {"manager+", mgr}};
    ls_trim_ascii_ws(&entry, &len);
    char low[16];
    if (len == 0 || len >= sizeof low)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)entry[i];
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    for (size_t t = 0; t < sizeof table / sizeof *table; t++)
        if (strlen(table[t].key) == len && memcmp(table[t].key, low, len) == 0)
            return table[t].alts;
    return NULL;
}
