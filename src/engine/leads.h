/* Kept leads (ls_leads, leads.c) as the drivers and the tools read them
 * again: each lead scanned from its bytes, with its input's name and line,
 * and the counts of the reading that kept them. */
#ifndef LS_ENGINE_LEADS_H
#define LS_ENGINE_LEADS_H
#include <stddef.h>
#include "leadsieve.h"
#include "json/json.h"
#include "readers/reader.h"
#include "readers/stream.h"

/* Lead i scanned into item->own (item->lead points there; its bytes are
 * the kept ones, valid while leads lives), CSV aliases applied, file set
 * to its input's display name.  LS_E_INTERNAL when the bytes do not scan
 * (they did when kept). */
ls_status ls_leads_item(const ls_leads *leads, size_t i, ls_js_shapes *shapes, ls_item *item);
/* The 1-based line lead i starts on in its input (0 when unknown). */
uint64_t ls_leads_line(const ls_leads *leads, size_t i);
/* What reading the inputs counted (files, skipped records). */
const ls_stream_stats *ls_leads_input_stats(const ls_leads *leads);
/* The header of the first CSV input read, or NULL. */
const ls_csv_names *ls_leads_csv_header(const ls_leads *leads);

/* ls_run_add_leads with run->threads workers doing stage 1 over slices of
 * the kept leads, stage 2 on the calling thread in lead order
 * (leads_parallel.c): the same results as one thread.  leads_run.c
 * chooses between the two. */
ls_status ls_run_leads_parallel(ls_run *run, const ls_leads *leads);

#endif
