/* The field names of the leads a run returns (ls_run_field_names), for a
 * "did you mean" on a --fields name that no lead written has: top-level
 * members and one level down, as paths the CSV writer follows. */
#include <stdlib.h>
#include <string.h>
#include "engine/dedup.h"
#include "engine/run_int.h"

enum { NAMES_DEFAULT_MAX = 10000 };

typedef struct names_ctx {
    ls_dedup seen;
    ls_buf text;    /* the names, each followed by a NUL */
    ls_buf name, sub; /* a name being made, a decoded key */
    size_t n, max;
    int nomem;
} names_ctx;

static void add(names_ctx *c, const char *s, size_t n)
{
    if (c->nomem || c->n >= c->max)
        return;
    int fresh = ls_dedup_insert(&c->seen, s, n);
    if (fresh < 0 || (fresh && (ls_buf_append(&c->text, s, n) != 0 ||
                                ls_buf_putc(&c->text, '\0') != 0))) {
        c->nomem = 1;
        return;
    }
    c->n += (size_t)fresh;
}

/* A key decoded into b (NUL-free names only: a name with a NUL cannot be
 * given to --fields). */
static int key_into(ls_buf *b, const ls_jval *k)
{
    ls_buf_clear(b);
    if (ls_buf_reserve(b, k->len + 1) != 0)
        return -1;
    unsigned fl = 0;
    b->len = k->has_escape ? ls_jstr_decode(k->p, k->len, b->data, &fl)
                           : (memcpy(b->data, k->p, k->len), k->len);
    return memchr(b->data, '\0', b->len) ? 1 : 0;
}

/* "prefix" + each member of obj: "company.name", "jobs[0].job_title". */
static void add_members(names_ctx *c, const ls_jval *obj, const char *prefix, size_t plen)
{
    ls_jval k, v;
    size_t pos = 0;
    while (!c->nomem && ls_jval_next(obj, &pos, &k, &v)) {
        int r = key_into(&c->sub, &k);
        if (r < 0) {
            c->nomem = 1;
            return;
        }
        ls_buf_clear(&c->name);
        if (r == 0 && (ls_buf_append(&c->name, prefix, plen) != 0 ||
                       ls_buf_append(&c->name, c->sub.data, c->sub.len) != 0)) {
            c->nomem = 1;
            return;
        }
        if (r == 0)
            add(c, c->name.data, c->name.len);
    }
}

static int on_lead(void *user, const char *lead, size_t len, int persona)
{
    (void)persona;
    names_ctx *c = user;
    ls_jval obj = {lead, len, LS_J_OBJECT, 0, 0}, k, v;
    size_t pos = 0;
    ls_buf prefix = {0};
    while (!c->nomem && ls_jval_next(&obj, &pos, &k, &v)) {
        int r = key_into(&c->sub, &k);
        if (r != 0) {
            c->nomem |= r < 0;
            continue;
        }
        add(c, c->sub.data, c->sub.len);
        ls_jval first = v;
        size_t apos = 0;
        const char *step = ".";
        if (v.type == LS_J_ARRAY) {
            if (!ls_jval_next(&v, &apos, NULL, &first))
                continue;
            step = "[0].";
        }
        if (first.type != LS_J_OBJECT)
            continue;
        ls_buf_clear(&prefix);
        if (ls_buf_append(&prefix, c->sub.data, c->sub.len) != 0 ||
            ls_buf_append(&prefix, step, strlen(step)) != 0) {
            c->nomem = 1;
            break;
        }
        add_members(c, &first, prefix.data, prefix.len);
    }
    ls_buf_free(&prefix);
    return c->nomem || c->n >= c->max;
}

ls_status ls_run_field_names(ls_run *run, size_t max, char ***names, size_t *n)
{
    if (!run || !names || !n)
        return LS_E_USAGE;
    *names = NULL;
    *n = 0;
    if (!run->finished)
        return LS_E_USAGE;
    names_ctx c;
    memset(&c, 0, sizeof c);
    c.max = max ? max : NAMES_DEFAULT_MAX;
    ls_dedup_init(&c.seen);
    const ls_csv_names *h = &run->csv_header;
    const char *p = h->names;
    for (size_t i = 0; p && i < h->count; i++, p += strlen(p) + 1)
        add(&c, p, strlen(p));
    ls_status st = c.n < c.max ? ls_run_foreach_result(run, on_lead, &c) : LS_OK;
    if (st == LS_OK && c.nomem)
        st = LS_E_NOMEM;
    char **out = NULL;
    if (st == LS_OK) {
        out = malloc((c.n + 1) * sizeof *out + c.text.len + 1);
        if (!out)
            st = LS_E_NOMEM;
    }
    if (st == LS_OK) {
        char *t = (char *)(out + c.n + 1);
        if (c.text.len)
            memcpy(t, c.text.data, c.text.len);
        for (size_t i = 0; i < c.n; i++, t += strlen(t) + 1)
            out[i] = t;
        out[c.n] = NULL;
        *names = out;
        *n = c.n;
    }
    ls_dedup_free(&c.seen);
    ls_buf_free(&c.text);
    ls_buf_free(&c.name);
    ls_buf_free(&c.sub);
    return st;
}
