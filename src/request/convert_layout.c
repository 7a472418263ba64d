/* The layout of a converted request: whitespace is the only thing made
 * anew; every token is copied from the input as written, so a number stays
 * 1.50 and an escape stays \u00e9 (a rewrite, not a re-serialization). */
#include "request/convert.h"

/* Before an item: "\n" and its indentation, or ", " on one line. */
static int put_break(ls_buf *out, int indent, int level, int first)
{
    if (indent <= 0)
        return first ? 0 : ls_buf_append(out, ", ", 2);
    if (!first && ls_buf_putc(out, ',') != 0)
        return -1;
    if (ls_buf_putc(out, '\n') != 0)
        return -1;
    for (long i = 0; i < (long)indent * level; i++)
        if (ls_buf_putc(out, ' ') != 0)
            return -1;
    return 0;
}

static int put_close(ls_buf *out, int indent, int level, char c)
{
    if (indent > 0 && put_break(out, indent, level, 1) != 0)
        return -1;
    return ls_buf_putc(out, c);
}

static int put_string(ls_buf *out, const char *body, size_t len)
{
    return ls_buf_putc(out, '"') || ls_buf_append(out, body, len) || ls_buf_putc(out, '"')
               ? -1
               : 0;
}

static int put_value(ls_buf *out, const ls_jval *v, int indent, int level)
{
    if (v->type == LS_J_STRING)
        return put_string(out, v->p, v->len);
    if (v->type != LS_J_ARRAY && v->type != LS_J_OBJECT)
        return ls_buf_append(out, v->p, v->len);
    int obj = v->type == LS_J_OBJECT;
    if (v->is_empty)
        return ls_buf_append(out, obj ? "{}" : "[]", 2);
    if (ls_buf_putc(out, obj ? '{' : '[') != 0)
        return -1;
    size_t pos = 0;
    ls_jval key, elem;
    for (int first = 1; ls_jval_next(v, &pos, &key, &elem); first = 0) {
        if (put_break(out, indent, level + 1, first) != 0)
            return -1;
        if (obj && (put_string(out, key.p, key.len) != 0 || ls_buf_append(out, ": ", 2) != 0))
            return -1;
        /* nesting is bounded by the request parser's depth limit */
        if (put_value(out, &elem, indent, level + 1) != 0)
            return -1;
    }
    return put_close(out, indent, level, obj ? '}' : ']');
}

int ls_convert_put_object(ls_buf *out, const ls_convert_member *m, size_t n, int indent)
{
    if (n == 0)
        return ls_buf_append(out, "{}", 2);
    if (ls_buf_putc(out, '{') != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (put_break(out, indent, 1, i == 0) != 0 || put_string(out, m[i].key, m[i].key_len) ||
            ls_buf_append(out, ": ", 2) != 0 || put_value(out, &m[i].val, indent, 1) != 0)
            return -1;
    return put_close(out, indent, 0, '}');
}
