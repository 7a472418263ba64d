#!/usr/bin/env bash
# Throughput of `leadsieve normalize` against the Python reference
# (tests/reference_norm.py) on job titles, both timed in one hyperfine run.
#
#   bench/normalize.sh [TSV...|DIR]
#
# TSV files have a header with a `title` (or `official_title`) column; a DIR
# means every *.tsv in it.  Default: tests/data/titles_sample.tsv.  For the
# full corpus pass the job-title corpora directory.
# Env: LEADSIEVE (default: a Release build in build-bench), RUNS (default 5).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "${LEADSIEVE:-}" ]; then
  # A timing build: a new compiler warning must not stop the measurement.
  cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release -DLS_BUILD_TESTS=OFF \
    -DLS_WERROR=OFF >/dev/null
  cmake --build "$root/build-bench" --target leadsieve_cli --parallel 2 >/dev/null
  LEADSIEVE=$root/build-bench/leadsieve
fi

inputs=("$@")
[ ${#inputs[@]} -gt 0 ] || inputs=("$root/tests/data/titles_sample.tsv")
[ ${#inputs[@]} -eq 1 ] && [ -d "${inputs[0]}" ] && inputs=("${inputs[0]}"/*.tsv)

# One title a line, raw bytes.
/usr/bin/python3 - "$work/titles.txt" "${inputs[@]}" <<'PY'
import sys
with open(sys.argv[1], "wb") as out:
    for path in sys.argv[2:]:
        lines = open(path, "rb").read().split(b"\n")
        head = lines[0].split(b"\t")
        col = head.index(b"title") if b"title" in head else head.index(b"official_title")
        out.writelines(l.split(b"\t")[col] + b"\n" for l in lines[1:] if l)
PY
n=$(wc -l < "$work/titles.txt")

"$LEADSIEVE" normalize < "$work/titles.txt" > "$work/c.out"
LS_SOURCE_DIR=$root /usr/bin/python3 "$root/tests/reference_norm.py" < "$work/titles.txt" > "$work/py.out"
same=$(paste -d $'\001' "$work/c.out" "$work/py.out" | awk -F $'\001' '$1 == $2' | wc -l)
awk -v s="$same" -v n="$n" 'BEGIN { printf "%d titles; identical to the reference: %d (%.4f%%)\n", n, s, 100 * s / n }'

hyperfine --style basic --warmup 1 --runs "$runs" --output=pipe --export-json "$work/h.json" \
  -n leadsieve "$LEADSIEVE normalize < $work/titles.txt" \
  -n python "LS_SOURCE_DIR=$root /usr/bin/python3 $root/tests/reference_norm.py < $work/titles.txt"

/usr/bin/python3 - "$work/h.json" "$n" <<'PY'
import json, sys
res = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
n = int(sys.argv[2])
for name, t in res.items():
    print("%-10s %12.0f titles/s  (%.4f s mean)" % (name, n / t, t))
print("ratio: leadsieve is %.1fx the Python reference" % (res["python"] / res["leadsieve"]))
PY
