/* Shared by the test_serve_* suites: a session over the score fixture
 * (tests/data/score: 18 leads, the labels, two requests worked out by hand
 * in test_tuning_diff.c) and calls of the API without sockets. */
#ifndef LS_SERVE_TESTUTIL_H
#define LS_SERVE_TESTUTIL_H
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "api.h"
#include "buf.h"
#include "session.h"

#define FIX LS_TEST_DATA "/score/"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    ls_buf b = {0};
    char block[4096];
    size_t n;
    while ((n = fread(block, 1, sizeof block, f)) > 0)
        ck_assert_int_eq(ls_buf_append(&b, block, n), 0);
    fclose(f);
    if (len)
        *len = b.len;
    return b.data;
}

typedef struct fixture {
    ls_leads *leads;
    ls_srv *srv;
    char *request, *labels;
    ls_buf saved; /* what the save function was given */
    int saves;
} fixture;

static int save_to_buffer(void *user, const char *text, size_t len, char *why, size_t whylen)
{
    fixture *f = user;
    (void)why;
    (void)whylen;
    ls_buf_clear(&f->saved);
    f->saves++;
    return ls_buf_append(&f->saved, text, len);
}

/* cfg_edit may change the configuration before the session starts. */
static void fixture_open(fixture *f, void (*cfg_edit)(ls_srv_config *))
{
    memset(f, 0, sizeof *f);
    ck_assert_int_eq(ls_leads_new(NULL, &f->leads), LS_OK);
    ck_assert_int_eq(ls_leads_add_path(f->leads, FIX "leads.jsonl"), LS_OK);
    size_t rlen, llen;
    f->request = slurp(FIX "request.json", &rlen);
    f->labels = slurp(FIX "labels.tsv", &llen);
    static const char *const inputs[] = {FIX "leads.jsonl"};
    ls_srv_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.request_name = "request.json";
    cfg.request_text = f->request;
    cfg.request_len = rlen;
    cfg.labels_name = "labels.tsv";
    cfg.labels_text = f->labels;
    cfg.labels_len = llen;
    cfg.inputs = inputs;
    cfg.ninputs = 1;
    cfg.threads = 2;
    cfg.save_path = "request.edited.json";
    cfg.save = save_to_buffer;
    cfg.save_user = f;
    if (cfg_edit)
        cfg_edit(&cfg);
    char why[256];
    ck_assert_int_eq(ls_srv_new(&cfg, f->leads, &f->srv, why, sizeof why), 0);
}

static void fixture_close(fixture *f)
{
    ls_srv_free(f->srv);
    ls_leads_free(f->leads);
    free(f->request);
    free(f->labels);
    ls_buf_free(&f->saved);
}

/* Query arguments as "name=value" strings, NULL-terminated. */
static const char *find_arg(void *user, const char *name)
{
    size_t n = strlen(name);
    for (const char *const *a = user; a && *a; a++)
        if (strncmp(*a, name, n) == 0 && (*a)[n] == '=')
            return *a + n + 1;
    return NULL;
}

/* Calls the API; returns the body parsed (NULL for a body that is not
 * JSON) and the status. */
static cJSON *api(fixture *f, const char *method, const char *path, const char *const *args,
                  const char *body, unsigned *status)
{
    ls_srv_call c = {method, path, find_arg, (void *)args, body, body ? strlen(body) : 0};
    ls_srv_reply r;
    ls_srv_handle(f->srv, &c, &r);
    *status = r.status;
    cJSON *doc = r.body ? cJSON_ParseWithLength(r.body, r.len) : NULL;
    ls_srv_reply_free(&r);
    return doc;
}

static double num(const cJSON *o, const char *path)
{
    /* "a.b.c": members one inside the other */
    char buf[128];
    snprintf(buf, sizeof buf, "%s", path);
    const cJSON *cur = o;
    for (char *part = strtok(buf, "."); part && cur; part = strtok(NULL, "."))
        cur = cJSON_GetObjectItemCaseSensitive(cur, part);
    ck_assert_msg(cJSON_IsNumber(cur), "%s is not a number", path);
    return cur->valuedouble;
}

static const char *str(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

#endif
