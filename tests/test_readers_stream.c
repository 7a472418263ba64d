/* Documents read as they stream: a big array or response in a file is
 * read item by item in a bounded buffer, and gives exactly what the same
 * bytes read whole give (memory inputs are read whole): the same items,
 * indexes, lines, offsets and reports, in the same order, for valid
 * documents and for every cut and damage. */
#include <check.h>
#include "check_run.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "readers/reader.h"

/* Everything a reading gives, in order, as text. */
typedef struct {
    char *s;
    size_t len, cap;
} log_t;

static void log_add(log_t *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void log_add(log_t *l, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    ck_assert_int_ge(n, 0);
    if ((size_t)n >= sizeof tmp)
        n = sizeof tmp - 1;
    if (l->len + (size_t)n + 1 > l->cap) {
        l->cap = (l->len + (size_t)n + 1) * 2;
        l->s = realloc(l->s, l->cap);
        ck_assert_ptr_nonnull(l->s);
    }
    memcpy(l->s + l->len, tmp, (size_t)n + 1);
    l->len += (size_t)n;
}

static void on_diag(void *user, const ls_diag *d)
{
    log_add(user, "D %d %llu %llu %s\n", (int)d->kind, (unsigned long long)d->line,
            (unsigned long long)d->offset, d->message);
}

/* Reads src to its end into l; returns the malformed count. */
static uint64_t drain(ls_source *src, log_t *l)
{
    ls_diag_sink sink = {on_diag, l};
    uint64_t mal = 0;
    ls_item it;
    int r;
    while ((r = ls_source_next(src, &it, &sink, &mal)) == 1) {
        const ls_jval *sid = it.is_object ? &it.lead->f[LS_F_SALES_ID] : NULL;
        log_add(l, "I %llu %llu %lld %d %d %.*s %u %zu\n", (unsigned long long)it.offset,
                (unsigned long long)ls_source_item_line(src, &it),
                it.index == LS_ITEM_NO_INDEX ? -1LL : (long long)it.index, it.is_object,
                it.not_lead, sid && sid->type != LS_J_NONE ? (int)sid->len : 0,
                sid && sid->type != LS_J_NONE ? sid->p : "", it.is_object ? it.lead->flags : 0,
                it.is_object ? it.lead->f[LS_F_JOB_TITLE].len : 0);
    }
    log_add(l, "end %d %llu\n", r, (unsigned long long)mal);
    ls_source_close(src);
    return mal;
}

static char *read_memory(const char *text, size_t len, const ls_reader_limits *lim)
{
    log_t l = {0};
    ls_source *src = NULL;
    ck_assert_int_eq(ls_source_open_memory("in", text, len, lim, &src), LS_OK);
    drain(src, &l);
    return l.s;
}

static char path[64];

static char *read_path(const ls_reader_limits *lim, ls_source_spare *spare)
{
    log_t l = {0};
    ls_source *src = NULL;
    ck_assert_int_eq(ls_source_open_reusing(path, lim, spare, &src), LS_OK);
    drain(src, &l);
    return l.s;
}

static void write_file(const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, len, f), len);
    fclose(f);
}

/* The file's name is the memory input's, so that reports compare. */
static void setup(void)
{
    snprintf(path, sizeof path, "in");
    char dir[] = "/tmp/ls_stream_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(chdir(dir), 0);
}

/* text[0..len) from memory, then from a file a few bytes at a time (read
 * as it streams) and at the default read size (read whole): the same. */
static void same_every_way(const char *text, size_t len, size_t max_record, int max_depth,
                           const char *what)
{
    ls_reader_limits lim = {max_record, max_depth, 0, LS_INPUT_AUTO};
    char *want = read_memory(text, len, &lim);
    write_file(text, len);
    size_t chunks[] = {1, 3, 7, 0};
    for (int c = 0; c < 4; c++) {
        lim.chunk_bytes = chunks[c];
        char *got = read_path(&lim, NULL);
        ck_assert_msg(strcmp(got, want) == 0, "%s, chunk %zu:\n%s\nwhole:\n%s\n---\n%.*s", what,
                      chunks[c], got, want, (int)len, text);
        free(got);
    }
    free(want);
}

/* Every cut of text, and every byte of it replaced by each of a few that
 * break JSON in different ways. */
static void cuts_and_damage(const char *text, size_t max_record, int max_depth)
{
    size_t len = strlen(text);
    char *buf = malloc(len + 1);
    char what[64];
    for (size_t cut = 1; cut <= len; cut++) {
        snprintf(what, sizeof what, "cut at %zu", cut);
        same_every_way(text, cut, max_record, max_depth, what);
    }
    static const char bad[] = {'#', ',', '}', ']', '\n', '"', '{', ' '};
    for (size_t i = 0; i < len; i++)
        for (size_t b = 0; b < sizeof bad; b++) {
            if (text[i] == bad[b])
                continue;
            memcpy(buf, text, len);
            buf[i] = bad[b];
            snprintf(what, sizeof what, "byte %zu as '%c'", i, bad[b]);
            same_every_way(buf, len, max_record, max_depth, what);
        }
    free(buf);
}

static const char *const docs[] = {
    /* an array: leads, other values, a response, on several lines */
    "[{\"sales_id\": \"a\"}, {\"sales_id\": \"b\", \"job_title\": \"CEO\"},\n"
    " {\"sales_id\": \"c\"}, 7, \"s\", null, [1, 2], {\"leads\": [{\"sales_id\": \"d\"}]},\n"
    "{\"sales_id\": \"e\"}]\n",
    /* one item a line */
    "[\n  {\"sales_id\": \"a\"},\n  {\"sales_id\": \"b\"},\n  {\"sales_id\": \"c\"}\n]\n",
    /* a by_icp response, a v1 response */
    "{\"amount\": -3, \"leads\": [{\"sales_id\": \"a\"},\n {\"sales_id\": \"b\"}, "
    "{\"sales_id\": \"c\"}], \"results_count\": \"within limit\"}",
    "{\"data\": {\"leads\": [{\"sales_id\": \"a\"}, {\"sales_id\": \"b\"}],\n \"results_count\": 2}, "
    "\"meta\": {\"amount_charged\": 0}}",
    /* which array: data.leads before a top-level leads, duplicates, escapes */
    "{\"data\": {\"leads\": [{\"sales_id\": \"z\"}]},\n \"leads\": [{\"sales_id\": \"t\"}, "
    "{\"sales_id\": \"u\"}]}",
    "{\"leads\": [{\"sales_id\": \"a\"}],\n \"leads\": [{\"sales_id\": \"b\"}, {\"sales_id\": \"c\"}]}",
    "{\"leads\": [{\"sales_id\": \"a\"}, {\"sales_id\": \"b\"}],\n \"leads\": null}",
    "{\"leads\": 5, \"data\": {\"leads\": [{\"sales_id\": \"q\"},\n {\"sales_id\": \"r\"}]}}",
    "{\"le\\u0061ds\": [{\"sales_id\": \"e\"},\n {\"sales_id\": \"f\"}], \"x\": 1}",
    /* a BOM, escapes and text that is not ASCII */
    "\xEF\xBB\xBF[{\"sales_id\": \"\\u00e9\", \"job_title\": \"caf\xC3\xA9\"},\n"
    " {\"sales_id\": \"b\\\"\"}]",
    /* another value after the document: JSONL */
    "[{\"sales_id\": \"a\"}, {\"sales_id\": \"b\"}]\n{\"sales_id\": \"c\"}\n",
    "{\"leads\": [{\"sales_id\": \"a\"}, {\"sales_id\": \"b\"}]}\n200",
    /* the document's own persona members */
    "{\"linkedin_lead_persona\": 1, \"linkedin_lead_persona\": 2, \"linkedin_lead_persona\": 3,\n"
    " \"linkedin_lead_persona\": 4, \"leads\": [{\"sales_id\": \"a\"}, {\"sales_id\": \"b\"}],\n"
    " \"linkedin_lead_persona\": 5}",
};

START_TEST(documents_every_cut_and_damage)
{
    cuts_and_damage(docs[_i], 0, 0);
}
END_TEST

/* Depth limits: items deeper than a lead may be (skipped while the
 * document is valid), and deeper than the document may be. */
START_TEST(depth_limits_every_cut)
{
    cuts_and_damage("[{\"sales_id\": \"a\", \"x\": [[1]]}, {\"sales_id\": \"b\", \"x\": [[[[1]]]]},\n"
                    " {\"sales_id\": \"c\", \"x\": [[[[[[[1]]]]]]]}, {\"sales_id\": \"d\"}]",
                    0, 3);
    cuts_and_damage("{\"data\": {\"leads\": [{\"sales_id\": \"a\", \"x\": [[[1]]]},\n"
                    " {\"sales_id\": \"b\"}]}}",
                    0, 2);
}
END_TEST

/* The record limit: items over it are reported, and so is a document
 * read as JSONL records. */
START_TEST(record_limit_every_cut)
{
    cuts_and_damage("[{\"sales_id\": \"a\", \"t\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"},\n"
                    " {\"sales_id\": \"b\"}]",
                    30, 0);
    cuts_and_damage("[{\"sales_id\": \"a\"}, {\"sales_id\": \"b\"}]\n[{\"sales_id\": \"c\"}]\n", 30,
                    0);
}
END_TEST

/* A generated array of n leads, with a newline every few items when
 * lines is set. */
static char *big_array(size_t n, int lines, int response, size_t *len)
{
    size_t cap = n * 120 + 64, o = 0;
    char *s = malloc(cap);
    o += (size_t)sprintf(s + o, "%s", response ? "{\"amount\": 1, \"leads\": [" : "[");
    for (size_t i = 0; i < n; i++)
        o += (size_t)sprintf(s + o, "%s{\"sales_id\": \"s%zu\", \"job_title\": \"Head of %zu\"}",
                             i ? (lines && i % 7 == 0 ? ",\n" : ", ") : "", i, i * 31);
    o += (size_t)sprintf(s + o, "%s", response ? "], \"results_count\": \"within limit\"}\n" : "]\n");
    *len = o;
    return s;
}

/* A document far larger than the read size is held a piece at a time:
 * the buffer (given back to spare when the source closes) stays a few
 * reads and an item, and the leads are those of the whole reading. */
START_TEST(big_documents_stay_bounded)
{
    for (int shape = 0; shape < 4; shape++) {
        size_t len;
        char *text = big_array(20000, shape & 1, shape >> 1, &len);
        ck_assert_uint_gt(len, 900000);
        ls_reader_limits lim = {0, 0, 0, LS_INPUT_AUTO};
        char *want = read_memory(text, len, &lim);
        write_file(text, len);
        lim.chunk_bytes = 4096;
        ls_source_spare spare;
        memset(&spare, 0, sizeof spare);
        char *got = read_path(&lim, &spare);
        ck_assert_msg(strcmp(got, want) == 0, "shape %d", shape);
        ck_assert_ptr_nonnull(strstr(got, " s19999 "));
        ck_assert_uint_le(spare.cap, 4 * 4096);
        ls_source_spare_free(&spare);
        free(got);
        /* broken in the middle, cut short: the same as read whole */
        size_t cuts[] = {len / 2, len / 2 + 13, len - 40};
        for (int c = 0; c < 3; c++) {
            char *broken = malloc(len);
            memcpy(broken, text, len);
            if (c == 1)
                broken[len / 2] = '#';
            size_t blen = c == 1 ? len : cuts[c];
            lim.chunk_bytes = 0;
            char *w2 = read_memory(broken, blen, &lim);
            write_file(broken, blen);
            lim.chunk_bytes = 4096;
            memset(&spare, 0, sizeof spare);
            char *g2 = read_path(&lim, &spare);
            ck_assert_msg(strcmp(g2, w2) == 0, "shape %d cut %d", shape, c);
            /* a document on one line broken on it may be JSONL: read whole */
            if (c != 1 || (shape & 1))
                ck_assert_uint_le(spare.cap, 4 * 4096);
            ls_source_spare_free(&spare);
            free(g2);
            free(w2);
            free(broken);
        }
        free(want);
        free(text);
    }
}
END_TEST

/* Items that straddle every refill: one long item among short ones, read
 * a few bytes at a time, and an item longer than several reads. */
START_TEST(items_straddle_refills)
{
    char text[4096];
    size_t o = (size_t)sprintf(text, "[");
    for (int i = 0; i < 30; i++)
        o += (size_t)sprintf(text + o, "%s{\"sales_id\": \"s%d\", \"job_title\": \"%.*s\"}",
                             i ? ", " : "", i, i * 7 % 97,
                             "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnop"
                             "qrstuvwxyzabcdefghijklmnopqrstuvwxyz");
    o += (size_t)sprintf(text + o, "]");
    for (size_t chunk = 1; chunk < 40; chunk += 3) {
        ls_reader_limits lim = {0, 0, 0, LS_INPUT_AUTO};
        char *want = read_memory(text, o, &lim);
        write_file(text, o);
        lim.chunk_bytes = chunk;
        char *got = read_path(&lim, NULL);
        ck_assert_str_eq(got, want);
        ck_assert_ptr_nonnull(strstr(got, " s29 "));
        free(got);
        free(want);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("readers_stream");
    TCase *tc = tcase_create("stream");
    tcase_set_timeout(tc, 600);
    tcase_add_unchecked_fixture(tc, setup, NULL);
    tcase_add_loop_test(tc, documents_every_cut_and_damage, 0,
                        (int)(sizeof docs / sizeof *docs));
    tcase_add_test(tc, depth_limits_every_cut);
    tcase_add_test(tc, record_limit_every_cut);
    tcase_add_test(tc, big_documents_stay_bounded);
    tcase_add_test(tc, items_straddle_refills);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ls_check_run(suite());
}
