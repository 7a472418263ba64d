#!/bin/bash
# score: exit codes. 2 invalid request (envelope), no personas, bad labels
# file, usage; 1 unreadable request or labels.
. "$LS_TEST_DATA/engine/cli_lib.bash"
S="$LS_TEST_DATA/score"

expect_rc 0 "$LEADSIEVE" score --help
expect_grep "$T/out" "limit_by"
expect_grep "$T/out" "does not apply"

expect_rc 2 "$LEADSIEVE" score --request "$D/invalid_request.json" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_grep "$T/out" '{"status": "error", "status_code": 400, "detail": {'
expect_rc 2 "$LEADSIEVE" score --request "$D/notjson_request.json" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_grep "$T/out" '"detail": {"": '

echo '{"without_company": true}' >"$T/nop.json"
expect_rc 2 "$LEADSIEVE" score --request "$T/nop.json" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_grep "$T/err" "no personas"

printf 's1\tSales\nbroken line\ns2\t\n' >"$T/bad.tsv"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" --labels "$T/bad.tsv" "$S/leads.jsonl"
expect_grep "$T/err" "bad.tsv:2: expected lead_key<TAB>persona"
expect_grep "$T/err" "bad.tsv:3: the label is empty"
expect_file "$T/out" ""

expect_rc 1 "$LEADSIEVE" score --request "$T/missing.json" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_rc 1 "$LEADSIEVE" score --request "$S/request.json" --labels "$T/missing.tsv" "$S/leads.jsonl"
expect_grep "$T/err" "cannot read labels"

expect_rc 2 "$LEADSIEVE" score --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" "$S/leads.jsonl"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" --labels "$S/labels.tsv" --label-field want "$S/leads.jsonl"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" --labels "$S/labels.tsv" --format xml "$S/leads.jsonl"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" --labels - - <"$S/leads.jsonl"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" --labels "$S/labels.tsv" --nope "$S/leads.jsonl"

# an unreadable input is reported and counted; the score still comes out
expect_rc 0 "$LEADSIEVE" score --request "$S/request.json" --labels "$S/labels.tsv" "$S/leads.jsonl" "$T/nothere.jsonl"
expect_grep "$T/err" "nothere.jsonl"
expect_grep "$T/out" "1 unreadable input(s)"
finish
