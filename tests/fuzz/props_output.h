/* Properties of a whole run and its three output formats for ANY lead
 * input bytes.  Shared by fuzz_output.c and
 * tests/test_engine_fuzz_regressions.c.
 *
 * Two requests: without personas (every lead passes, written unchanged)
 * and with personas (a catch-all persona of lowest priority, so every lead
 * gets a persona name).  For each:
 *   - counts: returned == leads visited; matched + no_persona +
 *     duplicates + filter drops == leads_read (objects seen);
 *   - JSON: re-parses with ls_jdoc_parse; amount, leads, results_count and
 *     "status" as §5 says; leads[i] is the i-th result, value for value;
 *   - JSONL: one line per result, each line parses to the same value;
 *   - CSV: parses as strict RFC 4180 (CRLF records, quoted cells with ""),
 *     a header plus one record per result, every record as wide as the
 *     header, and each string / number / literal cell equal to the lead's
 *     value (decoded; a leading ' before formula-like text);
 *   - without personas each result is byte for byte an object of the
 *     input; with personas its last "linkedin_lead_persona" is its
 *     persona's name.
 */
#ifndef LS_FUZZ_PROPS_OUTPUT_H
#define LS_FUZZ_PROPS_OUTPUT_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "leadsieve.h"
#include "core/core.h"
#include "json/json.h"

/* Output of the envelope adds two levels (object, "leads" array). */
#define PROPS_OUT_DEPTH (512 + 2)

static const char props_out_req_plain[] = "{\"without_company\": true}";
static const char props_out_req_personas[] =
    "{\"without_company\": true, \"personas\": ["
    "[\"Sales\", [\"sales\"], [\"vp\"], [], 0],"
    "[\"Any \\\"one\\\", \xc3\xa9\", [], [], [], 9]]}";

typedef struct props_result {
    char *lead;
    size_t len;
    int persona;
} props_result;

typedef struct props_results {
    props_result *r;
    size_t n, cap;
} props_results;

static inline int props_collect(void *user, const char *lead, size_t len, int persona)
{
    props_results *R = user;
    if (R->n == R->cap) {
        size_t cap = R->cap ? R->cap * 2 : 8;
        props_result *p = realloc(R->r, cap * sizeof *p);
        if (!p)
            return 1;
        R->r = p;
        R->cap = cap;
    }
    char *c = malloc(len ? len : 1);
    if (!c)
        return 1;
    memcpy(c, lead, len);
    R->r[R->n++] = (props_result){c, len, persona};
    return 0;
}

static inline void props_results_free(props_results *R)
{
    for (size_t i = 0; i < R->n; i++)
        free(R->r[i].lead);
    free(R->r);
}

/* Two DOM values are the same value: types, lexemes, keys in order. */
static inline int props_same_node(const ls_jnode *a, const ls_jnode *b)
{
    if (!a || !b || a->type != b->type)
        return 0;
    switch (a->type) {
    case LS_J_STRING:
    case LS_J_NUMBER:
        return a->str_len == b->str_len && memcmp(a->str, b->str, a->str_len) == 0;
    case LS_J_ARRAY:
    case LS_J_OBJECT:
        if (a->count != b->count)
            return 0;
        for (size_t i = 0; i < a->count; i++) {
            if (a->type == LS_J_OBJECT && strcmp(a->keys[i], b->keys[i]) != 0)
                return 0;
            if (!props_same_node(a->items[i], b->items[i]))
                return 0;
        }
        return 1;
    default:
        return 1;
    }
}

static inline int props_same_as_text(const ls_jnode *n, const char *text, size_t len)
{
    ls_jerror err;
    ls_jdoc *d = ls_jdoc_parse(text, len, PROPS_OUT_DEPTH, &err);
    int same = d && props_same_node(n, ls_jdoc_root(d));
    ls_jdoc_free(d);
    return same;
}

static inline char *props_write(ls_run *run, ls_format f, size_t *len, ls_status *st)
{
    char *buf = NULL;
    FILE *out = open_memstream(&buf, len);
    if (!out)
        return NULL;
    ls_write_options opt = {f, NULL, 0, 0};
    *st = ls_run_write(run, &opt, out);
    fclose(out);
    return buf;
}

static inline const char *props_check_json(const char *out, size_t len, const props_results *R,
                                           const ls_run_stats *s)
{
    ls_jerror err;
    ls_jdoc *d = ls_jdoc_parse(out, len, PROPS_OUT_DEPTH, &err);
    if (!d)
        return "JSON output does not re-parse";
    const ls_jnode *root = ls_jdoc_root(d);
    const ls_jnode *amount = ls_jnode_get(root, "amount");
    const ls_jnode *leads = ls_jnode_get(root, "leads");
    const ls_jnode *rc = ls_jnode_get(root, "results_count");
    const ls_jnode *status = ls_jnode_get(root, "status");
    const char *why = NULL;
    char want[32];
    snprintf(want, sizeof want, R->n ? "-%zu" : "0", R->n);
    if (!amount || amount->type != LS_J_NUMBER || strcmp(amount->str, want) != 0)
        why = "JSON amount is not -N (0 when nothing matched)";
    else if (!leads || leads->type != LS_J_ARRAY || leads->count != R->n)
        why = "JSON leads is not an array of the results";
    else if (!rc || rc->type != LS_J_STRING ||
             strcmp(rc->str, s->limit_reached ? "limit reached" : "within limit") != 0)
        why = "JSON results_count is wrong";
    else if ((R->n == 0) != (status != NULL) ||
             (status && (status->type != LS_J_STRING ||
                         strcmp(status->str, "No leads match with input criteria") != 0)))
        why = "JSON status present iff nothing matched";
    for (size_t i = 0; !why && i < R->n; i++)
        if (!props_same_as_text(leads->items[i], R->r[i].lead, R->r[i].len))
            why = "a JSON output lead differs from its result";
    ls_jdoc_free(d);
    return why;
}

static inline const char *props_check_jsonl(const char *out, size_t len, const props_results *R)
{
    size_t line = 0;
    const char *p = out, *e = out + len;
    while (p < e) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        if (!nl)
            return "JSONL output does not end with a newline";
        if (line >= R->n)
            return "JSONL output has more lines than results";
        ls_jerror err;
        ls_jdoc *d = ls_jdoc_parse(p, (size_t)(nl - p), PROPS_OUT_DEPTH, &err);
        int same = d && ls_jdoc_root(d)->type == LS_J_OBJECT &&
                   props_same_as_text(ls_jdoc_root(d), R->r[line].lead, R->r[line].len);
        ls_jdoc_free(d);
        if (!same)
            return "a JSONL line does not parse to its result";
        line++;
        p = nl + 1;
    }
    return line == R->n ? NULL : "JSONL output has fewer lines than results";
}

/* One RFC 4180 cell at *pp; decoded into cell.  Returns 1 at the end of a
 * record (CRLF consumed), 0 before a comma (consumed), -1 when malformed. */
static inline int props_csv_cell(const char **pp, const char *e, char *cell, size_t *clen)
{
    const char *p = *pp;
    size_t n = 0;
    if (p < e && *p == '"') {
        for (p++;; p++) {
            if (p >= e)
                return -1;
            if (*p == '"') {
                if (p + 1 < e && p[1] == '"') {
                    cell[n++] = '"';
                    p++;
                    continue;
                }
                p++;
                break;
            }
            cell[n++] = *p;
        }
    } else {
        while (p < e && *p != ',' && *p != '\r' && *p != '\n') {
            if (*p == '"')
                return -1;
            cell[n++] = *p++;
        }
    }
    *clen = n;
    if (p < e && *p == ',') {
        *pp = p + 1;
        return 0;
    }
    if (e - p >= 2 && p[0] == '\r' && p[1] == '\n') {
        *pp = p + 2;
        return 1;
    }
    return -1;
}

/* The cell a lead's value must give, or -1 to skip (objects, arrays). */
static inline int props_csv_expected(const ls_jval *v, char *buf, size_t *n)
{
    switch (v->type) {
    case LS_J_NONE:
    case LS_J_NULL:
        *n = 0;
        return 0;
    case LS_J_TRUE:
        memcpy(buf, "true", *n = 4);
        return 0;
    case LS_J_FALSE:
        memcpy(buf, "false", *n = 5);
        return 0;
    case LS_J_NUMBER:
        memcpy(buf, v->p, *n = v->len);
        return 0;
    case LS_J_STRING: {
        size_t k = ls_jstr_decode(v->p, v->len, buf + 1, NULL);
        char c = k ? buf[1] : 0;
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
            buf[0] = '\'';
            *n = k + 1;
        } else {
            memmove(buf, buf + 1, k);
            *n = k;
        }
        return 0;
    }
    default:
        return -1;
    }
}

static inline const char *props_check_csv(const char *out, size_t len, const props_results *R)
{
    static const char *const cols[] = {"linkedin_lead_persona", "full_name", "job_title",
                                       "company_name", "location", "linkedin_url", "sales_id"};
    const size_t ncols = sizeof cols / sizeof cols[0];
    const char *p = out, *e = out + len;
    char *cell = malloc(len + 1), *want = malloc(len + 2);
    const char *why = NULL;
    if (!cell || !want)
        why = "out of memory";
    for (size_t rec = 0; !why && p < e; rec++) {
        if (rec > R->n) {
            why = "CSV has more records than results";
            break;
        }
        ls_jval obj = {rec ? R->r[rec - 1].lead : NULL, rec ? R->r[rec - 1].len : 0, LS_J_OBJECT, 0, 0};
        for (size_t c = 0; !why; c++) {
            size_t cl = 0, wl = 0;
            int r = props_csv_cell(&p, e, cell, &cl);
            if (r < 0) {
                why = "CSV output is not RFC 4180";
                break;
            }
            if (c >= ncols) {
                why = "a CSV record is wider than the header";
                break;
            }
            if (rec == 0) {
                if (cl != strlen(cols[c]) || memcmp(cell, cols[c], cl) != 0)
                    why = "CSV header is not the default columns";
            } else {
                ls_jval v = {0};
                if (!ls_jval_get(&obj, cols[c], &v))
                    v.type = LS_J_NONE;
                /* a by_icp column the lead leaves blank: a v1 lead's
                 * counterpart (addendum §1), as ls_lead_read gives it */
                int fld = ls_field_of_name(cols[c], strlen(cols[c]));
                ls_lead lead;
                size_t vl;
                ls_buf name = {0};
                if (fld >= 0 && ls_field_has_v1((ls_field)fld) && ls_jval_is_blank(&v) &&
                    ls_scan_value(obj.p, obj.len, 0, &lead, &vl, NULL) == 1) {
                    ls_jval r;
                    if (ls_lead_read(&lead, (ls_field)fld, &name, &r))
                        v = r;
                }
                if (v.len <= len && props_csv_expected(&v, want, &wl) == 0 &&
                    (wl != cl || memcmp(want, cell, cl) != 0))
                    why = "a CSV cell is not the lead's value";
                ls_buf_free(&name);
            }
            if (r == 1) {
                if (!why && c + 1 != ncols)
                    why = "a CSV record is narrower than the header";
                break;
            }
        }
        if (!why && p >= e && rec != R->n)
            why = "CSV record count is not 1 + results";
    }
    if (!why && len == 0)
        why = "CSV output is empty (no header)";
    free(cell);
    free(want);
    return why;
}

static inline const char *props_run(const ls_request *req, const char *data, size_t n,
                                    int personas)
{
    /* gzip or zstd bytes are decompressed, and may break off (§5a) */
    int packed = (n >= 3 && memcmp(data, "\x1f\x8b\x08", 3) == 0) ||
                 (n >= 4 && memcmp(data, "\x28\xb5\x2f\xfd", 4) == 0);
    ls_run_options ro = {0};
    ls_run *run = NULL;
    ls_run_new(req, &ro, &run);
    if (!run)
        return "ls_run_new failed";
    const char *why = NULL;
    props_results R = {0};
    if (ls_run_add_memory(run, "in.json", data, n) != LS_OK)
        why = "ls_run_add_memory failed";
    else if (ls_run_finish(run) != LS_OK)
        why = "ls_run_finish failed";
    else if (ls_run_foreach_result(run, props_collect, &R) != LS_OK)
        why = "ls_run_foreach_result failed";
    const ls_run_stats *s = ls_run_get_stats(run);
    if (!why) {
        uint64_t dropped = 0;
        for (size_t i = 0; i < ls_run_filter_count(run); i++)
            dropped += ls_run_filter_dropped(run, i);
        if (s->returned != R.n)
            why = "stats.returned differs from the results visited";
        else if (s->returned != s->matched || s->limit_reached)
            why = "without limit_by, returned != matched";
        else if (s->matched + s->no_persona + s->duplicates + dropped != s->leads_read)
            why = "matched + no_persona + duplicates + filter drops != leads_read";
        else if (s->files_read + s->files_failed != 1 || (s->files_failed && !packed))
            why = "one in-memory input is not one file read (or, compressed, failed)";
    }
    for (size_t i = 0; !why && i < R.n; i++) {
        const props_result *r = &R.r[i];
        if (!personas) {
            if (r->persona != -1)
                why = "a persona index without personas";
            else if (!memmem(data, n, r->lead, r->len))
                why = "without personas a result is not an input object unchanged";
        } else {
            ls_jval obj = {r->lead, r->len, LS_J_OBJECT, 0, 0}, v;
            const char *name = r->persona >= 0 && (size_t)r->persona < ls_request_persona_count(req)
                                   ? ls_request_persona_name(req, (size_t)r->persona)
                                   : NULL;
            char *dec = malloc(r->len + 1);
            if (!name)
                why = "a result's persona index is out of range";
            else if (!dec)
                why = "out of memory";
            else if (!ls_jval_get(&obj, "linkedin_lead_persona", &v) || v.type != LS_J_STRING)
                why = "a result lacks a string linkedin_lead_persona";
            else {
                size_t k = ls_jstr_decode(v.p, v.len, dec, NULL);
                if (k != strlen(name) || memcmp(dec, name, k) != 0)
                    why = "linkedin_lead_persona is not the persona's name";
            }
            free(dec);
        }
    }
    static const ls_format fmts[3] = {LS_FORMAT_JSON, LS_FORMAT_JSONL, LS_FORMAT_CSV};
    for (int f = 0; !why && f < 3; f++) {
        size_t len = 0;
        ls_status st = LS_E_INTERNAL;
        char *out = props_write(run, fmts[f], &len, &st);
        if (!out || st != LS_OK)
            why = "ls_run_write failed";
        else if (f == 0)
            why = props_check_json(out, len, &R, s);
        else if (f == 1)
            why = props_check_jsonl(out, len, &R);
        else
            why = props_check_csv(out, len, &R);
        free(out);
    }
    props_results_free(&R);
    ls_run_free(run);
    return why;
}

typedef struct props_out_ctx {
    ls_request *plain, *personas;
} props_out_ctx;

static inline int props_out_init(props_out_ctx *c)
{
    ls_compile_options opt = {LS_MATCH_DOCUMENTED, 2024, 6, 15};
    c->plain = c->personas = NULL;
    if (ls_request_compile(props_out_req_plain, sizeof props_out_req_plain - 1, &opt,
                           &c->plain, NULL) != LS_OK ||
        ls_request_compile(props_out_req_personas, sizeof props_out_req_personas - 1, &opt,
                           &c->personas, NULL) != LS_OK)
        return -1;
    return 0;
}

static inline void props_out_free(props_out_ctx *c)
{
    ls_request_free(c->plain);
    ls_request_free(c->personas);
}

static inline const char *props_output(props_out_ctx *c, const char *data, size_t n)
{
    const char *why = props_run(c->plain, data, n, 0);
    return why ? why : props_run(c->personas, data, n, 1);
}

#endif
