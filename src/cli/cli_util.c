#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli_util.h"
#include "leadsieve/tools.h"

enum { LS_OUT_BUF = 1 << 20, LS_MAX_REQUEST = 64 << 20 };

int ls_cli_read_file(const char *path, size_t max_bytes, ls_buf *b)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return -1;
    char block[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(block, 1, sizeof block, f)) > 0) {
        if (b->len + n > max_bytes) {
            errno = EFBIG;
            rc = -1;
            break;
        }
        if (ls_buf_append(b, block, n) != 0) {
            errno = ENOMEM;
            rc = -1;
            break;
        }
    }
    if (rc == 0 && ferror(f)) {
        if (!errno)
            errno = EIO;
        rc = -1;
    }
    if (rc == 0 && ls_buf_reserve(b, 0) != 0) { /* a NUL even when empty */
        errno = ENOMEM;
        rc = -1;
    }
    if (!is_stdin)
        fclose(f);
    return rc;
}

static void outfile_reset(ls_outfile *o)
{
    free(o->path);
    free(o->tmp);
    free(o->iobuf);
    memset(o, 0, sizeof *o);
}

/* Temporary files being written, removed if a signal ends the process:
 * a hidden partial copy of lead data must not stay behind. */
enum { MAX_TEMPS = 4 };
static char temp_paths[MAX_TEMPS][4096];
static volatile sig_atomic_t temp_used[MAX_TEMPS];

static void remove_temps_and_die(int sig)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (temp_used[i])
            unlink(temp_paths[i]); /* async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

static void track_temp(const char *path, int on)
{
    static int handlers;
    if (!handlers) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = remove_temps_and_die;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGHUP, &sa, NULL);
        handlers = 1;
    }
    for (int i = 0; i < MAX_TEMPS; i++) {
        if (on && !temp_used[i] && strlen(path) < sizeof temp_paths[i]) {
            strcpy(temp_paths[i], path);
            temp_used[i] = 1;
            return;
        }
        if (!on && temp_used[i] && strcmp(temp_paths[i], path) == 0) {
            temp_used[i] = 0;
            return;
        }
    }
}

static int open_temp_beside(ls_outfile *o, const char *what)
{
    char *copy = strdup(o->path), *base_copy = strdup(o->path);
    if (!copy || !base_copy) {
        free(copy);
        free(base_copy);
        fprintf(stderr, "leadsieve: %s: out of memory\n", what);
        return -1;
    }
    ls_buf t = {0};
    int rc = ls_buf_printf(&t, "%s/.%s.XXXXXX", dirname(copy), basename(base_copy));
    free(copy);
    free(base_copy);
    if (rc != 0) {
        fprintf(stderr, "leadsieve: %s: out of memory\n", what);
        return -1;
    }
    int fd = mkstemp(t.data);
    if (fd < 0) {
        fprintf(stderr, "leadsieve: cannot create %s %s: %s\n", what, o->path, strerror(errno));
        ls_buf_free(&t);
        return -1;
    }
    track_temp(t.data, 1);
    struct stat old;
    if (stat(o->path, &old) == 0) {
        /* replacing a file keeps its mode, owner and group: lead data in a
         * 0600 file must not turn world-readable */
        fchmod(fd, old.st_mode & 07777);
        if (fchown(fd, old.st_uid, old.st_gid) != 0 && geteuid() == 0)
            fchmod(fd, old.st_mode & 0700); /* could not give it back: keep it private */
    } else {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask); /* as if created by open(): mkstemp uses 0600 */
    }
    o->tmp = t.data;
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        fprintf(stderr, "leadsieve: cannot create %s %s: %s\n", what, o->path, strerror(errno));
        close(fd);
        unlink(o->tmp);
        track_temp(o->tmp, 0);
        return -1;
    }
    return 0;
}

/* A path into the process's own descriptors or devices (/dev/stdout,
 * /proc/self/fd/N, /dev/fd/N, or a link to one): written in place. */
static int in_place(const char *path)
{
    char link[PATH_MAX];
    ssize_t n = readlink(path, link, sizeof link - 1);
    if (n > 0)
        link[n] = '\0';
    const char *names[2] = {path, n > 0 ? link : ""};
    for (int i = 0; i < 2; i++)
        if (strncmp(names[i], "/dev/", 5) == 0 || strncmp(names[i], "/proc/", 6) == 0)
            return 1;
    return 0;
}

int ls_outfile_open(ls_outfile *o, const char *path, const char *what)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
    } else {
        struct stat st, lst;
        /* through a symlink the target is written and the link kept */
        char *target = lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) ? realpath(path, NULL)
                                                                          : NULL;
        o->path = target ? target : strdup(path);
        if (o->path && in_place(path)) {
            /* /dev/stdout is a link to /proc/self/fd/1, whatever file that
             * is: written where it is, never replaced */
            o->f = fopen(path, "wb");
            if (!o->f) {
                fprintf(stderr, "leadsieve: cannot open %s %s: %s\n", what, path,
                        strerror(errno));
                outfile_reset(o);
                return -1;
            }
            goto buffered;
        }
        if (!o->path) {
            fprintf(stderr, "leadsieve: %s: out of memory\n", what);
            return -1;
        }
        if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
            o->f = fopen(path, "wb"); /* /dev/stdout, a pipe: nothing to rename */
            if (!o->f) {
                fprintf(stderr, "leadsieve: cannot open %s %s: %s\n", what, path,
                        strerror(errno));
                outfile_reset(o);
                return -1;
            }
        } else if (open_temp_beside(o, what) != 0) {
            outfile_reset(o);
            return -1;
        }
    }
buffered:
    o->iobuf = malloc(LS_OUT_BUF);
    if (o->iobuf)
        setvbuf(o->f, o->iobuf, _IOFBF, LS_OUT_BUF);
    return 0;
}

static void sync_dir(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd); /* best effort: the rename itself is what makes it atomic */
        close(fd);
    }
    free(copy);
}

int ls_outfile_commit(ls_outfile *o, const char *what)
{
    const char *name = o->path ? o->path : "standard output";
    int err = 0;
    errno = 0;
    if (fflush(o->f) != 0 || ferror(o->f))
        err = errno ? errno : EIO;
    if (!err && o->tmp && fsync(fileno(o->f)) != 0)
        err = errno;
    if (o->f != stdout) {
        if (fclose(o->f) != 0 && !err)
            err = errno ? errno : EIO;
    }
    o->f = NULL;
    if (!err && o->tmp && rename(o->tmp, o->path) != 0)
        err = errno;
    if (o->tmp)
        track_temp(o->tmp, 0);
    if (err) {
        if (o->tmp)
            unlink(o->tmp);
        fprintf(stderr, "leadsieve: cannot write %s %s: %s%s\n", what, name, strerror(err),
                o->tmp ? " (nothing was written)" : "");
        outfile_reset(o);
        return -1;
    }
    if (o->tmp)
        sync_dir(o->path);
    outfile_reset(o);
    return 0;
}

void ls_outfile_abort(ls_outfile *o)
{
    if (o->f && o->f != stdout)
        fclose(o->f);
    else if (o->f)
        fflush(o->f);
    if (o->tmp) {
        unlink(o->tmp);
        track_temp(o->tmp, 0);
    }
    outfile_reset(o);
}

void ls_outfile_fail(ls_outfile *o, const char *what, const char *reason)
{
    fprintf(stderr, "leadsieve: cannot write %s %s: %s%s\n", what,
            o->path ? o->path : "standard output", reason,
            o->tmp ? " (nothing was written)" : "");
    ls_outfile_abort(o);
}

const char *ls_cli_safe(const char *s)
{
    enum { RING = 8 };
    static ls_buf ring[RING];
    static unsigned next;
    ls_buf *b = &ring[next++ % RING];
    ls_buf_clear(b);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        char c = (char)*p;
        if (*p < 0x20 || *p == 0x7f) {
            c = '?';
        } else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) { /* C1 controls */
            c = '?';
            p++;
        }
        if (ls_buf_putc(b, c) != 0)
            return "?";
    }
    return b->data ? b->data : "";
}

void ls_cli_put_safe(FILE *f, const char *s)
{
    fputs(ls_cli_safe(s), f);
}

int ls_cli_print_envelope(const ls_problems *problems)
{
    char *json = NULL;
    size_t len = 0;
    int rc = ls_problems_envelope(problems, 0, &json, &len) == LS_OK ? 0 : -1;
    if (rc == 0 && (fwrite(json, 1, len, stdout) != len || putchar('\n') == EOF ||
                    fflush(stdout) != 0))
        rc = -1;
    if (rc != 0)
        fprintf(stderr, "leadsieve: cannot write the error envelope\n");
    ls_free(json);
    /* stdout may be a file: the terminal gets the gist in one line */
    size_t n = ls_problems_count(problems);
    if (n) {
        ls_problem p = ls_problems_get(problems, 0);
        fprintf(stderr, "leadsieve: invalid request, %zu problem%s (the API's error envelope is "
                        "on standard output); ",
                n, n == 1 ? "" : "s");
        ls_cli_put_safe(stderr, p.path);
        fputs(*p.path ? ": " : "", stderr);
        ls_cli_put_safe(stderr, p.hint);
        fputc('\n', stderr);
    }
    return rc;
}

int ls_cli_load_request(const char *cmd, const char *path, const ls_compile_options *opt,
                        ls_request **out)
{
    return ls_cli_load_request_text(cmd, path, opt, out, NULL);
}

int ls_cli_load_request_text(const char *cmd, const char *path, const ls_compile_options *opt,
                             ls_request **out, ls_buf *keep)
{
    ls_buf text = {0};
    if (ls_cli_read_file(path, LS_MAX_REQUEST, &text) != 0) {
        fprintf(stderr, "leadsieve: %s: cannot read request %s: %s\n", cmd, path,
                errno == EFBIG ? "larger than 64 MiB" : strerror(errno));
        ls_buf_free(&text);
        return LS_EXIT_FAIL;
    }
    ls_problems *errors = NULL;
    ls_status st = ls_request_compile(text.data ? text.data : "", text.len, opt, out, &errors);
    if (keep && st == LS_OK) {
        *keep = text;
        text = (ls_buf){0};
    }
    ls_buf_free(&text);
    if (st == LS_OK) {
        /* by_icp has one search: without this line a request read as by_icp
         * would drop --mode database silently, realtime-only fields and all */
        if (opt && opt->search_mode == LS_SEARCH_DATABASE &&
            ls_request_api_of(*out) == LS_REQUEST_API_BY_ICP)
            fprintf(stderr,
                    "leadsieve: warning: %s: --mode database is for v1 requests and %s is read "
                    "as by_icp (%s); --mode ignored\n",
                    cmd, ls_cli_safe(path),
                    opt->api == LS_REQUEST_API_BY_ICP
                        ? "--api by_icp"
                        : "it has no field only v1 has: --api v1 reads it as v1");
        return LS_EXIT_OK;
    }
    if (st == LS_E_INVALID_REQUEST) {
        int rc = ls_cli_print_envelope(errors);
        ls_problems_free(errors);
        return rc == 0 ? LS_EXIT_USAGE : LS_EXIT_FAIL;
    }
    ls_problems_free(errors);
    fprintf(stderr, "leadsieve: %s: request %s: %s\n", cmd, path, ls_status_message(st));
    return LS_EXIT_FAIL;
}

int ls_cli_parse_date(const char *s, int *y, int *m, int *d)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int yy = atoi(s), mm = atoi(s + 5), dd = atoi(s + 8);
    if (yy < 1 || mm < 1 || mm > 12 || dd < 1 || dd > mdays[mm - 1])
        return -1;
    int leap = (yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0;
    if (mm == 2 && dd == 29 && !leap)
        return -1;
    *y = yy;
    *m = mm;
    *d = dd;
    return 0;
}

void ls_cli_print_request_warnings(const ls_request *req)
{
    const ls_problems *w = ls_request_warnings(req);
    for (size_t i = 0; i < ls_problems_count(w); i++) {
        ls_problem p = ls_problems_get(w, i);
        fprintf(stderr, "leadsieve: warning: %s: %s\n", ls_cli_safe(p.path), ls_cli_safe(p.hint));
    }
}

int ls_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "leadsieve %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (see leadsieve %s --help)\n", cmd);
    va_end(ap);
    return LS_EXIT_USAGE;
}

void ls_cli_print_diag(void *printer, const ls_diag *d)
{
    ls_cli_diag_printer *c = printer;
    if (d->kind == LS_DIAG_IO) {
        fprintf(stderr, "leadsieve: %s: %s: %s\n", c->cmd, ls_cli_safe(d->file),
                ls_cli_safe(d->message));
        return;
    }
    if (c->quiet || d->kind == LS_DIAG_NOTE)
        return;
    if (c->shown++ < LS_CLI_DIAG_SHOWN_MAX) {
        if (d->line)
            fprintf(stderr, "leadsieve: warning: %s:%" PRIu64 ": %s\n", ls_cli_safe(d->file),
                    d->line, ls_cli_safe(d->message));
        else
            fprintf(stderr, "leadsieve: warning: %s: %s\n", ls_cli_safe(d->file),
                    ls_cli_safe(d->message));
    } else if (c->shown == LS_CLI_DIAG_SHOWN_MAX + 1) {
        fprintf(stderr, "leadsieve: warning: more skipped records are not shown\n");
    }
}

int ls_cli_leads_stdin_uses(int argc, char **argv, int first)
{
    if (first >= argc)
        return 1;
    int uses = 0;
    for (int i = first; i < argc; i++)
        uses += strcmp(argv[i], "-") == 0;
    return uses;
}

int ls_cli_print_json(const char *cmd, ls_status st, char *json, size_t len)
{
    int rc = LS_EXIT_OK;
    if (st != LS_OK) {
        fprintf(stderr, "leadsieve: %s: %s\n", cmd, ls_status_message(st));
        rc = LS_EXIT_FAIL;
    } else if (fwrite(json, 1, len, stdout) != len || putchar('\n') == EOF) {
        rc = LS_EXIT_FAIL; /* the caller's flush reports it */
    }
    ls_free(json);
    return rc;
}
