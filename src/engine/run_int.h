/* The run's state, shared by the sequential driver (run.c) and the
 * parallel one (parallel.c). */
#ifndef LS_ENGINE_RUN_INT_H
#define LS_ENGINE_RUN_INT_H
#include <stdatomic.h>
#include "engine/dedup.h"
#include "engine/engine.h"
#include "engine/spool.h"
#include "matcher/matcher.h"
#include "readers/reader.h"
#include "readers/stream.h"

typedef struct ls_notes {
    ls_run_note items[LS_RUN_NOTES_KEPT];
    size_t kept;
    uint64_t total;
} ls_notes;

struct ls_run {
    const ls_request *req;
    ls_diag_sink user_sink; /* the caller's on_diag */
    ls_diag_sink sink;      /* records, then forwards to user_sink */
    ls_reader_limits lim;
    ls_matcher *matcher;
    ls_dedup dedup;
    ls_buf key_scratch, out_scratch, read_scratch;
    ls_stream stream;       /* the inputs; its counts are the run's */
    ls_buf *persona_json;   /* each persona name as a JSON string */
    size_t npersonas;
    ls_spool *spools;       /* one per priority rank */
    size_t nspools;
    size_t spool_mem, spill_threshold, spilled;
    long limit;
    long offset;        /* v1 offset_by: skipped after ranking */
    long keep;          /* leads each rank's spool keeps: limit + offset, -1 = all */
    ls_run_stats stats;
    uint64_t filter_dropped[LS_FILTER__COUNT];
    uint64_t *persona_matched;
    ls_notes notes[2];
    int threads;            /* workers for stage 1; <= 1: none */
    /* rank i's spool is full (count >= limit): set by stage 2, read by
     * workers so that they stop rendering leads it would not keep */
    atomic_uchar *rank_full;
    int finished;
    ls_status error;        /* sticky: the first failure ends the run */
    atomic_int cancelled;   /* ls_run_cancel, from any thread */
    ls_progress_fn on_progress;
    void *progress_user;
    ls_lead_fn on_lead;
    void *lead_user;
    uint64_t lead_index;    /* leads through stage 2 so far */
    uint64_t files_listed;  /* inputs queued so far */
    ls_csv_names csv_header; /* the first CSV input's header: CSV output's columns */
    /* ls_run_keep_partial: stage 2 writes each lead's record here (partial.c)
     * instead of spooling, and every matched lead is kept */
    int partial;
    ls_buf part;
    /* files read in byte ranges (parallel.c): ranges whose speculative
     * results were taken, and ranges stage 2 read again itself */
    uint64_t ranges_taken, ranges_reread;
    struct ls_field_watch *watch; /* watch_fields counted over every lead read, or NULL */
};

/* Keeps a note of what reading reported (the first LS_RUN_NOTES_KEPT). */
void ls_run_note_add(ls_notes *n, const ls_diag *d);
/* A partial run's record of a lead that stage 2 found fresh (partial.c):
 * written when it has a key or matched; a matched lead's bytes follow
 * through ls_partial_put_bytes.  -1: no memory. */
int ls_partial_put_lead(ls_run *run, unsigned lead_flags, const ls_stage1 *r);
int ls_partial_put_bytes(ls_run *run, const char *bytes, size_t len);

/* Stage 2 of one lead, in input order: dedup, counts.  *spool is set to 1
 * when the lead must be spooled (matched, and its rank's spool not full),
 * with *persona the persona index (-1 without personas). */
ls_status ls_run_stage2(ls_run *run, unsigned lead_flags, const ls_stage1 *r, int *spool,
                        int *persona);
/* Both stages' bookkeeping for a lead the caller holds: stage 2, then its
 * output bytes rendered and spooled when it is kept. */
ls_status ls_run_stage2_kept(ls_run *run, const ls_lead *lead, const ls_stage1 *r);
/* Keeps a matched lead's output bytes in its rank's spool. */
ls_status ls_run_spool(ls_run *run, int persona, const char *bytes, size_t len);
/* Renders a matched lead's output bytes (persona name set) into out. */
int ls_run_render(const ls_run *run, const ls_lead *lead, int persona, ls_buf *out);
/* Reports progress and says LS_E_CANCELLED once the run was cancelled (or
 * its progress callback asked to stop): called after each file and every
 * 65,536 leads (with threads: after each chunk of a file). */
ls_status ls_run_checkpoint(ls_run *run);
/* Whether the run takes input: its sticky error (a cancel becomes one),
 * LS_E_USAGE once finished, else LS_OK. */
ls_status ls_run_check_open(ls_run *run);

/* Makes *h the run's CSV header when it has none yet (inputs are handed
 * over in input order, so the first is the first CSV input's); frees *h
 * otherwise. */
void ls_run_keep_csv_header(ls_run *run, ls_csv_names *h);
/* The same with a copy of names, when no header is kept yet. */
ls_status ls_run_keep_csv_header_copy(ls_run *run, const char *names, size_t len,
                                      size_t count);

/* The stream's counts into the run's statistics. */
void ls_run_sync_input_stats(ls_run *run);
/* Reads the files of list with run->threads workers doing stage 1; the
 * input counts go to run->stream.stats, as if the stream had read them. */
ls_status ls_run_parallel(ls_run *run, const ls_pathlist *list);

#endif
