#!/bin/bash
# -o is atomic: the target appears whole or not at all; failures exit 1.
. "$LS_TEST_DATA/engine/cli_lib.bash"

expect_rc 0 "$LEADSIEVE" filter -q -o "$T/res.json" --request "$D/request.json" "$D/leads"
[ -s "$T/out" ] && fail "stdout not empty with -o"
expect_file "$T/res.json" "$WITHIN"

# Replaces an existing file; nothing else is left in the directory.
echo old >"$T/res.json"
expect_rc 0 "$LEADSIEVE" filter -q -o "$T/res.json" --format jsonl --request "$D/request.json" "$D/leads"
[ "$(wc -l <"$T/res.json")" = 3 ] || fail "res.json not replaced"
[ "$(ls -A "$T" | grep -c '^\.res')" = 0 ] || fail "temporary file left: $(ls -A "$T")"

# A full device: exit 1 with a message.
if [ -w /dev/full ]; then
    expect_rc 1 "$LEADSIEVE" filter -q -o /dev/full --request "$D/request.json" "$D/leads"
    expect_grep "$T/err" "/dev/full"
fi

# A directory that does not exist: exit 1, nothing created.
expect_rc 1 "$LEADSIEVE" filter -q -o "$T/no/dir/res.json" --request "$D/request.json" "$D/leads"
[ -e "$T/no" ] && fail "created $T/no"

# The disk fills up mid-write (a 1 KiB file size limit): exit 1, the old
# file is untouched and no temporary file is left.
for i in $(seq 1 200); do
    printf '{"sales_id": "%d", "job_title": "Sales rep %0100d"}\n' "$i" 0
done >"$T/many.jsonl"
echo '{"without_company": true, "personas": [["S", ["sales"], [], []]]}' >"$T/all.json"
echo keep >"$T/big.json"
(ulimit -f 1; "$LEADSIEVE" filter -q -o "$T/big.json" --request "$T/all.json" "$T/many.jsonl" \
    >"$T/out" 2>"$T/err")
rc=$?
[ "$rc" = 1 ] || fail "file size limit: exit $rc, want 1 ($(cat "$T/err"))"
expect_file "$T/big.json" "keep
"
[ "$(ls -A "$T" | grep -c '^\.big')" = 0 ] || fail "temporary file left: $(ls -A "$T")"

# Standard output that cannot be written: exit 1.
if [ -w /dev/full ]; then
    expect_rc 1 bash -c '"$0" filter -q --request "$1" "$2" >/dev/full' "$LEADSIEVE" \
        "$D/request.json" "$D/leads"
fi
finish
