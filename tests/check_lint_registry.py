#!/usr/bin/python3
"""The lint rules have one registry (src/tuning/lint_rules.c): `lint --help`
prints it, the README's table lists the same codes in the same order, and
tests/cli/lint_warn_codes.sh makes every code but the request-field ones
(covered by the conformance cases) appear."""
import os
import re
import subprocess
import sys

src = os.environ["LS_SOURCE_DIR"]
help_text = subprocess.run([os.environ["LEADSIEVE"], "lint", "--help"], check=True,
                           capture_output=True, text=True).stdout
section = help_text.split("Warnings (code: what)", 1)[1].split("\noptions:", 1)[0]
registry = re.findall(r"^  ([a-z]+(?:-[a-z0-9]+)+)\b", section, re.M)
readme = open(os.path.join(src, "README.md"), encoding="utf-8").read()
table = re.findall(r"^\| `([a-z]+(?:-[a-z0-9]+)+)` \|", readme, re.M)
exercised = set(re.findall(r"\[([a-z]+(?:-[a-z0-9]+)+)\]",
                           open(os.path.join(src, "tests", "cli", "lint_warn_codes.sh"),
                                encoding="utf-8").read()))
failures = []
if len(registry) < 16:
    failures.append("lint --help lists %d codes: %r" % (len(registry), registry))
if table != registry:
    failures.append("README table %r != lint --help %r" % (table, registry))
# The v1 vocabulary codes come from ls_v1_vocab_check, whose every note
# tests/test_request_vocab_check.c shows; lint reports them once it reads
# v1 requests.
untested = [c for c in registry if c not in exercised and c not in
            ("not-evaluated", "keyword-invalid-utf8")]
if untested:
    failures.append("codes no CLI test shows: %r" % untested)
for f in failures:
    print("FAIL: " + f)
print("%d passed, %d failed" % (0 if failures else 1, len(failures)))
sys.exit(1 if failures else 0)
