#include <string.h>
#include "engine/leadout.h"

static const char persona_key[] = "linkedin_lead_persona";

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int append_member(ls_buf *out, const ls_lead *lead, const char *name, size_t nlen)
{
    /* Insert after the last member (before any whitespace that precedes the
     * closing brace) so pretty-printed objects keep their closing line. */
    size_t end = lead->raw_len - 1; /* the '}' */
    size_t at = end;
    while (at > 1 && is_ws(lead->raw[at - 1]))
        at--;
    int empty = lead->raw[at - 1] == '{';
    if (ls_buf_append(out, lead->raw, at) != 0 ||
        (!empty && ls_buf_append(out, ", ", 2) != 0) ||
        ls_buf_putc(out, '"') != 0 ||
        ls_buf_append(out, persona_key, sizeof persona_key - 1) != 0 ||
        ls_buf_append(out, "\": ", 3) != 0 || ls_buf_append(out, name, nlen) != 0)
        return -1;
    return ls_buf_append(out, lead->raw + at, lead->raw_len - at);
}

/* Replaces the values at the given (offset, length) spans, in order. */
static int replace_spans(ls_buf *out, const ls_lead *lead, const uint32_t *off,
                         const uint32_t *len, size_t n, const char *name, size_t nlen)
{
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        if (ls_buf_append(out, lead->raw + pos, off[i] - pos) != 0 ||
            ls_buf_append(out, name, nlen) != 0)
            return -1;
        pos = (size_t)off[i] + len[i];
    }
    return ls_buf_append(out, lead->raw + pos, lead->raw_len - pos);
}

int ls_lead_output(ls_buf *out, const ls_lead *lead, const char *name_json,
                   size_t name_json_len)
{
    if (!name_json)
        return ls_buf_append(out, lead->raw, lead->raw_len);
    if (lead->persona_n == 0)
        return append_member(out, lead, name_json, name_json_len);
    /* The scanner rejects leads with more occurrences than it has slots. */
    return replace_spans(out, lead, lead->persona_off, lead->persona_len, lead->persona_n,
                         name_json, name_json_len);
}
