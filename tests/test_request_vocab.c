/* The v1 vocabulary (addendum §2): the compiled tables are the files of
 * data/vocabulary/, entry for entry, and the lookups read them as
 * request/vocab.h says. */
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <string.h>
#include "request/level.h"
#include "request/vocab.h"
#include "request/vocab_table.h"

/* ---- the tables are the data files ---- */

/* Tab-separated cells of the next line of f into cells[0..n); the count. */
static size_t next_row(FILE *f, char *line, size_t cap, char **cells, size_t n)
{
    if (!fgets(line, (int)cap, f))
        return 0;
    line[strcspn(line, "\n")] = '\0';
    /* strsep keeps empty cells ("name<TAB>" has an empty parent) */
    char *rest = line;
    size_t k = 0;
    while (rest && k < n)
        cells[k++] = strsep(&rest, "\t");
    return k;
}

static FILE *open_data(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/data/vocabulary/%s", LS_SOURCE_DIR, name);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    return f;
}

START_TEST(tables_match_data)
{
    char line[256], *c[3];
    FILE *f = open_data("linkedin-industries.tsv");
    size_t i = 0;
    ck_assert_uint_eq(next_row(f, line, sizeof line, c, 3), 2); /* header */
    while (next_row(f, line, sizeof line, c, 3) == 2) {
        ck_assert_uint_lt(i, ls_vocab_industries_count);
        ck_assert_str_eq(ls_vocab_industries[i++], c[0]);
    }
    fclose(f);
    ck_assert_uint_eq(i, ls_vocab_industries_count);
    ck_assert_uint_eq(i, 434);

    f = open_data("linkedin-industries-v1.tsv");
    i = 0;
    next_row(f, line, sizeof line, c, 3);
    while (next_row(f, line, sizeof line, c, 3) == 3) {
        ck_assert_uint_lt(i, ls_vocab_renamed_count);
        ck_assert_str_eq(ls_vocab_renamed_from[i], c[1]);
        ck_assert_str_eq(ls_vocab_renamed_to[i++], c[2]);
    }
    fclose(f);
    ck_assert_uint_eq(i, ls_vocab_renamed_count);
    ck_assert_uint_eq(i, 100);

    f = open_data("hints.tsv");
    size_t ni = 0, nf = 0;
    next_row(f, line, sizeof line, c, 3);
    while (next_row(f, line, sizeof line, c, 3) == 3) {
        int ind = strcmp(c[0], "industry") == 0;
        const char *const *from = ind ? ls_vocab_industry_hint_from : ls_vocab_function_hint_from;
        const char *const *to = ind ? ls_vocab_industry_hint_to : ls_vocab_function_hint_to;
        size_t *k = ind ? &ni : &nf;
        ck_assert_str_eq(from[*k], c[1]);
        ck_assert_str_eq(to[(*k)++], c[2]);
    }
    fclose(f);
    ck_assert_uint_eq(ni, ls_vocab_industry_hint_count);
    ck_assert_uint_eq(nf, ls_vocab_function_hint_count);
    ck_assert_uint_eq(ni, 24);
    ck_assert_uint_eq(nf, 14);

    f = open_data("functions.txt");
    i = 0;
    while (next_row(f, line, sizeof line, c, 1) == 1)
        ck_assert_str_eq(ls_vocab_functions[i++], c[0]);
    fclose(f);
    ck_assert_uint_eq(i, ls_vocab_functions_count);
    ck_assert_uint_eq(i, 26);

    f = open_data("seniorities.tsv");
    size_t nl = 0, nd = 0;
    next_row(f, line, sizeof line, c, 2);
    while (next_row(f, line, sizeof line, c, 2) == 2) {
        if (strcmp(c[1], "label") == 0)
            ck_assert_str_eq(ls_vocab_seniority_labels[nl++], c[0]);
        else
            ck_assert_str_eq(ls_vocab_seniority_documented[nd++], c[0]);
    }
    fclose(f);
    ck_assert_uint_eq(nl, 10);
    ck_assert_uint_eq(nd, 11);
    ck_assert_uint_eq(nl, ls_vocab_seniority_labels_count);
    ck_assert_uint_eq(nd, ls_vocab_seniority_documented_count);

    f = open_data("us-states.tsv");
    i = 0;
    next_row(f, line, sizeof line, c, 3);
    while (next_row(f, line, sizeof line, c, 3) == 3) {
        ck_assert_str_eq(ls_vocab_us_states[i].code, c[0]);
        ck_assert_str_eq(ls_vocab_us_states[i].name, c[1]);
        ck_assert_int_eq(ls_vocab_us_states[i++].also_country, c[2][0] != '\0');
    }
    fclose(f);
    ck_assert_uint_eq(i, ls_vocab_us_states_count);
    ck_assert_uint_eq(i, 51);
}
END_TEST

/* Label i is level i: the order the level masks use (V1_PLAN, addendum
 * "Seniority levels"), and each documented value has a level. */
START_TEST(labels_are_in_level_order)
{
    for (unsigned i = 0; i < ls_vocab_seniority_labels_count; i++) {
        const char *l = ls_vocab_seniority_labels[i];
        ck_assert_uint_eq(ls_level_mask_of_value(l, strlen(l)), 1u << i);
        ck_assert_str_eq(ls_vocab_level_label(i), l);
    }
    ck_assert_ptr_null(ls_vocab_level_label(10));
    for (size_t i = 0; i < ls_vocab_seniority_documented_count; i++) {
        const char *d = ls_vocab_seniority_documented[i];
        ck_assert_uint_ne(ls_level_mask_of_value(d, strlen(d)), 0);
    }
}
END_TEST

/* ---- lookups ---- */

#define S(s) s, strlen(s)

static const char *or_none(const char *s)
{
    return s ? s : "(none)";
}

START_TEST(industries)
{
    ck_assert_str_eq(or_none(ls_vocab_industry(S("software development"))), "Software Development");
    ck_assert_str_eq(or_none(ls_vocab_industry(S("IT SERVICES AND IT CONSULTING"))),
                     "IT Services and IT Consulting");
    ck_assert_ptr_null(ls_vocab_industry(S(" Software Development"))); /* no trimming */
    ck_assert_ptr_null(ls_vocab_industry(S("Software")));
    ck_assert_ptr_null(ls_vocab_industry(S("")));
    ck_assert_ptr_null(ls_vocab_industry("Banking\0x", 9)); /* a NUL inside */

    /* the older (V1) names, by the code both of LinkedIn's lists share */
    ck_assert_str_eq(or_none(ls_vocab_industry_renamed(S("Computer Software"))),
                     "Software Development");
    ck_assert_str_eq(or_none(ls_vocab_industry_renamed(S("information technology and services"))),
                     "IT Services and IT Consulting");
    ck_assert_str_eq(or_none(ls_vocab_industry_renamed(S("Internet"))),
                     "Technology, Information and Internet");
    ck_assert_str_eq(or_none(ls_vocab_industry_renamed(S("Marketing and Advertising"))),
                     "Advertising Services");
    ck_assert_str_eq(or_none(ls_vocab_industry_renamed(S("Hospital & Health Care"))),
                     "Hospitals and Health Care");
    ck_assert_str_eq(or_none(ls_vocab_industry_renamed(S("Nonprofit Organization Management"))),
                     "Non-profit Organizations");
    ck_assert_str_eq(or_none(ls_vocab_industry_renamed(S("Non-Profit Organization Management"))),
                     "Non-profit Organizations");
    ck_assert_ptr_null(ls_vocab_industry_renamed(S("Software Development")));
    ck_assert_ptr_null(ls_vocab_industry_renamed(S("Banking"))); /* the same in both */

    /* hints, then the closest spelling, then a misspelt older name */
    ck_assert_str_eq(or_none(ls_vocab_industry_suggest(S("Fintech"))), "Financial Services");
    ck_assert_str_eq(or_none(ls_vocab_industry_suggest(S(" FINTECH "))), "Financial Services");
    ck_assert_str_eq(or_none(ls_vocab_industry_suggest(S("SaaS"))), "Software Development");
    ck_assert_str_eq(or_none(ls_vocab_industry_suggest(S("Sofware Development"))),
                     "Software Development");
    ck_assert_str_eq(or_none(ls_vocab_industry_suggest(S("Staffing & Recruiting"))),
                     "Staffing and Recruiting");
    ck_assert_str_eq(or_none(ls_vocab_industry_suggest(S("Computer Sofware"))),
                     "Software Development");
    ck_assert_str_eq(or_none(ls_vocab_industry_suggest(S("Quantum Widgets"))), "(none)");
    ck_assert_str_eq(or_none(ls_vocab_industry_suggest(S(""))), "(none)");
}
END_TEST

START_TEST(functions)
{
    ck_assert_str_eq(or_none(ls_vocab_function(S("engineering"))), "Engineering");
    ck_assert_str_eq(or_none(ls_vocab_function(S("Customer Success and Support"))),
                     "Customer Success and Support");
    ck_assert_ptr_null(ls_vocab_function(S("IT")));
    ck_assert_str_eq(or_none(ls_vocab_function_suggest(S("IT"))), "Information Technology");
    ck_assert_str_eq(or_none(ls_vocab_function_suggest(S("Enginering"))), "Engineering");
    ck_assert_str_eq(or_none(ls_vocab_function_suggest(S("Product"))), "Product Management");
    ck_assert_str_eq(or_none(ls_vocab_function_suggest(S("Procurement"))), "Purchasing");
    ck_assert_str_eq(or_none(ls_vocab_function_suggest(S("Sales Ops"))), "(none)");
}
END_TEST

static ls_vocab_seniority kind(const char *s, unsigned *mask)
{
    return ls_vocab_seniority_kind(s, strlen(s), mask);
}

START_TEST(seniorities)
{
    unsigned m;
    /* labels, ASCII case ignored; documented values as documented */
    ck_assert_int_eq(kind("CXO", &m), LS_VOCAB_SENIORITY_CANONICAL);
    ck_assert_uint_eq(m, 1u << 8);
    ck_assert_int_eq(kind("cxo", &m), LS_VOCAB_SENIORITY_CANONICAL);
    ck_assert_int_eq(kind("owner / partner", &m), LS_VOCAB_SENIORITY_CANONICAL);
    ck_assert_uint_eq(m, 1u << 9);
    ck_assert_int_eq(kind("c_suite", &m), LS_VOCAB_SENIORITY_CANONICAL);
    ck_assert_int_eq(kind("owner", &m), LS_VOCAB_SENIORITY_CANONICAL);
    ck_assert_int_eq(kind("Director", &m), LS_VOCAB_SENIORITY_CANONICAL);
    ck_assert_int_eq(kind("head", &m), LS_VOCAB_SENIORITY_CANONICAL);
    ck_assert_uint_eq(m, 1u << 6 | 1u << 7);
    /* aliases: mapped, but not as written anywhere the API documents */
    ck_assert_int_eq(kind("Owner", &m), LS_VOCAB_SENIORITY_ALIAS);
    ck_assert_uint_eq(m, 1u << 9);
    ck_assert_int_eq(kind("VP", &m), LS_VOCAB_SENIORITY_ALIAS);
    ck_assert_uint_eq(m, 1u << 7);
    ck_assert_int_eq(kind("Manager", &m), LS_VOCAB_SENIORITY_ALIAS);
    ck_assert_uint_eq(m, 1u << 4 | 1u << 5);
    ck_assert_int_eq(kind("C_SUITE", &m), LS_VOCAB_SENIORITY_ALIAS);
    ck_assert_int_eq(kind(" CXO", &m), LS_VOCAB_SENIORITY_ALIAS); /* trimmed by the levels */
    ck_assert_uint_eq(m, 1u << 8);
    /* unknown */
    ck_assert_int_eq(kind("Chief", &m), LS_VOCAB_SENIORITY_UNKNOWN);
    ck_assert_uint_eq(m, 0);
    ck_assert_int_eq(kind("", &m), LS_VOCAB_SENIORITY_UNKNOWN);
    ck_assert_str_eq(or_none(ls_vocab_seniority_suggest(S("Vice Presdent"))), "Vice President");
    ck_assert_str_eq(or_none(ls_vocab_seniority_suggest(S("directr"))), "Director");
    ck_assert_str_eq(or_none(ls_vocab_seniority_suggest(S("c_suit"))), "c_suite");
    ck_assert_str_eq(or_none(ls_vocab_seniority_suggest(S("Chief"))), "(none)");
}
END_TEST

START_TEST(us_states)
{
    int also = -1;
    ck_assert_str_eq(or_none(ls_vocab_us_state(S("CA"), &also)), "California");
    ck_assert_int_eq(also, 1); /* Canada */
    ck_assert_str_eq(or_none(ls_vocab_us_state(S("ny"), &also)), "New York");
    ck_assert_int_eq(also, 0);
    ck_assert_str_eq(or_none(ls_vocab_us_state(S("DC"), &also)), "District of Columbia");
    ck_assert_ptr_null(ls_vocab_us_state(S("XX"), &also));
    ck_assert_int_eq(also, 0);
    ck_assert_ptr_null(ls_vocab_us_state(S("CAL"), &also));
    ck_assert_ptr_null(ls_vocab_us_state(S("C"), &also));
    ck_assert_ptr_null(ls_vocab_us_state("C\0", 2, &also));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("request_vocab");
    TCase *tc = tcase_create("vocab");
    tcase_add_test(tc, tables_match_data);
    tcase_add_test(tc, labels_are_in_level_order);
    tcase_add_test(tc, industries);
    tcase_add_test(tc, functions);
    tcase_add_test(tc, seniorities);
    tcase_add_test(tc, us_states);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
