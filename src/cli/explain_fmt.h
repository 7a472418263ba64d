/* Formatting explain records: an aligned table per lead (text) or one JSON
 * object per lead (jsonl).  Every request string (persona names, keywords,
 * alternatives) is escaped and measured once up front, so that a record
 * costs appends to reused buffers only. */
#ifndef LS_CLI_EXPLAIN_FMT_H
#define LS_CLI_EXPLAIN_FMT_H
#include <stdio.h>
#include "tuning/explain.h"

typedef struct ls_explain_fmt ls_explain_fmt;

/* color: ANSI colours in the text table.  NULL when memory runs out. */
ls_explain_fmt *ls_explain_fmt_new(const ls_request *req, int jsonl, int color);
void ls_explain_fmt_free(ls_explain_fmt *f);
/* Writes one record to out; 0, or -1 when writing or memory fails. */
int ls_explain_fmt_write(ls_explain_fmt *f, const ls_explain_record *rec, FILE *out);

#endif
