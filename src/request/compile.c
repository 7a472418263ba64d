/* ls_request_compile: parse, validate, then build the immutable matcher
 * form (normalized keywords, interned tokens, filter sets). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/core.h"
#include "request/filters.h"
#include "normalize/norm.h"
#include "request/request_int.h"
#include "request/compile_int.h"
#include "request/v1.h"
#include "request/vocab.h"
#include "leadsieve/tools.h"

enum { LS_REQUEST_MAX_DEPTH = 64 };


int ls_is_blank(const char *p, size_t len)
{
    ls_trim_ascii_ws(&p, &len);
    return len == 0;
}


/* Interns every token of a normalized phrase; returns the bit list. */
static uint32_t *intern_tokens(bctx *b, const char *normed, size_t len, uint32_t *count,
                               const char ***texts)
{
    size_t ntok = 0;
    for (size_t i = 0; i < len; i++)
        if (normed[i] != ' ' && (i == 0 || normed[i - 1] == ' '))
            ntok++;
    uint32_t *bits = ls_b_alloc_array(b, ntok, sizeof *bits);
    const char **tx = texts ? ls_b_alloc_array(b, ntok, sizeof *tx) : NULL;
    *count = 0;
    if (!bits || (texts && !tx))
        return NULL;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && normed[j] != ' ')
            j++;
        if (j > i) {
            int32_t k = ls_strset_add(&b->req->tokens, &b->req->arena, normed + i, j - i);
            if (k < 0) {
                b->nomem = 1;
                return NULL;
            }
            if (tx)
                tx[*count] = b->req->tokens.keys[k];
            bits[(*count)++] = (uint32_t)k;
        }
        i = j + 1;
    }
    if (texts)
        *texts = tx;
    return bits;
}

static void build_persona(bctx *b, const ls_jnode *p, ls_persona *out)
{
    ls_request *req = b->req;
    out->name = p->items[0]->str;
    out->name_len = p->items[0]->str_len;
    out->name = ls_arena_strndup(&req->arena, out->name, out->name_len);
    out->priority = p->count >= 5 ? ls_arena_strndup(&req->arena, p->items[4]->str,
                                                     p->items[4]->str_len)
                                  : "0";
    if (!out->name || !out->priority) {
        b->nomem = 1;
        return;
    }

    const ls_jnode *fl = p->items[1], *sl = p->items[2], *pl = p->items[3];
    out->fns = ls_b_alloc_array(b, fl->count, sizeof *out->fns);
    out->sens = ls_b_alloc_array(b, sl->count, sizeof *out->sens);
    out->pros = ls_b_alloc_array(b, pl->count, sizeof *out->pros);
    if (!out->fns || !out->sens || !out->pros)
        return;

    for (size_t j = 0; j < fl->count; j++) {
        ls_function *f = &out->fns[out->nfns++];
        size_t n;
        const char *normed = ls_b_norm_copy(b, fl->items[j]->str, fl->items[j]->str_len, &n);
        f->raw = ls_arena_strndup(&req->arena, fl->items[j]->str, fl->items[j]->str_len);
        char *pad = ls_arena_alloc(&req->arena, n + 3);
        if (!pad || !f->raw) {
            b->nomem = 1;
            return;
        }
        pad[0] = ' ';
        memcpy(pad + 1, normed, n);
        pad[n + 1] = ' ';
        f->padded = pad;
        f->padded_len = n + 2;
    }

    for (size_t j = 0; j < sl->count; j++) {
        const ls_jnode *e = sl->items[j];
        ls_seniority *s = &out->sens[out->nsens++];
        s->raw = ls_arena_strndup(&req->arena, e->str, e->str_len);
        const char *const *exp = ls_seniority_expansion(e->str, e->str_len);
        size_t nalts = 1;
        if (exp)
            for (nalts = 0; exp[nalts]; nalts++)
                ;
        s->alts = ls_b_alloc_array(b, nalts, sizeof *s->alts);
        if (!s->alts || !s->raw)
            return;
        for (size_t a = 0; a < nalts; a++) {
            ls_alt *alt = &s->alts[s->nalts++];
            alt->text = exp ? exp[a] : s->raw;
            size_t n;
            const char *normed = ls_b_norm_copy(b, alt->text, exp ? strlen(alt->text) : e->str_len, &n);
            alt->bits = intern_tokens(b, normed, n, &alt->nbits, NULL);
            if (b->nomem)
                return;
        }
    }

    for (size_t j = 0; j < pl->count; j++) {
        const ls_jnode *e = pl->items[j];
        ls_prohibit *pr = &out->pros[out->npros++];
        pr->raw = ls_arena_strndup(&req->arena, e->str, e->str_len);
        size_t n;
        const char *normed = ls_b_norm_copy(b, e->str, e->str_len, &n);
        pr->bits = intern_tokens(b, normed, n, &pr->nbits, &pr->toks);
        if (b->nomem || !pr->raw) {
            b->nomem = 1;
            return;
        }
    }
}

static int cmp_priority(const ls_persona *a, const ls_persona *b)
{
    return ls_int_lexeme_cmp(a->priority, strlen(a->priority), b->priority,
                             strlen(b->priority));
}

/* Ranks (distinct priorities, exact for any size) and the evaluation order
 * (rank, declaration index): the first persona that matches in this order
 * is the one assigned. */
static int cmp_rank(const void *a, const void *b, void *personas)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    const ls_persona *p = personas;
    int c = cmp_priority(&p[i], &p[j]);
    return c ? c : (i > j) - (i < j);
}

static void rank_personas(bctx *b)
{
    ls_request *req = b->req;
    size_t n = req->npersonas;
    req->order = ls_b_alloc_array(b, n, sizeof *req->order);
    if (!req->order)
        return;
    for (size_t i = 0; i < n; i++)
        req->order[i] = i;
    /* (priority, declaration index): a total order, so the unstable qsort
     * gives the stable result, in n log n for any number of personas */
    qsort_r(req->order, n, sizeof *req->order, cmp_rank, req->personas);
    size_t rank = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && cmp_priority(&req->personas[req->order[i - 1]],
                                  &req->personas[req->order[i]]) != 0)
            rank++;
        req->personas[req->order[i]].rank = rank;
    }
}

static void build_filters(bctx *b, const ls_jnode *root)
{
    ls_request *req = b->req;
    const ls_jnode *n;
    if ((n = ls_b_nonempty_list(root, "exclude_names"))) {
        ls_b_string_set(b, n, &req->exclude_names, KEY_NAME);
        ls_b_set_filter(req, LS_FILTER_EXCLUDE_NAMES);
    }
    if ((n = ls_b_nonempty_list(root, "exclude_ids"))) {
        ls_b_string_set(b, n, &req->exclude_ids, KEY_EXACT);
        ls_b_set_filter(req, LS_FILTER_EXCLUDE_IDS);
    }
    if ((n = ls_b_nonempty_list(root, "filter_empty_vars"))) {
        static const int fields[4] = {LS_F_JOB_STARTED_ON, LS_F_PROFILE_PHOTO,
                                      LS_F_STARTED_AT_POSITION, LS_F_COMPANY_WEBSITE};
        for (int a = 0; a < 4; a++)
            for (size_t j = 0; j < n->count; j++)
                if (strcmp(n->items[j]->str, ls_filter_empty_allowed[a]) == 0) {
                    req->empty_vars[req->nempty_vars++] = fields[a];
                    break;
                }
        ls_b_set_filter(req, LS_FILTER_EMPTY_VARS);
    }
    if ((n = ls_b_nonempty_list(root, "locations"))) {
        req->locations = ls_b_locations(b, n, &req->nlocations);
        ls_b_set_filter(req, LS_FILTER_LOCATIONS);
    }
    if ((n = ls_b_nonempty_list(root, "company_locations"))) {
        req->company_locations = ls_b_locations(b, n, &req->ncompany_locations);
        ls_b_set_filter(req, LS_FILTER_COMPANY_LOCATIONS);
    }
    if ((n = ls_b_nonempty_list(root, "company_headcounts"))) {
        for (size_t j = 0; j < n->count; j++) { /* validated: one of the eight */
            int bucket = ls_headcount_bucket_of_text(n->items[j]->str, n->items[j]->str_len);
            if (bucket >= 0)
                req->headcounts |= 1u << bucket;
        }
        ls_b_set_filter(req, LS_FILTER_COMPANY_HEADCOUNTS);
    }
    if ((n = ls_b_nonempty_list(root, "lead_industries"))) {
        ls_b_string_set(b, n, &req->industries, KEY_ASCII_LOWER);
        ls_b_set_filter(req, LS_FILTER_LEAD_INDUSTRIES);
    }
    if ((n = ls_b_nonempty_list(root, "past_company_names"))) {
        ls_b_string_set(b, n, &req->past_companies, KEY_NORM);
        ls_b_set_filter(req, LS_FILTER_PAST_COMPANY_NAMES);
    }
    if ((n = ls_b_nonempty_list(root, "years_in_position"))) {
        req->years_position = ls_b_years_bits(n);
        ls_b_set_filter(req, LS_FILTER_YEARS_IN_POSITION);
    }
    if ((n = ls_b_nonempty_list(root, "years_in_company"))) {
        req->years_company = ls_b_years_bits(n);
        ls_b_set_filter(req, LS_FILTER_YEARS_IN_COMPANY);
    }
    if ((n = ls_given(root, "company_id"))) {
        /* compared as text: an integer by its digits ("-0" is 0) */
        int negzero = n->type == LS_J_NUMBER && n->str[0] == '-';
        req->company_id = negzero ? "0" : ls_arena_strndup(&req->arena, n->str, n->str_len);
        req->company_id_len = negzero ? 1 : n->str_len;
        if (!req->company_id)
            b->nomem = 1;
        ls_b_set_filter(req, LS_FILTER_COMPANY_ID);
    }
    if ((n = ls_given(root, "company_link"))) {
        const char *id;
        size_t idl;
        ls_link_form form = ls_link_parse(&req->pat, b->md, n->str, n->str_len, &id, &idl);
        int numeric = form == LS_FORM_SALES;
        if (form == LS_FORM_COMPANY) {
            numeric = 1;
            for (size_t i = 0; i < idl; i++)
                numeric &= id[i] >= '0' && id[i] <= '9';
        }
        char *v = ls_arena_strndup(&req->arena, id, idl);
        if (!v) {
            b->nomem = 1;
            return;
        }
        if (!numeric)
            for (size_t i = 0; i < idl; i++)
                if (v[i] >= 'A' && v[i] <= 'Z')
                    v[i] = (char)(v[i] + 32);
        req->link_kind = numeric ? LS_LINK_ID : LS_LINK_SLUG;
        req->link_value = v;
        req->link_value_len = idl;
        ls_b_set_filter(req, LS_FILTER_COMPANY_LINK);
    }
    if ((n = ls_given(root, "company_name"))) {
        req->company_name = ls_b_norm_copy(b, n->str, n->str_len, &req->company_name_len);
        ls_b_set_filter(req, LS_FILTER_COMPANY_NAME);
    }
}

/* A warning, with the lint rule it belongs to (-1: the rule its path
 * implies: an unknown field, a field not evaluated, a keyword's UTF-8). */
static void warn(bctx *b, int rule, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void warn(bctx *b, int rule, const char *path, const char *fmt, ...)
{
    ls_request *req = b->req;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t i = ls_problems_count(req->warnings);
    if (i >= req->warning_rules_cap) {
        size_t cap = req->warning_rules_cap ? 2 * req->warning_rules_cap : 16;
        int *r = realloc(req->warning_rules, cap * sizeof *r);
        if (!r) {
            b->nomem = 1;
            return;
        }
        req->warning_rules = r;
        req->warning_rules_cap = cap;
    }
    if (ls_problems_add(req->warnings, path, msg) != 0) {
        b->nomem = 1;
        return;
    }
    req->warning_rules[i] = rule;
}

static void warn_unknown_fields(bctx *b, const ls_jnode *root, const char *const *known,
                                size_t nknown)
{
    for (size_t i = 0; i < root->count; i++) {
        int is_known = 0;
        for (size_t k = 0; k < nknown; k++)
            is_known |= strcmp(root->keys[i], known[k]) == 0;
        if (is_known)
            continue;
        const char *near = ls_suggest(root->keys[i], strlen(root->keys[i]), known, nknown);
        if (near)
            warn(b, -1, root->keys[i], "unknown request field; ignored (did you mean \"%s\"?)",
                 near);
        else
            warn(b, -1, root->keys[i], "unknown request field; ignored (check the spelling)");
    }
}

static void warn_not_evaluated(bctx *b, const ls_jnode *root, const char *const *fields,
                               size_t n)
{
    ls_request *req = b->req;
    req->not_evaluated = ls_b_alloc_array(b, n, sizeof *req->not_evaluated);
    if (!req->not_evaluated)
        return;
    for (size_t k = 0; k < n; k++) {
        if (!ls_given(root, fields[k]))
            continue;
        req->not_evaluated[req->nnot_evaluated++] = fields[k];
        warn(b, -1, fields[k], "no data in cached leads: NOT EVALUATED offline");
    }
}

static void warn_bad_utf8(bctx *b, const ls_jnode *root)
{
    const ls_jnode *ps = ls_given(root, "personas");
    for (size_t i = 0; ps && i < ps->count; i++)
        for (size_t k = 1; k <= 3; k++) {
            const ls_jnode *l = ps->items[i]->items[k];
            for (size_t j = 0; j < l->count; j++) {
                if (!l->items[j]->bad_utf8)
                    continue;
                char path[96];
                snprintf(path, sizeof path, "personas[%zu][%zu][%zu]", i, k, j);
                warn(b, -1, path,
                     "invalid UTF-8 or a lone surrogate was dropped from this keyword");
            }
        }
}

static int v1_note(void *user, int rule, const char *path, const char *message)
{
    bctx *b = user;
    warn(b, rule, path, "%s", message);
    return b->nomem ? -1 : 0;
}

/* What a v1 request evaluates only in part offline (addendum §2). */
static void warn_v1_partial(bctx *b, const ls_jnode *root)
{
    if (ls_b_nonempty_list(root, "company_types"))
        warn(b, LS_LINT_NOT_EVALUATED, "company_types",
             "evaluated on leads with company.type or company_type; leads without either are "
             "kept, not evaluated, and counted");
    if (ls_given(root, "num_of_connections"))
        warn(b, LS_LINT_NOT_EVALUATED, "num_of_connections",
             "evaluated on leads with num_of_connections or connections_count; leads without "
             "either are kept, not evaluated, and counted");
    if (ls_b_nonempty_list(root, "keywords"))
        warn(b, LS_LINT_NOT_EVALUATED, "keywords",
             "read in headline, job_description, summary and skills; a lead with none of them "
             "fails this filter offline");
    const ls_jnode *n = ls_given(root, "strict");
    for (size_t j = 0; n && j < n->count; j++) {
        const char *s = n->items[j]->str;
        if (strcmp(s, "locations") == 0 || strcmp(s, "company_locations") == 0)
            continue;
        char path[96];
        snprintf(path, sizeof path, "strict[%zu]", j);
        warn(b, LS_LINT_NOT_EVALUATED, path,
             "strict \"%s\" is accepted and NOT EVALUATED offline (only locations and "
             "company_locations are)", s);
    }
    if (ls_v1_vocab_check(root, v1_note, b) != 0)
        b->nomem = 1;
}

static void build_warnings(bctx *b, const ls_jnode *root)
{
    if (b->req->v1.api == LS_REQUEST_API_V1) {
        warn_unknown_fields(b, root, ls_v1_fields, ls_v1_field_count);
        warn_not_evaluated(b, root, ls_v1_not_evaluated_fields, ls_v1_not_evaluated_count);
        warn_v1_partial(b, root);
    } else {
        warn_unknown_fields(b, root, ls_by_icp_fields, ls_by_icp_field_count);
        warn_not_evaluated(b, root, ls_not_evaluated_fields, 7);
    }
    warn_bad_utf8(b, root);
}

static int today_utc(int *y, int *m, int *d)
{
    time_t now = time(NULL);
    struct tm tm;
    if (now == (time_t)-1 || !gmtime_r(&now, &tm))
        return -1;
    *y = tm.tm_year + 1900;
    *m = tm.tm_mon + 1;
    *d = tm.tm_mday;
    return 0;
}

static ls_status build(ls_request *req, const ls_jnode *root, const ls_compile_options *opt,
                       ls_normalizer *nz, pcre2_match_data *md)
{
    bctx b = {req, nz, md, 0};
    req->mode = opt ? opt->match_mode : LS_MATCH_DOCUMENTED;
    if (opt && (opt->as_of_year || opt->as_of_month || opt->as_of_day)) {
        if (opt->as_of_year < 1 || opt->as_of_year > 9999 || opt->as_of_month < 1 ||
            opt->as_of_month > 12 || opt->as_of_day < 1 ||
            opt->as_of_day > ls_days_in_month(opt->as_of_year, opt->as_of_month))
            return LS_E_USAGE;
        req->as_of_y = opt->as_of_year;
        req->as_of_m = opt->as_of_month;
        req->as_of_d = opt->as_of_day;
    } else if (today_utc(&req->as_of_y, &req->as_of_m, &req->as_of_d) != 0) {
        return LS_E_INTERNAL;
    }
    req->limit = -1;
    const ls_jnode *n = ls_given(root, "limit_by");
    if (n)
        req->limit = strtol(n->str, NULL, 10);

    const ls_jnode *ps = ls_given(root, "personas");
    if (ps && ps->count > 0) {
        req->personas = ls_b_alloc_array(&b, ps->count, sizeof *req->personas);
        for (size_t i = 0; req->personas && i < ps->count && !b.nomem; i++)
            build_persona(&b, ps->items[i], &req->personas[req->npersonas++]);
        if (!b.nomem)
            rank_personas(&b);
    }
    build_filters(&b, root);
    if (req->v1.api == LS_REQUEST_API_V1)
        ls_b_v1_filters(&b, root);
    build_warnings(&b, root);
    return b.nomem ? LS_E_NOMEM : LS_OK;
}

/* 1-based line and column (in bytes) of offset in text. */
static void text_position(const char *text, size_t len, size_t offset, size_t *line,
                          size_t *column)
{
    size_t start = 0;
    *line = 1;
    for (size_t i = 0; i < offset && i < len; i++)
        if (text[i] == '\n') {
            (*line)++;
            start = i + 1;
        }
    *column = offset - start + 1;
}

/* The mistakes people make writing JSON by hand, recognised where the
 * parser stopped, as the end of the hint. */
static const char *likely_cause(const char *text, size_t len, size_t offset, const char *said)
{
    if (strstr(said, "comma before"))
        return ": JSON allows none, remove it"; /* the parser said it already */
    if (offset >= len)
        return "; the text ends before the request does: a bracket or a quote left open?";
    char c = text[offset];
    size_t k = offset;
    while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t' || text[k - 1] == '\n' ||
                     text[k - 1] == '\r'))
        k--;
    if ((c == '}' || c == ']') && k > 0 && text[k - 1] == ',')
        return "; a comma before a closing bracket: JSON allows none, remove it";
    if (c == '\'')
        return "; strings and keys take double quotes in JSON";
    if (c == '"' && k > 0 && text[k - 1] != ',' && text[k - 1] != '{' && text[k - 1] != '[' &&
        text[k - 1] != ':')
        return "; a comma may be missing before it";
    return "; send one JSON object";
}

ls_status ls_request_compile(const char *json, size_t len, const ls_compile_options *opt,
                             ls_request **out, ls_problems **errors)
{
    if (!out || (!json && len))
        return LS_E_USAGE;
    *out = NULL;
    if (errors)
        *errors = NULL;
    if (opt && ((opt->match_mode != LS_MATCH_DOCUMENTED && opt->match_mode != LS_MATCH_WORDS) ||
                (unsigned)opt->api > LS_REQUEST_API_V1 ||
                (unsigned)opt->search_mode > LS_SEARCH_DATABASE))
        return LS_E_USAGE;

    ls_request *req = calloc(1, sizeof *req);
    ls_problems *errs = ls_problems_new();
    ls_normalizer *nz = NULL;
    ls_normalizer_new(&nz);
    pcre2_match_data *md = NULL;
    ls_jdoc *doc = NULL;
    ls_status st = LS_E_NOMEM;
    if (!req || !errs || !nz || ls_patterns_compile(&req->pat) != 0)
        goto done;
    req->warnings = ls_problems_new();
    md = ls_patterns_match_data(&req->pat);
    if (!req->warnings || !md)
        goto done;

    /* A request saved by an editor may start with a UTF-8 BOM, as lead
     * files may (contract §5): skipped the same way. */
    if (json && len >= 3 && memcmp(json, "\xEF\xBB\xBF", 3) == 0) {
        json += 3;
        len -= 3;
    }
    ls_jerror jerr;
    doc = ls_jdoc_parse(json ? json : "", len, LS_REQUEST_MAX_DEPTH, &jerr);
    if (!doc) {
        size_t line, column;
        text_position(json ? json : "", len, jerr.offset, &line, &column);
        if (ls_problems_addf(errs, "",
                             "the request is not valid JSON: %s at line %zu, column %zu (byte "
                             "%zu)%s",
                             jerr.message, line, column, jerr.offset,
                             likely_cause(json ? json : "", len, jerr.offset, jerr.message)) !=
                0)
            goto done;
        st = LS_E_INVALID_REQUEST;
        goto done;
    }
    const ls_jnode *root = ls_jdoc_root(doc);
    req->v1.api = opt && opt->api != LS_REQUEST_API_AUTO ? opt->api
                  : ls_request_json_is_v1(root)          ? LS_REQUEST_API_V1
                                                         : LS_REQUEST_API_BY_ICP;
    req->v1.mode = opt ? opt->search_mode : LS_SEARCH_REALTIME;
    if ((req->v1.api == LS_REQUEST_API_V1
             ? ls_request_validate_v1(root, req->v1.mode, nz, &req->pat, md, errs)
             : ls_request_validate(root, nz, &req->pat, md, errs)) != 0)
        goto done;
    if (ls_problems_count(errs) > 0) {
        st = LS_E_INVALID_REQUEST;
        goto done;
    }
    st = build(req, root, opt, nz, md);

done:
    pcre2_match_data_free(md);
    ls_jdoc_free(doc);
    ls_normalizer_free(nz);
    if (st == LS_OK) {
        ls_problems_free(errs);
        *out = req;
        return LS_OK;
    }
    ls_request_free(req);
    if (st == LS_E_INVALID_REQUEST && errors)
        *errors = errs;
    else
        ls_problems_free(errs);
    return st;
}

void ls_request_free(ls_request *req)
{
    if (!req)
        return;
    ls_strset_free(&req->tokens);
    ls_strset_free(&req->exclude_names);
    ls_strset_free(&req->exclude_ids);
    ls_strset_free(&req->industries);
    ls_strset_free(&req->past_companies);
    ls_strset *v1sets[] = {&req->v1.company_industries, &req->v1.exclude_company_industries,
                           &req->v1.exclude_lead_industries, &req->v1.company_types,
                           &req->v1.first_names, &req->v1.last_names,
                           &req->v1.past_company_ids, &req->v1.exclude_past_company_ids,
                           &req->v1.exclude_current_company_ids};
    for (size_t i = 0; i < sizeof v1sets / sizeof *v1sets; i++)
        ls_strset_free(v1sets[i]);
    free(req->warning_rules);
    ls_patterns_free(&req->pat);
    ls_problems_free(req->warnings);
    ls_arena_free(&req->arena);
    free(req);
}
