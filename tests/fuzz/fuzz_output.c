/* Arbitrary lead input through a whole run and all three writers: see
 * props_output.h. */
#include "fuzz_common.h"
#include "props_output.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static props_out_ctx ctx;
    static int ready;
    if (!ready) {
        fuzz_assert(props_out_init(&ctx) == 0, "the fixed requests do not compile");
        ready = 1;
    }
    const char *why = props_output(&ctx, (const char *)data, size);
    fuzz_assert(why == NULL, "%s (input %zu bytes)", why, size);
    return 0;
}
