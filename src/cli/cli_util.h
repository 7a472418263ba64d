/* Pieces shared by the subcommands: reading a whole file, atomic output
 * files, the validation envelope. */
#ifndef LS_CLI_UTIL_H
#define LS_CLI_UTIL_H
#include <stdio.h>
#include "buf.h"
#include "leadsieve.h"

/* Exit statuses (one meaning each, for every subcommand). */
enum { LS_EXIT_OK = 0, LS_EXIT_FAIL = 1, LS_EXIT_USAGE = 2 };

/* Reads a whole file ("-" = stdin) into b; 0, or -1 with errno set. */
int ls_cli_read_file(const char *path, size_t max_bytes, ls_buf *b);

/* An output file written atomically: a temporary file beside the target,
 * flushed, fsynced, then renamed over it; on any failure the temporary file
 * is removed and the target is untouched.  A target that exists and is not
 * a regular file (a device, a pipe) is written directly; path NULL or "-"
 * is standard output. */
typedef struct ls_outfile {
    FILE *f;
    char *path;   /* target (NULL: stdout) */
    char *tmp;    /* temporary file, NULL when writing directly */
    char *iobuf;
} ls_outfile;

/* Each returns 0, or -1 after printing one line on stderr naming what. */
int ls_outfile_open(ls_outfile *o, const char *path, const char *what);
int ls_outfile_commit(ls_outfile *o, const char *what);
void ls_outfile_abort(ls_outfile *o);
/* Aborts after a failed write, printing why (one line). */
void ls_outfile_fail(ls_outfile *o, const char *what, const char *reason);

/* Writes the API's validation error envelope for problems on stdout. */
int ls_cli_print_envelope(const ls_problems *problems);
/* Writes s for a terminal: control characters (C0, DEL, C1) as '?', so
 * that text from a request or a lead cannot drive the terminal. */
void ls_cli_put_safe(FILE *f, const char *s);
/* s the same way, as a string valid until eight more calls (for printf
 * arguments). */
const char *ls_cli_safe(const char *s);
/* Prints a JSON document a library call made (st: how the call went) and a
 * newline on stdout, then frees it; an exit status.  Write errors are left
 * for the caller's flush to report. */
int ls_cli_print_json(const char *cmd, ls_status st, char *json, size_t len);

/* Compiles the request file at path; prints the envelope (exit 2) or a
 * one-line error (exit 1) itself.  Returns LS_EXIT_OK with *out. */
int ls_cli_load_request(const char *cmd, const char *path, const ls_compile_options *opt,
                        ls_request **out);
/* The same, keeping the request's text in *keep (zeroed; the caller frees
 * it) when it compiles. */
int ls_cli_load_request_text(const char *cmd, const char *path, const ls_compile_options *opt,
                             ls_request **out, ls_buf *keep);

/* Parses YYYY-MM-DD (a real calendar day); 0 or -1. */
int ls_cli_parse_date(const char *s, int *y, int *m, int *d);

/* Prints "leadsieve CMD: <message> (see leadsieve CMD --help)" on stderr
 * and returns LS_EXIT_USAGE. */
int ls_cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints input diagnostics on stderr (an ls_diag_fn; user = a printer):
 * unreadable inputs always, skipped records unless quiet, the first
 * LS_CLI_DIAG_SHOWN_MAX of them and then one line saying more were skipped. */
enum { LS_CLI_DIAG_SHOWN_MAX = 20 };
typedef struct ls_cli_diag_printer {
    const char *cmd;
    int quiet;
    unsigned long shown;
} ls_cli_diag_printer;
void ls_cli_print_diag(void *printer, const ls_diag *d);

/* How many lead inputs read standard input: each "-" among argv[first..],
 * or one when there is no input at all (the leads default to stdin). */
int ls_cli_leads_stdin_uses(int argc, char **argv, int first);

/* Prints the request's warnings on stderr. */
void ls_cli_print_request_warnings(const ls_request *req);

#endif
