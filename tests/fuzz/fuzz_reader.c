/* Lead sources on arbitrary bytes, every shape (detected by content), from
 * memory and from a file read in tiny chunks: see props_reader.h. */
#include "fuzz_common.h"
#include "props_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *why = props_reader((const char *)data, size);
    fuzz_assert(why == NULL, "%s (input %zu bytes)", why, size);
    return 0;
}
