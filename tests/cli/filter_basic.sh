#!/bin/bash
# filter over a directory, files, stdin: exact response, exit 0, loud warnings.
. "$LS_TEST_DATA/engine/cli_lib.bash"

# Directory: a.jsonl then b.json (path order), notes.txt ignored; lead 1's
# second copy is a duplicate; Sales (priority 0) ranks before CEO (1).
expect_rc 0 "$LEADSIEVE" filter --request "$D/request.json" "$D/leads"
expect_file "$T/out" "$WITHIN"
expect_grep "$T/err" "company_types"
expect_grep "$T/err" "NOT EVALUATED"
expect_grep "$T/err" "group: unknown request field"
expect_grep "$T/err" "duplicates dropped"

# The same leads as files, and a.jsonl through stdin (no INPUT and "-").
expect_rc 0 "$LEADSIEVE" filter --request "$D/request.json" "$D/leads/a.jsonl" "$D/leads/b.json"
expect_file "$T/out" "$WITHIN"
expect_rc 0 "$LEADSIEVE" filter --request "$D/request.json" - "$D/leads/b.json" <"$D/leads/a.jsonl"
expect_file "$T/out" "$WITHIN"
expect_rc 0 "$LEADSIEVE" filter -q --request "$D/request.json" <"$D/leads/a.jsonl"
expect_file "$T/out" "{\"amount\": -2, \"leads\": [$LEAD2, $LEAD1], \"results_count\": \"within limit\"}
"
# -q: no summary, but fields not evaluated are still named.
expect_nogrep "$T/err" "leads read"
expect_grep "$T/err" "company_types"

# A fourth match (bad.jsonl's lead 5, a CEO) exceeds limit_by 3.
expect_rc 0 "$LEADSIEVE" filter --request "$D/request.json" "$D/leads" "$D/bad.jsonl"
expect_file "$T/out" "$REACHED"
expect_grep "$T/err" "bad.jsonl:2"
expect_grep "$T/err" "bad.jsonl:3"

# Nothing matches: the API's no-match response.
printf '{"job_title": "Gardener"}\n' >"$T/g.jsonl"
expect_rc 0 "$LEADSIEVE" filter -q --request "$D/request.json" "$T/g.jsonl"
expect_file "$T/out" '{"amount": 0, "leads": [], "results_count": "within limit", "status": "No leads match with input criteria"}
'

# An unreadable input is said, counted, and the others still run.
expect_rc 0 "$LEADSIEVE" filter --request "$D/request.json" "$T/missing.json" "$D/leads"
expect_file "$T/out" "$WITHIN"
expect_grep "$T/err" "missing.json"
finish
