#!/bin/bash
# filter -j N on one big JSONL file reads it in byte ranges (ranges of a few
# dozen bytes here, LEADSIEVE_SPLIT_BYTES): the output and every line of the
# report, diagnostics with their line numbers and byte offsets included, are
# those of -j 1, wherever the cuts fall; the same file compressed, and on a
# pipe, reads the same.
. "$LS_TEST_DATA/engine/cli_lib.bash"

echo '{"without_company": true, "limit_by": 10, "personas": [["CEO", ["ceo"], [], [], 1], ["Sales", ["sales"], [], []]]}' >"$T/req.json"
# a BOM, CRLF and blank lines, a lead over several lines, malformed lines,
# duplicates far apart, and no newline at the end
{
    printf '\xEF\xBB\xBF{"sales_id": "first", "job_title": "CEO"}\n'
    for i in $(seq 1 60); do
        case $((i % 9)) in
        0) printf '{"sales_id": "%d", broken\n' "$i" ;;
        1) printf '{\n  "sales_id": "p%d",\n  "job_title": "CEO"\n}\n' "$i" ;;
        2) printf '{"sales_id": "%d", "job_title": "Sales rep"}\r\n\n' "$((i % 7))" ;;
        3) printf '"text"\n' ;;
        *) printf '{"sales_id": "%d", "job_title": "Sales"}\n' "$((i % 11))" ;;
        esac
    done
    printf '{"sales_id": "last", "job_title": "CEO"}'
} >"$T/big.jsonl"

"$LEADSIEVE" filter --request "$T/req.json" -j 1 "$T/big.jsonl" >"$T/want" 2>"$T/want_err"
[ $? = 0 ] || fail "-j 1 failed"
# the report one reader gives: i = 9 on line 14 (i = 1 takes four lines, i =
# 2 two), the string of i = 3 the fourth item; 20 leads match, over the limit
expect_grep "$T/want_err" "big.jsonl:14: line 14: expected a string key (byte offset 361)"
expect_grep "$T/want_err" "item 4 is a string, not an object"
expect_grep "$T/want" '"results_count": "limit reached"'
for size in 16 29 64 101; do
    for j in 2 3; do
        LEADSIEVE_SPLIT_BYTES=$size expect_rc 0 "$LEADSIEVE" filter --request "$T/req.json" -j $j "$T/big.jsonl"
        cmp -s "$T/out" "$T/want" || fail "-j $j, ranges of $size: output differs"
        cmp -s "$T/err" "$T/want_err" || fail "-j $j, ranges of $size: report differs: $(diff "$T/err" "$T/want_err" | head -5)"
    done
done

# not read in ranges, and read the same: compressed, on a pipe
gzip -c "$T/big.jsonl" >"$T/big.jsonl.gz"
LEADSIEVE_SPLIT_BYTES=16 expect_rc 0 "$LEADSIEVE" filter --request "$T/req.json" -j 2 "$T/big.jsonl.gz"
cmp -s "$T/out" "$T/want" || fail "gzip: output differs"
LEADSIEVE_SPLIT_BYTES=16 expect_rc 0 "$LEADSIEVE" filter --request "$T/req.json" -j 2 - <"$T/big.jsonl"
cmp -s "$T/out" "$T/want" || fail "pipe: output differs"
finish
