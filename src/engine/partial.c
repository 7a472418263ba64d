/* Partials: a run over one part of the inputs (a map) written as bytes,
 * and added to a reduce run in input order, so that runs on several
 * machines give the result of one (contract §3-§4 across parts).
 *
 * Layout (little-endian u64s, varints for the records):
 *   "LSPART1\0", npersonas, nfilters, the part's counts (COUNTS order),
 *   filter_dropped[nfilters], persona_matched[npersonas],
 *   two note logs (total, kept, then kind line offset file message each),
 *   the CSV header (present, count, names), the records' length, then one
 *   record per lead that was fresh in the part and has a key or matched:
 *     byte: outcome | has_key << 2 | invalid_utf8 << 3 | not_evaluated << 4
 *     [key length, key (tagged as the dedup set keeps it)]
 *     dropped: filter id + 1;  matched: persona + 1, length, output bytes.
 * A lead without a key that no persona took needs no record: it is never
 * a duplicate, and the part's counts hold it already. */
#include <stdlib.h>
#include <string.h>
#include "engine/partial.h"
#include "engine/run_int.h"

static const char MAGIC[8] = {'L', 'S', 'P', 'A', 'R', 'T', '1', '\0'};

ls_status ls_run_keep_partial(ls_run *run)
{
    if (!run || run->files_listed || run->lead_index || run->finished)
        return LS_E_USAGE;
    run->partial = 1;
    /* every matched lead is rendered, whatever limit_by says */
    for (size_t i = 0; i < run->nspools; i++)
        atomic_store(&run->rank_full[i], 0);
    return LS_OK;
}

/* The counts a partial carries, in its order. */
#define COUNTS(X)                                                                           \
    X(files_read) X(files_failed) X(leads_read) X(malformed) X(not_objects) X(not_leads)    \
    X(files_skipped) X(duplicates) X(invalid_utf8_leads) X(matched) X(no_persona)          \
    X(not_evaluated)

ls_status ls_run_partial(const ls_run *run, char **data, size_t *len)
{
    if (!data || !len)
        return LS_E_USAGE;
    *data = NULL;
    *len = 0;
    if (!run || !run->partial || !run->finished)
        return LS_E_USAGE;
    ls_buf b = {0};
    const ls_run_stats *s = &run->stats;
    int bad = ls_buf_append(&b, MAGIC, sizeof MAGIC) != 0 || ls_partial_put_u64(&b, run->npersonas) != 0 ||
              ls_partial_put_u64(&b, LS_FILTER__COUNT) != 0;
#define PUT(f) bad = bad || ls_partial_put_u64(&b, s->f) != 0;
    COUNTS(PUT)
#undef PUT
    for (size_t i = 0; i < LS_FILTER__COUNT; i++)
        bad = bad || ls_partial_put_u64(&b, run->filter_dropped[i]) != 0;
    for (size_t i = 0; i < run->npersonas; i++)
        bad = bad || ls_partial_put_u64(&b, run->persona_matched[i]) != 0;
    for (int l = 0; l < 2; l++) {
        const ls_notes *n = &run->notes[l];
        bad = bad || ls_partial_put_u64(&b, n->total) != 0 || ls_partial_put_u64(&b, n->kept) != 0;
        for (size_t i = 0; i < n->kept; i++) {
            const ls_run_note *e = &n->items[i];
            bad = bad || ls_partial_put_u64(&b, (uint64_t)e->kind) != 0 || ls_partial_put_u64(&b, e->line) != 0 ||
                  ls_partial_put_u64(&b, e->offset) != 0 || ls_partial_put_str(&b, e->file, strlen(e->file)) != 0 ||
                  ls_partial_put_str(&b, e->message, strlen(e->message)) != 0;
        }
    }
    const ls_csv_names *h = &run->csv_header;
    bad = bad || ls_partial_put_u64(&b, h->names != NULL) != 0 || ls_partial_put_u64(&b, h->count) != 0 ||
          ls_partial_put_str(&b, h->names, h->names ? h->len : 0) != 0 ||
          ls_partial_put_str(&b, run->part.data, run->part.len) != 0;
    if (bad) {
        ls_buf_free(&b);
        return LS_E_NOMEM;
    }
    if (b.len == 0 || !b.data) { /* never: the magic is there */
        ls_buf_free(&b);
        return LS_E_INTERNAL;
    }
    *data = b.data;
    *len = b.len;
    return LS_OK;
}

/* Reading a partial: every read checks the bounds; a short or corrupt
 * partial sets bad and reads zeros from then on. */
typedef struct rd {
    const unsigned char *p;
    size_t len, pos;
    int bad;
} rd;

static uint64_t get_u64(rd *r)
{
    if (r->bad || r->len - r->pos < 8) {
        r->bad = 1;
        return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)r->p[r->pos + (size_t)i] << (8 * i);
    r->pos += 8;
    return v;
}

static uint64_t get_var(rd *r)
{
    uint64_t v = 0;
    for (int shift = 0; !r->bad; shift += 7) {
        if (r->pos == r->len || shift > 63) {
            r->bad = 1;
            break;
        }
        unsigned char c = r->p[r->pos++];
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80))
            return v;
    }
    return 0;
}

static const char *get_bytes(rd *r, uint64_t n)
{
    if (r->bad || r->len - r->pos < n) {
        r->bad = 1;
        return NULL;
    }
    const char *s = (const char *)r->p + r->pos;
    r->pos += (size_t)n;
    return s;
}

/* Fixed-size part of the header. */
typedef struct head {
    ls_run_stats s;
    uint64_t filter_dropped[LS_FILTER__COUNT];
} head;

static void get_counts(rd *r, head *h)
{
    memset(h, 0, sizeof *h);
#define GET(f) h->s.f = get_u64(r);
    COUNTS(GET)
#undef GET
    for (size_t i = 0; i < LS_FILTER__COUNT; i++)
        h->filter_dropped[i] = get_u64(r);
}

/* Walks the notes; with run, adds them to its logs. */
static void notes(rd *r, ls_run *run)
{
    for (int l = 0; l < 2 && !r->bad; l++) {
        uint64_t total = get_u64(r), kept = get_u64(r);
        if (kept > total || kept > LS_RUN_NOTES_KEPT) {
            r->bad = 1;
            return;
        }
        for (uint64_t i = 0; i < kept && !r->bad; i++) {
            uint64_t kind = get_u64(r), line = get_u64(r), offset = get_u64(r);
            uint64_t fl = get_u64(r);
            const char *file = get_bytes(r, fl);
            uint64_t ml = get_u64(r);
            const char *msg = get_bytes(r, ml);
            if (r->bad || kind > LS_DIAG_FILE_SKIPPED || memchr(file, 0, fl) ||
                memchr(msg, 0, ml)) {
                r->bad = 1;
                return;
            }
            if (!run)
                continue;
            char *f = strndup(file, fl), *m = strndup(msg, ml);
            ls_diag d = {(ls_diag_kind)kind, f ? f : "", line, offset, m ? m : ""};
            ls_run_note_add(&run->notes[l], &d);
            free(f);
            free(m);
        }
        if (run)
            run->notes[l].total += total - kept;
    }
}

/* Walks the records.  Without run: checks them and tallies each outcome
 * (tally[3]: the matched leads' not_evaluated, tally[4]: invalid UTF-8),
 * so that a partial is refused before any of it is added.  With run:
 * drops the duplicates of earlier leads (undoing their counts) and spools
 * the matched leads that stay. */
static ls_status records(rd *r, ls_run *run, size_t npersonas, uint64_t tally[5],
                         uint64_t *filter_tally)
{
    while (r->pos < r->len && !r->bad) {
        unsigned byte = r->p[r->pos++];
        unsigned outcome = byte & LS_PART_OUTCOME;
        if (outcome > LS_NO_PERSONA || byte >> 5) {
            r->bad = 1;
            break;
        }
        const char *key = NULL;
        uint64_t klen = 0;
        if (byte & LS_PART_KEY) {
            klen = get_var(r);
            key = get_bytes(r, klen);
        }
        uint64_t arg = outcome == LS_NO_PERSONA ? 0 : get_var(r);
        const char *lead = NULL;
        uint64_t llen = 0;
        if (outcome == LS_MATCHED) {
            llen = get_var(r);
            lead = get_bytes(r, llen);
        }
        if (r->bad)
            break;
        if ((outcome == LS_DROPPED_BY_FILTER && (arg == 0 || arg > LS_FILTER__COUNT)) ||
            (outcome == LS_MATCHED && arg > npersonas) ||
            (outcome != LS_MATCHED && !(byte & LS_PART_KEY)) || klen > UINT32_MAX) {
            r->bad = 1;
            break;
        }
        if (!run) {
            tally[outcome]++;
            tally[3] += outcome == LS_MATCHED && (byte & LS_PART_NOT_EVAL);
            tally[4] += (byte & LS_PART_INVALID) != 0;
            if (outcome == LS_DROPPED_BY_FILTER)
                filter_tally[arg - 1]++;
            continue;
        }
        int persona = (int)arg - 1;
        if (key) {
            int fresh = ls_dedup_insert(&run->dedup, key, (size_t)klen);
            if (fresh < 0)
                return LS_E_NOMEM;
            if (!fresh) { /* seen in an earlier part: as if dropped there */
                run->stats.duplicates++;
                run->stats.invalid_utf8_leads -= (byte & LS_PART_INVALID) != 0;
                if (outcome == LS_DROPPED_BY_FILTER)
                    run->filter_dropped[arg - 1]--;
                else if (outcome == LS_NO_PERSONA)
                    run->stats.no_persona--;
                else {
                    run->stats.matched--;
                    run->stats.not_evaluated -= (byte & LS_PART_NOT_EVAL) != 0;
                    if (persona >= 0)
                        run->persona_matched[persona]--;
                }
                continue;
            }
        }
        if (outcome != LS_MATCHED)
            continue;
        size_t rank = persona >= 0 ? ls_request_persona_rank(run->req, (size_t)persona) : 0;
        if (run->keep >= 0 && run->spools[rank].count >= (uint64_t)run->keep)
            continue; /* its rank holds limit_by leads already */
        ls_status st = ls_run_spool(run, persona, lead, (size_t)llen);
        if (st != LS_OK)
            return st;
    }
    return r->bad ? LS_E_MALFORMED : LS_OK;
}

/* Reads the header up to the records; names, nlen, count: the CSV header. */
static void header(rd *r, ls_run *run, head *h, uint64_t *npersonas, uint64_t *pm,
                   size_t pm_cap, const char **names, uint64_t *nlen, uint64_t *count)
{
    const char *magic = get_bytes(r, sizeof MAGIC);
    if (!magic || memcmp(magic, MAGIC, sizeof MAGIC) != 0) {
        r->bad = 1;
        return;
    }
    *npersonas = get_u64(r);
    uint64_t nfilters = get_u64(r);
    if (r->bad || nfilters != LS_FILTER__COUNT || *npersonas != pm_cap) {
        r->bad = r->bad || nfilters != LS_FILTER__COUNT;
        return;
    }
    get_counts(r, h);
    for (size_t i = 0; i < pm_cap; i++)
        pm[i] = get_u64(r);
    notes(r, run);
    uint64_t present = get_u64(r);
    *count = get_u64(r);
    *nlen = get_u64(r);
    *names = get_bytes(r, *nlen);
    if (present > 1 || (!present && *nlen) || (*names && *nlen && (*names)[*nlen - 1] != '\0'))
        r->bad = 1;
    if (!present)
        *names = NULL;
    /* the records, to the end: a partial cut short between two is refused */
    if (get_u64(r) != r->len - r->pos)
        r->bad = 1;
}

ls_status ls_run_add_partial(ls_run *run, const char *data, size_t len)
{
    if (!run || (!data && len))
        return LS_E_USAGE;
    ls_status st = ls_run_check_open(run);
    if (st != LS_OK)
        return st;
    if (run->partial)
        return LS_E_USAGE;
    size_t np = run->npersonas;
    uint64_t *pm = calloc(np ? np : 1, sizeof *pm);
    if (!pm)
        return LS_E_NOMEM;
    head h;
    uint64_t npersonas = 0, nlen = 0, count = 0, tally[5] = {0};
    uint64_t ftally[LS_FILTER__COUNT] = {0};
    const char *names = NULL;

    /* first pass: the whole partial is checked before anything is added */
    rd r = {(const unsigned char *)data, len, 0, 0};
    header(&r, NULL, &h, &npersonas, pm, np, &names, &nlen, &count);
    if (!r.bad && npersonas != np) {
        free(pm);
        return LS_E_USAGE; /* a partial of another request */
    }
    size_t records_at = r.pos;
    st = r.bad ? LS_E_MALFORMED : records(&r, NULL, np, tally, ftally);
    /* a record's counts are taken back when it is a duplicate: the part's
     * counts must hold them */
    uint64_t pm_sum = 0;
    for (size_t i = 0; i < np; i++)
        pm_sum += pm[i];
    int counts_hold = tally[LS_DROPPED_BY_FILTER] <= h.s.leads_read &&
                      tally[LS_NO_PERSONA] <= h.s.no_persona &&
                      tally[LS_MATCHED] <= h.s.matched && tally[3] <= h.s.not_evaluated &&
                      tally[4] <= h.s.invalid_utf8_leads && (!np || pm_sum == h.s.matched);
    for (size_t i = 0; i < LS_FILTER__COUNT; i++)
        counts_hold = counts_hold && ftally[i] <= h.filter_dropped[i];
    if (st == LS_OK && !counts_hold)
        st = LS_E_MALFORMED;
    if (st != LS_OK) {
        free(pm);
        return st;
    }

    /* second pass: the counts, notes, CSV header, then the leads */
    r.pos = 0;
    header(&r, run, &h, &npersonas, pm, np, &names, &nlen, &count);
    ls_stream_stats *in = &run->stream.stats;
    in->files_read += h.s.files_read;
    in->files_failed += h.s.files_failed;
    in->leads_read += h.s.leads_read;
    in->malformed += h.s.malformed;
    in->not_objects += h.s.not_objects;
    in->not_leads += h.s.not_leads;
    run->stats.files_skipped += h.s.files_skipped;
    run->stats.duplicates += h.s.duplicates;
    run->stats.invalid_utf8_leads += h.s.invalid_utf8_leads;
    run->stats.matched += h.s.matched;
    run->stats.no_persona += h.s.no_persona;
    run->stats.not_evaluated += h.s.not_evaluated;
    for (size_t i = 0; i < LS_FILTER__COUNT; i++)
        run->filter_dropped[i] += h.filter_dropped[i];
    for (size_t i = 0; i < np; i++)
        run->persona_matched[i] += pm[i];
    free(pm);
    ls_run_sync_input_stats(run);
    if (names)
        st = ls_run_keep_csv_header_copy(run, names, (size_t)nlen, (size_t)count);
    r.pos = records_at;
    if (st == LS_OK)
        st = records(&r, run, np, tally, ftally);
    if (st != LS_OK && run->error == LS_OK)
        run->error = st;
    return st;
}

ls_status ls_run_list_path(ls_run *run, const char *path, ls_path_fn fn, void *user)
{
    if (!run || !path || !fn)
        return LS_E_USAGE;
    ls_status st = ls_run_check_open(run);
    if (st != LS_OK)
        return st;
    ls_pathlist list = {0};
    st = ls_paths_expand(path, &list, &run->sink, &run->stream.stats.files_failed);
    ls_run_sync_input_stats(run);
    for (size_t i = 0; st == LS_OK && i < list.count; i++)
        if (fn(user, list.paths[i]) != 0)
            break;
    ls_pathlist_free(&list);
    return st;
}
