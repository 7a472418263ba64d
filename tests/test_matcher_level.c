/* A lead's seniority level (addendum §2): its seniority member when
 * present and not null or blank, else the level its title implies. */
#include "matcher_testutil.h"
#include "matcher/matcher_int.h"
#include "request/level.h"

#define B(l) (1u << (l))

static ls_request *req;
static ls_matcher *m;
static char *text;
static ls_lead lead;

static void setup(void)
{
    req = compile_ok("{'without_company': true, 'personas': [['P', [], ['chief'], []]]}");
    ck_assert_int_eq(ls_matcher_new(req, &m), LS_OK);
}

static void teardown(void)
{
    ls_matcher_free(m);
    ls_request_free(req);
    free(text);
    text = NULL;
}

/* Scans the lead (single quotes for double) into `lead`. */
static const ls_lead *scan(const char *s)
{
    free(text);
    text = q(s);
    size_t vlen;
    ls_scan_error err;
    ck_assert_int_eq(ls_scan_value(text, strlen(text), 64, &lead, &vlen, &err), 1);
    return &lead;
}

static unsigned level(const char *s, int *from)
{
    *from = -9;
    return ls_m_lead_level(m, scan(s), from);
}

#define LEVEL_IS(lead_json, want_mask, want_from)                                   \
    do {                                                                            \
        int from_;                                                                  \
        unsigned got_ = level((lead_json), &from_);                                 \
        ck_assert_msg(got_ == (want_mask), "%s: mask %#x, expected %#x", (lead_json), \
                      got_, (unsigned)(want_mask));                                 \
        ck_assert_int_eq(from_, (want_from));                                       \
    } while (0)

START_TEST(from_the_field)
{
    LEVEL_IS("{'seniority': 'CXO', 'title': 'Intern'}", B(LS_LEVEL_CXO), 1);
    LEVEL_IS("{'seniority': 'Owner', 'title': 'Intern'}", B(LS_LEVEL_OWNER), 1);
    LEVEL_IS("{'seniority': ' vice president '}", B(LS_LEVEL_VP), 1);
    LEVEL_IS("{'seniority': 'Manager'}",
             B(LS_LEVEL_ENTRY_MANAGER) | B(LS_LEVEL_EXPERIENCED_MANAGER), 1);
    LEVEL_IS("{'seniority': 'C\\u002dSuite'}", B(LS_LEVEL_CXO), 1); /* escaped */
    /* the last member of a name wins, as in JSON */
    LEVEL_IS("{'seniority': 'CXO', 'job_title': 'x', 'seniority': 'Senior'}",
             B(LS_LEVEL_SENIOR), 1);
}
END_TEST

/* A value that names no level is no level: the title is not read then. */
START_TEST(unknown_value_is_no_level)
{
    LEVEL_IS("{'seniority': 'Boss', 'title': 'CEO'}", 0, 1);
    LEVEL_IS("{'seniority': 5, 'title': 'CEO'}", 0, 1);
    LEVEL_IS("{'seniority': ['CXO'], 'title': 'CEO'}", 0, 1);
    LEVEL_IS("{'seniority': true, 'title': 'CEO'}", 0, 1);
}
END_TEST

START_TEST(inferred_from_the_title)
{
    LEVEL_IS("{'title': 'CEO'}", B(LS_LEVEL_CXO), 0);
    LEVEL_IS("{'seniority': null, 'title': 'CEO'}", B(LS_LEVEL_CXO), 0);
    LEVEL_IS("{'seniority': ' \\t', 'title': 'VP Sales'}", B(LS_LEVEL_VP), 0);
    LEVEL_IS("{'seniority': '', 'title': 'Founder & CEO'}", B(LS_LEVEL_OWNER), 0);
    /* the title chain of §2: job_title before title */
    LEVEL_IS("{'job_title': 'Head of Sales', 'title': 'Intern'}", B(LS_LEVEL_DIRECTOR), 0);
    LEVEL_IS("{'job_title': '  ', 'headline': 'Intern at Acme'}", B(LS_LEVEL_IN_TRAINING), 0);
    LEVEL_IS("{'full_name': 'No Title'}", B(LS_LEVEL_ENTRY), 0);
    LEVEL_IS("{'title': 'Vice President, Sales'}", B(LS_LEVEL_VP), 0);
}
END_TEST

START_TEST(seniority_text)
{
    const char *p;
    size_t len;
    unsigned mask;
    ck_assert_int_eq(ls_matcher_lead_seniority(m, scan("{'seniority': 'C\\u002dSuite'}"), &p,
                                               &len, &mask), 1);
    ck_assert_uint_eq(len, 7);
    ck_assert_int_eq(memcmp(p, "C-Suite", 7), 0);
    ck_assert_uint_eq(mask, B(LS_LEVEL_CXO));
    ck_assert_int_eq(ls_matcher_lead_seniority(m, scan("{'seniority': 12.5}"), &p, &len, &mask),
                     1);
    ck_assert_uint_eq(len, 4);
    ck_assert_int_eq(memcmp(p, "12.5", 4), 0);
    ck_assert_uint_eq(mask, 0);
    ck_assert_int_eq(ls_matcher_lead_seniority(m, scan("{'title': 'CEO'}"), &p, &len, &mask), 0);
    ck_assert_uint_eq(len, 0);
    ck_assert_uint_eq(mask, 0);
}
END_TEST

/* A title persona matching saw comes from the memo; the level is the same
 * either way. */
START_TEST(memo_reused)
{
    char *j = q("{'title': 'Chief Revenue Officer'}");
    ls_verdict v;
    ck_assert_int_eq(ls_match_lead(m, j, strlen(j), &v), LS_OK);
    ck_assert_int_eq(v.persona, 0);
    free(j);
    uint64_t hits = m->title_memo.hits;
    LEVEL_IS("{'title': 'Chief Revenue Officer'}", B(LS_LEVEL_CXO), 0);
    ck_assert_uint_eq(m->title_memo.hits, hits + 1);
    /* a title not seen before is normalized */
    uint64_t misses = m->title_memo.misses;
    LEVEL_IS("{'title': 'Sales Manager'}", B(LS_LEVEL_EXPERIENCED_MANAGER), 0);
    ck_assert_uint_eq(m->title_memo.hits, hits + 1);
    ck_assert_uint_eq(m->title_memo.misses, misses + 1);
    ck_assert_int_eq(ls_matcher_title_level(m, "Sales Manager", 13),
                     LS_LEVEL_EXPERIENCED_MANAGER);
    ck_assert_int_eq(ls_matcher_title_level(m, "", 0), LS_LEVEL_ENTRY);
}
END_TEST

START_TEST(from_field_may_be_null)
{
    ck_assert_uint_eq(ls_m_lead_level(m, scan("{'title': 'CTO'}"), NULL), B(LS_LEVEL_CXO));
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("matcher_level");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, from_the_field);
    tcase_add_test(tc, unknown_value_is_no_level);
    tcase_add_test(tc, inferred_from_the_title);
    tcase_add_test(tc, seniority_text);
    tcase_add_test(tc, memo_reused);
    tcase_add_test(tc, from_field_may_be_null);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ls_check_run(suite());
}
