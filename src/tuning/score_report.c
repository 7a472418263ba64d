/* The score result as JSON (leadsieve score --format json). */
#include <stdio.h>
#include <string.h>
#include "tuning/score.h"
#include "writers/jsonout.h"

/* A metric rounded to 6 decimals, trailing zeros dropped (0.4, not
 * 0.40000000000000002): raw JSON text so that the emitter keeps it. */
static cJSON *metric_json(double v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.6f", v);
    size_t n = strlen(buf);
    while (n > 1 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (buf[n - 1] == '.')
        buf[n - 1] = '\0';
    return cJSON_CreateRaw(buf);
}

static cJSON *ratio_json(ls_score_ratio r)
{
    return r.den ? metric_json(ls_score_ratio_value(r)) : cJSON_CreateNull();
}

static int add_num(cJSON *obj, const char *key, uint64_t n)
{
    return ls_cjson_add(obj, key, cJSON_CreateNumber((double)n));
}

static int add_str(cJSON *obj, const char *key, const char *s)
{
    return ls_cjson_add(obj, key, s ? cJSON_CreateString(s) : cJSON_CreateNull());
}

static cJSON *class_json(const ls_score_class *c)
{
    cJSON *o = cJSON_CreateObject(), *tops = cJSON_CreateArray();
    if (!o || !tops || add_str(o, "kind", ls_miss_kind_id(c->kind)) != 0 ||
        add_str(o, "reason", ls_miss_kind_label(c->kind)) != 0 ||
        add_str(o, "detail", c->detail) != 0 || add_num(o, "count", c->count) != 0) {
        cJSON_Delete(o);
        cJSON_Delete(tops);
        return NULL;
    }
    if (ls_cjson_add(o, "top_titles", tops) != 0) {
        cJSON_Delete(o);
        return NULL;
    }
    for (size_t i = 0; i < c->ntop; i++) {
        cJSON *t = cJSON_CreateObject();
        if (!t || !cJSON_AddItemToArray(tops, t) || add_str(t, "title", c->top[i].title) != 0 ||
            add_num(t, "count", c->top[i].count) != 0) {
            cJSON_Delete(o);
            return NULL;
        }
    }
    return o;
}

static int add_classes(cJSON *obj, const char *key, const ls_score_class *cs, size_t n)
{
    cJSON *arr = cJSON_CreateArray();
    if (ls_cjson_add(obj, key, arr) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        cJSON *c = class_json(&cs[i]);
        if (!c || !cJSON_AddItemToArray(arr, c)) {
            cJSON_Delete(c);
            return -1;
        }
    }
    return 0;
}

static cJSON *persona_json(const ls_score_persona *p)
{
    cJSON *o = cJSON_CreateObject();
    if (!o || add_str(o, "name", p->name) != 0 || add_num(o, "labeled", p->labeled) != 0 ||
        add_num(o, "assigned", p->assigned) != 0 || add_num(o, "tp", p->tp) != 0 ||
        add_num(o, "fp", p->fp) != 0 || add_num(o, "fn", p->fn) != 0 ||
        ls_cjson_add(o, "precision", ratio_json(p->precision)) != 0 ||
        ls_cjson_add(o, "recall", ratio_json(p->recall)) != 0 || ls_cjson_add(o, "f1", ratio_json(p->f1)) != 0 ||
        add_classes(o, "false_negatives", p->classes[0], p->nclasses[0]) != 0 ||
        add_classes(o, "false_positives", p->classes[1], p->nclasses[1]) != 0) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *macro_json(ls_score_macro m)
{
    return m.n ? metric_json(m.value) : cJSON_CreateNull();
}

static int add_overall(cJSON *doc, const ls_score_result *r)
{
    cJSON *o = cJSON_CreateObject();
    if (ls_cjson_add(doc, "overall", o) != 0)
        return -1;
    cJSON *micro = cJSON_CreateObject(), *macro = cJSON_CreateObject();
    if (ls_cjson_add(o, "micro", micro) != 0 || ls_cjson_add(o, "macro", macro) != 0)
        return -1;
    if (add_num(micro, "tp", r->micro_tp) != 0 || add_num(micro, "fp", r->micro_fp) != 0 ||
        add_num(micro, "fn", r->micro_fn) != 0 ||
        ls_cjson_add(micro, "precision", ratio_json(r->micro_precision)) != 0 ||
        ls_cjson_add(micro, "recall", ratio_json(r->micro_recall)) != 0 ||
        ls_cjson_add(micro, "f1", ratio_json(r->micro_f1)) != 0)
        return -1;
    if (ls_cjson_add(macro, "precision", macro_json(r->macro_precision)) != 0 ||
        ls_cjson_add(macro, "recall", macro_json(r->macro_recall)) != 0 ||
        ls_cjson_add(macro, "f1", macro_json(r->macro_f1)) != 0 ||
        add_num(macro, "personas_precision", r->macro_precision.n) != 0 ||
        add_num(macro, "personas_recall", r->macro_recall.n) != 0 ||
        add_num(macro, "personas_f1", r->macro_f1.n) != 0)
        return -1;
    return add_num(o, "correct", r->correct) != 0 ||
                   ls_cjson_add(o, "accuracy", ratio_json(r->accuracy)) != 0
               ? -1
               : 0;
}

static int add_names(cJSON *arr, const ls_score_result *r, const char *a, const char *b)
{
    for (size_t i = 0; i < r->npersonas; i++) {
        cJSON *s = cJSON_CreateString(r->personas[i].name);
        if (!s || !cJSON_AddItemToArray(arr, s)) {
            cJSON_Delete(s);
            return -1;
        }
    }
    const char *extra[2] = {a, b};
    for (int i = 0; i < 2; i++) {
        cJSON *s = cJSON_CreateString(extra[i]);
        if (!s || !cJSON_AddItemToArray(arr, s)) {
            cJSON_Delete(s);
            return -1;
        }
    }
    return 0;
}

/* The confusion's cells that hold leads, most first: label and assigned
 * are indexes into the two name lists (each persona, then "none" and
 * "other" or "filtered"), so that a persona named "none" stays apart. */
static int add_confusion(cJSON *doc, const ls_score_result *r)
{
    cJSON *o = cJSON_CreateObject();
    if (ls_cjson_add(doc, "confusion", o) != 0)
        return -1;
    cJSON *rows = cJSON_CreateArray(), *cols = cJSON_CreateArray(), *cells = cJSON_CreateArray();
    if (ls_cjson_add(o, "labels", rows) != 0 || ls_cjson_add(o, "assigned", cols) != 0 ||
        ls_cjson_add(o, "cells", cells) != 0)
        return -1;
    if (add_names(rows, r, "none", "other") != 0 || add_names(cols, r, "none", "filtered") != 0)
        return -1;
    for (size_t i = 0; i < r->ncells; i++) {
        cJSON *c = cJSON_CreateObject();
        if (!c || !cJSON_AddItemToArray(cells, c)) {
            cJSON_Delete(c);
            return -1;
        }
        if (add_num(c, "label", r->cells[i].label) != 0 ||
            add_num(c, "assigned", r->cells[i].assigned) != 0 ||
            add_num(c, "count", r->cells[i].count) != 0)
            return -1;
    }
    return 0;
}

static int add_leads(cJSON *doc, const ls_score_result *r)
{
    cJSON *o = cJSON_CreateObject();
    if (ls_cjson_add(doc, "leads", o) != 0)
        return -1;
    const ls_walk_stats *in = &r->input;
    if (add_num(o, "files_read", in->files_read) != 0 ||
        add_num(o, "files_failed", in->files_failed) != 0 ||
        add_num(o, "read", in->leads_read) != 0 || add_num(o, "malformed", in->malformed) != 0 ||
        add_num(o, "not_objects", in->not_objects) != 0 ||
        add_num(o, "not_leads", in->not_leads) != 0 ||
        add_num(o, "duplicates", in->duplicates) != 0 || add_num(o, "scored", r->scored) != 0 ||
        add_num(o, "unlabeled", r->unlabeled) != 0 ||
        add_num(o, "label_not_string", r->bad_labels) != 0 ||
        add_num(o, "other_labeled", r->other_labeled) != 0)
        return -1;
    cJSON *labels = cJSON_CreateObject();
    if (ls_cjson_add(doc, "labels", labels) != 0 || add_num(labels, "entries", r->label_entries) != 0 ||
        add_num(labels, "duplicate_keys", r->label_duplicates) != 0 ||
        add_num(labels, "unused", r->labels_unused) != 0)
        return -1;
    cJSON *other = cJSON_CreateArray();
    if (ls_cjson_add(labels, "not_personas", other) != 0)
        return -1;
    for (size_t i = 0; i < r->nother; i++) {
        cJSON *e = cJSON_CreateObject();
        if (!e || !cJSON_AddItemToArray(other, e) || add_str(e, "label", r->other_names[i]) != 0 ||
            add_num(e, "leads", r->other_counts[i]) != 0)
            return -1;
    }
    return 0;
}

/* Misses are written as text rather than built as cJSON objects: a score
 * of 100,000 leads can have as many misses, and a DOM of 21 members each
 * cost four times the rest of the score (bench/README.md). */
typedef struct mw {
    ls_buf *out;
    ls_buf tmp;
    int failed;
} mw;

static void lit(mw *w, const char *s)
{
    if (ls_buf_append(w->out, s, strlen(s)) != 0)
        w->failed = 1;
}

/* A key and a string value (NULL: null); lead text made valid UTF-8 (a NUL
 * or an invalid sequence becomes U+FFFD) so that the line is JSON. */
static void str_n(mw *w, const char *key, const char *s, size_t n)
{
    lit(w, key);
    if (!s) {
        lit(w, "null");
        return;
    }
    ls_buf_clear(&w->tmp);
    if (ls_json_clean_utf8(&w->tmp, s, n) != 0 ||
        ls_json_put_string(w->out, w->tmp.data ? w->tmp.data : "", w->tmp.len) != 0)
        w->failed = 1;
}

static void str(mw *w, const char *key, const char *s)
{
    str_n(w, key, s, s ? strlen(s) : 0);
}

static void num(mw *w, const char *key, uint64_t v)
{
    lit(w, key);
    if (ls_buf_printf(w->out, "%llu", (unsigned long long)v) != 0)
        w->failed = 1;
}

static void miss_text(mw *w, const ls_score_result *r, const ls_score_miss *m)
{
    const ls_lead_ref *l = &m->lead;
    str(w, "{\"side\": ", m->false_positive ? "fp" : "fn");
    str(w, ", \"persona\": ", r->personas[m->persona].name);
    str(w, ", \"key\": ", l->key);
    str(w, ", \"key_field\": ", l->key_field);
    str(w, ", \"name\": ", l->name);
    str_n(w, ", \"title\": ", l->title, l->title_len);
    str(w, ", \"title_field\": ", l->title_field);
    str(w, ", \"title_norm\": ", m->title_norm);
    str(w, ", \"label\": ", m->label_name);
    str(w, ", \"assigned\": ", m->assigned >= 0 && (size_t)m->assigned < r->npersonas
                                   ? r->personas[m->assigned].name
                                   : NULL);
    str(w, ", \"filter\": ", m->filter);
    str(w, ", \"kind\": ", ls_miss_kind_id(m->kind));
    str(w, ", \"reason\": ", ls_miss_kind_label(m->kind));
    str(w, ", \"detail\": ", m->detail);
    str(w, ", \"function\": ", m->function);
    str(w, ", \"seniority\": ", m->seniority);
    str(w, ", \"prohibit\": ", m->prohibit);
    str(w, ", \"prohibit_token\": ", m->prohibit_token);
    str(w, ", \"file\": ", l->file);
    num(w, ", \"line\": ", l->line);
    if (l->index == LS_NO_INDEX)
        lit(w, ", \"index\": null}");
    else {
        num(w, ", \"index\": ", l->index);
        lit(w, "}");
    }
}

/* The "misses" array as JSON text, laid out as the document around it: at
 * indent 0 on the line, else a miss a line one level in (the document's
 * top-level members sit at level 1). */
static cJSON *misses_raw(const ls_score_result *r, int indent)
{
    ls_buf out = {0};
    mw w = {&out, {0}, 0};
    lit(&w, "[");
    for (size_t i = 0; i < r->nmisses; i++) {
        if (i)
            lit(&w, indent ? "," : ", ");
        if (indent && ls_buf_printf(&out, "\n%*s", 2 * indent, "") != 0)
            w.failed = 1;
        miss_text(&w, r, &r->misses[i]);
    }
    if (indent && r->nmisses && ls_buf_printf(&out, "\n%*s", indent, "") != 0)
        w.failed = 1;
    lit(&w, "]");
    ls_buf_free(&w.tmp);
    cJSON *raw = w.failed ? NULL : cJSON_CreateRaw(out.data);
    ls_buf_free(&out);
    return raw;
}

cJSON *ls_score_report(const ls_score_result *r, int indent)
{
    cJSON *doc = cJSON_CreateObject();
    if (!doc || add_leads(doc, r) != 0)
        goto fail;
    cJSON *ps = cJSON_CreateArray();
    if (ls_cjson_add(doc, "personas", ps) != 0)
        goto fail;
    for (size_t i = 0; i < r->npersonas; i++) {
        cJSON *p = persona_json(&r->personas[i]);
        if (!p || !cJSON_AddItemToArray(ps, p)) {
            cJSON_Delete(p);
            goto fail;
        }
    }
    if (add_overall(doc, r) != 0 || add_confusion(doc, r) != 0 ||
        ls_cjson_add(doc, "misses", misses_raw(r, indent)) != 0)
        goto fail;
    return doc;
fail:
    cJSON_Delete(doc);
    return NULL;
}

ls_status ls_score_report_json(const ls_score_result *r, int indent, char **json, size_t *len)
{
    if (!r || !json)
        return LS_E_USAGE;
    return ls_json_own_document(ls_score_report(r, indent), indent, json, len);
}

ls_status ls_score_miss_json(const ls_score_result *r, size_t i, char **json, size_t *len)
{
    if (!r || !json || i >= r->nmisses)
        return LS_E_USAGE;
    *json = NULL;
    ls_buf out = {0};
    mw w = {&out, {0}, 0};
    miss_text(&w, r, &r->misses[i]);
    ls_buf_free(&w.tmp);
    if (w.failed || ls_buf_reserve(&out, 1) != 0) {
        ls_buf_free(&out);
        return LS_E_NOMEM;
    }
    out.data[out.len] = '\0';
    *json = out.data;
    if (len)
        *len = out.len;
    return LS_OK;
}
