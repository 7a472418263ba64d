/* Seniority levels (addendum §2 "Seniority levels"): every row of the
 * value mapping, every title rule through the real normalizer, and which
 * rule wins when several apply. */
#include <check.h>
#include "check_run.h"
#include <string.h>
#include "normalize/norm.h"
#include "request/level.h"
#include "request/request_int.h"

#define B(l) (1u << (l))

static unsigned mask_kind(const char *s, ls_level_value_kind *kind)
{
    return ls_level_mask_of_value_kind(s, strlen(s), kind);
}

static int level_of(const char *title)
{
    ls_normalizer *nz = NULL;
    ck_assert_int_eq(ls_normalizer_new(&nz), LS_OK);
    int level = -2;
    ck_assert_int_eq(ls_level_of_title(nz, title, strlen(title), &level), LS_OK);
    ls_normalizer_free(nz);
    return level;
}

START_TEST(labels_in_order)
{
    static const char *const want[] = {"In Training",    "Entry Level",         "Senior",
                                       "Strategic",      "Entry Level Manager", "Experienced Manager",
                                       "Director",       "Vice President",      "CXO",
                                       "Owner / Partner"};
    ck_assert_uint_eq(ls_level_count(), 10);
    ck_assert_uint_eq(LS_LEVELS, 10);
    for (size_t i = 0; i < 10; i++) {
        ck_assert_str_eq(ls_level_name(i), want[i]);
        ls_level_value_kind k;
        ck_assert_uint_eq(mask_kind(want[i], &k), B(i));
        ck_assert_int_eq(k, LS_LEVEL_VALUE_LABEL);
    }
    ck_assert_ptr_null(ls_level_name(10));
    ck_assert_ptr_null(ls_level_name((size_t)-1));
}
END_TEST

/* The documented request values, exactly as documented. */
START_TEST(snake_case_values)
{
    static const struct {
        const char *v;
        unsigned mask;
    } rows[] = {
        {"owner", B(LS_LEVEL_OWNER)},
        {"partner", B(LS_LEVEL_OWNER)},
        {"founder", B(LS_LEVEL_OWNER)},
        {"c_suite", B(LS_LEVEL_CXO)},
        {"vp", B(LS_LEVEL_VP)},
        {"head", B(LS_LEVEL_DIRECTOR) | B(LS_LEVEL_VP)},
        {"director", B(LS_LEVEL_DIRECTOR)},
        {"manager", B(LS_LEVEL_ENTRY_MANAGER) | B(LS_LEVEL_EXPERIENCED_MANAGER)},
        {"senior", B(LS_LEVEL_SENIOR)},
        {"entry", B(LS_LEVEL_ENTRY)},
        {"intern", B(LS_LEVEL_IN_TRAINING)},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        ls_level_value_kind k;
        ck_assert_msg(mask_kind(rows[i].v, &k) == rows[i].mask, "%s", rows[i].v);
        ck_assert_int_eq(k, LS_LEVEL_VALUE_SNAKE_CASE);
        ck_assert_uint_eq(ls_level_mask_of_value(rows[i].v, strlen(rows[i].v)), rows[i].mask);
    }
    ck_assert_uint_eq(B(LS_LEVEL_EXPERIENCED_MANAGER), 1u << 5);
    ck_assert_uint_eq(B(LS_LEVEL_OWNER), 1u << 9);
}
END_TEST

/* Lead-side values and other spellings: the same levels, read as aliases
 * (what a request is warned about). */
START_TEST(aliases_and_case)
{
    static const struct {
        const char *v;
        unsigned mask;
    } rows[] = {
        {"C-Suite", B(LS_LEVEL_CXO)},
        {"c-suite", B(LS_LEVEL_CXO)},
        {"VP", B(LS_LEVEL_VP)},
        {"Manager", B(LS_LEVEL_ENTRY_MANAGER) | B(LS_LEVEL_EXPERIENCED_MANAGER)},
        {"Intern", B(LS_LEVEL_IN_TRAINING)},
        {"Owner", B(LS_LEVEL_OWNER)},
        {"Partner", B(LS_LEVEL_OWNER)},
        {"Founder", B(LS_LEVEL_OWNER)},
        {"HEAD", B(LS_LEVEL_DIRECTOR) | B(LS_LEVEL_VP)},
        {"cxo", B(LS_LEVEL_CXO)},
        {"owner / partner", B(LS_LEVEL_OWNER)},
        {"VICE PRESIDENT", B(LS_LEVEL_VP)},
        {"entry level", B(LS_LEVEL_ENTRY)},
        {"in training", B(LS_LEVEL_IN_TRAINING)},
        {"C_SUITE", B(LS_LEVEL_CXO)},
        {"SENIOR", B(LS_LEVEL_SENIOR)},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        ls_level_value_kind k;
        ck_assert_msg(mask_kind(rows[i].v, &k) == rows[i].mask, "%s", rows[i].v);
        ck_assert_msg(k == LS_LEVEL_VALUE_ALIAS, "%s: kind %d", rows[i].v, (int)k);
    }
    /* label and snake_case spelt alike: each exact spelling is its own kind */
    ls_level_value_kind k;
    ck_assert_uint_eq(mask_kind("Director", &k), B(LS_LEVEL_DIRECTOR));
    ck_assert_int_eq(k, LS_LEVEL_VALUE_LABEL);
    ck_assert_uint_eq(mask_kind("director", &k), B(LS_LEVEL_DIRECTOR));
    ck_assert_int_eq(k, LS_LEVEL_VALUE_SNAKE_CASE);
}
END_TEST

START_TEST(trimmed_and_unknown)
{
    ls_level_value_kind k;
    ck_assert_uint_eq(mask_kind("  CXO\t\r\n", &k), B(LS_LEVEL_CXO));
    ck_assert_int_eq(k, LS_LEVEL_VALUE_LABEL);
    ck_assert_uint_eq(mask_kind(" owner ", &k), B(LS_LEVEL_OWNER));
    ck_assert_int_eq(k, LS_LEVEL_VALUE_SNAKE_CASE);
    static const char *const unknown[] = {"",        "   ",       "Boss",      "Owner/Partner",
                                          "c suite", "c_level",   "ceo",       "Chief",
                                          "Vice-President", "Entry-Level", "managers", "v p",
                                          "Owner / Partner / Founder", "In\xc2\xa0Training"};
    for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
        ck_assert_msg(mask_kind(unknown[i], &k) == 0, "%s", unknown[i]);
        ck_assert_int_eq(k, LS_LEVEL_VALUE_UNKNOWN);
    }
    ck_assert_uint_eq(ls_level_mask_of_value(NULL, 0), 0);
    ck_assert_uint_eq(ls_level_mask_of_value(NULL, 4), 0);
    /* the length counts, not a NUL */
    ck_assert_uint_eq(ls_level_mask_of_value("vpx", 2), B(LS_LEVEL_VP));
}
END_TEST

START_TEST(vocabulary_is_the_canonical_values)
{
    size_t n = 0;
    const char *const *v = ls_level_vocabulary(&n);
    ck_assert_uint_eq(n, 21);
    for (size_t i = 0; i < n; i++) {
        ls_level_value_kind k;
        ck_assert_msg(mask_kind(v[i], &k) != 0, "%s", v[i]);
        ck_assert_int_eq(k, i < 10 ? LS_LEVEL_VALUE_LABEL : LS_LEVEL_VALUE_SNAKE_CASE);
        if (i < 10)
            ck_assert_str_eq(v[i], ls_level_name(i));
    }
    ck_assert_ptr_eq(ls_level_vocabulary(NULL), v);
}
END_TEST

/* The CXO rule reads contract §2's expansions of "Chief" and "C-lvl" as
 * written; they must be normalized text already. */
START_TEST(expansions_are_normalized)
{
    static const char *const entries[] = {"chief", "c-lvl"};
    ls_normalizer *nz = NULL;
    ck_assert_int_eq(ls_normalizer_new(&nz), LS_OK);
    for (size_t e = 0; e < 2; e++) {
        const char *const *alts = ls_seniority_expansion(entries[e], strlen(entries[e]));
        ck_assert_ptr_nonnull(alts);
        for (; *alts; alts++)
            ck_assert_str_eq(ls_normalizer_run(nz, *alts, strlen(*alts), NULL, NULL), *alts);
    }
    ls_normalizer_free(nz);
}
END_TEST

typedef struct {
    const char *title;
    int level;
} row;

static void check_rows(const row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int got = level_of(rows[i].title);
        ck_assert_msg(got == rows[i].level, "\"%s\": %s, expected %s", rows[i].title,
                      got >= 0 ? ls_level_name((size_t)got) : "error",
                      ls_level_name((size_t)rows[i].level));
    }
}

#define CHECK_ROWS(r) check_rows(r, sizeof r / sizeof *r)

/* Each rule alone. */
START_TEST(each_rule)
{
    static const row rows[] = {
        /* founder / owner / partner */
        {"Founder", LS_LEVEL_OWNER},
        {"Co-Owner", LS_LEVEL_OWNER},
        {"Managing Partner", LS_LEVEL_OWNER},
        /* Chief (chief), C-lvl (c lvl), president without vp */
        {"CEO", LS_LEVEL_CXO},               /* chief executive officer */
        {"Chief of Staff", LS_LEVEL_CXO},    /* chief staff */
        {"CPO", LS_LEVEL_CXO},               /* cpo chief officer */
        {"C-lvl executive", LS_LEVEL_CXO},   /* c lvl executive */
        {"lvl c", LS_LEVEL_CXO},             /* tokens, in any order (§2) */
        {"President", LS_LEVEL_CXO},
        {"Pres.", LS_LEVEL_CXO},             /* pres -> president */
        /* vp */
        {"VP Sales", LS_LEVEL_VP},
        {"Vice President of Sales", LS_LEVEL_VP}, /* vp sales */
        /* head / director */
        {"Head of IT", LS_LEVEL_DIRECTOR},
        {"Director of Engineering", LS_LEVEL_DIRECTOR},
        {"Dir. Marketing", LS_LEVEL_DIRECTOR},
        {"MD", LS_LEVEL_DIRECTOR},           /* managing director */
        /* manager */
        {"Product Manager", LS_LEVEL_EXPERIENCED_MANAGER},
        {"Mgr, Accounts", LS_LEVEL_EXPERIENCED_MANAGER},
        {"GM", LS_LEVEL_EXPERIENCED_MANAGER}, /* general manager */
        /* senior / lead / principal */
        {"Senior Engineer", LS_LEVEL_SENIOR},
        {"Sr. Engineer", LS_LEVEL_SENIOR},
        {"Team Lead", LS_LEVEL_SENIOR},
        {"Principal Scientist", LS_LEVEL_SENIOR},
        /* intern / trainee / apprentice / student */
        {"Intern", LS_LEVEL_IN_TRAINING},
        {"Marketing Trainee", LS_LEVEL_IN_TRAINING},
        {"Apprentice Electrician", LS_LEVEL_IN_TRAINING},
        {"PhD Student", LS_LEVEL_IN_TRAINING},
        /* none */
        {"Software Engineer", LS_LEVEL_ENTRY},
        {"", LS_LEVEL_ENTRY},
        {"Associate", LS_LEVEL_ENTRY},
    };
    CHECK_ROWS(rows);
}
END_TEST

/* Several rules apply: the first one wins. */
START_TEST(first_rule_wins)
{
    static const row rows[] = {
        {"Founder & CEO", LS_LEVEL_OWNER},
        {"CEO and Co-Founder", LS_LEVEL_OWNER},
        {"Partner, VP Sales", LS_LEVEL_OWNER},
        {"CTO & VP Engineering", LS_LEVEL_CXO},          /* chief before vp */
        {"Vice President & Chief of Staff", LS_LEVEL_CXO}, /* vp chief staff */
        {"President & COO", LS_LEVEL_CXO},
        /* "Vice President" normalizes to "vp": no president token is left */
        {"Vice President", LS_LEVEL_VP},
        /* president with vp is not CXO: the vp rule takes it */
        {"VP, President", LS_LEVEL_VP},
        {"VP, Head of Sales", LS_LEVEL_VP},
        {"Director, Product Management", LS_LEVEL_DIRECTOR}, /* not manager */
        {"Head of Interns", LS_LEVEL_DIRECTOR},
        {"Senior Manager", LS_LEVEL_EXPERIENCED_MANAGER},    /* manager before senior */
        {"Lead Product Manager", LS_LEVEL_EXPERIENCED_MANAGER},
        {"Lead Intern", LS_LEVEL_SENIOR},                    /* lead before intern */
        {"Senior Student Advisor", LS_LEVEL_SENIOR},
    };
    CHECK_ROWS(rows);
}
END_TEST

/* Whole tokens only, and the readings the rules give as written. */
START_TEST(tokens_not_substrings)
{
    static const row rows[] = {
        {"Partnerships Manager", LS_LEVEL_EXPERIENCED_MANAGER}, /* partnerships != partner */
        {"Ownership Analyst", LS_LEVEL_ENTRY},
        {"Headhunter", LS_LEVEL_ENTRY},
        {"Team Leader", LS_LEVEL_ENTRY},               /* leader != lead */
        {"Presidential Fellow", LS_LEVEL_ENTRY},
        {"Mischief Maker", LS_LEVEL_ENTRY},
        {"Directorate Clerk", LS_LEVEL_ENTRY},
        {"Internal Auditor", LS_LEVEL_ENTRY},          /* internal != intern */
        /* §2's C-lvl expansion is "c lvl": "C-Level" has "level", not "lvl" */
        {"C-Level Executive", LS_LEVEL_ENTRY},
        /* the vp rule is the token vp; svp, evp are other tokens */
        {"SVP, Sales", LS_LEVEL_ENTRY},
        {"EVP, President", LS_LEVEL_CXO},              /* president without vp */
        /* abbreviations that expand into a rule's token count as written */
        {"HRBP", LS_LEVEL_OWNER},                      /* human resources business partner */
        {"CSM", LS_LEVEL_EXPERIENCED_MANAGER},         /* customer success manager */
        {"Генеральный директор", LS_LEVEL_ENTRY},       /* direktor, not director */
        {"DIRECTOR", LS_LEVEL_DIRECTOR},
        {"Directeur Général", LS_LEVEL_ENTRY},
    };
    CHECK_ROWS(rows);
}
END_TEST

START_TEST(infer_on_normed_text)
{
    ck_assert_int_eq(ls_level_infer_normed("c lvl", 5), LS_LEVEL_CXO);
    ck_assert_int_eq(ls_level_infer_normed("c", 1), LS_LEVEL_ENTRY);
    ck_assert_int_eq(ls_level_infer_normed("chief officer", 13), LS_LEVEL_CXO);
    ck_assert_int_eq(ls_level_infer_normed("vp sales", 8), LS_LEVEL_VP);
    ck_assert_int_eq(ls_level_infer_normed("vp sales", 1), LS_LEVEL_ENTRY); /* "v" */
    ck_assert_int_eq(ls_level_infer_normed("", 0), LS_LEVEL_ENTRY);
    ck_assert_int_eq(ls_level_infer_normed(NULL, 3), LS_LEVEL_ENTRY);
    ck_assert_int_eq(ls_level_infer_normed("sales head", 10), LS_LEVEL_DIRECTOR);
}
END_TEST

START_TEST(of_title_errors)
{
    ls_normalizer *nz = NULL;
    ck_assert_int_eq(ls_normalizer_new(&nz), LS_OK);
    int level = 3;
    ck_assert_int_eq(ls_level_of_title(NULL, "CEO", 3, &level), LS_E_USAGE);
    ck_assert_int_eq(level, -1);
    level = 3;
    ck_assert_int_eq(ls_level_of_title(nz, NULL, 3, &level), LS_E_USAGE);
    ck_assert_int_eq(level, -1);
    ck_assert_int_eq(ls_level_of_title(nz, "CEO", 3, NULL), LS_E_USAGE);
    ck_assert_int_eq(ls_level_of_title(nz, NULL, 0, &level), LS_OK);
    ck_assert_int_eq(level, LS_LEVEL_ENTRY);
    /* the length counts: "CEO" cut to "CE" */
    ck_assert_int_eq(ls_level_of_title(nz, "CEO", 2, &level), LS_OK);
    ck_assert_int_eq(level, LS_LEVEL_ENTRY);
    ls_normalizer_free(nz);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("request_level");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, labels_in_order);
    tcase_add_test(tc, snake_case_values);
    tcase_add_test(tc, aliases_and_case);
    tcase_add_test(tc, trimmed_and_unknown);
    tcase_add_test(tc, vocabulary_is_the_canonical_values);
    tcase_add_test(tc, expansions_are_normalized);
    tcase_add_test(tc, each_rule);
    tcase_add_test(tc, first_rule_wins);
    tcase_add_test(tc, tokens_not_substrings);
    tcase_add_test(tc, infer_on_normed_text);
    tcase_add_test(tc, of_title_errors);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ls_check_run(suite());
}
