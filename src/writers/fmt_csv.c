/* RFC 4180 CSV: CRLF line ends, a cell quoted when it holds a comma, a
 * quote or a line break.  Text cells that a spreadsheet would read as a
 * formula are neutralised with a leading apostrophe (OWASP CSV injection)
 * unless csv_raw is set. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/core.h"
#include "json/json.h"
#include "json/names.h"
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

/* The columns by name, so that a lead's cells come from one pass over its
 * members, however many columns there are (an export can have a hundred). */
typedef struct ls_csv_cols {
    size_t n;
    ls_jnames names;    /* the columns by name */
    ls_jval *val;       /* the lead's value of each column */
    int8_t *v1;         /* the by_icp field (ls_field) a column names when a v1
                           lead can give it another way (addendum §1), else -1 */
    int any_v1;
    ls_lead lead;       /* the lead, scanned only when such a column is blank */
    ls_v1_cache v1cache; /* its company members, read once per row */
    ls_buf v1name;      /* first_name + " " + last_name */
    const ls_csv_computed *computed;
    int16_t *comp;      /* the computed column (an index of computed->names) or -1 */
    ls_buf ctext;       /* a computed cell's text */
    unsigned char *path; /* the column names a path into nested values (company.name) */
    int any_path, any_comp;
} ls_csv_cols;

void ls_csv_cols_free(ls_csv_cols *c)
{
    if (!c)
        return;
    ls_jnames_free(&c->names);
    free(c->val);
    free(c->v1);
    free(c->comp);
    free(c->path);
    ls_buf_free(&c->v1name);
    ls_buf_free(&c->ctext);
    free(c);
}

/* The computed column a name is, or -1. */
static int computed_of(const ls_csv_computed *cc, const char *name)
{
    for (size_t k = 0; cc && k < cc->n && k < INT16_MAX; k++)
        if (strcmp(cc->names[k], name) == 0)
            return (int)k;
    return -1;
}

static ls_csv_cols *cols_new(const char *const *f, size_t n, const ls_csv_computed *cc)
{
    ls_csv_cols *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    if (ls_jnames_init(&c->names, f, n) != 0) {
        free(c);
        return NULL;
    }
    c->n = n;
    c->val = malloc((n ? n : 1) * sizeof *c->val);
    c->v1 = malloc(n ? n : 1);
    c->comp = malloc((n ? n : 1) * sizeof *c->comp);
    c->path = malloc(n ? n : 1);
    c->computed = cc;
    if (!c->val || !c->v1 || !c->comp || !c->path) {
        ls_csv_cols_free(c);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        c->comp[i] = (int16_t)computed_of(cc, f[i]);
        int fld = c->comp[i] >= 0 ? -1 : ls_field_of_name(f[i], c->names.len[i]);
        c->v1[i] = (int8_t)(fld >= 0 && ls_field_has_v1((ls_field)fld) ? fld : -1);
        c->any_v1 |= c->v1[i] >= 0;
        c->any_comp |= c->comp[i] >= 0;
        c->path[i] = c->comp[i] < 0 && ls_jval_is_path(f[i]);
        c->any_path |= c->path[i];
    }
    return c;
}

static int csv_begin(ls_writer *w, const ls_run_stats *s)
{
    (void)s;
    const char *const *f;
    size_t n;
    csv_fields(w, &f, &n);
    if (!(w->cols = cols_new(f, n, w->computed)))
        return -1;
    for (size_t i = 0; i < n; i++)
        if ((i && ls_buf_putc(&w->buf, ',') != 0) || put_quoted(&w->buf, f[i], strlen(f[i])) != 0)
            return -1;
    return ls_buf_append(&w->buf, "\r\n", 2);
}

static int csv_lead(ls_writer *w, const char *p, size_t n, int persona)
{
    (void)persona;
    ls_csv_cols *c = w->cols;
    for (size_t i = 0; i < c->n; i++)
        c->val[i].type = LS_J_NONE;
    /* one pass over the members; a later member of a name wins, as in JSON */
    ls_jval obj = {p, n, LS_J_OBJECT, 0, 0}, k, v;
    size_t pos = 0;
    while (ls_jval_next(&obj, &pos, &k, &v)) {
        int32_t j = ls_jnames_find_key(&c->names, &k);
        if (j == -2)
            return -1;
        for (; j >= 0; j = c->names.same[j])
            c->val[j] = v;
    }
    /* a by_icp column that the lead leaves blank: a v1 lead's counterpart
     * (full_name from first_name and last_name, company_name from
     * company.name, ...), read from the lead scanned once */
    int scanned = 0;
    for (size_t i = 0; c->any_v1 && i < c->n; i++) {
        if (c->v1[i] < 0 || !ls_jval_is_blank(&c->val[i]))
            continue;
        if (!scanned) {
            size_t vl;
            ls_scan_error err;
            if (ls_scan_value(p, n, 0, &c->lead, &vl, &err) != 1)
                break;
            scanned = 1;
            c->v1cache.loaded = 0;
        }
        ls_jval r;
        if (ls_lead_read_cached(&c->lead, (ls_field)c->v1[i], &c->v1name, &c->v1cache, &r))
            c->val[i] = r;
    }
    /* a path column that no member is named as (a CSV export may name a
     * column "company.name"): the nested value it leads to */
    for (size_t i = 0; c->any_path && i < c->n; i++)
        if (c->path[i] && c->val[i].type == LS_J_NONE)
            ls_jval_path(&obj, c->names.name[i], &c->val[i]);
    if (c->computed && c->computed->begin && c->any_comp &&
        c->computed->begin(c->computed->user, p, n) != 0)
        return -1;
    for (size_t i = 0; i < c->n; i++) {
        const ls_jval *cell = &c->val[i];
        ls_jval cv;
        if (c->comp[i] >= 0) { /* its text, a string cell like any other */
            ls_buf_clear(&c->ctext);
            if (c->computed->cell(c->computed->user, (size_t)c->comp[i], p, n, &c->ctext) != 0)
                return -1;
            cv = (ls_jval){c->ctext.data, c->ctext.len, c->ctext.len ? LS_J_STRING : LS_J_NONE,
                           0, 0};
            cell = &cv;
        }
        if ((i && ls_buf_putc(&w->buf, ',') != 0) ||
            ls_csv_cell(&w->buf, &w->tmp, cell, w->opt->csv_raw) != 0)
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
