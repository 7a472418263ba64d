#!/bin/bash
# The progress line: on a terminal only (script(1) gives one), after the
# delay, cleared before the summary; never with -q or when stderr is a file.
. "$LS_TEST_DATA/engine/cli_lib.bash"
command -v script >/dev/null || { fail "script(1) not found (bsdutils)"; finish; }
mkdir -p "$T/in"
for i in 1 2 3; do cp "$D/leads/a.jsonl" "$T/in/$i.jsonl"; done
cmd="$LEADSIEVE filter -j 1 --request $D/request.json -o $T/out.json $T/in"
LEADSIEVE_PROGRESS_DELAY=0 script -qec "$cmd" "$T/tty" >/dev/null 2>&1 ||
    fail "filter on a terminal failed"
tr '\r' '\n' <"$T/tty" >"$T/lines"
expect_grep "$T/lines" "file(s),"
expect_grep "$T/lines" "leads/s"
expect_grep "$T/tty" $'\r\033[Kleadsieve filter summary'
LEADSIEVE_PROGRESS_DELAY=0 script -qec "$cmd -q" "$T/tty" >/dev/null 2>&1
expect_nogrep "$T/tty" "leads/s"
LEADSIEVE_PROGRESS_DELAY=0 $cmd 2>"$T/err"
expect_nogrep "$T/err" "leads/s"
expect_nogrep "$T/err" $'\033'
finish
