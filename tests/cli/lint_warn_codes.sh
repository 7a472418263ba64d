#!/bin/bash
# lint warnings: each code and path on standard error (text) or in the JSON
# document (--format json); --leads checks on real titles.
. "$LS_TEST_DATA/engine/cli_lib.bash"

cat >"$T/req.json" <<'JSON'
{"without_company": true, "group": 1,
 "personas": [
  ["Boss", ["ceo"], [], []],
  ["Sales", ["sales", "Sales!", "ai"], ["vp", "Head of IT"],
   ["account executive", "technology", "svp"], 1],
  ["Late", ["enterprise sales"], ["vp"], ["account executive", "technology", "svp"], 2],
  ["Dead", ["manager"], ["senior"], ["senior"]],
  ["Ops", ["operations manager"], [], ["manager"]]]}
JSON
expect_rc 0 "$LEADSIEVE" lint "$T/req.json"
expect_file "$T/out" "ok
"
for want in \
  'group: unknown request field; ignored (did you mean "groups"?) [unknown-field]' \
  'personas[0][1][0]: function "ceo" misses titles that say it in other words or languages' \
  'personas[1][1][1]: function "Sales!" is "sales" after normalization, the same as personas[1][1][0] "sales": remove one [keyword-duplicate]' \
  'personas[1][1][0]: function "sales" also matches inside words such as "aftersales", "presales", "salesforce"' \
  'personas[1][1][2]: function "ai" is "ai" after normalization' \
  'personas[1][3][0]: prohibit "account executive" drops every title with ANY of the words "account executive", each on its own [prohibit-multi-token]' \
  'personas[1][3][2]: prohibit "svp" drops every title with the word "svp", which the alternative "svp" of seniority "vp" (personas[1][2][0]) needs: that alternative can never pass [prohibit-overlaps-seniority]' \
  'personas[1][2][1]: seniority "Head of IT" can never pass: "Head of IT" needs the word "technology", dropped by prohibit "technology" (personas[1][3][1]) [seniority-unsatisfiable]' \
  'personas[2]: persona "Late" can never be assigned: persona "Sales" (personas[1]) matches every title it matches and comes first (lower priority value) [persona-shadowed]' \
  'personas[3][2][0]: seniority "senior" can never pass' \
  'personas[3]: persona "Dead" can never match: every one of its seniority entries needs a word its own prohibits drop [persona-never-matches]' \
  'personas[4][3][0]: prohibit "manager" drops every title with the word "manager", which function "operations manager" (personas[4][1][0]) holds: that function matches only where it is inside longer words [prohibit-overlaps-function]'
do
  expect_grep "$T/err" "leadsieve: warning: $want"
done
expect_grep "$T/err" '[function-needs-equivalents]'
expect_grep "$T/err" '"geschäftsführer"'
expect_grep "$T/err" '[function-substring-trap]'
expect_grep "$T/err" '[function-short]'

# The same as JSON on stdout: status ok, each warning {path, code, message}.
expect_rc 0 "$LEADSIEVE" lint --format json "$T/req.json"
/usr/bin/python3 - "$T/out" <<'PY' || fail "lint --format json: $(head -c 600 "$T/out")"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert list(doc) == ["status", "warnings"] and doc["status"] == "ok", doc
got = {(w["code"], w["path"]) for w in doc["warnings"]}
for w in doc["warnings"]:
    assert list(w) == ["path", "code", "message"] and w["message"], w
want = {("unknown-field", "group"), ("function-needs-equivalents", "personas[0][1][0]"),
        ("keyword-duplicate", "personas[1][1][1]"),
        ("function-substring-trap", "personas[1][1][0]"),
        ("function-substring-trap", "personas[1][1][1]"),
        ("function-short", "personas[1][1][2]"),
        ("prohibit-multi-token", "personas[1][3][0]"),
        ("prohibit-multi-token", "personas[2][3][0]"),
        ("prohibit-overlaps-seniority", "personas[1][3][2]"),
        ("prohibit-overlaps-seniority", "personas[2][3][2]"),
        ("seniority-unsatisfiable", "personas[1][2][1]"),
        ("seniority-unsatisfiable", "personas[3][2][0]"),
        ("persona-never-matches", "personas[3]"),
        ("persona-shadowed", "personas[2]"),
        ("prohibit-overlaps-function", "personas[4][3][0]")}
assert got == want, (sorted(got - want), sorted(want - got))
PY
[ -s "$T/err" ] && fail "json: stderr not empty: $(cat "$T/err")"

# With leads: the titles where a function hit only inside a word, and who
# took a persona's leads.  Lead 3 repeats lead 1 (not counted).
cat >"$T/req2.json" <<'JSON'
{"without_company": true, "personas": [
  ["Sales", ["sales"], [], []],
  ["Managers", ["manager"], [], [], 1],
  ["Gardeners", ["gardener"], [], []]]}
JSON
cat >"$T/leads.jsonl" <<'JSON'
{"sales_id": "1", "job_title": "Wholesales Manager"}
{"sales_id": "2", "job_title": "Presales Manager"}
{"sales_id": "1", "job_title": "Wholesales Manager"}
{"sales_id": "3", "job_title": "Wholesales Manager"}
{"sales_id": "4", "job_title": "Sales Manager"}
JSON
expect_rc 0 "$LEADSIEVE" lint --leads "$T/leads.jsonl" "$T/req2.json"
expect_grep "$T/err" 'personas[0][1][0]: function "sales" hit 3 leads only inside a word: "Wholesales Manager" (2), "Presales Manager" (1) [function-inside-word]'
expect_grep "$T/err" 'personas[1]: persona "Managers" matched 4 leads, all taken by "Sales" (4) [persona-never-assigned]'
expect_grep "$T/err" 'personas[2]: persona "Gardeners" matched none of the 4 leads that reached persona matching [persona-no-match]'
expect_grep "$T/err" '5 lead(s) read, 4 checked against the personas (the others: duplicates or dropped by a request filter)'
# Without leads the guess about "sales" instead.
expect_rc 0 "$LEADSIEVE" lint "$T/req2.json"
expect_grep "$T/err" '[function-substring-trap]'
expect_nogrep "$T/err" '[function-inside-word]'
# Words mode: no inside-word hits; "sales" is a word of lead 4 only, so
# Managers keeps the other three.
expect_rc 0 "$LEADSIEVE" lint --match words --leads "$T/leads.jsonl" "$T/req2.json"
expect_nogrep "$T/err" '[function-inside-word]'
expect_nogrep "$T/err" '[persona-never-assigned]'

expect_rc 2 "$LEADSIEVE" lint --format yaml "$T/req.json"
expect_rc 2 "$LEADSIEVE" lint --leads - -
expect_rc 0 "$LEADSIEVE" lint --leads "$T/missing.jsonl" "$T/req2.json"
expect_grep "$T/err" "missing.jsonl"
# --strict: any warning fails (exit 2, said on stderr); notes do not
expect_rc 2 "$LEADSIEVE" lint --strict "$T/req.json"
expect_file "$T/out" "ok
"
expect_grep "$T/err" "leadsieve: lint: --strict: "
echo '{"without_company": true, "groups": [1], "personas": [["A", ["accounting"], [], []]]}' \
    >"$T/notes_only.json"
expect_rc 0 "$LEADSIEVE" lint --strict "$T/notes_only.json"
expect_grep "$T/err" "[not-evaluated]"
expect_nogrep "$T/err" "--strict"
expect_rc 2 "$LEADSIEVE" lint --strict --format json "$T/req.json"
expect_grep "$T/out" '"status": "ok"'
# v1 requests: the vocabulary's silent zeros and what is approximate offline
cat >"$T/v1.json" <<'JSON'
{"job_titles": ["head of sales"], "seniorities": ["Owner", "Directr"],
 "company_industries": ["Fintech", "Computer Software"], "functions": ["Enginering"],
 "locations": ["San Francisco, CA"]}
JSON
expect_rc 0 "$LEADSIEVE" lint "$T/v1.json"
for want in \
  'job_titles: a title matches here when it holds an entry as whole words; the API also returns "similar titles" it does not define, so it may find leads this does not (approximate) [job-titles-approximate]' \
  'seniorities: a lead without a "seniority" field gets a level inferred from its title (approximate: the API uses the level Sales Navigator gives the lead) [seniority-inferred]' \
  'seniorities[0]: seniority "Owner" is neither a Sales Navigator label nor a value the API documents: read here as "Owner / Partner", while the API may match it loosely (did you mean "Owner / Partner"?) [seniority-alias]' \
  'seniorities[1]: seniority "Directr" is neither a Sales Navigator label nor a value the API documents: it matches no lead here, while the API may still match it loosely (did you mean "Director"?) [seniority-unknown]' \
  'company_industries[0]: industry "Fintech" is not one of LinkedIn'"'"'s 434 industry names: it matches no lead, and the API accepts it and finds none (did you mean "Financial Services"?) [industry-unknown]' \
  'company_industries[1]: industry "Computer Software" is LinkedIn'"'"'s older name for "Software Development": leads carry the current name, so it matches none of them (did you mean "Software Development"?) [industry-renamed]' \
  'functions[0]: function "Enginering" is not one of the 26 Sales Navigator functions: the API matches no lead with it (did you mean "Engineering"?) [function-unknown]' \
  'locations[0]: location "San Francisco, CA" abbreviates the US state ("CA")' \
  '(did you mean "San Francisco, California"?) [location-state-abbreviation]'; do
    expect_grep "$T/err" "$want"
done

finish
