#!/usr/bin/env bash
# The figures of `leadsieve serve` (bench/README.md, "serve"):
#   - start-up to the first page, and edit -> updated counts and table, on
#     100,000 leads, in Chromium (bench/serve_bench.js, Playwright);
#   - memory (RSS) with 1,000,000 leads loaded, and an edit's run there.
#
#   bench/serve.sh
#
# Env: BENCH_DIR (default /tmp/leadsieve-bench), EDITS (default 40),
#      LEADSIEVE (default: a Release build in build-bench), THREADS (default 2).
# The leads are bench/gen_leads.py's (JSONL, seed 1), generated once: 2.4 GB.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/leadsieve-bench}
threads=${THREADS:-2}
req=$root/data/examples/request.json
mkdir -p "$work"

if [ -z "${LEADSIEVE:-}" ]; then
  cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release -DLS_BUILD_TESTS=OFF \
    -DLS_WERROR=OFF >/dev/null
  cmake --build "$root/build-bench" --target leadsieve_cli --parallel 2 >/dev/null
  LEADSIEVE=$root/build-bench/leadsieve
fi
export LEADSIEVE
# playwright-core at the tests' pinned version
mods=$root/build-bench/browser
if [ ! -d "$mods/node_modules/playwright-core" ]; then
  mkdir -p "$mods"
  cp "$root/tests/browser/package.json" "$root/tests/browser/package-lock.json" "$mods/"
  (cd "$mods" && npm ci --no-audit --no-fund >/dev/null)
fi
export LS_NODE_MODULES=$mods/node_modules

gen=$work/serve-gen
big=$work/serve-1m.jsonl
small=$work/serve-100k.jsonl
# generated only when a cut is missing (2.4 GB of Python output)
if { [ ! -f "$big" ] || [ ! -f "$small" ]; } && [ ! -f "$gen/.done" ]; then
  rm -rf "$gen"
  /usr/bin/python3 "$root/bench/gen_leads.py" --out "$gen" --format jsonl --size 2400M --seed 1
  touch "$gen/.done"
fi
[ -f "$big" ] || head -n 1000000 "$gen/leads.jsonl" >"$big"
[ -f "$small" ] || head -n 100000 "$big" >"$small"

echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC'), leadsieve $("$LEADSIEVE" --version)"
echo "leads:   $(wc -l <"$small") in $(stat -c %s "$small") bytes; $(wc -l <"$big") in $(stat -c %s "$big") bytes"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== 100,000 leads in the browser, -j $threads"
LEADS_FILE=$small REQUEST=$req THREADS=$threads node "$root/bench/serve_bench.js"

echo
echo "== 1,000,000 leads loaded, -j $threads"
out=$work/serve-1m.out
err=$work/serve-1m.err
rm -f "$out" "$err"
start=$(date +%s.%N)
"$LEADSIEVE" serve -j "$threads" --request "$req" --save "$work/serve-1m.edited.json" "$big" \
  >"$out" 2>"$err" &
pid=$!
# SIGTERM: a command started with & by a script ignores SIGINT
trap 'kill $pid 2>/dev/null || true' EXIT
until [ -s "$out" ]; do
  kill -0 $pid 2>/dev/null || { cat "$err"; exit 1; }
  sleep 0.05
done
ready=$(date +%s.%N)
url=$(head -n 1 "$out")
echo "ready after $(/usr/bin/python3 -c "print(\"%.2f\" % ($ready - $start))") s: $(head -n 1 "$err")"
grep -E '^(VmRSS|VmHWM)' /proc/$pid/status
for i in 1 2 3 4 5; do
  curl -s -X POST -H 'Content-Type: application/json' --data-binary @"$req" "${url}api/evaluate" |
    /usr/bin/python3 -c 'import json, sys; d = json.load(sys.stdin); print("edit %d: run %.0f ms, evaluate %.0f ms, matched %d" % (d["gen"], d["ms"]["run"], d["ms"]["total"], d["funnel"]["matched"]))'
done
grep -E '^(VmRSS|VmHWM)' /proc/$pid/status
kill $pid
wait $pid || true
trap - EXIT
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
