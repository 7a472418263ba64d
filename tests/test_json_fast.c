/* The lead scanner's fast path gives exactly what the general scanner
 * gives: the same result, spans, flags and errors, for strings of every
 * length around the 16- and 32-byte blocks with an escape, a quote,
 * invalid UTF-8 or a control character at every position, near the end of
 * the text, at depth limits, and on mutated leads. */
#include <check.h>
#include "check_run.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/core.h"
#include "json/json.h"
#include "json/json_internal.h"
#include "fuzz/props_scan.h"

/* Padding after the fields under test, so that the fast path has room to
 * run (it stops 64 bytes before the end). */
#define PAD "\"zz\": \"........................................................................\""

static ls_lead LF, LG;
static ls_scan_error EF, EG;
static int fast_used;
/* key-token memories kept from case to case, as a reader keeps one: what
 * one case leaves behind must never change the next one's result */
static ls_js_shapes shapes_scan, shapes_fast, shapes_base, shapes_avx2;

static int jval_eq(const ls_jval *a, const ls_jval *b)
{
    return a->p == b->p && a->len == b->len && a->type == b->type &&
           a->has_escape == b->has_escape && a->is_empty == b->is_empty;
}

/* Scans text[0..n) (copied to a buffer of exactly n bytes, so that any
 * read past the end is caught) both ways; fails the test on a difference.
 * Returns the result; LF holds the lead. */
static int both(const char *text, size_t n, int depth)
{
    static char *buf; /* kept until the next call: LF points into it */
    free(buf);
    buf = malloc(n ? n : 1);
    ck_assert_ptr_nonnull(buf);
    memcpy(buf, text, n);
    size_t vf = 0, vg = 0;
    memset(&EF, 0, sizeof EF);
    memset(&EG, 0, sizeof EG);
    memset(&LF, 0xA5, sizeof LF);
    memset(&LG, 0xA5, sizeof LG);
    int rf = ls_js_scan(buf, n, depth, &LF, &vf, &EF, NULL, NULL, &shapes_scan);
    int rg = ls_js_scan_general(buf, n, depth, &LG, &vg, &EG);
    ck_assert_int_eq(rf, rg);
    if (rf >= 0) {
        ck_assert_uint_eq(vf, vg);
        if (rf == 1) {
            ck_assert_ptr_eq(LF.raw, LG.raw);
            ck_assert_uint_eq(LF.raw_len, LG.raw_len);
            ck_assert_uint_eq(LF.flags, LG.flags);
            ck_assert_uint_eq(LF.persona_n, LG.persona_n);
            for (unsigned i = 0; i < LF.persona_n; i++) {
                ck_assert_uint_eq(LF.persona_off[i], LG.persona_off[i]);
                ck_assert_uint_eq(LF.persona_len[i], LG.persona_len[i]);
            }
            for (int f = 0; f < LS_F__COUNT; f++)
                ck_assert_msg(jval_eq(&LF.f[f], &LG.f[f]), "field %s differs",
                              ls_field_name((ls_field)f));
            const char *why = props_check_jobs(&LF);
            ck_assert_msg(why == NULL, "%s", why ? why : "");
            why = props_check_company(&LF);
            ck_assert_msg(why == NULL, "%s", why ? why : "");
        }
    } else {
        ck_assert_uint_eq(EF.offset, EG.offset);
        ck_assert_int_eq(EF.kind, EG.kind);
        ck_assert_str_eq(EF.message, EG.message);
    }
    ls_lead tmp;
    size_t vt;
    int d = depth <= 0 ? LS_JSON_DEFAULT_DEPTH : depth;
    fast_used = n > 0 && buf[0] == '{' && ls_js_lead_fast(buf, n, d, &tmp, &vt, &shapes_fast);
    if (n > 0 && buf[0] == '{') {
        /* both instruction-set copies take the same leads, giving the same */
        ls_lead lb, la;
        size_t vb = 0, va = 0;
        int rb = ls_js_lead_fast_base(buf, n, d, &lb, &vb, &shapes_base);
        int ra = ls_js_lead_fast_avx2(buf, n, d, &la, &va, &shapes_avx2);
        ck_assert_int_eq(rb, ra);
        ck_assert_int_eq(rb, fast_used);
        if (rb == 1) {
            const char *why = props_same_lead(&LG, &lb);
            ck_assert_msg(!why, "baseline copy: %s", why ? why : "");
            why = props_same_lead(&LG, &la);
            ck_assert_msg(!why, "AVX2 copy: %s", why ? why : "");
            ck_assert_uint_eq(vb, vg);
            ck_assert_uint_eq(va, vg);
        }
    }
    return rf;
}

static int both_s(const char *text)
{
    return both(text, strlen(text), 0);
}

/* A lead with the string body s (n bytes) as job_title, as a key and in a
 * nested object. */
static size_t lead_with(char *out, size_t cap, const char *s, size_t n)
{
    int k = snprintf(out, cap, "{\"job_title\": \"%.*s\", \"jobs\": [{\"%.*s\": \"%.*s\"}], " PAD "}",
                     (int)n, s, (int)n, s, (int)n, s);
    ck_assert(k > 0 && (size_t)k < cap);
    return (size_t)k;
}

START_TEST(plain_strings_of_every_length)
{
    char s[128], doc[1024];
    for (size_t n = 0; n <= 100; n++) {
        for (size_t i = 0; i < n; i++)
            s[i] = (char)('a' + (i * 7 + n) % 26);
        size_t dl = lead_with(doc, sizeof doc, s, n);
        ck_assert_int_eq(both(doc, dl, 0), 1);
        ck_assert_msg(fast_used, "length %zu: fast path not taken", n);
        ck_assert_uint_eq(LF.f[LS_F_JOB_TITLE].len, n);
        ck_assert_int_eq(memcmp(LF.f[LS_F_JOB_TITLE].p, s, n), 0);
        ck_assert_ptr_eq(LF.f[LS_F_JOB_TITLE].p, LF.raw + 15);
        ck_assert_uint_eq(LF.flags, 0);
        ck_assert_uint_eq(LF.raw_len, dl);
    }
}
END_TEST

/* Each insert at every position of strings of length 0..100. */
static const struct {
    const char *bytes;
    int want;      /* 1: a valid lead; -1: an error */
    unsigned flags; /* for valid ones */
    int has_escape;
} inserts[] = {
    {"\\\"", 1, 0, 1},
    {"\\\\", 1, 0, 1},
    {"\\n", 1, 0, 1},
    {"\\/", 1, 0, 1},
    {"\\u00e9", 1, 0, 1},
    {"\\ud83d\\ude00", 1, 0, 1},
    {"\\udc00", 1, LS_LEAD_INVALID_UTF8, 1},
    {"\\ud83dx", 1, LS_LEAD_INVALID_UTF8, 1},
    {"\xC3\xA9", 1, 0, 0},
    {"\xF0\x9F\x98\x80", 1, 0, 0},
    {"\xFF", 1, LS_LEAD_INVALID_UTF8, 0},
    {"\xC3" "a", 1, LS_LEAD_INVALID_UTF8, 0},
    {"\xED\xA0\x80", 1, LS_LEAD_INVALID_UTF8, 0}, /* an encoded surrogate */
    {"\x01", -1, 0, 0},
    {"\x1f", -1, 0, 0},
    {"\t", -1, 0, 0},
    {"\\x", -1, 0, 0},
    {"\\u12g4", -1, 0, 0},
    {"\"", -1, 0, 0}, /* ends the string early */
};

START_TEST(specials_at_every_position)
{
    char s[160], doc[1024];
    for (size_t k = 0; k < sizeof inserts / sizeof inserts[0]; k++) {
        const char *ins = inserts[k].bytes;
        size_t il = strlen(ins);
        for (size_t n = 0; n <= 100; n++) {
            for (size_t at = 0; at <= n; at++) {
                size_t m = 0;
                for (size_t i = 0; i < at; i++)
                    s[m++] = 'x';
                memcpy(s + m, ins, il);
                m += il;
                for (size_t i = at; i < n; i++)
                    s[m++] = 'y';
                size_t dl = lead_with(doc, sizeof doc, s, m);
                int r = both(doc, dl, 0);
                ck_assert_msg(r == inserts[k].want, "insert %zu length %zu at %zu: %d", k, n, at, r);
                if (r == 1) {
                    ck_assert_uint_eq(LF.flags, inserts[k].flags);
                    ck_assert_uint_eq(LF.f[LS_F_JOB_TITLE].len, m);
                    ck_assert_uint_eq(LF.f[LS_F_JOB_TITLE].has_escape, inserts[k].has_escape);
                    ck_assert(fast_used);
                } else if (il == 1 && (unsigned char)ins[0] < 0x20) {
                    ck_assert_str_eq(EF.message, "control character in a string (must be escaped)");
                    ck_assert_uint_eq(EF.offset, 15 + at);
                }
            }
        }
    }
}
END_TEST

/* Strings of \u escapes and multi-byte UTF-8 (as titles in other
 * languages are written), which the fast path checks 32 bytes at a time:
 * runs of one unit, shifted to every alignment, with an odd piece at every
 * unit position, read exactly as the general scanner reads them. */
static const char *const units[] = {
    "\\u00e9", "\\u4e2d", "\xC3\xA9", "\xE4\xB8\xAD", "\xED\x95\x9C" /* U+D55C */, "a\\u00e9",
    "\xD0\x9F" "a", "\\uD7FF",
};
static const struct {
    const char *bytes;
    unsigned flags; /* LS_LEAD_INVALID_UTF8 or 0 */
    int want;       /* 1: a valid lead; -1: an error */
} pieces[] = {
    {"", 0, 1},
    {"\\u00", 0, -1},
    {"\\u00\"", 0, -1},
    {"\\\\u00e9", 0, 1},
    {"\\\"", 0, 1},
    {"\\U00e9", 0, -1},
    {"\\ud83d\\ude00", 0, 1},
    {"\\uDBFF\\uDFFF", 0, 1},
    {"\\udc00", LS_LEAD_INVALID_UTF8, 1},
    {"\\ud800\\u00e9", LS_LEAD_INVALID_UTF8, 1},
    {"\\uE000", 0, 1},
    {"\\uCFFF", 0, 1},
    {"\xF0\x9F\x98\x80", 0, 1},
    {"\xE0\xA0\x80", 0, 1},
    {"\xE0\x9F\xBF", LS_LEAD_INVALID_UTF8, 1}, /* overlong */
    {"\xED\x9F\xBF", 0, 1},
    {"\xED\xA0\x80", LS_LEAD_INVALID_UTF8, 1}, /* an encoded surrogate */
    {"\xEF\xBF\xBF", 0, 1},
    {"\xC2\x80", 0, 1},
    {"\xC1\xBF", LS_LEAD_INVALID_UTF8, 1},
    {"\xC3", LS_LEAD_INVALID_UTF8, 1},
    {"\xE4\xB8", LS_LEAD_INVALID_UTF8, 1},
    {"\xA9", LS_LEAD_INVALID_UTF8, 1},
    {"\xF8\x80", LS_LEAD_INVALID_UTF8, 1},
    {"\x7F", 0, 1},
    {"\x1F", 0, -1},
};

START_TEST(escapes_and_utf8_runs)
{
    char s[512], doc[2048];
    int windowed = 0;
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t ul = strlen(units[u]);
        for (size_t shift = 0; shift < 3; shift++)
            for (size_t count = 0; count <= 10; count++)
                for (size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++)
                    for (size_t at = 0; at <= count; at++) {
                        size_t m = 0;
                        for (size_t i = 0; i < shift; i++)
                            s[m++] = 'x';
                        for (size_t i = 0; i < count; i++) {
                            if (i == at) {
                                memcpy(s + m, pieces[k].bytes, strlen(pieces[k].bytes));
                                m += strlen(pieces[k].bytes);
                            }
                            memcpy(s + m, units[u], ul);
                            m += ul;
                        }
                        if (at == count) {
                            memcpy(s + m, pieces[k].bytes, strlen(pieces[k].bytes));
                            m += strlen(pieces[k].bytes);
                        }
                        size_t dl = lead_with(doc, sizeof doc, s, m);
                        int r = both(doc, dl, 0);
                        ck_assert_msg(r == pieces[k].want, "unit %zu shift %zu count %zu piece %zu at %zu: %d",
                                      u, shift, count, k, at, r);
                        if (r == 1) {
                            ck_assert_uint_eq(LF.flags, pieces[k].flags);
                            ck_assert_uint_eq(LF.f[LS_F_JOB_TITLE].len, m);
                            ck_assert(fast_used);
                            windowed++;
                        }
                    }
    }
    ck_assert_int_gt(windowed, 20000);
}
END_TEST

START_TEST(every_prefix_of_a_lead)
{
    const char *lead = "{\"job_title\": \"VP \\u00e9 Sales\", \"jobs\": [{\"title\": \"a\", \"n\": "
                       "-1.5e3}, [], {}], \"linkedin_lead_persona\": \"\", \"x\": [true, false, "
                       "null, 0], " PAD ", \"location\" :\n\t\"Paris\" }";
    size_t n = strlen(lead);
    ck_assert_int_eq(both(lead, n, 0), 1);
    ck_assert(fast_used);
    ck_assert(LF.f[LS_F_LOCATION].len == 5 && memcmp(LF.f[LS_F_LOCATION].p, "Paris", 5) == 0);
    ck_assert_uint_eq(LF.persona_n, 1);
    for (size_t k = 0; k < n; k++)
        ck_assert_int_eq(both(lead, k, 0), -2);
}
END_TEST

START_TEST(whitespace_and_separators)
{
    ck_assert_int_eq(both_s("{ \"job_title\" : \"a\" ,\n\"jobs\":[ 1 ,2,\r\n3 ] ,  \"title\":\"b\","
                            "\"q\": { \"r\" :\t[ ] , \"s\": {} }, " PAD "   }"),
                     1);
    ck_assert(fast_used);
    ck_assert(LF.f[LS_F_JOBS].type == LS_J_ARRAY && LF.f[LS_F_JOBS].len == 12);
    ck_assert_int_eq(both_s("{\"jobs\": [ \n ], \"company_url\": { }, " PAD "}"), 1);
    ck_assert_int_eq(LF.f[LS_F_JOBS].is_empty, 1);
    ck_assert_int_eq(LF.f[LS_F_COMPANY_URL].is_empty, 1);
    /* errors: the general scanner's message, at its offset */
    ck_assert_int_eq(both_s("{\"jobs\": [1, ], " PAD "}"), -1);
    ck_assert_int_eq(both_s("{\"jobs\": {\"a\": 1, }, " PAD "}"), -1);
    ck_assert_str_eq(EF.message, "trailing comma before '}'");
    ck_assert_int_eq(both_s("{\"jobs\": [1 2], " PAD "}"), -1);
    ck_assert_int_eq(both_s("{\"jobs\": [1}, " PAD "}"), -1);
    ck_assert_int_eq(both_s("{\"a\": tru, " PAD "}"), -1);
    ck_assert_str_eq(EF.message, "invalid literal");
    ck_assert_int_eq(both_s("{\"a\": 01, " PAD "}"), -1);
    ck_assert_str_eq(EF.message, "leading zero in a number");
    ck_assert_int_eq(both_s("{\"a\" 1, " PAD "}"), -1);
    ck_assert_int_eq(both_s("{\"a\": 1,, " PAD "}"), -1);
    ck_assert_int_eq(both_s("{\"a\": NaN, \"b\": -Infinity, " PAD "}"), 1);
}
END_TEST

START_TEST(depth_limits)
{
    char doc[2048];
    for (int levels = 1; levels <= 80; levels++) {
        size_t m = 0;
        m += (size_t)sprintf(doc + m, "{\"jobs\": ");
        for (int i = 0; i < levels; i++)
            doc[m++] = i % 2 ? '[' : '{', m += i % 2 ? 0 : (size_t)sprintf(doc + m, "\"k\": ");
        doc[m++] = '1';
        for (int i = levels - 1; i >= 0; i--)
            doc[m++] = i % 2 ? ']' : '}';
        m += (size_t)sprintf(doc + m, ", " PAD "}");
        for (int lim = levels - 1; lim <= levels + 2; lim++) {
            int r = both(doc, m, lim < 1 ? 1 : lim);
            ck_assert_int_eq(r, levels + 1 <= (lim < 1 ? 1 : lim) ? 1 : -1);
            if (r < 0)
                ck_assert_int_eq(EF.kind, LS_DIAG_LIMIT);
        }
    }
}
END_TEST

START_TEST(persona_members)
{
    ck_assert_int_eq(both_s("{\"linkedin_lead_persona\": \"a\", \"linkedin_lead_persona\": [1], "
                            "\"x\": {\"linkedin_lead_persona\": 2}, " PAD "}"),
                     1);
    ck_assert(fast_used);
    ck_assert_uint_eq(LF.persona_n, 2);
    ck_assert_uint_eq(LF.persona_off[1], 56);
    ck_assert_uint_eq(LF.persona_len[1], 3);
    char doc[1024];
    size_t m = (size_t)sprintf(doc, "{");
    for (int i = 0; i < 5; i++)
        m += (size_t)sprintf(doc + m, "\"linkedin_lead_persona\": %d, ", i);
    m += (size_t)sprintf(doc + m, PAD "}");
    ck_assert_int_eq(both(doc, m, 0), -1);
    ck_assert_int_eq(EF.kind, LS_DIAG_LIMIT);
}
END_TEST

/* A lead whose jobs member is the text jobs; the fast path must take it. */
static int jobs_lead(const char *jobs, int depth)
{
    char doc[2048];
    int m = snprintf(doc, sizeof doc, "{\"full_name\": \"A\", \"jobs\": %s, " PAD "}", jobs);
    ck_assert(m > 0 && (size_t)m < sizeof doc);
    int r = both(doc, (size_t)m, depth);
    ck_assert_msg(fast_used || r != 1, "fast path not taken for %s", jobs);
    return r;
}

/* The text of recorded job i's member f, NUL-terminated. */
static const char *job_text(int i, ls_job_field f)
{
    static char out[64];
    const ls_lead_val *v = &LF.jobs[i].f[f];
    ck_assert_uint_lt(v->len, sizeof out);
    memcpy(out, LF.raw + v->off, v->len);
    out[v->len] = '\0';
    return out;
}

START_TEST(jobs_recorded_while_scanning)
{
    ck_assert_int_eq(jobs_lead("[]", 0), 1);
    ck_assert_int_eq(LF.jobs_n, 0);
    ck_assert_int_eq(jobs_lead("null", 0), 1);
    ck_assert_int_eq(LF.jobs_n, 0);

    ck_assert_int_eq(jobs_lead("[{\"company_id\": \"1463048\", \"job_still_working\": false, "
                               "\"job_title\": \"Analyst\"}, {\"company_url\": \"u\"}]", 0), 1);
    ck_assert_int_eq(LF.jobs_n, 2);
    ck_assert_str_eq(job_text(0, LS_JF_COMPANY_ID), "1463048");
    ck_assert_int_eq(LF.jobs[0].f[LS_JF_COMPANY_ID].type, LS_J_STRING);
    ck_assert_int_eq(LF.jobs[0].f[LS_JF_STILL_WORKING].type, LS_J_FALSE);
    ck_assert_int_eq(LF.jobs[0].f[LS_JF_COMPANY_URL].type, LS_J_NONE);
    ck_assert_int_eq(LF.jobs[1].f[LS_JF_COMPANY_ID].type, LS_J_NONE);
    ck_assert_str_eq(job_text(1, LS_JF_COMPANY_URL), "u");

    /* entries that are not objects are passed over; the last member wins */
    ck_assert_int_eq(jobs_lead("[1, \"x\", [{}], {\"company_id\": 5, \"company_id\": -7}]", 0), 1);
    ck_assert_int_eq(LF.jobs_n, 1);
    ck_assert_int_eq(LF.jobs[0].f[LS_JF_COMPANY_ID].type, LS_J_NUMBER);
    ck_assert_str_eq(job_text(0, LS_JF_COMPANY_ID), "-7");

    /* containers as members, escapes inside values */
    ck_assert_int_eq(jobs_lead("[{\"company_id\": {\"a\": [1]}, \"job_ended_on\": [ ], "
                               "\"company_name\": \"A\\u00e9\"}]", 0), 1);
    ck_assert_int_eq(LF.jobs[0].f[LS_JF_COMPANY_ID].type, LS_J_OBJECT);
    ck_assert_int_eq(LF.jobs[0].f[LS_JF_ENDED_ON].type, LS_J_ARRAY);
    ck_assert_int_eq(LF.jobs[0].f[LS_JF_ENDED_ON].is_empty, 1);
    ck_assert_int_eq(LF.jobs[0].f[LS_JF_COMPANY_NAME].has_escape, 1);

    /* an escaped key is left to the walk, which decodes it */
    ck_assert_int_eq(jobs_lead("[{\"company\\u005fid\": \"1\"}]", 0), 1);
    ck_assert_int_eq(LF.jobs_n, -1);

    /* eight entries are recorded, a ninth is left to the walk */
    char many[512] = "[";
    for (int i = 0; i < 9; i++) {
        size_t k = strlen(many);
        snprintf(many + k, sizeof many - k, "%s{\"company_id\": %d}", i ? ", " : "", i);
        char closed[520];
        snprintf(closed, sizeof closed, "%s]", many);
        ck_assert_int_eq(jobs_lead(closed, 0), 1);
        ck_assert_int_eq(LF.jobs_n, i < LS_LEAD_MAX_JOBS ? i + 1 : -1);
    }

    /* the depth limit: jobs[] objects are level 3 */
    ck_assert_int_eq(jobs_lead("[1]", 2), 1);
    ck_assert_int_eq(LF.jobs_n, -1);
    ck_assert_int_eq(jobs_lead("[{\"company_id\": \"1\"}]", 3), 1);
    ck_assert_int_eq(LF.jobs_n, 1);
    ck_assert_int_eq(jobs_lead("[{\"company_id\": {}}]", 3), -1);
    ck_assert_int_eq(EF.kind, LS_DIAG_LIMIT);

    /* a trailing comma inside an entry is an error, as everywhere */
    ck_assert_int_eq(jobs_lead("[{\"company_id\": 1,}]", 0), -1);
    ck_assert_int_eq(jobs_lead("[{\"company_id\": 1},]", 0), -1);
}
END_TEST

START_TEST(last_jobs_member_decides)
{
    char doc[1024];
    int m = snprintf(doc, sizeof doc,
                     "{\"jobs\": [{\"company_id\": \"1\"}, {}], \"jobs\": [{\"company_id\": "
                     "\"2\"}], " PAD "}");
    ck_assert_int_eq(both(doc, (size_t)m, 0), 1);
    ck_assert_int_eq(LF.jobs_n, 1);
    ck_assert_str_eq(job_text(0, LS_JF_COMPANY_ID), "2");
    m = snprintf(doc, sizeof doc,
                 "{\"jobs\": [{\"company_id\": \"1\"}], \"jobs\": null, " PAD "}");
    ck_assert_int_eq(both(doc, (size_t)m, 0), 1);
    ck_assert_int_eq(LF.jobs_n, 0);
}
END_TEST

/* Leads in a row whose keys at one position change in ways the remembered
 * key token must not hide: a longer key, a space before the colon, an
 * escape, a non-ASCII key, a field becoming a non-field and back. */
START_TEST(remembered_keys_never_mislead)
{
    static const char *const leads[] = {
        "{\"job_title\": \"A\", \"headline\": \"B\", " PAD "}",
        "{\"job_title\": \"C\", \"headline\": \"D\", " PAD "}",
        "{\"job_titles\": \"E\", \"headline\": \"F\", " PAD "}",
        "{\"job_title\" : \"G\", \"headline\": \"H\", " PAD "}",
        "{\"job\\u005ftitle\": \"I\", \"headline\": \"J\", " PAD "}",
        "{\"job_title\": \"K\", \"headlin\xC3\xA9\": \"L\", " PAD "}",
        "{\"job_title\": \"M\",\"headline\":\"N\", " PAD "}",
        "{\"job_tit\": \"O\", \"headline\": \"P\", " PAD "}",
        "{\"job_titlf\": \"R\", \"headline\": \"S\", " PAD "}",
        "{\"job_title\":\"Q\"}",
    };
    static const char want_title[] = "ACxGIKMxxQ";
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < sizeof leads / sizeof leads[0]; i++) {
            ck_assert_int_eq(both_s(leads[i]), 1);
            const ls_jval *t = &LF.f[LS_F_JOB_TITLE];
            if (want_title[i] == 'x') {
                ck_assert_int_eq(t->type, LS_J_NONE);
            } else {
                ck_assert_int_eq(t->type, LS_J_STRING);
                ck_assert_int_eq(t->p[0], want_title[i]);
            }
        }
}
END_TEST

/* The remembered token also spans the separator before a key and the
 * spaces after its colon: leads whose second member is spaced or broken in
 * every way still read exactly as the general scanner reads them. */
START_TEST(remembered_separators_never_mislead)
{
    static const struct {
        const char *lead;
        int ok;          /* 1: a valid lead */
        char headline;   /* first byte of headline, or 'x' for none */
    } cases[] = {
        {"{\"job_title\": \"A\", \"headline\": \"B\", " PAD "}", 1, 'B'},
        {"{\"job_title\": \"A\", \"headline\": \"C\", " PAD "}", 1, 'C'},
        {"{\"job_title\": \"A\", \"headlinf\": \"I\", " PAD "}", 1, 'x'},
        {"{\"job_title\": \"A\",\"headline\": \"D\", " PAD "}", 1, 'D'},
        {"{\"job_title\": \"A\" , \"headline\": \"E\", " PAD "}", 1, 'E'},
        {"{\"job_title\": \"A\",\n\"headline\": \"F\", " PAD "}", 1, 'F'},
        {"{\"job_title\": \"A\", \"headline\":  \"G\", " PAD "}", 1, 'G'},
        {"{\"job_title\": \"A\", \"headline\":\"H\", " PAD "}", 1, 'H'},
        {"{\"job_title\": 7, \"headline\": \"J\", " PAD "}", 1, 'J'},
        {"{\"job_title\": \"A\", \"headline\": , " PAD "}", 0, 'x'},
        {"{\"job_title\": \"A\",, \"headline\": \"K\", " PAD "}", 0, 'x'},
        {"{\"job_title\": \"A\", , " PAD "}", 0, 'x'},
        {"{\"job_title\": \"A\", \"headline\": \"L\"}", 1, 'L'},
        {"{\"job_title\": \"A\", \"headline\": \"M\", }", 0, 'x'},
        {"{\"job_title\": \"A\" }", 1, 'x'},
        {"{\"job_title\": \"A\", \"headline\": \"N\" " PAD "}", 0, 'x'},
    };
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            int r = both_s(cases[i].lead);
            ck_assert_msg(r == (cases[i].ok ? 1 : -1), "case %zu: %d", i, r);
            if (r != 1)
                continue;
            const ls_jval *h = &LF.f[LS_F_HEADLINE];
            if (cases[i].headline == 'x') {
                ck_assert_msg(h->type == LS_J_NONE, "case %zu", i);
            } else {
                ck_assert_msg(h->type == LS_J_STRING && h->p[0] == cases[i].headline,
                              "case %zu", i);
            }
        }
}
END_TEST

/* jobs[] entries remember their member tokens too (two per position):
 * entries of alternating shapes, near-miss keys, spacing and an escaped
 * key each record exactly what a walk over the bytes finds. */
START_TEST(remembered_job_keys_never_mislead)
{
    static const struct {
        const char *jobs;
        const char *company_id; /* of the first entry; NULL: absent; "-": not recorded */
    } cases[] = {
        {"[{\"company_id\": \"1\", \"company_url\": \"u\"}]", "1"},
        {"[{\"company_id\": \"2\", \"job_location\": \"l\", \"company_url\": \"u\"}]", "2"},
        {"[{\"company_id\": \"3\", \"company_url\": \"u\"}]", "3"},
        {"[{\"company_ie\": \"4\", \"company_url\": \"u\"}]", NULL},
        {"[{\"company_id\" : \"5\", \"company_url\": \"u\"}]", "5"},
        {"[{\"company_id\":\"6\",\"company_url\":\"u\"}]", "6"},
        {"[{\"company\\u005fid\": \"7\", \"company_url\": \"u\"}]", "-"},
        {"[{\"company_url\": \"u\", \"company_id\": \"8\"}]", "8"},
        {"[{\"company_id\": \"9\", \"company_id\": \"10\"}]", "10"},
        {"[{\"company_id\": 11}, {\"company_id\": \"12\", \"company_url\": \"u\"}]", "11"},
    };
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            ck_assert_int_eq(jobs_lead(cases[i].jobs, 0), 1);
            const char *want = cases[i].company_id;
            if (want && want[0] == '-') {
                ck_assert_int_eq(LF.jobs_n, -1);
            } else if (!want) {
                ck_assert_int_eq(LF.jobs[0].f[LS_JF_COMPANY_ID].type, LS_J_NONE);
            } else {
                ck_assert_str_eq(job_text(0, LS_JF_COMPANY_ID), want);
            }
        }
    /* a trailing comma or a missing key inside an entry, after keys were
     * remembered at that position, is still an error */
    ck_assert_int_eq(jobs_lead("[{\"company_id\": \"1\", }]", 0), -1);
    ck_assert_int_eq(jobs_lead("[{\"company_id\": \"1\", : 2}]", 0), -1);
    ck_assert_int_eq(jobs_lead("[{\"company_id\": \"1\" \"company_url\": \"u\"}]", 0), -1);
}
END_TEST

/* Random byte changes to a realistic lead: both ways agree every time. */
START_TEST(mutated_leads)
{
    const char *lead =
        "{\"certifications\": [], \"company_city\": \"San Francisco\", \"company_id\": \"21828\", "
        "\"headline\": \"Route Driver Salesperson at Slack\", \"is_full_data\": true, "
        "\"job_ended_on\": null, \"job_title\": \"Ing\\u00e9nieur \xC3\xA9tudes\", \"jobs\": "
        "[{\"company_id\": \"1463048\", \"job_started_on\": \"2015\", \"job_still_working\": false, "
        "\"job_title\": \"Analyst\"}, {\"company_name\": \"Slack\", \"job_title\": \"Route\"}], "
        "\"languages\": [{\"name\": \"English\", \"proficiency\": \"FULL_PROFESSIONAL\"}], "
        "\"linkedin_lead_persona\": \"\", \"num_of_connections\": 3671, \"twitter_link\": null, "
        "\"unformatted_full_name\": \"David Fischer\"}";
    static const char alphabet[] = "{}[]:,\" \\\n\tu0e-.9atfnl\x01\x80\xC3\xFF";
    size_t n = strlen(lead);
    char buf[1024];
    uint64_t x = 7;
    int accepted = 0;
    for (int round = 0; round < 20000; round++) {
        memcpy(buf, lead, n);
        int changes = 1 + round % 3;
        for (int c = 0; c < changes; c++) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            size_t at = (size_t)(x >> 33) % n;
            buf[at] = alphabet[(x >> 20) % (sizeof alphabet - 1)];
        }
        buf[0] = '{';
        if (both(buf, n, 0) == 1)
            accepted++;
    }
    ck_assert_int_gt(accepted, 1000);
}
END_TEST

/* v1 leads (addendum §1): the nested company object and the v1 members are
 * recorded the same way by both scanners, and so read the same way, also
 * when mutated */
static void same_reads(void)
{
    ls_v1_cache cache = {0}; /* one walk for every field, the same reads */
    for (int f = 0; f < LS_F__COUNT; f++) {
        ls_buf c = {0};
        ls_jval vc, vu;
        const char *nc = ls_lead_read_cached(&LF, (ls_field)f, &c, &cache, &vc);
        const char *nu = ls_lead_read(&LF, (ls_field)f, &c, &vu);
        ck_assert_ptr_eq(nc, nu);
        ck_assert_int_eq(vc.type, vu.type);
        ck_assert_uint_eq(vc.len, vu.len);
        ls_buf_free(&c);
    }
    for (int f = 0; f < LS_F__COUNT; f++) {
        ls_buf a = {0}, b = {0};
        ls_jval va, vb;
        const char *na = ls_lead_read(&LF, (ls_field)f, &a, &va);
        const char *nb = ls_lead_read(&LG, (ls_field)f, &b, &vb);
        ck_assert_ptr_eq(na, nb);
        ck_assert_int_eq(va.type, vb.type);
        ck_assert_uint_eq(va.len, vb.len);
        if (va.type != LS_J_NONE)
            ck_assert_int_eq(memcmp(va.p, vb.p, va.len), 0);
        ls_buf_free(&a);
        ls_buf_free(&b);
    }
}

/* The text of recorded company member f, NUL-terminated. */
static const char *company_text(ls_company_field f)
{
    static char out[64];
    const ls_lead_val *v = &LF.company[f];
    ck_assert_uint_lt(v->len, sizeof out);
    memcpy(out, LF.raw + v->off, v->len);
    out[v->len] = '\0';
    return out;
}

/* A v1 lead's company members are recorded by the scan, and its
 * work_history[] entries as jobs[] entries are, when ls_lead_read reads
 * that list (both() checks each against a walk over the bytes). */
START_TEST(v1_company_and_work_history_recorded)
{
    ck_assert_int_eq(both_s("{\"company\": {\"id\": 1035, \"name\": \"Micro\\u0073oft\", "
                            "\"headcount\": 150, \"headquarters\": {\"city\": \"R\"}, "
                            "\"name\": \"Microsoft\", \"x\": [1]}, "
                            "\"work_history\": [{\"company_id\": 1035, \"company_url\": \"u\"}, {}], " PAD "}"),
                     1);
    ck_assert_int_eq(fast_used, 1);
    ck_assert_int_eq(LF.company_rec, 1);
    ck_assert_str_eq(company_text(LS_CF_ID), "1035");
    ck_assert_int_eq(LF.company[LS_CF_ID].type, LS_J_NUMBER);
    ck_assert_str_eq(company_text(LS_CF_NAME), "Microsoft"); /* the last one */
    ck_assert_int_eq(LF.company[LS_CF_NAME].has_escape, 0);
    ck_assert_int_eq(LF.company[LS_CF_HEADQUARTERS].type, LS_J_OBJECT);
    ck_assert_int_eq(LF.company[LS_CF_DOMAIN].type, LS_J_NONE);
    ck_assert_int_eq(LF.jobs_n, 2);
    ck_assert_str_eq(job_text(0, LS_JF_COMPANY_URL), "u");
    ck_assert_int_eq(LF.jobs[1].f[LS_JF_COMPANY_ID].type, LS_J_NONE);
    same_reads();

    /* an escaped key is left to the walk; a later company object decides */
    ck_assert_int_eq(both_s("{\"company\": {\"n\\u0061me\": \"A\"}, " PAD "}"), 1);
    ck_assert_int_eq(LF.company_rec, 0);
    same_reads();
    ck_assert_int_eq(both_s("{\"company\": {\"n\\u0061me\": \"A\"}, \"company\": {\"name\": \"B\"}, " PAD "}"),
                     1);
    ck_assert_int_eq(LF.company_rec, 1);
    ck_assert_str_eq(company_text(LS_CF_NAME), "B");
    same_reads();
    /* the company object is level 2 */
    const char *deep = "{\"company\": {\"name\": \"A\"}, " PAD "}";
    ck_assert_int_eq(both(deep, strlen(deep), 1), -1);
    ck_assert_int_eq(EF.kind, LS_DIAG_LIMIT);

    /* jobs[] wins over work_history[] unless it is blank, whatever the order */
#define WH(text, n)                                                                   \
    do {                                                                             \
        ck_assert_int_eq(both_s("{" text ", " PAD "}"), 1);                          \
        ck_assert_int_eq(fast_used, 1);                                              \
        ck_assert_int_eq(LF.jobs_n, n);                                              \
    } while (0)
    WH("\"jobs\": [{\"company_id\": \"A\"}], \"work_history\": [{\"company_id\": \"B\"}]", 1);
    ck_assert_str_eq(job_text(0, LS_JF_COMPANY_ID), "A");
    WH("\"work_history\": [{\"company_id\": \"B\"}], \"jobs\": [{\"company_id\": \"A\"}]", 1);
    ck_assert_str_eq(job_text(0, LS_JF_COMPANY_ID), "A");
    WH("\"work_history\": [{\"company_id\": \"B\"}], \"jobs\": [ ]", 1);
    ck_assert_str_eq(job_text(0, LS_JF_COMPANY_ID), "B");
    WH("\"jobs\": [], \"work_history\": [{\"company_id\": \"B\"}, 7, {}]", 2);
    ck_assert_str_eq(job_text(0, LS_JF_COMPANY_ID), "B");
    WH("\"jobs\": null, \"work_history\": [{\"company_id\": \"B\"}]", 1);
    WH("\"jobs\": \" \", \"work_history\": [{\"company_id\": \"B\"}]", 1);
    /* a jobs that is not blank but no list: no entries */
    WH("\"jobs\": \"x\", \"work_history\": [{\"company_id\": \"B\"}]", 0);
    WH("\"jobs\": [], \"work_history\": \"x\"", 0);
    WH("\"work_history\": [{\"company_id\": \"B\"}], \"work_history\": []", 0);
    /* the list read was passed over while recording another: walked */
    WH("\"jobs\": [{\"company_id\": \"A\"}], \"work_history\": [{\"company_id\": \"B\"}], "
       "\"jobs\": []", -1);
    WH("\"work_history\": [{\"company_id\": \"B\"}], \"jobs\": [{\"company_id\": \"A\"}], "
       "\"jobs\": null", -1);
    /* an escaped key in the list read */
    WH("\"work_history\": [{\"company\\u005fid\": \"B\"}]", -1);
#undef WH
}
END_TEST

START_TEST(v1_leads_both_ways)
{
    const char *lead =
        "{\"lead_id\": \"ACwAA\\u00e9\", \"first_name\": \"Jordan\", \"last_name\": \"Ellis\", "
        "\"title\": \"CEO\", \"id\": 17, \"linkedin_url\": \"https://www.linkedin.com/in/j\", "
        "\"company\": {\"id\": 1035, \"name\": \"Microsoft\", \"domain\": \"microsoft.com\", "
        "\"linkedin_url\": \"https://www.linkedin.com/company/microsoft/\", "
        "\"industry\": \"Software Development\", \"headcount\": 150, "
        "\"headquarters\": {\"city\": \"Redmond\"}}, \"company_industry\": null, "
        "\"work_history\": [{\"company_id\": 1035, \"company_url\": \"u\"}, {}], "
        "\"seniority\": \"CXO\", " PAD "}";
    ck_assert_int_eq(both_s(lead), 1);
    ck_assert_int_eq(fast_used, 1);
    ck_assert_int_eq(LF.f[LS_F_COMPANY].type, LS_J_OBJECT);
    ck_assert_int_eq(LF.f[LS_F_WORK_HISTORY].type, LS_J_ARRAY);
    ck_assert_int_eq(LF.f[LS_F_ID].type, LS_J_NUMBER);
    ck_assert_int_eq(LF.f[LS_F_COMPANY_INDUSTRY].type, LS_J_NULL);
    ck_assert_int_eq(LF.f[LS_F_LEAD_ID].has_escape, 1);
    same_reads();
    ck_assert_int_eq(both_s("{\"company\": {}, \"work_history\": [ ], \"id\": \"\", " PAD "}"), 1);
    ck_assert_int_eq(LF.f[LS_F_COMPANY].is_empty, 1);
    ck_assert_int_eq(LF.f[LS_F_WORK_HISTORY].is_empty, 1);
    same_reads();
    /* a second company: the last wins, in both */
    ck_assert_int_eq(both_s("{\"company\": {\"name\": \"A\"}, \"company\": \"B\", " PAD "}"), 1);
    ck_assert_int_eq(LF.f[LS_F_COMPANY].type, LS_J_STRING);
    same_reads();
    static const char alphabet[] = "{}[]:,\" \\\n\tu0e-.9atfnl\x01\x80\xC3\xFF";
    size_t n = strlen(lead);
    char buf[1024];
    ck_assert_uint_lt(n, sizeof buf);
    uint64_t x = 11;
    int accepted = 0;
    for (int round = 0; round < 20000; round++) {
        memcpy(buf, lead, n);
        int changes = 1 + round % 3;
        for (int c = 0; c < changes; c++) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            size_t at = (size_t)(x >> 33) % n;
            buf[at] = alphabet[(x >> 20) % (sizeof alphabet - 1)];
        }
        buf[0] = '{';
        if (both(buf, n, 0) == 1) {
            accepted++;
            same_reads();
        }
    }
    ck_assert_int_gt(accepted, 1000);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json_fast");
    TCase *tc = tcase_create("fast");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, plain_strings_of_every_length);
    tcase_add_test(tc, specials_at_every_position);
    tcase_add_test(tc, escapes_and_utf8_runs);
    tcase_add_test(tc, every_prefix_of_a_lead);
    tcase_add_test(tc, whitespace_and_separators);
    tcase_add_test(tc, depth_limits);
    tcase_add_test(tc, persona_members);
    tcase_add_test(tc, mutated_leads);
    tcase_add_test(tc, jobs_recorded_while_scanning);
    tcase_add_test(tc, last_jobs_member_decides);
    tcase_add_test(tc, remembered_keys_never_mislead);
    tcase_add_test(tc, remembered_separators_never_mislead);
    tcase_add_test(tc, remembered_job_keys_never_mislead);
    tcase_add_test(tc, v1_leads_both_ways);
    tcase_add_test(tc, v1_company_and_work_history_recorded);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
