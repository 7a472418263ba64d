/* CSV leads (contract §5a): the row parser, encodings, bad input, the
 * lead objects rows become and the alias table. */
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "readers/csv.h"
#include "readers/reader.h"
#include "readers_testutil.h"

typedef struct {
    char obj[512];     /* the lead object, as read */
    uint64_t line, offset;
    unsigned flags;
    char field[LS_F__COUNT][64]; /* each field slot's bytes, "" when absent */
} got_t;

static got_t G[64];
static int ng;
static uint64_t mal;
static char header[1024]; /* the header names joined with '|' */

static void drain(ls_source *src)
{
    nd = ng = 0;
    mal = 0;
    header[0] = '\0';
    ls_item it;
    int r;
    while ((r = ls_source_next(src, &it, &SINK, &mal)) == 1) {
        ck_assert_int_lt(ng, 64);
        ck_assert_int_eq(it.is_object, 1);
        ck_assert_int_eq(it.from_csv, 1);
        got_t *g = &G[ng++];
        memset(g, 0, sizeof *g);
        ck_assert_uint_lt(it.lead->raw_len, sizeof g->obj);
        memcpy(g->obj, it.lead->raw, it.lead->raw_len);
        g->line = ls_source_item_line(src, &it);
        g->offset = it.offset;
        g->flags = it.lead->flags;
        for (int f = 0; f < LS_F__COUNT; f++) {
            const ls_jval *v = &it.lead->f[f];
            if (v->type != LS_J_NONE)
                snprintf(g->field[f], sizeof g->field[f], "%.*s", (int)v->len, v->p);
        }
        /* the rule again, from the object's bytes: the same slots */
        ls_lead again;
        size_t vlen;
        ls_scan_error err;
        ck_assert_int_eq(ls_scan_value(it.lead->raw, it.lead->raw_len, 64, &again, &vlen, &err), 1);
        ls_csv_lead_aliases(&again);
        for (int f = 0; f < LS_F__COUNT; f++) {
            ck_assert_int_eq(again.f[f].type, it.lead->f[f].type);
            ck_assert_uint_eq(again.f[f].len, it.lead->f[f].len);
            ck_assert_int_eq(again.f[f].has_escape, it.lead->f[f].has_escape);
            if (again.f[f].type != LS_J_NONE)
                ck_assert_int_eq(again.f[f].p - again.raw, it.lead->f[f].p - it.lead->raw);
        }
    }
    ck_assert_int_eq(r, 0);
    ck_assert_int_eq(ls_source_next(src, &it, &SINK, &mal), 0); /* stays at the end */
    const ls_csv_names *h = ls_source_csv_header(src);
    if (h) {
        const char *p = h->names;
        for (size_t i = 0; i < h->count; i++, p += strlen(p) + 1) {
            if (i)
                strcat(header, "|");
            strcat(header, p);
        }
        ck_assert_ptr_eq(p, h->names + h->len);
    }
    ls_source_close(src);
}

static void read_mem_as(const char *name, const char *text, size_t len, const ls_reader_limits *lim)
{
    ls_source *src = NULL;
    ck_assert_int_eq(ls_source_open_memory(name, text, len, lim, &src), LS_OK);
    drain(src);
}

static void read_csv(const char *text)
{
    read_mem_as("mem.csv", text, strlen(text), NULL);
}

static void obj_is(int i, const char *obj, uint64_t line, uint64_t offset)
{
    ck_assert_int_lt(i, ng);
    ck_assert_str_eq(G[i].obj, obj);
    ck_assert_uint_eq(G[i].line, line);
    ck_assert_uint_eq(G[i].offset, offset);
}

START_TEST(rows_become_objects)
{
    read_csv("First Name,Title,Company\nAda,CTO,Acme\nBob,,\"Beta, Inc.\"\n");
    ck_assert_int_eq(ng, 2);
    ck_assert_int_eq(nd, 0);
    obj_is(0, "{\"First Name\": \"Ada\", \"Title\": \"CTO\", \"Company\": \"Acme\"}", 2, 25);
    /* an empty cell is an absent field */
    obj_is(1, "{\"First Name\": \"Bob\", \"Company\": \"Beta, Inc.\"}", 3, 38);
    ck_assert_str_eq(header, "First Name|Title|Company");
    ck_assert_str_eq(G[0].field[LS_F_TITLE], "CTO");
    ck_assert_str_eq(G[0].field[LS_F_COMPANY_NAME], "Acme");
    ck_assert_str_eq(G[1].field[LS_F_TITLE], "");
}
END_TEST

START_TEST(quotes_and_line_breaks_in_cells)
{
    /* "" is a quote, delimiters and line breaks inside quotes are text,
     * and lines count physical lines (a row spanning two starts at its
     * first) */
    read_csv("a,b\r\n\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n\"x,y\",\"back\\slash\"\r\n"
             "\"\",\"tab\there\"\r\n");
    ck_assert_int_eq(nd, 0);
    ck_assert_int_eq(ng, 3);
    obj_is(0, "{\"a\": \"say \\\"hi\\\"\", \"b\": \"two\\r\\nlines\"}", 2, 5);
    obj_is(1, "{\"a\": \"x,y\", \"b\": \"back\\\\slash\"}", 4, 32);
    obj_is(2, "{\"b\": \"tab\\there\"}", 5, 52); /* "" is empty: absent */
}
END_TEST

START_TEST(text_after_a_closing_quote)
{
    /* lenient as Python's csv module: text after the closing quote is kept,
     * a quote inside an unquoted cell is a character */
    read_csv("a,b\n\"x\"y,5\" screen\n");
    ck_assert_int_eq(ng, 1);
    obj_is(0, "{\"a\": \"xy\", \"b\": \"5\\\" screen\"}", 2, 4);
}
END_TEST

START_TEST(delimiter_from_the_header)
{
    read_csv("Name;Job Title;Note\nAda;CTO;a, b\n");
    ck_assert_int_eq(ng, 1);
    obj_is(0, "{\"Name\": \"Ada\", \"Job Title\": \"CTO\", \"Note\": \"a, b\"}", 2, 20);
    ck_assert_str_eq(G[0].field[LS_F_JOB_TITLE], "CTO");

    read_csv("Name\tTitle\tCity, State\nAda\tCTO\tAustin, TX\n");
    ck_assert_int_eq(ng, 1);
    obj_is(0, "{\"Name\": \"Ada\", \"Title\": \"CTO\", \"City, State\": \"Austin, TX\"}", 2, 23);

    /* delimiters inside quotes do not count; a tie is ',' */
    read_csv("\"a;b;c\",d\n1,2\n");
    obj_is(0, "{\"a;b;c\": \"1\", \"d\": \"2\"}", 2, 10);
    read_csv("a;b,c\n1;2,3\n");
    obj_is(0, "{\"a;b\": \"1;2\", \"c\": \"3\"}", 2, 6);
    /* one column */
    read_csv("title\nCEO\n");
    obj_is(0, "{\"title\": \"CEO\"}", 2, 6);
    /* Excel's first line naming the delimiter */
    read_csv("sep=;\r\na,b;c\r\n1,2;3\r\n");
    ck_assert_int_eq(ng, 1);
    obj_is(0, "{\"a,b\": \"1,2\", \"c\": \"3\"}", 3, 14);
    ck_assert_str_eq(header, "a,b|c");
}
END_TEST

START_TEST(line_ends)
{
    /* LF, CRLF and a lone CR end rows; a last row may lack one; blank
     * lines and rows of empty cells are passed over */
    read_csv("\n\na,b\r1,2\r\n\r\n,\n3,4\n\n5,6");
    ck_assert_int_eq(nd, 0);
    ck_assert_int_eq(ng, 3);
    obj_is(0, "{\"a\": \"1\", \"b\": \"2\"}", 4, 6);
    obj_is(1, "{\"a\": \"3\", \"b\": \"4\"}", 7, 15);
    obj_is(2, "{\"a\": \"5\", \"b\": \"6\"}", 9, 20);
    ck_assert_int_eq(mal, 0);
}
END_TEST

START_TEST(ragged_rows_reported_and_skipped)
{
    read_csv("a,b,c\n1,2,3\n1,2\n1,2,3,4\n\"x\",\"y\",\"z\"\n");
    ck_assert_int_eq(ng, 2);
    obj_is(0, "{\"a\": \"1\", \"b\": \"2\", \"c\": \"3\"}", 2, 6);
    obj_is(1, "{\"a\": \"x\", \"b\": \"y\", \"c\": \"z\"}", 5, 24);
    ck_assert_int_eq(nd, 2);
    ck_assert_int_eq(mal, 2);
    diag_is(0, LS_DIAG_MALFORMED, 3, 12, "2 cells where the header has 3; row skipped");
    diag_is(1, LS_DIAG_MALFORMED, 4, 16, "4 cells where the header has 3");
}
END_TEST

START_TEST(unterminated_quote_at_the_end)
{
    read_csv("a,b\n1,2\n3,\"never closed\n4,5\n");
    ck_assert_int_eq(ng, 1);
    obj_is(0, "{\"a\": \"1\", \"b\": \"2\"}", 2, 4);
    ck_assert_int_eq(nd, 1);
    ck_assert_int_eq(mal, 1);
    diag_is(0, LS_DIAG_MALFORMED, 3, 8, "a quoted cell is never closed");

    read_csv("\"a,b\n1,2\n");
    ck_assert_int_eq(ng, 0);
    ck_assert_int_eq(mal, 1);
    diag_is(0, LS_DIAG_MALFORMED, 1, 0, "quoted cell of the header is never closed");
}
END_TEST

START_TEST(empty_inputs)
{
    static const char *const empties[] = {"", "\n\r\n", "\xEF\xBB\xBF", "\xFF\xFE", ",,\n,\n"};
    static const size_t lens[] = {0, 3, 3, 2, 5};
    for (size_t i = 0; i < sizeof lens / sizeof *lens; i++) {
        read_mem_as("e.csv", empties[i], lens[i], NULL);
        ck_assert_int_eq(ng, 0);
        ck_assert_int_eq(nd, 1);
        diag_is(0, LS_DIAG_EMPTY, 0, 0, "no CSV header in the input (empty)");
        ck_assert_int_eq(mal, 0);
        ck_assert_str_eq(header, "");
    }
    /* a header alone: no leads and nothing to say */
    read_csv("a,b,linkedin_lead_persona\r\n");
    ck_assert_int_eq(ng, 0);
    ck_assert_int_eq(nd, 0);
    ck_assert_str_eq(header, "a|b|linkedin_lead_persona");
    read_csv("a,b");
    ck_assert_int_eq(ng, 0);
    ck_assert_int_eq(nd, 0);
    ck_assert_str_eq(header, "a|b");
}
END_TEST

START_TEST(nul_bytes)
{
    static const char row[] = "a,b\n1,2\n3,x\0y\n5,6\n";
    read_mem_as("n.csv", row, sizeof row - 1, NULL);
    ck_assert_int_eq(ng, 2);
    obj_is(1, "{\"a\": \"5\", \"b\": \"6\"}", 4, 14);
    ck_assert_int_eq(mal, 1);
    diag_is(0, LS_DIAG_MALFORMED, 3, 8, "a NUL byte in column 2 (\"b\"); row skipped");

    /* UTF-16 without a byte order mark has NULs in its header */
    static const char u16[] = "a\0,\0b\0\n\0001\0,\0002\0\n\0";
    read_mem_as("u.csv", u16, sizeof u16 - 1, NULL);
    ck_assert_int_eq(ng, 0);
    ck_assert_int_eq(mal, 1);
    diag_is(0, LS_DIAG_MALFORMED, 1, 0, "UTF-16 without a byte order mark?");
}
END_TEST

/* text as UTF-16 with a BOM, little- or big-endian */
static size_t utf16(const char *ascii_or_utf8, int le, char *out)
{
    size_t n = 0;
    out[n++] = le ? '\xFF' : '\xFE';
    out[n++] = le ? '\xFE' : '\xFF';
    const unsigned char *s = (const unsigned char *)ascii_or_utf8;
    while (*s) {
        unsigned cp;
        if (*s < 0x80) {
            cp = *s++;
        } else if (*s < 0xE0) {
            cp = (unsigned)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
            s += 2;
        } else if (*s < 0xF0) {
            cp = (unsigned)(s[0] & 0x0F) << 12 | (unsigned)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
            s += 3;
        } else {
            cp = (unsigned)(s[0] & 0x07) << 18 | (unsigned)(s[1] & 0x3F) << 12 |
                 (unsigned)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
            s += 4;
        }
        unsigned units[2], k = 0;
        if (cp >= 0x10000) {
            units[k++] = 0xD800 + ((cp - 0x10000) >> 10);
            units[k++] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
        } else {
            units[k++] = cp;
        }
        for (unsigned j = 0; j < k; j++) {
            out[n++] = (char)(le ? units[j] & 0xFF : units[j] >> 8);
            out[n++] = (char)(le ? units[j] >> 8 : units[j] & 0xFF);
        }
    }
    return n;
}

START_TEST(encodings)
{
    static const char text[] = "Name,Job Title\r\nZoë,Geschäftsführer 🚀\r\nBo,CEO\r\n";
    static const char *const want0 = "{\"Name\": \"Zoë\", \"Job Title\": \"Geschäftsführer 🚀\"}";
    static const char *const want1 = "{\"Name\": \"Bo\", \"Job Title\": \"CEO\"}";
    /* UTF-8 without and with a BOM: the BOM counts in offsets */
    read_csv(text);
    obj_is(0, want0, 2, 16);
    obj_is(1, want1, 3, 45);
    char buf[512];
    snprintf(buf, sizeof buf, "\xEF\xBB\xBF%s", text);
    read_csv(buf);
    obj_is(0, want0, 2, 19);
    obj_is(1, want1, 3, 48);
    ck_assert_str_eq(header, "Name|Job Title");
    /* UTF-16 both ways: the same leads, offsets in the file's bytes */
    for (int le = 0; le < 2; le++) {
        size_t n = utf16(text, le, buf);
        read_mem_as("u16.csv", buf, n, NULL);
        ck_assert_int_eq(nd, 0);
        ck_assert_int_eq(ng, 2);
        obj_is(0, want0, 2, 2 + 2 * 16);
        /* Zoë,Geschäftsführer 🚀\r\n: 23 characters, the rocket two units */
        obj_is(1, want1, 3, 2 + 2 * (16 + 24));
        ck_assert_str_eq(G[0].field[LS_F_JOB_TITLE], "Geschäftsführer 🚀");
        ck_assert_int_eq(G[0].flags, 0);
    }
    /* a lone surrogate becomes its escape, flagged as JSON's would be;
     * an odd last byte is left out, with a note */
    static const char lone[] = "\xFF\xFE" "a\0\n\0" "x\0\x00\xD8y\0\n\0" "z";
    read_mem_as("lone.csv", lone, sizeof lone - 1, NULL);
    ck_assert_int_eq(ng, 1);
    obj_is(0, "{\"a\": \"x\\ud800y\"}", 2, 6);
    ck_assert_uint_ne(G[0].flags & LS_LEAD_INVALID_UTF8, 0);
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_NOTE, 0, 14, "odd number of bytes");
    ck_assert_int_eq(mal, 0);
}
END_TEST

START_TEST(invalid_utf8_kept)
{
    /* invalid UTF-8 stays as it is, flagged, as in JSON leads */
    read_csv("a,b\n\xC3(,ok\n");
    ck_assert_int_eq(ng, 1);
    obj_is(0, "{\"a\": \"\xC3(\", \"b\": \"ok\"}", 2, 4);
    ck_assert_uint_ne(G[0].flags & LS_LEAD_INVALID_UTF8, 0);
}
END_TEST

START_TEST(aliases_fill_the_fields)
{
    read_csv("First Name,Job Title,Person Linkedin Url,# Employees,companyName,LOCATION \n"
             "Ada,VP Sales,https://linkedin.com/in/ada,250,Acme,\"Austin, TX\"\n");
    ck_assert_int_eq(ng, 1);
    ck_assert_str_eq(G[0].field[LS_F_JOB_TITLE], "VP Sales");
    ck_assert_str_eq(G[0].field[LS_F_LINKEDIN_URL], "https://linkedin.com/in/ada");
    ck_assert_str_eq(G[0].field[LS_F_COMPANY_HEADCOUNT_RANGE], "250");
    ck_assert_str_eq(G[0].field[LS_F_COMPANY_NAME], "Acme");
    ck_assert_str_eq(G[0].field[LS_F_LOCATION], "Austin, TX"); /* case and spaces ignored */
    ck_assert_str_eq(G[0].field[LS_F_FULL_NAME], "");

    /* a column of the field's own name wins over an alias; among aliases,
     * the last non-empty cell, as the last of repeated keys in JSON */
    read_csv("Job Title,job_title,Position,jobTitle\n"
             "A,B,C,D\n"
             "A,,C,D\n"
             "A,,C,\n"
             "A,,,\n");
    ck_assert_int_eq(ng, 4);
    ck_assert_str_eq(G[0].field[LS_F_JOB_TITLE], "B");
    ck_assert_str_eq(G[1].field[LS_F_JOB_TITLE], "D");
    ck_assert_str_eq(G[2].field[LS_F_JOB_TITLE], "C");
    ck_assert_str_eq(G[3].field[LS_F_JOB_TITLE], "A");

    /* escaped values keep their escape flag */
    read_csv("Title\n\"a \"\"b\"\"\"\n");
    ck_assert_str_eq(G[0].field[LS_F_TITLE], "a \\\"b\\\"");
}
END_TEST

START_TEST(duplicate_header_names)
{
    /* as with a key repeated in JSON: the last non-empty cell is read (a
     * note says so) and the object keeps both */
    read_csv("title,x,title\nCEO,1,CTO\nCEO,2,\n");
    ck_assert_int_eq(ng, 2);
    obj_is(0, "{\"title\": \"CEO\", \"x\": \"1\", \"title\": \"CTO\"}", 2, 14);
    ck_assert_str_eq(G[0].field[LS_F_TITLE], "CTO");
    ck_assert_str_eq(G[1].field[LS_F_TITLE], "CEO");
    ck_assert_int_eq(nd, 1);
    diag_is(0, LS_DIAG_NOTE, 1, 0, "names column \"title\" more than once");
    ck_assert_int_eq(mal, 0);
}
END_TEST

START_TEST(record_limit)
{
    /* rows over the limit are skipped whole, also when they are read in
     * pieces smaller than the limit; the row's line end does not count */
    static const char text[] = "a,b\n1,2\n\"1234567\n89\",x\n333333,4444\r\n5,6\n";
    static const size_t chunks[] = {0, 1, 2, 3, 5, 8, 64};
    for (size_t c = 0; c < sizeof chunks / sizeof *chunks; c++) {
        ls_reader_limits lim = {11, 0, chunks[c], LS_INPUT_AUTO};
        read_mem_as("lim.csv", text, sizeof text - 1, &lim);
        ck_assert_int_eq(ng, 3);
        obj_is(0, "{\"a\": \"1\", \"b\": \"2\"}", 2, 4);
        obj_is(1, "{\"a\": \"333333\", \"b\": \"4444\"}", 5, 23);
        obj_is(2, "{\"a\": \"5\", \"b\": \"6\"}", 6, 36);
        ck_assert_int_eq(nd, 1);
        diag_is(0, LS_DIAG_LIMIT, 3, 8, "row longer than the 11-byte record limit; skipped");
        ck_assert_int_eq(mal, 1);
    }
    /* a header over the limit: nothing read, in one piece or many */
    for (size_t chunk = 0; chunk < 9; chunk += 8) {
        ls_reader_limits small = {24, 0, chunk, LS_INPUT_AUTO};
        read_mem_as("lim.csv", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,b\n1,2\n", 37, &small);
        ck_assert_int_eq(ng, 0);
        ck_assert_int_eq(nd, 1);
        diag_is(0, LS_DIAG_LIMIT, 1, 0, "the header is longer than the 24-byte record limit");
    }
}
END_TEST

START_TEST(chunk_boundaries_do_not_matter)
{
    /* every piece size gives the same leads, lines and offsets, in UTF-8
     * and UTF-16 */
    static const char text[] =
        "\xEF\xBB\xBF" "Full Name;Title;Notes\r\n"
        "Zoë;\"VP; Sales\";\"multi\r\nline \"\"quoted\"\"\"\r\n"
        "\r\n"
        "Bo;CEO;\r"
        "Cy;;x\n";
    char u16[512];
    size_t u16n = utf16(text + 3, 1, u16);
    for (int pass = 0; pass < 2; pass++) {
        const char *in = pass ? u16 : text;
        size_t len = pass ? u16n : sizeof text - 1;
        char first[3][512];
        uint64_t lines[3], offs[3];
        for (size_t chunk = 0; chunk < 20; chunk++) {
            ls_reader_limits lim = {0, 0, chunk, LS_INPUT_AUTO};
            read_mem_as("c.csv", in, len, &lim);
            ck_assert_int_eq(nd, 0);
            ck_assert_int_eq(ng, 3);
            for (int i = 0; i < 3; i++) {
                if (chunk == 0) {
                    strcpy(first[i], G[i].obj);
                    lines[i] = G[i].line;
                    offs[i] = G[i].offset;
                }
                obj_is(i, first[i], lines[i], offs[i]);
            }
        }
        ck_assert_str_eq(first[0], "{\"Full Name\": \"Zoë\", \"Title\": \"VP; Sales\", "
                                   "\"Notes\": \"multi\\r\\nline \\\"quoted\\\"\"}");
        ck_assert_str_eq(first[1], "{\"Full Name\": \"Bo\", \"Title\": \"CEO\"}");
        ck_assert_str_eq(first[2], "{\"Full Name\": \"Cy\", \"Notes\": \"x\"}");
        ck_assert_uint_eq(lines[0], 2);
        ck_assert_uint_eq(lines[1], 5);
        ck_assert_uint_eq(lines[2], 6);
        ck_assert_uint_eq(offs[0], pass ? 2 + 2 * 23 : 26);
    }
}
END_TEST

START_TEST(format_by_name_or_option)
{
    static const char text[] = "a,b\n1,2\n";
    /* a name ending .csv in any case, compressed names too */
    ck_assert_int_eq(ls_csv_path_is_csv("x.csv"), 1);
    ck_assert_int_eq(ls_csv_path_is_csv("dir/EXPORT.CSV"), 1);
    ck_assert_int_eq(ls_csv_path_is_csv("x.csv.gz"), 1);
    ck_assert_int_eq(ls_csv_path_is_csv("x.Csv.ZST"), 1);
    ck_assert_int_eq(ls_csv_path_is_csv("x.csvx"), 0);
    ck_assert_int_eq(ls_csv_path_is_csv("x.json"), 0);
    ck_assert_int_eq(ls_csv_path_is_csv("csv"), 0);
    ck_assert_int_eq(ls_csv_path_is_csv("-"), 0);
    /* the option decides whatever the name */
    ls_reader_limits csv = {0, 0, 0, LS_INPUT_CSV};
    read_mem_as("-", text, sizeof text - 1, &csv);
    ck_assert_int_eq(ng, 1);
    obj_is(0, "{\"a\": \"1\", \"b\": \"2\"}", 2, 4);
    ls_reader_limits json = {0, 0, 0, LS_INPUT_JSON};
    ls_source *src = NULL;
    ck_assert_int_eq(ls_source_open_memory("x.csv", "{\"sales_id\": \"1\"}", 17, &json, &src),
                     LS_OK);
    ls_item it;
    ck_assert_int_eq(ls_source_next(src, &it, &SINK, &mal), 1);
    ck_assert_int_eq(it.from_csv, 0);
    ck_assert_ptr_null(ls_source_csv_header(src));
    ls_source_close(src);
}
END_TEST

START_TEST(too_many_columns)
{
    size_t n = (LS_CSV_MAX_COLUMNS + 1) * 2;
    char *text = malloc(n + 1);
    for (size_t i = 0; i < n; i += 2) {
        text[i] = 'a';
        text[i + 1] = ',';
    }
    text[n - 1] = '\n';
    text[n] = '\0';
    read_mem_as("wide.csv", text, n, NULL);
    ck_assert_int_eq(ng, 0);
    ck_assert_int_eq(mal, 1);
    diag_is(0, LS_DIAG_LIMIT, 1, 0, "more than 16384: nothing read");
    free(text);
}
END_TEST

/* data/csv_aliases.tsv and the compiled table agree, entry for entry. */
START_TEST(aliases_table_matches_data)
{
    FILE *f = fopen(LS_SOURCE_DIR "/data/csv_aliases.tsv", "r");
    ck_assert_ptr_nonnull(f);
    char line[512];
    size_t rows = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *field = line, *hdr = strchr(line, '\t');
        ck_assert_ptr_nonnull(hdr);
        *hdr++ = '\0';
        char *src = strchr(hdr, '\t');
        ck_assert_ptr_nonnull(src);
        *src = '\0';
        int f_id = ls_csv_alias_field(hdr, strlen(hdr));
        ck_assert_msg(f_id >= 0, "header '%s' is not in the table", hdr);
        ck_assert_str_eq(ls_field_name((ls_field)f_id), field);
        /* any case, spaces around */
        char loose[300];
        snprintf(loose, sizeof loose, "  %s\t", hdr);
        for (char *p = loose; *p; p++)
            if (*p >= 'a' && *p <= 'z')
                *p = (char)(*p - 32);
        ck_assert_int_eq(ls_csv_alias_field(loose, strlen(loose)), f_id);
        rows++;
    }
    fclose(f);
    ck_assert_uint_eq(rows, ls_csv_alias_count);
    ck_assert_int_eq(ls_csv_alias_field("Job  Title", 10), -1);
    ck_assert_int_eq(ls_csv_alias_field("", 0), -1);
    ck_assert_int_eq(ls_csv_alias_field("linkedin_lead_persona", 21), -1);
    ck_assert_int_eq(ls_csv_alias_field("jobs", 4), -1);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("readers_csv");
    TCase *tc = tcase_create("csv");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, rows_become_objects);
    tcase_add_test(tc, quotes_and_line_breaks_in_cells);
    tcase_add_test(tc, text_after_a_closing_quote);
    tcase_add_test(tc, delimiter_from_the_header);
    tcase_add_test(tc, line_ends);
    tcase_add_test(tc, ragged_rows_reported_and_skipped);
    tcase_add_test(tc, unterminated_quote_at_the_end);
    tcase_add_test(tc, empty_inputs);
    tcase_add_test(tc, nul_bytes);
    tcase_add_test(tc, encodings);
    tcase_add_test(tc, invalid_utf8_kept);
    tcase_add_test(tc, aliases_fill_the_fields);
    tcase_add_test(tc, duplicate_header_names);
    tcase_add_test(tc, record_limit);
    tcase_add_test(tc, chunk_boundaries_do_not_matter);
    tcase_add_test(tc, format_by_name_or_option);
    tcase_add_test(tc, too_many_columns);
    tcase_add_test(tc, aliases_table_matches_data);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ls_check_run(suite());
}
