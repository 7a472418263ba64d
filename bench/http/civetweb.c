/* CivetWeb: a pool of worker threads (a connection holds one while it is
 * open), loopback only; the handler is called after the headers and reads
 * the body itself, so it can refuse first. */
#include <unistd.h>
#include <civetweb.h>
#include "common.h"

static int reply(struct mg_connection *c, int status, char *body, size_t len)
{
    mg_printf(c,
              "HTTP/1.1 %d %s\r\nContent-Type: " JSON "\r\nX-Content-Type-Options: nosniff\r\n"
              "Cache-Control: no-store\r\nContent-Length: %zu\r\n\r\n",
              status, status == 200 ? "OK" : "Refused", body ? len : 0);
    if (body)
        mg_write(c, body, len);
    free(body);
    return status;
}

static int on_request(struct mg_connection *c, void *arg)
{
    (void)arg;
    const struct mg_request_info *ri = mg_get_request_info(c);
    int post = strcmp(ri->request_method, "POST") == 0;
    if (!host_ok(mg_get_header(c, "Host")))
        return reply(c, 421, NULL, 0);
    if (!query_ok(ri->query_string))
        return reply(c, 403, NULL, 0);
    if (ri->content_length > MAX_BODY)
        return reply(c, 413, NULL, 0);
    if (!post && strcmp(ri->request_method, "GET") == 0 && strcmp(ri->local_uri, "/rows") == 0)
        return reply(c, 200, make_page(), PAGE_LEN);
    if (post && strcmp(ri->local_uri, "/edit") == 0) {
        char *body = malloc(MAX_BODY);
        size_t n = 0;
        int got;
        if (!body)
            return reply(c, 500, NULL, 0);
        while (n < MAX_BODY && (got = mg_read(c, body + n, MAX_BODY - n)) > 0)
            n += (size_t)got;
        free(body);
        return reply(c, 200, make_answer(n), ANSWER_LEN);
    }
    return reply(c, 404, NULL, 0);
}

int main(int argc, char **argv)
{
    unsigned port = bench_port(argc, argv);
    bench_init(port);
    char listen[32];
    snprintf(listen, sizeof listen, "127.0.0.1:%u", port);
    /* no document_root: it serves no files */
    const char *options[] = {"listening_ports", listen,     "num_threads", "16",
                             "enable_keep_alive", "yes",    "request_timeout_ms", "300000",
                             /* else an answer written in two parts waits 40 ms for an ACK */
                             "tcp_nodelay", "1", NULL};
    struct mg_callbacks cb = {0};
    mg_init_library(0);
    struct mg_context *ctx = mg_start(&cb, NULL, options);
    if (!ctx)
        return 1;
    mg_set_request_handler(ctx, "/", on_request, NULL);
    for (;;)
        pause();
}
