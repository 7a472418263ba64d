/* The score report page of the CLI (score_html.c): every string from leads,
 * labels or the request escaped, nothing that loads, one script of its own
 * (the search of the misses) and nothing else that runs. */
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
    const char *inputs[] = {"<u>leads</u>.jsonl"};
    ls_score_page info = {"<i>req</i>.json", req_json, strlen(req_json), "2026-12-05 10:00 UTC",
                          "l", 0, inputs, 1};
    ck_assert_int_eq(ls_score_html(r, &info, &page), 0);
    ck_assert_ptr_null(strstr(page.data, "<b>P"));
    ck_assert_ptr_null(strstr(page.data, "<i>"));
    ck_assert_ptr_null(strstr(page.data, "<u>"));
    ck_assert_ptr_nonnull(strstr(page.data, "&lt;script&gt;alert(1)&lt;/script&gt; (1)"));
    ck_assert_ptr_nonnull(strstr(page.data, "&lt;b&gt;P&lt;/b&gt;"));
    ck_assert_ptr_nonnull(strstr(page.data, "<title>leadsieve score: &lt;i&gt;req&lt;/i&gt;.json"));
    /* the date, the labels, the inputs and the request as written */
    ck_assert_ptr_nonnull(strstr(page.data, "Made 2026-12-05 10:00 UTC by leadsieve "));
    ck_assert_ptr_nonnull(strstr(page.data, "Labels: the lead field <code>l</code>"));
    ck_assert_ptr_nonnull(strstr(page.data, "Leads: <code>&lt;u&gt;leads&lt;/u&gt;.jsonl</code>"));
    ck_assert_ptr_nonnull(strstr(page.data, "<pre>{&quot;without_company&quot;: true, "
                                            "&quot;personas&quot;: [[&quot;&lt;b&gt;P&lt;/b&gt;"));
    /* the miss: the lead's title as written, in a row of the searchable table */
    ck_assert_ptr_nonnull(strstr(page.data, "<td>&lt;script&gt;alert(1)&lt;/script&gt; sales</td>"
                                            "<td class=\"muted\">script alert 1 script sales</td>"));
    ck_assert_ptr_nonnull(strstr(page.data, "<input type=\"search\" id=\"q\" hidden"));
    /* one script, the page's own, last */
    const char *script = strstr(page.data, "<script");
    ck_assert_ptr_nonnull(script);
    ck_assert_ptr_null(strstr(script + 1, "<script"));
    ck_assert_int_eq(strncmp(script, "<script>(function(){var q=document.getElementById('q')",
                             54), 0);
    ck_assert_str_eq(strstr(script, "</script>"), "</script>\n</body></html>\n");
    /* no external reference */
    ck_assert_ptr_null(strstr(page.data, "http"));
    ck_assert_ptr_null(strstr(page.data, "src="));
    ls_buf_free(&page);
    ls_score_free(s);
    ls_request_free(req);
}
END_TEST

/* 3,000 personas: the confusion is the list of its cells that hold leads,
 * not a 3,002 x 3,002 matrix (which made 570 MB of HTML from 260 KB of
 * input); the page follows the personas and leads given. */
START_TEST(many_personas_page_is_small)
{
    enum { N = 3000 };
    ls_buf req_json = {0}, leads = {0};
    ck_assert_int_eq(ls_buf_printf(&req_json, "{\"without_company\": true, \"personas\": ["), 0);
    for (int i = 0; i < N; i++) {
        ck_assert_int_eq(ls_buf_printf(&req_json, "%s[\"P%d\", [\"k%dq\"], [], []]",
                                       i ? ", " : "", i, i), 0);
        ck_assert_int_eq(ls_buf_printf(&leads, "{\"sales_id\": \"s%d\", \"job_title\": "
                                               "\"k%dq\", \"l\": \"P%d\"}\n", i, i, i), 0);
    }
    ck_assert_int_eq(ls_buf_printf(&req_json, "]}"), 0);
    /* two leads of no persona taken by P0, one of P1 missed */
    ck_assert_int_eq(ls_buf_printf(&leads, "{\"job_title\": \"k0q\", \"l\": \"-\"}\n"
                                           "{\"job_title\": \"k0q\", \"l\": \"-\"}\n"
                                           "{\"job_title\": \"zzz\", \"l\": \"P1\"}\n"), 0);
    ls_request *req = NULL;
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_request_compile(req_json.data, req_json.len, NULL, &req, &errs), LS_OK);
    ls_score_options o;
    ls_score_options_init(&o);
    o.label_field = "l";
    ls_score *s = NULL;
    ck_assert_int_eq(ls_score_new(req, &o, &s), LS_OK);
    ck_assert_int_eq(ls_score_add_memory(s, "in", leads.data, leads.len), LS_OK);
    const ls_score_result *r = NULL;
    ck_assert_int_eq(ls_score_finish(s, &r), LS_OK);
    ck_assert_uint_eq(r->scored, N + 3);
    /* 3,000 right answers, (none, P0) 2 and (P1, none) 1: most first */
    ck_assert_uint_eq(r->ncells, N + 2);
    ck_assert(r->cells[0].label == N && r->cells[0].assigned == 0 && r->cells[0].count == 2);
    ck_assert(r->cells[1].label == 0 && r->cells[1].assigned == 0 && r->cells[1].count == 1);
    ck_assert(r->cells[2].label == 1 && r->cells[2].assigned == 1);
    ck_assert(r->cells[3].label == 1 && r->cells[3].assigned == N && r->cells[3].count == 1);

    ls_buf page = {0};
    ls_score_page info = {"many.json", "{}", 2, "2026-12-05 10:00 UTC", "l", 0, NULL, 0};
    ck_assert_int_eq(ls_score_html(r, &info, &page), 0);
    /* no matrix: no header row of 3,002 names, and the list in its place */
    ck_assert_ptr_null(strstr(page.data, "label \\ assigned"));
    ck_assert_ptr_nonnull(strstr(page.data, "The 3002 pairs of label and assigned persona that "
                                            "hold leads, most first (3000 personas"));
    const char *first = strstr(page.data, "<th class=\"name\">assigned</th></tr>\n<tr>");
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_nonnull(strstr(first, ">2</td><td class=\"name\">none (-)</td>"
                                        "<td class=\"name\">P0</td></tr>"));
    const char *end = strstr(first, "</table>");
    ck_assert_ptr_nonnull(end);
    size_t rows = 0;
    for (const char *p = first; (p = strstr(p, "</td></tr>")) != NULL && p < end; p++)
        rows++;
    ck_assert_uint_eq(rows, N + 2); /* one row per cell that holds leads */
    /* the three misses, a row each: two FP of P0, one FN of P1 */
    const char *list = strstr(page.data, "<tbody>\n");
    ck_assert_ptr_nonnull(list);
    ck_assert_ptr_nonnull(strstr(list, "<tr><td>FP</td><td>P0</td><td>function hit <code>k0q</code>"));
    ck_assert_ptr_nonnull(strstr(list, "<tr><td>FN</td><td>P1</td><td>no function hit</td>"));
    rows = 0;
    for (const char *p = list; (p = strstr(p, "<tr>")) != NULL; p++)
        rows++;
    ck_assert_uint_eq(rows, 3);
    /* 2.1 MB from 264 KB of input, most of it the metrics table (a row of
     * bars per persona): bounded by 1 KB per persona and lead given, where
     * the matrix alone had 9 million cells */
    ck_assert_uint_lt(page.len, (size_t)(2 * N + 3) * 1024);
    ls_buf_free(&page);
    ls_buf_free(&req_json);
    ls_buf_free(&leads);
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
    tcase_add_test(tc, many_personas_page_is_small);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
