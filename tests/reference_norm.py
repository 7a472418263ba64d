#!/usr/bin/python3
"""A short, independent reading of norm() (contract §1) in Python, to check
`leadsieve normalize` against.  Needs Debian's python3-unidecode.

    reference_norm.py [TEXT...]    one line per TEXT, or per stdin line
"""
import os
import re
import sys

from unidecode import unidecode

SRC = os.environ.get("LS_SOURCE_DIR") or os.path.join(os.path.dirname(__file__), "..")


def _lines(name):
    with open(os.path.join(SRC, "data", name), encoding="ascii") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


STOP = set(_lines("stopwords.txt"))
ABBR = sorted((tuple(f.split(" ")), t.split(" "))
              for f, t in (line.split("\t") for line in _lines("abbreviations.tsv")))
ABBR.sort(key=lambda e: -len(e[0]))          # longest `from` first (stable)


def norm(raw):
    """raw: bytes.  Steps 1-8."""
    text = unidecode(raw.decode("utf-8", "ignore"))                      # 1, 2
    text = re.sub("[^a-z0-9]", " ", re.sub("[A-Z]", lambda m: m[0].lower(), text))  # 3, 4
    toks = [t for t in text.split(" ") if t and t not in STOP]           # 5, 6
    out, i = [], 0
    while i < len(toks):                                                 # 7
        for frm, to in ABBR:
            if tuple(toks[i:i + len(frm)]) == frm:
                out += to
                i += len(frm)
                break
        else:
            out.append(toks[i])
            i += 1
    return " ".join(out)                                                 # 8


def main(args):
    if args:
        lines = [os.fsencode(a) for a in args]
    else:
        data = sys.stdin.buffer.read()
        lines = data.split(b"\n")
        if lines[-1] == b"":
            lines.pop()
        lines = [line[:-1] if line.endswith(b"\r") else line for line in lines]
    sys.stdout.write("".join(norm(line) + "\n" for line in lines))


if __name__ == "__main__":
    main(sys.argv[1:])
