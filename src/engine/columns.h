/* Computed CSV columns ("@level", "@title", "@persona", ...): their names
 * and their cells (see columns.c).  ls_computed_field_names is public
 * (leadsieve.h). */
#ifndef LS_ENGINE_COLUMNS_H
#define LS_ENGINE_COLUMNS_H
#include "json/json.h"
#include "matcher/matcher.h"
#include "writers/writer.h"

/* The computed column a name is (an index of ls_computed_field_names),
 * or -1. */
int ls_computed_field_of(const char *name);
/* Whether the column needs the matcher's trace (@function, @seniority). */
int ls_computed_needs_trace(const char *name);

/* What the cells need: the request and the matcher that read a lead, and
 * what begin worked out for the lead being written. */
typedef struct ls_computed_ctx {
    const ls_request *req;
    ls_matcher *matcher;
    ls_lead lead;
    int ok;                  /* the lead was read: its cells are filled */
    unsigned levels;
    ls_buf title;            /* the title matched, NUL-terminated */
    const char *title_field;
    int persona;
} ls_computed_ctx;

/* Sets up *cc (the writer's hook) with c as its state; req and m must
 * outlive the write, on this thread only. */
void ls_computed_init(ls_computed_ctx *c, const ls_request *req, ls_matcher *m,
                      ls_csv_computed *cc);
void ls_computed_free(ls_computed_ctx *c);

#endif
