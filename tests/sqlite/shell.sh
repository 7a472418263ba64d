#!/bin/bash
# The SQLite extension as the sqlite3 shell loads it (.load by name, the
# entry point found from the file name): each function's answers, its
# errors (the API's envelope, a misspelt option, a malformed lead), NULLs,
# ls_leads, and the personas `leadsieve filter` assigns on the bundled
# examples, by_icp and v1.
. "$LS_TEST_DATA/engine/cli_lib.bash"
: "${LS_SQLITE_EXT:?path to libleadsieve_sqlite.so}" "${SQLITE3:?path to the sqlite3 shell}"
EX=$LS_SOURCE_DIR/data/examples
REQ=$EX/request.json
ext=${LS_SQLITE_EXT%.so} # as a user writes it: SQLite adds .so

# sql ARGS...: the shell on an empty database with the extension loaded and
# :req bound to the bundled request; NULL printed as NULL.
sql() {
    "$SQLITE3" -batch -bail -nullvalue NULL :memory: ".load $ext" \
        ".param set :req \"readfile('$REQ')\"" "$@"
}
# The message of the shell's error line (its prefix differs between
# versions: "Error: stepping, ", "Runtime error near line 1: ").
err_message() { sed -n 's/^[^:]*[Ee]rror[^,:]*[,:] \(stepping, \)\{0,1\}//p' "$T/err" | head -n 1; }

# only the entry point is exported
syms=$(nm -D --defined-only "$LS_SQLITE_EXT" | awk '{print $3}')
[ "$syms" = sqlite3_leadsievesqlite_init ] || fail "exports: $syms"

# ls_norm: the README's examples of `leadsieve normalize`
expect_rc 0 sql "SELECT ls_norm('VP, Sales & Marketing'), ls_norm('Sr. Director, Product Marketing'),
                        ls_norm('Head of IT'), ls_norm('CMO'), ls_norm('Geschäftsführer')"
expect_file "$T/out" "vp sales marketing|senior director product marketing|head information technology|chief marketing officer|geschaftsfuhrer
"

# ls_persona: the README's explain example, a prohibit, no function
expect_rc 0 sql "SELECT ls_persona(:req, 'SVP, Wholesales & Marketing'), ls_persona(:req, 'Marketing Intern, Director'),
                        ls_persona(:req, 'Director of Nursing'), ls_persona(:req, 'Head of Growth', 'match=words')"
expect_file "$T/out" "Marketing Leaders|NULL|NULL|Marketing Leaders
"

# ls_match, ls_verdict, ls_explain on one lead: the location filter drops it
lead='{"job_title": "VP Sales", "location": "Paris, France", "job_started_on": "2020", "profile_photo": "p", "company_url": "https://www.linkedin.com/company/slack-technologies"}'
expect_rc 0 sql "SELECT ls_match(:req, '$lead'), ls_verdict(:req, '$lead'),
                        json_extract(ls_explain(:req, '$lead'), '$.personas[1].function')"
expect_file "$T/out" 'NULL|{"outcome": "dropped_by_filter", "persona": null, "filter": "locations", "invalid_utf8": false, "not_evaluated": false}|sales
'
lead=${lead/Paris, France/London, England, United Kingdom}
expect_rc 0 sql "SELECT ls_match(:req, '$lead'), json_extract(ls_verdict(:req, '$lead'), '$.outcome')"
expect_file "$T/out" "Sales Executives|matched
"

# SQL NULL in, NULL out
expect_rc 0 sql "SELECT ls_norm(NULL), ls_persona(NULL, 'x'), ls_persona(:req, NULL), ls_match(:req, NULL),
                        ls_verdict(NULL, '{}'), ls_explain(:req, NULL), (SELECT count(*) FROM ls_leads(NULL))"
expect_file "$T/out" "NULL|NULL|NULL|NULL|NULL|NULL|0
"

# An invalid request: the error message is the envelope `leadsieve lint` prints.
cat >"$T/bad.json" <<'JSON'
{"company_name": "Slack", "without_company": true, "limit_by": 5000,
 "personas": [["Founders", ["of"], ["founder"], [], 1.0]]}
JSON
"$LEADSIEVE" lint "$T/bad.json" >"$T/envelope"
[ "$(head -c 40 "$T/envelope")" = '{"status": "error", "status_code": 400, ' ] ||
    fail "lint envelope: $(cat "$T/envelope")"
for call in "ls_persona(readfile('$T/bad.json'), 'x')" "ls_match(readfile('$T/bad.json'), '{}')" \
            "ls_explain(readfile('$T/bad.json'), '{}')"; do
    expect_rc 1 sql "SELECT $call"
    [ "$(err_message)" = "$(cat "$T/envelope")" ] ||
        fail "$call: error '$(cat "$T/err")', want the envelope $(cat "$T/envelope")"
done
expect_rc 1 sql "SELECT count(*) FROM ls_leads('$EX/leads', readfile('$T/bad.json'))"
[ "$(err_message)" = "$(cat "$T/envelope")" ] || fail "ls_leads with a bad request: $(cat "$T/err")"

# A misspelt option or value names the one meant; a wrong argument count.
expect_rc 1 sql "SELECT ls_persona(:req, 'VP Sales', 'mach=words')"
[ "$(err_message)" = 'unknown option "mach" (names: api, mode, match, as_of); did you mean "match"?' ] ||
    fail "option typo: $(cat "$T/err")"
expect_rc 1 sql "SELECT count(*) FROM ls_leads('$EX/leads', :req, 'api=by_ipc')"
[ "$(err_message)" = 'option api: "by_ipc" is not by_icp or v1; did you mean "by_icp"?' ] ||
    fail "value typo: $(cat "$T/err")"
expect_rc 1 sql "SELECT ls_verdict(:req)"
expect_grep "$T/err" "wrong number of arguments to function ls_verdict()"

# A malformed lead: where and why.
expect_rc 1 sql "SELECT ls_match(:req, '{\"job_title\": \"VP Sales\",}')"
[ "$(err_message)" = "ls_match: the lead is not one JSON object: trailing comma before '}' at byte offset 25" ] ||
    fail "malformed lead: $(cat "$T/err")"
expect_rc 1 sql "SELECT ls_verdict(:req, '{\"job_title\": \"VP\"} {}')"
[ "$(err_message)" = 'ls_verdict: the lead is not one JSON object: text after the lead object at byte offset 20' ] ||
    fail "two objects: $(cat "$T/err")"

# ls_leads: an unreadable input is an error naming it.
expect_rc 1 sql "SELECT count(*) FROM ls_leads('$T/missing')"
[ "$(err_message)" = "ls_leads: $T/missing: cannot read: No such file or directory" ] ||
    fail "unreadable input: $(cat "$T/err")"

# The README's example: filter's summary, persona by persona.
expect_rc 0 sql "SELECT persona, count(*) FROM ls_leads('$EX/leads/', :req)
                 WHERE NOT duplicate AND outcome = 'matched' GROUP BY persona ORDER BY 2 DESC"
expect_file "$T/out" "Marketing Leaders|51
Sales Executives|29
Product Managers|4
"
expect_rc 0 sql "SELECT count(*), sum(duplicate), count(DISTINCT file), min(line), max(position)
                 FROM ls_leads('$EX/leads/')"
expect_file "$T/out" "317|7|4|1|316
"

# Equality with `leadsieve filter`: every lead it returns (limit_by removed),
# in its order, with its persona; through ls_leads' columns and through
# ls_match on each lead's JSON.
/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r.pop("limit_by"); json.dump(r, open(sys.argv[2], "w"))' \
    "$REQ" "$T/nolimit.json"
expect_rc 0 "$LEADSIEVE" filter -q --request "$T/nolimit.json" --format csv \
    --fields sales_id,linkedin_lead_persona "$EX/leads/"
tail -n +2 "$T/out" | tr -d '\r' | tr , '|' >"$T/want"
[ "$(wc -l <"$T/want")" = 84 ] || fail "filter returned $(wc -l <"$T/want") leads, want 84"
sqlr() { "$SQLITE3" -batch -bail :memory: ".load $ext" ".param set :r \"readfile('$1')\"" "$2"; }
expect_rc 0 sqlr "$T/nolimit.json" "SELECT key, persona FROM ls_leads('$EX/leads/', :r)
                                  WHERE NOT duplicate AND outcome = 'matched' ORDER BY position"
cmp -s "$T/out" "$T/want" || fail "ls_leads personas differ from filter's: $(diff "$T/out" "$T/want" | head)"
expect_rc 0 sqlr "$T/nolimit.json" "SELECT key, p FROM (SELECT key, position, ls_match(:r, lead) AS p
                                  FROM ls_leads('$EX/leads/') WHERE NOT duplicate) WHERE p IS NOT NULL ORDER BY position"
cmp -s "$T/out" "$T/want" || fail "ls_match personas differ from filter's: $(diff "$T/out" "$T/want" | head)"

# The labeled set (5,000 leads, six personas of different priorities):
# the same leads and personas as filter (sorted: filter ranks them).
L=$EX/labeled-inputs/request-improved.json
expect_rc 0 "$LEADSIEVE" filter -q --request "$L" --format csv \
    --fields sales_id,linkedin_lead_persona "$EX/labeled/"
tail -n +2 "$T/out" | tr -d '\r' | tr , '|' | sort >"$T/want"
expect_rc 0 sqlr "$L" "SELECT key, ls_match(:r, lead) FROM ls_leads('$EX/labeled/')
                       WHERE NOT duplicate AND ls_match(:r, lead) IS NOT NULL"
sort "$T/out" >"$T/got"
[ "$(wc -l <"$T/want")" -gt 100 ] || fail "labeled: filter returned only $(wc -l <"$T/want") leads"
cmp -s "$T/got" "$T/want" || fail "labeled personas differ from filter's: $(diff "$T/got" "$T/want" | head)"

# A v1 request over v1 leads, read as the library reads them.
cat >"$T/v1.jsonl" <<'JSONL'
{"lead_id": "L1", "title": "Sales Manager", "company": {"industry": "Banking"}}
{"lead_id": "L2", "title": "CEO", "company": {"industry": "Banking"}, "num_of_connections": 10}
{"lead_id": "L3", "title": "Sales Director", "company": {"industry": "Banking"}}
{"lead_id": "L4", "title": "CTO", "company": {"industry": "Retail"}}
{"lead_id": "L5", "title": "Head of Sales", "company": {"industry": "banking"}}
{"lead_id": "L2", "title": "CEO", "company": {"industry": "Banking"}}
JSONL
cat >"$T/v1.json" <<'JSON'
{"company_industries": ["Banking"], "num_of_connections": {"min": 5},
 "personas": [["Sales", ["sales"], [], []], ["Exec", ["chief"], [], [], -1]]}
JSON
expect_rc 0 "$LEADSIEVE" filter -q --request "$T/v1.json" --format jsonl "$T/v1.jsonl"
/usr/bin/python3 -c 'import json,sys; [print(d["lead_id"] + "|" + d["linkedin_lead_persona"]) for d in map(json.loads, open(sys.argv[1]))]' \
    "$T/out" | sort >"$T/want"
[ "$(tr '\n' ' ' <"$T/want")" = "L1|Sales L2|Exec L3|Sales L5|Sales " ] || fail "v1 filter: $(cat "$T/want")"
expect_rc 0 sqlr "$T/v1.json" "SELECT key, persona FROM ls_leads('$T/v1.jsonl', :r) WHERE NOT duplicate AND outcome = 'matched'"
sort "$T/out" >"$T/got"
cmp -s "$T/got" "$T/want" || fail "v1 ls_leads: $(cat "$T/got")"
expect_rc 0 sqlr "$T/v1.json" "SELECT group_concat(key || ':' || ifnull(ls_match(:r, lead), '-') || ':' ||
                                 json_extract(ls_verdict(:r, lead), '$.not_evaluated'), ' ') FROM ls_leads('$T/v1.jsonl')"
expect_file "$T/out" "L1:Sales:1 L2:Exec:0 L3:Sales:1 L4:-:0 L5:Sales:1 L2:Exec:1
"

finish
