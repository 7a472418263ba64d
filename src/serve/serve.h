/* `leadsieve serve`: a local web page to edit a request against leads held
 * in memory.  This module is a client of the public API (include/) like
 * the CLI: a session (the leads, the request as loaded, every edit's
 * results), its HTTP API (api.h, testable without sockets) and the server
 * that carries it (libmicrohttpd, http.c).  It never prints and opens no
 * file: the CLI reads the inputs and gives the save function. */
#ifndef LS_SERVE_H
#define LS_SERVE_H
#include <stddef.h>
#include "leadsieve.h"

typedef struct ls_srv ls_srv;

/* Writes the edited request text to the save target, atomically; 0, or -1
 * with a one-line reason in why. */
typedef int (*ls_srv_save_fn)(void *user, const char *text, size_t len, char *why,
                              size_t whylen);

/* What proposals are worked out from: an edit's request (compiled, and
 * its text), the leads and the session's labels (fixed for the session). */
typedef struct ls_srv_suggest_in {
    const ls_request *req;
    const char *text;
    size_t len;
    const ls_leads *leads;
    const char *labels_name;  /* a labels table, or NULL */
    const char *labels_text;
    size_t labels_len;
    const char *label_field;  /* labels from a lead field, or NULL */
    /* non-zero when a newer edit made this computation useless: the
     * source returns LS_E_CANCELLED as soon as it can */
    int (*stop)(void *stop_user);
    void *stop_user;
} ls_srv_suggest_in;

/* Proposals for a request: *json (release with free) is {"proposals":
 * [{"title", "detail", "request", ...}], ...}, each request a full request
 * text the page can apply in one click.  Called on a thread of its own,
 * one computation at a time. */
typedef ls_status (*ls_srv_suggest_fn)(void *user, const ls_srv_suggest_in *in, char **json);

/* The proposals of `leadsieve suggest` (ls_persona_suggest): the first
 * LS_SRV_PROPOSALS edits it chooses, proposal k holding edits 1..k, each
 * with its score gain on the labeled leads.  user is unused. */
enum { LS_SRV_PROPOSALS = 10 };
ls_status ls_srv_suggest_personas(void *user, const ls_srv_suggest_in *in, char **json);

typedef struct ls_srv_config {
    const char *request_name; /* as given, shown on the page */
    const char *request_text; /* the request as loaded: the diff's baseline */
    size_t request_len;
    ls_compile_options copt;  /* for every edit */
    const char *labels_name;  /* a labels table (score), or NULL */
    const char *labels_text;
    size_t labels_len;
    const char *label_field;  /* labels from a lead field, or NULL */
    const char *const *inputs; /* the lead inputs as given (shown) */
    size_t ninputs;
    int threads;              /* for each re-run; <= 1: one */
    const char *save_path;    /* shown on the page */
    ls_srv_save_fn save;
    void *save_user;
    ls_srv_suggest_fn suggest; /* NULL: no proposals */
    void *suggest_user;
} ls_srv_config;

/* A session over leads (borrowed: they must outlive it): the loaded request
 * run once as the baseline and each lead's title kept for the table.  0,
 * or -1 with why (the request is invalid, memory). */
int ls_srv_new(const ls_srv_config *cfg, const ls_leads *leads, ls_srv **out, char *why,
               size_t whylen);
void ls_srv_free(ls_srv *s);

/* Milliseconds the start took: reading the titles, the baseline run. */
double ls_srv_start_ms(const ls_srv *s);
/* Milliseconds since some fixed point (a monotonic clock). */
double ls_srv_now_ms(void);

#endif
