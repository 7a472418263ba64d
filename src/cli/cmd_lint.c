/* `leadsieve lint`: validates a request; warnings name what may surprise. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "request/request_int.h"

static const char usage[] =
    "usage: leadsieve lint [options] REQUEST.json\n"
    "\n"
    "Validates a by_icp request body as the API would.  A valid request prints\n"
    "\"ok\" on standard output and its warnings (unknown fields, fields that\n"
    "cannot be evaluated offline, ...) on standard error, exit 0.  An invalid\n"
    "one prints the API's error envelope with every problem on standard output,\n"
    "exit 2.  REQUEST.json may be - for standard input.\n"
    "\n"
    "options:\n"
    "  --match MODE   documented (default) or words: the function matching the\n"
    "                 request will be run with\n"
    "  -h, --help     show this help\n"
    "\n"
    "exit status: 0 valid, 2 invalid request or bad usage, 1 unreadable request\n";

/* One warning check: adds nothing or some (path, hint) lines.  New checks
 * go in the table below. */
typedef void (*lint_check)(const ls_request *req, FILE *err);

static void check_request_warnings(const ls_request *req, FILE *err)
{
    (void)err;
    ls_cli_print_request_warnings(req);
}

/* §2: a prohibit drops a title holding ANY token of its normal form, so a
 * phrase ("account executive") or an acronym that expands ("IT") drops far
 * more than it reads. */
static void check_prohibit_tokens(const ls_request *req, FILE *err)
{
    ls_normalizer *nz = ls_normalizer_new();
    if (!nz)
        return;
    for (size_t i = 0; i < req->npersonas; i++) {
        const ls_persona *p = &req->personas[i];
        for (size_t j = 0; j < p->npros; j++) {
            const char *raw = p->pros[j].raw;
            size_t n;
            const char *norm = ls_normalizer_run(nz, raw, strlen(raw), &n, NULL);
            if (!norm || !memchr(norm, ' ', n))
                continue;
            fprintf(err,
                    "leadsieve: warning: personas[%zu][3][%zu]: prohibit \"%s\" drops every "
                    "title with ANY of the words \"%s\", each on its own\n",
                    i, j, raw, norm);
        }
    }
    ls_normalizer_free(nz);
}

static const lint_check checks[] = {check_request_warnings, check_prohibit_tokens};

int ls_cmd_lint(int argc, char **argv)
{
    static const struct option longopts[] = {{"match", required_argument, NULL, 'm'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    ls_compile_options copt = {LS_MATCH_DOCUMENTED, 0, 0, 0};
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            return LS_EXIT_OK;
        case 'm':
            if (strcmp(optarg, "documented") == 0)
                copt.match_mode = LS_MATCH_DOCUMENTED;
            else if (strcmp(optarg, "words") == 0)
                copt.match_mode = LS_MATCH_WORDS;
            else {
                fprintf(stderr, "leadsieve lint: --match must be documented or words, not "
                                "'%s' (see leadsieve lint --help)\n", optarg);
                return LS_EXIT_USAGE;
            }
            break;
        case ':':
            fprintf(stderr, "leadsieve lint: option '%s' needs a value (see leadsieve lint "
                            "--help)\n", argv[optind - 1]);
            return LS_EXIT_USAGE;
        default:
            fprintf(stderr, "leadsieve lint: unknown option '%s' (see leadsieve lint --help)\n",
                    argv[optind - 1]);
            return LS_EXIT_USAGE;
        }
    }
    if (argc - optind != 1) {
        fprintf(stderr, "leadsieve lint: give exactly one REQUEST.json (see leadsieve lint "
                        "--help)\n");
        return LS_EXIT_USAGE;
    }
    ls_request *req = NULL;
    int rc = ls_cli_load_request("lint", argv[optind], &copt, &req);
    if (rc != LS_EXIT_OK)
        return rc;
    if (puts("ok") < 0 || fflush(stdout) != 0)
        rc = LS_EXIT_FAIL;
    for (size_t i = 0; i < sizeof checks / sizeof *checks; i++)
        checks[i](req, stderr);
    ls_request_free(req);
    return rc;
}
