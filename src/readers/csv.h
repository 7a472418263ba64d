/* CSV leads (contract §5a): an RFC 4180 file with a header row, one lead a
 * row.  Each row is made into the JSON object the rest of leadsieve reads —
 * keys the header cells as written, values the cells as strings, empty
 * cells left out — and scanned like any lead; the fields the contract
 * reads are then also found under the headers of data/csv_aliases.tsv.
 *
 * The delimiter (',', ';' or tab) is the one the header line holds most of
 * outside quotes (',' on a tie; an Excel "sep=X" first line names it).
 * UTF-8 with or without a BOM, UTF-16 with a BOM (transcoded; a lone
 * surrogate becomes a \uXXXX escape, which JSON reading treats as invalid
 * text too).  Rows are parsed incrementally from the bytes the source
 * pulls, so memory stays within the record limit plus one read. */
#ifndef LS_READERS_CSV_H
#define LS_READERS_CSV_H
#include <stddef.h>
#include <stdint.h>
#include "readers/reader.h"

/* At most this many columns (a spreadsheet's own limit); a wider header
 * is reported and the file not read. */
#define LS_CSV_MAX_COLUMNS 16384

/* data/csv_aliases.tsv, compiled in by scripts/gen_csv_aliases.py
 * (csv_aliases.c): headers lowercased and sorted by their bytes. */
typedef struct ls_csv_alias {
    const char *header;
    unsigned char len;
    unsigned char field; /* ls_field */
} ls_csv_alias;
extern const ls_csv_alias ls_csv_aliases[];
extern const size_t ls_csv_alias_count;
extern const size_t ls_csv_alias_max_len;

/* The lead field a CSV header names, ASCII case ignored and ASCII
 * whitespace around it trimmed; -1 when none. */
int ls_csv_alias_field(const char *header, size_t len);

/* A name ending .csv, .csv.gz or .csv.zst, in any ASCII case. */
int ls_csv_path_is_csv(const char *path);

/* The fields of a scanned CSV row object that no column of their own name
 * gave, taken from its aliased columns: the last non-empty one of each
 * field, as the last of repeated keys counts in JSON.  The reader applies
 * this rule as it makes each row; this does it again on the object's bytes
 * (leads kept as bytes and scanned again). */
void ls_csv_lead_aliases(ls_lead *lead);

/* Bytes of the input, in order: 1 with *p and *n > 0 (valid until the
 * next call), 0 at the end, -1 on an I/O error (reported by the puller). */
typedef int (*ls_csv_pull_fn)(void *user, const char **p, size_t *n, const ls_diag_sink *sink);

typedef struct ls_csv ls_csv;
/* NULL when memory runs out.  name and shapes must outlive it. */
ls_csv *ls_csv_new(const char *name, size_t max_record, int max_depth, ls_js_shapes *shapes,
                   ls_csv_pull_fn pull, void *user);
void ls_csv_free(ls_csv *c);
/* The next lead: 1 with *item (its bytes valid until the next call), 0 at
 * the end, -1 on an I/O error or when memory runs out (reported).  Rows
 * that cannot be leads are reported through sink and counted in
 * *malformed. */
int ls_csv_next(ls_csv *c, ls_item *item, const ls_diag_sink *sink, uint64_t *malformed);
/* 1-based line where the row given out last starts. */
uint64_t ls_csv_line(const ls_csv *c);
/* The header once read; NULL before, or when the input had none. */
const ls_csv_names *ls_csv_header(const ls_csv *c);

#endif
