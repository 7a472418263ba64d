#!/usr/bin/python3
"""Helpers of bench/http/run.sh.

  measure.py startup BINARY PORT N   start BINARY N times (ports PORT..PORT+N-1),
                                     print the medians of the ms to the first 200
                                     answer and of the CPU ms the server used
                                     until then (less swayed by the machine's load)
  measure.py wait PORT               wait until a server on PORT answers
  measure.py check PORT              the server on PORT answers as common.h says,
                                     keeping its connection open between requests
  measure.py summary DIR             medians over the rounds of DIR/*.txt and
                                     DIR/results.tsv, as a Markdown table
"""
import glob
import http.client
import os
import re
import statistics
import subprocess
import sys
import time

PATH = "/rows?token=k3Zp9wQ2rT7xV8mB"


def answers(port):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", PATH)
        r = c.getresponse()
        r.read()
        c.close()
        return r.status == 200
    except (ConnectionRefusedError, ConnectionResetError):
        return False


def wait(port, limit=10.0):
    end = time.monotonic() + limit
    while not answers(port):
        if time.monotonic() > end:
            sys.exit(f"nothing answers on port {port}")
        time.sleep(0.0002)


def startup(binary, port, n):
    times, cpu = [], []
    for i in range(n):
        t0 = time.perf_counter()
        p = subprocess.Popen([binary, str(port + i)])
        wait(port + i)
        times.append(time.perf_counter() - t0)
        p.terminate()
        _, _, ru = os.wait4(p.pid, 0)
        p.returncode = 0
        cpu.append(ru.ru_utime + ru.ru_stime)
    print(f"{statistics.median(times) * 1000:.2f} {statistics.median(cpu) * 1000:.2f}")


def check(port):
    """What each server must do, so that the figures compare like with like."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    got = []

    def ask(method, path, body=None, headers=None):
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        got.append((method, path[:5], r.status, len(data), r.will_close))
        if r.will_close:
            c.close()
        return r.status, data

    post = b'{"edits":[' + b" " * (20480 - 12) + b"]}"
    want = [
        ask("GET", PATH) == (200, ask("GET", PATH)[1]) and got[-1][3] == 200 * 1024,
        ask("POST", "/edit?token=k3Zp9wQ2rT7xV8mB", post)[1].startswith(b'{"received":20480,'),
        got[-1][3] == 1024,
        not any(g[4] for g in got),  # kept alive
        ask("GET", "/rows?token=wrong")[0] == 403,
        ask("GET", PATH, headers={"Host": "evil.example"})[0] == 421,
    ]
    if not all(want):
        sys.exit(f"port {port}: not as common.h says: {want} {got}")


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    return float(m.group(1)) * UNITS[m.group(2)]


def parse_wrk(path):
    """{'rps': .., 'p50': ms, 'p99': ms, 'errors': n} of one wrk --latency output."""
    text = open(path).read()
    out = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))}
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}%\s+(\S+)$", text, re.M)
        out["p" + pct] = ms(m.group(1)) if m else float("nan")
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errs = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: (.*)", text)
    if m:
        errs += sum(int(x) for x in re.findall(r"\d+", m.group(1)))
    out["errors"] = errs
    out["requests"] = int(re.search(r"(\d+) requests in", text).group(1))
    return out


def summary(d):
    runs = {}  # (server, case) -> [parsed]
    for path in sorted(glob.glob(os.path.join(d, "r*-*-*.txt"))):
        _, server, case = os.path.basename(path)[:-4].split("-", 2)
        runs.setdefault((server, case), []).append(parse_wrk(path))
    extra = {}  # (server, metric) -> [values]
    for line in open(os.path.join(d, "results.tsv")):
        _, server, metric, *values = line.split()
        for i, value in enumerate(values):
            extra.setdefault((server, metric + str(i)), []).append(float(value))
    servers = list(dict.fromkeys(s for s, _ in runs))
    tick_us = 1e6 / os.sysconf("SC_CLK_TCK")
    rounds = sorted(set(int(os.path.basename(p)[1:].split("-")[0])
                        for p in glob.glob(os.path.join(d, "r*-*-*.txt"))))

    def cpu_per_request(s, case):
        """µs of the server's CPU per request, median over the rounds."""
        ticks = extra[(s, "cpu_" + case + "0")]
        return med([t * tick_us / r["requests"] for t, r in zip(ticks, runs[(s, case)])])

    med = lambda xs: statistics.median(xs)
    print("| library | GET 200 KB p50 / p99 (ms), 1 client | POST 20 KB p50 / p99 (ms), 1 client"
          " | GET req/s, 8 clients | POST req/s, 8 clients | start-up, wall / CPU (ms)"
          " | RSS idle / after load (MB) |")
    print("|---|---|---|---|---|---|---|")
    for s in servers:
        cell = lambda case, k: med([r[k] for r in runs[(s, case)]])
        errors = sum(r["errors"] for case in ("get1", "post1", "get8", "post8") for r in runs[(s, case)])
        print(f"| {s} | {cell('get1', 'p50'):.2f} / {cell('get1', 'p99'):.2f}"
              f" | {cell('post1', 'p50'):.2f} / {cell('post1', 'p99'):.2f}"
              f" | {cell('get8', 'rps'):.0f} | {cell('post8', 'rps'):.0f}"
              f" | {med(extra[(s, 'startup_ms0')]):.1f} / {med(extra[(s, 'startup_ms1')]):.1f}"
              f" | {med(extra[(s, 'rss_idle_kb0')]) / 1024:.1f} / {med(extra[(s, 'rss_peak_kb0')]) / 1024:.1f} |"
              + (f" {errors} errors" if errors else ""))
    print(f"\n(medians of {len(rounds)} rounds)")
    print("\n| library | server CPU per request (µs): GET 1 client | POST 1 client | GET 8 clients"
          " | POST 8 clients |")
    print("|---|---|---|---|---|")
    for s in servers:
        print(f"| {s} | " + " | ".join(f"{cpu_per_request(s, c):.0f}"
                                      for c in ("get1", "post1", "get8", "post8")) + " |")
    print("\nper round (req/s, 8 clients, GET / POST):")
    for s in servers:
        g = " ".join(f"{r['rps']:.0f}" for r in runs[(s, "get8")])
        p = " ".join(f"{r['rps']:.0f}" for r in runs[(s, "post8")])
        print(f"  {s}: {g} / {p}")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "startup":
        startup(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif cmd == "wait":
        wait(int(sys.argv[2]))
    elif cmd == "check":
        check(int(sys.argv[2]))
    elif cmd == "summary":
        summary(sys.argv[2])
    else:
        sys.exit(__doc__)
