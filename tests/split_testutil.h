/* What the tests of files read in byte ranges share: a run over a file at
 * a range size (LEADSIEVE_SPLIT_BYTES), its results, diagnostics and
 * counts as text, and the check that 2 and 3 threads give one reader's
 * text byte for byte. */
#ifndef LS_TEST_SPLIT_TESTUTIL_H
#define LS_TEST_SPLIT_TESTUTIL_H
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include "engine_testutil.h"
#include "engine/run_int.h"

typedef struct got {
    char *text; /* results, then diagnostics, then counts */
    size_t len;
    FILE *f;
    uint64_t taken, reread;
} got;

static void on_diag(void *user, const ls_diag *d)
{
    got *g = user;
    fprintf(g->f, "diag %d %llu %llu %s\n", (int)d->kind, (unsigned long long)d->line,
            (unsigned long long)d->offset, d->message);
}

static int on_result(void *user, const char *lead, size_t len, int persona)
{
    got *g = user;
    fprintf(g->f, "lead %d %.*s\n", persona, (int)len, lead);
    return 0;
}

static char dir[64];
static size_t split_max_record; /* the runs' record limit (0: the default) */

static char *write_file(const char *name, const char *text)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Runs req over path with threads workers and ranges of range_bytes. */
static void run_file(const char *reqjson, const char *path, int threads, const char *range_bytes,
                     got *g)
{
    memset(g, 0, sizeof *g);
    g->f = open_memstream(&g->text, &g->len);
    ck_assert_ptr_nonnull(g->f);
    setenv("LEADSIEVE_SPLIT_BYTES", range_bytes, 1);
    ls_request *req = compile_req(reqjson);
    ls_run_options o;
    ls_run_options_init(&o);
    o.threads = threads;
    o.max_record_bytes = split_max_record;
    o.on_diag = on_diag;
    o.diag_user = g;
    ls_run *run = NULL;
    ls_run_new(req, &o, &run);
    ck_assert_ptr_nonnull(run);
    ck_assert_int_eq(ls_run_add_path(run, path), LS_OK);
    ck_assert_int_eq(ls_run_finish(run), LS_OK);
    ck_assert_int_eq(ls_run_foreach_result(run, on_result, g), LS_OK);
    const ls_run_stats *s = ls_run_get_stats(run);
    fprintf(g->f, "files %llu/%llu leads %llu malformed %llu not_objects %llu not_leads %llu "
                  "dup %llu matched %llu returned %llu reached %d\n",
            (unsigned long long)s->files_read, (unsigned long long)s->files_failed,
            (unsigned long long)s->leads_read, (unsigned long long)s->malformed,
            (unsigned long long)s->not_objects, (unsigned long long)s->not_leads,
            (unsigned long long)s->duplicates, (unsigned long long)s->matched,
            (unsigned long long)s->returned, s->limit_reached);
    g->taken = run->ranges_taken;
    g->reread = run->ranges_reread;
    ls_run_free(run);
    ls_request_free(req);
    fclose(g->f);
    unsetenv("LEADSIEVE_SPLIT_BYTES");
}

/* One reader's results for path, then the same from 2 and 3 threads at
 * every range size given: byte for byte.  Returns the one reader's. */
static got same_for_any_split(const char *req, const char *path, const char *const *sizes,
                              uint64_t *taken, uint64_t *reread)
{
    got one;
    run_file(req, path, 1, "64", &one);
    ck_assert_uint_eq(one.taken, 0); /* one thread: no ranges */
    *taken = *reread = 0;
    for (size_t i = 0; sizes[i]; i++)
        for (int threads = 2; threads <= 3; threads++) {
            got g;
            run_file(req, path, threads, sizes[i], &g);
            if (g.len != one.len || memcmp(g.text, one.text, one.len) != 0)
                ck_abort_msg("%d threads, ranges of %s bytes:\n%s\nwant:\n%s", threads,
                             sizes[i], g.text, one.text);
            *taken += g.taken;
            *reread += g.reread;
            free(g.text);
        }
    return one;
}

#endif
