/* leadsieve score --html: the report page (score_html.h).  Written with plain appends; a
 * failed append makes the writer sticky-failed so that the code reads as
 * the page it writes. */
#include <inttypes.h>
#include <string.h>
#include <unistr.h>
#include "score_html.h"

int ls_html_escape(ls_buf *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        unsigned char c = p[i];
        const char *rep = NULL;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: break;
        }
        if (rep) {
            if (ls_buf_append(out, rep, strlen(rep)) != 0)
                return -1;
            i++;
            continue;
        }
        if (c < 0x80) {
            char ch = (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f ? ' ' : (char)c;
            if (ls_buf_putc(out, ch) != 0)
                return -1;
            i++;
            continue;
        }
        ucs4_t cp;
        int adv = u8_mbtoucr(&cp, p + i, len - i);
        int bad = adv < 0 || (cp >= 0x80 && cp < 0xa0); /* C1 controls */
        if (adv < 0)
            adv = 1; /* one U+FFFD per byte of an ill-formed sequence */
        if (bad ? ls_buf_append(out, "\xef\xbf\xbd", 3)
                : ls_buf_append(out, p + i, (size_t)adv))
            return -1;
        i += (size_t)adv;
    }
    return 0;
}

typedef struct page {
    ls_buf *out;
    int failed;
} page;

static void raw(page *pg, const char *s)
{
    if (!pg->failed && ls_buf_append(pg->out, s, strlen(s)) != 0)
        pg->failed = 1;
}

static void text(page *pg, const char *s)
{
    if (!pg->failed && ls_html_escape(pg->out, s, strlen(s)) != 0)
        pg->failed = 1;
}

static void num(page *pg, uint64_t n)
{
    if (!pg->failed && ls_buf_printf(pg->out, "%" PRIu64, n) != 0)
        pg->failed = 1;
}

static void dec(page *pg, double v, int digits)
{
    if (!pg->failed && ls_buf_printf(pg->out, "%.*f", digits, v) != 0)
        pg->failed = 1;
}

static const char style[] =
    "body{font-family:sans-serif;margin:24px;color:#222;background:#fff}"
    "h1{font-size:22px}h2{font-size:18px;margin-top:28px}h3{font-size:15px}"
    "table{border-collapse:collapse;margin:8px 0}"
    "th,td{border:1px solid #ccc;padding:3px 8px;text-align:right;vertical-align:middle}"
    "th{background:#eef}td.name,th.name{text-align:left}"
    "td.bar{text-align:left;white-space:nowrap}td.bar svg{vertical-align:middle}"
    ".muted{color:#777}.zero{color:#bbb}"
    "pre{background:#f6f6f6;border:1px solid #ddd;padding:8px;white-space:pre-wrap}"
    "#misses td{text-align:left;vertical-align:top}"
    "#q{font-size:15px;padding:4px;width:30em}";

/* The search of the table of misses: rows whose text holds what is typed
 * (any case) stay shown; "#q=..." in the address fills the box.  Without
 * scripts the box stays hidden and every row shows. */
static const char search_script[] =
    "(function(){var q=document.getElementById('q'),t=document.getElementById('misses'),"
    "n=document.getElementById('shown');if(!q||!t)return;var rows=t.tBodies[0].rows;"
    "q.hidden=false;function f(){var s=q.value.toLowerCase(),k=0;"
    "for(var i=0;i<rows.length;i++){var m=!s||rows[i].textContent.toLowerCase()"
    ".indexOf(s)>=0;rows[i].hidden=!m;k+=m?1:0;}"
    "n.textContent=k+' of '+rows.length+' shown';}"
    "q.addEventListener('input',f);var h=location.hash.match(/^#q=(.*)$/);"
    "if(h){try{q.value=decodeURIComponent(h[1]);}catch(e){q.value=h[1];}}f();})();";

/* A bar of width 120 px for a ratio, with its value; "-" when undefined. */
static void bar(page *pg, int defined, double v, const char *color)
{
    raw(pg, "<td class=\"bar\">");
    if (!defined) {
        raw(pg, "<span class=\"muted\">-</span></td>");
        return;
    }
    raw(pg, "<svg width=\"120\" height=\"12\" role=\"img\"><rect width=\"120\" height=\"12\" "
            "fill=\"#eee\"/><rect height=\"12\" fill=\"");
    raw(pg, color);
    raw(pg, "\" width=\"");
    dec(pg, v * 120.0, 1);
    raw(pg, "\"/></svg> ");
    dec(pg, v, 3);
    raw(pg, "</td>");
}

static void ratio_bar(page *pg, ls_score_ratio r, const char *color)
{
    bar(pg, r.den != 0, ls_score_ratio_value(r), color);
}

static void summary(page *pg, const ls_score_result *r)
{
    raw(pg, "<p>");
    num(pg, r->input.leads_read);
    raw(pg, " leads read, ");
    num(pg, r->input.duplicates);
    raw(pg, " duplicates dropped, ");
    num(pg, r->scored);
    raw(pg, " scored, ");
    num(pg, r->unlabeled);
    raw(pg, " unlabeled (not scored). Correct: ");
    num(pg, r->correct);
    raw(pg, " of ");
    num(pg, r->scored);
    raw(pg, ".</p>\n");
    if (r->nother) {
        raw(pg, "<p>Labels that name no persona of the request (scored as none of its "
                "personas):");
        for (size_t i = 0; i < r->nother; i++) {
            raw(pg, i ? ", " : " ");
            text(pg, r->other_names[i]);
            raw(pg, " (");
            num(pg, r->other_counts[i]);
            raw(pg, ")");
        }
        raw(pg, ".</p>\n");
    }
}

static void metrics(page *pg, const ls_score_result *r)
{
    raw(pg, "<h2>Precision, recall, F1</h2>\n<table><tr><th class=\"name\">persona</th>"
            "<th>labeled</th><th>assigned</th><th>TP</th><th>FP</th><th>FN</th>"
            "<th>precision</th><th>recall</th><th>F1</th></tr>\n");
    for (size_t i = 0; i < r->npersonas; i++) {
        const ls_score_persona *p = &r->personas[i];
        raw(pg, "<tr><td class=\"name\">");
        text(pg, p->name);
        const uint64_t n[5] = {p->labeled, p->assigned, p->tp, p->fp, p->fn};
        for (int k = 0; k < 5; k++) {
            raw(pg, "</td><td>");
            num(pg, n[k]);
        }
        raw(pg, "</td>");
        ratio_bar(pg, p->precision, "#4a7fd0");
        ratio_bar(pg, p->recall, "#3aa657");
        ratio_bar(pg, p->f1, "#d08a2a");
        raw(pg, "</tr>\n");
    }
    raw(pg, "<tr><td class=\"name\"><b>micro</b></td><td></td><td></td><td>");
    num(pg, r->micro_tp);
    raw(pg, "</td><td>");
    num(pg, r->micro_fp);
    raw(pg, "</td><td>");
    num(pg, r->micro_fn);
    raw(pg, "</td>");
    ratio_bar(pg, r->micro_precision, "#4a7fd0");
    ratio_bar(pg, r->micro_recall, "#3aa657");
    ratio_bar(pg, r->micro_f1, "#d08a2a");
    raw(pg, "</tr>\n<tr><td class=\"name\"><b>macro</b></td><td></td><td></td><td></td>"
            "<td></td><td></td>");
    bar(pg, r->macro_precision.n != 0, r->macro_precision.value, "#4a7fd0");
    bar(pg, r->macro_recall.n != 0, r->macro_recall.value, "#3aa657");
    bar(pg, r->macro_f1.n != 0, r->macro_f1.value, "#d08a2a");
    raw(pg, "</tr>\n</table>\n");
}

const char *ls_score_row_name(const ls_score_result *r, size_t label)
{
    size_t np = r->npersonas;
    return label < np ? r->personas[label].name : label == np ? "none (-)" : "other";
}

const char *ls_score_col_name(const ls_score_result *r, size_t assigned)
{
    size_t np = r->npersonas;
    return assigned < np ? r->personas[assigned].name : assigned == np ? "none" : "filtered";
}

int ls_score_cell_right(const ls_score_result *r, const ls_score_cell *c)
{
    size_t np = r->npersonas;
    return c->label < np ? c->label == c->assigned : c->assigned >= np;
}

/* A cell's background: right answers green, the rest red, shaded by count. */
static void shaded_td(page *pg, int right, uint64_t n, uint64_t max)
{
    raw(pg, right ? "<td style=\"background:rgba(58,166,87," : "<td style=\"background:rgba(208,74,74,");
    dec(pg, n ? 0.1 + 0.6 * (double)n / (double)max : 0.0, 2);
    raw(pg, n ? ")\">" : ")\" class=\"zero\">");
    num(pg, n);
    raw(pg, "</td>");
}

/* Few personas: the whole matrix (the "other" row only when it holds
 * leads). */
static void confusion_matrix(page *pg, const ls_score_result *r, uint64_t max)
{
    size_t np = r->npersonas, side = np + 2;
    uint64_t m[(LS_SCORE_MATRIX_MAX + 2) * (LS_SCORE_MATRIX_MAX + 2)] = {0};
    for (size_t k = 0; k < r->ncells; k++)
        m[r->cells[k].label * side + r->cells[k].assigned] = r->cells[k].count;
    int other = 0;
    for (size_t j = 0; j < side; j++)
        other |= m[(np + 1) * side + j] != 0;
    raw(pg, "<table><tr><th class=\"name\">label \\ assigned</th>");
    for (size_t j = 0; j < side; j++) {
        raw(pg, "<th>");
        text(pg, ls_score_col_name(r, j));
        raw(pg, "</th>");
    }
    raw(pg, "</tr>\n");
    for (size_t i = 0; i < side - !other; i++) {
        raw(pg, "<tr><th class=\"name\">");
        text(pg, ls_score_row_name(r, i));
        raw(pg, "</th>");
        for (size_t j = 0; j < side; j++) {
            ls_score_cell c = {i, j, m[i * side + j]};
            shaded_td(pg, ls_score_cell_right(r, &c), c.count, max);
        }
        raw(pg, "</tr>\n");
    }
    raw(pg, "</table>\n");
}

/* Many personas: the cells that hold leads, most first. */
static void confusion_cells(page *pg, const ls_score_result *r, uint64_t max)
{
    raw(pg, "<table><tr><th>leads</th><th class=\"name\">label</th>"
            "<th class=\"name\">assigned</th></tr>\n");
    for (size_t k = 0; k < r->ncells; k++) {
        const ls_score_cell *c = &r->cells[k];
        raw(pg, "<tr>");
        shaded_td(pg, ls_score_cell_right(r, c), c->count, max);
        raw(pg, "<td class=\"name\">");
        text(pg, ls_score_row_name(r, c->label));
        raw(pg, "</td><td class=\"name\">");
        text(pg, ls_score_col_name(r, c->assigned));
        raw(pg, "</td></tr>\n");
    }
    raw(pg, "</table>\n");
}

static void confusion(page *pg, const ls_score_result *r)
{
    uint64_t max = r->ncells ? r->cells[0].count : 1; /* cells come most first */
    raw(pg, "<h2>Confusion</h2>\n<p class=\"muted\">");
    if (r->npersonas <= LS_SCORE_MATRIX_MAX) {
        raw(pg, "Rows: the label. Columns: what was assigned (&#8220;filtered&#8221;: a "
                "request filter dropped the lead).</p>\n");
        confusion_matrix(pg, r, max);
    } else {
        raw(pg, "The ");
        num(pg, r->ncells);
        raw(pg, " pairs of label and assigned persona that hold leads, most first (");
        num(pg, r->npersonas);
        raw(pg, " personas are too many for a matrix; &#8220;filtered&#8221;: a request "
                "filter dropped the lead).</p>\n");
        confusion_cells(pg, r, max);
    }
}

static void class_rows(page *pg, const ls_score_class *cs, size_t n)
{
    raw(pg, "<table><tr><th>leads</th><th class=\"name\">reason</th>"
            "<th class=\"name\">most frequent normalized titles</th></tr>\n");
    for (size_t i = 0; i < n; i++) {
        const ls_score_class *c = &cs[i];
        raw(pg, "<tr><td>");
        num(pg, c->count);
        raw(pg, "</td><td class=\"name\">");
        text(pg, ls_miss_kind_label(c->kind));
        if (c->detail) {
            raw(pg, " <code>");
            text(pg, c->detail);
            raw(pg, "</code>");
        }
        raw(pg, "</td><td class=\"name\">");
        for (size_t k = 0; k < c->ntop; k++) {
            if (k)
                raw(pg, "<br>");
            text(pg, *c->top[k].title ? c->top[k].title : "(empty title)");
            raw(pg, " <span class=\"muted\">&#215;");
            num(pg, c->top[k].count);
            raw(pg, "</span>");
        }
        raw(pg, "</td></tr>\n");
    }
    raw(pg, "</table>\n");
}

static void text_n(page *pg, const char *s, size_t n)
{
    if (!pg->failed && ls_html_escape(pg->out, s, n) != 0)
        pg->failed = 1;
}

/* A request keyword quoted: `function "sales"`. */
static void check(page *pg, int *first, const char *what, const char *kw, const char *token)
{
    if (!kw)
        return;
    raw(pg, *first ? "" : "; ");
    *first = 0;
    text(pg, what);
    raw(pg, " <code>");
    text(pg, kw);
    raw(pg, "</code>");
    if (token && strcmp(token, kw) != 0) {
        raw(pg, " on <code>");
        text(pg, token);
        raw(pg, "</code>");
    }
}

static void miss_row(page *pg, const ls_score_result *r, const ls_score_miss *m)
{
    const ls_lead_ref *l = &m->lead;
    raw(pg, "<tr><td>");
    raw(pg, m->false_positive ? "FP" : "FN");
    raw(pg, "</td><td>");
    text(pg, r->personas[m->persona].name);
    raw(pg, "</td><td>");
    text(pg, ls_miss_kind_label(m->kind));
    if (m->detail) {
        raw(pg, " <code>");
        text(pg, m->detail);
        raw(pg, "</code>");
    }
    raw(pg, "</td><td><code>");
    text(pg, l->key ? l->key : "");
    raw(pg, "</code></td><td>");
    text(pg, l->name ? l->name : "");
    raw(pg, "</td><td>");
    text_n(pg, l->title, l->title_len);
    raw(pg, "</td><td class=\"muted\">");
    text(pg, m->title_norm);
    raw(pg, "</td><td>");
    text(pg, m->label_name);
    raw(pg, "</td><td>");
    text(pg, m->assigned >= 0 ? r->personas[m->assigned].name
             : m->filter ? "filtered" : "none");
    raw(pg, "</td><td>");
    int first = 1;
    check(pg, &first, "function", m->function, NULL);
    check(pg, &first, "seniority", m->seniority, NULL);
    check(pg, &first, "prohibit", m->prohibit, m->prohibit_token);
    if (m->filter)
        check(pg, &first, "filter", m->filter, NULL);
    raw(pg, "</td><td class=\"muted\">");
    text(pg, l->file ? l->file : "");
    raw(pg, ":");
    num(pg, l->line);
    if (l->index != LS_NO_INDEX) {
        raw(pg, " [");
        num(pg, l->index);
        raw(pg, "]");
    }
    raw(pg, "</td></tr>\n");
}

/* Every miss, a row each, with the lead it is: searchable with the script,
 * all shown without it. */
static void miss_list(page *pg, const ls_score_result *r)
{
    raw(pg, "<h2 id=\"every-miss\">Every miss</h2>\n");
    if (!r->nmisses) {
        raw(pg, "<p>None.</p>\n");
        return;
    }
    raw(pg, "<p class=\"muted\">");
    num(pg, r->nmisses);
    raw(pg, " rows: a lead labeled with one persona and assigned another is a false "
            "negative (FN) of the first and a false positive (FP) of the second. The title is "
            "the lead&#8217;s as written; the checks are the persona&#8217;s own on it.</p>\n"
            "<p><input type=\"search\" id=\"q\" hidden placeholder=\"search: key, name, "
            "title, persona, reason\" aria-label=\"search the misses\"> "
            "<span id=\"shown\" class=\"muted\"></span></p>\n"
            "<table id=\"misses\"><thead><tr><th></th><th>persona</th><th>reason</th>"
            "<th>key</th><th>name</th><th>title</th><th>normalized</th><th>label</th>"
            "<th>assigned</th><th>checks</th><th>where</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r->nmisses; i++)
        miss_row(pg, r, &r->misses[i]);
    raw(pg, "</tbody></table>\n");
}

/* When, on what, with what labels; the request itself comes last. */
static void provenance(page *pg, const ls_score_page *info)
{
    raw(pg, "<p class=\"muted\">Made ");
    text(pg, info->date ? info->date : "");
    raw(pg, " by leadsieve ");
    text(pg, ls_version());
    raw(pg, ". Request: <code>");
    text(pg, info->request_name ? info->request_name : "");
    raw(pg, "</code> (<a href=\"#request\">below</a>). Labels: ");
    if (info->labels) {
        raw(pg, info->labels_file ? "<code>" : "the lead field <code>");
        text(pg, info->labels);
        raw(pg, "</code>");
    }
    raw(pg, ". Leads: ");
    if (!info->ninputs)
        raw(pg, "standard input");
    for (size_t i = 0; i < info->ninputs; i++) {
        raw(pg, i ? ", <code>" : "<code>");
        text(pg, info->inputs[i]);
        raw(pg, "</code>");
    }
    raw(pg, ".</p>\n");
}

static void request_text(page *pg, const ls_score_page *info)
{
    raw(pg, "<h2 id=\"request\">The request</h2>\n<pre>");
    text_n(pg, info->request_text ? info->request_text : "", info->request_len);
    raw(pg, "</pre>\n");
}

static void misses(page *pg, const ls_score_result *r)
{
    raw(pg, "<h2>Misses by reason</h2>\n");
    int any = 0;
    for (size_t i = 0; i < r->npersonas; i++) {
        const ls_score_persona *p = &r->personas[i];
        if (!p->fn && !p->fp)
            continue;
        any = 1;
        raw(pg, "<h3>");
        text(pg, p->name);
        raw(pg, "</h3>\n");
        if (p->fn) {
            raw(pg, "<p>False negatives: ");
            num(pg, p->fn);
            raw(pg, "</p>\n");
            class_rows(pg, p->classes[0], p->nclasses[0]);
        }
        if (p->fp) {
            raw(pg, "<p>False positives: ");
            num(pg, p->fp);
            raw(pg, "</p>\n");
            class_rows(pg, p->classes[1], p->nclasses[1]);
        }
    }
    if (!any)
        raw(pg, "<p>None.</p>\n");
}

int ls_score_html(const ls_score_result *r, const ls_score_page *info, ls_buf *out)
{
    page pg = {out, 0};
    const char *title = info->request_name;
    raw(&pg, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
             "<meta name=\"generator\" content=\"leadsieve score\">\n<title>leadsieve score: ");
    text(&pg, title ? title : "");
    raw(&pg, "</title>\n<style>");
    raw(&pg, style);
    raw(&pg, "</style></head>\n<body>\n<h1>leadsieve score: ");
    text(&pg, title ? title : "");
    raw(&pg, "</h1>\n");
    provenance(&pg, info);
    summary(&pg, r);
    metrics(&pg, r);
    confusion(&pg, r);
    misses(&pg, r);
    miss_list(&pg, r);
    request_text(&pg, info);
    raw(&pg, "<script>");
    raw(&pg, search_script);
    raw(&pg, "</script>\n</body></html>\n");
    return pg.failed ? -1 : 0;
}
