/* The clock every figure of the page is measured with. */
#include <time.h>
#include "serve.h"

double ls_srv_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}
