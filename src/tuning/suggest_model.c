/* suggest: the persona set as per-title flags (function hit, seniority
 * passed, prohibited) and the persona assigned to each title, and what an
 * edit changes in them: only the titles in its keyword's hit list are
 * looked at (every title when it adds the first keyword of a list, which
 * then narrows the persona). */
#include <stdlib.h>
#include <string.h>
#include "request/request_int.h"
#include "tuning/suggest.h"

static void add_contrib(sg_counts *c, int32_t label, int32_t assigned, int64_t n)
{
    if (assigned == label) {
        if (label >= 0)
            c->tp += n;
        return;
    }
    if (label >= 0)
        c->fn += n;
    if (assigned >= 0)
        c->fp += n;
}

sg_counts sg_sum(const sg_counts *c, uint64_t mask)
{
    sg_counts s = {0, 0, 0};
    for (size_t b = 0; b <= SG_MAX_FOLDS; b++)
        if (mask >> b & 1) {
            s.tp += c[b].tp;
            s.fp += c[b].fp;
            s.fn += c[b].fn;
        }
    return s;
}

int sg_matched(const sg_state *s, size_t p, uint32_t t)
{
    uint8_t f = s->fl[p * s->d->nt + t];
    return (f & (SG_FN | SG_SEN)) == (SG_FN | SG_SEN) && !(f & SG_PRO);
}

static int ok(uint8_t f)
{
    return (f & (SG_FN | SG_SEN)) == (SG_FN | SG_SEN) && !(f & SG_PRO);
}

/* The persona a title gets when p no longer matches it: the first other
 * one in rank order that does. */
static int32_t next_match(const sg_state *s, uint32_t t, size_t p)
{
    const sg_data *d = s->d;
    for (size_t k = 0; k < d->np; k++) {
        size_t q = d->order[k];
        if (q != p && sg_matched(s, q, t))
            return (int32_t)q;
    }
    return -1;
}

/* ---- building the state from the compiled request ---- */

static int push_u32(uint32_t **v, size_t *n, size_t *cap, uint32_t x)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 8;
        uint32_t *nv = realloc(*v, c * sizeof *nv);
        if (!nv)
            return -1;
        *v = nv;
        *cap = c;
    }
    (*v)[(*n)++] = x;
    return 0;
}

static int push_pro(sg_persona *ps, uint32_t hit, const char *norm, size_t len)
{
    if (ps->npros == ps->pros_cap) {
        size_t c = ps->pros_cap ? ps->pros_cap * 2 : 8;
        sg_prohibit *v = realloc(ps->pros, c * sizeof *v);
        if (!v)
            return -1;
        ps->pros = v;
        ps->pros_cap = c;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, norm, len);
    copy[len] = '\0';
    ps->pros[ps->npros++] = (sg_prohibit){hit, 0, copy};
    return 0;
}

/* Every token of a normalized text into a tally. */
static int put_tokens(ls_tally *set, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        if (j > i && ls_tally_put(set, s + i, j - i, NULL) < 0)
            return -1;
        i = j + 1;
    }
    return 0;
}

/* A bit list of the request's tokens as normalized text (one space). */
static int join_bits(const ls_request *req, const uint32_t *bits, uint32_t n, ls_buf *out)
{
    for (uint32_t i = 0; i < n; i++)
        if ((i && ls_buf_putc(out, ' ') != 0) ||
            ls_buf_append(out, req->tokens.keys[bits[i]], req->tokens.lens[bits[i]]) != 0)
            return -1;
    return 0;
}

static int load_persona(sg_state *s, size_t p, ls_buf *tmp)
{
    sg_data *d = s->d;
    const ls_persona *rp = &d->req->personas[p];
    sg_persona *ps = &s->ps[p];
    ls_tally_init(&ps->kept_tokens);
    ls_tally_init(&ps->pro_tokens);
    for (size_t j = 0; j < rp->nfns; j++) {
        const char *nm = rp->fns[j].padded + 1;
        size_t n = rp->fns[j].padded_len - 2;
        long h = sg_hits_function_norm(d, nm, n);
        if (h < 0 || push_u32(&ps->fns, &ps->nfns, &ps->fns_cap, (uint32_t)h) != 0 ||
            put_tokens(&ps->kept_tokens, nm, n) != 0)
            return -1;
    }
    for (size_t j = 0; j < rp->nsens; j++) {
        ls_buf_clear(tmp);
        for (uint32_t a = 0; a < rp->sens[j].nalts; a++) {
            const ls_alt *alt = &rp->sens[j].alts[a];
            size_t from = tmp->len;
            if (join_bits(d->req, alt->bits, alt->nbits, tmp) != 0 ||
                put_tokens(&ps->kept_tokens, tmp->data + from, tmp->len - from) != 0 ||
                ls_buf_putc(tmp, '\n') != 0)
                return -1;
        }
        long h = sg_hits_alts(d, tmp->data ? tmp->data : "", tmp->len);
        if (h < 0 || push_u32(&ps->sens, &ps->nsens, &ps->sens_cap, (uint32_t)h) != 0)
            return -1;
    }
    for (size_t j = 0; j < rp->npros; j++) {
        ls_buf_clear(tmp);
        if (join_bits(d->req, rp->pros[j].bits, rp->pros[j].nbits, tmp) != 0)
            return -1;
        const char *nm = tmp->data ? tmp->data : "";
        long h = sg_hits_prohibit_norm(d, nm, tmp->len);
        if (h < 0 || push_pro(ps, (uint32_t)h, nm, tmp->len) != 0 ||
            put_tokens(&ps->pro_tokens, nm, tmp->len) != 0)
            return -1;
    }
    ps->nrequest_pros = ps->npros;
    /* the flags: an empty list passes every title */
    uint8_t *fl = s->fl + p * d->nt;
    for (size_t t = 0; t < d->nt; t++)
        fl[t] = (uint8_t)((ps->nfns ? 0 : SG_FN) | (ps->nsens ? 0 : SG_SEN));
    for (size_t j = 0; j < ps->nfns; j++) {
        size_t n;
        const uint32_t *h = sg_hit_list(d, ps->fns[j], &n);
        for (size_t i = 0; i < n; i++)
            fl[h[i]] |= SG_FN;
    }
    for (size_t j = 0; j < ps->nsens; j++) {
        size_t n;
        const uint32_t *h = sg_hit_list(d, ps->sens[j], &n);
        for (size_t i = 0; i < n; i++)
            fl[h[i]] |= SG_SEN;
    }
    for (size_t j = 0; j < ps->npros; j++) {
        size_t n;
        const uint32_t *h = sg_hit_list(d, ps->pros[j].hit, &n);
        for (size_t i = 0; i < n; i++)
            fl[h[i]] |= SG_PRO;
    }
    return 0;
}

int sg_state_init(sg_state *s, sg_data *d)
{
    memset(s, 0, sizeof *s);
    s->d = d;
    s->fl = calloc(d->np * d->nt + 1, 1);
    s->asg = calloc(d->nt + 1, sizeof *s->asg);
    s->ps = calloc(d->np, sizeof *s->ps);
    if (!s->fl || !s->asg || !s->ps)
        return -1;
    ls_buf tmp = {0};
    int bad = 0;
    for (size_t p = 0; !bad && p < d->np; p++)
        bad = load_persona(s, p, &tmp) != 0;
    ls_buf_free(&tmp);
    if (bad)
        return -1;
    memcpy(s->cur, d->filtered, sizeof s->cur);
    for (uint32_t t = 0; t < d->nt; t++) {
        s->asg[t] = next_match(s, t, SIZE_MAX);
        for (size_t r = d->row_off[t]; r < d->row_off[t + 1]; r++)
            add_contrib(&s->cur[d->rows[r].bucket], d->rows[r].label, s->asg[t],
                        (int64_t)d->rows[r].count);
    }
    return 0;
}

void sg_state_free(sg_state *s)
{
    for (size_t p = 0; s->ps && p < s->d->np; p++) {
        sg_persona *ps = &s->ps[p];
        free(ps->fns);
        free(ps->sens);
        for (size_t j = 0; j < ps->npros; j++)
            free(ps->pros[j].norm);
        free(ps->pros);
        ls_tally_free(&ps->kept_tokens);
        ls_tally_free(&ps->pro_tokens);
    }
    free(s->ps);
    free(s->fl);
    free(s->asg);
    memset(s, 0, sizeof *s);
}

int sg_has_function(const sg_state *s, size_t p, uint32_t hit)
{
    for (size_t j = 0; j < s->ps[p].nfns; j++)
        if (s->ps[p].fns[j] == hit)
            return 1;
    return 0;
}

int sg_has_seniority(const sg_state *s, size_t p, uint32_t hit)
{
    for (size_t j = 0; j < s->ps[p].nsens; j++)
        if (s->ps[p].sens[j] == hit)
            return 1;
    return 0;
}

/* ---- what an edit changes ---- */

typedef void (*visit_fn)(sg_state *s, const sg_edit *e, uint32_t t, uint8_t nf, void *user);

/* The first keyword of an empty list: the list passed every title, now
 * only those of the hit list. */
static void visit_narrowing(sg_state *s, const sg_edit *e, uint8_t bit, visit_fn fn, void *u)
{
    sg_data *d = s->d;
    const uint8_t *fl = s->fl + e->persona * d->nt;
    if (++d->stamp_now == 0) {
        memset(d->stamp, 0, (d->nt + 1) * sizeof *d->stamp);
        d->stamp_now = 1;
    }
    uint32_t mark = d->stamp_now;
    size_t n;
    const uint32_t *h = sg_hit_list(d, e->hit, &n);
    for (size_t i = 0; i < n; i++)
        d->stamp[h[i]] = mark;
    for (uint32_t t = 0; t < d->nt; t++) {
        uint8_t nf = d->stamp[t] == mark ? (uint8_t)(fl[t] | bit) : (uint8_t)(fl[t] & ~bit);
        if (nf != fl[t])
            fn(s, e, t, nf, u);
    }
}

/* A function and a seniority entry at once. */
static uint8_t pair_flags(const sg_persona *ps, uint8_t f, int in_fn, int in_sen)
{
    uint8_t nf = f;
    if (!ps->nfns)
        nf = (uint8_t)((nf & ~SG_FN) | (in_fn ? SG_FN : 0));
    else if (in_fn)
        nf |= SG_FN;
    if (!ps->nsens)
        nf = (uint8_t)((nf & ~SG_SEN) | (in_sen ? SG_SEN : 0));
    else if (in_sen)
        nf |= SG_SEN;
    return nf;
}

static void visit_pair(sg_state *s, const sg_edit *e, visit_fn fn, void *u)
{
    const sg_data *d = s->d;
    const sg_persona *ps = &s->ps[e->persona];
    const uint8_t *fl = s->fl + e->persona * d->nt;
    if (!ps->nfns || !ps->nsens) {
        for (uint32_t t = 0; t < d->nt; t++) {
            uint8_t nf = pair_flags(ps, fl[t], sg_hit_has(d, e->hit, t), sg_hit_has(d, e->hit2, t));
            if (nf != fl[t])
                fn(s, e, t, nf, u);
        }
        return;
    }
    size_t nh, ns;
    const uint32_t *h = sg_hit_list(d, e->hit, &nh), *hs = sg_hit_list(d, e->hit2, &ns);
    for (size_t i = 0; i < nh; i++) {
        uint8_t nf = pair_flags(ps, fl[h[i]], 1, sg_hit_has(d, e->hit2, h[i]));
        if (nf != fl[h[i]])
            fn(s, e, h[i], nf, u);
    }
    for (size_t i = 0; i < ns; i++)
        if (!sg_hit_has(d, e->hit, hs[i]) && !(fl[hs[i]] & SG_SEN))
            fn(s, e, hs[i], (uint8_t)(fl[hs[i]] | SG_SEN), u);
}

static void visit(sg_state *s, const sg_edit *e, visit_fn fn, void *u)
{
    if (e->kind == LS_EDIT_ADD_FUNCTION_AND_SENIORITY) {
        visit_pair(s, e, fn, u);
        return;
    }
    sg_data *d = s->d;
    const sg_persona *ps = &s->ps[e->persona];
    const uint8_t *fl = s->fl + e->persona * d->nt;
    uint8_t bit = e->kind == LS_EDIT_ADD_FUNCTION ? SG_FN
                  : e->kind == LS_EDIT_ADD_SENIORITY ? SG_SEN : SG_PRO;
    if ((e->kind == LS_EDIT_ADD_FUNCTION && !ps->nfns) ||
        (e->kind == LS_EDIT_ADD_SENIORITY && !ps->nsens)) {
        visit_narrowing(s, e, bit, fn, u);
        return;
    }
    size_t n;
    if (e->kind != LS_EDIT_DROP_PROHIBIT) {
        const uint32_t *h = sg_hit_list(d, e->hit, &n);
        for (size_t i = 0; i < n; i++)
            if (!(fl[h[i]] & bit))
                fn(s, e, h[i], (uint8_t)(fl[h[i]] | bit), u);
        return;
    }
    const uint32_t *h = sg_hit_list(d, ps->pros[e->prohibit].hit, &n);
    for (size_t i = 0; i < n; i++) {
        uint32_t t = h[i];
        int other = 0;
        for (size_t k = 0; !other && k < ps->npros; k++)
            other = k != e->prohibit && !ps->pros[k].dropped && sg_hit_has(d, ps->pros[k].hit, t);
        if (!other)
            fn(s, e, t, (uint8_t)(fl[t] & ~SG_PRO), u);
    }
}

/* The persona title t gets once p's flags there are nf. */
static int32_t new_assignment(const sg_state *s, size_t p, uint32_t t, uint8_t nf)
{
    uint8_t f = s->fl[p * s->d->nt + t];
    int32_t a = s->asg[t];
    if (ok(f) == ok(nf))
        return a;
    if (ok(nf))
        return a < 0 || s->d->rankpos[p] < s->d->rankpos[a] ? (int32_t)p : a;
    return a == (int32_t)p ? next_match(s, t, p) : a;
}

typedef struct eval_ctx {
    sg_eval *out;
    uint64_t train;
} eval_ctx;

static void eval_title(sg_state *s, const sg_edit *e, uint32_t t, uint8_t nf, void *user)
{
    eval_ctx *c = user;
    int32_t a = s->asg[t], a2 = new_assignment(s, e->persona, t, nf);
    if (a2 == a)
        return;
    const sg_data *d = s->d;
    int64_t gain = 0;
    for (size_t r = d->row_off[t]; r < d->row_off[t + 1]; r++) {
        const sg_row *row = &d->rows[r];
        add_contrib(&c->out->delta[row->bucket], row->label, a2, (int64_t)row->count);
        add_contrib(&c->out->delta[row->bucket], row->label, a, -(int64_t)row->count);
        if (!(c->train >> row->bucket & 1))
            continue;
        int before = row->label == a, after = row->label == a2;
        if (after && !before) {
            c->out->leads_fixed += row->count;
            gain += (int64_t)row->count;
        } else if (before && !after) {
            c->out->leads_broken += row->count;
            gain -= (int64_t)row->count;
        }
    }
    c->out->titles_fixed += gain > 0;
    c->out->titles_broken += gain < 0;
}

void sg_evaluate(sg_state *s, const sg_edit *e, uint64_t train, sg_eval *out)
{
    memset(out, 0, sizeof *out);
    eval_ctx c = {out, train};
    visit(s, e, eval_title, &c);
}

static void apply_title(sg_state *s, const sg_edit *e, uint32_t t, uint8_t nf, void *user)
{
    (void)user;
    const sg_data *d = s->d;
    int32_t a = s->asg[t], a2 = new_assignment(s, e->persona, t, nf);
    s->fl[e->persona * d->nt + t] = nf;
    if (a2 == a)
        return;
    s->asg[t] = a2;
    for (size_t r = d->row_off[t]; r < d->row_off[t + 1]; r++) {
        const sg_row *row = &d->rows[r];
        add_contrib(&s->cur[row->bucket], row->label, a2, (int64_t)row->count);
        add_contrib(&s->cur[row->bucket], row->label, a, -(int64_t)row->count);
    }
}

/* The persona's lists and token sets take a function or seniority entry. */
static int add_function(sg_state *s, sg_persona *ps, uint32_t hit, const char *kw)
{
    size_t n;
    const char *nm = sg_norm(s->d, kw, strlen(kw), &n);
    return !nm || push_u32(&ps->fns, &ps->nfns, &ps->fns_cap, hit) != 0 ||
                   put_tokens(&ps->kept_tokens, nm, n) != 0
               ? -1
               : 0;
}

static int add_seniority(sg_state *s, sg_persona *ps, uint32_t hit, const char *kw)
{
    /* an expansion's alternatives (Manager+: director, head, ...) too */
    const char *const *alts = ls_seniority_expansion(kw, strlen(kw));
    for (size_t a = 0; alts && alts[a]; a++)
        if (put_tokens(&ps->kept_tokens, alts[a], strlen(alts[a])) != 0)
            return -1;
    size_t n;
    const char *nm = sg_norm(s->d, kw, strlen(kw), &n);
    return !nm || push_u32(&ps->sens, &ps->nsens, &ps->sens_cap, hit) != 0 ||
                   put_tokens(&ps->kept_tokens, nm, n) != 0
               ? -1
               : 0;
}

int sg_apply(sg_state *s, const sg_edit *e)
{
    sg_persona *ps = &s->ps[e->persona];
    visit(s, e, apply_title, NULL);
    size_t n;
    const char *nm;
    switch (e->kind) {
    case LS_EDIT_ADD_FUNCTION:
        return add_function(s, ps, e->hit, e->keyword);
    case LS_EDIT_ADD_SENIORITY:
        return add_seniority(s, ps, e->hit, e->keyword);
    case LS_EDIT_ADD_FUNCTION_AND_SENIORITY:
        return add_function(s, ps, e->hit, e->keyword) != 0 ||
                       add_seniority(s, ps, e->hit2, e->keyword2) != 0
                   ? -1
                   : 0;
    case LS_EDIT_ADD_PROHIBIT:
        nm = sg_norm(s->d, e->keyword, strlen(e->keyword), &n);
        if (!nm)
            return -1;
        return push_pro(ps, e->hit, nm, n) != 0 || put_tokens(&ps->pro_tokens, nm, n) != 0 ? -1
                                                                                           : 0;
    default:
        break;
    }
    /* a dropped prohibit: the tokens still prohibited are those of the others */
    ps->pros[e->prohibit].dropped = 1;
    ls_tally_free(&ps->pro_tokens);
    ls_tally_init(&ps->pro_tokens);
    for (size_t j = 0; j < ps->npros; j++)
        if (!ps->pros[j].dropped &&
            put_tokens(&ps->pro_tokens, ps->pros[j].norm, strlen(ps->pros[j].norm)) != 0)
            return -1;
    return 0;
}
