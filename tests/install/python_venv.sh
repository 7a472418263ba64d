#!/bin/bash
# The Python package as the README installs it: a virtual environment made
# by Debian's python3 (--system-site-packages, so that Debian's pandas,
# setuptools and wheel are seen), `pip install --no-build-isolation
# --no-index`: offline, no package index.  Then how the package finds the
# library: LEADSIEVE_LIBRARY, next to the package, the system loader.
set -euo pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# pip builds in the source directory: a copy keeps the tree clean (and
# parallel test runs apart)
cp -r "$LS_SOURCE_DIR/python" "$T/src"
rm -rf "$T/src/build" "$T/src"/*.egg-info
/usr/bin/python3 -m venv --system-site-packages "$T/venv" >"$T/venv.log" 2>&1 ||
    fail "venv: $(cat "$T/venv.log")"
# no network, whatever pip's configuration says
PIP_NO_INDEX=1 PIP_CONFIG_FILE=/dev/null "$T/venv/bin/pip" install --no-build-isolation \
    --no-index --disable-pip-version-check "$T/src" >"$T/pip.log" 2>&1 ||
    fail "pip install: $(cat "$T/pip.log")"
py=$T/venv/bin/python
site=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
[ -f "$site/leadsieve/__init__.py" ] || fail "not installed into $site"
[ -f "$site/leadsieve/py.typed" ] || fail "py.typed not installed"

cd "$T" # away from the source tree: the installed package is imported
check='
import leadsieve, sys
assert leadsieve.__file__.startswith(sys.argv[1]), leadsieve.__file__
r = leadsieve.Request.from_file(sys.argv[2])
assert r.match_title("VP Sales").persona == "Sales Executives"
print(leadsieve.library_path)
'
req=$LS_SOURCE_DIR/data/examples/request.json

# 1. LEADSIEVE_LIBRARY
got=$(LEADSIEVE_LIBRARY=$LS_LIBRARY "$py" -c "$check" "$site" "$req") || fail "with LEADSIEVE_LIBRARY"
[ "$got" = "$LS_LIBRARY" ] || fail "LEADSIEVE_LIBRARY: loaded $got"
# a wrong LEADSIEVE_LIBRARY is an ImportError that says what to do
out=$(LEADSIEVE_LIBRARY=$T/none.so "$py" -c 'import leadsieve' 2>&1) && fail "loaded a missing library"
grep -q 'LibraryNotFoundError: .*none.so (LEADSIEVE_LIBRARY).*set LEADSIEVE_LIBRARY' <<<"$out" ||
    fail "missing library message: $out"

# 2. the system loader (here: LD_LIBRARY_PATH)
got=$(env -u LEADSIEVE_LIBRARY LD_LIBRARY_PATH="$(dirname "$LS_LIBRARY")" "$py" -c "$check" "$site" "$req") ||
    fail "through the system loader"
[ "$got" = libleadsieve.so.0 ] || fail "system loader: loaded $got"

# 3. next to the package, which the loader's path does not beat
cp "$LS_LIBRARY" "$site/leadsieve/libleadsieve.so.0"
got=$(env -u LEADSIEVE_LIBRARY "$py" -c "$check" "$site" "$req") || fail "next to the package"
[ "$got" = "$site/leadsieve/libleadsieve.so.0" ] || fail "next to the package: loaded $got"

# the README's example, from a copy of the repository root: what it prints
# is what the README shows, and the file it writes is the CLI's output
mkdir -p "$T/root/data"
cp -r "$LS_SOURCE_DIR/data/examples" "$T/root/data/"
/usr/bin/python3 - "$LS_SOURCE_DIR/README.md" "$T/example.py" "$T/example.want" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"<!-- python example[^\n]*\n```python\n(.*?)```\n\nprints\n\n```\n(.*?)```\n"
              r"<!-- end of python example -->", text, re.S)
if not m:
    sys.exit("FAIL: no python example in README.md")
open(sys.argv[2], "w").write(m.group(1))
open(sys.argv[3], "w").write(m.group(2))
PY
(cd "$T/root" && LEADSIEVE_LIBRARY=$LS_LIBRARY "$py" "$T/example.py" >"$T/example.got" 2>"$T/example.err") ||
    fail "the README's example failed: $(cat "$T/example.err")"
diff -u "$T/example.want" "$T/example.got" || fail "the README's example prints otherwise"
"$LEADSIEVE" filter -q --request "$T/root/data/examples/request.json" "$T/root/data/examples/leads/" >"$T/cli.json"
cmp -s "$T/cli.json" "$T/root/result.json" || fail "the example's result.json is not the CLI's output"
echo "python venv install: ok"
