#include <string.h>
/* Read-only accessors of a compiled request (include/leadsieve.h). */
#include "request/request.h"
#include "request/request_int.h"

const ls_problems *ls_request_warnings(const ls_request *req)
{
    return req ? req->warnings : NULL;
}

size_t ls_request_not_evaluated_count(const ls_request *req)
{
    return req ? req->nnot_evaluated : 0;
}

const char *ls_request_not_evaluated(const ls_request *req, size_t i)
{
    return req && i < req->nnot_evaluated ? req->not_evaluated[i] : NULL;
}

size_t ls_request_persona_count(const ls_request *req)
{
    return req ? req->npersonas : 0;
}

const char *ls_request_persona_name(const ls_request *req, size_t i)
{
    return req && i < req->npersonas ? req->personas[i].name : NULL;
}

size_t ls_request_persona_rank(const ls_request *req, size_t i)
{
    return req && i < req->npersonas ? req->personas[i].rank : 0;
}

const char *ls_request_persona_priority(const ls_request *req, size_t i)
{
    return req && i < req->npersonas ? req->personas[i].priority : NULL;
}

long ls_request_limit(const ls_request *req)
{
    return req ? req->limit : -1;
}

int ls_request_warning_rule(const ls_request *req, size_t i)
{
    if (!req || i >= ls_problems_count(req->warnings))
        return -1;
    return req->warning_rules[i];
}

long ls_request_offset(const ls_request *req)
{
    return req ? req->v1.offset : 0;
}

ls_request_api ls_request_api_of(const ls_request *req)
{
    return req ? req->v1.api : LS_REQUEST_API_BY_ICP;
}

ls_search_mode ls_request_search_mode(const ls_request *req)
{
    return req ? req->v1.mode : LS_SEARCH_REALTIME;
}

ls_match_mode ls_request_match_mode(const ls_request *req)
{
    return req ? req->mode : LS_MATCH_DOCUMENTED;
}

int ls_request_has_filter(const ls_request *req, int filter_index)
{
    if (!req || filter_index < 0 || filter_index >= LS_FILTER__COUNT)
        return 0;
    return (int)((req->has_filter >> filter_index) & 1u);
}

size_t ls_request_keyword_count(const ls_request *req, size_t persona, ls_keyword_kind kind)
{
    if (!req || persona >= req->npersonas)
        return 0;
    const ls_persona *p = &req->personas[persona];
    switch (kind) {
    case LS_KW_FUNCTIONS:
        return p->nfns;
    case LS_KW_SENIORITIES:
        return p->nsens;
    case LS_KW_PROHIBITS:
        return p->npros;
    }
    return 0;
}

const char *ls_request_keyword(const ls_request *req, size_t persona, ls_keyword_kind kind,
                               size_t j)
{
    if (j >= ls_request_keyword_count(req, persona, kind))
        return NULL;
    const ls_persona *p = &req->personas[persona];
    return kind == LS_KW_FUNCTIONS     ? p->fns[j].raw
           : kind == LS_KW_SENIORITIES ? p->sens[j].raw
                                       : p->pros[j].raw;
}

size_t ls_request_alternative_count(const ls_request *req, size_t persona, size_t entry)
{
    if (entry >= ls_request_keyword_count(req, persona, 2))
        return 0;
    return req->personas[persona].sens[entry].nalts;
}

const char *ls_request_alternative(const ls_request *req, size_t persona, size_t entry,
                                   size_t alt)
{
    if (alt >= ls_request_alternative_count(req, persona, entry))
        return NULL;
    return req->personas[persona].sens[entry].alts[alt].text;
}

void ls_compile_options_init(ls_compile_options *opt)
{
    if (opt)
        memset(opt, 0, sizeof *opt); /* documented matching, as of today */
}
