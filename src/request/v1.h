/* The v1 reading of a request (contract addendum §2): which fields make a
 * request v1, which each search mode accepts, and the v1 validation and
 * build steps that ls_request_compile calls. */
#ifndef LS_REQUEST_V1_H
#define LS_REQUEST_V1_H
#include "request/request_int.h"

/* Every field a by_icp request may have (contract §3). */
extern const char *const ls_by_icp_fields[];
extern const size_t ls_by_icp_field_count;
/* The fields only v1 requests have: one of them makes a request v1. */
extern const char *const ls_v1_only_fields[];
extern const size_t ls_v1_only_field_count;
/* Every field a v1 request may have: the shared fields first
 * (ls_v1_shared_field_count of them), then the realtime-only ones. */
extern const char *const ls_v1_fields[];
extern const size_t ls_v1_field_count, ls_v1_shared_field_count;
/* Fields accepted and named, never evaluated offline. */
extern const char *const ls_v1_not_evaluated_fields[];
extern const size_t ls_v1_not_evaluated_count;

/* 1 when root (an object) has a field only v1 requests have. */
int ls_request_json_is_v1(const ls_jnode *root);
/* 1 when key is a v1 field accepted only by the realtime search. */
int ls_v1_field_is_realtime_only(const char *key);
int ls_v1_field_is_known(const char *key);
/* 1 when key is one of ls_v1_only_fields. */
int ls_v1_field_is_v1_only(const char *key);
int ls_by_icp_field_is_known(const char *key);

/* Every problem of a v1 request into errs (as ls_request_validate). */
int ls_request_validate_v1(const ls_jnode *root, ls_search_mode mode, ls_normalizer *nz,
                           const ls_patterns *pat, pcre2_match_data *md, ls_problems *errs);

#endif
