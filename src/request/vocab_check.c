/* The vocabulary lint of v1 requests (request/vocab.h): values the live
 * API accepts and answers with nothing (an industry outside LinkedIn's
 * taxonomy or under its older name, a function outside the 26, a location
 * in the vendor's own "City, ST" example form), seniorities read through
 * an alias or not at all, and the two readings that are approximate
 * offline (addendum §2). */
#include <string.h>
#include <strings.h>
#include "core/core.h"
#include "leadsieve/tools.h"
#include "normalize/utf8.h"
#include "request/vocab.h"
#include "request/vocab_table.h"

typedef struct vctx {
    ls_v1_note_fn note;
    void *user;
    ls_buf path, msg;
    int bad; /* a buffer ran out of memory */
} vctx;

static void say(vctx *v, const char *s)
{
    v->bad |= ls_buf_append(&v->msg, s, strlen(s));
}

/* Appends s[0..n) in double quotes as JSON writes it: valid UTF-8 (an
 * invalid byte becomes U+FFFD), control characters escaped, so that a
 * message never carries a terminal escape. */
static void quote(vctx *v, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    v->bad |= ls_buf_putc(&v->msg, '"');
    for (size_t i = 0; i < n;) {
        size_t adv = 1;
        int32_t c = p[i] < 0x80 ? p[i] : ls_utf8_next(p + i, n - i, &adv);
        if (c == '"' || c == '\\')
            v->bad |= ls_buf_printf(&v->msg, "\\%c", (char)c);
        else if (c >= 0 && (c < 0x20 || (c >= 0x7f && c < 0xa0)))
            v->bad |= ls_buf_printf(&v->msg, "\\u%04x", (unsigned)c);
        else if (c < 0)
            say(v, "\xef\xbf\xbd");
        else
            v->bad |= ls_buf_append(&v->msg, s + i, adv);
        i += adv;
    }
    v->bad |= ls_buf_putc(&v->msg, '"');
}

static void quote_str(vctx *v, const char *s)
{
    quote(v, s, strlen(s));
}

/* Starts a note about key, or key[index] when index >= 0. */
static void start(vctx *v, const char *key, long index)
{
    ls_buf_clear(&v->path);
    ls_buf_clear(&v->msg);
    v->bad |= index < 0 ? ls_buf_printf(&v->path, "%s", key)
                        : ls_buf_printf(&v->path, "%s[%ld]", key, index);
}

/* Ends the note with " (did you mean "near"?)" when there is one and
 * hands it over.  0 or -1. */
static int emit(vctx *v, int rule, const char *near)
{
    if (near) {
        say(v, " (did you mean ");
        quote_str(v, near);
        say(v, "?)");
    }
    if (v->bad || !v->path.data || !v->msg.data)
        return -1;
    return v->note(v->user, rule, v->path.data, v->msg.data) != 0 ? -1 : 0;
}

/* ---- industries ---- */

static int industry(vctx *v, const char *key, long j, const ls_jnode *e, int exclude)
{
    if (ls_vocab_industry(e->str, e->str_len))
        return 0;
    const char *cur = ls_vocab_industry_renamed(e->str, e->str_len);
    start(v, key, j);
    say(v, "industry ");
    quote(v, e->str, e->str_len);
    if (cur) {
        say(v, " is LinkedIn's older name for ");
        quote_str(v, cur);
        say(v, exclude ? ": leads carry the current name, so it excludes none of them"
                       : ": leads carry the current name, so it matches none of them");
        return emit(v, LS_LINT_INDUSTRY_RENAMED, cur);
    }
    v->bad |= ls_buf_printf(&v->msg, " is not one of LinkedIn's %zu industry names: ",
                            ls_vocab_industries_count);
    say(v, exclude ? "it excludes no lead, here or in the API"
                   : "it matches no lead, and the API accepts it and finds none");
    return emit(v, LS_LINT_INDUSTRY_UNKNOWN, ls_vocab_industry_suggest(e->str, e->str_len));
}

/* ---- functions ---- */

static int function(vctx *v, const char *key, long j, const ls_jnode *e, int exclude)
{
    if (ls_vocab_function(e->str, e->str_len))
        return 0;
    start(v, key, j);
    say(v, "function ");
    quote(v, e->str, e->str_len);
    v->bad |= ls_buf_printf(&v->msg,
                            " is not one of the %zu Sales Navigator functions: the API %s",
                            ls_vocab_functions_count,
                            exclude ? "excludes no lead with it" : "matches no lead with it");
    return emit(v, LS_LINT_FUNCTION_UNKNOWN, ls_vocab_function_suggest(e->str, e->str_len));
}

/* ---- seniorities ---- */

/* Appends the labels of mask: "Director", "Vice President". */
static void labels(vctx *v, unsigned mask)
{
    const char *sep = "";
    for (unsigned i = 0; i < ls_vocab_seniority_labels_count; i++)
        if (mask & 1u << i) {
            say(v, sep);
            quote_str(v, ls_vocab_seniority_labels[i]);
            sep = ", ";
        }
}

static int seniority(vctx *v, const char *key, long j, const ls_jnode *e, int exclude)
{
    (void)exclude;
    unsigned mask;
    ls_vocab_seniority kind = ls_vocab_seniority_kind(e->str, e->str_len, &mask);
    if (kind == LS_VOCAB_SENIORITY_CANONICAL)
        return 0;
    start(v, key, j);
    say(v, "seniority ");
    quote(v, e->str, e->str_len);
    say(v, " is neither a Sales Navigator label nor a value the API documents: ");
    if (kind == LS_VOCAB_SENIORITY_ALIAS) {
        say(v, "read here as ");
        labels(v, mask);
        say(v, ", while the API may match it loosely (did you mean ");
        labels(v, mask);
        say(v, "?)");
        return emit(v, LS_LINT_SENIORITY_ALIAS, NULL);
    }
    say(v, "it matches no lead here, while the API may still match it loosely");
    const char *near = ls_vocab_seniority_suggest(e->str, e->str_len);
    if (!near) {
        say(v, "; the labels: ");
        labels(v, (1u << ls_vocab_seniority_labels_count) - 1);
    }
    return emit(v, LS_LINT_SENIORITY_UNKNOWN, near);
}

/* ---- locations ---- */

/* Whether p[0..n) is, trimmed, the United States as people write it. */
static int is_us(const char *p, size_t n)
{
    static const char *const names[] = {"United States", "USA", "US"};
    ls_trim_ascii_ws(&p, &n);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i]) == n && strncasecmp(names[i], p, n) == 0)
            return 1;
    return 0;
}

/* A location whose last comma part, or the one before a last part that
 * is the United States, is a US state abbreviation: "San Francisco, CA".
 * Leads read "City, State, Country" with the state written out, and an
 * entry matches the trailing parts of a lead's location (contract §3), so
 * such an entry never matches. */
static int location(vctx *v, const char *key, long j, const ls_jnode *e, int exclude)
{
    (void)exclude;
    const char *s = e->str, *end = s + e->str_len;
    const char *last = memrchr(s, ',', e->str_len);
    if (!last)
        return 0;
    const char *part = last + 1, *part_end = end, *country = NULL;
    if (is_us(part, (size_t)(end - part))) {
        const char *prev = last > s ? memrchr(s, ',', (size_t)(last - s)) : NULL;
        if (!prev)
            return 0;
        country = last;
        part = prev + 1;
        part_end = last;
    }
    const char *code = part;
    size_t clen = (size_t)(part_end - part);
    ls_trim_ascii_ws(&code, &clen);
    int also_country;
    const char *state = ls_vocab_us_state(code, clen, &also_country);
    if (!state)
        return 0;
    start(v, key, j);
    say(v, "location ");
    quote(v, e->str, e->str_len);
    say(v, " abbreviates the US state (");
    quote(v, code, clen);
    say(v, "), but leads write it out (\"City, State, Country\": \"..., ");
    say(v, state);
    say(v, ", United States\"), so it never equals the end of a lead's location");
    if (also_country) {
        say(v, "; if ");
        quote(v, code, clen);
        say(v, " means a country, write the country's name");
    }
    /* the entry with the state written out */
    ls_buf near = {0};
    int bad = ls_buf_append(&near, s, (size_t)(code - s)) | ls_buf_printf(&near, "%s", state);
    if (country)
        bad |= ls_buf_printf(&near, ", United States");
    int rc = bad ? -1 : emit(v, LS_LINT_LOCATION_STATE_ABBREVIATION, near.data);
    ls_buf_free(&near);
    return rc;
}

/* ---- the walk ---- */

typedef int (*entry_fn)(vctx *v, const char *key, long j, const ls_jnode *e, int exclude);

static const struct {
    const char *key;
    entry_fn fn;
    int exclude;
} lists[] = {
    {"seniorities", seniority, 0},
    {"company_industries", industry, 0},
    {"exclude_company_industries", industry, 1},
    {"lead_industries", industry, 0},
    {"exclude_lead_industries", industry, 1},
    {"functions", function, 0},
    {"exclude_functions", function, 1},
    {"locations", location, 0},
    {"exclude_locations", location, 1},
    {"company_locations", location, 0},
    {"exclude_company_locations", location, 1},
};

/* The notes on a field as a whole: its reading is approximate offline. */
static int field_note(vctx *v, const char *key, const ls_jnode *n)
{
    if (n->type != LS_J_ARRAY || n->count == 0)
        return 0;
    if (strcmp(key, "job_titles") == 0) {
        start(v, key, -1);
        say(v, "a title matches here when it holds an entry as whole words; the API also "
               "returns \"similar titles\" it does not define, so it may find leads this does "
               "not (approximate)");
        return emit(v, LS_LINT_JOB_TITLES_APPROXIMATE, NULL);
    }
    if (strcmp(key, "seniorities") == 0) {
        start(v, key, -1);
        say(v, "a lead without a \"seniority\" field gets a level inferred from its title "
               "(approximate: the API uses the level Sales Navigator gives the lead)");
        return emit(v, LS_LINT_SENIORITY_INFERRED, NULL);
    }
    return 0;
}

static int check_field(vctx *v, const char *key, const ls_jnode *n)
{
    if (field_note(v, key, n) != 0)
        return -1;
    for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) {
        if (strcmp(key, lists[k].key) != 0)
            continue;
        if (n->type != LS_J_ARRAY)
            return 0; /* validation says what it must be */
        for (size_t j = 0; j < n->count; j++)
            if (n->items[j]->type == LS_J_STRING &&
                lists[k].fn(v, key, (long)j, n->items[j], lists[k].exclude) != 0)
                return -1;
        return 0;
    }
    return 0;
}

int ls_v1_vocab_check(const ls_jnode *root, ls_v1_note_fn note, void *user)
{
    if (!root || root->type != LS_J_OBJECT)
        return 0;
    vctx v = {.note = note, .user = user};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < root->count; i++)
        rc = check_field(&v, root->keys[i], root->items[i]);
    ls_buf_free(&v.path);
    ls_buf_free(&v.msg);
    return rc;
}
