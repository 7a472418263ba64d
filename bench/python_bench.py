#!/usr/bin/python3
"""The Python package's numbers (bench/README.md, "Python"):

1. leadsieve.filter() over the 1 GB benchmark against `leadsieve filter`,
   -j 1 and -j 2, whole processes in ONE hyperfine invocation (so that the
   ratios share the machine's load), after checking that both write the same
   bytes; plus the interpreter's start-up and `import leadsieve` in the same
   invocation, and filter() timed inside one process;
2. match_title calls per second against a pure-Python reading of the same
   rules (python_match.py, python_match_baseline.py).

    bench/python_bench.py [SIZE]      SIZE of generated input (default 1G)

Env: BENCH_DIR (default /tmp/leadsieve-bench), RUNS (default 5), WARMUP
(default 1).  Builds build-bench/ (Release) as bench/run.sh does, generates
the input as run.sh does (gen_leads.py --seed 1), and installs the package
into a venv as the README says (offline, with its bytecode compiled).
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZE = sys.argv[1] if len(sys.argv) > 1 else "1G"
WORK = os.environ.get("BENCH_DIR", "/tmp/leadsieve-bench")
RUNS = int(os.environ.get("RUNS", "5"))
WARMUP = int(os.environ.get("WARMUP", "1"))
REQ = os.path.join(ROOT, "data", "examples", "request.json")
BUILD = os.path.join(ROOT, "build-bench")


def sh(*args, **kw):
    return subprocess.run(args, check=True, **kw)


def load():
    return open("/proc/loadavg").read().split()[:3]


def setup():
    sh("cmake", "-S", ROOT, "-B", BUILD, "-DCMAKE_BUILD_TYPE=Release", "-DLS_BUILD_TESTS=OFF",
       "-DLS_WERROR=OFF", stdout=subprocess.DEVNULL)
    sh("cmake", "--build", BUILD, "--target", "leadsieve_cli", "leadsieve_shared",
       "--parallel", "2", stdout=subprocess.DEVNULL)
    data = os.path.join(WORK, "data-" + SIZE)
    if not os.path.exists(os.path.join(data, ".done")):
        shutil.rmtree(data, ignore_errors=True)
        sh("/usr/bin/python3", os.path.join(ROOT, "bench", "gen_leads.py"), "--out", data,
           "--size", SIZE, "--seed", "1")
        open(os.path.join(data, ".done"), "w").close()
    venv = os.path.join(WORK, "venv-python")
    shutil.rmtree(venv, ignore_errors=True)
    sh("/usr/bin/python3", "-m", "venv", "--system-site-packages", venv)
    src = os.path.join(WORK, "python-src")
    shutil.rmtree(src, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "python"), src,
                    ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    sh(os.path.join(venv, "bin", "pip"), "install", "-q", "--no-build-isolation", "--no-index",
       "--disable-pip-version-check", src)
    return data, os.path.join(venv, "bin", "python")


def check_same(cli, py, data):
    out = {}
    for name, argv in (("cli", [cli, "filter", "-q", "-j", "1", "--request", REQ, data]),
                       ("py1", [py, os.path.join(ROOT, "bench", "python_filter.py"), REQ, "1",
                                data]),
                       ("py2", [py, os.path.join(ROOT, "bench", "python_filter.py"), REQ, "2",
                                data])):
        out[name] = sh(*argv, stdout=subprocess.PIPE).stdout
    assert out["cli"] == out["py1"] == out["py2"], "Python filter() output differs from the CLI's"
    return len(out["cli"])


def hyperfine(cli, py, data):
    pyf = "%s %s %s" % (py, os.path.join(ROOT, "bench", "python_filter.py"), REQ)
    cmds = [("python start-up", "%s -c pass" % py),
            ("import leadsieve", "%s -c 'import leadsieve'" % py),
            ("leadsieve -j 1", "%s filter -q -j 1 --request %s %s > /dev/null" % (cli, REQ, data)),
            ("python filter -j 1", "%s 1 %s > /dev/null" % (pyf, data)),
            ("leadsieve -j 2", "%s filter -q -j 2 --request %s %s > /dev/null" % (cli, REQ, data)),
            ("python filter -j 2", "%s 2 %s > /dev/null" % (pyf, data))]
    out = os.path.join(WORK, "python-results.json")
    argv = ["hyperfine", "--warmup", str(WARMUP), "--runs", str(RUNS), "--export-json", out]
    for name, cmd in cmds:
        argv += ["-n", name, cmd]
    sh(*argv, stdout=sys.stderr)
    return {r["command"]: r for r in json.load(open(out))["results"]}


IN_PROCESS = r"""
import json, statistics, sys, time
import leadsieve
req = leadsieve.Request.from_file(sys.argv[1])
out = {}
for threads in (1, 2):
    times = []
    for _ in range(int(sys.argv[3]) + 1):
        t = time.perf_counter()
        leadsieve.filter(req, sys.argv[2], threads=threads).bytes
        times.append(time.perf_counter() - t)
    out[threads] = statistics.median(times[1:])
print(json.dumps(out))
"""


def titles(data):
    distinct = os.path.join(WORK, "titles-distinct.txt")
    with open(os.path.join(ROOT, "bench", "titles.tsv"), encoding="utf-8") as f:
        rows = f.read().splitlines()[1:]
    with open(distinct, "w", encoding="utf-8") as f:
        f.write("".join(r.split("\t")[0] + "\n" for r in rows))
    stream = os.path.join(WORK, "titles-stream.txt")
    with open(stream, "w", encoding="utf-8") as f:
        n = 0
        for path in sorted(glob.glob(os.path.join(data, "*.json"))):
            for lead in json.load(open(path, encoding="utf-8"))["leads"]:
                f.write((lead.get("job_title") or "").replace("\n", " ") + "\n")
                n += 1
            if n >= 100000:
                break
    return distinct, stream


def main():
    os.makedirs(WORK, exist_ok=True)
    data, py = setup()
    cli = os.path.join(BUILD, "leadsieve")
    os.environ["LEADSIEVE_LIBRARY"] = os.path.join(BUILD, "libleadsieve.so.0")
    files = sorted(glob.glob(os.path.join(data, "*.json")))
    size = sum(os.path.getsize(f) for f in files)
    print("machine: %d CPUs; date %s; input %d bytes in %d files" % (
        os.cpu_count(), time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), size, len(files)))
    n = check_same(cli, py, data)
    print("check:   python filter() -j 1 and -j 2 write the CLI's %d bytes" % n)
    l0 = load()
    t = hyperfine(cli, py, data)
    inproc = json.loads(sh(py, "-c", IN_PROCESS, REQ, data, str(RUNS),
                           stdout=subprocess.PIPE).stdout)
    l1 = load()
    print("load average (1, 5, 15 min): %s before, %s after" % (" ".join(l0), " ".join(l1)))
    print("\n| command | median s | mean s | min s | CPU s (user+sys) |")
    print("|---|---:|---:|---:|---:|")
    for name, r in t.items():
        print("| %s | %.3f | %.3f | %.3f | %.3f |" % (name, r["median"], r["mean"], r["min"],
                                                     r["user"] + r["system"]))
    for j in ("1", "2"):
        c, p = t["leadsieve -j " + j], t["python filter -j " + j]
        print("python / CLI, -j %s: %.3f (medians), %.3f (means), %.3f (minimums), %.3f "
              "(CPU s); filter() in-process %.3f s = %.3f of the CLI's median" % (
                  j, p["median"] / c["median"], p["mean"] / c["mean"], p["min"] / c["min"],
                  (p["user"] + p["system"]) / (c["user"] + c["system"]), inproc[j],
                  inproc[j] / c["median"]))
    print("start-up: python %.1f ms, python + import leadsieve %.1f ms (medians)" % (
        t["python start-up"]["median"] * 1e3, t["import leadsieve"]["median"] * 1e3))
    distinct, stream = titles(data)
    m = json.loads(sh(py, os.path.join(ROOT, "bench", "python_match.py"), REQ, distinct,
                      stream, stdout=subprocess.PIPE).stdout)
    print("\nmatch_title: %d distinct titles, a stream of %d (%d distinct); baseline "
          "disagreements: %d" % (m["distinct_titles"], m["stream_titles"], m["stream_unique"],
                                 m["disagreements"]))
    print("\n| titles | leadsieve calls/s | pure Python | pure Python + memo | "
          "leadsieve / pure Python | leadsieve / with memo |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in ("distinct", "stream"):
        r = m[name]
        print("| %s | %.0f | %.0f | %.0f | %.2f | %.2f |" % (
            name, r["leadsieve"], r["python"], r["python_memo"], r["leadsieve"] / r["python"],
            r["leadsieve"] / r["python_memo"]))


if __name__ == "__main__":
    main()
