"""filter() against `leadsieve filter`: the same bytes for the same inputs."""
import gzip
import json
import os
import subprocess
import sys
import warnings

import pytest

import leadsieve
from conftest import EXAMPLES, LEADS, REQUEST, SRC, cli

LABELED = os.path.join(EXAMPLES, "labeled")
IMPROVED = os.path.join(EXAMPLES, "labeled-inputs", "request-improved.json")
CSV_DIR = os.path.join(SRC, "tests", "data", "csv")
INPUTS = os.path.join(SRC, "tests", "data", "inputs")
LEAD_FILES = sorted(os.path.join(LEADS, f) for f in os.listdir(LEADS))


def cli_filter(request, *inputs, args=()):
    return cli("filter", "-q", "--request", request, *args, *inputs).stdout


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_the_example_directory_byte_for_byte(example_request, fmt, threads):
    want = cli_filter(REQUEST, LEADS, args=["--format", fmt, "-j", str(threads)])
    got = leadsieve.filter(example_request, LEADS, format=fmt, threads=threads)
    assert got.bytes == want
    assert len(want) > 5000


def test_each_example_file_and_the_labeled_set(example_request):
    for f in LEAD_FILES:
        assert leadsieve.filter(example_request, f).bytes == cli_filter(REQUEST, f)
    improved = leadsieve.Request.from_file(IMPROVED)
    res = leadsieve.filter(improved, LABELED, format="jsonl", threads=2)
    assert res.bytes == cli_filter(IMPROVED, LABELED, args=["--format", "jsonl"])
    assert res.counts.leads_read == 5000 and res.counts.returned == 150


def test_counts_are_the_summarys(example_request):
    c = leadsieve.filter(example_request, LEADS).counts
    assert (c.files_read, c.leads_read, c.duplicates) == (4, 317, 7)
    assert c.dropped_by_filter == {"exclude_names": 6, "filter_empty_vars": 9,
                                   "locations": 22, "company_link": 19}
    assert (c.no_persona, c.matched, c.returned, c.limit_reached) == (170, 84, 50, True)
    assert c.matched_by_persona == {"Marketing Leaders": 51, "Sales Executives": 29,
                                    "Product Managers": 4}


def test_the_report_is_the_clis(example_request, tmp_path):
    rep = tmp_path / "report.json"
    cli("filter", "-q", "--request", REQUEST, "--report", str(rep), LEADS)
    res = leadsieve.filter(example_request, LEADS)
    assert (res.report_json() + "\n").encode() == rep.read_bytes()
    assert res.report == json.loads(rep.read_bytes())


def test_text_and_compressed_bytes_read_as_the_files_are(example_request):
    want = cli_filter(REQUEST, *LEAD_FILES)
    texts = [leadsieve.Text(open(f, "rb").read(), name=os.path.basename(f)) for f in LEAD_FILES]
    assert leadsieve.filter(example_request, texts).bytes == want
    zipped = [gzip.compress(open(f, "rb").read()) for f in LEAD_FILES]
    assert leadsieve.filter(example_request, zipped).bytes == want
    as_str = leadsieve.Text(open(LEAD_FILES[3], encoding="utf-8").read())
    assert leadsieve.filter(example_request, as_str).bytes == cli_filter(REQUEST, LEAD_FILES[3])


def test_dicts_go_through_json(example_request, monkeypatch):
    leads = [json.loads(line) for line in open(LEAD_FILES[3], encoding="utf-8")]
    want = json.loads(cli_filter(REQUEST, LEAD_FILES[3]))
    res = leadsieve.filter(example_request, iter(leads))
    assert res.json() == want
    assert res.leads == want["leads"]
    # a generator of many leads goes in batches: the same result
    monkeypatch.setattr(leadsieve.inputs, "BATCH_BYTES", 4000)
    batched = leadsieve.filter(example_request, (d for d in leads))
    assert batched.json() == want
    assert batched.counts.files_read > 5
    # dicts, files and text mixed, in order
    mixed = leadsieve.filter(example_request, [LEAD_FILES[0], leads[0], leads[1],
                                               open(LEAD_FILES[1], "rb").read()])
    assert mixed.counts.files_read == 3


def test_csv_input_and_output(tmp_path):
    req = os.path.join(CSV_DIR, "request.json")
    r = leadsieve.Request.from_file(req)
    apollo = os.path.join(CSV_DIR, "apollo.csv")
    fields = ["First Name", "Title", "# Employees", "linkedin_lead_persona"]
    want = cli_filter(req, apollo, args=["--format", "csv", "--fields", ",".join(fields)])
    assert leadsieve.filter(r, apollo, format="csv", fields=fields).bytes == want
    assert want.startswith(b"First Name,Title,# Employees,linkedin_lead_persona\r\n")
    text = leadsieve.Text(open(apollo, "rb").read(), name="export.csv")
    assert leadsieve.filter(r, text, format="csv", fields=fields).bytes == want
    assert leadsieve.filter(r, open(apollo, "rb").read(), format="csv", fields=fields,
                            input_format="csv").bytes == want
    raw = leadsieve.filter(r, apollo, format="csv", csv_raw=True).bytes
    assert raw == cli_filter(req, apollo, args=["--format", "csv", "--csv-raw"])


def test_v1_request_over_v1_leads(tmp_path):
    v1_dir = tmp_path / "v1"
    subprocess.run([sys.executable, os.path.join(SRC, "bench", "to_v1.py"), LEADS, str(v1_dir)],
                   check=True)
    v1_req = tmp_path / "v1-request.json"
    v1_req.write_bytes(cli("convert", REQUEST).stdout)
    r = leadsieve.Request.from_file(v1_req, api="v1")
    assert r.api == "v1"
    want = cli_filter(str(v1_req), str(v1_dir), args=["--api", "v1"])
    assert want.startswith(b'{"data": {"leads": [')
    assert leadsieve.filter(r, v1_dir).bytes == want


def test_render_write_and_text(example_request, tmp_path):
    res = leadsieve.filter(example_request, LEADS, format="jsonl")
    out = tmp_path / "out.csv"
    res.write(out, format="csv", fields=["full_name", "@level"])
    assert out.read_bytes() == cli_filter(REQUEST, LEADS, args=[
        "--format", "csv", "--fields", "full_name,@level"])
    # fields as one string, as filter() takes them: names, not letters
    want = cli_filter(REQUEST, LEADS, args=["--format", "csv", "--fields", "full_name,job_title"])
    assert want.startswith(b"full_name,job_title\r\nSarah Chen,Senior Marketing Director\r\n")
    assert res.render("csv", "full_name,job_title") == want
    res.write(out, "csv", "full_name,job_title")
    assert out.read_bytes() == want
    with open(tmp_path / "out.jsonl", "wb") as f:
        res.write(f)
    assert (tmp_path / "out.jsonl").read_bytes() == res.bytes
    assert res.text.encode() == res.bytes == bytes(res)
    with pytest.raises(OSError):
        res.write(tmp_path / "no" / "such" / "dir.json")
    res.close()
    with pytest.raises(ValueError, match="closed"):
        res.render()


def test_bytes_that_are_not_utf8_come_back_unchanged(tmp_path):
    req = {"without_company": True, "personas": [["Sales", ["sales"], [], []]]}
    r = leadsieve.Request.from_json(req)
    data = b'{"sales_id": "1", "job_title": "Sales \xff Lead", "note": "\xfe"}\n'
    res = leadsieve.filter(r, data, format="jsonl")
    assert res.bytes == b'{"sales_id":"1","job_title":"Sales \xff Lead","note":"\xfe",' \
                        b'"linkedin_lead_persona":"Sales"}\n'
    (tmp_path / "r.json").write_text(json.dumps(req))
    (tmp_path / "l.jsonl").write_bytes(data)
    assert res.bytes == cli_filter(str(tmp_path / "r.json"), str(tmp_path / "l.jsonl"),
                                   args=["--format", "jsonl"])
    assert res.text.encode("utf-8", "surrogateescape") == res.bytes
    assert res.counts.invalid_utf8_leads == 1


def test_skipped_records_and_unreadable_inputs(example_request, tmp_path):
    bad = os.path.join(INPUTS, "malformed_line.jsonl")
    with pytest.warns(leadsieve.LeadsieveWarning, match="cannot read"):
        res = leadsieve.filter(example_request, [bad, str(tmp_path / "missing.json")])
    assert res.counts.files_failed == 1 and res.counts.malformed == 1
    kinds = [d.kind for d in res.diagnostics]
    assert kinds == ["malformed", "io"]
    d = res.diagnostics[0]
    assert d.file == bad and d.line == 2 and "malformed_line.jsonl:2" in str(d)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(leadsieve.SkippedInput, match="1 malformed record"):
            leadsieve.filter(example_request, [bad], strict=True)
    assert leadsieve.filter(example_request, LEADS, strict=True).counts.returned == 50


def test_fields_checked_as_the_cli_checks_them(example_request):
    with pytest.raises(ValueError, match="did you mean 'full_name'"):
        leadsieve.filter(example_request, LEADS, format="csv", fields=["fullname"])
    with pytest.raises(ValueError, match="did you mean '@level'"):
        leadsieve.filter(example_request, LEADS, format="csv", fields=["@Level"])
    with pytest.raises(ValueError, match="csv.? only"):
        leadsieve.filter(example_request, LEADS, fields=["full_name"])
    with pytest.warns(leadsieve.LeadsieveWarning, match="no lead had field 'crm_owner'"):
        leadsieve.filter(example_request, LEADS, format="csv", fields="full_name,crm_owner")
    with pytest.raises(leadsieve.SkippedInput, match="crm_owner"):
        leadsieve.filter(example_request, LEADS, format="csv", fields=["crm_owner"],
                         strict=True)


def test_progress_and_cancel(example_request):
    seen = []
    leadsieve.filter(example_request, LEADS, progress=lambda *p: seen.append(p))
    assert seen[-1] == (4, 4, 317)
    with pytest.raises(leadsieve.Cancelled):
        leadsieve.filter(example_request, LEADS, progress=lambda *p: True)

    def boom(*p):
        raise KeyError("from the callback")
    with pytest.raises(KeyError, match="from the callback"):
        leadsieve.filter(example_request, LEADS, progress=boom)


def test_bad_arguments(example_request):
    with pytest.raises(TypeError, match="filter_frame"):
        import pandas
        leadsieve.filter(example_request, pandas.DataFrame({"a": [1]}))
    with pytest.raises(TypeError, match="not int"):
        leadsieve.filter(example_request, [1])
    with pytest.raises(TypeError):
        leadsieve.filter(REQUEST, LEADS)
    with pytest.raises(ValueError, match="did you mean 'jsonl'"):
        leadsieve.filter(example_request, LEADS, format="jsonll")
    with pytest.raises(ValueError, match="threads"):
        leadsieve.filter(example_request, LEADS, threads=0)


def test_runs_in_threads_share_a_request(example_request):
    """The GIL is released while the library works (CDLL): runs of several
    threads on one Request give each the CLI's bytes."""
    import concurrent.futures
    want = cli_filter(REQUEST, LEADS)
    with concurrent.futures.ThreadPoolExecutor(4) as ex:
        got = list(ex.map(lambda _: leadsieve.filter(example_request, LEADS, threads=1).bytes,
                          range(8)))
    assert got == [want] * 8
