/* The HTTP server carrying the page and its API (http.c). */
#ifndef LS_SERVE_HTTP_H
#define LS_SERVE_HTTP_H
#include "serve.h"

typedef struct ls_srv_http ls_srv_http;

/* Listens on host (a numeric IPv4 or IPv6 address; NULL: 127.0.0.1) and
 * port (0: a free one) with a new random token; 0, or -1 with why.  An
 * any-address (0.0.0.0, ::) is reached by the machine's name, which the
 * URL then holds. */
int ls_srv_http_start(ls_srv *s, const char *host, unsigned port, ls_srv_http **out, char *why,
                      size_t whylen);
unsigned ls_srv_http_port(const ls_srv_http *h);
/* http://HOST:PORT/TOKEN/: the page, the one address that opens it. */
const char *ls_srv_http_url(const ls_srv_http *h);
const char *ls_srv_http_token(const ls_srv_http *h);
/* Stops accepting, waits for the connections' threads, frees h. */
void ls_srv_http_stop(ls_srv_http *h);

#endif
