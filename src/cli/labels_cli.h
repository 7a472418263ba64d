/* Labels for the commands that read them (suggest): the labels file read
 * into a tool, and what only reading the leads shows about --label-field,
 * told as score tells it. */
#ifndef LS_CLI_LABELS_CLI_H
#define LS_CLI_LABELS_CLI_H
#include "leadsieve/tools.h"

/* A tool's labels loader (ls_score_load_labels and the like). */
typedef ls_status (*ls_cli_labels_fn)(void *tool, const char *name, const char *text, size_t len,
                                      ls_problems **errors);

/* Reads the labels file at path ("-": standard input) into tool; an exit
 * status after saying what went wrong (2: the file's problems, one line
 * each; 1: unreadable). */
int ls_cli_load_labels(const char *cmd, const char *path, ls_cli_labels_fn load, void *tool);
/* With --label-field: a field no lead has, values that name no persona;
 * LS_EXIT_USAGE after one line each, else LS_EXIT_OK. */
int ls_cli_check_field_labels(const char *cmd, const char *label_field, const ls_score_result *r);
/* Warnings about labels: keys labeled again, labels that matched no lead,
 * field values that are not strings. */
void ls_cli_warn_labels(const char *cmd, const ls_score_result *r, int table_labels);

#endif
