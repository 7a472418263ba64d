/* The JSON module on arbitrary bytes: see props_scan.h. */
#include "fuzz_common.h"
#include "props_scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *why = props_scan((const char *)data, size);
    fuzz_assert(why == NULL, "%s (input %zu bytes)", why, size);
    return 0;
}
