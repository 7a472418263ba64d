#!/usr/bin/python3
"""Differential test: `leadsieve filter` against the reference reading of the
contract (leadsieve_ref.py), on randomly generated but reproducible cases.

    diff.py --leadsieve BIN --oracle DIR [--cases N] [--seed S] [--jobs J]
            [--only I[,I...]] [--fail-dir DIR] [--no-shrink]

Exit status 0 only when every case agrees.  See README.md.
"""

import argparse
import datetime
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

REF = None          # the reference module, imported per worker
LEADSIEVE = None
GAPS = frozenset()  # code points whose normalization differs on their own
TIMEOUT = 20


def init_worker(oracle_dir, leadsieve, gaps=frozenset()):
    global REF, LEADSIEVE, GAPS
    sys.path.insert(0, oracle_dir)
    import leadsieve_ref
    REF = leadsieve_ref
    LEADSIEVE = leadsieve
    GAPS = gaps


def normalization_gaps():
    """Code points (U+0000-U+1FFFF) that `leadsieve normalize` and the
    reference's norm() map differently when alone on a line.  Used only to
    tag failures, so that one known cause does not hide others."""
    cps = [c for c in range(0x20000) if not 0xD800 <= c <= 0xDFFF and c not in (10, 13)]
    text = "\n".join(chr(c) for c in cps) + "\n"
    try:
        p = subprocess.run([LEADSIEVE, "normalize"], input=text.encode(),
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    out = p.stdout.decode("utf-8", "replace").split("\n")
    if p.returncode != 0 or len(out) != len(cps) + 1:
        return frozenset()
    return frozenset(c for c, o in zip(cps, out) if REF.norm(chr(c)) != o)


def features(case):
    """Tags of a case that explain known classes of disagreement."""
    tags = []
    if case["request_text"].startswith(b"\xef\xbb\xbf"):
        tags.append("request-bom")
    if GAPS:
        blobs = [case["request_text"]] + [d for _, d in case["inputs"]]
        text = "".join(b.decode("utf-8", "surrogateescape") for b in blobs)
        try:
            text += "".join(json.dumps(loads_any(b), ensure_ascii=False)   # \uXXXX escapes
                            for b in blobs)
        except ValueError:
            pass
        if any(ord(ch) in GAPS for ch in set(text)):
            tags.append("normalization-gap")
    return tags


def loads_any(data):
    text = data.decode("utf-8", "surrogateescape").lstrip("\ufeff")
    try:
        return json.loads(text)
    except ValueError:
        return [json.loads(l) for l in text.split("\n") if l.strip()]


# --- running both sides ----------------------------------------------------

def write_case(case, d):
    req = os.path.join(d, "request.json")
    with open(req, "wb") as f:
        f.write(case["request_text"])
    paths = []
    for name, data in case["inputs"]:
        p = os.path.join(d, name)
        with open(p, "wb") as f:
            f.write(data)
        paths.append(p)
    return req, paths


def ls_argv(case, req, paths):
    argv = [LEADSIEVE, "filter", "--request", req, "--as-of", case["as_of"]]
    if case["mode"] != "documented":
        argv += ["--match", case["mode"]]
    return argv + paths


def run_leadsieve(case, req, paths):
    try:
        p = subprocess.run(ls_argv(case, req, paths), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"rc": "timeout", "out": None, "raw": b"", "err": b""}
    out = None
    try:
        out = json.loads(p.stdout.decode("utf-8", "surrogateescape"))
    except ValueError:
        pass
    return {"rc": p.returncode, "out": out, "raw": p.stdout, "err": p.stderr}


def read_leads(path):
    """The reference's reading of one input file, except that a file whose
    whole content is one JSON scalar (`5`, `null`, `"x"`) is one item that is
    not an object -- skipped with a warning (contract section 5) -- where the
    reference stops with exit status 1.  See README.md, "Adjustments"."""
    try:
        return REF.read_leads_file(path)
    except REF.UsageError:
        text = REF._read_text(path)
        try:
            obj = json.loads(text)
        except ValueError:
            raise
        if isinstance(obj, (list, dict)):
            raise
        return [obj]


def run_reference(case, paths):
    """What `leadsieve_ref.py filter` does, in process."""
    text = case["request_text"].decode("utf-8", "surrogateescape")
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        request = json.loads(text)
    except ValueError:
        return {"rc": 2, "out": REF.error_envelope({"": "not JSON"})}
    try:
        leads = []
        for p in paths:
            leads.extend(read_leads(p))
    except (REF.UsageError, OSError) as e:
        return {"rc": 1, "out": None, "why": str(e)}
    as_of = datetime.date.fromisoformat(case["as_of"])
    resp = REF.run(request, leads, as_of=as_of, mode=case["mode"])
    rc = 2 if resp.get("status") == "error" and "detail" in resp else 0
    return {"rc": rc, "out": resp}


# --- comparison -------------------------------------------------------------

def canon(v):
    """Canonical text of a JSON value; key order kept, bool and 1 differ."""
    return json.dumps(v, ensure_ascii=True, sort_keys=False)


def lead_ids(leads):
    return [l.get(gen.LEAD_ID) if isinstance(l, dict) else None for l in leads]


def compare(ref, ls):
    """None when both agree, else (class, detail)."""
    if ls["rc"] == "timeout":
        return "timeout", "leadsieve did not finish in %ds" % TIMEOUT
    if isinstance(ls["rc"], int) and ls["rc"] < 0:
        return "crash", "leadsieve killed by signal %d" % -ls["rc"]
    if ref["rc"] != ls["rc"]:
        msgs = [m for m in ls["err"].decode("utf-8", "replace").splitlines()
                if "warning" in m or "error" in m]
        return ("exit_status", "ref exit %s, leadsieve exit %s: %s"
                % (ref["rc"], ls["rc"], " | ".join(msgs)[:200]))
    if ref["rc"] == 1:
        return None
    if ls["out"] is None or not isinstance(ls["out"], dict):
        return "bad_output", "leadsieve stdout is not a JSON object: %r" % ls["raw"][:200]
    r, l = ref["out"], ls["out"]
    if ref["rc"] == 2:
        rk = set(r.get("detail", {}))
        lk = set(l.get("detail", {})) if isinstance(l.get("detail"), dict) else None
        if lk is None:
            return "bad_output", "error envelope without a detail object"
        if rk != lk:
            return ("validation_keys", "only ref: %s; only leadsieve: %s"
                    % (sorted(rk - lk), sorted(lk - rk)))
        if l.get("status") != "error" or l.get("status_code") != 400:
            return "envelope", "status/status_code: %r %r" % (l.get("status"), l.get("status_code"))
        return None
    rl, ll = r.get("leads"), l.get("leads")
    if not isinstance(ll, list):
        return "bad_output", "no leads array"
    ri, li = lead_ids(rl), lead_ids(ll)
    if set(ri) != set(li):
        return ("lead_set", "only ref: %s; only leadsieve: %s"
                % (sorted(set(ri) - set(li), key=str), sorted(set(li) - set(ri), key=str)))
    if ri != li:
        return "order", "ref %s; leadsieve %s" % (ri, li)
    for a, b in zip(rl, ll):
        if canon(a) != canon(b):
            pa = a.get("linkedin_lead_persona")
            pb = b.get("linkedin_lead_persona") if isinstance(b, dict) else None
            if canon(pa) != canon(pb):
                return ("persona", "lead %s: ref %s, leadsieve %s"
                        % (a.get(gen.LEAD_ID), canon(pa), canon(pb)))
            if canon(sorted(a.items())) == canon(sorted(b.items())):
                return "key_order", "lead %s: ref %s; leadsieve %s" % (
                    a.get(gen.LEAD_ID), list(a), list(b))
            return "lead_content", "lead %s: ref %s; leadsieve %s" % (
                a.get(gen.LEAD_ID), canon(a)[:300], canon(b)[:300])
    for key in ("amount", "results_count", "status"):
        if canon(r.get(key)) != canon(l.get(key)):
            return key, "ref %s, leadsieve %s" % (canon(r.get(key)), canon(l.get(key)))
    extra = set(l) - set(r)
    if extra:
        return "extra_keys", "leadsieve response has %s" % sorted(extra)
    return None


class Lit:
    """A JSON number kept as written."""
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


def loads_literal(text):
    return json.loads(text, parse_int=Lit, parse_float=Lit, parse_constant=Lit)


def lit_canon(v):
    if isinstance(v, Lit):
        return v.text
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k) + ":" + lit_canon(x) for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ",".join(lit_canon(x) for x in v) + "]"
    return json.dumps(v)


def input_leads_literal(case):
    """marker -> the input lead with its numbers as written."""
    out = {}
    for lead in parse_inputs(case, loads_literal) or []:
        if isinstance(lead, dict) and isinstance(lead.get(gen.LEAD_ID), Lit):
            out.setdefault(lead[gen.LEAD_ID].text, lead)
    return out


def compare_literal(case, ref, ls):
    """Each returned lead is the input object unchanged (numbers as
    written, key order) except linkedin_lead_persona (contract section 5)."""
    try:
        got = loads_literal(ls["raw"].decode("utf-8", "surrogateescape"))
    except ValueError:
        return "bad_output", "leadsieve stdout is not JSON"
    inputs = input_leads_literal(case)
    for want_parsed, lead in zip(ref["out"]["leads"], got.get("leads", [])):
        mark = lead.get(gen.LEAD_ID)
        if not isinstance(mark, Lit) or mark.text not in inputs:
            continue
        want = dict(inputs[mark.text])
        name = want_parsed.get("linkedin_lead_persona")
        if isinstance(name, str):
            want["linkedin_lead_persona"] = name
        if lit_canon(want) != lit_canon(lead):
            return "literal", "lead %s: input %s; leadsieve %s" % (
                mark.text, lit_canon(want)[:300], lit_canon(lead)[:300])
    return None


def run_case(case):
    d = tempfile.mkdtemp(prefix="ls-diff-")
    try:
        req, paths = write_case(case, d)
        ls = run_leadsieve(case, req, paths)
        ref = run_reference(case, paths)
        res = compare(ref, ls)
        if res is None and ref["rc"] == 0 and ls["rc"] == 0:
            res = compare_literal(case, ref, ls)
        return res, ref, ls
    finally:
        shutil.rmtree(d, ignore_errors=True)


# --- shrinking ----------------------------------------------------------------

def parse_inputs(case, loads=json.loads):
    """The case's leads (all files, in order) if every file is plain JSON."""
    leads = []
    for _, data in case["inputs"]:
        text = data.decode("utf-8", "surrogateescape")
        if text.startswith("\ufeff"):
            text = text[1:]
        if not text.strip():
            continue
        try:
            obj = loads(text)
        except ValueError:
            try:
                obj = [loads(line) for line in text.split("\n") if line.strip()]
            except ValueError:
                return None
        if isinstance(obj, dict):
            if isinstance(obj.get("leads"), list):
                obj = obj["leads"]
            elif isinstance(obj.get("data"), dict) and isinstance(obj["data"].get("leads"), list):
                obj = obj["data"]["leads"]
            else:
                obj = [obj]
        elif not isinstance(obj, list):
            obj = [obj]
        leads.extend(obj)
    return leads


def with_leads(case, leads):
    c = dict(case)
    c["inputs"] = [("in0.json", json.dumps(leads, ensure_ascii=True).encode("ascii"))]
    return c


def with_request(case, req):
    c = dict(case)
    c["request_text"] = json.dumps(req, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return c


def shrink(case, cls, budget=150):
    """Greedy reduction keeping the same disagreement class."""
    runs = [0]

    def same(c):
        if runs[0] >= budget:
            return False
        runs[0] += 1
        res, _, _ = run_case(c)
        return res is not None and res[0] == cls

    cur = case
    leads = parse_inputs(cur)
    if leads is not None and any(0xD800 <= ord(ch) <= 0xDFFF for ch in canon(leads)) is False:
        c = with_leads(cur, leads)
        if same(c):
            cur = c
            # drop leads one at a time (from the end, so early ones survive)
            i = len(leads) - 1
            while i >= 0 and len(leads) > 1:
                trial = leads[:i] + leads[i + 1:]
                c = with_leads(cur, trial)
                if same(c):
                    cur, leads = c, trial
                i -= 1
            # drop fields of the remaining leads that do not matter
            for li in range(len(leads)):
                if not isinstance(leads[li], dict):
                    continue
                for k in list(leads[li]):
                    if k == gen.LEAD_ID:
                        continue
                    trial = [dict(x) if isinstance(x, dict) else x for x in leads]
                    del trial[li][k]
                    c = with_leads(cur, trial)
                    if same(c):
                        cur, leads = c, trial
    try:
        req = json.loads(cur["request_text"].decode("utf-8", "surrogateescape"))
    except ValueError:
        req = None
    if isinstance(req, dict):
        for k in list(req):
            trial = dict(req)
            del trial[k]
            c = with_request(cur, trial)
            if same(c):
                cur, req = c, trial
        ps = req.get("personas")
        if isinstance(ps, list):
            i = len(ps) - 1
            while i >= 0:
                trial = dict(req)
                trial["personas"] = ps[:i] + ps[i + 1:]
                c = with_request(cur, trial)
                if same(c):
                    cur, req, ps = c, trial, trial["personas"]
                i -= 1
            for pi in range(len(ps)):
                if not isinstance(ps[pi], list):
                    continue
                for k in (1, 2, 3):
                    if len(ps[pi]) <= k or not isinstance(ps[pi][k], list):
                        continue
                    j = len(ps[pi][k]) - 1
                    while j >= 0:
                        trial = json.loads(json.dumps(req))
                        del trial["personas"][pi][k][j]
                        c = with_request(cur, trial)
                        if same(c):
                            cur, req = c, trial
                            ps = req["personas"]
                        j -= 1
    if cur["mode"] != "documented":
        c = dict(cur)
        c["mode"] = "documented"
        if same(c):
            cur = c
    return cur


def save_failure(fail_dir, n, case, cls, detail, ref, ls):
    d = os.path.join(fail_dir, str(n))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "request.json"), "wb") as f:
        f.write(case["request_text"])
    for name, data in case["inputs"]:
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
    text = json.dumps(ref.get("out"), ensure_ascii=False, indent=1) + "\n"
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:       # a lone surrogate escape in a lead
        data = (json.dumps(ref.get("out"), ensure_ascii=True, indent=1) + "\n").encode()
    with open(os.path.join(d, "expected.json"), "wb") as f:
        f.write(data)
    with open(os.path.join(d, "actual.json"), "wb") as f:
        f.write(ls.get("raw") or b"")
    with open(os.path.join(d, "stderr.txt"), "wb") as f:
        f.write(ls.get("err") or b"")
    names = [os.path.join(d, name) for name, _ in case["inputs"]]
    argv = ["leadsieve", "filter", "--request", os.path.join(d, "request.json"),
            "--as-of", case["as_of"]] + (["--match", case["mode"]] if case["mode"] != "documented"
                                         else []) + names
    with open(os.path.join(d, "summary.txt"), "w", encoding="utf-8") as f:
        f.write("class: %s\n%s\nseed/index: %s\nrun: %s\n"
                % (cls, detail, case.get("origin"), " ".join(argv)))
    return d


# --- driver ---------------------------------------------------------------------

def work(args):
    seed, index, do_shrink = args
    case = gen.make_case(seed, index)
    case["origin"] = "--seed %s --only %d" % (seed, index)
    res, ref, ls = run_case(case)
    if res is None:
        return index, None
    cls, detail = res
    tags = features(case)
    if tags:
        cls = "%s{%s}" % (cls, ",".join(tags))
    small = None
    if do_shrink:
        try:
            small = shrink(case, res[0])
        except Exception as e:      # shrinking is best effort
            sys.stderr.write("shrink failed for case %d: %r\n" % (index, e))
    if small is not None and small is not case:
        sres, sref, sls = run_case(small)
        if sres is not None and sres[0] == res[0]:
            case, detail, ref, ls = small, sres[1], sref, sls
    ref.pop("why", None)
    return index, (cls, detail, case, ref, ls)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--leadsieve", required=True)
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--start", type=int, default=0, help="first case index")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--only", default=None, help="comma-separated case indexes")
    ap.add_argument("--fail-dir", default="/tmp/ls-diff-fail")
    ap.add_argument("--no-shrink", action="store_true")
    ap.add_argument("--max-shrink", type=int, default=5,
                    help="failures shrunk (and saved) per class")
    ap.add_argument("--max-print", type=int, default=10,
                    help="one-line summaries printed per class")
    args = ap.parse_args(argv)

    if args.only:
        indexes = [int(x) for x in args.only.split(",")]
    else:
        indexes = list(range(args.start, args.start + args.cases))
    shutil.rmtree(args.fail_dir, ignore_errors=True)
    os.makedirs(args.fail_dir, exist_ok=True)

    init_worker(args.oracle, args.leadsieve)
    gaps = normalization_gaps()
    print("normalization: %d code points map differently alone" % len(gaps), flush=True)
    t0 = time.time()
    by_class = {}
    saved = 0
    passed = failed = 0
    # first pass without shrinking; shrink afterwards so that the one-line
    # summaries arrive early and shrinking is spent on a few cases per class
    with multiprocessing.Pool(args.jobs, initializer=init_worker,
                              initargs=(args.oracle, args.leadsieve, gaps)) as pool:
        failures = []
        for index, res in pool.imap_unordered(work, [(args.seed, i, False) for i in indexes],
                                              chunksize=8):
            if res is None:
                passed += 1
                continue
            failed += 1
            cls, detail = res[0], res[1]
            by_class.setdefault(cls, []).append(index)
            if len(by_class[cls]) <= args.max_print:
                print("FAIL %s [%s] %s" % (index, cls, detail[:240]), flush=True)
            failures.append((index, cls))
        elapsed = time.time() - t0
        to_shrink = []
        for cls, idx in sorted(by_class.items()):
            to_shrink += [i for i in sorted(idx)[:args.max_shrink]]
        for index, res in pool.imap(work, [(args.seed, i, not args.no_shrink)
                                           for i in to_shrink]):
            if res is None:
                continue
            cls, detail, case, ref, ls = res
            saved += 1
            d = save_failure(args.fail_dir, saved, case, cls, detail, ref, ls)
            print("saved %s: case %d [%s] %s" % (d, index, cls, detail[:200]), flush=True)
    total = passed + failed
    print("cases: %d in %.1fs (%.0f cases/s), seed %s" % (
        total, elapsed, total / elapsed if elapsed else 0, args.seed))
    if by_class:
        print("disagreements by class:")
        for cls, idx in sorted(by_class.items(), key=lambda kv: -len(kv[1])):
            print("  %-40s %6d  e.g. --seed %s --only %s" % (
                cls, len(idx), args.seed, ",".join(str(i) for i in sorted(idx)[:5])))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
