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

/* How many skipped records and input problems a run remembers in detail;
 * beyond that they are only counted. */
enum { LS_RUN_NOTES_KEPT = 20 };

/* A remembered diagnostic (strings owned by the run). */
typedef struct ls_run_note {
    ls_diag_kind kind;
    char *file;
    uint64_t line, offset;
    char *message;
} ls_run_note;

typedef enum ls_run_log {
    LS_LOG_SKIPPED = 0, /* malformed, over a limit, not an object */
    LS_LOG_INPUTS       /* unreadable or empty files and directories */
} ls_run_log;

/* Total reported to the log, and the first LS_RUN_NOTES_KEPT of them. */
uint64_t ls_run_log_total(const ls_run *run, ls_run_log log);
size_t ls_run_log_kept(const ls_run *run, ls_run_log log);
const ls_run_note *ls_run_log_get(const ls_run *run, ls_run_log log, size_t i);

const ls_request *ls_run_request(const ls_run *run);

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
