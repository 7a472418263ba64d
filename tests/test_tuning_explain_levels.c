/* explain records' seniority levels: the level the title implies, and the
 * lead's own seniority value with the levels it names, as text and JSON. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "matcher_testutil.h"
#include "request/level.h"
#include "tuning/explain.h"

typedef struct got {
    int level;
    int has_value;
    char value[32];
    unsigned levels;
    char json[1024];
} got;

typedef struct sink {
    const ls_explain *ex;
    got recs[8];
    size_t n;
} sink;

static int collect(void *user, const ls_explain_record *rec)
{
    sink *s = user;
    ck_assert_uint_lt(s->n, 8);
    got *g = &s->recs[s->n++];
    g->level = rec->title_level;
    g->has_value = rec->seniority_value != NULL;
    snprintf(g->value, sizeof g->value, "%.*s", (int)rec->seniority_value_len,
             rec->seniority_value ? rec->seniority_value : "");
    g->levels = rec->seniority_levels;
    char *json = NULL;
    ck_assert_int_eq(ls_explain_record_json(s->ex, rec, &json, NULL), LS_OK);
    const char *tail = strstr(json, "}], \"title_level\""); /* after the personas */
    ck_assert_ptr_nonnull(tail);
    tail += 4;
    snprintf(g->json, sizeof g->json, "%s", tail ? tail : json);
    ls_free(json);
    return 0;
}

START_TEST(levels_of_leads_and_titles)
{
    ls_request *req = compile_ok("{'without_company': true, 'locations': ['Germany'], "
                                 "'personas': [['P', [], ['vp'], []]]}");
    sink s = {0};
    ls_explain *ex = NULL;
    ck_assert_int_eq(ls_explain_new(req, NULL, collect, &s, &ex), LS_OK);
    s.ex = ex;
    const char leads[] =
        "{\"sales_id\": \"1\", \"job_title\": \"VP Sales\", \"seniority\": \"CXO\", "
        "\"location\": \"Berlin, Germany\"}\n"
        "{\"sales_id\": \"2\", \"title\": \"Founder & CEO\", \"location\": \"Paris, France\"}\n"
        "{\"sales_id\": \"3\", \"title\": \"Intern\", \"seniority\": \"Bo\\u0073s\"}\n"
        "{\"sales_id\": \"4\", \"title\": \"Sales Manager\", \"seniority\": \"manager\"}\n"
        "{\"sales_id\": \"5\", \"title\": \"Engineer\", \"seniority\": 3}\n"
        "{\"sales_id\": \"5\", \"title\": \"Engineer\", \"seniority\": \"  \"}\n";
    ck_assert_int_eq(ls_explain_add_memory(ex, "in", leads, strlen(leads)), LS_OK);
    ck_assert_int_eq(ls_explain_add_title(ex, "President", 9), LS_OK);
    ck_assert_uint_eq(s.n, 7);

    ck_assert_int_eq(s.recs[0].level, LS_LEVEL_VP);
    ck_assert(s.recs[0].has_value);
    ck_assert_str_eq(s.recs[0].value, "CXO");
    ck_assert_uint_eq(s.recs[0].levels, 1u << LS_LEVEL_CXO);
    ck_assert_str_eq(s.recs[0].json, "\"title_level\": \"Vice President\", "
                                     "\"seniority_value\": \"CXO\", \"seniority_levels\": "
                                     "[\"CXO\"], \"key\": \"1\", \"key_field\": \"sales_id\", "
                                     "\"name\": null, \"index\": null}");
    /* dropped by a filter: the levels are there all the same */
    ck_assert_int_eq(s.recs[1].level, LS_LEVEL_OWNER);
    ck_assert(!s.recs[1].has_value);
    ck_assert_str_eq(s.recs[1].json, "\"title_level\": \"Owner / Partner\", \"key\": \"2\", "
                                     "\"key_field\": \"sales_id\", \"name\": null, \"index\": null}");
    /* a value that names no level, decoded */
    ck_assert_str_eq(s.recs[2].value, "Boss");
    ck_assert_uint_eq(s.recs[2].levels, 0);
    ck_assert_str_eq(s.recs[2].json, "\"title_level\": \"In Training\", "
                                     "\"seniority_value\": \"Boss\", \"seniority_levels\": [], "
                                     "\"key\": \"3\", \"key_field\": \"sales_id\", \"name\": null, "
                                     "\"index\": null}");
    ck_assert_uint_eq(s.recs[3].levels,
                      (1u << LS_LEVEL_ENTRY_MANAGER) | (1u << LS_LEVEL_EXPERIENCED_MANAGER));
    ck_assert_str_eq(s.recs[3].json, "\"title_level\": \"Experienced Manager\", "
                                     "\"seniority_value\": \"manager\", \"seniority_levels\": "
                                     "[\"Entry Level Manager\", \"Experienced Manager\"], \"key\": \"4\", "
                                     "\"key_field\": \"sales_id\", \"name\": null, \"index\": null}");
    /* a number is a value as written; blank is no value */
    ck_assert(s.recs[4].has_value);
    ck_assert_str_eq(s.recs[4].value, "3");
    ck_assert_uint_eq(s.recs[4].levels, 0);
    ck_assert(!s.recs[5].has_value);
    ck_assert_int_eq(s.recs[5].level, LS_LEVEL_ENTRY);
    /* a bare title */
    ck_assert_int_eq(s.recs[6].level, LS_LEVEL_CXO);
    ck_assert(!s.recs[6].has_value);
    ck_assert_str_eq(s.recs[6].json, "\"title_level\": \"CXO\", \"key\": null, \"key_field\": "
                                     "null, \"name\": null, \"index\": null}");
    ls_explain_free(ex);
    ls_request_free(req);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tuning_explain_levels");
    TCase *tc = tcase_create("levels");
    tcase_add_test(tc, levels_of_leads_and_titles);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
