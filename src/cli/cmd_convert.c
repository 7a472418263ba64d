/* `leadsieve convert`: a request rewritten for the other API (contract
 * addendum §3).  The rewrite is the library's (ls_request_convert in
 * <leadsieve/tools.h>); this file reads, guards and prints. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_util.h"
#include "commands.h"
#include "guard.h"
#include "options.h"
#include "buf.h"
#include "leadsieve/tools.h"

enum { MAX_REQUEST = 64 << 20 };

static const char usage[] =
    "usage: leadsieve convert [options] REQUEST.json\n"
    "\n"
    "Rewrites a by_icp request for the v1 search, or a v1 request for by_icp,\n"
    "and prints it on standard output; each change is a warning on standard\n"
    "error (the field, what changed).  To v1: lead_industries becomes\n"
    "company_industries, without_company and mentioned_in_news are removed.\n"
    "To by_icp: company_industries becomes lead_industries, v1-only fields are\n"
    "removed (each named), and without_company: true is added when the request\n"
    "names no company.  Every other field keeps its name, its place and its\n"
    "bytes (1.50 stays 1.50, escapes stay as written); only whitespace is new:\n"
    "2 spaces a level, one member or element a line, as `jq .` lays it out, so\n"
    "the two files diff line by line.  REQUEST.json may be - for standard input.\n"
    "\n"
    "options:\n"
    "  --to API         v1 or by_icp (default: the other API than the request's;\n"
    "                   a request with a field only v1 has, such as job_titles\n"
    "                   or company_industries, is v1).  --to v1 writes a v1\n"
    "                   request unchanged; --to by_icp reads any request as v1,\n"
    "                   so a by_icp request comes back as it was\n"
    "  --mode MODE      realtime (default) or database: the v1 search the result\n"
    "                   is for; database refuses realtime-only fields (personas,\n"
    "                   past_company_names, ...) with the API's error envelope\n"
    "  --indent N       spaces a level (default 2); 0 writes one line\n"
    "  -o, --output FILE\n"
    "                   write the request to FILE (atomically: a failed write\n"
    "                   leaves FILE as it was) instead of standard output; never\n"
    "                   the request read\n"
    "  -h, --help       show this help\n"
    "\n"
    "The result is not validated: run `leadsieve lint` on it (a v1 result\n"
    "with --api v1).\n"
    "\n"
    "exit status: 0 converted, 2 invalid request (the API's error envelope on\n"
    "standard output) or bad usage, 1 unreadable request or failed write\n";

typedef struct convert_args {
    ls_convert_options opt;
    int mode_given;
    const char *output;
} convert_args;

static int set_to(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    (void)opt;
    ls_request_api *to = field;
    if (strcmp(value, "v1") == 0)
        *to = LS_REQUEST_API_V1;
    else if (strcmp(value, "by_icp") == 0)
        *to = LS_REQUEST_API_BY_ICP;
    else
        return ls_cli_usage_error(cmd, "--to must be v1 or by_icp, not '%s'", value);
    return LS_EXIT_OK;
}

static int set_mode(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    (void)opt;
    convert_args *a = field; /* the whole arguments: the mode and that it was given */
    if (strcmp(value, "realtime") == 0)
        a->opt.search_mode = LS_SEARCH_REALTIME;
    else if (strcmp(value, "database") == 0)
        a->opt.search_mode = LS_SEARCH_DATABASE;
    else
        return ls_cli_usage_error(cmd, "--mode must be realtime or database, not '%s'", value);
    a->mode_given = 1;
    return LS_EXIT_OK;
}

static int set_indent(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    (void)opt;
    char *end;
    errno = 0;
    long n = strtol(value, &end, 10);
    if (errno || *end || end == value || n < 0 || n > 16)
        return ls_cli_usage_error(cmd, "--indent needs a number from 0 to 16, not '%s'", value);
    *(int *)field = (int)n;
    return LS_EXIT_OK;
}

#define ARG(member) offsetof(convert_args, member)
static const ls_cli_opt options[] = {
    {"to", 0, 1, ARG(opt.to), set_to, NULL},
    {"mode", 0, 1, 0, set_mode, NULL},
    {"indent", 0, 1, ARG(opt.indent), set_indent, NULL},
    {"output", 'o', 1, ARG(output), NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL}};
#undef ARG

static const char *api_name(ls_request_api api)
{
    return api == LS_REQUEST_API_V1 ? "v1" : "by_icp";
}

static int write_out(const convert_args *a, const char *text, size_t len)
{
    ls_outfile o;
    if (ls_outfile_open(&o, a->output, "output") != 0)
        return LS_EXIT_FAIL;
    errno = 0;
    if (fwrite(text, 1, len, o.f) != len || fputc('\n', o.f) == EOF) {
        ls_outfile_fail(&o, "output", strerror(errno ? errno : EIO));
        return LS_EXIT_FAIL;
    }
    return ls_outfile_commit(&o, "output") == 0 ? LS_EXIT_OK : LS_EXIT_FAIL;
}

static int convert(convert_args *a, const char *path)
{
    ls_buf text = {0};
    if (ls_cli_read_file(path, MAX_REQUEST, &text) != 0) {
        fprintf(stderr, "leadsieve: convert: cannot read request %s: %s\n", path,
                errno == EFBIG ? "larger than 64 MiB" : strerror(errno));
        ls_buf_free(&text);
        return LS_EXIT_FAIL;
    }
    const char *json = text.data ? text.data : "";
    ls_request_api from = ls_request_api_of_json(json, text.len);
    ls_request_api to = a->opt.to ? a->opt.to
                        : from == LS_REQUEST_API_V1 ? LS_REQUEST_API_BY_ICP
                                                    : LS_REQUEST_API_V1;
    char *out = NULL;
    size_t len = 0;
    ls_problems *problems = NULL;
    ls_status st = ls_request_convert(json, text.len, &a->opt, &out, &len, &problems);
    ls_buf_free(&text);
    int rc;
    if (st == LS_E_INVALID_REQUEST) {
        rc = ls_cli_print_envelope(problems) == 0 ? LS_EXIT_USAGE : LS_EXIT_FAIL;
    } else if (st != LS_OK) {
        fprintf(stderr, "leadsieve: convert: request %s: %s\n", path, ls_status_message(st));
        rc = LS_EXIT_FAIL;
    } else {
        size_t n = ls_problems_count(problems);
        for (size_t i = 0; i < n; i++) {
            ls_problem p = ls_problems_get(problems, i);
            fprintf(stderr, "leadsieve: warning: %s%s%s\n", ls_cli_safe(p.path),
                    *p.path ? ": " : "", ls_cli_safe(p.hint));
        }
        if (a->mode_given && to != LS_REQUEST_API_V1)
            fprintf(stderr, "leadsieve: convert: --mode is for a v1 result; ignored\n");
        size_t changes = 0; /* the notes with a path; the one without says nothing changed */
        for (size_t i = 0; i < n; i++)
            changes += *ls_problems_get(problems, i).path != '\0';
        rc = write_out(a, out, len);
        if (rc == LS_EXIT_OK)
            fprintf(stderr, "leadsieve: convert: %s request written for %s%s, %zu change%s\n",
                    api_name(from), api_name(to),
                    to != LS_REQUEST_API_V1 ? ""
                    : a->opt.search_mode == LS_SEARCH_DATABASE ? " (database search)"
                                                               : " (realtime search)",
                    changes, changes == 1 ? "" : "s");
    }
    ls_free(out);
    ls_problems_free(problems);
    return rc;
}

int ls_cmd_convert(int argc, char **argv)
{
    convert_args a;
    memset(&a, 0, sizeof a);
    ls_convert_options_init(&a.opt);
    int first, rc = ls_cli_parse_options("convert", options, usage, argc, argv, &a, &first);
    if (rc < 0 && argc - first != 1)
        rc = ls_cli_usage_error("convert", "give exactly one REQUEST.json");
    if (rc < 0 && a.mode_given && a.opt.to == LS_REQUEST_API_BY_ICP)
        rc = ls_cli_usage_error("convert", "--mode is for --to v1: by_icp has one search");
    if (rc < 0) {
        const ls_cli_output outs[] = {{"-o", a.output}, {NULL, NULL}};
        const ls_cli_read reads[] = {{"the request", argv[first]}, {NULL, NULL}};
        rc = ls_cli_guard("convert", outs, !a.output || strcmp(a.output, "-") == 0, reads,
                          NULL, 0);
        if (rc == LS_EXIT_OK)
            rc = convert(&a, argv[first]);
    }
    return rc;
}
