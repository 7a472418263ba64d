#!/bin/bash
# Titles of 1 MB and 10 MB are matched whole: a function word before or
# after the long run of letters is found, and the lead is written back
# byte for byte.
. "$LS_TEST_DATA/engine/cli_lib.bash"

x1m=$(head -c 1048576 /dev/zero | tr '\0' 'x')
x10m=$(head -c 10485760 /dev/zero | tr '\0' 'x')
{
    printf '{"sales_id": "1", "job_title": "Head of Sales %s"}\n' "$x1m"
    printf '{"sales_id": "2", "job_title": "%s Sales"}\n' "$x10m"
    printf '{"sales_id": "3", "job_title": "%s"}\n' "$x1m"
} >"$T/huge.jsonl"
echo '{"without_company": true, "personas": [["S", ["sales"], [], []]]}' >"$T/req.json"

CR=$'\r'
expect_rc 0 "$LEADSIEVE" filter -q --format csv --fields sales_id,linkedin_lead_persona \
    --request "$T/req.json" "$T/huge.jsonl"
expect_file "$T/out" "sales_id,linkedin_lead_persona$CR
1,S$CR
2,S$CR
"

expect_rc 0 "$LEADSIEVE" filter -q --format jsonl --request "$T/req.json" "$T/huge.jsonl"
printf '{"sales_id":"1","job_title":"Head of Sales %s","linkedin_lead_persona":"S"}\n' "$x1m" >"$T/want"
printf '{"sales_id":"2","job_title":"%s Sales","linkedin_lead_persona":"S"}\n' "$x10m" >>"$T/want"
cmp -s "$T/out" "$T/want" || fail "jsonl output differs from the input leads"
finish
