/* Properties of request compilation and matching for ANY request bytes.
 * Shared by fuzz_request.c and tests/test_matcher_fuzz_regressions.c.
 *
 * Invalid request: LS_E_INVALID_REQUEST, no request, a non-empty problem
 * list whose paths and hints are non-NULL (hints non-empty) and whose paths
 * are distinct.  Valid request: accessors in range (limit -1 or 1..2500,
 * ranks below the persona count, unique names), and matching fixed leads
 * and titles built from the request's own keywords gives verdicts that are
 * (a) the same with the explain trace on and off, (b) the persona of lowest
 * (rank, declaration order) among those the trace calls matched, and (c)
 * backed by the contract's rules (§2) recomputed here from norm() strings:
 * function substring or whole-token phrase, seniority token containment,
 * prohibit token overlap.
 */
#ifndef LS_FUZZ_PROPS_REQUEST_H
#define LS_FUZZ_PROPS_REQUEST_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "leadsieve.h"
#include "matcher/matcher.h"

static const char *const props_req_leads[] = {
    "{\"job_title\":\"VP of Sales\",\"sales_id\":\"1\",\"full_name\":\"Ann Lee\","
    "\"location\":\"San Francisco, California, United States\",\"industry\":\"Software\","
    "\"company_id\":21828,\"linkedin_company_id\":\"21828\",\"company_name\":\"Acme\","
    "\"company_headcount_range\":\"51-200\",\"job_started_on\":\"Mar 2020\","
    "\"company_url\":\"https://www.linkedin.com/company/acme\","
    "\"jobs\":[{\"company_id\":21828,\"company_name\":\"Acme\",\"job_started_on\":\"2019\"},"
    "{\"company_name\":\"Old Co\",\"job_still_working\":false}]}",
    "{\"job_title\":\"Chief Executive Officer\",\"company_location\":\"Berlin, Germany\","
    "\"profile_photo\":null,\"company_website\":\"\",\"started_at_position\":0}",
    "{\"headline\":\"Head of IT | R&D\",\"unformatted_full_name\":\"Jos\xc3\xa9 O'Neil\","
    "\"company_headcount_range\":\"10,001+\",\"job_started_on\":\"2013-03-15\"}",
    "{\"raw_job_title\":\"Senior Marketing Manager\",\"job_title\":\"   \",\"company_id\":\"021828\"}",
    "{}",
    "{\"job_title\":\"Gesch\xc3\xa4\x66tsf\xc3\xbchrer \xff\",\"linkedin_url\":\"x\"}",
};

static const char *const props_req_titles[] = {
    "", "VP Sales", "Sales Manager", "CTO", "cpo", "Director of Engineering",
    "Account Executive", "Head of IT", "Founder & CEO", "Директор по продажам",
};

typedef struct props_req_ctx {
    ls_normalizer *nz;
} props_req_ctx;

/* Is " tok " inside " hay "?  Both are norm() strings. */
static inline int props_has_phrase(const char *hay, const char *tok)
{
    size_t hl = strlen(hay), tl = strlen(tok);
    if (tl == 0 || tl > hl)
        return 0;
    for (const char *p = hay; (p = strstr(p, tok)) != NULL; p++)
        if ((p == hay || p[-1] == ' ') && (p[tl] == '\0' || p[tl] == ' '))
            return 1;
    return 0;
}

/* norm(s) into a fresh heap string. */
static inline char *props_norm_dup(props_req_ctx *c, const char *s)
{
    size_t n = 0;
    const char *r = ls_normalizer_run(c->nz, s, strlen(s), &n, NULL);
    char *d = malloc(n + 1);
    if (d && r) {
        memcpy(d, r, n);
        d[n] = '\0';
    }
    return d;
}

/* Every token of norm(s) is a token of title (all: 1) or some is (all: 0). */
static inline int props_tokens_in(props_req_ctx *c, const char *title, const char *s, int all)
{
    char *n = props_norm_dup(c, s);
    if (!n)
        return -1;
    int any = 0, every = 1;
    for (char *save = NULL, *t = strtok_r(n, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        if (props_has_phrase(title, t))
            any = 1;
        else
            every = 0;
    }
    free(n);
    return all ? every : any;
}

static inline const char *props_check_trace(props_req_ctx *c, const ls_request *req,
                                            const ls_matcher *m, const char *title_norm)
{
    size_t np = ls_request_persona_count(req);
    ls_match_mode mode = ls_request_match_mode(req);
    for (size_t i = 0; i < np; i++) {
        const ls_persona_trace *t = ls_matcher_trace(m, i);
        if (!t)
            return "no trace for a persona";
        size_t nf = ls_request_keyword_count(req, i, LS_KW_FUNCTIONS);
        size_t ns = ls_request_keyword_count(req, i, LS_KW_SENIORITIES);
        size_t npro = ls_request_keyword_count(req, i, LS_KW_PROHIBITS);
        /* function */
        if ((nf == 0) != (t->function == -2))
            return "trace: function -2 iff the function list is empty";
        int first = -1;
        for (size_t j = 0; j < nf && first < 0; j++) {
            char *k = props_norm_dup(c, ls_request_keyword(req, i, LS_KW_FUNCTIONS, j));
            if (!k)
                return "out of memory";
            int hit = mode == LS_MATCH_WORDS ? props_has_phrase(title_norm, k)
                                             : k[0] && strstr(title_norm, k) != NULL;
            free(k);
            if (hit)
                first = (int)j;
        }
        if (nf && t->function != first)
            return "function check disagrees with norm(f) in norm(title) (contract §2)";
        /* seniority: some alternative of some entry has all its tokens */
        int sen = -1;
        for (size_t j = 0; j < ns && sen < 0; j++) {
            size_t na = ls_request_alternative_count(req, i, j);
            for (size_t a = 0; a < na && sen < 0; a++)
                if (props_tokens_in(c, title_norm, ls_request_alternative(req, i, j, a), 1) == 1)
                    sen = (int)j;
        }
        if ((ns == 0) != (t->seniority == -2))
            return "trace: seniority -2 iff the seniority list is empty";
        if (ns && t->seniority != sen)
            return "seniority check disagrees with token containment (contract §2)";
        /* prohibit: some token of some prohibit is a title token */
        int pro = -1;
        for (size_t j = 0; j < npro && pro < 0; j++)
            if (props_tokens_in(c, title_norm, ls_request_keyword(req, i, LS_KW_PROHIBITS, j), 0) == 1)
                pro = (int)j;
        if (t->prohibit != pro)
            return "prohibit check disagrees with token overlap (contract §2)";
        if (pro >= 0 && (!t->prohibit_token || !props_has_phrase(title_norm, t->prohibit_token)))
            return "trace: prohibit_token is not a title token";
        int matched = (nf == 0 || first >= 0) && (ns == 0 || sen >= 0) && pro < 0;
        if (t->matched != matched)
            return "trace: matched is not function && seniority && !prohibited";
    }
    return NULL;
}

/* The persona a verdict must name: lowest (rank, index) among matched. */
static inline int props_best_persona(const ls_request *req, const ls_matcher *m)
{
    int best = -1;
    size_t np = ls_request_persona_count(req);
    for (size_t i = 0; i < np; i++) {
        const ls_persona_trace *t = ls_matcher_trace(m, i);
        if (t && t->matched &&
            (best < 0 || ls_request_persona_rank(req, i) < ls_request_persona_rank(req, (size_t)best)))
            best = (int)i;
    }
    return best;
}

static inline const char *props_check_verdict(const ls_request *req, const ls_verdict *v,
                                              int title_only)
{
    size_t np = ls_request_persona_count(req);
    if (v->outcome != LS_MATCHED && v->outcome != LS_DROPPED_BY_FILTER &&
        v->outcome != LS_NO_PERSONA)
        return "verdict outcome out of range";
    if ((v->outcome == LS_DROPPED_BY_FILTER) != (v->filter != NULL))
        return "verdict filter set iff dropped by a filter";
    if (v->filter && ls_filter_index(v->filter) < 0)
        return "verdict filter is not one of ls_filter_names";
    if (title_only && v->outcome == LS_DROPPED_BY_FILTER)
        return "ls_match_title applied a request filter";
    if (v->persona < -1 || v->persona >= (int)np)
        return "verdict persona out of range";
    if (v->outcome == LS_MATCHED && np > 0 && v->persona < 0)
        return "matched with personas but no persona assigned";
    if (v->outcome != LS_MATCHED && v->persona >= 0)
        return "a persona assigned to a lead that did not match";
    if (v->outcome == LS_NO_PERSONA && np == 0)
        return "no-persona outcome for a request without personas";
    return NULL;
}

/* One title through both matchers (trace on and off) and the rules. */
static inline const char *props_req_title(props_req_ctx *c, const ls_request *req,
                                          ls_matcher *plain, ls_matcher *traced,
                                          const char *title)
{
    ls_verdict v1, v2;
    size_t len = strlen(title);
    if (ls_match_title(plain, title, len, &v1) != LS_OK ||
        ls_match_title(traced, title, len, &v2) != LS_OK)
        return "ls_match_title failed on a title";
    const char *why = props_check_verdict(req, &v1, 1);
    if (why)
        return why;
    if (v1.outcome != v2.outcome || v1.persona != v2.persona)
        return "trace on and off give different verdicts";
    if (ls_request_persona_count(req) == 0)
        return NULL;
    if (v2.persona != props_best_persona(req, traced))
        return "assigned persona is not the lowest (rank, order) matched one (contract §2)";
    char *tn = props_norm_dup(c, title);
    if (!tn)
        return "out of memory";
    why = props_check_trace(c, req, traced, tn);
    free(tn);
    return why;
}

static inline const char *props_req_valid(props_req_ctx *c, const ls_request *req)
{
    size_t np = ls_request_persona_count(req);
    long lim = ls_request_limit(req);
    if (lim != -1 && (lim < 1 || lim > 2500))
        return "limit_by outside 1..2500 accepted";
    for (size_t i = 0; i < np; i++) {
        const char *name = ls_request_persona_name(req, i);
        if (!name || !name[0] || !ls_request_persona_priority(req, i))
            return "persona without a name or priority";
        if (ls_request_persona_rank(req, i) >= np)
            return "persona rank not below the persona count";
        for (size_t j = 0; j < i && j < 64; j++)
            if (strcmp(name, ls_request_persona_name(req, j)) == 0)
                return "two personas with the same name accepted";
    }
    const ls_problems *w = ls_request_warnings(req);
    for (size_t i = 0; i < ls_problems_count(w); i++) {
        ls_problem p = ls_problems_get(w, i);
        if (!p.path || !p.hint)
            return "a warning with a NULL path or hint";
    }
    for (size_t i = 0; i < ls_request_not_evaluated_count(req); i++)
        if (!ls_request_not_evaluated(req, i))
            return "a NULL not-evaluated field name";

    ls_matcher *plain = NULL;
    ls_matcher *traced = NULL;
    ls_matcher_new(req, &plain);
    ls_matcher_new(req, &traced);
    const char *why = NULL;
    if (!plain || !traced)
        why = "ls_matcher_new failed";
    if (!why)
        ls_matcher_set_trace(traced, 1);
    for (size_t i = 0; !why && i < sizeof props_req_leads / sizeof *props_req_leads; i++) {
        ls_verdict v1, v2;
        const char *l = props_req_leads[i];
        if (ls_match_lead(plain, l, strlen(l), &v1) != LS_OK ||
            ls_match_lead(traced, l, strlen(l), &v2) != LS_OK)
            why = "ls_match_lead failed on a valid lead";
        else if ((why = props_check_verdict(req, &v1, 0)) == NULL &&
                 (v1.outcome != v2.outcome || v1.persona != v2.persona || v1.filter != v2.filter))
            why = "trace on and off give different lead verdicts";
    }
    if (!why) {
        ls_verdict v;
        if (ls_match_lead(plain, "[1]", 3, &v) != LS_E_MALFORMED ||
            ls_match_lead(plain, "{\"a\":", 5, &v) != LS_E_MALFORMED)
            why = "ls_match_lead accepted text that is not one JSON object";
    }
    for (size_t i = 0; !why && i < sizeof props_req_titles / sizeof *props_req_titles; i++)
        why = props_req_title(c, req, plain, traced, props_req_titles[i]);
    /* titles made of the request's own keywords, so that personas hit */
    for (size_t i = 0; !why && i < np && i < 8; i++) {
        char title[512];
        const char *f = ls_request_keyword_count(req, i, LS_KW_FUNCTIONS) ? ls_request_keyword(req, i, LS_KW_FUNCTIONS, 0) : "";
        const char *s = ls_request_keyword_count(req, i, LS_KW_SENIORITIES) ? ls_request_keyword(req, i, LS_KW_SENIORITIES, 0) : "";
        const char *p = ls_request_keyword_count(req, i, LS_KW_PROHIBITS) ? ls_request_keyword(req, i, LS_KW_PROHIBITS, 0) : "";
        snprintf(title, sizeof title, "%.200s %.200s", f, s);
        why = props_req_title(c, req, plain, traced, title);
        if (!why) {
            snprintf(title, sizeof title, "%.160s %.160s %.160s", s, f, p);
            why = props_req_title(c, req, plain, traced, title);
        }
    }
    ls_matcher_free(plain);
    ls_matcher_free(traced);
    return why;
}

static inline const char *props_request(props_req_ctx *c, const char *data, size_t n,
                                        ls_match_mode mode)
{
    ls_compile_options opt = {mode, 2024, 6, 15};
    ls_request *req = (ls_request *)&opt; /* must be overwritten */
    ls_problems *errs = (ls_problems *)&opt;
    ls_status st = ls_request_compile(data, n, &opt, &req, &errs);
    const char *why = NULL;
    if (st == LS_OK) {
        if (!req)
            return "LS_OK without a request";
        if (ls_request_match_mode(req) != mode)
            why = "the request lost its match mode";
        else
            why = props_req_valid(c, req);
        ls_request_free(req);
        return why;
    }
    if (st != LS_E_INVALID_REQUEST)
        return "ls_request_compile returned neither LS_OK nor LS_E_INVALID_REQUEST";
    if (req != NULL)
        return "an invalid request still returned a request";
    if (!errs || ls_problems_count(errs) == 0)
        why = "an invalid request without problems";
    for (size_t i = 0; !why && i < ls_problems_count(errs); i++) {
        ls_problem p = ls_problems_get(errs, i);
        if (!p.path || !p.hint || !p.hint[0])
            why = "a problem with a NULL path or an empty hint";
        for (size_t j = 0; !why && j < i && j < 64; j++)
            if (strcmp(p.path, ls_problems_get(errs, j).path) == 0)
                why = "two problems with the same path (they must be joined)";
    }
    ls_problems_free(errs);
    return why;
}

static inline int props_req_init(props_req_ctx *c)
{
    memset(c, 0, sizeof *c);
    ls_normalizer_new(&c->nz);
    return c->nz ? 0 : -1;
}

static inline void props_req_free(props_req_ctx *c)
{
    ls_normalizer_free(c->nz);
}

#endif
