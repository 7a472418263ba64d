/* leadsieve score: matching quality against labeled leads (see score.h). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "engine/dedup.h"
#include "engine/engine.h"
#include "matcher/matcher.h"
#include "tuning/leadref.h"
#include "tuning/misses.h"
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
    ls_buf key_scratch;
    ls_tally persona_index;   /* persona name -> its index */
    const char **persona_names;

    ls_tally labels;          /* table: key -> entry */
    int *label_code;          /* per entry: persona, LS_LABEL_NONE or other_code(index) */
    unsigned char *label_used;
    size_t labels_cap;
    ls_tally other;           /* label field values that are no persona; count = leads */
    char **other_files;       /* per other name: where a lead first had it */
    uint64_t *other_lines;
    size_t other_cap;
    ls_tally keys_seen;       /* top-level field names, while no lead has the label field */

    /* miss classes: key = persona (4 bytes) side (1) kind (1) detail; count = leads */
    ls_tally classes;
    ls_tally titles;          /* key = class index (4 bytes) + norm(title) */
    ls_buf key;               /* scratch for the two keys above */

    uint64_t *tp, *fp, *fn, *labeled, *assigned;
    ls_tally confusion;       /* key = label row, assigned column (2 x 8 bytes) */
    ls_misses misses;         /* every miss, with its lead */
    ls_leadref_buf ref;       /* the lead of the miss being kept */
    /* while no label's key has been a lead's: the lead fields whose values
     * are label keys (count = leads), and the first lead key seen */
    ls_tally keyed_by;
    ls_buf lead_key_example;
    int lead_key_seen;
    ls_score_result res;
    int finished;
    ls_status error;
    ls_score_observe_fn observe;
    void *observe_user;

    /* result storage */
    ls_score_persona *personas;
    ls_score_class *class_store;
    const char **other_names;
    const char **other_suggestions;
    ls_score_cell *cells;
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
                            opt ? opt->input_format : LS_INPUT_AUTO, 0, 0, 0};
    ls_walk_init(&s->walk, on_lead, s, &sink, &lim);
    ls_tally_init(&s->labels);
    ls_tally_init(&s->other);
    ls_tally_init(&s->keys_seen);
    ls_tally_init(&s->persona_index);
    ls_tally_init(&s->classes);
    ls_tally_init(&s->titles);
    ls_tally_init(&s->confusion);
    ls_tally_init(&s->keyed_by);
    ls_misses_init(&s->misses);
    ls_matcher_new(req, &s->m);
    ls_normalizer_new(&s->nz);
    s->tp = alloc_counts(s->np);
    s->fp = alloc_counts(s->np);
    s->fn = alloc_counts(s->np);
    s->labeled = alloc_counts(s->np);
    s->assigned = alloc_counts(s->np);
    if (opt && opt->label_field)
        s->label_field = strdup(opt->label_field);
    s->persona_names = calloc(s->np, sizeof *s->persona_names);
    int names_ok = s->persona_names != NULL;
    for (size_t i = 0; names_ok && i < s->np; i++) {
        s->persona_names[i] = ls_request_persona_name(req, i);
        /* names are unique (validated): entry i is persona i */
        names_ok = ls_tally_put(&s->persona_index, s->persona_names[i],
                                strlen(s->persona_names[i]), NULL) == (long)i;
    }
    if (!s->m || !s->nz || !s->tp || !s->fp || !s->fn || !s->labeled || !s->assigned ||
        !names_ok || (opt && opt->label_field && !s->label_field)) {
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
    ls_buf_free(&s->key_scratch);
    ls_tally_free(&s->persona_index);
    free(s->persona_names);
    for (size_t i = 0; i < s->other.n && i < s->other_cap; i++)
        free(s->other_files[i]);
    free(s->other_files);
    free(s->other_lines);
    free(s->other_suggestions);
    ls_tally_free(&s->keys_seen);
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
    ls_tally_free(&s->confusion);
    ls_tally_free(&s->keyed_by);
    ls_buf_free(&s->lead_key_example);
    ls_misses_free(&s->misses);
    ls_leadref_buf_free(&s->ref);
    free(s->cells);
    free(s->class_store);
    free(s->personas);
    free(s->other_names);
    free(s);
}

/* ---- labels ---- */

/* Labels naming no persona are coded below every LS_LABEL_* value, one code
 * per distinct name, so that the name can be counted. */
enum { OTHER_BASE = -16, LABEL_NOMEM = INT_MIN };

/* Distinct top-level field names kept while no lead has had the label
 * field: plenty for a "did you mean", bounded whatever the leads hold. */
enum { KEYS_SEEN_MAX = 4096 };

static int other_code(long index)
{
    return OTHER_BASE - (int)index;
}

static int is_other(int code)
{
    return code <= OTHER_BASE;
}

/* Persona index of a label name, LS_LABEL_NONE for "-", else
 * LS_LABEL_OTHER (exact bytes, as names are unique exact strings). */
static int persona_of_label(const ls_score *s, const char *name, size_t len)
{
    if (len == 1 && name[0] == '-')
        return LS_LABEL_NONE;
    long i = ls_tally_find(&s->persona_index, name, len);
    return i < 0 ? LS_LABEL_OTHER : (int)i;
}

/* The persona name closest to a label, or NULL. */
static const char *near_persona(const ls_score *s, const char *name, size_t len)
{
    return ls_suggest(name, len, s->persona_names, s->np);
}

/* Appends a label as the messages show it: at most 120 bytes (a whole
 * UTF-8 sequence at the cut), a NUL as \0. */
static int put_label(ls_buf *b, const char *name, size_t len)
{
    enum { SHOWN = 120 };
    size_t n = len;
    if (n > SHOWN) {
        n = SHOWN;
        while (n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80)
            n--;
    }
    for (size_t i = 0; i < n; i++)
        if (name[i] ? ls_buf_putc(b, name[i]) != 0 : ls_buf_append(b, "\\0", 2) != 0)
            return -1;
    return n < len ? ls_buf_append(b, "...", 3) : 0;
}

/* Remembers a label field value that names no persona: counted, and where
 * a lead first had it.  Its code, or LABEL_NOMEM. */
static int other_label(ls_score *s, const char *name, size_t len)
{
    int fresh;
    long o = ls_tally_put(&s->other, name, len, &fresh);
    if (o < 0 || o > INT_MAX / 2) /* codes stay within int */
        return LABEL_NOMEM;
    if (fresh) {
        if ((size_t)o >= s->other_cap) {
            size_t cap = s->other_cap ? s->other_cap * 2 : 16;
            char **files = realloc(s->other_files, cap * sizeof *files);
            if (!files)
                return LABEL_NOMEM;
            memset(files + s->other_cap, 0, (cap - s->other_cap) * sizeof *files);
            s->other_files = files;
            uint64_t *lines = realloc(s->other_lines, cap * sizeof *lines);
            if (!lines)
                return LABEL_NOMEM;
            s->other_lines = lines;
            s->other_cap = cap;
        }
        s->other_lines[o] = ls_walk_line(&s->walk);
        s->other_files[o] = strdup(ls_walk_file(&s->walk));
        if (!s->other_files[o])
            return LABEL_NOMEM;
    }
    return other_code(o);
}

static int add_label(ls_score *s, const char *key, size_t klen, int code)
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
    s->label_code[i] = code;
    s->label_used[i] = 0;
    s->res.label_entries++;
    return 0;
}

/* A problem of the labels table, until all are known and put in line
 * order: a fixed hint, or (hint NULL) the label naming no persona that
 * unknown's entry `label` counts. */
typedef struct label_problem {
    uint64_t line;
    const char *hint;
    long label;
} label_problem;

typedef struct label_problems {
    label_problem *v;
    size_t n, cap;
    ls_tally unknown;   /* labels naming no persona: count = lines */
} label_problems;

static int note_problem(label_problems *lp, uint64_t line, const char *hint, long label)
{
    if (lp->n == lp->cap) {
        size_t cap = lp->cap ? lp->cap * 2 : 16;
        label_problem *v = realloc(lp->v, cap * sizeof *v);
        if (!v)
            return -1;
        lp->v = v;
        lp->cap = cap;
    }
    lp->v[lp->n++] = (label_problem){line, hint, label};
    return 0;
}

static int problem_cmp(const void *a, const void *b)
{
    const label_problem *x = a, *y = b;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* The hint for a label naming no persona, seen on `lines` lines. */
static int unknown_hint(const ls_score *s, ls_buf *h, const char *label, size_t len,
                        uint64_t lines)
{
    const char *near = near_persona(s, label, len);
    int none_like = (len == 4 && (strncasecmp(label, "none", 4) == 0 ||
                                  strncasecmp(label, "null", 4) == 0));
    if (ls_buf_append(h, "label \"", 7) != 0 || put_label(h, label, len) != 0 ||
        ls_buf_printf(h, "\" names no persona of the request") != 0)
        return -1;
    if (near && ls_buf_printf(h, "; did you mean \"%s\"?", near) != 0)
        return -1;
    if (!near && none_like && ls_buf_printf(h, "; write - for \"should match no persona\"") != 0)
        return -1;
    if (!near && !none_like &&
        ls_buf_printf(h, "; write a persona's name exactly, or - for no persona") != 0)
        return -1;
    if (lines > 1 && ls_buf_printf(h, " (the first of %llu lines with it)",
                                   (unsigned long long)lines) != 0)
        return -1;
    return 0;
}

/* The problems in line order; LS_E_USAGE, or LS_E_NOMEM. */
static ls_status report_label_problems(const ls_score *s, const char *name, label_problems *lp,
                                       ls_problems **errors)
{
    ls_problems *probs = ls_problems_new();
    if (!probs)
        return LS_E_NOMEM;
    qsort(lp->v, lp->n, sizeof *lp->v, problem_cmp);
    ls_buf path = {0}, hint = {0};
    int bad = 0;
    for (size_t i = 0; !bad && i < lp->n; i++) {
        const label_problem *p = &lp->v[i];
        ls_buf_clear(&path);
        ls_buf_clear(&hint);
        bad = (p->line ? ls_buf_printf(&path, "%s:%llu", name, (unsigned long long)p->line)
                       : ls_buf_printf(&path, "%s", name)) != 0;
        if (!bad && !p->hint) {
            size_t len;
            const char *label = ls_tally_key(&lp->unknown, (size_t)p->label, &len);
            bad = unknown_hint(s, &hint, label, len, lp->unknown.count[p->label]) != 0;
        }
        if (!bad)
            bad = ls_problems_add(probs, path.data, p->hint ? p->hint : hint.data) != 0;
    }
    ls_buf_free(&path);
    ls_buf_free(&hint);
    if (bad) {
        ls_problems_free(probs);
        return LS_E_NOMEM;
    }
    *errors = probs;
    return LS_E_USAGE;
}

/* One line of the table: a problem noted, or the label added. */
static int load_line(ls_score *s, label_problems *lp, uint64_t lineno, const char *line, size_t n)
{
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
    if (hint)
        return note_problem(lp, lineno, hint, -1);
    const char *label = tab + 1;
    size_t llen = (size_t)(line + n - label);
    int code = persona_of_label(s, label, llen);
    if (code == LS_LABEL_OTHER) {
        /* every line is checked, also a key labeled again: the table is
         * what the user wrote, and it names a persona or - throughout */
        int fresh;
        long u = ls_tally_put(&lp->unknown, label, llen, &fresh);
        if (u < 0)
            return -1;
        lp->unknown.count[u]++;
        return fresh ? note_problem(lp, lineno, NULL, u) : 0;
    }
    return add_label(s, line, (size_t)(tab - line), code);
}

ls_status ls_score_load_labels(ls_score *s, const char *name, const char *text, size_t len,
                               ls_problems **errors)
{
    *errors = NULL;
    label_problems lp;
    memset(&lp, 0, sizeof lp);
    ls_tally_init(&lp.unknown);
    uint64_t lineno = 0;
    ls_status st = LS_OK;
    for (size_t pos = 0; pos < len && st == LS_OK;) {
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
        if (load_line(s, &lp, lineno, line, n) != 0)
            st = LS_E_NOMEM;
    }
    if (st == LS_OK && lp.n)
        st = report_label_problems(s, name, &lp, errors);
    free(lp.v);
    ls_tally_free(&lp.unknown);
    return st;
}

/* ---- labels from records: a JSON, JSONL or CSV file read as leads ---- */

/* Distinct member names kept for a "did you mean" when no record has the
 * label field. */
enum { RECORD_NAMES_MAX = 4096 };

typedef struct record_labels {
    const char *field;
    size_t field_len;
    ls_tally names;      /* the records' member names (bounded) */
    uint64_t with_field; /* records that have the field */
    ls_buf dec, key;
} record_labels;

/* A member's value decoded (strings) or as written, into b. */
static int decoded(ls_buf *b, const ls_jval *v, const char **p, size_t *n)
{
    *p = v->p;
    *n = v->len;
    if (v->type != LS_J_STRING || !v->has_escape)
        return 0;
    ls_buf_clear(b);
    if (ls_buf_reserve(b, v->len + 1) != 0)
        return -1;
    unsigned fl = 0;
    *n = ls_jstr_decode(v->p, v->len, b->data, &fl);
    *p = b->data;
    return 0;
}

/* One record: its label under its lead key (the duplicate key's rule, else
 * a lead_key member, as the TSV's first column), or a problem noted. */
static int record_label(ls_score *s, record_labels *rl, label_problems *lp, const ls_lead *lead,
                        uint64_t line)
{
    ls_jval obj = {lead->raw, lead->raw_len, LS_J_OBJECT, 0, 0}, k, v, label = {0}, lead_key = {0};
    size_t pos = 0;
    int found = 0;
    while (ls_jval_next(&obj, &pos, &k, &v)) {
        const char *kp;
        size_t kl;
        if (decoded(&rl->dec, &k, &kp, &kl) != 0)
            return -1;
        if (kl == rl->field_len && memcmp(kp, rl->field, kl) == 0) {
            label = v; /* the last one wins, as for every field */
            found = 1;
        } else if (kl == 8 && memcmp(kp, "lead_key", 8) == 0) {
            lead_key = v;
        }
        if (!rl->with_field && rl->names.n < RECORD_NAMES_MAX &&
            ls_tally_put(&rl->names, kp, kl, NULL) < 0)
            return -1;
    }
    if (!found)
        return 0; /* not labeled, as a lead without --label-field's field */
    rl->with_field++;
    const char *key;
    size_t klen;
    int has = ls_dedup_key(lead, &rl->key, &key, &klen);
    if (has < 0)
        return -1;
    if (has) {
        key += 2; /* the field and type tag */
        klen -= 2;
    } else if ((lead_key.type == LS_J_STRING || lead_key.type == LS_J_NUMBER) &&
               !ls_jval_is_blank(&lead_key)) {
        ls_buf_clear(&rl->key);
        const char *p;
        if (decoded(&rl->dec, &lead_key, &p, &klen) != 0 || ls_buf_append(&rl->key, p, klen) != 0)
            return -1;
        key = rl->key.data;
    } else {
        return note_problem(lp, line, "the record has no lead key (sales_id, lead_id, id, "
                                      "linkedin_url, linkedin_id, or lead_key)", -1);
    }
    int code;
    if (label.type == LS_J_NULL) {
        code = LS_LABEL_NONE;
    } else if (label.type != LS_J_STRING) {
        return note_problem(lp, line, "the label is not a string: write a persona's name, or - "
                                      "(or null) for no persona", -1);
    } else {
        const char *p;
        size_t n;
        if (decoded(&rl->dec, &label, &p, &n) != 0)
            return -1;
        code = n == 0 ? LS_LABEL_NONE : persona_of_label(s, p, n);
        if (code == LS_LABEL_OTHER) {
            int fresh;
            long u = ls_tally_put(&lp->unknown, p, n, &fresh);
            if (u < 0)
                return -1;
            lp->unknown.count[u]++;
            return fresh ? note_problem(lp, line, NULL, u) : 0;
        }
    }
    return add_label(s, key, klen, code);
}

/* No record has the field: a problem naming the closest member name. */
static int no_field_problem(record_labels *rl, label_problems *lp, ls_buf *hint)
{
    size_t n = rl->names.n;
    const char **names = calloc(n ? n : 1, sizeof *names);
    if (!names)
        return -1;
    for (size_t i = 0; i < n; i++)
        names[i] = ls_tally_key(&rl->names, i, NULL);
    const char *near = ls_suggest(rl->field, rl->field_len, names, n);
    int bad = ls_buf_printf(hint, "no record has the label field \"%s\"", rl->field) != 0 ||
              (near && ls_buf_printf(hint, "; did you mean \"%s\"?", near) != 0);
    free(names);
    return bad ? -1 : note_problem(lp, 0, hint->data, -1);
}

ls_status ls_score_load_labels_path(ls_score *s, const char *path, const char *field,
                                    ls_problems **errors)
{
    if (!errors)
        return LS_E_USAGE;
    *errors = NULL;
    if (!s || !path || s->label_field)
        return LS_E_USAGE;
    record_labels rl;
    memset(&rl, 0, sizeof rl);
    rl.field = field && *field ? field : "persona";
    rl.field_len = strlen(rl.field);
    ls_tally_init(&rl.names);
    label_problems lp;
    memset(&lp, 0, sizeof lp);
    ls_tally_init(&lp.unknown);
    ls_stream st;
    ls_stream_init(&st, &s->walk.stream.sink, &s->walk.stream.lim);
    ls_status rc = ls_stream_add_file(&st, path);
    ls_item item;
    while (rc == LS_OK && ls_stream_next(&st, &item, &rc))
        if (record_label(s, &rl, &lp, item.lead, ls_stream_line(&st, &item)) != 0)
            rc = LS_E_NOMEM;
    int unreadable = st.stats.files_failed != 0;
    ls_stream_free(&st);
    ls_buf hint = {0};
    if (rc == LS_OK && !unreadable && !rl.with_field && no_field_problem(&rl, &lp, &hint) != 0)
        rc = LS_E_NOMEM;
    if (rc == LS_OK && unreadable)
        rc = LS_E_IO; /* reported through the score's on_diag */
    if (rc == LS_OK && lp.n)
        rc = report_label_problems(s, path, &lp, errors);
    ls_buf_free(&hint);
    free(lp.v);
    ls_tally_free(&lp.unknown);
    ls_tally_free(&rl.names);
    ls_buf_free(&rl.dec);
    ls_buf_free(&rl.key);
    return rc;
}

const ls_request *ls_score_request(const ls_score *s)
{
    return s->req;
}

int ls_score_label_of(const ls_score *s, const char *key, size_t len)
{
    long i = key && !s->label_field ? ls_tally_find(&s->labels, key, len) : -1;
    return i < 0 ? LS_LABEL_ABSENT : s->label_code[i];
}

/* The label field's value in a lead (*found 0 when it has none); the
 * lead's top-level field names are kept while no lead has had the field,
 * for a "did you mean".  -1 when memory runs out. */
static int label_field_value(ls_score *s, const ls_lead *lead, ls_jval *out, int *found)
{
    ls_jval obj = {lead->raw, lead->raw_len, LS_J_OBJECT, 0, 0};
    int collect = !s->res.label_field_leads && s->keys_seen.n < KEYS_SEEN_MAX;
    size_t pos = 0, want = strlen(s->label_field);
    ls_jval k, v;
    *found = 0;
    while (ls_jval_next(&obj, &pos, &k, &v)) {
        const char *kp = k.p;
        size_t kl = k.len;
        if (k.has_escape) {
            ls_buf_clear(&s->key_scratch);
            if (ls_buf_reserve(&s->key_scratch, k.len) != 0)
                return -1;
            unsigned fl = 0;
            kl = ls_jstr_decode(k.p, k.len, s->key_scratch.data, &fl);
            kp = s->key_scratch.data;
        }
        if (kl == want && memcmp(kp, s->label_field, kl) == 0) {
            *out = v; /* the last one wins, as for every field */
            *found = 1;
        }
        if (collect && s->keys_seen.n < KEYS_SEEN_MAX && ls_tally_put(&s->keys_seen, kp, kl, NULL) < 0)
            return -1;
    }
    s->res.label_field_leads += *found;
    return 0;
}

/* A lead whose key no label has, while none has matched yet: its key kept
 * as an example, and its other identifiers looked up among the labels'
 * keys, for the hint when no label matches at all.  -1 (memory). */
static int note_unmatched(ls_score *s, const ls_lead *lead, const char *key, size_t key_len)
{
    static const ls_field ids[] = {LS_F_SALES_ID, LS_F_LEAD_ID, LS_F_ID, LS_F_LINKEDIN_URL,
                                   LS_F_LINKEDIN_ID};
    int kf = ls_lead_key_field(lead);
    if (key && !s->lead_key_seen) {
        s->lead_key_seen = 1;
        s->res.lead_key_example_field = ls_field_name((ls_field)kf);
        if (ls_buf_append(&s->lead_key_example, key, key_len) != 0 ||
            ls_buf_putc(&s->lead_key_example, '\0') != 0)
            return -1;
    }
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        const ls_jval *v = &lead->f[ids[i]];
        if ((int)ids[i] == kf || (v->type != LS_J_STRING && v->type != LS_J_NUMBER) ||
            ls_jval_is_blank(v))
            continue;
        const char *p = v->p;
        size_t n = v->len;
        if (v->type == LS_J_STRING && v->has_escape) {
            ls_buf_clear(&s->key_scratch);
            if (ls_buf_reserve(&s->key_scratch, v->len) != 0)
                return -1;
            unsigned fl = 0;
            n = ls_jstr_decode(v->p, v->len, s->key_scratch.data, &fl);
            p = s->key_scratch.data;
        }
        if (ls_tally_find(&s->labels, p, n) < 0)
            continue;
        const char *name = ls_field_name(ids[i]);
        long f = ls_tally_put(&s->keyed_by, name, strlen(name), NULL);
        if (f < 0)
            return -1;
        s->keyed_by.count[f]++;
    }
    return 0;
}

/* The label of one lead; LABEL_NOMEM when memory runs out. */
static int lead_label(ls_score *s, const ls_lead *lead, const char *key, size_t key_len)
{
    if (!s->label_field) {
        long i = key ? ls_tally_find(&s->labels, key, key_len) : -1;
        if (i >= 0) {
            s->label_used[i] = 1;
            s->lead_key_seen = 2;      /* a label matched: no hint needed */
            return s->label_code[i];
        }
        if (s->lead_key_seen < 2 && note_unmatched(s, lead, key, key_len) != 0)
            return LABEL_NOMEM;
        return LS_LABEL_ABSENT;
    }
    ls_jval v;
    int found;
    if (label_field_value(s, lead, &v, &found) != 0)
        return LABEL_NOMEM;
    if (!found)
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
    int code = persona_of_label(s, p, n);
    return code == LS_LABEL_OTHER ? other_label(s, p, n) : code;
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

/* One row of the list of misses: the persona's own checks on the title
 * beside the reason class. */
static int keep_miss(ls_score *s, ls_score_miss *row, int fp, size_t p, ls_miss_kind kind,
                     const char *detail, const char *norm, size_t norm_len, long other)
{
    row->false_positive = fp;
    row->persona = p;
    row->kind = kind;
    row->detail = detail;
    row->function = row->seniority = row->prohibit = row->prohibit_token = NULL;
    const ls_persona_trace *t = row->filter ? NULL : ls_matcher_trace(s->m, p);
    if (t) {
        if (t->function >= 0)
            row->function = ls_request_keyword(s->req, p, LS_KW_FUNCTIONS, (size_t)t->function);
        if (t->seniority >= 0)
            row->seniority = ls_request_keyword(s->req, p, LS_KW_SENIORITIES, (size_t)t->seniority);
        if (t->prohibit >= 0) {
            row->prohibit = ls_request_keyword(s->req, p, LS_KW_PROHIBITS, (size_t)t->prohibit);
            row->prohibit_token = t->prohibit_token;
        }
    }
    return ls_misses_add(&s->misses, row, norm, norm_len, other);
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
    uint64_t cell[2] = {row, col};
    long c = ls_tally_put(&s->confusion, cell, sizeof cell, NULL);
    if (c < 0)
        return LS_E_NOMEM;
    s->confusion.count[c]++;
    long other = is_other(label) ? (long)(OTHER_BASE - label) : -1;
    if (is_other(label)) {
        s->res.other_labeled++;
        s->other.count[OTHER_BASE - label]++;
        label = LS_LABEL_OTHER;
    }
    if (s->observe) {
        size_t nlen = 0;
        const char *norm =
            v.outcome == LS_DROPPED_BY_FILTER ? NULL : ls_matcher_title_norm(s->m, &nlen);
        st = s->observe(s->observe_user, lead, key, key_len, label, &v, norm, nlen);
        if (st != LS_OK)
            return st;
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
    ls_score_miss miss;
    memset(&miss, 0, sizeof miss);
    if (ls_leadref_fill(&s->ref, s->m, lead, ls_walk_file(&s->walk), ls_walk_line(&s->walk),
                        ls_walk_index(&s->walk), &miss.lead) != 0)
        return LS_E_NOMEM;
    miss.label = label;
    miss.assigned = assigned;
    miss.filter = v.filter;
    const char *detail;
    if (label >= 0) {
        s->fn[label]++;
        ls_miss_kind k = fn_reason(s, (size_t)label, &v, &detail);
        if (record_miss(s, (size_t)label, 0, k, detail, title, tlen) != 0 ||
            keep_miss(s, &miss, 0, (size_t)label, k, detail, title, tlen, other) != 0)
            return LS_E_NOMEM;
    }
    if (assigned >= 0) {
        s->fp[assigned]++;
        ls_miss_kind k = fp_reason(s, (size_t)assigned, &detail);
        if (record_miss(s, (size_t)assigned, 1, k, detail, title, tlen) != 0 ||
            keep_miss(s, &miss, 1, (size_t)assigned, k, detail, title, tlen, other) != 0)
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

ls_status ls_score_add_leads(ls_score *s, const ls_leads *leads)
{
    if (!s || !leads)
        return LS_E_USAGE;
    ls_status st = check_open(s);
    if (st == LS_OK && (st = ls_walk_leads(&s->walk, leads)) != LS_OK)
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

/* No lead has the label field: the closest of the field names they have. */
static int label_field_suggest(ls_score *s)
{
    size_t n = s->keys_seen.n;
    const char **keys = calloc(n ? n : 1, sizeof *keys);
    if (!keys)
        return -1;
    for (size_t i = 0; i < n; i++)
        keys[i] = ls_tally_key(&s->keys_seen, i, NULL);
    s->res.label_field_suggestion = ls_suggest(s->label_field, strlen(s->label_field), keys, n);
    free(keys);
    return 0;
}

/* No label's key was a lead's: examples of both keys, and the lead field
 * whose values most labels' keys are. */
static int unmatched_hint(ls_score *s)
{
    ls_score_result *r = &s->res;
    if (!s->labels.n || r->labels_unused < s->labels.n)
        return 0;
    r->label_key_example = ls_tally_key(&s->labels, 0, NULL);
    r->lead_key_example = s->lead_key_seen ? s->lead_key_example.data : NULL;
    if (!r->lead_key_example)
        r->lead_key_example_field = NULL;
    for (size_t i = 0; i < s->keyed_by.n; i++)
        if (s->keyed_by.count[i] > r->labels_keyed_by_count) {
            r->labels_keyed_by = ls_tally_key(&s->keyed_by, i, NULL);
            r->labels_keyed_by_count = s->keyed_by.count[i];
        }
    return 0;
}

static int cell_cmp(const void *a, const void *b)
{
    const ls_score_cell *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    if (x->label != y->label)
        return x->label < y->label ? -1 : 1;
    return x->assigned < y->assigned ? -1 : x->assigned > y->assigned;
}

/* The confusion's cells that hold leads, most first. */
static int build_cells(ls_score *s)
{
    size_t n = s->confusion.n;
    s->cells = calloc(n ? n : 1, sizeof *s->cells);
    if (!s->cells)
        return -1;
    for (size_t i = 0; i < n; i++) {
        uint64_t cell[2];
        memcpy(cell, ls_tally_key(&s->confusion, i, NULL), sizeof cell);
        s->cells[i].label = (size_t)cell[0];
        s->cells[i].assigned = (size_t)cell[1];
        s->cells[i].count = s->confusion.count[i];
    }
    qsort(s->cells, n, sizeof *s->cells, cell_cmp);
    s->res.cells = s->cells;
    s->res.ncells = n;
    return 0;
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
    s->other_suggestions = calloc(s->other.n ? s->other.n : 1, sizeof *s->other_suggestions);
    if (!s->personas || !s->other_names || !s->other_suggestions)
        return s->error = LS_E_NOMEM;
    ls_score_result *r = &s->res;
    r->input = s->walk.stats;
    for (size_t i = 0; i < s->labels.n; i++)
        r->labels_unused += !s->label_used[i];
    for (size_t i = 0; i < s->other.n; i++) {
        size_t len;
        s->other_names[i] = ls_tally_key(&s->other, i, &len);
        s->other_suggestions[i] = near_persona(s, s->other_names[i], len);
    }
    r->nother = s->other.n;
    r->other_names = s->other_names;
    r->other_counts = s->other.count;
    r->other_files = (const char *const *)s->other_files;
    r->other_lines = s->other_lines;
    r->other_suggestions = s->other_suggestions;
    if (s->label_field && !r->label_field_leads && label_field_suggest(s) != 0)
        return s->error = LS_E_NOMEM;
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
    if (build_cells(s) != 0 ||
        ls_misses_finish(&s->misses, s->persona_names, s->other_names, &r->misses,
                         &r->nmisses) != 0 ||
        (!s->label_field && unmatched_hint(s) != 0))
        return s->error = LS_E_NOMEM;
    ls_status st = build_classes(s);
    if (st != LS_OK)
        return s->error = st;
    s->finished = 1;
    *out = r;
    return LS_OK;
}

void ls_score_set_observer(ls_score *s, ls_score_observe_fn fn, void *user)
{
    s->observe = fn;
    s->observe_user = user;
}
