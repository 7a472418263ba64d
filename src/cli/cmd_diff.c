/* `leadsieve diff`: what changes between two requests on the same leads. */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_util.h"
#include "commands.h"
#include "guard.h"
#include "options.h"
#include "leadsieve/tools.h"

static const char usage[] =
    "usage: leadsieve diff --request A.json --against B.json [options] [INPUT...]\n"
    "\n"
    "Runs both requests over the same leads and shows what A (the new request)\n"
    "changes against B (the baseline):\n"
    "  gained      leads A matches and B does not\n"
    "  lost        leads B matches and A does not\n"
    "  reassigned  leads both match, under personas of different names\n"
    "Counts come first, then each group's leads in input order: the lead key,\n"
    "name, title as written and where it was read (file:line, and [i], its\n"
    "index in the array that holds it), then under each request the persona\n"
    "it assigns with the function and seniority that let the lead in, or why\n"
    "not: the filter that dropped it, or the check that the persona of the\n"
    "other request's name failed here (function miss, seniority miss,\n"
    "prohibit X; taken by a persona ranked before it; no persona of that\n"
    "name).  Personas are compared by name.  Duplicates are dropped first, as\n"
    "filter drops them; limit_by does not apply (every match counts).\n"
    "\n"
    "options:\n"
    "  --request FILE     the new request A (required)\n"
    "  --against FILE     the baseline request B (required)\n"
    "  --format FORMAT    text (default) or json\n"
    "  --max N            list at most N leads per group (counts stay complete)\n"
    "  --input-format FMT json or csv, as for filter\n"
    "  --api API          v1 or by_icp: how the request is read (default:\n"
    "                     v1 when it has a field only v1 requests have)\n"
    "  --mode MODE        realtime (default) or database: the v1 search\n"
    "                     whose fields the request may use\n"
    "  --match MODE       documented (default) or words, for both requests\n"
    "  --as-of YYYY-MM-DD the day years_in_* filters count to (default: today)\n"
    "  -q, --quiet        no warnings about the requests and skipped records\n"
    "  -h, --help         show this help\n"
    "\n"
    "exit status: 0 ok; 2 an invalid request (the API's error envelope on\n"
    "standard output, and standard error names which request) or bad usage;\n"
    "1 unreadable request or write failure\n";

typedef struct diff_args {
    const char *request, *against;
    int json, quiet;
    unsigned long long max; /* leads listed per group */
    ls_compile_options copt;
    ls_input_format input_format;
} diff_args;


#define ARG(member) offsetof(diff_args, member)
static const ls_cli_opt options[] = {
    {"request", 0, 1, ARG(request), NULL, NULL},
    {"against", 0, 1, ARG(against), NULL, NULL},
    {"format", 0, 1, ARG(json), ls_cli_set_format, "json"},
    {"max", 0, 1, ARG(max), ls_cli_set_leads, "0"},
    {"input-format", 0, 1, ARG(input_format), ls_cli_set_input_format, NULL},
    {"match", 0, 1, ARG(copt), ls_cli_set_match, NULL},
    {"api", 0, 1, ARG(copt), ls_cli_set_api, NULL},
    {"mode", 0, 1, ARG(copt), ls_cli_set_mode, NULL},
    {"as-of", 0, 1, ARG(copt), ls_cli_set_as_of, NULL},
    {"quiet", 'q', 0, ARG(quiet), NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL}};
#undef ARG

static int parse_args(int argc, char **argv, diff_args *a, int *first_input)
{
    a->max = UINT64_MAX;
    int first, rc = ls_cli_parse_options("diff", options, usage, argc, argv, a, &first);
    if (rc >= 0)
        return rc;
    if (!a->request || !a->against)
        return ls_cli_usage_error("diff", "--request A.json and --against B.json are both required");
    int stdin_uses = (strcmp(a->request, "-") == 0) + (strcmp(a->against, "-") == 0) +
                     ls_cli_leads_stdin_uses(argc, argv, first);
    if (stdin_uses > 1)
        return ls_cli_usage_error("diff",
                                  "only one of the requests and the leads can be standard "
                                  "input");
    *first_input = first;
    return -1;
}

/* Lead text on one line: control characters (tabs, newlines, escape
 * sequences, C1) become spaces so that one lead stays one line. */
static void put_title(FILE *out, const char *s)
{
    if (!*s) {
        fputs("(no title)", out);
        return;
    }
    ls_cli_put_safe(out, s);
}

/* A check's keywords that hit: `function "sales", seniority "head"`. */
static void print_hits(FILE *out, const ls_diff_check *c)
{
    int n = 0;
    if (c->function)
        fprintf(out, "%sfunction \"%s\"", n++ ? ", " : "", ls_cli_safe(c->function));
    if (c->seniority)
        fprintf(out, "%sseniority \"%s\"", n++ ? ", " : "", ls_cli_safe(c->seniority));
    if (!n)
        fputs("any title", out); /* empty lists pass every title */
}

/* The persona assigned and what let the lead in, or why not; then why
 * the other request's persona did not take it here. */
static void print_side(FILE *out, const ls_diff *d, const ls_diff_side *s,
                       const ls_diff_side *other, int of_baseline)
{
    switch (s->outcome) {
    case LS_MATCHED:
        if (s->persona >= 0) {
            fprintf(out, "\"%s\" (", ls_cli_safe(ls_diff_persona(d, s, of_baseline)));
            print_hits(out, &s->assigned);
            fputc(')', out);
        } else {
            fputs("matched (no personas)", out);
        }
        break;
    case LS_DROPPED_BY_FILTER:
        fprintf(out, "dropped by filter %s", s->filter ? s->filter : "?");
        break;
    case LS_NO_PERSONA:
        fputs("no persona", out);
        break;
    }
    if (s->why == LS_DIFF_WHY_NONE || s->why == LS_DIFF_WHY_FILTER)
        return;
    const char *name = ls_cli_safe(ls_diff_persona(d, other, !of_baseline));
    const ls_diff_check *c = &s->other;
    switch (s->why) {
    case LS_DIFF_WHY_TAKEN:
        fprintf(out, "; \"%s\" matched too (", name);
        print_hits(out, c);
        fprintf(out, "), ranked after \"%s\"", ls_cli_safe(ls_diff_persona(d, s, of_baseline)));
        break;
    case LS_DIFF_WHY_NO_FUNCTION:
        fprintf(out, "; \"%s\": function miss", name);
        break;
    case LS_DIFF_WHY_NO_SENIORITY:
        fprintf(out, "; \"%s\": seniority miss (function \"%s\" hit)", name,
                c->function ? ls_cli_safe(c->function) : "?");
        break;
    case LS_DIFF_WHY_PROHIBITED:
        fprintf(out, "; \"%s\": prohibit \"%s\"", name, ls_cli_safe(c->prohibit));
        if (c->t.prohibit_token && strcmp(c->t.prohibit_token, c->prohibit) != 0)
            fprintf(out, " on \"%s\"", ls_cli_safe(c->t.prohibit_token));
        break;
    default:
        fprintf(out, "; no persona named \"%s\" in this request", name);
        break;
    }
}

/* The lead: key, name, title, where. */
static void print_lead(FILE *out, const ls_lead_ref *l)
{
    fprintf(out, "  %s", l->key ? ls_cli_safe(l->key) : "(no key)");
    if (l->name) {
        fputs("  ", out);
        put_title(out, l->name);
    }
    fputs("  \"", out);
    put_title(out, l->title);
    fprintf(out, "\"  %s:%" PRIu64, ls_cli_safe(l->file ? l->file : ""), l->line);
    if (l->index != LS_NO_INDEX)
        fprintf(out, " [%" PRIu64 "]", l->index);
    fputc('\n', out);
}

static void print_text(FILE *out, const ls_diff *d, const ls_diff_result *r, uint64_t max)
{
    const ls_input_stats *in = &r->input;
    fprintf(out, "leads: %" PRIu64 " read, %" PRIu64 " duplicate(s) dropped, %" PRIu64
                 " compared\n",
            in->leads_read, in->duplicates, r->compared);
    if (in->malformed || in->not_objects || in->not_leads || in->files_failed)
        fprintf(out, "skipped: %" PRIu64 " malformed record(s), %" PRIu64
                     " non-object item(s), %" PRIu64 " record(s) that are not leads, %" PRIu64
                     " unreadable input(s)\n",
                in->malformed, in->not_objects, in->not_leads, in->files_failed);
    fprintf(out, "gained:     %10" PRIu64 "  (matched by the new request only)\n"
                 "lost:       %10" PRIu64 "  (matched by the baseline only)\n"
                 "reassigned: %10" PRIu64 "  (matched by both, another persona)\n"
                 "unchanged:  %10" PRIu64 "  (matched by both, same persona)\n"
                 "neither:    %10" PRIu64 "  (matched by neither)\n",
            r->count[LS_DIFF_GAINED], r->count[LS_DIFF_LOST], r->count[LS_DIFF_REASSIGNED],
            r->same, r->neither);
    for (int g = 0; g < LS_DIFF__GROUPS; g++) {
        if (!r->count[g])
            continue;
        fprintf(out, "\n%s (%" PRIu64 ")\n", ls_diff_group_name((ls_diff_group)g), r->count[g]);
        for (uint64_t i = 0; i < r->count[g] && i < max; i++) {
            const ls_diff_entry *e = &r->entries[g][i];
            print_lead(out, &e->lead);
            fputs("    baseline: ", out); /* baseline, then new, in every group */
            print_side(out, d, &e->base, &e->now, 1);
            fputs("\n    new:      ", out);
            print_side(out, d, &e->now, &e->base, 0);
            fputc('\n', out);
        }
        if (r->count[g] > max)
            fprintf(out, "  ... and %" PRIu64 " more\n", r->count[g] - max);
    }
}

static int run_diff(const diff_args *a, const ls_request *ra, const ls_request *rb, int ninputs,
                    char **inputs)
{
    ls_cli_diag_printer dc = {"diff", a->quiet, 0};
    ls_diff_options o = {ls_cli_print_diag, &dc, 0, 0, a->input_format};
    ls_diff *d = NULL;
    ls_status st = ls_diff_new(ra, rb, &o, &d);
    for (int i = 0; st == LS_OK && i < ninputs; i++)
        st = ls_diff_add_path(d, inputs[i]);
    if (st == LS_OK && ninputs == 0)
        st = ls_diff_add_path(d, "-");
    const ls_diff_result *r = NULL;
    if (st == LS_OK)
        st = ls_diff_finish(d, &r);
    if (st != LS_OK) {
        fprintf(stderr, "leadsieve: diff: %s\n", ls_status_message(st));
        ls_diff_free(d);
        return LS_EXIT_FAIL;
    }
    int rc = LS_EXIT_OK;
    char *json = NULL;
    size_t len = 0;
    if (a->json) {
        st = ls_diff_report_json(d, r, 2, &json, &len);
        rc = ls_cli_print_json("diff", st, json, len);
    } else {
        print_text(stdout, d, r, a->max);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "leadsieve: diff: cannot write standard output: %s\n", strerror(errno));
        rc = LS_EXIT_FAIL;
    }
    ls_diff_free(d);
    return rc;
}

/* Loads one request; an invalid one gets its envelope on stdout and its
 * role named on stderr. */
static int load(const char *role, const char *path, const diff_args *a, ls_request **out)
{
    int rc = ls_cli_load_request("diff", path, &a->copt, out);
    if (rc == LS_EXIT_USAGE)
        fprintf(stderr, "leadsieve: diff: %s request %s is invalid (envelope on standard "
                        "output)\n", role, path);
    else if (rc == LS_EXIT_OK && !a->quiet) {
        const ls_problems *w = ls_request_warnings(*out);
        for (size_t i = 0; i < ls_problems_count(w); i++) {
            ls_problem p = ls_problems_get(w, i);
            fprintf(stderr, "leadsieve: warning: %s request: %s: %s\n",
                    role, ls_cli_safe(p.path), ls_cli_safe(p.hint));
        }
    }
    return rc;
}

int ls_cmd_diff(int argc, char **argv)
{
    diff_args a;
    memset(&a, 0, sizeof a);
    int first = 0, rc = parse_args(argc, argv, &a, &first);
    if (rc >= 0)
        return rc;
    const ls_cli_output outs[] = {{NULL, NULL}};
    const ls_cli_read reads[] = {{"the request", a.request}, {"the baseline request", a.against},
                                 {NULL, NULL}};
    rc = ls_cli_guard("diff", outs, 1, reads, argv + first, argc - first);
    if (rc != LS_EXIT_OK)
        return rc;
    ls_request *ra = NULL, *rb = NULL;
    rc = load("new (--request)", a.request, &a, &ra);
    if (rc == LS_EXIT_OK)
        rc = load("baseline (--against)", a.against, &a, &rb);
    if (rc == LS_EXIT_OK)
        rc = run_diff(&a, ra, rb, argc - first, argv + first);
    ls_request_free(ra);
    ls_request_free(rb);
    return rc;
}
