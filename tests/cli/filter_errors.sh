#!/bin/bash
# Exit statuses: 2 invalid request (envelope on stdout) or usage, 1 unreadable request.
. "$LS_TEST_DATA/engine/cli_lib.bash"
PY=/usr/bin/python3

expect_rc 2 "$LEADSIEVE" filter --request "$D/invalid_request.json" "$D/leads"
# Every problem at once, keyed by JSON path (contract §6).
keys=$($PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["status"], d["status_code"], ",".join(sorted(d["detail"])))' "$T/out")
[ "$keys" = "error 400 company_id,limit_by,personas[0]" ] || fail "envelope: $keys"
[ "$(wc -l <"$T/out")" = 1 ] || fail "envelope not one line"

expect_rc 2 "$LEADSIEVE" filter --request "$D/notjson_request.json" "$D/leads"
keys=$($PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print(list(d["detail"]))' "$T/out")
[ "$keys" = "['']" ] || fail "non-JSON request envelope: $keys"

expect_rc 1 "$LEADSIEVE" filter --request "$T/nope.json" "$D/leads"
[ -s "$T/out" ] && fail "stdout not empty for an unreadable request"
[ "$(wc -l <"$T/err")" = 1 ] || fail "unreadable request: not one line on stderr"

expect_rc 2 "$LEADSIEVE" filter "$D/leads"
expect_grep "$T/err" "--request"
expect_rc 2 "$LEADSIEVE" filter --request "$D/request.json" --bogus "$D/leads"
[ "$(wc -l <"$T/err")" = 1 ] || fail "unknown option: not one line"
expect_grep "$T/err" "--bogus"
expect_rc 2 "$LEADSIEVE" filter --request
expect_rc 2 "$LEADSIEVE" filter --request "$D/request.json" --as-of 2025-02-30 "$D/leads"
expect_rc 2 "$LEADSIEVE" filter --request "$D/request.json" --as-of 2025-1-01 "$D/leads"
expect_rc 0 "$LEADSIEVE" filter -q --request "$D/request.json" --as-of 2024-02-29 "$D/leads"
expect_rc 2 "$LEADSIEVE" filter --request "$D/request.json" --match fuzzy "$D/leads"
expect_rc 0 "$LEADSIEVE" filter -q --request "$D/request.json" --match words "$D/leads"
expect_file "$T/out" "$WITHIN"
expect_rc 2 "$LEADSIEVE" filter --request "$D/request.json" -j 0 "$D/leads"
expect_rc 0 "$LEADSIEVE" filter -q --request "$D/request.json" -j 4 "$D/leads"
expect_file "$T/out" "$WITHIN"
expect_rc 2 "$LEADSIEVE" filter --request - -
# A request written by hand with a trailing comma: the envelope on stdout
# says where and why, and stderr sums it up in one line (stdout may be a file).
printf '{"without_company": true,\n "personas": [["S", ["sales"], [], []],]}' >"$T/comma.json"
expect_rc 2 "$LEADSIEVE" filter --request "$T/comma.json" "$D/leads.jsonl"
expect_grep "$T/out" '"detail": {"": "the request is not valid JSON: expected a value at line 2, column 40 (byte 65); a comma before a closing bracket: JSON allows none, remove it"}'
expect_grep "$T/err" "leadsieve: invalid request, 1 problem (the API's error envelope is on standard output); the request is not valid JSON: expected a value at line 2, column 40"
[ "$(wc -l <"$T/err")" = 1 ] || fail "the stderr summary is not one line: $(cat "$T/err")"
# request text never reaches the terminal raw
printf '%s' '{"without_company": true, "company_headcounts": ["\u001b]0;pwned\u0007"]}' >"$T/esc.json"
expect_rc 2 "$LEADSIEVE" lint "$T/esc.json"
expect_nogrep "$T/err" $'\033'
expect_grep "$T/err" '?]0;pwned?'
# -q keeps one line when input was passed over, none when all was read
printf '{"sales_id": "1", "job_title": "Sales rep"}\nnot json\n' >"$T/skip.jsonl"
echo '{"without_company": true}' >"$T/plain.json"
expect_rc 0 "$LEADSIEVE" filter -q --request "$T/plain.json" "$T/skip.jsonl"
expect_file "$T/err" "leadsieve: filter: 1 record(s) skipped, 0 input(s) unreadable or empty (run without -q for the details)
"
# a walked file that is not read (notes.txt) is said too
expect_rc 0 "$LEADSIEVE" filter -q --request "$T/plain.json" "$D/leads"
expect_file "$T/err" "leadsieve: filter: 0 record(s) skipped, 0 input(s) unreadable or empty, 1 file(s) not read by their name (run without -q for the details)
"
mkdir "$T/only_leads"
cp "$D/leads/a.jsonl" "$D/leads/b.json" "$T/only_leads/"
expect_rc 0 "$LEADSIEVE" filter -q --request "$T/plain.json" "$T/only_leads"
expect_file "$T/err" ""
# JSON that leadsieve composes is valid UTF-8 whatever bytes the request held
printf '{"without_company": true, "company_headcounts": ["a\xffb"], "x\xfe": 1}' >"$T/bytes.json"
expect_rc 2 "$LEADSIEVE" lint "$T/bytes.json"
/usr/bin/python3 -c 'import json, sys; json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))' \
    "$T/out" || fail "the envelope is not valid UTF-8 JSON: $(cat -v "$T/out")"
expect_grep "$T/out" $'"\\"a\xef\xbf\xbdb\\" is not a headcount range'
finish
