/* Transparent decompression: see decode.h.  zlib reads gzip (streaming,
 * members one after another through inflateReset); libzstd's streaming
 * decoder reads concatenated frames by itself. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include "readers/decode.h"

#define IN_CAP ((size_t)64 << 10)
/* Decompressed bytes are made into a buffer of their own and handed out
 * from it, so that what the codecs see, and therefore where and how a
 * break shows, never depends on how much the caller asks for at a time. */
#define STAGE_CAP ((size_t)128 << 10)

enum state { D_SNIFF, D_PLAIN, D_GZIP, D_ZSTD, D_END, D_FAILED };

struct ls_decode {
    int fd;
    ls_decode_pull pull;   /* instead of read(fd) when set */
    void *pull_user;
    enum state state;
    const char *codec;     /* "gzip", "zstd", or NULL: plain */
    unsigned char peek[4]; /* the first bytes, read to tell the codec */
    size_t npeek, peek_pos;
    unsigned char *in;     /* compressed bytes */
    size_t in_pos, in_len;
    int in_eof;
    uint64_t in_total;     /* compressed bytes consumed, for messages */
    uint64_t out_total;    /* bytes decompressed */
    unsigned char *stage;  /* decompressed, not yet given */
    size_t stage_pos, stage_len;
    z_stream z;
    int z_live;
    ZSTD_DStream *zs;
    size_t zs_last;        /* 0 when the last frame was complete */
    int data_error;
    char message[160];
};

ls_decode *ls_decode_new(int fd)
{
    ls_decode *d = calloc(1, sizeof *d);
    if (d)
        d->fd = fd;
    return d;
}

ls_decode *ls_decode_new_plain(int fd)
{
    ls_decode *d = ls_decode_new(fd);
    if (d)
        d->state = D_PLAIN;
    return d;
}

ls_decode *ls_decode_new_pull(ls_decode_pull pull, void *user)
{
    ls_decode *d = ls_decode_new(-1);
    if (d) {
        d->pull = pull;
        d->pull_user = user;
    }
    return d;
}

static const unsigned char GZIP_MAGIC[3] = {0x1f, 0x8b, 0x08};
static const unsigned char ZSTD_MAGIC[4] = {0x28, 0xb5, 0x2f, 0xfd};

int ls_decode_is_compressed(const void *head, size_t n)
{
    return (n >= 3 && memcmp(head, GZIP_MAGIC, 3) == 0) ||
           (n >= 4 && memcmp(head, ZSTD_MAGIC, 4) == 0);
}

void ls_decode_free(ls_decode *d)
{
    if (!d)
        return;
    if (d->z_live)
        inflateEnd(&d->z);
    ZSTD_freeDStream(d->zs);
    free(d->in);
    free(d->stage);
    free(d);
}

const char *ls_decode_codec(const ls_decode *d)
{
    return d ? d->codec : NULL;
}

uint64_t ls_decode_given(const ls_decode *d)
{
    return d ? d->out_total : 0;
}

const char *ls_decode_message(const ls_decode *d)
{
    return d ? d->message : "";
}

int ls_decode_data_error(const ls_decode *d)
{
    return d && d->data_error;
}

static ssize_t fail_read(ls_decode *d)
{
    int saved = errno;
    snprintf(d->message, sizeof d->message, "read error: %s", strerror(saved));
    d->state = D_FAILED;
    errno = saved;
    return -1;
}

static ssize_t fail_memory(ls_decode *d)
{
    snprintf(d->message, sizeof d->message, "out of memory for %s decompression", d->codec);
    d->state = D_FAILED;
    errno = ENOMEM;
    return -1;
}

/* why: "corrupt", "ends early (truncated?)", ...; detail: the codec's own
 * words, or NULL. */
static ssize_t fail_data(ls_decode *d, const char *why, const char *detail)
{
    snprintf(d->message, sizeof d->message,
             "%s data %s%s%s%s after %llu decompressed bytes (compressed byte %llu)", d->codec,
             why, detail ? " (" : "", detail ? detail : "", detail ? ")" : "",
             (unsigned long long)d->out_total, (unsigned long long)d->in_total);
    d->data_error = 1;
    d->state = D_FAILED;
    errno = EILSEQ;
    return -1;
}

/* read() without EINTR: bytes read, 0 at the end, -1 on error. */
static ssize_t read_some(ls_decode *d, void *buf, size_t cap)
{
    for (;;) {
        ssize_t n = d->pull ? d->pull(d->pull_user, buf, cap) : read(d->fd, buf, cap);
        if (n >= 0 || errno != EINTR)
            return n;
    }
}

/* Makes sure at least want unread compressed bytes are held, unless the
 * input ends first.  0, or -1 on a read error. */
static int need_in(ls_decode *d, size_t want)
{
    if (d->in_pos > 0 && d->in_pos == d->in_len)
        d->in_pos = d->in_len = 0;
    while (d->in_len - d->in_pos < want && !d->in_eof) {
        if (d->in_pos > 0) {
            memmove(d->in, d->in + d->in_pos, d->in_len - d->in_pos);
            d->in_len -= d->in_pos;
            d->in_pos = 0;
        }
        ssize_t n = read_some(d, d->in + d->in_len, IN_CAP - d->in_len);
        if (n < 0)
            return -1;
        if (n == 0)
            d->in_eof = 1;
        d->in_len += (size_t)n;
    }
    return 0;
}

/* Looks at the first bytes and sets up the codec they name. */
static ssize_t sniff(ls_decode *d)
{
    while (d->npeek < sizeof d->peek) {
        ssize_t n = read_some(d, d->peek + d->npeek, sizeof d->peek - d->npeek);
        if (n < 0)
            return fail_read(d);
        if (n == 0)
            break;
        d->npeek += (size_t)n;
    }
    int is_gz = d->npeek >= 3 && memcmp(d->peek, GZIP_MAGIC, 3) == 0;
    int is_zst = d->npeek >= 4 && memcmp(d->peek, ZSTD_MAGIC, 4) == 0;
    if (!is_gz && !is_zst) {
        d->state = D_PLAIN;
        return 0;
    }
    d->codec = is_gz ? "gzip" : "zstd";
    d->in = malloc(IN_CAP);
    d->stage = malloc(STAGE_CAP);
    if (!d->in || !d->stage)
        return fail_memory(d);
    memcpy(d->in, d->peek, d->npeek);
    d->in_len = d->npeek;
    d->peek_pos = d->npeek;
    if (is_gz) {
        /* 16 + MAX_WBITS: gzip wrapper, the largest window */
        if (inflateInit2(&d->z, 16 + MAX_WBITS) != Z_OK)
            return fail_memory(d);
        d->z_live = 1;
        d->state = D_GZIP;
    } else {
        d->zs = ZSTD_createDStream();
        if (!d->zs || ZSTD_isError(ZSTD_initDStream(d->zs)))
            return fail_memory(d);
        d->state = D_ZSTD;
    }
    return 0;
}

static ssize_t read_plain(ls_decode *d, char *out, size_t cap)
{
    if (d->peek_pos < d->npeek) {
        size_t n = d->npeek - d->peek_pos;
        if (n > cap)
            n = cap;
        memcpy(out, d->peek + d->peek_pos, n);
        d->peek_pos += n;
        return (ssize_t)n;
    }
    ssize_t n = read_some(d, out, cap);
    if (n < 0)
        return fail_read(d);
    if (n == 0)
        d->state = D_END;
    return n;
}

/* After a gzip member: another member, nothing, zero padding (which some
 * tools write), or data that is not gzip. */
static ssize_t after_member(ls_decode *d)
{
    if (need_in(d, 2) != 0)
        return fail_read(d);
    size_t left = d->in_len - d->in_pos;
    if (left == 0) {
        d->state = D_END;
        return 0;
    }
    const unsigned char *p = d->in + d->in_pos;
    if (p[0] == 0x1f && (left == 1 || p[1] == 0x8b)) { /* a member, maybe cut short */
        inflateReset(&d->z);
        return 1;
    }
    for (;;) { /* only zeros to the end may follow */
        for (size_t i = d->in_pos; i < d->in_len; i++)
            if (d->in[i] != 0)
                return fail_data(d, "followed by bytes that are not gzip", NULL);
        d->in_total += d->in_len - d->in_pos;
        d->in_pos = d->in_len = 0;
        if (d->in_eof) {
            d->state = D_END;
            return 0;
        }
        if (need_in(d, 1) != 0)
            return fail_read(d);
    }
}

static ssize_t read_gzip(ls_decode *d, char *out, size_t cap)
{
    for (;;) {
        if (d->in_pos == d->in_len && need_in(d, 1) != 0)
            return fail_read(d);
        d->z.next_in = d->in + d->in_pos;
        d->z.avail_in = (uInt)(d->in_len - d->in_pos);
        d->z.next_out = (unsigned char *)out;
        d->z.avail_out = (uInt)cap; /* the stage: 128 KiB */
        uInt out_cap = d->z.avail_out;
        int r = inflate(&d->z, Z_NO_FLUSH);
        size_t used = (d->in_len - d->in_pos) - d->z.avail_in;
        size_t made = out_cap - d->z.avail_out;
        d->in_pos += used;
        d->in_total += used;
        d->out_total += made;
        if (r == Z_STREAM_END) {
            ssize_t a = after_member(d);
            if (a < 0)
                return made ? (ssize_t)made : a; /* the failure shows on the next call */
        } else if (r == Z_DATA_ERROR) {
            if (made)
                return (ssize_t)made;
            return fail_data(d, "corrupt", d->z.msg);
        } else if (r == Z_MEM_ERROR) {
            return fail_memory(d);
        } else if (r == Z_BUF_ERROR || (r == Z_OK && made == 0 && used == 0)) {
            if (d->in_pos == d->in_len && d->in_eof)
                return made ? (ssize_t)made : fail_data(d, "ends early (truncated?)", NULL);
        }
        if (made)
            return (ssize_t)made;
        if (d->state == D_END || d->state == D_FAILED)
            return d->state == D_END ? 0 : -1;
    }
}

static ssize_t read_zstd(ls_decode *d, char *out, size_t cap)
{
    for (;;) {
        if (d->in_pos == d->in_len && need_in(d, 1) != 0)
            return fail_read(d);
        if (d->in_pos == d->in_len && d->in_eof && d->zs_last == 0 && d->in_total) {
            d->state = D_END; /* the last frame was whole */
            return 0;
        }
        /* at the end of the input the call still flushes what the decoder
         * holds of the frame (a small out may have left some) */
        ZSTD_inBuffer in = {d->in + d->in_pos, d->in_len - d->in_pos, 0};
        ZSTD_outBuffer o = {out, cap, 0};
        size_t r = ZSTD_decompressStream(d->zs, &o, &in);
        if (ZSTD_isError(r)) {
            d->in_total += in.pos;
            /* after a whole frame, bytes that start no frame are trailing */
            return fail_data(d,
                             d->zs_last == 0 && d->out_total
                                 ? "followed by bytes that are not zstd, or corrupt"
                                 : "corrupt",
                             ZSTD_getErrorName(r));
        }
        d->in_pos += in.pos;
        d->in_total += in.pos;
        d->out_total += o.pos;
        d->zs_last = r;
        if (o.pos)
            return (ssize_t)o.pos;
        if (d->in_pos == d->in_len && d->in_eof) {
            if (r == 0) {
                d->state = D_END;
                return 0;
            }
            return fail_data(d, "ends early (truncated?)", NULL);
        }
    }
}

ssize_t ls_decode_read(ls_decode *d, char *out, size_t cap)
{
    if (cap == 0)
        return 0;
    if (d->state == D_SNIFF && sniff(d) < 0)
        return -1;
    if (d->state == D_PLAIN)
        return read_plain(d, out, cap);
    if (d->stage_pos == d->stage_len) {
        ssize_t n;
        switch (d->state) {
        case D_GZIP: n = read_gzip(d, (char *)d->stage, STAGE_CAP); break;
        case D_ZSTD: n = read_zstd(d, (char *)d->stage, STAGE_CAP); break;
        case D_END: return 0;
        default: return -1;
        }
        if (n <= 0)
            return n;
        d->stage_pos = 0;
        d->stage_len = (size_t)n;
    }
    size_t n = d->stage_len - d->stage_pos;
    if (n > cap)
        n = cap;
    memcpy(out, d->stage + d->stage_pos, n);
    d->stage_pos += n;
    return (ssize_t)n;
}
