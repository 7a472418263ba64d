/* No output replaces an input (contract §5a): before anything is read or
 * written, every file a command will write — its output files and, when
 * the result goes there, standard output — is compared with every file it
 * reads (lead files, the files inside input directories, the request, the
 * labels) and with the other outputs. */
#ifndef LS_CLI_GUARD_H
#define LS_CLI_GUARD_H
#include <stddef.h>

typedef struct ls_cli_output {
    const char *flag; /* "-o", "--report", ...; NULL ends a list */
    const char *path; /* NULL when not given */
} ls_cli_output;

typedef struct ls_cli_read {
    const char *what; /* "the request", "the labels", "an input" */
    const char *path; /* NULL or "-": nothing to compare */
} ls_cli_read;

/* LS_EXIT_OK, or LS_EXIT_USAGE after a one-line message naming the output
 * and the input it would replace.  inputs: the lead operands (files or
 * directories); uses_stdout: the result goes to standard output. */
int ls_cli_guard(const char *cmd, const ls_cli_output *outputs, int uses_stdout,
                 const ls_cli_read *reads, char **inputs, int ninputs);

#endif
