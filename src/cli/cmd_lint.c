/* `leadsieve lint`: validates a request; warnings name what may surprise.
 * The checks live in the library (ls_lint_* in <leadsieve/tools.h>); this
 * file prints them. */
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
    "  --api API        v1 or by_icp: how the request is read (default:\n"
    "                   v1 when it has a field only v1 requests have)\n"
    "  --mode MODE      realtime (default) or database: the v1 search\n"
    "                   whose fields the request may use\n"
    "  --match MODE     documented (default) or words: the function matching the\n"
    "                   request will be run with\n"
    "  --leads INPUT    leads to check the request against (a file, a directory\n"
    "                   or -), read as filter reads them; repeat for more.  When\n"
    "                   leads have a seniority field, a table on standard error\n"
    "                   (in the JSON, seniority_agreement) says per level how\n"
    "                   many name it, and how many of those have a title that\n"
    "                   implies a level their field names (normalize --level)\n"
    "  --input-format FMT\n"
    "                   json or csv: how the --leads inputs are read, as for\n"
    "                   filter (default: a name ending .csv is CSV)\n"
    "  --format FORMAT  text (default: \"ok\", warnings on standard error) or json\n"
    "                   ({\"status\": \"ok\", \"warnings\": [{path, code, message}]}\n"
    "                   on standard output)\n"
    "  --strict         exit 2 when there is any warning (notes, such as\n"
    "                   not-evaluated, do not count): for use in CI\n"
    "  -h, --help       show this help\n"
    "\n"
    "exit status: 0 valid, 2 invalid request, bad usage or (--strict) a warning,\n"
    "1 unreadable request\n";

/* The help text: the warnings section comes from the library's registry
 * of lint rules, so that it lists every code there is.  0 or -1. */
static int build_usage(ls_buf *b)
{
    int bad = ls_buf_printf(b, "%sWarnings (code: what), each with the JSON path it is "
                                   "about:\n", usage_head);
    for (size_t i = 0; !bad && i < ls_lint_rule_count(); i++) {
        const ls_lint_rule *r = ls_lint_rule_at(i);
        const char *when = r->when == LS_LINT_WITH_LEADS      ? "(--leads) "
                           : r->when == LS_LINT_WITHOUT_LEADS ? "(no --leads) "
                                                              : "";
        bad |= ls_buf_printf(b, "  %-28s%s%s", r->code, r->note ? "(a note) " : "", when);
        for (const char *p = r->summary; *p; p++) {
            bad |= ls_buf_putc(b, *p);
            if (*p == '\n')
                bad |= ls_buf_printf(b, "%30s", "");
        }
        bad |= ls_buf_putc(b, '\n');
    }
    bad |= ls_buf_printf(b, "\n%s", usage_tail);
    return bad ? -1 : 0;
}

typedef struct lint_args {
    ls_compile_options copt;
    int json, strict;
    ls_cli_list leads;
    ls_input_format input_format;
} lint_args;


/* Unreadable inputs are said; skipped records are warnings. */
static void on_diag(void *user, const ls_diag *d)
{
    (void)user;
    if (d->kind == LS_DIAG_IO)
        fprintf(stderr, "leadsieve: lint: %s: %s\n", ls_cli_safe(d->file), ls_cli_safe(d->message));
    else if (d->kind != LS_DIAG_NOTE && d->line)
        fprintf(stderr, "leadsieve: warning: %s:%llu: %s\n", ls_cli_safe(d->file),
                (unsigned long long)d->line, ls_cli_safe(d->message));
    else if (d->kind != LS_DIAG_NOTE)
        fprintf(stderr, "leadsieve: warning: %s: %s\n",
                ls_cli_safe(d->file), ls_cli_safe(d->message));
}

/* Per level, the leads whose seniority field names it and how many of
 * those have a title that implies it; nothing when no lead had the field. */
static void print_levels(const ls_lint *l)
{
    size_t n = ls_level_count();
    uint64_t any = 0, agree;
    for (size_t i = 0; i <= n; i++)
        any += ls_lint_level_agreement(l, i, NULL);
    if (!any)
        return;
    fprintf(stderr, "leadsieve: lint: leads' seniority field against the level their title "
                    "implies (an approximation):\n"
                    "  %-20s %7s %13s %6s\n", "level", "leads", "title agrees", "%");
    for (size_t i = 0; i < n; i++) {
        uint64_t leads = ls_lint_level_agreement(l, i, &agree);
        if (leads)
            fprintf(stderr, "  %-20s %7llu %13llu %6.1f\n", ls_level_name(i),
                    (unsigned long long)leads, (unsigned long long)agree,
                    100.0 * (double)agree / (double)leads);
    }
    uint64_t none = ls_lint_level_agreement(l, n, NULL);
    if (none)
        fprintf(stderr, "  %-20s %7llu %13s %6s\n", "(names no level)", (unsigned long long)none,
                "-", "-");
}

static int run_lint(const lint_args *a, const ls_request *req)
{
    ls_lint_options lo = {on_diag, NULL, 0, 0, a->input_format};
    ls_lint *l = NULL;
    ls_status st = ls_lint_new(req, &lo, &l);
    for (size_t i = 0; st == LS_OK && i < a->leads.n; i++)
        st = ls_lint_add_path(l, a->leads.items[i]);
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
            fprintf(stderr, "leadsieve: warning: %s: %s [%s]\n",
                    ls_cli_safe(w.path), ls_cli_safe(w.message), w.code);
        }
    size_t failing = 0; /* warnings, not notes: what --strict fails on */
    for (size_t i = 0; i < ls_lint_count(l); i++)
        failing += !ls_lint_get(l, i).rule->note;
    if (a->strict && failing && rc == LS_EXIT_OK) {
        fprintf(stderr, "leadsieve: lint: --strict: %zu warning%s\n", failing,
                failing == 1 ? "" : "s");
        rc = LS_EXIT_USAGE;
    }
    if (a->leads.n)
        fprintf(stderr, "leadsieve: lint: %llu lead(s) read, %llu checked against the personas "
                        "(the others: duplicates or dropped by a request filter)\n",
                (unsigned long long)ls_lint_leads_read(l),
                (unsigned long long)ls_lint_leads_matched(l));
    if (a->leads.n && !a->json)
        print_levels(l);
    ls_lint_free(l);
    return rc;
}

#define ARG(member) offsetof(lint_args, member)
static const ls_cli_opt options[] = {
    {"match", 0, 1, ARG(copt), ls_cli_set_match, NULL},
    {"api", 0, 1, ARG(copt), ls_cli_set_api, NULL},
    {"mode", 0, 1, ARG(copt), ls_cli_set_mode, NULL},
    {"format", 0, 1, ARG(json), ls_cli_set_format, "json"},
    {"leads", 0, 1, ARG(leads), ls_cli_add_to_list, NULL},
    {"strict", 0, 0, ARG(strict), NULL, NULL},
    {"input-format", 0, 1, ARG(input_format), ls_cli_set_input_format, NULL},
    {NULL, 0, 0, 0, NULL, NULL}};
#undef ARG

int ls_cmd_lint(int argc, char **argv)
{
    lint_args a;
    memset(&a, 0, sizeof a);
    ls_buf usage = {0};
    if (build_usage(&usage) != 0) {
        fprintf(stderr, "leadsieve lint: out of memory\n");
        ls_buf_free(&usage);
        return LS_EXIT_FAIL;
    }
    int first, rc = ls_cli_parse_options("lint", options, usage.data, argc, argv, &a, &first);
    ls_buf_free(&usage);
    if (rc < 0 && argc - first != 1)
        rc = ls_cli_usage_error("lint", "give exactly one REQUEST.json");
    if (rc < 0) {
        const ls_cli_output outs[] = {{NULL, NULL}};
        const ls_cli_read reads[] = {{"the request", argv[first]}, {NULL, NULL}};
        rc = ls_cli_guard("lint", outs, 1, reads, (char **)a.leads.items, (int)a.leads.n);
        if (rc == LS_EXIT_OK)
            rc = -1;
    }
    for (size_t i = 0; rc < 0 && i < a.leads.n; i++)
        if (strcmp(a.leads.items[i], "-") == 0 && strcmp(argv[first], "-") == 0)
            rc = ls_cli_usage_error("lint",
                                    "the request and the leads cannot both be standard input");
    if (rc < 0) {
        ls_request *req = NULL;
        rc = ls_cli_load_request("lint", argv[first], &a.copt, &req);
        if (rc == LS_EXIT_OK)
            rc = run_lint(&a, req);
        ls_request_free(req);
    }
    free(a.leads.items);
    return rc;
}
