import json
import math
import os

import numpy as np
import pandas as pd
import pytest

import leadsieve
from conftest import LEADS

LEAD_FILES = sorted(os.path.join(LEADS, f) for f in os.listdir(LEADS))


def example_leads():
    """The example leads as dicts, in input order (what filter reads)."""
    out = []
    for f in LEAD_FILES:
        text = open(f, encoding="utf-8").read()
        if f.endswith(".jsonl"):
            out += [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            out += json.loads(text)["leads"]
    return out


def row_dicts(df, drop=()):
    """Rows as dicts without their missing values, as filter_frame reads them."""
    return [{k: v for k, v in row.items() if k not in drop and not (
        v is None or (isinstance(v, float) and math.isnan(v)))}
        for row in df.to_dict("records")]


@pytest.fixture(scope="module")
def leads():
    got = example_leads()
    assert len(got) == 317
    return got


def test_each_row_is_matched_on_its_own(example_request, leads):
    df = pd.DataFrame(leads)
    out = leadsieve.filter_frame(df, example_request)
    assert list(out.columns[-3:]) == ["persona", "outcome", "reason"]
    assert out.index.equals(df.index) and len(out) == 317
    m = example_request.matcher()
    for row, (persona, outcome, reason) in zip(row_dicts(df), out[
            ["persona", "outcome", "reason"]].itertuples(index=False)):
        v = m.match_lead(row)
        assert (persona, outcome) == (v.persona, v.outcome)
        assert reason == (v.filter if v.outcome == "dropped" else
                          "no persona" if v.outcome == "no_persona" else None)
    # no dedup: the 7 duplicates are matched as leads of their own
    assert out.outcome.value_counts().to_dict() == {"no_persona": 173, "matched": 86,
                                                    "dropped": 58}


def test_limit_gives_the_rows_filter_returns(example_request, leads):
    df = pd.DataFrame(leads)
    lim = leadsieve.filter_frame(df, example_request, limit=True)
    want = leadsieve.filter(example_request, leads).leads
    assert len(lim) == len(want) == 50
    assert lim.persona.tolist() == [w["linkedin_lead_persona"] for w in want]
    # the same leads, in the same order; a null of the lead's is a missing value
    # of the frame's, and filter sets linkedin_lead_persona
    drop = ("persona", "outcome", "reason", "linkedin_lead_persona")
    assert row_dicts(lim, drop=drop) == [
        {k: v for k, v in w.items() if k not in drop and v is not None} for w in want]
    assert set(lim.outcome) == {"matched"}


def test_dedup_and_rank(example_request, leads):
    df = pd.DataFrame(leads)
    counts = leadsieve.filter(example_request, leads).counts
    d = leadsieve.filter_frame(df, example_request, dedup=True)
    assert (d.outcome == "duplicate").sum() == counts.duplicates == 7
    assert (d.outcome == "matched").sum() == counts.matched == 84
    assert d.index.equals(df.index)
    r = leadsieve.filter_frame(df, example_request, dedup=True, rank=True)
    assert r["rank"].tolist()[:3] == [0, 1, 2]
    assert r.index.tolist()[:50] == leadsieve.filter_frame(df, example_request,
                                                           limit=True).index.tolist()
    assert (r.outcome == "limit").sum() == 84 - 50
    assert r[r.outcome == "limit"].reason.unique().tolist() == ["limit_by"]
    assert r[r.outcome == "limit"].persona.notna().all()
    assert r["rank"].isna().sum() == 317 - 84


def test_offset_by_of_a_v1_request():
    req = leadsieve.Request.from_json({"job_titles": ["Sales"], "offset_by": 1, "limit_by": 1})
    df = pd.DataFrame({"lead_id": ["a", "b", "c"],
                       "job_title": ["Sales Lead", "Head of Sales", "Sales Manager"]})
    r = leadsieve.filter_frame(df, req, rank=True)
    assert r.outcome.tolist() == ["offset", "matched", "limit"]
    lim = leadsieve.filter_frame(df, req, limit=True)
    assert lim.lead_id.tolist() == ["b"]
    assert leadsieve.filter(req, row_dicts(df)).json()["data"]["leads"][0]["lead_id"] == "b"


def test_missing_values_are_absent_fields():
    req = leadsieve.Request.from_json({"without_company": True,
                                       "personas": [["Sales", ["sales"], ["vp"], []]],
                                       "filter_empty_vars": ["company_website"]})
    df = pd.DataFrame({
        "sales_id": ["1", "2", "3", "4", "5"],
        "job_title": [np.nan, None, pd.NA, "VP Sales", "VP Sales"],
        "title": ["VP Sales", "VP Sales", "VP Sales", "Intern", "x"],
        "company_website": ["a.fr", "a.fr", "a.fr", "a.fr", np.nan],
        "seen": pd.to_datetime(["2024-01-01", None, "2024-01-03", None, None]),
    }).astype({"job_title": "string"})
    out = leadsieve.filter_frame(df, req)
    assert out.persona.tolist() == ["Sales"] * 4 + [None]
    assert out.reason.tolist()[4] == "filter_empty_vars"
    from leadsieve.frame import frame_leads
    assert json.loads(frame_leads(df)[1]) == {"sales_id": "2", "title": "VP Sales",
                                              "company_website": "a.fr"}
    assert json.loads(frame_leads(df)[0])["seen"] == "2024-01-01T00:00:00"


def test_nested_values_numbers_and_a_row_that_is_no_lead():
    req = leadsieve.Request.from_json({"without_company": True,
                                       "personas": [["Sales", ["sales"], [], []]]})
    df = pd.DataFrame({"job_title": ["Sales", "Sales", None],
                       "jobs": [[{"title": "x", "n": np.int64(3)}], [], None],
                       "n": [1, 2, 3], "ok": [True, False, True],
                       "personas": [None, None, [["x", ["a"], [], []]]]})
    from leadsieve.frame import frame_leads
    assert json.loads(frame_leads(df)[0]) == {"job_title": "Sales", "jobs": [
        {"title": "x", "n": 3}], "n": 1, "ok": True}
    out = leadsieve.filter_frame(df, req, dedup=True)
    assert out.outcome.tolist() == ["matched", "matched", "skipped"]
    assert out.reason.tolist()[2] == "looks like a request, not leads; skipped"


def test_refusals(example_request):
    example_request = leadsieve.Request.from_json(
        {"without_company": True, "personas": [["Sales Executives", ["sales"], [], []]]})
    df = pd.DataFrame({"persona": ["x"], "job_title": ["VP Sales"]})
    with pytest.raises(ValueError, match="columns="):
        leadsieve.filter_frame(df, example_request)
    out = leadsieve.filter_frame(df, example_request, columns=("ls_persona", "ls_outcome",
                                                                "ls_reason"))
    assert out.ls_persona.tolist() == ["Sales Executives"] and out.persona.tolist() == ["x"]
    with pytest.raises(ValueError, match="cannot be written as JSON"):
        leadsieve.filter_frame(pd.DataFrame({"n": [float("inf")]}), example_request)
    with pytest.raises(ValueError, match="more than once"):
        leadsieve.filter_frame(pd.DataFrame([[1, 2]], columns=["a", "a"]), example_request)
    with pytest.raises(TypeError):
        leadsieve.filter_frame([{"a": 1}], example_request)


def test_normalize_series():
    s = pd.Series(["VP, Sales & Marketing", None, np.nan, "Sr. Director", "VP, Sales & Marketing"],
                  index=[10, 11, 12, 13, 14], name="title")
    got = leadsieve.normalize_series(s)
    assert got.index.equals(s.index) and got.name == "title"
    assert got[10] == got[14] == "vp sales marketing" and got[13] == "senior director"
    assert got[11] is None and math.isnan(got[12])


def test_a_row_that_reads_as_a_response_is_refused_with_dedup():
    req = leadsieve.Request.from_json({"without_company": True})
    df = pd.DataFrame({"leads": [[{"job_title": "a"}, {"job_title": "b"}]], "x": [1]})
    with pytest.raises(ValueError, match="'leads' or 'data' column"):
        leadsieve.filter_frame(df, req, dedup=True)
    assert leadsieve.filter_frame(df, req).outcome.tolist() == ["matched"]
