/*
 * match_titles: which persona of a request each title on standard input
 * gets.  A small program built against the installed library only:
 *
 *     cc match_titles.c $(pkg-config --cflags --libs leadsieve) -o match_titles
 *     ./match_titles request.json < titles.txt
 *
 * prints "persona<TAB>title" per line ("-" when no persona matches).
 */
#include <leadsieve.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (*len == cap) {
            char *grown = realloc(data, cap = cap ? 2 * cap : 4096);
            if (!grown) {
                free(data);
                fclose(f);
                return NULL;
            }
            data = grown;
        }
        size_t n = fread(data + *len, 1, cap - *len, f);
        *len += n;
        if (n == 0)
            break;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(data);
        return NULL;
    }
    return data;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: match_titles REQUEST.json < titles.txt\n");
        return 2;
    }
    size_t len;
    char *json = read_file(argv[1], &len);
    if (!json) {
        perror(argv[1]);
        return 1;
    }
    ls_request *req = NULL;
    ls_problems *errors = NULL;
    ls_status st = ls_request_compile(json, len, NULL, &req, &errors);
    free(json);
    if (st != LS_OK) {
        for (size_t i = 0; errors && i < ls_problems_count(errors); i++) {
            ls_problem p = ls_problems_get(errors, i);
            fprintf(stderr, "%s: %s\n", p.path, p.hint);
        }
        if (!errors)
            fprintf(stderr, "%s\n", ls_status_message(st));
        ls_problems_free(errors);
        return 2;
    }
    ls_matcher *m = NULL;
    if (ls_matcher_new(req, &m) != LS_OK) {
        ls_request_free(req);
        return 1;
    }
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        size_t n = strcspn(line, "\r\n");
        line[n] = '\0';
        ls_verdict v;
        if (ls_match_title(m, line, n, &v) != LS_OK)
            break;
        const char *name = v.persona >= 0 ? ls_request_persona_name(req, (size_t)v.persona) : "-";
        printf("%s\t%s\n", name, line);
    }
    ls_matcher_free(m);
    ls_request_free(req);
    return 0;
}
