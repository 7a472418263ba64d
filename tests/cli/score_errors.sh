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
expect_grep "$T/err" "is a TSV table (lead_key<TAB>persona)"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" --labels "$S/labels.tsv" --format xml "$S/leads.jsonl"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" --labels - - <"$S/leads.jsonl"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" --labels "$S/labels.tsv" --nope "$S/leads.jsonl"

# Labels as records: a label field no record has (did you mean), a record
# without a lead key, a label that is not a string, a label naming no
# persona; all at once, nothing written.
printf '%s\n' '{"sales_id": "s1", "Persona": "Sales"}' '{"sales_id": "s2", "Persona": "Sales"}' >"$T/l1.jsonl"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" --labels "$T/l1.jsonl" --misses "$T/m.tsv" "$S/leads.jsonl"
expect_file "$T/err" "leadsieve: score: $T/l1.jsonl: no record has the label field \"persona\"; did you mean \"Persona\"?
"
[ ! -e "$T/m.tsv" ] || fail "--misses written for a labels file without its field"
printf '%s\n' '{"sales_id": "s1", "persona": "Sales"}' '{"full_name": "No Key", "persona": "Sales"}' '{"sales_id": "s3", "persona": 3}' '{"sales_id": "s4", "persona": "sales"}' >"$T/l2.jsonl"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" --labels "$T/l2.jsonl" "$S/leads.jsonl"
expect_file "$T/err" "leadsieve: score: $T/l2.jsonl:2: the record has no lead key (sales_id, lead_id, id, linkedin_url, linkedin_id, or lead_key)
leadsieve: score: $T/l2.jsonl:3: the label is not a string: write a persona's name, or - (or null) for no persona
leadsieve: score: $T/l2.jsonl:4: label \"sales\" names no persona of the request; did you mean \"Sales\"?
"
expect_file "$T/out" ""
# a CSV labels file by its header: Person Linkedin Url is the linkedin_url alias
printf 'Person Linkedin Url,persona\nhttps://x/in/a,Sales\n' >"$T/l3.csv"

# Labels none of whose keys is a lead's key: exit 2 with a key of each, and
# the lead field the labels' keys are when they are one of them
printf '%s\n' '{"sales_id": "7", "linkedin_url": "https://x/in/a", "job_title": "Sales Manager"}' '{"sales_id": "8", "linkedin_url": "https://x/in/b", "job_title": "CEO"}' >"$T/byurl.jsonl"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" --labels "$T/l3.csv" --misses "$T/m.tsv" "$T/byurl.jsonl"
expect_file "$T/err" "leadsieve: score: $T/l3.csv: none of the 1 label(s)' keys is the key of one of the 2 lead(s) read; they are the leads' linkedin_url (1 lead(s)): key the labels by the lead key, sales_id (a label's key is \"https://x/in/a\", a lead's is \"7\", its sales_id; the lead key is the first non-blank of sales_id, lead_id, id, linkedin_url, linkedin_id)
"
expect_file "$T/out" ""
[ ! -e "$T/m.tsv" ] || fail "--misses written for labels that match no lead"
printf 'zz\tSales\n' >"$T/zz.tsv"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" --labels "$T/zz.tsv" "$T/byurl.jsonl"
expect_file "$T/err" "leadsieve: score: $T/zz.tsv: none of the 1 label(s)' keys is the key of one of the 2 lead(s) read (a label's key is \"zz\", a lead's is \"7\", its sales_id; the lead key is the first non-blank of sales_id, lead_id, id, linkedin_url, linkedin_id)
"
# a label that matches one lead is no error: the others are a warning
printf 'zz\tSales\n8\tCEO\n' >"$T/zz.tsv"
expect_rc 0 "$LEADSIEVE" score --request "$S/request.json" --labels "$T/zz.tsv" "$T/byurl.jsonl"
expect_grep "$T/err" "1 label(s) matched no lead"

# --misses is an output: never onto an input, the labels, the request or
# the --html file
cp "$S/leads.jsonl" "$T/in.jsonl"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" --labels "$S/labels.tsv" --misses "$T/in.jsonl" "$T/in.jsonl"
expect_grep "$T/err" "--misses $T/in.jsonl is an input"
cmp -s "$T/in.jsonl" "$S/leads.jsonl" || fail "--misses replaced an input"
cp "$S/labels.tsv" "$T/lab.tsv"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" --labels "$T/lab.tsv" --misses "$T/lab.tsv" "$S/leads.jsonl"
expect_grep "$T/err" "is the labels"
expect_rc 2 "$LEADSIEVE" score --request "$S/request.json" --labels "$S/labels.tsv" --misses "$T/x.html" --html "$T/x.html" "$S/leads.jsonl"
expect_grep "$T/err" "name the same file"

# an unreadable input is reported and counted; the score still comes out
expect_rc 0 "$LEADSIEVE" score --request "$S/request.json" --labels "$S/labels.tsv" "$S/leads.jsonl" "$T/nothere.jsonl"
expect_grep "$T/err" "nothere.jsonl"
expect_grep "$T/out" "1 unreadable input(s)"
finish
