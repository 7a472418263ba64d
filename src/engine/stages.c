/* The two stages every lead goes through, shared by the sequential driver
 * (run.c) and the parallel one (parallel.c): stage 1 is pure (duplicate key
 * and verdict), stage 2 runs strictly in input order (dedup, counts,
 * spooling). */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "engine/leadout.h"
#include "engine/run_int.h"

ls_status ls_stage1_run(ls_matcher *m, const ls_lead *lead, ls_buf *key_scratch,
                        const ls_dedup *prefetch, ls_stage1 *out)
{
    int k = ls_dedup_key(lead, key_scratch, &out->key, &out->key_len);
    if (k < 0)
        return LS_E_NOMEM;
    out->has_key = k;
    out->key_hash = k ? ls_hash_bytes(out->key, out->key_len) : 0;
    /* a set of a million keys misses the cache on every insert: matching
     * takes long enough to hide the fetch */
    if (k && prefetch)
        ls_dedup_prefetch(prefetch, out->key_hash);
    return ls_matcher_match_scanned(m, lead, &out->verdict);
}

static size_t rank_of(const ls_run *run, int persona)
{
    return persona >= 0 ? ls_request_persona_rank(run->req, (size_t)persona) : 0;
}

int ls_run_render(const ls_run *run, const ls_lead *lead, int persona, ls_buf *out)
{
    ls_buf_clear(out);
    const ls_buf *name = persona >= 0 ? &run->persona_json[persona] : NULL;
    return ls_lead_output(out, lead, name ? name->data : NULL, name ? name->len : 0);
}

ls_status ls_run_spool(ls_run *run, int persona, const char *bytes, size_t len)
{
    if (run->partial) /* a map keeps every matched lead: the reduce ranks */
        return ls_partial_put_bytes(run, bytes, len) != 0 ? LS_E_NOMEM : LS_OK;
    size_t rank = rank_of(run, persona);
    ls_spool *s = &run->spools[rank];
    size_t before = ls_spool_mem_bytes(s);
    ls_status st = ls_spool_append(s, persona, bytes, len);
    if (st != LS_OK)
        return st;
    if (run->keep >= 0 && s->count >= (uint64_t)run->keep)
        atomic_store_explicit(&run->rank_full[rank], 1, memory_order_relaxed);
    run->spool_mem += ls_spool_mem_bytes(s) - before;
    if (run->spool_mem > run->spill_threshold && !s->file) {
        size_t held = ls_spool_mem_bytes(s);
        st = ls_spool_spill(s);
        if (st != LS_OK)
            return st;
        run->spool_mem -= held;
        run->spilled++;
    }
    return LS_OK;
}

ls_status ls_run_stage2(ls_run *run, unsigned lead_flags, const ls_stage1 *r, int *spool,
                        int *persona_out)
{
    *spool = 0;
    int fresh = 1;
    if (r->has_key) {
        fresh = ls_dedup_insert_hashed(&run->dedup, r->key, r->key_len, r->key_hash);
        if (fresh < 0)
            return LS_E_NOMEM;
    }
    uint64_t index = run->lead_index++;
    if (run->on_lead) {
        /* the dedup key is tagged with field and type (2 bytes) so that
         * "7" and 7 stay distinct; the caller gets the value */
        ls_lead_result res = {index, r->has_key ? r->key + 2 : NULL,
                              r->has_key ? r->key_len - 2 : 0, !fresh, r->verdict};
        run->on_lead(run->lead_user, &res);
    }
    if (!fresh) {
        run->stats.duplicates++;
        return LS_OK;
    }
    if (run->partial && (r->has_key || r->verdict.outcome == LS_MATCHED) &&
        ls_partial_put_lead(run, lead_flags, r) != 0)
        return LS_E_NOMEM;
    if ((lead_flags | r->verdict.flags) & LS_LEAD_INVALID_UTF8)
        run->stats.invalid_utf8_leads++;
    switch (r->verdict.outcome) {
    case LS_DROPPED_BY_FILTER:
        if (r->verdict.filter_id >= 0 && r->verdict.filter_id < LS_FILTER__COUNT)
            run->filter_dropped[r->verdict.filter_id]++;
        return LS_OK;
    case LS_NO_PERSONA:
        run->stats.no_persona++;
        return LS_OK;
    case LS_MATCHED:
        break;
    }
    int persona = r->verdict.persona;
    if (persona >= (int)run->npersonas)
        return LS_E_INTERNAL;
    run->stats.matched++;
    if (r->verdict.flags & LS_LEAD_NOT_EVALUATED)
        run->stats.not_evaluated++;
    if (persona >= 0)
        run->persona_matched[persona]++;
    /* a rank whose spool alone already fills the limit keeps no more */
    const ls_spool *s = &run->spools[rank_of(run, persona)];
    *spool = run->partial || run->keep < 0 || s->count < (uint64_t)run->keep;
    *persona_out = persona;
    return LS_OK;
}

/* In input order (stage 2's order), so the first kept is the first CSV
 * input's. */
void ls_run_keep_csv_header(ls_run *run, ls_csv_names *h)
{
    if (!run->csv_header.names) {
        run->csv_header = *h;
        memset(h, 0, sizeof *h);
    } else {
        ls_csv_names_free(h);
    }
}

ls_status ls_run_keep_csv_header_copy(ls_run *run, const char *names, size_t len,
                                      size_t count)
{
    ls_csv_names h;
    if (run->csv_header.names)
        return LS_OK;
    if (ls_csv_names_copy(&h, names, len, count) != 0)
        return LS_E_NOMEM;
    ls_run_keep_csv_header(run, &h);
    return LS_OK;
}

void ls_run_sync_input_stats(ls_run *run)
{
    LS_STREAM_COUNTS_INTO(&run->stats, &run->stream.stats);
}

void ls_run_cancel(ls_run *run)
{
    if (run)
        atomic_store(&run->cancelled, 1);
}

ls_status ls_run_check_open(ls_run *run)
{
    if (run->error == LS_OK && atomic_load(&run->cancelled))
        run->error = LS_E_CANCELLED;
    if (run->error != LS_OK)
        return run->error;
    return run->finished ? LS_E_USAGE : LS_OK;
}

ls_status ls_run_checkpoint(ls_run *run)
{
    if (run->on_progress) {
        ls_run_sync_input_stats(run);
        ls_progress p = {run->stats.files_read + run->stats.files_failed, run->files_listed,
                         run->stats.leads_read};
        if (run->on_progress(run->progress_user, &p) != 0)
            ls_run_cancel(run);
    }
    return atomic_load_explicit(&run->cancelled, memory_order_relaxed) ? LS_E_CANCELLED : LS_OK;
}
