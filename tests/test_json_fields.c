/* Recognition of the lead fields by key: every name, escaped names, and
 * near misses that must not be taken for a field. */
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json/json.h"

static int field_of(const char *key_json)
{
    char text[256];
    snprintf(text, sizeof text, "{\"%s\": 7}", key_json);
    ls_lead L;
    ls_scan_error E;
    size_t vl;
    ck_assert_int_eq(ls_scan_value(text, strlen(text), 0, &L, &vl, &E), 1);
    int found = -1;
    for (int f = 0; f < LS_F__COUNT; f++)
        if (L.f[f].type != LS_J_NONE) {
            ck_assert_int_eq(found, -1); /* at most one */
            ck_assert_int_eq(L.f[f].type, LS_J_NUMBER);
            found = f;
        }
    return found;
}

START_TEST(every_field_by_its_name)
{
    for (int f = 0; f < LS_F__COUNT; f++)
        ck_assert_int_eq(field_of(ls_field_name((ls_field)f)), f);
    ck_assert_str_eq(ls_field_name(LS_F_JOB_TITLE), "job_title");
    ck_assert_str_eq(ls_field_name(LS_F_LINKEDIN_LEAD_PERSONA), "linkedin_lead_persona");
    ck_assert_ptr_null(ls_field_name(LS_F__COUNT));
}
END_TEST

START_TEST(escaped_names_are_fields)
{
    ck_assert_int_eq(field_of("job\\u005ftitle"), LS_F_JOB_TITLE);
    ck_assert_int_eq(field_of("\\u006aobs"), LS_F_JOBS);
    ck_assert_int_eq(field_of("sales\\u005Fid"), LS_F_SALES_ID);
}
END_TEST

START_TEST(near_misses_are_not_fields)
{
    static const char *const keys[] = {
        "",         "job",         "job_titles",  "Job_title", "job_titlE", "jobs ",
        " jobs",    "title_",      "titlf",       "headlinf",  "location2", "sales_ie",
        "company_i", "company_ide", "linkedin_lead_personA", "unformatted_full_namf",
        "company_headcount_rangf", "company_headcount_range_", "industri", "jobx",
        "i", "ids", "Id", "companY", "companies", "work_histor", "lead_ix",
        /* same length and ends as real names */
        "jxxs", "hxxxxxxe", "cxxxxxxxxd", "lxxxxxxxxxxxxxxxxxxxa"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        ck_assert_msg(field_of(keys[i]) == -1, "'%s' taken for a field", keys[i]);
}
END_TEST

static int in_list(const char *const *names, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0)
            return 1;
    return 0;
}

/* The API's lead fields that filter --fields checks names against: every
 * top-level field of the documentation's example lead, every field the
 * scanner records, the contract's lead fields (§5a); each once, the default
 * CSV columns first. */
START_TEST(api_lead_field_names)
{
    size_t n;
    const char *const *names = ls_lead_field_names(&n);
    ck_assert_uint_eq(n, 60);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(!in_list(names, i, names[i], strlen(names[i])), "%s twice", names[i]);
    for (int f = 0; f < LS_F__COUNT; f++) {
        const char *name = ls_field_name((ls_field)f);
        ck_assert_msg(in_list(names, n, name, strlen(name)), "%s missing", name);
    }
    static const char *const contract[] = {"sales_id", "lead_id", "id", "linkedin_url",
                                           "linkedin_id", "full_name", "first_name", "job_title",
                                           "title", "headline"};
    for (size_t i = 0; i < sizeof contract / sizeof *contract; i++)
        ck_assert_msg(in_list(names, n, contract[i], strlen(contract[i])), "%s missing",
                      contract[i]);
    static const char *const first[] = {"full_name", "job_title", "company_name", "location",
                                        "linkedin_url", "sales_id", "linkedin_lead_persona"};
    for (size_t i = 0; i < sizeof first / sizeof *first; i++)
        ck_assert_str_eq(names[i], first[i]);

    FILE *f = fopen(LS_SOURCE_DIR "/data/examples/doc-example-lead.json", "rb");
    ck_assert_ptr_nonnull(f);
    static char text[1 << 16];
    size_t len = fread(text, 1, sizeof text, f);
    fclose(f);
    ck_assert_uint_lt(len, sizeof text);
    while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
        len--;
    ck_assert_int_eq(text[0], '{');
    ls_jval obj = {text, len, LS_J_OBJECT, 0, 0}, k, v;
    size_t pos = 0, keys = 0;
    while (ls_jval_next(&obj, &pos, &k, &v)) {
        ck_assert_msg(in_list(names, n, k.p, k.len), "%.*s missing", (int)k.len, k.p);
        keys++;
    }
    ck_assert_uint_eq(keys, 54);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json_fields");
    TCase *tc = tcase_create("fields");
    tcase_add_test(tc, every_field_by_its_name);
    tcase_add_test(tc, escaped_names_are_fields);
    tcase_add_test(tc, near_misses_are_not_fields);
    tcase_add_test(tc, api_lead_field_names);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
