/* The suggestions as JSON (leadsieve suggest --format json). */
#include <stdio.h>
#include <string.h>
#include "tuning/score.h"
#include "tuning/suggest.h"
#include "writers/jsonout.h"

/* A ratio rounded to 6 decimals (null when undefined), as score writes them. */
static cJSON *metric(double v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.6f", v);
    size_t n = strlen(buf);
    while (n > 1 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (buf[n - 1] == '.')
        buf[n - 1] = '\0';
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
    return cJSON_CreateRaw(buf);
}

static cJSON *ratio(ls_score_ratio r)
{
    return r.den ? metric(ls_score_ratio_value(r)) : cJSON_CreateNull();
}

static int num(cJSON *o, const char *key, uint64_t n)
{
    return ls_cjson_add(o, key, cJSON_CreateNumber((double)n));
}

static cJSON *metrics_json(const ls_edit_metrics *m)
{
    cJSON *o = cJSON_CreateObject();
    if (!o || num(o, "tp", m->tp) != 0 || num(o, "fp", m->fp) != 0 || num(o, "fn", m->fn) != 0 ||
        ls_cjson_add(o, "precision", ratio(m->precision)) != 0 ||
        ls_cjson_add(o, "recall", ratio(m->recall)) != 0 ||
        ls_cjson_add(o, "f1", ratio(m->f1)) != 0) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* {"before", "after", "delta": {precision, recall, f1}}; a delta is the
 * difference of the two values, an undefined one counting 0. */
static cJSON *change_json(const ls_edit_metrics *a, const ls_edit_metrics *b)
{
    cJSON *o = cJSON_CreateObject();
    if (!o || ls_cjson_add(o, "before", metrics_json(a)) != 0 ||
        ls_cjson_add(o, "after", metrics_json(b)) != 0)
        goto fail;
    cJSON *d = cJSON_CreateObject();
    if (ls_cjson_add(o, "delta", d) != 0 ||
        ls_cjson_add(d, "precision", metric(ls_score_ratio_value(b->precision) -
                                              ls_score_ratio_value(a->precision))) != 0 ||
        ls_cjson_add(d, "recall", metric(ls_score_ratio_value(b->recall) -
                                           ls_score_ratio_value(a->recall))) != 0 ||
        ls_cjson_add(d, "f1", metric(ls_score_ratio_value(b->f1) - ls_score_ratio_value(a->f1))) !=
            0)
        goto fail;
    return o;
fail:
    cJSON_Delete(o);
    return NULL;
}

static cJSON *edit_json(const ls_persona_suggest_result *r, const ls_persona_edit *e)
{
    cJSON *o = cJSON_CreateObject();
    if (!o || ls_cjson_add(o, "kind", cJSON_CreateString(ls_edit_kind_id(e->kind))) != 0 ||
        ls_cjson_add(o, "persona", cJSON_CreateString(e->persona_name)) != 0 ||
        num(o, "persona_index", e->persona) != 0 ||
        ls_cjson_add(o, "keyword", cJSON_CreateString(e->keyword)) != 0 ||
        (e->seniority && ls_cjson_add(o, "seniority", cJSON_CreateString(e->seniority)) != 0) ||
        ls_cjson_add(o, "from", cJSON_CreateString(ls_edit_source_id(e->source))) != 0)
        goto fail;
    if (e->kind == LS_EDIT_DROP_PROHIBIT && num(o, "prohibit_index", e->prohibit) != 0)
        goto fail;
    cJSON *chosen = change_json(&e->before, &e->after);
    if (ls_cjson_add(o, "chosen_on", chosen) != 0 ||
        num(chosen, "leads_fixed", e->leads_fixed) != 0 ||
        num(chosen, "leads_broken", e->leads_broken) != 0 ||
        num(chosen, "titles_fixed", e->titles_fixed) != 0 ||
        num(chosen, "titles_broken", e->titles_broken) != 0)
        goto fail;
    cJSON *cv = change_json(&e->cv_before, &e->cv_after);
    if (ls_cjson_add(o, "cross_validated", cv) != 0 || num(cv, "folds_kept", e->cv_kept) != 0)
        goto fail;
    if (r->held_out && ls_cjson_add(o, "held_out", change_json(&e->holdout_before,
                                                               &e->holdout_after)) != 0)
        goto fail;
    return o;
fail:
    cJSON_Delete(o);
    return NULL;
}

static cJSON *report(const ls_persona_suggest_result *r)
{
    cJSON *doc = cJSON_CreateObject();
    if (!doc)
        return NULL;
    cJSON *leads = cJSON_CreateObject();
    if (ls_cjson_add(doc, "leads", leads) != 0)
        goto fail;
    const ls_input_stats *in = &r->score->input;
    if (num(leads, "read", in->leads_read) != 0 || num(leads, "duplicates", in->duplicates) != 0 ||
        num(leads, "labeled", r->score->scored) != 0 ||
        num(leads, "unlabeled", r->score->unlabeled) != 0 ||
        num(leads, "chosen_on", r->chosen_on) != 0 || num(leads, "held_out", r->held_out) != 0 ||
        num(leads, "titles", r->titles) != 0)
        goto fail;
    cJSON *set = cJSON_CreateObject();
    if (ls_cjson_add(doc, "settings", set) != 0 || num(set, "folds", r->folds) != 0 ||
        ls_cjson_add(set, "holdout", metric(r->holdout)) != 0 ||
        num(set, "candidates_evaluated", r->candidates) != 0)
        goto fail;
    if (ls_cjson_add(doc, "chosen_on", change_json(&r->base, &r->final)) != 0)
        goto fail;
    cJSON *cv = change_json(&r->cv_base, &r->cv_final);
    if (ls_cjson_add(doc, "cross_validated", cv) != 0 ||
        ls_cjson_add(cv, "refit", metrics_json(&r->cv_refit)) != 0)
        goto fail;
    if (r->held_out &&
        ls_cjson_add(doc, "held_out", change_json(&r->holdout_base, &r->holdout_final)) != 0)
        goto fail;
    cJSON *edits = cJSON_CreateArray();
    if (ls_cjson_add(doc, "edits", edits) != 0)
        goto fail;
    for (size_t i = 0; i < r->nedits; i++) {
        cJSON *e = edit_json(r, &r->edits[i]);
        if (!e || !cJSON_AddItemToArray(edits, e)) {
            cJSON_Delete(e);
            goto fail;
        }
    }
    return doc;
fail:
    cJSON_Delete(doc);
    return NULL;
}

ls_status ls_persona_suggest_report_json(const ls_persona_suggest_result *r, int indent,
                                         char **json, size_t *len)
{
    if (!r || !json)
        return LS_E_USAGE;
    return ls_json_own_document(report(r), indent, json, len);
}
