/* leadsieve diff (see diff.h). */
#include <stdlib.h>
#include <string.h>
#include "matcher/matcher.h"
#include "tuning/diff.h"
#include "writers/jsonout.h"

/* An entry while reading: strings as offsets into text, which moves. */
typedef struct raw_entry {
    size_t key_off, title_off; /* key_off SIZE_MAX: no key */
    ls_diff_side now, base;
} raw_entry;

struct ls_diff {
    const ls_request *req[2]; /* [0] new (A), [1] baseline (B) */
    ls_matcher *m[2];
    ls_walk walk;
    ls_buf text;
    raw_entry *raw[LS_DIFF__GROUPS];
    size_t cap[LS_DIFF__GROUPS];
    ls_diff_entry *entries[LS_DIFF__GROUPS];
    ls_diff_result res;
    int finished;
    ls_status error;
};

static const char *const group_names[LS_DIFF__GROUPS] = {"gained", "lost", "reassigned"};

const char *ls_diff_group_name(ls_diff_group g)
{
    return (unsigned)g < LS_DIFF__GROUPS ? group_names[g] : "";
}

static ls_status on_lead(void *user, const ls_lead *lead, const char *key, size_t key_len);

ls_status ls_diff_new(const ls_request *a, const ls_request *b, const ls_diff_options *opt,
                      ls_diff **out)
{
    if (!out)
        return LS_E_USAGE;
    *out = NULL;
    if (!a || !b)
        return LS_E_USAGE;
    ls_diff *d = calloc(1, sizeof *d);
    if (!d)
        return LS_E_NOMEM;
    d->req[0] = a;
    d->req[1] = b;
    ls_diag_sink sink = {opt ? opt->on_diag : NULL, opt ? opt->diag_user : NULL};
    ls_reader_limits lim = {opt ? opt->max_record_bytes : 0, opt ? opt->max_depth : 0, 0,
                            opt ? opt->input_format : LS_INPUT_AUTO};
    ls_walk_init(&d->walk, on_lead, d, &sink, &lim);
    ls_matcher_new(a, &d->m[0]);
    ls_matcher_new(b, &d->m[1]);
    if (!d->m[0] || !d->m[1]) {
        ls_diff_free(d);
        return LS_E_NOMEM;
    }
    *out = d;
    return LS_OK;
}

void ls_diff_free(ls_diff *d)
{
    if (!d)
        return;
    ls_matcher_free(d->m[0]);
    ls_matcher_free(d->m[1]);
    ls_walk_free(&d->walk);
    ls_buf_free(&d->text);
    for (int g = 0; g < LS_DIFF__GROUPS; g++) {
        free(d->raw[g]);
        free(d->entries[g]);
    }
    free(d);
}

const char *ls_diff_persona(const ls_diff *d, const ls_diff_side *side, int of_baseline)
{
    if (side->outcome != LS_MATCHED || side->persona < 0)
        return "";
    return ls_request_persona_name(d->req[of_baseline ? 1 : 0], (size_t)side->persona);
}

static size_t keep_text(ls_diff *d, const char *s, size_t n)
{
    size_t off = d->text.len;
    if (ls_buf_reserve(&d->text, n + 1) != 0)
        return SIZE_MAX;
    if (n)
        memcpy(d->text.data + off, s, n);
    d->text.data[off + n] = '\0';
    d->text.len += n + 1;
    return off;
}

static ls_status on_lead(void *user, const ls_lead *lead, const char *key, size_t key_len)
{
    ls_diff *d = user;
    ls_verdict v[2];
    for (int i = 0; i < 2; i++) {
        ls_status st = ls_matcher_match_scanned(d->m[i], lead, &v[i]);
        if (st != LS_OK)
            return st;
    }
    d->res.compared++;
    ls_diff_side side[2];
    for (int i = 0; i < 2; i++) {
        side[i].outcome = v[i].outcome;
        side[i].persona = v[i].outcome == LS_MATCHED ? v[i].persona : -1;
        side[i].filter = v[i].filter;
    }
    int in_a = side[0].outcome == LS_MATCHED, in_b = side[1].outcome == LS_MATCHED;
    int g;
    if (in_a && !in_b)
        g = LS_DIFF_GAINED;
    else if (!in_a && in_b)
        g = LS_DIFF_LOST;
    else if (!in_a) {
        d->res.neither++;
        return LS_OK;
    } else {
        ls_diff_side *s0 = &side[0], *s1 = &side[1];
        const char *na = ls_diff_persona(d, s0, 0), *nb = ls_diff_persona(d, s1, 1);
        if (strcmp(na, nb) == 0 && (s0->persona < 0) == (s1->persona < 0)) {
            d->res.same++;
            return LS_OK;
        }
        g = LS_DIFF_REASSIGNED;
    }
    if (d->res.count[g] == d->cap[g]) {
        size_t cap = d->cap[g] ? d->cap[g] * 2 : 64;
        raw_entry *r = realloc(d->raw[g], cap * sizeof *r);
        if (!r)
            return LS_E_NOMEM;
        d->raw[g] = r;
        d->cap[g] = cap;
    }
    raw_entry *e = &d->raw[g][d->res.count[g]];
    const char *title;
    size_t tlen;
    ls_matcher_lead_title(d->m[0], lead, &title, &tlen);
    e->title_off = keep_text(d, title, tlen);
    e->key_off = key ? keep_text(d, key, key_len) : SIZE_MAX - 1;
    if (e->title_off == SIZE_MAX || e->key_off == SIZE_MAX)
        return LS_E_NOMEM;
    e->now = side[0];
    e->base = side[1];
    d->res.count[g]++;
    return LS_OK;
}

static ls_status check_open(ls_diff *d)
{
    if (d->error != LS_OK)
        return d->error;
    return d->finished ? LS_E_USAGE : LS_OK;
}

ls_status ls_diff_add_path(ls_diff *d, const char *path)
{
    ls_status st = check_open(d);
    if (st == LS_OK && (st = ls_walk_path(&d->walk, path)) != LS_OK)
        d->error = st;
    return st;
}

ls_status ls_diff_add_memory(ls_diff *d, const char *name, const char *data, size_t len)
{
    ls_status st = check_open(d);
    if (st == LS_OK && (st = ls_walk_memory(&d->walk, name, data, len)) != LS_OK)
        d->error = st;
    return st;
}

ls_status ls_diff_add_leads(ls_diff *d, const ls_leads *leads)
{
    if (!d || !leads)
        return LS_E_USAGE;
    ls_status st = check_open(d);
    if (st == LS_OK && (st = ls_walk_leads(&d->walk, leads)) != LS_OK)
        d->error = st;
    return st;
}

ls_status ls_diff_finish(ls_diff *d, const ls_diff_result **out)
{
    *out = NULL;
    if (d->error != LS_OK)
        return d->error;
    if (!d->finished) {
        for (int g = 0; g < LS_DIFF__GROUPS; g++) {
            size_t n = d->res.count[g];
            d->entries[g] = calloc(n ? n : 1, sizeof *d->entries[g]);
            if (!d->entries[g])
                return d->error = LS_E_NOMEM;
            for (size_t i = 0; i < n; i++) {
                const raw_entry *r = &d->raw[g][i];
                ls_diff_entry *e = &d->entries[g][i];
                e->key = r->key_off == SIZE_MAX - 1 ? NULL : d->text.data + r->key_off;
                e->title = d->text.data + r->title_off;
                e->now = r->now;
                e->base = r->base;
            }
            d->res.entries[g] = d->entries[g];
        }
        d->res.input = d->walk.stats;
        d->finished = 1;
    }
    *out = &d->res;
    return LS_OK;
}

/* ---- JSON ---- */

static cJSON *str_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

/* {"persona": name} or {"outcome": "no persona"|"dropped by filter", "filter": F} */
static cJSON *side_json(const ls_diff *d, const ls_diff_side *s, int of_baseline)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    static const char *const outcomes[3] = {"matched", "dropped by filter", "no persona"};
    int bad = ls_cjson_add(o, "outcome", cJSON_CreateString(outcomes[s->outcome])) != 0;
    if (!bad && s->outcome == LS_MATCHED)
        bad = ls_cjson_add(o, "persona",
                  s->persona >= 0 ? cJSON_CreateString(ls_diff_persona(d, s, of_baseline))
                                  : cJSON_CreateNull()) != 0;
    if (!bad && s->outcome == LS_DROPPED_BY_FILTER)
        bad = ls_cjson_add(o, "filter", str_or_null(s->filter)) != 0;
    if (bad) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

cJSON *ls_diff_report(const ls_diff *d, const ls_diff_result *r)
{
    cJSON *doc = cJSON_CreateObject(), *counts = cJSON_CreateObject();
    if (!doc || ls_cjson_add(doc, "counts", counts) != 0)
        goto fail;
    const ls_walk_stats *in = &r->input;
    const char *names[] = {"leads_read", "duplicates", "malformed", "not_objects",
                           "not_leads", "files_failed", "compared", "gained", "lost", "reassigned",
                           "unchanged", "matched_by_neither"};
    const uint64_t values[] = {in->leads_read, in->duplicates, in->malformed, in->not_objects,
                               in->not_leads, in->files_failed, r->compared, r->count[LS_DIFF_GAINED],
                               r->count[LS_DIFF_LOST], r->count[LS_DIFF_REASSIGNED], r->same,
                               r->neither};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (ls_cjson_add(counts, names[i], cJSON_CreateNumber((double)values[i])) != 0)
            goto fail;
    for (int g = 0; g < LS_DIFF__GROUPS; g++) {
        cJSON *arr = cJSON_CreateArray();
        if (ls_cjson_add(doc, group_names[g], arr) != 0)
            goto fail;
        for (size_t i = 0; i < r->count[g]; i++) {
            const ls_diff_entry *e = &r->entries[g][i];
            cJSON *o = cJSON_CreateObject();
            if (!o || !cJSON_AddItemToArray(arr, o)) {
                cJSON_Delete(o);
                goto fail;
            }
            if (ls_cjson_add(o, "key", str_or_null(e->key)) != 0 ||
                ls_cjson_add(o, "title", cJSON_CreateString(e->title)) != 0 ||
                ls_cjson_add(o, "now", side_json(d, &e->now, 0)) != 0 ||
                ls_cjson_add(o, "baseline", side_json(d, &e->base, 1)) != 0)
                goto fail;
        }
    }
    return doc;
fail:
    cJSON_Delete(doc);
    return NULL;
}

ls_status ls_diff_report_json(const ls_diff *d, const ls_diff_result *r, int indent, char **json,
                              size_t *len)
{
    if (!d || !r || !json)
        return LS_E_USAGE;
    return ls_json_own_document(ls_diff_report(d, r), indent, json, len);
}

void ls_diff_options_init(ls_diff_options *opt)
{
    if (opt)
        memset(opt, 0, sizeof *opt);
}
