/* `leadsieve score`: how well a request's personas match labeled leads. */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uniwidth.h>
#include "cli_util.h"
#include "commands.h"
#include "guard.h"
#include "score_labels.h"
#include "options.h"
#include "score_html.h"
#include "score_misses.h"
#include "leadsieve/tools.h"

static const char usage[] =
    "usage: leadsieve score --request REQUEST.json (--labels LABELS | --label-field NAME)\n"
    "                       [options] [INPUT...]\n"
    "\n"
    "Measures how well the request's personas match leads whose right persona\n"
    "is known: per persona TP, FP, FN, precision, recall and F1, overall micro\n"
    "and macro averages, the confusion between personas, and for every miss its\n"
    "reason with the most frequent normalized titles; --misses writes every\n"
    "miss with the lead it is.\n"
    "\n"
    "Labels:\n"
    "  --labels FILE       TSV, one `lead_key<TAB>persona` a line (# comments);\n"
    "                      lead_key is the first non-blank of sales_id, lead_id,\n"
    "                      id, linkedin_url, linkedin_id, as written; persona -\n"
    "                      means \"should match no persona\".  A FILE named\n"
    "                      *.json, *.jsonl, *.ndjson or *.csv (maybe .gz, .zst)\n"
    "                      is records, read as leads: each record's member\n"
    "                      persona (or --label-field NAME) labels its lead key\n"
    "                      (the same rule, else its lead_key member)\n"
    "  --label-field NAME  without --labels: read the label from each lead's\n"
    "                      field NAME: a string naming the persona; \"-\", \"\" or\n"
    "                      null = no persona; an absent field (or one that is not\n"
    "                      a string) = unlabeled.  With a records --labels file:\n"
    "                      the records' member that holds the label\n"
    "Leads without a label are counted, not scored.  A label must be a persona\n"
    "name of the request, byte for byte, or -.  Exit 2, nothing written, with a\n"
    "did-you-mean: a label naming no persona (with its file and line), a label\n"
    "field no lead or record has, labels none of whose keys is a lead's key.\n"
    "Duplicates are dropped as filter drops them (the first is kept).  limit_by\n"
    "does not apply: scoring judges matching, not the size of the response.\n"
    "\n"
    "The confusion between personas is a matrix (rows: label, columns: assigned)\n"
    "up to 30 personas; with more (and in JSON), the list of the (label,\n"
    "assigned) pairs that hold leads, most first.\n"
    "\n"
    "Metrics: precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN);\n"
    "undefined ones (nothing to divide by) are - (null in JSON).  Micro sums\n"
    "TP, FP, FN over personas; macro averages the defined values.\n"
    "A false negative of persona P is explained by the first that applies of:\n"
    "dropped by filter F, taken by higher-priority persona Q, no function hit,\n"
    "no seniority hit, prohibited by TOKEN.  A false positive by the function\n"
    "keyword that let the title in (\"inside a word\" when it hit mid-word).\n"
    "\n"
    "options:\n"
    "  --request FILE      the by_icp request body (JSON); required\n"
    "  --format FORMAT     text (default, aligned tables) or json\n"
    "  --html FILE         also write a self-contained HTML report to FILE\n"
    "                      (atomically): the request, the date, the figures and\n"
    "                      a table of every miss, searchable (a small inline\n"
    "                      script; without scripts every row shows)\n"
    "  --misses FILE       also write every false negative and false positive, a\n"
    "                      row each with the lead's key, name, title as written\n"
    "                      and place, and the persona's checks on the title, to\n"
    "                      FILE (atomically): TSV, or JSON lines when FILE ends\n"
    "                      .jsonl or .ndjson (README: score, for the columns)\n"
    "  --input-format FMT  json or csv, as for filter\n"
    "  --api API           v1 or by_icp: how the request is read (default:\n"
    "                      v1 when it has a field only v1 requests have)\n"
    "  --mode MODE         realtime (default) or database: the v1 search\n"
    "                      whose fields the request may use\n"
    "  --match MODE        documented (default) or words, as for filter\n"
    "  --as-of YYYY-MM-DD  the day years_in_* filters count to (default: today)\n"
    "  -q, --quiet         no warnings about labels and skipped records\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit status: 0 ok; 2 invalid request (the API's error envelope on standard\n"
    "output), a request without personas, labels as above, or bad usage; 1\n"
    "unreadable request or labels, or a write failure\n";

typedef struct score_args {
    const char *request, *labels, *label_field, *html, *misses;
    int json, quiet;
    ls_compile_options copt;
    ls_input_format input_format;
} score_args;



#define ARG(member) offsetof(score_args, member)
static const ls_cli_opt options[] = {
    {"request", 0, 1, ARG(request), NULL, NULL},
    {"labels", 0, 1, ARG(labels), NULL, NULL},
    {"label-field", 0, 1, ARG(label_field), NULL, NULL},
    {"format", 0, 1, ARG(json), ls_cli_set_format, "json"},
    {"html", 0, 1, ARG(html), NULL, NULL},
    {"misses", 0, 1, ARG(misses), NULL, NULL},
    {"input-format", 0, 1, ARG(input_format), ls_cli_set_input_format, NULL},
    {"match", 0, 1, ARG(copt), ls_cli_set_match, NULL},
    {"api", 0, 1, ARG(copt), ls_cli_set_api, NULL},
    {"mode", 0, 1, ARG(copt), ls_cli_set_mode, NULL},
    {"as-of", 0, 1, ARG(copt), ls_cli_set_as_of, NULL},
    {"quiet", 'q', 0, ARG(quiet), NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL}};
#undef ARG

static int parse_args(int argc, char **argv, score_args *a, int *first_input)
{
    int first, rc = ls_cli_parse_options("score", options, usage, argc, argv, a, &first);
    if (rc >= 0)
        return rc;
    if (!a->request)
        return ls_cli_usage_error("score", "--request FILE is required");
    if (!a->labels && !a->label_field)
        return ls_cli_usage_error("score", "give --labels FILE or --label-field NAME");
    if (a->label_field && !*a->label_field)
        return ls_cli_usage_error("score", "--label-field needs a field name");
    if (a->labels && a->label_field && !ls_cli_labels_are_records(a->labels))
        return ls_cli_usage_error("score", "--label-field with --labels names the label member "
                                  "of a JSON, JSONL or CSV labels file; %s is a TSV table "
                                  "(lead_key<TAB>persona)", a->labels);
    int stdin_uses = (strcmp(a->request, "-") == 0) + (a->labels && strcmp(a->labels, "-") == 0) +
                     ls_cli_leads_stdin_uses(argc, argv, first);
    if (stdin_uses > 1)
        return ls_cli_usage_error("score",
                                  "only one of the request, the labels and the leads can be "
                                  "standard input");
    *first_input = first;
    return -1;
}

/* ---- text output ---- */

static int width_of(const char *s)
{
    int w = u8_strwidth((const uint8_t *)s, "UTF-8");
    return w < 0 ? (int)strlen(s) : w;
}

/* s left-aligned in w display columns. */
static void cell(FILE *out, const char *s, int w)
{
    fputs(s, out);
    for (int pad = w - width_of(s); pad > 0; pad--)
        fputc(' ', out);
}

static const char *fmt_ratio(char *buf, size_t cap, ls_score_ratio r)
{
    if (!r.den)
        return "-";
    snprintf(buf, cap, "%.3f", ls_score_ratio_value(r));
    return buf;
}

static const char *fmt_macro(char *buf, size_t cap, ls_score_macro m)
{
    if (!m.n)
        return "-";
    snprintf(buf, cap, "%.3f", m.value);
    return buf;
}

static void print_metrics(FILE *out, const ls_score_result *r, int namew)
{
    char b1[32], b2[32], b3[32];
    cell(out, "persona", namew);
    fprintf(out, " %8s %8s %8s %8s %8s %9s %7s %6s\n", "labeled", "assigned", "TP", "FP", "FN",
            "precision", "recall", "F1");
    for (size_t i = 0; i < r->npersonas; i++) {
        const ls_score_persona *p = &r->personas[i];
        cell(out, ls_cli_safe(p->name), namew);
        fprintf(out, " %8" PRIu64 " %8" PRIu64 " %8" PRIu64 " %8" PRIu64 " %8" PRIu64
                     " %9s %7s %6s\n",
                p->labeled, p->assigned, p->tp, p->fp, p->fn,
                fmt_ratio(b1, sizeof b1, p->precision), fmt_ratio(b2, sizeof b2, p->recall),
                fmt_ratio(b3, sizeof b3, p->f1));
    }
    cell(out, "micro", namew);
    fprintf(out, " %8s %8s %8" PRIu64 " %8" PRIu64 " %8" PRIu64 " %9s %7s %6s\n", "", "",
            r->micro_tp, r->micro_fp, r->micro_fn, fmt_ratio(b1, sizeof b1, r->micro_precision),
            fmt_ratio(b2, sizeof b2, r->micro_recall), fmt_ratio(b3, sizeof b3, r->micro_f1));
    cell(out, "macro", namew);
    fprintf(out, " %8s %8s %8s %8s %8s %9s %7s %6s\n", "", "", "", "", "",
            fmt_macro(b1, sizeof b1, r->macro_precision),
            fmt_macro(b2, sizeof b2, r->macro_recall), fmt_macro(b3, sizeof b3, r->macro_f1));
    fprintf(out, "\ncorrect: %" PRIu64 " of %" PRIu64 " scored leads (accuracy %s)\n",
            r->correct, r->scored, fmt_ratio(b1, sizeof b1, r->accuracy));
}

/* Few personas: the matrix (the "other" row only when it holds leads). */
static void print_matrix(FILE *out, const ls_score_result *r, int namew)
{
    size_t np = r->npersonas, side = np + 2;
    uint64_t m[(LS_SCORE_MATRIX_MAX + 2) * (LS_SCORE_MATRIX_MAX + 2)] = {0};
    for (size_t k = 0; k < r->ncells; k++)
        m[r->cells[k].label * side + r->cells[k].assigned] = r->cells[k].count;
    int other = 0;
    for (size_t j = 0; j < side; j++)
        other |= m[(np + 1) * side + j] != 0;
    fprintf(out, "\nconfusion (rows: label, columns: assigned)\n");
    cell(out, "", namew);
    for (size_t j = 0; j < side; j++) {
        const char *name = ls_cli_safe(ls_score_col_name(r, j));
        int w = width_of(name);
        fprintf(out, "  %*s", w < 8 ? 8 - w : 0, "");
        fputs(name, out);
    }
    fputc('\n', out);
    for (size_t i = 0; i < side - !other; i++) {
        cell(out, ls_cli_safe(ls_score_row_name(r, i)), namew);
        for (size_t j = 0; j < side; j++) {
            int w = width_of(ls_cli_safe(ls_score_col_name(r, j)));
            fprintf(out, "  %*" PRIu64, w < 8 ? 8 : w, m[i * side + j]);
        }
        fputc('\n', out);
    }
}

/* Many personas: the cells that hold leads, most first (a matrix would
 * grow with the square of the personas). */
static void print_cells(FILE *out, const ls_score_result *r)
{
    fprintf(out, "\nconfusion (%zu personas: the pairs of label and assigned that hold "
                 "leads, most first)\n",
            r->npersonas);
    fprintf(out, "  %8s  label -> assigned\n", "leads");
    for (size_t k = 0; k < r->ncells; k++) {
        const ls_score_cell *c = &r->cells[k];
        fprintf(out, "  %8" PRIu64 "  %s -> ", c->count, ls_cli_safe(ls_score_row_name(r, c->label)));
        fprintf(out, "%s\n", ls_cli_safe(ls_score_col_name(r, c->assigned)));
    }
}

static void print_confusion(FILE *out, const ls_score_result *r, int namew)
{
    if (r->npersonas <= LS_SCORE_MATRIX_MAX)
        print_matrix(out, r, namew);
    else
        print_cells(out, r);
}

static void print_class(FILE *out, const ls_score_class *c)
{
    fprintf(out, "    %6" PRIu64 "  %s", c->count, ls_miss_kind_label(c->kind));
    switch (c->kind) {
    case LS_MISS_FILTER:
    case LS_MISS_TAKEN:
    case LS_MISS_PROHIBITED:
        fprintf(out, " %s", ls_cli_safe(c->detail));
        break;
    case LS_MISS_FUNCTION:
    case LS_MISS_FUNCTION_INSIDE:
        fprintf(out, ": \"%s\"", ls_cli_safe(c->detail));
        break;
    default:
        break;
    }
    fputc('\n', out);
    for (size_t i = 0; i < c->ntop; i++)
        fprintf(out, "            %6" PRIu64 "  %s\n", c->top[i].count,
                *c->top[i].title ? ls_cli_safe(c->top[i].title) : "(empty title)");
}

static void print_misses(FILE *out, const ls_score_result *r)
{
    for (size_t i = 0; i < r->npersonas; i++) {
        const ls_score_persona *p = &r->personas[i];
        if (!p->fn && !p->fp)
            continue;
        fprintf(out, "\nmisses of %s\n", ls_cli_safe(p->name));
        const char *side_names[2] = {"false negatives", "false positives"};
        const uint64_t totals[2] = {p->fn, p->fp};
        for (int s = 0; s < 2; s++) {
            if (!totals[s])
                continue;
            fprintf(out, "  %s: %" PRIu64 "\n", side_names[s], totals[s]);
            for (size_t k = 0; k < p->nclasses[s]; k++)
                print_class(out, &p->classes[s][k]);
        }
    }
}

static void print_text(FILE *out, const ls_score_result *r, int table_labels)
{
    const ls_input_stats *in = &r->input;
    fprintf(out, "leads: %" PRIu64 " read, %" PRIu64 " duplicate(s) dropped, %" PRIu64
                 " scored, %" PRIu64 " unlabeled (not scored)\n",
            in->leads_read, in->duplicates, r->scored, r->unlabeled);
    if (in->malformed || in->not_objects || in->not_leads || in->files_failed)
        fprintf(out, "skipped: %" PRIu64 " malformed record(s), %" PRIu64
                     " non-object item(s), %" PRIu64 " record(s) that are not leads, %" PRIu64
                     " unreadable input(s)\n",
                in->malformed, in->not_objects, in->not_leads, in->files_failed);
    if (table_labels)
        fprintf(out, "labels: %" PRIu64 " entries, %" PRIu64 " duplicate key(s) ignored, %" PRIu64
                     " matched no lead\n",
                r->label_entries, r->label_duplicates, r->labels_unused);
    if (r->bad_labels)
        fprintf(out, "labels: %" PRIu64 " label field value(s) not a string (unlabeled)\n",
                r->bad_labels);
    if (r->other_labeled)
        fprintf(out, "labels: %" PRIu64 " scored lead(s) labeled with no persona of the "
                     "request (scored as none of its personas)\n",
                r->other_labeled);
    int namew = 8;
    for (size_t i = 0; i < r->npersonas; i++)
        if (width_of(r->personas[i].name) > namew)
            namew = width_of(r->personas[i].name);
    fputc('\n', out);
    print_metrics(out, r, namew);
    print_confusion(out, r, namew);
    print_misses(out, r);
    if (r->nmisses)
        fprintf(out, "\nevery miss with its lead (key, name, title as written): --misses FILE "
                     "or --format json\n");
}

/* A label value as messages show it: at most 120 bytes (a whole UTF-8
 * sequence at the cut), "..." after a cut; the labels table's messages,
 * made by the library, show theirs the same way. */
static void put_label(FILE *f, const char *label)
{
    const char *safe = ls_cli_safe(label);
    size_t n = strlen(safe);
    if (n <= 120) {
        fputs(safe, f);
        return;
    }
    n = 120;
    while (n > 0 && ((unsigned char)safe[n] & 0xc0) == 0x80)
        n--;
    fprintf(f, "%.*s...", (int)n, safe);
}

/* What only reading the leads shows about --label-field: a field no lead
 * has, values that name no persona.  LS_EXIT_USAGE after saying so (one
 * line each), else LS_EXIT_OK. */
static int check_field_labels(const score_args *a, const ls_score_result *r)
{
    if (!a->label_field || a->labels)
        return LS_EXIT_OK;
    uint64_t leads = r->input.leads_read - r->input.duplicates;
    if (!r->label_field_leads && leads) {
        fprintf(stderr, "leadsieve: score: --label-field %s: none of the %" PRIu64
                        " lead(s) read has this field",
                ls_cli_safe(a->label_field), leads);
        if (r->label_field_suggestion)
            fprintf(stderr, "; did you mean \"%s\"?", ls_cli_safe(r->label_field_suggestion));
        fputc('\n', stderr);
        return LS_EXIT_USAGE;
    }
    for (size_t i = 0; i < r->nother && i < LS_CLI_DIAG_SHOWN_MAX; i++) {
        fprintf(stderr, "leadsieve: score: %s", ls_cli_safe(r->other_files[i]));
        if (r->other_lines[i])
            fprintf(stderr, ":%" PRIu64, r->other_lines[i]);
        fputs(": label \"", stderr);
        put_label(stderr, r->other_names[i]);
        fprintf(stderr, "\" (field %s) names no persona of the request",
                ls_cli_safe(a->label_field));
        if (r->other_suggestions[i])
            fprintf(stderr, "; did you mean \"%s\"?", ls_cli_safe(r->other_suggestions[i]));
        else
            fputs("; write a persona's name exactly, or - for no persona", stderr);
        fprintf(stderr, " (%" PRIu64 " lead(s) with it)\n", r->other_counts[i]);
    }
    if (r->nother > LS_CLI_DIAG_SHOWN_MAX)
        fprintf(stderr, "leadsieve: score: ... and %zu more labels that name no persona\n",
                r->nother - LS_CLI_DIAG_SHOWN_MAX);
    return r->nother ? LS_EXIT_USAGE : LS_EXIT_OK;
}

/* A labels file none of whose keys is a lead read's: the score would be
 * empty.  LS_EXIT_USAGE after saying how the keys differ, else LS_EXIT_OK. */
static int check_label_keys(const score_args *a, const ls_score_result *r)
{
    uint64_t leads = r->input.leads_read - r->input.duplicates;
    if (!a->labels || !r->label_entries || r->labels_unused < r->label_entries || !leads ||
        !r->label_key_example)
        return LS_EXIT_OK;
    fprintf(stderr, "leadsieve: score: %s: none of the %" PRIu64 " label(s)' keys is the key of "
                    "one of the %" PRIu64 " lead(s) read", ls_cli_safe(a->labels),
            r->label_entries, leads);
    if (r->labels_keyed_by)
        fprintf(stderr, "; they are the leads' %s (%" PRIu64 " lead(s)): key the labels by the "
                        "lead key, %s", ls_cli_safe(r->labels_keyed_by), r->labels_keyed_by_count,
                r->lead_key_example_field ? r->lead_key_example_field : "sales_id");
    fprintf(stderr, " (a label's key is \"");
    put_label(stderr, r->label_key_example);
    if (r->lead_key_example) {
        fprintf(stderr, "\", a lead's is \"");
        put_label(stderr, r->lead_key_example);
        fprintf(stderr, "\", its %s", ls_cli_safe(r->lead_key_example_field));
    } else {
        fputs("\"; no lead read has a key", stderr);
    }
    fputs("; the lead key is the first non-blank of sales_id, lead_id, id, linkedin_url, "
          "linkedin_id)\n", stderr);
    return LS_EXIT_USAGE;
}

static void warn_labels(const ls_score_result *r, int table_labels)
{
    if (table_labels && r->label_duplicates)
        fprintf(stderr, "leadsieve: warning: score: %" PRIu64 " lead key(s) labeled again; "
                        "the first label was kept\n", r->label_duplicates);
    if (table_labels && r->labels_unused)
        fprintf(stderr, "leadsieve: warning: score: %" PRIu64 " label(s) matched no lead\n",
                r->labels_unused);
    if (r->bad_labels)
        fprintf(stderr, "leadsieve: warning: score: %" PRIu64 " label field value(s) are not "
                        "strings: left unlabeled\n", r->bad_labels);
}

static int write_stdout(const score_args *a, const ls_score_result *r)
{
    if (a->json) {
        char *json = NULL;
        size_t len = 0;
        ls_status st = ls_score_report_json(r, 2, &json, &len);
        if (ls_cli_print_json("score", st, json, len) != LS_EXIT_OK)
            return -1;
    } else {
        print_text(stdout, r, a->labels != NULL);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "leadsieve: score: cannot write standard output: %s\n", strerror(errno));
        return -1;
    }
    return 0;
}

/* The day and time the report is made, UTC; SOURCE_DATE_EPOCH (seconds)
 * stands for now, as reproducible builds set it. */
static void report_date(char *buf, size_t cap)
{
    time_t now = time(NULL);
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end;
        long long v = strtoll(epoch, &end, 10);
        if (!*end && v >= 0)
            now = (time_t)v;
    }
    struct tm tm;
    if (!gmtime_r(&now, &tm) || !strftime(buf, cap, "%Y-%m-%d %H:%M UTC", &tm))
        snprintf(buf, cap, "?");
}

static int write_html(const score_args *a, const ls_score_result *r, const ls_buf *request,
                      int ninputs, char **inputs)
{
    ls_buf html = {0};
    char date[64];
    report_date(date, sizeof date);
    ls_score_page page = {a->request, request->data ? request->data : "", request->len, date,
                          a->labels ? a->labels : a->label_field, a->labels != NULL,
                          (const char *const *)inputs, (size_t)ninputs};
    const char *path = a->html;
    if (ls_score_html(r, &page, &html) != 0) {
        ls_buf_free(&html);
        fprintf(stderr, "leadsieve: score: out of memory building the HTML report\n");
        return -1;
    }
    ls_outfile o;
    int rc = ls_outfile_open(&o, path, "HTML report");
    if (rc == 0) {
        if (fwrite(html.data, 1, html.len, o.f) != html.len) {
            ls_outfile_fail(&o, "HTML report", strerror(errno));
            rc = -1;
        } else {
            rc = ls_outfile_commit(&o, "HTML report");
        }
    }
    ls_buf_free(&html);
    return rc;
}

static int run_score(const score_args *a, const ls_request *req, const ls_buf *request,
                     int ninputs, char **inputs)
{
    ls_cli_diag_printer dc = {"score", a->quiet, 0};
    ls_score_options so = {a->labels ? NULL : a->label_field, ls_cli_print_diag, &dc, 0, 0,
                           a->input_format};
    ls_score *s = NULL;
    ls_status st = ls_score_new(req, &so, &s);
    if (st == LS_E_USAGE) {
        fprintf(stderr, "leadsieve: score: the request has no personas: nothing to score\n");
        return LS_EXIT_USAGE;
    }
    if (st != LS_OK) {
        fprintf(stderr, "leadsieve: score: %s\n", ls_status_message(st));
        return LS_EXIT_FAIL;
    }
    int rc = a->labels ? ls_cli_load_score_labels("score", s, a->labels, a->label_field)
                       : LS_EXIT_OK;
    if (rc != LS_EXIT_OK) {
        ls_score_free(s);
        return rc;
    }
    for (int i = 0; st == LS_OK && i < ninputs; i++)
        st = ls_score_add_path(s, inputs[i]);
    if (st == LS_OK && ninputs == 0)
        st = ls_score_add_path(s, "-");
    const ls_score_result *r = NULL;
    if (st == LS_OK)
        st = ls_score_finish(s, &r);
    if (st != LS_OK) {
        fprintf(stderr, "leadsieve: score: %s\n", ls_status_message(st));
        ls_score_free(s);
        return LS_EXIT_FAIL;
    }
    rc = check_field_labels(a, r);
    if (rc == LS_EXIT_OK)
        rc = check_label_keys(a, r);
    if (rc != LS_EXIT_OK) { /* nothing written: the score would misread */
        ls_score_free(s);
        return rc;
    }
    if (!a->quiet)
        warn_labels(r, a->labels != NULL);
    if (a->html && write_html(a, r, request, ninputs, inputs) != 0)
        rc = LS_EXIT_FAIL;
    if (a->misses && ls_cli_write_misses(a->misses, r) != 0)
        rc = LS_EXIT_FAIL;
    if (write_stdout(a, r) != 0)
        rc = LS_EXIT_FAIL;
    ls_score_free(s);
    return rc;
}

int ls_cmd_score(int argc, char **argv)
{
    score_args a;
    memset(&a, 0, sizeof a);
    int first = 0, rc = parse_args(argc, argv, &a, &first);
    if (rc >= 0)
        return rc;
    const ls_cli_output outs[] = {{"--html", a.html}, {"--misses", a.misses}, {NULL, NULL}};
    const ls_cli_read reads[] = {{"the request", a.request}, {"the labels", a.labels},
                                 {NULL, NULL}};
    rc = ls_cli_guard("score", outs, 1, reads, argv + first, argc - first);
    if (rc != LS_EXIT_OK)
        return rc;
    ls_request *req = NULL;
    ls_buf request = {0}; /* its text, for the HTML report */
    rc = ls_cli_load_request_text("score", a.request, &a.copt, &req, &request);
    if (rc == LS_EXIT_OK) {
        if (!a.quiet)
            ls_cli_print_request_warnings(req);
        rc = run_score(&a, req, &request, argc - first, argv + first);
    }
    ls_buf_free(&request);
    ls_request_free(req);
    return rc;
}
