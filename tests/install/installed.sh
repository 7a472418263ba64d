#!/bin/bash
# The library as a user gets it: `cmake --install` into a fresh prefix, then
# examples/match_titles.c built against that prefix alone, once with
# pkg-config and once with find_package(leadsieve), and run.
set -euo pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
prefix=$T/prefix
cmake --install "$LS_BUILD_DIR" --prefix "$prefix" >"$T/install.log" ||
    fail "cmake --install: $(cat "$T/install.log")"

lib=$(find "$prefix" -name 'libleadsieve.so.0' | head -n 1)
[ -n "$lib" ] || fail "no libleadsieve.so.0 installed: $(find "$prefix")"
libdir=$(dirname "$lib")
soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = libleadsieve.so.0 ] || fail "SONAME is '$soname'"
[ -f "$prefix/include/leadsieve.h" ] || fail "no include/leadsieve.h"
[ -f "$prefix/include/leadsieve/tools.h" ] || fail "no include/leadsieve/tools.h"
# only the public headers: nothing of src/ is installed
[ "$(find "$prefix/include" -type f | wc -l)" = 2 ] || fail "extra headers: $(find "$prefix/include")"
# the SQLite extension is installed beside the library and finds it there
ext=$(find "$prefix" -name 'libleadsieve_sqlite.so' | head -n 1)
[ "$(dirname "${ext:-/}")" = "$libdir" ] || fail "libleadsieve_sqlite.so not in $libdir: $(find "$prefix")"
linked=$(ldd "$ext")
grep -q "$prefix/.*libleadsieve.so.0" <<<"$linked" ||
    fail "installed SQLite extension does not use the installed library: $linked"
# the installed command finds the installed library (its RUNPATH)
# (ldd's output is taken whole first: grep -q may stop reading it early, and
# under pipefail ldd's broken pipe would fail the check at random)
linked=$(ldd "$prefix/bin/leadsieve")
grep -q "$prefix/.*libleadsieve.so.0" <<<"$linked" ||
    fail "installed CLI does not use the installed library: $linked"
"$prefix/bin/leadsieve" --version >"$T/v" || fail "installed CLI does not run"

cat >"$T/req.json" <<'JSON'
{"without_company": true,
 "personas": [["Sales", ["sales"], ["vp", "head"], ["intern"]],
              ["Founders", ["founder"], [], [], -1]]}
JSON
printf 'VP Sales\nCo-Founder & CEO\nSales Intern\nHead of Sales\n' >"$T/titles"
printf 'Sales\tVP Sales\nFounders\tCo-Founder & CEO\n-\tSales Intern\nSales\tHead of Sales\n' >"$T/want"

# pkg-config, from the installed .pc file; no -I into the source tree.
export PKG_CONFIG_PATH=$libdir/pkgconfig
[ "$(pkg-config --modversion leadsieve)" = "$(sed 's/^leadsieve //' "$T/v")" ] ||
    fail "pkg-config version $(pkg-config --modversion leadsieve) vs $(cat "$T/v")"
# shellcheck disable=SC2046,SC2086  # flags are words
cc -std=c11 -Wall -Werror ${LS_SANITIZE_FLAGS:-} "$LS_SOURCE_DIR/examples/match_titles.c" \
    $(pkg-config --cflags --libs leadsieve) -o "$T/pc_match_titles" ||
    fail "example does not build with pkg-config"
LD_LIBRARY_PATH=$libdir "$T/pc_match_titles" "$T/req.json" <"$T/titles" >"$T/got" ||
    fail "pkg-config example failed"
cmp -s "$T/got" "$T/want" || fail "pkg-config example printed: $(cat "$T/got")"

# find_package(leadsieve) from a project of its own.
cmake -S "$LS_SOURCE_DIR/tests/install" -B "$T/cm" -DCMAKE_PREFIX_PATH="$prefix" \
      -DEXAMPLE_SOURCE="$LS_SOURCE_DIR/examples/match_titles.c" \
      -DCMAKE_C_FLAGS="${LS_SANITIZE_FLAGS:-}" >"$T/cm.log" 2>&1 ||
    fail "find_package project: $(cat "$T/cm.log")"
cmake --build "$T/cm" >>"$T/cm.log" 2>&1 || fail "find_package build: $(cat "$T/cm.log")"
"$T/cm/match_titles" "$T/req.json" <"$T/titles" >"$T/got" || fail "find_package example failed"
cmp -s "$T/got" "$T/want" || fail "find_package example printed: $(cat "$T/got")"

# an invalid request: the example reports the API's problems, exit 2
echo '{"personas": 5}' >"$T/bad.json"
rc=0
LD_LIBRARY_PATH=$libdir "$T/pc_match_titles" "$T/bad.json" </dev/null 2>"$T/err" || rc=$?
[ "$rc" = 2 ] || fail "invalid request: exit $rc"
grep -q '^personas: ' "$T/err" || fail "invalid request: $(cat "$T/err")"
echo "1 passed, 0 failed"
