/* The SQLite extension's code on connections of a program that links
 * SQLite (so that it runs under the sanitizers too): a request compiled
 * once per statement, each function's results and errors, ls_leads.  The
 * extension as `.load`ed by the sqlite3 shell and Python is tested by
 * tests/sqlite/. */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check_run.h"

/* The extension's entry point and its compile counter (src/sqlite/ext.h,
 * which is written for sqlite3ext.h and so not included here). */
int sqlite3_leadsievesqlite_init(sqlite3 *db, char **err, const void *api);
unsigned long ls_sq_compile_count(void);

static const char request[] =
    "{\"without_company\": true, \"locations\": [\"Germany\"], \"personas\": ["
    "[\"Sales\", [\"sales\"], [\"vp\", \"head\"], [\"intern\"]],"
    "[\"Founders\", [\"founder\"], [], [], -1]]}";

static sqlite3 *open_db(void)
{
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
    return db;
}

/* The first column of the first row as text: "NULL" for NULL, "ERR: msg"
 * for an error; the caller frees.  ?1 is bound to p1 when it is given. */
static char *one(sqlite3 *db, const char *sql, const char *p1)
{
    sqlite3_stmt *st = NULL;
    char *out;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        out = sqlite3_mprintf("ERR: %s", sqlite3_errmsg(db));
    } else {
        if (p1)
            sqlite3_bind_text(st, 1, p1, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_NULL)
            out = sqlite3_mprintf("NULL");
        else if (rc == SQLITE_ROW)
            out = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 0));
        else
            out = sqlite3_mprintf("ERR: %s", sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    char *copy = strdup(out);
    sqlite3_free(out);
    return copy;
}

#define ck_one(db, sql, p1, want)                                                        \
    do {                                                                                   \
        char *got_ = one(db, sql, p1);                                                     \
        ck_assert_str_eq(got_, want);                                                      \
        free(got_);                                                                        \
    } while (0)

static void exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, err ? err : "?");
}

static void titles_table(sqlite3 *db, int rows)
{
    exec(db, "CREATE TABLE t(title TEXT, req TEXT)");
    exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
             "INSERT INTO t(title) SELECT CASE i % 4 WHEN 0 THEN 'VP Sales' WHEN 1 THEN "
             "'Co-Founder & CEO' WHEN 2 THEN 'Sales Intern' ELSE NULL END FROM n");
    char sql[128];
    snprintf(sql, sizeof sql, "DELETE FROM t WHERE rowid > %d", rows);
    exec(db, sql);
}

START_TEST(a_statement_compiles_its_request_once)
{
    sqlite3 *db = open_db();
    titles_table(db, 1000);
    unsigned long before = ls_sq_compile_count();
    ck_one(db, "SELECT count(ls_persona(?1, title)) FROM t", request, "500");
    ck_assert_uint_eq(ls_sq_compile_count() - before, 1);
    /* two call sites, two compiles; the options argument is part of it */
    before = ls_sq_compile_count();
    ck_one(db, "SELECT count(ls_persona(?1, title)) + count(ls_persona(?1, title, 'match=words'))"
               " FROM t", request, "1000");
    ck_assert_uint_eq(ls_sq_compile_count() - before, 2);
    /* a request read from a column may change on any row: compiled on each */
    exec(db, "DELETE FROM t WHERE rowid > 3");
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "UPDATE t SET req = ?1", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, request, -1, SQLITE_STATIC);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    before = ls_sq_compile_count();
    ck_one(db, "SELECT group_concat(ls_persona(req, title), '|') FROM t", NULL, "Founders");
    ck_assert_uint_eq(ls_sq_compile_count() - before, 3);
    sqlite3_close(db);
}
END_TEST

START_TEST(functions_give_the_matchers_answers)
{
    sqlite3 *db = open_db();
    ck_one(db, "SELECT ls_norm('VP, Sales & Marketing')", NULL, "vp sales marketing");
    ck_one(db, "SELECT ls_norm('Geschäftsführer')", NULL, "geschaftsfuhrer");
    ck_one(db, "SELECT ls_persona(?1, 'Head of Sales')", request, "Sales");
    ck_one(db, "SELECT ls_persona(?1, 'Sales Intern')", request, "NULL");
    ck_one(db, "SELECT ls_persona(?1, 'Founder, VP Sales')", request, "Founders");
    ck_one(db,
           "SELECT ls_match(?1, '{\"job_title\": \"VP Sales\", \"location\": \"Berlin, Germany\"}')",
           request, "Sales");
    /* dropped by a filter: no persona */
    ck_one(db,
           "SELECT ls_match(?1, '{\"job_title\": \"VP Sales\", \"location\": \"Paris, France\"}')",
           request, "NULL");
    ck_one(db,
           "SELECT ls_verdict(?1, '{\"job_title\": \"VP Sales\", \"location\": \"Paris, France\"}')",
           request,
           "{\"outcome\": \"dropped_by_filter\", \"persona\": null, \"filter\": \"locations\", "
           "\"invalid_utf8\": false, \"not_evaluated\": false}");
    ck_one(db, "SELECT ls_verdict(?1, '{\"title\": \"CTO\", \"location\": \"Germany\"}')", request,
           "{\"outcome\": \"no_persona\", \"persona\": null, \"filter\": null, "
           "\"invalid_utf8\": false, \"not_evaluated\": false}");
    /* a v1 lead: its first and last name, its company object */
    ck_one(db,
           "SELECT json_extract(ls_verdict(?1, '{\"lead_id\": \"L1\", \"first_name\": \"Ada\", "
           "\"title\": \"Head of Sales\", \"location\": \"Munich, Germany\", "
           "\"company\": {\"name\": \"X\"}}'), '$.persona')",
           request, "Sales");
    ck_one(db,
           "SELECT json_extract(ls_explain(?1, '{\"job_title\": \"Sales Intern\", "
           "\"location\": \"Germany\"}'), '$.personas[0].prohibit_token')",
           request, "intern");
    sqlite3_close(db);
}
END_TEST

START_TEST(nulls_give_null)
{
    sqlite3 *db = open_db();
    ck_one(db, "SELECT ls_norm(NULL)", NULL, "NULL");
    ck_one(db, "SELECT ls_persona(NULL, 'VP Sales')", NULL, "NULL");
    ck_one(db, "SELECT ls_persona(?1, NULL)", request, "NULL");
    ck_one(db, "SELECT ls_match(?1, NULL)", request, "NULL");
    ck_one(db, "SELECT ls_verdict(NULL, '{}')", NULL, "NULL");
    ck_one(db, "SELECT ls_explain(?1, NULL)", request, "NULL");
    ck_one(db, "SELECT ls_persona(?1, 'VP Sales', NULL)", request, "Sales");
    ck_one(db, "SELECT count(*) FROM ls_leads(NULL)", NULL, "0");
    sqlite3_close(db);
}
END_TEST

START_TEST(errors_say_what_and_where)
{
    sqlite3 *db = open_db();
    ck_one(db, "SELECT ls_persona('{\"personas\": 5}', 'x')", NULL,
           "ERR: {\"status\": \"error\", \"status_code\": 400, \"detail\": {\"personas\": "
           "\"personas must be a list of [name, functions, seniorities, prohibits, priority?] "
           "lists\", \"company_id\": \"give exactly one of company_id, company_link, "
           "company_name, or set without_company: true\"}}");
    ck_one(db, "SELECT ls_match(?1, '{\"job_title\": \"VP\"')", request,
           "ERR: ls_match: the lead is not one JSON object: unexpected end of input at byte "
           "offset 18");
    ck_one(db, "SELECT ls_verdict(?1, '[1]')", request,
           "ERR: ls_verdict: the lead is not one JSON object: not a JSON object at byte offset 0");
    ck_one(db, "SELECT ls_explain(?1, '{\"leads\": [{\"job_title\": \"VP Sales\"}]}')", request,
           "ERR: ls_explain: the lead is a response: explain each of its leads on its own");
    ck_one(db, "SELECT ls_persona(?1, 'VP Sales', 'mach=words')", request,
           "ERR: unknown option \"mach\" (names: api, mode, match, as_of); did you mean "
           "\"match\"?");
    ck_one(db, "SELECT ls_persona(?1, 'VP Sales', 'match=word')", request,
           "ERR: option match: \"word\" is not documented or words; did you mean \"words\"?");
    ck_one(db, "SELECT ls_match(?1, '{}', 'as_of=2025-02-30')", request,
           "ERR: option as_of: 2025-02-30 is not a day of the calendar");
    ck_one(db, "SELECT ls_persona(?1)", request,
           "ERR: wrong number of arguments to function ls_persona()");
    sqlite3_close(db);
}
END_TEST

START_TEST(leads_table_reads_as_a_run_does)
{
    char dir[] = "/tmp/ls_sqlite_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/a.jsonl", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("{\"sales_id\": \"a\", \"job_title\": \"VP Sales\", \"location\": \"Berlin, Germany\"}\n"
          "{broken\n"
          "{\"sales_id\": \"a\", \"job_title\": \"Founder\", \"location\": \"Kiel, Germany\"}\n"
          "{\"linkedin_url\": \"u\", \"job_title\": \"CTO\", \"location\": \"Paris, France\"}\n",
          f);
    fclose(f);
    snprintf(path, sizeof path, "%s/b.csv", dir);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("Title,Location,Person Linkedin Url\nHead of Sales,\"Bonn, Germany\",v\n", f);
    fclose(f);

    sqlite3 *db = open_db();
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT group_concat(substr(file, length('%s') + 2) || ':' || line || ':' || "
             "position || ':' || ifnull(key, '-') || ':' || duplicate || ':' || "
             "ifnull(persona, '-') || ':' || ifnull(outcome, '-') || ':' || ifnull(filter, '-'), "
             "' ') FROM ls_leads('%s', ?1)",
             dir, dir);
    ck_one(db, sql, request,
           "a.jsonl:1:0:a:0:Sales:matched:- a.jsonl:3:1:a:1:Founders:matched:- "
           "a.jsonl:4:2:u:0:-:dropped_by_filter:locations b.csv:2:3:v:0:Sales:matched:-");
    /* without a request: keys and duplicates only */
    snprintf(sql, sizeof sql,
             "SELECT group_concat(ifnull(key, '-') || duplicate || ifnull(persona, '-'), ' ') "
             "FROM ls_leads('%s')", dir);
    ck_one(db, sql, NULL, "a0- a1- u0- v0-");
    snprintf(sql, sizeof sql, "SELECT json_extract(lead, '$.Title') FROM ls_leads('%s') "
                              "WHERE file LIKE '%%.csv'", dir);
    ck_one(db, sql, NULL, "Head of Sales");
    snprintf(sql, sizeof sql, "SELECT count(*) FROM ls_leads('%s/nope.json')", dir);
    char want[512];
    snprintf(want, sizeof want, "ERR: ls_leads: %s/nope.json: cannot read: No such file or directory",
             dir);
    ck_one(db, sql, NULL, want);
    ck_one(db, "SELECT count(*) FROM ls_leads", NULL,
           "ERR: ls_leads: name the leads to read: ls_leads('leads/'), ls_leads(path, request)");
    snprintf(sql, sizeof sql, "SELECT count(*) FROM ls_leads('%s', '{}')", dir);
    ck_one(db, sql, NULL,
           "ERR: {\"status\": \"error\", \"status_code\": 400, \"detail\": {\"company_id\": "
           "\"give exactly one of company_id, company_link, company_name, or set "
           "without_company: true\"}}");
    sqlite3_close(db);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(path), 0);
}
END_TEST

/* sqlite3_log's messages, where the extension's warnings go */
static char logged[1024];

static void on_log(void *user, int code, const char *msg)
{
    (void)user;
    size_t n = strlen(logged);
    snprintf(logged + n, sizeof logged - n, "%d %s\n", code, msg);
}

START_TEST(database_mode_on_a_by_icp_reading_is_a_warning)
{
    sqlite3 *db = open_db();
    logged[0] = '\0';
    ck_one(db, "SELECT ls_persona(?1, 'VP Sales', 'mode=database')", request, "Sales");
    ck_assert_str_eq(logged, "28 leadsieve: option mode=database is for v1 requests and the "
                             "request is read as by_icp (it has no field only v1 has: api=v1 "
                             "reads it as v1); mode ignored\n");
    logged[0] = '\0';
    ck_one(db, "SELECT ls_norm('x') || ls_persona(?1, 'VP Sales', 'api=by_icp mode=database')",
           request, "xSales");
    ck_assert_ptr_nonnull(strstr(logged, "(api=by_icp); mode ignored\n"));
    /* read as v1, the database search refuses personas; realtime says nothing */
    logged[0] = '\0';
    char *got = one(db, "SELECT ls_persona(?1, 'VP Sales', 'api=v1 mode=database')", request);
    ck_assert_ptr_nonnull(strstr(got, "\"personas\": \"personas is realtime only"));
    free(got);
    logged[0] = '\0'; /* SQLite logs the aborted statement itself */
    ck_one(db, "SELECT ls_persona(?1, 'VP Sales', 'mode=realtime')", request, "Sales");
    ck_assert_str_eq(logged, "");
    sqlite3_close(db);
}
END_TEST

int main(void)
{
    /* before SQLite initializes: its log is configured once per process */
    sqlite3_config(SQLITE_CONFIG_LOG, on_log, NULL);
    /* every connection this program opens gets the extension */
    sqlite3_auto_extension((void (*)(void))sqlite3_leadsievesqlite_init);
    Suite *s = suite_create("sqlite_ext");
    TCase *tc = tcase_create("ext");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, a_statement_compiles_its_request_once);
    tcase_add_test(tc, functions_give_the_matchers_answers);
    tcase_add_test(tc, nulls_give_null);
    tcase_add_test(tc, errors_say_what_and_where);
    tcase_add_test(tc, leads_table_reads_as_a_run_does);
    tcase_add_test(tc, database_mode_on_a_by_icp_reading_is_a_warning);
    suite_add_tcase(s, tc);
    int rc = ls_check_run(s);
    sqlite3_reset_auto_extension();
    return rc;
}
