/* A bump allocator: a compiled request is built once and freed at once, so
 * its many small pieces live in one arena instead of being freed one by one. */
#ifndef LS_ARENA_H
#define LS_ARENA_H
#include <stddef.h>

typedef struct ls_arena_block ls_arena_block;
typedef struct ls_arena {
    ls_arena_block *head;
} ls_arena;

/* Zeroed memory aligned for any type; NULL when memory runs out. */
void *ls_arena_alloc(ls_arena *a, size_t size);
/* Copies n bytes and appends a NUL. */
char *ls_arena_strndup(ls_arena *a, const char *s, size_t n);
void ls_arena_free(ls_arena *a);

#endif
