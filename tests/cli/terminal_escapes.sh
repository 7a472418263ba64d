#!/bin/bash
# Text from leads, requests and file names never drives the terminal: the
# summary, warnings, lint, diff and score tables show control characters
# (C0, DEL, C1) as '?'.
. "$LS_TEST_DATA/engine/cli_lib.bash"
mkdir -p "$T/in"
bad=$'\033]0;pwned\007'
printf '{"sales_id": "1", "job_title": "Sales Lead"}\nnot json\n' >"$T/in/leads${bad}.jsonl"
printf '%s' '{"without_company": true, "bogus\u001b[2J": 1, "personas": [["Red\u001b[31m\u009b1m", ["sales"], [], []]]}' \
    >"$T/req.json"
printf '%s' '{"without_company": true, "personas": [["Blue\u0007", ["sales"], [], []]]}' >"$T/base.json"
clean() { # FILE: no ESC, BEL or C1 CSI in it
    ! grep -q $'\033\|\007\|\xc2\x9b' "$1" || fail "$1 has a control character: $(cat -v "$1")"
}
expect_rc 0 "$LEADSIEVE" filter --request "$T/req.json" "$T/in"
clean "$T/err"
expect_grep "$T/err" "leads?]0;pwned?.jsonl"
expect_grep "$T/err" "Red?[31m?1m"
expect_grep "$T/err" "bogus?[2J"
expect_rc 0 "$LEADSIEVE" lint "$T/req.json"
clean "$T/err"
expect_rc 0 "$LEADSIEVE" diff --request "$T/req.json" --against "$T/base.json" "$T/in"
clean "$T/out"
clean "$T/err"
expect_grep "$T/out" '"Blue?"'
finish
