#!/usr/bin/python3
"""src/readers/csv_aliases.c is exactly what scripts/gen_csv_aliases.py makes
of data/csv_aliases.tsv: the compiled-in alias table is the shipped data
file (tests/test_readers_csv.c checks the lookups entry for entry)."""
import os
import subprocess
import sys

src = os.environ.get("LS_SOURCE_DIR") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
r = subprocess.run([sys.executable, os.path.join(src, "scripts", "gen_csv_aliases.py"), "--check", src],
                   capture_output=True, text=True)
if r.returncode != 0:
    sys.exit("csv_aliases.c is stale: %s" % (r.stderr.strip() or r.stdout.strip()))
print("csv_aliases.c matches data/csv_aliases.tsv")
