/* Labels files for score and explain (score_labels.h). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "cli_util.h"
#include "score_labels.h"

int ls_cli_labels_are_records(const char *path)
{
    return strcmp(path, "-") != 0 && ls_path_input_format(path) != LS_INPUT_AUTO;
}

static int print_problems(const char *cmd, ls_problems *errs)
{
    size_t n = ls_problems_count(errs);
    for (size_t i = 0; i < n && i < LS_CLI_DIAG_SHOWN_MAX; i++) {
        ls_problem p = ls_problems_get(errs, i);
        fprintf(stderr, "leadsieve: %s: %s: %s\n", cmd, ls_cli_safe(p.path), ls_cli_safe(p.hint));
    }
    if (n > LS_CLI_DIAG_SHOWN_MAX)
        fprintf(stderr, "leadsieve: %s: ... and %zu more problems in the labels\n", cmd,
                n - LS_CLI_DIAG_SHOWN_MAX);
    ls_problems_free(errs);
    return LS_EXIT_USAGE;
}

int ls_cli_load_score_labels(const char *cmd, ls_score *s, const char *path, const char *field)
{
    ls_problems *errs = NULL;
    ls_status st;
    if (ls_cli_labels_are_records(path)) {
        st = ls_score_load_labels_path(s, path, field, &errs);
    } else {
        ls_buf text = {0};
        if (ls_cli_read_file(path, SIZE_MAX / 2, &text) != 0) {
            fprintf(stderr, "leadsieve: %s: cannot read labels %s: %s\n", cmd, ls_cli_safe(path),
                    strerror(errno));
            ls_buf_free(&text);
            return LS_EXIT_FAIL;
        }
        const char *name = strcmp(path, "-") == 0 ? "(standard input)" : path;
        st = ls_score_load_labels(s, name, text.data ? text.data : "", text.len, &errs);
        ls_buf_free(&text);
    }
    if (st == LS_OK)
        return LS_EXIT_OK;
    if (st == LS_E_USAGE && errs)
        return print_problems(cmd, errs);
    ls_problems_free(errs);
    if (st != LS_E_IO) /* an unreadable file was said as it was read */
        fprintf(stderr, "leadsieve: %s: labels %s: %s\n", cmd, ls_cli_safe(path),
                ls_status_message(st));
    return LS_EXIT_FAIL;
}
