/* Lead sources: every input shape, bad input, positions, streaming. */
#include <check.h>
#include "check_run.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "readers/reader.h"
#include "readers_testutil.h"

#define IN LS_TEST_DATA "/inputs/"

typedef struct {
    char sid[64];
    uint64_t line, offset;
    int is_object;
    int not_lead;
    unsigned flags;
    size_t title_len;
    int captured; /* scanned with the document, not again on its own */
    uint64_t index;
} got_t;

static got_t G[64];
static int ng;
static uint64_t mal;

static void drain(ls_source *src)
{
    nd = ng = 0;
    mal = 0;
    ls_item it;
    int r;
    while ((r = ls_source_next(src, &it, &SINK, &mal)) == 1) {
        ck_assert_int_lt(ng, 64);
        got_t *g = &G[ng++];
        memset(g, 0, sizeof *g);
        g->line = ls_source_item_line(src, &it);
        g->offset = it.offset;
        g->is_object = it.is_object;
        g->not_lead = it.not_lead;
        g->captured = it.lead != &it.own;
        g->index = it.index;
        if (it.is_object) {
            const ls_jval *v = &it.lead->f[LS_F_SALES_ID];
            if (v->type != LS_J_NONE)
                snprintf(g->sid, sizeof g->sid, "%.*s", (int)v->len, v->p);
            g->flags = it.lead->flags;
            g->title_len = it.lead->f[LS_F_JOB_TITLE].len;
        }
    }
    ck_assert_int_eq(r, 0);
    ck_assert_int_eq(ls_source_next(src, &it, &SINK, &mal), 0); /* stays at the end */
    ls_source_close(src);
}

/* The same item, however it was scanned: with its document, or on its
 * own as a streamed document's items are. */
static int same_item(const got_t *a, const got_t *b)
{
    got_t x = *a, y = *b;
    x.captured = y.captured = 0;
    return memcmp(&x, &y, sizeof x) == 0;
}

static void read_file(const char *path, const ls_reader_limits *lim)
{
    ls_source *src = NULL;
    ck_assert_int_eq(ls_source_open(path, lim, &src), LS_OK);
    drain(src);
}

static void read_mem(const char *text, const ls_reader_limits *lim)
{
    ls_source *src = NULL;
    ck_assert_int_eq(ls_source_open_memory("mem", text, strlen(text), lim, &src), LS_OK);
    drain(src);
}

static void item_is(int i, const char *sid, uint64_t line, uint64_t offset)
{
    ck_assert_int_lt(i, ng);
    ck_assert_str_eq(G[i].sid, sid);
    ck_assert_int_eq(G[i].is_object, 1);
    ck_assert_int_eq(G[i].not_lead, 0);
    ck_assert_uint_eq(G[i].line, line);
    ck_assert_uint_eq(G[i].offset, offset);
}

START_TEST(api_response)
{
    read_file(IN "api.json", NULL);
    ck_assert_int_eq(ng, 2);
    item_is(0, "a1", 1, 11);
    item_is(1, "a2", 1, 51);
    ck_assert_int_eq(nd, 0);
}
END_TEST

START_TEST(v1_response)
{
    read_file(IN "v1.json", NULL);
    ck_assert_int_eq(ng, 1);
    item_is(0, "v1", 1, 20);
    ck_assert_int_eq(nd, 0);
}
END_TEST

START_TEST(json_array)
{
    read_file(IN "array.json", NULL);
    ck_assert_int_eq(ng, 2);
    item_is(0, "r1", 2, 4);
    item_is(1, "r2", 3, 26);
    ck_assert_int_eq(nd, 0);
}
END_TEST

START_TEST(jsonl)
{
    read_file(IN "leads.jsonl", NULL);
    ck_assert_int_eq(ng, 3);
    item_is(0, "j1", 1, 0);
    item_is(1, "j2", 2, 19);
    item_is(2, "j3", 3, 38);
    ck_assert_int_eq(nd, 0);
}
END_TEST

START_TEST(single_lead)
{
    read_file(IN "single.json", NULL);
    ck_assert_int_eq(ng, 1);
    item_is(0, "s1", 1, 0);
    ck_assert_uint_eq(G[0].title_len, 13);
    ck_assert_int_eq(nd, 0);
}
END_TEST

START_TEST(bom_skipped)
{
    read_file(IN "bom.json", NULL);
    ck_assert_int_eq(ng, 1);
    item_is(0, "b1", 1, 4);
    ck_assert_int_eq(nd, 0);
}
END_TEST

START_TEST(crlf_and_blank_lines)
{
    read_file(IN "crlf.jsonl", NULL);
    ck_assert_int_eq(ng, 2);
    item_is(0, "c1", 1, 0);
    item_is(1, "c2", 4, 27);
    ck_assert_int_eq(nd, 0);
}
END_TEST

START_TEST(leads_wins_over_data)
{
    read_file(IN "both.json", NULL);
    ck_assert_int_eq(ng, 1);
    item_is(0, "l1", 1, 52);
    /* "leads" that is not an array does not hide data.leads */
    read_mem("{\"leads\": 5, \"data\": {\"leads\": [{\"sales_id\": \"q\"}]}}", NULL);
    ck_assert_int_eq(ng, 1);
    item_is(0, "q", 1, 32);
    /* duplicate "leads": the last one decides, as in Python's dict; a
     * response whose leads is not an array gives none (§5a) */
    read_mem("{\"leads\": [{\"sales_id\": \"a\"}], \"leads\": 5, \"sales_id\": \"w\"}", NULL);
    ck_assert_int_eq(ng, 0);
    read_mem("{\"leads\": 5, \"le\\u0061ds\": [{\"sales_id\": \"e\"}]}", NULL);
    ck_assert_int_eq(ng, 1);
    item_is(0, "e", 1, 28);
}
END_TEST

/* A v1 response's leads are scanned once, with the document (as a
 * by_icp response's are), and the last "data" and its last "leads" decide. */
START_TEST(v1_response_leads_scanned_with_document)
{
    read_mem("{\"data\": {\"leads\": [{\"sales_id\": \"a\"}, {\"sales_id\": \"b\"}], "
             "\"results_count\": 2}, \"meta\": {\"amount_charged\": 0}}",
             NULL);
    ck_assert_int_eq(ng, 2);
    item_is(0, "a", 1, 20);
    item_is(1, "b", 1, 39);
    ck_assert_int_eq(G[0].captured, 1);
    ck_assert_int_eq(G[1].captured, 1);
    /* the same for a by_icp response */
    read_mem("{\"leads\": [{\"sales_id\": \"a\"}]}", NULL);
    ck_assert_int_eq(ng, 1);
    ck_assert_int_eq(G[0].captured, 1);
    /* a top-level "leads" array wins wherever it stands */
    read_mem("{\"data\": {\"leads\": [{\"sales_id\": \"z\"}]}, \"leads\": [{\"sales_id\": \"t\"}]}",
             NULL);
    ck_assert_int_eq(ng, 1);
    item_is(0, "t", 1, 51);
    ck_assert_int_eq(G[0].captured, 1);
    read_mem("{\"leads\": [{\"sales_id\": \"t\"}], \"data\": {\"leads\": [{\"sales_id\": \"z\"}]}}",
             NULL);
    ck_assert_int_eq(ng, 1);
    item_is(0, "t", 1, 11);
    ck_assert_int_eq(G[0].captured, 1);
    /* the last "data" decides, and its last "leads" */
    read_mem("{\"data\": {\"leads\": [{\"sales_id\": \"z\"}]}, \"data\": {\"leads\": [{\"sales_id\": \"y\"}]}}",
             NULL);
    ck_assert_int_eq(ng, 1);
    item_is(0, "y", 1, 60);
    ck_assert_int_eq(G[0].captured, 1);
    read_mem("{\"data\": {\"leads\": 5, \"le\\u0061ds\": [{\"sales_id\": \"z\"}]}}", NULL);
    ck_assert_int_eq(ng, 1);
    item_is(0, "z", 1, 37);
    ck_assert_int_eq(G[0].captured, 1);
    read_mem("{\"data\": {\"leads\": [{\"sales_id\": \"z\"}], \"leads\": null}}", NULL);
    ck_assert_int_eq(ng, 0);
    ck_assert_int_eq(nd, 1); /* the note: a response whose "leads" is null */
    /* a later "data" without "leads": no response, the object is one lead */
    read_mem("{\"data\": {\"leads\": [{\"sales_id\": \"a\"}]}, \"data\": {\"x\": 1}}", NULL);
    ck_assert_int_eq(ng, 1);
    item_is(0, "", 1, 0);
    /* "leads" deeper than data.leads is not the lead array */
    read_mem("{\"data\": {\"x\": {\"leads\": [{\"sales_id\": \"q\"}]}, \"leads\": [{\"sales_id\": \"z\"}]}}",
             NULL);
    ck_assert_int_eq(ng, 1);
    item_is(0, "z", 1, 57);
    ck_assert_int_eq(G[0].captured, 1);
}
END_TEST

/* §5a: a file is a sequence of values; responses inside it give their
 * leads, wherever they stand. */
START_TEST(stream_of_responses)
{
    /* JSONL of API responses, one a line */
    read_mem("{\"leads\": [{\"sales_id\": \"a\"}, {\"sales_id\": \"b\"}]}\n"
             "{\"leads\": [{\"sales_id\": \"c\"}]}\n", NULL);
    ck_assert_int_eq(ng, 3);
    item_is(0, "a", 1, 11);
    item_is(1, "b", 1, 30);
    item_is(2, "c", 2, 61);
    ck_assert_int_eq(nd, 0);
    /* documents concatenated without a newline: a response, a v1 response,
     * an array */
    read_mem("{\"leads\":[{\"sales_id\":\"a\"}]}{\"data\":{\"leads\":[{\"sales_id\":\"b\"}]}}"
             "[{\"sales_id\":\"c\"}]", NULL);
    ck_assert_int_eq(ng, 3);
    item_is(0, "a", 1, 10);
    item_is(1, "b", 1, 46);
    item_is(2, "c", 1, 66);
    /* an array of responses and leads: each item is a record */
    read_mem("[{\"leads\": [{\"sales_id\": \"a\"}]}, {\"sales_id\": \"b\"},\n"
             " {\"data\": {\"leads\": [{\"sales_id\": \"c\"}]}}]", NULL);
    ck_assert_int_eq(ng, 3);
    item_is(0, "a", 1, 12);
    item_is(1, "b", 1, 33);
    item_is(2, "c", 2, 73);
    ck_assert_int_eq(nd, 0);
}
END_TEST

/* Each lead's index in the array that holds it (a response's leads[i], a
 * top-level array's [i]), counting every element; none for a record of its
 * own or after a break, where elements cannot be counted. */
START_TEST(item_index_in_its_array)
{
    /* a one-line response: line 1 for all, the index tells them apart; the
     * number at [1] and the deep item at [3] count as elements */
    char deep[1200] = "{\"leads\": [{\"sales_id\": \"a\"}, 7, {\"sales_id\": \"b\"}, {\"x\": ";
    for (int i = 0; i < 512; i++)
        strcat(deep, "[");
    for (int i = 0; i < 512; i++)
        strcat(deep, "]");
    strcat(deep, "}, {\"sales_id\": \"c\"}]}");
    read_mem(deep, NULL);
    ck_assert_int_eq(ng, 4);
    ck_assert_uint_eq(G[0].index, 0);
    ck_assert_uint_eq(G[1].index, 1); /* the number, reported */
    ck_assert_uint_eq(G[2].index, 2);
    ck_assert_str_eq(G[3].sid, "c");
    ck_assert_uint_eq(G[3].index, 4);
    /* JSONL of responses and of leads; v1's data.leads; a top-level array */
    read_mem("{\"leads\": [{\"sales_id\": \"a\"}, {\"sales_id\": \"b\"}]}\n"
             "{\"sales_id\": \"c\"}\n"
             "{\"data\": {\"leads\": [{\"sales_id\": \"d\"}]}}\n", NULL);
    ck_assert_int_eq(ng, 4);
    ck_assert_uint_eq(G[0].index, 0);
    ck_assert_uint_eq(G[1].index, 1);
    ck_assert_uint_eq(G[2].index, LS_ITEM_NO_INDEX);
    ck_assert_uint_eq(G[3].index, 0);
    read_mem("[{\"sales_id\": \"a\"}, {\"leads\": [{\"sales_id\": \"b\"}, {\"sales_id\": \"c\"}]}]",
             NULL);
    ck_assert_int_eq(ng, 3);
    ck_assert_uint_eq(G[0].index, 0);
    ck_assert_uint_eq(G[1].index, 0); /* leads[0] of the array's item [1] */
    ck_assert_uint_eq(G[2].index, 1);
    /* one lead alone */
    read_mem("{\"sales_id\": \"a\"}", NULL);
    ck_assert_int_eq(ng, 1);
    ck_assert_uint_eq(G[0].index, LS_ITEM_NO_INDEX);
    /* a broken document: before the break counted, after it not */
    read_mem("[{\"sales_id\": \"a\"},\n {\"sales_id\": \"b\",,},\n {\"sales_id\": \"c\"}]", NULL);
    ck_assert_int_eq(ng, 2);
    ck_assert_uint_eq(G[0].index, 0);
    ck_assert_str_eq(G[1].sid, "c");
    ck_assert_uint_eq(G[1].index, LS_ITEM_NO_INDEX);
}
END_TEST

/* A response followed by what curl -w, a NUL or a second response add:
 * the leads are kept, the rest is reported. */
START_TEST(response_then_trailing_data)
{
    read_mem("{\"leads\": [{\"sales_id\": \"a\"}]}\n200", NULL);
    ck_assert_int_eq(ng, 2);
    item_is(0, "a", 1, 11);
    ck_assert_int_eq(G[1].is_object, 0);
    ck_assert_uint_eq(G[1].offset, 31);
    diag_is(0, LS_DIAG_NOT_OBJECT, 2, 31, "a number, not an object");
    static const char nul[] = "{\"leads\": [{\"sales_id\": \"a\"}]}\0";
    ls_source *src = NULL;
    ck_assert_int_eq(ls_source_open_memory("mem", nul, sizeof nul - 1, NULL, &src), LS_OK);
    drain(src);
    ck_assert_int_eq(ng, 1);
    item_is(0, "a", 1, 11);
    ck_assert_int_eq(nd, 1);
    ck_assert_int_eq(D[0].kind, LS_DIAG_MALFORMED);
    ck_assert_uint_eq(mal, 1);
}
END_TEST

/* Objects that are not leads: named and skipped, never read as leads. */
START_TEST(records_that_are_not_leads)
{
    read_mem("{\"personas\": [[\"S\", [\"sales\"], [], []]], \"limit_by\": 5}\n"
             "{\"status\": \"error\", \"status_code\": 400, \"detail\": {}}\n"
             "{\"leadsieve\": \"1.0\", \"counts\": {}}\n"
             "{\"sales_id\": \"k\", \"personas\": []}\n"
             "{\"status\": \"error\", \"status_code\": 500, \"full_name\": \"Ann\"}\n"
             "{\"leads\": null}\n",
             NULL);
    ck_assert_int_eq(ng, 5);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(G[i].not_lead, 1);
    item_is(3, "k", 4, 145); /* a lead field: a lead, whatever else it holds */
    ck_assert_int_eq(G[4].not_lead, 0);
    ck_assert_int_eq(nd, 4);
    diag_is(0, LS_DIAG_NOT_LEADS, 1, 0, "looks like a request, not leads");
    diag_is(1, LS_DIAG_NOT_LEADS, 2, 56, "a saved error envelope");
    diag_is(2, LS_DIAG_NOT_LEADS, 3, 110, "a document leadsieve wrote");
    diag_is(3, LS_DIAG_NOTE, 6, 239, "\"leads\" is null: no leads");
    /* num_of_connections is a lead's count, or a v1 request's range */
    read_mem("{\"num_of_connections\": 710}\n{\"num_of_connections\": {\"min\": 5}}\n", NULL);
    ck_assert_int_eq(ng, 2);
    ck_assert_int_eq(G[0].not_lead, 0);
    ck_assert_int_eq(G[1].not_lead, 1);
    diag_is(0, LS_DIAG_NOT_LEADS, 2, 28, "looks like a request, not leads");
    /* the same as a whole file */
    read_mem("{\"personas\": [[\"S\", [\"sales\"], [], []]]}", NULL);
    ck_assert_int_eq(ng, 1);
    ck_assert_int_eq(G[0].not_lead, 1);
    diag_is(0, LS_DIAG_NOT_LEADS, 1, 0, "looks like a request, not leads");
    read_mem("{\"leads\": null}", NULL);
    ck_assert_int_eq(ng, 0);
    diag_is(0, LS_DIAG_NOTE, 1, 0, "\"leads\" is null: no leads");
}
END_TEST

START_TEST(neither_is_one_lead)
{
    /* "leads" present but not an array: a response with no leads, said in
     * a note (§5a), not the object read as a lead */
    read_file(IN "neither.json", NULL);
    ck_assert_int_eq(ng, 0);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_NOTE, 1, 0, "\"leads\" is not an array: no leads");
}
END_TEST

START_TEST(items_not_objects)
{
    read_file(IN "not_objects.json", NULL);
    ck_assert_int_eq(ng, 6);
    item_is(0, "o1", 1, 1);
    int off[] = {21, 24, 29, 35};
    for (int i = 1; i <= 4; i++) {
        ck_assert_int_eq(G[i].is_object, 0);
        ck_assert_uint_eq(G[i].offset, (uint64_t)off[i - 1]);
    }
    item_is(5, "o2", 1, 39);
    ck_assert_int_eq(nd, 4);
    diag_is(0, LS_DIAG_NOT_OBJECT, 1, 21, "item 2 is a number, not an object");
    diag_is(1, LS_DIAG_NOT_OBJECT, 1, 24, "item 3 is a string");
    diag_is(2, LS_DIAG_NOT_OBJECT, 1, 29, "item 4 is null");
    diag_is(3, LS_DIAG_NOT_OBJECT, 1, 35, "item 5 is an array");
    ck_assert_uint_eq(mal, 0);

    read_file(IN "array_of_scalars.json", NULL);
    ck_assert_int_eq(ng, 2);
    ck_assert_int_eq(G[0].is_object + G[1].is_object, 0);
    ck_assert_int_eq(nd, 2);
    diag_is(0, LS_DIAG_NOT_OBJECT, 1, 1, "a string");
    diag_is(1, LS_DIAG_NOT_OBJECT, 1, 9, "a number");

    read_mem("{\"sales_id\": \"a\"}\n42\n\"x\"\n", NULL);
    ck_assert_int_eq(ng, 3);
    ck_assert_int_eq(nd, 2);
    diag_is(0, LS_DIAG_NOT_OBJECT, 2, 18, "a number");
    diag_is(1, LS_DIAG_NOT_OBJECT, 3, 21, "a string");

    read_mem("\"just a string\"", NULL);
    ck_assert_int_eq(ng, 1);
    ck_assert_int_eq(G[0].is_object, 0);
    ck_assert_int_eq(nd, 1);
}
END_TEST

START_TEST(truncated_document_keeps_complete_leads)
{
    read_file(IN "truncated.json", NULL);
    ck_assert_int_eq(ng, 2);
    item_is(0, "t1", 2, 12);
    item_is(1, "t2", 3, 32);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_MALFORMED, 4, 78, "kept the 2 complete items before it");
    ck_assert_uint_eq(mal, 1);

    read_file(IN "missing_comma.json", NULL);
    ck_assert_int_eq(ng, 2);
    item_is(0, "x1", 1, 1);
    item_is(1, "x2", 1, 21);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_MALFORMED, 1, 40, "kept the 2 complete items before it");

    /* a truncated single lead keeps nothing, and says so */
    read_mem("{\"sales_id\": \"z\", \"job_title\": \"C", NULL);
    ck_assert_int_eq(ng, 0);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_MALFORMED, 1, 33, "no item could be kept");
    /* a truncated v1 response */
    read_mem("{\"data\": {\"leads\": [{\"sales_id\": \"v\"}, {\"sales_id\"", NULL);
    ck_assert_int_eq(ng, 1);
    item_is(0, "v", 1, 20);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_MALFORMED, 1, 50, "kept the 1 complete items");
}
END_TEST

/* text read from memory, then from a file 1, 3 and 7 bytes at a time and
 * as a whole: the same items and reports each way.  G, D, ng, nd and mal
 * are left as memory gives them. */
static void read_every_way(const char *text, size_t max_record)
{
    static got_t g0[64];
    static diag_t d0[64];
    ls_reader_limits lim = {max_record, 0, 0, LS_INPUT_AUTO};
    read_mem(text, &lim);
    int ng0 = ng, nd0 = nd;
    uint64_t mal0 = mal;
    memcpy(g0, G, sizeof G);
    memcpy(d0, D, sizeof D);
    char path[] = "/tmp/ls_resume_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    size_t chunks[] = {1, 3, 7, 0};
    for (int c = 0; c < 4; c++) {
        lim.chunk_bytes = chunks[c];
        read_file(path, &lim);
        ck_assert_msg(ng == ng0 && nd == nd0 && mal == mal0,
                      "chunk %zu: %d/%d items, %d/%d diags", chunks[c], ng, ng0, nd, nd0);
        for (int i = 0; i < ng; i++)
            ck_assert_msg(same_item(&G[i], &g0[i]), "chunk %zu item %d",
                          chunks[c], i);
        for (int i = 0; i < nd && i < 64; i++)
            ck_assert_msg(D[i].kind == d0[i].kind && D[i].line == d0[i].line &&
                              D[i].offset == d0[i].offset && !strcmp(D[i].msg, d0[i].msg),
                          "chunk %zu diag %d: %s", chunks[c], i, D[i].msg);
    }
    unlink(path);
    memcpy(G, g0, sizeof G);
    memcpy(D, d0, sizeof D);
    ng = ng0;
    nd = nd0;
    mal = mal0;
}

/* §5a: inside a top-level array, reading resumes at the next line that
 * starts an item; the items after the break are kept. */
START_TEST(broken_array_resumes_at_next_item_line)
{
    /* one item a line */
    read_every_way("[\n{\"sales_id\": \"a\"},\n{\"sales_id\": \"b\"},\n"
                   "{\"sales_id\": \"c\", \"job_title\": x},\n{\"sales_id\": \"d\"},\n"
                   "{\"sales_id\": \"e\"}\n]\n",
                   0);
    ck_assert_int_eq(ng, 4);
    item_is(0, "a", 2, 2);
    item_is(1, "b", 3, 21);
    item_is(2, "d", 5, 75);
    item_is(3, "e", 6, 94);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_MALFORMED, 4, 71,
            "not valid JSON at line 4, byte offset 71: expected a value; kept the 2 complete "
            "items before it, skipped to the next item at line 5");
    ck_assert_uint_eq(mal, 1);

    /* items over several lines: the item's own inner lines do not start one */
    read_every_way("[\n  {\n    \"sales_id\": \"a\",\n    \"job_title\": \"CEO\"\n  },\n  {\n"
                   "    \"sales_id\": \"b\",\n    \"job_title\": \"CTO\n  },\n  {\n"
                   "    \"sales_id\": \"c\"\n  }\n]\n",
                   0);
    ck_assert_int_eq(ng, 2);
    item_is(0, "a", 2, 4);
    item_is(1, "c", 10, 109);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_MALFORMED, 8, 101,
            "kept the 1 complete items before it, skipped to the next item at line 10");
    ck_assert_uint_eq(mal, 1);

    /* broken on its first line, which ends with ',': an array's items, not
     * JSONL lines (each ',' would be a bad record) */
    read_every_way("[{\"sales_id\": \"a\"}, {\"sales_id\": x},\n{\"sales_id\": \"c\"},\n"
                   "{\"sales_id\": \"d\"}\n]\n",
                   0);
    ck_assert_int_eq(ng, 3);
    item_is(0, "a", 1, 1);
    item_is(1, "c", 2, 37);
    item_is(2, "d", 3, 56);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_MALFORMED, 1, 33,
            "kept the 1 complete items before it, skipped to the next item at line 2");
    ck_assert_uint_eq(mal, 1);
    /* a JSONL line that is an array stays one */
    read_every_way("[1, x]\n[{\"sales_id\": \"e\"}]\n", 0);
    ck_assert_int_eq(ng, 1);
    item_is(0, "e", 2, 8);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_MALFORMED, 1, 0, "line 1: expected a value (byte offset 4); line skipped");

    /* commas first: a line ", {" starts an item too */
    read_every_way("[ {\"sales_id\": \"a\"}\n, {\"sales_id\": \"b\" \"x\": 1}\n"
                   ", {\"sales_id\": \"c\"}\n]\n",
                   0);
    ck_assert_int_eq(ng, 2);
    item_is(0, "a", 1, 2);
    item_is(1, "c", 3, 49);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_MALFORMED, 2, 39,
            "expected ',' or '}' after an object member; kept the 1 complete items before it, "
            "skipped to the next item at line 3");
}
END_TEST

/* Each break is reported once, and reading resumes after each; a missing
 * ',' before a line that starts an item resumes at that very item. */
START_TEST(broken_array_two_breaks)
{
    read_every_way("[\n{\"sales_id\": \"a\"},\n{\"sales_id\": \"b\",,},\n{\"sales_id\": \"c\"}\n"
                   "{\"sales_id\": \"d\"},\n{\"sales_id\": \"e\"}\n]\n",
                   0);
    ck_assert_int_eq(ng, 4);
    item_is(0, "a", 2, 2);
    item_is(1, "c", 4, 42);
    item_is(2, "d", 5, 60);
    item_is(3, "e", 6, 79);
    ck_assert_int_eq(nd, 2);
    diag_is(0, LS_DIAG_MALFORMED, 3, 38,
            "kept the 1 complete items before it, skipped to the next item at line 4");
    diag_is(1, LS_DIAG_MALFORMED, 5, 60,
            "not valid JSON at line 5, byte offset 60: expected ',' or ']' after an array "
            "element; kept the 2 complete items before it, skipped to the next item at line 5");
    ck_assert_uint_eq(mal, 2);
}
END_TEST

/* A response's "leads" (and v1's "data"."leads") resumes the same way; in
 * an array of responses, at the next response's line. */
START_TEST(broken_leads_array_resumes)
{
    read_every_way("{\"leads\": [\n{\"sales_id\": \"a\"},\n"
                   "{\"sales_id\": \"b\", \"job_title\": \"C\\u00zz\"},\n{\"sales_id\": \"c\"}\n"
                   "], \"amount\": -3}\n",
                   0);
    ck_assert_int_eq(ng, 2);
    item_is(0, "a", 2, 12);
    item_is(1, "c", 4, 74);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_MALFORMED, 3, 64,
            "kept the 1 complete items before it, skipped to the next item at line 4");
    ck_assert_uint_eq(mal, 1);

    read_every_way("{\"data\": {\"leads\": [\n{\"sales_id\": \"a\"} {\"sales_id\": \"b\"},\n"
                   "{\"sales_id\": \"c\"}]}}",
                   0);
    ck_assert_int_eq(ng, 2);
    item_is(0, "a", 2, 21);
    item_is(1, "c", 3, 58);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_MALFORMED, 2, 39,
            "kept the 1 complete items before it, skipped to the next item at line 3");

    read_every_way("[\n{\"leads\": [{\"sales_id\": \"a\"}, {\"sales_id\": \"b\"}]},\n"
                   "{\"leads\": [{\"sales_id\": \"c\"} {\"sales_id\": \"d\"}]},\n"
                   "{\"leads\": [{\"sales_id\": \"e\"}]}\n]\n",
                   0);
    ck_assert_int_eq(ng, 3);
    item_is(0, "a", 2, 13);
    item_is(1, "b", 2, 32);
    item_is(2, "e", 4, 114);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_MALFORMED, 3, 82,
            "kept the 1 complete items before it, skipped to the next item at line 4");
    ck_assert_uint_eq(mal, 1);
}
END_TEST

/* No later line starts an item, or the input ends inside the array: the
 * items before are kept and the break said once more. */
START_TEST(broken_array_nothing_to_resume)
{
    read_every_way("[\n{\"sales_id\": \"a\"},\n{\"sales_id\": \"b\", x},\n\"tail\",\n42\n]\n", 0);
    ck_assert_int_eq(ng, 1);
    item_is(0, "a", 2, 2);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_MALFORMED, 3, 39,
            "not valid JSON at line 3, byte offset 39: expected a string key; "
            "kept the 1 complete items before it");
    ck_assert_ptr_null(strstr(D[0].msg, "skipped to"));
    ck_assert_uint_eq(mal, 1);

    /* cut off inside an item read after a break */
    read_every_way("[\n{\"sales_id\": \"a\", x},\n{\"sales_id\": \"b\"},\n{\"sales_id\": \"c", 0);
    ck_assert_int_eq(ng, 1);
    item_is(0, "b", 3, 24);
    ck_assert_int_eq(nd, 2);
    diag_is(0, LS_DIAG_MALFORMED, 2, 20,
            "no complete item before it, skipped to the next item at line 3");
    diag_is(1, LS_DIAG_MALFORMED, 4, 58,
            "unexpected end of input (truncated?); kept the 1 complete items before it");
    ck_assert_uint_eq(mal, 2);

    /* cut off after an item's ',' */
    read_every_way("[\n{\"sales_id\": \"a\", x},\n{\"sales_id\": \"b\"},\n", 0);
    ck_assert_int_eq(ng, 1);
    item_is(0, "b", 3, 24);
    ck_assert_int_eq(nd, 2);
    diag_is(1, LS_DIAG_MALFORMED, 4, 43, "unexpected end of input (truncated?)");
}
END_TEST

/* An item read after a break is held only up to the record limit: a longer
 * one is reported and skipped whole, and reading goes on after it. */
START_TEST(broken_array_item_over_limit)
{
    read_every_way("[\n{\"sales_id\": \"a\"},\n{\"sales_id\": \"b\" x},\n"
                   "{\"sales_id\": \"c\", \"job_title\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"},\n"
                   "{\"sales_id\": \"d\"}\n]\n",
                   40);
    ck_assert_int_eq(ng, 2);
    item_is(0, "a", 2, 2);
    item_is(1, "d", 5, 114);
    ck_assert_int_eq(nd, 2);
    diag_is(0, LS_DIAG_MALFORMED, 3, 38,
            "kept the 1 complete items before it, skipped to the next item at line 4");
    diag_is(1, LS_DIAG_LIMIT, 4, 42, "item 2 is longer than the 40-byte record limit; skipped");
    ck_assert_uint_eq(mal, 2);

    /* the long item is cut off itself: the next item's line is where it ends */
    read_every_way("[\n{\"sales_id\": \"a\"},\n{\"sales_id\": \"b\" x},\n"
                   "{\"sales_id\": \"c\", \"job_title\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
                   "{\"sales_id\": \"d\"}\n]\n",
                   40);
    ck_assert_int_eq(ng, 2);
    item_is(0, "a", 2, 2);
    item_is(1, "d", 5, 114);
    ck_assert_int_eq(nd, 2);
    diag_is(1, LS_DIAG_LIMIT, 4, 42, "item 2 is longer than the 40-byte record limit; skipped");
    ck_assert_uint_eq(mal, 2);
}
END_TEST

/* An item over the record limit that was scanned with its document,
 * then one that was not (it ends where the input is cut): the second is
 * itself, not the first again. */
START_TEST(item_after_skipped_captured_item)
{
    ls_reader_limits lim = {30, 0, 0, LS_INPUT_AUTO};
    read_mem("[{\"sales_id\": \"a\", \"t\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"},\n"
             " {\"sales_id\": \"b\"}",
             &lim);
    ck_assert_int_eq(ng, 1);
    item_is(0, "b", 2, 63);
    ck_assert_int_eq(nd, 2);
    diag_is(0, LS_DIAG_LIMIT, 1, 1, "item 1 is 59 bytes, over the 30-byte record limit");
    diag_is(1, LS_DIAG_MALFORMED, 2, 80, "kept the 1 complete items before it");
}
END_TEST

START_TEST(malformed_jsonl_lines_skipped)
{
    read_file(IN "malformed_line.jsonl", NULL);
    ck_assert_int_eq(ng, 2);
    item_is(0, "m1", 1, 0);
    item_is(1, "m3", 3, 41);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_MALFORMED, 2, 19, "byte offset 37");
    ck_assert_uint_eq(mal, 1);

    read_file(IN "first_line_broken.jsonl", NULL);
    ck_assert_int_eq(ng, 1);
    item_is(0, "f2", 2, 18);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_MALFORMED, 1, 0, "line 1");

    /* broken on the first line, more lines follow */
    read_mem("{\"sales_id\": x}\n{\"sales_id\": \"g2\"}\n", NULL);
    ck_assert_int_eq(ng, 1);
    item_is(0, "g2", 2, 16);
    diag_is(0, LS_DIAG_MALFORMED, 1, 0, "byte offset 13");

    /* the last record cut off */
    read_mem("{\"sales_id\": \"h1\"}\n{\"sales_id\":", NULL);
    ck_assert_int_eq(ng, 1);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_MALFORMED, 2, 19, "cut off");
    ck_assert_uint_eq(mal, 1);
}
END_TEST

START_TEST(empty_inputs)
{
    read_file(IN "empty.json", NULL);
    ck_assert_int_eq(ng, 0);
    ck_assert_int_eq(nd, 1);
    ck_assert_int_eq(D[0].kind, LS_DIAG_EMPTY);
    read_file(IN "blank.json", NULL);
    ck_assert_int_eq(ng, 0);
    ck_assert_int_eq(nd, 1);
    ck_assert_int_eq(D[0].kind, LS_DIAG_EMPTY);
    read_mem("\xef\xbb\xbf", NULL);
    ck_assert_int_eq(ng, 0);
    ck_assert_int_eq(D[0].kind, LS_DIAG_EMPTY);
    read_mem("[]", NULL);
    ck_assert_int_eq(ng, 0);
    ck_assert_int_eq(nd, 0);
}
END_TEST

START_TEST(deep_nesting)
{
    read_file(IN "deep.json", NULL);
    ck_assert_int_eq(ng, 0);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_LIMIT, 1, 513, "nesting deeper than 512 levels");
    ck_assert_uint_eq(mal, 1);

    read_file(IN "deep_line.jsonl", NULL);
    ck_assert_int_eq(ng, 2);
    item_is(0, "k1", 1, 0);
    item_is(1, "k2", 3, 20020);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_LIMIT, 2, 19, "nesting deeper than 512 levels");
    ck_assert_uint_eq(mal, 1);

    /* a too-deep lead inside a valid document is skipped alone */
    ls_reader_limits lim = {0, 3, 0, LS_INPUT_AUTO};
    read_mem("[{\"sales_id\": \"p1\", \"a\": [[1]]}, {\"sales_id\": \"p2\", \"a\": [[[1]]]}, "
             "{\"sales_id\": \"p3\"}]",
             &lim);
    ck_assert_int_eq(ng, 2);
    item_is(0, "p1", 1, 1);
    item_is(1, "p3", 1, 67);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_LIMIT, 1, 33, "item 2: nesting deeper than 3 levels");
    /* a single lead gets the same limit as a lead inside a document */
    read_mem("{\"sales_id\": \"p1\", \"a\": [[1]]}", &lim);
    ck_assert_int_eq(ng, 1);
    read_mem("{\"sales_id\": \"p2\", \"a\": [[[1]]]}", &lim);
    ck_assert_int_eq(ng, 0);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_LIMIT, 1, 0, "nesting deeper than 3 levels");
    ck_assert_uint_eq(mal, 1);
}
END_TEST

START_TEST(invalid_utf8_flags)
{
    read_file(IN "invalid_utf8.jsonl", NULL);
    ck_assert_int_eq(ng, 3);
    ck_assert_str_eq(G[0].sid, "u1");
    ck_assert_uint_eq(G[0].flags, LS_LEAD_INVALID_UTF8);
    ck_assert_uint_eq(G[1].flags, LS_LEAD_INVALID_UTF8);
    ck_assert_uint_eq(G[2].flags, 0);
    ck_assert_int_eq(nd, 0);
}
END_TEST

START_TEST(escapes_numbers_duplicates)
{
    ls_source *src;
    ls_item it;
    ck_assert_int_eq(ls_source_open(IN "escaped_keys.json", NULL, &src), LS_OK);
    ck_assert_int_eq(ls_source_next(src, &it, &SINK, NULL), 1);
    ck_assert_uint_eq(it.lead->f[LS_F_JOB_TITLE].len, 11);
    ck_assert(memcmp(it.lead->f[LS_F_JOB_TITLE].p, "Escaped Key", 11) == 0);
    ck_assert_uint_eq(it.lead->persona_n, 2);
    ck_assert_uint_eq(it.lead->persona_off[0], 82);
    ck_assert_uint_eq(it.lead->persona_off[1], 149);
    ck_assert_uint_eq(it.lead->raw_len, 154);
    ls_source_close(src);

    ck_assert_int_eq(ls_source_open(IN "numbers.json", NULL, &src), LS_OK);
    ck_assert_int_eq(ls_source_next(src, &it, &SINK, NULL), 1);
    ck_assert_int_eq(it.lead->f[LS_F_SALES_ID].type, LS_J_NUMBER);
    ck_assert_uint_eq(it.lead->f[LS_F_SALES_ID].len, 20);
    ck_assert(memcmp(it.lead->f[LS_F_SALES_ID].p, "12345678901234567890", 20) == 0);
    ck_assert_int_eq(it.lead->f[LS_F_JOB_TITLE].type, LS_J_NUMBER);
    ls_jval v;
    ck_assert_int_eq(ls_lead_get(it.lead, "score", &v), 1);
    ck_assert(v.len == 4 && memcmp(v.p, "1.50", 4) == 0);
    ck_assert_int_eq(ls_lead_get(it.lead, "tiny", &v), 1);
    ck_assert(v.len == 7 && memcmp(v.p, "-0.0e-5", 7) == 0);
    ls_source_close(src);

    ck_assert_int_eq(ls_source_open(IN "duplicate_keys.json", NULL, &src), LS_OK);
    ck_assert_int_eq(ls_source_next(src, &it, &SINK, NULL), 1);
    ck_assert(it.lead->f[LS_F_JOB_TITLE].len == 6 &&
              memcmp(it.lead->f[LS_F_JOB_TITLE].p, "second", 6) == 0);
    ck_assert_uint_eq(it.lead->persona_n, 2);
    ck_assert_uint_eq(it.lead->persona_off[0], 71);
    ck_assert_uint_eq(it.lead->persona_off[1], 121);
    ck_assert_int_eq(ls_source_next(src, &it, &SINK, NULL), 0);
    ls_source_close(src);
}
END_TEST

/* Every fixture read with tiny read() chunks gives the same items and
 * reports as with the default chunk: no boundary is special. */
static const char *const every_input[] = {
    "api.json", "v1.json", "array.json", "leads.jsonl", "single.json", "bom.json",
    "crlf.jsonl", "both.json", "neither.json", "not_objects.json", "truncated.json",
    "malformed_line.jsonl", "first_line_broken.jsonl", "empty.json", "blank.json",
    "deep_line.jsonl", "missing_comma.json", "invalid_utf8.jsonl", "escaped_keys.json",
    "numbers.json", "duplicate_keys.json"};
enum { N_INPUTS = sizeof every_input / sizeof every_input[0] };

/* One spare carried through every input, forwards and backwards (so the
 * memory it hands over is both too small and too big, and holds another
 * file's bytes), at several chunk sizes: items and diagnostics are those
 * of a fresh source. */
START_TEST(reused_memory_changes_nothing)
{
    static got_t g0[N_INPUTS][64];
    static diag_t d0[N_INPUTS][64];
    static int ng0[N_INPUTS], nd0[N_INPUTS];
    char path[512];
    for (int f = 0; f < N_INPUTS; f++) {
        snprintf(path, sizeof path, IN "%s", every_input[f]);
        read_file(path, NULL);
        ng0[f] = ng;
        nd0[f] = nd;
        memcpy(g0[f], G, sizeof G);
        memcpy(d0[f], D, sizeof D);
    }
    ls_source_spare spare;
    memset(&spare, 0, sizeof spare);
    size_t chunks[] = {0, 7, 1}; /* the default, and small ones */
    for (int c = 0; c < 3; c++) {
        ls_reader_limits lim = {0, 0, chunks[c], LS_INPUT_AUTO};
        for (int k = 0; k < 2 * N_INPUTS; k++) {
            int f = k < N_INPUTS ? k : 2 * N_INPUTS - 1 - k;
            snprintf(path, sizeof path, IN "%s", every_input[f]);
            ls_source *src = NULL;
            ck_assert_int_eq(ls_source_open_reusing(path, &lim, &spare, &src), LS_OK);
            drain(src);
            ck_assert_msg(ng == ng0[f] && nd == nd0[f], "%s: %d/%d items, %d/%d diags",
                          every_input[f], ng, ng0[f], nd, nd0[f]);
            for (int i = 0; i < ng; i++)
                ck_assert_msg(same_item(&G[i], &g0[f][i]), "%s item %d",
                              every_input[f], i);
            for (int i = 0; i < nd && i < 64; i++)
                ck_assert_msg(D[i].kind == d0[f][i].kind && D[i].offset == d0[f][i].offset &&
                                  !strcmp(D[i].msg, d0[f][i].msg),
                              "%s diag %d: %s", every_input[f], i, D[i].msg);
        }
    }
    ck_assert_ptr_nonnull(spare.buf); /* the memory came back to be reused */
    ls_source_spare_free(&spare);
    ck_assert_ptr_null(spare.buf);
}
END_TEST

START_TEST(chunk_boundaries_do_not_matter)
{
    const char *files[] = {"api.json", "v1.json", "array.json", "leads.jsonl", "single.json",
                           "bom.json", "crlf.jsonl", "both.json", "neither.json",
                           "not_objects.json", "truncated.json", "malformed_line.jsonl",
                           "first_line_broken.jsonl", "empty.json", "blank.json",
                           "deep_line.jsonl", "missing_comma.json", "invalid_utf8.jsonl",
                           "escaped_keys.json", "numbers.json", "duplicate_keys.json"};
    static got_t g0[64];
    static diag_t d0[64];
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        char path[512];
        snprintf(path, sizeof path, IN "%s", files[f]);
        read_file(path, NULL);
        int ng0 = ng, nd0 = nd;
        memcpy(g0, G, sizeof G);
        memcpy(d0, D, sizeof D);
        size_t chunks[] = {1, 2, 3, 7, 16};
        for (size_t c = 0; c < 5; c++) {
            ls_reader_limits lim = {0, 0, chunks[c], LS_INPUT_AUTO};
            read_file(path, &lim);
            ck_assert_msg(ng == ng0 && nd == nd0, "%s chunk %zu: %d/%d items, %d/%d diags",
                          files[f], chunks[c], ng, ng0, nd, nd0);
            for (int i = 0; i < ng; i++)
                ck_assert_msg(same_item(&G[i], &g0[i]), "%s chunk %zu item %d",
                              files[f], chunks[c], i);
            for (int i = 0; i < nd && i < 64; i++)
                ck_assert_msg(D[i].kind == d0[i].kind && D[i].line == d0[i].line &&
                                  D[i].offset == d0[i].offset && !strcmp(D[i].msg, d0[i].msg),
                              "%s chunk %zu diag %d: %s", files[f], chunks[c], i, D[i].msg);
        }
    }
}
END_TEST

START_TEST(memory_and_stdin)
{
    read_mem("{\"sales_id\": \"j1\"}\n{\"sales_id\": \"j2\"}\n", NULL);
    ck_assert_int_eq(ng, 2);
    item_is(1, "j2", 2, 19);

    int saved = dup(STDIN_FILENO);
    int fd = open(IN "leads.jsonl", O_RDONLY);
    ck_assert_int_ge(fd, 0);
    dup2(fd, STDIN_FILENO);
    close(fd);
    read_file("-", NULL);
    dup2(saved, STDIN_FILENO);
    close(saved);
    ck_assert_int_eq(ng, 3);
    item_is(2, "j3", 3, 38);
}
END_TEST

START_TEST(open_errors)
{
    ls_source *src = NULL;
    ck_assert_int_eq(ls_source_open(IN "no-such-file.json", NULL, &src), LS_E_IO);
    ck_assert_int_eq(ls_source_open(IN "tree", NULL, &src), LS_E_IO);
    ck_assert_int_eq(ls_source_open(NULL, NULL, &src), LS_E_USAGE);
}
END_TEST

/* A first line that is not JSON and longer than the record limit (what
 * /dev/zero gives) is let go as it is read, not held: the lead on the
 * next line is still read, and the line is reported as over the limit. */
START_TEST(long_garbage_first_line)
{
    char path[] = "/tmp/ls_zeros_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    for (int i = 0; i < 5000; i++)
        fputc('\0', f);
    fputs("\n{\"sales_id\": \"z\"}\n", f);
    fclose(f);
    ls_reader_limits lim = {1000, 0, 64, LS_INPUT_AUTO};
    read_file(path, &lim);
    unlink(path);
    ck_assert_int_eq(ng, 1);
    item_is(0, "z", 2, 5001);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_LIMIT, 1, 0, "longer than the 1000-byte record limit");
    ck_assert_uint_eq(mal, 1);
}
END_TEST

/* A 10 MB title streams through a small read buffer; with a 1 MB record
 * limit the same line is skipped and reading goes on. */
START_TEST(ten_megabyte_title)
{
    char path[] = "/tmp/ls_bigtitle_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    size_t n = 10u << 20;
    fputs("{\"sales_id\": \"big0\"}\n{\"sales_id\": \"big1\", \"job_title\": \"", f);
    for (size_t i = 0; i < n; i++)
        fputc('a' + (int)(i % 26), f);
    fputs("\"}\n{\"sales_id\": \"big2\"}\n", f);
    fclose(f);

    ls_reader_limits small_reads = {0, 0, 65536, LS_INPUT_AUTO};
    read_file(path, &small_reads);
    ck_assert_int_eq(ng, 3);
    item_is(1, "big1", 2, 21);
    ck_assert_uint_eq(G[1].title_len, n);
    item_is(2, "big2", 3, 21 + 35 + n + 3);
    ck_assert_int_eq(nd, 0);

    ls_reader_limits lim = {1u << 20, 0, 65536, LS_INPUT_AUTO};
    read_file(path, &lim);
    ck_assert_int_eq(ng, 2);
    item_is(0, "big0", 1, 0);
    item_is(1, "big2", 3, 21 + 35 + n + 3);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_LIMIT, 2, 21, "record limit");
    ck_assert_uint_eq(mal, 1);
    unlink(path);
}
END_TEST

/* An over-limit record that is cut off (its brackets never close) must not
 * swallow the records after it: the next line starting with '{' begins a
 * new record, as does the line after a string broken by a raw newline. */
START_TEST(cut_off_record_over_limit_keeps_next_lines)
{
    char path[] = "/tmp/ls_cutoff_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("{\"sales_id\": \"a\", \"tags\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]\n", f);
    fputs("{\"sales_id\": \"b\"}\n", f);
    fputs("{\"sales_id\": \"c\", \"t\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", f);
    fputs("{\"sales_id\": \"d\"}\n", f);
    fclose(f);
    ls_reader_limits lim = {40, 0, 8, LS_INPUT_AUTO};
    read_file(path, &lim);
    ck_assert_int_eq(ng, 2);
    item_is(0, "b", 2, 70);
    item_is(1, "d", 4, 70 + 18 + 74);
    ck_assert_uint_eq(mal, 2);
    /* The first value is scanned whole (it may be a document) and breaks
     * where line 2 starts; the third record does not settle within its
     * first 41 bytes (its string breaks at byte 73), so it is over the
     * limit, however much of it was read. */
    ck_assert_int_eq(nd, 2);
    diag_is(0, LS_DIAG_MALFORMED, 1, 0, "line 1: expected ',' or '}' after an object member");
    diag_is(1, LS_DIAG_LIMIT, 3, 70 + 18, "record at line 3 is longer than the 40-byte record limit");
    unlink(path);
}
END_TEST

/* A record is judged on its first limit + 1 bytes, whatever is buffered:
 * the broken \\u escape of line 2 starts at its byte 18, within the 20-byte
 * limit, but is only seen at byte 22, past the 21 bytes looked at, so the
 * record is over the limit from memory, from a file read 1, 3 or 4 MiB at a
 * time, and from a pipe. */
START_TEST(record_judged_on_its_first_limit_bytes)
{
    const char *text = "{}\n{\"title\":\"xxxxxxxx\\u00g0\"}\n{\"sales_id\": \"ok\"}\n";
    ck_assert_uint_eq(strlen(text), 3 + 27 + 19);
    ls_reader_limits lim = {20, 0, 0, LS_INPUT_AUTO};
    char path[] = "/tmp/ls_window_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    size_t chunks[] = {1, 3, 0};
    for (int k = 0; k < 5; k++) {
        if (k == 0) {
            read_mem(text, &lim);
        } else if (k < 4) {
            lim.chunk_bytes = chunks[k - 1];
            read_file(path, &lim);
        } else {
            int pfd[2];
            ck_assert_int_eq(pipe(pfd), 0);
            ck_assert_int_eq(write(pfd[1], text, strlen(text)), (ssize_t)strlen(text));
            close(pfd[1]);
            int in = dup(STDIN_FILENO);
            dup2(pfd[0], STDIN_FILENO);
            close(pfd[0]);
            lim.chunk_bytes = 2;
            read_file("-", &lim);
            dup2(in, STDIN_FILENO);
            close(in);
        }
        lim.chunk_bytes = 0;
        ck_assert_int_eq(ng, 2);
        item_is(0, "", 1, 0);
        item_is(1, "ok", 3, 30);
        ck_assert_int_eq(nd, 1);
        diag_is(0, LS_DIAG_LIMIT, 2, 3, "record at line 2 is longer than the 20-byte record limit");
        ck_assert_uint_eq(mal, 1);
    }
    unlink(path);
}
END_TEST

/* {"data": {"leads": [...]}} wraps leads in three levels: a lead exactly at
 * the depth limit is kept there as in an array. */
START_TEST(v1_response_lead_at_depth_limit)
{
    ls_reader_limits lim = {0, 2, 0, LS_INPUT_AUTO};
    read_mem("{\"data\": {\"leads\": [{\"sales_id\": \"d1\", \"a\": {\"b\": 1}}, "
             "{\"sales_id\": \"d2\"}]}}",
             &lim);
    ck_assert_int_eq(nd, 0);
    ck_assert_int_eq(ng, 2);
    item_is(0, "d1", 1, 20);
    item_is(1, "d2", 1, 55);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("readers_source");
    TCase *tc = tcase_create("source");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, api_response);
    tcase_add_test(tc, cut_off_record_over_limit_keeps_next_lines);
    tcase_add_test(tc, record_judged_on_its_first_limit_bytes);
    tcase_add_test(tc, v1_response_lead_at_depth_limit);
    tcase_add_test(tc, v1_response);
    tcase_add_test(tc, json_array);
    tcase_add_test(tc, jsonl);
    tcase_add_test(tc, single_lead);
    tcase_add_test(tc, bom_skipped);
    tcase_add_test(tc, crlf_and_blank_lines);
    tcase_add_test(tc, leads_wins_over_data);
    tcase_add_test(tc, v1_response_leads_scanned_with_document);
    tcase_add_test(tc, neither_is_one_lead);
    tcase_add_test(tc, items_not_objects);
    tcase_add_test(tc, truncated_document_keeps_complete_leads);
    tcase_add_test(tc, broken_array_resumes_at_next_item_line);
    tcase_add_test(tc, broken_array_two_breaks);
    tcase_add_test(tc, broken_leads_array_resumes);
    tcase_add_test(tc, broken_array_nothing_to_resume);
    tcase_add_test(tc, broken_array_item_over_limit);
    tcase_add_test(tc, item_after_skipped_captured_item);
    tcase_add_test(tc, malformed_jsonl_lines_skipped);
    tcase_add_test(tc, empty_inputs);
    tcase_add_test(tc, deep_nesting);
    tcase_add_test(tc, invalid_utf8_flags);
    tcase_add_test(tc, escapes_numbers_duplicates);
    tcase_add_test(tc, chunk_boundaries_do_not_matter);
    tcase_add_test(tc, reused_memory_changes_nothing);
    tcase_add_test(tc, memory_and_stdin);
    tcase_add_test(tc, open_errors);
    tcase_add_test(tc, ten_megabyte_title);
    tcase_add_test(tc, stream_of_responses);
    tcase_add_test(tc, item_index_in_its_array);
    tcase_add_test(tc, response_then_trailing_data);
    tcase_add_test(tc, records_that_are_not_leads);
    tcase_add_test(tc, long_garbage_first_line);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
