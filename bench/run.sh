#!/usr/bin/env bash
# Runs the whole benchmark and prints a table of ratios (bench/README.md).
#
#   bench/run.sh [SIZE]        SIZE of generated API-response files (default 1G)
#
# The same leads re-shaped as v1 search responses (bench/to_v1.py) are timed
# in the same hyperfine invocation: "leadsieve v1 -j 1" against "leadsieve -j 1".
#
# Then bench/shapes.sh: -j 1 and -j 2 on uniform and varied response files,
# one JSONL file, one JSON array, one big response, .json.gz and .json.zst,
# each next to cat / zcat / zstd -dc, in a second hyperfine invocation.
# SHAPES="classic varied ..." runs a subset ("classic" is the table below
# against jq and Python; the others are shapes.sh's).
#
# Env: BENCH_DIR (default /tmp/leadsieve-bench), RUNS (default 3),
#      WARMUP (default 1), LEADSIEVE (default: a Release build in build-bench).
# Every throughput figure is measured in ONE hyperfine invocation so that the
# ratios compare runs under the same machine load; the load average before
# and after is printed with them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-1G}
work=${BENCH_DIR:-/tmp/leadsieve-bench}
runs=${RUNS:-3}
warmup=${WARMUP:-1}
need=()
for p in hyperfine jq python3-unidecode time; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

if [ -z "${LEADSIEVE:-}" ]; then
  # A timing build of its own: a new compiler warning must not stop it.
  cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release -DLS_BUILD_TESTS=OFF \
    -DLS_WERROR=OFF >/dev/null
  cmake --build "$root/build-bench" --target leadsieve_cli --parallel 2 >/dev/null
  LEADSIEVE=$root/build-bench/leadsieve
fi
bin=$LEADSIEVE
shapes=${SHAPES:-classic uniform varied jsonl array response gz zst}
rest=${shapes//classic/}
if [[ " $shapes " != *" classic "* ]]; then
  SHAPES=$rest LEADSIEVE=$bin exec "$root/bench/shapes.sh" "$size"
fi
req=$root/data/examples/request.json
mkdir -p "$work"

data=$work/data-$size
if [ ! -f "$data/.done" ]; then
  rm -rf "$data"
  /usr/bin/python3 "$root/bench/gen_leads.py" --out "$data" --size "$size" --seed 1
  touch "$data/.done"
fi
nfiles=$(ls "$data"/*.json | wc -l)
bytes=$(cat "$data"/*.json | wc -c)
leads=$((nfiles * 2500))
# the same leads as v1 responses: {"data": {"leads": [...]}}, company_* in
# a nested "company", sales_id as lead_id, jobs as work_history
v1=$work/v1-$size
if [ ! -f "$v1/.done" ]; then
  rm -rf "$v1"
  /usr/bin/python3 "$root/bench/to_v1.py" "$data" "$v1"
  touch "$v1/.done"
fi
v1bytes=$(cat "$v1"/*.json | wc -c)
ten=$work/ten-leads.json
/usr/bin/python3 - "$data" "$ten" <<'PY'
import glob, json, sys
d = json.load(open(sorted(glob.glob(sys.argv[1] + "/*.json"))[0]))
d["leads"] = d["leads"][:10]
json.dump(d, open(sys.argv[2], "w"))
PY

echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "input:   $bytes bytes in $nfiles files, $leads leads"
echo "v1 copy: $v1bytes bytes, the same leads"

# Same output from leadsieve with one and two threads, byte for byte.
"$bin" filter -q -j 1 --request "$req" "$data" >"$work/out-j1.json"
"$bin" filter -q -j 2 --request "$req" "$data" >"$work/out-j2.json"
cmp "$work/out-j1.json" "$work/out-j2.json" && echo "check:   -j 2 output identical to -j 1"
# The v1 copy gives the same leads (the v1 reading of addendum §1).
"$bin" filter -q -j 1 --request "$req" "$v1" >"$work/out-v1.json"
cmp <(jq -c '[.leads[] | .sales_id]' "$work/out-j1.json") \
    <(jq -c '[.leads[] | .lead_id]' "$work/out-v1.json") &&
  echo "check:   the v1 copy returns the same leads"

files="$data/*.json"
load0=$(cut -d' ' -f1-3 /proc/loadavg)
hyperfine --warmup "$warmup" --runs "$runs" --export-json "$work/results.json" \
  -n cat "cat $files > /dev/null" \
  -n "jq -c .leads[]" "jq -c '.leads[]' $files > /dev/null" \
  -n "jq naive filter" "jq -c '.leads[] | select((.job_title // \"\") | ascii_downcase | test(\"marketing|sales|product\"))' $files > /dev/null" \
  -n "python baseline" "/usr/bin/python3 $root/bench/baseline/filter.py $req $files > /dev/null" \
  -n "leadsieve -j 1" "$bin filter -q -j 1 --request $req $data > /dev/null" \
  -n "leadsieve v1 -j 1" "$bin filter -q -j 1 --request $req $v1 > /dev/null" \
  -n "leadsieve -j 2" "$bin filter -q -j 2 --request $req $data > /dev/null" >&2
load1=$(cut -d' ' -f1-3 /proc/loadavg)

# Start-up: a 10-lead file, no shell in between (-N).
hyperfine -N --warmup 20 --runs 200 --export-json "$work/startup.json" \
  -n "leadsieve, 10 leads" "$bin filter -q --request $req $ten" >&2

rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
rss1=$(rss "$bin" filter -q -j 1 --request "$req" "$data")
rss2=$(rss "$bin" filter -q -j 2 --request "$req" "$data")

/usr/bin/python3 - "$work/results.json" "$work/startup.json" "$bytes" "$leads" \
  "$load0" "$load1" "$rss1" "$rss2" "$v1bytes" <<'EOF'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
st = json.load(open(sys.argv[2]))["results"][0]
size, leads = int(sys.argv[3]), int(sys.argv[4])
sizes = {"leadsieve v1 -j 1": int(sys.argv[9])}  # the v1 copy's own bytes
t = {r["command"]: r for r in res}
ls1 = t["leadsieve -j 1"]["median"]
print("\nload average (1, 5, 15 min): %s before, %s after" % (sys.argv[5], sys.argv[6]))
print("\n| command | median s | CPU s (user+sys) | MB/s | leads/s | leadsieve -j 1 is N x faster |")
print("|---|---:|---:|---:|---:|---:|")
for name, r in t.items():
    sec = r["median"]
    print("| %s | %.3f | %.3f | %.0f | %.0f | %.2f |" % (
        name, sec, r["user"] + r["system"], sizes.get(name, size) / sec / 1e6, leads / sec,
        sec / ls1))
ls2 = t["leadsieve -j 2"]["median"]
print("\nleadsieve -j 1 throughput = %.0f%% of cat's; -j 2 speed-up = %.2fx"
      % (100 * t["cat"]["median"] / ls1, ls1 / ls2))
print("python baseline / leadsieve: %.1fx with -j 1, %.1fx with -j 2; jq -c .leads[] / leadsieve -j 1: %.1fx"
      % (t["python baseline"]["median"] / ls1, t["python baseline"]["median"] / ls2,
         t["jq -c .leads[]"]["median"] / ls1))
v1 = t["leadsieve v1 -j 1"]
print("v1-shaped / by_icp, one thread: %.3f (means %.3f / %.3f s), %.3f (medians), "
      "%.3f (CPU s)" % (v1["mean"] / t["leadsieve -j 1"]["mean"], v1["mean"],
                        t["leadsieve -j 1"]["mean"], v1["median"] / ls1,
                        (v1["user"] + v1["system"]) /
                        (t["leadsieve -j 1"]["user"] + t["leadsieve -j 1"]["system"])))
print("start-up + 10 leads: median %.2f ms (mean %.2f, min %.2f)"
      % (st["median"] * 1e3, st["mean"] * 1e3, st["min"] * 1e3))
print("peak RSS on the whole input: -j 1 %d MB, -j 2 %d MB"
      % (int(sys.argv[7]) // 1024, int(sys.argv[8]) // 1024))
EOF
if [ -n "${rest// /}" ]; then
  SHAPES=$rest LEADSIEVE=$bin "$root/bench/shapes.sh" "$size"
fi
