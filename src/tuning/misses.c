/* score's misses (see misses.h): rows whose lead strings are offsets into
 * one growing text until the score is finished, then pointers, set in
 * place. */
#include <stdlib.h>
#include <string.h>
#include "tuning/misses.h"

typedef struct kept_miss {
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
    free(m->rows);
    free(m->kept);
    memset(m, 0, sizeof *m);
}

int ls_misses_add(ls_misses *m, const ls_score_miss *row, const char *norm, size_t norm_len,
                  long other)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        ls_score_miss *rows = realloc(m->rows, cap * sizeof *rows);
        if (!rows)
            return -1;
        m->rows = rows;
        kept_miss *kept = realloc(m->kept, cap * sizeof *kept);
        if (!kept)
            return -1;
        m->kept = kept;
        m->cap = cap;
    }
    kept_miss *k = &m->kept[m->n];
    k->other = other;
    k->norm = ls_text_keep(&m->text, norm, norm_len);
    if (k->norm == LS_TEXT_NONE - 1 ||
        ls_leadref_keep(&m->text, &m->files, &row->lead, &k->lead) != 0)
        return -1;
    m->rows[m->n++] = *row;
    return 0;
}

int ls_misses_finish(ls_misses *m, const char *const *persona_names,
                     const char *const *other_names, const ls_score_miss **out, size_t *n)
{
    for (size_t i = 0; i < m->n; i++) {
        const kept_miss *k = &m->kept[i];
        ls_score_miss *r = &m->rows[i];
        ls_leadref_resolve(&m->text, &k->lead, &r->lead);
        r->title_norm = ls_text_at(&m->text, k->norm);
        r->label_name = r->label >= 0 ? persona_names[r->label]
                        : r->label == LS_LABEL_NONE ? "-"
                        : k->other >= 0 ? other_names[k->other] : "";
    }
    *out = m->rows;
    *n = m->n;
    return 0;
}
