#!/bin/bash
# explain: the aligned table (display width of non-ASCII names), jsonl
# records, inputs with duplicates and filter drops, selection, colour, usage.
. "$LS_TEST_DATA/engine/cli_lib.bash"

cat >"$T/req.json" <<'JSON'
{"without_company": true, "locations": ["Germany"],
 "personas": [["Sales", ["sales"], ["vp"], ["intern"]],
              ["Geschäftsführer", ["geschäftsführer"], [], [], 1]]}
JSON

# "sales" hits inside "wholesales"; "vp" passes as its expansion "svp".  The
# persona column is 15 display columns wide ("Geschäftsführer", 17 bytes).
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --title "SVP Wholesales"
expect_file "$T/out" '--title 1  "SVP Wholesales"
  norm "svp wholesales"
  level Entry Level (inferred from the title)
  persona          verdict  function               seniority          prohibit
  Sales            match    "sales" inside a word  "vp" as "svp"      -
  Geschäftsführer  no       no hit (1 keyword)     (none: any title)  -
  => assigned: Sales

'
expect_nogrep "$T/out" $'\033'

expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --format jsonl --title "SVP Wholesales"
expect_file "$T/out" '{"file": null, "line": 1, "title_field": null, "title": "SVP Wholesales", "title_norm": "svp wholesales", "filter": null, "duplicate": false, "assigned": "Sales", "personas": [{"name": "Sales", "matched": true, "function": "sales", "function_inside_word": true, "seniority": "vp", "alternative": "svp", "prohibit": null, "prohibit_token": null, "function_index": 0, "seniority_index": 0, "alternative_index": 1, "prohibit_index": -1}, {"name": "Geschäftsführer", "matched": false, "function": null, "function_inside_word": false, "seniority": null, "alternative": null, "prohibit": null, "prohibit_token": null, "function_index": -1, "seniority_index": -2, "alternative_index": -1, "prohibit_index": -1}], "title_level": "Entry Level", "key": null, "key_field": null, "name": null, "index": null}
'

# Leads: 1 Sales; 2 the boss (title from raw_job_title); 3 a duplicate of
# 1; 4 dropped by locations; 5 an intern, dropped by Sales' prohibit.
cat >"$T/leads.jsonl" <<'JSON'
{"sales_id": "1", "job_title": "VP Sales", "location": "Berlin, Germany"}
{"sales_id": "2", "job_title": null, "raw_job_title": "Geschäftsführerin", "location": "Bonn, Germany"}
{"sales_id": "1", "job_title": "VP Sales", "location": "Berlin, Germany"}
{"sales_id": "4", "job_title": "VP Sales", "location": "Paris, France"}
{"sales_id": "5", "job_title": "VP Sales Intern", "location": "Berlin, Germany"}
JSON
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" "$T/leads.jsonl"
expect_grep "$T/out" "leads.jsonl:2  raw_job_title  \"Geschäftsführerin\"
  key sales_id \"2\"
  norm \"geschaftsfuhrerin\""
expect_grep "$T/out" '  norm "geschaftsfuhrerin"'
expect_grep "$T/out" '  Geschäftsführer  match    "geschäftsführer" inside a word  (none: any title)    -'
expect_grep "$T/out" '  Sales            match    "sales"             "vp"               -'
expect_grep "$T/out" '  => assigned: Geschäftsführer'
expect_grep "$T/out" '  => duplicate of an earlier lead: dropped before the filters'
expect_grep "$T/out" '  => dropped by the request filter locations (the lead'"'"'s location is "Paris, France")'
expect_grep "$T/out" '"intern"'
expect_grep "$T/out" '  => no persona matched'
[ "$(grep -c '^  => ' "$T/out")" = 5 ] || fail "want 5 leads: $(cat "$T/out")"

# jsonl: the filter, duplicate and prohibit fields of leads 3, 4 and 5.
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --format jsonl "$T/leads.jsonl"
[ "$(wc -l <"$T/out")" = 5 ] || fail "want 5 records: $(cat "$T/out")"
sed -n 3p "$T/out" >"$T/l3"
expect_grep "$T/l3" '"line": 3, "title_field": "job_title", "title": "VP Sales", "title_norm": "vp sales", "filter": null, "duplicate": true, "assigned": null'
sed -n 4p "$T/out" >"$T/l4"
expect_grep "$T/l4" '"filter": "locations", "filter_field": "location", "filter_value_type": "string", "filter_value": "Paris, France", "duplicate": false, "assigned": null'
expect_grep "$T/l4" '{"name": "Sales", "matched": true,'
sed -n 5p "$T/out" >"$T/l5"
expect_grep "$T/l5" '"prohibit": "intern", "prohibit_token": "intern", "function_index": 0, "seniority_index": 0, "alternative_index": 0, "prohibit_index": 0}'

# --only matched: leads the run returns (1, 2); missed: 3, 4, 5.
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --format jsonl --only matched "$T/leads.jsonl"
[ "$(grep -o '"line": [0-9]*' "$T/out" | tr '\n' ' ')" = '"line": 1 "line": 2 ' ] || fail "only matched: $(cat "$T/out")"
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --format jsonl --only missed "$T/leads.jsonl"
[ "$(grep -o '"line": [0-9]*' "$T/out" | tr '\n' ' ')" = '"line": 3 "line": 4 "line": 5 ' ] || fail "only missed: $(cat "$T/out")"
# --persona: that persona's row only; matched = its rule matches (1, 3, 4).
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --format jsonl --persona Sales --only matched "$T/leads.jsonl"
[ "$(grep -o '"line": [0-9]*' "$T/out" | tr '\n' ' ')" = '"line": 1 "line": 3 "line": 4 ' ] || fail "persona: $(cat "$T/out")"
expect_nogrep "$T/out" '"name": "Geschäftsführer"'
# --limit: the first N shown leads.
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --limit 2 --only missed "$T/leads.jsonl"
[ "$(grep -c '^  => ' "$T/out")" = 2 ] || fail "limit: $(cat "$T/out")"
expect_grep "$T/out" "leads.jsonl:4"
expect_nogrep "$T/out" "leads.jsonl:5"
# stdin, words mode: "geschäftsführer" is no whole word of "geschaftsfuhrerin".
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --match words --format jsonl <"$T/leads.jsonl"
sed -n 2p "$T/out" >"$T/l2"
expect_grep "$T/l2" '"file": "-", "line": 2,'
expect_grep "$T/l2" '"assigned": null'

# Colour only when asked (or on a terminal); never in jsonl.
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --color always --title "VP Sales"
expect_grep "$T/out" $'\033[32m\033[1mmatch\033[0m'
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --color always --format jsonl --title x
expect_nogrep "$T/out" $'\033'

# Control characters and invalid UTF-8 of a title are shown escaped.
printf '{"job_title": "A\\u001b[31mB\\tC\xff"}\n' >"$T/odd.jsonl"
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" "$T/odd.jsonl"
expect_grep "$T/out" 'job_title  "A\u001b[31mB\tC\xff"'
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --format jsonl "$T/odd.jsonl"
expect_grep "$T/out" '"title": "A\u001b[31mB\tC'$'\xef\xbf\xbd''"'

# Usage and request errors.
expect_rc 2 "$LEADSIEVE" explain --title x
expect_rc 2 "$LEADSIEVE" explain --request "$T/req.json" --only some --title x
expect_rc 2 "$LEADSIEVE" explain --request "$T/req.json" --limit 0 --title x
expect_rc 2 "$LEADSIEVE" explain --request "$T/req.json" --format csv --title x
expect_rc 2 "$LEADSIEVE" explain --request "$T/req.json" --color sometimes --title x
expect_rc 2 "$LEADSIEVE" explain --request "$T/req.json" --persona Nobody --title x
expect_grep "$T/err" "Nobody"
echo '{"personas": [["P", ["of"], [], []]]}' >"$T/bad.json"
expect_rc 2 "$LEADSIEVE" explain --request "$T/bad.json" --title x
expect_grep "$T/out" '"personas[0][1][0]": '
expect_rc 1 "$LEADSIEVE" explain --request "$T/missing.json" --title x
# An unreadable input is said; the others still run.
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" "$T/nope.jsonl" "$T/leads.jsonl"
expect_grep "$T/err" "nope.jsonl"
expect_grep "$T/out" "leads.jsonl:5"
expect_rc 0 "$LEADSIEVE" explain --help
expect_grep "$T/out" "usage: leadsieve explain"

# A filter drop shows the lead's own value: a headcount as LinkedIn writes
# it is kept, the others are shown as the lead has them (or their absence).
cat >"$T/hc.json" <<'JSON'
{"without_company": true, "company_headcounts": ["1-10"]}
JSON
cat >"$T/hc.jsonl" <<'JSON'
{"sales_id": "1", "company_headcount_range": "2-10"}
{"sales_id": "2", "company_headcount_range": "11-50"}
{"sales_id": "3", "company_headcount_range": 7.5}
{"sales_id": "4"}
JSON
expect_rc 0 "$LEADSIEVE" explain --request "$T/hc.json" "$T/hc.jsonl"
expect_grep "$T/out" '  => kept: the request has no personas'
expect_grep "$T/out" '  => dropped by the request filter company_headcounts (the lead'"'"'s company_headcount_range is "11-50")'
expect_grep "$T/out" '  => dropped by the request filter company_headcounts (the lead'"'"'s company_headcount_range is 7.5)'
expect_grep "$T/out" '  => dropped by the request filter company_headcounts (the lead has no company_headcount_range)'
expect_rc 0 "$LEADSIEVE" explain --request "$T/hc.json" --format jsonl "$T/hc.jsonl"
expect_grep "$T/out" '"filter": "company_headcounts", "filter_field": "company_headcount_range", "filter_value_type": "number", "filter_value": 7.5, "duplicate"'
expect_grep "$T/out" '"filter_field": "company_headcount_range", "filter_value_type": "absent", "duplicate"'
# a v1 lead: the filter read company.headcount (150 is 51-200), and says so
echo '{"company_headcounts": ["201-500"], "without_company": true}' >"$T/hc.json"
printf '%s\n' '{"lead_id": "A1", "first_name": "Jo", "company": {"name": "M", "headcount": 150}}' >"$T/v1.jsonl"
expect_rc 0 "$LEADSIEVE" explain --request "$T/hc.json" "$T/v1.jsonl"
expect_grep "$T/out" "dropped by the request filter company_headcounts (the lead's company.headcount is 150)"
expect_rc 0 "$LEADSIEVE" explain --request "$T/hc.json" --format jsonl "$T/v1.jsonl"
expect_grep "$T/out" '"filter_field": "company.headcount", "filter_value_type": "number", "filter_value": 150,'
# --persona names a persona of the request; a near miss is named
expect_rc 2 "$LEADSIEVE" explain --request "$T/req.json" --persona sales --title x
expect_grep "$T/err" "the request has no persona named 'sales' (did you mean 'Sales'?)"
expect_rc 2 "$LEADSIEVE" explain --request "$T/req.json" --persona Nobody --title x
expect_grep "$T/err" "the request has no persona named 'Nobody'"
expect_nogrep "$T/err" "did you mean"

# Every lead named: its key and the field it is, its name, and in a
# one-line response its index, so that the leads of line 1 are told apart.
printf '%s\n' '{"leads": [{"sales_id": 11, "full_name": "Ann Lee", "job_title": "VP Sales", "location": "Berlin, Germany"}, {"lead_id": "L2", "first_name": "Bo", "last_name": "Ek", "headline": "Geschäftsführer", "location": "Bonn, Germany"}, {"linkedin_url": "https://x/in/c", "job_title": "Intern", "location": "Köln, Germany"}]}' >"$T/resp.json"
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" "$T/resp.json"
expect_grep "$T/out" "resp.json:1 [0]  job_title  \"VP Sales\"
  key sales_id \"11\"  name \"Ann Lee\"
  norm \"vp sales\""
expect_grep "$T/out" "resp.json:1 [1]  headline  \"Geschäftsführer\"
  key lead_id \"L2\"  name \"Bo Ek\""
expect_grep "$T/out" "resp.json:1 [2]  job_title  \"Intern\"
  key linkedin_url \"https://x/in/c\"
  norm"
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --format jsonl "$T/resp.json"
sed -n 2p "$T/out" >"$T/r2"
expect_grep "$T/r2" '"title_field": "headline", "title": "Geschäftsführer",'
expect_grep "$T/r2" '"key": "L2", "key_field": "lead_id", "name": "Bo Ek", "index": 1}'
expect_grep "$T/out" '"key": "11", "key_field": "sales_id", "name": "Ann Lee", "index": 0}'

# --labels and --only tp, fp, fn, tn: leads 1 (Sales, labeled Sales): TP;
# 2 (Geschäftsführer, labeled Sales): FP and FN; 4 (dropped by locations,
# labeled -): TN; 5 (no persona, labeled Sales): FN; 3 is a duplicate and
# not scored.
printf 'lead_key\tpersona\n1\tSales\n2\tSales\n4\t-\n5\tSales\n' >"$T/labels.tsv"
for w in "tp:1" "fp:2" "fn:2 5" "tn:4"; do
    expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --labels "$T/labels.tsv" --only "${w%%:*}" --format jsonl "$T/leads.jsonl"
    got=$(grep -o '"key": "[0-9]*"' "$T/out" | tr -dc '0-9 ' | tr -s ' ' | sed 's/^ //; s/ $//')
    want=${w#*:}
    [ "$got" = "$want" ] || fail "--only ${w%%:*}: keys '$got', want '$want'"
done
# with --persona, of that persona: Geschäftsführer is FP on lead 2 only
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --labels "$T/labels.tsv" --only fp --persona Geschäftsführer --format jsonl "$T/leads.jsonl"
[ "$(wc -l <"$T/out")" = 1 ] && expect_grep "$T/out" '"key": "2",' || fail "fp of a persona: $(cat "$T/out")"
expect_grep "$T/out" '"label": "Sales"}'
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --labels "$T/labels.tsv" --only fn "$T/leads.jsonl"
expect_grep "$T/out" '  key sales_id "5"  label Sales'
# labels as records (JSONL keyed by the lead key, a member named by --label-field)
printf '%s\n' '{"sales_id": "1", "want": "Sales"}' '{"lead_key": "4", "want": null}' >"$T/labels.jsonl"
expect_rc 0 "$LEADSIEVE" explain --request "$T/req.json" --labels "$T/labels.jsonl" --label-field want --only tn --format jsonl "$T/leads.jsonl"
expect_grep "$T/out" '"key": "4",'
[ "$(wc -l <"$T/out")" = 1 ] || fail "records labels: $(cat "$T/out")"
# usage: --only tp without labels; a typo of tp; --label-field with a TSV
expect_rc 2 "$LEADSIEVE" explain --request "$T/req.json" --only fn "$T/leads.jsonl"
expect_grep "$T/err" "--only tp, fp, fn and tn need --labels FILE"
expect_rc 2 "$LEADSIEVE" explain --request "$T/req.json" --labels "$T/labels.tsv" --only fnn "$T/leads.jsonl"
expect_grep "$T/err" "(did you mean 'fn'?)"
expect_rc 2 "$LEADSIEVE" explain --request "$T/req.json" --labels "$T/labels.tsv" --label-field want "$T/leads.jsonl"
expect_grep "$T/err" "is a TSV table"
# a label naming no persona: the labels' line and a did-you-mean
printf '1\tsales\n' >"$T/typo.tsv"
expect_rc 2 "$LEADSIEVE" explain --request "$T/req.json" --labels "$T/typo.tsv" "$T/leads.jsonl"
expect_grep "$T/err" "typo.tsv:1: label \"sales\" names no persona of the request; did you mean \"Sales\"?"
finish
