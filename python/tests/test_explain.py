import os

import pytest

import leadsieve
from conftest import LEADS, REQUEST, cli


def cli_lines(*args):
    return cli("explain", "--request", REQUEST, "--format", "jsonl", *args).stdout.decode()


def test_titles_as_the_cli():
    titles = ["SVP, Wholesales & Marketing", "Sales Intern", "Geschäftsführer Vertrieb"]
    args = [a for t in titles for a in ("--title", t)]
    r = leadsieve.Request.from_file(REQUEST)
    ex = leadsieve.explain(r, titles=titles)
    assert "".join(line + "\n" for line in ex.lines) == cli_lines(*args)
    rec = ex[0]
    assert rec["title_norm"] == "svp wholesales marketing"
    assert rec["assigned"] == "Marketing Leaders"
    sales = rec["personas"][1]
    assert (sales["function"], sales["function_inside_word"], sales["alternative"]) == (
        "sales", True, "svp")
    assert ex[1]["assigned"] is None and len(ex) == 3


def test_leads_with_persona_only_and_limit(example_request):
    ex = leadsieve.explain(example_request, LEADS)
    assert "".join(line + "\n" for line in ex.lines) == cli_lines(LEADS)
    assert ex.stats.leads_read == 317 and ex.stats.shown == 317 and ex.stats.duplicates == 7
    missed = leadsieve.explain(example_request, LEADS, persona="Sales Executives",
                               only="missed", limit=5)
    assert missed.lines == cli_lines("--persona", "Sales Executives", "--only", "missed",
                                     "--limit", "5", LEADS).splitlines()
    assert len(missed) == 5 and all(len(r["personas"]) == 1 for r in missed)
    dropped = [r for r in ex if r["filter"] and not r["duplicate"]]  # as the summary counts
    assert len(dropped) == 56 and dropped[0]["filter"] in (
        "exclude_names", "filter_empty_vars", "locations", "company_link")


def test_titles_then_inputs_and_errors(example_request):
    ex = leadsieve.explain(example_request, os.path.join(LEADS, "04-crm-export.jsonl"),
                           titles="VP Sales")
    assert ex[0]["file"] is None and ex[1]["file"].endswith("04-crm-export.jsonl")
    with pytest.raises(ValueError, match="did you mean 'Sales Executives'"):
        leadsieve.explain(example_request, titles=["x"], persona="Sales Executive")
    with pytest.raises(ValueError, match="did you mean 'missed'"):
        leadsieve.explain(example_request, titles=["x"], only="mised")
    with pytest.raises(ValueError, match="inputs, titles"):
        leadsieve.explain(example_request)
