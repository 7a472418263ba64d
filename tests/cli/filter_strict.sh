#!/bin/bash
# --strict: any unreadable input or skipped record -> exit 1 and no result.
. "$LS_TEST_DATA/engine/cli_lib.bash"

expect_rc 0 "$LEADSIEVE" filter -q --strict -o "$T/ok.json" --request "$D/request.json" "$D/leads"
expect_file "$T/ok.json" "$WITHIN"

expect_rc 1 "$LEADSIEVE" filter -q --strict -o "$T/res.json" --request "$D/request.json" \
    "$D/leads" "$D/bad.jsonl"
[ -e "$T/res.json" ] && fail "--strict wrote a result"
expect_grep "$T/err" "1 malformed"

expect_rc 1 "$LEADSIEVE" filter -q --strict --request "$D/request.json" "$D/leads" "$T/missing.json"
[ -s "$T/out" ] && fail "--strict wrote to stdout"
finish
