/* The HTTP API of the page, as functions of a call (api.c): what the
 * server has checked (Host, Origin, token, size) is behind it, so the
 * handlers are tested without sockets.  Paths are relative to /TOKEN/:
 *
 *   GET  ""  "index.html" "app.js" "app.css"  the page
 *   GET  api/session          the leads, the request as loaded, the save target
 *   POST api/evaluate         body: a request; its errors, or the run's counts
 *                             (with ?show=&q=&offset=&limit=: and that page
 *                             of the table, as api/leads gives it)
 *   GET  api/leads            ?gen=N&show=&q=&offset=&limit=: a page of the table
 *   GET  api/lead             ?gen=N&i=K: lead K's explain record and object
 *   GET  api/insights         ?gen=N: the score (with labels), lint on the leads
 *   POST api/save             body: a request; written to the save target
 *   GET  api/suggest          ?gen=N: proposals (with labels): 200 with them,
 *                             202 while they are worked out (ask again)
 *
 * A gen that is no longer the latest edit answers 409 with the latest. */
#ifndef LS_SERVE_API_H
#define LS_SERVE_API_H
#include <stddef.h>
#include "serve.h"

/* Request bodies longer than this are refused (413): a request of 3,000
 * personas is about 300 KB. */
enum { LS_SRV_MAX_BODY = 4 << 20 };

typedef struct ls_srv_call {
    const char *method;
    const char *path;
    /* a query argument by name, or NULL */
    const char *(*arg)(void *user, const char *name);
    void *arg_user;
    const char *body;
    size_t body_len;
} ls_srv_call;

typedef struct ls_srv_reply {
    unsigned status;
    const char *type;          /* Content-Type */
    char *body;                /* malloc'd, or NULL with static_body */
    const unsigned char *static_body;
    size_t len;
} ls_srv_reply;

void ls_srv_handle(ls_srv *s, const ls_srv_call *call, ls_srv_reply *out);
void ls_srv_reply_free(ls_srv_reply *r);

#endif
