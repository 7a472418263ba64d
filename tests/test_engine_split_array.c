/* A big JSON array of leads, a response and a v1 response read in byte
 * ranges by the workers (parallel.c, doc_spans.c, source.c): whatever the
 * thread count and wherever the cuts fall — inside strings that hold
 * "}, {", inside nested arrays of objects — the results, the counts and
 * every diagnostic are those of one reader, and a document that is broken,
 * followed by another value or not an array of leads reads as it does
 * with one thread. */
#include "split_testutil.h"

#define PERSONAS "\"personas\": [[\"CEO\", [\"ceo\", \"chief\"], [], [], 1], " \
                 "[\"Sales\", [\"sales\"], [], []]]"
#define REQ "{\"without_company\": true, " PERSONAS "}"
#define REQ_LIMIT "{\"without_company\": true, \"limit_by\": 3, " PERSONAS "}"

static const char *const sizes[] = {"16", "29", "64", "101", "257", "1000", NULL};

/* Lead i of the test documents: a title that matches one persona or
 * none, a note holding what a guess at an element start could take for
 * one, and every fifth a jobs array of objects; every eleventh element is
 * a number or a string instead. */
static size_t element(char *out, size_t cap, int i, const char *nl)
{
    static const char *const titles[] = {"CEO", "Sales rep", "Gardener", "Chief of sales"};
    static const char *const notes[] = {"}, {", "},\\n{", "[{\\\"a\\\": 1}, {", "plain",
                                        "\\\"}, {\\\"sales_id\\\": \\\"fake\\\"}"};
    if (i % 11 == 10)
        return (size_t)snprintf(out, cap, i % 2 ? "%d" : "\"text %d\"", i);
    return (size_t)snprintf(out, cap,
                            "{%s\"sales_id\": \"%d\",%s\"job_title\": \"%s\",%s\"note\": \"%s\"%s%s}",
                            nl, i % 23, nl, titles[i % 4], nl, notes[i % 5],
                            i % 5 ? "" : ", \"jobs\": [{\"t\": \"a\"}, {\"t\": \"b, {\"}, {}]",
                            nl);
}

/* n elements as an array: compact (", " between them) or pretty (",\n",
 * each member on a line of its own), inside head and tail. */
static char *document(const char *head, int n, int pretty, const char *tail)
{
    size_t cap = 512 * (size_t)n + 1024, len = 0;
    char *t = malloc(cap);
    ck_assert_ptr_nonnull(t);
    len += (size_t)snprintf(t + len, cap - len, "%s[%s", head, pretty ? "\n" : "");
    for (int i = 0; i < n; i++) {
        len += element(t + len, cap - len, i, pretty ? "\n    " : " ");
        if (i + 1 < n)
            len += (size_t)snprintf(t + len, cap - len, pretty ? ",\n" : ", ");
    }
    snprintf(t + len, cap - len, "%s]%s", pretty ? "\n" : "", tail);
    return t;
}

static got check(const char *name, const char *text, const char *req, uint64_t *taken,
                 uint64_t *reread)
{
    const char *path = write_file(name, text);
    got one = same_for_any_split(req, path, sizes, taken, reread);
    unlink(path);
    return one;
}

START_TEST(documents_in_ranges_read_as_one_reader)
{
    snprintf(dir, sizeof dir, "/tmp/ls-split-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    struct {
        const char *name, *head, *tail;
        int pretty;
    } shapes[] = {
        {"compact.json", "", "", 0},
        {"pretty.json", "\xEF\xBB\xBF", "\n", 1},
        {"response.json", "{\"results_count\": 60, \"leads\": ", "}", 0},
        {"v1.json", "{\"data\": {\n  \"total\": 60,\n  \"leads\": ", "\n}, \"ok\": true}\n", 1},
    };
    for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++) {
        char *text = document(shapes[s].head, 60, shapes[s].pretty, shapes[s].tail);
        uint64_t taken, reread;
        got one = check(shapes[s].name, text, REQ, &taken, &reread);
        /* 12 runs: far more ranges than their first ones were taken, and
         * each cut was where the range before it ended */
        ck_assert_msg(taken > 100, "%s: %llu ranges taken", shapes[s].name,
                      (unsigned long long)taken);
        ck_assert_uint_eq(reread, 0);
        /* 55 leads and 5 other values (10, 21, ...: i % 11 == 10); ids
         * repeat from i = 23; the gardeners (i % 4 == 2) match nothing */
        ck_assert_msg(strstr(one.text, "files 1/0 leads 55 malformed 0 not_objects 5 not_leads 0 "
                                       "dup 32 ") != NULL,
                      "%s:\n%s", shapes[s].name, one.text);
        /* the last non-object, numbered as one reader counts */
        ck_assert_msg(strstr(one.text, "item 55 is a string, not an object") != NULL, "%s:\n%s",
                      shapes[s].name, one.text);
        free(one.text);
        one = check(shapes[s].name, text, REQ_LIMIT, &taken, &reread);
        ck_assert_ptr_nonnull(strstr(one.text, "returned 3 reached 1"));
        free(one.text);
        free(text);
    }
    rmdir(dir);
}
END_TEST

/* A lead whose note holds many would-be elements: the cuts that fall in
 * it guess element starts inside the string, and none is taken. */
START_TEST(a_string_of_elements_is_never_a_cut)
{
    snprintf(dir, sizeof dir, "/tmp/ls-split-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char text[16384];
    size_t n = (size_t)snprintf(text, sizeof text, "[");
    for (int i = 0; i < 12; i++) {
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "%s{\"sales_id\": \"%d\", \"job_title\": \"CEO\", \"note\": \"",
                              i ? ", " : "", i);
        for (int k = 0; k < (i % 3 ? 1 : 12); k++)
            n += (size_t)snprintf(text + n, sizeof text - n,
                                  "}, {\\\"sales_id\\\": \\\"fake\\\", \\\"job_title\\\": "
                                  "\\\"CEO\\\"}, {");
        n += (size_t)snprintf(text + n, sizeof text - n, "\"}");
    }
    snprintf(text + n, sizeof text - n, "]");
    uint64_t taken, reread;
    got one = check("strings.json", text, REQ, &taken, &reread);
    ck_assert_uint_gt(taken, 12);
    ck_assert_ptr_nonnull(strstr(one.text, "files 1/0 leads 12 malformed 0 not_objects 0 "
                                           "not_leads 0 dup 0 matched 12"));
    free(one.text);
    rmdir(dir);
}
END_TEST

/* Documents that one reader does not read as a valid array of leads: each
 * reads as it does with one thread. */
START_TEST(broken_documents_read_as_one_reader)
{
    snprintf(dir, sizeof dir, "/tmp/ls-split-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    uint64_t taken, reread;
    char *text = document("", 40, 1, "");
    /* a malformed element in the middle */
    char *bad = strstr(text, "\"sales_id\": \"20\"");
    ck_assert_ptr_nonnull(bad);
    bad[11] = ';';
    got one = check("broken.json", text, REQ, &taken, &reread);
    ck_assert_ptr_nonnull(strstr(one.text, "not valid JSON at line"));
    ck_assert_ptr_nonnull(strstr(one.text, "malformed 1 "));
    free(one.text);
    bad[11] = ':';
    /* truncated */
    char *cut = strstr(text, "\"sales_id\": \"7\"");
    ck_assert_ptr_nonnull(cut);
    char saved = cut[40];
    cut[40] = '\0';
    one = check("truncated.json", text, REQ, &taken, &reread);
    ck_assert_ptr_nonnull(strstr(one.text, "unexpected end of input (truncated?)"));
    free(one.text);
    cut[40] = saved;
    free(text);
    /* a value after the array: JSONL, the array one record */
    text = document("", 40, 0, "\n{\"sales_id\": \"after\", \"job_title\": \"CEO\"}\n");
    one = check("trailing.json", text, REQ, &taken, &reread);
    ck_assert_ptr_nonnull(strstr(one.text, "\"sales_id\": \"after\""));
    free(one.text);
    free(text);
    /* trailing garbage */
    text = document("", 40, 1, "\n}garbage");
    one = check("garbage.json", text, REQ, &taken, &reread);
    ck_assert_ptr_nonnull(strstr(one.text, "malformed 1 "));
    free(one.text);
    free(text);
    /* "leads": null, and an array elsewhere */
    text = document("{\"leads\": null, \"other\": ", 40, 0, "}");
    one = check("null.json", text, REQ, &taken, &reread);
    ck_assert_ptr_nonnull(strstr(one.text, "a response whose \"leads\" is null: no leads"));
    ck_assert_ptr_nonnull(strstr(one.text, "leads 0 "));
    free(one.text);
    free(text);
    /* elements over the record limit, in a valid array */
    text = document("", 40, 1, "");
    split_max_record = 100;
    one = check("limit.json", text, REQ, &taken, &reread);
    split_max_record = 0;
    ck_assert_msg(strstr(one.text, "over the 100-byte record limit; skipped") != NULL, "%s", one.text);
    ck_assert_uint_gt(taken, 40);
    ck_assert_uint_eq(reread, 0);
    free(one.text);
    free(text);
    rmdir(dir);
}
END_TEST

/* Every few bytes of a pretty array and of a response replaced by one
 * that breaks or reshapes JSON differently, and every cut of them: 2 and
 * 3 threads read each as one reader does. */
START_TEST(every_changed_byte_reads_as_one_reader)
{
    static const char *const small[] = {"16", "53", NULL};
    static const char repl[] = "},\"{]\n";
    snprintf(dir, sizeof dir, "/tmp/ls-split-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char *docs[] = {document("", 14, 1, "\n"), document("{\"leads\": ", 14, 0, ", \"n\": 1}")};
    for (size_t d = 0; d < 2; d++) {
        char *text = docs[d];
        size_t len = strlen(text);
        for (size_t pos = 0; pos < len; pos += 7) {
            char saved = text[pos];
            text[pos] = repl[(pos / 7) % (sizeof repl - 1)];
            const char *path = write_file("changed.json", text);
            uint64_t taken, reread;
            got one = same_for_any_split(REQ, path, small, &taken, &reread);
            free(one.text);
            text[pos] = saved;
            if (pos % 49 == 0) { /* and cut there */
                text[pos] = '\0';
                path = write_file("cut.json", text);
                one = same_for_any_split(REQ, path, small, &taken, &reread);
                free(one.text);
                text[pos] = saved;
            }
        }
        free(text);
    }
    unlink(write_file("changed.json", ""));
    unlink(write_file("cut.json", ""));
    rmdir(dir);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("engine_split_array");
    TCase *tc = tcase_create("ranges");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, documents_in_ranges_read_as_one_reader);
    tcase_add_test(tc, a_string_of_elements_is_never_a_cut);
    tcase_add_test(tc, broken_documents_read_as_one_reader);
    tcase_add_test(tc, every_changed_byte_reads_as_one_reader);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ls_check_run(suite());
}
