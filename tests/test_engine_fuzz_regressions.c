/* Saved fuzz_output findings and seeds replayed against the properties the
 * fuzz target checks (tests/fuzz/props_output.h), without and with personas, in JSON, JSONL and CSV. */
#include <check.h>
#include "check_run.h"
#include <stdlib.h>
#include <string.h>
#include "fuzz/props_output.h"
#include "fuzz/regress.h"

static props_out_ctx ctx;

static void check_one(const char *name, const char *data, size_t len)
{
    if (!ctx.plain)
        ck_assert_int_eq(props_out_init(&ctx), 0);
    const char *why = props_output(&ctx, data, len);
    ck_assert_msg(why == NULL, "output input %s: %s", name, why);
}

START_TEST(replay_saved_inputs)
{
    regress_replay("output", check_one);
}
END_TEST

START_TEST(replay_seed_corpus)
{
    ck_assert_uint_gt(regress_replay_seeds("output", check_one), 0);
}
END_TEST

START_TEST(properties_reject_bad_output)
{
    char *lead = "{\"full_name\": \"=1+2\", \"sales_id\": 7}";
    props_result r = {lead, strlen(lead), -1};
    props_results R = {&r, 1, 1};
    const char *hdr = "linkedin_lead_persona,full_name,job_title,company_name,location,"
                      "linkedin_url,sales_id\r\n";
    char buf[512];
    snprintf(buf, sizeof buf, "%s,'=1+2,,,,,7\r\n", hdr);
    ck_assert_ptr_null(props_check_csv(buf, strlen(buf), &R));
    snprintf(buf, sizeof buf, "%s,=1+2,,,,,7\r\n", hdr); /* not neutralised */
    ck_assert_ptr_nonnull(props_check_csv(buf, strlen(buf), &R));
    snprintf(buf, sizeof buf, "%s,'=1+2,,,,,7\n", hdr); /* LF only */
    ck_assert_ptr_nonnull(props_check_csv(buf, strlen(buf), &R));
    snprintf(buf, sizeof buf, "%s,'=1+2,,,,7\r\n", hdr); /* one cell short */
    ck_assert_ptr_nonnull(props_check_csv(buf, strlen(buf), &R));
    snprintf(buf, sizeof buf, "%s,\"'=1\"\"+2,,,,,7\r\n", hdr); /* bad quoting */
    ck_assert_ptr_nonnull(props_check_csv(buf, strlen(buf), &R));
    const char *jl = "{\"full_name\":\"=1+2\",\"sales_id\":7}\n";
    ck_assert_ptr_null(props_check_jsonl(jl, strlen(jl), &R));
    const char *jl2 = "{\"full_name\":\"=1+2\",\"sales_id\":7.0}\n";
    ck_assert_ptr_nonnull(props_check_jsonl(jl2, strlen(jl2), &R)); /* number rewritten */
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("engine_fuzz_regressions");
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
