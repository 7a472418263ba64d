/* Shared by the fuzz targets: a property check that stops the run with a
 * message; libFuzzer then saves the input as a crash. */
#ifndef LS_FUZZ_COMMON_H
#define LS_FUZZ_COMMON_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "fuzz_common_utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The property check of every target: when it does not hold, prints the
 * message and aborts, so that libFuzzer keeps the input as a crash. */
__attribute__((format(printf, 2, 3))) static inline void fuzz_assert(int holds,
                                                                     const char *fmt, ...)
{
    if (holds)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("property failed: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

#endif
