/* norm() (contract §1) and the exclude_names key: the steps of steps.c
 * chained over two reusable buffers. */
#include <stdlib.h>
#include <string.h>
#include "normalize/norm.h"
#include "normalize/steps.h"

struct ls_normalizer {
    ls_buf fold; /* steps 1-4 */
    ls_buf out;  /* the result */
};

ls_status ls_normalizer_new(ls_normalizer **out)
{
    if (!out)
        return LS_E_USAGE;
    *out = calloc(1, sizeof(ls_normalizer));
    return *out ? LS_OK : LS_E_NOMEM;
}

void ls_normalizer_free(ls_normalizer *nz)
{
    if (!nz)
        return;
    ls_buf_free(&nz->fold);
    ls_buf_free(&nz->out);
    free(nz);
}

static const char *finish(ls_normalizer *nz, unsigned f, size_t *out_len, unsigned *flags)
{
    if (out_len)
        *out_len = nz->out.len;
    if (flags)
        *flags = f;
    return nz->out.data;
}

const char *ls_normalizer_run(ls_normalizer *nz, const char *text, size_t len,
                              size_t *out_len, unsigned *flags)
{
    unsigned f = 0;
    if (!text)
        len = 0;
    ls_buf_clear(&nz->fold);
    ls_buf_clear(&nz->out);
    if (ls_step_fold(text, len, ls_map_norm, &nz->fold, &f) != 0 ||
        ls_step_tokens(nz->fold.data, nz->fold.len, &nz->out) != 0)
        return NULL;
    return finish(nz, f, out_len, flags);
}

const char *ls_normalizer_name_key(ls_normalizer *nz, const char *text, size_t len,
                                   size_t *out_len, unsigned *flags)
{
    unsigned f = 0;
    if (!text)
        len = 0;
    ls_buf_clear(&nz->out);
    if (ls_step_fold(text, len, ls_map_name, &nz->out, &f) != 0)
        return NULL;
    return finish(nz, f, out_len, flags);
}

ls_status ls_norm(const char *text, size_t len, char *out, size_t cap, size_t *out_len,
                  unsigned *flags)
{
    if ((!text && len) || (!out && cap))
        return LS_E_USAGE;
    ls_normalizer nz = {{0}, {0}};
    size_t n = 0;
    const char *r = ls_normalizer_run(&nz, text ? text : "", len, &n, flags);
    ls_status st = LS_OK;
    if (!r) {
        r = "";
        n = 0;
        st = LS_E_NOMEM;
    }
    if (cap) {
        size_t k = n < cap ? n : cap - 1;
        memcpy(out, r, k);
        out[k] = '\0';
    }
    if (out_len)
        *out_len = n;
    ls_buf_free(&nz.fold);
    ls_buf_free(&nz.out);
    return st;
}
