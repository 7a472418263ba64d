/* score's misses (see misses.h): rows whose strings are offsets into one
 * growing text until the score is finished. */
#include <stdlib.h>
#include <string.h>
#include "tuning/misses.h"

typedef struct kept_miss {
    ls_score_miss row;     /* lead's strings and label_name unset until finished */
    ls_leadref_kept lead;
    size_t norm;
    long other;
} kept_miss;

void ls_misses_init(ls_misses *m)
{
    memset(m, 0, sizeof *m);
    ls_tally_init(&m->files);
}

void ls_misses_free(ls_misses *m)
{
    ls_buf_free(&m->text);
    ls_tally_free(&m->files);
    free(m->v);
    free(m->out);
    memset(m, 0, sizeof *m);
}

int ls_misses_add(ls_misses *m, const ls_score_miss *row, const char *norm, size_t norm_len,
                  long other)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        kept_miss *v = realloc(m->v, cap * sizeof *v);
        if (!v)
            return -1;
        m->v = v;
        m->cap = cap;
    }
    kept_miss *k = &m->v[m->n];
    k->row = *row;
    k->other = other;
    k->norm = ls_text_keep(&m->text, norm, norm_len);
    if (k->norm == LS_TEXT_NONE - 1 || ls_leadref_keep(&m->text, &m->files, &row->lead, &k->lead) != 0)
        return -1;
    m->n++;
    return 0;
}

int ls_misses_finish(ls_misses *m, const char *const *persona_names,
                     const char *const *other_names, const ls_score_miss **out, size_t *n)
{
    free(m->out);
    m->out = calloc(m->n ? m->n : 1, sizeof *m->out);
    if (!m->out)
        return -1;
    for (size_t i = 0; i < m->n; i++) {
        const kept_miss *k = &m->v[i];
        ls_score_miss *r = &m->out[i];
        *r = k->row;
        ls_leadref_resolve(&m->text, &k->lead, &r->lead);
        r->title_norm = ls_text_at(&m->text, k->norm);
        r->label_name = r->label >= 0 ? persona_names[r->label]
                        : r->label == LS_LABEL_NONE ? "-"
                        : k->other >= 0 ? other_names[k->other] : "";
    }
    *out = m->out;
    *n = m->n;
    return 0;
}
