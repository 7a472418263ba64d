#!/bin/bash
# suggest: the table, JSON, --apply (stdout, -o, never over an input),
# --holdout, usage errors.  Expected figures: the hand computation in
# tests/test_tuning_suggest.c.
. "$LS_TEST_DATA/engine/cli_lib.bash"
S="$LS_TEST_DATA/suggest"
R="$S/request.json"

expect_rc 0 "$LEADSIEVE" suggest --folds 2 --request "$R" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_grep "$T/out" "leads: 11 read, 1 duplicate(s) dropped, 9 labeled, 1 unlabeled"
expect_grep "$T/out" "chosen on 9 labeled lead(s) (9 distinct titles), 2 folds"
expect_grep "$T/out" "chosen on: F1 0.400 -> 0.909, precision 0.500 -> 1.000, recall 0.333 -> 0.833 (TP 2 -> 5, FP 2 -> 0, FN 4 -> 1)"
expect_grep "$T/out" "cross-validated: F1 0.400 -> 0.545, precision 0.500 -> 0.600, recall 0.333 -> 0.500 (TP 2 -> 3, FP 2 -> 2, FN 4 -> 3)"
expect_grep "$T/out" "edits chosen afresh on each fold's other folds: F1 0.400 -> 0.545"
# 5/7 - 1/2, 5/6 - 2/6, 10/13 - 4/10; pooled held-out 3/2/3 against 2/2/4
expect_grep "$T/out" "  1   +0.214  +0.500  +0.369       3/0   1/2  +0.100  +0.167  +0.145  Finance: add function \"treasury\""
# 1 - 5/7, 0, 10/11 - 10/13; never accepted by one fold alone
expect_grep "$T/out" "  2   +0.286  +0.000  +0.140       2/0   0/2  +0.000  +0.000  +0.000  Sales: add prohibit \"wholesales\""
expect_file "$T/err" ""

# the same from the leads' own field
expect_rc 0 "$LEADSIEVE" suggest --folds 2 --request "$R" --label-field want "$S/leads.jsonl"
expect_grep "$T/out" "  1   +0.214  +0.500  +0.369       3/0   1/2  +0.100  +0.167  +0.145  Finance: add function \"treasury\""

# JSON
expect_rc 0 "$LEADSIEVE" suggest --folds 2 --format json --request "$R" --labels "$S/labels.tsv" "$S/leads.jsonl"
/usr/bin/python3 - "$T/out" <<'PY' || fail "suggest --format json"
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["leads", "settings", "chosen_on", "cross_validated", "edits", "leadsieve"], list(d)
assert d["leads"] == {"read": 11, "duplicates": 1, "labeled": 9, "unlabeled": 1,
                      "chosen_on": 9, "held_out": 0, "titles": 9}, d["leads"]
assert d["settings"]["folds"] == 2 and d["settings"]["holdout"] == 0
assert d["chosen_on"]["before"] == {"tp": 2, "fp": 2, "fn": 4, "precision": 0.5,
                                    "recall": 0.333333, "f1": 0.4}, d["chosen_on"]
assert d["chosen_on"]["after"]["f1"] == 0.909091
assert d["cross_validated"]["after"]["f1"] == 0.545455
assert d["cross_validated"]["refit"]["tp"] == 3
e = d["edits"]
assert [(x["kind"], x["persona"], x["keyword"], x["from"]) for x in e] == [
    ("add_function", "Finance", "treasury", "titles"),
    ("add_prohibit", "Sales", "wholesales", "titles")], e
assert e[0]["chosen_on"]["delta"] == {"precision": 0.214286, "recall": 0.5, "f1": 0.369231}, e[0]
assert (e[0]["chosen_on"]["titles_fixed"], e[0]["chosen_on"]["leads_fixed"]) == (3, 3)
assert e[0]["cross_validated"]["folds_kept"] == 1
assert e[0]["cross_validated"]["delta"] == {"precision": 0.1, "recall": 0.166667, "f1": 0.145455}
assert e[1]["cross_validated"]["folds_kept"] == 0
assert e[1]["cross_validated"]["delta"] == {"precision": 0, "recall": 0, "f1": 0}
assert "held_out" not in e[0]
PY

# --apply: the request on stdout, the table on stderr; the bytes around the
# edited lists as they were
expect_rc 0 "$LEADSIEVE" suggest --folds 2 --apply 1 --request "$R" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_file "$T/out" '{
  "without_company": true,
  "personas": [
    ["Finance", ["finance", "treasury"], ["manager", "director"], ["intern"]],
    ["Sales", ["sales"], ["manager"], []]
  ]
}
'
expect_grep "$T/err" "Finance: add function \"treasury\""
# -o: written atomically, the table on stdout; the result scores as measured
expect_rc 0 "$LEADSIEVE" suggest -q --folds 2 --apply 2 -o "$T/new.json" --request "$R" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_grep "$T/out" "Sales: add prohibit \"wholesales\""
expect_grep "$T/new.json" '["Sales", ["sales"], ["manager"], ["wholesales"]]'
expect_rc 0 "$LEADSIEVE" lint "$T/new.json"
expect_rc 0 "$LEADSIEVE" score -q --request "$T/new.json" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_grep "$T/out" "micro                             5        0        1     1.000   0.833  0.909"
# more than proposed: all of them, said once
expect_rc 0 "$LEADSIEVE" suggest --folds 2 --apply 9 -o "$T/all.json" --request "$R" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_grep "$T/err" "--apply 9: 2 edit(s) proposed, all applied"
cmp -s "$T/new.json" "$T/all.json" || fail "--apply 9 differs from --apply 2"

# a v1 request: the same edits, into its own layout
expect_rc 0 "$LEADSIEVE" convert -o "$T/v1.json" "$R"
expect_rc 0 "$LEADSIEVE" suggest -q --api v1 --folds 2 --apply 2 --request "$T/v1.json" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_grep "$T/out" '"finance", "treasury"'
expect_grep "$T/out" '["wholesales"]'
cp "$T/out" "$T/v1-new.json"
expect_rc 0 "$LEADSIEVE" lint --api v1 "$T/v1-new.json"

# never over an input
cp "$R" "$T/req.json"
expect_rc 2 "$LEADSIEVE" suggest --apply 1 -o "$T/req.json" --request "$T/req.json" --labels "$S/labels.tsv" "$S/leads.jsonl"
cmp -s "$R" "$T/req.json" || fail "the request was replaced"
expect_rc 2 "$LEADSIEVE" suggest --apply 1 -o "$S/labels.tsv" --request "$R" --labels "$S/labels.tsv" "$S/leads.jsonl"

# --holdout: the held-out leads measured, chosen on the rest
expect_rc 0 "$LEADSIEVE" suggest --folds 2 --holdout 0.25 --request "$R" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_grep "$T/out" "chosen on 6 labeled lead(s) (9 distinct titles), 2 folds; 3 held out (share 0.25)"
expect_grep "$T/out" "held out: F1 0.500 -> 0.500, precision 1.000 -> 1.000, recall 0.333 -> 0.333 (TP 1 -> 1, FP 0 -> 0, FN 2 -> 2)"

# usage
expect_rc 2 "$LEADSIEVE" suggest --request "$R" "$S/leads.jsonl"
expect_grep "$T/err" "give exactly one of --labels FILE and --label-field NAME"
expect_rc 2 "$LEADSIEVE" suggest --folds 1 --request "$R" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_grep "$T/err" "--folds needs a whole number from 2 to 50, not '1'"
expect_rc 2 "$LEADSIEVE" suggest --holdout 1 --request "$R" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_grep "$T/err" "--holdout needs a share from 0 to below 1"
expect_rc 2 "$LEADSIEVE" suggest -o "$T/x.json" --request "$R" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_grep "$T/err" "give --apply N"
expect_rc 2 "$LEADSIEVE" suggest --flods 2 --request "$R" --labels "$S/labels.tsv" "$S/leads.jsonl"
expect_grep "$T/err" "did you mean"
expect_rc 2 "$LEADSIEVE" suggest --request "$R" --label-field wnat "$S/leads.jsonl"
expect_grep "$T/err" "suggest: --label-field wnat: none of the 10 lead(s) read has this field; did you mean \"want\"?"
printf 't01\tFinanse\n' >"$T/bad.tsv"
expect_rc 2 "$LEADSIEVE" suggest --request "$R" --labels "$T/bad.tsv" "$S/leads.jsonl"
expect_grep "$T/err" "did you mean \"Finance\"?"

finish
