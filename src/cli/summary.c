#include <inttypes.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>
#include "cli_util.h"
#include "summary.h"
#include "leadsieve.h"

enum { LABEL_WIDTH = 34 };

/* Pads by display width so that names in any script stay aligned. */
static void row(FILE *out, const char *indent, const char *label, uint64_t n, const char *extra)
{
    int w = u8_strwidth((const uint8_t *)label, "UTF-8");
    if (w < 0)
        w = (int)strlen(label);
    int pad = LABEL_WIDTH - (int)strlen(indent) - w;
    fprintf(out, "%s%s%*s %10" PRIu64 "%s%s\n", indent, label, pad > 0 ? pad : 0, "", n,
            extra ? "  " : "", extra ? extra : "");
}

static void notes(FILE *out, const ls_run *run, ls_run_log log)
{
    for (size_t i = 0; i < ls_run_log_kept(run, log); i++) {
        const ls_run_note *n = ls_run_log_get(run, log, i);
        if (n->line)
            fprintf(out, "      %s:%" PRIu64 ": %s\n", ls_cli_safe(n->file), n->line,
                    ls_cli_safe(n->message));
        else if (log == LS_LOG_SKIPPED)
            fprintf(out, "      %s (byte %" PRIu64 "): %s\n", ls_cli_safe(n->file), n->offset,
                    ls_cli_safe(n->message));
        else
            fprintf(out, "      %s: %s\n", ls_cli_safe(n->file), ls_cli_safe(n->message));
    }
    uint64_t more = ls_run_log_total(run, log) - ls_run_log_kept(run, log);
    if (more)
        fprintf(out, "      ... and %" PRIu64 " more (see --report)\n", more);
}

void ls_cli_print_summary(const ls_run *run, FILE *out)
{
    const ls_run_stats *s = ls_run_get_stats(run);
    const ls_request *req = ls_run_request(run);
    char extra[96];
    fprintf(out, "leadsieve filter summary\n");
    row(out, "  ", "files read", s->files_read, NULL);
    if (s->files_failed || s->files_skipped) {
        if (s->files_failed)
            row(out, "  ", "files unreadable", s->files_failed, NULL);
        if (s->files_skipped)
            row(out, "  ", "files not read (names)", s->files_skipped, NULL);
        notes(out, run, LS_LOG_INPUTS);
    }
    row(out, "  ", "leads read", s->leads_read, NULL);
    if (s->malformed || s->not_objects || s->not_leads) {
        row(out, "  ", "malformed records skipped", s->malformed, NULL);
        row(out, "  ", "non-objects skipped", s->not_objects, NULL);
        if (s->not_leads)
            row(out, "  ", "not leads, skipped", s->not_leads, NULL);
        notes(out, run, LS_LOG_SKIPPED);
    }
    row(out, "  ", "duplicates dropped", s->duplicates, NULL);
    for (size_t i = 0; i < ls_run_filter_count(run); i++) {
        uint64_t n = ls_run_filter_dropped(run, i);
        if (n) {
            char label[64];
            snprintf(label, sizeof label, "dropped by %s", ls_run_filter_name(run, i));
            row(out, "  ", label, n, NULL);
        }
    }
    if (ls_request_persona_count(req))
        row(out, "  ", "no persona matched", s->no_persona, NULL);
    row(out, "  ", "matched", s->matched, NULL);
    for (size_t i = 0; i < ls_request_persona_count(req); i++) {
        snprintf(extra, sizeof extra, "(priority %s)", ls_request_persona_priority(req, i));
        row(out, "    ", ls_cli_safe(ls_request_persona_name(req, i)),
            ls_run_persona_matched(run, i), extra);
    }
    if (s->not_evaluated)
        row(out, "    ", "of which kept, not evaluated", s->not_evaluated,
            "(no data for num_of_connections or company_types)");
    if (ls_request_offset(req) > 0)
        row(out, "  ", "skipped by offset_by", s->offset, NULL);
    long limit = ls_request_limit(req);
    if (limit >= 0)
        snprintf(extra, sizeof extra, "%s (limit_by %ld)",
                 s->limit_reached ? "limit reached" : "within limit", limit);
    row(out, "  ", "returned", s->returned, limit >= 0 ? extra : "within limit");
    if (s->invalid_utf8_leads)
        fprintf(out, "warning: %" PRIu64 " lead(s) had invalid UTF-8 (dropped for matching)\n",
                s->invalid_utf8_leads);
    /* Last, so that fields not evaluated are the final thing on screen. */
    ls_cli_print_request_warnings(req);
}
