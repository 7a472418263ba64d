#!/bin/bash
# v1 requests end to end (contract addendum §2): the v1 response shape,
# results_count before offset_by/limit_by, ranking before the offset,
# --api and --mode, and the counts in the summary and the report.
. "$LS_TEST_DATA/engine/cli_lib.bash"
PY=/usr/bin/python3

cat > "$T/leads.jsonl" <<'JSONL'
{"lead_id": "L1", "title": "Sales Manager", "company": {"industry": "Banking"}}
{"lead_id": "L2", "title": "CEO", "company": {"industry": "Banking"}, "num_of_connections": 10}
{"lead_id": "L3", "title": "Sales Director", "company": {"industry": "Banking"}}
{"lead_id": "L4", "title": "CTO", "company": {"industry": "Retail"}}
{"lead_id": "L5", "title": "Head of Sales", "company": {"industry": "banking"}}
{"lead_id": "L2", "title": "CEO", "company": {"industry": "Banking"}}
JSONL
cat > "$T/req.json" <<'JSON'
{"company_industries": ["Banking"], "offset_by": 1, "limit_by": 2,
 "num_of_connections": {"min": 5},
 "personas": [["Sales", ["sales"], [], []], ["Exec", ["chief"], [], [], -1]]}
JSON
# Exec (priority -1) ranks first: L2; then Sales in input order: L1, L3, L5.
# 4 matched; offset 1 skips L2; limit 2 keeps L1, L3.
expect_rc 0 "$LEADSIEVE" filter -q --report "$T/rep.json" --request "$T/req.json" "$T/leads.jsonl"
got=$($PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sorted(d), sorted(d["data"]), d["meta"], d["data"]["results_count"], " ".join(l["lead_id"]+"/"+l["linkedin_lead_persona"] for l in d["data"]["leads"]))' "$T/out")
want="['data', 'meta'] ['leads', 'results_count'] {'amount_charged': 0} 4 L1/Sales L3/Sales"
[ "$got" = "$want" ] || fail "v1 response: got '$got', want '$want'"
got=$($PY -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["matched"], r["offset_by"], r["skipped_by_offset"], r["returned"], r["kept_not_evaluated"], r["dropped_by_filter"]["company_industries"], r["duplicates"])' "$T/rep.json")
[ "$got" = "4 1 1 2 3 1 1" ] || fail "v1 report: got '$got'"

# the byte-exact empty response
echo '{"job_titles": ["nobody here"]}' > "$T/none.json"
expect_rc 0 "$LEADSIEVE" filter -q --request "$T/none.json" "$T/leads.jsonl"
[ "$(cat "$T/out")" = '{"data": {"leads": [], "results_count": 0}, "meta": {"amount_charged": 0}}' ] ||
    fail "empty v1 response: $(cat "$T/out")"

# --api by_icp forces the old reading: job_titles is an unknown field there
expect_rc 2 "$LEADSIEVE" filter -q --api by_icp --request "$T/none.json" "$T/leads.jsonl"
expect_grep "$T/out" '"company_id"'
# --api v1 reads a request of shared fields as v1: no company needed
echo '{"locations": ["Nowhere"]}' > "$T/shared.json"
expect_rc 0 "$LEADSIEVE" filter -q --api v1 --request "$T/shared.json" "$T/leads.jsonl"
expect_grep "$T/out" '"results_count": 0'
# --mode database: a realtime-only field is an error at its key
expect_rc 2 "$LEADSIEVE" filter -q --mode database --request "$T/req.json" "$T/leads.jsonl"
$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); assert sorted(d["detail"]) == ["num_of_connections", "personas"], d; assert "realtime only" in d["detail"]["personas"]' "$T/out" ||
    fail "database mode errors: $(cat "$T/out")"
expect_rc 2 "$LEADSIEVE" filter -q --mode batch --request "$T/req.json" "$T/leads.jsonl"
expect_grep "$T/err" '--mode must be realtime or database'
# --mode database on a request read as by_icp (no field only v1 has, as the
# bundled request converted to v1) is named and ignored, not dropped silently
echo '{"without_company": true, "personas": [["Sales", ["sales"], [], []]]}' > "$T/byicp.json"
expect_rc 0 "$LEADSIEVE" filter -q --mode database --request "$T/byicp.json" "$T/leads.jsonl"
expect_file "$T/err" "leadsieve: warning: filter: --mode database is for v1 requests and $T/byicp.json is read as by_icp (it has no field only v1 has: --api v1 reads it as v1); --mode ignored
"
expect_grep "$T/out" '"amount": -3'
expect_rc 0 "$LEADSIEVE" lint --api by_icp --mode database "$T/byicp.json"
expect_grep "$T/err" "leadsieve: warning: lint: --mode database is for v1 requests and $T/byicp.json is read as by_icp (--api by_icp); --mode ignored"
# read as v1, the database search refuses personas; realtime says nothing
expect_rc 2 "$LEADSIEVE" filter -q --api v1 --mode database --request "$T/byicp.json" "$T/leads.jsonl"
expect_grep "$T/out" '"personas": "personas is realtime only'
expect_nogrep "$T/err" '--mode ignored'
expect_rc 0 "$LEADSIEVE" filter -q --mode realtime --request "$T/byicp.json" "$T/leads.jsonl"
expect_file "$T/err" ""
expect_rc 2 "$LEADSIEVE" filter -q --api v2 --request "$T/req.json" "$T/leads.jsonl"
expect_grep "$T/err" '--api must be v1 or by_icp'

# the summary names the unevaluated leads and the offset
expect_rc 0 "$LEADSIEVE" filter --request "$T/req.json" "$T/leads.jsonl"
grep -Eq '^    of which kept, not evaluated +3  \(no data' "$T/err" || fail "summary: $(cat "$T/err")"
grep -Eq '^  skipped by offset_by +1$' "$T/err" || fail "summary: $(cat "$T/err")"
grep -Eq '^  returned +2  limit reached \(limit_by 2\)$' "$T/err" || fail "summary: $(cat "$T/err")" 
finish
