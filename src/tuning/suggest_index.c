/* suggest: the distinct titles, their tokens and rows, and hit lists (the
 * titles a function, seniority entry or prohibit hits, contract §2),
 * computed once per keyword through an inverted index of title tokens. */
#include <stdlib.h>
#include <string.h>
#include "request/request_int.h"
#include "tuning/suggest.h"

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Splits s[0..n) on single spaces (a normalized text): the i-th token. */
typedef struct span {
    const char *p;
    size_t n;
} span;

static size_t split(const char *s, size_t n, span *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        if (j > i) {
            if (k < cap)
                out[k] = (span){s + i, j - i};
            k++;
        }
        i = j + 1;
    }
    return k;
}

int sg_data_index(sg_data *d)
{
    size_t nt = d->titles.n;
    d->nt = nt;
    d->pad_off = calloc(nt + 1, sizeof *d->pad_off);
    d->pad_len = calloc(nt + 1, sizeof *d->pad_len);
    d->tok_off = calloc(nt + 1, sizeof *d->tok_off);
    d->row_off = calloc(nt + 1, sizeof *d->row_off);
    d->stamp = calloc(nt + 1, sizeof *d->stamp);
    if (!d->pad_off || !d->pad_len || !d->tok_off || !d->row_off || !d->stamp)
        return -1;
    /* padded titles and their tokens */
    size_t ntok = 0, tok_cap = 0;
    for (size_t t = 0; t < nt; t++) {
        size_t len;
        const char *s = ls_tally_key(&d->titles, t, &len);
        d->pad_off[t] = d->padded.len;
        d->pad_len[t] = len + 2;
        if (ls_buf_putc(&d->padded, ' ') != 0 || ls_buf_append(&d->padded, s, len) != 0 ||
            ls_buf_append(&d->padded, " ", 2) != 0)
            return -1;
        d->tok_off[t] = ntok;
        for (size_t i = 0; i < len;) {
            size_t j = i;
            while (j < len && s[j] != ' ')
                j++;
            if (j > i) {
                long v = ls_tally_put(&d->vocab, s + i, j - i, NULL);
                if (v < 0)
                    return -1;
                if (ntok == tok_cap) {
                    size_t cap = tok_cap ? tok_cap * 2 : 1024;
                    uint32_t *tok = realloc(d->tok, cap * sizeof *tok);
                    if (!tok)
                        return -1;
                    d->tok = tok;
                    tok_cap = cap;
                }
                d->tok[ntok++] = (uint32_t)v;
            }
            i = j + 1;
        }
    }
    d->tok_off[nt] = ntok;
    /* postings: each title once per token, in title order */
    size_t nv = d->vocab.n;
    d->post_off = calloc(nv + 1, sizeof *d->post_off);
    d->post = calloc(ntok ? ntok : 1, sizeof *d->post);
    size_t *fill = calloc(nv + 1, sizeof *fill);
    if (!d->post_off || !d->post || !fill) {
        free(fill);
        return -1;
    }
    for (size_t i = 0; i < ntok; i++)
        d->post_off[d->tok[i] + 1]++;
    for (size_t v = 0; v < nv; v++)
        d->post_off[v + 1] += d->post_off[v];
    for (size_t t = 0; t < nt; t++)
        for (size_t i = d->tok_off[t]; i < d->tok_off[t + 1]; i++) {
            uint32_t v = d->tok[i];
            size_t at = d->post_off[v] + fill[v];
            if (fill[v] && d->post[at - 1] == (uint32_t)t)
                continue; /* the token again in the same title */
            d->post[at] = (uint32_t)t;
            fill[v]++;
        }
    /* repeated tokens left gaps: close them */
    size_t w = 0;
    for (size_t v = 0; v < nv; v++) {
        size_t from = d->post_off[v];
        d->post_off[v] = w;
        memmove(d->post + w, d->post + from, fill[v] * sizeof *d->post);
        w += fill[v];
    }
    d->post_off[nv] = w;
    free(fill);
    /* rows by title */
    size_t nr = d->rowkeys.n;
    d->rows = calloc(nr ? nr : 1, sizeof *d->rows);
    size_t *rfill = calloc(nt + 1, sizeof *rfill);
    if (!d->rows || !rfill) {
        free(rfill);
        return -1;
    }
    for (size_t r = 0; r < nr; r++) {
        uint32_t k[3];
        memcpy(k, ls_tally_key(&d->rowkeys, r, NULL), sizeof k);
        d->row_off[k[0] + 1]++;
    }
    for (size_t t = 0; t < nt; t++)
        d->row_off[t + 1] += d->row_off[t];
    for (size_t r = 0; r < nr; r++) {
        uint32_t k[3];
        memcpy(k, ls_tally_key(&d->rowkeys, r, NULL), sizeof k);
        sg_row *row = &d->rows[d->row_off[k[0]] + rfill[k[0]]++];
        row->label = (int32_t)k[1];
        row->bucket = k[2];
        row->count = d->rowkeys.count[r];
    }
    free(rfill);
    return 0;
}

void sg_data_free(sg_data *d)
{
    for (size_t t = 0; t < d->titles.n && d->raw; t++)
        free(d->raw[t]);
    free(d->raw);
    free(d->seen);
    free(d->order);
    free(d->rankpos);
    ls_normalizer_free(d->nz);
    ls_tally_free(&d->titles);
    ls_buf_free(&d->padded);
    free(d->pad_off);
    free(d->pad_len);
    free(d->tok);
    free(d->tok_off);
    ls_tally_free(&d->vocab);
    free(d->post);
    free(d->post_off);
    ls_tally_free(&d->rowkeys);
    free(d->rows);
    free(d->row_off);
    ls_tally_free(&d->hitkeys);
    free(d->hits);
    free(d->hit_off);
    free(d->hit_len);
    free(d->stamp);
    ls_buf_free(&d->scratch);
}

const char *sg_norm(sg_data *d, const char *text, size_t len, size_t *out_len)
{
    size_t n;
    const char *s = ls_normalizer_run(d->nz, text, len, &n, NULL);
    if (!s)
        return NULL;
    ls_buf_clear(&d->scratch);
    if (ls_buf_append(&d->scratch, s, n) != 0 || ls_buf_reserve(&d->scratch, 1) != 0)
        return NULL;
    d->scratch.data[n] = '\0';
    *out_len = n;
    return d->scratch.data;
}

static uint32_t next_stamp(sg_data *d)
{
    if (++d->stamp_now == 0) {
        memset(d->stamp, 0, (d->nt + 1) * sizeof *d->stamp);
        d->stamp_now = 1;
    }
    return d->stamp_now;
}

/* The list being built, then stored under key. */
typedef struct hitbuf {
    uint32_t *v;
    size_t n, cap;
} hitbuf;

static int hb_push(hitbuf *b, uint32_t t)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        uint32_t *v = realloc(b->v, cap * sizeof *v);
        if (!v)
            return -1;
        b->v = v;
        b->cap = cap;
    }
    b->v[b->n++] = t;
    return 0;
}

static long store(sg_data *d, const char *key, size_t klen, hitbuf *b)
{
    if (b->n)
        qsort(b->v, b->n, sizeof *b->v, cmp_u32);
    int fresh;
    long id = ls_tally_put(&d->hitkeys, key, klen, &fresh);
    if (id < 0 || !fresh) {
        free(b->v);
        return id;
    }
    if ((size_t)id >= d->hit_cap) {
        size_t cap = d->hit_cap ? d->hit_cap * 2 : 256;
        size_t *off = realloc(d->hit_off, cap * sizeof *off);
        if (off)
            d->hit_off = off;
        size_t *len = realloc(d->hit_len, cap * sizeof *len);
        if (len)
            d->hit_len = len;
        if (!off || !len) {
            free(b->v);
            return -1;
        }
        d->hit_cap = cap;
    }
    if (d->nhits + b->n > d->hits_cap) {
        size_t cap = d->hits_cap ? d->hits_cap : 4096;
        while (cap < d->nhits + b->n)
            cap *= 2;
        uint32_t *h = realloc(d->hits, cap * sizeof *h);
        if (!h) {
            free(b->v);
            return -1;
        }
        d->hits = h;
        d->hits_cap = cap;
    }
    if (b->n)
        memcpy(d->hits + d->nhits, b->v, b->n * sizeof *b->v);
    d->hit_off[id] = d->nhits;
    d->hit_len[id] = b->n;
    d->nhits += b->n;
    free(b->v);
    return id;
}

static long cached(sg_data *d, char kind, const char *text, size_t len, ls_buf *key)
{
    ls_buf_clear(key);
    if (ls_buf_putc(key, kind) != 0 || ls_buf_append(key, text, len) != 0)
        return -2;
    long id = ls_tally_find(&d->hitkeys, key->data, key->len);
    return id >= 0 ? id : -1;
}

static const uint32_t *postings(const sg_data *d, const char *tok, size_t n, size_t *count)
{
    long v = ls_tally_find(&d->vocab, tok, n);
    if (v < 0) {
        *count = 0;
        return NULL;
    }
    *count = d->post_off[v + 1] - d->post_off[v];
    return d->post + d->post_off[v];
}

static int title_has_token(const sg_data *d, uint32_t t, uint32_t v)
{
    for (size_t i = d->tok_off[t]; i < d->tok_off[t + 1]; i++)
        if (d->tok[i] == v)
            return 1;
    return 0;
}

/* Titles holding needle[0..n) in their padded form, among cand (or, with
 * cand NULL, among the titles of every vocabulary token that match_tok
 * accepts). */
static int verify_into(sg_data *d, const uint32_t *cand, size_t nc, const char *needle, size_t n,
                       hitbuf *b)
{
    for (size_t i = 0; i < nc; i++) {
        uint32_t t = cand[i];
        if (d->stamp[t] == d->stamp_now)
            continue;
        d->stamp[t] = d->stamp_now;
        if (memmem(d->padded.data + d->pad_off[t], d->pad_len[t], needle, n) && hb_push(b, t) != 0)
            return -1;
    }
    return 0;
}

static int ends_with(const char *s, size_t n, const char *suf, size_t m)
{
    return n >= m && memcmp(s + n - m, suf, m) == 0;
}

long sg_hits_function(sg_data *d, const char *text, size_t len)
{
    size_t n;
    const char *nm = sg_norm(d, text, len, &n);
    return nm ? sg_hits_function_norm(d, nm, n) : -1;
}

long sg_hits_function_norm(sg_data *d, const char *nm0, size_t n)
{
    ls_buf key = {0}, needle = {0};
    long id = cached(d, 'F', nm0, n, &key);
    if (id != -1) {
        ls_buf_free(&key);
        return id < 0 ? -1 : id;
    }
    hitbuf b = {0};
    int bad = ls_buf_putc(&needle, ' ') != 0 || ls_buf_append(&needle, nm0, n) != 0 ||
              ls_buf_putc(&needle, ' ') != 0;
    const char *nm = needle.data + 1;
    span tk[64];
    size_t ntk = bad || n == 0 ? 0 : split(nm, n, tk, 64);
    next_stamp(d);
    if (!bad && ntk > 0 && ntk <= 64) {
        int words = d->mode == LS_MATCH_WORDS;
        const char *nd = words ? needle.data : nm;
        size_t ndl = words ? n + 2 : n;
        if (words || ntk >= 3) {
            /* whole tokens: every one (words) or the middle ones (substring) */
            size_t from = words ? 0 : 1, to = words ? ntk : ntk - 1;
            const uint32_t *best = NULL;
            size_t bestn = SIZE_MAX;
            for (size_t i = from; i < to; i++) {
                size_t c;
                const uint32_t *p = postings(d, tk[i].p, tk[i].n, &c);
                if (c < bestn) {
                    best = p;
                    bestn = c;
                }
            }
            if (best)
                bad = verify_into(d, best, bestn, nd, ndl, &b) != 0;
        } else {
            /* a substring: the first token inside a title token (one
             * token) or at its end (two) */
            for (size_t v = 0; !bad && v < d->vocab.n; v++) {
                size_t vl;
                const char *vs = ls_tally_key(&d->vocab, v, &vl);
                int hit = ntk == 1 ? memmem(vs, vl, tk[0].p, tk[0].n) != NULL
                                   : ends_with(vs, vl, tk[0].p, tk[0].n);
                if (hit)
                    bad = verify_into(d, d->post + d->post_off[v],
                                      d->post_off[v + 1] - d->post_off[v], nd, ndl, &b) != 0;
            }
        }
    }
    id = bad ? -1 : store(d, key.data, key.len, &b);
    if (bad)
        free(b.v);
    ls_buf_free(&key);
    ls_buf_free(&needle);
    return id;
}

/* Titles holding every token of the normalized alternative, added to b. */
static int alt_hits(sg_data *d, const char *nm, size_t n, hitbuf *b)
{
    span tk[64];
    size_t ntk = split(nm, n, tk, 64);
    if (ntk == 0 || ntk > 64)
        return 0;
    long ids[64];
    const uint32_t *best = NULL;
    size_t bestn = SIZE_MAX;
    for (size_t i = 0; i < ntk; i++) {
        ids[i] = ls_tally_find(&d->vocab, tk[i].p, tk[i].n);
        if (ids[i] < 0)
            return 0; /* no title holds it */
        size_t c = d->post_off[ids[i] + 1] - d->post_off[ids[i]];
        if (c < bestn) {
            best = d->post + d->post_off[ids[i]];
            bestn = c;
        }
    }
    for (size_t j = 0; j < bestn; j++) {
        uint32_t t = best[j];
        if (d->stamp[t] == d->stamp_now)
            continue;
        int all = 1;
        for (size_t i = 0; all && i < ntk; i++)
            all = title_has_token(d, t, (uint32_t)ids[i]);
        if (all) {
            d->stamp[t] = d->stamp_now;
            if (hb_push(b, t) != 0)
                return -1;
        }
    }
    return 0;
}

long sg_hits_seniority(sg_data *d, const char *entry, size_t len)
{
    const char *const *alts = ls_seniority_expansion(entry, len);
    ls_buf norms = {0};
    int bad = 0;
    for (size_t a = 0; !bad && (alts ? alts[a] != NULL : a == 0); a++) {
        size_t n;
        const char *nm = alts ? sg_norm(d, alts[a], strlen(alts[a]), &n) : sg_norm(d, entry, len, &n);
        bad = !nm || ls_buf_append(&norms, nm, n) != 0 || ls_buf_putc(&norms, '\n') != 0;
    }
    long id = bad ? -1 : sg_hits_alts(d, norms.data, norms.len);
    ls_buf_free(&norms);
    return id;
}

long sg_hits_alts(sg_data *d, const char *norms, size_t len)
{
    ls_buf key = {0};
    long id = cached(d, 'S', norms, len, &key);
    if (id == -1) {
        hitbuf b = {0};
        int bad = 0;
        next_stamp(d);
        for (size_t i = 0; !bad && i < len;) {
            const char *nl = memchr(norms + i, '\n', len - i);
            size_t n = nl ? (size_t)(nl - norms - i) : len - i;
            bad = alt_hits(d, norms + i, n, &b) != 0;
            i += n + 1;
        }
        id = bad ? -1 : store(d, key.data, key.len, &b);
        if (bad)
            free(b.v);
    }
    ls_buf_free(&key);
    return id < 0 ? -1 : id;
}

long sg_hits_prohibit(sg_data *d, const char *text, size_t len)
{
    size_t n;
    const char *nm = sg_norm(d, text, len, &n);
    return nm ? sg_hits_prohibit_norm(d, nm, n) : -1;
}

long sg_hits_prohibit_norm(sg_data *d, const char *nm0, size_t n)
{
    ls_buf key = {0}, nm = {0};
    long id = cached(d, 'P', nm0, n, &key);
    if (id == -1) {
        hitbuf b = {0};
        int bad = ls_buf_append(&nm, nm0, n) != 0;
        span tk[64];
        size_t ntk = bad ? 0 : split(nm.data, n, tk, 64);
        next_stamp(d);
        for (size_t i = 0; !bad && i < ntk && i < 64; i++) {
            size_t c;
            const uint32_t *p = postings(d, tk[i].p, tk[i].n, &c);
            for (size_t j = 0; !bad && j < c; j++)
                if (d->stamp[p[j]] != d->stamp_now) {
                    d->stamp[p[j]] = d->stamp_now;
                    bad = hb_push(&b, p[j]) != 0;
                }
        }
        id = bad ? -1 : store(d, key.data, key.len, &b);
        if (bad)
            free(b.v);
    }
    ls_buf_free(&key);
    ls_buf_free(&nm);
    return id < 0 ? -1 : id;
}

const uint32_t *sg_hit_list(const sg_data *d, uint32_t hit, size_t *n)
{
    *n = d->hit_len[hit];
    return d->hits + d->hit_off[hit];
}

int sg_hit_has(const sg_data *d, uint32_t h, uint32_t t)
{
    size_t n;
    const uint32_t *v = sg_hit_list(d, h, &n);
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo] == t;
}
