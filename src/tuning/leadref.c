/* Lead refs (see leadref.h): the key by the duplicate key's rule, the name
 * by the v1 reading of full_name, the title by §2's choice. */
#include <string.h>
#include "engine/dedup.h"
#include "tuning/leadref.h"
#include "tuning/tally.h"

void ls_leadref_buf_free(ls_leadref_buf *b)
{
    ls_buf_free(&b->key);
    ls_buf_free(&b->name);
    ls_buf_free(&b->title);
    ls_buf_free(&b->scratch);
}

static int set_text(ls_buf *b, const char *p, size_t n)
{
    ls_buf_clear(b);
    if (ls_buf_reserve(b, n + 1) != 0)
        return -1;
    memcpy(b->data, p, n);
    b->len = n;
    b->data[n] = '\0';
    return 0;
}

/* A string value decoded (a number as written) into b, NUL-terminated. */
static int set_value(ls_buf *b, const ls_jval *v)
{
    if (v->type != LS_J_STRING || !v->has_escape)
        return set_text(b, v->p, v->len);
    ls_buf_clear(b);
    if (ls_buf_reserve(b, v->len + 1) != 0)
        return -1;
    unsigned fl = 0;
    b->len = ls_jstr_decode(v->p, v->len, b->data, &fl);
    b->data[b->len] = '\0';
    return 0;
}

int ls_leadref_who(ls_leadref_buf *b, const ls_lead *lead, ls_lead_ref *ref)
{
    ref->key = ref->key_field = ref->name = NULL;
    int kf = ls_lead_key_field(lead);
    if (kf >= 0) {
        if (set_value(&b->key, &lead->f[kf]) != 0)
            return -1;
        ref->key = b->key.data;
        ref->key_field = ls_field_name((ls_field)kf);
    }
    ls_jval v;
    if (ls_lead_read(lead, LS_F_FULL_NAME, &b->scratch, &v) &&
        (v.type == LS_J_STRING || v.type == LS_J_NUMBER) && !ls_jval_is_blank(&v)) {
        if (set_value(&b->name, &v) != 0)
            return -1;
        ref->name = b->name.data;
    }
    return 0;
}

int ls_leadref_fill(ls_leadref_buf *b, ls_matcher *m, const ls_lead *lead, const char *file,
                    uint64_t line, uint64_t index, ls_lead_ref *ref)
{
    memset(ref, 0, sizeof *ref);
    ref->file = file;
    ref->line = line;
    ref->index = index;
    if (ls_leadref_who(b, lead, ref) != 0)
        return -1;
    const char *title;
    size_t len;
    int field = ls_matcher_lead_title(m, lead, &title, &len);
    if (set_text(&b->title, title, len) != 0)
        return -1;
    ref->title = b->title.data;
    ref->title_len = len;
    ref->title_field = field >= 0 ? ls_field_name((ls_field)field) : NULL;
    return 0;
}

size_t ls_text_keep(ls_buf *text, const char *s, size_t n)
{
    if (!s)
        return LS_TEXT_NONE;
    size_t off = text->len;
    if (ls_buf_reserve(text, n + 1) != 0)
        return LS_TEXT_NONE - 1;
    if (n)
        memcpy(text->data + off, s, n);
    text->data[off + n] = '\0';
    text->len += n + 1;
    return off;
}

const char *ls_text_at(const ls_buf *text, size_t off)
{
    return off == LS_TEXT_NONE ? NULL : text->data + off;
}

static int keep_str(ls_buf *text, const char *s, size_t *off)
{
    *off = ls_text_keep(text, s, s ? strlen(s) : 0);
    return *off == LS_TEXT_NONE - 1 ? -1 : 0;
}

int ls_leadref_keep(ls_buf *text, ls_tally *files, const ls_lead_ref *ref, ls_leadref_kept *out)
{
    out->line = ref->line;
    out->index = ref->index;
    out->title_len = ref->title_len;
    out->file = LS_TEXT_NONE;
    if (ref->file) {
        /* a file's name once: its tally count is its offset in text + 1 */
        int fresh;
        long f = ls_tally_put(files, ref->file, strlen(ref->file), &fresh);
        if (f < 0)
            return -1;
        if (fresh) {
            size_t off;
            if (keep_str(text, ref->file, &off) != 0)
                return -1;
            files->count[f] = (uint64_t)off + 1;
        }
        out->file = (size_t)files->count[f] - 1;
    }
    out->title = ls_text_keep(text, ref->title, ref->title_len);
    if (out->title == LS_TEXT_NONE - 1)
        return -1;
    out->key_field = ref->key_field;
    out->title_field = ref->title_field;
    return keep_str(text, ref->key, &out->key) != 0 || keep_str(text, ref->name, &out->name) != 0
               ? -1
               : 0;
}

void ls_leadref_resolve(const ls_buf *text, const ls_leadref_kept *k, ls_lead_ref *ref)
{
    ref->key = ls_text_at(text, k->key);
    ref->key_field = k->key_field;
    ref->title_field = k->title_field;
    ref->name = ls_text_at(text, k->name);
    ref->title = ls_text_at(text, k->title);
    ref->title_len = k->title_len;
    ref->file = ls_text_at(text, k->file);
    ref->line = k->line;
    ref->index = k->index;
}
