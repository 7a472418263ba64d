import datetime
import json
import pickle

import pytest

import leadsieve
from conftest import REQUEST, cli

BAD = {"company_name": "Slack", "without_company": True, "limit_by": 5000,
       "personas": [["Founders", ["of"], ["founder"], [], 1.0]]}


def test_from_file_reads_the_example(example_request):
    r = example_request
    assert r.api == "by_icp" and r.mode == "realtime" and r.match == "documented"
    assert r.persona_names == ("Marketing Leaders", "Sales Executives", "Product Managers")
    assert r.limit == 50 and r.offset == 0
    assert r.warnings == []
    p = r.personas[1]
    assert p.name == "Sales Executives"
    assert p.functions[:2] == ("sales", "business development")
    assert p.seniorities == ("VP", "Director", "Head", "Manager")
    assert p.prohibits == ("representative", "coordinator", "intern", "junior")
    assert (p.priority, p.rank) == (0, 0)


def test_from_json_takes_text_bytes_and_dicts():
    text = open(REQUEST, encoding="utf-8").read()
    for src in (text, text.encode(), json.loads(text)):
        assert leadsieve.Request.from_json(src).limit == 50
    assert leadsieve.Request.from_json(text).text == text.encode()


def test_invalid_request_carries_every_problem_and_the_clis_envelope(tmp_path):
    with pytest.raises(leadsieve.InvalidRequest) as e:
        leadsieve.Request.from_json(BAD)
    assert e.value.problems == {
        "personas[0][1][0]": 'function "of" is empty after normalization; remove it',
        "personas[0][4]": "priority must be an integer (lower = higher priority); omit it "
                          "for the default 0",
        "limit_by": "limit_by must be an integer from 1 to 2400 (with without_company or "
                    "linkedin_filter_link); omit it for no limit",
        "company_name": "company_name cannot be combined with without_company: true; "
                        "remove one of them"}
    assert [p.path for p in e.value.problem_list] == [
        "personas[0][1][0]", "personas[0][4]", "limit_by", "company_name"]
    assert isinstance(e.value, ValueError)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(BAD))
    p = cli("lint", str(bad), check=False)
    assert p.returncode == 2
    assert p.stdout == e.value.envelope.encode() + b"\n"
    with pytest.raises(leadsieve.InvalidRequest):
        leadsieve.Request.from_file(bad)


def test_text_that_is_no_object_is_an_invalid_request():
    with pytest.raises(leadsieve.InvalidRequest) as e:
        leadsieve.Request.from_json("[1, 2")
    assert e.value.envelope.startswith('{"status": "error", "status_code": 400')


def test_warnings_name_unknown_fields_with_a_did_you_mean():
    r = leadsieve.Request.from_json({"persona": [], "without_company": True})
    assert len(r.warnings) == 1
    assert r.warnings[0].path == "persona"
    assert 'did you mean "personas"' in r.warnings[0].hint


def test_api_and_mode_as_the_clis_options():
    v1 = {"job_titles": ["CEO"], "personas": [["P", ["sales"], [], []]]}
    assert leadsieve.Request.from_json(v1).api == "v1"
    assert leadsieve.Request.from_json({"limit_by": 5}, api="v1").api == "v1"
    with pytest.raises(leadsieve.InvalidRequest) as e:
        leadsieve.Request.from_json(v1, mode="database")
    assert list(e.value.problems) == ["personas"]
    assert "realtime only" in e.value.problems["personas"]
    with pytest.raises(ValueError, match="did you mean 'database'"):
        leadsieve.Request.from_json(v1, mode="databse")
    # by_icp has one search: mode="database" on a by_icp reading is a warning
    with pytest.warns(leadsieve.LeadsieveWarning) as w:
        r = leadsieve.Request.from_file(REQUEST, mode="database")
    assert r.api == "by_icp"
    assert [str(x.message) for x in w] == [
        "leadsieve: mode='database' is for v1 requests and this one is read as by_icp (it has "
        "no field only v1 has: api='v1' reads it as v1); mode ignored"]
    assert w[0].filename == __file__
    with pytest.warns(leadsieve.LeadsieveWarning, match=r"\(api='by_icp'\)"):
        leadsieve.Request.from_json({"limit_by": 5, "without_company": True}, api="by_icp",
                                    mode="database")
    with pytest.raises(leadsieve.InvalidRequest, match="realtime only"):
        leadsieve.Request.from_file(REQUEST, api="v1", mode="database")
    with pytest.raises(ValueError, match="did you mean 'by_icp'"):
        leadsieve.Request.from_json(v1, api="byicp")


def test_match_mode_and_as_of():
    req = {"without_company": True, "personas": [["Sales", ["sales"], [], []]]}
    assert leadsieve.Request.from_json(req).match_title("Wholesales Lead").persona == "Sales"
    words = leadsieve.Request.from_json(req, match="words")
    assert words.match == "words"
    assert words.match_title("Wholesales Lead").persona is None
    leadsieve.Request.from_json(req, as_of=datetime.date(2025, 1, 31))
    leadsieve.Request.from_json(req, as_of="2025-01-31")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        leadsieve.Request.from_json(req, as_of="2025-02-30")


def test_a_request_pickles_for_worker_processes(example_request):
    again = pickle.loads(pickle.dumps(example_request))
    assert again.persona_names == example_request.persona_names
    assert again.match_title("VP Sales").persona == "Sales Executives"


def test_a_missing_file_is_an_oserror(tmp_path):
    with pytest.raises(FileNotFoundError):
        leadsieve.Request.from_file(tmp_path / "nope.json")


def test_the_library_is_the_one_asked_for():
    import os
    assert os.path.samefile(leadsieve.library_path, os.environ["LEADSIEVE_LIBRARY"])
    assert leadsieve.library_version == cli("--version").stdout.decode().split()[-1]
