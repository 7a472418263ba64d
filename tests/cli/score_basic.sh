#!/bin/bash
# score: the text table, JSON keys, --label-field, --html (atomic), warnings.
# Expected figures: the hand computation in tests/test_tuning_score.c.
. "$LS_TEST_DATA/engine/cli_lib.bash"
S="$LS_TEST_DATA/score"

expect_rc 0 "$LEADSIEVE" score --request "$S/request.json" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_grep "$T/out" "leads: 18 read, 1 duplicate(s) dropped, 15 scored, 2 unlabeled (not scored)"
expect_grep "$T/out" "labels: 16 entries, 1 duplicate key(s) ignored, 1 matched no lead"
expect_grep "$T/out" "persona    labeled assigned       TP       FP       FN precision  recall     F1"
expect_grep "$T/out" "Sales            7        5        2        3        5     0.400   0.286  0.333"
expect_grep "$T/out" "Marketing        2        2        1        1        1     0.500   0.500  0.500"
expect_grep "$T/out" "CEO              1        2        1        1        0     0.500   1.000  0.667"
expect_grep "$T/out" "micro                              4        5        6     0.444   0.400  0.421"
expect_grep "$T/out" "macro                                                      0.467   0.595  0.500"
expect_grep "$T/out" "correct: 6 of 15 scored leads (accuracy 0.400)"
expect_grep "$T/out" "              Sales  Marketing       CEO      none  filtered"
expect_grep "$T/out" "Sales             2          0         1         3         1"
expect_grep "$T/out" "Marketing         1          1         0         0         0"
expect_grep "$T/out" "CEO               0          0         1         0         0"
expect_grep "$T/out" "none (-)          2          1         0         2         0"
expect_nogrep "$T/out" "other "  # the row of labels naming no persona: there are none
expect_grep "$T/out" "         1  dropped by filter exclude_ids"
expect_grep "$T/out" "         1  taken by higher-priority persona CEO"
expect_grep "$T/out" "         1  prohibited by intern"
expect_grep "$T/out" "         2  function hit: \"sales\""
expect_grep "$T/out" "         1  function hit inside a word: \"sales\""
expect_grep "$T/out" "                 1  wholesales manager"
expect_grep "$T/err" "1 lead key(s) labeled again; the first label was kept"
expect_grep "$T/err" "1 label(s) matched no lead"

# -q: no warnings
expect_rc 0 "$LEADSIEVE" score -q --request "$S/request.json" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_file "$T/err" ""

# --label-field: the same figures; the keyless lead's 7 is not a string
expect_rc 0 "$LEADSIEVE" score --request "$S/request.json" --label-field want "$S/leads.jsonl"
expect_grep "$T/out" "Sales            7        5        2        3        5     0.400   0.286  0.333"
expect_grep "$T/out" "labels: 1 label field value(s) not a string (unlabeled)"
expect_grep "$T/err" "1 label field value(s) are not strings: left unlabeled"

# leads from standard input
expect_rc 0 "$LEADSIEVE" score --request "$S/request.json" --label-field want <"$S/leads.jsonl"
expect_grep "$T/out" "correct: 6 of 15 scored leads (accuracy 0.400)"

# JSON: keys and hand-computed values
expect_rc 0 "$LEADSIEVE" score -q --format json --request "$S/request.json" --labels "$S/labels.tsv" "$S/leads.jsonl"
/usr/bin/python3 - "$T/out" <<'PY' || fail "score --format json"
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["leads", "labels", "personas", "overall", "confusion", "leadsieve"], list(d)
assert d["leadsieve"] == "0.1.0", d["leadsieve"]
assert d["leads"]["scored"] == 15 and d["leads"]["unlabeled"] == 2 and d["leads"]["duplicates"] == 1
p = {x["name"]: x for x in d["personas"]}
assert list(p["Sales"]) == ["name", "labeled", "assigned", "tp", "fp", "fn", "precision",
                            "recall", "f1", "false_negatives", "false_positives"]
assert (p["Sales"]["tp"], p["Sales"]["fp"], p["Sales"]["fn"]) == (2, 3, 5)
assert (p["Sales"]["precision"], p["Sales"]["recall"], p["Sales"]["f1"]) == (0.4, 0.285714, 0.333333)
assert [c["kind"] for c in p["Sales"]["false_negatives"]] == \
    ["filter", "taken", "no_function", "no_seniority", "prohibited"]
assert list(p["Sales"]["false_negatives"][0]) == ["kind", "reason", "detail", "count", "top_titles"]
assert p["CEO"]["false_negatives"] == []
assert d["overall"]["micro"] == {"tp": 4, "fp": 5, "fn": 6, "precision": 0.444444,
                                 "recall": 0.4, "f1": 0.421053}
assert d["overall"]["correct"] == 6 and d["overall"]["accuracy"] == 0.4
c = d["confusion"]
assert c["labels"] == ["Sales", "Marketing", "CEO", "none", "other"], c["labels"]
assert c["assigned"] == ["Sales", "Marketing", "CEO", "none", "filtered"], c["assigned"]
# only the cells that hold leads (rows and columns index the lists), most first
assert [(x["label"], x["assigned"], x["count"]) for x in c["cells"]] == [
    (0, 3, 3), (0, 0, 2), (3, 0, 2), (3, 3, 2), (0, 2, 1), (0, 4, 1), (1, 0, 1), (1, 1, 1),
    (2, 2, 1), (3, 1, 1)], c["cells"]
assert d["labels"]["not_personas"] == []
PY

# --html: written, and an existing file is replaced only on success
echo old >"$T/r.html"
expect_rc 0 "$LEADSIEVE" score -q --request "$S/request.json" --labels "$S/labels.tsv" --html "$T/r.html" "$S/leads.jsonl"
expect_grep "$T/r.html" "<!DOCTYPE html>"
expect_grep "$T/r.html" "</html>"
expect_nogrep "$T/r.html" "<script"
[ "$(ls -A "$T" | grep -c '^\.r\.html\.')" = 0 ] || fail "temporary HTML file left behind"
mkdir "$T/ro" && chmod a-w "$T/ro"
if [ ! -w "$T/ro" ]; then  # root writes anyway
    expect_rc 1 "$LEADSIEVE" score -q --request "$S/request.json" --labels "$S/labels.tsv" --html "$T/ro/r.html" "$S/leads.jsonl"
    expect_grep "$T/err" "HTML report"
fi
# More than 30 personas: the confusion is the list of its cells that hold
# leads, most first, in the text, the JSON and the page alike (a matrix grows
# with the square of the personas).
/usr/bin/python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
with open(t + "/many.json", "w") as f:
    json.dump({"without_company": True, "personas": [["P%d" % i, ["k%dq" % i], [], []] for i in range(31)]}, f)
with open(t + "/many.jsonl", "w") as f:
    for i in range(31):
        f.write(json.dumps({"sales_id": "s%d" % i, "job_title": "k%dq" % i, "l": "P%d" % i}) + "\n")
    f.write('{"job_title": "k0q", "l": "-"}\n{"job_title": "k0q", "l": "-"}\n')
PY
expect_rc 0 "$LEADSIEVE" score --request "$T/many.json" --label-field l --html "$T/many.html" "$T/many.jsonl"
expect_grep "$T/out" "confusion (31 personas: the pairs of label and assigned that hold leads, most first)"
expect_grep "$T/out" "     leads  label -> assigned
         2  none (-) -> P0
         1  P0 -> P0
         1  P1 -> P1"
expect_grep "$T/out" "         1  P30 -> P30"
n=$(grep -cE '^ +[0-9]+  .+ -> ' "$T/out"); [ "$n" = 32 ] || fail "31 personas: $n cells listed, want 32"
expect_grep "$T/many.html" "The 32 pairs of label and assigned persona that hold leads, most first (31 personas"
expect_nogrep "$T/many.html" "label \\ assigned"
expect_rc 0 "$LEADSIEVE" score --format json --request "$T/many.json" --label-field l "$T/many.jsonl"
/usr/bin/python3 - "$T/out" <<'PY' || fail "31 personas: JSON cells"
import json, sys
c = json.load(open(sys.argv[1]))["confusion"]
assert len(c["cells"]) == 32 and c["cells"][0] == {"label": 31, "assigned": 0, "count": 2}, c["cells"][:2]
assert c["labels"][31:] == ["none", "other"] and c["assigned"][31:] == ["none", "filtered"]
PY

# The labeled example set: both persona sets are valid, and the labels file
# and the leads' expected_persona field say the same thing.
L="$LS_SOURCE_DIR/data/examples/labeled"
I="$LS_SOURCE_DIR/data/examples/labeled-inputs"
expect_rc 0 "$LEADSIEVE" lint "$I/request.json"
expect_rc 0 "$LEADSIEVE" lint "$I/request-improved.json"
"$LEADSIEVE" score -q --format json --request "$I/request-improved.json" --labels "$I/labels.tsv" "$L/leads.jsonl" >"$T/a.json" || fail "score labels.tsv"
"$LEADSIEVE" score -q --format json --request "$I/request-improved.json" --label-field expected_persona "$L/leads.jsonl" >"$T/b.json" || fail "score --label-field"
/usr/bin/python3 - "$T/a.json" "$T/b.json" <<'PY' || fail "labels.tsv and expected_persona disagree"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
assert a["leads"]["scored"] == 4992 and a["leads"]["unlabeled"] == 8, a["leads"]
for k in ("leads", "personas", "overall", "confusion"):
    assert a[k] == b[k], k
PY
# labels-doc.tsv labels the same leads for the documentation's request: only
# its personas and -, so score takes it.
expect_rc 0 "$LEADSIEVE" score --request "$LS_SOURCE_DIR/data/examples/request.json" --labels "$I/labels-doc.tsv" "$L/leads.jsonl"
expect_grep "$T/out" "Marketing Leaders       14        8        6        2        8     0.750   0.429  0.545"
expect_grep "$T/out" "correct: 4960 of 4992 scored leads (accuracy 0.994)"
expect_file "$T/err" ""
# The directory holds the leads alone: all 5000 read, no file or record
# skipped, not a word on standard error.
expect_rc 0 "$LEADSIEVE" score --request "$I/request-improved.json" --labels "$I/labels.tsv" "$L"
expect_grep "$T/out" "leads: 5000 read, 0 duplicate(s) dropped, 4992 scored, 8 unlabeled (not scored)"
expect_nogrep "$T/out" "skipped"
expect_file "$T/err" ""
expect_rc 0 "$LEADSIEVE" score -q --format json --request "$I/request-improved.json" --labels "$I/labels.tsv" "$L"
/usr/bin/python3 - "$T/out" <<'PY' || fail "score of data/examples/labeled/"
import json, sys
d = json.load(open(sys.argv[1]))["leads"]
assert (d["files_read"], d["read"], d["files_failed"], d["malformed"], d["not_objects"],
        d["not_leads"]) == (1, 5000, 0, 0, 0, 0), d
PY
finish
