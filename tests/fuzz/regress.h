/* Replays saved fuzz inputs of one target in a Check test: the findings in
 * tests/fuzz/regressions/<target>/ and the seeds in tests/fuzz/corpus/<target>/,
 * each directory in sorted name order. */
#ifndef LS_FUZZ_REGRESS_H
#define LS_FUZZ_REGRESS_H
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*regress_fn)(const char *name, const char *data, size_t len);

static int regress_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *regress_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            buf = realloc(buf, cap + 1);
            ck_assert_ptr_nonnull(buf);
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Calls fn on each file of tests/fuzz/<kind>/<target>; returns how many
 * there were.  The data is an exact heap copy, so ASan sees any read past
 * its end. */
static size_t regress_replay_dir(const char *kind, const char *target, regress_fn fn)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/fuzz/%s/%s", LS_SOURCE_DIR, kind, target);
    DIR *d = opendir(dir);
    if (!d)
        return 0; /* nothing found yet for this target */
    char **names = NULL;
    size_t count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        names = realloc(names, (count + 1) * sizeof *names);
        ck_assert_ptr_nonnull(names);
        names[count++] = strdup(e->d_name);
    }
    closedir(d);
    if (count)
        qsort(names, count, sizeof *names, regress_cmp);
    for (size_t i = 0; i < count; i++) {
        char path[8192];
        size_t len;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        char *raw = regress_slurp(path, &len);
        char *exact = malloc(len ? len : 1);
        ck_assert_ptr_nonnull(exact);
        memcpy(exact, raw, len);
        free(raw);
        fn(names[i], exact, len);
        free(exact);
        free(names[i]);
    }
    free(names);
    return count;
}

static size_t regress_replay(const char *target, regress_fn fn)
{
    return regress_replay_dir("regressions", target, fn);
}

static size_t regress_replay_seeds(const char *target, regress_fn fn)
{
    return regress_replay_dir("corpus", target, fn);
}

#endif
