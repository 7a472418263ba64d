/* Company headcount buckets (contract §3): the eight values a request may
 * name, and the bucket a lead's company_headcount_range falls in, however
 * the data writes it (the API's forms, LinkedIn's, or a number). */
#include <string.h>
#include "request/request_int.h"

const char *const ls_headcount_values[LS_HEADCOUNT_BUCKETS] = {
    "1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001-10000", "10 000+"};

/* Upper bound of each bucket but the last; bucket 0 starts at 1. */
static const unsigned long upper[LS_HEADCOUNT_BUCKETS - 1] = {10,   50,   200,  500,
                                                             1000, 5000, 10000};

/* Other spellings of a bucket, compared once commas are removed: LinkedIn's
 * smallest bucket and the API's own form of the largest ("1" is a count). */
static const struct {
    const char *text;
    int bucket;
} aliases[] = {{"2-10", 0}, {"10001+", LS_HEADCOUNT_BUCKETS - 1}};

/* The bucket of a count of employees written as ASCII digits, commas
 * skipped; -1 for 0 or when anything else is there. */
static int bucket_of_digits(const char *s, size_t len)
{
    unsigned long n = 0;
    size_t significant = 0, digits = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ',')
            continue;
        if (s[i] < '0' || s[i] > '9')
            return -1;
        digits++;
        if (significant == 0 && s[i] == '0')
            continue; /* leading zeros: the same number */
        if (++significant <= 6)
            n = n * 10 + (unsigned long)(s[i] - '0');
    }
    if (digits == 0 || n == 0)
        return -1; /* 0 employees: no bucket */
    if (significant > 6)
        return LS_HEADCOUNT_BUCKETS - 1;
    for (int b = 0; b < LS_HEADCOUNT_BUCKETS - 1; b++)
        if (n <= upper[b])
            return b;
    return LS_HEADCOUNT_BUCKETS - 1;
}

int ls_headcount_bucket_of_text(const char *s, size_t len)
{
    int b = bucket_of_digits(s, len);
    if (b >= 0)
        return b;
    /* Commas are thousands separators ("501-1,000", "10,001+"); a text
     * longer than every form once they are gone is no bucket. */
    char t[16];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ',')
            continue;
        if (n == sizeof t)
            return -1;
        t[n++] = s[i];
    }
    for (b = 0; b < LS_HEADCOUNT_BUCKETS; b++)
        if (strlen(ls_headcount_values[b]) == n && memcmp(ls_headcount_values[b], t, n) == 0)
            return b;
    for (size_t a = 0; a < sizeof aliases / sizeof *aliases; a++)
        if (strlen(aliases[a].text) == n && memcmp(aliases[a].text, t, n) == 0)
            return aliases[a].bucket;
    return -1;
}

int ls_headcount_bucket_of_number(const char *lexeme, size_t len)
{
    /* A JSON integer only: a fraction or an exponent is not a count of
     * employees, and a negative number (or -0) has no bucket. */
    if (len > 0 && lexeme[0] == '-')
        return -1;
    for (size_t i = 0; i < len; i++)
        if (lexeme[i] < '0' || lexeme[i] > '9')
            return -1;
    return bucket_of_digits(lexeme, len);
}
