#!/bin/bash
# score: the text table, JSON keys and every miss, --label-field, --html
# (atomic; the request, the date, the searchable misses), --misses TSV and
# JSONL, labels as records, warnings.
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
assert list(d) == ["leads", "labels", "personas", "overall", "confusion", "misses",
                   "leadsieve"], list(d)
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
# every miss, not a top five: 6 false negatives and 5 false positives, in
# input order (a lead's FN before its FP), each with its lead
m = d["misses"]
assert [(x["side"], x["persona"], x["key"]) for x in m] == [
    ("fn", "Sales", "s3"), ("fn", "Sales", "s4"), ("fn", "Sales", "s5"), ("fn", "Sales", "s6"),
    ("fp", "CEO", "s6"), ("fp", "Sales", "s7"), ("fn", "Marketing", "s9"), ("fp", "Sales", "s9"),
    ("fn", "Sales", "x9"), ("fp", "Marketing", "s16"), ("fp", "Sales", "s17")], m
assert list(m[0]) == ["side", "persona", "key", "key_field", "name", "title", "title_field",
                      "title_norm", "label", "assigned", "filter", "kind", "reason", "detail",
                      "function", "seniority", "prohibit", "prohibit_token", "file", "line",
                      "index"], list(m[0])
assert (m[0]["title"], m[0]["title_norm"], m[0]["kind"], m[0]["prohibit"], m[0]["function"],
        m[0]["seniority"], m[0]["line"], m[0]["index"]) == (
    "Sales Intern Manager", "sales intern manager", "prohibited", "intern", "sales", "manager",
    3, None), m[0]
assert (m[1]["kind"], m[1]["function"], m[1]["seniority"]) == ("no_seniority", "sales", None)
assert (m[3]["kind"], m[3]["detail"], m[3]["assigned"]) == ("taken", "CEO", "CEO")
assert (m[5]["label"], m[5]["kind"], m[5]["detail"]) == ("-", "function_inside", "sales")
assert (m[8]["filter"], m[8]["kind"], m[8]["function"], m[8]["assigned"]) == (
    "exclude_ids", "filter", None, None)
PY

# --misses: the same rows as TSV (a header, cells escaped) and as JSONL
expect_rc 0 "$LEADSIEVE" score -q --request "$S/request.json" --labels "$S/labels.tsv" --misses "$T/m.tsv" "$S/leads.jsonl"
TAB=$'\t'
[ "$(wc -l <"$T/m.tsv")" = 12 ] || fail "--misses TSV: $(cat "$T/m.tsv")"
expect_grep "$T/m.tsv" "side${TAB}persona${TAB}key${TAB}key_field${TAB}name${TAB}title${TAB}title_field${TAB}title_norm${TAB}label${TAB}assigned${TAB}filter${TAB}reason${TAB}detail${TAB}function${TAB}seniority${TAB}prohibit${TAB}prohibit_token${TAB}file${TAB}line${TAB}index"
expect_grep "$T/m.tsv" "fn${TAB}Sales${TAB}s3${TAB}sales_id${TAB}${TAB}Sales Intern Manager${TAB}job_title${TAB}sales intern manager${TAB}Sales${TAB}${TAB}${TAB}prohibited${TAB}intern${TAB}sales${TAB}manager${TAB}intern${TAB}intern${TAB}$S/leads.jsonl${TAB}3${TAB}"
expect_grep "$T/m.tsv" "fp${TAB}Sales${TAB}s7${TAB}sales_id${TAB}${TAB}Wholesales Manager${TAB}job_title${TAB}wholesales manager${TAB}-${TAB}Sales${TAB}${TAB}function_inside${TAB}sales${TAB}sales${TAB}manager${TAB}${TAB}${TAB}$S/leads.jsonl${TAB}7${TAB}"
expect_grep "$T/m.tsv" "fn${TAB}Sales${TAB}x9${TAB}sales_id${TAB}${TAB}Sales Manager${TAB}job_title${TAB}sales manager${TAB}Sales${TAB}${TAB}exclude_ids${TAB}filter${TAB}exclude_ids${TAB}"
expect_rc 0 "$LEADSIEVE" score -q --request "$S/request.json" --labels "$S/labels.tsv" --misses "$T/m.jsonl" "$S/leads.jsonl"
[ "$(wc -l <"$T/m.jsonl")" = 11 ] || fail "--misses JSONL: $(cat "$T/m.jsonl")"
head -n 1 "$T/m.jsonl" >"$T/m1"
expect_grep "$T/m1" '{"side": "fn", "persona": "Sales", "key": "s3", "key_field": "sales_id", "name": null, "title": "Sales Intern Manager", "title_field": "job_title", "title_norm": "sales intern manager", "label": "Sales", "assigned": null, "filter": null, "kind": "prohibited", "reason": "prohibited by", "detail": "intern", "function": "sales", "seniority": "manager", "prohibit": "intern", "prohibit_token": "intern", "file": "'"$S"'/leads.jsonl", "line": 3, "index": null}'
# a title with a tab, a newline and a backslash stays one TSV row; the raw
# title (not only its normalized form) of a lead in a one-line response
printf '%s\n' '{"leads": [{"sales_id": "a", "full_name": "Li Wei", "job_title": "数据总监"}, {"sales_id": "b", "job_title": "Sales\tMgr\nX\\Y", "want": "-"}]}' >"$T/resp.json"
printf 'a\tSales\nb\t-\n' >"$T/resp.tsv"
expect_rc 0 "$LEADSIEVE" score -q --request "$S/request.json" --labels "$T/resp.tsv" --misses "$T/r.tsv" "$T/resp.json"
[ "$(wc -l <"$T/r.tsv")" = 3 ] || fail "one-line response: $(cat "$T/r.tsv")"
expect_grep "$T/r.tsv" "fn${TAB}Sales${TAB}a${TAB}sales_id${TAB}Li Wei${TAB}数据总监${TAB}job_title${TAB}shu ju zong jian${TAB}Sales${TAB}${TAB}${TAB}no_function${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}$T/resp.json${TAB}1${TAB}0"
expect_grep "$T/r.tsv" "fp${TAB}Sales${TAB}b${TAB}sales_id${TAB}${TAB}Sales\\tMgr\\nX\\\\Y${TAB}job_title${TAB}sales manager x y${TAB}-${TAB}Sales${TAB}"
expect_grep "$T/r.tsv" "${TAB}$T/resp.json${TAB}1${TAB}1"

# labels as records: a JSONL file of leads labeled by a member, keyed by the
# lead key (sales_id here), and a CSV with a lead_key column; the same
# figures as the TSV
"$LEADSIEVE" score -q --format json --request "$S/request.json" --labels "$S/labels.tsv" "$S/leads.jsonl" >"$T/tsv.json"
grep -v '"want": 7' "$S/leads.jsonl" >"$T/labels.jsonl"
expect_rc 0 "$LEADSIEVE" score -q --format json --request "$S/request.json" --labels "$T/labels.jsonl" --label-field want "$S/leads.jsonl"
cp "$T/out" "$T/rec.json"
{ echo 'lead_key,persona'; grep -v '^#\|^lead_key' "$S/labels.tsv" | tr '\t' ','; } >"$T/labels.csv"
expect_rc 0 "$LEADSIEVE" score -q --format json --request "$S/request.json" --labels "$T/labels.csv" "$S/leads.jsonl"
/usr/bin/python3 - "$T/tsv.json" "$T/rec.json" "$T/out" <<'PY' || fail "labels as records"
import json, sys
a, b, c = (json.load(open(p)) for p in sys.argv[1:])
assert a["overall"] == c["overall"] and a["personas"] == c["personas"], "csv"
assert a["labels"] == c["labels"], (a["labels"], c["labels"])
# the JSONL labels are the leads' own want field (the keyless lead's left
# out): the figures of --label-field want
assert b["overall"]["micro"] == {"tp": 4, "fp": 5, "fn": 6, "precision": 0.444444,
                                 "recall": 0.4, "f1": 0.421053}, b["overall"]
PY

# --html: written, and an existing file is replaced only on success
echo old >"$T/r.html"
expect_rc 0 "$LEADSIEVE" score -q --request "$S/request.json" --labels "$S/labels.tsv" --html "$T/r.html" "$S/leads.jsonl"
expect_grep "$T/r.html" "<!DOCTYPE html>"
expect_grep "$T/r.html" "</html>"
expect_grep "$T/r.html" "Every miss</h2>"
expect_grep "$T/r.html" '<input type="search" id="q" hidden'
expect_grep "$T/r.html" "<td><code>s7</code></td><td></td><td>Wholesales Manager</td><td class=\"muted\">wholesales manager</td><td>-</td><td>Sales</td><td>function <code>sales</code>; seniority <code>manager</code></td>"
expect_grep "$T/r.html" "<h2 id=\"request\">The request</h2>"
expect_grep "$T/r.html" "&quot;exclude_ids&quot;: [&quot;x9&quot;]"
[ "$(grep -c '<script' "$T/r.html")" = 1 ] || fail "--html: one script, the page's own"
# the date is the run's, or SOURCE_DATE_EPOCH's
SOURCE_DATE_EPOCH=1800000000 "$LEADSIEVE" score -q --request "$S/request.json" --labels "$S/labels.tsv" --html "$T/r.html" "$S/leads.jsonl" >/dev/null || fail "SOURCE_DATE_EPOCH"
expect_grep "$T/r.html" "Made 2027-01-15 08:00 UTC by leadsieve"
expect_grep "$T/r.html" "Labels: <code>$S/labels.tsv</code>. Leads: <code>$S/leads.jsonl</code>."
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
