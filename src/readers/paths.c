/* Input path expansion: directories become their lead files (*.json,
 * *.jsonl, *.ndjson, *.csv, each maybe compressed as .gz or .zst, any
 * case), in byte order of the full path, so that
 * runs are reproducible; every other file is named as not read. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "readers/reader.h"

static int list_push(ls_pathlist *l, char *path)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **p = realloc(l->paths, cap * sizeof *p);
        if (!p)
            return -1;
        l->paths = p;
        l->cap = cap;
    }
    l->paths[l->count++] = path;
    return 0;
}

/* 1 when the first n bytes of name end with suffix, ASCII case aside. */
static int ends_with_ci(const char *name, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n > k && strncasecmp(name + n - k, suffix, k) == 0;
}

/* Lead files by name (§5a): .json, .jsonl, .ndjson, .csv, each maybe
 * followed by .gz or .zst, any case.  The one place this rule lives: the
 * walk, CSV by name and the command line all ask here. */
ls_input_format ls_path_input_format(const char *path)
{
    if (!path)
        return LS_INPUT_AUTO;
    size_t n = strlen(path);
    if (ends_with_ci(path, n, ".gz"))
        n -= 3;
    else if (ends_with_ci(path, n, ".zst"))
        n -= 4;
    if (ends_with_ci(path, n, ".csv"))
        return LS_INPUT_CSV;
    static const char *const json[] = {".json", ".jsonl", ".ndjson"};
    for (size_t i = 0; i < sizeof json / sizeof *json; i++)
        if (ends_with_ci(path, n, json[i]))
            return LS_INPUT_JSON;
    return LS_INPUT_AUTO;
}

static int is_lead_file_name(const char *name)
{
    return ls_path_input_format(name) != LS_INPUT_AUTO;
}

#define NOT_A_LEAD_FILE \
    "not a lead file name (.json, .jsonl, .ndjson, .csv, maybe .gz or .zst); not read"

static char *join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    int slash = dl > 0 && dir[dl - 1] != '/';
    char *r = malloc(dl + (size_t)slash + nl + 1);
    if (!r)
        return NULL;
    memcpy(r, dir, dl);
    if (slash)
        r[dl] = '/';
    memcpy(r + dl + (size_t)slash, name, nl + 1);
    return r;
}

typedef struct dir_id {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct walker {
    ls_pathlist *out;
    const ls_diag_sink *sink;
    uint64_t *failed;
    dir_id *stack; /* directories on the current path: loop detection */
    size_t depth, cap;
    /* every directory listed so far: one reached again through another
     * link is not listed again (two links per level would otherwise make
     * the walk exponential in the depth) */
    dir_id *seen;  /* open addressing; ino 0 and dev 0 = empty */
    size_t nseen, seen_cap;
} walker;

static size_t seen_slot(const dir_id *d, size_t cap)
{
    return (size_t)ls_hash_bytes((const char *)d, sizeof *d) & (cap - 1);
}

/* 1 when d was listed already, else records it (0); -1: no memory. */
static int seen_before(walker *w, dir_id d)
{
    if (2 * (w->nseen + 1) > w->seen_cap) {
        size_t cap = w->seen_cap ? 2 * w->seen_cap : 64;
        dir_id *grown = calloc(cap, sizeof *grown);
        if (!grown)
            return -1;
        for (size_t i = 0; i < w->seen_cap; i++) {
            const dir_id *e = &w->seen[i];
            if (!e->dev && !e->ino)
                continue;
            size_t k = seen_slot(e, cap);
            while (grown[k].dev || grown[k].ino)
                k = (k + 1) & (cap - 1);
            grown[k] = *e;
        }
        free(w->seen);
        w->seen = grown;
        w->seen_cap = cap;
    }
    size_t k = seen_slot(&d, w->seen_cap);
    while (w->seen[k].dev || w->seen[k].ino) {
        if (w->seen[k].dev == d.dev && w->seen[k].ino == d.ino)
            return 1;
        k = (k + 1) & (w->seen_cap - 1);
    }
    w->seen[k] = d;
    w->nseen++;
    return 0;
}

static void failed_one(walker *w)
{
    if (w->failed)
        (*w->failed)++;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walks dir (already stat'ed as st).  Entries are read and the directory
 * closed before descending, so deep trees do not hold a descriptor per
 * level.  Returns -1 only when memory runs out. */
static int walk(walker *w, const char *dir, const struct stat *st)
{
    for (size_t i = 0; i < w->depth; i++) {
        if (w->stack[i].dev == st->st_dev && w->stack[i].ino == st->st_ino) {
            ls_diag_emit(w->sink, LS_DIAG_IO, dir, 0, 0,
                         "directory loop (a symbolic link back to a parent directory): skipped");
            failed_one(w);
            return 0;
        }
    }
    int again = seen_before(w, (dir_id){st->st_dev, st->st_ino});
    if (again < 0)
        return -1;
    if (again) /* its files are listed already, by the first path to it */
        return 0;
    DIR *d = opendir(dir);
    if (!d) {
        ls_diag_emit(w->sink, LS_DIAG_IO, dir, 0, 0, "cannot read directory: %s",
                     strerror(errno));
        failed_one(w);
        return 0;
    }
    ls_pathlist names = {0};
    struct dirent *e;
    int rc = 0;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *full = join(dir, e->d_name);
        if (!full || list_push(&names, full) != 0) {
            free(full);
            rc = -1;
            break;
        }
    }
    closedir(d);
    if (rc != 0) {
        ls_pathlist_free(&names);
        return -1;
    }
    if (w->depth == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        dir_id *s = realloc(w->stack, cap * sizeof *s);
        if (!s) {
            ls_pathlist_free(&names);
            return -1;
        }
        w->stack = s;
        w->cap = cap;
    }
    w->stack[w->depth].dev = st->st_dev;
    w->stack[w->depth].ino = st->st_ino;
    w->depth++;
    for (size_t i = 0; i < names.count && rc == 0; i++) {
        char *full = names.paths[i];
        struct stat es;
        if (stat(full, &es) != 0) { /* follows links: a dangling one fails here */
            ls_diag_emit(w->sink, LS_DIAG_IO, full, 0, 0, "cannot read: %s", strerror(errno));
            failed_one(w);
            continue;
        }
        if (S_ISDIR(es.st_mode)) {
            rc = walk(w, full, &es);
        } else if (S_ISREG(es.st_mode) && is_lead_file_name(strrchr(full, '/') + 1)) {
            if (list_push(w->out, full) != 0)
                rc = -1;
            else
                names.paths[i] = NULL; /* now owned by out */
        } else {
            ls_diag_emit(w->sink, LS_DIAG_FILE_SKIPPED, full, 0, 0, "%s",
                         S_ISREG(es.st_mode) ? NOT_A_LEAD_FILE
                                             : "not a regular file; not read");
        }
    }
    w->depth--;
    ls_pathlist_free(&names);
    return rc;
}

ls_status ls_paths_expand(const char *path, ls_pathlist *out, const ls_diag_sink *sink,
                          uint64_t *failed)
{
    if (!path || !out)
        return LS_E_USAGE;
    if (strcmp(path, "-") == 0) {
        char *c = strdup(path);
        if (!c || list_push(out, c) != 0) {
            free(c);
            return LS_E_NOMEM;
        }
        return LS_OK;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        ls_diag_emit(sink, LS_DIAG_IO, path, 0, 0, "cannot read: %s", strerror(errno));
        if (failed)
            (*failed)++;
        return LS_OK;
    }
    if (!S_ISDIR(st.st_mode)) { /* a file is read whatever its name */
        char *c = strdup(path);
        if (!c || list_push(out, c) != 0) {
            free(c);
            return LS_E_NOMEM;
        }
        return LS_OK;
    }
    size_t first = out->count;
    walker w = {out, sink, failed, NULL, 0, 0, NULL, 0, 0};
    int rc = walk(&w, path, &st);
    free(w.stack);
    free(w.seen);
    if (rc != 0)
        return LS_E_NOMEM;
    if (out->count - first > 1)
        qsort(out->paths + first, out->count - first, sizeof *out->paths, cmp_str);
    if (out->count == first) {
        ls_diag_emit(sink, LS_DIAG_EMPTY, path, 0, 0,
                     "directory holds no lead file (*.json, *.jsonl, *.ndjson, *.csv, "
                     "maybe .gz or .zst)");
        if (failed)
            (*failed)++;
    }
    return LS_OK;
}

ls_status ls_pathlist_push(ls_pathlist *list, const char *path)
{
    char *c = strdup(path);
    if (!c || list_push(list, c) != 0) {
        free(c);
        return LS_E_NOMEM;
    }
    return LS_OK;
}

void ls_pathlist_free(ls_pathlist *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        free(list->paths[i]);
    free(list->paths);
    list->paths = NULL;
    list->count = list->cap = 0;
}
