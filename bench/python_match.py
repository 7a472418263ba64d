#!/usr/bin/env python3
"""match_title calls per second: leadsieve's Matcher against the pure-Python
reading of the same rules (python_match_baseline.py), on the same titles in
the same process; prints one JSON object (bench/python_bench.py reads it).

    python_match.py REQUEST.json DISTINCT_TITLES.txt STREAM_TITLES.txt

DISTINCT_TITLES: each title once (every call decides afresh); STREAM: titles
as leads carry them, repeats included (a memo pays off).  Best of 3 passes.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import leadsieve  # noqa: E402
from python_match_baseline import Baseline  # noqa: E402


def lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")[:-1]


def rate(make, titles, passes=3):
    """Calls per second, best of `passes`, each pass with a fresh matcher."""
    best = 0.0
    for _ in range(passes):
        fn = make()
        t = time.perf_counter()
        for title in titles:
            fn(title)
        best = max(best, len(titles) / (time.perf_counter() - t))
    return best


def main(argv):
    req_text = open(argv[1], encoding="utf-8").read()
    request = leadsieve.Request.from_json(req_text)
    req = json.loads(req_text)
    distinct, stream = lines(argv[2]), lines(argv[3])
    # the two agree on every title before anything is timed
    m, b = request.matcher(), Baseline(req)
    disagree = [t for t in distinct + stream[:20000] if m.match_title(t).persona != b.match_title(t)]
    out = {"distinct_titles": len(distinct), "stream_titles": len(stream),
           "stream_unique": len(set(stream)), "disagreements": len(disagree),
           "disagreement_examples": disagree[:5]}
    for name, titles in (("distinct", distinct), ("stream", stream)):
        out[name] = {
            "leadsieve": rate(lambda: request.matcher().match_title, titles),
            "python": rate(lambda: Baseline(req).match_title, titles),
            "python_memo": rate(lambda: Baseline(req, memo=True).match_title, titles),
        }
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv)
