#!/bin/bash
# score: exit codes. 2 invalid request (envelope), no personas, bad labels
# file, a label naming no persona, a label field no lead has, usage;
# 1 unreadable request or labels.
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

# A label that names no persona of the request: exit 2 before anything is
# read or written, one line per label at its first line, with "did you
# mean" when a persona name is close.
printf '{"without_company": true, "personas": [["Marketing Leaders", ["marketing"], [], []], ["Sales", ["sales"], [], []]]}' >"$T/ml.json"
printf 'lead_key\tpersona\ns1\tSales\ns2\tMarketing Leaderz\ns3\tFinance\ns4\tMarketing Leaderz\n' >"$T/typo.tsv"
expect_rc 2 "$LEADSIEVE" score --request "$T/ml.json" --labels "$T/typo.tsv" --html "$T/typo.html" "$S/leads.jsonl"
expect_file "$T/err" "leadsieve: score: $T/typo.tsv:3: label \"Marketing Leaderz\" names no persona of the request; did you mean \"Marketing Leaders\"? (the first of 2 lines with it)
leadsieve: score: $T/typo.tsv:4: label \"Finance\" names no persona of the request; write a persona's name exactly, or - for no persona
"
expect_file "$T/out" ""
[ ! -e "$T/typo.html" ] || fail "--html written for labels naming no persona"
# -q does not hide it
expect_rc 2 "$LEADSIEVE" score -q --request "$T/ml.json" --labels "$T/typo.tsv" "$S/leads.jsonl"
expect_grep "$T/err" 'typo.tsv:3: label "Marketing Leaderz" names no persona of the request; did you mean "Marketing Leaders"?'

# The same in a label field: known once the leads are read; the lead's file
# and line, and still nothing written.
printf '{"sales_id": "1", "job_title": "Sales Manager", "want": "Sales"}\n{"sales_id": "2", "job_title": "CMO", "want": "Marketing Leaderz"}\n{"sales_id": "3", "job_title": "CMO", "want": "Marketing Leaderz"}\n' >"$T/typo.jsonl"
expect_rc 2 "$LEADSIEVE" score --request "$T/ml.json" --label-field want --html "$T/typo.html" "$T/typo.jsonl"
expect_file "$T/err" "leadsieve: score: $T/typo.jsonl:2: label \"Marketing Leaderz\" (field want) names no persona of the request; did you mean \"Marketing Leaders\"? (2 lead(s) with it)
"
expect_file "$T/out" ""
[ ! -e "$T/typo.html" ] || fail "--html written for label field values naming no persona"
expect_rc 2 "$LEADSIEVE" score --format json --request "$T/ml.json" --label-field want - <"$T/typo.jsonl"
expect_grep "$T/err" '-:2: label "Marketing Leaderz" (field want) names no persona'
expect_file "$T/out" ""

# a long label is shown cut at 120 bytes
long=$(printf 'x%.0s' $(seq 300))
printf '{"sales_id": "1", "job_title": "CMO", "want": "%s"}\n' "$long" >"$T/long.jsonl"
expect_rc 2 "$LEADSIEVE" score --request "$T/ml.json" --label-field want "$T/long.jsonl"
expect_grep "$T/err" ":1: label \"${long:0:120}...\" (field want) names no persona"

# --label-field that no lead read has: exit 2 after reading, nothing
# written, the closest of the leads' own field names.
expect_rc 2 "$LEADSIEVE" score --request "$T/ml.json" --label-field Wanted --html "$T/typo.html" "$T/typo.jsonl"
expect_file "$T/err" 'leadsieve: score: --label-field Wanted: none of the 3 lead(s) read has this field; did you mean "want"?
'
expect_file "$T/out" ""
[ ! -e "$T/typo.html" ] || fail "--html written for a label field no lead has"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" --label-field expected-persona "$LS_SOURCE_DIR/data/examples/labeled/"
expect_file "$T/err" 'leadsieve: score: --label-field expected-persona: none of the 5000 lead(s) read has this field; did you mean "expected_persona"?
'
expect_rc 2 "$LEADSIEVE" score --request "$T/ml.json" --label-field zzz "$T/typo.jsonl"
expect_file "$T/err" 'leadsieve: score: --label-field zzz: none of the 3 lead(s) read has this field
'
# no lead at all is no error of the field: an empty score
expect_rc 0 "$LEADSIEVE" score -q --request "$T/ml.json" --label-field zzz - </dev/null
expect_grep "$T/out" "leads: 0 read"

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
