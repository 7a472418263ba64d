/* Who may call the server: Host, Origin, Sec-Fetch-Site and the token
 * (access.h), and the page compiled in byte for byte from its files. */
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "access.h"
#include "page.h"

static ls_srv_access loopback(unsigned port)
{
    ls_srv_access a;
    ck_assert_int_eq(ls_srv_access_init(&a), 0);
    ck_assert_int_eq(ls_srv_access_allow(&a, "127.0.0.1", port), 0);
    ck_assert_int_eq(ls_srv_access_allow(&a, "localhost", port), 0);
    return a;
}

START_TEST(tokens_are_random_and_url_safe)
{
    ls_srv_access a = loopback(8080), b = loopback(8080);
    ck_assert_uint_eq(strlen(a.token), LS_SRV_TOKEN_LEN);
    ck_assert_str_ne(a.token, b.token);
    for (const char *p = a.token; *p; p++)
        ck_assert_msg((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                          (*p >= '0' && *p <= '9') || *p == '-' || *p == '_',
                      "token byte %c", *p);
}
END_TEST

START_TEST(the_token_opens_the_path)
{
    ls_srv_access a = loopback(8080);
    char url[128];
    snprintf(url, sizeof url, "/%s/api/session", a.token);
    ck_assert_str_eq(ls_srv_token_path(&a, url), "api/session");
    snprintf(url, sizeof url, "/%s/", a.token);
    ck_assert_str_eq(ls_srv_token_path(&a, url), "");
    snprintf(url, sizeof url, "/%s", a.token); /* the page is at /TOKEN/ */
    ck_assert_ptr_null(ls_srv_token_path(&a, url));
    snprintf(url, sizeof url, "/%.*s/", LS_SRV_TOKEN_LEN - 1, a.token); /* one short */
    ck_assert_ptr_null(ls_srv_token_path(&a, url));
    snprintf(url, sizeof url, "/%sX/", a.token); /* one more */
    ck_assert_ptr_null(ls_srv_token_path(&a, url));
    snprintf(url, sizeof url, "/%s/", a.token);
    url[5] = url[5] == 'A' ? 'B' : 'A'; /* one byte wrong */
    ck_assert_ptr_null(ls_srv_token_path(&a, url));
    ck_assert_ptr_null(ls_srv_token_path(&a, "/"));
    ck_assert_ptr_null(ls_srv_token_path(&a, "/api/session"));
    ck_assert_ptr_null(ls_srv_token_path(&a, ""));
    ck_assert_ptr_null(ls_srv_token_path(&a, NULL));
}
END_TEST

START_TEST(host_must_name_this_server)
{
    ls_srv_access a = loopback(4242);
    ck_assert(ls_srv_host_ok(&a, "127.0.0.1:4242"));
    ck_assert(ls_srv_host_ok(&a, "localhost:4242"));
    ck_assert(ls_srv_host_ok(&a, "LOCALHOST:4242"));
    /* a DNS name rebound to 127.0.0.1 sends its own name */
    ck_assert(!ls_srv_host_ok(&a, "attacker.example:4242"));
    ck_assert(!ls_srv_host_ok(&a, "127.0.0.1:4243"));
    ck_assert(!ls_srv_host_ok(&a, "127.0.0.1"));
    ck_assert(!ls_srv_host_ok(&a, "127.0.0.1:4242.attacker.example"));
    ck_assert(!ls_srv_host_ok(&a, ""));
    ck_assert(!ls_srv_host_ok(&a, NULL));
    ls_srv_access v6;
    ck_assert_int_eq(ls_srv_access_init(&v6), 0);
    ck_assert_int_eq(ls_srv_access_allow(&v6, "::1", 9), 0);
    ck_assert(ls_srv_host_ok(&v6, "[::1]:9"));
    ck_assert(!ls_srv_host_ok(&v6, "::1:9"));
}
END_TEST

START_TEST(origin_must_be_this_server)
{
    ls_srv_access a = loopback(4242);
    ck_assert(ls_srv_origin_ok(&a, NULL)); /* same-origin GETs send none */
    ck_assert(ls_srv_origin_ok(&a, "http://127.0.0.1:4242"));
    ck_assert(ls_srv_origin_ok(&a, "http://localhost:4242"));
    ck_assert(!ls_srv_origin_ok(&a, "http://attacker.example"));
    ck_assert(!ls_srv_origin_ok(&a, "https://127.0.0.1:4242"));
    ck_assert(!ls_srv_origin_ok(&a, "http://127.0.0.1:4243"));
    ck_assert(!ls_srv_origin_ok(&a, "null"));
    ck_assert(ls_srv_fetch_site_ok(NULL));
    ck_assert(ls_srv_fetch_site_ok("same-origin"));
    ck_assert(ls_srv_fetch_site_ok("none"));
    ck_assert(!ls_srv_fetch_site_ok("cross-site"));
    ck_assert(!ls_srv_fetch_site_ok("same-site"));
}
END_TEST

START_TEST(every_response_has_the_policy)
{
    const char *csp = NULL;
    int nosniff = 0;
    for (const char *const *h = ls_srv_security_headers; *h; h += 2) {
        if (strcmp(h[0], "Content-Security-Policy") == 0)
            csp = h[1];
        nosniff |= strcmp(h[0], "X-Content-Type-Options") == 0 && strcmp(h[1], "nosniff") == 0;
    }
    ck_assert_ptr_nonnull(csp);
    ck_assert(nosniff);
    /* scripts and calls only from this server, nothing inline */
    ck_assert_ptr_nonnull(strstr(csp, "default-src 'none'"));
    ck_assert_ptr_nonnull(strstr(csp, "script-src 'self';"));
    ck_assert_ptr_nonnull(strstr(csp, "connect-src 'self'"));
    ck_assert_ptr_nonnull(strstr(csp, "frame-ancestors 'none'"));
    ck_assert_ptr_null(strstr(csp, "unsafe"));
}
END_TEST

/* The compiled-in page is its files, byte for byte, and every file of
 * src/serve/page is in it. */
START_TEST(the_page_is_its_files)
{
    static const char *const files[] = {"index.html", "app.css", "app.js", "locate.js",
                                        "icon.svg"};
    ck_assert_uint_eq(ls_srv_asset_count, sizeof files / sizeof *files);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        const ls_srv_asset *found = NULL;
        for (size_t k = 0; k < ls_srv_asset_count; k++)
            if (strcmp(ls_srv_assets[k].name, files[i]) == 0)
                found = &ls_srv_assets[k];
        ck_assert_msg(found != NULL, "%s is not compiled in", files[i]);
        char path[512];
        snprintf(path, sizeof path, "%s/src/serve/page/%s", LS_SOURCE_DIR, files[i]);
        FILE *f = fopen(path, "rb");
        ck_assert_ptr_nonnull(f);
        char *text = malloc(found->len + 2);
        size_t n = fread(text, 1, found->len + 1, f);
        fclose(f);
        ck_assert_uint_eq(n, found->len);
        ck_assert_int_eq(memcmp(text, found->data, n), 0);
        free(text);
    }
}
END_TEST

/* No page file sets markup from a string: every lead-derived string is
 * text (innerHTML, outerHTML, insertAdjacentHTML, document.write and
 * inline handlers are what would let a title run as markup). */
START_TEST(the_page_never_writes_markup_from_strings)
{
    static const char *const banned[] = {"innerHTML", "outerHTML", "insertAdjacentHTML",
                                         "document.write", "eval(", "new Function",
                                         " onclick=", " onerror=", "<script>"};
    for (size_t k = 0; k < ls_srv_asset_count; k++) {
        const char *text = (const char *)ls_srv_assets[k].data;
        for (size_t b = 0; b < sizeof banned / sizeof *banned; b++)
            ck_assert_msg(!strstr(text, banned[b]), "%s has %s", ls_srv_assets[k].name,
                          banned[b]);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("serve_access");
    TCase *tc = tcase_create("access");
    tcase_add_test(tc, tokens_are_random_and_url_safe);
    tcase_add_test(tc, the_token_opens_the_path);
    tcase_add_test(tc, host_must_name_this_server);
    tcase_add_test(tc, origin_must_be_this_server);
    tcase_add_test(tc, every_response_has_the_policy);
    tcase_add_test(tc, the_page_is_its_files);
    tcase_add_test(tc, the_page_never_writes_markup_from_strings);
    suite_add_tcase(s, tc);
    return ls_check_run(s);
}
