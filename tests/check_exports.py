#!/usr/bin/python3
"""The shared library exports exactly the functions the public headers
declare (LS_API): nothing internal leaks, nothing public is missing."""
import glob
import os
import re
import subprocess
import sys

src = os.environ["LS_SOURCE_DIR"]
lib = os.environ["LS_LIBRARY"]
headers = [os.path.join(src, "include", "leadsieve.h")] + sorted(
    glob.glob(os.path.join(src, "include", "leadsieve", "*.h")))
declared = set()
for h in headers:
    text = open(h, encoding="utf-8").read()
    declared |= set(re.findall(r"^LS_API\b[^(;]*?\b(ls_[a-z0-9_]+)\s*\(", text, re.M))
out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True, capture_output=True,
                     text=True).stdout
exported = set()
for line in out.splitlines():
    parts = line.split()
    if len(parts) == 3 and parts[1] in "TtWDdBbRrVvi":
        exported.add(parts[2].split("@")[0])
# sanitizer builds add their own hooks; only our prefix is ours to check
ours = {s for s in exported if s.startswith("ls_") or not s.startswith("__")}
ours -= {"_init", "_fini"}
failed = 0
for name in sorted(declared - ours):
    print("FAIL: declared but not exported: %s" % name)
    failed += 1
for name in sorted(ours - declared):
    print("FAIL: exported but not declared in include/: %s" % name)
    failed += 1
if len(declared) < 30:
    print("FAIL: only %d public functions found in %s" % (len(declared), headers))
    failed += 1
print("exports: %d declared, %d exported" % (len(declared), len(ours)))
print("%d passed, %d failed" % (0 if failed else 1, failed))
sys.exit(1 if failed else 0)
