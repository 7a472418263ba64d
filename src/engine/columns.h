/* Computed CSV columns ("@level"): their names and their cells (see
 * columns.c).  ls_computed_field_names is public (leadsieve.h). */
#ifndef LS_ENGINE_COLUMNS_H
#define LS_ENGINE_COLUMNS_H
#include "json/json.h"
#include "matcher/matcher.h"
#include "writers/writer.h"

/* The computed column a name is (an index of ls_computed_field_names),
 * or -1. */
int ls_computed_field_of(const char *name);

/* What the cells need: the matcher that reads a lead's level, and a
 * scanned lead's room. */
typedef struct ls_computed_ctx {
    ls_matcher *matcher;
    ls_lead lead;
} ls_computed_ctx;

/* Sets up *cc (the writer's hook) with c as its state; m must outlive the
 * write, on this thread only. */
void ls_computed_init(ls_computed_ctx *c, ls_matcher *m, ls_csv_computed *cc);

#endif
