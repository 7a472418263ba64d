#!/bin/bash
# Seniority levels (addendum §2): normalize --level, the @level CSV column,
# explain's level line and lint's agreement table.
. "$LS_TEST_DATA/engine/cli_lib.bash"

# normalize --level: one label a text; stdin one line per line
expect_rc 0 "$LEADSIEVE" normalize --level -- "Founder & CEO" "Vice President" "VP, President" \
    "President" "SVP, Sales" "Sr. Engineer" "Team Lead" "Mgr" "Head of IT" "PhD Student" ""
expect_file "$T/out" 'Owner / Partner
Vice President
Vice President
CXO
Entry Level
Senior
Senior
Experienced Manager
Director
In Training
Entry Level
'
expect_file "$T/err" ''
printf 'CEO\r\nIntern\n\nC-lvl\n' | "$LEADSIEVE" normalize --level >"$T/out" 2>"$T/err" ||
    fail "normalize --level stdin: exit $?"
expect_file "$T/out" 'CXO
In Training
Entry Level
CXO
'
printf 'a\x80 CEO\n' | "$LEADSIEVE" normalize --level >"$T/out" 2>"$T/err"
expect_file "$T/out" 'CXO
'
expect_file "$T/err" 'leadsieve: normalize: 1 line had invalid UTF-8 (dropped)
'
expect_rc 0 "$LEADSIEVE" normalize --help
expect_grep "$T/out" "--level"

cat >"$T/req.json" <<'JSON'
{"without_company": true}
JSON
cat >"$T/leads.jsonl" <<'JSON'
{"sales_id": "1", "job_title": "Founder & CEO"}
{"sales_id": "2", "job_title": "VP Sales", "seniority": "CXO"}
{"sales_id": "3", "title": "Sales Manager", "seniority": "Manager"}
{"sales_id": "4", "title": "Intern", "seniority": "Boss"}
{"sales_id": "5", "title": "Engineer", "seniority": null}
JSON

# @level: the field's level, else the title's; labels joined by "; "
expect_rc 0 "$LEADSIEVE" filter -q --request "$T/req.json" --format csv \
    --fields sales_id,@level,seniority "$T/leads.jsonl"
expect_file "$T/out" $'sales_id,@level,seniority\r
1,Owner / Partner,\r
2,CXO,CXO\r
3,Entry Level Manager; Experienced Manager,Manager\r
4,,Boss\r
5,Entry Level,\r
'
expect_nogrep "$T/err" "no lead had"

# an unknown @ name: exit 2 before anything is read, with a did-you-mean
expect_rc 2 "$LEADSIEVE" filter --request "$T/req.json" --format csv --fields sales_id,@Level \
    "$T/leads.jsonl"
expect_file "$T/out" ''
expect_grep "$T/err" '--fields: "@Level" is not a column leadsieve computes; did you mean "@level"?'
expect_rc 2 "$LEADSIEVE" filter --request "$T/req.json" --format csv --fields @experience \
    "$T/leads.jsonl"
expect_grep "$T/err" '--fields: "@experience" is not a column leadsieve computes (an @ name is one of: @level, @title, @title_field, @norm, @persona, @function, @seniority)'
# also after CSV input, whose own header names are not checked
printf 'sales_id,title\n1,CEO\n' >"$T/in.csv"
expect_rc 2 "$LEADSIEVE" filter --request "$T/req.json" --format csv --fields @lvel "$T/in.csv"
expect_grep "$T/err" 'did you mean "@level"?'
expect_rc 0 "$LEADSIEVE" filter -q --request "$T/req.json" --format csv --fields title,@level \
    "$T/in.csv"
expect_file "$T/out" $'title,@level\r\nCEO,CXO\r\n'
expect_rc 0 "$LEADSIEVE" filter --help
expect_grep "$T/out" "@level"

# explain: the title's level, and the field's beside it
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" "$T/leads.jsonl"
expect_grep "$T/out" '  level Owner / Partner (inferred from the title)'
expect_grep "$T/out" '  level Vice President (inferred from the title); seniority field "CXO": CXO'
expect_grep "$T/out" '  level Experienced Manager (inferred from the title); seniority field "Manager": Entry Level Manager; Experienced Manager'
expect_grep "$T/out" '  level In Training (inferred from the title); seniority field "Boss": no level'
[ "$(grep -c '^  level ' "$T/out")" = 5 ] || fail "explain: want 5 level lines: $(cat "$T/out")"
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --format jsonl "$T/leads.jsonl"
sed -n 2p "$T/out" >"$T/l2"
expect_grep "$T/l2" '"personas": [], "title_level": "Vice President", "seniority_value": "CXO", "seniority_levels": ["CXO"], "key": "2", "key_field": "sales_id", "name": null, "index": null}'
sed -n 5p "$T/out" >"$T/l5"
expect_grep "$T/l5" '"personas": [], "title_level": "Entry Level", "key": "5", "key_field": "sales_id", "name": null, "index": null}'
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --title "President"
expect_grep "$T/out" '  level CXO (inferred from the title)'

# lint --leads: the agreement table on stderr, the same figures in JSON
expect_rc 0 "$LEADSIEVE" lint --leads "$T/leads.jsonl" "$T/req.json"
expect_file "$T/out" 'ok
'
sed -n '/seniority field against/,$p' "$T/err" >"$T/table"
expect_file "$T/table" "leadsieve: lint: leads' seniority field against the level their title implies (an approximation):
  level                  leads  title agrees      %
  Entry Level Manager        1             1  100.0
  Experienced Manager        1             1  100.0
  CXO                        1             0    0.0
  (names no level)           1             -      -
"
expect_rc 0 "$LEADSIEVE" lint --format json --leads "$T/leads.jsonl" "$T/req.json"
expect_grep "$T/out" '"seniority_agreement": {"leads_with_seniority": 3, "levels": [{"level": "Entry Level Manager", "leads": 1, "title_agrees": 1}, {"level": "Experienced Manager", "leads": 1, "title_agrees": 1}, {"level": "CXO", "leads": 1, "title_agrees": 0}], "no_level": 1}'
expect_nogrep "$T/err" "seniority field against"
# leads without the field: no table
printf '{"title": "CEO"}\n' >"$T/plain.jsonl"
expect_rc 0 "$LEADSIEVE" lint --leads "$T/plain.jsonl" "$T/req.json"
expect_nogrep "$T/err" "seniority field against"

finish
