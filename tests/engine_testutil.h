/* Shared by the test_engine_* suites: compile a request, run it over
 * in-memory inputs, capture what a writer produces. */
#ifndef LS_ENGINE_TESTUTIL_H
#define LS_ENGINE_TESTUTIL_H
#include <check.h>
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "leadsieve.h"
#include "engine/engine.h"

static ls_request *compile_req(const char *json)
{
    ls_request *req = NULL;
    ls_problems *errs = NULL;
    ls_status st = ls_request_compile(json, strlen(json), NULL, &req, &errs);
    if (st != LS_OK && errs && ls_problems_count(errs))
        fprintf(stderr, "request error: %s: %s\n", ls_problems_get(errs, 0).path,
                ls_problems_get(errs, 0).hint);
    ck_assert_int_eq(st, LS_OK);
    ls_problems_free(errs);
    return req;
}

/* Runs req over inputs (NULL-terminated list of texts, named in0, in1, ...);
 * spill_threshold 0 keeps the default. */
static ls_run *run_inputs(const ls_request *req, const char *const *inputs,
                          size_t spill_threshold)
{
    ls_run *run = NULL;
    ls_run_new(req, NULL, &run);
    ck_assert_ptr_nonnull(run);
    if (spill_threshold)
        ls_run_set_spill_threshold(run, spill_threshold);
    for (size_t i = 0; inputs[i]; i++) {
        char name[16];
        snprintf(name, sizeof name, "in%zu", i);
        ck_assert_int_eq(ls_run_add_memory(run, name, inputs[i], strlen(inputs[i])), LS_OK);
    }
    ck_assert_int_eq(ls_run_finish(run), LS_OK);
    return run;
}

/* The run written in a format; caller frees. */
static char *write_run(ls_run *run, const ls_write_options *opt)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(ls_run_write(run, opt, f), LS_OK);
    fclose(f);
    return text;
}

static char *write_fmt(ls_run *run, ls_format fmt)
{
    ls_write_options o = {fmt, NULL, 0, 0};
    return write_run(run, &o);
}

/* Request JSON + inputs -> the JSON response text. */
static char *filter_json(const char *req_json, const char *const *inputs)
{
    ls_request *req = compile_req(req_json);
    ls_run *run = run_inputs(req, inputs, 0);
    char *out = write_fmt(run, LS_FORMAT_JSON);
    ls_run_free(run);
    ls_request_free(req);
    return out;
}

#endif
