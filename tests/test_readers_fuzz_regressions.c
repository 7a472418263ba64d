/* Saved fuzz_reader findings and seeds replayed against the properties the
 * fuzz target checks (tests/fuzz/props_reader.h), from memory and from a file. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz/props_reader.h"
#include "fuzz/regress.h"

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

START_TEST(properties_reject_bad_output)
{
    ck_assert_uint_eq(props_line_of("a\nb\nc", 5, 0), 1);
    ck_assert_uint_eq(props_line_of("a\nb\nc", 5, 2), 2);
    ck_assert_uint_eq(props_line_of("a\nb\nc", 5, 4), 3);
    /* §5 shapes: the expected items of a valid document */
    const char *doc = "{\"leads\": [{\"a\": 1}, 2]}";
    props_log L = {0};
    L.name = "x";
    props_rec one = {0, 1, 1, 8, -1};
    ck_assert_int_eq(props_log_add(&L, one), 0);
    ck_assert_ptr_nonnull(props_reader_shape(doc, strlen(doc), &L)); /* wrong offset, one item short */
    L.r[0].offset = 11;
    props_rec two = {21, 1, 0, 0, -1};
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
    tcase_add_test(tc, properties_reject_bad_output);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
