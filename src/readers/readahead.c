/* A pipe read ahead by a thread (readahead.h): a ring of blocks, filled by
 * the thread, emptied by the caller; a second pipe wakes the thread when
 * it must stop while it waits on the writer. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "readers/readahead.h"

enum { NBLOCKS = 8 };
#define BLOCK ((size_t)1 << 20)

struct ls_readahead {
    int fd;
    int wake[2];          /* written to by ls_readahead_free */
    pthread_t tid;
    pthread_mutex_t mu;
    pthread_cond_t cv;    /* a block was filled, or emptied */
    char *block[NBLOCKS];
    size_t len[NBLOCKS];
    size_t head, count;   /* the next block to empty; blocks filled */
    size_t pos;           /* bytes of the head block already given */
    int done, err, stop;  /* the end (err: its errno, 0 for the input's end) */
};

/* One read of fd into buf, waiting with poll so that stop can interrupt. */
static ssize_t read_some(ls_readahead *ra, char *buf, size_t cap)
{
    for (;;) {
        struct pollfd p[2] = {{ra->fd, POLLIN, 0}, {ra->wake[0], POLLIN, 0}};
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (p[1].revents) {
            errno = ECANCELED;
            return -1;
        }
        ssize_t n = read(ra->fd, buf, cap);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        return n;
    }
}

static void *fill_main(void *arg)
{
    ls_readahead *ra = arg;
    for (;;) {
        pthread_mutex_lock(&ra->mu);
        while (!ra->stop && ra->count == NBLOCKS)
            pthread_cond_wait(&ra->cv, &ra->mu);
        size_t slot = (ra->head + ra->count) % NBLOCKS;
        int stop = ra->stop;
        pthread_mutex_unlock(&ra->mu);
        if (stop)
            return NULL;
        /* reads into the block until a quarter of it is full, or at once
         * while the caller has nothing to read (a pipe that trickles) */
        size_t len = 0;
        ssize_t n = 0;
        for (;;) {
            n = read_some(ra, ra->block[slot] + len, BLOCK - len);
            if (n > 0)
                len += (size_t)n;
            if (n <= 0 || len >= BLOCK / 4)
                break;
            pthread_mutex_lock(&ra->mu);
            int starved = ra->count == 0;
            pthread_mutex_unlock(&ra->mu);
            if (starved)
                break;
        }
        int saved = errno;
        pthread_mutex_lock(&ra->mu);
        if (len) {
            ra->len[slot] = len;
            ra->count++;
        }
        if (n <= 0) {
            ra->done = 1;
            ra->err = n < 0 ? saved : 0;
        }
        pthread_cond_broadcast(&ra->cv);
        pthread_mutex_unlock(&ra->mu);
        if (n <= 0)
            return NULL;
    }
}

ls_readahead *ls_readahead_new(int fd)
{
    ls_readahead *ra = calloc(1, sizeof *ra);
    if (!ra)
        return NULL;
    ra->fd = fd;
    ra->wake[0] = ra->wake[1] = -1;
    int ok = pipe2(ra->wake, O_CLOEXEC) == 0;
    for (size_t i = 0; ok && i < NBLOCKS; i++)
        ok = (ra->block[i] = malloc(BLOCK)) != NULL;
    if (ok) {
        pthread_mutex_init(&ra->mu, NULL);
        pthread_cond_init(&ra->cv, NULL);
        if (pthread_create(&ra->tid, NULL, fill_main, ra) != 0) {
            pthread_cond_destroy(&ra->cv);
            pthread_mutex_destroy(&ra->mu);
            ok = 0;
        }
    }
    if (!ok) {
        for (size_t i = 0; i < NBLOCKS; i++)
            free(ra->block[i]);
        if (ra->wake[0] >= 0) {
            close(ra->wake[0]);
            close(ra->wake[1]);
        }
        free(ra);
        return NULL;
    }
    return ra;
}

ssize_t ls_readahead_pull(void *user, void *buf, size_t cap)
{
    ls_readahead *ra = user;
    size_t given = 0;
    pthread_mutex_lock(&ra->mu);
    while (ra->count == 0 && !ra->done)
        pthread_cond_wait(&ra->cv, &ra->mu);
    /* as many filled blocks as fit: fewer calls, fewer wake-ups */
    while (ra->count > 0 && given < cap) {
        size_t slot = ra->head;
        size_t n = ra->len[slot] - ra->pos;
        if (n > cap - given)
            n = cap - given;
        pthread_mutex_unlock(&ra->mu); /* the block is the caller's until emptied */
        memcpy((char *)buf + given, ra->block[slot] + ra->pos, n);
        pthread_mutex_lock(&ra->mu);
        given += n;
        ra->pos += n;
        if (ra->pos == ra->len[slot]) {
            ra->pos = 0;
            ra->head = (ra->head + 1) % NBLOCKS;
            ra->count--;
            pthread_cond_broadcast(&ra->cv);
        }
    }
    int err = ra->count == 0 && ra->done ? ra->err : 0;
    pthread_mutex_unlock(&ra->mu);
    if (given)
        return (ssize_t)given;
    if (err) {
        errno = err;
        return -1;
    }
    return 0;
}

void ls_readahead_free(ls_readahead *ra)
{
    if (!ra)
        return;
    pthread_mutex_lock(&ra->mu);
    ra->stop = 1;
    pthread_cond_broadcast(&ra->cv);
    pthread_mutex_unlock(&ra->mu);
    ssize_t w;
    do
        w = write(ra->wake[1], "", 1);
    while (w < 0 && errno == EINTR);
    pthread_join(ra->tid, NULL);
    pthread_cond_destroy(&ra->cv);
    pthread_mutex_destroy(&ra->mu);
    close(ra->wake[0]);
    close(ra->wake[1]);
    for (size_t i = 0; i < NBLOCKS; i++)
        free(ra->block[i]);
    free(ra);
}
