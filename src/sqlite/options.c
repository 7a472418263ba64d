/* The options argument of the request functions and of ls_leads: what the
 * command's --api, --mode, --match and --as-of say, as "match=words,
 * as_of=2025-06-30".  A misspelt name or value is an error that names the
 * one meant, never an option silently ignored. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "ext.h"

enum { NAMES = 4, VALUES = 2 };
static const char *const names[NAMES + 1] = {"api", "mode", "match", "as_of", NULL};
/* Each enumerated option's values, in the order of their enum values
 * after value_base. */
static const char *const values[NAMES][VALUES] = {
    {"by_icp", "v1"}, {"realtime", "database"}, {"documented", "words"}, {NULL, NULL}};

static int is_sep(char c)
{
    return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int fail(char **err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    *err = sqlite3_vmprintf(fmt, ap);
    va_end(ap);
    return -1;
}

/* "did you mean" for word among the candidates, as " (did you mean "x"?)" or "". */
static const char *meant(const char *word, size_t len, const char *const *cands, size_t n,
                         char *buf, size_t cap)
{
    const char *s = ls_suggest(word, len, cands, n);
    if (!s)
        return "";
    sqlite3_snprintf((int)cap, buf, "; did you mean \"%s\"?", s);
    return buf;
}

static int parse_date(const char *v, size_t n, ls_compile_options *opt)
{
    if (n != 10 || v[4] != '-' || v[7] != '-')
        return -1;
    for (size_t i = 0; i < n; i++)
        if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9'))
            return -1;
    opt->as_of_year = atoi(v);
    opt->as_of_month = atoi(v + 5);
    opt->as_of_day = atoi(v + 8);
    /* the calendar itself is checked by ls_request_compile (LS_E_USAGE) */
    return opt->as_of_year ? 0 : -1;
}

static int set(ls_compile_options *opt, int which, const char *v, size_t n, char **err)
{
    char hint[64];
    if (which == 3) {
        if (parse_date(v, n, opt) == 0)
            return 0;
        return fail(err, "option as_of: \"%.*s\" is not a date as YYYY-MM-DD", (int)n, v);
    }
    for (int k = 0; k < VALUES; k++) {
        const char *want = values[which][k];
        if (strlen(want) == n && memcmp(want, v, n) == 0) {
            if (which == 0)
                opt->api = k ? LS_REQUEST_API_V1 : LS_REQUEST_API_BY_ICP;
            else if (which == 1)
                opt->search_mode = k ? LS_SEARCH_DATABASE : LS_SEARCH_REALTIME;
            else
                opt->match_mode = k ? LS_MATCH_WORDS : LS_MATCH_DOCUMENTED;
            return 0;
        }
    }
    return fail(err, "option %s: \"%.*s\" is not %s or %s%s", names[which], (int)n, v,
                values[which][0], values[which][1],
                meant(v, n, values[which], VALUES, hint, sizeof hint));
}

int ls_sq_parse_options(const char *text, ls_compile_options *opt, char **err)
{
    ls_compile_options_init(opt);
    *err = NULL;
    if (!text)
        return 0;
    const char *p = text;
    for (;;) {
        while (is_sep(*p))
            p++;
        if (!*p)
            return 0;
        const char *item = p;
        while (*p && !is_sep(*p))
            p++;
        size_t len = (size_t)(p - item);
        const char *eq = memchr(item, '=', len);
        if (!eq)
            return fail(err, "option \"%.*s\" is not name=value (names: api, mode, match, as_of)",
                        (int)len, item);
        size_t nlen = (size_t)(eq - item);
        int which = -1;
        for (int i = 0; i < NAMES; i++)
            if (strlen(names[i]) == nlen && memcmp(names[i], item, nlen) == 0)
                which = i;
        if (which < 0) {
            char hint[64];
            return fail(err, "unknown option \"%.*s\" (names: api, mode, match, as_of)%s",
                        (int)nlen, item, meant(item, nlen, names, NAMES, hint, sizeof hint));
        }
        if (set(opt, which, eq + 1, len - nlen - 1, err) != 0)
            return -1;
    }
}
