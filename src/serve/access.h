/* Who may use the server (access.c): a page on another site, or a DNS
 * name an attacker points at 127.0.0.1, must not be able to read leads or
 * write the save target.  Every request must
 *   - name this server in Host (127.0.0.1:PORT or localhost:PORT, or the
 *     --host given): a rebound DNS name sends its own name;
 *   - when it carries Origin, come from this server's origin, and not be
 *     a cross-site fetch (Sec-Fetch-Site);
 *   - start its path with the session's random token (/TOKEN/...), which
 *     only the printed URL holds.
 * Pure functions, tested without sockets. */
#ifndef LS_SERVE_ACCESS_H
#define LS_SERVE_ACCESS_H
#include <stddef.h>

enum { LS_SRV_TOKEN_LEN = 43 }; /* 256 random bits, base64url without padding */

typedef struct ls_srv_access {
    char token[LS_SRV_TOKEN_LEN + 1];
    char hosts[4][280]; /* the names Host may carry, with ":PORT" */
    size_t nhosts;
    char origins[4][300]; /* http://NAME:PORT */
} ls_srv_access;

/* A new random token (getrandom); 0, or -1 when the system has no
 * randomness to give. */
int ls_srv_access_init(ls_srv_access *a);
/* Adds a name this server answers to (an IPv6 address gets its
 * brackets); 0, or -1 when the name is too long or four are there. */
int ls_srv_access_allow(ls_srv_access *a, const char *name, unsigned port);

/* Each returns 1 when the header (NULL: absent) is acceptable. */
int ls_srv_host_ok(const ls_srv_access *a, const char *host);
int ls_srv_origin_ok(const ls_srv_access *a, const char *origin);
int ls_srv_fetch_site_ok(const char *sec_fetch_site);
/* The path after "/TOKEN/" when url starts with it (constant time in the
 * token), else NULL.  "/TOKEN" alone gives NULL: the page is at "/TOKEN/". */
const char *ls_srv_token_path(const ls_srv_access *a, const char *url);

/* The headers every response carries: a Content-Security-Policy that lets
 * the page load only its own script and style and talk only to this
 * server, no framing, no referrer, no caching, no type sniffing.
 * NULL-terminated name/value pairs. */
extern const char *const ls_srv_security_headers[];

#endif
