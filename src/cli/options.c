#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_util.h"
#include "leadsieve.h"
#include "options.h"

enum { MAX_OPTS = 32, FIRST_LONG_ONLY = 256 };

int ls_cli_set_match(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    (void)opt;
    return ls_cli_option_match(cmd, value, field);
}

int ls_cli_set_as_of(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    (void)opt;
    return ls_cli_option_as_of(cmd, value, field);
}

int ls_cli_set_format(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    return ls_cli_option_format(cmd, value, opt->extra, field);
}

int ls_cli_set_leads(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    char name[40];
    snprintf(name, sizeof name, "--%s", opt->name);
    return ls_cli_option_leads(cmd, name, value, opt->extra && opt->extra[0] == '1', field);
}

/* "--fomat=x" -> "fomat": the name the user wrote. */
static size_t written_name(const char *arg, const char **name)
{
    while (*arg == '-')
        arg++;
    *name = arg;
    return strcspn(arg, "=");
}

static int unknown_option(const char *cmd, const ls_cli_opt *opts, const char *arg)
{
    const char *names[MAX_OPTS + 1];
    size_t n = 0;
    for (; opts[n].name && n < MAX_OPTS; n++)
        names[n] = opts[n].name;
    names[n++] = "help";
    const char *name;
    size_t len = written_name(arg, &name);
    const char *near = arg[0] == '-' && arg[1] == '-' ? ls_suggest(name, len, names, n) : NULL;
    if (near)
        return ls_cli_usage_error(cmd, "unknown option '%s' (did you mean '--%s'?)", arg, near);
    if (arg[0] == '-' && arg[1] != '-' && arg[1] != '\0' && arg[2] != '\0')
        return ls_cli_usage_error(cmd, "unknown option '%s' (an input whose name starts with "
                                       "'-' is given as ./%s, or after --)", arg, arg);
    return ls_cli_usage_error(cmd, "unknown option '%s'", arg);
}

/* The argument getopt reads next: it passes over operands (and moves them
 * to the end), so it is the first that looks like an option from optind
 * on (an option's cluster stays at optind until it is read). */
static int next_option_at(int argc, char **argv, int from)
{
    for (int i = from; i < argc; i++)
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return i;
    return from;
}

int ls_cli_parse_options(const char *cmd, const ls_cli_opt *opts, const char *usage, int argc,
                         char **argv, void *args, int *first_input)
{
    struct option longopts[MAX_OPTS + 2];
    char shorts[2 * MAX_OPTS + 4] = ":h";
    size_t n = 0, ns = 2;
    for (; opts[n].name; n++) {
        if (n == MAX_OPTS)
            return ls_cli_usage_error(cmd, "internal: too many options");
        longopts[n] = (struct option){opts[n].name, opts[n].takes_value ? required_argument
                                                                        : no_argument,
                                      NULL, opts[n].letter ? opts[n].letter
                                                           : FIRST_LONG_ONLY + (int)n};
        if (opts[n].letter) {
            shorts[ns++] = opts[n].letter;
            if (opts[n].takes_value)
                shorts[ns++] = ':';
        }
    }
    shorts[ns] = '\0';
    longopts[n] = (struct option){"help", no_argument, NULL, 'h'};
    longopts[n + 1] = (struct option){NULL, 0, NULL, 0};
    opterr = 0;
    optind = 1;
    for (;;) {
        int at = next_option_at(argc, argv, optind); /* for messages */
        int c = getopt_long(argc, argv, shorts, longopts, NULL);
        if (c == -1)
            break;
        const char *arg = at < argc ? argv[at] : "";
        if (c == 'h') {
            fputs(usage, stdout);
            return LS_EXIT_OK;
        }
        if (c == ':')
            return ls_cli_usage_error(cmd, "option '%s' needs a value", arg);
        if (c == '?')
            return unknown_option(cmd, opts, arg);
        const ls_cli_opt *o = NULL;
        for (size_t i = 0; i < n && !o; i++)
            if (c == (opts[i].letter ? opts[i].letter : FIRST_LONG_ONLY + (int)i))
                o = &opts[i];
        if (!o)
            return unknown_option(cmd, opts, arg);
        void *field = (char *)args + o->offset;
        if (o->set) {
            if (o->set(cmd, o, optarg, field) != LS_EXIT_OK)
                return LS_EXIT_USAGE;
        } else if (o->takes_value) {
            *(const char **)field = optarg;
        } else {
            *(int *)field = 1;
        }
    }
    *first_input = optind;
    return -1;
}
