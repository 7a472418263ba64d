#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "request/arena.h"

enum { LS_ARENA_BLOCK = 16384 };

struct ls_arena_block {
    ls_arena_block *next;
    size_t used, cap;
    alignas(max_align_t) unsigned char data[];
};

void *ls_arena_alloc(ls_arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    if (size > SIZE_MAX - align - sizeof(ls_arena_block))
        return NULL;
    size = (size + align - 1) / align * align;
    ls_arena_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > LS_ARENA_BLOCK ? size : LS_ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *ls_arena_strndup(ls_arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    char *p = ls_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void ls_arena_free(ls_arena *a)
{
    ls_arena_block *b = a->head;
    while (b) {
        ls_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}
