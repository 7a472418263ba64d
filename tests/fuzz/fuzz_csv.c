/* CSV lead sources on arbitrary bytes, from memory, a file and a pipe read
 * in tiny chunks: see props_csv.h. */
#include "fuzz_common.h"
#include "props_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *why = props_csv((const char *)data, size);
    fuzz_assert(why == NULL, "%s (input %zu bytes)", why, size);
    return 0;
}
