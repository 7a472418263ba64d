/* `leadsieve explain`: why each persona catches or misses each lead.  The
 * records come from the library (ls_explain_* in <leadsieve/tools.h>): a
 * table per lead from explain_fmt.c, or the library's JSON form, a line per
 * lead. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli_util.h"
#include "commands.h"
#include "guard.h"
#include "options.h"
#include "explain_fmt.h"
#include "score_labels.h"
#include "leadsieve/tools.h"

static const char usage[] =
    "usage: leadsieve explain --request REQUEST.json [options] [INPUT...]\n"
    "       leadsieve explain --request REQUEST.json --title TITLE [--title TITLE...]\n"
    "\n"
    "Shows why each persona catches or misses each lead: the title field used,\n"
    "the title and its normalized form, the seniority level the title implies\n"
    "(an approximation, see normalize --level) beside the one the lead's own\n"
    "seniority field names when it has one, and for every persona the function\n"
    "keyword that hit (and whether only inside a word), the seniority entry and\n"
    "expansion that passed, the prohibit and title word that dropped it, and\n"
    "its verdict; then the request filter that dropped the lead, whether it is\n"
    "a duplicate, and the persona the run assigns.  Inputs are read as filter\n"
    "reads them (duplicates and filters included; limit_by is not applied).\n"
    "\n"
    "options:\n"
    "  --request FILE        the by_icp request body (JSON); required\n"
    "  --title TITLE         explain a bare job title (repeatable); inputs are\n"
    "                        then read only when given\n"
    "  --persona NAME        only that persona's row\n"
    "  --only WHICH          matched or missed leads only.  matched = the run\n"
    "                        returns the lead; with --persona: that persona's\n"
    "                        rule matches the title.  With --labels also tp,\n"
    "                        fp, fn or tn, as score counts them: labeled P and\n"
    "                        assigned P; assigned P, labeled otherwise; labeled\n"
    "                        P, assigned otherwise; labeled -, assigned none\n"
    "                        (with --persona: of that persona).  Unlabeled leads\n"
    "                        and duplicates are then not shown\n"
    "  --labels FILE         labels as score reads them (a TSV table, or a\n"
    "                        JSON, JSONL or CSV file of records); each lead shows\n"
    "                        its label\n"
    "  --label-field NAME    the label member of a records --labels file\n"
    "                        (default persona)\n"
    "  --input-format FMT    json or csv, as for filter\n"
    "  --api API             v1 or by_icp: how the request is read (default:\n"
    "                        v1 when it has a field only v1 requests have)\n"
    "  --mode MODE           realtime (default) or database: the v1 search\n"
    "                        whose fields the request may use\n"
    "  --match MODE          documented (default) or words, as for filter\n"
    "  --as-of YYYY-MM-DD    the day years_* filters count to (default: today)\n"
    "  --format FORMAT       text (default) or jsonl (one JSON object per lead)\n"
    "  --limit N             show at most N leads\n"
    "  --color WHEN          auto (default: when standard output is a terminal\n"
    "                        and NO_COLOR is unset), always or never\n"
    "  -h, --help            show this help\n"
    "\n"
    "Each lead is named: its lead key (the first non-blank of sales_id, lead_id,\n"
    "id, linkedin_url, linkedin_id) and name, and after file:line its index in\n"
    "the array that holds it ([3]: a response's leads[3]) when it has one.\n"
    "\n"
    "jsonl keys: file, line, title_field, title, title_norm, filter, duplicate,\n"
    "assigned, personas: [{name, matched, function, function_inside_word,\n"
    "seniority, alternative, prohibit, prohibit_token, function_index,\n"
    "seniority_index, alternative_index, prohibit_index}].  An index is -1 when\n"
    "nothing hit and -2 when the list is empty (which passes).  Then\n"
    "title_level, and when the lead has a seniority field seniority_value and\n"
    "seniority_levels (a list, empty when the value names no level).  Then key,\n"
    "key_field, name (null when none), index (null when none), and label when\n"
    "the lead has one (a persona name or -).  A bare title has file null and\n"
    "line = its position among the --title options.\n"
    "\n"
    "exit status: 0 ok; 2 invalid request or bad usage; 1 unreadable request or\n"
    "write failure\n";


typedef struct explain_args {
    const char *request, *persona, *labels, *label_field;
    ls_cli_list titles;
    ls_compile_options copt;
    ls_explain_only only;
    ls_input_format input_format;
    int jsonl, color; /* color: -1 auto, 0 never, 1 always */
    unsigned long long limit; /* 0: none */
} explain_args;


static int set_only(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    (void)opt;
    static const char *const names[] = {"matched", "missed", "tp", "fp", "fn", "tn"};
    static const ls_explain_only values[] = {LS_EXPLAIN_MATCHED, LS_EXPLAIN_MISSED,
                                             LS_EXPLAIN_TP, LS_EXPLAIN_FP, LS_EXPLAIN_FN,
                                             LS_EXPLAIN_TN};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(value, names[i]) == 0) {
            *(ls_explain_only *)field = values[i];
            return LS_EXIT_OK;
        }
    const char *near = ls_suggest(value, strlen(value), names, sizeof names / sizeof *names);
    if (near)
        return ls_cli_usage_error(cmd, "--only must be matched, missed, tp, fp, fn or tn, not "
                                  "'%s' (did you mean '%s'?)", ls_cli_safe(value), near);
    return ls_cli_usage_error(cmd, "--only must be matched, missed, tp, fp, fn or tn, not '%s'",
                              ls_cli_safe(value));
}

static int set_color(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    (void)opt;
    int *color = field;
    if (strcmp(value, "auto") == 0)
        *color = -1;
    else if (strcmp(value, "always") == 0)
        *color = 1;
    else if (strcmp(value, "never") == 0)
        *color = 0;
    else
        return ls_cli_usage_error(cmd, "--color must be auto, always or never, not '%s'", value);
    return LS_EXIT_OK;
}

#define ARG(member) offsetof(explain_args, member)
static const ls_cli_opt options[] = {
    {"request", 0, 1, ARG(request), NULL, NULL},
    {"title", 0, 1, ARG(titles), ls_cli_add_to_list, NULL},
    {"persona", 0, 1, ARG(persona), NULL, NULL},
    {"only", 0, 1, ARG(only), set_only, NULL},
    {"labels", 0, 1, ARG(labels), NULL, NULL},
    {"label-field", 0, 1, ARG(label_field), NULL, NULL},
    {"input-format", 0, 1, ARG(input_format), ls_cli_set_input_format, NULL},
    {"match", 0, 1, ARG(copt), ls_cli_set_match, NULL},
    {"api", 0, 1, ARG(copt), ls_cli_set_api, NULL},
    {"mode", 0, 1, ARG(copt), ls_cli_set_mode, NULL},
    {"as-of", 0, 1, ARG(copt), ls_cli_set_as_of, NULL},
    {"format", 0, 1, ARG(jsonl), ls_cli_set_format, "jsonl"},
    {"limit", 0, 1, ARG(limit), ls_cli_set_leads, "1"},
    {"color", 0, 1, ARG(color), set_color, NULL},
    {NULL, 0, 0, 0, NULL, NULL}};
#undef ARG

/* Returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, explain_args *a, int *first_input)
{
    a->color = -1;
    int first, rc = ls_cli_parse_options("explain", options, usage, argc, argv, a, &first);
    if (rc >= 0)
        return rc;
    if (!a->request)
        return ls_cli_usage_error("explain", "--request FILE is required");
    if (a->only >= LS_EXPLAIN_TP && !a->labels)
        return ls_cli_usage_error("explain", "--only tp, fp, fn and tn need --labels FILE");
    if (a->label_field && !a->labels)
        return ls_cli_usage_error("explain", "--label-field names the label member of a --labels "
                                  "file of records: give --labels FILE");
    if (a->label_field && !ls_cli_labels_are_records(a->labels))
        return ls_cli_usage_error("explain", "--label-field names the label member of a JSON, "
                                  "JSONL or CSV labels file; %s is a TSV table "
                                  "(lead_key<TAB>persona)", a->labels);
    if (a->labels && a->titles.n)
        return ls_cli_usage_error("explain", "--labels labels leads by their key: bare --title "
                                  "titles have none");
    for (int i = first; i < argc; i++)
        if (strcmp(argv[i], "-") == 0 && strcmp(a->request, "-") == 0)
            return ls_cli_usage_error("explain",
                                      "the request and an input cannot both be standard input");
    if (a->labels && strcmp(a->labels, "-") == 0 &&
        (strcmp(a->request, "-") == 0 || ls_cli_leads_stdin_uses(argc, argv, first)))
        return ls_cli_usage_error("explain", "only one of the request, the labels and the leads "
                                  "can be standard input");
    if (first == argc && !a->titles.n && strcmp(a->request, "-") == 0)
        return ls_cli_usage_error("explain", "the request is standard input: give the leads as INPUT");
    *first_input = first;
    return -1;
}

static void on_diag(void *user, const ls_diag *d)
{
    (void)user;
    if (d->kind == LS_DIAG_IO)
        fprintf(stderr, "leadsieve: explain: %s: %s\n",
                ls_cli_safe(d->file), ls_cli_safe(d->message));
    else if (d->kind != LS_DIAG_NOTE) {
        if (d->line)
            fprintf(stderr, "leadsieve: warning: %s:%llu: %s\n", ls_cli_safe(d->file),
                    (unsigned long long)d->line, ls_cli_safe(d->message));
        else
            fprintf(stderr, "leadsieve: warning: %s: %s\n",
                    ls_cli_safe(d->file), ls_cli_safe(d->message));
    }
}

static int explain_with(const explain_args *a, const ls_request *req, const ls_score *labels,
                        int ninputs, char **inputs);

static int find_persona(const ls_request *req, const char *name)
{
    size_t n = ls_request_persona_count(req);
    for (size_t i = 0; i < n; i++)
        if (strcmp(ls_request_persona_name(req, i), name) == 0)
            return (int)i;
    return -1;
}

typedef struct out_ctx {
    ls_explain_fmt *fmt; /* text; NULL for jsonl */
    unsigned long long limit, shown;
    int write_failed;
    const ls_explain *ex;
} out_ctx;

/* jsonl: the library's JSON form of the record, a line each. */
static int write_jsonl(const out_ctx *c, const ls_explain_record *rec)
{
    char *json = NULL;
    size_t len = 0;
    int rc = ls_explain_record_json(c->ex, rec, &json, &len) == LS_OK &&
                     fwrite(json, 1, len, stdout) == len && putchar('\n') != EOF
                 ? 0
                 : -1;
    ls_free(json);
    return rc;
}

static int on_record(void *user, const ls_explain_record *rec)
{
    out_ctx *c = user;
    if ((c->fmt ? ls_explain_fmt_write(c->fmt, rec, stdout) : write_jsonl(c, rec)) != 0) {
        c->write_failed = 1;
        return 1;
    }
    return c->limit && ++c->shown >= c->limit;
}

/* The labels as a score holds them; an exit status. */
static int load_labels(const explain_args *a, const ls_request *req, ls_score **out)
{
    *out = NULL;
    if (!a->labels)
        return LS_EXIT_OK;
    ls_score_options so;
    ls_score_options_init(&so);
    so.on_diag = on_diag;
    so.input_format = a->input_format;
    ls_status st = ls_score_new(req, &so, out);
    if (st == LS_E_USAGE)
        return ls_cli_usage_error("explain", "--labels: the request has no personas to label");
    if (st != LS_OK) {
        fprintf(stderr, "leadsieve: explain: %s\n", ls_status_message(st));
        return LS_EXIT_FAIL;
    }
    int rc = ls_cli_load_score_labels("explain", *out, a->labels, a->label_field);
    if (rc != LS_EXIT_OK) {
        ls_score_free(*out);
        *out = NULL;
    }
    return rc;
}

static int run_explain(const explain_args *a, const ls_request *req, int ninputs,
                       char **inputs)
{
    ls_score *labels = NULL;
    int lrc = load_labels(a, req, &labels);
    if (lrc != LS_EXIT_OK)
        return lrc;
    int rc = explain_with(a, req, labels, ninputs, inputs);
    ls_score_free(labels);
    return rc;
}

static int explain_with(const explain_args *a, const ls_request *req, const ls_score *labels,
                        int ninputs, char **inputs)
{
    ls_explain_options eo = {on_diag, NULL, 0, 0, -1, a->only, a->input_format, labels};
    if (a->persona) {
        eo.persona = find_persona(req, a->persona);
        if (eo.persona < 0) {
            size_t n = ls_request_persona_count(req);
            const char **names = calloc(n ? n : 1, sizeof *names);
            for (size_t i = 0; names && i < n; i++)
                names[i] = ls_request_persona_name(req, i);
            const char *near = names ? ls_suggest(a->persona, strlen(a->persona), names, n)
                                     : NULL;
            int rc = near ? ls_cli_usage_error("explain", "the request has no persona named "
                                                          "'%s' (did you mean '%s'?)",
                                               ls_cli_safe(a->persona), ls_cli_safe(near))
                          : ls_cli_usage_error("explain", "the request has no persona named "
                                                          "'%s'", ls_cli_safe(a->persona));
            free(names);
            return rc;
        }
    }
    int color = a->color;
    if (color < 0) {
        const char *nc = getenv("NO_COLOR");
        color = isatty(STDOUT_FILENO) && !(nc && *nc);
    }
    out_ctx oc = {a->jsonl ? NULL : ls_explain_fmt_new(req, color), a->limit, 0, 0, NULL};
    ls_explain *ex = NULL;
    if (a->jsonl || oc.fmt)
        ls_explain_new(req, &eo, on_record, &oc, &ex);
    oc.ex = ex;
    if (!ex) {
        fprintf(stderr, "leadsieve: explain: out of memory\n");
        ls_explain_fmt_free(oc.fmt);
        return LS_EXIT_FAIL;
    }
    ls_status st = LS_OK;
    for (size_t i = 0; st == LS_OK && i < a->titles.n; i++)
        st = ls_explain_add_title(ex, a->titles.items[i], strlen(a->titles.items[i]));
    for (int i = 0; st == LS_OK && i < ninputs; i++)
        st = ls_explain_add_path(ex, inputs[i]);
    if (st == LS_OK && ninputs == 0 && a->titles.n == 0)
        st = ls_explain_add_path(ex, "-");
    int rc = LS_EXIT_OK;
    if (st != LS_OK) {
        fprintf(stderr, "leadsieve: explain: %s\n", ls_status_message(st));
        rc = LS_EXIT_FAIL;
    }
    if (fflush(stdout) != 0 || ferror(stdout) || oc.write_failed) {
        fprintf(stderr, "leadsieve: explain: cannot write the output: %s\n",
                oc.write_failed && !errno ? "out of memory" : strerror(errno));
        rc = LS_EXIT_FAIL;
    }
    ls_explain_free(ex);
    ls_explain_fmt_free(oc.fmt);
    return rc;
}

int ls_cmd_explain(int argc, char **argv)
{
    explain_args a;
    memset(&a, 0, sizeof a);
    int first = 0, rc = parse_args(argc, argv, &a, &first);
    if (rc < 0) {
        const ls_cli_output outs[] = {{NULL, NULL}};
        const ls_cli_read reads[] = {{"the request", a.request}, {"the labels", a.labels},
                                     {NULL, NULL}};
        rc = ls_cli_guard("explain", outs, 1, reads, argv + first, argc - first);
        if (rc == LS_EXIT_OK)
            rc = -1;
    }
    if (rc < 0) {
        ls_request *req = NULL;
        rc = ls_cli_load_request("explain", a.request, &a.copt, &req);
        if (rc == LS_EXIT_OK) {
            ls_cli_print_request_warnings(req);
            rc = run_explain(&a, req, argc - first, argv + first);
        }
        ls_request_free(req);
    }
    free(a.titles.items);
    return rc;
}
