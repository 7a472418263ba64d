#!/bin/bash
# Contract §5a: inside a broken top-level array (or a response's "leads"),
# reading resumes at the next line that starts an item: the leads after
# the break are kept, the break is reported with its line and byte offset
# and counted as malformed, and --strict fails on it.
. "$LS_TEST_DATA/engine/cli_lib.bash"

echo '{"without_company": true}' > "$T/req.json"

# a pretty-printed export, one lead a line, broken on line 4
printf '[\n{"sales_id": "a"},\n{"sales_id": "b"},\n{"sales_id": "c", "job_title": x},\n{"sales_id": "d"},\n{"sales_id": "e"}\n]\n' > "$T/export.json"
expect_rc 0 "$LEADSIEVE" filter --request "$T/req.json" "$T/export.json"
expect_file "$T/out" '{"amount": -4, "leads": [{"sales_id": "a"}, {"sales_id": "b"}, {"sales_id": "d"}, {"sales_id": "e"}], "results_count": "within limit"}
'
grep -Eq "leads read +4$" "$T/err" || fail "summary lacks 'leads read 4': $(cat "$T/err")"
grep -Eq "malformed records skipped +1$" "$T/err" || fail "summary lacks 'malformed 1': $(cat "$T/err")"
expect_grep "$T/err" "export.json:4: not valid JSON at line 4, byte offset 71: expected a value; kept the 2 complete items before it, skipped to the next item at line 5"
expect_rc 1 "$LEADSIEVE" filter --strict --request "$T/req.json" "$T/export.json"
expect_file "$T/out" ""
expect_grep "$T/err" "1 malformed record(s)"

# a response whose leads break twice, items over several lines: each break
# reported, the leads between and after them kept
cat > "$T/response.json" <<'JSON'
{"leads": [
  {
    "sales_id": "a"
  },
  {
    "sales_id": "b",
    "job_title": "CTO
  },
  {
    "sales_id": "c"
  }
  {
    "sales_id": "d"
  }
], "amount": -4}
JSON
expect_rc 0 "$LEADSIEVE" filter --request "$T/req.json" "$T/response.json"
expect_file "$T/out" '{"amount": -3, "leads": [{
    "sales_id": "a"
  }, {
    "sales_id": "c"
  }, {
    "sales_id": "d"
  }], "results_count": "within limit"}
'
grep -Eq "leads read +3$" "$T/err" || fail "summary lacks 'leads read 3': $(cat "$T/err")"
grep -Eq "malformed records skipped +2$" "$T/err" || fail "summary lacks 'malformed 2': $(cat "$T/err")"
expect_grep "$T/err" "response.json:7: not valid JSON at line 7, byte offset 87: control character in a string (must be escaped); kept the 1 complete items before it, skipped to the next item at line 9"
expect_grep "$T/err" "response.json:12: not valid JSON at line 12, byte offset 123: expected ',' or ']' after an array element; kept the 2 complete items before it, skipped to the next item at line 12"
expect_rc 1 "$LEADSIEVE" filter -q --strict --request "$T/req.json" "$T/response.json"
expect_grep "$T/err" "2 malformed record(s)"

# cut off inside the array: the leads before are kept, one report
head -c 60 "$T/export.json" > "$T/cut.json"
expect_rc 0 "$LEADSIEVE" filter --request "$T/req.json" "$T/cut.json"
expect_file "$T/out" '{"amount": -2, "leads": [{"sales_id": "a"}, {"sales_id": "b"}], "results_count": "within limit"}
'
grep -Eq "malformed records skipped +1$" "$T/err" || fail "summary lacks 'malformed 1': $(cat "$T/err")"
expect_grep "$T/err" "cut.json:4: not valid JSON at line 4, byte offset 60: unexpected end of input (truncated?); kept the 2 complete items before it"
finish
