/* One lead a line: a pretty-printed lead is minified to fit. */
#include "writers/jsonout.h"
#include "writers/writer.h"

static int jsonl_begin(ls_writer *w, const ls_run_stats *s)
{
    (void)w;
    (void)s;
    return 0;
}

static int jsonl_lead(ls_writer *w, const char *p, size_t n, int persona)
{
    (void)persona;
    if (ls_json_minify(&w->buf, p, n) != 0)
        return -1;
    return ls_buf_putc(&w->buf, '\n');
}

const ls_format_ops ls_format_jsonl = {jsonl_begin, jsonl_lead, jsonl_begin};
