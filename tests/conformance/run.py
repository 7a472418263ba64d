#!/usr/bin/python3
"""Runs the hand-written conformance cases beside this file (format: README.md).

    run.py [--cmd "PROGRAM ARGS..."] [-k SUBSTRING] [-j JOBS]

The program defaults to $LEADSIEVE.  Prints one line per case and a final
"N passed, M failed"; exits 1 when any case failed.
"""
import argparse
import concurrent.futures
import json
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Files of a case directory that are not lead inputs.
RESERVED = {"request.json", "args", "command", "expected.json", "expected_exit",
            "stdout_contains", "stderr_contains", "README.md", "run.py"}
TIMEOUT = 60


class Obj(list):
    """A JSON object as its (key, value) pairs in document order, kept apart
    from arrays so that {} and [] differ."""


class Num(str):
    """A JSON number as written (its lexeme), kept apart from strings."""


def parse(text):
    """JSON with key order and number lexemes kept, so that comparing two
    documents compares them exactly except for whitespace between tokens."""
    return json.loads(text, object_pairs_hook=Obj, parse_int=Num, parse_float=Num,
                      parse_constant=Num)


def read(path, binary=False):
    with open(path, "rb" if binary else "r", **({} if binary else {"encoding": "utf-8"})) as f:
        return f.read()


def lines_of(path, raw=False):
    if not os.path.exists(path):
        return []
    text = read(path, True).decode("utf-8", "surrogateescape" if raw else "strict")
    return [l for l in text.split("\n") if l != ""]


def check_error(expected, got):
    """Validation envelope: status, status_code and the set of detail keys
    must match; hints are free text but must be non-empty strings."""
    if not isinstance(got, Obj):
        return "stdout is not a JSON object"
    exp, doc = dict(expected), dict(got)
    if set(doc) != {"status", "status_code", "detail"}:
        return "envelope keys %s, expected status, status_code, detail" % sorted(doc)
    for k in ("status", "status_code"):
        if type(doc[k]) is not type(exp[k]) or doc[k] != exp[k]:  # 400, not "400"
            return "%s is %r, expected %r" % (k, doc[k], exp[k])
    if not isinstance(doc["detail"], Obj):
        return "detail is not an object"
    want = {k for k, _ in exp["detail"]}
    have = [k for k, _ in doc["detail"]]
    if len(have) != len(set(have)):
        return "detail repeats a key: %s" % have
    if set(have) != want:
        return "detail keys %s, expected %s (missing %s, unexpected %s)" % (
            sorted(have), sorted(want), sorted(want - set(have)), sorted(set(have) - want))
    for k, hint in doc["detail"]:
        if not isinstance(hint, str) or not hint.strip():
            return "hint for %r is not a non-empty string" % k
    return None


def first_difference(exp, got, path="$"):
    if type(exp) is not type(got):  # Obj vs list, Num vs str, ...
        return "%s: expected %s, got %s" % (path, short(exp), short(got))
    if isinstance(exp, list):
        if isinstance(exp, Obj):
            ek, gk = [k for k, _ in exp], [k for k, _ in got]
            if ek != gk:
                return "%s: keys %s, expected %s" % (path, gk, ek)
            for (k, ev), (_, gv) in zip(exp, got):
                d = first_difference(ev, gv, "%s.%s" % (path, k))
                if d:
                    return d
            return None
        if len(exp) != len(got):
            return "%s: %d items, expected %d" % (path, len(got), len(exp))
        for i, (ev, gv) in enumerate(zip(exp, got)):
            d = first_difference(ev, gv, "%s[%d]" % (path, i))
            if d:
                return d
        return None
    if exp != got:
        return "%s: expected %s, got %s" % (path, short(exp), short(got))
    return None


def short(v):
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 120 else s[:117] + "..."


def execute(cmd, cwd):
    """Runs cmd; returns (process, None) or (None, problem)."""
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=TIMEOUT), None
    except subprocess.TimeoutExpired:
        return None, "timed out after %ds" % TIMEOUT
    except OSError as e:
        return None, "cannot run %s: %s" % (cmd[0], e)


def check_run(p, want_exit, expected, problems, label=""):
    """Exit status, then stdout against the expected document (an error
    envelope by its keys when want_exit is 2)."""
    if p.returncode != want_exit:
        problems.append("%sexit %d, expected %d" % (label, p.returncode, want_exit))
    if p.returncode < 0 or p.returncode > 2:
        problems.append("%sstderr: %s" % (label, p.stderr.decode("utf-8", "replace").strip()[-300:]))
    if expected is None:
        return
    try:
        # surrogateescape: invalid UTF-8 in a lead must come out byte for byte.
        got = parse(p.stdout.decode("utf-8", "surrogateescape"))
    except ValueError as e:
        problems.append("%sstdout is not JSON (%s): %r" % (label, e, p.stdout[:200]))
        return
    diff = check_error(expected, got) if want_exit == 2 else first_difference(expected, got)
    if diff:
        problems.append(label + diff)


def run_case(prog, name):
    d = os.path.join(HERE, name)
    def path(f):
        return os.path.join(d, f)
    args = shlex.split(read(path("args"))) if os.path.exists(path("args")) else []
    lint = os.path.exists(path("command")) and read(path("command")).strip() == "lint"
    inputs = sorted(f for f in os.listdir(d) if f not in RESERVED)
    if lint:
        cmd = prog + ["lint"] + args + ["request.json"]
    else:
        cmd = prog + ["filter", "--request", "request.json"] + args + inputs
    p, problem = execute(cmd, d)
    if problem:
        return problem
    want_exit = int(read(path("expected_exit")).strip())
    expected = None
    if os.path.exists(path("expected.json")):
        expected = parse(read(path("expected.json"), True).decode("utf-8", "surrogateescape"))
    problems = []
    check_run(p, want_exit, expected, problems)
    out_text = p.stdout.decode("utf-8", "surrogateescape")
    for s in lines_of(path("stdout_contains"), True):
        if s not in out_text:
            problems.append("stdout lacks %r" % s)
    err_text = p.stderr.decode("utf-8", "replace")
    for s in lines_of(path("stderr_contains")):
        if s not in err_text:
            problems.append("stderr lacks %r" % s)
    if want_exit == 2 and not lint:
        # §6 is about the request itself: lint must report the same problems.
        p, problem = execute(prog + ["lint"] + args + ["request.json"], d)
        if problem:
            problems.append("lint: " + problem)
        else:
            check_run(p, 2, expected, problems, "lint: ")
    return "; ".join(problems) if problems else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cmd", help="program to run (split like a shell word list); default $LEADSIEVE")
    ap.add_argument("-k", default="", help="run only cases whose name contains this")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    if args.cmd:
        prog = shlex.split(args.cmd)
    elif os.environ.get("LEADSIEVE"):
        prog = [os.environ["LEADSIEVE"]]
    else:
        sys.exit("run.py: set LEADSIEVE or pass --cmd")
    names = sorted(n for n in os.listdir(HERE)
                   if os.path.isdir(os.path.join(HERE, n)) and args.k in n)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
        results = list(pool.map(lambda n: run_case(prog, n), names))
    failed = 0
    for name, problem in zip(names, results):
        if problem:
            failed += 1
            print("FAIL %s: %s" % (name, problem))
        else:
            print("ok   %s" % name)
    print("%d passed, %d failed" % (len(names) - failed, failed))
    return 1 if failed or not names else 0


if __name__ == "__main__":
    sys.exit(main())
