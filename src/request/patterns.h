/* The two text formats the contract defines by example: company links and
 * job start dates.  Both are PCRE2 patterns compiled once per request; each
 * matcher brings its own match data so that matching is thread-safe. */
#ifndef LS_PATTERNS_H
#define LS_PATTERNS_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

typedef struct ls_patterns {
    pcre2_code *link;
    pcre2_code *date;
} ls_patterns;

/* 0 on success, -1 when memory runs out. */
int ls_patterns_compile(ls_patterns *p);
void ls_patterns_free(ls_patterns *p);
/* Match data big enough for either pattern; NULL when memory runs out. */
pcre2_match_data *ls_patterns_match_data(const ls_patterns *p);

typedef enum ls_link_form {
    LS_FORM_NONE = 0,
    LS_FORM_COMPANY,     /* /company/<slug-or-id> */
    LS_FORM_PUB,         /* /pub/<slug> */
    LS_FORM_PUB_PROFILE, /* /pub-profile/<slug> */
    LS_FORM_SALES        /* /sales/company/<id> */
} ls_link_form;

/* Reads one of the documented company link forms (surrounding ASCII
 * whitespace ignored).  Returns the form and the identifier segment as
 * written (a slice of s), or LS_FORM_NONE. */
ls_link_form ls_link_parse(const ls_patterns *p, pcre2_match_data *md, const char *s,
                           size_t len, const char **ident, size_t *ident_len);

/* The forms, for error hints. */
extern const char ls_link_forms_hint[];

/* Reads a job start date: "Mar 2023", "March 2023", "2013", "2013-03",
 * "2013-03-15".  Returns 1 with the date (missing month/day = 1), 0 when the
 * text is not one of the forms or the date does not exist. */
int ls_date_parse(const ls_patterns *p, pcre2_match_data *md, const char *s, size_t len,
                  int *year, int *month, int *day);

/* Days in a month of the proleptic Gregorian calendar. */
int ls_days_in_month(int year, int month);

#endif
