/* Seniority levels (see level.h): the value table and the title rules of
 * addendum §2 "Seniority levels". */
#include <string.h>
#include "core/core.h"
#include "request/level.h"
#include "request/request_int.h"

#define BIT(l) (1u << (l))

static const char *const labels[LS_LEVELS] = {
    "In Training",         "Entry Level", "Senior",         "Strategic", "Entry Level Manager",
    "Experienced Manager", "Director",    "Vice President", "CXO",       "Owner / Partner"};

static const struct {
    const char *text;
    unsigned mask;
    ls_level_value_kind kind;
} values[] = {
    {"In Training", BIT(LS_LEVEL_IN_TRAINING), LS_LEVEL_VALUE_LABEL},
    {"Entry Level", BIT(LS_LEVEL_ENTRY), LS_LEVEL_VALUE_LABEL},
    {"Senior", BIT(LS_LEVEL_SENIOR), LS_LEVEL_VALUE_LABEL},
    {"Strategic", BIT(LS_LEVEL_STRATEGIC), LS_LEVEL_VALUE_LABEL},
    {"Entry Level Manager", BIT(LS_LEVEL_ENTRY_MANAGER), LS_LEVEL_VALUE_LABEL},
    {"Experienced Manager", BIT(LS_LEVEL_EXPERIENCED_MANAGER), LS_LEVEL_VALUE_LABEL},
    {"Director", BIT(LS_LEVEL_DIRECTOR), LS_LEVEL_VALUE_LABEL},
    {"Vice President", BIT(LS_LEVEL_VP), LS_LEVEL_VALUE_LABEL},
    {"CXO", BIT(LS_LEVEL_CXO), LS_LEVEL_VALUE_LABEL},
    {"Owner / Partner", BIT(LS_LEVEL_OWNER), LS_LEVEL_VALUE_LABEL},
    /* the API documentation's request values */
    {"owner", BIT(LS_LEVEL_OWNER), LS_LEVEL_VALUE_SNAKE_CASE},
    {"founder", BIT(LS_LEVEL_OWNER), LS_LEVEL_VALUE_SNAKE_CASE},
    {"c_suite", BIT(LS_LEVEL_CXO), LS_LEVEL_VALUE_SNAKE_CASE},
    {"partner", BIT(LS_LEVEL_OWNER), LS_LEVEL_VALUE_SNAKE_CASE},
    {"vp", BIT(LS_LEVEL_VP), LS_LEVEL_VALUE_SNAKE_CASE},
    {"head", BIT(LS_LEVEL_DIRECTOR) | BIT(LS_LEVEL_VP), LS_LEVEL_VALUE_SNAKE_CASE},
    {"director", BIT(LS_LEVEL_DIRECTOR), LS_LEVEL_VALUE_SNAKE_CASE},
    {"manager", BIT(LS_LEVEL_ENTRY_MANAGER) | BIT(LS_LEVEL_EXPERIENCED_MANAGER),
     LS_LEVEL_VALUE_SNAKE_CASE},
    {"senior", BIT(LS_LEVEL_SENIOR), LS_LEVEL_VALUE_SNAKE_CASE},
    {"entry", BIT(LS_LEVEL_ENTRY), LS_LEVEL_VALUE_SNAKE_CASE},
    {"intern", BIT(LS_LEVEL_IN_TRAINING), LS_LEVEL_VALUE_SNAKE_CASE},
    /* lead-side spellings beyond case ("VP", "Owner" are the values above) */
    {"C-Suite", BIT(LS_LEVEL_CXO), LS_LEVEL_VALUE_ALIAS},
};

#define NVALUES (sizeof values / sizeof *values)

size_t ls_level_count(void)
{
    return LS_LEVELS;
}

const char *ls_level_name(size_t level)
{
    return level < LS_LEVELS ? labels[level] : NULL;
}

/* The labels and the documented values of the table above, in its order
 * (test_request_level holds the two together). */
static const char *const vocabulary[] = {
    "In Training", "Entry Level", "Senior",  "Strategic", "Entry Level Manager",
    "Experienced Manager", "Director", "Vice President", "CXO", "Owner / Partner",
    "owner",       "founder",     "c_suite", "partner",   "vp",
    "head",        "director",    "manager", "senior",    "entry",
    "intern"};

const char *const *ls_level_vocabulary(size_t *count)
{
    if (count)
        *count = sizeof vocabulary / sizeof *vocabulary;
    return vocabulary;
}

static int ascii_case_eq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y + 32);
        if (x != y)
            return 0;
    }
    return 1;
}

/* Exact spelling gives the table's kind; only the same letters in other
 * case ("Owner", "VP") are an alias: that is what a request is warned
 * about (addendum: `Owner` → `Owner / Partner`). */
unsigned ls_level_mask_of_value_kind(const char *s, size_t len, ls_level_value_kind *kind)
{
    unsigned mask = 0;
    ls_level_value_kind k = LS_LEVEL_VALUE_UNKNOWN;
    if (s || !len) {
        if (!s)
            s = "";
        ls_trim_ascii_ws(&s, &len);
        for (size_t i = 0; i < NVALUES; i++) {
            const char *t = values[i].text;
            if (strlen(t) != len || !ascii_case_eq(t, s, len))
                continue;
            mask = values[i].mask;
            if (memcmp(t, s, len) == 0) {
                k = values[i].kind;
                break;
            }
            k = LS_LEVEL_VALUE_ALIAS;
        }
    }
    if (kind)
        *kind = k;
    return mask;
}

unsigned ls_level_mask_of_value(const char *value, size_t len)
{
    return ls_level_mask_of_value_kind(value, len, NULL);
}

/* Whether the space-separated normed[0..len) has the token t[0..tn). */
static int has_token(const char *normed, size_t len, const char *t, size_t tn)
{
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && normed[j] != ' ')
            j++;
        if (j - i == tn && memcmp(normed + i, t, tn) == 0)
            return 1;
        i = j + 1;
    }
    return 0;
}

static int has(const char *normed, size_t len, const char *t)
{
    return has_token(normed, len, t, strlen(t));
}

/* Contract §2's seniority check of one entry: some alternative has all
 * its tokens in the title.  The expansions are written normalized
 * already (test_request_level checks norm(alt) == alt), so they are split
 * as they are. */
static int passes_entry(const char *normed, size_t len, const char *entry)
{
    const char *const *alts = ls_seniority_expansion(entry, strlen(entry));
    for (; alts && *alts; alts++) {
        int all = 1;
        for (const char *p = *alts; all && *p;) {
            size_t n = strcspn(p, " ");
            all = has_token(normed, len, p, n);
            p += n + (p[n] == ' ');
        }
        if (all)
            return 1;
    }
    return 0;
}

int ls_level_infer_normed(const char *normed, size_t len)
{
    if (!normed)
        len = 0;
    if (has(normed, len, "founder") || has(normed, len, "owner") || has(normed, len, "partner"))
        return LS_LEVEL_OWNER;
    if (passes_entry(normed, len, "chief") || passes_entry(normed, len, "c-lvl") ||
        (has(normed, len, "president") && !has(normed, len, "vp")))
        return LS_LEVEL_CXO;
    if (has(normed, len, "vp"))
        return LS_LEVEL_VP;
    if (has(normed, len, "head") || has(normed, len, "director"))
        return LS_LEVEL_DIRECTOR;
    if (has(normed, len, "manager"))
        return LS_LEVEL_EXPERIENCED_MANAGER;
    if (has(normed, len, "senior") || has(normed, len, "lead") || has(normed, len, "principal"))
        return LS_LEVEL_SENIOR;
    if (has(normed, len, "intern") || has(normed, len, "trainee") ||
        has(normed, len, "apprentice") || has(normed, len, "student"))
        return LS_LEVEL_IN_TRAINING;
    return LS_LEVEL_ENTRY;
}

ls_status ls_level_of_title(ls_normalizer *nz, const char *title, size_t len, int *level)
{
    if (level)
        *level = -1;
    if (!nz || !level || (!title && len))
        return LS_E_USAGE;
    size_t n;
    const char *normed = ls_normalizer_run(nz, title ? title : "", len, &n, NULL);
    if (!normed)
        return LS_E_NOMEM;
    *level = ls_level_infer_normed(normed, n);
    return LS_OK;
}
