#!/bin/bash
# diff: counts, groups and each lead's reasons under both requests (hand
# computation in tests/test_tuning_diff.c), JSON, --max, and exit codes
# naming the invalid request.
. "$LS_TEST_DATA/engine/cli_lib.bash"
S="$LS_TEST_DATA/score"
L="$S/leads.jsonl"

expect_rc 0 "$LEADSIEVE" diff --request "$S/request_new.json" --against "$S/request.json" "$S/leads.jsonl"
expect_file "$T/out" "leads: 18 read, 1 duplicate(s) dropped, 17 compared
gained:              3  (matched by the new request only)
lost:                1  (matched by the baseline only)
reassigned:          1  (matched by both, another persona)
unchanged:           9  (matched by both, same persona)
neither:             3  (matched by neither)

gained (3)
  s4  \"Head of Sales\"  $L:4
    baseline: no persona; \"Sales\": seniority miss (function \"sales\" hit)
    new:      \"Sales\" (function \"sales\", seniority \"head\")
  s5  \"Revenue Director\"  $L:5
    baseline: no persona; \"Sales\": function miss
    new:      \"Sales\" (function \"revenue\", seniority \"director\")
  x9  \"Sales Manager\"  $L:12
    baseline: dropped by filter exclude_ids
    new:      \"Sales\" (function \"sales\", seniority \"manager\")

lost (1)
  s7  \"Wholesales Manager\"  $L:7
    baseline: \"Sales\" (function \"sales\", seniority \"manager\")
    new:      no persona; \"Sales\": prohibit \"wholesales\"

reassigned (1)
  s9  \"Sales and Marketing Manager\"  $L:9
    baseline: \"Sales\" (function \"sales\", seniority \"manager\"); \"Marketing\" matched too (function \"marketing\", seniority \"manager\"), ranked after \"Sales\"
    new:      \"Marketing\" (function \"marketing\", seniority \"manager\"); \"Sales\" matched too (function \"sales\", seniority \"manager\"), ranked after \"Marketing\"
"

# the other way round: gained and lost swap
expect_rc 0 "$LEADSIEVE" diff --request "$S/request.json" --against "$S/request_new.json" "$S/leads.jsonl"
expect_grep "$T/out" "gained:              1"
expect_grep "$T/out" "lost:                3"

expect_rc 0 "$LEADSIEVE" diff --max 1 --request "$S/request_new.json" --against "$S/request.json" "$S/leads.jsonl"
expect_grep "$T/out" "  ... and 2 more"
expect_grep "$T/out" "  s4  \"Head of Sales\"  $L:4"
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
assert list(d["gained"][0]) == ["key", "key_field", "name", "title", "title_field", "file",
                                "line", "index", "now", "baseline"], list(d["gained"][0])
assert (d["gained"][2]["line"], d["gained"][2]["index"]) == (12, None)
assert d["gained"][2]["baseline"] == {"outcome": "dropped by filter", "filter": "exclude_ids"}
assert d["gained"][1]["baseline"] == {"outcome": "no persona", "why": {
    "reason": "no_function", "persona": "Sales", "seniority": "director"}}, d["gained"][1]
assert d["lost"][0]["now"]["why"]["reason"] == "prohibited"
assert d["reassigned"][0]["now"] == {"outcome": "matched", "persona": "Marketing",
    "function": "marketing", "seniority": "manager", "why": {"reason": "taken",
    "persona": "Sales", "function": "sales", "seniority": "manager"}}, d["reassigned"][0]["now"]
PY

# a one-line response: its leads told apart by their index; a persona the
# baseline does not have; names of v1 leads
cat >"$T/a.json" <<'JSON'
{"without_company": true, "personas": [["Data", ["data"], [], []]]}
JSON
cat >"$T/b.json" <<'JSON'
{"without_company": true, "personas": [["Analytics", ["data"], ["head"], []]]}
JSON
printf '%s\n' '{"leads": [{"sales_id": "1", "full_name": "Ann Lee", "job_title": "Data Analyst"}, {"lead_id": "L2", "first_name": "Bo", "last_name": "Ek", "headline": "Head of Data"}]}' >"$T/one.json"
expect_rc 0 "$LEADSIEVE" diff --request "$T/a.json" --against "$T/b.json" "$T/one.json"
expect_grep "$T/out" "gained (1)
  1  Ann Lee  \"Data Analyst\"  $T/one.json:1 [0]
    baseline: no persona; no persona named \"Data\" in this request
    new:      \"Data\" (function \"data\")"
expect_grep "$T/out" "reassigned (1)
  L2  Bo Ek  \"Head of Data\"  $T/one.json:1 [1]
    baseline: \"Analytics\" (function \"data\", seniority \"head\"); no persona named \"Data\" in this request
    new:      \"Data\" (function \"data\"); no persona named \"Analytics\" in this request"

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
