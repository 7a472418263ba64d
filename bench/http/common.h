/* What every bench server shares, so that only the library differs: the
 * bodies, the token and Host checks, and the routes.
 *   GET  /rows?token=T  -> a 200 KB JSON page, built afresh per request
 *                          (as serve builds a page of the leads table)
 *   POST /edit?token=T  -> reads the whole body (at most MAX_BODY), answers
 *                          1 KB of JSON saying how many bytes came
 * A wrong Host is refused with 421, a wrong token with 403, a body over
 * MAX_BODY with 413, anything else with 404. */
#ifndef BENCH_HTTP_COMMON_H
#define BENCH_HTTP_COMMON_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PAGE_LEN = 200 * 1024, ANSWER_LEN = 1024, MAX_BODY = 4 << 20 /* serve's limit */ };
#define TOKEN "k3Zp9wQ2rT7xV8mB"
#define JSON "application/json; charset=utf-8"

static char page_template[PAGE_LEN];
static char host_want[32];

/* A JSON array of rows, padded with spaces to exactly PAGE_LEN bytes. */
static inline void bench_init(unsigned port)
{
    size_t n = 0;
    n += (size_t)snprintf(page_template, PAGE_LEN, "{\"rows\":[");
    for (unsigned i = 0; n + 200 < PAGE_LEN; i++)
        n += (size_t)snprintf(page_template + n, PAGE_LEN - n,
                              "%s{\"id\":%u,\"name\":\"Lead %u\",\"title\":\"Head of Sales\","
                              "\"company\":\"Company %u\",\"score\":%u}",
                              i ? "," : "", i, i, i % 997, i % 100);
    n += (size_t)snprintf(page_template + n, PAGE_LEN - n, "]}");
    memset(page_template + n, ' ', PAGE_LEN - n);
    snprintf(host_want, sizeof host_want, "127.0.0.1:%u", port);
}

static inline char *make_page(void)
{
    char *p = malloc(PAGE_LEN);
    if (p)
        memcpy(p, page_template, PAGE_LEN);
    return p;
}

/* Exactly ANSWER_LEN bytes of JSON; the caller frees it. */
static inline char *make_answer(size_t received)
{
    char *a = malloc(ANSWER_LEN + 1);
    if (!a)
        return NULL;
    int n = snprintf(a, ANSWER_LEN + 1, "{\"received\":%zu,\"pad\":\"", received);
    memset(a + n, 'x', ANSWER_LEN - (size_t)n - 2);
    memcpy(a + ANSWER_LEN - 2, "\"}", 2);
    return a;
}

static inline int host_ok(const char *host) { return host && strcmp(host, host_want) == 0; }
static inline int token_ok(const char *token) { return token && strcmp(token, TOKEN) == 0; }

/* For libraries that hand over the raw query string: "token=T" exactly. */
static inline int query_ok(const char *q) { return q && strcmp(q, "token=" TOKEN) == 0; }

static inline unsigned bench_port(int argc, char **argv)
{
    unsigned port = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 0;
    if (!port || port > 65535) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        exit(2);
    }
    return port;
}
#endif
