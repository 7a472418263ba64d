/* The lead fields the scanner records: their names, and the lookup from a
 * key to its field that the scanner (both instruction-set copies of its
 * fast path too) does once per member. */
#include <stddef.h>
#include "json/json.h"
#include "json/json_internal.h"

/* Field names with their lengths (a key is compared only when its length
 * is right). */
#define LS_FIELD(name) {name, sizeof name - 1}
static const struct {
    const char *name;
    unsigned char len;
} fields[LS_F__COUNT] = {
    [LS_F_JOB_TITLE] = LS_FIELD("job_title"),
    [LS_F_RAW_JOB_TITLE] = LS_FIELD("raw_job_title"),
    [LS_F_TITLE] = LS_FIELD("title"),
    [LS_F_HEADLINE] = LS_FIELD("headline"),
    [LS_F_SALES_ID] = LS_FIELD("sales_id"),
    [LS_F_LINKEDIN_URL] = LS_FIELD("linkedin_url"),
    [LS_F_LINKEDIN_ID] = LS_FIELD("linkedin_id"),
    [LS_F_UNFORMATTED_FULL_NAME] = LS_FIELD("unformatted_full_name"),
    [LS_F_FULL_NAME] = LS_FIELD("full_name"),
    [LS_F_JOB_STARTED_ON] = LS_FIELD("job_started_on"),
    [LS_F_PROFILE_PHOTO] = LS_FIELD("profile_photo"),
    [LS_F_STARTED_AT_POSITION] = LS_FIELD("started_at_position"),
    [LS_F_COMPANY_WEBSITE] = LS_FIELD("company_website"),
    [LS_F_LOCATION] = LS_FIELD("location"),
    [LS_F_COMPANY_LOCATION] = LS_FIELD("company_location"),
    [LS_F_COMPANY_HEADCOUNT_RANGE] = LS_FIELD("company_headcount_range"),
    [LS_F_INDUSTRY] = LS_FIELD("industry"),
    [LS_F_JOBS] = LS_FIELD("jobs"),
    [LS_F_LINKEDIN_COMPANY_ID] = LS_FIELD("linkedin_company_id"),
    [LS_F_COMPANY_ID] = LS_FIELD("company_id"),
    [LS_F_COMPANY_URL] = LS_FIELD("company_url"),
    [LS_F_COMPANY_NAME] = LS_FIELD("company_name"),
    [LS_F_LINKEDIN_LEAD_PERSONA] = LS_FIELD("linkedin_lead_persona"),
    [LS_F_LEAD_ID] = LS_FIELD("lead_id"),
    [LS_F_ID] = LS_FIELD("id"),
    [LS_F_FIRST_NAME] = LS_FIELD("first_name"),
    [LS_F_LAST_NAME] = LS_FIELD("last_name"),
    [LS_F_COMPANY] = LS_FIELD("company"),
    [LS_F_WORK_HISTORY] = LS_FIELD("work_history"),
    [LS_F_COMPANY_INDUSTRY] = LS_FIELD("company_industry"),
};
#undef LS_FIELD

const char *ls_field_name(ls_field f)
{
    return (unsigned)f < LS_F__COUNT ? fields[f].name : NULL;
}

/* Decoded key -> field, or -1.  (length + 7 * first byte + 9 * last byte)
 * mod 128 is different for every field name (checked in
 * tests/test_json_scan.c), so a key costs one table load and one
 * comparison, without a branch on its length that the CPU cannot predict. */
static const unsigned char field_by_hash[128] = {
    [3] = LS_F_LINKEDIN_ID + 1, [4] = LS_F_PROFILE_PHOTO + 1, [6] = LS_F_COMPANY_INDUSTRY + 1,
    [10] = LS_F_LAST_NAME + 1, [11] = LS_F_LINKEDIN_COMPANY_ID + 1, [12] = LS_F_COMPANY_URL + 1,
    [14] = LS_F_WORK_HISTORY + 1, [22] = LS_F_STARTED_AT_POSITION + 1,
    [35] = LS_F_COMPANY_LOCATION + 1, [40] = LS_F_INDUSTRY + 1, [49] = LS_F_SALES_ID + 1,
    [56] = LS_F_RAW_JOB_TITLE + 1, [62] = LS_F_TITLE + 1, [67] = LS_F_COMPANY_ID + 1,
    [76] = LS_F_LINKEDIN_URL + 1, [78] = LS_F_COMPANY_NAME + 1, [81] = LS_F_COMPANY_WEBSITE + 1,
    [82] = LS_F_JOB_STARTED_ON + 1, [85] = LS_F_UNFORMATTED_FULL_NAME + 1,
    [89] = LS_F_COMPANY_HEADCOUNT_RANGE + 1, [90] = LS_F_LOCATION + 1,
    [96] = LS_F_FULL_NAME + 1, [97] = LS_F_FIRST_NAME + 1, [101] = LS_F_ID + 1,
    [109] = LS_F_HEADLINE + 1, [114] = LS_F_LINKEDIN_LEAD_PERSONA + 1, [117] = LS_F_JOBS + 1,
    [124] = LS_F_JOB_TITLE + 1, [125] = LS_F_COMPANY + 1, [127] = LS_F_LEAD_ID + 1,
};

static int field_lookup(const char *k, size_t n)
{
    if (n < 2 || n > 23)
        return -1;
    unsigned h = ((unsigned)n + (unsigned char)k[0] * 7u + (unsigned char)k[n - 1] * 9u) & 127u;
    int f = (int)field_by_hash[h] - 1;
    if (f < 0 || fields[f].len != n)
        return -1;
    return ls_js_eq_short(k, fields[f].name, n) ? f : -1;
}

int ls_field_of_name(const char *name, size_t len)
{
    return field_lookup(name, len);
}

int ls_job_field_of_key(const char *k, size_t n)
{
    return ls_js_job_field(k, n);
}

int ls_company_field_of_key(const char *k, size_t n)
{
    return ls_js_company_field(k, n);
}

/* Field of a raw key body; keys with escapes are decoded first (a known
 * name is at most 23 bytes, so at most 23 * 6 escaped). */
int ls_js_field_of_key(const char *body, size_t len, int has_escape)
{
    if (!has_escape)
        return field_lookup(body, len);
    if (len > 23 * 6)
        return -1;
    char tmp[23 * 6];
    unsigned fl = 0;
    size_t n = ls_jstr_decode(body, len, tmp, &fl);
    return field_lookup(tmp, n);
}

/* The top-level fields of a lead in the API's responses: the default CSV
 * columns first (the likeliest meant when two names are equally close),
 * then the rest of the documentation's example lead in its order, then
 * the lead fields the contract reads that the example lacks. */
static const char *const api_lead_fields[] = {
    /* the default CSV columns (the persona's last: "linkedin" means the URL) */
    "full_name", "job_title", "company_name", "location", "linkedin_url", "sales_id",
    "linkedin_lead_persona",
    /* the documentation's example lead */
    "certifications", "company_city", "company_country", "company_description",
    "company_headcount_range", "company_id", "company_image", "company_industry",
    "company_location", "company_state", "company_url", "company_website", "educations",
    "first_name", "headline", "industry", "is_full_data", "is_job_seeker", "is_openlink",
    "is_premium", "is_retired", "job_description", "job_ended_on", "job_location",
    "job_started_on", "job_still_working", "jobs", "languages", "last_name",
    "linkedin_company_id", "linkedin_id", "linkedin_sales_link", "location_city",
    "location_country", "location_county", "location_state", "middle_name",
    "num_of_connections", "private_website", "profile_photo", "raw_company_name",
    "raw_headline", "raw_job_title", "skills", "summary", "twitter_link",
    "unformatted_full_name",
    /* read by the contract (titles, lead fields of §5a, filter_empty_vars) */
    "title", "started_at_position", "lead_id", "id",
    /* v1 leads (addendum §1) */
    "company", "work_history"};

const char *const *ls_lead_field_names(size_t *count)
{
    if (count)
        *count = sizeof api_lead_fields / sizeof *api_lead_fields;
    return api_lead_fields;
}
