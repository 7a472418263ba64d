#!/usr/bin/env bash
# Instructions per lead under callgrind: the noise-free figure (wall time on
# a shared machine is not).  Runs `leadsieve filter` on FILES generated
# API-response files (2,500 leads each) and on a 10-lead file (start-up),
# then on the same files re-shaped as v1 responses (bench/to_v1.py), then on
# as many bytes of varied response files (bench/gen_varied.py).
#
#   bench/callgrind.sh [FILES]        default 4 files = 10,000 leads
#
# Env: BENCH_DIR (default /tmp/leadsieve-bench), LEADSIEVE (default: a
# Release build in build-bench), KEEP=1 keeps callgrind.out files there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
files=${1:-4}
work=${BENCH_DIR:-/tmp/leadsieve-bench}
req=$root/data/examples/request.json
command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 1; }

if [ -z "${LEADSIEVE:-}" ]; then
  cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release -DLS_BUILD_TESTS=OFF \
    -DLS_WERROR=OFF >/dev/null
  cmake --build "$root/build-bench" --target leadsieve_cli --parallel 2 >/dev/null
  LEADSIEVE=$root/build-bench/leadsieve
fi

data=$work/callgrind-$files
if [ ! -f "$data/.done" ]; then
  rm -rf "$data"
  # gen_leads writes files of 2,500 leads; ~5.8 MB each
  /usr/bin/python3 "$root/bench/gen_leads.py" --out "$data" --size "$((files * 5800))K" --seed 1
  ls "$data"/*.json | tail -n +$((files + 1)) | xargs -r rm -f
  touch "$data/.done"
fi
leads=$(( $(ls "$data"/*.json | wc -l) * 2500 ))
v1=$data-v1
if [ ! -f "$v1/.done" ]; then
  rm -rf "$v1"
  /usr/bin/python3 "$root/bench/to_v1.py" "$data" "$v1"
  touch "$v1/.done"
fi
ten=$work/ten-leads.json
/usr/bin/python3 - "$data" "$ten" <<'PY'
import glob, json, sys
d = json.load(open(sorted(glob.glob(sys.argv[1] + "/*.json"))[0]))
d["leads"] = d["leads"][:10]
json.dump(d, open(sys.argv[2], "w"))
PY
ten1=$work/ten-leads-v1.json
/usr/bin/python3 - "$v1" "$ten1" <<'PY'
import glob, json, sys
d = json.load(open(sorted(glob.glob(sys.argv[1] + "/*.json"))[0]))
d["data"]["leads"] = d["data"]["leads"][:10]
json.dump(d, open(sys.argv[2], "w"))
PY

irefs() { # irefs OUT CMD...: instructions executed by CMD
  local out=$1; shift
  valgrind --tool=callgrind --callgrind-out-file="$out" "$@" 2>&1 >/dev/null |
    sed -n 's/.*refs: *//p' | tr -d ','
}
cg=$work/callgrind.out
full=$(irefs "$cg.filter" "$LEADSIEVE" filter -q --request "$req" "$data")
start=$(irefs "$cg.ten" "$LEADSIEVE" filter -q --request "$req" "$ten")
echo "leadsieve filter, $leads leads ($(du -sh "$data" | cut -f1)):"
echo "  instructions total      $full"
echo "  instructions per lead   $(( (full - start) / leads ))  (start-up excluded)"
echo "  start-up + 10 leads     $start"
full1=$(irefs "$cg.v1" "$LEADSIEVE" filter -q --request "$req" "$v1")
start1=$(irefs "$cg.ten1" "$LEADSIEVE" filter -q --request "$req" "$ten1")
per=$(( (full - start) / leads )) per1=$(( (full1 - start1) / leads ))
echo "the same leads as v1 responses:"
echo "  instructions per lead   $per1  ($(awk "BEGIN { printf \"%.3f\", $per1 / $per }") x by_icp)"
var=$work/callgrind-varied-$files
if [ ! -f "$var/.done" ]; then
  rm -rf "$var"
  /usr/bin/python3 "$root/bench/gen_varied.py" --out "$var" --size "$(cat "$data"/*.json | wc -c)" --seed 1
  touch "$var/.done"
fi
vleads=$(/usr/bin/python3 -c 'import glob, json, sys
print(sum(len(json.load(open(f))["leads"]) for f in glob.glob(sys.argv[1] + "/*.json")))' "$var")
fullv=$(irefs "$cg.varied" "$LEADSIEVE" filter -q --request "$req" "$var")
perv=$(( (fullv - start) / vleads ))
echo "varied leads (gen_varied.py), $vleads leads ($(du -sh "$var" | cut -f1)):"
echo "  instructions per lead   $perv  ($(awk "BEGIN { printf \"%.3f\", $perv / $per }") x uniform)"
echo
echo "top functions (self):"
callgrind_annotate "$cg.filter" 2>/dev/null | sed -n '/file:function/,$p' | sed -n '3,14p' |
  sed -E 's/ \[[^]]*\]$//; s#/[^ ]*/src/#src/#'
[ "${KEEP:-0}" = 1 ] || rm -f "$cg.filter" "$cg.ten" "$cg.v1" "$cg.ten1" "$cg.varied"
