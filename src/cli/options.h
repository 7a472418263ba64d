/* The commands' options as tables: each command lists its options once
 * (name, short letter, what the value sets), and one parser turns argv
 * into the command's arguments, with the same messages everywhere and a
 * "did you mean" for a mistyped option. */
#ifndef LS_CLI_OPTIONS_H
#define LS_CLI_OPTIONS_H
#include <stddef.h>

typedef struct ls_cli_opt ls_cli_opt;

/* Stores the value of opt into field (the command's arguments + offset);
 * LS_EXIT_OK, or the exit status after saying why. */
typedef int (*ls_cli_opt_fn)(const char *cmd, const ls_cli_opt *opt, const char *value,
                             void *field);

struct ls_cli_opt {
    const char *name;  /* without the dashes; NULL ends a table */
    char letter;       /* the short form, 0 for none */
    int takes_value;
    size_t offset;     /* of the field in the command's arguments */
    ls_cli_opt_fn set; /* NULL: a flag sets an int to 1, a value a const char * */
    const char *extra; /* for set: e.g. --format's other format */
};

/* A repeatable option's values, in the order given (free items). */
typedef struct ls_cli_list {
    const char **items;
    size_t n;
} ls_cli_list;

/* Shared setters.  field: an ls_compile_options (match, as-of), an int
 * (format: 1 when the value is opt->extra, 0 for text). */
int ls_cli_set_match(const char *cmd, const ls_cli_opt *opt, const char *value, void *field);
int ls_cli_set_as_of(const char *cmd, const ls_cli_opt *opt, const char *value, void *field);
/* --api v1|by_icp and --mode realtime|database (contract addendum §2). */
int ls_cli_set_api(const char *cmd, const ls_cli_opt *opt, const char *value, void *field);
int ls_cli_set_mode(const char *cmd, const ls_cli_opt *opt, const char *value, void *field);
int ls_cli_set_format(const char *cmd, const ls_cli_opt *opt, const char *value, void *field);
/* --input-format json|csv into an ls_input_format. */
int ls_cli_set_input_format(const char *cmd, const ls_cli_opt *opt, const char *value,
                            void *field);
/* A count of leads into an unsigned long long; extra "1": at least 1. */
int ls_cli_set_leads(const char *cmd, const ls_cli_opt *opt, const char *value, void *field);
/* -j N: a number of threads from 1 to 1024 into an int. */
int ls_cli_set_threads(const char *cmd, const ls_cli_opt *opt, const char *value, void *field);
/* One thread per online CPU, at most 8. */
int ls_cli_default_threads(void);
/* Appends the value to an ls_cli_list. */
int ls_cli_add_to_list(const char *cmd, const ls_cli_opt *opt, const char *value, void *field);

/* Parses argv[1..] by the table (-h/--help is always there: usage is
 * printed on stdout).  Returns -1 with *first_input (the index of the
 * first operand) to go on, or the exit status to end with. */
int ls_cli_parse_options(const char *cmd, const ls_cli_opt *opts, const char *usage, int argc,
                         char **argv, void *args, int *first_input);

#endif
