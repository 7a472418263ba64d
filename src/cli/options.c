#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli_util.h"
#include "leadsieve.h"
#include "options.h"

enum { MAX_OPTS = 32, FIRST_LONG_ONLY = 256 };

int ls_cli_set_match(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    (void)opt;
    ls_compile_options *copt = field;
    if (strcmp(value, "documented") == 0)
        copt->match_mode = LS_MATCH_DOCUMENTED;
    else if (strcmp(value, "words") == 0)
        copt->match_mode = LS_MATCH_WORDS;
    else
        return ls_cli_usage_error(cmd, "--match must be documented or words, not '%s'", value);
    return LS_EXIT_OK;
}

int ls_cli_set_api(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    (void)opt;
    ls_compile_options *copt = field;
    if (strcmp(value, "v1") == 0)
        copt->api = LS_REQUEST_API_V1;
    else if (strcmp(value, "by_icp") == 0)
        copt->api = LS_REQUEST_API_BY_ICP;
    else
        return ls_cli_usage_error(cmd, "--api must be v1 or by_icp, not '%s'", value);
    return LS_EXIT_OK;
}

int ls_cli_set_mode(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    (void)opt;
    ls_compile_options *copt = field;
    if (strcmp(value, "realtime") == 0)
        copt->search_mode = LS_SEARCH_REALTIME;
    else if (strcmp(value, "database") == 0)
        copt->search_mode = LS_SEARCH_DATABASE;
    else
        return ls_cli_usage_error(cmd, "--mode must be realtime or database, not '%s'", value);
    return LS_EXIT_OK;
}

int ls_cli_set_as_of(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    (void)opt;
    ls_compile_options *copt = field;
    if (ls_cli_parse_date(value, &copt->as_of_year, &copt->as_of_month, &copt->as_of_day) != 0)
        return ls_cli_usage_error(cmd, "--as-of needs a date as YYYY-MM-DD, not '%s'", value);
    return LS_EXIT_OK;
}

int ls_cli_set_format(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    int *is_other = field;
    if (strcmp(value, "text") == 0)
        *is_other = 0;
    else if (strcmp(value, opt->extra) == 0)
        *is_other = 1;
    else
        return ls_cli_usage_error(cmd, "--format must be text or %s, not '%s'", opt->extra,
                                  value);
    return LS_EXIT_OK;
}

int ls_cli_set_input_format(const char *cmd, const ls_cli_opt *opt, const char *value,
                            void *field)
{
    (void)opt;
    ls_input_format *f = field;
    if (strcmp(value, "json") == 0)
        *f = LS_INPUT_JSON;
    else if (strcmp(value, "csv") == 0)
        *f = LS_INPUT_CSV;
    else
        return ls_cli_usage_error(cmd, "--input-format must be json or csv, not '%s'", value);
    return LS_EXIT_OK;
}

int ls_cli_set_leads(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    int min = opt->extra && opt->extra[0] == '1';
    char *end;
    errno = 0;
    unsigned long long n = strtoull(value, &end, 10);
    if (errno || *end || end == value || value[0] == '-' || n < (unsigned long long)min)
        return ls_cli_usage_error(cmd, "--%s needs a number of leads%s, not '%s'", opt->name,
                                  min ? " >= 1" : "", value);
    *(unsigned long long *)field = n;
    return LS_EXIT_OK;
}

int ls_cli_add_to_list(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    (void)opt;
    ls_cli_list *list = field;
    const char **grown = realloc(list->items, (list->n + 1) * sizeof *grown);
    if (!grown) {
        fprintf(stderr, "leadsieve %s: out of memory\n", cmd);
        return LS_EXIT_FAIL;
    }
    list->items = grown;
    list->items[list->n++] = value;
    return LS_EXIT_OK;
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
            int rc = o->set(cmd, o, optarg, field);
            if (rc != LS_EXIT_OK)
                return rc;
        } else if (o->takes_value) {
            *(const char **)field = optarg;
        } else {
            *(int *)field = 1;
        }
    }
    *first_input = optind;
    return -1;
}

int ls_cli_set_threads(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    (void)opt;
    char *end;
    errno = 0;
    long n = strtol(value, &end, 10);
    if (errno || *end || end == value || n < 1 || n > 1024)
        return ls_cli_usage_error(cmd, "-j needs a number of threads from 1 to 1024, not '%s'",
                                  value);
    *(int *)field = (int)n;
    return LS_EXIT_OK;
}

/* One thread per online CPU, as most users have nothing else running;
 * more than 8 rarely helps, as reading the input then limits. */
int ls_cli_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}
