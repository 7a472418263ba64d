/* `score --misses FILE`: every miss a row, TSV or (a name ending .jsonl or
 * .ndjson) JSON lines, for a spreadsheet or a script. */
#ifndef LS_CLI_SCORE_MISSES_H
#define LS_CLI_SCORE_MISSES_H
#include "leadsieve/tools.h"

/* The TSV columns, tab-separated (the header line, without its newline). */
extern const char ls_misses_tsv_header[];

/* Writes r's misses to path atomically; 0, or -1 after a message. */
int ls_cli_write_misses(const char *path, const ls_score_result *r);

#endif
