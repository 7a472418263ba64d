/* The v1 fields of a request (contract addendum §2) in their matcher form.
 * The fields v1 shares with by_icp are built by build_filters as for
 * by_icp; these are the v1 ones. */
#include <stdlib.h>
#include <string.h>
#include "request/compile_int.h"
#include "request/filters.h"
#include "request/level.h"

static ls_phrase *build_phrases(bctx *b, const ls_jnode *list, size_t *count)
{
    ls_phrase *ph = ls_b_alloc_array(b, list->count, sizeof *ph);
    *count = 0;
    if (!ph)
        return NULL;
    for (size_t j = 0; j < list->count; j++) {
        const ls_jnode *e = list->items[j];
        size_t n;
        const char *normed = ls_b_norm_copy(b, e->str, e->str_len, &n);
        char *pad = ls_arena_alloc(&b->req->arena, n + 3);
        const char *raw = ls_arena_strndup(&b->req->arena, e->str, e->str_len);
        if (!pad || !raw) {
            b->nomem = 1;
            return NULL;
        }
        pad[0] = ' ';
        memcpy(pad + 1, normed, n);
        pad[n + 1] = ' ';
        pad[n + 2] = '\0';
        ph[(*count)++] = (ls_phrase){raw, pad, n + 2};
    }
    return ph;
}

/* A name or a list of names, as name keys. */
static void build_names(bctx *b, const ls_jnode *root, const char *key, ls_strset *set,
                        int filter)
{
    const ls_jnode *n = ls_given(root, key);
    if (!n)
        return;
    if (n->type == LS_J_STRING) {
        ls_jnode one = {0};
        const ls_jnode *items[1] = {n};
        one.type = LS_J_ARRAY;
        one.count = 1;
        one.items = (ls_jnode **)(void *)items;
        ls_b_string_set(b, &one, set, KEY_NAME);
    } else if (n->count > 0) {
        ls_b_string_set(b, n, set, KEY_NAME);
    } else {
        return;
    }
    ls_b_set_filter(b->req, filter);
}

static unsigned headcount_bits(const ls_jnode *list)
{
    unsigned bits = 0;
    for (size_t j = 0; j < list->count; j++) {
        int bucket = ls_headcount_bucket_of_text(list->items[j]->str, list->items[j]->str_len);
        if (bucket >= 0)
            bits |= 1u << bucket;
    }
    return bits;
}

static void build_strict(bctx *b, const ls_jnode *root)
{
    const ls_jnode *n = ls_given(root, "strict");
    for (size_t j = 0; n && j < n->count; j++) {
        const char *s = n->items[j]->str;
        if (strcmp(s, "locations") == 0)
            b->req->v1.strict_locations = 1;
        else if (strcmp(s, "company_locations") == 0)
            b->req->v1.strict_company_locations = 1;
    }
}

static void build_connections(bctx *b, const ls_jnode *root)
{
    const ls_jnode *n = ls_given(root, "num_of_connections");
    if (!n)
        return;
    ls_v1_request *v = &b->req->v1;
    const ls_jnode *lo = ls_given(n, "min"), *hi = ls_given(n, "max");
    if (lo) {
        v->has_conn_min = 1;
        v->conn_min = strtoull(lo->str, NULL, 10);
    }
    if (hi) {
        v->has_conn_max = 1;
        v->conn_max = strtoull(hi->str, NULL, 10);
    }
    ls_b_set_filter(b->req, LS_FILTER_NUM_OF_CONNECTIONS);
}

static void build_seniorities(bctx *b, const ls_jnode *list)
{
    for (size_t j = 0; j < list->count; j++)
        b->req->v1.seniority_levels |=
            ls_level_mask_of_value(list->items[j]->str, list->items[j]->str_len);
    /* entries the mapping does not know match no lead offline (a warning
     * says so); a list of only those keeps none */
    ls_b_set_filter(b->req, LS_FILTER_SENIORITIES);
}

void ls_b_v1_filters(bctx *b, const ls_jnode *root)
{
    ls_request *req = b->req;
    ls_v1_request *v = &req->v1;
    const ls_jnode *n;
    if ((n = ls_given(root, "offset_by")))
        v->offset = strtol(n->str, NULL, 10);
    build_strict(b, root);
    static const struct {
        const char *key;
        int filter;
        size_t off;
        set_key how;
    } sets[] = {
        {"company_industries", LS_FILTER_COMPANY_INDUSTRIES,
         offsetof(ls_v1_request, company_industries), KEY_ASCII_LOWER},
        {"exclude_company_industries", LS_FILTER_EXCLUDE_COMPANY_INDUSTRIES,
         offsetof(ls_v1_request, exclude_company_industries), KEY_ASCII_LOWER},
        {"exclude_lead_industries", LS_FILTER_EXCLUDE_LEAD_INDUSTRIES,
         offsetof(ls_v1_request, exclude_lead_industries), KEY_ASCII_LOWER},
        {"company_types", LS_FILTER_COMPANY_TYPES, offsetof(ls_v1_request, company_types),
         KEY_ASCII_LOWER},
        {"past_company_ids", LS_FILTER_PAST_COMPANY_IDS,
         offsetof(ls_v1_request, past_company_ids), KEY_EXACT},
        {"exclude_past_company_ids", LS_FILTER_EXCLUDE_PAST_COMPANY_IDS,
         offsetof(ls_v1_request, exclude_past_company_ids), KEY_EXACT},
        {"exclude_current_company_ids", LS_FILTER_EXCLUDE_CURRENT_COMPANY_IDS,
         offsetof(ls_v1_request, exclude_current_company_ids), KEY_EXACT},
    };
    for (size_t k = 0; k < sizeof sets / sizeof *sets; k++)
        if ((n = ls_b_nonempty_list(root, sets[k].key))) {
            ls_b_string_set(b, n, (ls_strset *)(void *)((char *)v + sets[k].off), sets[k].how);
            ls_b_set_filter(req, sets[k].filter);
        }
    if ((n = ls_b_nonempty_list(root, "exclude_locations"))) {
        v->exclude_locations = ls_b_locations(b, n, &v->nexclude_locations);
        ls_b_set_filter(req, LS_FILTER_EXCLUDE_LOCATIONS);
    }
    if ((n = ls_b_nonempty_list(root, "exclude_company_locations"))) {
        v->exclude_company_locations = ls_b_locations(b, n, &v->nexclude_company_locations);
        ls_b_set_filter(req, LS_FILTER_EXCLUDE_COMPANY_LOCATIONS);
    }
    if ((n = ls_b_nonempty_list(root, "exclude_company_headcounts"))) {
        v->exclude_headcounts = headcount_bits(n);
        ls_b_set_filter(req, LS_FILTER_EXCLUDE_COMPANY_HEADCOUNTS);
    }
    n = ls_given(root, "skip_truncated_names");
    if (n && n->type == LS_J_TRUE)
        ls_b_set_filter(req, LS_FILTER_SKIP_TRUNCATED_NAMES);
    build_names(b, root, "first_name", &v->first_names, LS_FILTER_FIRST_NAME);
    build_names(b, root, "last_name", &v->last_names, LS_FILTER_LAST_NAME);
    if ((n = ls_b_nonempty_list(root, "job_titles"))) {
        v->job_titles = build_phrases(b, n, &v->njob_titles);
        ls_b_set_filter(req, LS_FILTER_JOB_TITLES);
    }
    if ((n = ls_b_nonempty_list(root, "past_job_titles"))) {
        v->past_job_titles = build_phrases(b, n, &v->npast_job_titles);
        ls_b_set_filter(req, LS_FILTER_PAST_JOB_TITLES);
    }
    if ((n = ls_b_nonempty_list(root, "keywords"))) {
        v->keywords = build_phrases(b, n, &v->nkeywords);
        ls_b_set_filter(req, LS_FILTER_KEYWORDS);
    }
    if ((n = ls_b_nonempty_list(root, "years_of_experience"))) {
        v->years_experience = ls_b_years_bits(n);
        ls_b_set_filter(req, LS_FILTER_YEARS_OF_EXPERIENCE);
    }
    if ((n = ls_b_nonempty_list(root, "seniorities")))
        build_seniorities(b, n);
    build_connections(b, root);
}
