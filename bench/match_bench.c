/* The persona-matching step alone: ns per title through ls_match_title,
 * uncached (every title seen for the first time by its matcher) and with a
 * warm cache (a working set of titles matched over and over, as in real
 * lead sets where titles repeat).
 *
 *   match_bench REQUEST.json TITLES.tsv [WARM_SET] [ROUNDS]
 *
 * TITLES.tsv: a header with a `title` column (bench/titles.tsv).  Built
 * with -DLS_BUILD_BENCH=ON; bench/callgrind.sh and bench/README.md use it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "leadsieve.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    size_t got;
    while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(b, cap *= 2);
            if (!nb) {
                free(b);
                b = NULL;
            }
            b = nb;
        }
    }
    fclose(f);
    if (b)
        *len = n;
    return b;
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: match_bench REQUEST.json TITLES.tsv [WARM_SET] [ROUNDS]\n");
        return 2;
    }
    size_t warm_set = argc > 3 ? strtoul(argv[3], NULL, 10) : 1000;
    int rounds = argc > 4 ? atoi(argv[4]) : 200;
    size_t rlen, tlen;
    char *rtext = slurp(argv[1], &rlen), *tsv = slurp(argv[2], &tlen);
    if (!rtext || !tsv) {
        fprintf(stderr, "match_bench: cannot read the inputs\n");
        return 1;
    }
    ls_request *req = NULL;
    ls_problems *errs = NULL;
    if (ls_request_compile(rtext, rlen, NULL, &req, &errs) != LS_OK) {
        fprintf(stderr, "match_bench: the request does not compile\n");
        return 1;
    }
    /* titles: the first column of every line after the header */
    size_t n = 0, cap = 1024;
    const char **title = malloc(cap * sizeof *title);
    size_t *len = malloc(cap * sizeof *len);
    char *line = memchr(tsv, '\n', tlen);
    char *end = tsv + tlen;
    while (line && line + 1 < end) {
        char *p = line + 1;
        line = memchr(p, '\n', (size_t)(end - p));
        char *e = line ? line : end;
        char *tab = memchr(p, '\t', (size_t)(e - p));
        if (n == cap) {
            cap *= 2;
            title = realloc(title, cap * sizeof *title);
            len = realloc(len, cap * sizeof *len);
        }
        title[n] = p;
        len[n++] = (size_t)((tab ? tab : e) - p);
    }
    if (n == 0 || warm_set == 0)
        return 1;
    if (warm_set > n)
        warm_set = n;

    ls_verdict v;
    unsigned long matched = 0;
    /* uncached: each title once through a new matcher (a memo only ever
     * holds titles it has seen) */
    double best_cold = 1e300;
    for (int r = 0; r < 5; r++) {
        ls_matcher *m = NULL;
        ls_matcher_new(req, &m);
        double t0 = now_ns();
        for (size_t i = 0; i < n; i++) {
            ls_match_title(m, title[i], len[i], &v);
            matched += v.persona >= 0;
        }
        double t = (now_ns() - t0) / (double)n;
        if (t < best_cold)
            best_cold = t;
        ls_matcher_free(m);
    }
    /* warm: the working set, once to fill the cache, then timed */
    ls_matcher *m = NULL;
    ls_matcher_new(req, &m);
    for (size_t i = 0; i < warm_set; i++)
        ls_match_title(m, title[i], len[i], &v);
    double t0 = now_ns();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < warm_set; i++) {
            ls_match_title(m, title[i], len[i], &v);
            matched += v.persona >= 0;
        }
    double warm = (now_ns() - t0) / ((double)rounds * (double)warm_set);
    ls_matcher_free(m);

    printf("titles %zu, warm set %zu x %d rounds (%lu matches)\n", n, warm_set, rounds, matched);
    printf("uncached  %8.1f ns/title\n", best_cold);
    printf("cached    %8.1f ns/title\n", warm);
    ls_request_free(req);
    free(title);
    free(len);
    free(rtext);
    free(tsv);
    return 0;
}
