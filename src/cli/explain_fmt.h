/* Formatting explain records for people: an aligned table per lead (the
 * JSON form comes from the library: ls_explain_record_json).  Every request
 * string (persona names, keywords, alternatives) is escaped and measured
 * once up front, so that a record costs appends to reused buffers only. */
#ifndef LS_CLI_EXPLAIN_FMT_H
#define LS_CLI_EXPLAIN_FMT_H
#include <stdio.h>
#include "leadsieve/tools.h"

typedef struct ls_explain_fmt ls_explain_fmt;

/* color: ANSI colours.  NULL when memory runs out. */
ls_explain_fmt *ls_explain_fmt_new(const ls_request *req, int color);
void ls_explain_fmt_free(ls_explain_fmt *f);
/* Writes one record to out; 0, or -1 when writing or memory fails. */
int ls_explain_fmt_write(ls_explain_fmt *f, const ls_explain_record *rec, FILE *out);

#endif
