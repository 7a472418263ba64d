/* A lead's name and place (ls_lead_ref, <leadsieve/tools.h>), filled from
 * a scanned lead: explain, score's misses and diff say who each lead is
 * the same way. */
#ifndef LS_TUNING_LEADREF_H
#define LS_TUNING_LEADREF_H
#include <stdint.h>
#include "core/core.h"
#include "json/json.h"
#include "leadsieve/tools.h"
#include "matcher/matcher.h"

/* The text a filled ref points into; zero it, free it with
 * ls_leadref_buf_free.  A fill replaces what the last one gave. */
typedef struct ls_leadref_buf {
    ls_buf key, name, title, scratch;
} ls_leadref_buf;
void ls_leadref_buf_free(ls_leadref_buf *b);

/* Fills *ref for lead, read from file (display name) at line and index
 * (LS_NO_INDEX: none).  The title is the one m chooses
 * (ls_matcher_lead_title; m's decode scratch is used).  0, or -1 when
 * memory runs out. */
int ls_leadref_fill(ls_leadref_buf *b, ls_matcher *m, const ls_lead *lead, const char *file,
                    uint64_t line, uint64_t index, ls_lead_ref *ref);
/* Only who the lead is: ref's key, key_field and name (the rest
 * untouched), for a caller that has the title and place already.  0 or
 * -1. */
int ls_leadref_who(ls_leadref_buf *b, const ls_lead *lead, ls_lead_ref *ref);

/* Text kept for results that outlive the lead: strings appended to one
 * growing buffer, referred to by offset until the buffer stops growing.
 * LS_TEXT_NONE stands for NULL. */
#define LS_TEXT_NONE SIZE_MAX
/* Appends s[0..n) and a NUL (s NULL: nothing, LS_TEXT_NONE); its offset,
 * or LS_TEXT_NONE - 1 when memory runs out. */
size_t ls_text_keep(ls_buf *text, const char *s, size_t n);
/* The string at off (NULL for LS_TEXT_NONE). */
const char *ls_text_at(const ls_buf *text, size_t off);

/* A lead ref whose strings are offsets into a text buffer. */
typedef struct ls_leadref_kept {
    size_t key, name, title, file;
    const char *key_field, *title_field; /* static field names */
    size_t title_len;
    uint64_t line, index;
} ls_leadref_kept;
/* Keeps ref's strings in text (file names once each, through files);
 * 0 or -1 (memory). */
struct ls_tally;
int ls_leadref_keep(ls_buf *text, struct ls_tally *files, const ls_lead_ref *ref,
                    ls_leadref_kept *out);
/* The ref back, pointing into text (which must no longer grow). */
void ls_leadref_resolve(const ls_buf *text, const ls_leadref_kept *k, ls_lead_ref *ref);

#endif
