#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "engine/spool.h"

/* Record: int32 persona, uint64 length, bytes (native order: the file
 * never outlives the process). */
enum { LS_REC_HEAD = 12, LS_SPOOL_FILE_BUF = 1 << 20 };

static void put_head(char *h, int persona, size_t n)
{
    int32_t p = (int32_t)persona;
    uint64_t len = (uint64_t)n;
    memcpy(h, &p, 4);
    memcpy(h + 4, &len, 8);
}

static void get_head(const char *h, int *persona, uint64_t *n)
{
    int32_t p;
    memcpy(&p, h, 4);
    memcpy(n, h + 4, 8);
    *persona = p;
}

ls_status ls_spool_append(ls_spool *s, int persona, const char *p, size_t n)
{
    char head[LS_REC_HEAD];
    put_head(head, persona, n);
    if (s->file) {
        if (fwrite(head, 1, sizeof head, s->file) != sizeof head ||
            (n && fwrite(p, 1, n, s->file) != n))
            return LS_E_IO;
    } else {
        if (ls_buf_reserve(&s->mem, sizeof head + n) != 0)
            return LS_E_NOMEM;
        ls_buf_append(&s->mem, head, sizeof head);
        ls_buf_append(&s->mem, p, n);
    }
    s->count++;
    return LS_OK;
}

size_t ls_spool_mem_bytes(const ls_spool *s)
{
    return s->mem.cap;
}

ls_status ls_spool_spill(ls_spool *s)
{
    if (s->file)
        return LS_OK;
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    ls_buf path = {0};
    if (ls_buf_printf(&path, "%s/leadsieve-spool-XXXXXX", dir) != 0)
        return LS_E_NOMEM;
    int fd = mkstemp(path.data);
    if (fd < 0) {
        ls_buf_free(&path);
        return LS_E_IO;
    }
    unlink(path.data); /* gone with the process, whatever happens */
    ls_buf_free(&path);
    FILE *f = fdopen(fd, "w+");
    if (!f) {
        close(fd);
        return LS_E_IO;
    }
    char *buf = malloc(LS_SPOOL_FILE_BUF);
    if (buf)
        setvbuf(f, buf, _IOFBF, LS_SPOOL_FILE_BUF);
    if (s->mem.len && fwrite(s->mem.data, 1, s->mem.len, f) != s->mem.len) {
        int e = errno;
        fclose(f);
        free(buf);
        errno = e;
        return LS_E_IO;
    }
    s->file = f;
    s->file_buf = buf;
    ls_buf_free(&s->mem);
    return LS_OK;
}

static ls_status foreach_mem(ls_spool *s, uint64_t max, ls_spool_fn fn, void *user,
                             int *stopped)
{
    size_t pos = 0;
    for (uint64_t i = 0; i < max && i < s->count; i++) {
        int persona;
        uint64_t n;
        get_head(s->mem.data + pos, &persona, &n);
        pos += LS_REC_HEAD;
        if (fn(user, s->mem.data + pos, (size_t)n, persona)) {
            *stopped = 1;
            break;
        }
        pos += (size_t)n;
    }
    return LS_OK;
}

static ls_status foreach_file(ls_spool *s, uint64_t max, ls_buf *scratch, ls_spool_fn fn,
                              void *user, int *stopped)
{
    if (fflush(s->file) != 0 || fseeko(s->file, 0, SEEK_SET) != 0)
        return LS_E_IO;
    ls_status st = LS_OK;
    for (uint64_t i = 0; i < max && i < s->count; i++) {
        char head[LS_REC_HEAD];
        int persona;
        uint64_t n;
        if (fread(head, 1, sizeof head, s->file) != sizeof head) {
            st = LS_E_IO;
            break;
        }
        get_head(head, &persona, &n);
        ls_buf_clear(scratch);
        if (n > SIZE_MAX - 1 || ls_buf_reserve(scratch, (size_t)n) != 0) {
            st = LS_E_NOMEM;
            break;
        }
        if (n && fread(scratch->data, 1, (size_t)n, s->file) != n) {
            st = LS_E_IO;
            break;
        }
        scratch->len = (size_t)n;
        if (fn(user, scratch->data, (size_t)n, persona)) {
            *stopped = 1;
            break;
        }
    }
    /* Back to the end so that later appends follow the last record. */
    if (fseeko(s->file, 0, SEEK_END) != 0 && st == LS_OK)
        st = LS_E_IO;
    return st;
}

ls_status ls_spool_foreach(ls_spool *s, uint64_t max, ls_buf *scratch, ls_spool_fn fn,
                           void *user, int *stopped)
{
    *stopped = 0;
    return s->file ? foreach_file(s, max, scratch, fn, user, stopped)
                   : foreach_mem(s, max, fn, user, stopped);
}

void ls_spool_free(ls_spool *s)
{
    if (s->file)
        fclose(s->file);
    free(s->file_buf);
    ls_buf_free(&s->mem);
    memset(s, 0, sizeof *s);
}
