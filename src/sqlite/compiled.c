/* A request compiled once per statement: the request argument's auxdata
 * holds it for as long as the argument stays the same (a bound parameter,
 * a literal), so a million rows cost one compile.  A request that changes
 * from row to row (a column) is compiled on each row, as it must be. */
#include <stdatomic.h>
#include <string.h>
#include "ext.h"

static atomic_ulong compiles;

unsigned long ls_sq_compile_count(void)
{
    return atomic_load(&compiles);
}

void ls_sq_compiled_free(void *p)
{
    ls_sq_compiled *c = p;
    if (!c)
        return;
    ls_matcher_free(c->m);
    ls_request_free(c->req);
    sqlite3_free(c->options);
    sqlite3_free(c);
}

/* The message for a request ls_request_compile refused. */
static char *refusal(ls_status st, ls_problems *errors, const ls_compile_options *opt)
{
    if (st == LS_E_INVALID_REQUEST) {
        char *json = NULL;
        size_t len = 0;
        char *msg = NULL;
        if (ls_problems_envelope(errors, 0, &json, &len) == LS_OK)
            msg = sqlite3_mprintf("%.*s", (int)len, json);
        ls_free(json);
        return msg;
    }
    if (st == LS_E_USAGE && opt->as_of_year)
        return sqlite3_mprintf("option as_of: %04d-%02d-%02d is not a day of the calendar",
                               opt->as_of_year, opt->as_of_month, opt->as_of_day);
    return sqlite3_mprintf("the request could not be compiled: %s", ls_status_message(st));
}

ls_status ls_sq_compile(const char *request, size_t len, const char *opts, ls_sq_compiled **out,
                        char **err)
{
    *out = NULL;
    *err = NULL;
    ls_compile_options copt;
    if (ls_sq_parse_options(opts, &copt, err) != 0)
        return *err ? LS_E_USAGE : LS_E_NOMEM;
    atomic_fetch_add(&compiles, 1);
    ls_request *req = NULL;
    ls_problems *errors = NULL;
    ls_status st = ls_request_compile(request, len, &copt, &req, &errors);
    if (st != LS_OK) {
        if (st != LS_E_NOMEM)
            *err = refusal(st, errors, &copt);
        ls_problems_free(errors);
        return *err ? st : LS_E_NOMEM;
    }
    /* by_icp has one search: mode=database is then ignored, but said, as the
     * command's --mode says it (a warning, where skipped records go too) */
    if (copt.search_mode == LS_SEARCH_DATABASE &&
        ls_request_api_of(req) == LS_REQUEST_API_BY_ICP)
        sqlite3_log(SQLITE_WARNING,
                    "leadsieve: option mode=database is for v1 requests and the request is read "
                    "as by_icp (%s); mode ignored",
                    copt.api == LS_REQUEST_API_BY_ICP
                        ? "api=by_icp"
                        : "it has no field only v1 has: api=v1 reads it as v1");
    ls_sq_compiled *c = sqlite3_malloc(sizeof *c);
    if (!c) {
        ls_request_free(req);
        return LS_E_NOMEM;
    }
    c->req = req;
    c->m = NULL;
    c->options = sqlite3_mprintf("%s", opts ? opts : "");
    if (!c->options || ls_matcher_new(req, &c->m) != LS_OK) {
        ls_sq_compiled_free(c);
        return LS_E_NOMEM;
    }
    *out = c;
    return LS_OK;
}

ls_sq_compiled *ls_sq_request(sqlite3_context *ctx, int argc, sqlite3_value **argv, int opt_arg,
                              int *fresh)
{
    *fresh = 0;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return NULL;
    const char *opts = NULL;
    if (opt_arg >= 0 && opt_arg < argc && sqlite3_value_type(argv[opt_arg]) != SQLITE_NULL)
        opts = (const char *)sqlite3_value_text(argv[opt_arg]);
    ls_sq_compiled *c = sqlite3_get_auxdata(ctx, 0);
    if (c && strcmp(c->options, opts ? opts : "") == 0)
        return c;
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    if (!text) {
        sqlite3_result_error_nomem(ctx);
        return NULL;
    }
    char *err = NULL;
    ls_status st = ls_sq_compile(text, (size_t)sqlite3_value_bytes(argv[0]), opts, &c, &err);
    if (st != LS_OK) {
        if (err)
            sqlite3_result_error(ctx, err, -1);
        else
            sqlite3_result_error_nomem(ctx);
        sqlite3_free(err);
        return NULL;
    }
    *fresh = 1;
    return c;
}

void ls_sq_keep(sqlite3_context *ctx, ls_sq_compiled *c, int fresh)
{
    if (fresh)
        sqlite3_set_auxdata(ctx, 0, c, ls_sq_compiled_free);
}
