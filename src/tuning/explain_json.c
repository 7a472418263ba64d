/* explain records as JSON lines (`explain --format jsonl`): every string
 * made valid UTF-8 first (invalid bytes become U+FFFD), then escaped. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "core/core.h"
#include "tuning/explain.h"
#include "writers/jsonout.h"

typedef struct jw {
    ls_buf out, tmp;
    int failed; /* a buffer could not grow */
} jw;

static void lit(jw *w, const char *s)
{
    if (ls_buf_append(&w->out, s, strlen(s)) != 0)
        w->failed = 1;
}

static void text(jw *w, const char *s, size_t n)
{
    ls_buf_clear(&w->tmp);
    if (ls_json_clean_utf8(&w->tmp, s, n) != 0 ||
        ls_json_put_string(&w->out, w->tmp.data, w->tmp.len) != 0)
        w->failed = 1;
}

static void text_or_null(jw *w, const char *s)
{
    if (s)
        text(w, s, strlen(s));
    else
        lit(w, "null");
}

static void boolean(jw *w, const char *key, int v)
{
    lit(w, key);
    lit(w, v ? "true" : "false");
}

static void integer(jw *w, const char *key, long long v)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", v);
    lit(w, key);
    lit(w, num);
}

static void row(jw *w, const ls_explain_row *r)
{
    const ls_persona_trace *t = &r->t;
    lit(w, "{\"name\": ");
    text_or_null(w, r->name);
    boolean(w, ", \"matched\": ", t->matched);
    lit(w, ", \"function\": ");
    text_or_null(w, t->function >= 0 ? r->function : NULL);
    boolean(w, ", \"function_inside_word\": ", t->function_inside);
    lit(w, ", \"seniority\": ");
    text_or_null(w, t->seniority >= 0 ? r->seniority : NULL);
    lit(w, ", \"alternative\": ");
    text_or_null(w, t->seniority >= 0 && t->alternative >= 0 ? r->alternative : NULL);
    lit(w, ", \"prohibit\": ");
    text_or_null(w, t->prohibit >= 0 ? r->prohibit : NULL);
    lit(w, ", \"prohibit_token\": ");
    text_or_null(w, t->prohibit >= 0 ? t->prohibit_token : NULL);
    integer(w, ", \"function_index\": ", t->function);
    integer(w, ", \"seniority_index\": ", t->seniority);
    integer(w, ", \"alternative_index\": ", t->alternative);
    integer(w, ", \"prohibit_index\": ", t->prohibit);
    lit(w, "}");
}

/* "title_level", and the lead's seniority value with the levels it names
 * when it has one. */
static void levels(jw *w, const ls_explain_record *rec)
{
    lit(w, ", \"title_level\": ");
    text_or_null(w, ls_level_name((size_t)rec->title_level));
    if (!rec->seniority_value)
        return;
    lit(w, ", \"seniority_value\": ");
    text(w, rec->seniority_value, rec->seniority_value_len);
    lit(w, ", \"seniority_levels\": [");
    for (size_t i = 0, n = 0; i < ls_level_count(); i++)
        if (rec->seniority_levels >> i & 1u) {
            lit(w, n++ ? ", \"" : "\"");
            lit(w, ls_level_name(i)); /* plain ASCII */
            lit(w, "\"");
        }
    lit(w, "]");
}

/* Who the lead is: its key and the field it is, its name, its index in
 * the array that holds it (null: none), and its label when labels were
 * given. */
static void lead_ref(jw *w, const ls_request *req, const ls_explain_record *rec)
{
    const ls_lead_ref *l = &rec->lead;
    lit(w, ", \"key\": ");
    text_or_null(w, l->key);
    lit(w, ", \"key_field\": ");
    text_or_null(w, l->key_field);
    lit(w, ", \"name\": ");
    text_or_null(w, l->name);
    if (l->index == LS_NO_INDEX)
        lit(w, ", \"index\": null");
    else
        integer(w, ", \"index\": ", (long long)l->index);
    if (rec->label == LS_LABEL_ABSENT)
        return;
    lit(w, ", \"label\": ");
    text_or_null(w, rec->label >= 0 ? ls_request_persona_name(req, (size_t)rec->label) : "-");
}

static void record(jw *w, const ls_request *req, const ls_explain_record *rec)
{
    lit(w, "{\"file\": ");
    text_or_null(w, rec->file);
    char num[32];
    snprintf(num, sizeof num, "%" PRIu64, rec->line);
    lit(w, ", \"line\": ");
    lit(w, num);
    lit(w, ", \"title_field\": ");
    text_or_null(w, rec->title_field);
    lit(w, ", \"title\": ");
    text(w, rec->title, rec->title_len);
    lit(w, ", \"title_norm\": ");
    text(w, rec->title_norm, rec->title_norm_len);
    lit(w, ", \"filter\": ");
    text_or_null(w, rec->filter);
    if (rec->filter_field) {
        lit(w, ", \"filter_field\": ");
        text_or_null(w, rec->filter_field);
        lit(w, ", \"filter_value_type\": \"");
        lit(w, ls_jtype_label((ls_jtype)rec->filter_value_type)); /* the same numbers */
        lit(w, "\"");
        if (rec->filter_value_type == LS_VALUE_STRING) {
            lit(w, ", \"filter_value\": ");
            text(w, rec->filter_value, rec->filter_value_len);
        } else if (rec->filter_value_type == LS_VALUE_NUMBER) {
            lit(w, ", \"filter_value\": "); /* as the lead writes it: valid JSON */
            if (ls_buf_append(&w->out, rec->filter_value, rec->filter_value_len) != 0)
                w->failed = 1;
        }
    }
    boolean(w, ", \"duplicate\": ", rec->duplicate);
    lit(w, ", \"assigned\": ");
    text_or_null(w, rec->assigned >= 0 ? ls_request_persona_name(req, (size_t)rec->assigned)
                                       : NULL);
    lit(w, ", \"personas\": [");
    for (size_t i = 0; i < rec->nrows; i++) {
        if (i)
            lit(w, ", ");
        row(w, &rec->rows[i]);
    }
    lit(w, "]");
    levels(w, rec);
    lead_ref(w, req, rec);
    lit(w, "}");
}

ls_status ls_explain_record_json(const ls_explain *ex, const ls_explain_record *rec,
                                 char **json, size_t *len)
{
    if (!ex || !rec || !json)
        return LS_E_USAGE;
    *json = NULL;
    jw w = {{0}, {0}, 0};
    record(&w, ls_explain_request(ex), rec);
    ls_buf_free(&w.tmp);
    if (w.failed || ls_buf_reserve(&w.out, 1) != 0) {
        ls_buf_free(&w.out);
        return LS_E_NOMEM;
    }
    *json = w.out.data;
    if (len)
        *len = w.out.len;
    return LS_OK;
}
