"""leadsieve.dask.filter_files on a real distributed.LocalCluster (two
worker processes) against `leadsieve filter`: the same bytes and report."""
import json
import os
import random
import subprocess
import sys
import warnings

import pytest
from distributed import Client, LocalCluster

import leadsieve
import leadsieve.dask
from conftest import EXAMPLES, LEADS, REQUEST, SRC, cli

LEAD_FILES = sorted(os.path.join(LEADS, f) for f in os.listdir(LEADS))


@pytest.fixture(scope="module")
def client():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the cluster's own start-up notes
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=None)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def cli_filter(request, inputs, args=()):
    return cli("filter", "-q", "--request", request, *args, *inputs).stdout


def cli_report(request, inputs, tmp_path, args=()):
    rep = tmp_path / "cli-report.json"
    cli("filter", "-q", "--request", request, "--report", str(rep), *args, *inputs,
        check=False)
    return rep.read_bytes()


def test_the_cluster_has_two_worker_processes(client):
    workers = client.scheduler_info()["workers"]
    assert len(workers) == 2
    pids = set(client.run(os.getpid).values())
    assert len(pids) == 2 and os.getpid() not in pids


@pytest.mark.parametrize("ship", [False, True])
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_the_examples_byte_for_byte(client, example_request, fmt, ship, tmp_path):
    want = cli_filter(REQUEST, [LEADS], ["--format", fmt])
    res = leadsieve.dask.filter_files(client, LEADS, example_request, format=fmt, ship=ship,
                                      files_per_task=1)
    assert res.bytes == want
    assert len(want) > 5000
    assert (res.report_json() + "\n").encode() == cli_report(REQUEST, [LEADS], tmp_path)
    c = res.counts
    assert (c.files_read, c.leads_read, c.duplicates, c.matched, c.returned) == (4, 317, 7, 84, 50)


def test_each_example_file_in_another_order(client, example_request):
    files = LEAD_FILES[::-1]
    res = leadsieve.dask.filter_files(client, files, example_request, files_per_task=2)
    assert res.bytes == cli_filter(REQUEST, files)
    assert res.bytes != cli_filter(REQUEST, LEAD_FILES)  # the order is the inputs'


def _generated(tmp_path, nfiles=6, per_file=150, seed=7):
    """Leads drawn from a small pool of keys, so that most keys repeat across
    files, with locations and titles that some requests drop and some keep."""
    rnd = random.Random(seed)
    titles = ["VP Sales", "Head of Marketing", "Sales Manager", "Chef", "Product Manager",
              "Marketing Director", "CEO", "Account Executive"]
    places = ["Berlin, Germany", "Paris, France", "Munich, Germany", "Austin, Texas, United States"]
    paths = []
    for f in range(nfiles):
        lines = []
        for i in range(per_file):
            lead = {"job_title": rnd.choice(titles), "location": rnd.choice(places),
                    "full_name": "P %d-%d" % (f, i)}
            k = rnd.random()
            if k < 0.6:
                lead["sales_id"] = "s%d" % rnd.randrange(200)
            elif k < 0.7:
                lead["sales_id"] = rnd.randrange(50)  # 7 and "7" are two leads
            elif k < 0.85:
                lead["linkedin_url"] = "https://www.linkedin.com/in/u%d" % rnd.randrange(80)
            lines.append(json.dumps(lead))
        p = tmp_path / ("part-%02d.jsonl" % f)
        p.write_text("\n".join(lines) + "\n")
        paths.append(str(p))
    return paths


REQUESTS = [
    # priorities, a location filter that drops first copies, limit_by
    {"without_company": True, "locations": ["Germany"], "limit_by": 25,
     "personas": [["Marketing", ["marketing"], [], [], 1], ["Sales", ["sales"], ["vp"], [], 0],
                  ["Any sales", ["sales"], [], [], 2], ["Product", ["product"], [], [], 1]]},
    # no limit: every matched lead
    {"without_company": True, "personas": [["Sales", ["sales"], [], []],
                                           ["Marketing", ["marketing"], [], []]]},
    # a limit the matches do not reach
    {"without_company": True, "limit_by": 2400, "locations": ["France"],
     "personas": [["Chefs", ["chef"], [], []]]},
]


@pytest.mark.parametrize("which", range(len(REQUESTS)))
def test_generated_cross_file_duplicates(client, tmp_path, which):
    paths = _generated(tmp_path)
    req_path = tmp_path / "request.json"
    req_path.write_text(json.dumps(REQUESTS[which]))
    req = leadsieve.Request.from_file(req_path)
    want = cli_filter(str(req_path), paths)
    want_report = cli_report(str(req_path), paths, tmp_path)
    for per_task in (1, 4, None):
        for ship in (False, True):
            res = leadsieve.dask.filter_files(client, paths, req, files_per_task=per_task,
                                              ship=ship)
            assert res.bytes == want, (per_task, ship)
            assert (res.report_json() + "\n").encode() == want_report
    c = res.counts
    assert c.leads_read == 900
    assert c.duplicates > 300  # most keys come back in later files
    if which == 0:
        # the case of the contract: a first copy dropped by locations keeps
        # its later matching copies out
        assert c.dropped_by_filter["locations"] > 0 and c.limit_reached
        assert c.returned == 25


def test_a_first_copy_filtered_out_drops_a_later_match(client, tmp_path):
    a = tmp_path / "a.jsonl"
    b = tmp_path / "b.jsonl"
    a.write_text('{"sales_id": "1", "job_title": "VP Sales", "location": "Paris, France"}\n')
    b.write_text('{"sales_id": "1", "job_title": "VP Sales", "location": "Berlin, Germany"}\n'
                 '{"sales_id": "2", "job_title": "Sales Lead", "location": "Bonn, Germany"}\n')
    req = leadsieve.Request.from_json(REQUESTS[0])
    res = leadsieve.dask.filter_files(client, [str(a), str(b)], req, files_per_task=1)
    assert [lead["sales_id"] for lead in res.json()["leads"]] == ["2"]
    assert res.counts.duplicates == 1 and res.counts.dropped_by_filter["locations"] == 1
    (tmp_path / "r.json").write_text(json.dumps(REQUESTS[0]))
    assert res.bytes == cli_filter(str(tmp_path / "r.json"), [str(a), str(b)])


def test_v1_request_with_offset_by(client, tmp_path):
    v1_dir = tmp_path / "v1"
    subprocess.run([sys.executable, os.path.join(SRC, "bench", "to_v1.py"), LEADS, str(v1_dir)],
                   check=True)
    v1_req = tmp_path / "v1-request.json"
    body = json.loads(cli("convert", REQUEST).stdout)
    body["offset_by"], body["limit_by"] = 5, 10
    v1_req.write_text(json.dumps(body))
    r = leadsieve.Request.from_file(v1_req, api="v1")
    want = cli_filter(str(v1_req), [str(v1_dir)], ["--api", "v1"])
    assert want.startswith(b'{"data": {"leads": [')
    res = leadsieve.dask.filter_files(client, v1_dir, r, files_per_task=1)
    assert res.bytes == want
    assert res.counts.offset == 5 and res.counts.returned == 10


def test_walks_unreadable_inputs_and_skipped_records(client, example_request, tmp_path):
    tree = os.path.join(SRC, "tests", "data", "inputs", "tree")
    bad = os.path.join(SRC, "tests", "data", "inputs", "malformed_line.jsonl")
    inputs = [tree, str(tmp_path / "missing.json"), bad, LEADS]
    want = cli_filter(REQUEST, inputs)
    with pytest.warns(leadsieve.LeadsieveWarning, match="missing.json: cannot read"):
        res = leadsieve.dask.filter_files(client, inputs, example_request, files_per_task=1)
    assert res.bytes == want
    assert (res.report_json() + "\n").encode() == cli_report(REQUEST, inputs, tmp_path)
    c = res.counts
    assert c.files_failed == 1 and c.malformed == 1 and c.files_skipped == 2
    kinds = [d.kind for d in res.diagnostics]
    assert kinds.count("file_skipped") == 2 and kinds.count("io") == 1
    with pytest.warns(leadsieve.LeadsieveWarning):
        with pytest.raises(leadsieve.SkippedInput):
            leadsieve.dask.filter_files(client, inputs, example_request, strict=True)


def test_csv_input_with_fields(client, tmp_path):
    csv_dir = os.path.join(SRC, "tests", "data", "csv")
    req_path = os.path.join(csv_dir, "request.json")
    r = leadsieve.Request.from_file(req_path)
    files = [os.path.join(csv_dir, "apollo.csv"), os.path.join(csv_dir, "salesnav.csv")]
    for fields in (None, ["First Name", "Title", "@level"]):
        args = ["--format", "csv"] + (["--fields", ",".join(fields)] if fields else [])
        res = leadsieve.dask.filter_files(client, files, r, format="csv", fields=fields,
                                          ship=True, files_per_task=1)
        assert res.bytes == cli_filter(req_path, files, args)
    assert res.bytes.startswith(b"First Name,Title,@level\r\n")


def test_bad_arguments(client, example_request):
    with pytest.raises(ValueError, match="standard input"):
        leadsieve.dask.filter_files(client, "-", example_request)
    with pytest.raises(TypeError, match="Request"):
        leadsieve.dask.filter_files(client, LEADS, REQUEST)
    with pytest.raises(ValueError, match="did you mean 'jsonl'"):
        leadsieve.dask.filter_files(client, LEADS, example_request, format="jsonll")
    with pytest.raises(ValueError, match="files_per_task"):
        leadsieve.dask.filter_files(client, LEADS, example_request, files_per_task=0)
    with pytest.raises(ValueError, match="did you mean 'full_name'"):
        leadsieve.dask.filter_files(client, LEADS, example_request, format="csv",
                                    fields=["fullname"])


def test_a_partial_of_another_request_is_refused(example_request):
    data, diags = leadsieve.dask.map_part(example_request, [LEAD_FILES[0]])
    assert data.startswith(b"LSPART1\0") and diags == []
    other = leadsieve.Request.from_json(REQUESTS[0])
    run = leadsieve.dask._new_run(other, leadsieve.diagnostics.Callbacks(), 0, 0)
    try:
        assert leadsieve.dask._add_partial(run, data, len(data)) == 2  # LS_E_USAGE
        mine = leadsieve.dask._new_run(example_request, leadsieve.diagnostics.Callbacks(), 0, 0)
        assert leadsieve.dask._add_partial(mine, data[:-1], len(data) - 1) == 7  # MALFORMED
        assert leadsieve.dask._add_partial(mine, data, len(data)) == 0
        leadsieve._lib.ls_run_free(mine)
    finally:
        leadsieve._lib.ls_run_free(run)


def test_relative_paths_on_workers_in_another_directory(client, example_request, monkeypatch):
    """A worker's directory is not the client's: relative paths are read by
    their absolute ones and keep their names."""
    monkeypatch.chdir(EXAMPLES)
    inputs = ["leads", "missing.json"]
    before = client.run(os.getcwd)
    client.run(os.chdir, "/")
    try:
        with pytest.warns(leadsieve.LeadsieveWarning, match="missing.json"):
            res = leadsieve.dask.filter_files(client, inputs, example_request)
    finally:
        for addr, cwd in before.items():
            client.run(os.chdir, cwd, workers=[addr])
    assert res.bytes == cli_filter(REQUEST, inputs)
    assert [d.file for d in res.diagnostics] == ["missing.json"]
    assert res.counts.files_read == 4
