/* A big JSONL file read in byte ranges by the workers (parallel.c,
 * split.c): whatever the thread count and wherever the cuts fall, the
 * results, the counts and every diagnostic (lines, byte offsets, item
 * numbers) are those of one reader; a record over several lines across a
 * cut makes stage 2 read that range again. */
#include "split_testutil.h"

#define PERSONAS "\"personas\": [[\"CEO\", [\"ceo\", \"chief\"], [], [], 1], " \
                 "[\"Sales\", [\"sales\"], [], []]]"
#define REQ "{\"without_company\": true, " PERSONAS "}"
#define REQ_LIMIT "{\"without_company\": true, \"limit_by\": 4, " PERSONAS "}"

static const char *const sizes[] = {"16", "23", "37", "64", "101", "160", "257", NULL};

/* A BOM, CRLF lines, blank lines, malformed lines, a string and a number,
 * an array of leads on a line, two records on a line, duplicates far
 * apart, and a last line without a newline. */
static const char plain[] =
    "\xEF\xBB\xBF{\"sales_id\": \"1\", \"job_title\": \"CEO\"}\n"
    "{\"sales_id\": \"2\", \"job_title\": \"Sales rep\"}\r\n"
    "\n"
    "{\"sales_id\": \"3\", broken\n"
    "{\"sales_id\": \"4\", \"job_title\": \"Gardener\"}\n"
    "\"a string\"\n"
    "{\"sales_id\": \"5\", \"job_title\": \"Chief of sales\"}\r\n"
    "   \n"
    "[{\"sales_id\": \"6\", \"job_title\": \"Sales\"}, 7]\n"
    "{\"sales_id\": \"1\", \"job_title\": \"Sales again\"}\n"
    "{\"sales_id\": \"8\", \"job_title\": \"CEO\"} {\"sales_id\": \"9\", \"job_title\": \"CEO\"}\n"
    "{\"sales_id\": \"10\", \"job_title\": \"Sales\"\n"
    "42\n"
    "{\"sales_id\": \"2\", \"job_title\": \"CEO\"}\n"
    "{\"amount\": 1, \"leads\": [{\"sales_id\": \"11\", \"job_title\": \"Sales\"}]}\n"
    "{\"sales_id\": \"12\", \"job_title\": \"Sales\"}\n"
    "}{\n"
    "{\"sales_id\": \"13\", \"job_title\": \"CEO\"}";

START_TEST(jsonl_in_ranges_reads_as_one_reader)
{
    snprintf(dir, sizeof dir, "/tmp/ls-split-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    const char *path = write_file("plain.jsonl", plain);
    uint64_t taken, reread;
    got one = same_for_any_split(REQ, path, sizes, &taken, &reread);
    ck_assert_uint_gt(taken, 20); /* the file was read in ranges */
    /* what one reader says: 12 leads (two on line 11, one in line 9's
     * array, one in line 15's response), lines 4, 12 and 17 malformed, a
     * string and two numbers; leads 1 and 2 again are duplicates; every
     * lead but the gardener matches */
    ck_assert_ptr_nonnull(strstr(one.text, "files 1/0 leads 12 malformed 3 not_objects 3 "
                                           "not_leads 0 dup 2 matched 9 returned 9 reached 0"));
    ck_assert_ptr_nonnull(strstr(one.text, "diag 0 4 87 line 4: "));
    ck_assert_ptr_nonnull(strstr(one.text, "diag 0 12 387 line 12: "));
    ck_assert_ptr_nonnull(strstr(one.text, "diag 0 17 576 line 17: expected a value (byte offset 576)"));
    ck_assert_ptr_nonnull(strstr(one.text, "diag 1 6 155 item 4 is a string, not an object"));
    ck_assert_ptr_nonnull(strstr(one.text, "diag 1 9 262 item 7 is a number, not an object"));
    ck_assert_ptr_nonnull(strstr(one.text, "diag 1 13 427 item 11 is a number, not an object"));
    free(one.text);
    /* limit_by: the first leads of each rank, as one reader found them */
    one = same_for_any_split(REQ_LIMIT, path, sizes, &taken, &reread);
    /* Sales ranks first: leads 2, 5, 6 and 11 of its five */
    ck_assert_ptr_nonnull(strstr(one.text, "matched 9 returned 4 reached 1"));
    ck_assert_ptr_nonnull(strstr(one.text, "lead 1 {\"sales_id\": \"11\""));
    ck_assert_ptr_null(strstr(one.text, "\"sales_id\": \"12\""));
    ck_assert_ptr_null(strstr(one.text, "lead 0 "));
    free(one.text);
    unlink(path);
    rmdir(dir);
}
END_TEST

/* Pretty-printed records among one-line ones: a cut inside one makes the
 * next range start mid-record, and stage 2 reads it again. */
START_TEST(a_record_over_several_lines_is_read_again)
{
    snprintf(dir, sizeof dir, "/tmp/ls-split-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char text[8192];
    size_t n = 0;
    for (int i = 0; i < 30; i++) {
        if (i % 4 == 1)
            n += (size_t)snprintf(text + n, sizeof text - n,
                                  "{\n  \"sales_id\": \"p%d\",\n  \"job_title\": \"Sales\",\n"
                                  "  \"full_name\": \"{\\\"x\\\": 1}\"\n}\n", i);
        else
            n += (size_t)snprintf(text + n, sizeof text - n,
                                  "{\"sales_id\": \"%d\", \"job_title\": \"CEO\"}\n", i % 17);
    }
    const char *path = write_file("pretty.jsonl", text);
    uint64_t taken, reread;
    got one = same_for_any_split(REQ, path, sizes, &taken, &reread);
    ck_assert_uint_gt(reread, 0);
    ck_assert_uint_gt(taken, reread);
    /* 8 records over five lines; ids 2, 3, 6, 7, 10 and 11 twice among
     * the others (i % 17) */
    ck_assert_ptr_nonnull(strstr(one.text, "files 1/0 leads 30 malformed 0 not_objects 0 "
                                           "not_leads 0 dup 6 matched 24"));
    free(one.text);
    unlink(path);
    rmdir(dir);
}
END_TEST

/* A response whose first line looks like a record is a document all the
 * same: its first range's reader says so and cuts its leads array
 * (test_engine_split_array.c has the documents' own cases). */
START_TEST(a_document_is_not_read_as_jsonl)
{
    snprintf(dir, sizeof dir, "/tmp/ls-split-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char text[8192];
    size_t n = (size_t)snprintf(text, sizeof text, "{\"meta\": {\"a\": 1}\n, \"leads\": [\n");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "{\"sales_id\": \"%d\", \"job_title\": \"Sales\"}%s\n", i,
                              i < 39 ? "," : "");
    snprintf(text + n, sizeof text - n, "]}\n");
    const char *path = write_file("response.json", text);
    uint64_t taken, reread;
    got one = same_for_any_split(REQ, path, sizes, &taken, &reread);
    ck_assert_uint_gt(taken, 14); /* more than the first range of each of the 14 runs */
    ck_assert_uint_eq(reread, 0);
    ck_assert_ptr_nonnull(strstr(one.text, "files 1/0 leads 40 malformed 0 not_objects 0 "
                                           "not_leads 0 dup 0 matched 40"));
    free(one.text);
    unlink(path);
    rmdir(dir);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("engine_split");
    TCase *tc = tcase_create("ranges");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, jsonl_in_ranges_reads_as_one_reader);
    tcase_add_test(tc, a_record_over_several_lines_is_read_again);
    tcase_add_test(tc, a_document_is_not_read_as_jsonl);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ls_check_run(suite());
}
