/* score --misses (score_misses.h).  TSV cells escape what would break a
 * row (backslash, tab, newline, CR, NUL as \\ \t \n \r \0), as the
 * "linear TSV" convention and PostgreSQL's text format do; JSONL lines are
 * the library's (ls_score_miss_json). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "cli_util.h"
#include "score_misses.h"

const char ls_misses_tsv_header[] =
    "side\tpersona\tkey\tkey_field\tname\ttitle\ttitle_field\ttitle_norm\tlabel\tassigned\t"
    "filter\treason\tdetail\tfunction\tseniority\tprohibit\tprohibit_token\tfile\tline\tindex";

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && strcmp(s + n - k, tail) == 0;
}

static void cell_n(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; s && i < n; i++) {
        char c = s[i];
        switch (c) {
        case '\\': fputs("\\\\", f); break;
        case '\t': fputs("\\t", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\0': fputs("\\0", f); break;
        default: fputc(c, f); break;
        }
    }
}

static void cell(FILE *f, const char *s)
{
    fputc('\t', f);
    cell_n(f, s, s ? strlen(s) : 0);
}

static void tsv_row(FILE *f, const ls_score_result *r, const ls_score_miss *m)
{
    const ls_lead_ref *l = &m->lead;
    fputs(m->false_positive ? "fp" : "fn", f);
    cell(f, r->personas[m->persona].name);
    cell(f, l->key);
    cell(f, l->key_field);
    cell(f, l->name);
    fputc('\t', f);
    cell_n(f, l->title, l->title_len);
    cell(f, l->title_field);
    cell(f, m->title_norm);
    cell(f, m->label_name);
    cell(f, m->assigned >= 0 ? r->personas[m->assigned].name : NULL);
    cell(f, m->filter);
    cell(f, ls_miss_kind_id(m->kind));
    cell(f, m->detail);
    cell(f, m->function);
    cell(f, m->seniority);
    cell(f, m->prohibit);
    cell(f, m->prohibit_token);
    cell(f, l->file);
    fprintf(f, "\t%" PRIu64 "\t", l->line);
    if (l->index != LS_NO_INDEX)
        fprintf(f, "%" PRIu64, l->index);
    fputc('\n', f);
}

static int jsonl_row(FILE *f, const ls_score_result *r, size_t i)
{
    char *json = NULL;
    size_t len = 0;
    if (ls_score_miss_json(r, i, &json, &len) != LS_OK)
        return -1;
    fwrite(json, 1, len, f);
    fputc('\n', f);
    ls_free(json);
    return 0;
}

int ls_cli_write_misses(const char *path, const ls_score_result *r)
{
    int jsonl = ends_with(path, ".jsonl") || ends_with(path, ".ndjson");
    ls_outfile o;
    if (ls_outfile_open(&o, path, "--misses file") != 0)
        return -1;
    if (!jsonl)
        fprintf(o.f, "%s\n", ls_misses_tsv_header);
    for (size_t i = 0; i < r->nmisses; i++) {
        if (!jsonl) {
            tsv_row(o.f, r, &r->misses[i]);
        } else if (jsonl_row(o.f, r, i) != 0) {
            ls_outfile_fail(&o, "--misses file", "out of memory");
            return -1;
        }
    }
    if (ferror(o.f)) {
        ls_outfile_fail(&o, "--misses file", strerror(errno));
        return -1;
    }
    return ls_outfile_commit(&o, "--misses file");
}
