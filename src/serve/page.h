/* The page's files (src/serve/page/), compiled in: CMake writes them as C
 * arrays at build time (cmake/embed_page.cmake), so the binary serves
 * exactly the files of its source tree and opens none. */
#ifndef LS_SERVE_PAGE_H
#define LS_SERVE_PAGE_H
#include <stddef.h>

typedef struct ls_srv_asset {
    const char *name; /* "index.html", "app.js", ... */
    const char *type; /* its Content-Type */
    const unsigned char *data;
    size_t len;
} ls_srv_asset;

extern const ls_srv_asset ls_srv_assets[];
extern const size_t ls_srv_asset_count;

#endif
