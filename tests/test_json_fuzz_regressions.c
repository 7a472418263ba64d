/* Saved fuzz_scan findings and seeds replayed against the properties the
 * fuzz target checks (tests/fuzz/props_scan.h). */
#include <check.h>
#include "check_run.h"
#include <stdlib.h>
#include <string.h>
#include "fuzz/props_scan.h"
#include "fuzz/regress.h"

static void check_one(const char *name, const char *data, size_t len)
{
    const char *why = props_scan(data, len);
    ck_assert_msg(why == NULL, "scan input %s: %s", name, why);
}

START_TEST(replay_saved_inputs)
{
    regress_replay("scan", check_one);
}
END_TEST

START_TEST(replay_seed_corpus)
{
    ck_assert_uint_gt(regress_replay_seeds("scan", check_one), 0);
}
END_TEST

/* The checks reject what they should. */
START_TEST(properties_reject_bad_output)
{
    ck_assert_int_eq(props_json_depth("[[{\"a\":[1]}]]", 14), 4);
    ck_assert_int_eq(props_json_depth("[\"[[[\\\"\"]", 10), 1);
    ck_assert_int_eq(props_json_depth("1", 1), 0);
    ls_jval in = {"ab", 2, LS_J_STRING, 0, 0};
    ck_assert_ptr_nonnull(props_check_jval("xab", 3, &in)); /* no quotes around */
    ls_jval out = {"\"ab\"" + 1, 2, LS_J_STRING, 0, 0};
    ck_assert_ptr_nonnull(props_check_jval("zz", 2, &out)); /* outside the bytes */
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("json_fuzz_regressions");
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
    return ls_check_run(suite());
}
