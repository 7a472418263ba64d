/* ls_request_convert (contract addendum §3): each mapping row both ways,
 * the round trip, bytes and key order kept, the database search's error,
 * and text that is not a request object. */
#include <check.h>
#include <dirent.h>
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "leadsieve.h"
#include "leadsieve/tools.h"
#include "json/json.h"

static char *out;
static ls_problems *probs;
static char notes[4096]; /* "path=hint-prefix|..." of the last call */

/* Converts text; returns the status, the result in out, the problems'
 * paths and first words in notes ("lead_industries:renamed|..."). */
static ls_status conv(const char *text, ls_request_api to, ls_search_mode mode, int indent)
{
    ls_free(out);
    ls_problems_free(probs);
    out = NULL;
    probs = NULL;
    ls_convert_options opt;
    ls_convert_options_init(&opt);
    opt.to = to;
    opt.search_mode = mode;
    opt.indent = indent;
    size_t len = 12345;
    ls_status st = ls_request_convert(text, strlen(text), &opt, &out, &len, &probs);
    if (st == LS_OK)
        ck_assert_uint_eq(len, strlen(out));
    else
        ck_assert_ptr_null(out);
    notes[0] = '\0';
    for (size_t i = 0; i < ls_problems_count(probs); i++) {
        ls_problem p = ls_problems_get(probs, i);
        size_t w = strcspn(p.hint, ": ");
        size_t at = strlen(notes);
        snprintf(notes + at, sizeof notes - at, "%s%s:%.*s", i ? "|" : "", p.path, (int)w,
                 p.hint);
    }
    return st;
}

static ls_request_api api_of(const char *text)
{
    return ls_request_api_of_json(text, strlen(text));
}

static const char *hint(size_t i)
{
    return ls_problems_get(probs, i).hint;
}

START_TEST(to_v1_each_row)
{
    ck_assert_int_eq(conv("{\"personas\": [[\"S\", [\"sales\"], [], [], -0]], "
                          "\"lead_industries\": [\"Caf\\u00e9\", \"Retail\"], "
                          "\"without_company\": true, \"mentioned_in_news\": false, "
                          "\"limit_by\": 1.50, \"locations\": [\"A\\/B\"], \"zzz\": 1E+2}",
                          LS_REQUEST_API_V1, LS_SEARCH_REALTIME, 0),
                     LS_OK);
    ck_assert_str_eq(out, "{\"personas\": [[\"S\", [\"sales\"], [], [], -0]], "
                          "\"company_industries\": [\"Caf\\u00e9\", \"Retail\"], "
                          "\"limit_by\": 1.50, \"locations\": [\"A\\/B\"], \"zzz\": 1E+2}");
    ck_assert_str_eq(notes, "lead_industries:renamed|without_company:removed|"
                            "mentioned_in_news:removed");
    ck_assert_ptr_nonnull(strstr(hint(1), "without company_id, company_link and company_name"));
    /* false is removed too, and says why nothing is lost */
    ck_assert_int_eq(conv("{\"company_id\": 21828, \"without_company\": false}",
                          LS_REQUEST_API_AUTO, LS_SEARCH_REALTIME, 0), LS_OK);
    ck_assert_str_eq(out, "{\"company_id\": 21828}");
    ck_assert_str_eq(notes, "without_company:removed");
    ck_assert_ptr_nonnull(strstr(hint(0), "false asked for a company identifier"));
    /* every other by_icp field keeps its name and place */
    static const char every[] =
        "{\"limit_by\": 5, \"filter_empty_vars\": [], \"company_headcounts\": [], "
        "\"linkedin_filter_link\": \"u\", \"company_id\": 1, \"company_link\": \"l\", "
        "\"company_name\": \"n\", \"exclude_names\": [], \"exclude_ids\": [], \"locations\": [], "
        "\"company_locations\": [], \"past_company_names\": [], \"company_types\": [], "
        "\"groups\": [], \"schools\": [], \"years_in_company\": [], \"years_in_position\": [], "
        "\"changed_jobs\": true, \"posted_on_linkedin\": true, \"personas\": []}";
    ck_assert_int_eq(conv(every, LS_REQUEST_API_V1, LS_SEARCH_REALTIME, 0), LS_OK);
    ck_assert_str_eq(out, every);
    ck_assert_str_eq(notes, "");
}
END_TEST

START_TEST(to_by_icp_each_row)
{
    ck_assert_int_eq(conv("{\"job_titles\": [\"CEO\"], \"company_industries\": [\"Retail\"], "
                          "\"company_id\": \"1035\", \"offset_by\": 10}",
                          LS_REQUEST_API_AUTO, LS_SEARCH_REALTIME, 0), LS_OK);
    ck_assert_str_eq(out, "{\"lead_industries\": [\"Retail\"], \"company_id\": \"1035\"}");
    ck_assert_str_eq(notes, "job_titles:removed|company_industries:renamed|offset_by:removed");
    ck_assert_str_eq(hint(0), "removed: by_icp has no job_titles; say it with the functions "
                              "and seniorities of personas");
    /* with lead_industries there already, company_industries has no room */
    ck_assert_int_eq(conv("{\"lead_industries\": [\"A\"], \"company_industries\": [\"B\"], "
                          "\"company_name\": \"X\"}",
                          LS_REQUEST_API_BY_ICP, LS_SEARCH_REALTIME, 0), LS_OK);
    ck_assert_str_eq(out, "{\"lead_industries\": [\"A\"], \"company_name\": \"X\"}");
    ck_assert_str_eq(notes, "company_industries:removed");
    /* every v1 field by_icp lacks is named, in input order */
    static const char *const v1only[] = {
        "job_titles", "seniorities", "exclude_locations", "exclude_company_industries",
        "exclude_company_headcounts", "exclude_company_locations", "strict",
        "skip_truncated_names", "offset_by", "first_name", "last_name", "functions",
        "exclude_functions", "past_job_titles", "past_company_ids", "exclude_past_company_ids",
        "exclude_current_company_ids", "keywords", "years_of_experience", "num_of_connections",
        "groups_keywords", "find_by_emails", "include_full_profile", "include_total_count",
        "max_profiles_scanned", "exclude_lead_industries"};
    char req[4096] = "{\"company_id\": 7", want[4096] = "";
    for (size_t i = 0; i < sizeof v1only / sizeof *v1only; i++) {
        snprintf(req + strlen(req), sizeof req - strlen(req), ", \"%s\": null", v1only[i]);
        snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s:removed", i ? "|" : "",
                 v1only[i]);
    }
    strcat(req, ", \"lead_industries\": [], \"mentioned_in_news\": true, \"x\": 0}");
    ck_assert_int_eq(conv(req, LS_REQUEST_API_BY_ICP, LS_SEARCH_REALTIME, 0), LS_OK);
    ck_assert_str_eq(out, "{\"company_id\": 7, \"lead_industries\": [], "
                          "\"mentioned_in_news\": true, \"x\": 0}");
    ck_assert_str_eq(notes, want);
}
END_TEST

START_TEST(without_company_added_back)
{
    /* no company named: v1's way to say what by_icp says with without_company */
    ck_assert_int_eq(conv("{\"seniorities\": [\"CXO\"], \"company_id\": null}",
                          LS_REQUEST_API_AUTO, LS_SEARCH_REALTIME, 0), LS_OK);
    ck_assert_str_eq(out, "{\"company_id\": null, \"without_company\": true}");
    ck_assert_str_eq(notes, "seniorities:removed|without_company:added");
    static const char *const named[] = {
        "{\"strict\": [], \"company_link\": \"x\"}", "{\"strict\": [], \"company_name\": \"x\"}",
        "{\"strict\": [], \"company_id\": 0}", "{\"strict\": [], \"linkedin_filter_link\": \"x\"}",
        "{\"strict\": [], \"without_company\": false}"};
    for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
        ck_assert_int_eq(conv(named[i], LS_REQUEST_API_BY_ICP, LS_SEARCH_REALTIME, 0), LS_OK);
        ck_assert_str_eq(notes, "strict:removed");
    }
}
END_TEST

/* A by_icp request as `leadsieve convert` writes it (2 spaces a level). */
static const char round_req[] =
    "{\n"
    "  \"personas\": [\n"
    "    [\n"
    "      \"Caf\\u00e9 \\\"owners\\\"\",\n"
    "      [\n"
    "        \"sales\"\n"
    "      ],\n"
    "      [],\n"
    "      [],\n"
    "      -1\n"
    "    ]\n"
    "  ],\n"
    "  \"lead_industries\": [\n"
    "    \"Retail\"\n"
    "  ],\n"
    "  \"mentioned_in_news\": true,\n"
    "  \"company_name\": \"Slack\",\n"
    "  \"limit_by\": 50,\n"
    "  \"x_weight\": 1.50,\n"
    "  \"x_map\": {\n"
    "    \"a\\/b\": -0.0e-0,\n"
    "    \"c\": {}\n"
    "  }\n"
    "}";

START_TEST(round_trip)
{
    ck_assert_int_eq(conv(round_req, LS_REQUEST_API_AUTO, LS_SEARCH_REALTIME, 2), LS_OK);
    char *v1 = strdup(out);
    ck_assert_str_eq(notes, "lead_industries:renamed|mentioned_in_news:removed");
    ck_assert_int_eq(conv(v1, LS_REQUEST_API_AUTO, LS_SEARCH_REALTIME, 2), LS_OK);
    ck_assert_str_eq(notes, "company_industries:renamed");
    /* the original minus the dropped field's line, byte for byte */
    char want[sizeof round_req];
    const char *cut = strstr(round_req, "  \"mentioned_in_news\"");
    const char *next = strchr(cut, '\n') + 1;
    snprintf(want, sizeof want, "%.*s%s", (int)(cut - round_req), round_req, next);
    ck_assert_str_eq(out, want);
    free(v1);

    /* without_company: true comes back, as the last member */
    ck_assert_int_eq(conv("{\"without_company\": true, \"limit_by\": 10}", LS_REQUEST_API_AUTO,
                          LS_SEARCH_REALTIME, 0), LS_OK);
    ck_assert_str_eq(out, "{\"limit_by\": 10}");
    v1 = strdup(out);
    ck_assert_int_eq(conv(v1, LS_REQUEST_API_BY_ICP, LS_SEARCH_REALTIME, 0), LS_OK);
    ck_assert_str_eq(out, "{\"limit_by\": 10, \"without_company\": true}");
    free(v1);
}
END_TEST

START_TEST(database_search_names_realtime_fields)
{
    const char *req = "{\"personas\": [], \"company_name\": \"X\", \"past_company_names\": [], "
                      "\"lead_industries\": [], \"mentioned_in_news\": true, \"personas\": []}";
    ck_assert_int_eq(conv(req, LS_REQUEST_API_AUTO, LS_SEARCH_DATABASE, 0),
                     LS_E_INVALID_REQUEST);
    /* each field once; lead_industries is company_industries there, which
     * both searches accept, and mentioned_in_news is gone */
    ck_assert_str_eq(notes, "personas:personas|past_company_names:past_company_names");
    ck_assert_str_eq(hint(0), "personas is realtime only: the database search does not accept "
                              "it; remove it or convert for the realtime search");
    ck_assert_int_eq(conv(req, LS_REQUEST_API_AUTO, LS_SEARCH_REALTIME, 0), LS_OK);
    /* shared fields only: fine */
    ck_assert_int_eq(conv("{\"company_name\": \"X\", \"lead_industries\": []}",
                          LS_REQUEST_API_V1, LS_SEARCH_DATABASE, 0), LS_OK);
    ck_assert_str_eq(out, "{\"company_name\": \"X\", \"company_industries\": []}");
    /* a v1 request kept v1 is checked all the same */
    ck_assert_int_eq(conv("{\"job_titles\": [], \"keywords\": []}", LS_REQUEST_API_V1,
                          LS_SEARCH_DATABASE, 0), LS_E_INVALID_REQUEST);
    ck_assert_str_eq(notes, "keywords:keywords");
    /* the mode means nothing to a by_icp result */
    ck_assert_int_eq(conv("{\"keywords\": []}", LS_REQUEST_API_AUTO, LS_SEARCH_DATABASE, 0),
                     LS_OK);
}
END_TEST

/* Text that is not a JSON object gets the request compiler's own errors. */
static void same_as_compile(const char *text)
{
    ls_request *req = NULL;
    ls_problems *errs = NULL;
    ck_assert_int_eq(ls_request_compile(text, strlen(text), NULL, &req, &errs),
                     LS_E_INVALID_REQUEST);
    ck_assert_int_eq(conv(text, LS_REQUEST_API_AUTO, LS_SEARCH_REALTIME, 2),
                     LS_E_INVALID_REQUEST);
    ck_assert_uint_eq(ls_problems_count(probs), 1);
    ck_assert_uint_eq(ls_problems_count(errs), 1);
    ck_assert_str_eq(ls_problems_get(probs, 0).path, ls_problems_get(errs, 0).path);
    ck_assert_str_eq(hint(0), ls_problems_get(errs, 0).hint);
    ls_problems_free(errs);
}

START_TEST(not_a_request_object)
{
    same_as_compile("{\"personas\": [}");
    ck_assert_str_eq(ls_problems_get(probs, 0).path, "");
    ck_assert_ptr_nonnull(strstr(hint(0), "the request is not valid JSON: "));
    ck_assert_ptr_nonnull(strstr(hint(0), "line 1, column 15"));
    same_as_compile("");
    same_as_compile("[1, 2]");
    ck_assert_ptr_nonnull(strstr(hint(0), "must be a JSON object"));
    same_as_compile("{\"a\": 1} {");
    ck_assert_int_eq(api_of("[]"), LS_REQUEST_API_AUTO);
    ck_assert_int_eq(api_of("{"), LS_REQUEST_API_AUTO);
}
END_TEST

START_TEST(detection_and_same_api)
{
    ck_assert_int_eq(api_of("{\"lead_industries\": []}"),
                     LS_REQUEST_API_BY_ICP);
    /* exclude_lead_industries is v1's but not on the addendum's list */
    ck_assert_int_eq(api_of("{\"exclude_lead_industries\": []}"),
                     LS_REQUEST_API_BY_ICP);
    ck_assert_int_eq(api_of("\xEF\xBB\xBF {\"strict\": []} "),
                     LS_REQUEST_API_V1);
    /* asked for the API it is: written unchanged, and said so */
    ck_assert_int_eq(conv("{\"keywords\": [\"x\"], \"lead_industries\": [1.0]}",
                          LS_REQUEST_API_V1, LS_SEARCH_REALTIME, 0), LS_OK);
    ck_assert_str_eq(out, "{\"keywords\": [\"x\"], \"lead_industries\": [1.0]}");
    ck_assert_str_eq(notes, ":the");
    ck_assert_str_eq(hint(0), "the request is already a v1 request: nothing to change");
    ck_assert_int_eq(conv("{\"without_company\": true, \"mentioned_in_news\": true}",
                          LS_REQUEST_API_BY_ICP, LS_SEARCH_REALTIME, 0), LS_OK);
    ck_assert_str_eq(out, "{\"without_company\": true, \"mentioned_in_news\": true}");
    ck_assert_str_eq(notes, "");
    /* asked for by_icp, a request is read as v1: a by_icp one stays as it is */
    ck_assert_int_eq(conv(round_req, LS_REQUEST_API_BY_ICP, LS_SEARCH_REALTIME, 2), LS_OK);
    ck_assert_str_eq(out, round_req);
    ck_assert_str_eq(notes, "");
}
END_TEST

START_TEST(layout)
{
    /* a BOM and any whitespace go; duplicate keys and escaped keys stay */
    const char *req = "\xEF\xBB\xBF\r\n{ \"a\" :[ ],\"b\":{\"c\" : [1 ,{ }]},\"a\":\"\\u0041\" ,"
                      "\"lead\\u005findustries\":[\"x\"]}\n";
    ck_assert_int_eq(conv(req, LS_REQUEST_API_BY_ICP, LS_SEARCH_REALTIME, 4), LS_OK);
    ck_assert_str_eq(out, "{\n"
                          "    \"a\": [],\n"
                          "    \"b\": {\n"
                          "        \"c\": [\n"
                          "            1,\n"
                          "            {}\n"
                          "        ]\n"
                          "    },\n"
                          "    \"a\": \"\\u0041\",\n"
                          "    \"lead\\u005findustries\": [\n"
                          "        \"x\"\n"
                          "    ],\n"
                          "    \"without_company\": true\n"
                          "}");
    /* the escaped key is still lead_industries: renamed */
    ck_assert_int_eq(conv(req, LS_REQUEST_API_V1, LS_SEARCH_REALTIME, 0), LS_OK);
    ck_assert_str_eq(out, "{\"a\": [], \"b\": {\"c\": [1, {}]}, \"a\": \"\\u0041\", "
                          "\"company_industries\": [\"x\"]}");
    ck_assert_str_eq(notes, "lead_industries:renamed");
    /* a key with a NUL is no field's name, even when it starts like one */
    ck_assert_int_eq(conv("{\"lead_industries\\u0000\": [], \"company_id\": 1}",
                          LS_REQUEST_API_V1, LS_SEARCH_REALTIME, 0), LS_OK);
    ck_assert_str_eq(out, "{\"lead_industries\\u0000\": [], \"company_id\": 1}");
    ck_assert_str_eq(notes, "");
    ck_assert_int_eq(conv("{}", LS_REQUEST_API_V1, LS_SEARCH_REALTIME, 2), LS_OK);
    ck_assert_str_eq(out, "{}");
}
END_TEST

START_TEST(usage)
{
    ls_convert_options opt;
    ls_convert_options_init(&opt);
    ck_assert_int_eq(opt.indent, 2);
    ck_assert_int_eq(opt.to, LS_REQUEST_API_AUTO);
    ck_assert_int_eq(opt.search_mode, LS_SEARCH_REALTIME);
    char *o = (char *)1;
    ck_assert_int_eq(ls_request_convert("{}", 2, &opt, NULL, NULL, NULL), LS_E_USAGE);
    ck_assert_int_eq(ls_request_convert(NULL, 2, &opt, &o, NULL, NULL), LS_E_USAGE);
    opt.to = (ls_request_api)3;
    ck_assert_int_eq(ls_request_convert("{}", 2, &opt, &o, NULL, NULL), LS_E_USAGE);
    ck_assert_ptr_null(o);
    opt.to = LS_REQUEST_API_V1;
    opt.indent = -1;
    ck_assert_int_eq(ls_request_convert("{}", 2, &opt, &o, NULL, NULL), LS_E_USAGE);
    /* defaults without options; the warnings may be left out */
    ck_assert_int_eq(ls_request_convert("{\"without_company\": true}", 25, NULL, &o, NULL,
                                        NULL), LS_OK);
    ck_assert_str_eq(o, "{}");
    ls_free(o);
}
END_TEST

/* Text without the whitespace outside strings (validated JSON). */
static char *minify(const char *s, size_t len)
{
    char *m = malloc(len + 1), *o = m;
    ck_assert_ptr_nonnull(m);
    for (size_t i = 0, in = 0; i < len; i++) {
        char c = s[i];
        if (in && c == '\\') {
            *o++ = c;
            *o++ = s[++i];
            continue;
        }
        if (c == '"')
            in = !in;
        if (in || (c != ' ' && c != '\n' && c != '\r' && c != '\t'))
            *o++ = c;
    }
    *o = '\0';
    return m;
}

/* Any request text of the fuzz corpora, both ways and both layouts: the
 * result is a JSON object, the layouts differ only in whitespace, and
 * when nothing changed the tokens are the input's, byte for byte. */
static void properties(const char *text, size_t len)
{
    for (int to = LS_REQUEST_API_BY_ICP; to <= LS_REQUEST_API_V1; to++) {
        ls_convert_options opt;
        ls_convert_options_init(&opt);
        opt.to = (ls_request_api)to;
        char *wide = NULL, *flat = NULL;
        size_t wl = 0, fl = 0;
        ls_problems *p = NULL;
        ls_status st = ls_request_convert(text, len, &opt, &wide, &wl, &p);
        ck_assert(st == LS_OK || st == LS_E_INVALID_REQUEST);
        ck_assert_ptr_nonnull(p);
        if (st != LS_OK) {
            ck_assert_uint_gt(ls_problems_count(p), 0);
            ls_problems_free(p);
            continue;
        }
        size_t changes = ls_problems_count(p);
        ls_problems_free(p);
        opt.indent = 0;
        ck_assert_int_eq(ls_request_convert(text, len, &opt, &flat, &fl, NULL), LS_OK);
        char *a = minify(wide, wl), *b = minify(flat, fl);
        ck_assert_str_eq(a, b);
        ls_jerror err;
        ls_jdoc *doc = ls_jdoc_parse(wide, wl, 64, &err);
        ck_assert_msg(doc != NULL, "output is not JSON: %s", err.message);
        ck_assert_int_eq(ls_jdoc_root(doc)->type, LS_J_OBJECT);
        ls_jdoc_free(doc);
        if (changes == 0) {
            size_t skip = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
            char *in = minify(text + skip, len - skip);
            ck_assert_str_eq(b, in);
            free(in);
        }
        free(a);
        free(b);
        ls_free(wide);
        ls_free(flat);
    }
}

START_TEST(corpus_properties)
{
    static const char *const dirs[] = {"request", "scan", "reader", "output"};
    size_t files = 0;
    for (size_t d = 0; d < sizeof dirs / sizeof *dirs; d++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/tests/fuzz/corpus/%s", LS_SOURCE_DIR, dirs[d]);
        DIR *dir = opendir(path);
        ck_assert_ptr_nonnull(dir);
        for (struct dirent *e; (e = readdir(dir)) != NULL;) {
            if (e->d_name[0] == '.')
                continue;
            char file[4400];
            snprintf(file, sizeof file, "%s/%s", path, e->d_name);
            FILE *f = fopen(file, "rb");
            ck_assert_ptr_nonnull(f);
            static char buf[1 << 20];
            size_t n = fread(buf, 1, sizeof buf, f);
            fclose(f);
            properties(buf, n);
            files++;
        }
        closedir(dir);
    }
    ck_assert_uint_ge(files, 60);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("request_convert");
    TCase *tc = tcase_create("convert");
    tcase_add_test(tc, to_v1_each_row);
    tcase_add_test(tc, to_by_icp_each_row);
    tcase_add_test(tc, without_company_added_back);
    tcase_add_test(tc, round_trip);
    tcase_add_test(tc, database_search_names_realtime_fields);
    tcase_add_test(tc, not_a_request_object);
    tcase_add_test(tc, detection_and_same_api);
    tcase_add_test(tc, layout);
    tcase_add_test(tc, usage);
    tcase_add_test(tc, corpus_properties);
    suite_add_tcase(s, tc);
    int rc = ls_check_run(s);
    ls_free(out);
    ls_problems_free(probs);
    return rc;
}
