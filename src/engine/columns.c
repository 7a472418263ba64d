/* Computed CSV columns: `--fields @level` and whatever `@` names come
 * next.  A column whose name starts with @ is not a lead member but a
 * figure leadsieve computes for the lead with the run's matcher; the
 * writer asks for each cell (writers/writer.h, ls_csv_computed). */
#include <string.h>
#include "engine/columns.h"
#include "request/level.h"

static const char *const names[] = {
    "@level", /* the lead's seniority level(s) (addendum §2), "; " between */
};
#define NNAMES (sizeof names / sizeof *names)

const char *const *ls_computed_field_names(size_t *count)
{
    if (count)
        *count = NNAMES;
    return names;
}

int ls_computed_field_of(const char *name)
{
    for (size_t k = 0; k < NNAMES; k++)
        if (strcmp(names[k], name) == 0)
            return (int)k;
    return -1;
}

/* The labels of a level mask, "; " between them. */
static int put_levels(unsigned mask, ls_buf *text)
{
    for (size_t i = 0; i < LS_LEVELS; i++) {
        if (!(mask >> i & 1u))
            continue;
        if (text->len && ls_buf_append(text, "; ", 2) != 0)
            return -1;
        const char *name = ls_level_name(i);
        if (ls_buf_append(text, name, strlen(name)) != 0)
            return -1;
    }
    return 0;
}

static int cell(void *user, size_t k, const char *lead_json, size_t len, ls_buf *text)
{
    ls_computed_ctx *c = user;
    size_t vlen;
    ls_scan_error err;
    if (ls_scan_value(lead_json, len, 0, &c->lead, &vlen, &err) != 1)
        return 0; /* cannot happen for a written lead: an empty cell */
    switch (k) {
    case 0: {
        int from;
        unsigned mask = ls_m_lead_level(c->matcher, &c->lead, &from);
        return from < 0 ? -1 : put_levels(mask, text);
    }
    default:
        return 0;
    }
}

void ls_computed_init(ls_computed_ctx *c, ls_matcher *m, ls_csv_computed *cc)
{
    memset(c, 0, sizeof *c);
    c->matcher = m;
    cc->names = names;
    cc->n = NNAMES;
    cc->cell = cell;
    cc->user = c;
}
