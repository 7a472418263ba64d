/* RFC 4180 CSV: CRLF line ends, a cell quoted when it holds a comma, a
 * quote or a line break.  Text cells that a spreadsheet would read as a
 * formula are neutralised with a leading apostrophe (OWASP CSV injection)
 * unless csv_raw is set. */
#include <string.h>
#include "json/json.h"
#include "writers/jsonout.h"
#include "writers/writer.h"

const char *const ls_csv_default_fields[] = {
    "linkedin_lead_persona", "full_name", "job_title", "company_name",
    "location",              "linkedin_url", "sales_id"};
const size_t ls_csv_default_field_count =
    sizeof ls_csv_default_fields / sizeof ls_csv_default_fields[0];

static int put_quoted(ls_buf *out, const char *s, size_t n)
{
    if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\r', n) &&
        !memchr(s, '\n', n))
        return ls_buf_append(out, s, n);
    if (ls_buf_putc(out, '"') != 0)
        return -1;
    for (const char *q; n && (q = memchr(s, '"', n)) != NULL;) {
        size_t k = (size_t)(q - s) + 1; /* through the quote, then double it */
        if (ls_buf_append(out, s, k) != 0 || ls_buf_putc(out, '"') != 0)
            return -1;
        s += k;
        n -= k;
    }
    if (ls_buf_append(out, s, n) != 0)
        return -1;
    return ls_buf_putc(out, '"');
}

static int formula_like(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

int ls_csv_cell(ls_buf *out, ls_buf *tmp, const ls_jval *v, int raw)
{
    ls_buf_clear(tmp);
    switch (v->type) {
    case LS_J_NONE:
    case LS_J_NULL:
        return 0;
    case LS_J_TRUE:
        return ls_buf_append(out, "true", 4);
    case LS_J_FALSE:
        return ls_buf_append(out, "false", 5);
    case LS_J_NUMBER:
        return put_quoted(out, v->p, v->len);
    case LS_J_ARRAY:
    case LS_J_OBJECT:
        if (ls_json_minify(tmp, v->p, v->len) != 0)
            return -1;
        return put_quoted(out, tmp->data, tmp->len);
    case LS_J_STRING:
        break;
    }
    if (ls_buf_reserve(tmp, v->len + 1) != 0)
        return -1;
    unsigned flags = 0;
    size_t n = v->len;
    char *d = tmp->data + 1; /* room for the apostrophe */
    if (v->has_escape)
        n = ls_jstr_decode(v->p, v->len, d, &flags);
    else
        memcpy(d, v->p, n);
    if (!raw && n && formula_like(d[0])) {
        tmp->data[0] = '\'';
        return put_quoted(out, tmp->data, n + 1);
    }
    return put_quoted(out, d, n);
}

static void csv_fields(const ls_writer *w, const char *const **fields, size_t *n)
{
    if (w->opt->csv_fields && w->opt->csv_field_count) {
        *fields = w->opt->csv_fields;
        *n = w->opt->csv_field_count;
    } else {
        *fields = ls_csv_default_fields;
        *n = ls_csv_default_field_count;
    }
}

static int csv_begin(ls_writer *w, const ls_run_stats *s)
{
    (void)s;
    const char *const *f;
    size_t n;
    csv_fields(w, &f, &n);
    for (size_t i = 0; i < n; i++)
        if ((i && ls_buf_putc(&w->buf, ',') != 0) || put_quoted(&w->buf, f[i], strlen(f[i])) != 0)
            return -1;
    return ls_buf_append(&w->buf, "\r\n", 2);
}

static int csv_lead(ls_writer *w, const char *p, size_t n, int persona)
{
    (void)persona;
    const char *const *f;
    size_t nf;
    csv_fields(w, &f, &nf);
    ls_jval obj = {p, n, LS_J_OBJECT, 0, 0};
    for (size_t i = 0; i < nf; i++) {
        ls_jval v = {0};
        if (!ls_jval_get(&obj, f[i], &v))
            v.type = LS_J_NONE;
        if ((i && ls_buf_putc(&w->buf, ',') != 0) ||
            ls_csv_cell(&w->buf, &w->tmp, &v, w->opt->csv_raw) != 0)
            return -1;
    }
    return ls_buf_append(&w->buf, "\r\n", 2);
}

static int csv_end(ls_writer *w, const ls_run_stats *s)
{
    (void)w;
    (void)s;
    return 0;
}

const ls_format_ops ls_format_csv = {csv_begin, csv_lead, csv_end};
