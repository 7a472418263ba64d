#!/usr/bin/env bash
# The SQLite extension against Python UDFs, 1,000,000 rows of real titles
# (bench/sqlite.py has the method): every query timed in ONE hyperfine run
# (whole processes: Python's start, the extension loaded, the query), then
# each query once more timed inside its process for rows per second.
#
#   bench/sqlite.sh
#
# Env: BENCH_DIR (default /tmp/leadsieve-bench), RUNS (default 5),
#      LS_SQLITE_EXT (default: a Release build in build-bench).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/leadsieve-bench}
runs=${RUNS:-5}
py=/usr/bin/python3
for p in hyperfine python3-unidecode; do
  dpkg -s "$p" >/dev/null 2>&1 || { echo "bench/sqlite.sh: needs $p (apt-get install $p)" >&2; exit 1; }
done

if [ -z "${LS_SQLITE_EXT:-}" ]; then
  # A timing build of its own: a new compiler warning must not stop it.
  cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release -DLS_BUILD_TESTS=OFF \
    -DLS_WERROR=OFF >/dev/null
  cmake --build "$root/build-bench" --target leadsieve_sqlite --parallel 2 >/dev/null
  LS_SQLITE_EXT=$root/build-bench/libleadsieve_sqlite.so
fi
mkdir -p "$work"
db=$work/titles-1m.db
[ -f "$db" ] || $py "$root/bench/sqlite.py" prepare "$db"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
cmds=()
for mode in scan ext udf ext-norm udf-norm; do
  cmds+=(-n "$mode" "$py $root/bench/sqlite.py run $mode $db $LS_SQLITE_EXT")
done
hyperfine -N --runs "$runs" --warmup 1 --export-markdown "$work/sqlite.md" "${cmds[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$work/sqlite.md"
echo "in the process, the query alone (best of 3):"
for mode in scan ext udf ext-norm udf-norm; do
  for _ in 1 2 3; do $py "$root/bench/sqlite.py" run "$mode" "$db" "$LS_SQLITE_EXT"; done |
    sort -t, -k2 -g | sed -n 1p
done
