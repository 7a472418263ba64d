/* `leadsieve lint`: validates a request; warnings name what may surprise.
 * The checks live in the library (tuning/lint_checks.h); this file prints
 * them. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_util.h"
#include "commands.h"
#include "leadsieve/tools.h"

static const char usage_head[] =
    "usage: leadsieve lint [options] REQUEST.json\n"
    "\n"
    "Validates a by_icp request body as the API would.  A valid request prints\n"
    "\"ok\" on standard output and its warnings on standard error, exit 0.  An\n"
    "invalid one prints the API's error envelope with every problem on standard\n"
    "output, exit 2.  REQUEST.json may be - for standard input.\n"
    "\n";

static const char usage_tail[] =
    "options:\n"
    "  --match MODE     documented (default) or words: the function matching the\n"
    "                   request will be run with\n"
    "  --leads INPUT    leads to check the request against (a file, a directory\n"
    "                   or -), read as filter reads them; repeat for more\n"
    "  --format FORMAT  text (default: \"ok\", warnings on standard error) or json\n"
    "                   ({\"status\": \"ok\", \"warnings\": [{path, code, message}]}\n"
    "                   on standard output)\n"
    "  -h, --help       show this help\n"
    "\n"
    "exit status: 0 valid, 2 invalid request or bad usage, 1 unreadable request\n";

/* The help text: the warnings section comes from the library's registry
 * of lint rules, so that it lists every code there is. */
static void print_usage(void)
{
    fputs(usage_head, stdout);
    fputs("Warnings (code: what), each with the JSON path it is about:\n", stdout);
    for (size_t i = 0; i < ls_lint_rule_count(); i++) {
        const ls_lint_rule *r = ls_lint_rule_at(i);
        const char *when = r->when == LS_LINT_WITH_LEADS      ? "(--leads) "
                           : r->when == LS_LINT_WITHOUT_LEADS ? "(no --leads) "
                                                              : "";
        printf("  %-28s%s%s", r->code, r->note ? "(a note) " : "", when);
        for (const char *p = r->summary; *p; p++) {
            putchar(*p);
            if (*p == '\n')
                printf("%30s", "");
        }
        putchar('\n');
    }
    putchar('\n');
    fputs(usage_tail, stdout);
}

typedef struct lint_args {
    ls_compile_options copt;
    int json;
    const char **leads;
    size_t nleads;
} lint_args;


/* Unreadable inputs are said; skipped records are warnings. */
static void on_diag(void *user, const ls_diag *d)
{
    (void)user;
    if (d->kind == LS_DIAG_IO)
        fprintf(stderr, "leadsieve: lint: %s: %s\n", d->file, d->message);
    else if (d->kind != LS_DIAG_NOTE && d->line)
        fprintf(stderr, "leadsieve: warning: %s:%llu: %s\n", d->file,
                (unsigned long long)d->line, d->message);
    else if (d->kind != LS_DIAG_NOTE)
        fprintf(stderr, "leadsieve: warning: %s: %s\n", d->file, d->message);
}

static int run_lint(const lint_args *a, const ls_request *req)
{
    ls_lint_options lo = {on_diag, NULL, 0, 0};
    ls_lint *l = NULL;
    ls_status st = ls_lint_new(req, &lo, &l);
    for (size_t i = 0; st == LS_OK && i < a->nleads; i++)
        st = ls_lint_add_path(l, a->leads[i]);
    if (st == LS_OK)
        st = ls_lint_finish(l);
    if (st != LS_OK) {
        fprintf(stderr, "leadsieve: lint: %s\n", ls_status_message(st));
        ls_lint_free(l);
        return LS_EXIT_FAIL;
    }
    int rc = LS_EXIT_OK;
    if (a->json) {
        char *json = NULL;
        size_t len = 0;
        st = ls_lint_report_json(l, 0, &json, &len);
        rc = ls_cli_print_json("lint", st, json, len);
    } else if (puts("ok") < 0) {
        rc = LS_EXIT_FAIL;
    }
    if (fflush(stdout) != 0)
        rc = LS_EXIT_FAIL;
    if (!a->json)
        for (size_t i = 0; i < ls_lint_count(l); i++) {
            ls_lint_warning w = ls_lint_get(l, i);
            fprintf(stderr, "leadsieve: warning: %s: %s [%s]\n", w.path, w.message, w.code);
        }
    if (a->nleads)
        fprintf(stderr, "leadsieve: lint: %llu lead(s) read, %llu persona-matched\n",
                (unsigned long long)ls_lint_leads_read(l),
                (unsigned long long)ls_lint_leads_matched(l));
    ls_lint_free(l);
    return rc;
}

int ls_cmd_lint(int argc, char **argv)
{
    static const struct option longopts[] = {{"match", required_argument, NULL, 'm'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"leads", required_argument, NULL, 'l'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    lint_args a;
    memset(&a, 0, sizeof a);
    a.leads = calloc((size_t)argc, sizeof *a.leads);
    if (!a.leads) {
        fprintf(stderr, "leadsieve lint: out of memory\n");
        return LS_EXIT_FAIL;
    }
    opterr = 0;
    optind = 1;
    int c, rc = -1;
    while (rc < 0 && (c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            print_usage();
            rc = LS_EXIT_OK;
            break;
        case 'm':
            if (ls_cli_option_match("lint", optarg, &a.copt) != LS_EXIT_OK)
                rc = LS_EXIT_USAGE;
            break;
        case 'f':
            if (ls_cli_option_format("lint", optarg, "json", &a.json) != LS_EXIT_OK)
                rc = LS_EXIT_USAGE;
            break;
        case 'l':
            a.leads[a.nleads++] = optarg;
            break;
        default:
            rc = ls_cli_getopt_error("lint", c, argv);
            break;
        }
    }
    if (rc < 0 && argc - optind != 1)
        rc = ls_cli_usage_error("lint", "give exactly one REQUEST.json");
    for (size_t i = 0; rc < 0 && i < a.nleads; i++)
        if (strcmp(a.leads[i], "-") == 0 && strcmp(argv[optind], "-") == 0)
            rc = ls_cli_usage_error("lint",
                                    "the request and the leads cannot both be standard input");
    if (rc < 0) {
        ls_request *req = NULL;
        rc = ls_cli_load_request("lint", argv[optind], &a.copt, &req);
        if (rc == LS_EXIT_OK)
            rc = run_lint(&a, req);
        ls_request_free(req);
    }
    free(a.leads);
    return rc;
}
