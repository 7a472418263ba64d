/* Shared by the test_readers_* suites: the diagnostics a source emits,
 * captured in order, and the check of one of them. */
#ifndef LS_READERS_TESTUTIL_H
#define LS_READERS_TESTUTIL_H
#include <check.h>
#include <stdio.h>
#include <string.h>
#include "readers/reader.h"

typedef struct {
    ls_diag_kind kind;
    uint64_t line, offset;
    char msg[512];
} diag_t;

static diag_t D[64];
static int nd; /* diagnostics seen, even past the 64 kept */

static void on_diag(void *user, const ls_diag *d)
{
    (void)user;
    if (nd < 64) {
        D[nd].kind = d->kind;
        D[nd].line = d->line;
        D[nd].offset = d->offset;
        snprintf(D[nd].msg, sizeof D[nd].msg, "%s", d->message);
    }
    nd++;
}

static const ls_diag_sink SINK = {on_diag, NULL};

/* Diagnostic i is of kind at line and offset, and its message holds part. */
static void diag_is(int i, ls_diag_kind kind, uint64_t line, uint64_t offset, const char *part)
{
    ck_assert_int_lt(i, nd);
    ck_assert_int_eq(D[i].kind, kind);
    ck_assert_uint_eq(D[i].line, line);
    ck_assert_uint_eq(D[i].offset, offset);
    ck_assert_msg(strstr(D[i].msg, part) != NULL, "'%s' lacks '%s'", D[i].msg, part);
}

#endif
