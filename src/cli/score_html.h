/* The score result as one self-contained HTML page: no network, no
 * external assets; bars are inline SVG; one small inline script makes the
 * table of misses searchable, and without it every row shows.  Every
 * string that comes from leads, labels or the request is escaped. */
#ifndef LS_CLI_SCORE_HTML_H
#define LS_CLI_SCORE_HTML_H
#include <stddef.h>
#include "buf.h"
#include "leadsieve/tools.h"

/* Appends s[0..len) with & < > " ' as character references, invalid UTF-8
 * as U+FFFD and control characters other than tab and newline as spaces;
 * 0 or -1 (memory). */
int ls_html_escape(ls_buf *out, const char *s, size_t len);

/* The confusion is a matrix up to this many personas; beyond, the list of
 * its cells that hold leads, so that a page or a table follows the leads
 * scored, not the square of the personas (3,000 personas made 570 MB of
 * HTML as a matrix). */
enum { LS_SCORE_MATRIX_MAX = 30 };

/* Names of a confusion row (label) and column (assigned): the persona's,
 * or "none (-)", "other"; "none", "filtered". */
const char *ls_score_row_name(const ls_score_result *r, size_t label);
const char *ls_score_col_name(const ls_score_result *r, size_t assigned);
/* 1 when the cell is a right answer (see ls_score_result.cells). */
int ls_score_cell_right(const ls_score_result *r, const ls_score_cell *c);

/* What the page says about the run beside the result. */
typedef struct ls_score_page {
    const char *request_name;   /* the request's file name (the title) */
    const char *request_text;   /* the request as written, shown whole */
    size_t request_len;
    const char *date;           /* when the report was made */
    const char *labels;         /* the labels file, or the label field */
    int labels_file;            /* labels is a file (else a field name) */
    const char *const *inputs;  /* the lead inputs; none: standard input */
    size_t ninputs;
} ls_score_page;

/* Appends the whole page.  0 or -1. */
int ls_score_html(const ls_score_result *r, const ls_score_page *page, ls_buf *out);

#endif
