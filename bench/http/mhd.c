/* libmicrohttpd, set up as serve sets it up: a thread per connection,
 * loopback only, at most 64 connections; requests checked from their
 * headers before the body is read. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <unistd.h>
#include <microhttpd.h>
#include "common.h"

typedef struct {
    char *body;
    size_t len;
    int too_big;
} upload;

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, char *body, size_t len)
{
    struct MHD_Response *r =
        body ? MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE)
             : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, JSON);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    enum MHD_Result ok = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *data, size_t *size, void **state)
{
    (void)cls, (void)version;
    int post = strcmp(method, "POST") == 0;
    if (!*state) { /* headers only, nothing of the body read yet; refused here,
                    * the connection is closed after the answer */
        if (!host_ok(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host")))
            return reply(c, 421, NULL, 0);
        if (!token_ok(MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token")))
            return reply(c, 403, NULL, 0);
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > MAX_BODY)
            return reply(c, 413, NULL, 0);
        upload *u = calloc(1, sizeof *u);
        if (!u)
            return MHD_NO;
        *state = u;
        /* answered in a later call: a response queued now, before MHD has
         * read the whole request, makes it close the connection after */
        return MHD_YES;
    }
    upload *u = *state;
    if (*size) {
        if (u->len + *size > MAX_BODY)
            u->too_big = 1;
        else {
            char *b = realloc(u->body, u->len + *size);
            if (!b)
                return MHD_NO;
            memcpy(b + u->len, data, *size);
            u->body = b, u->len += *size;
        }
        *size = 0;
        return MHD_YES;
    }
    if (u->too_big)
        return reply(c, 413, NULL, 0);
    if (!post && strcmp(method, "GET") == 0 && strcmp(url, "/rows") == 0)
        return reply(c, 200, make_page(), PAGE_LEN);
    if (post && strcmp(url, "/edit") == 0)
        return reply(c, 200, make_answer(u->len), ANSWER_LEN);
    return reply(c, 404, NULL, 0);
}

static void on_done(void *cls, struct MHD_Connection *c, void **state,
                    enum MHD_RequestTerminationCode why)
{
    (void)cls, (void)c, (void)why;
    upload *u = *state;
    if (u)
        free(u->body), free(u);
    *state = NULL;
}

int main(int argc, char **argv)
{
    unsigned port = bench_port(argc, argv);
    bench_init(port);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, (uint16_t)port, NULL,
        NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL, MHD_OPTION_CONNECTION_LIMIT, 64u,
        MHD_OPTION_CONNECTION_TIMEOUT, 300u, MHD_OPTION_END);
    if (!d)
        return 1;
    for (;;)
        pause();
}
