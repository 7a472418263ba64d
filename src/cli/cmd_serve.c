/* `leadsieve serve`: reads the leads once, then serves a page on this
 * machine to edit the request against them (src/serve) until Ctrl-C. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "cli_util.h"
#include "commands.h"
#include "guard.h"
#include "http.h"
#include "options.h"
#include "serve.h"
#include "leadsieve/tools.h"

extern char **environ;

static const char usage[] =
    "usage: leadsieve serve --request REQUEST.json [options] [INPUT...]\n"
    "\n"
    "Reads the leads once (INPUT as for filter; standard input when none) and\n"
    "serves a page to edit the request against them: the request as JSON, its\n"
    "errors and lint warnings at their place as you type, what each filter drops\n"
    "and each persona matches, a searchable table of the leads with why each is\n"
    "kept or not, every persona's verdict on a lead, what changed against the\n"
    "request as loaded, and with labels the score and the proposals of\n"
    "suggest, each applied in one click.  Each edit re-runs the request over\n"
    "the leads in memory; Save writes the edited request.\n"
    "\n"
    "The server listens on 127.0.0.1 only, prints its address, which holds a\n"
    "random token that every call must carry, and runs until Ctrl-C.\n"
    "\n"
    "options:\n"
    "  --request FILE      the request to edit (required)\n"
    "  --labels FILE       a labels table, as for score: the page shows the score\n"
    "                      and suggest's proposals\n"
    "  --label-field NAME  the labels from each lead's field NAME instead\n"
    "  --save FILE         where Save writes the edited request (atomically);\n"
    "                      default: the request's name with .edited.json, beside\n"
    "                      it.  Never the request, the labels or a lead input.\n"
    "  --port N            the port to listen on (default: a free one)\n"
    "  --host ADDR         listen on the IP address ADDR instead of 127.0.0.1:\n"
    "                      anyone who can reach it and has the address printed\n"
    "                      can read the leads (a warning says so)\n"
    "  --open              open the page in the browser (xdg-open)\n"
    "  -j, --threads N     threads for each re-run (default: one per CPU, at most 8)\n"
    "  --input-format FMT  json or csv, as for filter\n"
    "  --api API           v1 or by_icp: how the request is read (default:\n"
    "                      v1 when it has a field only v1 requests have)\n"
    "  --mode MODE         realtime (default) or database: the v1 search\n"
    "                      whose fields the request may use\n"
    "  --match MODE        documented (default) or words, as for filter\n"
    "  --as-of YYYY-MM-DD  the day years_in_* filters count to (default: today)\n"
    "  -q, --quiet         no warnings about skipped records\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit status: 0 stopped with Ctrl-C; 2 invalid request (the API's error\n"
    "envelope on standard output), bad labels, a save target that is an input,\n"
    "or bad usage; 1 unreadable inputs or the server could not start\n";

typedef struct serve_args {
    const char *request, *labels, *label_field, *save, *port, *host;
    int open, quiet, threads;
    ls_compile_options copt;
    ls_input_format input_format;
} serve_args;

#define ARG(member) offsetof(serve_args, member)
static const ls_cli_opt options[] = {
    {"request", 0, 1, ARG(request), NULL, NULL},
    {"labels", 0, 1, ARG(labels), NULL, NULL},
    {"label-field", 0, 1, ARG(label_field), NULL, NULL},
    {"save", 0, 1, ARG(save), NULL, NULL},
    {"port", 0, 1, ARG(port), NULL, NULL},
    {"host", 0, 1, ARG(host), NULL, NULL},
    {"open", 0, 0, ARG(open), NULL, NULL},
    {"threads", 'j', 1, ARG(threads), ls_cli_set_threads, NULL},
    {"input-format", 0, 1, ARG(input_format), ls_cli_set_input_format, NULL},
    {"match", 0, 1, ARG(copt), ls_cli_set_match, NULL},
    {"api", 0, 1, ARG(copt), ls_cli_set_api, NULL},
    {"mode", 0, 1, ARG(copt), ls_cli_set_mode, NULL},
    {"as-of", 0, 1, ARG(copt), ls_cli_set_as_of, NULL},
    {"quiet", 'q', 0, ARG(quiet), NULL, NULL},
    {NULL, 0, 0, 0, NULL, NULL}};
#undef ARG

/* R.json -> R.edited.json beside it; any other name gets .edited.json. */
static char *default_save(const char *request)
{
    size_t n = strlen(request);
    const char *ext = ".json";
    if (n > 5 && strcmp(request + n - 5, ext) == 0)
        n -= 5;
    char *out = malloc(n + sizeof ".edited.json");
    if (out) {
        memcpy(out, request, n);
        memcpy(out + n, ".edited.json", sizeof ".edited.json");
    }
    return out;
}

static int parse_args(int argc, char **argv, serve_args *a, unsigned *port, int *first_input)
{
    int first, rc = ls_cli_parse_options("serve", options, usage, argc, argv, a, &first);
    if (rc >= 0)
        return rc;
    if (!a->request)
        return ls_cli_usage_error("serve", "--request FILE is required");
    if (a->labels && a->label_field)
        return ls_cli_usage_error("serve", "give one of --labels FILE and --label-field NAME");
    if (a->label_field && !*a->label_field)
        return ls_cli_usage_error("serve", "--label-field needs a field name");
    if (strcmp(a->request, "-") == 0 && !a->save)
        return ls_cli_usage_error("serve", "a request read from standard input needs --save "
                                           "FILE (there is no name to put .edited.json on)");
    if (a->save && strcmp(a->save, "-") == 0)
        return ls_cli_usage_error("serve", "--save needs a file, not standard output");
    *port = 0;
    if (a->port) {
        char *end;
        errno = 0;
        unsigned long p = strtoul(a->port, &end, 10);
        if (errno || *end || end == a->port || p > 65535 || a->port[0] == '-')
            return ls_cli_usage_error("serve", "--port needs a port from 0 to 65535, not '%s'",
                                      a->port);
        *port = (unsigned)p;
    }
    int stdin_uses = (strcmp(a->request, "-") == 0) + (a->labels && strcmp(a->labels, "-") == 0) +
                     ls_cli_leads_stdin_uses(argc, argv, first);
    if (stdin_uses > 1)
        return ls_cli_usage_error("serve", "only one of the request, the labels and the leads "
                                           "can be standard input");
    *first_input = first;
    return -1;
}

/* What Save needs: the target, the files it must never replace. */
typedef struct saver {
    const char *path;
    const ls_cli_read *reads;
    char **inputs;
    int ninputs;
    pthread_mutex_t mu; /* saves from two connections take turns */
} saver;

static int save_request(void *user, const char *text, size_t len, char *why, size_t whylen)
{
    saver *sv = user;
    pthread_mutex_lock(&sv->mu);
    const ls_cli_output outs[] = {{"--save", sv->path}, {NULL, NULL}};
    int rc = -1;
    ls_outfile o;
    /* checked again: a link or a file may have been put there since */
    if (ls_cli_guard("serve", outs, 0, sv->reads, sv->inputs, sv->ninputs) != LS_EXIT_OK)
        snprintf(why, whylen, "%s is now one of the inputs: not saved", sv->path);
    else if (ls_outfile_open(&o, sv->path, "--save") != 0)
        snprintf(why, whylen, "cannot open %s: %s", sv->path, strerror(errno));
    else if (fwrite(text, 1, len, o.f) != len || (len && text[len - 1] != '\n' &&
                                                  fputc('\n', o.f) == EOF)) {
        snprintf(why, whylen, "cannot write %s: %s", sv->path, strerror(errno));
        ls_outfile_fail(&o, "--save", strerror(errno));
    } else if (ls_outfile_commit(&o, "--save") != 0) {
        snprintf(why, whylen, "cannot write %s (see the terminal)", sv->path);
    } else {
        rc = 0;
    }
    pthread_mutex_unlock(&sv->mu);
    return rc;
}

static int read_leads(const serve_args *a, char **inputs, int ninputs, ls_leads **out)
{
    static ls_cli_diag_printer dp;
    dp = (ls_cli_diag_printer){"serve", a->quiet, 0};
    ls_leads_options lo;
    ls_leads_options_init(&lo);
    lo.on_diag = ls_cli_print_diag;
    lo.diag_user = &dp;
    lo.input_format = a->input_format;
    ls_status st = ls_leads_new(&lo, out);
    for (int i = 0; st == LS_OK && i < ninputs; i++)
        st = ls_leads_add_path(*out, inputs[i]);
    if (st == LS_OK && ninputs == 0)
        st = ls_leads_add_path(*out, "-");
    if (st != LS_OK) {
        fprintf(stderr, "leadsieve: serve: reading the leads: %s\n", ls_status_message(st));
        return LS_EXIT_FAIL;
    }
    if (ls_leads_count(*out) == 0) {
        fprintf(stderr, "leadsieve: serve: no lead was read: nothing to edit against\n");
        return LS_EXIT_FAIL;
    }
    return LS_EXIT_OK;
}

/* The labels checked against the request as loaded, as score checks them. */
static int check_labels(const serve_args *a, const ls_request *req, const ls_buf *labels)
{
    ls_score *s = NULL;
    if (ls_score_new(req, NULL, &s) == LS_E_USAGE)
        return ls_cli_usage_error("serve", "--labels/--label-field: the request has no "
                                           "personas to score");
    if (!labels->data) {
        ls_score_free(s);
        return LS_EXIT_OK;
    }
    ls_problems *errs = NULL;
    ls_status st = ls_score_load_labels(s, a->labels, labels->data, labels->len, &errs);
    ls_score_free(s);
    if (st == LS_OK)
        return LS_EXIT_OK;
    for (size_t i = 0; i < ls_problems_count(errs); i++) {
        ls_problem p = ls_problems_get(errs, i);
        fprintf(stderr, "leadsieve: serve: %s: %s\n", ls_cli_safe(p.path), ls_cli_safe(p.hint));
    }
    ls_problems_free(errs);
    return st == LS_E_USAGE ? LS_EXIT_USAGE : LS_EXIT_FAIL;
}

static void open_browser(const char *url)
{
    char *argv[] = {"xdg-open", (char *)url, NULL};
    pid_t pid;
    if (posix_spawnp(&pid, "xdg-open", NULL, NULL, argv, environ) != 0)
        fprintf(stderr, "leadsieve: serve: --open: xdg-open could not be started; open the "
                        "address above yourself\n");
}

typedef struct loaded {
    ls_buf request, labels;
    ls_request *req;
    ls_leads *leads;
    ls_srv *srv;
    ls_srv_http *http;
} loaded;

static void unload(loaded *l)
{
    ls_srv_http_stop(l->http);
    ls_srv_free(l->srv);
    ls_leads_free(l->leads);
    ls_request_free(l->req);
    ls_buf_free(&l->request);
    ls_buf_free(&l->labels);
}

static int serve(const serve_args *a, unsigned port, char **inputs, int ninputs, saver *sv)
{
    loaded l;
    memset(&l, 0, sizeof l);
    int rc = ls_cli_load_request("serve", a->request, &a->copt, &l.req);
    if (rc != LS_EXIT_OK)
        return rc;
    if (!a->quiet)
        ls_cli_print_request_warnings(l.req);
    if (ls_cli_read_file(a->request, 64u << 20, &l.request) != 0 ||
        (a->labels && ls_cli_read_file(a->labels, SIZE_MAX / 2, &l.labels) != 0)) {
        fprintf(stderr, "leadsieve: serve: cannot read %s: %s\n",
                l.request.data ? a->labels : a->request, strerror(errno));
        unload(&l);
        return LS_EXIT_FAIL;
    }
    if ((a->labels || a->label_field) && (rc = check_labels(a, l.req, &l.labels)) != LS_EXIT_OK) {
        unload(&l);
        return rc;
    }
    double t0 = ls_srv_now_ms();
    if ((rc = read_leads(a, inputs, ninputs, &l.leads)) != LS_EXIT_OK) {
        unload(&l);
        return rc;
    }
    double read_ms = ls_srv_now_ms() - t0;
    /* Ctrl-C and SIGTERM are waited for, not handled: blocked before the
     * first thread starts, so that every thread inherits the mask (while
     * the leads are read, Ctrl-C still ends the process at once) */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    ls_srv_config cfg = {
        strcmp(a->request, "-") == 0 ? "(standard input)" : a->request,
        l.request.data ? l.request.data : "", l.request.len, a->copt,
        a->labels, l.labels.data, l.labels.len, a->label_field,
        (const char *const *)inputs, (size_t)ninputs,
        a->threads ? a->threads : ls_cli_default_threads(),
        sv->path, save_request, sv,
        /* proposals need labels to measure them on */
        a->labels || a->label_field ? ls_srv_suggest_personas : NULL, NULL};
    char why[512];
    if (ls_srv_new(&cfg, l.leads, &l.srv, why, sizeof why) != 0 ||
        ls_srv_http_start(l.srv, a->host, port, &l.http, why, sizeof why) != 0) {
        fprintf(stderr, "leadsieve: serve: %s\n", why);
        unload(&l);
        return LS_EXIT_FAIL;
    }
    fprintf(stderr, "leadsieve: serve: %zu leads read in %.0f ms, ready in %.0f ms more "
                    "(Save writes %s); Ctrl-C stops\n",
            ls_leads_count(l.leads), read_ms, ls_srv_start_ms(l.srv), ls_cli_safe(sv->path));
    if (a->host)
        fprintf(stderr, "leadsieve: warning: serve: listening on %s, not only this machine: "
                        "whoever can reach it and has the address below can read the leads "
                        "and save the request\n", a->host);
    printf("%s\n", ls_srv_http_url(l.http));
    fflush(stdout);
    if (a->open)
        open_browser(ls_srv_http_url(l.http));

    for (;;) {
        int sig = 0;
        if (sigwait(&stop, &sig) == 0 && (sig == SIGINT || sig == SIGTERM))
            break;
    }
    fprintf(stderr, "leadsieve: serve: stopped\n");
    unload(&l);
    return LS_EXIT_OK;
}

int ls_cmd_serve(int argc, char **argv)
{
    serve_args a;
    memset(&a, 0, sizeof a);
    unsigned port = 0;
    int first = 0, rc = parse_args(argc, argv, &a, &port, &first);
    if (rc >= 0)
        return rc;
    char *save = a.save ? strdup(a.save) : default_save(a.request);
    if (!save) {
        fprintf(stderr, "leadsieve: serve: out of memory\n");
        return LS_EXIT_FAIL;
    }
    const ls_cli_read reads[] = {{"the request", a.request}, {"the labels", a.labels},
                                 {NULL, NULL}};
    const ls_cli_output outs[] = {{"--save", save}, {NULL, NULL}};
    /* the save target is never an input, checked before anything is read */
    rc = ls_cli_guard("serve", outs, 0, reads, argv + first, argc - first);
    if (rc == LS_EXIT_OK) {
        /* a browser that closes a connection must not end the process */
        signal(SIGPIPE, SIG_IGN);
        saver sv = {save, reads, argv + first, argc - first, PTHREAD_MUTEX_INITIALIZER};
        rc = serve(&a, port, argv + first, argc - first, &sv);
    }
    free(save);
    return rc;
}
