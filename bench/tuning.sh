#!/usr/bin/env bash
# What naming every lead costs: score (every miss kept, --misses), explain,
# diff (both requests traced for the reasons) and filter (--fields names
# counted over every lead read; the why-columns) against a base binary,
# all in ONE hyperfine invocation (bench/README.md, "Tuning tools").
#
#   bench/tuning.sh [SIZE]     SIZE of generated API-response files (default 220M)
#
# Env: BASE (required: the leadsieve binary to compare with, e.g. a Release
#      build of main), LEADSIEVE (default: a Release build in build-bench),
#      BENCH_DIR (default /tmp/leadsieve-bench), RUNS (default 5), WARMUP (1).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-220M}
work=${BENCH_DIR:-/tmp/leadsieve-bench}
runs=${RUNS:-5}
warmup=${WARMUP:-1}
base=${BASE:?BASE=path to the leadsieve binary to compare with}
if [ -z "${LEADSIEVE:-}" ]; then
  cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release -DLS_BUILD_TESTS=OFF \
    -DLS_WERROR=OFF >/dev/null
  cmake --build "$root/build-bench" --target leadsieve_cli --parallel 2 >/dev/null
  LEADSIEVE=$root/build-bench/leadsieve
fi
bin=$LEADSIEVE
mkdir -p "$work"
data=$work/data-$size
if [ ! -f "$data/.done" ]; then
  rm -rf "$data"
  /usr/bin/python3 "$root/bench/gen_leads.py" --out "$data" --size "$size" --seed 1
  touch "$data/.done"
fi
# the documentation's request without limit_by, and one persona changed
# for diff; labels drawn at random (seeded) among its personas and "-", so
# that most scored leads are misses: the most a score keeps
req=$work/tuning-request.json
new=$work/tuning-request-new.json
labels=$work/tuning-labels-$size.tsv
/usr/bin/python3 - "$root/data/examples/request.json" "$req" "$new" "$data" "$labels" <<'PY'
import glob, json, random, sys
r = json.load(open(sys.argv[1]))
r.pop("limit_by", None)
json.dump(r, open(sys.argv[2], "w"))
r["personas"][0][2] = r["personas"][0][2] + ["Head"]
json.dump(r, open(sys.argv[3], "w"))
names = [p[0] for p in r["personas"]] + ["-"]
rng = random.Random(1)
with open(sys.argv[5], "w") as out:
    for f in sorted(glob.glob(sys.argv[4] + "/*.json")):
        for lead in json.load(open(f))["leads"]:
            out.write("%s\t%s\n" % (lead["sales_id"], rng.choice(names)))
PY
nleads=$(wc -l <"$labels")
echo "leads: $nleads in $(ls "$data"/*.json | wc -l) files, $(cat "$data"/*.json | wc -c) bytes"
"$bin" score -q --request "$req" --labels "$labels" --misses "$work/m.tsv" "$data" >/dev/null
"$base" score -q --format json --request "$req" --labels "$labels" "$data" >"$work/base-score.json"
"$bin" score -q --format json --request "$req" --labels "$labels" "$data" >"$work/score.json"
echo "misses: $(($(wc -l <"$work/m.tsv") - 1)) rows; score JSON $(wc -c <"$work/base-score.json") bytes" \
     "before, $(wc -c <"$work/score.json") with every miss"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --runs "$runs" --warmup "$warmup" --export-json "$work/tuning.json" \
  -n "base score" "$base score -q --request $req --labels $labels $data >/dev/null" \
  -n "score" "$bin score -q --request $req --labels $labels $data >/dev/null" \
  -n "base score json" "$base score -q --format json --request $req --labels $labels $data >/dev/null" \
  -n "score json" "$bin score -q --format json --request $req --labels $labels $data >/dev/null" \
  -n "score --misses" "$bin score -q --request $req --labels $labels --misses $work/m.tsv $data >/dev/null" \
  -n "base explain" "$base explain --format jsonl --request $req $data >/dev/null" \
  -n "explain" "$bin explain --format jsonl --request $req $data >/dev/null" \
  -n "base diff" "$base diff -q --format json --request $new --against $req $data >/dev/null" \
  -n "diff" "$bin diff -q --format json --request $new --against $req $data >/dev/null" \
  -n "base filter --fields" "$base filter -q -j 1 --format csv --fields full_name,job_title,jobs[0].job_title --request $req $data >/dev/null 2>&1" \
  -n "filter --fields" "$bin filter -q -j 1 --format csv --fields full_name,job_title,jobs[0].job_title --request $req $data >/dev/null" \
  -n "filter why-columns" "$bin filter -q -j 1 --format csv --fields full_name,@title,@norm,@persona,@function,@seniority --request $req $data >/dev/null"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
