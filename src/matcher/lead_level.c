/* A lead's seniority level (addendum §2 "Seniority levels"): its own
 * `seniority` value when it has one, else the level its title implies.
 * The title is the one persona matching reads; its norm() comes from the
 * title memo when persona matching saw the title already. */
#include "matcher/matcher_int.h"
#include "request/level.h"

enum { SLOT_TITLE = 0, SLOT_SENIORITY = 2 }; /* decode slots: both outlive a call */

int ls_matcher_lead_seniority(ls_matcher *m, const ls_lead *lead, const char **text,
                              size_t *len, unsigned *mask)
{
    ls_jval v;
    *text = "";
    *len = 0;
    *mask = 0;
    if (!ls_lead_get(lead, "seniority", &v) || ls_jval_is_blank(&v))
        return 0;
    if (ls_m_string(m, &v, SLOT_SENIORITY, text, len))
        *mask = ls_level_mask_of_value(*text, *len);
    else { /* a number, true, an array...: a value, but no level */
        *text = v.p;
        *len = v.len;
    }
    return 1;
}

int ls_matcher_title_level(ls_matcher *m, const char *title, size_t len)
{
    const ls_memo_slot *c = ls_memo_find(&m->title_memo, title, len);
    if (c)
        return ls_level_infer_normed(c->bytes + c->key_len, c->extra_len);
    size_t n;
    const char *normed = ls_normalizer_run(m->nz, title, len, &n, NULL);
    return normed ? ls_level_infer_normed(normed, n) : -1;
}

unsigned ls_m_lead_level(ls_matcher *m, const ls_lead *lead, int *from_field)
{
    const char *p;
    size_t len;
    unsigned mask;
    int dummy;
    if (!from_field)
        from_field = &dummy;
    if (ls_matcher_lead_seniority(m, lead, &p, &len, &mask)) {
        *from_field = 1;
        return mask;
    }
    ls_matcher_lead_title(m, lead, &p, &len);
    int level = ls_matcher_title_level(m, p, len);
    *from_field = level < 0 ? -1 : 0;
    return level < 0 ? 0 : 1u << level;
}
