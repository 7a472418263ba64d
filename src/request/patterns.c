#include <string.h>
#include "request/patterns.h"
#include "core/core.h"

/* No PCRE2_UTF: links and dates are ASCII forms, and byte-wise matching
 * cannot fail on invalid UTF-8 in a lead.  CASELESS then folds ASCII only. */
static const char link_re[] =
    "\\A(?:https?://)?(?:(?:www|[a-z]{2})\\.)?linkedin\\.com/"
    "(?:(company|pub-profile|pub)/([^/?#\\x20\\t\\n\\r\\f\\v]+)"
    "|sales/company/([0-9]+))/?\\z";

static const char date_re[] =
    "\\A[\\x20\\t\\n\\r\\f\\v]*(?:"
    "([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?"
    "|(january|february|march|april|may|june|july|august|september|october"
    "|november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)"
    "[\\x20\\t]+([0-9]{4})"
    "|([0-9]{4})"
    ")[\\x20\\t\\n\\r\\f\\v]*\\z";

const char ls_link_forms_hint[] =
    "[http(s)://][www.|xx.]linkedin.com/company/<slug-or-id>[/], "
    "[http(s)://][www.|xx.]linkedin.com/sales/company/<id>[/], "
    "[http(s)://][www.|xx.]linkedin.com/pub/<slug>[/], "
    "[http(s)://][www.|xx.]linkedin.com/pub-profile/<slug>[/]";

static pcre2_code *compile_one(const char *re)
{
    int err;
    PCRE2_SIZE off;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
                                     PCRE2_CASELESS | PCRE2_NO_UTF_CHECK, &err, &off, NULL);
    if (code)
        (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* interpreter if no JIT */
    return code;
}

int ls_patterns_compile(ls_patterns *p)
{
    p->link = compile_one(link_re);
    p->date = compile_one(date_re);
    if (!p->link || !p->date) {
        ls_patterns_free(p);
        return -1;
    }
    return 0;
}

void ls_patterns_free(ls_patterns *p)
{
    pcre2_code_free(p->link);
    pcre2_code_free(p->date);
    p->link = p->date = NULL;
}

pcre2_match_data *ls_patterns_match_data(const ls_patterns *p)
{
    (void)p;
    return pcre2_match_data_create(8, NULL); /* 7 groups at most */
}

static int group(pcre2_match_data *md, int g, const char *s, const char **out, size_t *len)
{
    if ((uint32_t)g >= pcre2_get_ovector_count(md))
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    if (ov[2 * g] == PCRE2_UNSET)
        return 0;
    *out = s + ov[2 * g];
    *len = ov[2 * g + 1] - ov[2 * g];
    return 1;
}

ls_link_form ls_link_parse(const ls_patterns *p, pcre2_match_data *md, const char *s,
                           size_t len, const char **ident, size_t *ident_len)
{
    ls_trim_ascii_ws(&s, &len);
    if (pcre2_match(p->link, (PCRE2_SPTR)s, len, 0, 0, md, NULL) < 0)
        return LS_FORM_NONE;
    const char *g = NULL;
    size_t gl = 0;
    if (group(md, 3, s, ident, ident_len))
        return LS_FORM_SALES;
    if (!group(md, 1, s, &g, &gl) || !group(md, 2, s, ident, ident_len))
        return LS_FORM_NONE;
    if (gl == 7)
        return LS_FORM_COMPANY;
    return gl == 3 ? LS_FORM_PUB : LS_FORM_PUB_PROFILE;
}

int ls_days_in_month(int year, int month)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        return 29;
    return dim[month - 1];
}

static int digits(const char *p, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (p[i] - '0');
    return v;
}

static int month_of(const char *name)
{
    static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    char k[3];
    for (int i = 0; i < 3; i++)
        k[i] = (char)(name[i] | 0x20); /* the pattern only lets letters through */
    for (int m = 0; m < 12; m++)
        if (memcmp(months + 3 * m, k, 3) == 0)
            return m + 1;
    return 0;
}

int ls_date_parse(const ls_patterns *p, pcre2_match_data *md, const char *s, size_t len,
                  int *year, int *month, int *day)
{
    if (pcre2_match(p->date, (PCRE2_SPTR)s, len, 0, 0, md, NULL) < 0)
        return 0;
    const char *g = NULL;
    size_t gl = 0;
    int y, m = 1, d = 1;
    if (group(md, 1, s, &g, &gl)) {
        y = digits(g, gl);
        group(md, 2, s, &g, &gl);
        m = digits(g, gl);
        if (group(md, 3, s, &g, &gl))
            d = digits(g, gl);
    } else if (group(md, 4, s, &g, &gl)) {
        m = month_of(g);
        group(md, 5, s, &g, &gl);
        y = digits(g, gl);
    } else {
        group(md, 6, s, &g, &gl);
        y = digits(g, gl);
    }
    /* year 0 and impossible days do not exist (2023-02-30, month 13) */
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > ls_days_in_month(y, m))
        return 0;
    *year = y;
    *month = m;
    *day = d;
    return 1;
}
