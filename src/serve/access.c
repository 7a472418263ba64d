/* Host, Origin and token checks, and the security headers (access.h). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include "access.h"

const char *const ls_srv_security_headers[] = {
    "Content-Security-Policy",
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options", "nosniff",
    "X-Frame-Options", "DENY",
    "Referrer-Policy", "no-referrer",
    "Cache-Control", "no-store",
    "Cross-Origin-Opener-Policy", "same-origin",
    "Cross-Origin-Resource-Policy", "same-origin",
    NULL};

int ls_srv_access_init(ls_srv_access *a)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    memset(a, 0, sizeof *a);
    unsigned char raw[33];
    size_t got = 0;
    while (got < sizeof raw) {
        ssize_t n = getrandom(raw + got, sizeof raw - got, 0);
        if (n <= 0)
            return -1;
        got += (size_t)n;
    }
    /* 33 bytes make 44 characters; the first 43 carry 258 bits */
    for (size_t i = 0, o = 0; i < sizeof raw; i += 3) {
        unsigned v = (unsigned)raw[i] << 16 | (unsigned)raw[i + 1] << 8 | raw[i + 2];
        for (int k = 3; k >= 0 && o < LS_SRV_TOKEN_LEN; k--)
            a->token[o++] = b64[(v >> (6 * k)) & 63];
    }
    return 0;
}

int ls_srv_access_allow(ls_srv_access *a, const char *name, unsigned port)
{
    if (a->nhosts >= sizeof a->hosts / sizeof *a->hosts || strlen(name) > 250)
        return -1;
    int v6 = strchr(name, ':') && name[0] != '[';
    int n = snprintf(a->hosts[a->nhosts], sizeof a->hosts[0], "%s%s%s:%u", v6 ? "[" : "", name,
                     v6 ? "]" : "", port);
    int m = snprintf(a->origins[a->nhosts], sizeof a->origins[0], "http://%s%s%s:%u",
                     v6 ? "[" : "", name, v6 ? "]" : "", port);
    if (n < 0 || (size_t)n >= sizeof a->hosts[0] || m < 0 || (size_t)m >= sizeof a->origins[0])
        return -1;
    a->nhosts++;
    return 0;
}

int ls_srv_host_ok(const ls_srv_access *a, const char *host)
{
    if (!host)
        return 0; /* HTTP/1.1 requires it; a client without one is not a browser */
    for (size_t i = 0; i < a->nhosts; i++)
        if (strcasecmp(host, a->hosts[i]) == 0)
            return 1;
    return 0;
}

int ls_srv_origin_ok(const ls_srv_access *a, const char *origin)
{
    if (!origin)
        return 1; /* same-origin GETs carry none; the token still guards them */
    for (size_t i = 0; i < a->nhosts; i++)
        if (strcasecmp(origin, a->origins[i]) == 0)
            return 1;
    return 0;
}

int ls_srv_fetch_site_ok(const char *site)
{
    return !site || strcmp(site, "same-origin") == 0 || strcmp(site, "none") == 0;
}

const char *ls_srv_token_path(const ls_srv_access *a, const char *url)
{
    if (!url || url[0] != '/')
        return NULL;
    size_t n = strnlen(url + 1, LS_SRV_TOKEN_LEN + 1);
    /* every byte of the token is compared, so the time says nothing of
     * how much of a guess was right */
    unsigned diff = n < LS_SRV_TOKEN_LEN + 1;
    for (size_t i = 0; i < LS_SRV_TOKEN_LEN; i++)
        diff |= (unsigned char)(i < n ? url[1 + i] : 0) ^ (unsigned char)a->token[i];
    if (diff || url[1 + LS_SRV_TOKEN_LEN] != '/')
        return NULL;
    return url + 2 + LS_SRV_TOKEN_LEN;
}
