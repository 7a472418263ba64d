/* suggest --apply: the request text with the first n edits, every byte
 * outside the edited keyword lists as it was; then compiled and matched
 * against every title, which must get the persona the edits were measured
 * with. */
#include <stdlib.h>
#include <string.h>
#include "json/json.h"
#include "tuning/suggest.h"
#include "writers/jsonout.h"

/* One change of the text: bytes [from, to) replaced by text. */
typedef struct op {
    size_t from, to;
    ls_buf text;
} op;

typedef struct ops {
    op *v;
    size_t n, cap;
} ops;

static op *add_op(ops *o, size_t from, size_t to)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 8;
        op *v = realloc(o->v, cap * sizeof *v);
        if (!v)
            return NULL;
        o->v = v;
        o->cap = cap;
    }
    op *x = &o->v[o->n++];
    memset(x, 0, sizeof *x);
    x->from = from;
    x->to = to;
    return x;
}

static void free_ops(ops *o)
{
    for (size_t i = 0; i < o->n; i++)
        ls_buf_free(&o->v[i].text);
    free(o->v);
}

/* Where an element's bytes start and end (a string with its quotes). */
static const char *elem_start(const ls_jval *v)
{
    return v->type == LS_J_STRING ? v->p - 1 : v->p;
}

static const char *elem_end(const ls_jval *v)
{
    return v->type == LS_J_STRING ? v->p + v->len + 1 : v->p + v->len;
}

/* The keyword edit e adds to list k (1 functions, 2 seniorities, 3
 * prohibits), or NULL. */
static const char *added_to(const sg_edit *e, int k)
{
    switch (e->kind) {
    case LS_EDIT_ADD_FUNCTION:
        return k == 1 ? e->keyword : NULL;
    case LS_EDIT_ADD_SENIORITY:
        return k == 2 ? e->keyword : NULL;
    case LS_EDIT_ADD_PROHIBIT:
        return k == 3 ? e->keyword : NULL;
    case LS_EDIT_ADD_FUNCTION_AND_SENIORITY:
        return k == 1 ? e->keyword : k == 2 ? e->keyword2 : NULL;
    default:
        return NULL;
    }
}

static int drops(const sg_edits *edits, size_t n, size_t p, int k, size_t j)
{
    for (size_t i = 0; i < n; i++)
        if (k == 3 && edits->v[i].persona == p && edits->v[i].kind == LS_EDIT_DROP_PROHIBIT &&
            edits->v[i].prohibit == j)
            return 1;
    return 0;
}

/* List k of persona p as the first n edits change it: keywords appended
 * after its last element; with a prohibit dropped, the list written anew
 * from its other elements as written, then the new ones. */
static int edit_list(const char *base, const ls_jval *list, const sg_edits *edits, size_t n,
                     size_t p, int k, ops *o)
{
    int adds = 0, any_drop = 0;
    size_t count = 0, pos = 0;
    ls_jval elem, last = {0};
    while (ls_jval_next(list, &pos, NULL, &elem)) {
        any_drop |= drops(edits, n, p, k, count);
        count++;
        last = elem;
    }
    for (size_t i = 0; i < n; i++)
        adds += edits->v[i].persona == p && added_to(&edits->v[i], k) != NULL;
    if (!adds && !any_drop)
        return 0;
    ls_buf text = {0};
    size_t from, to;
    int first = 1, bad = 0;
    if (any_drop) {
        from = (size_t)(list->p - base);
        to = from + list->len;
        bad = ls_buf_putc(&text, '[') != 0;
        pos = 0;
        for (size_t j = 0; !bad && ls_jval_next(list, &pos, NULL, &elem); j++) {
            if (drops(edits, n, p, k, j))
                continue;
            bad = (!first && ls_buf_append(&text, ", ", 2) != 0) ||
                  ls_buf_append(&text, elem_start(&elem),
                                (size_t)(elem_end(&elem) - elem_start(&elem))) != 0;
            first = 0;
        }
    } else {
        /* after the last element, or inside an empty list */
        from = to = (size_t)((count ? elem_end(&last) : list->p + 1) - base);
        first = count == 0;
    }
    for (size_t i = 0; !bad && i < n; i++) {
        const char *kw = edits->v[i].persona == p ? added_to(&edits->v[i], k) : NULL;
        if (!kw)
            continue;
        bad = (!first && ls_buf_append(&text, ", ", 2) != 0) ||
              ls_json_put_string(&text, kw, strlen(kw)) != 0;
        first = 0;
    }
    if (any_drop && !bad)
        bad = ls_buf_putc(&text, ']') != 0;
    op *x = bad ? NULL : add_op(o, from, to);
    if (!x) {
        ls_buf_free(&text);
        return -1;
    }
    x->text = text;
    return 0;
}

static int key_is(const ls_jval *k, const char *want)
{
    size_t n = strlen(want);
    if (!k->has_escape)
        return k->len == n && memcmp(k->p, want, n) == 0;
    char buf[64];
    if (k->len > sizeof buf)
        return 0;
    unsigned fl = 0;
    size_t m = ls_jstr_decode(k->p, k->len, buf, &fl);
    return m == n && memcmp(buf, want, n) == 0;
}

/* The edits as changes of the text; LS_E_USAGE when its personas are not
 * the model's. */
static ls_status plan(const char *text, size_t len, const sg_data *d, const sg_edits *edits,
                      size_t n, ops *o)
{
    ls_jval root = {text, len, LS_J_OBJECT, 0, 0}, k, v, personas = {0};
    if (len < 2 || text[0] != '{')
        return LS_E_USAGE;
    size_t pos = 0;
    while (ls_jval_next(&root, &pos, &k, &v))
        if (key_is(&k, "personas"))
            personas = v; /* the last one, as the request reads it */
    if (personas.type != LS_J_ARRAY)
        return n ? LS_E_USAGE : LS_OK;
    pos = 0;
    size_t p = 0;
    ls_jval tuple;
    while (ls_jval_next(&personas, &pos, NULL, &tuple)) {
        if (tuple.type != LS_J_ARRAY || p >= d->np)
            return LS_E_USAGE;
        size_t tp = 0;
        ls_jval item;
        for (int i = 0; ls_jval_next(&tuple, &tp, NULL, &item) && i <= 3; i++) {
            if (i == 0 && (item.type != LS_J_STRING))
                return LS_E_USAGE;
            if (i >= 1 && (item.type != LS_J_ARRAY ||
                           edit_list(text, &item, edits, n, p, i, o) != 0))
                return item.type != LS_J_ARRAY ? LS_E_USAGE : LS_E_NOMEM;
        }
        p++;
    }
    return p == d->np ? LS_OK : LS_E_USAGE;
}

static int op_cmp(const void *a, const void *b)
{
    const op *x = a, *y = b;
    return x->from < y->from ? -1 : x->from > y->from;
}

/* The written request assigns every title what the model says. */
static ls_status check(ls_persona_suggest *ps, sg_data *d, const sg_edits *edits, size_t n,
                       const char *text, size_t len)
{
    ls_compile_options co;
    ls_compile_options_init(&co);
    co.match_mode = ls_request_match_mode(d->req);
    co.api = ls_request_api_of(d->req);
    co.search_mode = ls_request_search_mode(d->req);
    ls_request *req = NULL;
    ls_problems *errs = NULL;
    ls_status st = ls_request_compile(text, len, &co, &req, &errs);
    ls_problems_free(errs);
    if (st != LS_OK)
        return st == LS_E_NOMEM ? st : LS_E_INTERNAL;
    sg_state s;
    ls_matcher *m = NULL;
    if (sg_state_init(&s, d) != 0 || ls_matcher_new(req, &m) != LS_OK)
        st = LS_E_NOMEM;
    for (size_t i = 0; st == LS_OK && i < n; i++)
        if (sg_apply(&s, &edits->v[i]) != 0)
            st = LS_E_NOMEM;
    for (size_t t = 0; st == LS_OK && t < d->nt; t++) {
        ls_verdict v;
        st = ls_match_title(m, d->raw[t], strlen(d->raw[t]), &v);
        if (st == LS_OK && (v.outcome == LS_MATCHED ? v.persona : -1) != s.asg[t])
            st = LS_E_INTERNAL;
    }
    (void)ps;
    ls_matcher_free(m);
    sg_state_free(&s);
    ls_request_free(req);
    return st;
}

ls_status ls_persona_suggest_apply(ls_persona_suggest *ps, const char *json, size_t len,
                                   size_t n, char **out, size_t *out_len)
{
    if (!out)
        return LS_E_USAGE;
    *out = NULL;
    if (out_len)
        *out_len = 0;
    const sg_edits *edits;
    sg_data *d = ps ? ls_persona_suggest_data(ps, &edits) : NULL;
    if (!d || !json || n > edits->n)
        return LS_E_USAGE;
    const char *text = json;
    size_t tlen = len;
    if (tlen >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        tlen -= 3;
    }
    const char *body = text;
    size_t blen = tlen;
    ls_trim_ascii_ws(&body, &blen);
    ops o = {0};
    ls_status st = plan(body, blen, d, edits, n, &o);
    ls_buf res = {0};
    if (st == LS_OK) {
        if (o.n)
            qsort(o.v, o.n, sizeof *o.v, op_cmp);
        size_t at = 0, lead = (size_t)(body - text);
        int bad = ls_buf_append(&res, text, lead) != 0;
        for (size_t i = 0; !bad && i < o.n; i++) {
            bad = ls_buf_append(&res, body + at, o.v[i].from - at) != 0 ||
                  ls_buf_append(&res, o.v[i].text.data ? o.v[i].text.data : "",
                                o.v[i].text.len) != 0;
            at = o.v[i].to;
        }
        bad = bad || ls_buf_append(&res, body + at, tlen - lead - at) != 0 ||
              ls_buf_reserve(&res, 1) != 0;
        if (bad)
            st = LS_E_NOMEM;
        else
            res.data[res.len] = '\0';
    }
    free_ops(&o);
    if (st == LS_OK)
        st = check(ps, d, edits, n, res.data, res.len);
    if (st != LS_OK) {
        ls_buf_free(&res);
        return st;
    }
    *out = res.data;
    if (out_len)
        *out_len = res.len;
    return LS_OK;
}
