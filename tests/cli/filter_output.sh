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
# Through a symlink the target is written and the link kept; an existing
# file keeps its mode (lead data in a 0600 file stays private).
mkdir -p "$T/o"
echo old >"$T/o/target.json"
chmod 600 "$T/o/target.json"
ln -s target.json "$T/o/link.json"
expect_rc 0 "$LEADSIEVE" filter -q --request "$D/request.json" -o "$T/o/link.json" "$D/leads"
[ -L "$T/o/link.json" ] || fail "the symlink was replaced"
expect_file "$T/o/target.json" "$WITHIN"
[ "$(stat -c %a "$T/o/target.json")" = 600 ] || fail "mode now $(stat -c %a "$T/o/target.json")"
# ... and its owner and group (giving a file away takes root, as CI runs)
if [ "$(id -u)" = 0 ]; then
    chown 65534:65534 "$T/o/target.json"
    expect_rc 0 "$LEADSIEVE" filter -q --request "$D/request.json" -o "$T/o/link.json" "$D/leads"
    [ "$(stat -c %u:%g "$T/o/target.json")" = 65534:65534 ] ||
        fail "owner now $(stat -c %u:%g "$T/o/target.json")"
fi
# /dev/stdout (a link to /proc/self/fd/1) and a link to it: written in place
ln -s /proc/self/fd/1 "$T/o/fd1"
"$LEADSIEVE" filter -q --request "$D/request.json" -o "$T/o/fd1" "$D/leads" >"$T/o/captured" 2>/dev/null ||
    fail "-o a link to /proc/self/fd/1 failed"
[ -L "$T/o/fd1" ] || fail "the link to /proc/self/fd/1 was replaced"
expect_file "$T/o/captured" "$WITHIN"
expect_rc 0 "$LEADSIEVE" filter -q --request "$D/request.json" -o /dev/stdout "$D/leads"
expect_file "$T/out" "$WITHIN"

# A signal while the input is read removes the temporary output file.
mkfifo "$T/o/slow.jsonl"
"$LEADSIEVE" filter -q --request "$D/request.json" -o "$T/o/result.json" "$T/o/slow.jsonl" \
    2>/dev/null &
pid=$!
exec 7>"$T/o/slow.jsonl" # the reader now waits for lines
for _ in $(seq 50); do
    ls -A "$T/o" | grep -q '^\.result\.json\.' && break
    sleep 0.1
done
ls -A "$T/o" | grep -q '^\.result\.json\.' || fail "no temporary file while reading"
kill -TERM "$pid"
wait "$pid"
exec 7>&-
[ -z "$(ls -A "$T/o" | grep '^\.result\.json\.')" ] || fail "temporary file left: $(ls -A "$T/o")"
[ ! -e "$T/o/result.json" ] || fail "result.json written by a killed run"
finish
