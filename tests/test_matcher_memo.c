/* The per-matcher memo of title and location decisions: a remembered
 * decision is exactly the computed one, however keys collide or evict. */
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "matcher/memo.h"
#include "matcher_testutil.h"

START_TEST(memo_keeps_exact_keys)
{
    ls_memo memo;
    ls_memo_init(&memo, 4); /* one set of four */
    ck_assert_ptr_null(ls_memo_find(&memo, "a", 1)); /* nothing allocated yet */
    ls_memo_put(&memo, "VP Sales", 8, 7, "vp sales", 8);
    const ls_memo_slot *s = ls_memo_find(&memo, "VP Sales", 8);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(s->value, 7);
    ck_assert_uint_eq(s->extra_len, 8);
    ck_assert_int_eq(memcmp(s->bytes + s->key_len, "vp sales", 8), 0);
    ck_assert_ptr_null(ls_memo_find(&memo, "VP Sale", 7));  /* prefix */
    ck_assert_ptr_null(ls_memo_find(&memo, "VP Salez", 8)); /* same length */
    /* 4 slots, 100 keys: evictions never give a wrong value */
    char k[32];
    for (int i = 0; i < 100; i++) {
        int n = snprintf(k, sizeof k, "title %d", i);
        ls_memo_put(&memo, k, (size_t)n, i, NULL, 0);
    }
    int found = 0;
    for (int i = 0; i < 100; i++) {
        int n = snprintf(k, sizeof k, "title %d", i);
        s = ls_memo_find(&memo, k, (size_t)n);
        if (s) {
            ck_assert_int_eq(s->value, i);
            found++;
        }
    }
    ck_assert_int_eq(found, 4); /* the four newest */
    for (int i = 96; i < 100; i++) {
        int n = snprintf(k, sizeof k, "title %d", i);
        ck_assert_ptr_nonnull(ls_memo_find(&memo, k, (size_t)n));
    }
    /* a key stored again is not duplicated: the set still holds four */
    ls_memo_put(&memo, "title 97", 8, 970, NULL, 0);
    ck_assert_int_eq(ls_memo_find(&memo, "title 97", 8)->value, 970);
    ck_assert_ptr_nonnull(ls_memo_find(&memo, "title 96", 8));
    ck_assert_ptr_nonnull(ls_memo_find(&memo, "title 98", 8));
    ck_assert_ptr_nonnull(ls_memo_find(&memo, "title 99", 8));
    /* too long to remember: not stored, not found */
    char big[LS_MEMO_BYTES + 1];
    memset(big, 'x', sizeof big);
    ls_memo_put(&memo, big, sizeof big, 1, NULL, 0);
    ck_assert_ptr_null(ls_memo_find(&memo, big, sizeof big));
    ls_memo_put(&memo, big, 100, 1, big, 30); /* key fits, key + extra does not */
    ck_assert_ptr_null(ls_memo_find(&memo, big, 100));
    ls_memo_free(&memo);
}
END_TEST

#define REQ(personas) "{'without_company': true, 'personas': " personas "}"

/* The same titles twice through one matcher, many more than fit in the
 * memo, give the persona and norm(title) of a fresh matcher each time. */
START_TEST(remembered_titles_match_fresh_ones)
{
    ls_request *r = compile_ok(REQ("[['S', ['sales'], ['vp', 'head'], ['intern']],"
                                   " ['M', ['marketing'], ['director'], []]]"));
    ls_matcher *m = NULL;
    ls_matcher_new(r, &m);
    static const char *const base[] = {"VP Sales", "Head of Sales Intern",
                                       "Director, Marketing", "Zoë Director Marketing",
                                       "Marketing Manager", ""};
    char t[64];
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 6000; i++) {
            int n = snprintf(t, sizeof t, "%s %d", base[i % 6], i % 5000);
            ls_matcher *fresh = NULL;
            ls_matcher_new(r, &fresh);
            ls_verdict a, b;
            ck_assert_int_eq(ls_match_title(m, t, (size_t)n, &a), LS_OK);
            ck_assert_int_eq(ls_match_title(fresh, t, (size_t)n, &b), LS_OK);
            ck_assert_int_eq(a.persona, b.persona);
            ck_assert_int_eq(a.outcome, b.outcome);
            size_t la, lb;
            const char *na = ls_matcher_title_norm(m, &la), *nb = ls_matcher_title_norm(fresh, &lb);
            ck_assert_uint_eq(la, lb);
            ck_assert_int_eq(memcmp(na, nb, la), 0);
            ls_matcher_free(fresh);
        }
    /* hand-checked: VP Sales -> S; the intern prohibit drops S and M has no
     * director; norm keeps the digits */
    ls_verdict v;
    ck_assert_int_eq(ls_match_title(m, "VP Sales", 8, &v), LS_OK);
    ck_assert_int_eq(v.persona, 0);
    ck_assert_int_eq(ls_match_title(m, "VP Sales", 8, &v), LS_OK); /* remembered */
    ck_assert_int_eq(v.persona, 0);
    ck_assert_int_eq(ls_match_title(m, "Head of Sales Intern", 20, &v), LS_OK);
    ck_assert_int_eq(v.persona, -1);
    ck_assert_int_eq(v.outcome, LS_NO_PERSONA);
    ck_assert_int_eq(ls_match_title(m, "Director, Marketing 12", 22, &v), LS_OK);
    ck_assert_int_eq(v.persona, 1);
    size_t n;
    const char *tn = ls_matcher_title_norm(m, &n);
    ck_assert_uint_eq(n, strlen("director marketing 12"));
    ck_assert_int_eq(memcmp(tn, "director marketing 12", n), 0);
    ls_matcher_free(m);
    ls_request_free(r);
}
END_TEST

/* Trace mode bypasses the memo: a remembered title still gets its trace. */
START_TEST(trace_after_a_remembered_title)
{
    ls_request *r = compile_ok(REQ("[['S', ['sales'], ['vp'], []]]"));
    ls_matcher *m = NULL;
    ls_matcher_new(r, &m);
    ls_verdict v;
    ck_assert_int_eq(ls_match_title(m, "VP Sales", 8, &v), LS_OK);
    ls_matcher_set_trace(m, 1);
    ck_assert_int_eq(ls_match_title(m, "VP Sales", 8, &v), LS_OK);
    ck_assert_int_eq(v.persona, 0);
    const ls_persona_trace *t = ls_matcher_trace(m, 0);
    ck_assert_ptr_nonnull(t);
    ck_assert_int_eq(t->matched, 1);
    ck_assert_int_eq(t->function, 0);
    ck_assert_int_eq(t->seniority, 0);
    ls_matcher_free(m);
    ls_request_free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("matcher_memo");
    TCase *tc = tcase_create("memo");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, memo_keeps_exact_keys);
    tcase_add_test(tc, remembered_titles_match_fresh_ones);
    tcase_add_test(tc, trace_after_a_remembered_title);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
