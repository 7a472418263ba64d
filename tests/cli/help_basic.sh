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
finish
