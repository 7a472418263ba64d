/* Saved fuzz_reader findings and seeds replayed against the properties the
 * fuzz target checks (tests/fuzz/props_reader.h), from memory and from a file. */
#include <check.h>
#include "check_run.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzz/props_csv.h"
#include "fuzz/props_reader.h"
#include "fuzz/regress.h"

/* Reads path through a file source with the given read chunk and a 64-byte
 * record limit; returns the object items' lengths in lens[]. */
static size_t read_file_items(const char *data, size_t n, size_t chunk, size_t *lens,
                              size_t max, uint64_t *malformed)
{
    char path[] = "/tmp/ls_fuzz_regress_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, data, n), (ssize_t)n);
    close(fd);
    ls_reader_limits lim = {64, 0, chunk, LS_INPUT_AUTO};
    size_t k = 0;
    ls_source *src = NULL;
    ck_assert_int_eq(ls_source_open(path, &lim, &src), LS_OK);
    ls_item it;
    *malformed = 0;
    while (ls_source_next(src, &it, NULL, malformed) == 1)
        if (k < max)
            lens[k++] = it.is_object ? it.lead->raw_len : 0;
    ls_source_close(src);
    unlink(path);
    return k;
}

static void check_one(const char *name, const char *data, size_t len)
{
    const char *why = props_reader(data, len);
    ck_assert_msg(why == NULL, "reader input %s: %s", name, why);
}

START_TEST(replay_saved_inputs)
{
    regress_replay("reader", check_one);
}
END_TEST

START_TEST(replay_seed_corpus)
{
    ck_assert_uint_gt(regress_replay_seeds("reader", check_one), 0);
}
END_TEST

static void check_csv(const char *name, const char *data, size_t len)
{
    const char *why = props_csv(data, len);
    ck_assert_msg(why == NULL, "csv input %s: %s", name, why);
}

/* fuzz_csv's findings and seeds */
START_TEST(replay_csv_inputs)
{
    regress_replay("csv", check_csv);
    ck_assert_uint_gt(regress_replay_seeds("csv", check_csv), 0);
}
END_TEST

/* JSONL whose last record is exactly max_record_bytes (64) long: it is
 * within the limit and must be kept however the file is read. */
START_TEST(record_exactly_at_limit_is_kept)
{
    char data[256];
    snprintf(data, sizeof data, "{}%55s\n{\"job_title\":\"%s\"}", "",
             "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    ck_assert_uint_eq(strlen(data), 58 + 64);
    size_t lens[8];
    uint64_t malformed;
    size_t n = read_file_items(data, strlen(data), 11, lens, 8, &malformed);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(lens[1], 64);
    ck_assert_uint_eq(malformed, 0);
}
END_TEST

/* A record over the limit that spans several lines is skipped whole (as
 * from memory), not one line at a time with its inner lines read as
 * records. */
START_TEST(multiline_record_over_limit_skipped_whole)
{
    const char *data = "{\"a\":1}\n{\n \"job_title\": \""
                       "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                       "\",\n \"sales_id\": \"3\"\n}\n{\"b\":2}\n";
    size_t lens[16];
    uint64_t malformed;
    size_t n = read_file_items(data, strlen(data), 16, lens, 16, &malformed);
    ck_assert_uint_eq(n, 2); /* {"a":1} and {"b":2} */
    ck_assert_uint_eq(lens[0], 7);
    ck_assert_uint_eq(lens[1], 7);
    ck_assert_uint_eq(malformed, 1);
}
END_TEST

START_TEST(properties_reject_bad_output)
{
    ck_assert_uint_eq(props_line_of("a\nb\nc", 5, 0), 1);
    ck_assert_uint_eq(props_line_of("a\nb\nc", 5, 2), 2);
    ck_assert_uint_eq(props_line_of("a\nb\nc", 5, 4), 3);
    /* §5 shapes: the expected items of a valid document */
    const char *doc = "{\"leads\": [{\"a\": 1}, 2]}";
    props_log L = {0};
    L.name = "x";
    props_rec one = {0, 1, 1, 8, -1, 0};
    ck_assert_int_eq(props_log_add(&L, one), 0);
    ck_assert_ptr_nonnull(props_reader_shape(doc, strlen(doc), &L)); /* wrong offset, one item short */
    L.r[0].offset = 11;
    props_rec two = {21, 1, 0, 0, -1, 0};
    ck_assert_int_eq(props_log_add(&L, two), 0);
    ck_assert_ptr_null(props_reader_shape(doc, strlen(doc), &L));
    props_log_free(&L);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("readers_fuzz_regressions");
    TCase *tc = tcase_create("all");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, replay_saved_inputs);
    tcase_add_test(tc, replay_seed_corpus);
    tcase_add_test(tc, replay_csv_inputs);
    tcase_add_test(tc, record_exactly_at_limit_is_kept);
    tcase_add_test(tc, multiline_record_over_limit_skipped_whole);
    tcase_add_test(tc, properties_reject_bad_output);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ls_check_run(suite());
}
