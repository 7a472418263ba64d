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
# a name of your own that no lead read has: exit 2 once the leads are
# read, nothing written, the closest name the leads written have
echo previous >"$T/res.csv"
expect_rc 2 "$LEADSIEVE" filter -q --format csv --fields sales_id,crm_ownr,zzz -o "$T/res.csv" --request "$T/req.json" "$T/own.jsonl"
expect_file "$T/err" 'leadsieve: filter: --fields: no lead read has field "crm_ownr"; did you mean "crm_owner"? (nothing written: its column would be empty throughout)
leadsieve: filter: --fields: no lead read has field "zzz" (nothing written: its column would be empty throughout)
'
expect_file "$T/res.csv" "previous
"
# with -j 2 over two files the same
cp "$T/own.jsonl" "$T/own2.jsonl"
expect_rc 2 "$LEADSIEVE" filter -q -j 2 --format csv --fields sales_id,notes,zzz --request "$T/req.json" "$T/own.jsonl" "$T/own2.jsonl"
expect_file "$T/err" 'leadsieve: filter: --fields: no lead read has field "zzz" (nothing written: its column would be empty throughout)
'

# why-columns: the title used and its field, its normalized form, the
# persona, the function keyword that hit and the seniority entry that passed
echo '{"without_company": true, "personas": [["Sales", ["sales"], ["VP", "Manager"], [], 1], ["CEO", ["ceo"], [], []]]}' >"$T/why.json"
cat >"$T/why.jsonl" <<'JSONL'
{"sales_id": "1", "full_name": "Ann", "job_title": "SVP Wholesales", "company": {"name": "Acme"}, "jobs": [{"job_title": "SVP Wholesales"}, {"job_title": "Rep"}]}
{"sales_id": "2", "job_title": " ", "headline": "Founder & CEO", "company.name": "Own column"}
{"sales_id": "3", "title": "Gardener"}
JSONL
expect_rc 0 "$LEADSIEVE" filter -q --format csv --fields sales_id,@title,@title_field,@norm,@persona,@function,@seniority,company.name,jobs[1].job_title --request "$T/why.json" "$T/why.jsonl"
expect_file "$T/out" "sales_id,@title,@title_field,@norm,@persona,@function,@seniority,company.name,jobs[1].job_title$CR
2,Founder & CEO,headline,founder chief executive officer,CEO,ceo,,Own column,$CR
1,SVP Wholesales,job_title,svp wholesales,Sales,sales,VP,Acme,Rep$CR
"
# a path is checked on the leads, not against the API's field names
expect_rc 2 "$LEADSIEVE" filter -q --format csv --fields sales_id,company.nmae,jobs[0].job_titel --request "$T/why.json" "$T/why.jsonl"
expect_file "$T/err" 'leadsieve: filter: --fields: no lead read has field "company.nmae"; did you mean "company.name"? (nothing written: its column would be empty throughout)
leadsieve: filter: --fields: no lead read has field "jobs[0].job_titel"; did you mean "jobs[0].job_title"? (nothing written: its column would be empty throughout)
'
# an @ name: a did-you-mean before anything is read
expect_rc 2 "$LEADSIEVE" filter -q --format csv --fields @functon --request "$T/why.json" "$T/why.jsonl"
expect_grep "$T/err" '"@functon" is not a column leadsieve computes; did you mean "@function"?'
finish
