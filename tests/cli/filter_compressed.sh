#!/bin/bash
# Contract §5a: gzip and zstd inputs are read by their bytes, whatever the
# name, from files and standard input; compressed data that breaks off is
# reported, what came before it is read, and --strict fails.
. "$LS_TEST_DATA/engine/cli_lib.bash"

echo '{"without_company": true}' > "$T/req.json"
printf '{"leads": [{"sales_id":"a"}, {"sales_id":"b"}]}\n' > "$T/r1.json"
printf '{"sales_id":"c"}\n{"sales_id":"d"}\n' > "$T/l.jsonl"
ALL='{"amount": -4, "leads": [{"sales_id":"a"}, {"sales_id":"b"}, {"sales_id":"c"}, {"sales_id":"d"}], "results_count": "within limit"}
'

# two gzip members (gzip a b > c), and two zstd frames, each on stdin too
{ gzip -c "$T/r1.json"; gzip -c "$T/l.jsonl"; } > "$T/both.json.gz"
{ zstd -qc "$T/r1.json"; zstd -qc "$T/l.jsonl"; } > "$T/both.jsonl.zst"
cp "$T/both.json.gz" "$T/misnamed.json" # the bytes decide, not the name
for f in both.json.gz both.jsonl.zst misnamed.json; do
    expect_rc 0 "$LEADSIEVE" filter -q --request "$T/req.json" "$T/$f"
    expect_file "$T/out" "$ALL"
    expect_file "$T/err" ""
    expect_rc 0 "$LEADSIEVE" filter -q --request "$T/req.json" - <"$T/$f"
    expect_file "$T/out" "$ALL"
done

# CSV, gzip-compressed: CSV by its name, decompressed by its bytes
printf 'sales_id,Title\ne,VP Sales\n' | gzip -c > "$T/export.csv.gz"
expect_rc 0 "$LEADSIEVE" filter -q --request "$T/req.json" "$T/export.csv.gz"
expect_file "$T/out" '{"amount": -1, "leads": [{"sales_id": "e", "Title": "VP Sales"}], "results_count": "within limit"}
'
expect_rc 0 "$LEADSIEVE" filter -q --input-format csv --request "$T/req.json" - <"$T/export.csv.gz"
expect_grep "$T/out" '"sales_id": "e"'

# cut short: the complete leads before the break are read, the file is
# named as failed, the cut line is a malformed record; --strict exits 1
for i in $(seq 1 300); do printf '{"sales_id":"%d","job_title":"Account executive %d"}\n' "$i" "$i"; done > "$T/many.jsonl"
gzip -c "$T/many.jsonl" > "$T/many.jsonl.gz"
head -c $(( $(stat -c %s "$T/many.jsonl.gz") - 20 )) "$T/many.jsonl.gz" > "$T/cut.jsonl.gz"
expect_rc 0 "$LEADSIEVE" filter --request "$T/req.json" "$T/cut.jsonl.gz"
expect_grep "$T/err" "cut.jsonl.gz: gzip data ends early (truncated?) after "
expect_grep "$T/err" "; what came before it is read"
grep -Eq "files unreadable +1$" "$T/err" || fail "summary lacks 'files unreadable 1': $(cat "$T/err")"
read_n=$(sed -n 's/^  leads read  *\([0-9]*\)$/\1/p' "$T/err")
[ "${read_n:-0}" -ge 280 ] && [ "${read_n:-0}" -lt 300 ] || fail "leads read $read_n, want 280..299"
expect_rc 1 "$LEADSIEVE" filter -q --strict --request "$T/req.json" "$T/cut.jsonl.gz"
expect_file "$T/out" ""

# corrupt data, and a gzip file followed by curl's status line
python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[200] ^= 0xff; b[201] ^= 0x55; open(sys.argv[2], "wb").write(b)' "$T/many.jsonl.gz" "$T/bad.jsonl.gz"
expect_rc 0 "$LEADSIEVE" filter -q --request "$T/req.json" "$T/bad.jsonl.gz"
expect_grep "$T/err" "bad.jsonl.gz: gzip data corrupt ("
{ cat "$T/both.json.gz"; printf '\n200'; } > "$T/curl.json.gz"
expect_rc 0 "$LEADSIEVE" filter -q --request "$T/req.json" "$T/curl.json.gz"
expect_file "$T/out" "$ALL"
expect_grep "$T/err" "curl.json.gz: gzip data followed by bytes that are not gzip after 82 decompressed bytes"
finish
