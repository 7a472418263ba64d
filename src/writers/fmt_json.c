/* The API response shape (contract §5), leads as their bytes. */
#include <inttypes.h>
#include "writers/writer.h"

static int json_begin(ls_writer *w, const ls_run_stats *s)
{
    if (s->returned == 0)
        return ls_buf_printf(&w->buf, "{\"amount\": 0, \"leads\": [");
    return ls_buf_printf(&w->buf, "{\"amount\": -%" PRIu64 ", \"leads\": [", s->returned);
}

static int json_lead(ls_writer *w, const char *p, size_t n, int persona)
{
    (void)persona;
    if (w->leads && ls_buf_append(&w->buf, ", ", 2) != 0)
        return -1;
    return ls_buf_append(&w->buf, p, n);
}

static int json_end(ls_writer *w, const ls_run_stats *s)
{
    if (ls_buf_printf(&w->buf, "], \"results_count\": \"%s\"",
                      s->limit_reached ? "limit reached" : "within limit") != 0)
        return -1;
    if (w->leads == 0 &&
        ls_buf_printf(&w->buf, ", \"status\": \"No leads match with input criteria\"") != 0)
        return -1;
    return ls_buf_append(&w->buf, "}\n", 2);
}

const ls_format_ops ls_format_json = {json_begin, json_lead, json_end};

/* The v1 response (contract addendum §2): results_count is what matched
 * before offset_by and limit_by; nothing is charged offline. */
static int v1_begin(ls_writer *w, const ls_run_stats *s)
{
    (void)s;
    return ls_buf_printf(&w->buf, "{\"data\": {\"leads\": [");
}

static int v1_end(ls_writer *w, const ls_run_stats *s)
{
    if (ls_buf_printf(&w->buf, "], \"results_count\": %" PRIu64 "}, ", s->matched) != 0)
        return -1;
    return ls_buf_printf(&w->buf, "\"meta\": {\"amount_charged\": 0}}\n");
}

const ls_format_ops ls_format_json_v1 = {v1_begin, json_lead, v1_end};
