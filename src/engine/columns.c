/* Computed CSV columns: `--fields @level,@title,...`.  A column whose name
 * starts with @ is not a lead member but a figure leadsieve computes for
 * the lead with the run's matcher: its level, and why it got its persona
 * (the title used, its field, its normalized form, the persona, the
 * function keyword and seniority entry that let it in).  The writer calls
 * begin once per lead, then asks for each cell (writers/writer.h,
 * ls_csv_computed). */
#include <string.h>
#include "engine/columns.h"
#include "request/level.h"

/* The order is the column indexes below. */
static const char *const names[] = {
    "@level",       /* the lead's seniority level(s) (addendum §2), "; " between */
    "@title",       /* the title matched, as written (§2: the first non-blank ...) */
    "@title_field", /* the field it came from */
    "@norm",        /* norm(title) */
    "@persona",     /* the persona assigned */
    "@function",    /* its function keyword that hit, as written */
    "@seniority",   /* its seniority entry that passed, as written */
};
enum { C_LEVEL, C_TITLE, C_TITLE_FIELD, C_NORM, C_PERSONA, C_FUNCTION, C_SENIORITY };
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

int ls_computed_needs_trace(const char *name)
{
    int k = ls_computed_field_of(name);
    return k == C_FUNCTION || k == C_SENIORITY;
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

static int put(ls_buf *text, const char *s)
{
    return s ? ls_buf_append(text, s, strlen(s)) : 0;
}

/* Everything the cells of one lead need, worked out once: its level, its
 * title matched again (the run matched it already: the title memo answers)
 * with the trace on for the assigned persona's keywords. */
static int begin(void *user, const char *lead_json, size_t len)
{
    ls_computed_ctx *c = user;
    size_t vlen;
    ls_scan_error err;
    c->ok = 0;
    if (ls_scan_value(lead_json, len, 0, &c->lead, &vlen, &err) != 1)
        return 0; /* cannot happen for a written lead: empty cells */
    int from;
    c->levels = ls_m_lead_level(c->matcher, &c->lead, &from);
    if (from < 0)
        return -1;
    const char *title;
    size_t tlen;
    int field = ls_matcher_lead_title(c->matcher, &c->lead, &title, &tlen);
    ls_buf_clear(&c->title);
    if (ls_buf_append(&c->title, title, tlen) != 0 || ls_buf_putc(&c->title, '\0') != 0)
        return -1;
    c->title.len = tlen;
    c->title_field = field >= 0 ? ls_field_name((ls_field)field) : NULL;
    ls_verdict v;
    if (ls_match_title(c->matcher, c->title.data, tlen, &v) != LS_OK)
        return -1;
    c->persona = v.persona;
    c->ok = 1;
    return 0;
}

static int cell(void *user, size_t k, const char *lead_json, size_t len, ls_buf *text)
{
    (void)lead_json;
    (void)len;
    ls_computed_ctx *c = user;
    if (!c->ok)
        return 0;
    const ls_request *req = c->req;
    const ls_persona_trace *t =
        c->persona >= 0 ? ls_matcher_trace(c->matcher, (size_t)c->persona) : NULL;
    switch (k) {
    case C_LEVEL:
        return put_levels(c->levels, text);
    case C_TITLE:
        return ls_buf_append(text, c->title.data, c->title.len);
    case C_TITLE_FIELD:
        return put(text, c->title_field);
    case C_NORM: {
        size_t n;
        const char *norm = ls_matcher_title_norm(c->matcher, &n);
        return ls_buf_append(text, norm, n);
    }
    case C_PERSONA:
        return c->persona >= 0 ? put(text, ls_request_persona_name(req, (size_t)c->persona)) : 0;
    case C_FUNCTION:
        return t && t->function >= 0 ? put(text, ls_request_keyword(req, (size_t)c->persona,
                                                                    LS_KW_FUNCTIONS,
                                                                    (size_t)t->function))
                                     : 0;
    case C_SENIORITY:
        return t && t->seniority >= 0 ? put(text, ls_request_keyword(req, (size_t)c->persona,
                                                                     LS_KW_SENIORITIES,
                                                                     (size_t)t->seniority))
                                      : 0;
    default:
        return 0;
    }
}

void ls_computed_init(ls_computed_ctx *c, const ls_request *req, ls_matcher *m,
                      ls_csv_computed *cc)
{
    memset(c, 0, sizeof *c);
    c->req = req;
    c->matcher = m;
    cc->names = names;
    cc->n = NNAMES;
    cc->cell = cell;
    cc->begin = begin;
    cc->user = c;
}

void ls_computed_free(ls_computed_ctx *c)
{
    ls_buf_free(&c->title);
}
