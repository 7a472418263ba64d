/* The server on a real socket (127.0.0.1, a free port): what a browser,
 * another site's page or a rebound DNS name gets, spoken in raw HTTP. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include "http.h"
#include "serve_testutil.h"

typedef struct server {
    fixture f;
    ls_srv_http *http;
    unsigned port;
    char host[64];  /* the Host header a browser sends */
    char token[64];
} server;

/* with proposals: api/suggest answers when the token is there */
static void with_suggest(ls_srv_config *cfg)
{
    cfg->suggest = ls_srv_suggest_personas;
}

static void server_start(server *s)
{
    fixture_open(&s->f, with_suggest);
    char why[256];
    ck_assert_int_eq(ls_srv_http_start(s->f.srv, NULL, 0, &s->http, why, sizeof why), 0);
    s->port = ls_srv_http_port(s->http);
    ck_assert_uint_gt(s->port, 0);
    snprintf(s->host, sizeof s->host, "127.0.0.1:%u", s->port);
    snprintf(s->token, sizeof s->token, "%s", ls_srv_http_token(s->http));
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/%s/", s->port, s->token);
    ck_assert_str_eq(ls_srv_http_url(s->http), url);
}

static void server_stop(server *s)
{
    ls_srv_http_stop(s->http);
    fixture_close(&s->f);
}

/* Sends head (CRLF lines, without the blank line) and body, reads the
 * whole response; returns it (caller frees) with the status. */
static char *exchange(const server *s, const char *head, const char *body, size_t body_len,
                      unsigned *status)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)s->port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    ls_buf out = {0};
    ls_buf_printf(&out, "%s\r\nConnection: close\r\n\r\n", head);
    if (body_len)
        ls_buf_append(&out, body, body_len);
    size_t sent = 0;
    while (sent < out.len) {
        ssize_t n = send(fd, out.data + sent, out.len - sent, MSG_NOSIGNAL);
        if (n <= 0)
            break; /* the server may close early (413): the answer is still there */
        sent += (size_t)n;
    }
    ls_buf_free(&out);
    ls_buf in = {0};
    char block[4096];
    ssize_t n;
    while ((n = recv(fd, block, sizeof block, 0)) > 0)
        ls_buf_append(&in, block, (size_t)n);
    close(fd);
    ck_assert_ptr_nonnull(in.data);
    *status = 0;
    sscanf(in.data, "HTTP/1.1 %u", status);
    return in.data;
}

static char *get(const server *s, const char *path, const char *extra, unsigned *status)
{
    char head[1024];
    snprintf(head, sizeof head, "GET %s HTTP/1.1\r\nHost: %s%s%s", path, s->host,
             extra ? "\r\n" : "", extra ? extra : "");
    return exchange(s, head, NULL, 0, status);
}

START_TEST(the_page_with_its_policy)
{
    server s;
    server_start(&s);
    char path[128];
    snprintf(path, sizeof path, "/%s/", s.token);
    unsigned st;
    char *r = get(&s, path, NULL, &st);
    ck_assert_uint_eq(st, 200);
    ck_assert_ptr_nonnull(strstr(r, "Content-Security-Policy: default-src 'none'; script-src 'self'"));
    ck_assert_ptr_nonnull(strstr(r, "X-Frame-Options: DENY"));
    ck_assert_ptr_nonnull(strstr(r, "Content-Type: text/html; charset=utf-8"));
    ck_assert_ptr_nonnull(strstr(r, "<script src=\"app.js\""));
    free(r);
    snprintf(path, sizeof path, "/%s/api/leads?gen=0&show=lost&q=x", s.token);
    r = get(&s, path, NULL, &st);
    ck_assert_uint_eq(st, 200);
    ck_assert_ptr_nonnull(strstr(r, "\"total\":0"));
    free(r);
    server_stop(&s);
}
END_TEST

START_TEST(without_the_token_nothing)
{
    server s;
    server_start(&s);
    unsigned st;
    const char *paths[] = {"/", "/api/session", "/index.html", "/favicon.ico",
                           "/api/suggest?gen=0",
                           "/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/api/session",
                           "/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/api/suggest?gen=0"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        char *r = get(&s, paths[i], NULL, &st);
        ck_assert_msg(st == 404, "%s: %u", paths[i], st);
        ck_assert_ptr_null(strstr(r, "\"leads\""));
        ck_assert_ptr_null(strstr(r, "\"state\""));
        free(r);
    }
    char path[128];
    snprintf(path, sizeof path, "/%s/api/suggest?gen=0", s.token);
    char *r = get(&s, path, NULL, &st);
    ck_assert_uint_eq(st, 202);
    ck_assert_ptr_nonnull(strstr(r, "\"state\":\"computing\""));
    free(r);
    server_stop(&s);
}
END_TEST

START_TEST(other_hosts_and_sites_are_refused)
{
    server s;
    server_start(&s);
    char path[128], head[512];
    snprintf(path, sizeof path, "/%s/api/session", s.token);
    unsigned st;
    /* DNS rebinding: the attacker's name, resolved to 127.0.0.1 */
    snprintf(head, sizeof head, "GET %s HTTP/1.1\r\nHost: attacker.example:%u", path, s.port);
    char *r = exchange(&s, head, NULL, 0, &st);
    ck_assert_uint_eq(st, 421);
    free(r);
    r = get(&s, path, "Origin: http://attacker.example", &st);
    ck_assert_uint_eq(st, 403);
    free(r);
    r = get(&s, path, "Sec-Fetch-Site: cross-site", &st);
    ck_assert_uint_eq(st, 403);
    free(r);
    char origin[128];
    snprintf(origin, sizeof origin, "Origin: http://127.0.0.1:%u", s.port);
    r = get(&s, path, origin, &st);
    ck_assert_uint_eq(st, 200);
    free(r);
    /* a cross-site POST is refused before its body counts */
    snprintf(path, sizeof path, "/%s/api/save", s.token);
    snprintf(head, sizeof head, "POST %s HTTP/1.1\r\nHost: %s\r\nOrigin: http://attacker.example\r\n"
                                "Content-Type: text/plain\r\nContent-Length: 2", path, s.host);
    r = exchange(&s, head, "{}", 2, &st);
    ck_assert_uint_eq(st, 403);
    ck_assert_int_eq(s.f.saves, 0);
    free(r);
    snprintf(head, sizeof head, "PUT %s HTTP/1.1\r\nHost: %s\r\nContent-Length: 2", path, s.host);
    r = exchange(&s, head, "{}", 2, &st);
    ck_assert_uint_eq(st, 405);
    free(r);
    server_stop(&s);
}
END_TEST

START_TEST(bodies_are_size_limited)
{
    server s;
    server_start(&s);
    char head[512];
    unsigned st;
    /* announced too large: refused without reading it */
    snprintf(head, sizeof head, "POST /%s/api/evaluate HTTP/1.1\r\nHost: %s\r\n"
                                "Content-Length: %u", s.token, s.host, LS_SRV_MAX_BODY + 1);
    char *r = exchange(&s, head, "{", 1, &st);
    ck_assert_uint_eq(st, 413);
    free(r);
    /* sent in chunks without a length: read to its end, kept no more */
    ls_buf body = {0};
    size_t chunk = 1 << 20;
    char *block = malloc(chunk);
    memset(block, ' ', chunk);
    for (int i = 0; i < 5; i++) {
        ls_buf_printf(&body, "%zx\r\n", chunk);
        ls_buf_append(&body, block, chunk);
        ls_buf_append(&body, "\r\n", 2);
    }
    ls_buf_append(&body, "0\r\n\r\n", 5);
    free(block);
    snprintf(head, sizeof head, "POST /%s/api/evaluate HTTP/1.1\r\nHost: %s\r\n"
                                "Transfer-Encoding: chunked", s.token, s.host);
    r = exchange(&s, head, body.data, body.len, &st);
    ck_assert_uint_eq(st, 413);
    free(r);
    ls_buf_free(&body);
    server_stop(&s);
}
END_TEST

START_TEST(an_edit_over_the_socket)
{
    server s;
    server_start(&s);
    char head[512];
    size_t len;
    char *text = slurp(FIX "request_new.json", &len);
    snprintf(head, sizeof head, "POST /%s/api/evaluate HTTP/1.1\r\nHost: %s\r\n"
                                "Origin: http://%s\r\nContent-Type: application/json\r\n"
                                "Content-Length: %zu", s.token, s.host, s.host, len);
    unsigned st;
    char *r = exchange(&s, head, text, len, &st);
    ck_assert_uint_eq(st, 200);
    ck_assert_ptr_nonnull(strstr(r, "\"diff\":{\"gained\":3,\"lost\":1,\"reassigned\":1"));
    free(r);
    free(text);
    server_stop(&s);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("serve_http");
    TCase *tc = tcase_create("http");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, the_page_with_its_policy);
    tcase_add_test(tc, without_the_token_nothing);
    tcase_add_test(tc, other_hosts_and_sites_are_refused);
    tcase_add_test(tc, bodies_are_size_limited);
    tcase_add_test(tc, an_edit_over_the_socket);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
