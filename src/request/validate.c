/* Request validation (contract §2, §3, §4, §6): every problem at once, keyed
 * by the JSON path of the offending value, each hint saying what to change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/core.h"
#include "request/request_int.h"
#include "request/validate_int.h"

const char *const ls_not_evaluated_fields[7] = {
    "company_types", "changed_jobs", "posted_on_linkedin", "mentioned_in_news",
    "groups",        "schools",      "linkedin_filter_link"};
const char *const ls_filter_empty_allowed[4] = {"job_started_on", "profile_photo",
                                                "started_at_position", "company_website"};

static const char *const string_lists[] = {"exclude_names",     "exclude_ids",
                                           "locations",         "company_locations",
                                           "lead_industries",   "past_company_names",
                                           "company_types"};
static const char *const int_lists[] = {"groups", "schools"};
static const char *const booleans[] = {"without_company", "changed_jobs",
                                       "posted_on_linkedin", "mentioned_in_news"};
static const char *const identifiers[] = {"company_id", "company_link", "company_name"};
static const char years_hint[] =
    "use an id from 1 to 5 (1: <1 year, 2: 1-2, 3: 3-5, 4: 6-10, 5: >10 years)";

void ls_v_add(vctx *v, const char *path, const char *fmt, ...)
{
    ls_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || ls_buf_reserve(&b, (size_t)n) != 0) {
        v->nomem = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(b.data, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (ls_problems_add(v->errs, path, b.data) != 0)
        v->nomem = 1;
    ls_buf_free(&b);
}

const ls_jnode *ls_given(const ls_jnode *root, const char *key)
{
    const ls_jnode *n = ls_jnode_get(root, key);
    return n && n->type != LS_J_NULL ? n : NULL;
}

int ls_node_is_integer(const ls_jnode *n)
{
    if (!n || n->type != LS_J_NUMBER || !n->str || n->str_len == 0)
        return 0;
    size_t i = n->str[0] == '-';
    if (i == n->str_len)
        return 0;
    for (; i < n->str_len; i++)
        if (n->str[i] < '0' || n->str[i] > '9')
            return 0;
    return 1;
}

/* Sign and magnitude (leading zeros skipped; -0 is 0). */
static void int_parts(const char *s, size_t len, int *neg, const char **mag, size_t *mlen)
{
    *neg = len && s[0] == '-';
    if (*neg)
        s++, len--;
    while (len > 1 && s[0] == '0')
        s++, len--;
    if (len == 1 && s[0] == '0')
        *neg = 0;
    *mag = s;
    *mlen = len;
}

int ls_int_lexeme_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    int na, nb;
    const char *ma, *mb;
    size_t la, lb;
    int_parts(a, alen, &na, &ma, &la);
    int_parts(b, blen, &nb, &mb, &lb);
    if (na != nb)
        return na ? -1 : 1;
    int c = la != lb ? (la < lb ? -1 : 1) : memcmp(ma, mb, la);
    if (c > 0)
        c = 1;
    else if (c < 0)
        c = -1;
    return na ? -c : c;
}

/* 1 when norm(s) is empty; -1 when memory runs out. */
int ls_v_norm_is_empty(vctx *v, const ls_jnode *s)
{
    size_t len = 0;
    if (!ls_normalizer_run(v->nz, s->str, s->str_len, &len, NULL)) {
        v->nomem = 1;
        return -1;
    }
    return len == 0;
}

/* The names seen so far, to find a repeated one at once: a request with
 * tens of thousands of personas must not cost their square. */
typedef struct seen_names {
    ls_strset set;
    ls_arena arena;
    size_t *first; /* by set index: the persona that used the name first */
} seen_names;

static void check_persona(vctx *v, const ls_jnode *p, size_t i, seen_names *names)
{
    static const char *const labels[4] = {NULL, "function", "seniority", "prohibit"};
    char path[96];
    snprintf(path, sizeof path, "personas[%zu]", i);
    if (p->type != LS_J_ARRAY) {
        ls_v_add(v, path, "a persona must be a list [name, functions, seniorities, prohibits, "
                     "priority?]");
        return;
    }
    if (p->count < 4)
        ls_v_add(v, path,
            "persona has %zu element%s; it needs [name, functions, seniorities, prohibits] "
            "and optionally an integer priority",
            p->count, p->count == 1 ? "" : "s");
    if (p->count > 5) {
        snprintf(path, sizeof path, "personas[%zu][5]", i);
        ls_v_add(v, path, "a persona has at most 5 elements [name, functions, seniorities, "
                     "prohibits, priority]; remove this one and any after it");
    }
    if (p->count >= 1) {
        const ls_jnode *name = p->items[0];
        snprintf(path, sizeof path, "personas[%zu][0]", i);
        if (name->type != LS_J_STRING) {
            ls_v_add(v, path, "the persona name must be a string");
        } else if (name->str_len == 0) {
            ls_v_add(v, path, "the persona name must not be empty");
        } else if (memchr(name->str, '\0', name->str_len)) {
            /* "A\u0000B" would be written, compared as a label and printed
             * as "A": two names that differ after a NUL would look alike */
            ls_v_add(v, path, "the persona name contains a NUL character (U+0000); remove it");
        } else {
            int32_t k = ls_strset_find(&names->set, name->str, name->str_len);
            if (k >= 0) {
                ls_v_add(v, path, "persona name \"%s\" is already used by personas[%zu]; "
                             "names must be unique", name->str, names->first[k]);
            } else if ((k = ls_strset_add(&names->set, &names->arena, name->str,
                                          name->str_len)) < 0) {
                v->nomem = 1;
            } else {
                names->first[k] = i;
            }
        }
    }
    for (size_t k = 1; k <= 3 && k < p->count; k++) {
        const ls_jnode *list = p->items[k];
        snprintf(path, sizeof path, "personas[%zu][%zu]", i, k);
        if (list->type != LS_J_ARRAY) {
            ls_v_add(v, path, "%s keywords must be a list of strings (use [] for none)", labels[k]);
            continue;
        }
        for (size_t j = 0; j < list->count; j++) {
            const ls_jnode *kw = list->items[j];
            snprintf(path, sizeof path, "personas[%zu][%zu][%zu]", i, k, j);
            if (kw->type != LS_J_STRING)
                ls_v_add(v, path, "%s keyword must be a string", labels[k]);
            else if (ls_v_norm_is_empty(v, kw) == 1)
                ls_v_add(v, path, "%s \"%s\" is empty after normalization; remove it", labels[k],
                    kw->str);
        }
    }
    if (p->count >= 5 && !ls_node_is_integer(p->items[4])) {
        snprintf(path, sizeof path, "personas[%zu][4]", i);
        ls_v_add(v, path, "priority must be an integer (lower = higher priority); omit it for "
                     "the default 0");
    }
}

void ls_v_personas(vctx *v, const ls_jnode *root)
{
    const ls_jnode *ps = ls_given(root, "personas");
    if (!ps)
        return;
    if (ps->type != LS_J_ARRAY) {
        ls_v_add(v, "personas", "personas must be a list of [name, functions, seniorities, "
                           "prohibits, priority?] lists");
        return;
    }
    seen_names names;
    memset(&names, 0, sizeof names);
    names.first = calloc(ps->count ? ps->count : 1, sizeof *names.first);
    if (!names.first) {
        v->nomem = 1;
        return;
    }
    for (size_t i = 0; i < ps->count; i++)
        check_persona(v, ps->items[i], i, &names);
    ls_strset_free(&names.set);
    ls_arena_free(&names.arena);
    free(names.first);
}

static int reduced_limit(const ls_jnode *root)
{
    const ls_jnode *wc = ls_jnode_get(root, "without_company");
    return (wc && wc->type == LS_J_TRUE) || ls_given(root, "linkedin_filter_link");
}

static void check_limit(vctx *v, const ls_jnode *root)
{
    const ls_jnode *n = ls_given(root, "limit_by");
    if (!n)
        return;
    int reduced = reduced_limit(root);
    long cap = reduced ? 2400 : 2500;
    int ok = 0;
    if (ls_node_is_integer(n) && n->str[0] != '-' && n->str_len <= 6) {
        long val = 0;
        for (size_t i = 0; i < n->str_len; i++)
            val = val * 10 + (n->str[i] - '0');
        ok = val >= 1 && val <= cap;
    }
    if (!ok)
        ls_v_add(v, "limit_by", "limit_by must be an integer from 1 to %ld%s; omit it for no limit",
            cap, reduced ? " (with without_company or linkedin_filter_link)" : "");
}

void ls_v_string_list(vctx *v, const ls_jnode *root, const char *key)
{
    char path[96];
    const ls_jnode *n = ls_given(root, key);
    if (!n)
        return;
    if (n->type != LS_J_ARRAY) {
        ls_v_add(v, key, "%s must be a list of strings", key);
        return;
    }
    for (size_t j = 0; j < n->count; j++) {
        if (n->items[j]->type == LS_J_STRING)
            continue;
        snprintf(path, sizeof path, "%s[%zu]", key, j);
        ls_v_add(v, path, "%s entries must be strings", key);
    }
}

void ls_v_int_list(vctx *v, const ls_jnode *root, const char *key)
{
    char path[96];
    const ls_jnode *n = ls_given(root, key);
    if (!n)
        return;
    if (n->type != LS_J_ARRAY) {
        ls_v_add(v, key, "%s must be a list of integer ids", key);
        return;
    }
    for (size_t j = 0; j < n->count; j++) {
        if (ls_node_is_integer(n->items[j]))
            continue;
        snprintf(path, sizeof path, "%s[%zu]", key, j);
        ls_v_add(v, path, "%s entries must be integer ids", key);
    }
}

static void check_lists(vctx *v, const ls_jnode *root)
{
    for (size_t k = 0; k < sizeof string_lists / sizeof *string_lists; k++)
        ls_v_string_list(v, root, string_lists[k]);
    for (size_t k = 0; k < sizeof int_lists / sizeof *int_lists; k++)
        ls_v_int_list(v, root, int_lists[k]);
}

const char *ls_v_suggest_spelling(const ls_jnode *e, const char *const *allowed,
                                    size_t nallowed)
{
    return e->type == LS_J_STRING ? ls_suggest(e->str, e->str_len, allowed, nallowed) : NULL;
}

/* A range as leads write it ("2-10", "501-1,000") or a number of
 * employees names its bucket; else the closest spelling. */
const char *ls_v_suggest_headcount(const ls_jnode *e, const char *const *allowed,
                                     size_t nallowed)
{
    int bucket = -1;
    if (e->type == LS_J_STRING)
        bucket = ls_headcount_bucket_of_text(e->str, e->str_len);
    else if (e->type == LS_J_NUMBER)
        bucket = ls_headcount_bucket_of_number(e->str, e->str_len);
    if (bucket >= 0)
        return ls_headcount_values[bucket];
    return ls_v_suggest_spelling(e, allowed, nallowed);
}

void ls_v_enum_list(vctx *v, const ls_jnode *root, const char *key, const char *const *allowed,
                    size_t nallowed, const char *what, ls_v_suggest_fn suggest)
{
    const ls_jnode *n = ls_given(root, key);
    if (!n)
        return;
    ls_buf list = {0};
    for (size_t a = 0; a < nallowed; a++)
        if (ls_buf_printf(&list, "%s%s", a ? ", " : "", allowed[a]) != 0)
            v->nomem = 1;
    const char *names = list.data ? list.data : "";
    if (n->type != LS_J_ARRAY) {
        ls_v_add(v, key, "%s must be a list; allowed values: %s", key, names);
    } else {
        char path[96], hint[96];
        for (size_t j = 0; j < n->count; j++) {
            const ls_jnode *e = n->items[j];
            int ok = 0;
            for (size_t a = 0; e->type == LS_J_STRING && a < nallowed; a++)
                ok |= strlen(allowed[a]) == e->str_len &&
                      memcmp(allowed[a], e->str, e->str_len) == 0;
            if (ok)
                continue;
            snprintf(path, sizeof path, "%s[%zu]", key, j);
            const char *near = suggest(e, allowed, nallowed);
            hint[0] = '\0';
            if (near)
                snprintf(hint, sizeof hint, " (did you mean \"%s\"?)", near);
            if (e->type == LS_J_STRING)
                ls_v_add(v, path, "\"%s\" is not %s%s; use one of: %s", e->str, what, hint, names);
            else
                ls_v_add(v, path, "a %s entry must be a string%s; use one of: %s", key, hint, names);
        }
    }
    ls_buf_free(&list);
}

void ls_v_years(vctx *v, const ls_jnode *root, const char *key)
{
    const ls_jnode *n = ls_given(root, key);
    if (!n)
        return;
    if (n->type != LS_J_ARRAY) {
        ls_v_add(v, key, "%s must be a list of ids 1-5 (1: <1 year, 2: 1-2, 3: 3-5, 4: 6-10, "
                    "5: >10 years)", key);
        return;
    }
    char path[96];
    for (size_t j = 0; j < n->count; j++) {
        const ls_jnode *e = n->items[j];
        int ok = ls_node_is_integer(e) && e->str_len == 1 && e->str[0] >= '1' && e->str[0] <= '5';
        if (ok)
            continue;
        snprintf(path, sizeof path, "%s[%zu]", key, j);
        ls_v_add(v, path, "%s", years_hint);
    }
}

void ls_v_identifier_values(vctx *v, const ls_jnode *root, const ls_patterns *pat,
                            pcre2_match_data *md)
{
    const ls_jnode *n = ls_given(root, "company_id");
    if (n) {
        int ok = 0;
        if (ls_node_is_integer(n))
            ok = n->str[0] != '-' || (n->str_len == 2 && n->str[1] == '0');
        else if (n->type == LS_J_STRING && n->str_len > 0) {
            ok = 1;
            for (size_t i = 0; i < n->str_len; i++)
                ok &= n->str[i] >= '0' && n->str[i] <= '9';
        }
        if (!ok)
            ls_v_add(v, "company_id", "company_id must be a numeric LinkedIn company id: an "
                                 "integer or a string of digits, e.g. 21828 or \"21828\"");
    }
    n = ls_given(root, "company_link");
    if (n) {
        const char *id;
        size_t idl;
        if (n->type != LS_J_STRING ||
            ls_link_parse(pat, md, n->str, n->str_len, &id, &idl) == LS_FORM_NONE)
            ls_v_add(v, "company_link", "unsupported company_link; use one of the accepted forms: %s",
                ls_link_forms_hint);
    }
    n = ls_given(root, "company_name");
    if (n) {
        if (n->type != LS_J_STRING)
            ls_v_add(v, "company_name", "company_name must be a string");
        else if (ls_v_norm_is_empty(v, n) == 1)
            ls_v_add(v, "company_name",
                "company_name is empty after normalization; give the company's name");
    }
}

size_t ls_v_identifiers_present(const ls_jnode *root, const char *present[3])
{
    size_t npresent = 0;
    for (size_t k = 0; k < 3; k++)
        if (ls_given(root, identifiers[k]))
            present[npresent++] = identifiers[k];
    return npresent;
}

void ls_v_boolean(vctx *v, const ls_jnode *root, const char *key)
{
    const ls_jnode *n = ls_given(root, key);
    if (n && n->type != LS_J_TRUE && n->type != LS_J_FALSE)
        ls_v_add(v, key, "%s must be true or false", key);
}

static void check_identifiers(vctx *v, const ls_jnode *root, const ls_patterns *pat,
                              pcre2_match_data *md)
{
    ls_v_identifier_values(v, root, pat, md);
    const char *present[3];
    size_t npresent = ls_v_identifiers_present(root, present);
    const ls_jnode *wc = ls_jnode_get(root, "without_company");
    if (wc && wc->type == LS_J_TRUE) {
        for (size_t k = 0; k < npresent; k++)
            ls_v_add(v, present[k], "%s cannot be combined with without_company: true; remove one "
                               "of them", present[k]);
    } else if (!ls_given(root, "linkedin_filter_link")) {
        if (npresent == 0)
            ls_v_add(v, "company_id", "give exactly one of company_id, company_link, company_name, "
                                 "or set without_company: true");
        else if (npresent > 1)
            for (size_t k = 0; k < npresent; k++)
                ls_v_add(v, present[k], "give exactly one of company_id, company_link, "
                                   "company_name; remove the others");
    }
}

int ls_request_validate(const ls_jnode *root, ls_normalizer *nz, const ls_patterns *pat,
                        pcre2_match_data *md, ls_problems *errs)
{
    vctx v = {errs, nz, 0};
    if (!root || root->type != LS_J_OBJECT) {
        ls_v_add(&v, "", "the request must be a JSON object, e.g. {\"personas\": [...], "
                    "\"company_id\": 21828}");
        return v.nomem ? -1 : 0;
    }
    ls_v_personas(&v, root);
    check_limit(&v, root);
    check_lists(&v, root);
    ls_v_enum_list(&v, root, "filter_empty_vars", ls_filter_empty_allowed, 4, "a supported field",
              ls_v_suggest_spelling);
    ls_v_enum_list(&v, root, "company_headcounts", ls_headcount_values, LS_HEADCOUNT_BUCKETS,
              "a headcount range", ls_v_suggest_headcount);
    ls_v_years(&v, root, "years_in_company");
    ls_v_years(&v, root, "years_in_position");
    for (size_t k = 0; k < sizeof booleans / sizeof *booleans; k++)
        ls_v_boolean(&v, root, booleans[k]);
    const ls_jnode *lfl = ls_given(root, "linkedin_filter_link");
    if (lfl && lfl->type != LS_J_STRING)
        ls_v_add(&v, "linkedin_filter_link", "linkedin_filter_link must be a URL string");
    check_identifiers(&v, root, pat, md);
    return v.nomem ? -1 : 0;
}
