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
# An empty file and an empty directory alike: a warning, and --strict fails
: >"$T/empty.json"
mkdir -p "$T/emptydir"
echo '{"without_company": true}' >"$T/wc.json"
for input in "$T/empty.json" "$T/emptydir"; do
    expect_rc 0 "$LEADSIEVE" filter --request "$T/wc.json" "$input"
    expect_grep "$T/err" "leadsieve: warning: $input:"
    expect_rc 1 "$LEADSIEVE" filter --strict --request "$T/wc.json" "$input"
    expect_grep "$T/err" "--strict: 1 unreadable or empty input(s)"
    expect_file "$T/out" ""
done
finish
