/* What a record is (contract §5a): a lead, a response holding leads, or a
 * file that is not leads (a request, a saved error envelope, a document
 * leadsieve wrote). */
#ifndef LS_READERS_RECORDS_H
#define LS_READERS_RECORDS_H
#include "json/json.h"

typedef enum ls_record_kind {
    LS_REC_LEAD = 0,
    LS_REC_RESPONSE,       /* *leads is the value of its "leads" member */
    LS_REC_ERROR_ENVELOPE, /* {"status": "error", "status_code": …} */
    LS_REC_REQUEST,        /* request fields and no lead field */
    LS_REC_OWN_DOCUMENT    /* a "leadsieve" member and no lead field */
} ls_record_kind;

/* The kind of the scanned object L.  An object that holds a lead field the
 * scanner records is a lead at no cost; the others are walked once. */
ls_record_kind ls_record_classify(const ls_lead *L, ls_jval *leads);

/* The warning for a record of a kind that is skipped. */
const char *ls_record_kind_message(ls_record_kind kind);

#endif
