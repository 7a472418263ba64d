/* Internal view of a run: what the report builder, the CLI and the tests
 * need beyond the public API. */
#ifndef LS_ENGINE_H
#define LS_ENGINE_H
#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "leadsieve.h"
#include "core/core.h"
#include "json/json.h"

/* Memory the spools may hold together before spilling to temporary files
 * (default 64 MiB).  A knob for tests; set before adding inputs. */
void ls_run_set_spill_threshold(ls_run *run, size_t bytes);
/* Spools moved to temporary files so far. */
size_t ls_run_spilled_spools(const ls_run *run);

/* Stage 1 of the per-lead pipeline: everything that depends on the lead
 * alone (duplicate key and verdict), so it can later run on worker threads.
 * The key points into key_scratch.  With prefetch (may be NULL), the
 * key's slot in that set is fetched while the lead is matched. */
typedef struct ls_stage1 {
    ls_verdict verdict;
    int has_key;
    const char *key;
    size_t key_len;
    uint64_t key_hash;  /* ls_hash_bytes of the key, so stage 2 need not */
} ls_stage1;
struct ls_dedup;
ls_status ls_stage1_run(ls_matcher *m, const ls_lead *lead, ls_buf *key_scratch,
                        const struct ls_dedup *prefetch, ls_stage1 *out);

/* The run's figures as a JSON document (the --report file); NULL when
 * memory runs out.  Valid after ls_run_finish. */
cJSON *ls_run_report(const ls_run *run);

#endif
