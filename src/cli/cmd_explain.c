/* `leadsieve explain`: why each persona catches or misses each lead.  The
 * records come from the library (tuning/explain.h); this file only formats
 * them: an aligned table per lead, or one JSON object per lead. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include <unistr.h>
#include <uniwidth.h>
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "tuning/explain.h"
#include "writers/jsonout.h"

static const char usage[] =
    "usage: leadsieve explain --request REQUEST.json [options] [INPUT...]\n"
    "       leadsieve explain --request REQUEST.json --title TITLE [--title TITLE...]\n"
    "\n"
    "Shows why each persona catches or misses each lead: the title field used,\n"
    "the title and its normalized form, and for every persona the function\n"
    "keyword that hit (and whether only inside a word), the seniority entry and\n"
    "expansion that passed, the prohibit and title word that dropped it, and\n"
    "its verdict; then the request filter that dropped the lead, whether it is\n"
    "a duplicate, and the persona the run assigns.  Inputs are read as filter\n"
    "reads them (duplicates and filters included; limit_by is not applied).\n"
    "\n"
    "options:\n"
    "  --request FILE        the by_icp request body (JSON); required\n"
    "  --title TITLE         explain a bare job title (repeatable); inputs are\n"
    "                        then read only when given\n"
    "  --persona NAME        only that persona's row\n"
    "  --only WHICH          matched or missed leads only.  matched = the run\n"
    "                        returns the lead; with --persona: that persona's\n"
    "                        rule matches the title\n"
    "  --match MODE          documented (default) or words, as for filter\n"
    "  --as-of YYYY-MM-DD    the day years_* filters count to (default: today)\n"
    "  --format FORMAT       text (default) or jsonl (one JSON object per lead)\n"
    "  --limit N             show at most N leads\n"
    "  --color WHEN          auto (default: when standard output is a terminal\n"
    "                        and NO_COLOR is unset), always or never\n"
    "  -h, --help            show this help\n"
    "\n"
    "jsonl keys: file, line, title_field, title, title_norm, filter, duplicate,\n"
    "assigned, personas: [{name, matched, function, function_inside_word,\n"
    "seniority, alternative, prohibit, prohibit_token, function_index,\n"
    "seniority_index, alternative_index, prohibit_index}].  An index is -1 when\n"
    "nothing hit and -2 when the list is empty (which passes).  A bare title has\n"
    "file null and line = its position among the --title options.\n"
    "\n"
    "exit status: 0 ok; 2 invalid request or bad usage; 1 unreadable request or\n"
    "write failure\n";

enum { OPT_REQUEST = 256, OPT_TITLE, OPT_PERSONA, OPT_ONLY, OPT_MATCH, OPT_AS_OF,
       OPT_FORMAT, OPT_LIMIT, OPT_COLOR };

typedef struct explain_args {
    const char *request, *persona;
    const char **titles;
    size_t ntitles;
    ls_compile_options copt;
    ls_explain_only only;
    int jsonl, color; /* color: -1 auto, 0 never, 1 always */
    unsigned long long limit; /* 0: none */
} explain_args;

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "leadsieve explain: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (see leadsieve explain --help)\n");
    va_end(ap);
    return LS_EXIT_USAGE;
}

/* Returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, explain_args *a, int *first_input)
{
    static const struct option longopts[] = {
        {"request", required_argument, NULL, OPT_REQUEST},
        {"title", required_argument, NULL, OPT_TITLE},
        {"persona", required_argument, NULL, OPT_PERSONA},
        {"only", required_argument, NULL, OPT_ONLY},
        {"match", required_argument, NULL, OPT_MATCH},
        {"as-of", required_argument, NULL, OPT_AS_OF},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"limit", required_argument, NULL, OPT_LIMIT},
        {"color", required_argument, NULL, OPT_COLOR},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    opterr = 0;
    optind = 1;
    a->color = -1;
    a->titles = calloc((size_t)argc, sizeof *a->titles);
    if (!a->titles) {
        fprintf(stderr, "leadsieve explain: out of memory\n");
        return LS_EXIT_FAIL;
    }
    int c;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_REQUEST: a->request = optarg; break;
        case OPT_TITLE: a->titles[a->ntitles++] = optarg; break;
        case OPT_PERSONA: a->persona = optarg; break;
        case 'h': fputs(usage, stdout); return LS_EXIT_OK;
        case OPT_ONLY:
            if (strcmp(optarg, "matched") == 0)
                a->only = LS_EXPLAIN_MATCHED;
            else if (strcmp(optarg, "missed") == 0)
                a->only = LS_EXPLAIN_MISSED;
            else
                return usage_error("--only must be matched or missed, not '%s'", optarg);
            break;
        case OPT_MATCH:
            if (strcmp(optarg, "documented") == 0)
                a->copt.match_mode = LS_MATCH_DOCUMENTED;
            else if (strcmp(optarg, "words") == 0)
                a->copt.match_mode = LS_MATCH_WORDS;
            else
                return usage_error("--match must be documented or words, not '%s'", optarg);
            break;
        case OPT_AS_OF:
            if (ls_cli_parse_date(optarg, &a->copt.as_of_year, &a->copt.as_of_month,
                                  &a->copt.as_of_day) != 0)
                return usage_error("--as-of needs a date as YYYY-MM-DD, not '%s'", optarg);
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0)
                a->jsonl = 0;
            else if (strcmp(optarg, "jsonl") == 0)
                a->jsonl = 1;
            else
                return usage_error("--format must be text or jsonl, not '%s'", optarg);
            break;
        case OPT_LIMIT: {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(optarg, &end, 10);
            if (errno || *end || end == optarg || optarg[0] == '-' || n == 0)
                return usage_error("--limit needs a number of leads >= 1, not '%s'", optarg);
            a->limit = n;
            break;
        }
        case OPT_COLOR:
            if (strcmp(optarg, "auto") == 0)
                a->color = -1;
            else if (strcmp(optarg, "always") == 0)
                a->color = 1;
            else if (strcmp(optarg, "never") == 0)
                a->color = 0;
            else
                return usage_error("--color must be auto, always or never, not '%s'", optarg);
            break;
        case ':':
            return usage_error("option '%s' needs a value", argv[optind - 1]);
        default:
            return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (!a->request)
        return usage_error("%s", "--request FILE is required");
    for (int i = optind; i < argc; i++)
        if (strcmp(argv[i], "-") == 0 && strcmp(a->request, "-") == 0)
            return usage_error("%s", "the request and an input cannot both be standard input");
    if (optind == argc && !a->ntitles && strcmp(a->request, "-") == 0)
        return usage_error("%s", "the request is standard input: give the leads as INPUT");
    *first_input = optind;
    return -1;
}

/* ---- text ---- */

enum { COLS = 5 };

typedef struct cell {
    size_t off, len; /* in out_ctx.cells */
    int width;       /* display columns */
    const char *color;
} cell;

typedef struct out_ctx {
    const explain_args *a;
    const ls_request *req;
    int color;
    ls_buf line, cells, tmp;
    cell *grid; /* (rows + 1) x COLS */
    size_t grid_cap;
    int write_failed;
} out_ctx;

#define C_BOLD "\033[1m"
#define C_GREEN "\033[32m"
#define C_RED "\033[31m"
#define C_YELLOW "\033[33m"
#define C_DIM "\033[2m"
#define C_OFF "\033[0m"

/* Appends s[0..n) for a terminal: control characters, backslashes and
 * quotes escaped, invalid UTF-8 shown as \xNN bytes. */
static void put_display(ls_buf *b, const char *s, size_t n)
{
    const uint8_t *p = (const uint8_t *)s;
    for (size_t i = 0; i < n;) {
        ucs4_t uc;
        int k = u8_mbtoucr(&uc, p + i, n - i);
        if (k < 0) {
            ls_buf_printf(b, "\\x%02x", p[i]);
            i++;
            continue;
        }
        if (uc == '\n')
            ls_buf_append(b, "\\n", 2);
        else if (uc == '\t')
            ls_buf_append(b, "\\t", 2);
        else if (uc == '"' || uc == '\\') {
            ls_buf_putc(b, '\\');
            ls_buf_putc(b, (char)uc);
        } else if (uc < 0x20 || (uc >= 0x7f && uc < 0xa0))
            ls_buf_printf(b, "\\u%04x", (unsigned)uc);
        else
            ls_buf_append(b, p + i, (size_t)k);
        i += (size_t)k;
    }
}

static void put_quoted(ls_buf *b, const char *s)
{
    ls_buf_putc(b, '"');
    put_display(b, s, strlen(s));
    ls_buf_putc(b, '"');
}

/* Starts a cell; its text is appended to ctx->cells until end_cell. */
static size_t begin_cell(out_ctx *c)
{
    return c->cells.len;
}

static void end_cell(out_ctx *c, cell *k, size_t start, const char *color)
{
    k->off = start;
    k->len = c->cells.len - start;
    int w = u8_width((const uint8_t *)c->cells.data + start, k->len, "UTF-8");
    k->width = w < 0 ? (int)k->len : w;
    k->color = color;
}

static void text_cell(out_ctx *c, cell *k, const char *text, const char *color)
{
    size_t s = begin_cell(c);
    ls_buf_append(&c->cells, text, strlen(text));
    end_cell(c, k, s, color);
}

static void row_cells(out_ctx *c, const ls_explain_row *r, cell *k)
{
    const ls_request *req = c->req;
    size_t s = begin_cell(c);
    put_display(&c->cells, r->name, strlen(r->name));
    end_cell(c, &k[0], s, NULL);

    text_cell(c, &k[1], r->t.matched ? "match" : "no", r->t.matched ? C_GREEN C_BOLD : C_DIM);

    s = begin_cell(c);
    const char *color = NULL;
    if (r->t.function == -2)
        ls_buf_printf(&c->cells, "(none: any title)");
    else if (r->t.function == -1) {
        size_t n = ls_request_keyword_count(req, r->persona, 1);
        ls_buf_printf(&c->cells, "no hit (%zu keyword%s)", n, n == 1 ? "" : "s");
    }
    else {
        put_quoted(&c->cells, r->function);
        if (r->t.function_inside) {
            ls_buf_printf(&c->cells, " inside a word");
            color = C_YELLOW;
        }
    }
    end_cell(c, &k[2], s, color);

    s = begin_cell(c);
    if (r->t.seniority == -2)
        ls_buf_printf(&c->cells, "(none: any title)");
    else if (r->t.seniority == -1) {
        size_t n = ls_request_keyword_count(req, r->persona, 2);
        ls_buf_printf(&c->cells, "no entry passed (%zu)", n);
    }
    else {
        put_quoted(&c->cells, r->seniority);
        if (r->nalternatives > 1 && r->alternative &&
            strcasecmp(r->alternative, r->seniority) != 0) {
            ls_buf_printf(&c->cells, " as ");
            put_quoted(&c->cells, r->alternative);
        }
    }
    end_cell(c, &k[3], s, NULL);

    s = begin_cell(c);
    if (r->t.prohibit < 0)
        ls_buf_putc(&c->cells, '-');
    else {
        put_quoted(&c->cells, r->prohibit);
        if (r->t.prohibit_token && strcmp(r->t.prohibit_token, r->prohibit) != 0) {
            ls_buf_printf(&c->cells, " on ");
            put_quoted(&c->cells, r->t.prohibit_token);
        }
    }
    end_cell(c, &k[4], s, r->t.prohibit >= 0 ? C_RED : NULL);
}

static void put_cell(out_ctx *c, const cell *k, int width, int last)
{
    if (c->color && k->color)
        ls_buf_append(&c->line, k->color, strlen(k->color));
    ls_buf_append(&c->line, c->cells.data + k->off, k->len);
    if (c->color && k->color)
        ls_buf_append(&c->line, C_OFF, strlen(C_OFF));
    if (!last)
        for (int i = k->width; i < width + 2; i++)
            ls_buf_putc(&c->line, ' ');
}

static void outcome_line(out_ctx *c, const ls_explain_record *rec)
{
    ls_buf *b = &c->line;
    const char *color = C_YELLOW;
    ls_buf_append(b, "  => ", 5);
    size_t start = b->len;
    if (rec->duplicate)
        ls_buf_printf(b, "duplicate of an earlier lead: dropped before the filters");
    else if (rec->filter)
        ls_buf_printf(b, "dropped by the request filter %s", rec->filter);
    else if (rec->assigned >= 0) {
        const char *name = ls_request_persona_name(c->req, (size_t)rec->assigned);
        ls_buf_printf(b, "assigned: ");
        put_display(b, name, strlen(name));
        color = C_GREEN C_BOLD;
    } else if (rec->kept) {
        ls_buf_printf(b, "kept: the request has no personas");
        color = C_GREEN C_BOLD;
    } else
        ls_buf_printf(b, "no persona matched");
    if (c->color) {
        /* colour the words after "=> " */
        size_t n = b->len - start;
        ls_buf_clear(&c->tmp);
        ls_buf_append(&c->tmp, b->data + start, n);
        b->len = start;
        ls_buf_printf(b, "%s%s%s", color, c->tmp.data, C_OFF);
    }
    ls_buf_putc(b, '\n');
}

static int print_text(out_ctx *c, const ls_explain_record *rec)
{
    ls_buf *b = &c->line;
    ls_buf_clear(b);
    ls_buf_clear(&c->cells);
    if (c->color)
        ls_buf_append(b, C_BOLD, strlen(C_BOLD));
    if (rec->file) {
        put_display(b, rec->file, strlen(rec->file));
        ls_buf_printf(b, ":%llu", (unsigned long long)rec->line);
    } else
        ls_buf_printf(b, "--title %llu", (unsigned long long)rec->line);
    if (c->color)
        ls_buf_append(b, C_OFF, strlen(C_OFF));
    if (rec->file)
        ls_buf_printf(b, "  %s", rec->title_field ? rec->title_field : "(no title field)");
    ls_buf_append(b, "  \"", 3);
    put_display(b, rec->title, rec->title_len);
    ls_buf_printf(b, "\"\n  norm \"");
    ls_buf_append(b, rec->title_norm, rec->title_norm_len);
    ls_buf_append(b, "\"\n", 2);

    if (rec->nrows) {
        size_t need = (rec->nrows + 1) * COLS;
        if (need > c->grid_cap) {
            cell *g = realloc(c->grid, need * sizeof *g);
            if (!g)
                return -1;
            c->grid = g;
            c->grid_cap = need;
        }
        static const char *const head[COLS] = {"persona", "verdict", "function", "seniority",
                                               "prohibit"};
        for (int j = 0; j < COLS; j++)
            text_cell(c, &c->grid[j], head[j], C_BOLD);
        for (size_t i = 0; i < rec->nrows; i++)
            row_cells(c, &rec->rows[i], &c->grid[(i + 1) * COLS]);
        int width[COLS] = {0};
        for (size_t i = 0; i <= rec->nrows; i++)
            for (int j = 0; j < COLS; j++)
                if (c->grid[i * COLS + j].width > width[j])
                    width[j] = c->grid[i * COLS + j].width;
        for (size_t i = 0; i <= rec->nrows; i++) {
            ls_buf_append(b, "  ", 2);
            for (int j = 0; j < COLS; j++)
                put_cell(c, &c->grid[i * COLS + j], width[j], j == COLS - 1);
            ls_buf_putc(b, '\n');
        }
    }
    outcome_line(c, rec);
    ls_buf_putc(b, '\n');
    return b->data && fwrite(b->data, 1, b->len, stdout) == b->len ? 0 : -1;
}

/* ---- jsonl ---- */

static cJSON *clean_string(out_ctx *c, const char *s, size_t n)
{
    if (!s)
        return cJSON_CreateNull();
    ls_buf_clear(&c->tmp);
    if (ls_explain_clean_utf8(&c->tmp, s, n) != 0)
        return NULL;
    return cJSON_CreateString(c->tmp.data);
}

static int add(cJSON *obj, const char *key, cJSON *v)
{
    return v && cJSON_AddItemToObject(obj, key, v) ? 0 : (cJSON_Delete(v), -1);
}

static int add_str(out_ctx *c, cJSON *obj, const char *key, const char *s)
{
    return add(obj, key, clean_string(c, s, s ? strlen(s) : 0));
}

static cJSON *row_json(out_ctx *c, const ls_explain_row *r)
{
    cJSON *o = cJSON_CreateObject();
    int bad = !o;
    bad = bad || add_str(c, o, "name", r->name);
    bad = bad || add(o, "matched", cJSON_CreateBool(r->t.matched));
    bad = bad || add_str(c, o, "function", r->function);
    bad = bad || add(o, "function_inside_word", cJSON_CreateBool(r->t.function_inside));
    bad = bad || add_str(c, o, "seniority", r->seniority);
    bad = bad || add_str(c, o, "alternative", r->alternative);
    bad = bad || add_str(c, o, "prohibit", r->prohibit);
    bad = bad || add_str(c, o, "prohibit_token", r->t.prohibit >= 0 ? r->t.prohibit_token : NULL);
    bad = bad || add(o, "function_index", cJSON_CreateNumber(r->t.function));
    bad = bad || add(o, "seniority_index", cJSON_CreateNumber(r->t.seniority));
    bad = bad || add(o, "alternative_index", cJSON_CreateNumber(r->t.alternative));
    bad = bad || add(o, "prohibit_index", cJSON_CreateNumber(r->t.prohibit));
    if (bad) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static int print_jsonl(out_ctx *c, const ls_explain_record *rec)
{
    cJSON *o = cJSON_CreateObject(), *rows = cJSON_CreateArray();
    int bad = !o || !rows;
    bad = bad || add(o, "file", clean_string(c, rec->file, rec->file ? strlen(rec->file) : 0));
    bad = bad || add(o, "line", cJSON_CreateNumber((double)rec->line));
    bad = bad || add_str(c, o, "title_field", rec->title_field);
    bad = bad || add(o, "title", clean_string(c, rec->title, rec->title_len));
    bad = bad || add(o, "title_norm", cJSON_CreateString(rec->title_norm));
    bad = bad || add_str(c, o, "filter", rec->filter);
    bad = bad || add(o, "duplicate", cJSON_CreateBool(rec->duplicate));
    bad = bad || add_str(c, o, "assigned",
                         rec->assigned >= 0
                             ? ls_request_persona_name(c->req, (size_t)rec->assigned)
                             : NULL);
    for (size_t i = 0; !bad && i < rec->nrows; i++)
    {
        cJSON *r = row_json(c, &rec->rows[i]);
        bad = !r || !cJSON_AddItemToArray(rows, r);
        if (bad)
            cJSON_Delete(r);
    }
    if (!bad) {
        bad = add(o, "personas", rows);
        rows = NULL;
    }
    ls_buf_clear(&c->line);
    bad = bad || ls_json_emit(&c->line, o, 0) != 0 || ls_buf_putc(&c->line, '\n') != 0;
    cJSON_Delete(o);
    cJSON_Delete(rows);
    if (bad)
        return -1;
    return fwrite(c->line.data, 1, c->line.len, stdout) == c->line.len ? 0 : -1;
}

static int on_record(void *user, const ls_explain_record *rec)
{
    out_ctx *c = user;
    int r = c->a->jsonl ? print_jsonl(c, rec) : print_text(c, rec);
    if (r != 0) {
        c->write_failed = 1;
        return 1;
    }
    return 0;
}

static void on_diag(void *user, const ls_diag *d)
{
    (void)user;
    if (d->kind == LS_DIAG_IO)
        fprintf(stderr, "leadsieve: explain: %s: %s\n", d->file, d->message);
    else if (d->kind != LS_DIAG_NOTE) {
        if (d->line)
            fprintf(stderr, "leadsieve: warning: %s:%llu: %s\n", d->file,
                    (unsigned long long)d->line, d->message);
        else
            fprintf(stderr, "leadsieve: warning: %s: %s\n", d->file, d->message);
    }
}

static int find_persona(const ls_request *req, const char *name)
{
    size_t n = ls_request_persona_count(req);
    for (size_t i = 0; i < n; i++)
        if (strcmp(ls_request_persona_name(req, i), name) == 0)
            return (int)i;
    return -1;
}

typedef struct limit_ctx {
    out_ctx *out;
    unsigned long long limit, shown;
} limit_ctx;

static int limit_fn(void *user, const ls_explain_record *rec)
{
    limit_ctx *l = user;
    if (on_record(l->out, rec))
        return 1;
    return l->limit && ++l->shown >= l->limit;
}

static int run_explain(const explain_args *a, const ls_request *req, int ninputs,
                       char **inputs)
{
    ls_explain_options eo = {on_diag, NULL, 0, 0, -1, a->only};
    if (a->persona) {
        eo.persona = find_persona(req, a->persona);
        if (eo.persona < 0)
            return usage_error("the request has no persona named '%s'", a->persona);
    }
    out_ctx oc;
    memset(&oc, 0, sizeof oc);
    oc.a = a;
    oc.req = req;
    if (a->color < 0) {
        const char *nc = getenv("NO_COLOR");
        oc.color = !a->jsonl && isatty(STDOUT_FILENO) && !(nc && *nc);
    } else
        oc.color = a->color && !a->jsonl;
    limit_ctx lc = {&oc, a->limit, 0};
    ls_explain *ex = ls_explain_new(req, &eo, limit_fn, &lc);
    if (!ex) {
        fprintf(stderr, "leadsieve: explain: out of memory\n");
        return LS_EXIT_FAIL;
    }
    ls_status st = LS_OK;
    for (size_t i = 0; st == LS_OK && i < a->ntitles; i++)
        st = ls_explain_add_title(ex, a->titles[i], strlen(a->titles[i]));
    for (int i = 0; st == LS_OK && i < ninputs; i++)
        st = ls_explain_add_path(ex, inputs[i]);
    if (st == LS_OK && ninputs == 0 && a->ntitles == 0)
        st = ls_explain_add_path(ex, "-");
    int rc = LS_EXIT_OK;
    if (st != LS_OK) {
        fprintf(stderr, "leadsieve: explain: %s\n", ls_status_message(st));
        rc = LS_EXIT_FAIL;
    }
    if (fflush(stdout) != 0 || ferror(stdout) || oc.write_failed) {
        fprintf(stderr, "leadsieve: explain: cannot write the output: %s\n",
                oc.write_failed && !errno ? "out of memory" : strerror(errno));
        rc = LS_EXIT_FAIL;
    }
    ls_explain_free(ex);
    ls_buf_free(&oc.line);
    ls_buf_free(&oc.cells);
    ls_buf_free(&oc.tmp);
    free(oc.grid);
    return rc;
}

int ls_cmd_explain(int argc, char **argv)
{
    explain_args a;
    memset(&a, 0, sizeof a);
    int first = 0, rc = parse_args(argc, argv, &a, &first);
    if (rc < 0) {
        ls_request *req = NULL;
        rc = ls_cli_load_request("explain", a.request, &a.copt, &req);
        if (rc == LS_EXIT_OK) {
            ls_cli_print_request_warnings(req);
            rc = run_explain(&a, req, argc - first, argv + first);
        }
        ls_request_free(req);
    }
    free(a.titles);
    return rc;
}
