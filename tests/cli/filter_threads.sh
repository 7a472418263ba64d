#!/bin/bash
# filter -j N: output, summary, warnings and report byte-identical to -j 1,
# over many files of every shape (bad ones too), duplicates across files,
# and a file long enough to be handed over in several parts.
. "$LS_TEST_DATA/engine/cli_lib.bash"

in="$T/in"
mkdir -p "$in/shapes"
cp "$LS_TEST_DATA"/inputs/*.json "$LS_TEST_DATA"/inputs/*.jsonl "$in/shapes/"
cp "$D/leads/a.jsonl" "$D/leads/b.json" "$D/bad.jsonl" "$in/"
ln -s "$in/missing-target.json" "$in/dangling.json"
# 30 files with the same 50 sales_ids: 1500 leads, 1450 duplicates.
for k in $(seq 10 39); do
    awk -v k="$k" 'BEGIN { printf "{\"leads\": ["; for (i = 0; i < 50; i++)
        printf "%s{\"sales_id\": \"s%d\", \"job_title\": \"%s\", \"file\": %d}",
               (i ? ", " : ""), i, (i % 2 ? "Sales lead" : "CEO"), k; print "]}" }' \
        >"$in/dup-$k.json"
done
# 40000 distinct leads in one JSONL file: many chunks, queue back-pressure.
awk 'BEGIN { for (i = 0; i < 40000; i++)
    printf "{\"sales_id\": \"big%d\", \"job_title\": \"%s\"}\n", i, (i % 3 ? "Sales" : "Engineer") }' \
    >"$in/zz-big.jsonl"
sed '/limit_by/d' "$D/request.json" >"$T/nolimit.json"

for req in "$D/request.json" "$T/nolimit.json"; do
    "$LEADSIEVE" filter -j 1 --request "$req" --report "$T/rep1.json" "$in" >"$T/out1" 2>"$T/err1"
    rc1=$?
    for j in 2 3 8; do
        "$LEADSIEVE" filter -j "$j" --request "$req" --report "$T/rep$j.json" "$in" \
            >"$T/out$j" 2>"$T/err$j"
        rc=$?
        [ "$rc" = "$rc1" ] || fail "-j $j exit $rc, -j 1 exit $rc1"
        cmp -s "$T/out1" "$T/out$j" || fail "-j $j output differs ($req)"
        cmp -s "$T/err1" "$T/err$j" || fail "-j $j stderr differs ($req): $(diff "$T/err1" "$T/err$j" | head -5)"
        cmp -s "$T/rep1.json" "$T/rep$j.json" || fail "-j $j report differs ($req)"
    done
    # without -j: one thread per CPU, the same bytes again
    "$LEADSIEVE" filter --request "$req" --report "$T/repd.json" "$in" >"$T/outd" 2>"$T/errd"
    [ "$?" = "$rc1" ] || fail "default threads: exit differs from -j 1"
    cmp -s "$T/out1" "$T/outd" || fail "default threads: output differs ($req)"
    cmp -s "$T/err1" "$T/errd" || fail "default threads: stderr differs ($req)"
    cmp -s "$T/rep1.json" "$T/repd.json" || fail "default threads: report differs ($req)"
done
# The counts, from the inputs' construction: 1500 + 40000 generated leads
# read, 1450 of them duplicates (plus the fixtures' own).
expect_grep "$T/err8" "dangling.json"
grep -E "leads read +[0-9]+" "$T/err8" | awk '{ if ($3 < 41500) exit 1 }' ||
    fail "leads read below 41500: $(grep 'leads read' "$T/err8")"
grep -E "duplicates dropped +[0-9]+" "$T/err8" | awk '{ if ($3 < 1450) exit 1 }' ||
    fail "duplicates below 1450: $(grep 'duplicates' "$T/err8")"
finish
