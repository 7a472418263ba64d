/* The streaming filter run (contract §3-§4): inputs are read in order; each
 * lead goes through stage 1 (duplicate key + verdict, pure) and stage 2
 * (dedup, counts, spooling, strictly in input order), both in stages.c;
 * this file is the sequential driver, parallel.c the one with workers.  Matched leads are
 * kept in one spool per priority rank, each capped at limit_by, so memory
 * stays bounded whatever the input size. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "engine/columns.h"
#include "engine/field_watch.h"
#include "engine/leadout.h"
#include "engine/run_int.h"
#include "engine/split.h"
#include "json/names.h"
#include "writers/jsonout.h"
#include "writers/writer.h"

void ls_run_note_add(ls_notes *n, const ls_diag *d)
{
    if (n->kept < LS_RUN_NOTES_KEPT) {
        ls_run_note *r = &n->items[n->kept];
        r->kind = d->kind;
        r->file = strdup(d->file ? d->file : "");
        r->message = strdup(d->message ? d->message : "");
        r->line = d->line;
        r->offset = d->offset;
        if (r->file && r->message)
            n->kept++;
        else {
            free(r->file);
            free(r->message);
        }
    }
    n->total++;
}

static void on_diag(void *user, const ls_diag *d)
{
    ls_run *run = user;
    switch (d->kind) {
    case LS_DIAG_MALFORMED:
    case LS_DIAG_NOT_OBJECT:
    case LS_DIAG_LIMIT:
    case LS_DIAG_NOT_LEADS:
        ls_run_note_add(&run->notes[LS_LOG_SKIPPED], d);
        break;
    case LS_DIAG_FILE_SKIPPED: /* listed with the inputs */
    case LS_DIAG_IO:
    case LS_DIAG_EMPTY:
        run->stats.files_skipped += d->kind == LS_DIAG_FILE_SKIPPED;
        ls_run_note_add(&run->notes[LS_LOG_INPUTS], d);
        break;
    case LS_DIAG_NOTE:
        break;
    }
    if (run->user_sink.fn)
        run->user_sink.fn(run->user_sink.user, d);
}

void ls_run_options_init(ls_run_options *opt)
{
    if (opt)
        memset(opt, 0, sizeof *opt);
}

ls_status ls_run_new(const ls_request *req, const ls_run_options *opt, ls_run **out)
{
    if (!out)
        return LS_E_USAGE;
    *out = NULL;
    if (!req)
        return LS_E_USAGE;
    ls_run *run = calloc(1, sizeof *run);
    if (!run)
        return LS_E_NOMEM;
    run->req = req;
    if (opt) {
        run->user_sink.fn = opt->on_diag;
        run->user_sink.user = opt->diag_user;
        run->lim.max_record_bytes = opt->max_record_bytes;
        run->lim.max_depth = opt->max_depth;
        run->lim.format = opt->input_format;
        run->lim.read_ahead = opt->threads > 1;
        run->threads = opt->threads;
        run->on_progress = opt->on_progress;
        run->progress_user = opt->progress_user;
        run->on_lead = opt->on_lead;
        run->lead_user = opt->lead_user;
    }
    if (opt && opt->watch_field_count) {
        run->watch = calloc(1, sizeof *run->watch);
        if (!run->watch || !opt->watch_fields ||
            ls_field_watch_init(run->watch, opt->watch_fields, opt->watch_field_count) != 0) {
            free(run->watch);
            free(run);
            return opt->watch_fields ? LS_E_NOMEM : LS_E_USAGE;
        }
        run->watch->until_found = 1;
    }
    run->sink.fn = on_diag;
    run->sink.user = run;
    ls_stream_init(&run->stream, &run->sink, &run->lim);
    run->spill_threshold = (size_t)64 << 20;
    run->limit = ls_request_limit(req);
    run->offset = ls_request_offset(req);
    run->keep = run->limit < 0 ? -1 : run->limit + run->offset;
    ls_dedup_init(&run->dedup);
    run->npersonas = ls_request_persona_count(req);
    run->nspools = 1;
    for (size_t i = 0; i < run->npersonas; i++)
        if (ls_request_persona_rank(req, i) + 1 > run->nspools)
            run->nspools = ls_request_persona_rank(req, i) + 1;
    ls_matcher_new(req, &run->matcher);
    run->spools = calloc(run->nspools, sizeof *run->spools);
    run->persona_json = calloc(run->npersonas ? run->npersonas : 1, sizeof(ls_buf));
    run->persona_matched = calloc(run->npersonas ? run->npersonas : 1, sizeof(uint64_t));
    run->rank_full = calloc(run->nspools, sizeof *run->rank_full);
    if (!run->matcher || !run->spools || !run->persona_json || !run->persona_matched ||
        !run->rank_full) {
        ls_run_free(run);
        return LS_E_NOMEM;
    }
    if (run->keep == 0) /* no rank keeps anything */
        for (size_t i = 0; i < run->nspools; i++)
            atomic_store(&run->rank_full[i], 1);
    for (size_t i = 0; i < run->npersonas; i++) {
        const char *name = ls_request_persona_name(req, i);
        if (ls_json_put_string(&run->persona_json[i], name, strlen(name)) != 0) {
            ls_run_free(run);
            return LS_E_NOMEM;
        }
    }
    *out = run;
    return LS_OK;
}

void ls_run_free(ls_run *run)
{
    if (!run)
        return;
    ls_matcher_free(run->matcher);
    if (run->watch)
        ls_field_watch_free(run->watch);
    free(run->watch);
    ls_dedup_free(&run->dedup);
    ls_buf_free(&run->key_scratch);
    ls_buf_free(&run->out_scratch);
    ls_buf_free(&run->read_scratch);
    ls_buf_free(&run->part);
    ls_stream_free(&run->stream);
    if (run->persona_json)
        for (size_t i = 0; i < run->npersonas; i++)
            ls_buf_free(&run->persona_json[i]);
    free(run->persona_json);
    if (run->spools)
        for (size_t i = 0; i < run->nspools; i++)
            ls_spool_free(&run->spools[i]);
    free(run->spools);
    free(run->persona_matched);
    free(run->rank_full);
    ls_csv_names_free(&run->csv_header);
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < run->notes[l].kept; i++) {
            free(run->notes[l].items[i].file);
            free(run->notes[l].items[i].message);
        }
    free(run);
}

/* Stage 2 of a driver that still holds the lead (the sequential one, and
 * a run over kept leads). */
ls_status ls_run_stage2_kept(ls_run *run, const ls_lead *lead, const ls_stage1 *r)
{
    if (run->watch && ls_field_watch_lead(run->watch, lead->raw, lead->raw_len) != 0)
        return LS_E_NOMEM;
    int spool, persona;
    ls_status st = ls_run_stage2(run, lead->flags, r, &spool, &persona);
    if (st != LS_OK || !spool)
        return st;
    if (ls_run_render(run, lead, persona, &run->out_scratch) != 0)
        return LS_E_NOMEM;
    return ls_run_spool(run, persona, run->out_scratch.data, run->out_scratch.len);
}

/* Every lead the stream has queued, through both stages, in order; the
 * client hears of it after each file and every 65,536 leads. */
static ls_status read_stream(ls_run *run)
{
    ls_item item;
    ls_status st = LS_OK;
    for (;;) {
        ls_stream_event ev = ls_stream_step(&run->stream, &item, &st);
        if (ev == LS_STREAM_END)
            break;
        int checkpoint = ev == LS_STREAM_FILE_DONE || ev == LS_STREAM_FILE_FAILED;
        if (ev == LS_STREAM_LEAD) {
            ls_stage1 s1;
            st = ls_stage1_run(run->matcher, item.lead, &run->key_scratch, &run->dedup, &s1);
            if (st == LS_OK)
                st = ls_run_stage2_kept(run, item.lead, &s1);
            checkpoint = (run->stream.stats.leads_read & 0xFFFF) == 0;
        }
        if (st == LS_OK && checkpoint)
            st = ls_run_checkpoint(run);
        if (st != LS_OK)
            break;
    }
    ls_csv_names h;
    ls_stream_take_csv_header(&run->stream, &h);
    ls_run_keep_csv_header(run, &h);
    ls_run_sync_input_stats(run);
    return st;
}

/* Whether the one file queued is read in ranges by the workers
 * (parallel.c); watched fields are counted by one reader. */
static int splits(ls_run *run)
{
    if (ls_stream_pending(&run->stream) != 1 || run->watch)
        return 0;
    ls_split sp;
    int n = ls_split_plan(run->stream.paths.paths[run->stream.next_path], &run->lim, &sp) == 0
                ? (int)sp.n : 0;
    ls_split_free(&sp);
    return n > 1;
}

ls_status ls_run_add_path(ls_run *run, const char *path)
{
    if (!run || !path)
        return LS_E_USAGE;
    ls_status st = ls_run_check_open(run);
    if (st != LS_OK)
        return st;
    st = ls_stream_add_path(&run->stream, path);
    run->files_listed += ls_stream_pending(&run->stream);
    if (st == LS_OK && run->threads > 1 &&
        (ls_stream_pending(&run->stream) > 1 || splits(run))) {
        ls_pathlist list = ls_stream_take_paths(&run->stream);
        st = ls_run_parallel(run, &list);
        ls_pathlist_free(&list);
        ls_run_sync_input_stats(run);
    } else if (st == LS_OK) {
        st = read_stream(run);
    }
    if (st != LS_OK && run->error == LS_OK)
        run->error = st;
    return st;
}

ls_status ls_run_add_memory(ls_run *run, const char *name, const char *data, size_t len)
{
    if (!run || !name || (!data && len))
        return LS_E_USAGE;
    ls_status st = ls_run_check_open(run);
    if (st != LS_OK)
        return st;
    st = ls_stream_add_memory(&run->stream, name, data, len);
    run->files_listed++;
    if (st == LS_OK)
        st = read_stream(run);
    if (st != LS_OK && run->error == LS_OK)
        run->error = st;
    return st;
}

ls_status ls_run_finish(ls_run *run)
{
    if (!run)
        return LS_E_USAGE;
    ls_status st = ls_run_check_open(run);
    if (st != LS_OK && st != LS_E_USAGE)
        return st;
    uint64_t m = run->stats.matched;
    run->stats.offset = m < (uint64_t)run->offset ? m : (uint64_t)run->offset;
    m -= run->stats.offset;
    run->stats.returned = run->limit >= 0 && m > (uint64_t)run->limit ? (uint64_t)run->limit : m;
    run->stats.limit_reached = run->limit >= 0 && m > (uint64_t)run->limit;
    run->finished = 1;
    return LS_OK;
}

typedef struct visit_ctx {
    ls_result_fn fn;
    void *user;
    uint64_t skip; /* offset_by: leads not yet passed over */
} visit_ctx;

static int visit(void *user, const char *p, size_t n, int persona)
{
    visit_ctx *c = user;
    if (c->skip) {
        c->skip--;
        return 0;
    }
    return c->fn(c->user, p, n, persona);
}

ls_status ls_run_foreach_result(ls_run *run, ls_result_fn fn, void *user)
{
    if (!run || !fn || !run->finished)
        return LS_E_USAGE;
    uint64_t left = run->stats.returned + run->stats.offset;
    visit_ctx c = {fn, user, run->stats.offset};
    for (size_t i = 0; i < run->nspools && left; i++) {
        int stopped = 0;
        uint64_t take = run->spools[i].count < left ? run->spools[i].count : left;
        ls_status st = ls_spool_foreach(&run->spools[i], take, &run->read_scratch, visit, &c,
                                        &stopped);
        if (st != LS_OK)
            return st;
        if (stopped)
            break;
        left -= take;
    }
    return LS_OK;
}

const ls_run_stats *ls_run_get_stats(const ls_run *run)
{
    return &run->stats;
}

size_t ls_run_filter_count(const ls_run *run)
{
    (void)run;
    return LS_FILTER__COUNT;
}

const char *ls_run_filter_name(const ls_run *run, size_t i)
{
    (void)run;
    return i < LS_FILTER__COUNT ? ls_filter_names[i] : NULL;
}

uint64_t ls_run_filter_dropped(const ls_run *run, size_t i)
{
    return i < LS_FILTER__COUNT ? run->filter_dropped[i] : 0;
}

uint64_t ls_run_persona_matched(const ls_run *run, size_t persona)
{
    return persona < run->npersonas ? run->persona_matched[persona] : 0;
}

uint64_t ls_run_log_total(const ls_run *run, ls_run_log log)
{
    return run->notes[log].total;
}

size_t ls_run_log_kept(const ls_run *run, ls_run_log log)
{
    return run->notes[log].kept;
}

const ls_run_note *ls_run_log_get(const ls_run *run, ls_run_log log, size_t i)
{
    return i < run->notes[log].kept ? &run->notes[log].items[i] : NULL;
}

const ls_request *ls_run_request(const ls_run *run)
{
    return run->req;
}

void ls_run_set_spill_threshold(ls_run *run, size_t bytes)
{
    run->spill_threshold = bytes;
}

size_t ls_run_spilled_spools(const ls_run *run)
{
    return run->spilled;
}

static ls_status each_result(void *run, ls_result_fn fn, void *user)
{
    return ls_run_foreach_result(run, fn, user);
}

/* CSV output's default columns after CSV input (contract §5a): the first
 * CSV input's header, then linkedin_lead_persona unless the header has it
 * (the writer then finds the persona where the lead object has it, in
 * place), so that an export comes back column for column.  *cols is
 * allocated; NULL when the defaults are the writer's own. */
static int csv_header_columns(const ls_run *run, const char ***cols, size_t *n)
{
    static const char persona[] = "linkedin_lead_persona";
    const ls_csv_names *h = &run->csv_header;
    *cols = NULL;
    if (!h->names)
        return 0;
    const char **c = malloc((h->count + 1) * sizeof *c);
    if (!c)
        return -1;
    int has_persona = 0;
    const char *p = h->names;
    for (size_t i = 0; i < h->count; i++, p += strlen(p) + 1) {
        c[i] = p;
        has_persona |= strcmp(p, persona) == 0;
    }
    *n = h->count;
    if (!has_persona)
        c[(*n)++] = persona;
    *cols = c;
    return 0;
}

ls_status ls_run_write(ls_run *run, const ls_write_options *opt, FILE *out)
{
    if (!run)
        return LS_E_USAGE;
    ls_write_options o;
    ls_write_options_init(&o);
    if (opt)
        o = *opt;
    if (o.format == LS_FORMAT_JSON && ls_request_api_of(run->req) == LS_REQUEST_API_V1)
        o.format = LS_FORMAT_JSON_V1; /* a v1 request gets the v1 response */
    const char **cols = NULL;
    int computed = 0; /* the caller's columns name "@" ones: only those can */
    int trace = 0;    /* ... and some need each persona's decision */
    if (o.format == LS_FORMAT_CSV && (!o.csv_fields || !o.csv_field_count)) {
        if (csv_header_columns(run, &cols, &o.csv_field_count) != 0)
            return LS_E_NOMEM;
        if (cols)
            o.csv_fields = cols;
    } else if (o.format == LS_FORMAT_CSV) {
        for (size_t i = 0; i < o.csv_field_count; i++) {
            if (!o.csv_fields[i])
                return LS_E_USAGE;
            if (o.csv_fields[i][0] != '@')
                continue;
            if (ls_computed_field_of(o.csv_fields[i]) < 0)
                return LS_E_USAGE;
            computed = 1;
            trace |= ls_computed_needs_trace(o.csv_fields[i]);
        }
    }
    ls_computed_ctx cctx;
    ls_csv_computed cc;
    ls_computed_init(&cctx, run->req, run->matcher, &cc);
    if (trace)
        ls_matcher_set_trace(run->matcher, 1);
    ls_status st = ls_write_results_computed(each_result, run, ls_run_get_stats(run), &o,
                                             computed ? &cc : NULL, out);
    if (trace)
        ls_matcher_set_trace(run->matcher, 0);
    ls_computed_free(&cctx);
    free(cols);
    return st;
}

typedef struct count_ctx {
    ls_field_watch w;
    int out_of_memory;
} count_ctx;

static int count_lead(void *user, const char *lead, size_t len, int persona)
{
    (void)persona;
    count_ctx *c = user;
    c->out_of_memory = ls_field_watch_lead(&c->w, lead, len) != 0;
    return c->out_of_memory;
}

ls_status ls_run_count_fields(ls_run *run, const char *const *names, size_t n, uint64_t *counts)
{
    if (!run || (n && (!names || !counts)))
        return LS_E_USAGE;
    for (size_t i = 0; i < n; i++) {
        if (!names[i])
            return LS_E_USAGE;
        counts[i] = 0;
    }
    if (!n)
        return run->finished ? LS_OK : LS_E_USAGE;
    count_ctx c;
    memset(&c, 0, sizeof c);
    if (ls_field_watch_init(&c.w, names, n) != 0)
        return LS_E_NOMEM;
    ls_status st = ls_run_foreach_result(run, count_lead, &c);
    if (st == LS_OK && c.out_of_memory)
        st = LS_E_NOMEM;
    if (st == LS_OK)
        memcpy(counts, c.w.counts, n * sizeof *counts);
    ls_field_watch_free(&c.w);
    return st;
}

ls_status ls_run_fields_read(const ls_run *run, int *found)
{
    if (!run || !found || !run->watch)
        return LS_E_USAGE;
    for (size_t i = 0; i < run->watch->names.n; i++)
        found[i] = run->watch->counts[i] != 0;
    return LS_OK;
}
