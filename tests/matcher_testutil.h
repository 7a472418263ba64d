/* Helpers for the matcher tests.  Requests and leads are written with single
 * quotes for readability; q() turns them into JSON (no apostrophes needed). */
#ifndef MATCHER_TESTUTIL_H
#define MATCHER_TESTUTIL_H
#include <check.h>
#include "check_run.h"
#include <stdlib.h>
#include <string.h>
#include "leadsieve.h"
#include "matcher/matcher.h"

static inline char *q(const char *s)
{
    char *c = strdup(s);
    ck_assert_ptr_nonnull(c);
    for (char *p = c; *p; p++)
        if (*p == '\'')
            *p = '"';
    return c;
}

/* Compiles a request that must be valid (documented mode, as-of 2024-06-15). */
static inline ls_request *compile_mode(const char *json, ls_match_mode mode)
{
    char *j = q(json);
    ls_compile_options opt = {mode, 2024, 6, 15};
    ls_request *req = NULL;
    ls_problems *errs = NULL;
    ls_status st = ls_request_compile(j, strlen(j), &opt, &req, &errs);
    if (st != LS_OK) {
        for (size_t i = 0; i < ls_problems_count(errs); i++)
            fprintf(stderr, "  %s: %s\n", ls_problems_get(errs, i).path,
                    ls_problems_get(errs, i).hint);
        ck_abort_msg("request did not compile (%d): %s", (int)st, json);
    }
    free(j);
    return req;
}

static inline ls_request *compile_ok(const char *json)
{
    return compile_mode(json, LS_MATCH_DOCUMENTED);
}

/* Compiles a request that must be invalid; returns its problems. */
static inline ls_problems *compile_err(const char *json)
{
    char *j = q(json);
    ls_request *req = NULL;
    ls_problems *errs = NULL;
    ls_status st = ls_request_compile(j, strlen(j), NULL, &req, &errs);
    ck_assert_msg(st == LS_E_INVALID_REQUEST, "expected invalid: %s (status %d)", json, (int)st);
    ck_assert_ptr_null(req);
    ck_assert_ptr_nonnull(errs);
    free(j);
    return errs;
}

static inline const char *hint_of(const ls_problems *p, const char *path)
{
    for (size_t i = 0; i < ls_problems_count(p); i++)
        if (strcmp(ls_problems_get(p, i).path, path) == 0)
            return ls_problems_get(p, i).hint;
    return NULL;
}

/* The problem list has exactly these keys (NULL-terminated), any order. */
static inline void assert_keys(const ls_problems *p, const char *const *keys)
{
    size_t n = 0;
    for (; keys[n]; n++)
        ck_assert_msg(hint_of(p, keys[n]) != NULL, "missing problem key '%s'", keys[n]);
    if (ls_problems_count(p) != n)
        for (size_t i = 0; i < ls_problems_count(p); i++)
            fprintf(stderr, "  got %s: %s\n", ls_problems_get(p, i).path,
                    ls_problems_get(p, i).hint);
    ck_assert_uint_eq(ls_problems_count(p), n);
}

#define ASSERT_KEYS(p, ...)                                       \
    do {                                                          \
        static const char *const k_[] = {__VA_ARGS__, NULL};      \
        assert_keys((p), k_);                                     \
    } while (0)

/* Name of the persona a bare title gets; NULL when none. */
static inline const char *title_persona(const ls_request *req, const char *title)
{
    ls_matcher *m = NULL;
    ls_matcher_new(req, &m);
    ck_assert_ptr_nonnull(m);
    ls_verdict v;
    ck_assert_int_eq(ls_match_title(m, title, strlen(title), &v), LS_OK);
    ls_matcher_free(m);
    if (v.persona < 0) {
        ck_assert_int_eq(v.outcome, ls_request_persona_count(req) ? LS_NO_PERSONA : LS_MATCHED);
        return NULL;
    }
    ck_assert_int_eq(v.outcome, LS_MATCHED);
    return ls_request_persona_name(req, (size_t)v.persona);
}

static inline ls_verdict lead_verdict(const ls_request *req, const char *lead)
{
    char *j = q(lead);
    ls_matcher *m = NULL;
    ls_matcher_new(req, &m);
    ck_assert_ptr_nonnull(m);
    ls_verdict v;
    ck_assert_int_eq(ls_match_lead(m, j, strlen(j), &v), LS_OK);
    ls_matcher_free(m);
    free(j);
    return v;
}

/* The filter that drops the lead, or "" when it passes the filters. */
static inline const char *dropped_by(const ls_request *req, const char *lead)
{
    ls_verdict v = lead_verdict(req, lead);
    if (v.outcome == LS_DROPPED_BY_FILTER) {
        ck_assert_ptr_nonnull(v.filter);
        /* the id names the same filter */
        ck_assert_int_ge(v.filter_id, 0);
        ck_assert_int_lt(v.filter_id, LS_FILTER__COUNT);
        ck_assert_ptr_eq(ls_filter_names[v.filter_id], v.filter);
        return v.filter;
    }
    ck_assert_ptr_null(v.filter);
    ck_assert_int_eq(v.filter_id, -1);
    return "";
}

#define KEEP(req, lead) ck_assert_str_eq(dropped_by((req), (lead)), "")
#define DROP(req, lead, f) ck_assert_str_eq(dropped_by((req), (lead)), (f))

#define TITLE_IS(req, title, name)                                      \
    do {                                                                \
        const char *got_ = title_persona((req), (title));               \
        ck_assert_msg(got_ && strcmp(got_, (name)) == 0,                \
                      "title '%s': expected %s, got %s", (title), (name), \
                      got_ ? got_ : "(none)");                          \
    } while (0)
#define TITLE_NONE(req, title)                                          \
    do {                                                                \
        const char *got_ = title_persona((req), (title));               \
        ck_assert_msg(!got_, "title '%s': expected no persona, got %s", (title), got_); \
    } while (0)

#endif
