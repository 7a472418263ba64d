/* The table of leads (table.h).  A view walks every lead once (a million
 * leads take a few milliseconds); a search looks for the words as typed in
 * the title, ASCII case folded, for norm(words) in norm(title) ("vp
 * sales" finds "VP, Sales"), and in the key. */
#include <stdlib.h>
#include <string.h>
#include "table.h"

const char *ls_srv_outcome_name(int outcome)
{
    switch (outcome) {
    case LS_SRV_MATCHED:
        return "matched";
    case LS_SRV_FILTERED:
        return "filtered";
    case LS_SRV_NO_PERSONA:
        return "no_persona";
    default:
        return "duplicate";
    }
}

static const char *const change_names[] = {NULL, "gained", "lost", "reassigned"};

typedef enum show_kind {
    SHOW_ALL,
    SHOW_OUTCOME,
    SHOW_CHANGE,
    SHOW_CHANGED,
    SHOW_PERSONA,
    SHOW_FILTER
} show_kind;

typedef struct show {
    show_kind kind;
    long value;
} show;

static int parse_show(const ls_srv_eval *e, const char *s, show *out)
{
    out->kind = SHOW_ALL;
    out->value = 0;
    if (!s || !*s || strcmp(s, "all") == 0)
        return 0;
    for (int o = LS_SRV_MATCHED; o <= LS_SRV_DUPLICATE; o++)
        if (strcmp(s, ls_srv_outcome_name(o)) == 0) {
            *out = (show){SHOW_OUTCOME, o};
            return 0;
        }
    for (int c = LS_SRV_GAINED; c <= LS_SRV_REASSIGNED; c++)
        if (strcmp(s, change_names[c]) == 0) {
            *out = (show){SHOW_CHANGE, c};
            return 0;
        }
    if (strcmp(s, "changed") == 0) {
        out->kind = SHOW_CHANGED;
        return 0;
    }
    if (strncmp(s, "persona:", 8) == 0) {
        char *end;
        long p = strtol(s + 8, &end, 10);
        if (s[8] < '0' || s[8] > '9' || *end || p < 0 ||
            (size_t)p >= ls_request_persona_count(e->req))
            return -1;
        *out = (show){SHOW_PERSONA, p};
        return 0;
    }
    if (strncmp(s, "filter:", 7) == 0) {
        for (size_t f = 0; f < e->nfilters; f++)
            if (strcmp(s + 7, e->filter_names[f]) == 0) {
                *out = (show){SHOW_FILTER, (long)f + 1};
                return 0;
            }
    }
    return -1;
}

static int shown(const ls_srv_eval *e, size_t i, const show *sh)
{
    switch (sh->kind) {
    case SHOW_ALL:
        return 1;
    case SHOW_OUTCOME:
        return e->outcome[i] == sh->value;
    case SHOW_CHANGE:
        return e->change[i] == sh->value;
    case SHOW_CHANGED:
        return e->change[i] != LS_SRV_SAME;
    case SHOW_PERSONA:
        return e->outcome[i] == LS_SRV_MATCHED && e->persona[i] == sh->value;
    case SHOW_FILTER:
        return e->outcome[i] == LS_SRV_FILTERED && e->filter[i] == sh->value;
    }
    return 0;
}

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Whether needle (already folded) is in hay, ASCII case folded. */
static int contains_folded(const char *hay, size_t hn, const char *needle, size_t nn)
{
    if (nn == 0)
        return 1;
    for (size_t i = 0; i + nn <= hn; i++) {
        size_t k = 0;
        while (k < nn && fold((unsigned char)hay[i + k]) == (unsigned char)needle[k])
            k++;
        if (k == nn)
            return 1;
    }
    return 0;
}

typedef struct search {
    char *folded;  /* the query, folded */
    size_t nfolded;
    char *norm;    /* norm(query); NULL when it is empty */
    size_t nnorm;
} search;

static int search_init(search *q, const char *query)
{
    memset(q, 0, sizeof q[0]);
    if (!query || !*query)
        return 0;
    q->nfolded = strlen(query);
    q->folded = malloc(q->nfolded + 1);
    if (!q->folded)
        return -1;
    for (size_t i = 0; i <= q->nfolded; i++)
        q->folded[i] = (char)fold((unsigned char)query[i]);
    size_t cap = 4 * q->nfolded + 64, n = 0;
    for (int tries = 0; tries < 2; tries++) {
        char *out = malloc(cap);
        if (!out || ls_norm(query, q->nfolded, out, cap, &n, NULL) != LS_OK) {
            free(out);
            return -1;
        }
        if (n < cap) {
            if (n)
                q->norm = out, q->nnorm = n;
            else
                free(out);
            return 0;
        }
        free(out);
        cap = n + 1;
    }
    return -1;
}

static int found(const ls_srv *s, size_t i, const search *q)
{
    if (!q->folded)
        return 1;
    size_t n;
    const char *t = ls_srv_title(s, i, &n);
    if (contains_folded(t, n, q->folded, q->nfolded))
        return 1;
    if (q->norm) {
        t = ls_srv_norm(s, i, &n);
        if (n >= q->nnorm && memmem(t, n, q->norm, q->nnorm))
            return 1;
    }
    const char *key = ls_srv_key(s, i);
    return key && contains_folded(key, strlen(key), q->folded, q->nfolded);
}

static const char *persona_name(const ls_request *req, int32_t p)
{
    return p >= 0 ? ls_request_persona_name(req, (size_t)p) : NULL;
}

static void add_string_or_null(cJSON *o, const char *name, const char *value)
{
    if (value)
        cJSON_AddStringToObject(o, name, value);
    else
        cJSON_AddNullToObject(o, name);
}

static cJSON *row(const ls_srv *s, const ls_srv_eval *e, size_t i)
{
    const ls_srv_eval *base = s->base;
    cJSON *r = cJSON_CreateObject();
    cJSON_AddNumberToObject(r, "i", (double)i);
    add_string_or_null(r, "key", ls_srv_key(s, i));
    cJSON_AddStringToObject(r, "title", ls_srv_title(s, i, NULL));
    cJSON_AddStringToObject(r, "outcome", ls_srv_outcome_name(e->outcome[i]));
    add_string_or_null(r, "persona",
                       e->outcome[i] == LS_SRV_MATCHED ? persona_name(e->req, e->persona[i])
                                                       : NULL);
    add_string_or_null(r, "filter", e->filter[i] && e->filter[i] <= e->nfilters
                                        ? e->filter_names[e->filter[i] - 1]
                                        : NULL);
    add_string_or_null(r, "change", change_names[e->change[i]]);
    /* what the request as loaded did with it, when that changed */
    if (e->change[i] != LS_SRV_SAME) {
        cJSON_AddStringToObject(r, "was_outcome", ls_srv_outcome_name(base->outcome[i]));
        add_string_or_null(r, "was", base->outcome[i] == LS_SRV_MATCHED
                                         ? persona_name(base->req, base->persona[i])
                                         : NULL);
    }
    return r;
}

cJSON *ls_srv_table(ls_srv *s, const ls_srv_eval *e, const ls_srv_view *v, int *bad)
{
    *bad = 0;
    show sh;
    if (parse_show(e, v->show, &sh) != 0) {
        *bad = 1;
        return NULL;
    }
    search q;
    if (search_init(&q, v->query) != 0)
        return NULL;
    cJSON *out = cJSON_CreateObject();
    cJSON *rows = cJSON_AddArrayToObject(out, "rows");
    size_t total = 0;
    for (size_t i = 0; rows && i < s->n; i++) {
        if (!shown(e, i, &sh) || !found(s, i, &q))
            continue;
        if (total >= v->offset && total - v->offset < v->limit)
            cJSON_AddItemToArray(rows, row(s, e, i));
        total++;
    }
    cJSON_AddNumberToObject(out, "gen", (double)e->gen);
    cJSON_AddNumberToObject(out, "total", (double)total);
    cJSON_AddNumberToObject(out, "offset", (double)v->offset);
    free(q.folded);
    free(q.norm);
    return out;
}
