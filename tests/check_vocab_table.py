#!/usr/bin/python3
"""src/request/vocab_table.c is exactly what scripts/gen_vocab.py makes of
data/vocabulary/ (tests/test_request_vocab.c checks the compiled lists
entry for entry), and the generator refuses cross-references that do not
hold."""
import os
import shutil
import subprocess
import sys
import tempfile

src = os.environ.get("LS_SOURCE_DIR") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
gen = os.path.join(src, "scripts", "gen_vocab.py")
failures = []


def run(root):
    return subprocess.run([sys.executable, gen, "--check", root], capture_output=True, text=True)


r = run(src)
if r.returncode != 0:
    failures.append("vocab_table.c is stale: %s" % (r.stderr.strip() or r.stdout.strip()))

# A broken vocabulary is refused, naming the file and line.
BROKEN = [
    ("hints.tsv", "industry\tneobank\tNeo Banking\n", "is not a name of the industry list"),
    ("hints.tsv", "function\tsales\tSales\n", "is already a known function"),
    ("linkedin-industries-v1.tsv", "41\tBanking\tBanking\n", "is a current name"),
    ("linkedin-industries-v1.tsv", "4\tComputer Programs\tSoftware\n",
     "is not in linkedin-industries.tsv"),
    ("functions.txt", "Sales\n", "is line 26's once case is ignored"),
    ("seniorities.tsv", "Vice-President\tdocumented\n", "a documented value is snake_case"),
]
for name, line, want in BROKEN:
    with tempfile.TemporaryDirectory() as tmp:
        vocab = os.path.join(tmp, "data", "vocabulary")
        shutil.copytree(os.path.join(src, "data", "vocabulary"), vocab)
        with open(os.path.join(vocab, name), "a", encoding="ascii") as f:
            f.write(line)
        r = run(tmp)
        if r.returncode == 0 or want not in r.stderr or name not in r.stderr:
            failures.append("%s + %r: want an error with %r, got %r" % (name, line, want, r.stderr))

for f in failures:
    print("FAIL: " + f)
print("%d checks, %d failed" % (1 + len(BROKEN), len(failures)))
sys.exit(1 if failures else 0)
