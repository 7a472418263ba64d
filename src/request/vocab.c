/* Lookups in the v1 vocabulary tables (request/vocab.h).  The lists are a
 * few hundred short names and a request has a few entries, so a scan is
 * all it takes; nothing here runs per lead. */
#include <string.h>
#include <strings.h>
#include "core/core.h"
#include "request/level.h"
#include "request/vocab.h"
#include "request/vocab_table.h"

/* Index of the entry of list equal to s once ASCII case is ignored, or -1. */
static long find(const char *const *list, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && strncasecmp(list[i], s, len) == 0)
            return (long)i;
    return -1;
}

/* The hint for s (trimmed, case ignored), or NULL. */
static const char *hint(const char *const *from, const char *const *to, size_t n,
                        const char *s, size_t len)
{
    ls_trim_ascii_ws(&s, &len);
    long i = find(from, n, s, len);
    return i < 0 ? NULL : to[i];
}

const char *ls_vocab_industry(const char *s, size_t len)
{
    long i = find(ls_vocab_industries, ls_vocab_industries_count, s, len);
    return i < 0 ? NULL : ls_vocab_industries[i];
}

const char *ls_vocab_industry_renamed(const char *s, size_t len)
{
    long i = find(ls_vocab_renamed_from, ls_vocab_renamed_count, s, len);
    return i < 0 ? NULL : ls_vocab_renamed_to[i];
}

const char *ls_vocab_industry_suggest(const char *s, size_t len)
{
    const char *h = hint(ls_vocab_industry_hint_from, ls_vocab_industry_hint_to,
                         ls_vocab_industry_hint_count, s, len);
    if (h)
        return h;
    const char *near = ls_suggest(s, len, ls_vocab_industries, ls_vocab_industries_count);
    if (near)
        return near;
    /* a misspelt older name ("Computer Sofware") means its current name */
    near = ls_suggest(s, len, ls_vocab_renamed_from, ls_vocab_renamed_count);
    return near ? ls_vocab_industry_renamed(near, strlen(near)) : NULL;
}

const char *ls_vocab_function(const char *s, size_t len)
{
    long i = find(ls_vocab_functions, ls_vocab_functions_count, s, len);
    return i < 0 ? NULL : ls_vocab_functions[i];
}

const char *ls_vocab_function_suggest(const char *s, size_t len)
{
    const char *h = hint(ls_vocab_function_hint_from, ls_vocab_function_hint_to,
                         ls_vocab_function_hint_count, s, len);
    return h ? h : ls_suggest(s, len, ls_vocab_functions, ls_vocab_functions_count);
}

/* A label compares with ASCII case ignored ("cxo" is CXO); a documented
 * value only as documented: "Owner" and "VP" are not the snake_case the
 * documentation lists but spellings the levels read as aliases, which the
 * live API matches loosely ("Owner" once returned 772 leads). */
ls_vocab_seniority ls_vocab_seniority_kind(const char *s, size_t len, unsigned *mask)
{
    *mask = ls_level_mask_of_value(s, len);
    if (find(ls_vocab_seniority_labels, ls_vocab_seniority_labels_count, s, len) >= 0)
        return LS_VOCAB_SENIORITY_CANONICAL;
    for (size_t i = 0; i < ls_vocab_seniority_documented_count; i++) {
        const char *d = ls_vocab_seniority_documented[i];
        if (strlen(d) == len && memcmp(d, s, len) == 0)
            return LS_VOCAB_SENIORITY_CANONICAL;
    }
    return *mask ? LS_VOCAB_SENIORITY_ALIAS : LS_VOCAB_SENIORITY_UNKNOWN;
}

const char *ls_vocab_seniority_suggest(const char *s, size_t len)
{
    const char *near =
        ls_suggest(s, len, ls_vocab_seniority_labels, ls_vocab_seniority_labels_count);
    return near ? near
                : ls_suggest(s, len, ls_vocab_seniority_documented,
                             ls_vocab_seniority_documented_count);
}

const char *ls_vocab_level_label(unsigned i)
{
    return i < ls_vocab_seniority_labels_count ? ls_vocab_seniority_labels[i] : NULL;
}

const char *ls_vocab_us_state(const char *code, size_t len, int *also_country)
{
    *also_country = 0;
    if (len != 2)
        return NULL;
    for (size_t i = 0; i < ls_vocab_us_states_count; i++)
        if (strncasecmp(ls_vocab_us_states[i].code, code, 2) == 0) {
            *also_country = ls_vocab_us_states[i].also_country;
            return ls_vocab_us_states[i].name;
        }
    return NULL;
}
