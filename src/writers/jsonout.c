#include <math.h>
#include <stdio.h>
#include <string.h>
#include "normalize/utf8.h"
#include "writers/jsonout.h"

int ls_json_put_string(ls_buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    if (ls_buf_reserve(out, n + 2) != 0 || ls_buf_putc(out, '"') != 0)
        return -1;
    size_t run = 0; /* bytes copied as they are, appended in one go */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        if (ls_buf_append(out, s + run, i - run) != 0)
            return -1;
        run = i + 1;
        char esc[7] = {'\\', 0};
        size_t elen = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            elen = 6;
        }
        if (ls_buf_append(out, esc, elen) != 0)
            return -1;
    }
    if (ls_buf_append(out, s + run, n - run) != 0)
        return -1;
    return ls_buf_putc(out, '"');
}

int ls_json_clean_utf8(ls_buf *out, const char *s, size_t n)
{
    static const char fffd[] = "\xef\xbf\xbd";
    const unsigned char *p = (const unsigned char *)s;
    if (ls_buf_reserve(out, n + 1) != 0)
        return -1;
    for (size_t i = 0; i < n;) {
        size_t adv = 1;
        int32_t c = p[i] < 0x80 ? p[i] : ls_utf8_next(p + i, n - i, &adv);
        int bad = c <= 0; /* invalid, or a NUL that would end the text */
        if (ls_buf_append(out, bad ? fffd : s + i, bad ? 3 : adv) != 0)
            return -1;
        i += adv;
    }
    return ls_buf_append(out, "", 0);
}

/* A string of a document leadsieve composes: valid UTF-8 whatever the
 * request or the lead held (cJSON copies bytes as they are). */
static int put_clean(ls_buf *out, const char *s)
{
    size_t n = strlen(s);
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n && p[i] < 0x80)
        i++;
    if (i == n) /* ASCII, nearly always: nothing to check */
        return ls_json_put_string(out, s, n);
    ls_buf clean = {0};
    int rc = ls_json_clean_utf8(&clean, s, n);
    if (rc == 0)
        rc = ls_json_put_string(out, clean.data, clean.len);
    ls_buf_free(&clean);
    return rc;
}

int ls_json_minify(ls_buf *out, const char *p, size_t n)
{
    if (ls_buf_reserve(out, n) != 0)
        return -1;
    char *w = out->data + out->len;
    int in_str = 0;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (in_str) {
            *w++ = c;
            if (c == '\\' && i + 1 < n)
                *w++ = p[++i];
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            *w++ = c;
            in_str = 1;
        } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            *w++ = c;
        }
    }
    out->len = (size_t)(w - out->data);
    out->data[out->len] = '\0';
    return 0;
}

static int newline(ls_buf *out, int indent, int level)
{
    if (ls_buf_putc(out, '\n') != 0)
        return -1;
    for (int i = 0; i < indent * level; i++)
        if (ls_buf_putc(out, ' ') != 0)
            return -1;
    return 0;
}

static int emit(ls_buf *out, const cJSON *v, int indent, int level)
{
    if (cJSON_IsNull(v))
        return ls_buf_append(out, "null", 4);
    if (cJSON_IsTrue(v))
        return ls_buf_append(out, "true", 4);
    if (cJSON_IsFalse(v))
        return ls_buf_append(out, "false", 5);
    if (cJSON_IsString(v))
        return put_clean(out, v->valuestring);
    if (cJSON_IsRaw(v))
        return ls_buf_append(out, v->valuestring, strlen(v->valuestring));
    if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;
        if (!isfinite(d))
            return ls_buf_append(out, "null", 4);
        if (d == floor(d) && fabs(d) < 9007199254740992.0)
            return ls_buf_printf(out, "%.0f", d);
        return ls_buf_printf(out, "%.17g", d);
    }
    int is_obj = cJSON_IsObject(v);
    if (!is_obj && !cJSON_IsArray(v))
        return -1;
    if (ls_buf_putc(out, is_obj ? '{' : '[') != 0)
        return -1;
    int first = 1;
    for (const cJSON *c = v->child; c; c = c->next) {
        if (!first && ls_buf_append(out, indent ? "," : ", ", indent ? 1 : 2) != 0)
            return -1;
        first = 0;
        if (indent && newline(out, indent, level + 1) != 0)
            return -1;
        if (is_obj) {
            const char *k = c->string ? c->string : "";
            if (put_clean(out, k) != 0 || ls_buf_append(out, ": ", 2) != 0)
                return -1;
        }
        if (emit(out, c, indent, level + 1) != 0)
            return -1;
    }
    if (!first && indent && newline(out, indent, level) != 0)
        return -1;
    return ls_buf_putc(out, is_obj ? '}' : ']');
}

int ls_json_emit(ls_buf *out, const cJSON *doc, int indent)
{
    return emit(out, doc, indent, 0);
}

int ls_cjson_add(cJSON *obj, const char *key, cJSON *item)
{
    if (!item)
        return -1;
    if (!cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        return -1;
    }
    return 0;
}

ls_status ls_json_own_document(cJSON *doc, int indent, char **json, size_t *len)
{
    if (doc && !cJSON_AddStringToObject(doc, "leadsieve", ls_version())) {
        cJSON_Delete(doc);
        doc = NULL;
    }
    return ls_json_document(doc, indent, json, len);
}

ls_status ls_json_document(cJSON *doc, int indent, char **json, size_t *len)
{
    if (!json)
        return LS_E_USAGE;
    *json = NULL;
    ls_buf out = {0};
    int ok = doc && ls_json_emit(&out, doc, indent < 0 ? 0 : indent) == 0 &&
             ls_buf_reserve(&out, 1) == 0;
    cJSON_Delete(doc);
    if (!ok) {
        ls_buf_free(&out);
        return LS_E_NOMEM;
    }
    out.data[out.len] = '\0';
    *json = out.data;
    if (len)
        *len = out.len;
    return LS_OK;
}
