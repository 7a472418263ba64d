/* libsoup 3: one GLib main loop, loopback only.  An early handler sees
 * the headers before the body is read and refuses there (Host, token,
 * size); the normal handler gets the whole body, already read. */
#include <libsoup/soup.h>
#include "common.h"

static void reply(SoupServerMessage *m, unsigned status, char *body, size_t len)
{
    SoupMessageHeaders *h = soup_server_message_get_response_headers(m);
    soup_message_headers_append(h, "X-Content-Type-Options", "nosniff");
    soup_message_headers_append(h, "Cache-Control", "no-store");
    if (body) /* handed over, not copied */
        soup_server_message_set_response(m, JSON, SOUP_MEMORY_TAKE, body, len);
    soup_server_message_set_status(m, status, NULL);
}

static void on_headers(SoupServer *s, SoupServerMessage *m, const char *path, GHashTable *query,
                       gpointer data)
{
    (void)s, (void)path, (void)data;
    SoupMessageHeaders *in = soup_server_message_get_request_headers(m);
    if (!host_ok(soup_message_headers_get_one(in, "Host")))
        reply(m, 421, NULL, 0); /* a status set here: the body is not read */
    else if (!token_ok(query ? g_hash_table_lookup(query, "token") : NULL))
        reply(m, 403, NULL, 0);
    else if (soup_message_headers_get_content_length(in) > MAX_BODY)
        reply(m, 413, NULL, 0);
}

static void on_request(SoupServer *s, SoupServerMessage *m, const char *path, GHashTable *query,
                       gpointer data)
{
    (void)s, (void)query, (void)data;
    const char *method = soup_server_message_get_method(m);
    if (strcmp(method, "GET") == 0 && strcmp(path, "/rows") == 0)
        return reply(m, 200, make_page(), PAGE_LEN);
    if (strcmp(method, "POST") == 0 && strcmp(path, "/edit") == 0) {
        GBytes *b = soup_message_body_flatten(soup_server_message_get_request_body(m));
        size_t n = g_bytes_get_size(b);
        g_bytes_unref(b);
        return reply(m, 200, make_answer(n), ANSWER_LEN);
    }
    reply(m, 404, NULL, 0);
}

int main(int argc, char **argv)
{
    unsigned port = bench_port(argc, argv);
    bench_init(port);
    GError *err = NULL;
    SoupServer *s = soup_server_new("server-header", NULL, NULL);
    soup_server_add_early_handler(s, NULL, on_headers, NULL, NULL);
    soup_server_add_handler(s, NULL, on_request, NULL, NULL);
    if (!soup_server_listen_local(s, port, SOUP_SERVER_LISTEN_IPV4_ONLY, &err)) {
        fprintf(stderr, "%s\n", err->message);
        return 1;
    }
    g_main_loop_run(g_main_loop_new(NULL, FALSE));
}
