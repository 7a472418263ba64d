/* CSV leads (contract §5a): see csv.h.
 *
 * Three layers, each fed by the one below as the source pulls bytes:
 * decoding (encoding from the BOM, UTF-16 transcoded) into a text buffer
 * of UTF-8; a resumable RFC 4180 row parser over that text, which records
 * each row's cells as spans and never scans a byte twice; and the lead,
 * the row's JSON object scanned like any other.  Text before the row being
 * parsed is let go whenever more is read, and a row longer than the record
 * limit is followed to its end without being held. */
#include <stdlib.h>
#include <string.h>
#include "readers/csv.h"
#include "core/core.h"
#include "json/json.h"

enum enc { ENC_UNKNOWN = 0, ENC_UTF8, ENC_UTF16LE, ENC_UTF16BE };

/* Where the parser is inside a row. */
enum st {
    ST_CELL = 0, /* at the start of a cell */
    ST_PLAIN,    /* in an unquoted cell, or after a quoted cell's closing quote */
    ST_QUOTED,   /* inside quotes */
    ST_QUOTE,    /* just after a quote inside quotes: closing, or the first of "" */
    ST_CR        /* after a CR that ended the row: an LF may follow */
};

/* What parse() found. */
enum { R_MORE = 0, R_ROW = 1, R_END = 2, R_OPEN = 3 };

/* How far the header is read. */
enum { H_BLANK = 0, H_SEP, H_DETECT, H_PARSE, H_DONE, H_END };

typedef struct cell {
    size_t start, end; /* from the row's first byte; a quoted cell's quotes included */
    int quoted;
} cell;

struct ls_csv {
    const char *name;
    size_t max_record;
    int max_depth;
    ls_js_shapes *shapes;
    ls_csv_pull_fn pull;
    void *user;
    /* decoding */
    int enc;
    unsigned bom;           /* bytes of the byte order mark */
    unsigned char pend[3];  /* bytes held until the encoding is known, or an odd UTF-16 byte */
    size_t npend;
    unsigned hi;            /* UTF-16: a high surrogate waiting for its low half; 0: none */
    int in_eof;             /* every byte of the input has been decoded */
    uint64_t raw_in;        /* bytes of input pulled */
    /* the text (UTF-8) */
    char *t;
    size_t tlen, tcap;
    uint64_t t_base;        /* text offset of t[0] */
    size_t u_at;            /* UTF-16: u_units counts the code units before t[u_at] */
    uint64_t u_units;
    /* the row being parsed */
    size_t pos;             /* parse position in t */
    size_t row;             /* its first byte in t */
    size_t content_end;     /* where its line end starts, once seen */
    int st;
    size_t cell_start;
    int cell_quoted;
    cell *cells;
    size_t ncells;          /* cells seen, recorded or not */
    size_t cells_cap, max_cells;
    int nomem;              /* a cell could not be recorded */
    int skipping;           /* over the record limit: followed to its end, not held */
    uint64_t skip_off;      /* where the skipped row starts in the file */
    uint64_t line;          /* the line at pos */
    uint64_t row_line;      /* the line where the row starts */
    uint64_t out_line;      /* the line of the row given out last */
    /* the header */
    int stage;
    int delim;
    int delim_fixed;        /* named by a "sep=" line */
    int sep_checked;
    size_t ncols;
    ls_buf keys;            /* each column's `"name": `, back to back */
    size_t *key_off;        /* column i: keys.data + key_off[i], up to key_off[i + 1] */
    signed char *col_field; /* the field its header is an alias of, or -1 */
    ls_csv_names header;
    /* the row's object */
    ls_buf obj;
    size_t *val_off, *val_len;
    unsigned char *val_esc; /* 0 absent, 1 present, 2 present with a backslash */
};

/* ---- aliases ---- */

int ls_csv_alias_field(const char *header, size_t len)
{
    ls_trim_ascii_ws(&header, &len);
    if (len == 0 || len > ls_csv_alias_max_len)
        return -1;
    char low[256];
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)header[i];
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    size_t lo = 0, hi = ls_csv_alias_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ls_csv_alias *a = &ls_csv_aliases[mid];
        size_t n = a->len < len ? a->len : len;
        int c = memcmp(a->header, low, n);
        if (c == 0)
            c = a->len < len ? -1 : a->len > len;
        if (c == 0)
            return a->field;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int ls_csv_path_is_csv(const char *path)
{
    return ls_path_input_format(path) == LS_INPUT_CSV;
}

/* The fields a column of their own name gave, as a bit set. */
_Static_assert(LS_F__COUNT <= 32, "the lead fields no longer fit a 32-bit set");
static uint32_t fields_present(const ls_lead *lead)
{
    uint32_t set = 0;
    for (int f = 0; f < LS_F__COUNT; f++)
        if (lead->f[f].type != LS_J_NONE)
            set |= 1u << f;
    return set;
}

void ls_csv_lead_aliases(ls_lead *lead)
{
    uint32_t own = fields_present(lead);
    ls_jval obj = {lead->raw, lead->raw_len, LS_J_OBJECT, 0, 0}, k, v;
    size_t pos = 0;
    char tmp[256 * 6];
    while (ls_jval_next(&obj, &pos, &k, &v)) {
        if (v.type != LS_J_STRING)
            continue;
        const char *name = k.p;
        size_t len = k.len;
        if (k.has_escape) {
            if (len > sizeof tmp)
                continue; /* longer than any alias once decoded */
            unsigned fl = 0;
            len = ls_jstr_decode(k.p, k.len, tmp, &fl);
            name = tmp;
        }
        int f = ls_csv_alias_field(name, len);
        if (f >= 0 && !(own & (1u << f)))
            lead->f[f] = v;
    }
}

void ls_csv_names_free(ls_csv_names *names)
{
    if (names) {
        free(names->names);
        memset(names, 0, sizeof *names);
    }
}

int ls_csv_names_copy(ls_csv_names *out, const char *names, size_t len, size_t count)
{
    char *copy = malloc(len ? len : 1);
    if (!copy)
        return -1;
    memcpy(copy, names, len);
    *out = (ls_csv_names){copy, len, count};
    return 0;
}

/* ---- decoding ---- */

static int reserve(ls_csv *c, size_t extra)
{
    if (c->tcap - c->tlen >= extra)
        return 0;
    if (extra > SIZE_MAX / 2 - c->tlen)
        return -1;
    size_t cap = c->tcap ? c->tcap : 4096;
    while (cap - c->tlen < extra)
        cap *= 2;
    char *t = realloc(c->t, cap);
    if (!t)
        return -1;
    c->t = t;
    c->tcap = cap;
    return 0;
}

static void put_code(ls_csv *c, unsigned cp)
{
    c->tlen += ls_utf8_put(c->t + c->tlen, cp); /* a lone surrogate as its 3 bytes */
}

static void put_unit(ls_csv *c, unsigned u)
{
    if (c->hi) {
        if (u >= 0xDC00 && u <= 0xDFFF) {
            put_code(c, 0x10000 + ((c->hi - 0xD800) << 10) + (u - 0xDC00));
            c->hi = 0;
            return;
        }
        put_code(c, c->hi);
        c->hi = 0;
    }
    if (u >= 0xD800 && u <= 0xDBFF)
        c->hi = u;
    else
        put_code(c, u);
}

/* Appends decoded input; -1 when memory runs out. */
static int feed(ls_csv *c, const unsigned char *p, size_t n)
{
    if (n == 0)
        return 0;
    if (c->enc == ENC_UTF8) {
        if (reserve(c, n) != 0)
            return -1;
        memcpy(c->t + c->tlen, p, n);
        c->tlen += n;
        return 0;
    }
    /* UTF-16: 3 bytes of UTF-8 at most for 2 of input, and a held surrogate */
    if (reserve(c, (n + 1) / 2 * 3 + 8) != 0)
        return -1;
    int le = c->enc == ENC_UTF16LE;
    size_t i = 0;
    if (c->npend == 1 && n) {
        unsigned a = c->pend[0], b = p[0];
        put_unit(c, le ? a | b << 8 : a << 8 | b);
        c->npend = 0;
        i = 1;
    }
    for (; i + 1 < n; i += 2)
        put_unit(c, le ? (unsigned)p[i] | (unsigned)p[i + 1] << 8
                       : (unsigned)p[i] << 8 | (unsigned)p[i + 1]);
    if (i < n) {
        c->pend[0] = p[i];
        c->npend = 1;
    }
    return 0;
}

/* The encoding, from the first bytes held in pend (all of the input when
 * it is shorter than three bytes); what follows the BOM is fed. */
static int decide(ls_csv *c)
{
    unsigned char b[3];
    size_t n = c->npend;
    memcpy(b, c->pend, n);
    c->npend = 0;
    if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
        c->enc = ENC_UTF16LE;
        c->bom = 2;
    } else if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
        c->enc = ENC_UTF16BE;
        c->bom = 2;
    } else {
        c->enc = ENC_UTF8;
        c->bom = n == 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0;
    }
    return feed(c, b + c->bom, n - c->bom);
}

static int decode(ls_csv *c, const unsigned char *p, size_t n)
{
    if (c->enc == ENC_UNKNOWN) {
        while (n && c->npend < 3) {
            c->pend[c->npend++] = *p++;
            n--;
        }
        if (c->npend < 3)
            return 0;
        if (decide(c) != 0)
            return -1;
    }
    return feed(c, p, n);
}

static int decode_end(ls_csv *c, const ls_diag_sink *sink)
{
    if (c->enc == ENC_UNKNOWN && decide(c) != 0)
        return -1;
    if (c->enc == ENC_UTF16LE || c->enc == ENC_UTF16BE) {
        if (reserve(c, 4) != 0)
            return -1;
        if (c->hi) { /* a high surrogate at the very end: alone */
            put_code(c, c->hi);
            c->hi = 0;
        }
        if (c->npend) {
            ls_diag_emit(sink, LS_DIAG_NOTE, c->name, 0, c->raw_in - 1,
                         "UTF-16 input of an odd number of bytes: its last byte is left out");
            c->npend = 0;
        }
    }
    c->in_eof = 1;
    return 0;
}

/* Byte offset in the file of t[i]; i never goes back from one call to the
 * next (UTF-16 counts code units up to it). */
static uint64_t file_off(ls_csv *c, size_t i)
{
    if (c->enc != ENC_UTF16LE && c->enc != ENC_UTF16BE)
        return c->bom + c->t_base + i;
    for (; c->u_at < i; c->u_at++) {
        unsigned char b = (unsigned char)c->t[c->u_at];
        if ((b & 0xC0) != 0x80)
            c->u_units += b >= 0xF0 ? 2 : 1;
    }
    return c->bom + 2 * c->u_units;
}

/* Lets go of the text before keep. */
static void drop_before(ls_csv *c, size_t keep)
{
    if (keep == 0)
        return;
    file_off(c, keep); /* count the units about to go */
    memmove(c->t, c->t + keep, c->tlen - keep);
    c->tlen -= keep;
    c->t_base += keep;
    c->u_at -= keep;
    c->pos -= keep;
    c->row = c->row > keep ? c->row - keep : 0;
    c->cell_start = c->cell_start > keep ? c->cell_start - keep : 0;
    c->content_end = c->content_end > keep ? c->content_end - keep : 0;
}

/* Reads more text, keeping the row being parsed (none of a skipped one):
 * 1 when some came, 0 at the end of the input, -1 on an error (reported). */
static int more(ls_csv *c, const ls_diag_sink *sink)
{
    drop_before(c, c->skipping ? c->pos : c->row);
    while (!c->in_eof) {
        const char *p;
        size_t n = 0, before = c->tlen;
        int r = c->pull(c->user, &p, &n, sink);
        if (r < 0)
            return -1;
        c->raw_in += r > 0 ? n : 0;
        if ((r == 0 ? decode_end(c, sink) : decode(c, (const unsigned char *)p, n)) != 0) {
            ls_diag_emit(sink, LS_DIAG_IO, c->name, 0, file_off(c, c->tlen),
                         "out of memory decoding the input");
            return -1;
        }
        if (c->tlen > before)
            return 1;
    }
    return 0;
}

/* ---- rows ---- */

static void end_cell(ls_csv *c, size_t at)
{
    if (!c->skipping && c->ncells < c->max_cells) {
        if (c->ncells == c->cells_cap) {
            size_t cap = c->cells_cap ? 2 * c->cells_cap : 64;
            if (cap > c->max_cells)
                cap = c->max_cells;
            cell *cells = realloc(c->cells, cap * sizeof *cells);
            if (!cells) {
                c->nomem = 1;
                c->ncells++;
                return;
            }
            c->cells = cells;
            c->cells_cap = cap;
        }
        cell *x = &c->cells[c->ncells];
        x->start = c->cell_start - c->row;
        x->end = at - c->row;
        x->quoted = c->cell_quoted;
    }
    c->ncells++;
}

static uint64_t count_lf(const char *p, size_t n)
{
    uint64_t k = 0;
    for (const char *e = p + n; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
        k++;
    return k;
}

/* Parses the row from pos on: R_ROW when it ended (pos after its line
 * end), R_MORE when the text ran out first, R_END at the end of the input
 * before any byte of a row, R_OPEN at the end inside quotes. */
static int parse(ls_csv *c)
{
    const char *t = c->t;
    const size_t n = c->tlen;
    const char d = (char)c->delim;
    size_t i = c->pos;
    while (i < n) {
        switch (c->st) {
        case ST_CELL:
            c->cell_start = i;
            if (t[i] == '"') {
                c->cell_quoted = 1;
                c->st = ST_QUOTED;
                i++;
                break;
            }
            c->cell_quoted = 0;
            c->st = ST_PLAIN;
            /* fall through */
        case ST_PLAIN:
            while (i < n && t[i] != d && t[i] != '\n' && t[i] != '\r')
                i++;
            if (i == n)
                break;
            end_cell(c, i);
            if (t[i] == d) {
                c->st = ST_CELL;
                i++;
                break;
            }
            c->content_end = i;
            if (t[i] == '\n') {
                c->pos = i + 1;
                c->line++;
                return R_ROW;
            }
            c->st = ST_CR;
            i++;
            break;
        case ST_QUOTED: {
            const char *q = memchr(t + i, '"', n - i);
            size_t stop = q ? (size_t)(q - t) : n;
            c->line += count_lf(t + i, stop - i);
            i = stop;
            if (q) {
                i++;
                c->st = ST_QUOTE;
            }
            break;
        }
        case ST_QUOTE:
            if (t[i] == '"') {
                c->st = ST_QUOTED;
                i++;
            } else {
                c->st = ST_PLAIN; /* t[i] is read as after any cell */
            }
            break;
        case ST_CR:
            if (t[i] == '\n')
                i++;
            c->pos = i;
            c->line++;
            return R_ROW;
        }
    }
    c->pos = i;
    if (!c->in_eof)
        return R_MORE;
    switch (c->st) {
    case ST_QUOTED:
        return R_OPEN;
    case ST_CR:
        c->line++;
        return R_ROW;
    case ST_CELL:
        if (c->ncells == 0)
            return R_END; /* no byte since the last row */
        c->cell_start = i; /* a delimiter ended the input: one more, empty cell */
        c->cell_quoted = 0;
        /* fall through */
    default:
        end_cell(c, i);
        c->content_end = i;
        return R_ROW;
    }
}

/* The next row starts at pos. */
static void next_row(ls_csv *c)
{
    c->row = c->pos;
    c->st = ST_CELL;
    c->ncells = 0;
    c->skipping = 0;
    c->row_line = c->line;
}

/* Bytes of the row held so far, its line end left out. */
static size_t row_held(const ls_csv *c)
{
    size_t n = c->pos - c->row;
    return c->st == ST_CR && n ? n - 1 : n;
}

static int cell_empty(const cell *x)
{
    return x->end == x->start || (x->quoted && x->end - x->start == 2);
}

/* Appends a cell's text, its quotes undone, as the body of a JSON string:
 * 0, 1 when it holds a NUL byte, -1 when memory runs out.  *escaped is
 * set when a backslash was written.  from_utf16: the text was transcoded,
 * so ED A0..BF xx is a lone surrogate, written as its \u escape (a cell
 * boundary never cuts a sequence: every delimiter is ASCII). */
static int put_cell(ls_buf *out, const char *s, size_t n, int quoted, int from_utf16,
                    int *escaped)
{
    if (ls_buf_reserve(out, n * 6 + 1) != 0)
        return -1;
    static const char hex[] = "0123456789abcdef";
    char *d = out->data + out->len;
    int inq = quoted, esc = 0;
    for (size_t i = quoted ? 1 : 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b >= 0x20 && b != '"' && b != '\\' && (b != 0xED || !from_utf16)) {
            *d++ = (char)b;
            continue;
        }
        if (b == 0xED) {
            if (i + 2 < n && (unsigned char)s[i + 1] >= 0xA0) {
                unsigned u = 0xD000 | (unsigned)(s[i + 1] & 0x3F) << 6 |
                             (unsigned)(s[i + 2] & 0x3F);
                *d++ = '\\';
                *d++ = 'u';
                *d++ = hex[u >> 12];
                *d++ = hex[(u >> 8) & 15];
                *d++ = hex[(u >> 4) & 15];
                *d++ = hex[u & 15];
                esc = 1;
                i += 2;
            } else {
                *d++ = (char)b; /* U+D000..U+D7FF: its continuation bytes follow */
            }
            continue;
        }
        if (b == '"' && inq) {
            if (i + 1 < n && s[i + 1] == '"') {
                i++; /* "" inside quotes: one quote */
            } else {
                inq = 0; /* the closing quote */
                continue;
            }
        }
        if (b == 0)
            return 1;
        esc = 1;
        *d++ = '\\';
        switch (b) {
        case '"': *d++ = '"'; break;
        case '\\': *d++ = '\\'; break;
        case '\n': *d++ = 'n'; break;
        case '\r': *d++ = 'r'; break;
        case '\t': *d++ = 't'; break;
        default:
            *d++ = 'u';
            *d++ = '0';
            *d++ = '0';
            *d++ = hex[b >> 4];
            *d++ = hex[b & 15];
        }
    }
    out->len = (size_t)(d - out->data);
    out->data[out->len] = '\0';
    if (esc)
        *escaped = 1;
    return 0;
}

static int from_utf16(const ls_csv *c)
{
    return c->enc == ENC_UTF16LE || c->enc == ENC_UTF16BE;
}

/* ---- the header ---- */

/* Passes over blank lines before the header: 1 at a byte that starts
 * one, 0 when more text is needed to tell (or at the end). */
static int skip_blank(ls_csv *c)
{
    while (c->pos < c->tlen) {
        char ch = c->t[c->pos];
        if (ch == '\n') {
            c->line++;
        } else if (ch == '\r') {
            if (c->pos + 1 == c->tlen && !c->in_eof)
                return 0;
            if (c->pos + 1 == c->tlen || c->t[c->pos + 1] != '\n')
                c->line++; /* a CR alone ends a line; CRLF counts at its LF */
        } else {
            return 1;
        }
        c->pos++;
        c->row = c->pos;
    }
    return 0;
}

static int is_delim(char ch)
{
    return ch == ',' || ch == ';' || ch == '\t';
}

/* An Excel "sep=X" line naming the delimiter: 1 when pos is past what was
 * decided (the line taken, or not such a line), 0 when more text is needed. */
static int check_sep(ls_csv *c)
{
    const char *p = c->t + c->pos;
    size_t n = c->tlen - c->pos;
    if (n < 6 && !c->in_eof)
        return 0;
    if (n < 5 || memcmp(p, "sep=", 4) != 0 || !is_delim(p[4]) ||
        (n > 5 && p[5] != '\n' && p[5] != '\r'))
        return 1;
    if (n == 6 && p[5] == '\r' && !c->in_eof)
        return 0; /* is an LF next? */
    size_t k = 5;
    if (k < n && p[k] == '\r')
        k++;
    if (k < n && p[k] == '\n')
        k++;
    c->delim = p[4];
    c->delim_fixed = 1;
    c->line += k > 5;
    c->pos += k;
    c->row = c->pos;
    return 1;
}

/* The delimiter the header's first line holds most of outside quotes
 * (',' on a tie or when it holds none): 1 when found, 0 when more text is
 * needed.  The first line, not the whole header row: which row that is
 * depends on the delimiter, and a line is the same however it is read. */
static int detect(ls_csv *c)
{
    size_t counts[3] = {0, 0, 0};
    int inq = 0;
    size_t i = c->pos;
    for (; i < c->tlen && c->t[i] != '\n' && c->t[i] != '\r'; i++) {
        char ch = c->t[i];
        if (ch == '"')
            inq = !inq;
        else if (!inq)
            counts[0] += ch == ',', counts[1] += ch == ';', counts[2] += ch == '\t';
    }
    if (i == c->tlen && !c->in_eof)
        return 0;
    c->delim = counts[1] > counts[0] && counts[1] >= counts[2] ? ';'
               : counts[2] > counts[0] && counts[2] > counts[1] ? '\t'
                                                                : ',';
    return 1;
}

static int names_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reports a header that names a column twice (the JSON rule then decides:
 * the last non-empty cell is read). */
static void note_duplicates(ls_csv *c, const ls_diag_sink *sink, uint64_t off)
{
    const char **v = malloc(c->ncols * sizeof *v);
    if (!v)
        return;
    const char *p = c->header.names;
    for (size_t i = 0; i < c->ncols; i++, p += strlen(p) + 1)
        v[i] = p;
    qsort(v, c->ncols, sizeof *v, names_cmp);
    for (size_t i = 1; i < c->ncols; i++)
        if (strcmp(v[i - 1], v[i]) == 0) {
            ls_diag_emit(sink, LS_DIAG_NOTE, c->name, c->row_line, off,
                         "the header names column \"%.80s\" more than once: as with a key "
                         "repeated in JSON, a row's last non-empty cell of that name is read",
                         v[i]);
            break;
        }
    free(v);
}

/* Makes the parsed header row the columns.  1, 0 when it cannot be one
 * (reported), -1 when memory runs out. */
static int take_header(ls_csv *c, const ls_diag_sink *sink, uint64_t *malformed)
{
    uint64_t off = file_off(c, c->row);
    if (c->ncells > LS_CSV_MAX_COLUMNS) {
        ls_diag_emit(sink, LS_DIAG_LIMIT, c->name, c->row_line, off,
                     "the header has %zu columns, more than %d: nothing read", c->ncells,
                     LS_CSV_MAX_COLUMNS);
        (*malformed)++;
        return 0;
    }
    size_t n = c->ncells;
    c->ncols = n;
    c->key_off = malloc((n + 1) * sizeof *c->key_off);
    c->col_field = malloc(n);
    c->val_off = malloc(n * sizeof *c->val_off);
    c->val_len = malloc(n * sizeof *c->val_len);
    c->val_esc = malloc(n);
    if (!c->key_off || !c->col_field || !c->val_off || !c->val_len || !c->val_esc)
        return -1;
    ls_buf names = {0};
    const char *row = c->t + c->row;
    for (size_t i = 0; i < n; i++) {
        const cell *x = &c->cells[i];
        int esc = 0;
        c->key_off[i] = c->keys.len;
        if (ls_buf_putc(&c->keys, '"') != 0)
            goto nomem;
        size_t body = c->keys.len;
        int r = put_cell(&c->keys, row + x->start, x->end - x->start, x->quoted,
                         from_utf16(c), &esc);
        if (r < 0)
            goto nomem;
        if (r > 0) {
            ls_diag_emit(sink, LS_DIAG_MALFORMED, c->name, c->row_line, off,
                         "the header holds a NUL byte (in column %zu): UTF-16 without a byte "
                         "order mark? (UTF-16 is read when it starts with one); nothing read",
                         i + 1);
            (*malformed)++;
            ls_buf_free(&names);
            return 0;
        }
        size_t blen = c->keys.len - body;
        /* the name as JSON reads the key back, so that CSV output finds it */
        if (ls_buf_reserve(&names, blen + 1) != 0)
            goto nomem;
        unsigned fl = 0;
        size_t dn = ls_jstr_decode(c->keys.data + body, blen, names.data + names.len, &fl);
        c->col_field[i] = (signed char)ls_csv_alias_field(names.data + names.len, dn);
        names.len += dn;
        names.data[names.len++] = '\0';
        if (ls_buf_append(&c->keys, "\": ", 3) != 0)
            goto nomem;
    }
    c->key_off[n] = c->keys.len;
    c->header.names = names.data;
    c->header.len = names.len;
    c->header.count = n;
    note_duplicates(c, sink, off);
    c->max_cells = n + 1; /* one more tells a row that has too many */
    return 1;
nomem:
    ls_buf_free(&names);
    return -1;
}

/* Reads up to the end of the header: 1 with the columns set, 0 when there
 * is none (reported), -1 on an error. */
static int read_header(ls_csv *c, const ls_diag_sink *sink, uint64_t *malformed)
{
    for (;;) {
        int ready = 0;
        switch (c->stage) {
        case H_BLANK:
            ready = skip_blank(c);
            if (!ready && c->in_eof) {
                ls_diag_emit(sink, LS_DIAG_EMPTY, c->name, 0, 0,
                             "no CSV header in the input (empty)");
                return 0;
            }
            if (ready)
                c->stage = c->sep_checked ? H_DETECT : H_SEP;
            break;
        case H_SEP: /* the first line only */
            ready = check_sep(c);
            if (ready) {
                c->sep_checked = 1;
                c->stage = c->delim_fixed ? H_BLANK : H_DETECT;
            }
            break;
        case H_DETECT:
            ready = c->delim_fixed || detect(c);
            if (ready) {
                next_row(c);
                c->max_cells = LS_CSV_MAX_COLUMNS + 1;
                c->stage = H_PARSE;
            }
            break;
        case H_PARSE: {
            int r = parse(c);
            if (c->nomem)
                return -1;
            ready = r != R_MORE;
            if (r == R_END) { /* not reached: the line has a byte that is no line end */
                ls_diag_emit(sink, LS_DIAG_EMPTY, c->name, 0, 0,
                             "no CSV header in the input (empty)");
                return 0;
            }
            if (r == R_OPEN) {
                ls_diag_emit(sink, LS_DIAG_MALFORMED, c->name, c->row_line,
                             file_off(c, c->row),
                             "a quoted cell of the header is never closed: the input ends "
                             "inside it; nothing read");
                (*malformed)++;
                return 0;
            }
            if (r == R_ROW && c->content_end - c->row > c->max_record) {
                ls_diag_emit(sink, LS_DIAG_LIMIT, c->name, c->row_line, file_off(c, c->row),
                             "the header is longer than the %zu-byte record limit; nothing read",
                             c->max_record);
                (*malformed)++;
                return 0;
            }
            if (r == R_ROW) {
                int blank = 1;
                for (size_t i = 0; i < c->ncells && i < c->max_cells && blank; i++)
                    blank = cell_empty(&c->cells[i]);
                if (!blank)
                    return take_header(c, sink, malformed);
                c->row = c->pos; /* only delimiters: a blank line */
                c->stage = H_BLANK;
            }
            break;
        }
        default:
            return 0;
        }
        if (ready)
            continue;
        /* the header held so far: the row being parsed, else its first line */
        size_t held = row_held(c);
        if (c->stage != H_PARSE && c->t) {
            const char *p = c->t + c->row, *e = c->t + c->tlen, *q = p;
            while (q < e && *q != '\n' && *q != '\r')
                q++;
            held = (size_t)(q - p);
        }
        if (held > c->max_record) {
            ls_diag_emit(sink, LS_DIAG_LIMIT, c->name, c->stage == H_PARSE ? c->row_line : c->line,
                         file_off(c, c->row),
                         "the header is longer than the %zu-byte record limit; nothing read",
                         c->max_record);
            (*malformed)++;
            return 0;
        }
        int m = more(c, sink);
        if (m < 0)
            return -1;
    }
}

/* ---- leads ---- */

/* Column i's name, for messages. */
static const char *col_name(const ls_csv *c, size_t i)
{
    const char *p = c->header.names;
    while (i--)
        p += strlen(p) + 1;
    return p;
}

/* Makes the row just parsed the lead in *item: 1, or 0 when it is no lead
 * (blank, or reported and counted), -1 when memory runs out. */
static int take_row(ls_csv *c, ls_item *item, const ls_diag_sink *sink, uint64_t *malformed)
{
    /* every cell empty (recorded: not more than one past the header's) */
    int blank = c->ncells < c->max_cells;
    for (size_t i = 0; i < c->ncells && blank; i++)
        blank = cell_empty(&c->cells[i]);
    if (blank)
        return 0; /* a blank line, or only delimiters */
    uint64_t off = file_off(c, c->row);
    if (c->ncells != c->ncols) {
        ls_diag_emit(sink, LS_DIAG_MALFORMED, c->name, c->row_line, off,
                     "line %llu: %zu cells where the header has %zu; row skipped",
                     (unsigned long long)c->row_line, c->ncells, c->ncols);
        (*malformed)++;
        return 0;
    }
    ls_buf *o = &c->obj;
    ls_buf_clear(o);
    if (ls_buf_putc(o, '{') != 0)
        return -1;
    const char *row = c->t + c->row;
    int first = 1;
    for (size_t i = 0; i < c->ncols; i++) {
        const cell *x = &c->cells[i];
        c->val_esc[i] = 0;
        if (cell_empty(x))
            continue; /* an empty cell is an absent field */
        if ((!first && ls_buf_append(o, ", ", 2) != 0) ||
            ls_buf_append(o, c->keys.data + c->key_off[i], c->key_off[i + 1] - c->key_off[i]) !=
                0 ||
            ls_buf_putc(o, '"') != 0)
            return -1;
        first = 0;
        int esc = 0;
        c->val_off[i] = o->len;
        int r = put_cell(o, row + x->start, x->end - x->start, x->quoted, from_utf16(c), &esc);
        if (r < 0)
            return -1;
        if (r > 0) {
            ls_diag_emit(sink, LS_DIAG_MALFORMED, c->name, c->row_line, off,
                         "line %llu: a NUL byte in column %zu (\"%.80s\"); row skipped",
                         (unsigned long long)c->row_line, i + 1, col_name(c, i));
            (*malformed)++;
            return 0;
        }
        c->val_len[i] = o->len - c->val_off[i];
        c->val_esc[i] = (unsigned char)(1 + esc);
        if (ls_buf_putc(o, '"') != 0)
            return -1;
    }
    if (ls_buf_putc(o, '}') != 0)
        return -1;
    /* the record limit is the row's (its object repeats the header's names
     * and escapes: a few times the row at most); the scanner stops at 4 GiB */
    size_t vlen = 0;
    ls_scan_error err;
    if (ls_scan_lead(o->data, o->len, c->max_depth, &item->own, &vlen, &err, c->shapes) != 1) {
        ls_diag_emit(sink, err.kind, c->name, c->row_line, off, "line %llu: %s; row skipped",
                     (unsigned long long)c->row_line, err.message);
        (*malformed)++;
        return 0;
    }
    /* the aliased columns, for the fields no column of their own name gave
     * (ls_csv_lead_aliases is the same rule, read from the bytes) */
    ls_lead *L = &item->own;
    uint32_t own = fields_present(L);
    for (size_t i = 0; i < c->ncols; i++) {
        int f = c->col_field[i];
        if (f >= 0 && c->val_esc[i] && !(own & (1u << f)))
            L->f[f] = (ls_jval){o->data + c->val_off[i], c->val_len[i], LS_J_STRING,
                                (uint8_t)(c->val_esc[i] == 2), 0};
    }
    item->file = c->name;
    item->offset = off;
    item->is_object = 1;
    item->not_lead = 0;
    item->from_csv = 1;
    item->lead = L;
    c->out_line = c->row_line;
    return 1;
}

int ls_csv_next(ls_csv *c, ls_item *item, const ls_diag_sink *sink, uint64_t *malformed)
{
    uint64_t dummy = 0;
    if (!malformed)
        malformed = &dummy;
    if (c->stage == H_END)
        return 0;
    if (c->stage != H_DONE) {
        int h = read_header(c, sink, malformed);
        if (h <= 0) {
            c->stage = H_END;
            return h;
        }
        c->stage = H_DONE;
        next_row(c);
    }
    for (;;) {
        int r = parse(c);
        if (c->nomem) {
            ls_diag_emit(sink, LS_DIAG_IO, c->name, c->row_line, file_off(c, c->row),
                         "out of memory reading a row");
            c->stage = H_END;
            return -1;
        }
        if (r == R_MORE) {
            if (!c->skipping && row_held(c) > c->max_record) {
                c->skip_off = file_off(c, c->row);
                c->skipping = 1; /* followed to its end, not held */
            }
            int m = more(c, sink);
            if (m < 0) {
                c->stage = H_END;
                return -1;
            }
            continue;
        }
        if (r == R_END) {
            c->stage = H_END;
            return 0;
        }
        if (r == R_OPEN) {
            ls_diag_emit(sink, LS_DIAG_MALFORMED, c->name, c->row_line,
                         c->skipping ? c->skip_off : file_off(c, c->row),
                         "line %llu: a quoted cell is never closed: the input ends inside it; "
                         "the row from there to the end skipped",
                         (unsigned long long)c->row_line);
            (*malformed)++;
            c->stage = H_END;
            return 0;
        }
        int t = 0;
        if (c->skipping || c->content_end - c->row > c->max_record) {
            ls_diag_emit(sink, LS_DIAG_LIMIT, c->name, c->row_line,
                         c->skipping ? c->skip_off : file_off(c, c->row),
                         "line %llu: row longer than the %zu-byte record limit; skipped",
                         (unsigned long long)c->row_line, c->max_record);
            (*malformed)++;
        } else {
            t = take_row(c, item, sink, malformed);
        }
        next_row(c);
        if (t != 0) {
            if (t < 0) {
                ls_diag_emit(sink, LS_DIAG_IO, c->name, c->out_line, 0,
                             "out of memory making a lead of a row");
                c->stage = H_END;
            }
            return t;
        }
    }
}

ls_csv *ls_csv_new(const char *name, size_t max_record, int max_depth, ls_js_shapes *shapes,
                   ls_csv_pull_fn pull, void *user)
{
    ls_csv *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->name = name ? name : "";
    c->max_record = max_record;
    c->max_depth = max_depth;
    c->shapes = shapes;
    c->pull = pull;
    c->user = user;
    c->line = c->row_line = c->out_line = 1;
    c->delim = ',';
    return c;
}

void ls_csv_free(ls_csv *c)
{
    if (!c)
        return;
    free(c->t);
    free(c->cells);
    ls_buf_free(&c->keys);
    free(c->key_off);
    free(c->col_field);
    ls_csv_names_free(&c->header);
    ls_buf_free(&c->obj);
    free(c->val_off);
    free(c->val_len);
    free(c->val_esc);
    free(c);
}

uint64_t ls_csv_line(const ls_csv *c)
{
    return c ? c->out_line : 0;
}

const ls_csv_names *ls_csv_header(const ls_csv *c)
{
    return c && c->header.names ? &c->header : NULL;
}
