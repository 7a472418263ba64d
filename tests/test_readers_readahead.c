/* A pipe read ahead by a thread: every byte in order, more than the ring
 * holds, and a stop while the writer still holds the pipe open. */
#include <check.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check_run.h"
#include "readers/readahead.h"

#define TOTAL ((size_t)12 << 20) /* past the 8 MiB the ring holds */

static unsigned char byte_at(size_t i)
{
    return (unsigned char)((i * 131u + (i >> 12)) & 0xFF);
}

static void *writer(void *arg)
{
    int fd = *(int *)arg;
    static unsigned char buf[65536];
    for (size_t off = 0; off < TOTAL;) {
        size_t n = TOTAL - off < sizeof buf ? TOTAL - off : sizeof buf;
        for (size_t i = 0; i < n; i++)
            buf[i] = byte_at(off + i);
        for (size_t done = 0; done < n;) {
            ssize_t w = write(fd, buf + done, n - done);
            ck_assert_int_gt(w, 0);
            done += (size_t)w;
        }
        off += n;
    }
    close(fd);
    return NULL;
}

START_TEST(every_byte_in_order_then_the_end)
{
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    pthread_t t;
    ck_assert_int_eq(pthread_create(&t, NULL, writer, &p[1]), 0);
    ls_readahead *ra = ls_readahead_new(p[0]);
    ck_assert_ptr_nonnull(ra);
    static char buf[3 << 20];
    size_t got = 0, caps[] = {1, 7, 4096, sizeof buf};
    for (size_t k = 0;; k++) {
        ssize_t n = ls_readahead_pull(ra, buf, caps[k % 4]);
        ck_assert_int_ge(n, 0);
        if (n == 0)
            break;
        for (ssize_t i = 0; i < n; i++)
            if ((unsigned char)buf[i] != byte_at(got + (size_t)i))
                ck_abort_msg("byte %zu differs", got + (size_t)i);
        got += (size_t)n;
    }
    ck_assert_uint_eq(got, TOTAL);
    ck_assert_int_eq(ls_readahead_pull(ra, buf, 10), 0); /* the end stays the end */
    ls_readahead_free(ra);
    pthread_join(t, NULL);
    close(p[0]);
}
END_TEST

START_TEST(stops_while_the_writer_waits)
{
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    ck_assert_int_eq(write(p[1], "abc", 3), 3);
    ls_readahead *ra = ls_readahead_new(p[0]);
    ck_assert_ptr_nonnull(ra);
    char buf[8];
    ck_assert_int_eq(ls_readahead_pull(ra, buf, sizeof buf), 3);
    ck_assert_int_eq(memcmp(buf, "abc", 3), 0);
    /* the thread now waits on a writer that never writes nor closes */
    ls_readahead_free(ra);
    close(p[0]);
    close(p[1]);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("readers_readahead");
    TCase *tc = tcase_create("pipe");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, every_byte_in_order_then_the_end);
    tcase_add_test(tc, stops_while_the_writer_waits);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ls_check_run(suite());
}
