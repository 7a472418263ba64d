/* Writing JSON text: string escaping, minifying a value as written, and
 * serializing the cJSON documents leadsieve builds (envelopes, reports) with
 * the API's separators. */
#ifndef LS_WRITERS_JSONOUT_H
#define LS_WRITERS_JSONOUT_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "leadsieve.h"
#include "core/core.h"

/* Appends s as a quoted JSON string: '"', '\\' and control characters are
 * escaped, every other byte (UTF-8 included) is kept.  0 or -1 (no memory). */
int ls_json_put_string(ls_buf *out, const char *s, size_t n);

/* Appends s[0..n) with every invalid UTF-8 sequence (maximal subpart) and
 * every NUL replaced by U+FFFD, so that it can go into a JSON document or
 * a message; NUL-terminated.  0 or -1 (no memory). */
int ls_json_clean_utf8(ls_buf *out, const char *s, size_t n);

/* Appends the JSON text p with the whitespace outside strings removed;
 * every other byte is kept as written.  0 or -1. */
int ls_json_minify(ls_buf *out, const char *p, size_t n);

/* Appends doc: on one line with ", " and ": " when indent is 0 (as the API
 * writes), else pretty-printed with indent spaces.  Integral numbers are
 * written without a fraction.  0 or -1. */
int ls_json_emit(ls_buf *out, const cJSON *doc, int indent);

/* doc as a document for the caller (ls_free), then deletes doc (which may
 * be NULL: a failed build).  LS_OK or LS_E_NOMEM. */
ls_status ls_json_document(cJSON *doc, int indent, char **json, size_t *len);
/* ls_json_document for a document leadsieve itself writes (a report, a
 * score or diff document): marked with a last member "leadsieve" holding
 * the library's version, so that reading it back as leads is refused
 * (contract §5a). */
ls_status ls_json_own_document(cJSON *doc, int indent, char **json, size_t *len);

/* Adds item under key; item may be NULL (a failed create), and is deleted
 * when it cannot be added, so a chain of adds leaks nothing.  0 or -1. */
int ls_cjson_add(cJSON *obj, const char *key, cJSON *item);

#endif
