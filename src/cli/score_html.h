/* The score result as one self-contained HTML page: no scripts, no network,
 * no external assets; bars are inline SVG.  Every string that comes from
 * leads or the request is escaped. */
#ifndef LS_CLI_SCORE_HTML_H
#define LS_CLI_SCORE_HTML_H
#include <stddef.h>
#include "buf.h"
#include "leadsieve/tools.h"

/* Appends s[0..len) with & < > " ' as character references, invalid UTF-8
 * as U+FFFD and control characters other than tab and newline as spaces;
 * 0 or -1 (memory). */
int ls_html_escape(ls_buf *out, const char *s, size_t len);

/* Appends the whole page; title names the request (escaped too).  0 or -1. */
int ls_score_html(const ls_score_result *r, const char *title, ls_buf *out);

#endif
