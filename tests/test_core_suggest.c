/* "Did you mean": the closest known word within a few edits, or none. */
#include <check.h>
#include "check_run.h"
#include "core/core.h"

#define N(a) (sizeof(a) / sizeof *(a))

static const char *const fields[] = {"personas",          "limit_by",         "filter_empty_vars",
                                     "company_headcounts", "exclude_names",   "locations",
                                     "company_locations",  "without_company", NULL};
static const char *const commands[] = {"filter", "lint", "explain", "score", "diff", "normalize"};

static const char *sug(const char *w, const char *const *c, size_t n)
{
    const char *s = ls_suggest(w, strlen(w), c, n);
    return s ? s : "(none)";
}

START_TEST(close_words_are_suggested)
{
    ck_assert_str_eq(sug("persona", fields, N(fields)), "personas");       /* one deletion */
    ck_assert_str_eq(sug("Personas", fields, N(fields)), "personas");      /* case only */
    ck_assert_str_eq(sug("limti_by", fields, N(fields)), "limit_by");      /* a swap is one edit */
    ck_assert_str_eq(sug("location", fields, N(fields)), "locations");
    ck_assert_str_eq(sug("limit", fields, N(fields)), "limit_by");  /* a prefix */
    ck_assert_str_eq(sug("LIMIT", fields, N(fields)), "limit_by");
    ck_assert_str_eq(sug("lim", fields, N(fields)), "(none)");      /* too short a prefix */
    ck_assert_str_eq(sug("company_location", fields, N(fields)), "company_locations");
    ck_assert_str_eq(sug("filtr", commands, N(commands)), "filter");
    ck_assert_str_eq(sug("socre", commands, N(commands)), "score");
    ck_assert_str_eq(sug("normalise", commands, N(commands)), "normalize");
}
END_TEST

START_TEST(far_words_and_exact_ones_are_not)
{
    ck_assert_str_eq(sug("personas", fields, N(fields)), "(none)"); /* the word itself */
    ck_assert_str_eq(sug("limt", fields, N(fields)), "(none)"); /* neither close nor a prefix */
    ck_assert_str_eq(sug("x", commands, N(commands)), "(none)");
    ck_assert_str_eq(sug("", commands, N(commands)), "(none)");
    ck_assert_str_eq(sug("group", fields, N(fields)), "(none)");
    ck_assert_ptr_null(ls_suggest("filter", 6, commands, 0));
    /* longer than the distance table: never suggested, never read past */
    char big[200];
    memset(big, 'a', sizeof big);
    ck_assert_ptr_null(ls_suggest(big, sizeof big, commands, N(commands)));
}
END_TEST

START_TEST(the_closest_wins)
{
    static const char *const c[] = {"format", "form", "from"};
    ck_assert_str_eq(sug("fomat", c, N(c)), "format"); /* 1 edit, "form" needs 2 */
    ck_assert_str_eq(sug("frm", c, N(c)), "form");     /* ties: the first listed */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("core_suggest");
    TCase *tc = tcase_create("suggest");
    tcase_add_test(tc, close_words_are_suggested);
    tcase_add_test(tc, far_words_and_exact_ones_are_not);
    tcase_add_test(tc, the_closest_wins);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
