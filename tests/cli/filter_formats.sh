#!/bin/bash
# --format jsonl / csv, --fields, --csv-raw.
. "$LS_TEST_DATA/engine/cli_lib.bash"

expect_rc 0 "$LEADSIEVE" filter -q --format jsonl --request "$D/request.json" "$D/leads"
expect_file "$T/out" '{"sales_id":"2","job_title":"Sales manager","full_name":"Bob, Jr.","linkedin_lead_persona":"Sales"}
{"sales_id":"4","job_title":"Sales rep","full_name":"=cmd","linkedin_lead_persona":"Sales"}
{"sales_id":"1","job_title":"CEO","full_name":"Ann","linkedin_lead_persona":"CEO"}
'

CR=$'\r'
expect_rc 0 "$LEADSIEVE" filter -q --format csv --request "$D/request.json" "$D/leads"
expect_file "$T/out" "linkedin_lead_persona,full_name,job_title,company_name,location,linkedin_url,sales_id$CR
Sales,\"Bob, Jr.\",Sales manager,,,,2$CR
Sales,'=cmd,Sales rep,,,,4$CR
CEO,Ann,CEO,,,,1$CR
"

expect_rc 0 "$LEADSIEVE" filter -q --format=csv --fields full_name,sales_id --csv-raw \
    --request "$D/request.json" "$D/leads"
expect_file "$T/out" "full_name,sales_id$CR
\"Bob, Jr.\",2$CR
=cmd,4$CR
Ann,1$CR
"

expect_rc 2 "$LEADSIEVE" filter --format xml --request "$D/request.json" "$D/leads"
expect_grep "$T/err" "--format"
expect_rc 2 "$LEADSIEVE" filter --fields a,b --request "$D/request.json" "$D/leads"
expect_rc 2 "$LEADSIEVE" filter --format csv --fields a,,b --request "$D/request.json" "$D/leads"

# --fields names: a field of the API's leads, a typo of one (exit 2, "did you
# mean", nothing read), or a field of the user's own, far from all of them,
# that is checked at the end: no lead written with it is a warning naming
# it, and with --strict exit 1 and no result.
expect_rc 2 "$LEADSIEVE" filter -q --format csv --fields fullname,jobtitle,sales_id --request "$D/request.json" "$D/leads"
expect_file "$T/err" 'leadsieve filter: --fields: "fullname" is not a field of the API'"'"'s leads; did you mean "full_name"? (see leadsieve filter --help)
leadsieve filter: --fields: "jobtitle" is not a field of the API'"'"'s leads; did you mean "job_title"? (see leadsieve filter --help)
'
expect_file "$T/out" ""
expect_rc 2 "$LEADSIEVE" filter -q --format csv --fields companyname --request "$D/request.json" "$D/leads"
expect_grep "$T/err" 'did you mean "company_name"?'
# "company" is a field of v1 leads (the nested object), not a typo
expect_rc 0 "$LEADSIEVE" filter -q --format csv --fields company --request "$D/request.json" "$D/leads"
expect_rc 2 "$LEADSIEVE" filter -q --format csv --fields linkedin --request "$D/request.json" "$D/leads"
expect_grep "$T/err" 'did you mean "linkedin_url"?'
expect_rc 2 "$LEADSIEVE" filter -q --format csv --fields Full_Name --request "$D/request.json" "$D/leads"
expect_grep "$T/err" 'did you mean "full_name"?'

echo '{"without_company": true, "personas": [["CEO", ["ceo"], [], [], 1], ["Sales", ["sales"], [], []]]}' >"$T/req.json"
cat >"$T/own.jsonl" <<'JSONL'
{"sales_id": "1", "job_title": "CEO", "full_name": "Ann", "crm_owner": "Kim"}
{"sales_id": "3", "job_title": "Gardener", "notes": "not written: no persona"}
{"sales_id": "4", "job_title": "Sales rep", "crm_owner": null}
JSONL
# crm_owner is in written leads (null counts: the field is there); notes
# only in a lead not written; headline is a lead field: no warning
expect_rc 0 "$LEADSIEVE" filter -q --format csv --fields sales_id,crm_owner,notes,headline,notes --request "$T/req.json" "$T/own.jsonl"
expect_file "$T/out" "sales_id,crm_owner,notes,headline,notes$CR
4,,,,$CR
1,Kim,,,$CR
"
expect_file "$T/err" 'leadsieve: warning: filter: --fields: no lead had field "notes"
'
# the warning comes after the summary
expect_rc 0 "$LEADSIEVE" filter --format csv --fields sales_id,notes --request "$T/req.json" "$T/own.jsonl"
[ "$(tail -n 1 "$T/err")" = 'leadsieve: warning: filter: --fields: no lead had field "notes"' ] ||
    fail "the --fields warning is not the last line: $(cat "$T/err")"
expect_grep "$T/err" "leadsieve filter summary"
# --strict: exit 1, nothing written, the file given to -o untouched
echo previous >"$T/res.csv"
expect_rc 1 "$LEADSIEVE" filter -q --strict --format csv --fields sales_id,notes -o "$T/res.csv" --request "$T/req.json" "$T/own.jsonl"
expect_file "$T/err" 'leadsieve: filter: --strict: 1 --fields name(s) that no lead has (see the warnings at the end); no result written
leadsieve: warning: filter: --fields: no lead had field "notes"
'
expect_file "$T/res.csv" "previous
"
expect_rc 1 "$LEADSIEVE" filter -q --strict --format csv --fields sales_id,notes --request "$T/req.json" "$T/own.jsonl"
expect_file "$T/out" ""
expect_rc 0 "$LEADSIEVE" filter -q --strict --format csv --fields sales_id,crm_owner --request "$T/req.json" "$T/own.jsonl"
expect_file "$T/err" ""
finish
