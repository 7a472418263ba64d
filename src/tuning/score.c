/* leadsieve score: matching quality against labeled leads (see score.h). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine.h"
#include "matcher/matcher.h"
#include "tuning/score.h"
#include "tuning/tally.h"

struct ls_score {
    const ls_request *req;
    size_t np;
    ls_matcher *m;
    ls_normalizer *nz;
    ls_walk walk;
    char *label_field;
    ls_buf label_scratch;

    ls_tally labels;          /* table: key -> entry */
    int *label_code;          /* per entry: persona, LS_LABEL_NONE or other_code(index) */
    unsigned char *label_used;
    size_t labels_cap;
    ls_tally other;           /* label names that are no persona; count = leads */

    /* miss classes: key = persona (4 bytes) side (1) kind (1) detail; count = leads */
    ls_tally classes;
    ls_tally titles;          /* key = class index (4 bytes) + norm(title) */
    ls_buf key;               /* scratch for the two keys above */

    uint64_t *tp, *fp, *fn, *labeled, *assigned;
    uint64_t *confusion;
    ls_score_result res;
    int finished;
    ls_status error;

    /* result storage */
    ls_score_persona *personas;
    ls_score_class *class_store;
    const char **other_names;
};

static const char *const kind_ids[LS_MISS__COUNT] = {
    "filter", "taken", "no_function", "no_seniority", "prohibited",
    "function", "function_inside", "any_function"};
static const char *const kind_labels[LS_MISS__COUNT] = {
    "dropped by filter", "taken by higher-priority persona", "no function hit",
    "no seniority hit", "prohibited by", "function hit", "function hit inside a word",
    "no function list (any title)"};

const char *ls_miss_kind_id(ls_miss_kind kind)
{
    return (unsigned)kind < LS_MISS__COUNT ? kind_ids[kind] : "";
}

const char *ls_miss_kind_label(ls_miss_kind kind)
{
    return (unsigned)kind < LS_MISS__COUNT ? kind_labels[kind] : "";
}

double ls_score_ratio_value(ls_score_ratio r)
{
    return r.den ? (double)r.num / (double)r.den : 0.0;
}

static ls_status on_lead(void *user, const ls_lead *lead, const char *key, size_t key_len);

static void *alloc_counts(size_t n)
{
    return calloc(n ? n : 1, sizeof(uint64_t));
}

void ls_score_options_init(ls_score_options *opt)
{
    if (opt)
        memset(opt, 0, sizeof *opt);
}

ls_status ls_score_new(const ls_request *req, const ls_score_options *opt, ls_score **out)
{
    if (!out)
        return LS_E_USAGE;
    *out = NULL;
    if (!req || !ls_request_persona_count(req))
        return LS_E_USAGE;
    ls_score *s = calloc(1, sizeof *s);
    if (!s)
        return LS_E_NOMEM;
    s->req = req;
    s->np = ls_request_persona_count(req);
    ls_diag_sink sink = {opt ? opt->on_diag : NULL, opt ? opt->diag_user : NULL};
    ls_reader_limits lim = {opt ? opt->max_record_bytes : 0, opt ? opt->max_depth : 0, 0,
                            opt ? opt->input_format : LS_INPUT_AUTO};
    ls_walk_init(&s->walk, on_lead, s, &sink, &lim);
    ls_tally_init(&s->labels);
    ls_tally_init(&s->other);
    ls_tally_init(&s->classes);
    ls_tally_init(&s->titles);
    size_t side = s->np + 2;
    ls_matcher_new(req, &s->m);
    ls_normalizer_new(&s->nz);
    s->tp = alloc_counts(s->np);
    s->fp = alloc_counts(s->np);
    s->fn = alloc_counts(s->np);
    s->labeled = alloc_counts(s->np);
    s->assigned = alloc_counts(s->np);
    s->confusion = alloc_counts(side * side);
    if (opt && opt->label_field)
        s->label_field = strdup(opt->label_field);
    if (!s->m || !s->nz || !s->tp || !s->fp || !s->fn || !s->labeled || !s->assigned ||
        !s->confusion || (opt && opt->label_field && !s->label_field)) {
        ls_score_free(s);
        return LS_E_NOMEM;
    }
    ls_matcher_set_trace(s->m, 1); /* its storage is checked per lead */
    *out = s;
    return LS_OK;
}

void ls_score_free(ls_score *s)
{
    if (!s)
        return;
    ls_matcher_free(s->m);
    ls_normalizer_free(s->nz);
    ls_walk_free(&s->walk);
    free(s->label_field);
    ls_buf_free(&s->label_scratch);
    ls_tally_free(&s->labels);
    free(s->label_code);
    free(s->label_used);
    ls_tally_free(&s->other);
    ls_tally_free(&s->classes);
    ls_tally_free(&s->titles);
    ls_buf_free(&s->key);
    free(s->tp);
    free(s->fp);
    free(s->fn);
    free(s->labeled);
    free(s->assigned);
    free(s->confusion);
    free(s->class_store);
    free(s->personas);
    free(s->other_names);
    free(s);
}

/* ---- labels ---- */

/* Labels naming no persona are coded below every LS_LABEL_* value, one code
 * per distinct name, so that the name can be counted. */
enum { OTHER_BASE = -16, LABEL_NOMEM = INT_MIN };

static int other_code(long index)
{
    return OTHER_BASE - (int)index;
}

static int is_other(int code)
{
    return code <= OTHER_BASE;
}

/* The code of a label name: persona index, LS_LABEL_NONE, or an "other"
 * code; LABEL_NOMEM when memory runs out. */
static int label_code_of(ls_score *s, const char *name, size_t len)
{
    if (len == 1 && name[0] == '-')
        return LS_LABEL_NONE;
    for (size_t i = 0; i < s->np; i++) {
        const char *pn = ls_request_persona_name(s->req, i);
        if (strlen(pn) == len && memcmp(pn, name, len) == 0)
            return (int)i;
    }
    long o = ls_tally_put(&s->other, name, len, NULL);
    if (o < 0 || o > INT_MAX / 2) /* codes stay within int */
        return LABEL_NOMEM;
    return other_code(o);
}

static int add_label(ls_score *s, const char *key, size_t klen, const char *label,
                     size_t llen)
{
    int fresh;
    long i = ls_tally_put(&s->labels, key, klen, &fresh);
    if (i < 0)
        return -1;
    if (!fresh) {
        s->res.label_duplicates++;
        return 0;
    }
    if ((size_t)i >= s->labels_cap) {
        size_t cap = s->labels_cap ? s->labels_cap * 2 : 64;
        int *codes = realloc(s->label_code, cap * sizeof *codes);
        if (!codes)
            return -1;
        s->label_code = codes;
        unsigned char *used = realloc(s->label_used, cap);
        if (!used)
            return -1;
        s->label_used = used;
        s->labels_cap = cap;
    }
    int code = label_code_of(s, label, llen);
    if (code == LABEL_NOMEM)
        return -1;
    s->label_code[i] = code;
    s->label_used[i] = 0;
    s->res.label_entries++;
    return 0;
}

ls_status ls_score_load_labels(ls_score *s, const char *name, const char *text, size_t len,
                               ls_problems **errors)
{
    *errors = NULL;
    ls_problems *probs = NULL;
    uint64_t lineno = 0;
    for (size_t pos = 0; pos < len;) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl != NULL);
        lineno++;
        if (n && line[n - 1] == '\r')
            n--;
        if (lineno == 1 && n >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
            line += 3; /* a UTF-8 BOM, as lead files allow */
            n -= 3;
        }
        if (n == 0 || line[0] == '#')
            continue;
        if (lineno == 1 && n == 16 && memcmp(line, "lead_key\tpersona", 16) == 0)
            continue;
        const char *tab = memchr(line, '\t', n);
        const char *hint = NULL;
        if (!tab)
            hint = "expected lead_key<TAB>persona (no tab on this line)";
        else if (tab == line)
            hint = "the lead key is empty";
        else if (tab == line + n - 1)
            hint = "the label is empty: write - for \"should match no persona\"";
        else if (memchr(tab + 1, '\t', (size_t)(line + n - tab - 1)))
            hint = "more than one tab: expected lead_key<TAB>persona";
        if (hint) {
            if (!probs && !(probs = ls_problems_new()))
                return LS_E_NOMEM;
            ls_buf path = {0};
            int bad = ls_buf_printf(&path, "%s:%llu", name, (unsigned long long)lineno) != 0 ||
                      ls_problems_add(probs, path.data, hint) != 0;
            ls_buf_free(&path);
            if (bad) {
                ls_problems_free(probs);
                return LS_E_NOMEM;
            }
            continue;
        }
        if (add_label(s, line, (size_t)(tab - line), tab + 1, (size_t)(line + n - tab - 1)) !=
            0) {
            ls_problems_free(probs);
            return LS_E_NOMEM;
        }
    }
    if (probs) {
        *errors = probs;
        return LS_E_USAGE;
    }
    return LS_OK;
}

/* The label of one lead; LABEL_NOMEM when memory runs out. */
static int lead_label(ls_score *s, const ls_lead *lead, const char *key, size_t key_len)
{
    if (!s->label_field) {
        long i = key ? ls_tally_find(&s->labels, key, key_len) : -1;
        if (i < 0)
            return LS_LABEL_ABSENT;
        s->label_used[i] = 1;
        return s->label_code[i];
    }
    ls_jval v;
    if (!ls_lead_get(lead, s->label_field, &v))
        return LS_LABEL_ABSENT;
    if (v.type == LS_J_NULL)
        return LS_LABEL_NONE;
    if (v.type != LS_J_STRING) {
        s->res.bad_labels++;
        return LS_LABEL_ABSENT;
    }
    const char *p = v.p;
    size_t n = v.len;
    if (v.has_escape) {
        ls_buf_clear(&s->label_scratch);
        if (ls_buf_reserve(&s->label_scratch, v.len) != 0)
            return LABEL_NOMEM;
        unsigned fl = 0;
        n = ls_jstr_decode(v.p, v.len, s->label_scratch.data, &fl);
        p = s->label_scratch.data;
    }
    if (n == 0)
        return LS_LABEL_NONE;
    return label_code_of(s, p, n);
}

/* ---- misses ---- */

static int record_miss(ls_score *s, size_t persona, int side, ls_miss_kind kind,
                       const char *detail, const char *title, size_t title_len)
{
    ls_buf *k = &s->key;
    ls_buf_clear(k);
    uint32_t p32 = (uint32_t)persona;
    unsigned char sk[2] = {(unsigned char)side, (unsigned char)kind};
    if (ls_buf_append(k, &p32, sizeof p32) != 0 || ls_buf_append(k, sk, 2) != 0 ||
        (detail && ls_buf_append(k, detail, strlen(detail)) != 0))
        return -1;
    long c = ls_tally_put(&s->classes, k->data, k->len, NULL);
    if (c < 0)
        return -1;
    s->classes.count[c]++;
    ls_buf_clear(k);
    uint32_t c32 = (uint32_t)c;
    if (ls_buf_append(k, &c32, sizeof c32) != 0 || ls_buf_append(k, title, title_len) != 0)
        return -1;
    long t = ls_tally_put(&s->titles, k->data, k->len, NULL);
    if (t < 0)
        return -1;
    s->titles.count[t]++;
    return 0;
}

/* Why persona p did not get the lead (the first reason that applies). */
static ls_miss_kind fn_reason(const ls_score *s, size_t p, const ls_verdict *v,
                              const char **detail)
{
    *detail = NULL;
    if (v->outcome == LS_DROPPED_BY_FILTER) {
        *detail = v->filter;
        return LS_MISS_FILTER;
    }
    const ls_persona_trace *t = ls_matcher_trace(s->m, p);
    if (t->matched) {
        *detail = ls_request_persona_name(s->req, (size_t)v->persona);
        return LS_MISS_TAKEN;
    }
    if (t->function == -1)
        return LS_MISS_NO_FUNCTION;
    if (t->seniority == -1)
        return LS_MISS_NO_SENIORITY;
    *detail = t->prohibit_token;
    return LS_MISS_PROHIBITED;
}

/* What let persona q take the lead. */
static ls_miss_kind fp_reason(const ls_score *s, size_t q, const char **detail)
{
    const ls_persona_trace *t = ls_matcher_trace(s->m, q);
    *detail = NULL;
    if (t->function < 0)
        return LS_MISS_ANY_FUNCTION;
    *detail = ls_request_keyword(s->req, q, LS_KW_FUNCTIONS, (size_t)t->function);
    return t->function_inside ? LS_MISS_FUNCTION_INSIDE : LS_MISS_FUNCTION;
}

static ls_status on_lead(void *user, const ls_lead *lead, const char *key, size_t key_len)
{
    ls_score *s = user;
    int label = lead_label(s, lead, key, key_len);
    if (label == LABEL_NOMEM)
        return LS_E_NOMEM;
    if (label == LS_LABEL_ABSENT) {
        s->res.unlabeled++;
        return LS_OK;
    }
    ls_verdict v;
    ls_status st = ls_matcher_match_scanned(s->m, lead, &v);
    if (st != LS_OK)
        return st;
    if (v.outcome != LS_DROPPED_BY_FILTER && !ls_matcher_trace(s->m, 0))
        return LS_E_NOMEM; /* the trace could not be allocated */
    s->res.scored++;
    int assigned = v.outcome == LS_MATCHED ? v.persona : -1;
    size_t np = s->np;
    size_t row = label >= 0 ? (size_t)label : label == LS_LABEL_NONE ? np : np + 1;
    size_t col = assigned >= 0 ? (size_t)assigned
                 : v.outcome == LS_DROPPED_BY_FILTER ? np + 1 : np;
    s->confusion[row * (np + 2) + col]++;
    if (is_other(label)) {
        s->res.other_labeled++;
        s->other.count[OTHER_BASE - label]++;
        label = LS_LABEL_OTHER;
    }
    if (label >= 0)
        s->labeled[label]++;
    if (assigned >= 0)
        s->assigned[assigned]++;
    if (assigned == (label >= 0 ? label : -1)) {
        s->res.correct++;
        if (label >= 0)
            s->tp[label]++;
        return LS_OK;
    }
    /* a miss: the normalized title names it */
    const char *title;
    size_t tlen;
    if (v.outcome == LS_DROPPED_BY_FILTER) {
        const char *raw;
        size_t rlen;
        ls_matcher_lead_title(s->m, lead, &raw, &rlen);
        title = ls_normalizer_run(s->nz, raw, rlen, &tlen, NULL);
        if (!title)
            return LS_E_NOMEM;
    } else {
        title = ls_matcher_title_norm(s->m, &tlen);
    }
    const char *detail;
    if (label >= 0) {
        s->fn[label]++;
        ls_miss_kind k = fn_reason(s, (size_t)label, &v, &detail);
        if (record_miss(s, (size_t)label, 0, k, detail, title, tlen) != 0)
            return LS_E_NOMEM;
    }
    if (assigned >= 0) {
        s->fp[assigned]++;
        ls_miss_kind k = fp_reason(s, (size_t)assigned, &detail);
        if (record_miss(s, (size_t)assigned, 1, k, detail, title, tlen) != 0)
            return LS_E_NOMEM;
    }
    return LS_OK;
}

static ls_status check_open(ls_score *s)
{
    if (s->error != LS_OK)
        return s->error;
    return s->finished ? LS_E_USAGE : LS_OK;
}

ls_status ls_score_add_path(ls_score *s, const char *path)
{
    ls_status st = check_open(s);
    if (st == LS_OK && (st = ls_walk_path(&s->walk, path)) != LS_OK)
        s->error = st;
    return st;
}

ls_status ls_score_add_memory(ls_score *s, const char *name, const char *data, size_t len)
{
    ls_status st = check_open(s);
    if (st == LS_OK && (st = ls_walk_memory(&s->walk, name, data, len)) != LS_OK)
        s->error = st;
    return st;
}

/* ---- the result ---- */

static ls_score_ratio ratio(uint64_t num, uint64_t den)
{
    ls_score_ratio r = {num, den};
    return r;
}

static int class_cmp(const void *a, const void *b)
{
    const ls_score_class *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return strcmp(x->detail ? x->detail : "", y->detail ? y->detail : "");
}

/* Keeps title t in the class's top list (count desc, then bytes). */
static void top_insert(ls_score_class *c, const char *title, uint64_t count)
{
    size_t i = c->ntop;
    while (i > 0 && (c->top[i - 1].count < count ||
                     (c->top[i - 1].count == count && strcmp(c->top[i - 1].title, title) > 0)))
        i--;
    if (i >= LS_SCORE_TOP)
        return;
    size_t last = c->ntop < LS_SCORE_TOP ? c->ntop : LS_SCORE_TOP - 1;
    memmove(&c->top[i + 1], &c->top[i], (last - i) * sizeof c->top[0]);
    c->top[i].title = title;
    c->top[i].count = count;
    if (c->ntop < LS_SCORE_TOP)
        c->ntop++;
}

static ls_score_macro macro_of(const ls_score_persona *ps, size_t n, size_t which)
{
    ls_score_macro m = {0.0, 0};
    for (size_t i = 0; i < n; i++) {
        const ls_score_ratio *r = which == 0 ? &ps[i].precision
                                  : which == 1 ? &ps[i].recall : &ps[i].f1;
        if (r->den) {
            m.value += ls_score_ratio_value(*r);
            m.n++;
        }
    }
    if (m.n)
        m.value /= (double)m.n;
    return m;
}

static ls_status build_classes(ls_score *s)
{
    size_t nc = s->classes.n;
    /* one block per persona for both sides: sized by counting first */
    size_t *per = calloc(s->np * 2 + 1, sizeof *per);
    ls_score_class *all = calloc(nc ? nc : 1, sizeof *all);
    size_t *slot_of = calloc(nc ? nc : 1, sizeof *slot_of);
    if (!per || !all || !slot_of) {
        free(per);
        free(all);
        free(slot_of);
        return LS_E_NOMEM;
    }
    for (size_t c = 0; c < nc; c++) {
        const unsigned char *k = (const unsigned char *)ls_tally_key(&s->classes, c, NULL);
        uint32_t p;
        memcpy(&p, k, sizeof p);
        per[p * 2 + k[4]]++;
    }
    /* class blocks per persona: persona p's FN then FP classes, contiguous */
    size_t *start = calloc(s->np * 2 + 1, sizeof *start);
    if (!start) {
        free(per);
        free(all);
        free(slot_of);
        return LS_E_NOMEM;
    }
    for (size_t i = 1; i <= s->np * 2; i++)
        start[i] = start[i - 1] + per[i - 1];
    size_t *fill = calloc(s->np * 2 + 1, sizeof *fill);
    if (!fill) {
        free(per);
        free(all);
        free(slot_of);
        free(start);
        return LS_E_NOMEM;
    }
    for (size_t c = 0; c < nc; c++) {
        size_t len;
        const unsigned char *k = (const unsigned char *)ls_tally_key(&s->classes, c, &len);
        uint32_t p;
        memcpy(&p, k, sizeof p);
        size_t b = p * 2 + k[4];
        ls_score_class *cl = &all[start[b] + fill[b]++];
        cl->kind = (ls_miss_kind)k[5];
        cl->detail = len > 6 ? (const char *)k + 6 : NULL;
        cl->count = s->classes.count[c];
        slot_of[c] = (size_t)(cl - all);
    }
    for (size_t t = 0; t < s->titles.n; t++) {
        const char *k = ls_tally_key(&s->titles, t, NULL);
        uint32_t c;
        memcpy(&c, k, sizeof c);
        top_insert(&all[slot_of[c]], k + 4, s->titles.count[t]);
    }
    for (size_t p = 0; p < s->np; p++)
        for (int side = 0; side < 2; side++) {
            size_t b = p * 2 + (size_t)side;
            qsort(all + start[b], per[b], sizeof *all, class_cmp);
            s->personas[p].classes[side] = all + start[b];
            s->personas[p].nclasses[side] = per[b];
        }
    s->class_store = all;
    free(per);
    free(start);
    free(fill);
    free(slot_of);
    return LS_OK;
}

ls_status ls_score_finish(ls_score *s, const ls_score_result **out)
{
    *out = NULL;
    if (s->error != LS_OK)
        return s->error;
    if (s->finished) {
        *out = &s->res;
        return LS_OK;
    }
    s->personas = calloc(s->np, sizeof *s->personas);
    s->other_names = calloc(s->other.n ? s->other.n : 1, sizeof *s->other_names);
    if (!s->personas || !s->other_names)
        return s->error = LS_E_NOMEM;
    ls_score_result *r = &s->res;
    r->input = s->walk.stats;
    for (size_t i = 0; i < s->labels.n; i++)
        r->labels_unused += !s->label_used[i];
    for (size_t i = 0; i < s->other.n; i++)
        s->other_names[i] = ls_tally_key(&s->other, i, NULL);
    r->nother = s->other.n;
    r->other_names = s->other_names;
    r->other_counts = s->other.count;
    r->accuracy = ratio(r->correct, r->scored);
    r->npersonas = s->np;
    for (size_t i = 0; i < s->np; i++) {
        ls_score_persona *p = &s->personas[i];
        p->name = ls_request_persona_name(s->req, i);
        p->labeled = s->labeled[i];
        p->assigned = s->assigned[i];
        p->tp = s->tp[i];
        p->fp = s->fp[i];
        p->fn = s->fn[i];
        p->precision = ratio(p->tp, p->tp + p->fp);
        p->recall = ratio(p->tp, p->tp + p->fn);
        p->f1 = ratio(2 * p->tp, 2 * p->tp + p->fp + p->fn);
        r->micro_tp += p->tp;
        r->micro_fp += p->fp;
        r->micro_fn += p->fn;
    }
    r->personas = s->personas;
    r->micro_precision = ratio(r->micro_tp, r->micro_tp + r->micro_fp);
    r->micro_recall = ratio(r->micro_tp, r->micro_tp + r->micro_fn);
    r->micro_f1 = ratio(2 * r->micro_tp, 2 * r->micro_tp + r->micro_fp + r->micro_fn);
    r->macro_precision = macro_of(s->personas, s->np, 0);
    r->macro_recall = macro_of(s->personas, s->np, 1);
    r->macro_f1 = macro_of(s->personas, s->np, 2);
    r->confusion = s->confusion;
    ls_status st = build_classes(s);
    if (st != LS_OK)
        return s->error = st;
    s->finished = 1;
    *out = r;
    return LS_OK;
}
