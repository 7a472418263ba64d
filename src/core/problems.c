#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/core.h"

struct ls_problems {
    ls_problem *items;
    size_t count, cap;
};

ls_problems *ls_problems_new(void)
{
    return calloc(1, sizeof(ls_problems));
}

size_t ls_problems_count(const ls_problems *list)
{
    return list ? list->count : 0;
}

ls_problem ls_problems_get(const ls_problems *list, size_t i)
{
    ls_problem none = {NULL, NULL};
    if (!list || i >= list->count)
        return none;
    return list->items[i];
}

void ls_problems_free(ls_problems *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++) {
        free((char *)list->items[i].path);
        free((char *)list->items[i].hint);
    }
    free(list->items);
    free(list);
}

int ls_problems_add(ls_problems *list, const char *path, const char *hint)
{
    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->items[i].path, path) != 0)
            continue;
        size_t a = strlen(list->items[i].hint), h = strlen(hint);
        char *joined = malloc(a + 2 + h + 1);
        if (!joined)
            return -1;
        memcpy(joined, list->items[i].hint, a);
        memcpy(joined + a, "; ", 2);
        memcpy(joined + a + 2, hint, h + 1);
        free((char *)list->items[i].hint);
        list->items[i].hint = joined;
        return 0;
    }
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 8;
        ls_problem *p = realloc(list->items, cap * sizeof *p);
        if (!p)
            return -1;
        list->items = p;
        list->cap = cap;
    }
    char *pc = strdup(path), *hc = strdup(hint);
    if (!pc || !hc) {
        free(pc);
        free(hc);
        return -1;
    }
    list->items[list->count].path = pc;
    list->items[list->count].hint = hc;
    list->count++;
    return 0;
}

int ls_problems_addf(ls_problems *list, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    int rc = ls_problems_add(list, path, s);
    free(s);
    return rc;
}
