/* explain: per-lead records of every persona's decision (see explain.h).
 * Inputs are read in the run's order and deduplicated with the run's keys;
 * the matcher runs with its trace on.  Scratch buffers are reused, so a
 * lead costs no allocation once warm. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "core/core.h"
#include "engine/dedup.h"
#include "engine/engine.h"
#include "engine/leads.h"
#include "normalize/utf8.h"
#include "readers/reader.h"
#include "readers/stream.h"
#include "request/level.h"
#include "tuning/explain.h"
#include "tuning/leadref.h"
#include "tuning/score.h"

struct ls_explain {
    const ls_request *req;
    ls_explain_options opt;
    ls_explain_fn fn;
    void *user;
    ls_stream stream;
    ls_matcher *m;
    ls_dedup dedup;
    ls_buf key_scratch;
    ls_buf title;       /* the record's title, NUL-terminated */
    ls_buf norm;        /* the record's norm(title), NUL-terminated */
    ls_buf filter_value; /* the dropping field's value, decoded */
    ls_buf seniority;   /* the lead's seniority value, decoded */
    ls_leadref_buf ref; /* the record's lead ref */
    ls_explain_row *rows;
    size_t npersonas;
    uint64_t titles;    /* bare titles so far (their "line") */
    ls_explain_stats stats;
    int stopped;
};

void ls_explain_options_init(ls_explain_options *opt)
{
    if (!opt)
        return;
    memset(opt, 0, sizeof *opt);
    opt->persona = -1;
}

/* Labels name personas by index: the two requests must name them alike. */
static int same_personas(const ls_request *a, const ls_request *b)
{
    size_t n = ls_request_persona_count(a);
    if (n != ls_request_persona_count(b))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(ls_request_persona_name(a, i), ls_request_persona_name(b, i)) != 0)
            return 0;
    return 1;
}

ls_status ls_explain_new(const ls_request *req, const ls_explain_options *opt,
                         ls_explain_fn fn, void *user, ls_explain **out)
{
    if (!out)
        return LS_E_USAGE;
    *out = NULL;
    if (!req || !fn)
        return LS_E_USAGE;
    if (opt && (opt->persona < -1 ||
                (opt->persona >= 0 && (size_t)opt->persona >= ls_request_persona_count(req))))
        return LS_E_USAGE;
    if (opt && opt->only >= LS_EXPLAIN_TP && !opt->labels)
        return LS_E_USAGE;
    if (opt && opt->labels && !same_personas(req, ls_score_request(opt->labels)))
        return LS_E_USAGE;
    ls_explain *ex = calloc(1, sizeof *ex);
    if (!ex)
        return LS_E_NOMEM;
    ex->req = req;
    ex->opt.persona = -1;
    if (opt)
        ex->opt = *opt;
    ex->fn = fn;
    ex->user = user;
    ls_diag_sink sink = {ex->opt.on_diag, ex->opt.diag_user};
    ls_reader_limits lim = {ex->opt.max_record_bytes, ex->opt.max_depth, 0,
                            ex->opt.input_format, 0, 0, 0};
    ls_stream_init(&ex->stream, &sink, &lim);
    ex->npersonas = ls_request_persona_count(req);
    ls_dedup_init(&ex->dedup);
    ls_matcher_new(req, &ex->m);
    ex->rows = calloc(ex->npersonas ? ex->npersonas : 1, sizeof *ex->rows);
    int traced = 0;
    if (ex->m) {
        /* the trace stays off when its memory cannot be had: one empty
         * title tells */
        ls_verdict v;
        ls_matcher_set_trace(ex->m, 1);
        traced = ls_match_title(ex->m, "", 0, &v) == LS_OK &&
                 (!ex->npersonas || ls_matcher_trace(ex->m, 0));
    }
    if (!traced || !ex->rows) {
        ls_explain_free(ex);
        return LS_E_NOMEM;
    }
    *out = ex;
    return LS_OK;
}

const ls_request *ls_explain_request(const ls_explain *ex)
{
    return ex->req;
}

void ls_explain_free(ls_explain *ex)
{
    if (!ex)
        return;
    ls_matcher_free(ex->m);
    ls_dedup_free(&ex->dedup);
    ls_buf_free(&ex->key_scratch);
    ls_buf_free(&ex->filter_value);
    ls_buf_free(&ex->seniority);
    ls_leadref_buf_free(&ex->ref);
    ls_stream_free(&ex->stream);
    ls_buf_free(&ex->title);
    ls_buf_free(&ex->norm);
    free(ex->rows);
    free(ex);
}

static int set_text(ls_buf *b, const char *p, size_t n)
{
    ls_buf_clear(b);
    if (ls_buf_reserve(b, n + 1) != 0)
        return -1;
    memcpy(b->data, p, n);
    b->len = n;
    b->data[n] = '\0';
    return 0;
}

/* Fills row i from the matcher's trace of the last title. */
static void fill_row(ls_explain *ex, ls_explain_row *r, size_t i)
{
    const ls_request *req = ex->req;
    const ls_persona_trace *t = ls_matcher_trace(ex->m, i);
    memset(r, 0, sizeof *r);
    r->persona = i;
    r->name = ls_request_persona_name(req, i);
    if (!t) { /* cannot happen once a title was matched; stay "no match" */
        r->t.function = r->t.seniority = r->t.alternative = r->t.prohibit = -1;
        return;
    }
    r->t = *t;
    if (t->function >= 0)
        r->function = ls_request_keyword(req, i, LS_KW_FUNCTIONS, (size_t)t->function);
    if (t->seniority >= 0) {
        size_t e = (size_t)t->seniority;
        r->seniority = ls_request_keyword(req, i, LS_KW_SENIORITIES, e);
        r->nalternatives = ls_request_alternative_count(req, i, e);
        if (t->alternative >= 0)
            r->alternative = ls_request_alternative(req, i, e, (size_t)t->alternative);
    }
    if (t->prohibit >= 0)
        r->prohibit = ls_request_keyword(req, i, LS_KW_PROHIBITS, (size_t)t->prohibit);
}

/* TP, FP, FN or TN of the label and what was assigned, for one persona or
 * (p < 0) any. */
static int labeled_as(ls_explain_only only, int label, int assigned, int p)
{
    if (label == LS_LABEL_ABSENT)
        return 0;
    int want = p >= 0 ? label == p : label >= 0;   /* labeled with a persona (p) */
    int got = p >= 0 ? assigned == p : assigned >= 0;
    switch (only) {
    case LS_EXPLAIN_TP: return want && got && label == assigned;
    case LS_EXPLAIN_FP: return got && label != assigned;
    case LS_EXPLAIN_FN: return want && label != assigned;
    default: return !want && !got;
    }
}

static int selected(const ls_explain *ex, const ls_explain_record *rec)
{
    if (ex->opt.only == LS_EXPLAIN_ALL)
        return 1;
    if (ex->opt.only >= LS_EXPLAIN_TP)
        return labeled_as(ex->opt.only, rec->label, rec->assigned, ex->opt.persona);
    int matched = ex->opt.persona >= 0 ? rec->rows[0].t.matched : rec->kept;
    return ex->opt.only == LS_EXPLAIN_MATCHED ? matched : !matched;
}

/* Completes rec from the matcher's state after the title was matched and
 * hands it to the callback. */
static ls_status emit(ls_explain *ex, ls_explain_record *rec)
{
    size_t n;
    const char *norm = ls_matcher_title_norm(ex->m, &n);
    if (set_text(&ex->norm, norm, n) != 0)
        return LS_E_NOMEM;
    rec->title = ex->title.data;
    rec->title_len = ex->title.len;
    rec->title_norm = ex->norm.data;
    rec->title_norm_len = n;
    rec->title_level = ls_level_infer_normed(norm, n);
    if (ex->opt.persona >= 0) {
        fill_row(ex, &ex->rows[0], (size_t)ex->opt.persona);
        rec->nrows = 1;
    } else {
        for (size_t i = 0; i < ex->npersonas; i++)
            fill_row(ex, &ex->rows[i], i);
        rec->nrows = ex->npersonas;
    }
    rec->rows = ex->rows;
    if (!selected(ex, rec))
        return LS_OK;
    ex->stats.shown++;
    if (ex->fn(ex->user, rec) != 0)
        ex->stopped = 1;
    return LS_OK;
}

/* The public value types name the scanner's, number for number. */
_Static_assert(LS_VALUE_ABSENT == (int)LS_J_NONE && LS_VALUE_NULL == (int)LS_J_NULL &&
                   LS_VALUE_FALSE == (int)LS_J_FALSE && LS_VALUE_TRUE == (int)LS_J_TRUE &&
                   LS_VALUE_NUMBER == (int)LS_J_NUMBER && LS_VALUE_STRING == (int)LS_J_STRING &&
                   LS_VALUE_ARRAY == (int)LS_J_ARRAY && LS_VALUE_OBJECT == (int)LS_J_OBJECT,
               "ls_value_type and ls_jtype differ");

/* The lead's own value of the field that dropped it, so that the record
 * shows what the filter saw (a headcount written "2-10", a blank photo). */
static int set_filter_value(ls_explain *ex, const ls_lead *lead, int filter_id,
                            ls_explain_record *rec)
{
    ls_jval val;
    const char *name = ls_matcher_filter_read(ex->m, lead, filter_id, &val);
    if (!name)
        return 0;
    const ls_jval *v = &val;
    rec->filter_field = name;
    rec->filter_value_type = (ls_value_type)v->type;
    if (v->type != LS_J_STRING && v->type != LS_J_NUMBER)
        return 0;
    ls_buf *b = &ex->filter_value;
    ls_buf_clear(b);
    if (ls_buf_reserve(b, v->len + 1) != 0)
        return -1;
    unsigned fl = 0;
    b->len = v->type == LS_J_STRING && v->has_escape ? ls_jstr_decode(v->p, v->len, b->data, &fl)
                                                     : (memcpy(b->data, v->p, v->len), v->len);
    b->data[b->len] = '\0';
    rec->filter_value = b->data;
    rec->filter_value_len = b->len;
    return 0;
}

static ls_status explain_lead(ls_explain *ex, const ls_item *item, uint64_t line)
{
    ls_explain_record rec;
    memset(&rec, 0, sizeof rec);
    rec.file = item->file;
    rec.line = line;
    rec.assigned = -1;
    rec.label = LS_LABEL_ABSENT;

    ls_stage1 s1;
    ls_status st = ls_stage1_run(ex->m, item->lead, &ex->key_scratch, NULL, &s1);
    if (st != LS_OK)
        return st;
    if (s1.has_key) {
        int fresh = ls_dedup_insert(&ex->dedup, s1.key, s1.key_len);
        if (fresh < 0)
            return LS_E_NOMEM;
        rec.duplicate = !fresh;
        ex->stats.duplicates += !fresh;
    }
    rec.flags = (item->lead->flags | s1.verdict.flags) & LS_LEAD_INVALID_UTF8;
    rec.filter = s1.verdict.filter;
    if (rec.filter && set_filter_value(ex, item->lead, s1.verdict.filter_id, &rec) != 0)
        return LS_E_NOMEM;

    const char *sv;
    size_t svlen;
    unsigned levels;
    if (ls_matcher_lead_seniority(ex->m, item->lead, &sv, &svlen, &levels)) {
        if (set_text(&ex->seniority, sv, svlen) != 0)
            return LS_E_NOMEM;
        rec.seniority_value = ex->seniority.data;
        rec.seniority_value_len = svlen;
        rec.seniority_levels = levels;
    }
    const char *title;
    size_t len;
    int field = ls_matcher_lead_title(ex->m, item->lead, &title, &len);
    rec.title_field = field >= 0 ? ls_field_name((ls_field)field) : NULL;
    if (set_text(&ex->title, title, len) != 0)
        return LS_E_NOMEM;
    if (s1.verdict.outcome == LS_DROPPED_BY_FILTER) {
        /* the run stops at the filter: match the title for the trace */
        ls_verdict v;
        st = ls_match_title(ex->m, ex->title.data, ex->title.len, &v);
        if (st != LS_OK)
            return st;
    } else if (!rec.duplicate) {
        rec.assigned = s1.verdict.persona;
        rec.kept = s1.verdict.outcome == LS_MATCHED;
    }
    if (ls_leadref_who(&ex->ref, item->lead, &rec.lead) != 0)
        return LS_E_NOMEM;
    rec.lead.title = ex->title.data;
    rec.lead.title_len = ex->title.len;
    rec.lead.title_field = rec.title_field;
    rec.lead.file = rec.file;
    rec.lead.line = rec.line;
    rec.lead.index = item->index;
    if (ex->opt.labels && !rec.duplicate && s1.has_key)
        rec.label = ls_score_label_of(ex->opt.labels, s1.key + 2, s1.key_len - 2);
    return emit(ex, &rec);
}

/* Every lead queued in the stream, until the callback stops the walk. */
static ls_status read_stream(ls_explain *ex)
{
    ls_item item;
    ls_status st = LS_OK;
    while (!ex->stopped && ls_stream_next(&ex->stream, &item, &st)) {
        st = explain_lead(ex, &item, ls_stream_line(&ex->stream, &item));
        if (st != LS_OK)
            break;
    }
    if (ex->stopped)
        ls_stream_reset(&ex->stream);
    LS_STREAM_COUNTS_INTO(&ex->stats, &ex->stream.stats);
    return st;
}

ls_status ls_explain_add_path(ls_explain *ex, const char *path)
{
    if (!ex || !path)
        return LS_E_USAGE;
    if (ex->stopped)
        return LS_OK;
    ls_status st = ls_stream_add_path(&ex->stream, path);
    return st == LS_OK ? read_stream(ex) : st;
}

ls_status ls_explain_add_memory(ls_explain *ex, const char *name, const char *data,
                                size_t len)
{
    if (!ex || !name || (!data && len))
        return LS_E_USAGE;
    if (ex->stopped)
        return LS_OK;
    ls_status st = ls_stream_add_memory(&ex->stream, name, data, len);
    return st == LS_OK ? read_stream(ex) : st;
}

ls_status ls_explain_add_leads(ls_explain *ex, const ls_leads *leads, size_t first,
                               size_t count)
{
    if (!ex || !leads)
        return LS_E_USAGE;
    size_t n = ls_leads_count(leads);
    if (ex->stopped || first >= n)
        return LS_OK;
    size_t end = count > n - first ? n : first + count;
    ls_stream_stats *in = &ex->stream.stats;
    if (first == 0 && end == n) { /* the whole set: its inputs' counts too */
        const ls_stream_stats *kept = ls_leads_input_stats(leads);
        in->files_read += kept->files_read;
        in->files_failed += kept->files_failed;
        in->malformed += kept->malformed;
        in->not_objects += kept->not_objects;
        in->not_leads += kept->not_leads;
    }
    ls_js_shapes *shapes = ls_js_shapes_new(); /* NULL: scanned the slow way */
    ls_status st = LS_OK;
    for (size_t i = first; !ex->stopped && st == LS_OK && i < end; i++) {
        ls_item item;
        if ((st = ls_leads_item(leads, i, shapes, &item)) != LS_OK)
            break;
        in->leads_read++;
        st = explain_lead(ex, &item, ls_leads_line(leads, i));
    }
    ls_js_shapes_free(shapes);
    LS_STREAM_COUNTS_INTO(&ex->stats, in);
    return st;
}

ls_status ls_explain_add_title(ls_explain *ex, const char *title, size_t len)
{
    if (!ex || (!title && len))
        return LS_E_USAGE;
    if (ex->stopped)
        return LS_OK;
    ls_explain_record rec;
    memset(&rec, 0, sizeof rec);
    rec.line = ++ex->titles;
    rec.assigned = -1;
    rec.label = LS_LABEL_ABSENT;
    if (set_text(&ex->title, title ? title : "", len) != 0)
        return LS_E_NOMEM;
    ls_verdict v;
    ls_status st = ls_match_title(ex->m, ex->title.data, ex->title.len, &v);
    if (st != LS_OK)
        return st;
    rec.lead.title = ex->title.data;
    rec.lead.title_len = ex->title.len;
    rec.lead.line = rec.line;
    rec.lead.index = LS_NO_INDEX;
    rec.assigned = v.persona;
    rec.kept = v.outcome == LS_MATCHED;
    return emit(ex, &rec);
}

int ls_explain_stopped(const ls_explain *ex)
{
    return ex->stopped;
}

const ls_explain_stats *ls_explain_get_stats(const ls_explain *ex)
{
    return &ex->stats;
}

