"""leadsieve.dask.filter_files on a LocalCluster of 2 worker processes (one
thread each) against `leadsieve filter -j 2`, over the same files, in one
run of this script: the runs alternate, so both see the same machine load.

    LEADSIEVE_LIBRARY=build/libleadsieve.so.0 /usr/bin/python3 bench/dask_bench.py \\
        build/leadsieve data/examples/request.json /tmp/leadsieve-bench/data-1G [RUNS]

Not hyperfine: the cluster lives across runs (starting it, about 2 s, is
reported on its own), so each Dask run is timed in this process; the CLI is
timed the same way, as a subprocess, start-up included.  Prints the medians,
the throughput ratio, and where a Dask run's time goes: listing the inputs,
the maps (compute time on the workers, from the task stream), the partials'
transfer to the client, the reduce (adding the partials, ranking, writing)
and what is left (scheduling, serialization, waiting).
"""
import os
import statistics
import subprocess
import sys
import time
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

import leadsieve  # noqa: E402
import leadsieve.dask as ld  # noqa: E402
from leadsieve import _lib  # noqa: E402
from leadsieve.diagnostics import Callbacks  # noqa: E402


def main():
    cli, req_path, data = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    from distributed import Client, LocalCluster, get_task_stream, wait
    req = leadsieve.Request.from_file(req_path)
    files = sorted(os.path.join(data, f) for f in os.listdir(data) if f.endswith(".json"))
    size = sum(os.path.getsize(f) for f in files)

    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=None)
    client = Client(cluster)
    startup = time.perf_counter() - t

    want = subprocess.run([cli, "filter", "-q", "-j", "2", "--request", req_path, data],
                          capture_output=True, check=True).stdout
    got = ld.filter_files(client, data, req).bytes  # also the warm-up
    print("output: %s (%d bytes)" % ("identical to filter -j 2" if got == want else "DIFFERENT",
                                     len(want)))
    if got != want:
        sys.exit(1)

    t_cli, t_dask = [], []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([cli, "filter", "-q", "-j", "2", "--request", req_path, data],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        t_cli.append(time.perf_counter() - t)
        t = time.perf_counter()
        ld.filter_files(client, data, req).bytes
        t_dask.append(time.perf_counter() - t)

    # Where a run's time goes: one more run with the task stream on (the
    # workers' clocks are this machine's); then the same partials fetched
    # and reduced apart, each timed alone.
    with get_task_stream(client) as ts:
        t0 = time.time()
        ld.filter_files(client, data, req).bytes
        t1 = time.time()
    spans = [(ss["start"], ss["stop"]) for task in ts.data for ss in task["startstops"]
             if ss["action"] == "compute"]
    compute = [b - a for a, b in spans]
    ntasks = len(spans)
    first_start = min(a for a, _ in spans)
    last_stop = max(b for _, b in spans)
    t_one = t1 - t0

    t = time.perf_counter()
    lister = ld._new_run(req, Callbacks(), 0, 0)
    listed = ld._list(lister, data)
    _lib.ls_run_free(lister)
    t_list = time.perf_counter() - t
    per = max(1, -(-len(listed) // 8))
    rf = client.scatter(req, broadcast=True)
    futs = [client.submit(ld.map_part, rf, listed[i:i + per], pure=False)
            for i in range(0, len(listed), per)]
    wait(futs)
    t = time.perf_counter()
    parts = client.gather(futs)
    t_transfer = time.perf_counter() - t
    nbytes = sum(len(p[0]) for p in parts)
    t = time.perf_counter()
    run = ld._new_run(req, Callbacks(), 0, 0)
    ld._list(run, data)
    for p, _ in parts:
        assert ld._add_partial(run, p, len(p)) == 0
    assert _lib.ls_run_finish(run) == 0
    res = leadsieve.FilterResult(req, run, Callbacks(), "json", None, False)
    assert res.bytes == want
    t_reduce = time.perf_counter() - t
    res.close()

    mc, md = statistics.median(t_cli), statistics.median(t_dask)
    print("input: %d bytes in %d files; %d leads" % (size, len(files),
                                                   res.counts.leads_read))
    print("cluster start-up (not in the runs): %.2f s" % startup)
    print("runs: %d each, alternating" % runs)
    print("| command | median s | min s | MB/s |")
    print("|---|---:|---:|---:|")
    print("| leadsieve filter -j 2 | %.3f | %.3f | %.0f |" % (mc, min(t_cli), size / mc / 1e6))
    print("| dask filter_files, 2 workers | %.3f | %.3f | %.0f |"
          % (md, min(t_dask), size / md / 1e6))
    print("dask throughput / filter -j 2: %.2f" % (mc / md))
    print("one dask run: %.3f s, %d map tasks" % (t_one, ntasks))
    print("  call to first map start (listing, request and tasks to the workers): %.3f s"
          % (first_start - t0))
    print("  first map start to last map end: %.3f s; compute %.3f s in all, %.3f s a worker"
          % (last_stop - first_start, sum(compute), sum(compute) / 2))
    print("  last map end to the result (last partials in, reduce's tail): %.3f s"
          % (t1 - last_stop))
    print("apart: listing %.3f s; the partials to the client %.1f MB in %.3f s; the reduce"
          " (add partials, finish, write %d bytes) %.3f s"
          % (t_list, nbytes / 1e6, t_transfer, len(want), t_reduce))
    client.close()
    cluster.close()


if __name__ == "__main__":
    main()
