#!/usr/bin/python3
"""Every program a CMakeLists.txt requires at configure time
(find_program(... REQUIRED)) comes from a package that scripts/setup-deps.sh
installs, or from one of its direct dependencies: scripts/demo.sh installs
only that list before it configures, so on a fresh Debian a program missing
from it stops the demo at its first cmake command."""
import os
import re
import shutil
import subprocess
import sys

src = os.environ.get("LS_SOURCE_DIR") or os.path.join(os.path.dirname(__file__), "..")
failures = []

deps_text = open(os.path.join(src, "scripts", "setup-deps.sh"), encoding="utf-8").read()
m = re.search(r"^LS_DEPS_PACKAGES=\((.*?)^\)", deps_text, re.S | re.M)
if not m:
    sys.exit("FAIL: no LS_DEPS_PACKAGES=( ... ) in scripts/setup-deps.sh")
listed = set(re.sub(r"#[^\n]*", "", m.group(1)).split())


def direct_depends(pkg):
    out = subprocess.run(["dpkg-query", "-W", "-f", "${Depends},${Pre-Depends}", pkg],
                         capture_output=True, text=True).stdout
    return {alt.split()[0].split(":")[0] for dep in out.split(",") for alt in dep.split("|")
            if alt.strip()}


covered = set(listed)
for pkg in listed:
    covered |= direct_depends(pkg)

required = []
for cm in ("CMakeLists.txt", os.path.join("tests", "CMakeLists.txt")):
    text = open(os.path.join(src, cm), encoding="utf-8").read()
    for call in re.findall(r"find_program\(([^)]*)\)", text):
        words = call.split()
        if "REQUIRED" not in words:
            continue
        paths = words[words.index("PATHS") + 1:] if "PATHS" in words else []
        paths = [p for p in paths if p.startswith("/")]
        required.append((cm, words[1], paths))
if not any(name == "sqlite3" for _, name, _ in required):
    failures.append("find_program(... sqlite3 REQUIRED) not found: this check reads no call")

for cm, name, paths in required:
    where = shutil.which(name, path=os.pathsep.join(paths) if paths else None)
    if not where:
        failures.append("%s requires %s, which is not installed here" % (cm, name))
        continue
    owner = None
    for path in (where, os.path.realpath(where)):
        r = subprocess.run(["dpkg-query", "-S", path], capture_output=True, text=True)
        if r.returncode == 0:
            owner = r.stdout.split(":")[0]
            break
    if owner is None:
        failures.append("%s requires %s (%s), which no Debian package owns" % (cm, name, where))
    elif owner not in covered:
        failures.append("%s requires %s, from package %s, which scripts/setup-deps.sh does not "
                        "install (nor any package it lists depend on it)" % (cm, name, owner))

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
