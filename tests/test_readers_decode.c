/* Compressed inputs (contract §5a): gzip, multi-member too, and zstd,
 * concatenated frames too, by their magic bytes; what breaks off keeps
 * what came before.  The compressed bytes are made here with zlib and
 * libzstd, so every case is reproducible from this file alone. */
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include "readers/decode.h"
#include "readers/reader.h"

typedef struct {
    unsigned char *p;
    size_t n, cap;
} bytes;

static void put(bytes *b, const void *p, size_t n)
{
    if (b->n + n > b->cap || !b->p) {
        b->cap = (b->n + n) * 2 + 64;
        b->p = realloc(b->p, b->cap);
        ck_assert_ptr_nonnull(b->p);
    }
    if (n)
        memcpy(b->p + b->n, p, n);
    b->n += n;
}

static void put_str(bytes *b, const char *s)
{
    put(b, s, strlen(s));
}

/* One gzip member of text. */
static void put_gzip(bytes *b, const char *text)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    ck_assert_int_eq(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, (uLong)strlen(text)) + 32;
    unsigned char *out = malloc(cap);
    z.next_in = (unsigned char *)text;
    z.avail_in = (uInt)strlen(text);
    z.next_out = out;
    z.avail_out = (uInt)cap;
    ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
    put(b, out, cap - z.avail_out);
    deflateEnd(&z);
    free(out);
}

/* One zstd frame of text, with its checksum. */
static void put_zstd(bytes *b, const char *text)
{
    size_t cap = ZSTD_compressBound(strlen(text));
    unsigned char *out = malloc(cap);
    ZSTD_CCtx *c = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
    size_t n = ZSTD_compress2(c, out, cap, text, strlen(text));
    ck_assert(!ZSTD_isError(n));
    put(b, out, n);
    ZSTD_freeCCtx(c);
    free(out);
}

/* A file holding b, open for reading. */
static int file_of(const bytes *b)
{
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(b->p, 1, b->n, f), b->n);
    fflush(f);
    int fd = dup(fileno(f));
    fclose(f);
    lseek(fd, 0, SEEK_SET);
    return fd;
}

/* How the decoders of decode_all decompress: on the reading thread, on a
 * thread of their own, or as they choose (by size).  Every case of this
 * file that goes through decode_all runs in each mode. */
static int thread_mode = LS_DECODE_THREAD_NEVER;
static const int MODES[] = {LS_DECODE_THREAD_NEVER, LS_DECODE_THREAD_AUTO,
                            LS_DECODE_THREAD_ALWAYS};

/* Reads all of b through a decoder, cap bytes at a time: what was given,
 * and the last result (0 or -1). */
static int decode_all(const bytes *b, size_t cap, bytes *out, char *msg, size_t msglen,
                      const char **codec)
{
    int fd = file_of(b);
    ls_decode *d = ls_decode_new(fd);
    ck_assert_ptr_nonnull(d);
    ls_decode_set_thread(d, thread_mode);
    char *buf = malloc(cap);
    memset(out, 0, sizeof *out);
    ssize_t n;
    while ((n = ls_decode_read(d, buf, cap)) > 0)
        put(out, buf, (size_t)n);
    if (out->n == 0)
        put(out, "", 0);
    snprintf(msg, msglen, "%s", ls_decode_message(d));
    *codec = ls_decode_codec(d);
    ck_assert_uint_eq(ls_decode_given(d), out->n);
    if (n < 0)
        ck_assert_int_eq(ls_decode_data_error(d), 1);
    ck_assert_int_eq(ls_decode_read(d, buf, cap), (int)n); /* stays where it ended */
    ls_decode_free(d);
    free(buf);
    close(fd);
    return (int)n;
}

static const char *const TEXT1 = "{\"leads\": [{\"sales_id\": \"a\"}, {\"sales_id\": \"b\"}]}\n";
static const char *const TEXT2 = "{\"sales_id\": \"c\", \"job_title\": \"VP Sales\"}\n";

static void expect_text(const bytes *got, const char *want)
{
    ck_assert_uint_eq(got->n, strlen(want));
    ck_assert(memcmp(got->p, want, got->n) == 0);
}

static const size_t CAPS[] = {1, 2, 3, 7, 4096};

START_TEST(plain_passes_through)
{
    thread_mode = MODES[_i];
    static const char *const texts[] = {"", "[", "[]", "\x1f\x8b", "\x28\xb5\x2f", "{\"a\": 1}\n"};
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
        for (size_t c = 0; c < sizeof CAPS / sizeof *CAPS; c++) {
            bytes in = {0}, out;
            put_str(&in, texts[t]);
            char msg[200];
            const char *codec;
            ck_assert_int_eq(decode_all(&in, CAPS[c], &out, msg, sizeof msg, &codec), 0);
            expect_text(&out, texts[t]);
            ck_assert_ptr_null(codec);
            free(in.p);
            free(out.p);
        }
}
END_TEST

START_TEST(gzip_members_and_padding)
{
    thread_mode = MODES[_i];
    char want[512];
    snprintf(want, sizeof want, "%s%s%s", TEXT1, TEXT2, TEXT1);
    for (size_t c = 0; c < sizeof CAPS / sizeof *CAPS; c++) {
        bytes in = {0}, out;
        put_gzip(&in, TEXT1);
        put_gzip(&in, ""); /* an empty member between */
        put_gzip(&in, TEXT2);
        put_gzip(&in, TEXT1);
        char msg[200];
        const char *codec;
        ck_assert_int_eq(decode_all(&in, CAPS[c], &out, msg, sizeof msg, &codec), 0);
        expect_text(&out, want);
        ck_assert_str_eq(codec, "gzip");
        free(out.p);
        /* zero bytes after the last member, as some tools pad: the end */
        for (int i = 0; i < 70000; i++)
            put(&in, "", 1);
        ck_assert_int_eq(decode_all(&in, CAPS[c], &out, msg, sizeof msg, &codec), 0);
        expect_text(&out, want);
        free(out.p);
        free(in.p);
    }
}
END_TEST

START_TEST(gzip_trailing_bytes_fail_after_the_data)
{
    thread_mode = MODES[_i];
    bytes in = {0}, out;
    put_gzip(&in, TEXT1);
    put_str(&in, "\n200"); /* curl -w '\n%{http_code}' */
    char msg[200];
    const char *codec;
    ck_assert_int_eq(decode_all(&in, 4096, &out, msg, sizeof msg, &codec), -1);
    expect_text(&out, TEXT1);
    char want[200];
    snprintf(want, sizeof want,
             "gzip data followed by bytes that are not gzip after %zu decompressed bytes "
             "(compressed byte %zu)",
             strlen(TEXT1), in.n - 4);
    ck_assert_str_eq(msg, want);
    free(out.p);
    free(in.p);
}
END_TEST

START_TEST(gzip_cut_anywhere_gives_a_prefix_then_fails)
{
    thread_mode = MODES[_i];
    bytes whole = {0};
    put_gzip(&whole, TEXT1);
    put_gzip(&whole, TEXT2);
    char full[512];
    snprintf(full, sizeof full, "%s%s", TEXT1, TEXT2);
    size_t first_member = 0;
    {
        bytes one = {0};
        put_gzip(&one, TEXT1);
        first_member = one.n;
        free(one.p);
    }
    for (size_t cut = 3; cut < whole.n; cut++) {
        if (cut == first_member)
            continue; /* a whole member: a complete input */
        bytes in = {0}, out;
        put(&in, whole.p, cut);
        char msg[200];
        const char *codec;
        ck_assert_int_eq(decode_all(&in, 5, &out, msg, sizeof msg, &codec), -1);
        ck_assert_uint_le(out.n, strlen(full));
        ck_assert(memcmp(out.p, full, out.n) == 0);
        ck_assert_msg(strstr(msg, "gzip data ends early (truncated?)") ||
                          strstr(msg, "gzip data corrupt"),
                      "cut %zu: %s", cut, msg);
        free(out.p);
        free(in.p);
    }
    free(whole.p);
}
END_TEST

START_TEST(gzip_corrupt)
{
    thread_mode = MODES[_i];
    bytes in = {0}, out;
    put_gzip(&in, TEXT1);
    in.p[in.n - 6] ^= 0xff; /* the CRC of the data */
    char msg[200];
    const char *codec;
    ck_assert_int_eq(decode_all(&in, 4096, &out, msg, sizeof msg, &codec), -1);
    /* the check is the 4 bytes after the data: the place is just past them */
    char want[200];
    snprintf(want, sizeof want,
             "gzip data corrupt (incorrect data check) after %zu decompressed bytes "
             "(compressed byte %zu)",
             strlen(TEXT1), in.n - 4);
    ck_assert_str_eq(msg, want);
    free(out.p);
    free(in.p);
}
END_TEST

/* Reads a file of the source tree. */
static void put_file(bytes *b, const char *rel)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", LS_SOURCE_DIR, rel);
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    unsigned char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        put(b, buf, n);
    fclose(f);
}

START_TEST(gzip_corrupt_distance_reads_alike_after_any_member)
{
    /* A corrupt member whose distance reaches past its start (zlib: "invalid
     * distance too far back"), after members of different texts: what it
     * decompresses to must not depend on the history they left behind. */
    thread_mode = MODES[_i];
    static const char *const fill[2] = {"xyzxyzxy", "01234567"};
    bytes tail[2] = {{0}, {0}};
    char msg[2][200];
    for (int k = 0; k < 2; k++) {
        bytes text = {0}, in = {0}, out;
        for (int i = 0; i < 5000; i++)
            put_str(&text, fill[k]);
        put(&text, "", 1);
        put_gzip(&in, (const char *)text.p);
        put_file(&in, "tests/fuzz/regressions/reader/gzip-distance-before-member-start");
        const char *codec;
        ck_assert_int_eq(decode_all(&in, 4096, &out, msg[k], sizeof msg[k], &codec), -1);
        ck_assert_uint_ge(out.n, 40000);
        ck_assert(memcmp(out.p, text.p, 40000) == 0);
        put(&tail[k], out.p + 40000, out.n - 40000);
        free(out.p);
        free(in.p);
        free(text.p);
    }
    ck_assert_uint_gt(tail[0].n, 0);
    ck_assert_uint_eq(tail[0].n, tail[1].n);
    ck_assert(memcmp(tail[0].p, tail[1].p, tail[0].n) == 0);
    ck_assert_ptr_nonnull(strstr(msg[0], "gzip data corrupt"));
    free(tail[0].p);
    free(tail[1].p);
}
END_TEST

START_TEST(zstd_frames_and_failures)
{
    thread_mode = MODES[_i];
    char want[512];
    snprintf(want, sizeof want, "%s%s", TEXT2, TEXT1);
    /* cut short, read in one go: how much comes out before the failure;
     * any read size must give exactly as much (what the decoder holds is
     * flushed at the end) */
    size_t cut_given;
    {
        bytes in = {0}, out;
        put_zstd(&in, TEXT2);
        put_zstd(&in, TEXT1);
        in.n -= 20; /* inside the second frame's data */
        char msg[200];
        const char *codec;
        ck_assert_int_eq(decode_all(&in, 4096, &out, msg, sizeof msg, &codec), -1);
        cut_given = out.n;
        free(out.p);
        free(in.p);
    }
    for (size_t c = 0; c < sizeof CAPS / sizeof *CAPS; c++) {
        bytes in = {0}, out;
        put_zstd(&in, TEXT2);
        put_zstd(&in, TEXT1);
        char msg[200];
        const char *codec;
        ck_assert_int_eq(decode_all(&in, CAPS[c], &out, msg, sizeof msg, &codec), 0);
        expect_text(&out, want);
        ck_assert_str_eq(codec, "zstd");
        free(out.p);
        /* cut short: the first frame, then the failure */
        size_t n = in.n;
        in.n -= 20;
        ck_assert_int_eq(decode_all(&in, CAPS[c], &out, msg, sizeof msg, &codec), -1);
        ck_assert(out.n >= strlen(TEXT2) && memcmp(out.p, want, out.n) == 0);
        ck_assert_uint_eq(out.n, cut_given);
        ck_assert_ptr_nonnull(strstr(msg, "zstd data ends early (truncated?)"));
        free(out.p);
        /* followed by something that is not a frame */
        in.n = n;
        put_str(&in, "\n200");
        ck_assert_int_eq(decode_all(&in, CAPS[c], &out, msg, sizeof msg, &codec), -1);
        expect_text(&out, want);
        ck_assert_ptr_nonnull(strstr(msg, "zstd data followed by bytes that are not zstd"));
        free(out.p);
        free(in.p);
    }
}
END_TEST

/* ---- through a source: every shape reads the same compressed ---- */

static int nd, saw_cut;
static void on_diag(void *user, const ls_diag *d)
{
    (void)user;
    nd++;
    if (d->kind == LS_DIAG_IO && strstr(d->message, "gzip data ends early (truncated?)") &&
        strstr(d->message, "; what came before it is read"))
        saw_cut++;
}
static const ls_diag_sink SINK = {on_diag, NULL};

/* Writes b to a file named name in a fresh directory; returns its path. */
static char dir[64];
static const char *write_file(const char *name, const bytes *b)
{
    snprintf(dir, sizeof dir, "/tmp/ls_decode_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(b->p, 1, b->n, f), b->n);
    fclose(f);
    return path;
}

static void remove_file(const char *path)
{
    unlink(path);
    rmdir(dir);
}

/* Reads path with chunk bytes per read: the sales_ids joined, the last
 * result of ls_source_next, malformed records. */
static size_t record_limit; /* 0: the default */

static int read_ids(const char *path, size_t chunk, char *ids, size_t idlen, uint64_t *mal)
{
    ls_reader_limits lim = {0};
    lim.chunk_bytes = chunk;
    lim.max_record_bytes = record_limit;
    ls_source *src = NULL;
    ck_assert_int_eq(ls_source_open(path, &lim, &src), LS_OK);
    ls_item it;
    int r;
    ids[0] = '\0';
    nd = 0;
    *mal = 0;
    while ((r = ls_source_next(src, &it, &SINK, mal)) == 1) {
        const ls_jval *v = &it.lead->f[LS_F_SALES_ID];
        size_t l = strlen(ids);
        snprintf(ids + l, idlen - l, "%.*s,", (int)v->len, v->p);
    }
    ls_source_close(src);
    return r;
}

START_TEST(sources_read_compressed_shapes)
{
    static const char *const docs[] = {
        "[{\"sales_id\": \"a\"}, {\"sales_id\": \"b\"}]",
        "{\"leads\": [{\"sales_id\": \"a\"}, {\"sales_id\": \"b\"}]}",
        "{\"sales_id\": \"a\"}\n{\"sales_id\": \"b\"}\n",
        "{\"leads\": [{\"sales_id\": \"a\"}]}\n{\"leads\": [{\"sales_id\": \"b\"}]}\n",
    };
    static const size_t chunks[] = {1, 5, 4096};
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++)
        for (int z = 0; z < 2; z++)
            for (size_t c = 0; c < sizeof chunks / sizeof *chunks; c++) {
                bytes in = {0};
                /* a name that says nothing: the bytes decide */
                if (z)
                    put_zstd(&in, docs[i]);
                else
                    put_gzip(&in, docs[i]);
                const char *path = write_file("leads.json", &in);
                char ids[256];
                uint64_t mal;
                ck_assert_int_eq(read_ids(path, chunks[c], ids, sizeof ids, &mal), 0);
                ck_assert_msg(strcmp(ids, "a,b,") == 0, "doc %zu z %d chunk %zu: %s", i, z,
                              chunks[c], ids);
                ck_assert_int_eq(nd, 0);
                remove_file(path);
                free(in.p);
            }
}
END_TEST

/* Compressed bytes held in memory (a program's buffer) read as from a
 * file: the same leads, the same failure at a break.  Returns the last
 * result of ls_source_next after the one lead. */
static int read_memory_lead(const bytes *in)
{
    ls_source *src = NULL;
    ck_assert_int_eq(ls_source_open_memory("mem", (const char *)in->p, in->n, NULL, &src), LS_OK);
    ls_item it;
    uint64_t mal = 0;
    nd = 0;
    ck_assert_int_eq(ls_source_next(src, &it, &SINK, &mal), 1);
    ck_assert_int_eq((int)it.lead->f[LS_F_SALES_ID].len, 1);
    ck_assert_int_eq(it.lead->f[LS_F_SALES_ID].p[0], 'a');
    int r = ls_source_next(src, &it, &SINK, &mal);
    ls_source_close(src);
    return r;
}

START_TEST(memory_sources_decompress_too)
{
    bytes in = {0};
    put_gzip(&in, "{\"sales_id\": \"a\"}\n");
    ck_assert_int_eq(read_memory_lead(&in), 0);
    ck_assert_int_eq(nd, 0);
    put_zstd(&in, "x"); /* not another gzip member */
    ck_assert_int_eq(read_memory_lead(&in), -1);
    ck_assert_int_eq(nd, 1);
    in.n = 0;
    put_zstd(&in, "{\"sales_id\": \"a\"}\n");
    ck_assert_int_eq(read_memory_lead(&in), 0);
    ck_assert_int_eq(nd, 0);
    free(in.p);
}
END_TEST

/* Limits count decompressed bytes (§5a): a 100-byte line compresses to
 * fewer than 64 bytes, and is still over a 64-byte record limit. */
START_TEST(record_limit_counts_decompressed_bytes)
{
    char text[256];
    snprintf(text, sizeof text, "{\"sales_id\": \"a\"}\n{\"sales_id\": \"b\", \"x\": \"%080d\"}\n"
                                "{\"sales_id\": \"c\"}\n", 0);
    bytes in = {0};
    put_gzip(&in, text);
    ck_assert_uint_lt(in.n, 100);
    const char *path = write_file("leads.jsonl.gz", &in);
    char ids[64];
    uint64_t mal;
    record_limit = 64;
    ck_assert_int_eq(read_ids(path, 7, ids, sizeof ids, &mal), 0);
    record_limit = 0;
    ck_assert_str_eq(ids, "a,c,");
    ck_assert_uint_eq(mal, 1);
    ck_assert_int_eq(nd, 1);
    remove_file(path);
    free(in.p);
}
END_TEST

START_TEST(source_cut_short_keeps_what_came_before)
{
    bytes in = {0}, jsonl = {0};
    for (int i = 0; i < 200; i++) {
        char line[64];
        snprintf(line, sizeof line, "{\"sales_id\": \"%d\"}\n", i);
        put_str(&jsonl, line);
    }
    put(&jsonl, "", 1);
    put_gzip(&in, (const char *)jsonl.p);
    in.n -= 10; /* the trailer and some data */
    const char *path = write_file("leads.jsonl.gz", &in);
    char ids[4096];
    uint64_t mal;
    saw_cut = 0;
    ck_assert_int_eq(read_ids(path, 64, ids, sizeof ids, &mal), -1); /* the input failed */
    ck_assert_int_eq(saw_cut, 1);
    /* what came before it is read, in order: at least 190 of the 200 */
    char want[4096] = "";
    int n = 0;
    for (const char *p = ids; (p = strchr(p, ',')) != NULL; p++)
        n++;
    for (int i = 0; i < n; i++)
        snprintf(want + strlen(want), sizeof want - strlen(want), "%d,", i);
    ck_assert_str_eq(ids, want);
    ck_assert_int_ge(n, 190);
    ck_assert_int_lt(n, 200);
    remove_file(path);
    free(in.p);
    free(jsonl.p);
}
END_TEST

/* ---- the decompression thread: large inputs, early stops ---- */

/* n JSONL lines of leads with a pseudo-random hex member each, so that
 * they compress to about half (more than one 64 KiB input buffer). */
static void make_lines(bytes *b, int n)
{
    unsigned x = 12345;
    for (int i = 0; i < n; i++) {
        char line[160], hex[65];
        for (int k = 0; k < 64; k++) {
            x = x * 1103515245u + 12345u;
            hex[k] = "0123456789abcdef"[(x >> 16) & 15];
        }
        hex[64] = '\0';
        snprintf(line, sizeof line, "{\"sales_id\": \"%d\", \"x\": \"%s\"}\n", i, hex);
        put_str(b, line);
    }
}

/* Reads b whole in every mode with 4096-byte reads: the same bytes and
 * the same last result and message each time; returns NEVER's. */
static int decode_every_mode(const bytes *b, bytes *out, char *msg, size_t msglen)
{
    int last = 0;
    char first_msg[200] = "";
    bytes first = {0};
    for (size_t m = 0; m < 3; m++) {
        thread_mode = MODES[m];
        bytes got;
        char got_msg[200];
        const char *codec;
        int r = decode_all(b, 4096, &got, got_msg, sizeof got_msg, &codec);
        if (m == 0) {
            last = r;
            first = got;
            snprintf(first_msg, sizeof first_msg, "%s", got_msg);
            continue;
        }
        ck_assert_int_eq(r, last);
        ck_assert_str_eq(got_msg, first_msg);
        ck_assert_uint_eq(got.n, first.n);
        ck_assert(memcmp(got.p, first.p, got.n) == 0);
        free(got.p);
    }
    *out = first;
    snprintf(msg, msglen, "%s", first_msg);
    return last;
}

START_TEST(threaded_many_members_and_padding)
{
    /* 5000 members of one line each, then 100,000 zero bytes */
    bytes text = {0}, in = {0}, out;
    make_lines(&text, 5000);
    put(&text, "", 1);
    const char *p = (const char *)text.p;
    for (const char *nl; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
        char line[160];
        snprintf(line, sizeof line, "%.*s", (int)(nl + 1 - p), p);
        put_gzip(&in, line);
    }
    text.n--; /* the NUL */
    ck_assert_uint_gt(in.n, 65536);
    for (int i = 0; i < 100000; i++)
        put(&in, "", 1);
    char msg[200];
    ck_assert_int_eq(decode_every_mode(&in, &out, msg, sizeof msg), 0);
    ck_assert_uint_eq(out.n, text.n);
    ck_assert(memcmp(out.p, text.p, text.n) == 0);
    ck_assert_str_eq(msg, "");
    /* a byte that is not zero at the very end of the padding */
    in.p[in.n - 1] = 'x';
    free(out.p);
    ck_assert_int_eq(decode_every_mode(&in, &out, msg, sizeof msg), -1);
    ck_assert_uint_eq(out.n, text.n);
    char want[200];
    snprintf(want, sizeof want,
             "gzip data followed by bytes that are not gzip after %zu decompressed bytes "
             "(compressed byte %zu)",
             text.n, in.n - 1);
    ck_assert_str_eq(msg, want);
    free(out.p);
    free(in.p);
    free(text.p);
}
END_TEST

START_TEST(threaded_failures_at_the_same_place)
{
    bytes text = {0};
    make_lines(&text, 20000); /* 1.8 MB: several ring buffers */
    put(&text, "", 1);
    text.n--;
    for (int z = 0; z < 2; z++) {
        bytes in = {0}, out;
        char msg[200], want[200];
        if (z)
            put_zstd(&in, (const char *)text.p);
        else
            put_gzip(&in, (const char *)text.p);
        ck_assert_uint_gt(in.n, 65536);
        /* whole */
        ck_assert_int_eq(decode_every_mode(&in, &out, msg, sizeof msg), 0);
        ck_assert_uint_eq(out.n, text.n);
        ck_assert(memcmp(out.p, text.p, text.n) == 0);
        free(out.p);
        if (!z) {
            /* the CRC wrong: every byte given, then the failure just past it */
            in.p[in.n - 7] ^= 0x01;
            ck_assert_int_eq(decode_every_mode(&in, &out, msg, sizeof msg), -1);
            ck_assert_uint_eq(out.n, text.n);
            snprintf(want, sizeof want,
                     "gzip data corrupt (incorrect data check) after %zu decompressed bytes "
                     "(compressed byte %zu)",
                     text.n, in.n - 4);
            ck_assert_str_eq(msg, want);
            free(out.p);
            in.p[in.n - 7] ^= 0x01;
            /* the length wrong */
            in.p[in.n - 1] ^= 0x01;
            ck_assert_int_eq(decode_every_mode(&in, &out, msg, sizeof msg), -1);
            snprintf(want, sizeof want,
                     "gzip data corrupt (incorrect length check) after %zu decompressed bytes "
                     "(compressed byte %zu)",
                     text.n, in.n);
            ck_assert_str_eq(msg, want);
            free(out.p);
            in.p[in.n - 1] ^= 0x01;
        }
        /* cut in the middle: a prefix, then "ends early" at the end of the input */
        in.n = in.n / 2;
        ck_assert_int_eq(decode_every_mode(&in, &out, msg, sizeof msg), -1);
        ck_assert_uint_gt(out.n, text.n / 3);
        ck_assert_uint_lt(out.n, text.n);
        ck_assert(memcmp(out.p, text.p, out.n) == 0);
        snprintf(want, sizeof want,
                 "%s data ends early (truncated?) after %zu decompressed bytes (compressed byte %zu)",
                 z ? "zstd" : "gzip", out.n, in.n);
        ck_assert_str_eq(msg, want);
        free(out.p);
        free(in.p);
    }
    free(text.p);
}
END_TEST

/* The reader stops while the thread is mid-stream (a --limit, a cancel):
 * freeing the decoder ends the thread, whatever it was doing. */
START_TEST(threaded_early_stop)
{
    bytes text = {0};
    make_lines(&text, 20000);
    put(&text, "", 1);
    text.n--;
    static const size_t stops[] = {0, 1, 100, 300000, 1000000};
    for (int z = 0; z < 2; z++) {
        bytes in = {0};
        if (z)
            put_zstd(&in, (const char *)text.p);
        else
            put_gzip(&in, (const char *)text.p);
        for (size_t k = 0; k < sizeof stops / sizeof *stops; k++) {
            int fd = file_of(&in);
            ls_decode *d = ls_decode_new(fd);
            ck_assert_ptr_nonnull(d);
            ls_decode_set_thread(d, LS_DECODE_THREAD_ALWAYS);
            char *buf = malloc(stops[k] + 1);
            size_t got = 0;
            while (got < stops[k]) {
                ssize_t n = ls_decode_read(d, buf + got, stops[k] - got);
                ck_assert_int_gt(n, 0);
                got += (size_t)n;
            }
            ck_assert(memcmp(buf, text.p, got) == 0);
            ck_assert_uint_eq(ls_decode_given(d), stops[k]);
            ls_decode_free(d);
            free(buf);
            close(fd);
        }
        free(in.p);
    }
    free(text.p);
}
END_TEST

/* A large compressed input in memory goes through the thread too (it is
 * more than one input buffer): the same leads as the plain text, and a
 * break said the same way. */
START_TEST(threaded_memory_source)
{
    bytes text = {0}, in = {0};
    make_lines(&text, 20000);
    put(&text, "", 1);
    put_gzip(&in, (const char *)text.p);
    for (int cut = 0; cut < 2; cut++) {
        if (cut)
            in.n -= 1000;
        ls_source *src = NULL;
        ck_assert_int_eq(ls_source_open_memory("mem.jsonl", (const char *)in.p, in.n, NULL, &src),
                         LS_OK);
        ls_item it;
        uint64_t mal = 0, leads = 0;
        int r;
        nd = saw_cut = 0;
        while ((r = ls_source_next(src, &it, &SINK, &mal)) == 1) {
            char want[16];
            snprintf(want, sizeof want, "%llu", (unsigned long long)leads);
            const ls_jval *v = &it.lead->f[LS_F_SALES_ID];
            ck_assert_int_eq((int)v->len, (int)strlen(want));
            ck_assert(memcmp(v->p, want, v->len) == 0);
            leads++;
        }
        ls_source_close(src);
        if (!cut) {
            ck_assert_int_eq(r, 0);
            ck_assert_uint_eq(leads, 20000);
            ck_assert_int_eq(nd, 0);
        } else {
            ck_assert_int_eq(r, -1);
            ck_assert_uint_gt(leads, 19000);
            ck_assert_uint_lt(leads, 20000);
            ck_assert_int_eq(saw_cut, 1);
        }
    }
    free(in.p);
    free(text.p);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("readers_decode");
    TCase *tc = tcase_create("decode");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, plain_passes_through, 0, 3);
    tcase_add_loop_test(tc, gzip_members_and_padding, 0, 3);
    tcase_add_loop_test(tc, gzip_trailing_bytes_fail_after_the_data, 0, 3);
    tcase_add_loop_test(tc, gzip_cut_anywhere_gives_a_prefix_then_fails, 0, 3);
    tcase_add_loop_test(tc, gzip_corrupt, 0, 3);
    tcase_add_loop_test(tc, gzip_corrupt_distance_reads_alike_after_any_member, 0, 3);
    tcase_add_loop_test(tc, zstd_frames_and_failures, 0, 3);
    tcase_add_test(tc, sources_read_compressed_shapes);
    tcase_add_test(tc, memory_sources_decompress_too);
    tcase_add_test(tc, record_limit_counts_decompressed_bytes);
    tcase_add_test(tc, source_cut_short_keeps_what_came_before);
    tcase_add_test(tc, threaded_many_members_and_padding);
    tcase_add_test(tc, threaded_failures_at_the_same_place);
    tcase_add_test(tc, threaded_early_stop);
    tcase_add_test(tc, threaded_memory_source);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
