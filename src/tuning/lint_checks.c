/* lint warnings (see lint_checks.h for every rule).  The static checks
 * read the compiled request; the leads checks reuse explain's walk, so
 * leads are read, deduplicated and filtered exactly as a run does. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "request/request.h"
#include "request/request_int.h"
#include "tuning/explain.h"
#include "tuning/lint_checks.h"
#include "tuning/lint_levels.h"
#include "tuning/tally.h"
#include "writers/jsonout.h"

#include "tuning/lint_tables.inc"

#define NELEMS(a) (sizeof(a) / sizeof *(a))

typedef struct fn_hits {
    ls_tally titles; /* raw title -> leads where the function hit only inside a word */
    uint64_t total;
} fn_hits;

struct ls_lint {
    const ls_request *req;
    ls_lint_options opt;
    ls_normalizer *nz;
    ls_explain *ex;     /* created by the first input */
    uint64_t matched;   /* leads persona-matched */
    uint64_t *won;      /* per persona: leads assigned to it */
    uint64_t *hit;      /* per persona: leads its rule matches */
    uint64_t *taken;    /* [p * n + q]: leads p matched that q took */
    size_t *fn_base;    /* persona i's first function in hits */
    fn_hits *hits;
    ls_buf pad;         /* " norm(title) " */
    ls_buf msg, path, tmp;
    ls_lint_warning *w;
    size_t nw, capw;
    int finished;
    ls_level_tally levels; /* seniority values against title inference */
};

/* ---- warnings ---- */

static char *dup_buf(const ls_buf *b)
{
    char *s = malloc(b->len + 1);
    if (s) {
        memcpy(s, b->data ? b->data : "", b->len);
        s[b->len] = '\0';
    }
    return s;
}

/* Adds (code, l->path, l->msg).  0 or -1. */
static int add_warning(ls_lint *l, ls_lint_rule_id rule)
{
    const ls_lint_rule *r = ls_lint_rule_at(rule);
    if (!l->msg.data || !l->path.data)
        return -1; /* a printf into them failed */
    if (l->nw == l->capw) {
        size_t cap = l->capw ? 2 * l->capw : 16;
        ls_lint_warning *w = realloc(l->w, cap * sizeof *w);
        if (!w)
            return -1;
        l->w = w;
        l->capw = cap;
    }
    char *path = dup_buf(&l->path), *msg = dup_buf(&l->msg);
    if (!path || !msg) {
        free(path);
        free(msg);
        return -1;
    }
    l->w[l->nw++] = (ls_lint_warning){r, r->code, path, msg};
    return 0;
}

static void clear(ls_lint *l)
{
    ls_buf_clear(&l->path);
    ls_buf_clear(&l->msg);
}

/* Starts a warning at the path printf'd. */
#define at(l, ...) (clear(l), ls_buf_printf(&(l)->path, __VA_ARGS__))

#define say(l, ...) ls_buf_printf(&(l)->msg, __VA_ARGS__)

/* Appends s quoted, as valid UTF-8 with control characters escaped. */
static void quote(ls_lint *l, const char *s, size_t n)
{
    ls_buf_clear(&l->tmp);
    if (ls_json_clean_utf8(&l->tmp, s, n) == 0)
        ls_json_put_string(&l->msg, l->tmp.data, l->tmp.len);
}

static void q(ls_lint *l, const char *s)
{
    quote(l, s, strlen(s));
}

/* ---- request helpers ---- */

static const ls_persona *persona(const ls_lint *l, size_t i)
{
    return &l->req->personas[i];
}

/* norm(f) without the padding. */
static const char *fn_norm(const ls_function *f, size_t *len)
{
    *len = f->padded_len - 2;
    return f->padded + 1;
}

/* Whether the padded phrase " a b " holds token t as a whole token. */
static int has_token(const char *padded, size_t plen, const char *t)
{
    size_t n = strlen(t);
    for (const char *p = padded; (p = memmem(p, plen - (size_t)(p - padded), t, n)); p++)
        if (p > padded && p[-1] == ' ' && p + n < padded + plen && p[n] == ' ')
            return 1;
    return 0;
}

/* The first prohibit token of the persona that alternative a needs:
 * returns the prohibit index (and *tok) or -1. */
static int alt_blocked(const ls_persona *p, const ls_alt *a, const char **tok)
{
    for (size_t k = 0; k < p->npros; k++)
        for (uint32_t b = 0; b < p->pros[k].nbits; b++)
            for (uint32_t x = 0; x < a->nbits; x++)
                if (a->bits[x] == p->pros[k].bits[b]) {
                    *tok = p->pros[k].toks[b];
                    return (int)k;
                }
    return -1;
}

/* Whether the function keyword's padded norm holds a prohibited token. */
static int fn_blocked(const ls_persona *p, const ls_function *f, const char **tok)
{
    for (size_t k = 0; k < p->npros; k++)
        for (uint32_t b = 0; b < p->pros[k].nbits; b++)
            if (has_token(f->padded, f->padded_len, p->pros[k].toks[b])) {
                *tok = p->pros[k].toks[b];
                return (int)k;
            }
    return -1;
}

static const char *norm_of(ls_lint *l, const char *s, size_t *n)
{
    return ls_normalizer_run(l->nz, s, strlen(s), n, NULL);
}

/* ---- checks on the request alone ---- */

static int check_request_warnings(ls_lint *l)
{
    const ls_problems *w = ls_request_warnings(l->req);
    for (size_t i = 0; i < ls_problems_count(w); i++) {
        ls_problem p = ls_problems_get(w, i);
        ls_lint_rule_id code = LS_LINT_UNKNOWN_FIELD;
        if (strncmp(p.path, "personas[", 9) == 0)
            code = LS_LINT_KEYWORD_INVALID_UTF8;
        for (size_t k = 0; k < ls_request_not_evaluated_count(l->req); k++)
            if (strcmp(p.path, ls_request_not_evaluated(l->req, k)) == 0)
                code = LS_LINT_NOT_EVALUATED;
        int rule = ls_request_warning_rule(l->req, i);
        if (rule >= 0 && rule < LS_LINT__RULES)
            code = (ls_lint_rule_id)rule;
        clear(l);
        ls_json_clean_utf8(&l->path, p.path, strlen(p.path));
        say(l, "%s", p.hint);
        if (add_warning(l, code) != 0)
            return -1;
    }
    return 0;
}

/* A seniority entry's identity: the norms of its alternatives. */
static int seniority_key(ls_lint *l, const ls_seniority *s, ls_buf *out)
{
    ls_buf_clear(out);
    for (uint32_t a = 0; a < s->nalts; a++) {
        size_t n;
        const char *nm = norm_of(l, s->alts[a].text, &n);
        if (!nm || ls_buf_append(out, nm, n) != 0 || ls_buf_putc(out, '|') != 0)
            return -1;
    }
    return 0;
}

static int dup_warning(ls_lint *l, size_t i, int kind, size_t j, size_t first,
                       const char *raw, const char *norm, size_t nlen, const char *first_raw)
{
    static const char *const what[4] = {"", "function", "seniority", "prohibit"};
    at(l, "personas[%zu][%d][%zu]", i, kind, j);
    say(l, "%s ", what[kind]);
    q(l, raw);
    if (norm) {
        say(l, " is ");
        quote(l, norm, nlen);
        say(l, " after normalization, the same as");
    } else
        say(l, " has the same alternatives as");
    say(l, " personas[%zu][%d][%zu] ", i, kind, first);
    q(l, first_raw);
    say(l, ": remove one");
    return add_warning(l, LS_LINT_KEYWORD_DUPLICATE);
}

static int check_duplicates(ls_lint *l)
{
    ls_buf a = {0}, b = {0};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < l->req->npersonas; i++) {
        const ls_persona *p = persona(l, i);
        for (size_t j = 1; rc == 0 && j < p->nfns; j++)
            for (size_t k = 0; k < j; k++) {
                size_t n;
                const char *nj = fn_norm(&p->fns[j], &n);
                if (p->fns[k].padded_len == p->fns[j].padded_len &&
                    memcmp(p->fns[k].padded, p->fns[j].padded, p->fns[j].padded_len) == 0) {
                    rc = dup_warning(l, i, 1, j, k, p->fns[j].raw, nj, n, p->fns[k].raw);
                    break;
                }
            }
        for (size_t j = 1; rc == 0 && j < p->nsens; j++) {
            if (seniority_key(l, &p->sens[j], &a) != 0) {
                rc = -1;
                break;
            }
            for (size_t k = 0; k < j; k++) {
                if (seniority_key(l, &p->sens[k], &b) != 0) {
                    rc = -1;
                    break;
                }
                if (a.len == b.len && memcmp(a.data, b.data, a.len) == 0) {
                    /* one alternative: it is the entry's norm, say so */
                    size_t n = p->sens[j].nalts == 1 ? a.len - 1 : 0;
                    rc = dup_warning(l, i, 2, j, k, p->sens[j].raw,
                                     p->sens[j].nalts == 1 ? a.data : NULL, n,
                                     p->sens[k].raw);
                    break;
                }
            }
        }
        for (size_t j = 1; rc == 0 && j < p->npros; j++) {
            size_t n;
            const char *nm = norm_of(l, p->pros[j].raw, &n);
            if (!nm || (ls_buf_clear(&a), ls_buf_append(&a, nm, n)) != 0) {
                rc = -1;
                break;
            }
            for (size_t k = 0; k < j; k++) {
                size_t m;
                const char *nk = norm_of(l, p->pros[k].raw, &m);
                if (!nk) {
                    rc = -1;
                    break;
                }
                if (m == a.len && memcmp(nk, a.data, m) == 0) {
                    rc = dup_warning(l, i, 3, j, k, p->pros[j].raw, a.data, a.len,
                                     p->pros[k].raw);
                    break;
                }
            }
        }
    }
    ls_buf_free(&a);
    ls_buf_free(&b);
    return rc;
}

static int check_short_and_traps(ls_lint *l)
{
    if (l->req->mode != LS_MATCH_DOCUMENTED)
        return 0;
    for (size_t i = 0; i < l->req->npersonas; i++) {
        const ls_persona *p = persona(l, i);
        for (size_t j = 0; j < p->nfns; j++) {
            size_t n;
            const char *nm = fn_norm(&p->fns[j], &n);
            at(l, "personas[%zu][1][%zu]", i, j);
            say(l, "function ");
            q(l, p->fns[j].raw);
            if (n <= 3) {
                say(l, " is ");
                quote(l, nm, n);
                say(l, " after normalization: that short, it matches inside many longer "
                       "words of titles (check with --leads, or use --match words)");
                if (add_warning(l, LS_LINT_FUNCTION_SHORT) != 0)
                    return -1;
                continue;
            }
            int found = 0;
            for (size_t t = 0; t < NELEMS(lint_substring_traps); t++) {
                const char *w = lint_substring_traps[t];
                if (strlen(w) == n || !memmem(w, strlen(w), nm, n))
                    continue;
                say(l, found ? ", " : " also matches inside words such as ");
                q(l, w);
                if (++found == 3)
                    break;
            }
            if (found) {
                say(l, " (the documented matching is a substring test; check with --leads, "
                       "or use --match words)");
                if (add_warning(l, LS_LINT_FUNCTION_SUBSTRING_TRAP) != 0)
                    return -1;
            }
        }
    }
    return 0;
}

/* Whether some function of p covers text (see lint_checks.h). */
static int covered(ls_lint *l, const ls_persona *p, const char *text)
{
    size_t n;
    const char *nm = norm_of(l, text, &n);
    if (!nm)
        return 0;
    ls_buf_clear(&l->tmp);
    ls_buf_putc(&l->tmp, ' ');
    ls_buf_append(&l->tmp, nm, n);
    ls_buf_putc(&l->tmp, ' ');
    if (!l->tmp.data)
        return 0;
    int words = l->req->mode == LS_MATCH_WORDS;
    for (size_t j = 0; j < p->nfns; j++) {
        const ls_function *f = &p->fns[j];
        const char *needle = words ? f->padded : f->padded + 1;
        size_t nl = words ? f->padded_len : f->padded_len - 2;
        if (memmem(l->tmp.data, l->tmp.len, needle, nl))
            return 1;
    }
    return 0;
}

static int same_norm(ls_lint *l, const ls_function *f, const char *key)
{
    size_t n, m;
    const char *fn = fn_norm(f, &m);
    const char *nk = norm_of(l, key, &n);
    return nk && n == m && memcmp(nk, fn, n) == 0;
}

static int check_equivalents(ls_lint *l)
{
    for (size_t i = 0; i < l->req->npersonas; i++) {
        const ls_persona *p = persona(l, i);
        for (size_t j = 0; j < p->nfns; j++) {
            size_t e = 0;
            while (e < NELEMS(lint_equivalents) &&
                   !same_norm(l, &p->fns[j], lint_equivalents[e].keyword))
                e++;
            if (e == NELEMS(lint_equivalents))
                continue;
            const char *key = lint_equivalents[e].keyword;
            int any = 0;
            for (size_t k = e; k < NELEMS(lint_equivalents) && !any; k++)
                any = strcmp(lint_equivalents[k].keyword, key) == 0 &&
                      covered(l, p, lint_equivalents[k].equivalent);
            if (any)
                continue;
            at(l, "personas[%zu][1][%zu]", i, j);
            say(l, "function ");
            q(l, p->fns[j].raw);
            say(l, " misses titles that say it in other words or languages; the API "
                   "documentation advises listing the equivalents too, e.g. ");
            int first = 1;
            for (size_t k = e; k < NELEMS(lint_equivalents); k++) {
                if (strcmp(lint_equivalents[k].keyword, key) != 0)
                    continue;
                say(l, first ? "" : ", ");
                q(l, lint_equivalents[k].equivalent);
                first = 0;
            }
            if (add_warning(l, LS_LINT_FUNCTION_NEEDS_EQUIVALENTS) != 0)
                return -1;
        }
    }
    return 0;
}

/* §2: a prohibit drops a title holding ANY token of its normal form, so a
 * phrase ("account executive") or an acronym that expands ("IT") drops far
 * more than it reads. */
static int check_prohibit_tokens(ls_lint *l)
{
    for (size_t i = 0; i < l->req->npersonas; i++) {
        const ls_persona *p = persona(l, i);
        for (size_t j = 0; j < p->npros; j++) {
            size_t n;
            const char *nm = norm_of(l, p->pros[j].raw, &n);
            if (!nm)
                return -1;
            if (!memchr(nm, ' ', n))
                continue;
            at(l, "personas[%zu][3][%zu]", i, j);
            say(l, "prohibit ");
            q(l, p->pros[j].raw);
            say(l, " drops every title with ANY of the words ");
            quote(l, nm, n);
            say(l, ", each on its own");
            if (add_warning(l, LS_LINT_PROHIBIT_MULTI_TOKEN) != 0)
                return -1;
        }
    }
    return 0;
}

static int check_prohibit_overlaps(ls_lint *l)
{
    int words = l->req->mode == LS_MATCH_WORDS;
    for (size_t i = 0; i < l->req->npersonas; i++) {
        const ls_persona *p = persona(l, i);
        for (size_t k = 0; k < p->npros; k++)
            for (size_t j = 0; j < p->nfns; j++) {
                const ls_prohibit *pr = &p->pros[k];
                uint32_t b = 0;
                while (b < pr->nbits &&
                       !has_token(p->fns[j].padded, p->fns[j].padded_len, pr->toks[b]))
                    b++;
                if (b == pr->nbits)
                    continue;
                at(l, "personas[%zu][3][%zu]", i, k);
                say(l, "prohibit ");
                q(l, pr->raw);
                say(l, " drops every title with the word ");
                q(l, pr->toks[b]);
                say(l, ", which function ");
                q(l, p->fns[j].raw);
                say(l, " (personas[%zu][1][%zu]) holds: ", i, j);
                say(l, words ? "that function can never match"
                             : "that function matches only where it is inside longer words");
                if (add_warning(l, LS_LINT_PROHIBIT_OVERLAPS_FUNCTION) != 0)
                    return -1;
            }
        for (size_t j = 0; j < p->nsens; j++) {
            const ls_seniority *s = &p->sens[j];
            uint32_t blocked = 0;
            for (uint32_t a = 0; a < s->nalts; a++) {
                const char *tok;
                blocked += alt_blocked(p, &s->alts[a], &tok) >= 0;
            }
            if (blocked == 0)
                continue;
            if (blocked == s->nalts) {
                at(l, "personas[%zu][2][%zu]", i, j);
                say(l, "seniority ");
                q(l, s->raw);
                say(l, " can never pass: ");
                for (uint32_t a = 0; a < s->nalts; a++) {
                    const char *tok = NULL;
                    int k = alt_blocked(p, &s->alts[a], &tok);
                    if (a)
                        say(l, ", ");
                    q(l, s->alts[a].text);
                    say(l, " needs the word ");
                    q(l, tok);
                    say(l, ", dropped by prohibit ");
                    q(l, p->pros[k].raw);
                    say(l, " (personas[%zu][3][%d])", i, k);
                }
                if (add_warning(l, LS_LINT_SENIORITY_UNSATISFIABLE) != 0)
                    return -1;
                continue;
            }
            for (uint32_t a = 0; a < s->nalts; a++) {
                const char *tok = NULL;
                int k = alt_blocked(p, &s->alts[a], &tok);
                if (k < 0)
                    continue;
                at(l, "personas[%zu][3][%d]", i, k);
                say(l, "prohibit ");
                q(l, p->pros[k].raw);
                say(l, " drops every title with the word ");
                q(l, tok);
                say(l, ", which the alternative ");
                q(l, s->alts[a].text);
                say(l, " of seniority ");
                q(l, s->raw);
                say(l, " (personas[%zu][2][%zu]) needs: that alternative can never pass", i, j);
                if (add_warning(l, LS_LINT_PROHIBIT_OVERLAPS_SENIORITY) != 0)
                    return -1;
            }
        }
    }
    return 0;
}

static int check_never_matches(ls_lint *l)
{
    int words = l->req->mode == LS_MATCH_WORDS;
    for (size_t i = 0; i < l->req->npersonas; i++) {
        const ls_persona *p = persona(l, i);
        size_t dead_sens = 0, dead_fns = 0;
        const char *tok;
        for (size_t j = 0; j < p->nsens; j++) {
            uint32_t a = 0;
            while (a < p->sens[j].nalts && alt_blocked(p, &p->sens[j].alts[a], &tok) >= 0)
                a++;
            dead_sens += a == p->sens[j].nalts;
        }
        for (size_t j = 0; words && j < p->nfns; j++)
            dead_fns += fn_blocked(p, &p->fns[j], &tok) >= 0;
        int sens = p->nsens && dead_sens == p->nsens;
        int fns = words && p->nfns && dead_fns == p->nfns;
        if (!sens && !fns)
            continue;
        at(l, "personas[%zu]", i);
        say(l, "persona ");
        q(l, p->name);
        say(l, " can never match: every one of its %s needs a word its own prohibits drop",
            sens ? "seniority entries" : "functions");
        if (add_warning(l, LS_LINT_PERSONA_NEVER_MATCHES) != 0)
            return -1;
    }
    return 0;
}

static int bits_subset(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb)
{
    for (uint32_t i = 0; i < na; i++) {
        uint32_t j = 0;
        while (j < nb && b[j] != a[i])
            j++;
        if (j == nb)
            return 0;
    }
    return 1;
}

/* Whether every title p matches is matched by q (a sufficient rule). */
static int covers(const ls_request *req, const ls_persona *q, const ls_persona *p)
{
    int words = req->mode == LS_MATCH_WORDS;
    if (q->nfns) {
        if (!p->nfns)
            return 0;
        for (size_t j = 0; j < p->nfns; j++) {
            size_t k = 0;
            for (; k < q->nfns; k++) {
                const ls_function *fp = &p->fns[j], *fq = &q->fns[k];
                if (words ? memmem(fp->padded, fp->padded_len, fq->padded, fq->padded_len) != NULL
                          : memmem(fp->padded + 1, fp->padded_len - 2, fq->padded + 1,
                                   fq->padded_len - 2) != NULL)
                    break;
            }
            if (k == q->nfns)
                return 0;
        }
    }
    if (q->nsens) {
        if (!p->nsens)
            return 0;
        for (size_t j = 0; j < p->nsens; j++)
            for (uint32_t a = 0; a < p->sens[j].nalts; a++) {
                const ls_alt *ap = &p->sens[j].alts[a];
                int ok = 0;
                for (size_t k = 0; k < q->nsens && !ok; k++)
                    for (uint32_t b = 0; b < q->sens[k].nalts && !ok; b++)
                        ok = bits_subset(q->sens[k].alts[b].bits, q->sens[k].alts[b].nbits,
                                         ap->bits, ap->nbits);
                if (!ok)
                    return 0;
            }
    }
    for (size_t k = 0; k < q->npros; k++) {
        int ok = 1;
        for (uint32_t b = 0; b < q->pros[k].nbits && ok; b++) {
            ok = 0;
            for (size_t j = 0; j < p->npros && !ok; j++)
                ok = bits_subset(&q->pros[k].bits[b], 1, p->pros[j].bits, p->pros[j].nbits);
        }
        if (!ok)
            return 0;
    }
    return 1;
}

static int check_shadowed(ls_lint *l)
{
    const ls_request *req = l->req;
    for (size_t k = 1; k < req->npersonas; k++) {
        size_t pi = req->order[k];
        for (size_t m = 0; m < k; m++) {
            size_t qi = req->order[m];
            if (!covers(req, persona(l, qi), persona(l, pi)))
                continue;
            at(l, "personas[%zu]", pi);
            say(l, "persona ");
            q(l, persona(l, pi)->name);
            say(l, " can never be assigned: persona ");
            q(l, persona(l, qi)->name);
            say(l, " (personas[%zu]) matches every title it matches and comes first (%s)",
                qi, persona(l, qi)->rank < persona(l, pi)->rank ? "lower priority value"
                                                              : "same priority, declared earlier");
            if (add_warning(l, LS_LINT_PERSONA_SHADOWED) != 0)
                return -1;
            break;
        }
    }
    return 0;
}

/* ---- checks on leads ---- */

static int by_count(const ls_tally *t, size_t a, size_t b)
{
    if (t->count[a] != t->count[b])
        return t->count[a] > t->count[b];
    return a < b; /* first seen first */
}

static int check_inside_word(ls_lint *l)
{
    for (size_t i = 0; i < l->req->npersonas; i++) {
        const ls_persona *p = persona(l, i);
        for (size_t j = 0; j < p->nfns; j++) {
            fn_hits *h = &l->hits[l->fn_base[i] + j];
            if (!h->total)
                continue;
            size_t top[LS_LINT_TITLES], ntop = 0;
            for (size_t t = 0; t < h->titles.n; t++) {
                size_t pos = ntop < LS_LINT_TITLES ? ntop++ : LS_LINT_TITLES;
                while (pos > 0 && by_count(&h->titles, t, top[pos - 1])) {
                    if (pos < LS_LINT_TITLES)
                        top[pos] = top[pos - 1];
                    pos--;
                }
                if (pos < LS_LINT_TITLES)
                    top[pos] = t;
            }
            at(l, "personas[%zu][1][%zu]", i, j);
            say(l, "function ");
            q(l, p->fns[j].raw);
            say(l, " hit %llu lead%s only inside a word: ", (unsigned long long)h->total,
                h->total == 1 ? "" : "s");
            for (size_t t = 0; t < ntop; t++) {
                size_t len;
                const char *title = ls_tally_key(&h->titles, top[t], &len);
                say(l, t ? ", " : "");
                quote(l, title, len);
                say(l, " (%llu)", (unsigned long long)h->titles.count[top[t]]);
            }
            if (h->titles.n > ntop)
                say(l, ", and %zu other title%s", h->titles.n - ntop,
                    h->titles.n - ntop == 1 ? "" : "s");
            if (add_warning(l, LS_LINT_FUNCTION_INSIDE_WORD) != 0)
                return -1;
        }
    }
    return 0;
}

static int check_never_assigned(ls_lint *l)
{
    size_t n = l->req->npersonas;
    for (size_t i = 0; i < n; i++) {
        if (!l->hit[i] || l->won[i])
            continue;
        at(l, "personas[%zu]", i);
        say(l, "persona ");
        q(l, persona(l, i)->name);
        say(l, " matched %llu lead%s, all taken by ", (unsigned long long)l->hit[i],
            l->hit[i] == 1 ? "" : "s");
        int first = 1;
        for (size_t k = 0; k < n; k++) {
            uint64_t c = l->taken[i * n + k];
            if (!c)
                continue;
            say(l, first ? "" : ", ");
            q(l, persona(l, k)->name);
            say(l, " (%llu)", (unsigned long long)c);
            first = 0;
        }
        if (add_warning(l, LS_LINT_PERSONA_NEVER_ASSIGNED) != 0)
            return -1;
    }
    return 0;
}

static int check_no_match(ls_lint *l)
{
    for (size_t i = 0; i < l->req->npersonas; i++) {
        if (l->hit[i])
            continue;
        at(l, "personas[%zu]", i);
        say(l, "persona ");
        q(l, persona(l, i)->name);
        say(l, " matched none of the %llu lead%s that reached persona matching",
            (unsigned long long)l->matched, l->matched == 1 ? "" : "s");
        if (add_warning(l, LS_LINT_PERSONA_NO_MATCH) != 0)
            return -1;
    }
    return 0;
}

/* when: 0 always, 1 with leads only, 2 without leads only */
static const struct {
    int (*fn)(ls_lint *l);
    int when;
} checks[] = {
    {check_request_warnings, 0}, {check_duplicates, 0},      {check_short_and_traps, 2},
    {check_equivalents, 0},      {check_prohibit_tokens, 0}, {check_prohibit_overlaps, 0},
    {check_never_matches, 0},    {check_shadowed, 0},        {check_inside_word, 1},
    {check_never_assigned, 1},   {check_no_match, 1},
};

/* ---- reading leads ---- */

static int on_lead(void *user, const ls_explain_record *rec)
{
    ls_lint *l = user;
    ls_level_tally_add(&l->levels, rec);
    if (rec->duplicate || rec->filter)
        return 0;
    const ls_request *req = l->req;
    size_t n = req->npersonas;
    l->matched++;
    for (size_t i = 0; i < rec->nrows; i++) {
        if (!rec->rows[i].t.matched)
            continue;
        l->hit[i]++;
        if (rec->assigned == (int)i)
            l->won[i]++;
        else if (rec->assigned >= 0)
            l->taken[i * n + (size_t)rec->assigned]++;
    }
    if (req->mode != LS_MATCH_DOCUMENTED)
        return 0;
    ls_buf_clear(&l->pad);
    if (ls_buf_putc(&l->pad, ' ') != 0 ||
        ls_buf_append(&l->pad, rec->title_norm, rec->title_norm_len) != 0 ||
        ls_buf_putc(&l->pad, ' ') != 0)
        return 1;
    for (size_t i = 0; i < n; i++) {
        const ls_persona *p = persona(l, i);
        for (size_t j = 0; j < p->nfns; j++) {
            const ls_function *f = &p->fns[j];
            if (!memmem(l->pad.data, l->pad.len, f->padded + 1, f->padded_len - 2) ||
                memmem(l->pad.data, l->pad.len, f->padded, f->padded_len))
                continue;
            fn_hits *h = &l->hits[l->fn_base[i] + j];
            long t = ls_tally_put(&h->titles, rec->title, rec->title_len, NULL);
            if (t < 0)
                return 1;
            h->titles.count[t]++;
            h->total++;
        }
    }
    return 0;
}

void ls_lint_options_init(ls_lint_options *opt)
{
    if (opt)
        memset(opt, 0, sizeof *opt);
}

ls_status ls_lint_new(const ls_request *req, const ls_lint_options *opt, ls_lint **out)
{
    if (!out)
        return LS_E_USAGE;
    *out = NULL;
    if (!req)
        return LS_E_USAGE;
    ls_lint *l = calloc(1, sizeof *l);
    if (!l)
        return LS_E_NOMEM;
    l->req = req;
    if (opt)
        l->opt = *opt;
    size_t n = req->npersonas ? req->npersonas : 1, nfns = 0;
    ls_normalizer_new(&l->nz);
    l->won = calloc(n, sizeof *l->won);
    l->hit = calloc(n, sizeof *l->hit);
    l->taken = calloc(n * n, sizeof *l->taken);
    l->fn_base = calloc(n, sizeof *l->fn_base);
    for (size_t i = 0; l->fn_base && i < req->npersonas; i++) {
        l->fn_base[i] = nfns;
        nfns += req->personas[i].nfns;
    }
    l->hits = calloc(nfns ? nfns : 1, sizeof *l->hits);
    if (!l->nz || !l->won || !l->hit || !l->taken || !l->fn_base || !l->hits) {
        free(l->hits);
        l->hits = NULL;
        ls_lint_free(l);
        return LS_E_NOMEM;
    }
    for (size_t k = 0; k < nfns; k++)
        ls_tally_init(&l->hits[k].titles);
    *out = l;
    return LS_OK;
}

void ls_lint_free(ls_lint *l)
{
    if (!l)
        return;
    ls_explain_free(l->ex);
    ls_normalizer_free(l->nz);
    if (l->hits && l->fn_base) {
        size_t nfns = 0;
        for (size_t i = 0; i < l->req->npersonas; i++)
            nfns += l->req->personas[i].nfns;
        for (size_t k = 0; k < nfns; k++)
            ls_tally_free(&l->hits[k].titles);
    }
    free(l->hits);
    free(l->won);
    free(l->hit);
    free(l->taken);
    free(l->fn_base);
    ls_buf_free(&l->pad);
    ls_buf_free(&l->msg);
    ls_buf_free(&l->path);
    ls_buf_free(&l->tmp);
    for (size_t i = 0; i < l->nw; i++) {
        free((char *)l->w[i].path);
        free((char *)l->w[i].message);
    }
    free(l->w);
    free(l);
}

static ls_status ensure_explain(ls_lint *l)
{
    if (l->finished)
        return LS_E_USAGE;
    if (l->ex)
        return LS_OK;
    ls_explain_options eo = {l->opt.on_diag,  l->opt.diag_user, l->opt.max_record_bytes,
                             l->opt.max_depth, -1, LS_EXPLAIN_ALL, l->opt.input_format, NULL};
    return ls_explain_new(l->req, &eo, on_lead, l, &l->ex);
}

/* The walk stops only when on_lead runs out of memory. */
static ls_status after_walk(const ls_lint *l, ls_status st)
{
    return st == LS_OK && ls_explain_stopped(l->ex) ? LS_E_NOMEM : st;
}

ls_status ls_lint_add_path(ls_lint *l, const char *path)
{
    if (!l || !path)
        return LS_E_USAGE;
    ls_status st = ensure_explain(l);
    return st == LS_OK ? after_walk(l, ls_explain_add_path(l->ex, path)) : st;
}

ls_status ls_lint_add_memory(ls_lint *l, const char *name, const char *data, size_t len)
{
    if (!l)
        return LS_E_USAGE;
    ls_status st = ensure_explain(l);
    return st == LS_OK ? after_walk(l, ls_explain_add_memory(l->ex, name, data, len)) : st;
}

ls_status ls_lint_add_leads(ls_lint *l, const ls_leads *leads)
{
    if (!l || !leads)
        return LS_E_USAGE;
    ls_status st = ensure_explain(l);
    return st == LS_OK ? after_walk(l, ls_explain_add_leads(l->ex, leads, 0, SIZE_MAX)) : st;
}

uint64_t ls_lint_leads_read(const ls_lint *l)
{
    return l->ex ? ls_explain_get_stats(l->ex)->leads_read : 0;
}

uint64_t ls_lint_leads_matched(const ls_lint *l)
{
    return l->matched;
}

ls_status ls_lint_finish(ls_lint *l)
{
    if (!l || l->finished)
        return LS_E_USAGE;
    l->finished = 1;
    int leads = l->ex != NULL;
    for (size_t c = 0; c < NELEMS(checks); c++) {
        if ((checks[c].when == 1 && !leads) || (checks[c].when == 2 && leads))
            continue;
        if (checks[c].fn(l) != 0)
            return LS_E_NOMEM;
    }
    return LS_OK;
}

size_t ls_lint_count(const ls_lint *l)
{
    return l ? l->nw : 0;
}

ls_lint_warning ls_lint_get(const ls_lint *l, size_t i)
{
    ls_lint_warning none = {NULL, NULL, NULL, NULL};
    return l && i < l->nw ? l->w[i] : none;
}

size_t ls_lint_equivalent_count(void)
{
    return NELEMS(lint_equivalents);
}

void ls_lint_equivalent(size_t i, const char **keyword, const char **equivalent)
{
    *keyword = i < NELEMS(lint_equivalents) ? lint_equivalents[i].keyword : NULL;
    *equivalent = i < NELEMS(lint_equivalents) ? lint_equivalents[i].equivalent : NULL;
}

size_t ls_lint_trap_count(void)
{
    return NELEMS(lint_substring_traps);
}

const char *ls_lint_trap(size_t i)
{
    return i < NELEMS(lint_substring_traps) ? lint_substring_traps[i] : NULL;
}

ls_status ls_lint_report_json(const ls_lint *l, int indent, char **json, size_t *len)
{
    if (!l || !json)
        return LS_E_USAGE;
    cJSON *arr = cJSON_CreateArray();
    int bad = !arr;
    for (size_t i = 0; !bad && i < l->nw; i++) {
        const ls_lint_warning *w = &l->w[i];
        cJSON *o = cJSON_CreateObject();
        bad = !o || !cJSON_AddStringToObject(o, "path", w->path) ||
              !cJSON_AddStringToObject(o, "code", w->code) ||
              !cJSON_AddStringToObject(o, "message", w->message) ||
              !cJSON_AddItemToArray(arr, o);
        if (bad)
            cJSON_Delete(o);
    }
    cJSON *doc = bad ? NULL : cJSON_CreateObject();
    if (!doc || !cJSON_AddStringToObject(doc, "status", "ok") ||
        !cJSON_AddItemToObject(doc, "warnings", arr)) {
        cJSON_Delete(doc);
        cJSON_Delete(arr);
        doc = NULL;
    } else if (ls_level_tally_json(&l->levels, doc) != 0) {
        cJSON_Delete(doc);
        doc = NULL;
    }
    return ls_json_document(doc, indent, json, len);
}

uint64_t ls_lint_level_agreement(const ls_lint *l, size_t level, uint64_t *agree)
{
    if (agree)
        *agree = 0;
    if (!l || level > LS_LEVELS)
        return 0;
    if (level == LS_LEVELS)
        return l->levels.no_level;
    if (agree)
        *agree = l->levels.agree[level];
    return l->levels.leads[level];
}
