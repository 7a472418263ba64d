/* Transparent decompression: see decode.h.  ISA-L reads gzip (streaming
 * isal_inflate on the raw deflate data; the header through
 * isal_read_gzip_header, the trailer and the members one after another
 * here, so that where a break is said is this file's choice); libzstd's
 * streaming decoder reads concatenated frames by itself.  A compressed
 * input larger than one input buffer is decompressed on a thread of its
 * own (decode_ring.h) while the caller scans what came before. */
#include <errno.h>
#include <isa-l/igzip_lib.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>
#include "readers/decode.h"
#include "readers/decode_ring.h"

#define IN_CAP ((size_t)64 << 10)
/* Room after the input for the few bytes isal_inflate had read past the
 * end of a member's data (its bit buffer), put back for the trailer. */
#define IN_SLACK 8
/* Decompressed bytes are made into a buffer of their own (the stage, or
 * a ring slot: the same size, so the codec calls are the same whether a
 * thread makes them or not) and handed out from it, so that what the
 * codecs see, and therefore where and how a break shows, never depends on
 * how much the caller asks for at a time. */
#define STAGE_CAP ((size_t)1 << 20)
/* 8 MiB: twice the reader's 4 MiB read (source.c's chunk), so that the
 * thread is a whole read ahead while the reader scans the last one (with
 * less, the reader waits for most of each read to be decompressed, and
 * the two take turns instead of running side by side). */
#define RING_SLOTS 8
/* deflate's largest ratio: a length field claiming more is not believed */
#define MAX_RATIO 1032
/* zstd's longest frame header (ZSTD_FRAMEHEADERSIZE_MAX, an unstable name) */
#define ZSTD_HEADER_MAX 18

/* The threads the decoders of compressed input keep busy now (see
 * maybe_thread). */
static atomic_int busy_threads;

enum state { D_SNIFF, D_PLAIN, D_GZIP, D_ZSTD, D_END, D_FAILED };
/* Where in a gzip member the input is. */
enum gz_phase { G_HEADER, G_DATA, G_TRAILER };

struct ls_decode {
    int fd;
    ls_decode_pull pull;   /* instead of read(fd) when set */
    void *pull_user;
    int thread_mode;       /* LS_DECODE_THREAD_* */
    enum state state;
    const char *codec;     /* "gzip", "zstd", or NULL: plain */
    unsigned char peek[4]; /* the first bytes, read to tell the codec */
    size_t npeek, peek_pos;
    unsigned char *in;     /* compressed bytes */
    size_t in_pos, in_len;
    int in_eof;
    uint64_t in_total;     /* compressed bytes consumed, for messages */
    uint64_t out_total;    /* bytes decompressed */
    uint64_t given;        /* bytes handed to the caller */
    unsigned char *stage;  /* decompressed, not yet given */
    const unsigned char *out; /* the stage or the ring slot being given */
    size_t out_pos, out_len;
    ls_ring *ring;         /* the decompression thread, when there is one */
    int busy;              /* threads counted in busy_threads */
    int ring_final;        /* 1 once the ring said the end or a failure */
    ssize_t final;
    struct inflate_state *gz;
    struct isal_gzip_header gz_hdr;
    enum gz_phase gz_phase;
    uint32_t gz_member_out; /* bytes of the member, mod 2^32 (ISIZE) */
    int gz_err;            /* an isal_inflate error not yet said */
    uint64_t gz_err_at;
    ZSTD_DStream *zs;
    size_t zs_last;        /* 0 when the last frame was complete */
    uint64_t size_hint;    /* what the input says it decompresses to, or 0 */
    int data_error;
    int err_no;            /* errno of the failure, for the reading thread */
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

void ls_decode_set_thread(ls_decode *d, int mode)
{
    if (d)
        d->thread_mode = mode;
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
    ls_ring_stop(d->ring); /* first: its thread uses the rest */
    if (d->busy)
        atomic_fetch_sub(&busy_threads, d->busy);
    free(d->gz);
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
    return d ? d->given : 0;
}

/* Both read by the caller only after a read returned -1: by then the
 * decompression thread has said its last word. */
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
    d->err_no = saved;
    errno = saved;
    return -1;
}

static ssize_t fail_memory(ls_decode *d)
{
    snprintf(d->message, sizeof d->message, "out of memory for %s decompression", d->codec);
    d->state = D_FAILED;
    d->err_no = errno = ENOMEM;
    return -1;
}

/* why: "corrupt", "ends early (truncated?)", ...; detail: the codec's own
 * words, or NULL; at: the compressed byte where it broke. */
static ssize_t fail_data_at(ls_decode *d, const char *why, const char *detail, uint64_t at)
{
    snprintf(d->message, sizeof d->message,
             "%s data %s%s%s%s after %llu decompressed bytes (compressed byte %llu)", d->codec,
             why, detail ? " (" : "", detail ? detail : "", detail ? ")" : "",
             (unsigned long long)d->out_total, (unsigned long long)at);
    d->data_error = 1;
    d->state = D_FAILED;
    d->err_no = errno = EILSEQ;
    return -1;
}

static ssize_t fail_data(ls_decode *d, const char *why, const char *detail)
{
    return fail_data_at(d, why, detail, d->in_total);
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
        if (d->in_len >= IN_CAP)
            return 0; /* full (put-back bytes included) */
        ssize_t n = read_some(d, d->in + d->in_len, IN_CAP - d->in_len);
        if (n < 0)
            return -1;
        if (n == 0)
            d->in_eof = 1;
        d->in_len += (size_t)n;
    }
    return 0;
}

/* A new gzip member: its header comes next. */
static void gz_member(ls_decode *d)
{
    /* isal_inflate (2.30) lets a corrupt distance reach back past the
     * member's start into this buffer, where zlib says "invalid distance
     * too far back": zeroed, those bytes read the same whatever came before
     * and however the input was read, and the member's CRC then fails. */
    memset(d->gz->tmp_out_buffer, 0, sizeof d->gz->tmp_out_buffer);
    isal_inflate_init(d->gz);
    isal_gzip_header_init(&d->gz_hdr); /* no buffers: name, comment and extra are skipped */
    d->gz->crc_flag = ISAL_GZIP_NO_HDR; /* the CRC of the data, checked here */
    d->gz_phase = G_HEADER;
    d->gz_member_out = 0;
}

/* What a regular file says it decompresses to: gzip's length field at its
 * end (the last member's length mod 2^32, so never more than the whole),
 * zstd's first frame's content size when written; not believed past
 * MAX_RATIO times the compressed size.  0 when unknown. */
static uint64_t size_hint(ls_decode *d, int is_gz)
{
    struct stat st;
    if (d->pull || fstat(d->fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 8)
        return 0;
    uint64_t said = 0;
    if (is_gz) {
        unsigned char tail[4];
        if (pread(d->fd, tail, 4, st.st_size - 4) != 4)
            return 0;
        said = (uint64_t)tail[0] | (uint64_t)tail[1] << 8 | (uint64_t)tail[2] << 16 |
               (uint64_t)tail[3] << 24;
    } else {
        unsigned long long n = ZSTD_getFrameContentSize(d->in, d->in_len);
        if (n == ZSTD_CONTENTSIZE_UNKNOWN || n == ZSTD_CONTENTSIZE_ERROR)
            return 0;
        said = n;
    }
    uint64_t most = (uint64_t)st.st_size * MAX_RATIO;
    return said <= most ? said : 0;
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
    d->in = malloc(IN_CAP + IN_SLACK);
    d->stage = malloc(STAGE_CAP);
    if (!d->in || !d->stage)
        return fail_memory(d);
    memcpy(d->in, d->peek, d->npeek);
    d->in_len = d->npeek;
    d->peek_pos = d->npeek;
    if (!is_gz && need_in(d, ZSTD_HEADER_MAX) != 0)
        return fail_read(d);
    d->size_hint = size_hint(d, is_gz);
    if (is_gz) {
        d->gz = malloc(sizeof *d->gz); /* about 20 KB of tables */
        if (!d->gz)
            return fail_memory(d);
        gz_member(d);
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
        d->given += n;
        return (ssize_t)n;
    }
    ssize_t n = read_some(d, out, cap);
    if (n < 0)
        return fail_read(d);
    if (n == 0)
        d->state = D_END;
    d->given += (uint64_t)n;
    return n;
}

/* After a gzip member: another member, nothing, zero padding (which some
 * tools write), or data that is not gzip.  1: a member follows. */
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
        gz_member(d);
        return 1;
    }
    for (;;) { /* only zeros to the end may follow */
        for (size_t i = d->in_pos; i < d->in_len; i++)
            if (d->in[i] != 0) /* said at that byte, wherever reads fell */
                return fail_data_at(d, "followed by bytes that are not gzip", NULL,
                                    d->in_total + (i - d->in_pos));
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

/* isal_inflate's and isal_read_gzip_header's errors in zlib's words, so
 * that messages read as they always did. */
static const char *isal_words(int r)
{
    switch (r) {
    case ISAL_INVALID_BLOCK: return "invalid block type";
    case ISAL_INVALID_SYMBOL: return "invalid code";
    case ISAL_INVALID_LOOKBACK: return "invalid distance too far back";
    case ISAL_INVALID_WRAPPER: return "incorrect header check";
    case ISAL_UNSUPPORTED_METHOD: return "unknown compression method";
    case ISAL_INCORRECT_CHECKSUM: return "header crc mismatch";
    case ISAL_NEED_DICT: return "need dictionary";
    default: return "invalid data";
    }
}

/* The member's data ended: the bytes isal_inflate had read past it (whole
 * bytes of its bit buffer) go back in front of the unread input. */
static void gz_put_back(ls_decode *d)
{
    struct inflate_state *s = d->gz;
    size_t k = (size_t)s->read_in_length / 8;
    unsigned char back[8];
    uint64_t bits = s->read_in >> (s->read_in_length % 8);
    for (size_t i = 0; i < k; i++)
        back[i] = (unsigned char)(bits >> (8 * i));
    if (d->in_pos < k) { /* just refilled: the slack after the input makes room */
        memmove(d->in + k, d->in + d->in_pos, d->in_len - d->in_pos);
        d->in_len += k - d->in_pos;
        d->in_pos = k;
    }
    d->in_pos -= k;
    memcpy(d->in + d->in_pos, back, k);
    d->in_total -= k;
    s->read_in = 0;
    s->read_in_length = 0;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The 8 bytes after a member's data: CRC-32 and length, as zlib says them. */
static ssize_t gz_trailer(ls_decode *d)
{
    if (need_in(d, 8) != 0)
        return fail_read(d);
    if (d->in_len - d->in_pos < 8) {
        d->in_total += d->in_len - d->in_pos;
        d->in_pos = d->in_len;
        return fail_data(d, "ends early (truncated?)", NULL);
    }
    const unsigned char *p = d->in + d->in_pos;
    if (le32(p) != d->gz->crc) {
        d->in_total += 4;
        d->in_pos += 4;
        return fail_data(d, "corrupt", "incorrect data check");
    }
    if (le32(p + 4) != d->gz_member_out) {
        d->in_total += 8;
        d->in_pos += 8;
        return fail_data(d, "corrupt", "incorrect length check");
    }
    d->in_total += 8;
    d->in_pos += 8;
    return after_member(d);
}
static ssize_t read_gzip(ls_decode *d, char *out, size_t cap)
{
    struct inflate_state *s = d->gz;
    for (;;) {
        if (d->gz_err) /* met after bytes that were given first */
            return fail_data_at(d, "corrupt", isal_words(d->gz_err), d->gz_err_at);
        if (d->gz_phase == G_TRAILER) {
            ssize_t a = gz_trailer(d);
            if (a <= 0)
                return a;
            continue; /* the next member */
        }
        if (d->in_pos == d->in_len && need_in(d, 1) != 0)
            return fail_read(d);
        size_t left = d->in_len - d->in_pos;
        s->next_in = d->in + d->in_pos;
        s->avail_in = (uint32_t)left;
        size_t made = 0;
        int r;
        if (d->gz_phase == G_HEADER) {
            r = isal_read_gzip_header(s, &d->gz_hdr);
        } else {
            s->next_out = (uint8_t *)out;
            s->avail_out = (uint32_t)cap; /* the stage: 1 MiB */
            r = isal_inflate(s);
            made = cap - s->avail_out;
        }
        size_t used = left - s->avail_in;
        d->in_pos += used;
        d->in_total += used;
        d->out_total += made;
        d->gz_member_out += (uint32_t)made;
        int at_end = d->in_pos == d->in_len && d->in_eof;
        if (d->gz_phase == G_HEADER) {
            if (r == ISAL_DECOMP_OK)
                d->gz_phase = G_DATA;
            else if (r != ISAL_END_INPUT)
                return fail_data(d, "corrupt", isal_words(r));
            else if (at_end)
                return fail_data(d, "ends early (truncated?)", NULL);
            continue;
        }
        if (r != ISAL_DECOMP_OK) {
            /* the place: what was read, less what the bit buffer holds */
            uint64_t held = (uint64_t)(s->read_in_length > 0 ? s->read_in_length / 8 : 0);
            uint64_t at = d->in_total > held ? d->in_total - held : 0;
            if (made) {
                d->gz_err = r;
                d->gz_err_at = at;
                return (ssize_t)made;
            }
            return fail_data_at(d, "corrupt", isal_words(r), at);
        }
        if (s->block_state == ISAL_BLOCK_FINISH) {
            gz_put_back(d);
            d->gz_phase = G_TRAILER;
        } else if (made == 0 && (at_end || (used == 0 && d->in_pos < d->in_len))) {
            return fail_data(d, "ends early (truncated?)", NULL);
        }
        if (made)
            return (ssize_t)made;
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

/* One stage of decompressed bytes: >0, 0 at the end, -1 (said). */
static ssize_t produce(ls_decode *d, unsigned char *buf, size_t cap)
{
    switch (d->state) {
    case D_GZIP: return read_gzip(d, (char *)buf, cap);
    case D_ZSTD: return read_zstd(d, (char *)buf, cap);
    case D_END: return 0;
    default: errno = d->err_no; return -1;
    }
}

static ssize_t ring_fill(void *user, unsigned char *buf, size_t cap)
{
    return produce(user, buf, cap);
}

/* Once the codec is known: decompression on a thread of its own when the
 * compressed input is more than one input buffer (a smaller one is done
 * before a thread would have started) and a CPU is left for it.
 * busy_threads counts, in the whole process, each thread reading a
 * compressed input and each decompression thread: a thread helps only on
 * a CPU no one else needs; with every CPU taken (-j as many workers as
 * CPUs) it adds its hand-offs (a .gz file read with one took a third more
 * CPU time than without, measured on a loaded machine) and gains nothing. */
static void maybe_thread(ls_decode *d)
{
    d->busy = 1;
    int busy = atomic_fetch_add(&busy_threads, 1) + 1;
    if (d->thread_mode == LS_DECODE_THREAD_NEVER)
        return;
    if (d->thread_mode == LS_DECODE_THREAD_AUTO) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        if (busy + 1 > cpus)
            return;
        if (need_in(d, IN_CAP) != 0) {
            fail_read(d);
            return;
        }
        if (d->in_eof)
            return;
    }
    d->ring = ls_ring_start(ring_fill, d, STAGE_CAP, RING_SLOTS);
    if (d->ring) { /* the ring's buffers take the stage's place */
        free(d->stage);
        d->stage = NULL;
        d->busy = 2;
        atomic_fetch_add(&busy_threads, 1);
    }
}

/* The first look at the input: the codec, and the thread when one is
 * worth it.  Said by the first read when it failed. */
static void begin(ls_decode *d)
{
    if (d->state == D_SNIFF && sniff(d) == 0 && d->codec)
        maybe_thread(d);
}

uint64_t ls_decode_size_hint(ls_decode *d)
{
    if (!d)
        return 0;
    begin(d);
    return d->size_hint; /* set before any thread started */
}

ssize_t ls_decode_read(ls_decode *d, char *out, size_t cap)
{
    if (cap == 0)
        return 0;
    if (!d->ring) { /* once there is a thread, the state is its own */
        begin(d);
        if (!d->ring && d->state == D_PLAIN)
            return read_plain(d, out, cap);
    }
    if (!d->codec) { /* plain at its end, or a failed first read */
        if (d->state == D_END)
            return 0;
        errno = d->err_no;
        return -1;
    }
    if (d->out_pos == d->out_len) {
        ssize_t n;
        const unsigned char *p = d->stage;
        if (d->ring) {
            n = ls_ring_take(d->ring, &p);
            if (n < 0)
                errno = d->err_no; /* set on the ring's thread */
        } else {
            n = produce(d, d->stage, STAGE_CAP);
        }
        if (n <= 0)
            return n;
        d->out = p;
        d->out_pos = 0;
        d->out_len = (size_t)n;
    }
    size_t n = d->out_len - d->out_pos;
    if (n > cap)
        n = cap;
    memcpy(out, d->out + d->out_pos, n);
    d->out_pos += n;
    d->given += n;
    return (ssize_t)n;
}
