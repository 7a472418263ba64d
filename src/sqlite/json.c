/* JSON text the extension composes itself (ls_verdict): string literals
 * that are always valid JSON and valid UTF-8, whatever bytes a persona name
 * holds. */
#include <stdint.h>
#include "ext.h"

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len = c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
    if (!len || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    /* overlong forms, surrogates, past U+10FFFF */
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0) ||
        (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
        return 0;
    return len;
}

void ls_sq_json_string(sqlite3_str *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    sqlite3_str_appendchar(out, 1, '"');
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c == '"' || c == '\\') {
            sqlite3_str_appendchar(out, 1, '\\');
            sqlite3_str_appendchar(out, 1, (char)c);
            i++;
        } else if (c < 0x20) {
            sqlite3_str_appendf(out, "\\u%04x", c);
            i++;
        } else if (c < 0x80) {
            sqlite3_str_appendchar(out, 1, (char)c);
            i++;
        } else {
            size_t len = utf8_len(p + i, n - i);
            if (len) {
                sqlite3_str_append(out, s + i, (int)len);
                i += len;
            } else {
                sqlite3_str_appendall(out, "\\ufffd");
                i++;
            }
        }
    }
    sqlite3_str_appendchar(out, 1, '"');
}

void ls_sq_json_string_or_null(sqlite3_str *out, const char *s)
{
    size_t n = 0;
    if (!s) {
        sqlite3_str_appendall(out, "null");
        return;
    }
    while (s[n])
        n++;
    ls_sq_json_string(out, s, n);
}

const char *ls_sq_outcome_name(ls_outcome outcome)
{
    switch (outcome) {
    case LS_MATCHED: return "matched";
    case LS_DROPPED_BY_FILTER: return "dropped_by_filter";
    case LS_NO_PERSONA: return "no_persona";
    }
    return "unknown";
}
