/* Cut points of a big JSONL file (split.h). */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "engine/split.h"
#include "json/json_internal.h"
#include "readers/csv.h"
#include "readers/decode.h"

#define HEAD_BYTES ((size_t)1 << 20)   /* looked at for the first line */
#define SEEK_BYTES ((size_t)64 << 10)  /* read at a time looking for a newline */
#define SEEK_MAX ((uint64_t)16 << 20)  /* a line longer than this: no cut there */
#define RANGES_MAX ((uint64_t)1 << 16)  /* a tiny LEADSIEVE_SPLIT_BYTES on a big file */

static uint64_t range_bytes(void)
{
    const char *env = getenv("LEADSIEVE_SPLIT_BYTES");
    if (env && *env) {
        char *end;
        unsigned long long v = strtoull(env, &end, 10);
        if (*end == '\0' && v >= 16)
            return (uint64_t)v;
    }
    return (uint64_t)32 << 20;
}

/* Where the first value of a file's head starts (past a BOM and blanks),
 * or n when it is compressed or holds none. */
static size_t first_value(const char *h, size_t n)
{
    if (ls_decode_is_compressed(h, n))
        return n;
    size_t i = n >= 3 && memcmp(h, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < n && ls_js_is_ws((unsigned char)h[i]))
        i++;
    return i;
}

/* Whether the head of a file looks like JSONL: a first object that ends
 * on its line.  Only a guess of which reading pays: a file that fails it
 * is read whole, and one that passes is still decided by its reader. */
static int looks_like_jsonl(const char *h, size_t n)
{
    size_t i = first_value(h, n);
    return i < n && h[i] == '{' && ls_js_object_ends_its_line(h + i, n - i);
}

/* Whether the head of a file may be a document whose items are read in
 * ranges: an array or an object that is not a JSONL line.  Its reader
 * decides (a lone lead, or JSONL after all, is read whole). */
static int looks_like_document(const char *h, size_t n)
{
    size_t i = first_value(h, n);
    return i < n && (h[i] == '[' || h[i] == '{');
}

/* The offset just past the first newline at or after from - 1, or
 * UINT64_MAX when there is none within SEEK_MAX or before size. */
static uint64_t line_start(int fd, uint64_t from, uint64_t size, char *buf)
{
    uint64_t p = from - 1;
    while (p < size && p - (from - 1) < SEEK_MAX) {
        ssize_t got = pread(fd, buf, SEEK_BYTES, (off_t)p);
        if (got <= 0)
            return UINT64_MAX;
        const char *nl = memchr(buf, '\n', (size_t)got);
        if (nl)
            return p + (uint64_t)(nl - buf) + 1;
        p += (uint64_t)got;
    }
    return UINT64_MAX;
}

int ls_split_plan(const char *path, const ls_reader_limits *lim, ls_split *out)
{
    memset(out, 0, sizeof *out);
    out->starts = malloc(sizeof *out->starts);
    if (!out->starts)
        return -1;
    out->starts[0] = 0;
    out->n = 1;
    ls_input_format fmt = lim ? lim->format : LS_INPUT_AUTO;
    if (strcmp(path, "-") == 0 || fmt == LS_INPUT_CSV ||
        (fmt == LS_INPUT_AUTO && ls_csv_path_is_csv(path)))
        return 0;
    uint64_t rb = range_bytes();
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size / rb < 2)
        return 0; /* no open for a small file */
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0; /* its reader says why */
    char *buf = NULL;
    uint64_t size = 0, want = 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        size = (uint64_t)st.st_size;
        want = size / rb;
        if (want > RANGES_MAX)
            want = RANGES_MAX;
    }
    if (want >= 2 && (buf = malloc(HEAD_BYTES))) {
        ssize_t got = pread(fd, buf, HEAD_BYTES, 0);
        uint64_t *starts = NULL;
        int jsonl = got > 0 && looks_like_jsonl(buf, (size_t)got);
        int doc = !jsonl && got > 0 && looks_like_document(buf, (size_t)got);
        if ((jsonl || doc) && (starts = realloc(out->starts, want * sizeof *starts))) {
            out->starts = starts;
            uint64_t step = size / want;
            for (uint64_t k = 1; k < want; k++) {
                uint64_t s = doc ? k * step : line_start(fd, k * step, size, buf);
                if (s < size && s > out->starts[out->n - 1])
                    out->starts[out->n++] = s;
            }
            out->doc = doc;
        } else if (jsonl || doc) {
            free(buf);
            close(fd);
            return -1;
        }
    }
    free(buf);
    close(fd);
    return 0;
}

void ls_split_free(ls_split *s)
{
    free(s->starts);
    memset(s, 0, sizeof *s);
}
