/* leadsieve diff (see diff.h). */
#include <stdlib.h>
#include <string.h>
#include "matcher/matcher.h"
#include "tuning/diff.h"
#include "tuning/leadref.h"
#include "tuning/tally.h"
#include "writers/jsonout.h"

/* An entry while reading: strings as offsets into text, which moves. */
typedef struct raw_entry {
    ls_leadref_kept lead;
    ls_diff_side now, base;
} raw_entry;

struct ls_diff {
    const ls_request *req[2]; /* [0] new (A), [1] baseline (B) */
    ls_matcher *m[2];
    int *same_name[2];        /* per persona of request i: the other's of its name, or -1 */
    ls_walk walk;
    ls_leadref_buf ref;
    ls_tally files;
    ls_buf text;
    raw_entry *raw[LS_DIFF__GROUPS];
    size_t cap[LS_DIFF__GROUPS];
    ls_diff_entry *entries[LS_DIFF__GROUPS];
    ls_diff_result res;
    int finished;
    ls_status error;
};

static const char *const group_names[LS_DIFF__GROUPS] = {"gained", "lost", "reassigned"};

static const char *const why_ids[] = {"", "filter", "taken", "no_function", "no_seniority",
                                      "prohibited", "no_such_persona"};

const char *ls_diff_why_id(ls_diff_why why)
{
    return (unsigned)why < sizeof why_ids / sizeof *why_ids ? why_ids[why] : "";
}

/* For each persona of request a, the index of b's persona of the same
 * name, or -1 (names are unique within a request). */
static int *map_names(const ls_request *a, const ls_request *b)
{
    size_t na = ls_request_persona_count(a), nb = ls_request_persona_count(b);
    int *map = calloc(na ? na : 1, sizeof *map);
    ls_tally names;
    ls_tally_init(&names);
    int ok = map != NULL;
    for (size_t j = 0; ok && j < nb; j++) {
        const char *n = ls_request_persona_name(b, j);
        ok = ls_tally_put(&names, n, strlen(n), NULL) == (long)j;
    }
    for (size_t i = 0; ok && i < na; i++) {
        const char *n = ls_request_persona_name(a, i);
        map[i] = (int)ls_tally_find(&names, n, strlen(n));
    }
    ls_tally_free(&names);
    if (!ok) {
        free(map);
        return NULL;
    }
    return map;
}

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
                            opt ? opt->input_format : LS_INPUT_AUTO, 0, 0, 0};
    ls_walk_init(&d->walk, on_lead, d, &sink, &lim);
    ls_tally_init(&d->files);
    ls_matcher_new(a, &d->m[0]);
    ls_matcher_new(b, &d->m[1]);
    d->same_name[0] = map_names(a, b);
    d->same_name[1] = map_names(b, a);
    if (!d->m[0] || !d->m[1] || !d->same_name[0] || !d->same_name[1]) {
        ls_diff_free(d);
        return LS_E_NOMEM;
    }
    /* every persona's decision, for the reasons (checked per lead) */
    ls_matcher_set_trace(d->m[0], 1);
    ls_matcher_set_trace(d->m[1], 1);
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
    ls_leadref_buf_free(&d->ref);
    ls_tally_free(&d->files);
    free(d->same_name[0]);
    free(d->same_name[1]);
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

/* Persona p's checks on the last title matched under request i. */
static void fill_check(const ls_diff *d, int i, int p, ls_diff_check *c)
{
    memset(c, 0, sizeof *c);
    c->persona = p;
    c->t.function = c->t.seniority = c->t.alternative = c->t.prohibit = -1;
    const ls_persona_trace *t = p >= 0 ? ls_matcher_trace(d->m[i], (size_t)p) : NULL;
    if (!t)
        return;
    const ls_request *req = d->req[i];
    c->t = *t;
    if (t->function >= 0)
        c->function = ls_request_keyword(req, (size_t)p, LS_KW_FUNCTIONS, (size_t)t->function);
    if (t->seniority >= 0)
        c->seniority = ls_request_keyword(req, (size_t)p, LS_KW_SENIORITIES, (size_t)t->seniority);
    if (t->prohibit >= 0)
        c->prohibit = ls_request_keyword(req, (size_t)p, LS_KW_PROHIBITS, (size_t)t->prohibit);
}

/* Side i's reason against side o (the other request): the filter, or why
 * its persona of the name o assigns did not take the lead here. */
static void explain_side(const ls_diff *d, int i, ls_diff_side *side, const ls_diff_side *o)
{
    fill_check(d, i, side->outcome == LS_MATCHED ? side->persona : -1, &side->assigned);
    fill_check(d, i, -1, &side->other);
    side->why = LS_DIFF_WHY_NONE;
    if (side->outcome == LS_DROPPED_BY_FILTER) {
        side->why = LS_DIFF_WHY_FILTER;
        return;
    }
    if (o->outcome != LS_MATCHED || o->persona < 0)
        return; /* the other side assigns nothing to compare with */
    int p = d->same_name[1 - i][o->persona];
    if (p == side->persona && side->outcome == LS_MATCHED)
        return;
    if (p < 0) {
        side->why = LS_DIFF_WHY_NO_SUCH_PERSONA;
        return;
    }
    fill_check(d, i, p, &side->other);
    const ls_persona_trace *t = &side->other.t;
    side->why = t->matched            ? LS_DIFF_WHY_TAKEN
                : t->function == -1   ? LS_DIFF_WHY_NO_FUNCTION
                : t->seniority == -1  ? LS_DIFF_WHY_NO_SENIORITY
                                      : LS_DIFF_WHY_PROHIBITED;
}

static ls_status on_lead(void *user, const ls_lead *lead, const char *key, size_t key_len)
{
    (void)key;
    (void)key_len;
    ls_diff *d = user;
    ls_verdict v[2];
    ls_diff_side side[2];
    for (int i = 0; i < 2; i++) {
        ls_status st = ls_matcher_match_scanned(d->m[i], lead, &v[i]);
        if (st != LS_OK)
            return st;
        side[i].outcome = v[i].outcome;
        side[i].persona = v[i].outcome == LS_MATCHED ? v[i].persona : -1;
        side[i].filter = v[i].filter;
    }
    d->res.compared++;
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
    /* each matcher's trace is of this lead's title: the reasons now */
    explain_side(d, 0, &side[0], &side[1]);
    explain_side(d, 1, &side[1], &side[0]);
    if (d->res.count[g] == d->cap[g]) {
        size_t cap = d->cap[g] ? d->cap[g] * 2 : 64;
        raw_entry *r = realloc(d->raw[g], cap * sizeof *r);
        if (!r)
            return LS_E_NOMEM;
        d->raw[g] = r;
        d->cap[g] = cap;
    }
    raw_entry *e = &d->raw[g][d->res.count[g]];
    ls_lead_ref ref;
    if (ls_leadref_fill(&d->ref, d->m[0], lead, ls_walk_file(&d->walk), ls_walk_line(&d->walk),
                        ls_walk_index(&d->walk), &ref) != 0 ||
        ls_leadref_keep(&d->text, &d->files, &ref, &e->lead) != 0)
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
                ls_leadref_resolve(&d->text, &r->lead, &e->lead);
                e->key = e->lead.key;
                e->title = e->lead.title;
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

/* A check's keywords: "function", "seniority", "prohibit" (and the title
 * word it found), each only when it hit. */
static int add_check(cJSON *o, const ls_diff_check *c)
{
    return (c->function && ls_cjson_add(o, "function", cJSON_CreateString(c->function)) != 0) ||
           (c->seniority && ls_cjson_add(o, "seniority", cJSON_CreateString(c->seniority)) != 0) ||
           (c->prohibit && (ls_cjson_add(o, "prohibit", cJSON_CreateString(c->prohibit)) != 0 ||
                            ls_cjson_add(o, "prohibit_token",
                                         str_or_null(c->t.prohibit_token)) != 0))
               ? -1
               : 0;
}

/* {"outcome": "matched", "persona": name, "function": ..., "seniority": ...}
 * or {"outcome": "no persona"|"dropped by filter", "filter": F}, and when
 * this request does not assign what the other does, "why": {"reason",
 * "persona" (the other side's persona name), and that persona's keywords
 * that hit here}. */
static cJSON *side_json(const ls_diff *d, const ls_diff_side *s, const ls_diff_side *other,
                        int of_baseline)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    static const char *const outcomes[3] = {"matched", "dropped by filter", "no persona"};
    int bad = ls_cjson_add(o, "outcome", cJSON_CreateString(outcomes[s->outcome])) != 0;
    if (!bad && s->outcome == LS_MATCHED)
        bad = ls_cjson_add(o, "persona",
                  s->persona >= 0 ? cJSON_CreateString(ls_diff_persona(d, s, of_baseline))
                                  : cJSON_CreateNull()) != 0 ||
              add_check(o, &s->assigned) != 0;
    if (!bad && s->outcome == LS_DROPPED_BY_FILTER)
        bad = ls_cjson_add(o, "filter", str_or_null(s->filter)) != 0;
    if (!bad && s->why != LS_DIFF_WHY_NONE && s->why != LS_DIFF_WHY_FILTER) {
        cJSON *w = cJSON_CreateObject();
        bad = ls_cjson_add(o, "why", w) != 0 ||
              ls_cjson_add(w, "reason", cJSON_CreateString(ls_diff_why_id(s->why))) != 0 ||
              ls_cjson_add(w, "persona",
                           cJSON_CreateString(ls_diff_persona(d, other, !of_baseline))) != 0 ||
              add_check(w, &s->other) != 0;
    }
    if (bad) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* Lead text as a JSON string: invalid UTF-8 and NULs made U+FFFD. */
static cJSON *clean(const char *s, size_t n)
{
    if (!s)
        return cJSON_CreateNull();
    ls_buf b = {0};
    cJSON *j = ls_json_clean_utf8(&b, s, n) == 0 ? cJSON_CreateString(b.data ? b.data : "") : NULL;
    ls_buf_free(&b);
    return j;
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
            const ls_lead_ref *l = &e->lead;
            if (ls_cjson_add(o, "key", clean(l->key, l->key ? strlen(l->key) : 0)) != 0 ||
                ls_cjson_add(o, "key_field", str_or_null(l->key_field)) != 0 ||
                ls_cjson_add(o, "name", clean(l->name, l->name ? strlen(l->name) : 0)) != 0 ||
                ls_cjson_add(o, "title", clean(l->title, l->title_len)) != 0 ||
                ls_cjson_add(o, "title_field", str_or_null(l->title_field)) != 0 ||
                ls_cjson_add(o, "file", clean(l->file, l->file ? strlen(l->file) : 0)) != 0 ||
                ls_cjson_add(o, "line", cJSON_CreateNumber((double)l->line)) != 0 ||
                ls_cjson_add(o, "index", l->index == LS_NO_INDEX
                                             ? cJSON_CreateNull()
                                             : cJSON_CreateNumber((double)l->index)) != 0 ||
                ls_cjson_add(o, "now", side_json(d, &e->now, &e->base, 0)) != 0 ||
                ls_cjson_add(o, "baseline", side_json(d, &e->base, &e->now, 1)) != 0)
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
