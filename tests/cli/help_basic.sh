#!/bin/bash
# --help everywhere; every filter option is described; unknown -> exit 2.
. "$LS_TEST_DATA/engine/cli_lib.bash"

expect_rc 0 "$LEADSIEVE" --help
for c in filter lint normalize; do expect_grep "$T/out" "  $c "; done
expect_grep "$T/out" "examples:"

expect_rc 0 "$LEADSIEVE" --version
grep -qE '^leadsieve [0-9]+\.[0-9]+\.[0-9]+$' "$T/out" || fail "version: $(cat "$T/out")"

expect_rc 0 "$LEADSIEVE" filter --help
for o in --request -o --output --format --fields --csv-raw --match --as-of --report \
         --strict -q --quiet -j --threads --help; do
    expect_grep "$T/out" "$o"
done
expect_rc 0 "$LEADSIEVE" lint --help
expect_grep "$T/out" "--match"

expect_rc 2 "$LEADSIEVE" frobnicate
[ "$(wc -l <"$T/err")" = 1 ] || fail "unknown command: not one line"
expect_rc 2 "$LEADSIEVE" --frobnicate
expect_rc 2 "$LEADSIEVE"

# A mistyped command or option names the one meant; every command parses
# its options from one table, so all say it the same way.
expect_rc 2 "$LEADSIEVE" filtr
expect_grep "$T/err" "unknown command 'filtr' (did you mean 'filter'?)"
expect_rc 2 "$LEADSIEVE" socre
expect_grep "$T/err" "(did you mean 'score'?)"
for cmd in filter explain score diff; do
    expect_rc 2 "$LEADSIEVE" "$cmd" --requst x.json
    expect_grep "$T/err" "leadsieve $cmd: unknown option '--requst' (did you mean '--request'?)"
done
expect_rc 2 "$LEADSIEVE" filter --fomat csv --request x.json
expect_grep "$T/err" "unknown option '--fomat' (did you mean '--format'?)"
expect_rc 2 "$LEADSIEVE" lint --laeds x.jsonl x.json
expect_grep "$T/err" "unknown option '--laeds' (did you mean '--leads'?)"
expect_rc 2 "$LEADSIEVE" filter --frobnicate
expect_nogrep "$T/err" "did you mean"
# the message names the argument at fault, even after an input
printf '{}\n' >"$T/in.json"
expect_rc 2 "$LEADSIEVE" filter --request "$T/in.json" "$T/in.json" -dash.json
expect_grep "$T/err" "unknown option '-dash.json' (an input whose name starts with '-' is given as ./-dash.json, or after --)"
expect_rc 2 "$LEADSIEVE" filter "$T/in.json" --request
expect_grep "$T/err" "option '--request' needs a value"
finish
