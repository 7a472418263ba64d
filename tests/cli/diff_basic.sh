#!/bin/bash
# diff: counts and groups (hand computation in tests/test_tuning_diff.c),
# JSON, --max, and exit codes naming the invalid request.
. "$LS_TEST_DATA/engine/cli_lib.bash"
S="$LS_TEST_DATA/score"
TAB=$'\t'

expect_rc 0 "$LEADSIEVE" diff --request "$S/request_new.json" --against "$S/request.json" "$S/leads.jsonl"
expect_file "$T/out" "leads: 18 read, 1 duplicate(s) dropped, 17 compared
gained:              3  (matched by the new request only)
lost:                1  (matched by the baseline only)
reassigned:          1  (matched by both, another persona)
unchanged:           9  (matched by both, same persona)
neither:             3  (matched by neither)

gained (3)
  s4${TAB}Head of Sales${TAB}no persona -> \"Sales\"
  s5${TAB}Revenue Director${TAB}no persona -> \"Sales\"
  x9${TAB}Sales Manager${TAB}dropped by filter exclude_ids -> \"Sales\"

lost (1)
  s7${TAB}Wholesales Manager${TAB}\"Sales\" -> no persona

reassigned (1)
  s9${TAB}Sales and Marketing Manager${TAB}\"Sales\" -> \"Marketing\"
"

# the other way round: gained and lost swap
expect_rc 0 "$LEADSIEVE" diff --request "$S/request.json" --against "$S/request_new.json" "$S/leads.jsonl"
expect_grep "$T/out" "gained:              1"
expect_grep "$T/out" "lost:                3"

expect_rc 0 "$LEADSIEVE" diff --max 1 --request "$S/request_new.json" --against "$S/request.json" "$S/leads.jsonl"
expect_grep "$T/out" "  ... and 2 more"
expect_nogrep "$T/out" "Revenue Director"

expect_rc 0 "$LEADSIEVE" diff --format json --request "$S/request_new.json" --against "$S/request.json" "$S/leads.jsonl"
/usr/bin/python3 - "$T/out" <<'PY' || fail "diff --format json"
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["counts", "gained", "lost", "reassigned", "leadsieve"], list(d)
assert d["leadsieve"] == "0.1.0", d["leadsieve"]
c = d["counts"]
assert (c["compared"], c["gained"], c["lost"], c["reassigned"], c["unchanged"],
        c["matched_by_neither"]) == (17, 3, 1, 1, 9, 3), c
assert [e["key"] for e in d["gained"]] == ["s4", "s5", "x9"]
assert d["gained"][2]["baseline"] == {"outcome": "dropped by filter", "filter": "exclude_ids"}
assert d["reassigned"][0]["now"] == {"outcome": "matched", "persona": "Marketing"}
PY

# invalid requests: envelope on stdout, exit 2, stderr names which one
expect_rc 2 "$LEADSIEVE" diff --request "$D/invalid_request.json" --against "$S/request.json" "$S/leads.jsonl"
expect_grep "$T/out" '{"status": "error", "status_code": 400'
expect_grep "$T/err" "new (--request) request"
expect_rc 2 "$LEADSIEVE" diff --request "$S/request.json" --against "$D/invalid_request.json" "$S/leads.jsonl"
expect_grep "$T/out" '{"status": "error", "status_code": 400'
expect_grep "$T/err" "baseline (--against) request"
expect_rc 1 "$LEADSIEVE" diff --request "$S/request.json" --against "$T/missing.json" "$S/leads.jsonl"
expect_rc 2 "$LEADSIEVE" diff --request "$S/request.json" "$S/leads.jsonl"
expect_rc 2 "$LEADSIEVE" diff --request "$S/request.json" --against "$S/request.json" --format csv "$S/leads.jsonl"
expect_rc 2 "$LEADSIEVE" diff --request "$S/request.json" --against "$S/request.json" --max x "$S/leads.jsonl"
expect_rc 2 "$LEADSIEVE" diff --request - --against "$S/request.json" - <"$S/leads.jsonl"
expect_rc 0 "$LEADSIEVE" diff --help
finish
