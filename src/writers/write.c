/* Writing result leads in an output format, block-buffered. */
#include <errno.h>
#include <string.h>
#include "writers/writer.h"

enum { LS_WRITE_BLOCK = 1 << 20 };

static int flush_buf(ls_writer *w)
{
    if (w->buf.len && fwrite(w->buf.data, 1, w->buf.len, w->out) != w->buf.len) {
        w->status = LS_E_IO;
        return -1;
    }
    ls_buf_clear(&w->buf);
    return 0;
}

static int on_result(void *user, const char *lead, size_t len, int persona)
{
    ls_writer *w = ((void **)user)[0];
    const ls_format_ops *ops = ((void **)user)[1];
    if (ops->lead(w, lead, len, persona) != 0) {
        if (w->status == LS_OK)
            w->status = LS_E_NOMEM;
        return 1;
    }
    w->leads++;
    return w->buf.len >= LS_WRITE_BLOCK ? flush_buf(w) != 0 : 0;
}

void ls_write_options_init(ls_write_options *opt)
{
    if (opt)
        memset(opt, 0, sizeof *opt); /* JSON, the default columns, formula guard on */
}

ls_status ls_write_results(ls_results_fn each, void *results, const ls_run_stats *s,
                           const ls_write_options *opt, FILE *out)
{
    return ls_write_results_computed(each, results, s, opt, NULL, out);
}

ls_status ls_write_results_computed(ls_results_fn each, void *results, const ls_run_stats *s,
                                    const ls_write_options *opt,
                                    const ls_csv_computed *computed, FILE *out)
{
    static const ls_write_options defaults = {LS_FORMAT_JSON, NULL, 0, 0};
    if (!each || !s || !out)
        return LS_E_USAGE;
    if (!opt)
        opt = &defaults;
    const ls_format_ops *ops = opt->format == LS_FORMAT_JSON    ? &ls_format_json
                               : opt->format == LS_FORMAT_JSONL ? &ls_format_jsonl
                               : opt->format == LS_FORMAT_CSV   ? &ls_format_csv
                               : opt->format == LS_FORMAT_JSON_V1 ? &ls_format_json_v1
                                                                  : NULL;
    if (!ops)
        return LS_E_USAGE;
    ls_writer w = {out, opt, {0}, {0}, 0, LS_OK, NULL, computed};
    void *ctx[2] = {&w, (void *)ops};
    ls_status st = LS_OK;
    if (ops->begin(&w, s) != 0)
        st = LS_E_NOMEM;
    if (st == LS_OK)
        st = each(results, on_result, ctx);
    if (st == LS_OK)
        st = w.status;
    if (st == LS_OK && ops->end(&w, s) != 0)
        st = LS_E_NOMEM;
    if (st == LS_OK && flush_buf(&w) != 0)
        st = LS_E_IO;
    /* Errors of earlier buffered writes show up here. */
    if (st == LS_OK && (fflush(out) != 0 || ferror(out)))
        st = LS_E_IO;
    ls_buf_free(&w.buf);
    ls_buf_free(&w.tmp);
    ls_csv_cols_free(w.cols);
    return st;
}
