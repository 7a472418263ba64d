/* Internal normalization interface shared by the matcher and the CLI. */
#ifndef LS_NORM_H
#define LS_NORM_H
#include <stddef.h>
#include "leadsieve.h"

/* The exclude_names key (contract §3): decode + transliterate + ASCII
 * lowercase, then runs of ASCII whitespace collapsed to one space and the
 * ends trimmed.  Same ownership as ls_normalizer_run. */
const char *ls_normalizer_name_key(ls_normalizer *nz, const char *text, size_t len,
                                   size_t *out_len, unsigned *flags);

#endif
