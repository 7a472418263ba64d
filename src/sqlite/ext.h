/* The SQLite extension's pieces (libleadsieve_sqlite.so): a client of the
 * public API, like the command.  SQLite is called through the host's
 * function table (sqlite3ext.h), so the extension links no libsqlite3 and
 * runs in whichever SQLite loads it. */
#ifndef LS_SQLITE_EXT_H
#define LS_SQLITE_EXT_H

#include <sqlite3ext.h>
#include "leadsieve.h"
#include "leadsieve/tools.h"

SQLITE_EXTENSION_INIT3

/* A request compiled for one call site of a statement: kept as the
 * request argument's auxdata, so it is compiled once however many rows the
 * statement reads.  SQLite runs a statement on one thread at a time, so
 * the matcher is this call site's alone. */
typedef struct ls_sq_compiled {
    char *options;     /* the options text it was compiled with ("" none) */
    ls_request *req;
    ls_matcher *m;
} ls_sq_compiled;

/* The compiled request for argv[0] (the request) and argv[opt_arg] (the
 * options text; opt_arg < 0 or >= argc: none).  NULL with *fresh 0 when the
 * request is SQL NULL (the caller's result is NULL) or when an error was
 * set on ctx (an invalid request: the API's error envelope).  *fresh = 1:
 * newly compiled, to be handed to ls_sq_keep once the result is set. */
ls_sq_compiled *ls_sq_request(sqlite3_context *ctx, int argc, sqlite3_value **argv, int opt_arg,
                              int *fresh);
/* Keeps a freshly compiled request as the statement's auxdata (which may
 * free it at once: c is not to be used afterwards). */
void ls_sq_keep(sqlite3_context *ctx, ls_sq_compiled *c, int fresh);
void ls_sq_compiled_free(void *c);

/* Compiles request[0..len) with the options text opts (NULL: none).
 * LS_OK: *out.  Otherwise *err is the message (sqlite3_malloc'ed): the API's
 * error envelope for an invalid request, a sentence for bad options. */
ls_status ls_sq_compile(const char *request, size_t len, const char *opts, ls_sq_compiled **out,
                        char **err);

/* Options text: name=value items separated by commas or blanks (api=v1|by_icp,
 * mode=realtime|database, match=documented|words, as_of=YYYY-MM-DD), the
 * command's --api, --mode, --match and --as-of.  0, or -1 with *err a
 * sentence (sqlite3_malloc'ed) that names the item and the name or value
 * meant. */
int ls_sq_parse_options(const char *text, ls_compile_options *opt, char **err);

/* Requests compiled since the library was loaded (for the tests that show
 * a statement compiles its request once). */
unsigned long ls_sq_compile_count(void);

/* JSON text: s[0..n) as a string literal (invalid UTF-8 as U+FFFD). */
void ls_sq_json_string(sqlite3_str *out, const char *s, size_t n);
/* The string literal, or null for NULL. */
void ls_sq_json_string_or_null(sqlite3_str *out, const char *s);

/* "matched", "dropped_by_filter", "no_persona": the run report's names. */
const char *ls_sq_outcome_name(ls_outcome outcome);

/* Registration, one connection at a time. */
int ls_sq_register_functions(sqlite3 *db);
int ls_sq_register_explain(sqlite3 *db);
int ls_sq_register_leads(sqlite3 *db);

#endif /* LS_SQLITE_EXT_H */
