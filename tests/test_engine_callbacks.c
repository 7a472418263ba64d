/* What a run tells a client while it reads: each lead's result in input
 * order (the same for any thread count), progress, and cancelling. */
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include "engine_testutil.h"

#define REQ "{\"without_company\": true, \"exclude_ids\": [\"x\"], " \
            "\"personas\": [[\"Sales\", [\"sales\"], [], []]]}"

/* Three files: a duplicate (s1 again), one dropped by exclude_ids, one that
 * matches no persona, a lead without a key, a number (not a lead). */
static const char *const files[] = {
    "{\"sales_id\": \"s1\", \"job_title\": \"Sales Lead\"}\n"
    "{\"sales_id\": \"x\", \"job_title\": \"Sales Lead\"}\n",
    "{\"sales_id\": 7, \"job_title\": \"Engineer\"}\n7\n"
    "{\"job_title\": \"Sales Rep\"}\n",
    "{\"sales_id\": \"s1\", \"job_title\": \"Engineer\"}\n"};

typedef struct seen {
    char line[8][64];
    size_t n;
    uint64_t progress_calls, last_done, last_total, last_leads;
    int cancel_at; /* progress call that cancels; 0: never */
} seen;

static void on_lead(void *user, const ls_lead_result *r)
{
    seen *s = user;
    ck_assert_uint_lt(s->n, 8);
    snprintf(s->line[s->n++], sizeof s->line[0], "%llu %.*s %d %d %d",
             (unsigned long long)r->index, r->key ? (int)r->key_len : 1, r->key ? r->key : "-",
             r->duplicate, (int)r->verdict.outcome, r->verdict.persona);
}

static int on_progress(void *user, const ls_progress *p)
{
    seen *s = user;
    s->progress_calls++;
    ck_assert_uint_ge(p->files_done, s->last_done); /* never goes back */
    s->last_done = p->files_done;
    s->last_total = p->files_total;
    s->last_leads = p->leads_read;
    return s->cancel_at && s->progress_calls == (uint64_t)s->cancel_at;
}

static char dir[64];

static void write_files(void)
{
    snprintf(dir, sizeof dir, "/tmp/ls-callbacks-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    for (size_t i = 0; i < 3; i++) {
        char path[96];
        snprintf(path, sizeof path, "%s/%zu.jsonl", dir, i);
        FILE *f = fopen(path, "w");
        ck_assert_ptr_nonnull(f);
        fputs(files[i], f);
        fclose(f);
    }
}

static void remove_files(void)
{
    for (size_t i = 0; i < 3; i++) {
        char path[96];
        snprintf(path, sizeof path, "%s/%zu.jsonl", dir, i);
        unlink(path);
    }
    rmdir(dir);
}

static ls_status run_dir(int threads, seen *s)
{
    ls_request *req = compile_req(REQ);
    ls_run_options o;
    ls_run_options_init(&o);
    o.threads = threads;
    o.on_lead = on_lead;
    o.lead_user = s;
    o.on_progress = on_progress;
    o.progress_user = s;
    ls_run *run = NULL;
    ls_run_new(req, &o, &run);
    ck_assert_ptr_nonnull(run);
    ls_status st = ls_run_add_path(run, dir);
    ls_status fin = ls_run_finish(run);
    if (st == LS_OK)
        st = fin;
    ls_run_free(run);
    ls_request_free(req);
    return st;
}

START_TEST(each_lead_in_input_order_for_any_thread_count)
{
    write_files();
    for (int threads = 1; threads <= 3; threads++) {
        seen s = {0};
        ck_assert_int_eq(run_dir(threads, &s), LS_OK);
        ck_assert_uint_eq(s.n, 5);
        ck_assert_str_eq(s.line[0], "0 s1 0 0 0");   /* matched Sales */
        ck_assert_str_eq(s.line[1], "1 x 0 1 -1");    /* dropped by a filter */
        ck_assert_str_eq(s.line[2], "2 7 0 2 -1");    /* no persona; the key as written */
        ck_assert_str_eq(s.line[3], "3 - 0 0 0");     /* no key: never a duplicate */
        ck_assert_str_eq(s.line[4], "4 s1 1 2 -1");   /* a duplicate, still judged */
        /* progress: every file counted, all leads read */
        ck_assert_uint_ge(s.progress_calls, 1);
        ck_assert_uint_eq(s.last_done, 3);
        ck_assert_uint_eq(s.last_total, 3);
        ck_assert_uint_eq(s.last_leads, 5);
    }
    remove_files();
}
END_TEST

START_TEST(cancel_from_progress_and_from_outside)
{
    write_files();
    for (int threads = 1; threads <= 2; threads++) {
        seen s = {0};
        s.cancel_at = 1; /* stop at the first report */
        ck_assert_int_eq(run_dir(threads, &s), LS_E_CANCELLED);
        ck_assert_uint_eq(s.progress_calls, 1);
        ck_assert_uint_lt(s.n, 5); /* not every lead got through */
    }
    /* ls_run_cancel: the run takes nothing more and does not finish */
    ls_request *req = compile_req(REQ);
    ls_run *run = NULL;
    ls_run_new(req, NULL, &run);
    ck_assert_int_eq(ls_run_add_memory(run, "a", files[0], strlen(files[0])), LS_OK);
    ls_run_cancel(run);
    ck_assert_int_eq(ls_run_add_memory(run, "b", files[1], strlen(files[1])), LS_E_CANCELLED);
    ck_assert_int_eq(ls_run_add_path(run, dir), LS_E_CANCELLED);
    ck_assert_int_eq(ls_run_finish(run), LS_E_CANCELLED);
    ck_assert_uint_eq(ls_run_get_stats(run)->leads_read, 2);
    ls_run_free(run);
    ls_request_free(req);
    remove_files();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("engine_callbacks");
    TCase *tc = tcase_create("callbacks");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, each_lead_in_input_order_for_any_thread_count);
    tcase_add_test(tc, cancel_from_progress_and_from_outside);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
