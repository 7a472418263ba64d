#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli_util.h"
#include "guard.h"

/* The files inside input directories, by device and inode (a walk of
 * what the reading would walk, only when an output already exists). */
typedef struct file_id {
    dev_t dev;
    ino_t ino;
    char *path;
} file_id;

static file_id *walked;
static size_t nwalked, capwalked;

static int remember(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)ftw;
    if (flag != FTW_F || !S_ISREG(st->st_mode))
        return 0;
    if (nwalked == capwalked) {
        size_t cap = capwalked ? 2 * capwalked : 64;
        file_id *grown = realloc(walked, cap * sizeof *grown);
        if (!grown)
            return 1;
        walked = grown;
        capwalked = cap;
    }
    walked[nwalked].dev = st->st_dev;
    walked[nwalked].ino = st->st_ino;
    walked[nwalked].path = strdup(path);
    if (!walked[nwalked].path)
        return 1;
    nwalked++;
    return 0;
}

static void forget_walk(void)
{
    for (size_t i = 0; i < nwalked; i++)
        free(walked[i].path);
    free(walked);
    walked = NULL;
    nwalked = capwalked = 0;
}

static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* What an existing output (st) would replace, as a message; 0 when nothing. */
static int clashes(const char *cmd, const char *flag, const char *out, const struct stat *st,
                   const ls_cli_read *reads, char **inputs, int ninputs)
{
    struct stat in;
    for (const ls_cli_read *r = reads; r && r->what; r++)
        if (r->path && strcmp(r->path, "-") != 0 && stat(r->path, &in) == 0 &&
            same_file(st, &in))
            return ls_cli_usage_error(cmd, "%s %s is %s (%s): nothing was read or written; "
                                           "write it to another file", flag, out, r->what,
                                      r->path);
    for (int i = 0; i < ninputs; i++) {
        if (strcmp(inputs[i], "-") == 0 || stat(inputs[i], &in) != 0)
            continue;
        if (!S_ISDIR(in.st_mode)) {
            if (same_file(st, &in))
                return ls_cli_usage_error(cmd, "%s %s is an input (%s): nothing was read or "
                                               "written; write it to another file",
                                          flag, out, inputs[i]);
            continue;
        }
        nwalked = 0;
        int failed = nftw(inputs[i], remember, 64, 0);
        for (size_t k = 0; !failed && k < nwalked; k++)
            if (walked[k].dev == st->st_dev && walked[k].ino == st->st_ino) {
                int rc = ls_cli_usage_error(cmd, "%s %s is %s inside the input directory %s: "
                                                 "nothing was read or written; write outside "
                                                 "the input directories", flag, out,
                                            walked[k].path, inputs[i]);
                forget_walk();
                return rc;
            }
        forget_walk();
    }
    return LS_EXIT_OK;
}

int ls_cli_guard(const char *cmd, const ls_cli_output *outputs, int uses_stdout,
                 const ls_cli_read *reads, char **inputs, int ninputs)
{
    struct stat st, other;
    for (const ls_cli_output *o = outputs; o && o->flag; o++) {
        if (!o->path || strcmp(o->path, "-") == 0)
            continue;
        /* two outputs into one file: the second would replace the first */
        for (const ls_cli_output *p = outputs; p < o; p++)
            if (p->path && strcmp(p->path, "-") != 0 &&
                (strcmp(p->path, o->path) == 0 ||
                 (stat(p->path, &other) == 0 && stat(o->path, &st) == 0 &&
                  same_file(&st, &other))))
                return ls_cli_usage_error(cmd, "%s and %s name the same file %s: give each its "
                                               "own", p->flag, o->flag, o->path);
        if (stat(o->path, &st) != 0)
            continue; /* a new file replaces nothing */
        int rc = clashes(cmd, o->flag, o->path, &st, reads, inputs, ninputs);
        if (rc != LS_EXIT_OK)
            return rc;
    }
    /* `leadsieve filter ... leads.jsonl >> leads.jsonl`: the shell opened the
     * input for the output already; writing there would mix the two */
    if (uses_stdout && fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode))
        return clashes(cmd, "standard output", "(redirected)", &st, reads, inputs, ninputs);
    return LS_EXIT_OK;
}
