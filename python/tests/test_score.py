import json
import os

import pytest

import leadsieve
from conftest import EXAMPLES, SRC, cli

LABELED = os.path.join(EXAMPLES, "labeled")
INPUTS = os.path.join(EXAMPLES, "labeled-inputs")
IMPROVED = os.path.join(INPUTS, "request-improved.json")
LABELS = os.path.join(INPUTS, "labels.tsv")
SCORE = os.path.join(SRC, "tests", "data", "score")


def test_the_labeled_set_as_the_cli():
    want = cli("score", "--request", IMPROVED, "--labels", LABELS, "--format", "json",
               LABELED).stdout
    res = leadsieve.score(leadsieve.Request.from_file(IMPROVED), LABELED, labels=LABELS)
    assert (res.report_json() + "\n").encode() == want
    assert res.report == json.loads(want)
    # the README's figures, unrounded here
    assert (res.scored, res.unlabeled, res.correct) == (4992, 8, 4944)
    assert res.micro[:3] == (122, 23, 26)
    assert round(res.micro.precision, 3) == 0.841 and round(res.micro.recall, 3) == 0.824
    assert res.micro.precision == 122 / 145
    it = res.personas[0]
    assert it.name == "IT Managers" and (it.labeled, it.assigned) == (22, 23)
    assert it.metrics == (20, 3, 2, 20 / 23, 20 / 22, 40 / 45)
    assert [round(m, 3) for m in res.macro] == [0.847, 0.866, 0.843]
    assert res.accuracy == 4944 / 4992


def test_labels_as_a_dict_and_a_label_field():
    req = leadsieve.Request.from_file(os.path.join(SCORE, "request.json"))
    leads = os.path.join(SCORE, "leads.jsonl")
    by_file = leadsieve.score(req, leads, labels=os.path.join(SCORE, "labels.tsv"))
    rows = [line.split("\t") for line in open(os.path.join(SCORE, "labels.tsv"),
                                               encoding="utf-8").read().splitlines()
            if line and not line.startswith("#")][1:]
    as_dict = {}
    for k, p in rows:  # the file keeps a key's first label
        as_dict.setdefault(k, None if p == "-" else p)
    from_dict = leadsieve.score(req, leads, labels=as_dict)
    assert by_file.report["labels"]["duplicate_keys"] == 1
    assert from_dict.report["labels"]["duplicate_keys"] == 0
    for part in ("overall", "personas", "confusion", "leads"):
        assert from_dict.report[part] == by_file.report[part]
    assert from_dict.micro == by_file.micro == (4, 5, 6, 4 / 9, 4 / 10, 8 / 19)
    by_field = leadsieve.score(req, leads, label_field="want")
    want = cli("score", "--request", os.path.join(SCORE, "request.json"), "--label-field",
               "want", "--format", "json", leads).stdout
    assert by_field.report == json.loads(want)


def test_labels_naming_no_persona_are_refused(tmp_path):
    req = leadsieve.Request.from_file(os.path.join(EXAMPLES, "request.json"))
    with pytest.raises(leadsieve.InvalidLabels) as e:
        leadsieve.score(req, LABELED, labels={"x1": "Marketing Leaderz", "x2": None})
    assert e.value.problems == [(
        "<labels>:1", 'label "Marketing Leaderz" names no persona of the request; '
        'did you mean "Marketing Leaders"?')]
    with pytest.raises(leadsieve.InvalidLabels, match='did you mean "want"'):
        leadsieve.score(leadsieve.Request.from_file(os.path.join(SCORE, "request.json")),
                        os.path.join(SCORE, "leads.jsonl"), label_field="Want")
    with pytest.raises(ValueError, match="one of them"):
        leadsieve.score(req, LABELED)
    with pytest.raises(ValueError, match="no personas"):
        leadsieve.score(leadsieve.Request.from_json({"without_company": True}), LABELED,
                        labels={})
