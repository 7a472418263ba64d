/* explain's table (see explain_fmt.h): each cell's display width comes
 * from libunistring (u8_width), so that names and keywords in any script
 * line up; control characters and invalid UTF-8 are shown escaped. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>
#include <uniwidth.h>
#include "explain_fmt.h"
#include "buf.h"
#include "leadsieve/tools.h"

#define C_BOLD "\033[1m"
#define C_GREEN "\033[32m"
#define C_RED "\033[31m"
#define C_YELLOW "\033[33m"
#define C_DIM "\033[2m"
#define C_OFF "\033[0m"

enum { COLS = 5 };

/* A rendered string in the pool. */
typedef struct span {
    size_t off, len;
    int width; /* display columns (text pieces) */
} span;

/* Request strings rendered for the table: keywords quoted, names not. */
typedef struct pcache {
    span name;
    span *fns, *sens, *pros;
    span **alts;  /* [entry][alternative] */
    size_t nsens;
    span fn_miss, sen_miss; /* "no hit (3 keywords)", "no entry passed (2)" */
} pcache;

typedef struct cell {
    size_t off, len; /* in cells */
    int width;
    const char *color;
} cell;

struct ls_explain_fmt {
    const ls_request *req;
    int color;
    ls_buf pool;       /* rendered request strings */
    pcache *p;
    size_t np;
    ls_buf out, cells;
    cell *grid;        /* (rows + 1) x COLS */
    size_t grid_cap;
    int failed;        /* a buffer could not grow */
};

/* ---- rendering pieces ---- */

static void app(ls_explain_fmt *f, ls_buf *b, const void *p, size_t n)
{
    if (ls_buf_append(b, p, n) != 0)
        f->failed = 1;
}

static void lit(ls_explain_fmt *f, ls_buf *b, const char *s)
{
    app(f, b, s, strlen(s));
}

/* Appends s[0..n) for a terminal: control characters, backslashes and
 * quotes escaped, invalid UTF-8 shown as \xNN bytes. */
static void put_display(ls_explain_fmt *f, ls_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const uint8_t *p = (const uint8_t *)s;
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        ucs4_t uc = p[i];
        int k = 1;
        if (uc >= 0x80)
            k = u8_mbtoucr(&uc, p + i, n - i);
        int plain = k > 0 && uc >= 0x20 && uc != '"' && uc != '\\' &&
                    !(uc >= 0x7f && uc < 0xa0);
        if (plain) {
            i += (size_t)k;
            continue;
        }
        app(f, b, s + run, i - run);
        char esc[8] = {'\\', 0};
        size_t elen = 2;
        if (k < 0) {
            esc[1] = 'x';
            esc[2] = hex[p[i] >> 4];
            esc[3] = hex[p[i] & 15];
            elen = 4;
            k = 1;
        } else if (uc == '\n' || uc == '\t' || uc == '"' || uc == '\\') {
            esc[1] = uc == '\n' ? 'n' : uc == '\t' ? 't' : (char)uc;
        } else {
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[(uc >> 4) & 15];
            esc[5] = hex[uc & 15];
            elen = 6;
        }
        app(f, b, esc, elen);
        i += (size_t)k;
        run = i;
    }
    app(f, b, s + run, n - run);
}

static int width_of(const char *s, size_t n)
{
    int w = u8_width((const uint8_t *)s, n, "UTF-8");
    return w < 0 ? (int)n : w;
}

static void render(ls_explain_fmt *f, const char *s, int quoted, span *r)
{
    ls_buf *b = &f->pool;
    r->off = b->len;
    if (quoted)
        lit(f, b, "\"");
    put_display(f, b, s, strlen(s));
    if (quoted)
        lit(f, b, "\"");
    r->len = b->len - r->off;
    r->width = f->failed ? 0 : width_of(b->data + r->off, r->len);
}

static void render_text(ls_explain_fmt *f, span *s, const char *text)
{
    s->off = f->pool.len;
    lit(f, &f->pool, text);
    s->len = f->pool.len - s->off;
    s->width = (int)s->len;
}

static int cache_persona(ls_explain_fmt *f, size_t i, pcache *c)
{
    const ls_request *req = f->req;
    size_t nf = ls_request_keyword_count(req, i, LS_KW_FUNCTIONS), ns = ls_request_keyword_count(req, i, LS_KW_SENIORITIES),
           np = ls_request_keyword_count(req, i, LS_KW_PROHIBITS);
    c->fns = calloc(nf ? nf : 1, sizeof *c->fns);
    c->sens = calloc(ns ? ns : 1, sizeof *c->sens);
    c->pros = calloc(np ? np : 1, sizeof *c->pros);
    c->alts = calloc(ns ? ns : 1, sizeof *c->alts);
    c->nsens = ns;
    if (!c->fns || !c->sens || !c->pros || !c->alts)
        return -1;
    render(f, ls_request_persona_name(req, i), 0, &c->name);
    for (size_t j = 0; j < nf; j++)
        render(f, ls_request_keyword(req, i, LS_KW_FUNCTIONS, j), 1, &c->fns[j]);
    for (size_t j = 0; j < np; j++)
        render(f, ls_request_keyword(req, i, LS_KW_PROHIBITS, j), 1, &c->pros[j]);
    for (size_t j = 0; j < ns; j++) {
        render(f, ls_request_keyword(req, i, LS_KW_SENIORITIES, j), 1, &c->sens[j]);
        size_t na = ls_request_alternative_count(req, i, j);
        c->alts[j] = calloc(na ? na : 1, sizeof **c->alts);
        if (!c->alts[j])
            return -1;
        for (size_t a = 0; a < na; a++)
            render(f, ls_request_alternative(req, i, j, a), 1, &c->alts[j][a]);
    }
    char text[64];
    snprintf(text, sizeof text, "no hit (%zu keyword%s)", nf, nf == 1 ? "" : "s");
    render_text(f, &c->fn_miss, text);
    snprintf(text, sizeof text, "no entry passed (%zu)", ns);
    render_text(f, &c->sen_miss, text);
    return f->failed ? -1 : 0;
}

ls_explain_fmt *ls_explain_fmt_new(const ls_request *req, int color)
{
    ls_explain_fmt *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->req = req;
    f->color = color;
    f->np = ls_request_persona_count(req);
    f->p = calloc(f->np ? f->np : 1, sizeof *f->p);
    if (!f->p) {
        free(f);
        return NULL;
    }
    for (size_t i = 0; i < f->np; i++)
        if (cache_persona(f, i, &f->p[i]) != 0) {
            ls_explain_fmt_free(f);
            return NULL;
        }
    return f;
}

void ls_explain_fmt_free(ls_explain_fmt *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->np; i++) {
        pcache *c = &f->p[i];
        for (size_t j = 0; c->alts && j < c->nsens; j++)
            free(c->alts[j]);
        free(c->alts);
        free(c->fns);
        free(c->sens);
        free(c->pros);
    }
    free(f->p);
    ls_buf_free(&f->pool);
    ls_buf_free(&f->out);
    ls_buf_free(&f->cells);
    free(f->grid);
    free(f);
}

static void put_span(ls_explain_fmt *f, ls_buf *b, const span *s)
{
    app(f, b, f->pool.data + s->off, s->len);
}

/* ---- text ---- */

typedef struct cellw {
    size_t start;
    int width;
} cellw;

static void cell_begin(ls_explain_fmt *f, cellw *w)
{
    w->start = f->cells.len;
    w->width = 0;
}

static void cell_lit(ls_explain_fmt *f, cellw *w, const char *s)
{
    lit(f, &f->cells, s);
    w->width += (int)strlen(s);
}

static void cell_span(ls_explain_fmt *f, cellw *w, const span *s)
{
    put_span(f, &f->cells, s);
    w->width += s->width;
}

static void cell_end(ls_explain_fmt *f, const cellw *w, cell *k, const char *color)
{
    k->off = w->start;
    k->len = f->cells.len - w->start;
    k->width = w->width;
    k->color = color;
}

static void row_cells(ls_explain_fmt *f, const ls_explain_row *r, cell *k)
{
    const pcache *c = &f->p[r->persona];
    cellw w;
    cell_begin(f, &w);
    cell_span(f, &w, &c->name);
    cell_end(f, &w, &k[0], NULL);

    cell_begin(f, &w);
    cell_lit(f, &w, r->t.matched ? "match" : "no");
    cell_end(f, &w, &k[1], r->t.matched ? C_GREEN C_BOLD : C_DIM);

    const char *color = NULL;
    cell_begin(f, &w);
    if (r->t.function == -2)
        cell_lit(f, &w, "(none: any title)");
    else if (r->t.function < 0)
        cell_span(f, &w, &c->fn_miss);
    else {
        cell_span(f, &w, &c->fns[r->t.function]);
        if (r->t.function_inside) {
            cell_lit(f, &w, " inside a word");
            color = C_YELLOW;
        }
    }
    cell_end(f, &w, &k[2], color);

    cell_begin(f, &w);
    if (r->t.seniority == -2)
        cell_lit(f, &w, "(none: any title)");
    else if (r->t.seniority < 0)
        cell_span(f, &w, &c->sen_miss);
    else {
        cell_span(f, &w, &c->sens[r->t.seniority]);
        if (r->nalternatives > 1 && r->alternative && r->t.alternative >= 0 &&
            strcasecmp(r->alternative, r->seniority) != 0) {
            cell_lit(f, &w, " as ");
            cell_span(f, &w, &c->alts[r->t.seniority][r->t.alternative]);
        }
    }
    cell_end(f, &w, &k[3], NULL);

    cell_begin(f, &w);
    if (r->t.prohibit < 0)
        cell_lit(f, &w, "-");
    else {
        cell_span(f, &w, &c->pros[r->t.prohibit]);
        /* the token is a norm token: ASCII letters and digits */
        if (r->t.prohibit_token && strcmp(r->t.prohibit_token, r->prohibit) != 0) {
            cell_lit(f, &w, " on \"");
            cell_lit(f, &w, r->t.prohibit_token);
            cell_lit(f, &w, "\"");
        }
    }
    cell_end(f, &w, &k[4], r->t.prohibit >= 0 ? C_RED : NULL);
}

static void put_cell(ls_explain_fmt *f, const cell *k, int width, int last)
{
    ls_buf *b = &f->out;
    if (f->color && k->color)
        lit(f, b, k->color);
    app(f, b, f->cells.data + k->off, k->len);
    if (f->color && k->color)
        lit(f, b, C_OFF);
    if (!last) {
        static const char spaces[] = "                                ";
        for (int n = width + 2 - k->width; n > 0; n -= 32)
            app(f, b, spaces, n < 32 ? (size_t)n : 32);
    }
}

/* " (the lead's company_headcount_range is \"2-10\")": what the filter saw. */
static void filter_value_text(ls_explain_fmt *f, ls_buf *b, const ls_explain_record *rec)
{
    if (!rec->filter_field)
        return;
    if (rec->filter_value_type == LS_VALUE_ABSENT) {
        lit(f, b, " (the lead has no ");
        lit(f, b, rec->filter_field);
        lit(f, b, ")");
        return;
    }
    lit(f, b, " (the lead's ");
    lit(f, b, rec->filter_field);
    lit(f, b, " is ");
    switch (rec->filter_value_type) {
    case LS_VALUE_STRING:
        lit(f, b, "\"");
        put_display(f, b, rec->filter_value, rec->filter_value_len);
        lit(f, b, "\"");
        break;
    case LS_VALUE_NUMBER:
        put_display(f, b, rec->filter_value, rec->filter_value_len);
        break;
    case LS_VALUE_ARRAY:
        lit(f, b, "an array");
        break;
    case LS_VALUE_OBJECT:
        lit(f, b, "an object");
        break;
    case LS_VALUE_NULL:
        lit(f, b, "null");
        break;
    case LS_VALUE_TRUE:
        lit(f, b, "true");
        break;
    default:
        lit(f, b, "false");
        break;
    }
    lit(f, b, ")");
}

static void outcome_line(ls_explain_fmt *f, const ls_explain_record *rec)
{
    ls_buf *b = &f->out;
    const char *color = C_YELLOW;
    lit(f, b, "  => ");
    if (rec->assigned >= 0 || rec->kept)
        color = C_GREEN C_BOLD;
    if (f->color)
        lit(f, b, color);
    if (rec->duplicate)
        lit(f, b, "duplicate of an earlier lead: dropped before the filters");
    else if (rec->filter) {
        lit(f, b, "dropped by the request filter ");
        lit(f, b, rec->filter);
        filter_value_text(f, b, rec);
    } else if (rec->assigned >= 0) {
        lit(f, b, "assigned: ");
        put_span(f, b, &f->p[rec->assigned].name);
    } else if (rec->kept)
        lit(f, b, "kept: the request has no personas");
    else
        lit(f, b, "no persona matched");
    if (f->color)
        lit(f, b, C_OFF);
    lit(f, b, "\n");
}

static void put_uint(ls_explain_fmt *f, ls_buf *b, uint64_t v)
{
    char d[24];
    size_t n = sizeof d;
    do
        d[--n] = (char)('0' + v % 10);
    while (v /= 10);
    app(f, b, d + n, sizeof d - n);
}

/* "  level CXO (inferred from the title); seniority field \"Owner\":
 * Owner / Partner": the approximation beside what the lead says. */
static void level_line(ls_explain_fmt *f, const ls_explain_record *rec)
{
    ls_buf *b = &f->out;
    const char *name = ls_level_name((size_t)rec->title_level);
    lit(f, b, "  level ");
    lit(f, b, name ? name : "?");
    lit(f, b, " (inferred from the title)");
    if (rec->seniority_value) {
        lit(f, b, "; seniority field \"");
        put_display(f, b, rec->seniority_value, rec->seniority_value_len);
        lit(f, b, "\": ");
        if (!rec->seniority_levels)
            lit(f, b, "no level");
        for (size_t i = 0, n = 0; i < ls_level_count(); i++)
            if (rec->seniority_levels >> i & 1u) {
                if (n++)
                    lit(f, b, "; ");
                lit(f, b, ls_level_name(i));
            }
    }
    lit(f, b, "\n");
}

/* "  key sales_id \"7\"  name \"Ann\"  label \"Sales\"": who the lead is. */
static void lead_line(ls_explain_fmt *f, const ls_explain_record *rec)
{
    ls_buf *b = &f->out;
    const ls_lead_ref *l = &rec->lead;
    lit(f, b, "  key ");
    if (l->key) {
        lit(f, b, l->key_field);
        lit(f, b, " \"");
        put_display(f, b, l->key, strlen(l->key));
        lit(f, b, "\"");
    } else {
        lit(f, b, "(none)");
    }
    if (l->name) {
        lit(f, b, "  name \"");
        put_display(f, b, l->name, strlen(l->name));
        lit(f, b, "\"");
    }
    if (rec->label != LS_LABEL_ABSENT) {
        lit(f, b, "  label ");
        if (rec->label >= 0)
            put_span(f, b, &f->p[rec->label].name);
        else
            lit(f, b, "-");
    }
    lit(f, b, "\n");
}

static void print_text(ls_explain_fmt *f, const ls_explain_record *rec)
{
    ls_buf *b = &f->out;
    ls_buf_clear(&f->cells);
    if (f->color)
        lit(f, b, C_BOLD);
    if (rec->file) {
        put_display(f, b, rec->file, strlen(rec->file));
        lit(f, b, ":");
    } else
        lit(f, b, "--title ");
    put_uint(f, b, rec->line);
    if (rec->file && rec->lead.index != LS_NO_INDEX) {
        lit(f, b, " [");
        put_uint(f, b, rec->lead.index);
        lit(f, b, "]");
    }
    if (f->color)
        lit(f, b, C_OFF);
    if (rec->file) {
        lit(f, b, "  ");
        lit(f, b, rec->title_field ? rec->title_field : "(no title field)");
    }
    lit(f, b, "  \"");
    put_display(f, b, rec->title, rec->title_len);
    lit(f, b, "\"\n");
    if (rec->file)
        lead_line(f, rec);
    lit(f, b, "  norm \"");
    app(f, b, rec->title_norm, rec->title_norm_len);
    lit(f, b, "\"\n");
    level_line(f, rec);

    if (rec->nrows) {
        size_t need = (rec->nrows + 1) * COLS;
        if (need > f->grid_cap) {
            cell *g = realloc(f->grid, need * sizeof *g);
            if (!g) {
                f->failed = 1;
                return;
            }
            f->grid = g;
            f->grid_cap = need;
        }
        static const char *const head[COLS] = {"persona", "verdict", "function", "seniority",
                                               "prohibit"};
        for (int j = 0; j < COLS; j++) {
            cellw w;
            cell_begin(f, &w);
            cell_lit(f, &w, head[j]);
            cell_end(f, &w, &f->grid[j], C_BOLD);
        }
        for (size_t i = 0; i < rec->nrows; i++)
            row_cells(f, &rec->rows[i], &f->grid[(i + 1) * COLS]);
        if (f->failed)
            return;
        int width[COLS] = {0};
        for (size_t i = 0; i <= rec->nrows; i++)
            for (int j = 0; j < COLS; j++)
                if (f->grid[i * COLS + j].width > width[j])
                    width[j] = f->grid[i * COLS + j].width;
        for (size_t i = 0; i <= rec->nrows; i++) {
            lit(f, b, "  ");
            for (int j = 0; j < COLS; j++)
                put_cell(f, &f->grid[i * COLS + j], width[j], j == COLS - 1);
            lit(f, b, "\n");
        }
    }
    outcome_line(f, rec);
    lit(f, b, "\n");
}

int ls_explain_fmt_write(ls_explain_fmt *f, const ls_explain_record *rec, FILE *out)
{
    ls_buf_clear(&f->out);
    print_text(f, rec);
    if (f->failed || !f->out.data)
        return -1;
    return fwrite(f->out.data, 1, f->out.len, out) == f->out.len ? 0 : -1;
}
