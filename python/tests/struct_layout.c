/* Prints the size of each public struct the Python package mirrors with
 * ctypes, and the offset of each of its members, one per line:
 *   ls_run_options 96
 *   ls_run_options.threads 16
 * Not a test itself: the layout as the compiler makes it, which
 * test_layout.py beside it asserts against the package's declarations, so
 * that a member added to a struct here cannot leave the package reading
 * the wrong bytes. */
#include <stddef.h>
#include <stdio.h>
#include "leadsieve.h"
#include "leadsieve/tools.h"

#define SIZE(s) printf("%s %zu\n", #s, sizeof(s))
#define AT(s, m) printf("%s.%s %zu\n", #s, #m, offsetof(s, m))

int main(void)
{
    SIZE(ls_problem);
    AT(ls_problem, path);
    AT(ls_problem, hint);
    SIZE(ls_compile_options);
    AT(ls_compile_options, match_mode);
    AT(ls_compile_options, as_of_year);
    AT(ls_compile_options, as_of_month);
    AT(ls_compile_options, as_of_day);
    AT(ls_compile_options, api);
    AT(ls_compile_options, search_mode);
    SIZE(ls_verdict);
    AT(ls_verdict, outcome);
    AT(ls_verdict, persona);
    AT(ls_verdict, filter);
    AT(ls_verdict, flags);
    AT(ls_verdict, filter_id);
    SIZE(ls_diag);
    AT(ls_diag, kind);
    AT(ls_diag, file);
    AT(ls_diag, line);
    AT(ls_diag, offset);
    AT(ls_diag, message);
    SIZE(ls_progress);
    AT(ls_progress, files_done);
    AT(ls_progress, files_total);
    AT(ls_progress, leads_read);
    SIZE(ls_lead_result);
    AT(ls_lead_result, index);
    AT(ls_lead_result, key);
    AT(ls_lead_result, key_len);
    AT(ls_lead_result, duplicate);
    AT(ls_lead_result, verdict);
    SIZE(ls_run_options);
    AT(ls_run_options, on_diag);
    AT(ls_run_options, diag_user);
    AT(ls_run_options, threads);
    AT(ls_run_options, max_record_bytes);
    AT(ls_run_options, max_depth);
    AT(ls_run_options, on_progress);
    AT(ls_run_options, progress_user);
    AT(ls_run_options, on_lead);
    AT(ls_run_options, lead_user);
    AT(ls_run_options, input_format);
    AT(ls_run_options, watch_fields);
    AT(ls_run_options, watch_field_count);
    SIZE(ls_run_stats);
    AT(ls_run_stats, files_read);
    AT(ls_run_stats, files_failed);
    AT(ls_run_stats, leads_read);
    AT(ls_run_stats, malformed);
    AT(ls_run_stats, not_objects);
    AT(ls_run_stats, duplicates);
    AT(ls_run_stats, invalid_utf8_leads);
    AT(ls_run_stats, matched);
    AT(ls_run_stats, no_persona);
    AT(ls_run_stats, returned);
    AT(ls_run_stats, limit_reached);
    AT(ls_run_stats, not_leads);
    AT(ls_run_stats, files_skipped);
    AT(ls_run_stats, not_evaluated);
    AT(ls_run_stats, offset);
    SIZE(ls_write_options);
    AT(ls_write_options, format);
    AT(ls_write_options, csv_fields);
    AT(ls_write_options, csv_field_count);
    AT(ls_write_options, csv_raw);
    SIZE(ls_input_stats);
    AT(ls_input_stats, files_read);
    AT(ls_input_stats, files_failed);
    AT(ls_input_stats, leads_read);
    AT(ls_input_stats, malformed);
    AT(ls_input_stats, not_objects);
    AT(ls_input_stats, duplicates);
    AT(ls_input_stats, not_leads);
    SIZE(ls_explain_options);
    AT(ls_explain_options, on_diag);
    AT(ls_explain_options, diag_user);
    AT(ls_explain_options, max_record_bytes);
    AT(ls_explain_options, max_depth);
    AT(ls_explain_options, persona);
    AT(ls_explain_options, only);
    AT(ls_explain_options, input_format);
    AT(ls_explain_options, labels);
    SIZE(ls_explain_stats);
    AT(ls_explain_stats, files_read);
    AT(ls_explain_stats, files_failed);
    AT(ls_explain_stats, leads_read);
    AT(ls_explain_stats, malformed);
    AT(ls_explain_stats, not_objects);
    AT(ls_explain_stats, duplicates);
    AT(ls_explain_stats, shown);
    AT(ls_explain_stats, not_leads);
    SIZE(ls_score_ratio);
    AT(ls_score_ratio, num);
    AT(ls_score_ratio, den);
    SIZE(ls_score_macro);
    AT(ls_score_macro, value);
    AT(ls_score_macro, n);
    SIZE(ls_score_persona);
    AT(ls_score_persona, name);
    AT(ls_score_persona, labeled);
    AT(ls_score_persona, assigned);
    AT(ls_score_persona, tp);
    AT(ls_score_persona, fp);
    AT(ls_score_persona, fn);
    AT(ls_score_persona, precision);
    AT(ls_score_persona, recall);
    AT(ls_score_persona, f1);
    AT(ls_score_persona, classes);
    AT(ls_score_persona, nclasses);
    SIZE(ls_score_result);
    AT(ls_score_result, input);
    AT(ls_score_result, scored);
    AT(ls_score_result, unlabeled);
    AT(ls_score_result, other_labeled);
    AT(ls_score_result, bad_labels);
    AT(ls_score_result, correct);
    AT(ls_score_result, accuracy);
    AT(ls_score_result, label_entries);
    AT(ls_score_result, label_duplicates);
    AT(ls_score_result, labels_unused);
    AT(ls_score_result, nother);
    AT(ls_score_result, other_names);
    AT(ls_score_result, other_counts);
    AT(ls_score_result, other_files);
    AT(ls_score_result, other_lines);
    AT(ls_score_result, other_suggestions);
    AT(ls_score_result, label_field_leads);
    AT(ls_score_result, label_field_suggestion);
    AT(ls_score_result, npersonas);
    AT(ls_score_result, personas);
    AT(ls_score_result, micro_tp);
    AT(ls_score_result, micro_fp);
    AT(ls_score_result, micro_fn);
    AT(ls_score_result, micro_precision);
    AT(ls_score_result, micro_recall);
    AT(ls_score_result, micro_f1);
    AT(ls_score_result, macro_precision);
    AT(ls_score_result, macro_recall);
    AT(ls_score_result, macro_f1);
    AT(ls_score_result, ncells);
    AT(ls_score_result, cells);
    AT(ls_score_result, nmisses);
    AT(ls_score_result, misses);
    AT(ls_score_result, label_key_example);
    AT(ls_score_result, lead_key_example);
    AT(ls_score_result, lead_key_example_field);
    AT(ls_score_result, labels_keyed_by);
    AT(ls_score_result, labels_keyed_by_count);
    SIZE(ls_score_options);
    AT(ls_score_options, label_field);
    AT(ls_score_options, on_diag);
    AT(ls_score_options, diag_user);
    AT(ls_score_options, max_record_bytes);
    AT(ls_score_options, max_depth);
    AT(ls_score_options, input_format);
    /* a layout cut short would read as members missing from the package */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("struct_layout");
        return 1;
    }
    return 0;
}
