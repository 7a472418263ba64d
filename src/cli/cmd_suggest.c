/* `leadsieve suggest`: persona edits that raise F1 on labeled leads, each
 * measured on them and under cross-validation; --apply writes the request
 * with the first N. */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_util.h"
#include "commands.h"
#include "guard.h"
#include "labels_cli.h"
#include "options.h"
#include "leadsieve/tools.h"

static const char usage[] =
    "usage: leadsieve suggest --request REQUEST.json (--labels LABELS.tsv | --label-field NAME)\n"
    "                         [options] [INPUT...]\n"
    "\n"
    "Proposes edits to the request's personas that raise micro F1 on leads whose\n"
    "right persona is known (labels as for score), chosen greedily, each measured\n"
    "on top of those before it:\n"
    "  add function    a phrase of the normalized titles the persona misses for\n"
    "                  want of a function hit, or an equivalent of one of its\n"
    "                  functions (data/equivalents.tsv: other words, languages)\n"
    "  add seniority   a word of the titles it misses for want of a seniority hit,\n"
    "                  or Manager+\n"
    "  add prohibit    a word of the titles it takes wrongly (never one its own\n"
    "                  functions or seniorities hold)\n"
    "  drop prohibit   a prohibit of the request\n"
    "An edit is proposed when F1 rises and it puts right the leads of at least\n"
    "--min-titles distinct titles (fixing one title only memorizes it); each round\n"
    "takes the widest support (4+ titles put right, then 2-3, then 1), a word\n"
    "before a phrase, then the highest F1.  Each is\n"
    "shown with its change of precision, recall and F1 on the labeled leads, and\n"
    "cross-validated: the leads are split in --folds folds by a hash of their key;\n"
    "per fold, the edit is kept when the other folds accept it too, and the fold\n"
    "measures it; the held-out counts of all folds are summed.  An edit whose\n"
    "cross-validated dF1 is near 0 memorizes; one close to its dF1 generalizes.\n"
    "Keywords are measured as the API reads them, after normalization.\n"
    "\n"
    "options:\n"
    "  --request FILE      the request (by_icp, or v1 with personas); required\n"
    "  --labels FILE       TSV `lead_key<TAB>persona`, as for score\n"
    "  --label-field NAME  the label in each lead's field NAME, as for score\n"
    "  --folds K           folds of the cross-validation, 2 to 50 (default 5)\n"
    "  --holdout SHARE     set this share of the labeled leads aside (0 to <1,\n"
    "                      e.g. 0.5): edits are chosen on the rest and measured\n"
    "                      on them too; a lead is held out when\n"
    "                      (FNV-1a-64(key) >> 32) % 10000 < SHARE * 10000\n"
    "  --max-edits N       at most N edits (default 20)\n"
    "  --max-words N       longest phrase proposed as a function (default 3)\n"
    "  --min-titles N      distinct titles an edit must put right (default 2)\n"
    "  --apply N           write the request with the first N edits (all when N\n"
    "                      exceeds them) to -o FILE or standard output; the\n"
    "                      proposals then go to standard error without -o\n"
    "  -o, --output FILE   where --apply writes (atomically; never an input)\n"
    "  --format FORMAT     text (default) or json\n"
    "  --input-format FMT  json or csv, as for filter\n"
    "  --api API           v1 or by_icp: how the request is read\n"
    "  --mode MODE         realtime (default) or database\n"
    "  --match MODE        documented (default) or words, as for filter\n"
    "  --as-of YYYY-MM-DD  the day years_in_* filters count to (default: today)\n"
    "  -q, --quiet         no warnings about labels and skipped records\n"
    "  -h, --help          show this help\n"
    "\n"
    "The written request is the input's text with keywords appended to their\n"
    "lists (a dropped prohibit removed); it is compiled and checked to assign\n"
    "every title as measured before it is written.\n"
    "\n"
    "exit status: 0 ok; 2 invalid request, a request without personas, a\n"
    "malformed labels file, a label naming no persona, a --label-field no lead\n"
    "has, or bad usage; 1 unreadable request or labels, or a write failure\n";

typedef struct suggest_args {
    const char *request, *labels, *label_field, *output;
    int json, quiet;
    unsigned long long folds, max_edits, max_words, min_titles, apply;
    const char *holdout_text, *apply_text;
    ls_compile_options copt;
    ls_input_format input_format;
} suggest_args;

/* A count within [min, max] into an unsigned long long. */
static int set_count(const char *cmd, const ls_cli_opt *opt, const char *value, void *field)
{
    unsigned long long min = 1, max = 1000000;
    if (strcmp(opt->name, "folds") == 0) {
        min = 2;
        max = 50;
    } else if (strcmp(opt->name, "max-words") == 0) {
        max = 8;
    } else if (strcmp(opt->name, "apply") == 0) {
        min = 0;
        max = ~0ull;
    }
    char *end;
    errno = 0;
    unsigned long long n = strtoull(value, &end, 10);
    if (errno || *end || end == value || value[0] == '-' || n < min || n > max)
        return ls_cli_usage_error(cmd, "--%s needs a whole number from %llu to %llu, not '%s'",
                                  opt->name, min, max, value);
    *(unsigned long long *)field = n;
    return LS_EXIT_OK;
}

#define ARG(member) offsetof(suggest_args, member)
static const ls_cli_opt options[] = {
    {"request", 0, 1, ARG(request), NULL, NULL},
    {"labels", 0, 1, ARG(labels), NULL, NULL},
    {"label-field", 0, 1, ARG(label_field), NULL, NULL},
    {"folds", 0, 1, ARG(folds), set_count, NULL},
    {"holdout", 0, 1, ARG(holdout_text), NULL, NULL},
    {"max-edits", 0, 1, ARG(max_edits), set_count, NULL},
    {"max-words", 0, 1, ARG(max_words), set_count, NULL},
    {"min-titles", 0, 1, ARG(min_titles), set_count, NULL},
    {"apply", 0, 1, ARG(apply_text), NULL, NULL},
    {"output", 'o', 1, ARG(output), NULL, NULL},
    {"format", 0, 1, ARG(json), ls_cli_set_format, "json"},
    {"input-format", 0, 1, ARG(input_format), ls_cli_set_input_format, NULL},
    {"match", 0, 1, ARG(copt), ls_cli_set_match, NULL},
    {"api", 0, 1, ARG(copt), ls_cli_set_api, NULL},
    {"mode", 0, 1, ARG(copt), ls_cli_set_mode, NULL},
    {"as-of", 0, 1, ARG(copt), ls_cli_set_as_of, NULL},
    {"quiet", 'q', 0, ARG(quiet), NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL}};
#undef ARG

static int parse_holdout(const char *text, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || *end || end == text || !(v >= 0.0 && v < 1.0))
        return ls_cli_usage_error("suggest", "--holdout needs a share from 0 to below 1 "
                                             "(e.g. 0.5), not '%s'", text);
    *out = v;
    return LS_EXIT_OK;
}

static int parse_args(int argc, char **argv, suggest_args *a, int *first_input)
{
    int first, rc = ls_cli_parse_options("suggest", options, usage, argc, argv, a, &first);
    if (rc >= 0)
        return rc;
    if (!a->request)
        return ls_cli_usage_error("suggest", "--request FILE is required");
    if (!a->labels == !a->label_field)
        return ls_cli_usage_error("suggest",
                                  "give exactly one of --labels FILE and --label-field NAME");
    if (a->label_field && !*a->label_field)
        return ls_cli_usage_error("suggest", "--label-field needs a field name");
    if (a->output && !a->apply_text)
        return ls_cli_usage_error("suggest", "-o writes the request --apply makes: give --apply N");
    if (a->apply_text) {
        static const ls_cli_opt apply = {"apply", 0, 1, 0, NULL, NULL};
        if ((rc = set_count("suggest", &apply, a->apply_text, &a->apply)) != LS_EXIT_OK)
            return rc;
    }
    int stdin_uses = (strcmp(a->request, "-") == 0) + (a->labels && strcmp(a->labels, "-") == 0) +
                     ls_cli_leads_stdin_uses(argc, argv, first);
    if (stdin_uses > 1)
        return ls_cli_usage_error("suggest", "only one of the request, the labels and the leads "
                                             "can be standard input");
    if (a->apply_text && strcmp(a->request, "-") == 0)
        return ls_cli_usage_error("suggest", "--apply rewrites the request file: give it by name");
    *first_input = first;
    return -1;
}

/* ---- text ---- */

static double value(ls_score_ratio r)
{
    return ls_score_ratio_value(r);
}

static void print_metrics(FILE *out, const char *what, const ls_edit_metrics *a,
                          const ls_edit_metrics *b)
{
    fprintf(out, "%s: F1 %.3f -> %.3f, precision %.3f -> %.3f, recall %.3f -> %.3f "
                 "(TP %" PRIu64 " -> %" PRIu64 ", FP %" PRIu64 " -> %" PRIu64 ", FN %" PRIu64
                 " -> %" PRIu64 ")\n",
            what, value(a->f1), value(b->f1), value(a->precision), value(b->precision),
            value(a->recall), value(b->recall), a->tp, b->tp, a->fp, b->fp, a->fn, b->fn);
}

static void print_deltas(FILE *out, const ls_edit_metrics *a, const ls_edit_metrics *b)
{
    fprintf(out, " %+7.3f %+7.3f %+7.3f", value(b->precision) - value(a->precision),
            value(b->recall) - value(a->recall), value(b->f1) - value(a->f1));
}

static void print_edit(FILE *out, const ls_persona_edit *e)
{
    static const char *const verbs[LS_EDIT__KINDS] = {"add function", "add seniority",
                                                      "add prohibit", "drop prohibit",
                                                      "add function"};
    fprintf(out, "%s: %s \"", ls_cli_safe(e->persona_name), verbs[e->kind]);
    ls_cli_put_safe(out, e->keyword);
    fputc('"', out);
    if (e->seniority) {
        fputs(" and seniority \"", out);
        ls_cli_put_safe(out, e->seniority);
        fputc('"', out);
    }
    if (e->source == LS_EDIT_FROM_EQUIVALENTS)
        fputs(" (equivalents)", out);
}

static void print_text(FILE *out, const suggest_args *a, const ls_persona_suggest_result *r)
{
    const ls_input_stats *in = &r->score->input;
    fprintf(out, "leads: %" PRIu64 " read, %" PRIu64 " duplicate(s) dropped, %" PRIu64
                 " labeled, %" PRIu64 " unlabeled\n",
            in->leads_read, in->duplicates, r->score->scored, r->score->unlabeled);
    fprintf(out, "chosen on %" PRIu64 " labeled lead(s) (%" PRIu64 " distinct titles), %zu folds",
            r->chosen_on, r->titles, r->folds);
    if (r->holdout > 0)
        fprintf(out, "; %" PRIu64 " held out (share %g)", r->held_out, r->holdout);
    fprintf(out, "; %" PRIu64 " candidate edits evaluated\n\n", r->candidates);
    print_metrics(out, "chosen on", &r->base, &r->final);
    print_metrics(out, "cross-validated", &r->cv_base, &r->cv_final);
    fprintf(out, "cross-validated, edits chosen afresh on each fold's other folds: F1 %.3f -> "
                 "%.3f\n",
            value(r->cv_base.f1), value(r->cv_refit.f1));
    if (r->holdout > 0)
        print_metrics(out, "held out", &r->holdout_base, &r->holdout_final);
    if (!r->nedits) {
        fprintf(out, "\nno edit raises F1 on at least %llu title(s)\n",
                a->min_titles ? a->min_titles : 2);
        return;
    }
    fprintf(out, "\n  #  %-23s  %-8s  %-32s", "on the labeled leads", "titles",
            "cross-validated");
    if (r->holdout > 0)
        fprintf(out, "  %-23s", "held out");
    fprintf(out, "  edit\n     %7s %7s %7s  %8s  %4s %7s %7s %7s", "dP", "dR", "dF1", "+/-",
            "kept", "dP", "dR", "dF1");
    if (r->holdout > 0)
        fprintf(out, "  %7s %7s %7s", "dP", "dR", "dF1");
    fputc('\n', out);
    for (size_t i = 0; i < r->nedits; i++) {
        const ls_persona_edit *e = &r->edits[i];
        char fix[48], kept[16];
        snprintf(fix, sizeof fix, "%" PRIu64 "/%" PRIu64, e->titles_fixed, e->titles_broken);
        snprintf(kept, sizeof kept, "%zu/%zu", e->cv_kept, r->folds);
        fprintf(out, "%3zu ", i + 1);
        print_deltas(out, &e->before, &e->after);
        fprintf(out, "  %8s  %4s", fix, kept);
        print_deltas(out, &e->cv_before, &e->cv_after);
        if (r->holdout > 0) {
            fputc(' ', out);
            print_deltas(out, &e->holdout_before, &e->holdout_after);
        }
        fputs("  ", out);
        print_edit(out, e);
        fputc('\n', out);
    }
}

/* ---- running ---- */

static int write_request(const suggest_args *a, ls_persona_suggest *ps, size_t n)
{
    ls_buf text = {0};
    if (ls_cli_read_file(a->request, SIZE_MAX / 2, &text) != 0) {
        fprintf(stderr, "leadsieve: suggest: cannot read request %s: %s\n", a->request,
                strerror(errno));
        ls_buf_free(&text);
        return LS_EXIT_FAIL;
    }
    char *out = NULL;
    size_t len = 0;
    ls_status st = ls_persona_suggest_apply(ps, text.data ? text.data : "", text.len, n, &out, &len);
    ls_buf_free(&text);
    if (st != LS_OK) {
        fprintf(stderr, "leadsieve: suggest: --apply: %s\n", ls_status_message(st));
        return LS_EXIT_FAIL;
    }
    ls_outfile o;
    int rc = ls_outfile_open(&o, a->output, "request");
    if (rc == 0) {
        int nl = len && out[len - 1] != '\n';
        if (fwrite(out, 1, len, o.f) != len || (nl && fputc('\n', o.f) == EOF)) {
            ls_outfile_fail(&o, "request", strerror(errno));
            rc = -1;
        } else {
            rc = ls_outfile_commit(&o, "request");
        }
    }
    ls_free(out);
    return rc == 0 ? LS_EXIT_OK : LS_EXIT_FAIL;
}

static int report(FILE *out, const suggest_args *a, const ls_persona_suggest_result *r)
{
    if (a->json) {
        char *json = NULL;
        size_t len = 0;
        ls_status st = ls_persona_suggest_report_json(r, 2, &json, &len);
        if (st != LS_OK) {
            fprintf(stderr, "leadsieve: suggest: %s\n", ls_status_message(st));
            return LS_EXIT_FAIL;
        }
        fwrite(json, 1, len, out);
        fputc('\n', out);
        ls_free(json);
    } else {
        print_text(out, a, r);
    }
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "leadsieve: suggest: cannot write the proposals: %s\n", strerror(errno));
        return LS_EXIT_FAIL;
    }
    return LS_EXIT_OK;
}

static ls_status load_labels(void *tool, const char *name, const char *text, size_t len,
                             ls_problems **errors)
{
    return ls_persona_suggest_load_labels(tool, name, text, len, errors);
}

static int run_suggest(const suggest_args *a, double holdout, const ls_request *req, int ninputs,
                       char **inputs)
{
    ls_cli_diag_printer dc = {"suggest", a->quiet, 0};
    ls_persona_suggest_options so;
    ls_persona_suggest_options_init(&so);
    so.label_field = a->label_field;
    so.on_diag = ls_cli_print_diag;
    so.diag_user = &dc;
    so.input_format = a->input_format;
    so.folds = (size_t)a->folds;
    so.max_edits = (size_t)a->max_edits;
    so.max_words = (size_t)a->max_words;
    so.min_titles = (size_t)a->min_titles;
    so.holdout = holdout;
    ls_persona_suggest *ps = NULL;
    ls_status st = ls_persona_suggest_new(req, &so, &ps);
    if (st == LS_E_USAGE) {
        fprintf(stderr, "leadsieve: suggest: the request has no personas: nothing to suggest\n");
        return LS_EXIT_USAGE;
    }
    if (st != LS_OK) {
        fprintf(stderr, "leadsieve: suggest: %s\n", ls_status_message(st));
        return LS_EXIT_FAIL;
    }
    int rc = a->labels ? ls_cli_load_labels("suggest", a->labels, load_labels, ps) : LS_EXIT_OK;
    for (int i = 0; rc == LS_EXIT_OK && st == LS_OK && i < ninputs; i++)
        st = ls_persona_suggest_add_path(ps, inputs[i]);
    if (rc == LS_EXIT_OK && st == LS_OK && ninputs == 0)
        st = ls_persona_suggest_add_path(ps, "-");
    const ls_persona_suggest_result *r = NULL;
    if (rc == LS_EXIT_OK && st == LS_OK)
        st = ls_persona_suggest_finish(ps, &r);
    if (rc == LS_EXIT_OK && st != LS_OK) {
        fprintf(stderr, "leadsieve: suggest: %s\n", ls_status_message(st));
        rc = LS_EXIT_FAIL;
    }
    if (rc == LS_EXIT_OK)
        rc = ls_cli_check_field_labels("suggest", a->label_field, r->score);
    if (rc == LS_EXIT_OK && !a->quiet)
        ls_cli_warn_labels("suggest", r->score, a->labels != NULL);
    if (rc == LS_EXIT_OK && a->apply_text) {
        size_t n = a->apply < r->nedits ? (size_t)a->apply : r->nedits;
        if (a->apply > r->nedits && !a->quiet)
            fprintf(stderr, "leadsieve: suggest: --apply %llu: %zu edit(s) proposed, all applied\n",
                    a->apply, r->nedits);
        rc = write_request(a, ps, n);
    }
    if (rc == LS_EXIT_OK)
        rc = report(a->apply_text && !a->output ? stderr : stdout, a, r);
    ls_persona_suggest_free(ps);
    return rc;
}

int ls_cmd_suggest(int argc, char **argv)
{
    suggest_args a;
    memset(&a, 0, sizeof a);
    int first = 0, rc = parse_args(argc, argv, &a, &first);
    if (rc >= 0)
        return rc;
    double holdout = 0;
    if (a.holdout_text && (rc = parse_holdout(a.holdout_text, &holdout)) != LS_EXIT_OK)
        return rc;
    const ls_cli_output outs[] = {{"-o", a.output}, {NULL, NULL}};
    const ls_cli_read reads[] = {{"the request", a.request}, {"the labels", a.labels},
                                 {NULL, NULL}};
    rc = ls_cli_guard("suggest", outs, 1, reads, argv + first, argc - first);
    if (rc != LS_EXIT_OK)
        return rc;
    ls_request *req = NULL;
    rc = ls_cli_load_request("suggest", a.request, &a.copt, &req);
    if (rc == LS_EXIT_OK) {
        if (!a.quiet)
            ls_cli_print_request_warnings(req);
        rc = run_suggest(&a, holdout, req, argc - first, argv + first);
    }
    ls_request_free(req);
    return rc;
}
