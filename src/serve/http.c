/* The server: libmicrohttpd with a thread per connection (an edit's
 * request waits for its run while the page keeps asking for other
 * things), bound to the loopback address unless a host was given.  Each
 * request is checked before its body is read (access.h): Host, Origin,
 * Sec-Fetch-Site, the token, the method and the body's size; then the
 * body is collected up to LS_SRV_MAX_BODY and the call handed to the API
 * (api.h). */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <microhttpd.h>
#include "access.h"
#include "api.h"
#include "buf.h"
#include "http.h"

struct ls_srv_http {
    ls_srv *s;
    struct MHD_Daemon *d;
    ls_srv_access access;
    unsigned port;
    char url[400];
};

typedef struct conn {
    ls_buf body;
    int too_big;
} conn;

static enum MHD_Result send_reply(struct MHD_Connection *c, const ls_srv_reply *r)
{
    struct MHD_Response *resp;
    if (r->static_body)
        resp = MHD_create_response_from_buffer(r->len, (void *)r->static_body,
                                               MHD_RESPMEM_PERSISTENT);
    else
        resp = MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    for (const char *const *h = ls_srv_security_headers; *h; h += 2)
        MHD_add_response_header(resp, h[0], h[1]);
    if (r->type)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->type);
    enum MHD_Result ok = MHD_queue_response(c, r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

static enum MHD_Result refuse(struct MHD_Connection *c, unsigned status, const char *why)
{
    char body[256];
    snprintf(body, sizeof body, "{\"error\": \"%s\"}", why); /* why: our own words */
    ls_srv_reply r = {status, "application/json; charset=utf-8", body, NULL, strlen(body)};
    return send_reply(c, &r);
}

static const char *header(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* Everything that can be said before the body is read: 0 to go on, else
 * the status to refuse with (*why says why). */
static unsigned check(const ls_srv_http *h, struct MHD_Connection *c, const char *url,
                      const char *method, const char **why)
{
    if (!ls_srv_host_ok(&h->access, header(c, MHD_HTTP_HEADER_HOST))) {
        *why = "this server answers to its own address only (Host)";
        return 421;
    }
    if (!ls_srv_origin_ok(&h->access, header(c, "Origin")) ||
        !ls_srv_fetch_site_ok(header(c, "Sec-Fetch-Site"))) {
        *why = "requests from other sites are refused";
        return 403;
    }
    if (!ls_srv_token_path(&h->access, url)) {
        *why = "not found: open the address leadsieve serve printed";
        return 404;
    }
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
        strcmp(method, "POST") != 0) {
        *why = "method not allowed";
        return 405;
    }
    const char *length = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (length && strtoull(length, NULL, 10) > LS_SRV_MAX_BODY) {
        *why = "the request body is too large";
        return 413;
    }
    return 0;
}

typedef struct args {
    struct MHD_Connection *c;
} args;

static const char *get_arg(void *user, const char *name)
{
    return MHD_lookup_connection_value(((args *)user)->c, MHD_GET_ARGUMENT_KIND, name);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    ls_srv_http *h = cls;
    conn *st = *con_cls;
    if (!st) {
        const char *why = NULL;
        unsigned status = check(h, c, url, method, &why);
        if (status)
            return refuse(c, status, why); /* before any of the body is read */
        if (!(st = calloc(1, sizeof *st)))
            return MHD_NO;
        *con_cls = st;
        return MHD_YES;
    }
    if (*upload_size) {
        if (!st->too_big && st->body.len + *upload_size > LS_SRV_MAX_BODY) {
            st->too_big = 1; /* sent without a length: read to its end, kept no more */
            ls_buf_free(&st->body);
        }
        if (!st->too_big && ls_buf_append(&st->body, upload, *upload_size) != 0)
            return MHD_NO;
        *upload_size = 0;
        return MHD_YES;
    }
    if (st->too_big)
        return refuse(c, 413, "the request body is too large");
    args a = {c};
    ls_srv_call call = {method, ls_srv_token_path(&h->access, url), get_arg, &a,
                        st->body.data, st->body.len};
    ls_srv_reply r;
    ls_srv_handle(h->s, &call, &r);
    enum MHD_Result ok = send_reply(c, &r);
    ls_srv_reply_free(&r);
    return ok;
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
                    enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    conn *st = *con_cls;
    if (st) {
        ls_buf_free(&st->body);
        free(st);
        *con_cls = NULL;
    }
}

/* Whether addr is the any-address (0.0.0.0 or ::). */
static int is_wildcard(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return ((const struct sockaddr_in *)sa)->sin_addr.s_addr == htonl(INADDR_ANY);
    return sa->sa_family == AF_INET6 &&
           memcmp(&((const struct sockaddr_in6 *)sa)->sin6_addr, &in6addr_any,
                  sizeof in6addr_any) == 0;
}

/* The names the server answers to and the address it prints. */
static int names(ls_srv_http *h, const char *host, const struct sockaddr *sa, char *why,
                 size_t whylen)
{
    unsigned p = h->port;
    const char *shown = host ? host : "127.0.0.1";
    char me[256] = "";
    int bad = 0;
    if (!host) {
        bad = ls_srv_access_allow(&h->access, "127.0.0.1", p) ||
              ls_srv_access_allow(&h->access, "localhost", p);
    } else if (is_wildcard(sa)) {
        /* every address of the machine: it is reached by its name */
        if (gethostname(me, sizeof me - 1) != 0 || !me[0])
            snprintf(me, sizeof me, "localhost");
        shown = me;
        bad = ls_srv_access_allow(&h->access, me, p) ||
              ls_srv_access_allow(&h->access, "127.0.0.1", p) ||
              ls_srv_access_allow(&h->access, "localhost", p);
    } else {
        bad = ls_srv_access_allow(&h->access, host, p);
    }
    int v6 = strchr(shown, ':') != NULL;
    int n = snprintf(h->url, sizeof h->url, "http://%s%s%s:%u/%s/", v6 ? "[" : "", shown,
                     v6 ? "]" : "", p, h->access.token);
    if (bad || n < 0 || (size_t)n >= sizeof h->url) {
        snprintf(why, whylen, "the host name is too long");
        return -1;
    }
    return 0;
}

int ls_srv_http_start(ls_srv *s, const char *host, unsigned port, ls_srv_http **out, char *why,
                      size_t whylen)
{
    *out = NULL;
    ls_srv_http *h = calloc(1, sizeof *h);
    if (!h) {
        snprintf(why, whylen, "out of memory");
        return -1;
    }
    h->s = s;
    if (ls_srv_access_init(&h->access) != 0) {
        snprintf(why, whylen, "no random token could be made (getrandom failed)");
        free(h);
        return -1;
    }
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    struct addrinfo hints, *ai = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    hints.ai_socktype = SOCK_STREAM;
    char service[16];
    snprintf(service, sizeof service, "%u", port);
    int rc = getaddrinfo(host ? host : "127.0.0.1", service, &hints, &ai);
    if (rc != 0 || !ai || ai->ai_addrlen > sizeof ss) {
        snprintf(why, whylen, "--host %s: not an IP address (%s)", host ? host : "",
                 rc ? gai_strerror(rc) : "none");
        if (ai)
            freeaddrinfo(ai);
        free(h);
        return -1;
    }
    memcpy(&ss, ai->ai_addr, ai->ai_addrlen);
    int v6 = ai->ai_family == AF_INET6;
    freeaddrinfo(ai);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION;
    if (v6)
        flags |= MHD_USE_IPv6;
    h->d = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, on_request, h,
                            MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
                            MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL,
                            MHD_OPTION_CONNECTION_LIMIT, (unsigned)64,
                            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)300,
                            MHD_OPTION_END);
    if (!h->d) {
        snprintf(why, whylen, "cannot listen on %s port %u (in use?)",
                 host ? host : "127.0.0.1", port);
        free(h);
        return -1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
    h->port = info ? info->port : port;
    if (names(h, host, (const struct sockaddr *)&ss, why, whylen) != 0) {
        ls_srv_http_stop(h);
        return -1;
    }
    *out = h;
    return 0;
}

unsigned ls_srv_http_port(const ls_srv_http *h)
{
    return h->port;
}

const char *ls_srv_http_url(const ls_srv_http *h)
{
    return h->url;
}

const char *ls_srv_http_token(const ls_srv_http *h)
{
    return h->access.token;
}

void ls_srv_http_stop(ls_srv_http *h)
{
    if (!h)
        return;
    if (h->d)
        MHD_stop_daemon(h->d);
    free(h);
}
