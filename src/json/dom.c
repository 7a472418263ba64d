/* A small DOM for requests.  Numbers keep their lexeme, so that 1, 1.0 and
 * 12345678901234567890 stay distinguishable.  Parsing is iterative with an
 * explicit frame stack: nesting costs heap, never C stack. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json/json.h"
#include "json/json_internal.h"

typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    max_align_t data[]; /* aligned storage */
} arena_block;

struct ls_jdoc {
    arena_block *blocks;
    ls_jnode *root;
};

static void *arena_alloc(ls_jdoc *d, size_t n)
{
    n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    arena_block *b = d->blocks;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 16384 ? n : 16384;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->cap = cap;
        b->used = 0;
        b->next = d->blocks;
        d->blocks = b;
    }
    void *r = (char *)b->data + b->used;
    b->used += n;
    return r;
}

/* Keys are stored with their length in front, so that keys holding
 * "\u0000" still compare exactly. */
static const char *arena_key(ls_jdoc *d, const char *s, size_t n)
{
    char *m = arena_alloc(d, sizeof(size_t) + n + 1);
    if (!m)
        return NULL;
    memcpy(m, &n, sizeof n);
    memcpy(m + sizeof n, s, n);
    m[sizeof n + n] = '\0';
    return m + sizeof n;
}

static size_t key_len(const char *k)
{
    size_t n;
    memcpy(&n, k - sizeof n, sizeof n);
    return n;
}

typedef struct frame {
    ls_jnode *node;
    ls_jnode **items;
    const char **keys;
    size_t count, cap;
    const char *pending_key; /* object: key of the value being parsed */
    size_t *slots;           /* large objects: hash of key -> index + 1 */
    size_t nslots;
} frame;

typedef struct parser {
    ls_jdoc *doc;
    const unsigned char *s, *p, *end;
    ls_jerror *err;
    frame *frames;
    size_t nframes, capframes;
    char *scratch; /* string decoding */
    size_t scratch_cap;
} parser;

static int perr(parser *P, const unsigned char *at, const char *msg)
{
    if (P->err) {
        P->err->offset = (size_t)(at - P->s);
        snprintf(P->err->message, sizeof P->err->message, "%s", msg);
    }
    return -1;
}

/* Decodes the string whose body starts at P->p (after the quote); on
 * success *out and *n hold an arena copy and P->p is past the closing quote. */
static int parse_string(parser *P, const char **out, size_t *n, int *bad_utf8, int as_key)
{
    const unsigned char *b = P->p, *q = NULL, *errp = NULL;
    const char *msg = NULL;
    int esc = 0, bad = 0;
    int rc = ls_js_string(b, P->end, &q, &esc, &bad, &errp, &msg);
    if (rc == LS_JS_MORE)
        return perr(P, P->end, "unterminated string");
    if (rc != LS_JS_OK)
        return perr(P, errp, msg);
    size_t blen = (size_t)(q - 1 - b);
    if (blen + 1 > P->scratch_cap) {
        char *t = realloc(P->scratch, blen + 1);
        if (!t)
            return perr(P, b, "out of memory");
        P->scratch = t;
        P->scratch_cap = blen + 1;
    }
    unsigned fl = 0;
    size_t dl = ls_jstr_decode((const char *)b, blen, P->scratch, &fl);
    const char *copy;
    if (as_key) {
        copy = arena_key(P->doc, P->scratch, dl);
    } else {
        char *m = arena_alloc(P->doc, dl + 1);
        if (m) {
            memcpy(m, P->scratch, dl);
            m[dl] = '\0';
        }
        copy = m;
    }
    if (!copy)
        return perr(P, b, "out of memory");
    *out = copy;
    *n = dl;
    if (bad_utf8)
        *bad_utf8 = (fl & LS_NORM_INVALID_UTF8) != 0;
    P->p = q;
    return 0;
}

static void skip_ws(parser *P)
{
    while (P->p < P->end && ls_js_is_ws(*P->p))
        P->p++;
}

static size_t key_hash(const char *k)
{
    size_t n = key_len(k), h = 14695981039346656037u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)k[i]) * 1099511628211u;
    return h;
}

static int key_eq(const char *a, const char *b)
{
    return key_len(a) == key_len(b) && memcmp(a, b, key_len(a)) == 0;
}

/* Index of key among the frame's keys, or -1.  Objects with many members
 * use an open-addressing table so that duplicate detection stays linear. */
static long frame_find(frame *f, const char *key)
{
    if (!f->slots) {
        for (size_t i = 0; i < f->count; i++)
            if (key_eq(f->keys[i], key))
                return (long)i;
        return -1;
    }
    for (size_t h = key_hash(key) & (f->nslots - 1);; h = (h + 1) & (f->nslots - 1)) {
        if (!f->slots[h])
            return -1;
        if (key_eq(f->keys[f->slots[h] - 1], key))
            return (long)(f->slots[h] - 1);
    }
}

static void slot_put(frame *f, size_t index)
{
    size_t h = key_hash(f->keys[index]) & (f->nslots - 1);
    while (f->slots[h])
        h = (h + 1) & (f->nslots - 1);
    f->slots[h] = index + 1;
}

/* Keeps the table at most half full; built once an object reaches 32 keys. */
static int frame_index(frame *f)
{
    if (f->count < 32 || (f->slots && f->count * 2 < f->nslots))
        return 0;
    size_t n = f->nslots ? f->nslots * 2 : 128;
    size_t *t = calloc(n, sizeof *t);
    if (!t)
        return -1;
    free(f->slots);
    f->slots = t;
    f->nslots = n;
    for (size_t i = 0; i < f->count; i++)
        slot_put(f, i);
    return 0;
}

/* Adds child to the innermost frame; a repeated key replaces the earlier
 * value in place (Python's dict keeps the first position, last value). */
static int frame_add(frame *f, ls_jnode *child)
{
    if (f->node->type == LS_J_OBJECT) {
        long i = frame_find(f, f->pending_key);
        if (i >= 0) {
            f->items[i] = child;
            return 0;
        }
    }
    if (f->count == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 8;
        ls_jnode **it = realloc(f->items, cap * sizeof *it);
        if (!it)
            return -1;
        f->items = it;
        if (f->node->type == LS_J_OBJECT) {
            const char **k = realloc(f->keys, cap * sizeof *k);
            if (!k)
                return -1;
            f->keys = k;
        }
        f->cap = cap;
    }
    f->items[f->count] = child;
    if (f->node->type == LS_J_OBJECT) {
        f->keys[f->count] = f->pending_key;
        if (f->slots && f->count * 2 < f->nslots)
            slot_put(f, f->count);
        f->count++;
        return frame_index(f);
    }
    f->count++;
    return 0;
}

/* Moves a finished frame's children into the arena. */
static int frame_finish(parser *P, frame *f)
{
    ls_jnode *n = f->node;
    n->count = f->count;
    if (f->count) {
        n->items = arena_alloc(P->doc, f->count * sizeof *n->items);
        if (!n->items)
            return -1;
        memcpy(n->items, f->items, f->count * sizeof *n->items);
        if (n->type == LS_J_OBJECT) {
            n->keys = arena_alloc(P->doc, f->count * sizeof *n->keys);
            if (!n->keys)
                return -1;
            memcpy(n->keys, f->keys, f->count * sizeof *n->keys);
        }
    }
    free(f->items);
    free(f->keys);
    free(f->slots);
    f->items = NULL;
    f->keys = NULL;
    f->slots = NULL;
    return 0;
}

static int parse(parser *P, int max_depth)
{
    ls_jnode *node = NULL;
    const unsigned char *q = NULL, *errp = NULL;
    const char *msg = NULL;

value:
    skip_ws(P);
    if (P->p >= P->end)
        return perr(P, P->end, P->nframes ? "unexpected end of input" : "empty document");
    node = arena_alloc(P->doc, sizeof *node);
    if (!node)
        return perr(P, P->p, "out of memory");
    memset(node, 0, sizeof *node);
    switch (*P->p) {
    case '{':
    case '[': {
        if ((int)P->nframes >= max_depth) {
            char m[96];
            snprintf(m, sizeof m, "nesting deeper than %d levels", max_depth);
            return perr(P, P->p, m);
        }
        if (P->nframes == P->capframes) {
            size_t cap = P->capframes ? P->capframes * 2 : 16;
            frame *fr = realloc(P->frames, cap * sizeof *fr);
            if (!fr)
                return perr(P, P->p, "out of memory");
            P->frames = fr;
            P->capframes = cap;
        }
        node->type = *P->p == '{' ? LS_J_OBJECT : LS_J_ARRAY;
        frame *f = &P->frames[P->nframes++];
        memset(f, 0, sizeof *f);
        f->node = node;
        P->p++;
        skip_ws(P);
        if (P->p < P->end && *P->p == (node->type == LS_J_OBJECT ? '}' : ']')) {
            P->p++;
            goto close;
        }
        if (node->type == LS_J_OBJECT)
            goto key;
        goto value;
    }
    case '"':
        P->p++;
        node->type = LS_J_STRING;
        if (parse_string(P, &node->str, &node->str_len, &node->bad_utf8, 0) != 0)
            return -1;
        goto got;
    case 't':
    case 'f':
    case 'n': {
        const char *w = *P->p == 't' ? "true" : *P->p == 'f' ? "false" : "null";
        size_t wl = strlen(w);
        if ((size_t)(P->end - P->p) < wl || memcmp(P->p, w, wl) != 0)
            return perr(P, P->p, "invalid literal");
        node->type = w[0] == 't' ? LS_J_TRUE : w[0] == 'f' ? LS_J_FALSE : LS_J_NULL;
        P->p += wl;
        goto got;
    }
    default: {
        int rc = ls_js_number(P->p, P->end, 1, &q, &errp, &msg);
        if (rc == LS_JS_MORE)
            return perr(P, P->end, "unexpected end of input");
        if (rc != LS_JS_OK) {
            if (errp == P->p && !(*P->p == '-' || (*P->p >= '0' && *P->p <= '9')))
                msg = "expected a value";
            return perr(P, errp, msg);
        }
        size_t n = (size_t)(q - P->p);
        char *m = arena_alloc(P->doc, n + 1);
        if (!m)
            return perr(P, P->p, "out of memory");
        memcpy(m, P->p, n);
        m[n] = '\0';
        node->type = LS_J_NUMBER;
        node->str = m;
        node->str_len = n;
        P->p = q;
        goto got;
    }
    }

close:
    /* the innermost frame's closing bracket was consumed */
    {
        frame *f = &P->frames[P->nframes - 1];
        node = f->node;
        if (frame_finish(P, f) != 0)
            return perr(P, P->p, "out of memory");
        P->nframes--;
    }
    goto got;

got:
    if (P->nframes == 0) {
        P->doc->root = node;
        skip_ws(P);
        if (P->p < P->end)
            return perr(P, P->p, "extra data after the JSON value");
        return 0;
    }
    {
        frame *f = &P->frames[P->nframes - 1];
        if (frame_add(f, node) != 0)
            return perr(P, P->p, "out of memory");
        skip_ws(P);
        if (P->p >= P->end)
            return perr(P, P->end, "unexpected end of input");
        int obj = f->node->type == LS_J_OBJECT;
        if (*P->p == ',') {
            P->p++;
            if (obj)
                goto key;
            goto value;
        }
        if (*P->p == (obj ? '}' : ']')) {
            P->p++;
            goto close;
        }
        return perr(P, P->p, obj ? "expected ',' or '}' after an object member"
                                 : "expected ',' or ']' after an array element");
    }

key:
    skip_ws(P);
    if (P->p >= P->end)
        return perr(P, P->end, "unexpected end of input");
    if (*P->p != '"')
        return perr(P, P->p, *P->p == '}' ? "trailing comma before '}'" : "expected a string key");
    P->p++;
    {
        frame *f = &P->frames[P->nframes - 1];
        size_t kl;
        if (parse_string(P, &f->pending_key, &kl, NULL, 1) != 0)
            return -1;
    }
    skip_ws(P);
    if (P->p >= P->end)
        return perr(P, P->end, "unexpected end of input");
    if (*P->p != ':')
        return perr(P, P->p, "expected ':' after an object key");
    P->p++;
    goto value;
}

ls_jdoc *ls_jdoc_parse(const char *text, size_t len, int max_depth, ls_jerror *err)
{
    ls_jdoc *doc = calloc(1, sizeof *doc);
    if (!doc) {
        if (err) {
            err->offset = 0;
            snprintf(err->message, sizeof err->message, "out of memory");
        }
        return NULL;
    }
    if (max_depth <= 0)
        max_depth = LS_JSON_DEFAULT_DEPTH;
    parser P = {0};
    P.doc = doc;
    P.s = P.p = (const unsigned char *)text;
    P.end = P.s + len;
    P.err = err;
    int rc = parse(&P, max_depth);
    for (size_t i = 0; i < P.nframes; i++) {
        free(P.frames[i].items);
        free(P.frames[i].keys);
        free(P.frames[i].slots);
    }
    free(P.frames);
    free(P.scratch);
    if (rc != 0) {
        ls_jdoc_free(doc);
        return NULL;
    }
    return doc;
}

const ls_jnode *ls_jdoc_root(const ls_jdoc *doc)
{
    return doc ? doc->root : NULL;
}

void ls_jdoc_free(ls_jdoc *doc)
{
    if (!doc)
        return;
    arena_block *b = doc->blocks;
    while (b) {
        arena_block *n = b->next;
        free(b);
        b = n;
    }
    free(doc);
}

const ls_jnode *ls_jnode_get(const ls_jnode *obj, const char *key)
{
    if (!obj || obj->type != LS_J_OBJECT || !key)
        return NULL;
    size_t kl = strlen(key);
    for (size_t i = 0; i < obj->count; i++)
        if (key_len(obj->keys[i]) == kl && memcmp(obj->keys[i], key, kl) == 0)
            return obj->items[i];
    return NULL;
}

int ls_jnode_is_int(const ls_jnode *n)
{
    if (!n || n->type != LS_J_NUMBER)
        return 0;
    for (size_t i = 0; i < n->str_len; i++) {
        char c = n->str[i];
        if (!(c == '-' || (c >= '0' && c <= '9')))
            return 0; /* '.', 'e', NaN, Infinity */
    }
    return 1;
}
