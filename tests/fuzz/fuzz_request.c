/* by_icp requests on arbitrary bytes, in both match modes: see
 * props_request.h. */
#include "fuzz_common.h"
#include "props_request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static props_req_ctx ctx;
    static int ready;
    if (!ready) {
        fuzz_assert(props_req_init(&ctx) == 0, "out of memory");
        ready = 1;
    }
    /* the mode comes from the input so that each mode sees every request
     * shape without doubling the work per input */
    ls_match_mode mode = size % 2 ? LS_MATCH_WORDS : LS_MATCH_DOCUMENTED;
    const char *why = props_request(&ctx, (const char *)data, size, mode);
    fuzz_assert(why == NULL, "%s (input %zu bytes, mode %d)", why, size, (int)mode);
    return 0;
}
