/* Persona matching (contract §2).  The title is normalized once; its tokens
 * that appear in some seniority or prohibit keyword become bits, so that a
 * seniority alternative is a subset test and a prohibit an intersection
 * test.  Functions are substring (or padded whole-token) searches. */
#include <string.h>
#include "matcher/matcher_int.h"

static inline int has_bit(const uint64_t *bits, uint32_t i)
{
    return (int)((bits[i >> 6] >> (i & 63)) & 1u);
}

/* " norm(title) " into m->title. */
static int set_title(ls_matcher *m, const char *normed, size_t len)
{
    ls_buf_clear(&m->title);
    if (ls_buf_reserve(&m->title, len + 2) != 0)
        return -1;
    m->title.data[0] = ' ';
    memcpy(m->title.data + 1, normed, len);
    m->title.data[len + 1] = ' ';
    m->title.data[len + 2] = '\0';
    m->title.len = len + 2;
    return 0;
}

/* " norm(title) " into m->title and the title's token bits. */
static int load_title(ls_matcher *m, const char *normed, size_t len)
{
    if (set_title(m, normed, len) != 0)
        return -1;
    const ls_strset *toks = &m->req->tokens;
    if (!toks->count)
        return 0;
    const char *t = m->title.data + 1;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && t[j] != ' ')
            j++;
        int32_t k = j > i ? ls_strset_find(toks, t + i, j - i) : -1;
        if (k >= 0) {
            uint32_t bit = (uint32_t)k;
            if (ls_buf_append(&m->touched, &bit, sizeof bit) != 0)
                return -1;
            m->title_bits[bit >> 6] |= 1ull << (bit & 63);
        }
        i = j + 1;
    }
    return 0;
}

static void clear_title_bits(ls_matcher *m)
{
    const uint32_t *bits = (const uint32_t *)(void *)m->touched.data;
    size_t n = m->touched.len / sizeof *bits;
    for (size_t i = 0; i < n; i++)
        m->title_bits[bits[i] >> 6] = 0;
    ls_buf_clear(&m->touched);
}

static int function_hit(const ls_matcher *m, const ls_function *f)
{
    if (m->req->mode == LS_MATCH_WORDS)
        return memmem(m->title.data, m->title.len, f->padded, f->padded_len) != NULL;
    /* the padding cannot take part in a hit: norm(f) has no edge spaces */
    return memmem(m->title.data, m->title.len, f->padded + 1, f->padded_len - 2) != NULL;
}

static int alt_passes(const ls_matcher *m, const ls_alt *a)
{
    for (uint32_t i = 0; i < a->nbits; i++)
        if (!has_bit(m->title_bits, a->bits[i]))
            return 0;
    return 1;
}

/* Index of the first function that hits, -1 none, -2 empty list. */
static int check_functions(const ls_matcher *m, const ls_persona *p)
{
    if (!p->nfns)
        return -2;
    for (size_t j = 0; j < p->nfns; j++)
        if (function_hit(m, &p->fns[j]))
            return (int)j;
    return -1;
}

static int check_seniority(const ls_matcher *m, const ls_persona *p, int *alt)
{
    *alt = -1;
    if (!p->nsens)
        return -2;
    for (size_t j = 0; j < p->nsens; j++)
        for (uint32_t a = 0; a < p->sens[j].nalts; a++)
            if (alt_passes(m, &p->sens[j].alts[a])) {
                *alt = (int)a;
                return (int)j;
            }
    return -1;
}

static int check_prohibits(const ls_matcher *m, const ls_persona *p, const char **tok)
{
    for (size_t j = 0; j < p->npros; j++)
        for (uint32_t i = 0; i < p->pros[j].nbits; i++)
            if (has_bit(m->title_bits, p->pros[j].bits[i])) {
                *tok = p->pros[j].toks[i];
                return (int)j;
            }
    return -1;
}

static void trace_persona(ls_matcher *m, size_t idx)
{
    const ls_persona *p = &m->req->personas[idx];
    ls_persona_trace *t = &m->traces[idx];
    memset(t, 0, sizeof *t);
    t->function = check_functions(m, p);
    if (t->function >= 0) {
        const ls_function *f = &p->fns[t->function];
        t->function_inside =
            memmem(m->title.data, m->title.len, f->padded, f->padded_len) == NULL;
    }
    t->seniority = check_seniority(m, p, &t->alternative);
    t->prohibit = check_prohibits(m, p, &t->prohibit_token);
    t->matched = t->function != -1 && t->seniority != -1 && t->prohibit == -1;
}

int ls_m_personas(ls_matcher *m, const char *title, size_t len)
{
    const ls_request *req = m->req;
    if (!m->trace) { /* the decision depends on the title bytes alone */
        const ls_memo_slot *c = ls_memo_find(&m->title_memo, title, len);
        if (c)
            return set_title(m, c->bytes + c->key_len, c->extra_len) == 0 ? c->value : -2;
    }
    size_t nlen;
    const char *normed = ls_normalizer_run(m->nz, title, len, &nlen, NULL);
    if (!normed || load_title(m, normed, nlen) != 0) {
        clear_title_bits(m);
        return -2;
    }
    int best = -1;
    if (m->trace) {
        for (size_t i = 0; i < req->npersonas; i++)
            trace_persona(m, i);
        for (size_t k = 0; k < req->npersonas && best < 0; k++)
            if (m->traces[req->order[k]].matched)
                best = (int)req->order[k];
    } else {
        /* order is (rank, declaration): the first match is the one assigned */
        for (size_t k = 0; k < req->npersonas; k++) {
            const ls_persona *p = &req->personas[req->order[k]];
            int alt;
            const char *tok;
            if (check_seniority(m, p, &alt) != -1 && check_prohibits(m, p, &tok) == -1 &&
                check_functions(m, p) != -1) {
                best = (int)req->order[k];
                break;
            }
        }
    }
    clear_title_bits(m);
    if (!m->trace)
        ls_memo_put(&m->title_memo, title, len, best, m->title.data + 1, m->title.len - 2);
    return best;
}
