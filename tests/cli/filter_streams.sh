#!/bin/bash
# Contract §5a: a stream is a sequence of values; responses inside it give
# their leads; objects that are not leads are named and skipped; what
# follows a response (curl -w's status line) is reported, not swallowed.
. "$LS_TEST_DATA/engine/cli_lib.bash"

echo '{"without_company": true}' > "$T/req.json"
printf '{"leads": [{"sales_id":"a"}, {"sales_id":"b"}]}\n' > "$T/r1.json"
printf '{"leads": [{"sales_id":"c"}]}' > "$T/r2.json"
printf '{"sales_id":"d"}\n{"sales_id":"e"}\n' > "$T/l.jsonl"
ALL='{"amount": -5, "leads": [{"sales_id":"a"}, {"sales_id":"b"}, {"sales_id":"c"}, {"sales_id":"d"}, {"sales_id":"e"}], "results_count": "within limit"}
'

# cat of documents and JSONL: every lead of every file
cat "$T/r1.json" "$T/r2.json" "$T/l.jsonl" >"$T/cat.json"
expect_rc 0 "$LEADSIEVE" filter -q --request "$T/req.json" - <"$T/cat.json"
expect_file "$T/out" "$ALL"

# a JSONL log of responses, one a line
{ cat "$T/r1.json"; cat "$T/r2.json"; echo; echo '{"data": {"leads": [{"sales_id":"d"}, {"sales_id":"e"}]}}'; } >"$T/log.jsonl"
expect_rc 0 "$LEADSIEVE" filter --request "$T/req.json" "$T/log.jsonl"
expect_file "$T/out" "$ALL"
grep -Eq "leads read +5$" "$T/err" || fail "summary lacks 'leads read 5': $(cat "$T/err")"

# curl -w '\n%{http_code}' after a response: the leads are kept, the
# status line is a non-object, and --strict fails on it
{ cat "$T/r2.json"; printf '\n200'; } >"$T/curl.json"
expect_rc 0 "$LEADSIEVE" filter -q --request "$T/req.json" "$T/curl.json"
expect_file "$T/out" '{"amount": -1, "leads": [{"sales_id":"c"}], "results_count": "within limit"}
'
expect_grep "$T/err" "1 record(s) skipped"
expect_rc 1 "$LEADSIEVE" filter --strict --request "$T/req.json" "$T/curl.json"

# a request and a saved error envelope in the input folder: skipped and
# named, never written out as leads (no personas: every lead is written)
mkdir "$T/in"
cp "$T/r2.json" "$T/in/leads.json"
cp "$T/req.json" "$T/in/request.json"
echo '{"status": "error", "status_code": 400, "detail": {"": "x"}}' > "$T/in/saved-error.json"
expect_rc 0 "$LEADSIEVE" filter --request "$T/req.json" "$T/in"
expect_file "$T/out" '{"amount": -1, "leads": [{"sales_id":"c"}], "results_count": "within limit"}
'
expect_grep "$T/err" "request.json:1: looks like a request, not leads; skipped"
expect_grep "$T/err" "saved-error.json:1: a saved error envelope, not leads; skipped"
grep -Eq "not leads, skipped +2$" "$T/err" || fail "summary lacks 'not leads 2': $(cat "$T/err")"

# a walk reads lead file names in any case (.JSON, .NDJSON), CSV, and
# each of them gzip- or zstd-compressed; it names every other file, in the
# summary and the report
mkdir "$T/walk"
cp "$T/r2.json" "$T/walk/UP.JSON"
printf '{"sales_id":"f"}\n' > "$T/walk/more.NDJSON"
printf 'sales_id,Title\ng,VP Sales\n' > "$T/walk/export.csv"
printf '{"sales_id":"h"}\n' | gzip -c > "$T/walk/packed.json.gz"
printf 'sales_id\ni\n' | zstd -qc > "$T/walk/packed.CSV.zst"
echo 'hello' > "$T/walk/notes.txt"
printf '{"sales_id":"j"}\n' | gzip -c > "$T/walk/old.json.bz2"
expect_rc 0 "$LEADSIEVE" filter --report "$T/walk-report.json" --request "$T/req.json" "$T/walk"
expect_file "$T/out" '{"amount": -5, "leads": [{"sales_id":"c"}, {"sales_id": "g", "Title": "VP Sales"}, {"sales_id":"f"}, {"sales_id": "i"}, {"sales_id":"h"}], "results_count": "within limit"}
'
grep -Eq "files not read \(names\) +2$" "$T/err" || fail "summary lacks 'files not read 2': $(cat "$T/err")"
expect_grep "$T/err" "notes.txt: not a lead file name (.json, .jsonl, .ndjson, .csv, maybe .gz or .zst); not read"
expect_grep "$T/err" "old.json.bz2: not a lead file name"
expect_grep "$T/walk-report.json" '"skipped": 2'
expect_grep "$T/walk-report.json" '"kind": "file_skipped"'

# a report leadsieve wrote, left in the input folder, is not read back
expect_rc 0 "$LEADSIEVE" filter -q --report "$T/in/report.json" --request "$T/req.json" "$T/in"
expect_grep "$T/in/report.json" '"leadsieve": "0.1.0"'
expect_rc 0 "$LEADSIEVE" filter --request "$T/req.json" "$T/in"
expect_grep "$T/err" "report.json:1: a document leadsieve wrote (report, score or diff), not leads; skipped"
grep -Eq "not leads, skipped +3$" "$T/err" || fail "summary lacks 'not leads 3': $(cat "$T/err")"

# {"leads": null} is a response with no leads, not a lead
echo '{"leads": null}' > "$T/null.json"
expect_rc 0 "$LEADSIEVE" filter -q --request "$T/req.json" "$T/null.json"
expect_file "$T/out" '{"amount": 0, "leads": [], "results_count": "within limit", "status": "No leads match with input criteria"}
'
finish
