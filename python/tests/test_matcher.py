import json
import os
import threading

import pytest

import leadsieve
from conftest import EXAMPLES, REQUEST, SRC, cli


def test_title_verdicts(example_request):
    m = example_request.matcher()
    v = m.match_title("SVP, Wholesales & Marketing")
    assert v == ("matched", "Marketing Leaders", None, 0, False, False)
    assert v.matched and v.persona_index == 0
    v = m.match_title("Sales Intern")
    assert v.outcome == "no_persona" and v.persona is None and not v.matched
    assert m.match_title(b"VP Sales").persona == "Sales Executives"


def test_titles_as_the_cli_explains_them(example_request):
    with open(os.path.join(EXAMPLES, "titles.tsv"), encoding="utf-8") as f:
        titles = [line.split("\t")[3] for line in f.read().splitlines()[1:]]
    with open(os.path.join(SRC, "bench", "titles.tsv"), encoding="utf-8") as f:
        titles += [line.split("\t")[0] for line in f.read().splitlines()[1:2001]]
    args = ["explain", "--request", REQUEST, "--format", "jsonl"]
    for t in titles:
        args += ["--title", t]
    want = [json.loads(line)["assigned"] for line in cli(*args).stdout.splitlines()]
    got = [v.persona for v in example_request.matcher().match_titles(titles)]
    assert got == want
    assert sum(p is not None for p in got) == 44


def test_lead_verdicts_dict_and_text(example_request):
    lead = json.load(open(os.path.join(EXAMPLES, "doc-example-lead.json"), encoding="utf-8"))
    m = example_request.matcher()
    assert m.match_lead(lead).outcome == "matched"
    assert m.match_lead(json.dumps(lead)) == m.match_lead(lead)
    moved = dict(lead, location="Paris, Ile-de-France, France")
    v = m.match_lead(moved)
    assert (v.outcome, v.filter, v.persona) == ("dropped", "locations", None)


def test_a_malformed_lead_raises_with_its_offset(example_request):
    with pytest.raises(leadsieve.MalformedLead) as e:
        example_request.matcher().match_lead('{"job_title": "VP" "x"}')
    assert e.value.offset == 19
    with pytest.raises(leadsieve.MalformedLead):
        example_request.match_lead("[1]")
    with pytest.raises(ValueError):
        example_request.match_lead({"job_title": float("nan")})


def test_v1_flags():
    r = leadsieve.Request.from_json({"job_titles": ["Sales"], "num_of_connections": {"min": 500}})
    v = r.match_lead({"lead_id": "1", "job_title": "Head of Sales"})
    assert v.outcome == "matched" and v.not_evaluated and v.persona is None
    assert r.match_lead({"job_title": "Sales \udcff"}).invalid_utf8


def test_one_matcher_is_refused_to_a_second_thread_at_once(example_request):
    """Another thread can only meet the matcher busy if the first released the
    GIL while the library worked."""
    m = example_request.matcher()
    errors = []
    stop = threading.Event()

    def work():
        try:
            while not stop.is_set():
                m.match_lead('{"job_title": "' + "VP Sales " * 20000 + '"}')
        except RuntimeError as e:
            errors.append(e)
            stop.set()

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    stop.wait(20)
    stop.set()
    for t in threads:
        t.join()
    assert errors and "one thread at a time" in str(errors[0])


def test_request_match_uses_one_matcher_per_thread(example_request):
    import concurrent.futures
    titles = ["VP Sales", "Head of Product", "Marketing Intern", "CMO"] * 500
    with concurrent.futures.ThreadPoolExecutor(4) as ex:
        got = list(ex.map(lambda t: example_request.match_title(t).persona, titles))
    assert got[:4] == ["Sales Executives", "Product Managers", None, None]
    assert got == got[:4] * 500


def test_a_matcher_needs_a_request():
    with pytest.raises(TypeError):
        leadsieve.Matcher(REQUEST)
    with pytest.raises(TypeError):
        leadsieve.Request()


def test_titles_remembered_within_bounds(example_request):
    m = example_request.matcher()
    m.TITLES_KEPT = 3
    titles = ["VP Sales", "Head of Product", "CMO", "Sales Intern", "VP Sales", b"VP Sales"]
    got = [m.match_title(t).persona for t in titles]
    assert got == ["Sales Executives", "Product Managers", None, None, "Sales Executives",
                   "Sales Executives"]
    assert 1 <= len(m._titles) <= 3
    assert m.match_title("VP Sales") is m.match_title("VP Sales")
