#!/bin/bash
# Inputs over 4 GB: positions are 64-bit.  A sparse file holds one lead, a
# hole of 4,295,000,000 - 36 NUL bytes (one malformed line), an array
# holding a non-object item and a second lead; the item's byte offset (the
# '1' after the '[' at 4,295,000,001) is past 2^32.
. "$LS_TEST_DATA/engine/cli_lib.bash"

big="$T/big.jsonl"
printf '{"sales_id":"a","job_title":"CEO"}\n' > "$big"
truncate -s 4295000000 "$big" || { fail "cannot make a sparse file"; finish; }
printf '\n[1]\n{"sales_id":"b","job_title":"CFO"}\n' >> "$big"
echo '{"without_company": true}' > "$T/req.json"

expect_rc 0 "$LEADSIEVE" filter -q --report "$T/rep.json" --request "$T/req.json" "$big"
expect_file "$T/out" '{"amount": -2, "leads": [{"sales_id":"a","job_title":"CEO"}, {"sales_id":"b","job_title":"CFO"}], "results_count": "within limit"}
'
expect_grep "$T/rep.json" '"offset": 4295000002'
expect_grep "$T/rep.json" '"line": 3'
rm -f "$big"
finish
