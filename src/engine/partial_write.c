/* The records a partial run writes as stage 2 meets each lead (the
 * layout is described in partial.c, which reads them back); apart from
 * partial.c so that stage 2 calls down into it, not around a cycle. */
#include "engine/partial.h"
#include "engine/run_int.h"

int ls_partial_put_u64(ls_buf *b, uint64_t v)
{
    unsigned char c[8];
    for (int i = 0; i < 8; i++)
        c[i] = (unsigned char)(v >> (8 * i));
    return ls_buf_append(b, (const char *)c, 8);
}

int ls_partial_put_var(ls_buf *b, uint64_t v)
{
    unsigned char c[10];
    size_t n = 0;
    do {
        c[n] = (unsigned char)(v & 0x7f);
        v >>= 7;
        c[n] |= v ? 0x80 : 0;
        n++;
    } while (v);
    return ls_buf_append(b, (const char *)c, n);
}

int ls_partial_put_str(ls_buf *b, const char *s, size_t n)
{
    return ls_partial_put_u64(b, n) != 0 || ls_buf_append(b, s, n) != 0 ? -1 : 0;
}

int ls_partial_put_lead(ls_run *run, unsigned lead_flags, const ls_stage1 *r)
{
    ls_buf *b = &run->part;
    unsigned flags = lead_flags | r->verdict.flags;
    unsigned char byte = (unsigned char)(r->verdict.outcome & LS_PART_OUTCOME);
    byte |= r->has_key ? LS_PART_KEY : 0;
    byte |= flags & LS_LEAD_INVALID_UTF8 ? LS_PART_INVALID : 0;
    byte |= flags & LS_LEAD_NOT_EVALUATED ? LS_PART_NOT_EVAL : 0;
    if (ls_buf_append(b, (const char *)&byte, 1) != 0)
        return -1;
    if (r->has_key &&
        (ls_partial_put_var(b, r->key_len) != 0 || ls_buf_append(b, r->key, r->key_len) != 0))
        return -1;
    if (r->verdict.outcome == LS_DROPPED_BY_FILTER)
        return ls_partial_put_var(b, (uint64_t)(r->verdict.filter_id + 1));
    if (r->verdict.outcome == LS_MATCHED)
        return ls_partial_put_var(b, (uint64_t)(r->verdict.persona + 1));
    return 0;
}

int ls_partial_put_bytes(ls_run *run, const char *bytes, size_t len)
{
    return ls_partial_put_var(&run->part, len) != 0 ||
                   ls_buf_append(&run->part, bytes, len) != 0
               ? -1
               : 0;
}
