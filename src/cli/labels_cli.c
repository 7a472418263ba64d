/* Labels for the commands that read them (see labels_cli.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "cli_util.h"
#include "labels_cli.h"

int ls_cli_load_labels(const char *cmd, const char *path, ls_cli_labels_fn load, void *tool)
{
    ls_buf text = {0};
    if (ls_cli_read_file(path, SIZE_MAX / 2, &text) != 0) {
        fprintf(stderr, "leadsieve: %s: cannot read labels %s: %s\n", cmd, path, strerror(errno));
        ls_buf_free(&text);
        return LS_EXIT_FAIL;
    }
    ls_problems *errs = NULL;
    const char *name = strcmp(path, "-") == 0 ? "(standard input)" : path;
    ls_status st = load(tool, name, text.data ? text.data : "", text.len, &errs);
    ls_buf_free(&text);
    if (st == LS_OK)
        return LS_EXIT_OK;
    if (st == LS_E_USAGE) {
        size_t n = ls_problems_count(errs);
        for (size_t i = 0; i < n && i < LS_CLI_DIAG_SHOWN_MAX; i++) {
            ls_problem p = ls_problems_get(errs, i);
            fprintf(stderr, "leadsieve: %s: %s: %s\n", cmd, ls_cli_safe(p.path),
                    ls_cli_safe(p.hint));
        }
        if (n > LS_CLI_DIAG_SHOWN_MAX)
            fprintf(stderr, "leadsieve: %s: ... and %zu more problems in the labels\n", cmd,
                    n - LS_CLI_DIAG_SHOWN_MAX);
        ls_problems_free(errs);
        return LS_EXIT_USAGE;
    }
    fprintf(stderr, "leadsieve: %s: labels %s: %s\n", cmd, path, ls_status_message(st));
    return LS_EXIT_FAIL;
}

/* A label value as messages show it: at most 120 bytes (a whole UTF-8
 * sequence at the cut), "..." after a cut. */
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

int ls_cli_check_field_labels(const char *cmd, const char *label_field, const ls_score_result *r)
{
    if (!label_field)
        return LS_EXIT_OK;
    uint64_t leads = r->input.leads_read - r->input.duplicates;
    if (!r->label_field_leads && leads) {
        fprintf(stderr, "leadsieve: %s: --label-field %s: none of the %" PRIu64
                        " lead(s) read has this field",
                cmd, ls_cli_safe(label_field), leads);
        if (r->label_field_suggestion)
            fprintf(stderr, "; did you mean \"%s\"?", ls_cli_safe(r->label_field_suggestion));
        fputc('\n', stderr);
        return LS_EXIT_USAGE;
    }
    for (size_t i = 0; i < r->nother && i < LS_CLI_DIAG_SHOWN_MAX; i++) {
        fprintf(stderr, "leadsieve: %s: %s", cmd, ls_cli_safe(r->other_files[i]));
        if (r->other_lines[i])
            fprintf(stderr, ":%" PRIu64, r->other_lines[i]);
        fputs(": label \"", stderr);
        put_label(stderr, r->other_names[i]);
        fprintf(stderr, "\" (field %s) names no persona of the request", ls_cli_safe(label_field));
        if (r->other_suggestions[i])
            fprintf(stderr, "; did you mean \"%s\"?", ls_cli_safe(r->other_suggestions[i]));
        else
            fputs("; write a persona's name exactly, or - for no persona", stderr);
        fprintf(stderr, " (%" PRIu64 " lead(s) with it)\n", r->other_counts[i]);
    }
    if (r->nother > LS_CLI_DIAG_SHOWN_MAX)
        fprintf(stderr, "leadsieve: %s: ... and %zu more labels that name no persona\n", cmd,
                r->nother - LS_CLI_DIAG_SHOWN_MAX);
    return r->nother ? LS_EXIT_USAGE : LS_EXIT_OK;
}

void ls_cli_warn_labels(const char *cmd, const ls_score_result *r, int table_labels)
{
    if (table_labels && r->label_duplicates)
        fprintf(stderr, "leadsieve: warning: %s: %" PRIu64 " lead key(s) labeled again; "
                        "the first label was kept\n", cmd, r->label_duplicates);
    if (table_labels && r->labels_unused)
        fprintf(stderr, "leadsieve: warning: %s: %" PRIu64 " label(s) matched no lead\n", cmd,
                r->labels_unused);
    if (r->bad_labels)
        fprintf(stderr, "leadsieve: warning: %s: %" PRIu64 " label field value(s) are not "
                        "strings: left unlabeled\n", cmd, r->bad_labels);
}
