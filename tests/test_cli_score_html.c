/* The score report page of the CLI (score_html.c): every string from leads
 * or the request escaped, nothing that runs or loads. */
#include <check.h>
#include "check_run.h"
#include <string.h>
#include "leadsieve.h"
#include "leadsieve/tools.h"
#include "score_html.h"

START_TEST(html_escapes)
{
    ls_buf b = {0};
    const char in[] = "<script>alert(1)</script> & \"q\" 'a' \x01\xff\xc3\xa9\xc2\x9b";
    ck_assert_int_eq(ls_html_escape(&b, in, sizeof in - 1), 0);
    /* control characters become spaces, ill-formed bytes and C1 U+FFFD */
    ck_assert_str_eq(b.data, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; "
                             "&#39;a&#39;  \xef\xbf\xbd\xc3\xa9\xef\xbf\xbd");
    ls_buf_free(&b);
}
END_TEST

START_TEST(page_escapes_lead_and_request_strings)
{
    /* A label naming no persona (from a lead's field) and a persona name. */
    const char *req_json = "{\"without_company\": true, \"personas\": "
                           "[[\"<b>P</b>\", [\"sales\"], [], []]]}";
    const char *leads = "{\"job_title\": \"<script>alert(1)</script> sales\", "
                        "\"l\": \"<script>alert(1)</script>\"}\n";
    ls_request *req = NULL;
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_request_compile(req_json, strlen(req_json), NULL, &req, &errs), LS_OK);
    ls_score_options o;
    ls_score_options_init(&o);
    o.label_field = "l";
    ls_score *s = NULL;
    ck_assert_int_eq(ls_score_new(req, &o, &s), LS_OK);
    ck_assert_int_eq(ls_score_add_memory(s, "in", leads, strlen(leads)), LS_OK);
    const ls_score_result *r = NULL;
    ck_assert_int_eq(ls_score_finish(s, &r), LS_OK);

    ls_buf page = {0};
    ck_assert_int_eq(ls_score_html(r, "<i>req</i>.json", &page), 0);
    ck_assert_ptr_null(strstr(page.data, "<script"));
    ck_assert_ptr_null(strstr(page.data, "<b>P"));
    ck_assert_ptr_null(strstr(page.data, "<i>"));
    ck_assert_ptr_nonnull(strstr(page.data, "&lt;script&gt;alert(1)&lt;/script&gt; (1)"));
    ck_assert_ptr_nonnull(strstr(page.data, "&lt;b&gt;P&lt;/b&gt;"));
    ck_assert_ptr_nonnull(strstr(page.data, "<title>leadsieve score: &lt;i&gt;req&lt;/i&gt;.json"));
    /* no script, no external reference */
    ck_assert_ptr_null(strstr(page.data, "http"));
    ck_assert_ptr_null(strstr(page.data, "src="));
    ls_buf_free(&page);
    ls_score_free(s);
    ls_request_free(req);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cli_score_html");
    TCase *tc = tcase_create("html");
    tcase_add_test(tc, html_escapes);
    tcase_add_test(tc, page_escapes_lead_and_request_strings);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
