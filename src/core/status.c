#include <stdio.h>
#include <stdlib.h>
#include "core/core.h"

const char *ls_version(void)
{
    return LS_VERSION;
}

const char *ls_status_message(ls_status status)
{
    switch (status) {
    case LS_OK: return "ok";
    case LS_E_INVALID_REQUEST: return "invalid request";
    case LS_E_USAGE: return "invalid argument";
    case LS_E_NOMEM: return "out of memory";
    case LS_E_IO: return "input/output error";
    case LS_E_LIMIT: return "resource limit exceeded";
    case LS_E_INTERNAL: return "internal error";
    case LS_E_MALFORMED: return "malformed input";
    case LS_E_CANCELLED: return "cancelled";
    }
    return "unknown status";
}

void ls_diag_emit(const ls_diag_sink *sink, ls_diag_kind kind, const char *file,
                  uint64_t line, uint64_t offset, const char *fmt, ...)
{
    if (!sink || !sink->fn)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ls_diag d = {kind, file ? file : "", line, offset, msg};
    sink->fn(sink->user, &d);
}

void ls_free(void *p)
{
    free(p);
}
