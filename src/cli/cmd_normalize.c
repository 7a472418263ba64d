/* `leadsieve normalize`: norm() of each argument, or of each stdin line;
 * with --level, the seniority level each implies instead. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "buf.h"
#include "leadsieve.h"

#define DEFAULT_MAX_LINE ((size_t)64 << 20)

static const char usage[] =
    "usage: leadsieve normalize [--level] [--max-line=BYTES] [--] [TEXT...]\n"
    "\n"
    "Prints the normalized form used for matching (transliterated to ASCII,\n"
    "lowercased, punctuation to spaces, stop-words removed, abbreviations\n"
    "expanded) of each TEXT, one line each.  Without TEXT, normalizes standard\n"
    "input line by line (LF or CRLF endings) and prints exactly one line per\n"
    "input line, an empty one when nothing is left.\n"
    "\n"
    "Invalid UTF-8 is dropped and NUL bytes separate words like punctuation;\n"
    "how many lines had either is reported on stderr at the end.\n"
    "\n"
    "  --level           print instead the seniority level each TEXT implies as a\n"
    "                    job title (one of the ten Sales Navigator labels, CXO,\n"
    "                    Vice President, ...), as a v1 lead without a seniority\n"
    "                    field gets it: the first rule that applies to the\n"
    "                    normalized title (founder, owner, partner; chief, c lvl,\n"
    "                    president without vp; vp; head, director; manager;\n"
    "                    senior, lead, principal; intern, trainee, apprentice,\n"
    "                    student; else Entry Level): an approximation\n"
    "  --max-line=BYTES  longest line normalized whole (default 64 MiB); a longer\n"
    "                    line is normalized from its first BYTES bytes only,\n"
    "                    reported on stderr, and the exit status is 1\n"
    "  -h, --help        show this help\n"
    "\n"
    "exit status: 0 ok; 1 a line cut by --max-line, or a write failure; 2 bad usage\n";

typedef struct state {
    ls_normalizer *nz;
    const char *unit; /* "line" or "argument", for the report */
    uint64_t invalid, nul, cut;
    size_t max_line;
    int level; /* --level */
} state;

static int emit(state *st, const char *s, size_t n)
{
    size_t len;
    unsigned flags;
    if (memchr(s, '\0', n))
        st->nul++;
    const char *r = ls_normalizer_run(st->nz, s, n, &len, &flags);
    if (!r) {
        fprintf(stderr, "leadsieve: normalize: out of memory\n");
        return -1;
    }
    if (flags & LS_NORM_INVALID_UTF8)
        st->invalid++;
    if (st->level) {
        int level;
        if (ls_level_of_title(st->nz, s, n, &level) != LS_OK) {
            fprintf(stderr, "leadsieve: normalize: out of memory\n");
            return -1;
        }
        r = ls_level_name((size_t)level);
        len = strlen(r);
    }
    fwrite_unlocked(r, 1, len, stdout);
    putc_unlocked('\n', stdout);
    return 0;
}

static int emit_line(state *st, const char *s, size_t n)
{
    if (n && s[n - 1] == '\r')
        n--;
    return emit(st, s, n);
}

/* Reads stdin in blocks; a line is copied only when it spans blocks, and
 * never beyond max_line bytes, so memory stays bounded. */
static int run_stdin(state *st)
{
    static char block[1 << 16];
    ls_buf line = {0};
    int partial = 0, rc = 0, cut = 0;
    size_t n;
    while (rc == 0 && (n = fread(block, 1, sizeof block, stdin)) > 0) {
        const char *p = block, *end = block + n;
        while (rc == 0 && p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *stop = nl ? nl : end;
            if (!partial && nl && (size_t)(nl - p) <= st->max_line) {
                rc = emit_line(st, p, (size_t)(nl - p)); /* whole line in the block */
            } else {
                size_t k = (size_t)(stop - p), room = st->max_line - line.len;
                if (k > room) {
                    k = room;
                    cut = 1;
                }
                if (ls_buf_append(&line, p, k) != 0) {
                    fprintf(stderr, "leadsieve: normalize: out of memory\n");
                    rc = -1;
                    break;
                }
                partial = 1;
                if (nl) {
                    rc = emit_line(st, line.data, line.len);
                    st->cut += (uint64_t)cut;
                    ls_buf_clear(&line);
                    partial = cut = 0;
                }
            }
            p = nl ? nl + 1 : end;
        }
    }
    if (rc == 0 && ferror(stdin)) {
        fprintf(stderr, "leadsieve: normalize: reading standard input: %s\n", strerror(errno));
        rc = -1;
    }
    if (rc == 0 && partial) { /* a last line without a final newline */
        rc = emit_line(st, line.data, line.len);
        st->cut += (uint64_t)cut;
    }
    ls_buf_free(&line);
    return rc;
}

static void report(const state *st)
{
    char msg[512];
    size_t len = 0;
    const struct { uint64_t n; const char *one, *many; } parts[] = {
        {st->invalid, "had invalid UTF-8 (dropped)", "had invalid UTF-8 (dropped)"},
        {st->nul, "had NUL bytes (read as separators)", "had NUL bytes (read as separators)"},
        {st->cut, "was longer than --max-line and was normalized from its start only",
         "were longer than --max-line and were normalized from their start only"},
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (!parts[i].n)
            continue;
        int w = snprintf(msg + len, sizeof msg - len, "%s%" PRIu64 " %s%s %s", len ? ", " : "",
                         parts[i].n, st->unit, parts[i].n == 1 ? "" : "s",
                         parts[i].n == 1 ? parts[i].one : parts[i].many);
        if (w > 0 && (size_t)w < sizeof msg - len)
            len += (size_t)w;
    }
    if (len)
        fprintf(stderr, "leadsieve: normalize: %s\n", msg);
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || v == 0 || v > SIZE_MAX / 2 || s[0] == '-')
        return -1;
    *out = (size_t)v;
    return 0;
}

int ls_cmd_normalize(int argc, char **argv)
{
    state st = {.unit = "line", .max_line = DEFAULT_MAX_LINE};
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            return 0;
        }
        if (strcmp(a, "--level") == 0) {
            st.level = 1;
            continue;
        }
        if (strncmp(a, "--max-line", 10) == 0 && (a[10] == '=' || a[10] == '\0')) {
            const char *v = a[10] == '=' ? a + 11 : (i + 1 < argc ? argv[++i] : "");
            if (parse_size(v, &st.max_line) != 0) {
                fprintf(stderr, "leadsieve: normalize: --max-line wants a positive byte count, "
                                "got '%s'\n", v);
                return 2;
            }
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "leadsieve: normalize: unknown option '%s' (put -- before text "
                            "that starts with '-'; see --help)\n", a);
            return 2;
        }
        break;
    }

    static char outbuf[1 << 18]; /* large: one write per many lines */
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    ls_normalizer_new(&st.nz);
    if (!st.nz) {
        fprintf(stderr, "leadsieve: normalize: out of memory\n");
        return 1;
    }
    int rc = 0;
    if (i < argc) {
        st.unit = "argument";
        for (; i < argc && rc == 0; i++)
            rc = emit(&st, argv[i], strlen(argv[i]));
    } else {
        rc = run_stdin(&st);
    }
    ls_normalizer_free(st.nz);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "leadsieve: normalize: writing output: %s\n", strerror(errno));
        rc = -1;
    }
    report(&st);
    return rc != 0 || st.cut ? 1 : 0;
}
