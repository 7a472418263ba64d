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
finish
