/* Output formats.  Each format renders into a buffer that is flushed to
 * the FILE in large blocks; write errors surface as LS_E_IO. */
#ifndef LS_WRITERS_WRITER_H
#define LS_WRITERS_WRITER_H
#include <stdint.h>
#include <stdio.h>
#include "leadsieve.h"
#include "core/core.h"

typedef struct ls_writer {
    FILE *out;
    const ls_write_options *opt;
    ls_buf buf;      /* pending output */
    ls_buf tmp;      /* per-cell scratch */
    uint64_t leads;  /* written so far */
    ls_status status;
    struct ls_csv_cols *cols; /* CSV: the columns by name (fmt_csv.c) */
    const struct ls_csv_computed *computed; /* CSV: computed columns, may be NULL */
} ls_writer;

typedef struct ls_format_ops {
    int (*begin)(ls_writer *w, const ls_run_stats *s);
    int (*lead)(ls_writer *w, const char *p, size_t n, int persona);
    int (*end)(ls_writer *w, const ls_run_stats *s);
} ls_format_ops;

extern const ls_format_ops ls_format_json, ls_format_jsonl, ls_format_csv, ls_format_json_v1;

/* Something that visits result leads in output order, as ls_run_foreach_result
 * does: the writers need no more of a run than that and its counts. */
typedef ls_status (*ls_results_fn)(void *results, ls_result_fn fn, void *user);

/* Writes the leads that `each` visits in opt's format (NULL: JSON) to out;
 * s gives the response's counts.  LS_E_IO on write errors. */
ls_status ls_write_results(ls_results_fn each, void *results, const ls_run_stats *s,
                           const ls_write_options *opt, FILE *out);

/* The CSV columns used when none are given. */
extern const char *const ls_csv_default_fields[];
extern const size_t ls_csv_default_field_count;

/* Releases what the CSV format kept for a write. */
void ls_csv_cols_free(struct ls_csv_cols *cols);

/* Renders one CSV cell from a JSON value (contract of --format csv). */
struct ls_jval;
int ls_csv_cell(ls_buf *out, ls_buf *tmp, const struct ls_jval *v, int raw);

/* CSV columns whose cells are computed from the lead rather than read from
 * one of its members ("@level": what a lead is needs the matcher, which
 * the writers do not see).  A column named names[k] gets, per lead, the
 * text cell(user, k, lead bytes) appends to text ("" for an empty cell);
 * cell returns 0, or -1 when memory runs out. */
typedef struct ls_csv_computed {
    const char *const *names;
    size_t n;
    int (*cell)(void *user, size_t k, const char *lead, size_t len, ls_buf *text);
    void *user;
    /* called once per lead before its cells (may be NULL), so that what
     * several cells need is worked out once; 0 or -1 (memory) */
    int (*begin)(void *user, const char *lead, size_t len);
} ls_csv_computed;

/* ls_write_results with computed CSV columns (NULL: none). */
ls_status ls_write_results_computed(ls_results_fn each, void *results, const ls_run_stats *s,
                                    const ls_write_options *opt,
                                    const ls_csv_computed *computed, FILE *out);

#endif
