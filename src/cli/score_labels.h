/* Loading the labels of `score --labels` and `explain --labels`: a TSV
 * table, or a JSON, JSONL or CSV file of records by its name. */
#ifndef LS_CLI_SCORE_LABELS_H
#define LS_CLI_SCORE_LABELS_H
#include "leadsieve/tools.h"

/* 1 when path names a file of records (a lead file name: *.json, *.jsonl,
 * *.ndjson, *.csv, maybe .gz or .zst), 0 for a TSV table. */
int ls_cli_labels_are_records(const char *path);

/* Loads path into s; field: the label member of a records file (NULL:
 * "persona").  Problems are printed (one line each, at most
 * LS_CLI_DIAG_SHOWN_MAX); returns an exit status. */
int ls_cli_load_score_labels(const char *cmd, ls_score *s, const char *path, const char *field);

#endif
