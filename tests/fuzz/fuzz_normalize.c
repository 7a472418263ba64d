/* norm() and the exclude_names key on arbitrary bytes: see props_normalize.h
 * for the properties and why plain idempotence is not one of them. */
#include "fuzz_common.h"
#include "props_normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static props_norm_ctx ctx; /* warm buffers across inputs, as a matcher keeps them */
    static int ready;
    if (!ready) {
        fuzz_assert(props_norm_init(&ctx) == 0, "out of memory");
        ready = 1;
    }
    const char *why = props_normalize(&ctx, (const char *)data, size);
    fuzz_assert(why == NULL, "%s (input %zu bytes)", why, size);
    return 0;
}
