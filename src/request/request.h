/* What the other modules read of a compiled request beyond the public
 * accessors of leadsieve.h: its filters and its persona keywords as
 * written. */
#ifndef LS_REQUEST_REQUEST_H
#define LS_REQUEST_REQUEST_H
#include <stddef.h>
#include "leadsieve.h"
#include "request/filters.h"

/* Whether the request applies this filter (given and non-empty). */
int ls_request_has_filter(const ls_request *req, int filter_id);

/* The three keyword lists of a persona tuple (§2). */
typedef enum ls_keyword_kind {
    LS_KW_FUNCTIONS = 1,
    LS_KW_SENIORITIES = 2,
    LS_KW_PROHIBITS = 3
} ls_keyword_kind;

/* Persona keywords as written in the request, for explain and lint; NULL
 * when out of range. */
size_t ls_request_keyword_count(const ls_request *req, size_t persona, ls_keyword_kind kind);
const char *ls_request_keyword(const ls_request *req, size_t persona, ls_keyword_kind kind,
                               size_t j);
/* Alternatives of a seniority entry after expansion (the entry itself when
 * it has no expansion). */
size_t ls_request_alternative_count(const ls_request *req, size_t persona, size_t entry);
const char *ls_request_alternative(const ls_request *req, size_t persona, size_t entry,
                                   size_t alt);

#endif
