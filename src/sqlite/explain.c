/* ls_explain(request, lead[, options]): the library's explain record of one
 * lead as JSON (`leadsieve explain --format jsonl`'s line, file "lead_json"
 * and line 1).  The lead is explained on its own: no earlier row makes it
 * a duplicate. */
#include <string.h>
#include "ext.h"

typedef struct one {
    const ls_explain *ex;
    char *json; /* sqlite3_malloc'ed */
    int len;
    int records, failed;
} one;

static int on_record(void *user, const ls_explain_record *rec)
{
    one *o = user;
    if (++o->records > 1)
        return 1;
    char *json = NULL;
    size_t len = 0;
    if (ls_explain_record_json(o->ex, rec, &json, &len) == LS_OK && len < (size_t)1 << 30 &&
        (o->json = sqlite3_malloc((int)len + 1)) != NULL) {
        memcpy(o->json, json, len + 1);
        o->len = (int)len;
    } else {
        o->failed = 1;
    }
    ls_free(json);
    return 0;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The text is explained only when a read of it gives that one object as
 * its one lead, as ls_match_lead takes it: a response ({"leads": [...]})
 * or an object read as a request is not explained as something else. */
static const char *not_one_lead(const char *text, size_t len, ls_status *st)
{
    ls_leads *leads = NULL;
    *st = ls_leads_new(NULL, &leads);
    if (*st == LS_OK)
        *st = ls_leads_add_memory(leads, "lead_json", text, len);
    const char *why = NULL;
    if (*st == LS_OK) {
        size_t n = ls_leads_count(leads), got = 0, start = 0, end = len;
        while (start < end && is_ws(text[start]))
            start++;
        while (end > start && is_ws(text[end - 1]))
            end--;
        if (n == 1)
            ls_leads_get(leads, 0, &got);
        if (n != 1 || got != end - start)
            why = n ? "a response: explain each of its leads on its own"
                    : "read as a request, an error envelope or a document leadsieve wrote, "
                      "not a lead";
    }
    ls_leads_free(leads);
    return why;
}

static void error(sqlite3_context *ctx, char *msg)
{
    if (msg)
        sqlite3_result_error(ctx, msg, -1);
    else
        sqlite3_result_error_nomem(ctx);
    sqlite3_free(msg);
}

/* The record of text[0..len) as the result, or the error why none. */
static void explain_one(sqlite3_context *ctx, ls_sq_compiled *c, const char *text, size_t len)
{
    ls_verdict v;
    ls_status st = ls_match_lead(c->m, text, len, &v);
    if (st == LS_E_MALFORMED) {
        size_t at = 0;
        const char *why = ls_matcher_error(c->m, &at);
        error(ctx, sqlite3_mprintf("ls_explain: the lead is not one JSON object: %s "
                                   "at byte offset %llu", why, (unsigned long long)at));
        return;
    }
    const char *why = st == LS_OK ? not_one_lead(text, len, &st) : NULL;
    if (why) {
        error(ctx, sqlite3_mprintf("ls_explain: the lead is %s", why));
        return;
    }
    ls_explain *ex = NULL;
    one o = {NULL, NULL, 0, 0, 0};
    ls_explain_options opt;
    ls_explain_options_init(&opt);
    if (st == LS_OK)
        st = ls_explain_new(c->req, &opt, on_record, &o, &ex);
    o.ex = ex;
    if (st == LS_OK)
        st = ls_explain_add_memory(ex, "lead_json", text, len);
    if (st == LS_OK && o.records == 1 && !o.failed) {
        sqlite3_result_text(ctx, o.json, o.len, sqlite3_free);
        o.json = NULL;
    } else if (st == LS_OK && !o.failed) {
        sqlite3_result_error(ctx, "ls_explain: the lead gave no explain record", -1);
    } else {
        sqlite3_result_error_nomem(ctx);
    }
    sqlite3_free(o.json);
    ls_explain_free(ex);
}

static void fn_explain(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    int fresh;
    ls_sq_compiled *c = ls_sq_request(ctx, argc, argv, 2, &fresh);
    if (!c)
        return;
    if (sqlite3_value_type(argv[1]) != SQLITE_NULL) {
        const char *text = (const char *)sqlite3_value_text(argv[1]);
        if (text)
            explain_one(ctx, c, text, (size_t)sqlite3_value_bytes(argv[1]));
        else
            sqlite3_result_error_nomem(ctx);
    }
    ls_sq_keep(ctx, c, fresh);
}

int ls_sq_register_explain(sqlite3 *db)
{
    const int flags = SQLITE_UTF8 | SQLITE_INNOCUOUS;
    int rc = sqlite3_create_function_v2(db, "ls_explain", 2, flags, NULL, fn_explain, NULL, NULL,
                                        NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(db, "ls_explain", 3, flags, NULL, fn_explain, NULL, NULL,
                                        NULL);
    return rc;
}
