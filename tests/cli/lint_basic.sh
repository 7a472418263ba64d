#!/bin/bash
# lint: ok (exit 0, warnings on stderr), envelope (exit 2), unreadable (exit 1).
. "$LS_TEST_DATA/engine/cli_lib.bash"

expect_rc 0 "$LEADSIEVE" lint "$D/request.json"
expect_file "$T/out" "ok
"
expect_grep "$T/err" "company_types"
expect_grep "$T/err" "group"

expect_rc 0 "$LEADSIEVE" lint - <"$D/request.json"
expect_file "$T/out" "ok
"

expect_rc 2 "$LEADSIEVE" lint "$D/invalid_request.json"
expect_grep "$T/out" '{"status": "error", "status_code": 400, "detail": {'
expect_grep "$T/out" '"personas[0]": '
expect_grep "$T/out" '"limit_by": '

expect_rc 2 "$LEADSIEVE" lint "$D/notjson_request.json"
expect_grep "$T/out" '"detail": {"": '

expect_rc 1 "$LEADSIEVE" lint "$T/missing.json"
expect_rc 2 "$LEADSIEVE" lint
expect_rc 2 "$LEADSIEVE" lint a.json b.json
expect_rc 2 "$LEADSIEVE" lint --nope "$D/request.json"
# A multi-word prohibit is token-wise (§2): lint says so, still valid.
echo '{"without_company": true, "personas": [["P", ["sales"], [], ["account executive", "intern"]]]}' >"$T/p.json"
expect_rc 0 "$LEADSIEVE" lint "$T/p.json"
expect_grep "$T/err" 'personas[0][3][0]: prohibit "account executive"'
expect_nogrep "$T/err" 'personas[0][3][1]'
# Names that differ only after a NUL ("A\u0000B", "A\u0000C") would print,
# label and be written as "A": each is the error, for lint and for every
# command that takes a request (explain --persona A never gets to choose).
printf '%s' '{"without_company": true, "personas": [["A\u0000B", ["sales"], [], []], ["A\u0000C", ["sales"], [], []]]}' >"$T/nul.json"
NUL_ENVELOPE='{"status": "error", "status_code": 400, "detail": {"personas[0][0]": "the persona name contains a NUL character (U+0000); remove it", "personas[1][0]": "the persona name contains a NUL character (U+0000); remove it"}}
'
expect_rc 2 "$LEADSIEVE" lint "$T/nul.json"
expect_file "$T/out" "$NUL_ENVELOPE"
expect_rc 2 "$LEADSIEVE" lint --format json "$T/nul.json"
expect_file "$T/out" "$NUL_ENVELOPE"
expect_rc 2 "$LEADSIEVE" explain --request "$T/nul.json" --persona A --title "Sales"
expect_file "$T/out" "$NUL_ENVELOPE"
echo '{"sales_id": "1", "job_title": "Sales"}' >"$T/nul-lead.jsonl"
expect_rc 2 "$LEADSIEVE" filter --request "$T/nul.json" "$T/nul-lead.jsonl"
expect_file "$T/out" "$NUL_ENVELOPE"
finish
