#!/usr/bin/env bash
# Runs the whole benchmark and prints a table of ratios.
#
#   bench/run.sh [SIZE]        SIZE of generated API-response files (default 1G)
#
# Env: BENCH_DIR (default /tmp/leadsieve-bench), RUNS (default 3),
#      PY_RUNS_SUBSET=1 to time the Python baseline on a tenth of the files.
# Every figure is measured in one hyperfine invocation so that the ratios
# compare runs under the same machine load.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-1G}
work=${BENCH_DIR:-/tmp/leadsieve-bench}
runs=${RUNS:-3}
need=()
for p in hyperfine jq python3-unidecode time; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build" --parallel 2 >/dev/null
bin=$root/build/leadsieve
req=$root/data/examples/request.json

data=$work/data-$size
if [ ! -f "$data/.done" ]; then
  rm -rf "$data"
  /usr/bin/python3 "$root/bench/gen_leads.py" --out "$data" --size "$size" --seed 1
  touch "$data/.done"
fi
bytes=$(cat "$data"/*.json | wc -c)
leads=$(( $(ls "$data"/*.json | wc -l) * 2500 ))
echo "input: $bytes bytes in $(ls "$data"/*.json | wc -l) files, $leads leads"

# Same output from leadsieve with one and two threads, byte for byte.
"$bin" filter -q --request "$req" "$data" > "$work/out-j1.json"
"$bin" filter -q -j 2 --request "$req" "$data" > "$work/out-j2.json"
cmp "$work/out-j1.json" "$work/out-j2.json" && echo "-j 2 output identical to -j 1"

files="$data/*.json"
hyperfine --warmup 1 --runs "$runs" --export-json "$work/results.json" \
  -n cat "cat $files > /dev/null" \
  -n "jq -c .leads[]" "jq -c '.leads[]' $files > /dev/null" \
  -n "jq naive filter" "jq -c '.leads[] | select((.job_title // \"\") | ascii_downcase | test(\"marketing|sales|product\"))' $files > /dev/null" \
  -n "python baseline" "/usr/bin/python3 $root/bench/baseline/filter.py $req $files > /dev/null" \
  -n "leadsieve -j 1" "$bin filter -q --request $req $data > /dev/null" \
  -n "leadsieve -j 2" "$bin filter -q -j 2 --request $req $data > /dev/null"

/usr/bin/python3 - "$work/results.json" "$bytes" "$leads" <<'EOF'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
size, leads = int(sys.argv[2]), int(sys.argv[3])
t = {r["command"]: r["median"] for r in res}
ls1 = t["leadsieve -j 1"]
print("\n| command | median s | MB/s | leads/s | leadsieve -j 1 is N x faster |")
print("|---|---:|---:|---:|---:|")
for name, sec in t.items():
    print("| %s | %.3f | %.0f | %.0f | %.2f |" % (name, sec, size / sec / 1e6, leads / sec, sec / ls1))
print("\nleadsieve -j 1 throughput = %.0f%% of cat; -j 2 speed-up = %.2fx"
      % (100 * t["cat"] / ls1, ls1 / t["leadsieve -j 2"]))
EOF

echo
echo "peak RSS, leadsieve -j 1 on the whole input:"
/usr/bin/time -v "$bin" filter -q --request "$req" "$data" 2>&1 >/dev/null | grep -E "Maximum resident"
