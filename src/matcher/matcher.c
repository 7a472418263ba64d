/* ls_matcher: per-thread state over a shared compiled request, and the
 * entry points that match one lead or one title. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "matcher/matcher_int.h"

enum { LS_LEAD_MAX_DEPTH = 512 };

ls_status ls_matcher_new(const ls_request *req, ls_matcher **out)
{
    if (!out)
        return LS_E_USAGE;
    *out = NULL;
    if (!req)
        return LS_E_USAGE;
    ls_matcher *m = calloc(1, sizeof *m);
    if (!m)
        return LS_E_NOMEM;
    m->req = req;
    m->title_field = -1;
    ls_memo_init(&m->title_memo, 8192); /* ~1 MiB, allocated on first use */
    for (int i = 0; i < 4; i++)
        ls_memo_init(&m->loc_memo[i], 1024);
    ls_memo_init(&m->link_memo, 1024);
    ls_normalizer_new(&m->nz);
    m->md = ls_patterns_match_data(&req->pat);
    m->nwords = (req->tokens.count + 63) / 64;
    if (m->nwords)
        m->title_bits = calloc(m->nwords, sizeof *m->title_bits);
    if (!m->nz || !m->md || (m->nwords && !m->title_bits)) {
        ls_matcher_free(m);
        return LS_E_NOMEM;
    }
    *out = m;
    return LS_OK;
}

void ls_matcher_free(ls_matcher *m)
{
    if (!m)
        return;
    ls_normalizer_free(m->nz);
    ls_js_shapes_free(m->shapes);
    pcre2_match_data_free(m->md);
    free(m->title_bits);
    ls_buf_free(&m->touched);
    ls_buf_free(&m->title);
    for (int i = 0; i < 3; i++)
        ls_buf_free(&m->dec[i]);
    ls_buf_free(&m->parts);
    ls_buf_free(&m->part_spans);
    ls_buf_free(&m->jobs);
    ls_buf_free(&m->v1text);
    ls_buf_free(&m->v1name);
    ls_memo_free(&m->title_memo);
    for (int i = 0; i < 4; i++)
        ls_memo_free(&m->loc_memo[i]);
    ls_memo_free(&m->link_memo);
    free(m->traces);
    free(m);
}

void ls_matcher_set_trace(ls_matcher *m, int on)
{
    if (!m)
        return;
    if (on && !m->traces && m->req->npersonas) {
        m->traces = calloc(m->req->npersonas, sizeof *m->traces);
        if (!m->traces)
            return; /* stays off */
    }
    m->trace = on != 0;
}

const ls_persona_trace *ls_matcher_trace(const ls_matcher *m, size_t persona)
{
    if (!m || !m->trace || persona >= m->req->npersonas || m->title.len < 2)
        return NULL;
    return &m->traces[persona];
}

int ls_matcher_title_field(const ls_matcher *m)
{
    return m ? m->title_field : -1;
}

const char *ls_matcher_title_norm(const ls_matcher *m, size_t *len)
{
    if (!m || m->title.len < 2) {
        *len = 0;
        return "";
    }
    *len = m->title.len - 2;
    return m->title.data + 1;
}

/* Persona step shared by leads and bare titles. */
static ls_status decide(ls_matcher *m, const char *title, size_t len, ls_verdict *out)
{
    out->filter = NULL;
    out->filter_id = -1;
    out->persona = -1;
    if (!m->req->npersonas && !m->trace) {
        out->outcome = LS_MATCHED;
        return LS_OK;
    }
    int p = ls_m_personas(m, title, len);
    if (p == -2)
        return LS_E_NOMEM;
    out->persona = p;
    out->outcome = (p >= 0 || !m->req->npersonas) ? LS_MATCHED : LS_NO_PERSONA;
    return LS_OK;
}

ls_status ls_matcher_match_scanned(ls_matcher *m, const ls_lead *lead, ls_verdict *out)
{
    if (!m || !lead || !out)
        return LS_E_USAGE;
    out->flags = lead->flags & LS_LEAD_INVALID_UTF8;
    out->persona = -1;
    m->title.len = 0;
    m->title_field = -1;
    out->filter_id = ls_m_filters(m, lead);
    out->filter = out->filter_id >= 0 ? ls_filter_names[out->filter_id] : NULL;
    out->flags |= m->lead_flags;
    if (out->filter) {
        out->outcome = LS_DROPPED_BY_FILTER;
        return LS_OK;
    }
    const char *title;
    size_t len;
    m->title_field = ls_matcher_lead_title(m, lead, &title, &len);
    return decide(m, title, len, out);
}

ls_status ls_match_title(ls_matcher *m, const char *title, size_t len, ls_verdict *out)
{
    if (!m || !out || (!title && len))
        return LS_E_USAGE;
    out->flags = 0;
    m->title.len = 0;
    m->title_field = -1;
    return decide(m, title ? title : "", len, out);
}

ls_status ls_match_lead(ls_matcher *m, const char *lead_json, size_t len, ls_verdict *out)
{
    if (!m || !out || !lead_json)
        return LS_E_USAGE;
    size_t start = 0;
    while (start < len && ls_is_ascii_ws((unsigned char)lead_json[start]))
        start++;
    ls_lead lead;
    size_t vlen = 0;
    ls_scan_error err;
    if (!m->shapes) /* on first use: most matchers get scanned leads */
        m->shapes = ls_js_shapes_new();
    int r = ls_scan_lead(lead_json + start, len - start, LS_LEAD_MAX_DEPTH, &lead, &vlen, &err,
                         m->shapes);
    m->error_offset = 0;
    m->error[0] = '\0';
    if (r == 1 && !ls_is_blank(lead_json + start + vlen, len - start - vlen)) {
        size_t at = start + vlen;
        while (at < len && ls_is_ascii_ws((unsigned char)lead_json[at]))
            at++;
        m->error_offset = at;
        snprintf(m->error, sizeof m->error, "text after the lead object");
        return LS_E_MALFORMED;
    }
    if (r != 1) {
        m->error_offset = r < 0 ? start + err.offset : start;
        snprintf(m->error, sizeof m->error, "%s", r < 0 ? err.message : "not a JSON object");
        return LS_E_MALFORMED;
    }
    return ls_matcher_match_scanned(m, &lead, out);
}

const char *ls_matcher_error(const ls_matcher *m, size_t *offset)
{
    if (offset)
        *offset = m ? m->error_offset : 0;
    return m ? m->error : "";
}
