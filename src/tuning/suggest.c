/* leadsieve suggest: labeled leads read through score, turned into the
 * model of suggest.h, edits chosen and measured (tools.h has the rules). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "matcher/matcher.h"
#include "tuning/score.h"
#include "tuning/suggest.h"

struct ls_persona_suggest {
    const ls_request *req;
    ls_score *score;
    ls_matcher *m;          /* the raw title of a lead, to check --apply */
    sg_data d;
    sg_options o;
    double holdout;
    uint64_t nlabeled;     /* labeled leads seen: a keyless lead's place */
    int finished;
    ls_status error;

    sg_edits edits;
    ls_persona_edit *out;
    ls_persona_suggest_result res;
};

static const char *const kind_ids[LS_EDIT__KINDS] = {
    "add_function", "add_seniority", "add_prohibit", "drop_prohibit",
    "add_function_and_seniority"};
static const char *const source_ids[] = {"titles", "equivalents", "expansion", "request"};

const char *ls_edit_kind_id(ls_edit_kind kind)
{
    return (unsigned)kind < LS_EDIT__KINDS ? kind_ids[kind] : "";
}

const char *ls_edit_source_id(ls_edit_source source)
{
    return (unsigned)source < sizeof source_ids / sizeof *source_ids ? source_ids[source] : "";
}

void ls_persona_suggest_options_init(ls_persona_suggest_options *opt)
{
    if (opt)
        memset(opt, 0, sizeof *opt);
}

/* ---- buckets ---- */

static uint64_t fnv1a(const char *p, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ull;
    }
    return h;
}

static uint32_t bucket_of(ls_persona_suggest *ps, const char *key, size_t key_len)
{
    char own[32];
    if (!key) {
        int n = snprintf(own, sizeof own, "#%llu", (unsigned long long)ps->nlabeled);
        key = own;
        key_len = (size_t)n;
    }
    uint64_t h = fnv1a(key, key_len);
    uint64_t cut = (uint64_t)(ps->holdout * 10000.0 + 0.5);
    if ((h >> 32) % 10000 < cut)
        return (uint32_t)ps->d.folds;
    return (uint32_t)(h % ps->d.folds);
}

/* ---- reading ---- */

static ls_status observe(void *user, const ls_lead *lead, const char *key, size_t key_len,
                         int label, const ls_verdict *v, const char *norm, size_t norm_len)
{
    ls_persona_suggest *ps = user;
    sg_data *d = &ps->d;
    if ((ps->nlabeled & 4095) == 4095 && ps->o.stop && ps->o.stop(ps->o.stop_user))
        return LS_E_CANCELLED;
    uint32_t b = bucket_of(ps, key, key_len);
    ps->nlabeled++;
    int32_t l = label >= 0 ? label : -1;
    d->leads[b]++;
    if (!norm) {
        if (l >= 0)
            d->filtered[b].fn++;
        return LS_OK;
    }
    int fresh;
    long t = ls_tally_put(&d->titles, norm, norm_len, &fresh);
    if (t < 0)
        return LS_E_NOMEM;
    if (fresh) {
        if ((size_t)t >= d->seen_cap) {
            size_t cap = d->seen_cap ? d->seen_cap * 2 : 256;
            int32_t *seen = realloc(d->seen, cap * sizeof *seen);
            if (seen)
                d->seen = seen;
            char **raw = realloc(d->raw, cap * sizeof *raw);
            if (raw)
                d->raw = raw;
            if (!seen || !raw)
                return LS_E_NOMEM;
            d->seen_cap = cap;
        }
        const char *title;
        size_t tlen;
        ls_matcher_lead_title(ps->m, lead, &title, &tlen);
        d->raw[t] = malloc(tlen + 1);
        if (!d->raw[t])
            return LS_E_NOMEM;
        memcpy(d->raw[t], title, tlen);
        d->raw[t][tlen] = '\0';
        d->seen[t] = v->outcome == LS_MATCHED ? v->persona : -1;
    }
    uint32_t k[3] = {(uint32_t)t, (uint32_t)l, b};
    long r = ls_tally_put(&d->rowkeys, k, sizeof k, NULL);
    if (r < 0)
        return LS_E_NOMEM;
    d->rowkeys.count[r]++;
    return LS_OK;
}

static int order_cmp_ctx(const ls_request *req, size_t a, size_t b)
{
    size_t ra = ls_request_persona_rank(req, a), rb = ls_request_persona_rank(req, b);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    return a < b ? -1 : a > b;
}

ls_status ls_persona_suggest_new(const ls_request *req, const ls_persona_suggest_options *opt,
                                 ls_persona_suggest **out)
{
    if (!out)
        return LS_E_USAGE;
    *out = NULL;
    ls_persona_suggest_options o;
    ls_persona_suggest_options_init(&o);
    if (opt)
        o = *opt;
    size_t folds = o.folds ? o.folds : 5;
    if (!req || !ls_request_persona_count(req) || folds < 2 || folds > SG_MAX_FOLDS ||
        !(o.holdout >= 0.0 && o.holdout < 1.0) || o.max_words > 8 ||
        o.kinds >= 1u << LS_EDIT__KINDS)
        return LS_E_USAGE;
    ls_persona_suggest *ps = calloc(1, sizeof *ps);
    if (!ps)
        return LS_E_NOMEM;
    ps->req = req;
    ps->holdout = o.holdout;
    ps->o.max_edits = o.max_edits ? o.max_edits : 20;
    ps->o.max_words = o.max_words ? o.max_words : 3;
    ps->o.min_titles = o.min_titles ? o.min_titles : 2;
    ps->o.kinds = o.kinds ? o.kinds : (1u << LS_EDIT__KINDS) - 1;
    ps->o.stop = o.stop;
    ps->o.stop_user = o.stop_user;
    sg_data *d = &ps->d;
    d->req = req;
    d->mode = ls_request_match_mode(req);
    d->np = ls_request_persona_count(req);
    d->folds = folds;
    d->nbuckets = folds + 1;
    ls_tally_init(&d->titles);
    ls_tally_init(&d->vocab);
    ls_tally_init(&d->rowkeys);
    ls_tally_init(&d->hitkeys);
    d->order = calloc(d->np, sizeof *d->order);
    d->rankpos = calloc(d->np, sizeof *d->rankpos);
    ls_score_options so;
    ls_score_options_init(&so);
    so.label_field = o.label_field;
    so.on_diag = o.on_diag;
    so.diag_user = o.diag_user;
    so.max_record_bytes = o.max_record_bytes;
    so.max_depth = o.max_depth;
    so.input_format = o.input_format;
    ls_status st = ls_score_new(req, &so, &ps->score);
    if (st == LS_OK && (ls_matcher_new(req, &ps->m) != LS_OK || ls_normalizer_new(&d->nz) != LS_OK ||
                        !d->order || !d->rankpos))
        st = LS_E_NOMEM;
    if (st != LS_OK) {
        ls_persona_suggest_free(ps);
        return st;
    }
    /* rank order: insertion sort, personas are few */
    for (size_t i = 0; i < d->np; i++) {
        size_t j = i;
        while (j > 0 && order_cmp_ctx(req, d->order[j - 1], i) > 0) {
            d->order[j] = d->order[j - 1];
            j--;
        }
        d->order[j] = i;
    }
    for (size_t k = 0; k < d->np; k++)
        d->rankpos[d->order[k]] = k;
    ls_score_set_observer(ps->score, observe, ps);
    *out = ps;
    return LS_OK;
}

void ls_persona_suggest_free(ls_persona_suggest *ps)
{
    if (!ps)
        return;
    ls_score_free(ps->score);
    ls_matcher_free(ps->m);
    sg_data_free(&ps->d);
    sg_edits_free(&ps->edits);
    free(ps->out);
    free(ps);
}

ls_status ls_persona_suggest_load_labels(ls_persona_suggest *ps, const char *name,
                                         const char *text, size_t len, ls_problems **errors)
{
    return ls_score_load_labels(ps->score, name, text, len, errors);
}

static ls_status check_open(ls_persona_suggest *ps)
{
    if (ps->error != LS_OK)
        return ps->error;
    return ps->finished ? LS_E_USAGE : LS_OK;
}

ls_status ls_persona_suggest_add_path(ls_persona_suggest *ps, const char *path)
{
    ls_status st = check_open(ps);
    if (st == LS_OK && (st = ls_score_add_path(ps->score, path)) != LS_OK)
        ps->error = st;
    return st;
}

ls_status ls_persona_suggest_add_memory(ls_persona_suggest *ps, const char *name,
                                        const char *data, size_t len)
{
    ls_status st = check_open(ps);
    if (st == LS_OK && (st = ls_score_add_memory(ps->score, name, data, len)) != LS_OK)
        ps->error = st;
    return st;
}

ls_status ls_persona_suggest_add_leads(ls_persona_suggest *ps, const ls_leads *leads)
{
    if (!ps || !leads)
        return LS_E_USAGE;
    ls_status st = check_open(ps);
    if (st == LS_OK && (st = ls_score_add_leads(ps->score, leads)) != LS_OK)
        ps->error = st;
    return st;
}

/* ---- the result ---- */

static ls_score_ratio ratio(uint64_t num, uint64_t den)
{
    ls_score_ratio r = {num, den};
    return r;
}

static ls_edit_metrics metrics(sg_counts c)
{
    ls_edit_metrics m;
    m.tp = (uint64_t)c.tp;
    m.fp = (uint64_t)c.fp;
    m.fn = (uint64_t)c.fn;
    m.precision = ratio(m.tp, m.tp + m.fp);
    m.recall = ratio(m.tp, m.tp + m.fn);
    m.f1 = ratio(2 * m.tp, 2 * m.tp + m.fp + m.fn);
    return m;
}

static sg_counts plus(sg_counts a, sg_counts b)
{
    return (sg_counts){a.tp + b.tp, a.fp + b.fp, a.fn + b.fn};
}

/* The model's verdicts on the request as it is are the matcher's. */
static int model_agrees(const sg_state *s)
{
    for (size_t t = 0; t < s->d->nt; t++)
        if (s->asg[t] != s->d->seen[t])
            return 0;
    return 1;
}

/* Cross-validation: per fold, the list's edits kept when the other folds
 * accept them, and the greedy choice afresh on the other folds. */
static int cross_validate(ls_persona_suggest *ps, sg_counts *cv_before, sg_counts *cv_after,
                          size_t *kept, sg_counts *refit)
{
    sg_data *d = &ps->d;
    uint64_t folds_mask = (1ull << d->folds) - 1;
    *refit = (sg_counts){0, 0, 0};
    for (size_t f = 0; f < d->folds; f++) {
        if (ps->o.stop && ps->o.stop(ps->o.stop_user))
            return SG_STOPPED;
        uint64_t train = folds_mask & ~(1ull << f);
        sg_state s;
        if (sg_state_init(&s, d) != 0) {
            sg_state_free(&s);
            return -1;
        }
        for (size_t i = 0; i < ps->edits.n; i++) {
            const sg_edit *e = &ps->edits.v[i];
            cv_before[i] = plus(cv_before[i], s.cur[f]);
            sg_eval ev;
            sg_evaluate(&s, e, train, &ev);
            if (sg_accepts(&s, &ev, train, ps->o.min_titles)) {
                kept[i]++;
                if (sg_apply(&s, e) != 0) {
                    sg_state_free(&s);
                    return -1;
                }
            }
            cv_after[i] = plus(cv_after[i], s.cur[f]);
        }
        sg_state_free(&s);
        sg_edits fresh = {0};
        int rc = sg_state_init(&s, d);
        if (rc == 0)
            rc = sg_greedy(&s, train, &ps->o, &fresh, NULL, NULL);
        if (rc == 0)
            *refit = plus(*refit, s.cur[f]);
        sg_edits_free(&fresh);
        sg_state_free(&s);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static ls_status choose(ls_persona_suggest *ps)
{
    sg_data *d = &ps->d;
    if (sg_data_index(d) != 0)
        return LS_E_NOMEM;
    uint64_t folds_mask = (1ull << d->folds) - 1, held = 1ull << d->folds;
    sg_state s;
    if (sg_state_init(&s, d) != 0) {
        sg_state_free(&s);
        return LS_E_NOMEM;
    }
    if (!model_agrees(&s)) {
        sg_state_free(&s);
        return LS_E_INTERNAL;
    }
    ls_persona_suggest_result *r = &ps->res;
    sg_counts base_all[SG_MAX_FOLDS + 1];
    memcpy(base_all, s.cur, sizeof base_all);
    r->base = metrics(sg_sum(s.cur, folds_mask));
    r->holdout_base = metrics(sg_sum(s.cur, held));
    r->cv_base = r->base; /* each lead held out once: the same sums */
    sg_eval *evals = NULL;
    uint64_t tried = 0;
    int rc = sg_greedy(&s, folds_mask, &ps->o, &ps->edits, &evals, &tried);
    r->candidates = tried;
    r->final = metrics(sg_sum(s.cur, folds_mask));
    r->holdout_final = metrics(sg_sum(s.cur, held));
    sg_state_free(&s);
    size_t n = ps->edits.n;
    sg_counts *cvb = calloc(n + 1, sizeof *cvb), *cva = calloc(n + 1, sizeof *cva);
    size_t *kept = calloc(n + 1, sizeof *kept);
    ps->out = calloc(n + 1, sizeof *ps->out);
    sg_counts refit = {0, 0, 0};
    if (rc == 0 && cvb && cva && kept && ps->out)
        rc = cross_validate(ps, cvb, cva, kept, &refit);
    else if (rc == 0)
        rc = -1;
    if (rc == 0) {
        sg_counts cur[SG_MAX_FOLDS + 1];
        memcpy(cur, base_all, sizeof cur);
        for (size_t i = 0; i < n; i++) {
            const sg_edit *e = &ps->edits.v[i];
            ls_persona_edit *o = &ps->out[i];
            o->kind = e->kind;
            o->source = e->source;
            o->persona = e->persona;
            o->persona_name = ls_request_persona_name(ps->req, e->persona);
            o->keyword = e->keyword;
            o->seniority = e->keyword2;
            o->prohibit = e->prohibit;
            o->before = metrics(sg_sum(cur, folds_mask));
            o->holdout_before = metrics(sg_sum(cur, held));
            for (size_t b = 0; b < d->nbuckets; b++)
                cur[b] = plus(cur[b], evals[i].delta[b]);
            o->after = metrics(sg_sum(cur, folds_mask));
            o->holdout_after = metrics(sg_sum(cur, held));
            o->leads_fixed = evals[i].leads_fixed;
            o->leads_broken = evals[i].leads_broken;
            o->titles_fixed = evals[i].titles_fixed;
            o->titles_broken = evals[i].titles_broken;
            o->cv_kept = kept[i];
            o->cv_before = metrics(cvb[i]);
            o->cv_after = metrics(cva[i]);
        }
        r->cv_final = n ? metrics(cva[n - 1]) : r->cv_base;
        r->cv_refit = metrics(refit);
    }
    free(evals);
    free(cvb);
    free(cva);
    free(kept);
    if (rc != 0)
        return rc == SG_STOPPED ? LS_E_CANCELLED : LS_E_NOMEM;
    r->folds = d->folds;
    r->holdout = ps->holdout;
    r->titles = d->nt;
    for (size_t b = 0; b < d->folds; b++)
        r->chosen_on += d->leads[b];
    r->held_out = d->leads[d->folds];
    r->nedits = n;
    r->edits = ps->out;
    return LS_OK;
}

ls_status ls_persona_suggest_finish(ls_persona_suggest *ps, const ls_persona_suggest_result **out)
{
    *out = NULL;
    if (ps->error != LS_OK)
        return ps->error;
    if (!ps->finished) {
        ls_status st = ls_score_finish(ps->score, &ps->res.score);
        if (st == LS_OK)
            st = choose(ps);
        if (st != LS_OK)
            return ps->error = st;
        ps->finished = 1;
    }
    *out = &ps->res;
    return LS_OK;
}

sg_data *ls_persona_suggest_data(ls_persona_suggest *ps, const sg_edits **edits)
{
    *edits = &ps->edits;
    return ps->finished ? &ps->d : NULL;
}
