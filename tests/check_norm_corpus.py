#!/usr/bin/python3
"""`leadsieve normalize` equals tests/reference_norm.py (contract §1) on the
sampled job titles of tests/data/titles_sample.tsv and on those titles with
invalid UTF-8 spliced in."""
import os
import random
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_norm import norm  # noqa: E402

# Known mismatches: exact title bytes -> why.  Keep it short and explained.
ALLOWED = {
}

DATA = os.environ.get("LS_TEST_DATA") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def sample_titles():
    with open(os.path.join(DATA, "titles_sample.tsv"), "rb") as f:
        lines = f.read().split(b"\n")
    assert lines[0] == b"source\tlang\ttitle", lines[0]
    return [line.split(b"\t")[2] for line in lines[1:] if line]


def spliced(titles):
    """Titles with bytes that are invalid where they land (overlongs,
    surrogates, > U+10FFFF, cut sequences, stray continuations).  A splice
    that happens to form a valid character outside the corpus is skipped:
    transliteration of those is checked elsewhere."""
    bad = [b"\x80", b"\xbf", b"\xc0\xaf", b"\xc1", b"\xc3", b"\xe0\x80\x80", b"\xe2\x82",
           b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xf0\x9f\x98", b"\xf4\x90\x80\x80", b"\xf5",
           b"\xff", b"\xfe\xff", b"\xf8\x88\x80\x80\x80"]
    known = {c for t in titles for c in t.decode("utf-8")} | {chr(i) for i in range(256)}
    rng = random.Random(20240601)
    out = []
    for t in titles:
        s = t
        for _ in range(rng.randint(1, 3)):
            p = rng.randint(0, len(s))
            s = s[:p] + rng.choice(bad) + s[p:]
        if set(s.decode("utf-8", "ignore")) <= known:
            out.append(s)
    return out


def main():
    exe = os.environ["LEADSIEVE"]
    titles = sample_titles()
    broken = spliced(titles)
    lines = titles + broken
    assert all(b"\n" not in t and b"\r" not in t for t in lines)
    r = subprocess.run([exe, "normalize"], input=b"".join(t + b"\n" for t in lines),
                       capture_output=True, timeout=120)
    if r.returncode != 0:
        sys.exit("leadsieve normalize exited %d: %s" % (r.returncode, r.stderr.decode(errors="replace")))
    got = r.stdout.split(b"\n")
    if got[-1] != b"" or len(got) - 1 != len(lines):
        sys.exit("%d output lines for %d titles" % (len(got) - 1, len(lines)))

    failures, allowed = [], 0
    for title, out in zip(lines, got):
        want = norm(title).encode()
        if out == want:
            continue
        if title in ALLOWED:
            allowed += 1
            continue
        failures.append("%r\n    leadsieve: %r\n    reference: %r" % (title, out, want))

    invalid = sum(1 for t in lines if t.decode("utf-8", "ignore").encode() != t)
    m = re.search(rb"(\d+) lines? had invalid UTF-8", r.stderr)
    if invalid != (int(m.group(1)) if m else 0):
        failures.append("stderr reports %r, expected %d lines with invalid UTF-8" % (r.stderr, invalid))

    print("%d titles, %d with invalid UTF-8 spliced in; %d mismatches, %d allowed"
          % (len(titles), len(broken), len(failures), allowed))
    if failures:
        print("\n".join(failures[:50]))
        sys.exit(1)


if __name__ == "__main__":
    main()
