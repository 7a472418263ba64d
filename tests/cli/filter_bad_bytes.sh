#!/bin/bash
# Bad bytes in lead text: invalid UTF-8 and lone surrogate escapes are
# dropped for matching (the lead is kept, written back unchanged and
# counted); an escaped NUL separates words; a raw NUL byte in a string is a
# malformed record, skipped with its line and offset.
. "$LS_TEST_DATA/engine/cli_lib.bash"
PY=/usr/bin/python3

# line 1: 49 bytes, line 2: 52, line 3: 58; line 4 starts at 159 and its
# raw NUL is its byte 37 (offset 196).
printf '{"sales_id": "u", "job_title": "Sales\xff Manager"}\n' >"$T/bad.jsonl"
printf '{"sales_id": "s", "job_title": "\\ud800Sales\\udc00"}\n' >>"$T/bad.jsonl"
printf '{"sales_id": "n", "job_title": "Head\\u0000of\\u0000Sales"}\n' >>"$T/bad.jsonl"
printf '{"sales_id": "z", "job_title": "Sales\x00"}\n' >>"$T/bad.jsonl"
echo '{"without_company": true, "personas": [["S", ["head sales"], [], []], ["T", ["sales"], [], []]]}' >"$T/req.json"

expect_rc 0 "$LEADSIEVE" filter -q --format jsonl --report "$T/rep.json" --request "$T/req.json" "$T/bad.jsonl"
printf '%s\n' '{"sales_id":"u","job_title":"Sales'$'\xff'' Manager","linkedin_lead_persona":"T"}' \
    '{"sales_id":"s","job_title":"\ud800Sales\udc00","linkedin_lead_persona":"T"}' \
    '{"sales_id":"n","job_title":"Head\u0000of\u0000Sales","linkedin_lead_persona":"S"}' >"$T/want"
cmp -s "$T/out" "$T/want" || fail "output: $(od -c "$T/out" | head -n 20)"
got=$($PY -c 'import json,sys; r=json.load(open(sys.argv[1])); f=r["skipped"]["first"][0]; print(r["invalid_utf8_leads"], r["malformed"], f["kind"], f["line"], f["offset"])' "$T/rep.json")
[ "$got" = "2 1 malformed 4 159" ] || fail "report: $got"
finish
