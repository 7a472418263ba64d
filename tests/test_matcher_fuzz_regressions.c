/* Saved fuzz_request findings and seeds replayed against the properties the
 * fuzz target checks (tests/fuzz/props_request.h), in both match modes. */
#include <check.h>
#include "check_run.h"
#include <stdlib.h>
#include <string.h>
#include "fuzz/props_request.h"
#include "fuzz/regress.h"

static void check_one(const char *name, const char *data, size_t len)
{
    props_req_ctx ctx;
    ck_assert_int_eq(props_req_init(&ctx), 0);
    const char *why = props_request(&ctx, data, len, LS_MATCH_DOCUMENTED);
    if (!why)
        why = props_request(&ctx, data, len, LS_MATCH_WORDS);
    props_req_free(&ctx);
    ck_assert_msg(why == NULL, "request input %s: %s", name, why);
}

START_TEST(replay_saved_inputs)
{
    regress_replay("request", check_one);
}
END_TEST

START_TEST(replay_seed_corpus)
{
    ck_assert_uint_gt(regress_replay_seeds("request", check_one), 0);
}
END_TEST

START_TEST(properties_reject_bad_output)
{
    ck_assert_int_eq(props_has_phrase("vp sales manager", "sales"), 1);
    ck_assert_int_eq(props_has_phrase("vp sales manager", "vp sales"), 1);
    ck_assert_int_eq(props_has_phrase("wholesales manager", "sales"), 0);
    ck_assert_int_eq(props_has_phrase("vp sales", "p s"), 0);
    ck_assert_int_eq(props_has_phrase("", "vp"), 0);
    /* a verdict naming a persona the request does not have */
    ls_request *req = NULL;
    const char *json = "{\"without_company\": true}";
    ck_assert_int_eq(ls_request_compile(json, strlen(json), NULL, &req, NULL), LS_OK);
    ls_verdict v = {LS_MATCHED, 0, NULL, 0};
    ck_assert_ptr_nonnull(props_check_verdict(req, &v, 0));
    v.persona = -1;
    ck_assert_ptr_null(props_check_verdict(req, &v, 0));
    v.outcome = LS_DROPPED_BY_FILTER;
    ck_assert_ptr_nonnull(props_check_verdict(req, &v, 0)); /* no filter named */
    ls_request_free(req);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("matcher_fuzz_regressions");
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
