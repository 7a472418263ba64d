/* libevent's evhttp: one event loop, loopback only; the library reads the
 * whole body (at most MAX_BODY, else it answers 413) before calling back. */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include "common.h"

static void free_body(const void *data, size_t len, void *arg)
{
    (void)len, (void)arg;
    free((void *)data);
}

static void reply(struct evhttp_request *r, int status, char *body, size_t len)
{
    struct evkeyvalq *h = evhttp_request_get_output_headers(r);
    evhttp_add_header(h, "Content-Type", JSON);
    evhttp_add_header(h, "X-Content-Type-Options", "nosniff");
    evhttp_add_header(h, "Cache-Control", "no-store");
    if (body) /* handed over, not copied */
        evbuffer_add_reference(evhttp_request_get_output_buffer(r), body, len, free_body, NULL);
    evhttp_send_reply(r, status, status == 200 ? "OK" : "Refused", NULL);
}

static void on_request(struct evhttp_request *r, void *arg)
{
    (void)arg;
    /* evhttp leaves Nagle on: without TCP_NODELAY a 200 KB answer's last
     * segment waits for the client's delayed ACK (40 ms); and it writes
     * 16 KB per turn of the loop unless told otherwise.  2.1 has no hook
     * for a new connection, so both are set on each request. */
    struct bufferevent *bev = evhttp_connection_get_bufferevent(evhttp_request_get_connection(r));
    int one = 1;
    setsockopt(bufferevent_getfd(bev), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    bufferevent_set_max_single_write(bev, PAGE_LEN);
    const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(r);
    const char *path = evhttp_uri_get_path(uri);
    enum evhttp_cmd_type method = evhttp_request_get_command(r);
    if (!host_ok(evhttp_find_header(evhttp_request_get_input_headers(r), "Host")))
        return reply(r, 421, NULL, 0);
    if (!query_ok(evhttp_uri_get_query(uri)))
        return reply(r, 403, NULL, 0);
    if (method == EVHTTP_REQ_GET && strcmp(path, "/rows") == 0)
        return reply(r, 200, make_page(), PAGE_LEN);
    if (method == EVHTTP_REQ_POST && strcmp(path, "/edit") == 0) {
        struct evbuffer *in = evhttp_request_get_input_buffer(r);
        size_t n = evbuffer_get_length(in);
        char *body = malloc(n ? n : 1); /* as serve would hold it */
        if (body)
            evbuffer_remove(in, body, n);
        free(body);
        return reply(r, 200, make_answer(n), ANSWER_LEN);
    }
    reply(r, 404, NULL, 0);
}

int main(int argc, char **argv)
{
    unsigned port = bench_port(argc, argv);
    bench_init(port);
    struct event_base *base = event_base_new();
    struct evhttp *http = base ? evhttp_new(base) : NULL;
    if (!http)
        return 1;
    evhttp_set_max_body_size(http, MAX_BODY);
    evhttp_set_allowed_methods(http, EVHTTP_REQ_GET | EVHTTP_REQ_POST);
    evhttp_set_timeout(http, 300);
    evhttp_set_gencb(http, on_request, NULL);
    if (evhttp_bind_socket(http, "127.0.0.1", (ev_uint16_t)port) != 0)
        return 1;
    return event_base_dispatch(base) == 0 ? 0 : 1;
}
