/* ls_request_convert: a request rewritten for the other API (contract
 * addendum §3).  The DOM answers questions about the request (which API,
 * which identifiers); the output is made from the raw members, so that what
 * is kept keeps its bytes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "leadsieve/tools.h"
#include "request/convert.h"
#include "request/request_int.h"

/* ls_request_compile's depth limit: text the compiler reads, convert reads */
enum { CONVERT_MAX_DEPTH = 64, CONVERT_MAX_INDENT = 64 };

typedef struct conv {
    const ls_jnode *root;
    ls_request_api to;
    int database;
    ls_convert_member *m;
    size_t n, cap;
    ls_problems *notes, *errors;
    ls_buf name;  /* the decoded key of the member at hand */
    int nomem;
} conv;

static void note(conv *c, ls_problems *list, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void note(conv *c, ls_problems *list, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (text) {
        va_start(ap, fmt);
        vsnprintf(text, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    if (!text || ls_problems_add(list, path, text) != 0)
        c->nomem = 1;
    free(text);
}

static int has_path(const ls_problems *list, const char *path)
{
    for (size_t i = 0; i < ls_problems_count(list); i++)
        if (strcmp(ls_problems_get(list, i).path, path) == 0)
            return 1;
    return 0;
}

/* Appends a member to the output; key is a raw string body. */
static void emit(conv *c, const char *key, size_t key_len, const ls_jval *val, unsigned flags)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        ls_convert_member *m = realloc(c->m, cap * sizeof *m);
        if (!m) {
            c->nomem = 1;
            return;
        }
        c->m = m;
        c->cap = cap;
    }
    c->m[c->n++] = (ls_convert_member){key, key_len, *val};
    /* the database search's schema (addendum §2): named, each field once */
    if (c->to == LS_REQUEST_API_V1 && c->database && (flags & LS_CF_REALTIME) &&
        !has_path(c->errors, c->name.data))
        note(c, c->errors, c->name.data,
             "%s is realtime only: the database search does not accept it; remove it or "
             "convert for the realtime search", c->name.data);
}

static void keep(conv *c, const ls_jval *key, const ls_jval *val, unsigned flags)
{
    emit(c, key->p, key->len, val, flags);
}

static void to_v1(conv *c, const ls_jval *key, const ls_jval *val, unsigned flags)
{
    const char *name = c->name.data;
    if (strcmp(name, "lead_industries") == 0) {
        emit(c, "company_industries", strlen("company_industries"), val, 0);
        note(c, c->notes, name, "renamed to company_industries: v1 reads the company's industry "
                                "there, which a by_icp lead carries in industry");
    } else if (strcmp(name, "without_company") == 0) {
        note(c, c->notes, name, "removed: v1 has no without_company%s",
             val->type == LS_J_TRUE
                 ? "; a request without company_id, company_link and company_name is v1's "
                   "search without a company"
             : val->type == LS_J_FALSE ? "; false asked for a company identifier, which v1 "
                                         "does not require"
                                       : "");
    } else if (strcmp(name, "mentioned_in_news") == 0) {
        note(c, c->notes, name, "removed: v1 has no equivalent (offline it was not "
                                "evaluated either)");
    } else {
        keep(c, key, val, flags);
    }
}

static void to_by_icp(conv *c, const ls_jval *key, const ls_jval *val, unsigned flags)
{
    const char *name = c->name.data;
    if (strcmp(name, "company_industries") == 0) {
        if (ls_jnode_get(c->root, "lead_industries")) {
            note(c, c->notes, name, "removed: by_icp has one industry filter, lead_industries, "
                                    "and the request has it already; move these entries "
                                    "there if both were meant");
        } else {
            emit(c, "lead_industries", strlen("lead_industries"), val, 0);
            note(c, c->notes, name, "renamed to lead_industries: by_icp reads the company's "
                                    "industry from the lead's industry");
        }
    } else if ((flags & LS_CF_V1) && !(flags & LS_CF_BY_ICP)) {
        const char *tip = ls_convert_drop_tip(name);
        note(c, c->notes, name, "removed: by_icp has no %s%s%s", name, tip ? "; " : "",
             tip ? tip : "");
    } else {
        keep(c, key, val, flags);
    }
}

/* v1 says "no company" by naming none; by_icp must be told (contract §3). */
static void add_without_company(conv *c)
{
    static const char *const named[] = {"company_id", "company_link", "company_name",
                                        "linkedin_filter_link"};
    for (size_t i = 0; i < sizeof named / sizeof *named; i++)
        if (ls_given(c->root, named[i]))
            return;
    if (ls_jnode_get(c->root, "without_company"))
        return;
    static const ls_jval yes = {"true", 4, LS_J_TRUE, 0, 0};
    emit(c, "without_company", strlen("without_company"), &yes, 0);
    note(c, c->notes, "without_company", "added as true: the request names no company_id, "
                                         "company_link or company_name, v1's way of saying it");
}

/* The decoded key in c->name; 0, or -1 when it holds a NUL (no field's name). */
static int decode_key(conv *c, const ls_jval *key)
{
    ls_buf_clear(&c->name);
    if (ls_buf_reserve(&c->name, key->len + 1) != 0) {
        c->nomem = 1;
        return -1;
    }
    unsigned fl = 0;
    size_t n = ls_jstr_decode(key->p, key->len, c->name.data, &fl);
    c->name.data[n] = '\0';
    c->name.len = n;
    return strlen(c->name.data) == n ? 0 : -1;
}

static int is_v1(const ls_jnode *root)
{
    for (size_t i = 0; i < root->count; i++)
        if (ls_convert_field(root->keys[i]) & LS_CF_V1_ONLY)
            return 1;
    return 0;
}

static ls_jdoc *parse(const char *json, size_t len, ls_jval *raw)
{
    if (len >= 3 && memcmp(json, "\xEF\xBB\xBF", 3) == 0) {
        json += 3;
        len -= 3;
    }
    ls_jerror err;
    ls_jdoc *doc = ls_jdoc_parse(json, len, CONVERT_MAX_DEPTH, &err);
    if (doc && ls_jdoc_root(doc)->type != LS_J_OBJECT) {
        ls_jdoc_free(doc);
        return NULL;
    }
    ls_trim_ascii_ws(&json, &len); /* parsed: only JSON whitespace is around */
    *raw = (ls_jval){json, len, LS_J_OBJECT, 0, 0};
    return doc;
}

ls_request_api ls_request_api_of_json(const char *json, size_t len)
{
    ls_jval raw;
    ls_jdoc *doc = json || !len ? parse(json ? json : "", len, &raw) : NULL;
    ls_request_api api = !doc                          ? LS_REQUEST_API_AUTO
                         : is_v1(ls_jdoc_root(doc)) ? LS_REQUEST_API_V1
                                                      : LS_REQUEST_API_BY_ICP;
    ls_jdoc_free(doc);
    return api;
}

void ls_convert_options_init(ls_convert_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->indent = 2;
}

/* Text that is not a JSON object: exactly what the compiler says of it. */
static ls_status not_an_object(const char *json, size_t len, ls_problems **problems)
{
    ls_request *req = NULL;
    ls_problems *errs = NULL;
    ls_status st = ls_request_compile(json, len, NULL, &req, &errs);
    if (st == LS_OK) { /* a depth the compiler reads and convert does not */
        ls_request_free(req);
        st = LS_E_LIMIT;
    }
    if (problems && st == LS_E_INVALID_REQUEST)
        *problems = errs;
    else
        ls_problems_free(errs);
    return st;
}

static ls_status rewrite(conv *c, const ls_jval *raw, int indent, char **out, size_t *out_len)
{
    ls_request_api from = is_v1(c->root) ? LS_REQUEST_API_V1 : LS_REQUEST_API_BY_ICP;
    if (c->to == LS_REQUEST_API_AUTO)
        c->to = from == LS_REQUEST_API_V1 ? LS_REQUEST_API_BY_ICP : LS_REQUEST_API_V1;
    /* Asked for by_icp, a request is read as v1: a by_icp request then
     * keeps every field, and one that names no company gets the
     * without_company v1 means by that */
    if (c->to == LS_REQUEST_API_BY_ICP)
        from = LS_REQUEST_API_V1;
    if (c->to == from)
        note(c, c->notes, "", "the request is already a v1 request: nothing to change");
    size_t pos = 0;
    ls_jval key, val;
    while (!c->nomem && ls_jval_next(raw, &pos, &key, &val)) {
        if (decode_key(c, &key) != 0) {
            keep(c, &key, &val, 0); /* a key with a NUL names no field */
            continue;
        }
        unsigned flags = ls_convert_field(c->name.data);
        if (c->to == from)
            keep(c, &key, &val, flags);
        else if (c->to == LS_REQUEST_API_V1)
            to_v1(c, &key, &val, flags);
        else
            to_by_icp(c, &key, &val, flags);
    }
    if (c->to != from && c->to == LS_REQUEST_API_BY_ICP)
        add_without_company(c);
    if (c->nomem)
        return LS_E_NOMEM;
    if (ls_problems_count(c->errors) > 0)
        return LS_E_INVALID_REQUEST;
    ls_buf b = {0};
    if (ls_convert_put_object(&b, c->m, c->n, indent) != 0) {
        ls_buf_free(&b);
        return LS_E_NOMEM;
    }
    *out = b.data;
    if (out_len)
        *out_len = b.len;
    return LS_OK;
}

ls_status ls_request_convert(const char *json, size_t len, const ls_convert_options *opt,
                             char **out, size_t *out_len, ls_problems **problems)
{
    if (problems)
        *problems = NULL;
    if (out_len)
        *out_len = 0;
    if (!out || (!json && len))
        return LS_E_USAGE;
    *out = NULL;
    ls_convert_options dflt;
    ls_convert_options_init(&dflt);
    if (!opt)
        opt = &dflt;
    if ((unsigned)opt->to > LS_REQUEST_API_V1 || (unsigned)opt->search_mode > LS_SEARCH_DATABASE ||
        opt->indent < 0 || opt->indent > CONVERT_MAX_INDENT)
        return LS_E_USAGE;
    if (!json)
        json = "";

    ls_jval raw;
    ls_jdoc *doc = parse(json, len, &raw);
    if (!doc)
        return not_an_object(json, len, problems);
    conv c = {ls_jdoc_root(doc), opt->to, opt->search_mode == LS_SEARCH_DATABASE,
              NULL, 0, 0, ls_problems_new(), ls_problems_new(), {0}, 0};
    ls_status st = c.notes && c.errors ? rewrite(&c, &raw, opt->indent, out, out_len)
                                       : LS_E_NOMEM;
    ls_problems *give = st == LS_OK ? c.notes : st == LS_E_INVALID_REQUEST ? c.errors : NULL;
    if (problems)
        *problems = give;
    else
        give = NULL;
    if (c.notes != give)
        ls_problems_free(c.notes);
    if (c.errors != give)
        ls_problems_free(c.errors);
    free(c.m);
    ls_buf_free(&c.name);
    ls_jdoc_free(doc);
    return st;
}
