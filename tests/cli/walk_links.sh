#!/bin/bash
# A directory reached through several links is read once: two links per
# level, 24 levels deep, is 2^24 paths to one file, and one file read.
. "$LS_TEST_DATA/engine/cli_lib.bash"
d="$T/root"
mkdir "$d"
for _ in $(seq 24); do
    mkdir "$d/n"
    ln -s n "$d/a"
    ln -s n "$d/b"
    d="$d/n"
done
echo '{"sales_id": "x", "job_title": "Sales Lead"}' >"$d/leads.json"
echo '{"without_company": true}' >"$T/req.json"
expect_rc 0 timeout 60 "$LEADSIEVE" filter --request "$T/req.json" "$T/root"
expect_grep "$T/err" "  files read                                1"
expect_grep "$T/err" "  leads read                                1"
# a link back to a parent is still a loop, reported once
ln -s .. "$T/root/n/up"
expect_rc 0 timeout 60 "$LEADSIEVE" filter --request "$T/req.json" "$T/root"
expect_grep "$T/err" "  leads read                                1"
finish
