/* Saved fuzz_normalize findings replayed against the same properties the
 * fuzz target checks (tests/fuzz/props_normalize.h), plus the cases that
 * decide which properties those are. */
#include <check.h>
#include "check_run.h"
#include <stdlib.h>
#include <string.h>
#include "fuzz/props_normalize.h"
#include "fuzz/regress.h"

static void check_one(const char *name, const char *data, size_t len)
{
    props_norm_ctx ctx; /* fresh buffers: the state a first call sees */
    ck_assert_int_eq(props_norm_init(&ctx), 0);
    const char *why = props_normalize(&ctx, data, len);
    props_norm_free(&ctx);
    ck_assert_msg(why == NULL, "normalize input %s: %s", name, why);
}

START_TEST(replay_saved_inputs)
{
    regress_replay("normalize", check_one);
}
END_TEST

START_TEST(replay_seed_corpus)
{
    ck_assert_uint_gt(regress_replay_seeds("normalize", check_one), 0);
}
END_TEST

/* The first call of a new normalizer that yields "" must still return a
 * NUL-terminated "", not an unwritten buffer. */
START_TEST(fresh_normalizer_empty_result)
{
    const char *inputs[] = {"", "of", "and or", "---"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        ls_normalizer *nz = NULL;
        ls_normalizer_new(&nz);
        ck_assert_ptr_nonnull(nz);
        size_t n = 99;
        const char *r = ls_normalizer_run(nz, inputs[i], strlen(inputs[i]), &n, NULL);
        ck_assert_ptr_nonnull(r);
        ck_assert_uint_eq(n, 0);
        ck_assert_msg(r[0] == '\0', "norm(\"%s\") on a new normalizer is not \"\"", inputs[i]);
        ls_normalizer_free(nz);
    }
}
END_TEST

static char out1[256], out2[256];

/* norm is not idempotent (contract §1 step 7: one pass, output not
 * re-scanned), which is why the fuzz target checks idempotence only when
 * no token of norm(x) is a stop-word or an abbreviation head. */
START_TEST(norm_twice_is_not_norm)
{
    ls_norm("cpo", 3, out1, sizeof out1, NULL, NULL);
    ck_assert_str_eq(out1, "cpo chief officer");
    ls_norm(out1, strlen(out1), out2, sizeof out2, NULL, NULL);
    ck_assert_str_eq(out2, "cpo chief officer chief officer");

    ls_norm("vice pres", 9, out1, sizeof out1, NULL, NULL);
    ck_assert_str_eq(out1, "vice president");
    ls_norm(out1, strlen(out1), out2, sizeof out2, NULL, NULL);
    ck_assert_str_eq(out2, "vp");

    /* No head left in the output: the second pass changes nothing. */
    ls_norm("R&D", 3, out1, sizeof out1, NULL, NULL);
    ck_assert_str_eq(out1, "research development");
    ls_norm(out1, strlen(out1), out2, sizeof out2, NULL, NULL);
    ck_assert_str_eq(out2, "research development");
}
END_TEST

/* The checks themselves reject what they should, so a replay that passes
 * means something. */
START_TEST(properties_reject_bad_output)
{
    ck_assert_ptr_null(props_norm_canonical("vp sales", 8));
    ck_assert_ptr_nonnull(props_norm_canonical("vp  sales", 9));
    ck_assert_ptr_nonnull(props_norm_canonical(" vp", 3));
    ck_assert_ptr_nonnull(props_norm_canonical("vp ", 3));
    ck_assert_ptr_nonnull(props_norm_canonical("Vp", 2));
    ck_assert_ptr_nonnull(props_norm_canonical("v-p", 3));
    ck_assert_ptr_nonnull(props_norm_canonical("vpX", 2)); /* no NUL at out_len */
    ck_assert_ptr_null(props_name_canonical("jose o'neil", 11));
    ck_assert_ptr_nonnull(props_name_canonical("Jose", 4));
    ck_assert_ptr_nonnull(props_name_canonical("jose\tx", 6));
    ck_assert_ptr_nonnull(props_name_canonical("jos\xc3\xa9", 5));
    ck_assert_int_eq(fuzz_utf8_valid((const unsigned char *)"\xed\x9f\xbf", 3), 1);
    ck_assert_int_eq(fuzz_utf8_valid((const unsigned char *)"\xed\xa0\x80", 3), 0);
    ck_assert_int_eq(fuzz_utf8_valid((const unsigned char *)"\xe0\x9f\xbf", 3), 0);
    ck_assert_int_eq(fuzz_utf8_valid((const unsigned char *)"\xf4\x90\x80\x80", 4), 0);
    ck_assert_int_eq(fuzz_utf8_valid((const unsigned char *)"\xf0\x9f\x98\x80", 4), 1);
    ck_assert_int_eq(fuzz_utf8_valid((const unsigned char *)"\xc3", 1), 0);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("normalize_fuzz_regressions");
    TCase *tc = tcase_create("all");
    tcase_add_test(tc, replay_saved_inputs);
    tcase_add_test(tc, replay_seed_corpus);
    tcase_add_test(tc, fresh_normalizer_empty_result);
    tcase_add_test(tc, norm_twice_is_not_norm);
    tcase_add_test(tc, properties_reject_bad_output);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ls_check_run(suite());
}
