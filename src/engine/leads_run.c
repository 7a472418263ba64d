/* ls_run_add_leads: the kept leads (leads.c) through a run, on the calling
 * thread or with workers (leads_parallel.c). */
#include <string.h>
#include "engine/leads.h"
#include "engine/run_int.h"

static ls_status add_sequential(ls_run *run, const ls_leads *leads)
{
    ls_js_shapes *shapes = ls_js_shapes_new(); /* NULL: scanned the slow way */
    ls_status st = LS_OK;
    ls_stream_stats *in = &run->stream.stats;
    for (size_t i = 0, n = ls_leads_count(leads); st == LS_OK && i < n; i++) {
        ls_item item;
        if ((st = ls_leads_item(leads, i, shapes, &item)) != LS_OK)
            break;
        in->leads_read++;
        ls_stage1 s1;
        st = ls_stage1_run(run->matcher, item.lead, &run->key_scratch, &run->dedup, &s1);
        if (st == LS_OK)
            st = ls_run_stage2_kept(run, item.lead, &s1);
        if (st == LS_OK && (in->leads_read & 0xFFFF) == 0)
            st = ls_run_checkpoint(run);
    }
    ls_js_shapes_free(shapes);
    return st;
}

ls_status ls_run_add_leads(ls_run *run, const ls_leads *leads)
{
    if (!run || !leads)
        return LS_E_USAGE;
    ls_status st = ls_run_check_open(run);
    if (st != LS_OK)
        return st;
    ls_stream_stats *in = &run->stream.stats;
    const ls_stream_stats *kept = ls_leads_input_stats(leads);
    /* the inputs' own counts, as if they had been read again */
    in->files_read += kept->files_read;
    in->files_failed += kept->files_failed;
    in->malformed += kept->malformed;
    in->not_objects += kept->not_objects;
    in->not_leads += kept->not_leads;
    run->files_listed += kept->files_read + kept->files_failed;
    ls_dedup_reserve(&run->dedup, run->dedup.count + ls_leads_count(leads));
    st = run->threads > 1 && ls_leads_count(leads) > 1 ? ls_run_leads_parallel(run, leads)
                                          : add_sequential(run, leads);
    if (st == LS_OK)
        st = ls_run_checkpoint(run);
    const ls_csv_names *h = ls_leads_csv_header(leads);
    if (st == LS_OK && h)
        st = ls_run_keep_csv_header_copy(run, h->names, h->len, h->count);
    ls_run_sync_input_stats(run);
    if (st != LS_OK && run->error == LS_OK)
        run->error = st;
    return st;
}
