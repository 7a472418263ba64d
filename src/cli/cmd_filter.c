/* `leadsieve filter`: the by_icp request applied to lead files offline. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli_util.h"
#include "commands.h"
#include "guard.h"
#include "summary.h"
#include "leadsieve.h"
#include "leadsieve/tools.h"
#include "options.h"

static const char usage[] =
    "usage: leadsieve filter --request REQUEST.json [options] [INPUT...]\n"
    "\n"
    "Applies a by_icp or v1 request to leads already downloaded: drops duplicates,\n"
    "applies the request's filters and personas, ranks by persona priority and\n"
    "keeps limit_by leads.  Writes the API-shaped response on standard output\n"
    "and a summary of what happened on standard error.\n"
    "\n"
    "INPUT is a file (API response, v1 response, JSON array, JSONL or one lead\n"
    "object, detected by content; a *.csv file is CSV leads, a header row and\n"
    "one lead a row; gzip and zstd are decompressed, known by their bytes), a\n"
    "directory (its *.json, *.jsonl, *.ndjson and *.csv files, each maybe .gz or\n"
    ".zst, recursively, in path order) or - for standard input (the default).\n"
    "\n"
    "options:\n"
    "  --request FILE        the request body, by_icp or v1 (JSON); required\n"
    "  -o, --output FILE     write the result to FILE instead of standard output;\n"
    "                        FILE is replaced atomically, and left untouched when\n"
    "                        anything fails\n"
    "  --format FORMAT       json (the API response, default), jsonl (one lead a\n"
    "                        line) or csv (RFC 4180)\n"
    "  --fields A,B,C        CSV columns (default: after CSV input, the first CSV\n"
    "                        input's header then linkedin_lead_persona, unless the\n"
    "                        header has it; else linkedin_lead_persona,full_name,\n"
    "                        job_title,company_name,location,linkedin_url,sales_id).\n"
    "                        A typo of an API lead field (fullname) is exit 2\n"
    "                        with a did-you-mean, except after CSV input; a name\n"
    "                        no lead read has is exit 2 after reading, one only\n"
    "                        leads not written have a warning.  company.name,\n"
    "                        jobs[0].job_title: paths.  @ names are computed:\n"
    "                        @level, @title, @title_field, @norm, @persona,\n"
    "                        @function, @seniority (README: filter)\n"
    "  --csv-raw             keep text cells starting with = + - @, tab or CR as\n"
    "                        they are (by default they get a leading ' so\n"
    "                        spreadsheets do not run them as formulas)\n"
    "  --input-format FMT    json or csv: how every input is read, standard input\n"
    "                        included (default: a name ending .csv is CSV, any\n"
    "                        other input JSON)\n"
    "  --api API             v1 or by_icp: how the request is read (default:\n"
    "                        v1 when it has a field only v1 requests have)\n"
    "  --mode MODE           realtime (default) or database: the v1 search\n"
    "                        whose fields the request may use\n"
    "  --match MODE          documented (default: a function keyword matches\n"
    "                        inside the title, as documented) or words (it must\n"
    "                        match whole words)\n"
    "  --as-of YYYY-MM-DD    the day years_in_position/years_in_company count to\n"
    "                        (default: today, UTC)\n"
    "  --report FILE         write every figure of the run as JSON to FILE\n"
    "                        (atomically)\n"
    "  --strict              exit 1 without writing the result when any input was\n"
    "                        unreadable or any record was malformed or skipped, or\n"
    "                        when no lead written has a --fields name of your own\n"
    "  -q, --quiet           no summary on standard error (warnings remain, and one\n"
    "                        line when records or inputs were skipped); without it,\n"
    "                        a run longer than a second shows its progress on a\n"
    "                        terminal\n"
    "  -j, --threads N       read and match files on N threads (default: one per\n"
    "                        CPU, at most 8), a big JSONL file in byte ranges, a\n"
    "                        pipe read ahead; the output is the same for any N\n"
    "  -h, --help            show this help\n"
    "\n"
    "exit status: 0 ok; 2 invalid request (the API's error envelope is printed on\n"
    "standard output) or bad usage (a --fields name close to a lead field's,\n"
    "one no lead read has, or an unknown @ name); 1 unreadable request, write\n"
    "failure, or --strict with skipped input or a --fields column no lead\n"
    "written has\n";

typedef struct filter_args {
    const char *request, *output, *report;
    ls_write_options wopt;
    char *fields_copy;
    const char **fields;
    int fields_given;
    const char **custom;   /* --fields names far from every lead field: checked after the run */
    size_t ncustom;
    ls_compile_options copt;
    int strict, quiet, threads;
    ls_input_format input_format;
} filter_args;


static int parse_fields(filter_args *a, const char *arg)
{
    free(a->fields_copy);
    free(a->fields);
    a->fields_copy = strdup(arg);
    size_t n = 1;
    for (const char *p = arg; *p; p++)
        n += *p == ',';
    a->fields = calloc(n, sizeof *a->fields);
    if (!a->fields_copy || !a->fields)
        return -1;
    size_t i = 0;
    for (char *s = a->fields_copy, *next; s; s = next, i++) {
        next = strchr(s, ',');
        if (next)
            *next++ = '\0';
        if (!*s)
            return -1;
        a->fields[i] = s;
    }
    a->wopt.csv_fields = a->fields;
    a->wopt.csv_field_count = n;
    return 0;
}

static int set_format(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    (void)opt;
    ls_format *f = field;
    if (strcmp(value, "json") == 0)
        *f = LS_FORMAT_JSON;
    else if (strcmp(value, "jsonl") == 0)
        *f = LS_FORMAT_JSONL;
    else if (strcmp(value, "csv") == 0)
        *f = LS_FORMAT_CSV;
    else
        return ls_cli_usage_error(cmd, "--format must be json, jsonl or csv, not '%s'", value);
    return LS_EXIT_OK;
}

static int set_fields(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    (void)opt;
    filter_args *a = field;
    if (parse_fields(a, value) != 0)
        return ls_cli_usage_error(cmd, "--fields needs comma-separated field names, not '%s'",
                                  value);
    a->fields_given = 1;
    return LS_EXIT_OK;
}

#define ARG(member) offsetof(filter_args, member)
static const ls_cli_opt options[] = {
    {"request", 0, 1, ARG(request), NULL, NULL},
    {"output", 'o', 1, ARG(output), NULL, NULL},
    {"format", 0, 1, ARG(wopt.format), set_format, NULL},
    {"fields", 0, 1, 0, set_fields, NULL},
    {"csv-raw", 0, 0, ARG(wopt.csv_raw), NULL, NULL},
    {"input-format", 0, 1, ARG(input_format), ls_cli_set_input_format, NULL},
    {"match", 0, 1, ARG(copt), ls_cli_set_match, NULL},
    {"api", 0, 1, ARG(copt), ls_cli_set_api, NULL},
    {"mode", 0, 1, ARG(copt), ls_cli_set_mode, NULL},
    {"as-of", 0, 1, ARG(copt), ls_cli_set_as_of, NULL},
    {"report", 0, 1, ARG(report), NULL, NULL},
    {"strict", 0, 0, ARG(strict), NULL, NULL},
    {"quiet", 'q', 0, ARG(quiet), NULL, NULL},
    {"threads", 'j', 1, ARG(threads), ls_cli_set_threads, NULL},
    {NULL, 0, 0, 0, NULL, NULL}};
#undef ARG

/* A CSV input's own header names may lie close to an API field ("Title"
 * beside "title"), so with CSV input no name is refused before the run. */
static int csv_input_given(const filter_args *a, int argc, char **argv, int first)
{
    if (a->input_format == LS_INPUT_CSV)
        return 1;
    if (a->input_format == LS_INPUT_JSON)
        return 0;
    for (int i = first; i < argc; i++)
        if (ls_path_input_format(argv[i]) == LS_INPUT_CSV)
            return 1;
    return 0;
}

/* An @ name is a column leadsieve computes: -1 when it is one, else the
 * usage error's exit status (did you mean, or the list of them). */
static int check_computed(const char *f)
{
    size_t nc;
    const char *const *names = ls_computed_field_names(&nc);
    for (size_t k = 0; k < nc; k++)
        if (strcmp(f, names[k]) == 0)
            return -1;
    const char *near = ls_suggest(f, strlen(f), names, nc);
    if (near)
        return ls_cli_usage_error("filter", "--fields: \"%s\" is not a column leadsieve "
                                  "computes; did you mean \"%s\"?", ls_cli_safe(f), near);
    char list[256] = "";
    for (size_t k = 0, len = 0; k < nc && len < sizeof list; k++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", k ? ", " : "", names[k]);
    return ls_cli_usage_error("filter", "--fields: \"%s\" is not a column leadsieve computes "
                              "(an @ name is one of: %s)", ls_cli_safe(f), list);
}

/* Each --fields name is a field of the API's leads, or far from all of
 * them: a field of the user's own, which the end of the run checks.  A
 * name close to a lead field ("fullname") is taken for a typo of it,
 * except after CSV input, where the end of the run names the close field
 * if no lead had the name. */
static int check_fields(filter_args *a, int csv_input)
{
    size_t nknown, n = a->wopt.csv_field_count;
    const char *const *known = ls_lead_field_names(&nknown);
    a->custom = calloc(n ? n : 1, sizeof *a->custom);
    if (!a->custom) {
        fprintf(stderr, "leadsieve: filter: out of memory\n");
        return LS_EXIT_FAIL;
    }
    int rc = -1;
    for (size_t i = 0; i < n; i++) {
        const char *f = a->fields[i];
        if (f[0] == '@') { /* a computed column: one of leadsieve's, or a usage error */
            int bad = check_computed(f);
            rc = bad >= 0 ? bad : rc;
            continue;
        }
        int seen = 0;
        for (size_t k = 0; k < nknown && !seen; k++)
            seen = strcmp(f, known[k]) == 0;
        for (size_t k = 0; k < a->ncustom && !seen; k++)
            seen = strcmp(f, a->custom[k]) == 0;
        if (seen)
            continue;
        /* a path (company.name, jobs[0].job_title) is checked on the leads */
        int path = strchr(f, '.') || strchr(f, '[');
        const char *near = csv_input || path ? NULL : ls_suggest(f, strlen(f), known, nknown);
        if (near)
            rc = ls_cli_usage_error("filter", "--fields: \"%s\" is not a field of the API's "
                                    "leads; did you mean \"%s\"?", ls_cli_safe(f), near);
        else
            a->custom[a->ncustom++] = f;
    }
    return rc;
}

/* Returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, filter_args *a, int *first_input)
{
    int first, rc = ls_cli_parse_options("filter", options, usage, argc, argv, a, &first);
    if (rc >= 0)
        return rc;
    if (!a->request)
        return ls_cli_usage_error("filter", "--request FILE is required");
    if (a->fields_given && a->wopt.format != LS_FORMAT_CSV)
        return ls_cli_usage_error("filter", "--fields applies to --format csv only");
    if (a->fields_given && (rc = check_fields(a, csv_input_given(a, argc, argv, first))) >= 0)
        return rc;
    for (int i = first; i < argc; i++)
        if (strcmp(argv[i], "-") == 0 && strcmp(a->request, "-") == 0)
            return ls_cli_usage_error("filter",
                                      "the request and an input cannot both be standard input");
    if (first == argc && strcmp(a->request, "-") == 0)
        return ls_cli_usage_error("filter", "the request is standard input: give the leads as INPUT");
    *first_input = first;
    return -1;
}

typedef struct diag_ctx {
    int quiet;
    uint64_t empty; /* empty files and directories without leads: --strict fails on them */
} diag_ctx;

/* Unreadable inputs are said at once; skipped records go to the summary. */
static void on_diag(void *user, const ls_diag *d)
{
    diag_ctx *c = user;
    c->empty += d->kind == LS_DIAG_EMPTY;
    if (d->kind == LS_DIAG_IO)
        fprintf(stderr, "leadsieve: filter: %s: %s\n",
                ls_cli_safe(d->file), ls_cli_safe(d->message));
    else if (d->kind == LS_DIAG_EMPTY && !c->quiet)
        fprintf(stderr, "leadsieve: warning: %s: %s\n",
                ls_cli_safe(d->file), ls_cli_safe(d->message));
}

static int write_report(const ls_run *run, const char *path)
{
    char *json = NULL;
    size_t len = 0;
    if (ls_run_report_json(run, 2, &json, &len) != LS_OK) {
        fprintf(stderr, "leadsieve: filter: out of memory building the report\n");
        return -1;
    }
    ls_outfile o;
    int rc = ls_outfile_open(&o, path, "report");
    if (rc == 0) {
        fwrite(json, 1, len, o.f);
        fputc('\n', o.f);
        rc = ls_outfile_commit(&o, "report");
    }
    ls_free(json);
    return rc;
}

/* o was opened before the run: a file that cannot be written is said
 * before reading gigabytes, and a signal during the run removes its
 * temporary file. */
static int write_result(ls_run *run, const filter_args *a, ls_outfile *o)
{
    ls_status st = ls_run_write(run, &a->wopt, o->f);
    if (st != LS_OK) {
        int e = errno;
        ls_outfile_fail(o, "output", st == LS_E_IO ? strerror(e) : ls_status_message(st));
        return -1;
    }
    return ls_outfile_commit(o, "output");
}

/* An empty file and an empty directory alike: each is a warning, and
 * --strict fails on either. */
static int strict_failure(const ls_run *run, const diag_ctx *dc)
{
    const ls_run_stats *s = ls_run_get_stats(run);
    if (!s->files_failed && !s->malformed && !s->not_objects && !s->not_leads && !dc->empty)
        return 0;
    fprintf(stderr,
            "leadsieve: filter: --strict: %llu unreadable or empty input(s), %llu malformed "
            "record(s), %llu non-object item(s), %llu record(s) that are not leads; no result "
            "written\n",
            (unsigned long long)(s->files_failed > dc->empty ? s->files_failed : dc->empty),
            (unsigned long long)s->malformed, (unsigned long long)s->not_objects,
            (unsigned long long)s->not_leads);
    return 1;
}

/* A progress line on a terminal, for runs longer than a second: files and
 * leads done, leads per second, and a time left from the files still to
 * read.  Redrawn at most four times a second; cleared at the end. */
typedef struct progress_line {
    double start, last;
    double delay; /* LEADSIEVE_PROGRESS_DELAY seconds, default 1 (tests set 0) */
    int shown;
} progress_line;

static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int on_progress(void *user, const ls_progress *p)
{
    progress_line *pl = user;
    double now = seconds_now(), spent = now - pl->start;
    if (spent < pl->delay || (pl->shown && now - pl->last < 0.25))
        return 0;
    pl->last = now;
    pl->shown = 1;
    double rate = (double)p->leads_read / spent;
    fprintf(stderr, "\r\033[Kleadsieve: %llu of %llu file(s), %llu leads, %.0f leads/s",
            (unsigned long long)p->files_done, (unsigned long long)p->files_total,
            (unsigned long long)p->leads_read, rate);
    if (p->files_done > 0 && p->files_total > p->files_done)
        fprintf(stderr, ", about %.0f s left",
                spent * (double)(p->files_total - p->files_done) / (double)p->files_done);
    fflush(stderr);
    return 0;
}

/* Standard input has no name to tell CSV by: when nothing in it read as
 * JSON, say how to read it as CSV. */
static void stdin_hint(const filter_args *a, const ls_run *run, int ninputs, char **inputs)
{
    int stdin_read = ninputs == 0;
    for (int i = 0; i < ninputs; i++)
        stdin_read |= strcmp(inputs[i], "-") == 0;
    const ls_run_stats *s = ls_run_get_stats(run);
    if (stdin_read && a->input_format == LS_INPUT_AUTO && s->leads_read == 0 && s->malformed)
        fprintf(stderr, "leadsieve: filter: standard input is read as JSON; if it is CSV, give "
                        "--input-format csv\n");
}

/* The --fields names of the user's own that no lead read has (nor the
 * first CSV input's header: an export's column empty throughout is a
 * column still): each said with the closest field name the leads written
 * have, else the closest field of the API's leads.  A name some lead read
 * has but none written is no typo: the warning at the end says so.  The
 * number refused, or -1 (memory). */
static int unknown_fields(const filter_args *a, ls_run *run, const uint64_t *had)
{
    if (!a->ncustom || !ls_run_get_stats(run)->leads_read)
        return 0;
    int *read = calloc(a->ncustom, sizeof *read);
    char **names = NULL;
    size_t n = 0;
    if (!read || ls_run_fields_read(run, read) != LS_OK ||
        ls_run_field_names(run, 0, &names, &n) != LS_OK) {
        fprintf(stderr, "leadsieve: filter: out of memory checking the --fields names\n");
        free(read);
        return -1;
    }
    size_t nknown;
    const char *const *known = ls_lead_field_names(&nknown);
    int refused = 0;
    for (size_t i = 0; i < a->ncustom; i++) {
        if (had[i] || read[i])
            continue;
        const char *f = a->custom[i];
        int named = 0; /* a CSV header's column: the names start with them */
        for (size_t k = 0; k < n && !named; k++)
            named = strcmp(names[k], f) == 0;
        if (named)
            continue;
        const char *near = ls_suggest(f, strlen(f), (const char *const *)names, n);
        if (!near)
            near = ls_suggest(f, strlen(f), known, nknown);
        fprintf(stderr, "leadsieve: filter: --fields: no lead read has field \"%s\"",
                ls_cli_safe(f));
        if (near)
            fprintf(stderr, "; did you mean \"%s\"?", ls_cli_safe(near));
        fputs(" (nothing written: its column would be empty throughout)\n", stderr);
        refused++;
    }
    ls_free(names);
    free(read);
    return refused;
}

static int run_filter(const filter_args *a, ls_request *req, int ninputs, char **inputs)
{
    diag_ctx dc = {a->quiet, 0};
    const char *delay = getenv("LEADSIEVE_PROGRESS_DELAY");
    progress_line pl = {seconds_now(), 0, delay ? atof(delay) : 1.0, 0};
    ls_run_options ro;
    ls_run_options_init(&ro);
    ro.on_diag = on_diag;
    ro.diag_user = &dc;
    ro.threads = a->threads ? a->threads : ls_cli_default_threads();
    ro.input_format = a->input_format;
    ro.watch_fields = a->custom;
    ro.watch_field_count = a->ncustom;
    if (!a->quiet && isatty(STDERR_FILENO)) {
        ro.on_progress = on_progress;
        ro.progress_user = &pl;
    }
    ls_outfile out;
    if (ls_outfile_open(&out, a->output, "output") != 0)
        return LS_EXIT_FAIL;
    ls_run *run = NULL;
    ls_run_new(req, &ro, &run); /* fails only for memory: run stays NULL */
    if (!run) {
        fprintf(stderr, "leadsieve: filter: out of memory\n");
        ls_outfile_abort(&out);
        return LS_EXIT_FAIL;
    }
    ls_status st = LS_OK;
    for (int i = 0; st == LS_OK && i < ninputs; i++)
        st = ls_run_add_path(run, inputs[i]);
    if (st == LS_OK && ninputs == 0)
        st = ls_run_add_path(run, "-");
    if (st == LS_OK)
        st = ls_run_finish(run);
    if (pl.shown)
        fputs("\r\033[K", stderr); /* the summary takes the line's place */
    if (st != LS_OK) {
        fprintf(stderr, "leadsieve: filter: %s%s%s\n", ls_status_message(st),
                st == LS_E_IO ? ": " : "", st == LS_E_IO ? strerror(errno) : "");
        ls_outfile_abort(&out);
        ls_run_free(run);
        return LS_EXIT_FAIL;
    }
    /* --fields names of the user's own that no lead to be written has: a
     * column empty throughout, said at the end (and --strict fails) */
    uint64_t *had = a->ncustom ? calloc(a->ncustom, sizeof *had) : NULL;
    size_t missing = 0;
    if (a->ncustom && (!had || ls_run_count_fields(run, a->custom, a->ncustom, had) != LS_OK)) {
        fprintf(stderr, "leadsieve: filter: out of memory checking the --fields names\n");
        free(had);
        ls_outfile_abort(&out);
        ls_run_free(run);
        return LS_EXIT_FAIL;
    }
    /* a name no lead written has and no CSV header names: a typo, or a
     * field of another export; refused with the closest name the leads
     * have, rather than written as a column empty throughout */
    int unknown = unknown_fields(a, run, had);
    if (unknown < 0) {
        free(had);
        ls_outfile_abort(&out);
        ls_run_free(run);
        return LS_EXIT_FAIL;
    }
    if (unknown) {
        free(had);
        ls_outfile_abort(&out);
        ls_run_free(run);
        return LS_EXIT_USAGE;
    }
    for (size_t i = 0; i < a->ncustom; i++)
        missing += had[i] == 0;
    int rc = LS_EXIT_OK;
    if (a->report && write_report(run, a->report) != 0)
        rc = LS_EXIT_FAIL;
    int strict_fails = a->strict && strict_failure(run, &dc);
    if (a->strict && missing) {
        fprintf(stderr, "leadsieve: filter: --strict: %zu --fields name(s) that no lead has "
                        "(see the warnings at the end); no result written\n", missing);
        strict_fails = 1;
    }
    if (strict_fails)
        rc = LS_EXIT_FAIL;
    else if (rc == LS_EXIT_OK && write_result(run, a, &out) != 0)
        rc = LS_EXIT_FAIL;
    if (out.f) /* not written: the previous file stays as it was */
        ls_outfile_abort(&out);
    if (!a->quiet) {
        ls_cli_print_summary(run, stderr);
    } else {
        /* quiet still says that input was passed over: a silent skip
         * would look like a complete run */
        const ls_run_stats *s = ls_run_get_stats(run);
        uint64_t skipped = s->malformed + s->not_objects + s->not_leads;
        char names[64] = "";
        if (s->files_skipped)
            snprintf(names, sizeof names, ", %llu file(s) not read by their name",
                     (unsigned long long)s->files_skipped);
        if (skipped || s->files_failed || s->files_skipped)
            fprintf(stderr, "leadsieve: filter: %llu record(s) skipped, %llu input(s) "
                            "unreadable or empty%s (run without -q for the details)\n",
                    (unsigned long long)skipped, (unsigned long long)s->files_failed, names);
    }
    size_t nknown;
    const char *const *known = ls_lead_field_names(&nknown);
    for (size_t i = 0; i < a->ncustom; i++) {
        if (had[i])
            continue;
        const char *near = ls_suggest(a->custom[i], strlen(a->custom[i]), known, nknown);
        fprintf(stderr, "leadsieve: warning: filter: --fields: no lead had field \"%s\"",
                ls_cli_safe(a->custom[i]));
        if (near)
            fprintf(stderr, "; did you mean \"%s\"?", near);
        fputc('\n', stderr);
    }
    free(had);
    stdin_hint(a, run, ninputs, inputs);
    ls_run_free(run);
    return rc;
}

int ls_cmd_filter(int argc, char **argv)
{
    filter_args a;
    memset(&a, 0, sizeof a);
    int first = 0, rc = parse_args(argc, argv, &a, &first);
    if (rc < 0) {
        const ls_cli_output outs[] = {{"-o", a.output}, {"--report", a.report}, {NULL, NULL}};
        const ls_cli_read reads[] = {{"the request", a.request}, {NULL, NULL}};
        rc = ls_cli_guard("filter", outs, !a.output, reads, argv + first, argc - first);
        if (rc == LS_EXIT_OK)
            rc = -1;
    }
    if (rc < 0) {
        ls_request *req = NULL;
        rc = ls_cli_load_request("filter", a.request, &a.copt, &req);
        if (rc == LS_EXIT_OK) {
            if (a.quiet) /* else the summary ends with them */
                ls_cli_print_request_warnings(req);
            rc = run_filter(&a, req, argc - first, argv + first);
        }
        ls_request_free(req);
    }
    free(a.fields_copy);
    free(a.fields);
    free(a.custom);
    return rc;
}
