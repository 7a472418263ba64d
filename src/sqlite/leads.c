/* ls_leads(path[, request[, options]]): the leads of a file or directory as
 * rows, read as `leadsieve filter` reads them (ls_leads_*), each with its
 * input and line, its position in input order, its duplicate key, and
 * whether it duplicates an earlier lead (first seen wins); with a request,
 * also the persona, outcome and dropping filter a filter run gives it
 * (ls_run_add_leads with on_lead: CSV export headers and duplicates as the
 * command has them).  The leads are read when the query starts and held
 * in memory (about the size of the input).  An unreadable input is an SQL
 * error; records skipped as they are in a run go to sqlite3_log. */
#include <stddef.h>
#include <string.h>
#include "ext.h"

enum {
    COL_LEAD, COL_FILE, COL_LINE, COL_POSITION, COL_KEY, COL_DUPLICATE, COL_PERSONA,
    COL_OUTCOME, COL_FILTER, COL_PATH, COL_REQUEST, COL_OPTIONS
};
static const char schema[] =
    "CREATE TABLE x(lead TEXT, file TEXT, line INTEGER, position INTEGER, key TEXT, "
    "duplicate INTEGER, persona TEXT, outcome TEXT, filter TEXT, "
    "path HIDDEN, request HIDDEN, options HIDDEN)";

/* A run over the leads only to learn their keys and duplicates. */
static const char keys_only_request[] = "{\"without_company\": true, \"limit_by\": 1}";

typedef struct row {
    size_t key_off, key_len;
    int has_key, duplicate, persona, outcome;
    const char *filter;
} row;

typedef struct cursor {
    sqlite3_vtab_cursor base;
    ls_leads *leads;
    row *rows;
    size_t n, i;
    char *keys; /* every key, back to back */
    size_t keys_len, keys_cap;
    ls_sq_compiled *c;  /* the request given, else NULL */
    sqlite3_value *args[3]; /* path, request, options as given */
    char *io_error;     /* the first input that could not be read */
    int failed;         /* memory ran out in a callback */
} cursor;

static int x_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                     sqlite3_vtab **out, char **err)
{
    (void)aux, (void)argc, (void)argv, (void)err;
    int rc = sqlite3_declare_vtab(db, schema);
    if (rc != SQLITE_OK)
        return rc;
    /* it reads files: not from a view or trigger a database file brings */
    sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
    sqlite3_vtab *vt = sqlite3_malloc(sizeof *vt);
    if (!vt)
        return SQLITE_NOMEM;
    memset(vt, 0, sizeof *vt);
    *out = vt;
    return SQLITE_OK;
}

static int x_disconnect(sqlite3_vtab *vt)
{
    sqlite3_free(vt);
    return SQLITE_OK;
}

/* The arguments are equality constraints on the hidden columns: path is
 * required, request and options follow it.  idxNum: bit k = hidden column
 * k given, each passed to xFilter in column order. */
static int x_best_index(sqlite3_vtab *vt, sqlite3_index_info *info)
{
    int at[3] = {-1, -1, -1}, unusable = 0;
    for (int i = 0; i < info->nConstraint; i++) {
        const struct sqlite3_index_constraint *k = &info->aConstraint[i];
        if (k->iColumn < COL_PATH || k->op != SQLITE_INDEX_CONSTRAINT_EQ)
            continue;
        if (!k->usable)
            unusable = 1;
        else
            at[k->iColumn - COL_PATH] = i;
    }
    if (at[0] < 0) {
        if (unusable)
            return SQLITE_CONSTRAINT; /* another join order gives it */
        sqlite3_free(vt->zErrMsg);
        vt->zErrMsg = sqlite3_mprintf(
            "ls_leads: name the leads to read: ls_leads('leads/'), ls_leads(path, request)");
        return SQLITE_ERROR;
    }
    int next = 1, mask = 0;
    for (int k = 0; k < 3; k++) {
        if (at[k] < 0)
            continue;
        info->aConstraintUsage[at[k]].argvIndex = next++;
        info->aConstraintUsage[at[k]].omit = 1;
        mask |= 1 << k;
    }
    info->idxNum = mask;
    info->estimatedCost = 100000;
    info->estimatedRows = 100000;
    return SQLITE_OK;
}

static int x_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
    (void)vt;
    cursor *cur = sqlite3_malloc(sizeof *cur);
    if (!cur)
        return SQLITE_NOMEM;
    memset(cur, 0, sizeof *cur);
    *out = &cur->base;
    return SQLITE_OK;
}

static void reset(cursor *cur)
{
    ls_leads_free(cur->leads);
    ls_sq_compiled_free(cur->c);
    sqlite3_free(cur->rows);
    sqlite3_free(cur->keys);
    sqlite3_free(cur->io_error);
    for (int k = 0; k < 3; k++)
        sqlite3_value_free(cur->args[k]);
    memset(&cur->leads, 0, sizeof *cur - offsetof(cursor, leads));
}

static int x_close(sqlite3_vtab_cursor *base)
{
    cursor *cur = (cursor *)base;
    reset(cur);
    sqlite3_free(cur);
    return SQLITE_OK;
}

static void on_diag(void *user, const ls_diag *d)
{
    cursor *cur = user;
    if (d->kind == LS_DIAG_IO) {
        if (!cur->io_error && !(cur->io_error = sqlite3_mprintf("ls_leads: %s: %s", d->file,
                                                                 d->message)))
            cur->failed = 1;
    } else if (d->kind != LS_DIAG_NOTE) {
        sqlite3_log(SQLITE_WARNING, "ls_leads: %s:%llu: %s", d->file,
                    (unsigned long long)d->line, d->message);
    }
}

static void on_lead(void *user, const ls_lead_result *res)
{
    cursor *cur = user;
    if (res->index >= cur->n)
        return;
    row *r = &cur->rows[res->index];
    r->duplicate = res->duplicate;
    r->persona = res->verdict.persona;
    r->outcome = (int)res->verdict.outcome;
    r->filter = res->verdict.filter;
    if (!res->key)
        return;
    if (cur->keys_len + res->key_len > cur->keys_cap) {
        size_t cap = 2 * cur->keys_cap + res->key_len + 4096;
        char *keys = sqlite3_realloc64(cur->keys, cap);
        if (!keys) {
            cur->failed = 1;
            return;
        }
        cur->keys = keys;
        cur->keys_cap = cap;
    }
    memcpy(cur->keys + cur->keys_len, res->key, res->key_len);
    r->has_key = 1;
    r->key_off = cur->keys_len;
    r->key_len = res->key_len;
    cur->keys_len += res->key_len;
}

/* Keys, duplicates and (with a request) verdicts of every lead read. */
static ls_status run_over(cursor *cur)
{
    ls_request *own = NULL;
    const ls_request *req = cur->c ? cur->c->req : NULL;
    ls_status st = LS_OK;
    if (!req) {
        ls_problems *errors = NULL;
        st = ls_request_compile(keys_only_request, sizeof keys_only_request - 1, NULL, &own,
                                &errors);
        ls_problems_free(errors);
        req = own;
    }
    ls_run_options opt;
    ls_run_options_init(&opt);
    opt.on_lead = on_lead;
    opt.lead_user = cur;
    ls_run *run = NULL;
    if (st == LS_OK)
        st = ls_run_new(req, &opt, &run);
    if (st == LS_OK)
        st = ls_run_add_leads(run, cur->leads);
    ls_run_free(run);
    ls_request_free(own);
    return st;
}

static int fail(cursor *cur, char *msg)
{
    sqlite3_vtab *vt = cur->base.pVtab;
    sqlite3_free(vt->zErrMsg);
    vt->zErrMsg = msg;
    return msg ? SQLITE_ERROR : SQLITE_NOMEM;
}

static int x_filter(sqlite3_vtab_cursor *base, int idx_num, const char *idx_str, int argc,
                    sqlite3_value **argv)
{
    (void)idx_str;
    cursor *cur = (cursor *)base;
    reset(cur);
    for (int k = 0, a = 0; k < 3 && a < argc; k++)
        if (idx_num & (1 << k) && !(cur->args[k] = sqlite3_value_dup(argv[a++])))
            return SQLITE_NOMEM;
    sqlite3_value *path = cur->args[0], *request = cur->args[1], *options = cur->args[2];
    if (!path || sqlite3_value_type(path) == SQLITE_NULL)
        return SQLITE_OK; /* no input, no rows */
    if (request && sqlite3_value_type(request) != SQLITE_NULL) {
        const char *opts = options && sqlite3_value_type(options) != SQLITE_NULL
                               ? (const char *)sqlite3_value_text(options)
                               : NULL;
        char *err = NULL;
        const char *text = (const char *)sqlite3_value_text(request);
        if (!text)
            return SQLITE_NOMEM;
        if (ls_sq_compile(text, (size_t)sqlite3_value_bytes(request), opts, &cur->c, &err) !=
            LS_OK)
            return fail(cur, err);
    } else if (options && sqlite3_value_type(options) != SQLITE_NULL) {
        return fail(cur, sqlite3_mprintf("ls_leads: options apply to a request: give one, "
                                         "ls_leads(path, request, options)"));
    }
    const char *p = (const char *)sqlite3_value_text(path);
    if (!p)
        return SQLITE_NOMEM;
    ls_leads_options lopt;
    ls_leads_options_init(&lopt);
    lopt.on_diag = on_diag;
    lopt.diag_user = cur;
    ls_status st = ls_leads_new(&lopt, &cur->leads);
    if (st == LS_OK)
        st = ls_leads_add_path(cur->leads, p);
    if (st == LS_OK && cur->io_error) {
        char *msg = cur->io_error;
        cur->io_error = NULL;
        return fail(cur, msg);
    }
    cur->n = st == LS_OK ? ls_leads_count(cur->leads) : 0;
    if (st == LS_OK && cur->n) {
        cur->rows = sqlite3_malloc64(cur->n * sizeof *cur->rows);
        if (!cur->rows)
            return SQLITE_NOMEM;
        memset(cur->rows, 0, cur->n * sizeof *cur->rows);
        st = run_over(cur);
    }
    if (st == LS_OK && cur->failed)
        st = LS_E_NOMEM;
    if (st == LS_E_NOMEM)
        return SQLITE_NOMEM;
    if (st != LS_OK)
        return fail(cur, sqlite3_mprintf("ls_leads: %s: %s", p, ls_status_message(st)));
    return SQLITE_OK;
}

static int x_next(sqlite3_vtab_cursor *base)
{
    ((cursor *)base)->i++;
    return SQLITE_OK;
}

static int x_eof(sqlite3_vtab_cursor *base)
{
    cursor *cur = (cursor *)base;
    return cur->i >= cur->n;
}

static int x_column(sqlite3_vtab_cursor *base, sqlite3_context *ctx, int col)
{
    cursor *cur = (cursor *)base;
    const row *r = &cur->rows[cur->i];
    const char *file;
    uint64_t line;
    size_t len;
    switch (col) {
    case COL_LEAD: {
        const char *lead = ls_leads_get(cur->leads, cur->i, &len);
        sqlite3_result_text64(ctx, lead, len, SQLITE_TRANSIENT, SQLITE_UTF8);
        break;
    }
    case COL_FILE:
    case COL_LINE:
        if (ls_leads_source(cur->leads, cur->i, &file, &line) != LS_OK)
            break;
        if (col == COL_FILE)
            sqlite3_result_text(ctx, file, -1, SQLITE_TRANSIENT);
        else
            sqlite3_result_int64(ctx, (sqlite3_int64)line);
        break;
    case COL_POSITION:
        sqlite3_result_int64(ctx, (sqlite3_int64)cur->i);
        break;
    case COL_KEY:
        if (r->has_key)
            sqlite3_result_text64(ctx, cur->keys + r->key_off, r->key_len, SQLITE_TRANSIENT,
                                  SQLITE_UTF8);
        break;
    case COL_DUPLICATE:
        sqlite3_result_int(ctx, r->duplicate);
        break;
    case COL_PERSONA:
        /* what the request gives the lead, a duplicate too (the
         * duplicate column says the run drops it) */
        if (cur->c && r->outcome == LS_MATCHED && r->persona >= 0)
            sqlite3_result_text(ctx, ls_request_persona_name(cur->c->req, (size_t)r->persona), -1,
                                SQLITE_TRANSIENT);
        break;
    case COL_OUTCOME:
        if (cur->c)
            sqlite3_result_text(ctx, ls_sq_outcome_name((ls_outcome)r->outcome), -1,
                                SQLITE_STATIC);
        break;
    case COL_FILTER:
        if (cur->c && r->filter)
            sqlite3_result_text(ctx, r->filter, -1, SQLITE_STATIC);
        break;
    default: {
        sqlite3_value *v = cur->args[col - COL_PATH];
        if (v)
            sqlite3_result_value(ctx, v);
        break;
    }
    }
    return SQLITE_OK;
}

static int x_rowid(sqlite3_vtab_cursor *base, sqlite3_int64 *rowid)
{
    *rowid = (sqlite3_int64)((cursor *)base)->i;
    return SQLITE_OK;
}

static sqlite3_module module = {
    .iVersion = 0,
    .xCreate = NULL, /* eponymous only: ls_leads(...) in FROM, no CREATE VIRTUAL TABLE */
    .xConnect = x_connect,
    .xBestIndex = x_best_index,
    .xDisconnect = x_disconnect,
    .xDestroy = x_disconnect,
    .xOpen = x_open,
    .xClose = x_close,
    .xFilter = x_filter,
    .xNext = x_next,
    .xEof = x_eof,
    .xColumn = x_column,
    .xRowid = x_rowid,
};

int ls_sq_register_leads(sqlite3 *db)
{
    return sqlite3_create_module(db, "ls_leads", &module, NULL);
}
