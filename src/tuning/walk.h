/* Reading lead inputs for score and diff the way a filter run reads them
 * (contract §3, §5): paths expanded, shapes detected, duplicates dropped
 * before anything else (first kept), skipped records counted. */
#ifndef LS_TUNING_WALK_H
#define LS_TUNING_WALK_H
#include <stdint.h>
#include "core/core.h"
#include "leadsieve/tools.h"
#include "engine/dedup.h"
#include "readers/reader.h"
#include "readers/stream.h"

typedef ls_input_stats ls_walk_stats;

/* Called once per lead that is not a duplicate.  key/key_len: the lead's
 * duplicate key as its value reads (sales_id, else lead_id, else id, else
 * linkedin_url, else linkedin_id), NULL when it has none. */
typedef ls_status (*ls_walk_fn)(void *user, const ls_lead *lead, const char *key,
                                size_t key_len);

typedef struct ls_walk {
    ls_walk_fn fn;
    void *user;
    ls_stream stream;
    ls_dedup dedup;
    ls_buf key_scratch;
    ls_walk_stats stats;
    const ls_item *cur;  /* the item being given to fn, else NULL */
    uint64_t cur_line;   /* its line when it is a kept lead, else 0 */
} ls_walk;

void ls_walk_init(ls_walk *w, ls_walk_fn fn, void *user, const ls_diag_sink *sink,
                  const ls_reader_limits *lim);
void ls_walk_free(ls_walk *w);
/* Unreadable inputs are reported through the sink and counted; the call
 * still returns LS_OK.  Other failures (memory, a callback's error) end
 * the walk with that status. */
ls_status ls_walk_path(ls_walk *w, const char *path);
ls_status ls_walk_memory(ls_walk *w, const char *name, const char *data, size_t len);
/* Kept leads (ls_leads), as ls_run_add_leads reads them: their inputs'
 * counts are counted again. */
ls_status ls_walk_leads(ls_walk *w, const ls_leads *leads);
/* Inside fn: the display name of the input the lead comes from and the
 * line it starts on (0 when unknown). */
const char *ls_walk_file(const ls_walk *w);
uint64_t ls_walk_line(ls_walk *w);
/* Inside fn: the lead's index in the array that holds it (ls_lead_ref). */
uint64_t ls_walk_index(const ls_walk *w);

#endif
