/* Streaming decompression speed of the codecs leadsieve can read through,
 * each with the buffers decode.c uses (64 KiB in, OUT KiB out), the output
 * thrown away: what choosing zlib or ISA-L for gzip, and the zstd output
 * size, is based on.  bench/codecs.sh builds and runs it.
 *
 *   codecs zlib|isal|zstd OUT_KIB FILE...   prints seconds and bytes out */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <isa-l/igzip_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#define IN_CAP ((size_t)64 << 10)

static unsigned char in[IN_CAP];
static unsigned char *out;
static size_t out_cap;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static unsigned long long run_zlib(int fd)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    inflateInit2(&z, 16 + MAX_WBITS);
    unsigned long long total = 0;
    ssize_t n;
    while ((n = read(fd, in, IN_CAP)) > 0) {
        z.next_in = in;
        z.avail_in = (uInt)n;
        while (z.avail_in) {
            z.next_out = out;
            z.avail_out = (uInt)out_cap;
            int r = inflate(&z, Z_NO_FLUSH);
            total += out_cap - z.avail_out;
            if (r == Z_STREAM_END)
                inflateReset(&z);
            else if (r != Z_OK && r != Z_BUF_ERROR)
                return 0;
        }
    }
    inflateEnd(&z);
    return total;
}

static unsigned long long run_isal(int fd)
{
    static struct inflate_state s;
    isal_inflate_init(&s);
    s.crc_flag = ISAL_GZIP;
    unsigned long long total = 0;
    ssize_t n;
    while ((n = read(fd, in, IN_CAP)) > 0) {
        s.next_in = in;
        s.avail_in = (uint32_t)n;
        while (s.avail_in || s.block_state == ISAL_BLOCK_FINISH) {
            if (s.block_state == ISAL_BLOCK_FINISH) {
                if (!s.avail_in)
                    break;
                unsigned char *p = s.next_in;
                uint32_t a = s.avail_in;
                isal_inflate_reset(&s);
                s.crc_flag = ISAL_GZIP;
                s.next_in = p;
                s.avail_in = a;
            }
            s.next_out = out;
            s.avail_out = (uint32_t)out_cap;
            if (isal_inflate(&s) != ISAL_DECOMP_OK)
                return 0;
            total += out_cap - s.avail_out;
            if (s.avail_out && s.avail_in == 0 && s.block_state != ISAL_BLOCK_FINISH)
                break;
        }
    }
    return total;
}

static unsigned long long run_zstd(int fd)
{
    static ZSTD_DStream *zs;
    if (!zs)
        zs = ZSTD_createDStream();
    ZSTD_initDStream(zs);
    unsigned long long total = 0;
    ssize_t n;
    while ((n = read(fd, in, IN_CAP)) > 0) {
        ZSTD_inBuffer i = {in, (size_t)n, 0};
        while (i.pos < i.size) {
            ZSTD_outBuffer o = {out, out_cap, 0};
            if (ZSTD_isError(ZSTD_decompressStream(zs, &o, &i)))
                return 0;
            total += o.pos;
        }
    }
    for (;;) { /* what the decoder still holds */
        ZSTD_inBuffer i = {in, 0, 0};
        ZSTD_outBuffer o = {out, out_cap, 0};
        ZSTD_decompressStream(zs, &o, &i);
        total += o.pos;
        if (o.pos < out_cap)
            break;
    }
    return total;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: codecs zlib|isal|zstd OUT_KIB FILE...\n");
        return 2;
    }
    out_cap = (size_t)atoi(argv[2]) << 10;
    out = malloc(out_cap);
    unsigned long long total = 0;
    double t0 = now();
    for (int k = 3; k < argc; k++) {
        int fd = open(argv[k], O_RDONLY);
        if (fd < 0)
            return 1;
        unsigned long long got = strcmp(argv[1], "zlib") == 0   ? run_zlib(fd)
                                 : strcmp(argv[1], "isal") == 0 ? run_isal(fd)
                                                                : run_zstd(fd);
        close(fd);
        if (!got) {
            fprintf(stderr, "%s: failed\n", argv[k]);
            return 1;
        }
        total += got;
    }
    printf("%s out %s KiB: %.3f s, %llu bytes\n", argv[1], argv[2], now() - t0, total);
    return 0;
}
