#!/bin/bash
# filter -j N on one big JSON array, response or v1 response reads its
# items in byte ranges (ranges of a few dozen bytes here,
# LEADSIEVE_SPLIT_BYTES): the output and every line of the report are those
# of -j 1, wherever the cuts fall (inside strings holding "}, {", inside
# nested arrays of objects), and a document that is broken, truncated or
# followed by garbage reads as with one thread.
. "$LS_TEST_DATA/engine/cli_lib.bash"

echo '{"without_company": true, "limit_by": 10, "personas": [["CEO", ["ceo"], [], [], 1], ["Sales", ["sales"], [], []]]}' >"$T/req.json"

# elements: sep between them; every ninth a number, every fourth with a jobs array
elements() {
    local sep=$1 i
    for i in $(seq 1 50); do
        [ "$i" -gt 1 ] && printf '%b' "$sep"
        case $((i % 9)) in
        0) printf '%d' "$i" ;;
        1) printf '{"sales_id": "%d", "job_title": "CEO", "note": "}, {\\"sales_id\\": \\"fake\\"}, {"}' "$((i % 13))" ;;
        2) printf '{\n  "sales_id": "p%d",\n  "job_title": "Sales",\n  "note": "},\\n{ [{"\n}' "$i" ;;
        4) printf '{"sales_id": "%d", "job_title": "Sales rep", "jobs": [{"t": "a"}, {"t": "b"}, {"t": "}, {"}]}' "$i" ;;
        *) printf '{"sales_id": "%d", "job_title": "Sales"}' "$((i % 11))" ;;
        esac
    done
}
{ printf '\xEF\xBB\xBF['; elements ', '; printf ']'; } >"$T/compact.json"
{ printf '[\n'; elements ',\n'; printf '\n]\n'; } >"$T/pretty.json"
{ printf '{"amount": 50, "leads": ['; elements ', '; printf '], "results_count": "x"}'; } >"$T/response.json"
{ printf '{"data": {\n "leads": [\n'; elements ',\n  '; printf '\n ]\n}}\n'; } >"$T/v1.json"
# broken: a malformed element in the middle, a truncated file, garbage after the array
sed 's/"sales_id": "p20"/"sales_id" "p20"/' "$T/pretty.json" >"$T/malformed.json"
head -c 2000 "$T/pretty.json" >"$T/truncated.json"
{ cat "$T/pretty.json"; printf '}garbage\n'; } >"$T/garbage.json"

for f in compact pretty response v1 malformed truncated garbage; do
    "$LEADSIEVE" filter --request "$T/req.json" -j 1 "$T/$f.json" >"$T/want" 2>"$T/want_err"
    rc=$?
    for size in 16 41 100 333; do
        for j in 2 3; do
            LEADSIEVE_SPLIT_BYTES=$size expect_rc "$rc" "$LEADSIEVE" filter --request "$T/req.json" -j $j "$T/$f.json"
            cmp -s "$T/out" "$T/want" || fail "$f, -j $j, ranges of $size: output differs"
            cmp -s "$T/err" "$T/want_err" || fail "$f, -j $j, ranges of $size: report differs: $(diff "$T/err" "$T/want_err" | head -5)"
        done
    done
    case $f in
    compact | pretty | response | v1)
        expect_grep "$T/want" '"results_count": "limit reached"'
        expect_grep "$T/want_err" "item 45 is a number, not an object; skipped"
        expect_nogrep "$T/want_err" "not valid JSON" ;;
    malformed) expect_grep "$T/want_err" "not valid JSON at line" ;;
    truncated) expect_grep "$T/want_err" "unexpected end of input (truncated?)" ;;
    garbage) expect_grep "$T/want_err" "garbage" ;;
    esac
done
finish
