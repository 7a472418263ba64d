/* The scalar functions: ls_norm(text), and on a request (compiled once per
 * statement, compiled.c) ls_persona(request, title), ls_match(request,
 * lead) and ls_verdict(request, lead), each with an optional options
 * argument last.  An SQL NULL request, title or lead gives NULL. */
#include <string.h>
#include "ext.h"

/* ls_norm's scratch: one per connection, and SQLite calls a connection's
 * functions one at a time. */
typedef struct norm_state {
    ls_normalizer *nz;
} norm_state;

static void norm_state_free(void *p)
{
    norm_state *st = p;
    if (st)
        ls_normalizer_free(st->nz);
    sqlite3_free(st);
}

static void fn_norm(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return;
    norm_state *st = sqlite3_user_data(ctx);
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    if (!text) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    size_t len = 0;
    const char *out =
        ls_normalizer_run(st->nz, text, (size_t)sqlite3_value_bytes(argv[0]), &len, NULL);
    if (!out)
        sqlite3_result_error_nomem(ctx);
    else
        sqlite3_result_text(ctx, out, (int)len, SQLITE_TRANSIENT);
}

static void result_persona(sqlite3_context *ctx, const ls_sq_compiled *c, const ls_verdict *v)
{
    if (v->outcome == LS_MATCHED && v->persona >= 0)
        sqlite3_result_text(ctx, ls_request_persona_name(c->req, (size_t)v->persona), -1,
                            SQLITE_TRANSIENT);
    else
        sqlite3_result_null(ctx);
}

static void fn_persona(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    int fresh;
    ls_sq_compiled *c = ls_sq_request(ctx, argc, argv, 2, &fresh);
    if (!c)
        return;
    if (sqlite3_value_type(argv[1]) != SQLITE_NULL) {
        const char *title = (const char *)sqlite3_value_text(argv[1]);
        ls_verdict v;
        ls_status st = title ? ls_match_title(c->m, title, (size_t)sqlite3_value_bytes(argv[1]), &v)
                             : LS_E_NOMEM;
        if (st == LS_OK)
            result_persona(ctx, c, &v);
        else
            sqlite3_result_error_nomem(ctx);
    }
    ls_sq_keep(ctx, c, fresh);
}

/* Matches argv[1] as a lead: 1 with *v, 0 when the lead is NULL, -1 with
 * the error set (text that is not one JSON object: where and why). */
static int match_lead(sqlite3_context *ctx, const char *fname, ls_sq_compiled *c,
                      sqlite3_value *lead, ls_verdict *v)
{
    if (sqlite3_value_type(lead) == SQLITE_NULL)
        return 0;
    const char *text = (const char *)sqlite3_value_text(lead);
    if (!text) {
        sqlite3_result_error_nomem(ctx);
        return -1;
    }
    ls_status st = ls_match_lead(c->m, text, (size_t)sqlite3_value_bytes(lead), v);
    if (st == LS_OK)
        return 1;
    if (st == LS_E_MALFORMED) {
        size_t at = 0;
        const char *why = ls_matcher_error(c->m, &at);
        char *msg = sqlite3_mprintf("%s: the lead is not one JSON object: %s at byte offset %llu",
                                    fname, why, (unsigned long long)at);
        if (msg)
            sqlite3_result_error(ctx, msg, -1);
        else
            sqlite3_result_error_nomem(ctx);
        sqlite3_free(msg);
    } else if (st == LS_E_NOMEM) {
        sqlite3_result_error_nomem(ctx);
    } else {
        sqlite3_result_error(ctx, ls_status_message(st), -1);
    }
    return -1;
}

static void fn_match(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    int fresh;
    ls_sq_compiled *c = ls_sq_request(ctx, argc, argv, 2, &fresh);
    if (!c)
        return;
    ls_verdict v;
    if (match_lead(ctx, "ls_match", c, argv[1], &v) == 1)
        result_persona(ctx, c, &v);
    ls_sq_keep(ctx, c, fresh);
}

static void fn_verdict(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    int fresh;
    ls_sq_compiled *c = ls_sq_request(ctx, argc, argv, 2, &fresh);
    if (!c)
        return;
    ls_verdict v;
    if (match_lead(ctx, "ls_verdict", c, argv[1], &v) == 1) {
        sqlite3_str *s = sqlite3_str_new(sqlite3_context_db_handle(ctx));
        sqlite3_str_appendf(s, "{\"outcome\": \"%s\", \"persona\": ",
                            ls_sq_outcome_name(v.outcome));
        ls_sq_json_string_or_null(
            s, v.persona >= 0 ? ls_request_persona_name(c->req, (size_t)v.persona) : NULL);
        sqlite3_str_appendall(s, ", \"filter\": ");
        ls_sq_json_string_or_null(s, v.filter);
        sqlite3_str_appendf(s, ", \"invalid_utf8\": %s, \"not_evaluated\": %s}",
                            v.flags & LS_LEAD_INVALID_UTF8 ? "true" : "false",
                            v.flags & LS_LEAD_NOT_EVALUATED ? "true" : "false");
        int len = sqlite3_str_length(s);
        char *json = sqlite3_str_finish(s);
        if (json)
            sqlite3_result_text(ctx, json, len, sqlite3_free);
        else
            sqlite3_result_error_nomem(ctx);
    }
    ls_sq_keep(ctx, c, fresh);
}

/* The same function with and without the options argument: any other
 * count is SQLite's "wrong number of arguments". */
static int create2(sqlite3 *db, const char *name, int flags,
                   void (*fn)(sqlite3_context *, int, sqlite3_value **))
{
    int rc = sqlite3_create_function_v2(db, name, 2, flags, NULL, fn, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(db, name, 3, flags, NULL, fn, NULL, NULL, NULL);
    return rc;
}

int ls_sq_register_functions(sqlite3 *db)
{
    /* Pure functions of their arguments, safe anywhere (innocuous); those
     * that read a lead may depend on today's date (years_in_* filters). */
    const int pure = SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC;
    const int dated = SQLITE_UTF8 | SQLITE_INNOCUOUS;
    norm_state *st = sqlite3_malloc(sizeof *st);
    if (!st)
        return SQLITE_NOMEM;
    if (ls_normalizer_new(&st->nz) != LS_OK) {
        sqlite3_free(st);
        return SQLITE_NOMEM;
    }
    int rc = sqlite3_create_function_v2(db, "ls_norm", 1, pure, st, fn_norm, NULL, NULL,
                                        norm_state_free);
    if (rc == SQLITE_OK)
        rc = create2(db, "ls_persona", pure, fn_persona);
    if (rc == SQLITE_OK)
        rc = create2(db, "ls_match", dated, fn_match);
    if (rc == SQLITE_OK)
        rc = create2(db, "ls_verdict", dated, fn_verdict);
    return rc;
}
