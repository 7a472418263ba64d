#!/usr/bin/python3
"""The bundled example data is what its generators make: scripts/gen_examples.py
(data/examples/leads/) and scripts/make_labeled.py (data/examples/labeled/,
which holds nothing else, and the labels in data/examples/labeled-inputs/),
each run on a copy of the repository's inputs, give the committed bytes."""
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile

SRC = os.environ.get("LS_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def regenerate(tmp, script, inputs, outdir):
    """Copies the script and its inputs into tmp, runs it, returns tmp's outdir."""
    os.makedirs(os.path.join(tmp, "scripts"), exist_ok=True)
    shutil.copy(os.path.join(SRC, "scripts", script), os.path.join(tmp, "scripts", script))
    for rel in inputs:
        dst = os.path.join(tmp, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy(os.path.join(SRC, rel), dst)
    subprocess.run([sys.executable, os.path.join(tmp, "scripts", script)], check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(tmp, outdir)


def same_tree(a, b):
    """Names of files that differ or exist on one side only."""
    cmp = filecmp.dircmp(a, b)
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    return sorted(set(cmp.left_only + cmp.right_only + mismatch + errors))


def main():
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        got = regenerate(tmp, "gen_examples.py",
                         ["data/examples/titles.tsv", "data/examples/doc-example-lead.json"],
                         "data/examples/leads")
        bad = same_tree(got, os.path.join(SRC, "data/examples/leads"))
        if bad:
            failures.append("data/examples/leads differs from gen_examples.py: %s" % bad)
    with tempfile.TemporaryDirectory() as tmp:
        leads_dir, inputs_dir = "data/examples/labeled", "data/examples/labeled-inputs"
        got = regenerate(tmp, "make_labeled.py", [os.path.join(inputs_dir, "titles.tsv")],
                         leads_dir)
        # labeled/ holds the leads and nothing else (a walk of it reads only
        # leads); the labels are made beside it
        bad = same_tree(got, os.path.join(SRC, leads_dir))
        if bad:
            failures.append("%s differs from make_labeled.py: %s" % (leads_dir, bad))
        for name in ("labels.tsv", "labels-doc.tsv"):
            if not filecmp.cmp(os.path.join(tmp, inputs_dir, name),
                               os.path.join(SRC, inputs_dir, name), shallow=False):
                failures.append("%s/%s differs from make_labeled.py" % (inputs_dir, name))
    for f in failures:
        print("FAIL:", f)
    print("%d difference(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
