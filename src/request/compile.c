/* ls_request_compile: parse, validate, then build the immutable matcher
 * form (normalized keywords, interned tokens, filter sets). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/core.h"
#include "request/filters.h"
#include "normalize/norm.h"
#include "request/request_int.h"

enum { LS_REQUEST_MAX_DEPTH = 64 };

typedef struct bctx {
    ls_request *req;
    ls_normalizer *nz;
    pcre2_match_data *md;
    int nomem;
} bctx;

static const char *const known_fields[] = {
    "personas",        "limit_by",           "filter_empty_vars", "company_headcounts",
    "linkedin_filter_link", "company_id",    "company_link",      "company_name",
    "exclude_names",   "exclude_ids",        "locations",         "company_locations",
    "lead_industries", "past_company_names", "company_types",     "groups",
    "schools",         "years_in_company",   "years_in_position", "without_company",
    "changed_jobs",    "posted_on_linkedin", "mentioned_in_news"};

int ls_is_blank(const char *p, size_t len)
{
    ls_trim_ascii_ws(&p, &len);
    return len == 0;
}

const char *const *ls_seniority_expansion(const char *entry, size_t len)
{
    static const char *const vp[] = {"vp", "svp", "evp", "gvp", "avp", NULL};
    static const char *const chief[] = {"chief", "chief officer", NULL};
    static const char *const clvl[] = {"c lvl", "chief officer", NULL};
    static const char *const cxo[] = {"cxo", "chief officer", NULL};
    /* no gvp here: as documented */
    static const char *const mgr[] = {"manager", "director", "head", "vp", "svp",
                                      "evp",     "avp",      "chief officer", NULL};
    static const struct {
        const char *key;
        const char *const *alts;
    } table[] = {{"vp", vp}, {"chief", chief}, {"c-lvl", clvl}, {"cxo", cxo}, {"manager+", mgr}};
    ls_trim_ascii_ws(&entry, &len);
    char low[16];
    if (len == 0 || len >= sizeof low)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)entry[i];
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    for (size_t t = 0; t < sizeof table / sizeof *table; t++)
        if (strlen(table[t].key) == len && memcmp(table[t].key, low, len) == 0)
            return table[t].alts;
    return NULL;
}

/* norm(s) copied into the arena. */
static const char *norm_copy(bctx *b, const char *s, size_t len, size_t *out_len)
{
    size_t n;
    const char *r = ls_normalizer_run(b->nz, s, len, &n, NULL);
    char *c = r ? ls_arena_strndup(&b->req->arena, r, n) : NULL;
    if (!c) {
        b->nomem = 1;
        *out_len = 0;
        return "";
    }
    *out_len = n;
    return c;
}

static void *alloc_array(bctx *b, size_t n, size_t size)
{
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX / size) {
        b->nomem = 1;
        return NULL;
    }
    void *p = ls_arena_alloc(&b->req->arena, n * size);
    if (!p)
        b->nomem = 1;
    return p;
}

/* Interns every token of a normalized phrase; returns the bit list. */
static uint32_t *intern_tokens(bctx *b, const char *normed, size_t len, uint32_t *count,
                               const char ***texts)
{
    size_t ntok = 0;
    for (size_t i = 0; i < len; i++)
        if (normed[i] != ' ' && (i == 0 || normed[i - 1] == ' '))
            ntok++;
    uint32_t *bits = alloc_array(b, ntok, sizeof *bits);
    const char **tx = texts ? alloc_array(b, ntok, sizeof *tx) : NULL;
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
    out->fns = alloc_array(b, fl->count, sizeof *out->fns);
    out->sens = alloc_array(b, sl->count, sizeof *out->sens);
    out->pros = alloc_array(b, pl->count, sizeof *out->pros);
    if (!out->fns || !out->sens || !out->pros)
        return;

    for (size_t j = 0; j < fl->count; j++) {
        ls_function *f = &out->fns[out->nfns++];
        size_t n;
        const char *normed = norm_copy(b, fl->items[j]->str, fl->items[j]->str_len, &n);
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
        s->alts = alloc_array(b, nalts, sizeof *s->alts);
        if (!s->alts || !s->raw)
            return;
        for (size_t a = 0; a < nalts; a++) {
            ls_alt *alt = &s->alts[s->nalts++];
            alt->text = exp ? exp[a] : s->raw;
            size_t n;
            const char *normed = norm_copy(b, alt->text, exp ? strlen(alt->text) : e->str_len, &n);
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
        const char *normed = norm_copy(b, e->str, e->str_len, &n);
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
    req->order = alloc_array(b, n, sizeof *req->order);
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

/* How a filter list's entries are keyed. */
typedef enum set_key { KEY_EXACT, KEY_NAME, KEY_NORM, KEY_ASCII_LOWER } set_key;

static void build_string_set(bctx *b, const ls_jnode *list, ls_strset *set, set_key how)
{
    for (size_t j = 0; j < list->count; j++) {
        const char *s = list->items[j]->str;
        size_t len = list->items[j]->str_len;
        if (how == KEY_NAME)
            s = ls_normalizer_name_key(b->nz, s, len, &len, NULL);
        else if (how == KEY_NORM)
            s = ls_normalizer_run(b->nz, s, len, &len, NULL);
        if (!s) {
            b->nomem = 1;
            return;
        }
        if (how == KEY_ASCII_LOWER) {
            char *c = ls_arena_strndup(&b->req->arena, s, len);
            if (!c) {
                b->nomem = 1;
                return;
            }
            for (size_t i = 0; i < len; i++)
                if (c[i] >= 'A' && c[i] <= 'Z')
                    c[i] = (char)(c[i] + 32);
            s = c;
        }
        if (ls_strset_add(set, &b->req->arena, s, len) < 0) {
            b->nomem = 1;
            return;
        }
    }
}

static ls_location *build_locations(bctx *b, const ls_jnode *list, size_t *count)
{
    ls_location *locs = alloc_array(b, list->count, sizeof *locs);
    *count = 0;
    if (!locs)
        return NULL;
    for (size_t j = 0; j < list->count; j++) {
        const char *s = list->items[j]->str;
        size_t len = list->items[j]->str_len, nparts = 1;
        for (size_t i = 0; i < len; i++)
            nparts += s[i] == ',';
        ls_location *l = &locs[(*count)++];
        l->parts = alloc_array(b, nparts, sizeof *l->parts);
        l->part_lens = alloc_array(b, nparts, sizeof *l->part_lens);
        if (!l->parts || !l->part_lens)
            return NULL;
        size_t start = 0;
        for (size_t i = 0; i <= len; i++) {
            if (i < len && s[i] != ',')
                continue;
            l->parts[l->nparts] = norm_copy(b, s + start, i - start, &l->part_lens[l->nparts]);
            l->nparts++;
            start = i + 1;
        }
    }
    return locs;
}

static unsigned years_bits(const ls_jnode *list)
{
    unsigned bits = 0;
    for (size_t j = 0; j < list->count; j++)
        bits |= 1u << (list->items[j]->str[0] - '0');
    return bits;
}

static const ls_jnode *nonempty_list(const ls_jnode *root, const char *key)
{
    const ls_jnode *n = ls_given(root, key);
    return n && n->type == LS_J_ARRAY && n->count > 0 ? n : NULL;
}

static void set_filter(ls_request *req, ls_filter_id id)
{
    req->has_filter |= 1u << id;
}

static void build_filters(bctx *b, const ls_jnode *root)
{
    ls_request *req = b->req;
    const ls_jnode *n;
    if ((n = nonempty_list(root, "exclude_names"))) {
        build_string_set(b, n, &req->exclude_names, KEY_NAME);
        set_filter(req, LS_FILTER_EXCLUDE_NAMES);
    }
    if ((n = nonempty_list(root, "exclude_ids"))) {
        build_string_set(b, n, &req->exclude_ids, KEY_EXACT);
        set_filter(req, LS_FILTER_EXCLUDE_IDS);
    }
    if ((n = nonempty_list(root, "filter_empty_vars"))) {
        static const int fields[4] = {LS_F_JOB_STARTED_ON, LS_F_PROFILE_PHOTO,
                                      LS_F_STARTED_AT_POSITION, LS_F_COMPANY_WEBSITE};
        for (int a = 0; a < 4; a++)
            for (size_t j = 0; j < n->count; j++)
                if (strcmp(n->items[j]->str, ls_filter_empty_allowed[a]) == 0) {
                    req->empty_vars[req->nempty_vars++] = fields[a];
                    break;
                }
        set_filter(req, LS_FILTER_EMPTY_VARS);
    }
    if ((n = nonempty_list(root, "locations"))) {
        req->locations = build_locations(b, n, &req->nlocations);
        set_filter(req, LS_FILTER_LOCATIONS);
    }
    if ((n = nonempty_list(root, "company_locations"))) {
        req->company_locations = build_locations(b, n, &req->ncompany_locations);
        set_filter(req, LS_FILTER_COMPANY_LOCATIONS);
    }
    if ((n = nonempty_list(root, "company_headcounts"))) {
        for (size_t j = 0; j < n->count; j++) { /* validated: one of the eight */
            int bucket = ls_headcount_bucket_of_text(n->items[j]->str, n->items[j]->str_len);
            if (bucket >= 0)
                req->headcounts |= 1u << bucket;
        }
        set_filter(req, LS_FILTER_COMPANY_HEADCOUNTS);
    }
    if ((n = nonempty_list(root, "lead_industries"))) {
        build_string_set(b, n, &req->industries, KEY_ASCII_LOWER);
        set_filter(req, LS_FILTER_LEAD_INDUSTRIES);
    }
    if ((n = nonempty_list(root, "past_company_names"))) {
        build_string_set(b, n, &req->past_companies, KEY_NORM);
        set_filter(req, LS_FILTER_PAST_COMPANY_NAMES);
    }
    if ((n = nonempty_list(root, "years_in_position"))) {
        req->years_position = years_bits(n);
        set_filter(req, LS_FILTER_YEARS_IN_POSITION);
    }
    if ((n = nonempty_list(root, "years_in_company"))) {
        req->years_company = years_bits(n);
        set_filter(req, LS_FILTER_YEARS_IN_COMPANY);
    }
    if ((n = ls_given(root, "company_id"))) {
        /* compared as text: an integer by its digits ("-0" is 0) */
        int negzero = n->type == LS_J_NUMBER && n->str[0] == '-';
        req->company_id = negzero ? "0" : ls_arena_strndup(&req->arena, n->str, n->str_len);
        req->company_id_len = negzero ? 1 : n->str_len;
        if (!req->company_id)
            b->nomem = 1;
        set_filter(req, LS_FILTER_COMPANY_ID);
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
        set_filter(req, LS_FILTER_COMPANY_LINK);
    }
    if ((n = ls_given(root, "company_name"))) {
        req->company_name = norm_copy(b, n->str, n->str_len, &req->company_name_len);
        set_filter(req, LS_FILTER_COMPANY_NAME);
    }
}

static void build_warnings(bctx *b, const ls_jnode *root)
{
    ls_request *req = b->req;
    for (size_t i = 0; i < root->count; i++) {
        int known = 0;
        for (size_t k = 0; k < sizeof known_fields / sizeof *known_fields; k++)
            known |= strcmp(root->keys[i], known_fields[k]) == 0;
        if (known)
            continue;
        const char *near = ls_suggest(root->keys[i], strlen(root->keys[i]), known_fields,
                                      sizeof known_fields / sizeof *known_fields);
        if (near ? ls_problems_addf(req->warnings, root->keys[i],
                                    "unknown request field; ignored (did you mean \"%s\"?)", near)
                 : ls_problems_add(req->warnings, root->keys[i],
                                   "unknown request field; ignored (check the spelling)"))
            b->nomem = 1;
    }
    req->not_evaluated = alloc_array(b, 7, sizeof *req->not_evaluated);
    if (!req->not_evaluated)
        return;
    for (size_t k = 0; k < 7; k++) {
        if (!ls_given(root, ls_not_evaluated_fields[k]))
            continue;
        req->not_evaluated[req->nnot_evaluated++] = ls_not_evaluated_fields[k];
        if (ls_problems_add(req->warnings, ls_not_evaluated_fields[k],
                            "no data in cached leads: NOT EVALUATED offline"))
            b->nomem = 1;
    }
    const ls_jnode *ps = ls_given(root, "personas");
    for (size_t i = 0; ps && i < ps->count; i++)
        for (size_t k = 1; k <= 3; k++) {
            const ls_jnode *l = ps->items[i]->items[k];
            for (size_t j = 0; j < l->count; j++) {
                if (!l->items[j]->bad_utf8)
                    continue;
                char path[96];
                snprintf(path, sizeof path, "personas[%zu][%zu][%zu]", i, k, j);
                if (ls_problems_add(req->warnings, path,
                                    "invalid UTF-8 or a lone surrogate was dropped from "
                                    "this keyword"))
                    b->nomem = 1;
            }
        }
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
        req->personas = alloc_array(&b, ps->count, sizeof *req->personas);
        for (size_t i = 0; req->personas && i < ps->count && !b.nomem; i++)
            build_persona(&b, ps->items[i], &req->personas[req->npersonas++]);
        if (!b.nomem)
            rank_personas(&b);
    }
    build_filters(&b, root);
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
    if (opt && opt->match_mode != LS_MATCH_DOCUMENTED && opt->match_mode != LS_MATCH_WORDS)
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
    if (ls_request_validate(root, nz, &req->pat, md, errs) != 0)
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
    ls_patterns_free(&req->pat);
    ls_problems_free(req->warnings);
    ls_arena_free(&req->arena);
    free(req);
}
