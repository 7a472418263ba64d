#!/usr/bin/python3
"""Write tests/data/titles_sample.tsv: a fixed sample of the job-title
corpora (see tests/data/README.md) that the normalization corpus test runs.

    scripts/sample_titles.py CORPUS_DIR > tests/data/titles_sample.tsv

CORPUS_DIR holds the *.tsv files (header code, occupation, title, lang).
The sample is deterministic: up to PER_FILE evenly spaced titles of every
file, every title holding a character seen in at most RARE titles of the
whole corpus, and one title for each other character, so that every code
point of the corpus is exercised.
"""
import collections
import glob
import os
import sys

PER_FILE = 80
RARE = 5


def main(corpus):
    rows = []  # (file, lang, title)
    for path in sorted(glob.glob(os.path.join(corpus, "*.tsv"))):
        with open(path, encoding="utf-8", newline="") as f:
            header = f.readline().rstrip("\n").split("\t")
            if "title" not in header:
                continue
            ti, li = header.index("title"), header.index("lang")
            for line in f:
                cols = line.rstrip("\n").split("\t")
                rows.append((os.path.basename(path), cols[li], cols[ti]))

    seen_in = collections.Counter()
    for _, _, t in rows:
        seen_in.update({c for c in t if ord(c) >= 0x80})

    chosen = set()
    by_file = collections.defaultdict(list)
    for i, r in enumerate(rows):
        by_file[r[0]].append(i)
    for idx in by_file.values():
        step = max(1, len(idx) // PER_FILE)
        chosen.update(idx[::step][:PER_FILE])
    covered = {c for i in chosen for c in rows[i][2]}
    for i, (_, _, t) in enumerate(rows):
        chars = {c for c in t if ord(c) >= 0x80}
        if any(seen_in[c] <= RARE for c in chars) or chars - covered:
            chosen.add(i)
            covered |= chars

    out = sys.stdout
    out.write("source\tlang\ttitle\n")
    done = set()
    for i in sorted(chosen):
        if rows[i] not in done:
            done.add(rows[i])
            out.write("\t".join(rows[i]) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
