/* JSON support: string decoding, a small DOM for requests, and the
 * one-pass lead scanner that keeps every lead's original bytes. */
#ifndef LS_JSON_H
#define LS_JSON_H
#include <stddef.h>
#include <stdint.h>
#include "leadsieve.h"

typedef enum ls_jtype {
    LS_J_NONE = 0, /* absent */
    LS_J_NULL,
    LS_J_FALSE,
    LS_J_TRUE,
    LS_J_NUMBER,
    LS_J_STRING,
    LS_J_ARRAY,
    LS_J_OBJECT
} ls_jtype;

/* "absent", "null", "false", "true", "number", "string", "array", "object". */
const char *ls_jtype_label(ls_jtype t);

/* A raw value inside a JSON text.  For strings p/len are the bytes between
 * the quotes (escapes not decoded); for everything else the value's bytes
 * exactly as written. */
typedef struct ls_jval {
    const char *p;
    size_t len;
    ls_jtype type;
    uint8_t has_escape; /* string contains a backslash */
    uint8_t is_empty;   /* array/object without members */
} ls_jval;

/* Decodes a JSON string body (escapes, surrogate pairs) to UTF-8 in out,
 * which must hold at least len bytes (decoding never grows).  Lone
 * surrogate escapes are dropped; raw invalid UTF-8 bytes are copied as they
 * are (the normalizer drops them).  Sets LS_NORM_INVALID_UTF8 in *flags when
 * either happens.  Returns the decoded length. */
size_t ls_jstr_decode(const char *body, size_t len, char *out, unsigned *flags);
/* Writes code point cp as UTF-8 (1 to 4 bytes; a lone surrogate as its 3
 * bytes, which are not UTF-8) and returns how many. */
size_t ls_utf8_put(char *o, unsigned long cp);

/* ---- DOM (requests: small documents, exact number lexemes) ---- */

typedef struct ls_jnode ls_jnode;
struct ls_jnode {
    ls_jtype type;
    const char *str;   /* STRING: decoded, NUL-terminated; NUMBER: lexeme */
    size_t str_len;
    int bad_utf8;      /* STRING: LS_NORM_INVALID_UTF8 was set while decoding */
    size_t count;      /* ARRAY/OBJECT: number of children */
    ls_jnode **items;  /* ARRAY: elements; OBJECT: values */
    const char **keys; /* OBJECT: decoded keys, parallel to items */
};

typedef struct ls_jdoc ls_jdoc; /* owns every node and string */

typedef struct ls_jerror {
    size_t offset;     /* byte offset of the error */
    char message[128];
} ls_jerror;

/* Parses one JSON document (RFC 8259, plus NaN/Infinity/-Infinity as
 * Python's json reads them; duplicate keys: the last wins, kept at the first
 * key's position).  NULL on error with *err filled. */
ls_jdoc *ls_jdoc_parse(const char *text, size_t len, int max_depth, ls_jerror *err);
const ls_jnode *ls_jdoc_root(const ls_jdoc *doc);
void ls_jdoc_free(ls_jdoc *doc);
/* Member of an object by key; NULL when absent or node is not an object. */
const ls_jnode *ls_jnode_get(const ls_jnode *obj, const char *key);
/* NUMBER node written as an integer (no fraction, no exponent). */
int ls_jnode_is_int(const ls_jnode *n);

/* ---- leads ---- */

/* The lead fields leadsieve reads.  The scanner keeps the LAST occurrence
 * of each (as Python's json does). */
typedef enum ls_field {
    LS_F_JOB_TITLE = 0,
    LS_F_RAW_JOB_TITLE,
    LS_F_TITLE,
    LS_F_HEADLINE,
    LS_F_SALES_ID,
    LS_F_LINKEDIN_URL,
    LS_F_LINKEDIN_ID,
    LS_F_UNFORMATTED_FULL_NAME,
    LS_F_FULL_NAME,
    LS_F_JOB_STARTED_ON,
    LS_F_PROFILE_PHOTO,
    LS_F_STARTED_AT_POSITION,
    LS_F_COMPANY_WEBSITE,
    LS_F_LOCATION,
    LS_F_COMPANY_LOCATION,
    LS_F_COMPANY_HEADCOUNT_RANGE,
    LS_F_INDUSTRY,
    LS_F_JOBS,
    LS_F_LINKEDIN_COMPANY_ID,
    LS_F_COMPANY_ID,
    LS_F_COMPANY_URL,
    LS_F_COMPANY_NAME,
    LS_F_LINKEDIN_LEAD_PERSONA,
    /* v1 leads (addendum §1): read only when a field above is absent,
     * null or blank (ls_lead_read) */
    LS_F_LEAD_ID,
    LS_F_ID,
    LS_F_FIRST_NAME,
    LS_F_LAST_NAME,
    LS_F_COMPANY, /* the nested object; its members are looked up lazily */
    LS_F_WORK_HISTORY,
    LS_F_COMPANY_INDUSTRY,
    LS_F__COUNT
} ls_field;

/* Field name as it appears in JSON. */
const char *ls_field_name(ls_field f);

#define LS_LEAD_MAX_PERSONA_SLOTS 4

/* The members of a v1 lead's "company" object that ls_lead_read reads
 * (addendum §1). */
typedef enum ls_company_field {
    LS_CF_ID = 0,
    LS_CF_NAME,
    LS_CF_LINKEDIN_URL,
    LS_CF_DOMAIN,
    LS_CF_HEADCOUNT_RANGE,
    LS_CF_HEADCOUNT,
    LS_CF_LOCATION,
    LS_CF_HEADQUARTERS,
    LS_CF_INDUSTRY,
    LS_CF__COUNT
} ls_company_field;

/* The company field a raw (unescaped) key body names, or -1. */
int ls_company_field_of_key(const char *body, size_t len);

/* The members of a jobs[] entry that the filters read (contract §7). */
typedef enum ls_job_field {
    LS_JF_STILL_WORKING = 0,
    LS_JF_ENDED_ON,
    LS_JF_COMPANY_ID,
    LS_JF_COMPANY_NAME,
    LS_JF_COMPANY_URL,
    LS_JF_STARTED_ON,
    LS_JF_JOB_TITLE,
    LS_JF__COUNT
} ls_job_field;

/* The job field a raw (unescaped) key body names, or -1. */
int ls_job_field_of_key(const char *body, size_t len);

/* A value inside the lead, as an offset from ls_lead.raw: ls_jval's fields
 * in a quarter of the room, as a lead holds several of them per job. */
typedef struct ls_lead_val {
    uint32_t off, len;
    uint8_t type; /* ls_jtype; LS_J_NONE when absent */
    uint8_t has_escape, is_empty;
} ls_lead_val;

/* jobs[] entries recorded while the lead was scanned, so that filters on
 * them need no second walk over the bytes.  Leads with more object entries
 * than this, or an escaped key inside one, are walked instead. */
#define LS_LEAD_MAX_JOBS 8
typedef struct ls_lead_job {
    ls_lead_val f[LS_JF__COUNT];
} ls_lead_job;

/* A scanned lead object.  All pointers point into the scanned bytes. */
typedef struct ls_lead {
    const char *raw;     /* the object, '{' to '}' */
    size_t raw_len;
    ls_jval f[LS_F__COUNT];
    /* Every occurrence of "linkedin_lead_persona": offset (from raw) and
     * length of its VALUE bytes, so the writer can replace them in place. */
    uint32_t persona_off[LS_LEAD_MAX_PERSONA_SLOTS];
    uint32_t persona_len[LS_LEAD_MAX_PERSONA_SLOTS];
    unsigned persona_n;
    unsigned flags;      /* LS_LEAD_INVALID_UTF8 when any string or key has invalid UTF-8 */
    /* The object entries of the list ls_lead_read(LS_F_JOBS) reads (the
     * last "jobs", else a v1 lead's last "work_history"), when they were
     * recorded: 0 also when that list is absent or not an array; -1 when
     * not recorded (then walk the list).  Only jobs[0 .. jobs_n) are set. */
    int jobs_n;
    ls_lead_job jobs[LS_LEAD_MAX_JOBS];
    /* The members of the last "company" member that ls_lead_read reads
     * (the last occurrence of each), when company_rec is 1 and that member
     * is an object; 0: not recorded (then walk f[LS_F_COMPANY]). */
    int company_rec;
    ls_lead_val company[LS_CF__COUNT];
} ls_lead;

typedef struct ls_scan_error {
    size_t offset; /* from the start of the scanned text */
    ls_diag_kind kind; /* LS_DIAG_MALFORMED or LS_DIAG_LIMIT */
    char message[128];
} ls_scan_error;

/* The scanner's memory of the key tokens of the leads it read last, which
 * lets it skip parsing keys that repeat (a cache: results never depend on
 * it).  One per reading thread; NULL from new when memory runs out. */
typedef struct ls_js_shapes ls_js_shapes;
ls_js_shapes *ls_js_shapes_new(void);
void ls_js_shapes_free(ls_js_shapes *shapes);

/* Validates one JSON value starting at text[0] (no leading whitespace) and
 * returns its length in *value_len.  When it is an object, fills *lead.
 * Returns 1 for an object, 0 for another valid value, -1 on error (*err),
 * -2 when the text ends before the value does (need more input). */
int ls_scan_value(const char *text, size_t len, int max_depth, ls_lead *lead,
                  size_t *value_len, ls_scan_error *err);
/* ls_scan_value with the calling thread's key-token memory (may be NULL). */
int ls_scan_lead(const char *text, size_t len, int max_depth, ls_lead *lead, size_t *value_len,
                 ls_scan_error *err, ls_js_shapes *shapes);

/* Looks up any top-level member of a scanned lead by key (slow path: CSV
 * columns, label fields).  Returns 1 and *out when present (last wins). */
int ls_lead_get(const ls_lead *lead, const char *key, ls_jval *out);

/* Iterates the elements of an ARRAY value or the members of an OBJECT value
 * that has already been validated.  *pos starts at 0.  Returns 1 with the
 * next element (and its raw key body for objects, may be NULL), 0 at the end. */
int ls_jval_next(const ls_jval *container, size_t *pos, ls_jval *key, ls_jval *elem);
/* The next element of a validated ARRAY value that is an object, read in
 * one pass: member(user, key, value) is called for each of its members
 * (raw key body, as ls_jval_next gives it).  Elements that are not objects
 * are passed over.  *pos starts at 0.  Returns 1 per object, 0 at the end. */
typedef void (*ls_jval_member_fn)(void *user, const ls_jval *key, const ls_jval *val);
int ls_jval_next_object(const ls_jval *arr, size_t *pos, ls_jval_member_fn member,
                        void *user);
/* Member of a validated object value by key (last wins). */
int ls_jval_get(const ls_jval *obj, const char *key, ls_jval *out);
/* Whether a --fields name is a path into nested values: it holds '.' or
 * '['. */
int ls_jval_is_path(const char *name);
/* The value a path leads to inside a validated object: member names
 * separated by '.', array indexes as [N] ("company.name",
 * "jobs[0].job_title", "a[1][0]"); 1 with *out, 0 when it leads nowhere
 * (a member missing, an index past the end, a step into a value of the
 * wrong type, a path that is not one). */
int ls_jval_path(const ls_jval *obj, const char *path, ls_jval *out);

/* ---- v1 leads (contract addendum §1, v1.c) ---- */

struct ls_buf;
/* Absent, null, or a string of ASCII whitespace only (escapes decoded). */
int ls_jval_is_blank(const ls_jval *v);
/* The value a rule reads for the by_icp field f: the lead's own f when it
 * is not absent, null or blank, else the first of its v1 counterparts
 * that is not (lead_id, id; first_name + " " + last_name; company.id,
 * .name, .linkedin_url, .domain, .headcount_range, .headcount, .location,
 * .headquarters; work_history), else the own value (maybe absent);
 * company.id stands for company_id and linkedin_company_id only when the
 * lead has neither.  For
 * jobs an empty list counts as blank.  LS_F_COMPANY_INDUSTRY reads
 * company.industry, else company_industry, else industry.  Returns the
 * name of what was read ("company_name", "company.name"), NULL when the
 * lead has neither.  A full name made of both parts is a raw string body
 * in scratch (which must then outlive *out; may be NULL for other
 * fields). */
const char *ls_lead_read(const ls_lead *lead, ls_field f, struct ls_buf *scratch, ls_jval *out);
/* ls_lead_read with a cache of the lead's company members, so that a lead
 * read several times walks its company object once: zero it (or set
 * loaded to 0) before the first read of each lead. */
#define LS_V1_COMPANY_MEMBERS LS_CF__COUNT
typedef struct ls_v1_cache {
    int loaded;
    ls_jval m[LS_V1_COMPANY_MEMBERS];
} ls_v1_cache;
const char *ls_lead_read_cached(const ls_lead *lead, ls_field f, struct ls_buf *scratch,
                                ls_v1_cache *cache, ls_jval *out);
/* Whether ls_lead_read can read something other than f itself. */
int ls_field_has_v1(ls_field f);
/* The field a decoded top-level key names, or -1. */
int ls_field_of_name(const char *name, size_t len);

#endif
