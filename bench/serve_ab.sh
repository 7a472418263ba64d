#!/usr/bin/env bash
# Two builds of `leadsieve serve` edited side by side in one Chromium
# (bench/serve_ab.js), on the 100,000 leads of bench/serve.sh: on a machine
# shared with other work, their ratio is the figure to trust.
#
#   bench/serve_ab.sh OLD_LEADSIEVE NEW_LEADSIEVE
#
# Env: BENCH_DIR (default /tmp/leadsieve-bench, with serve-100k.jsonl from
#      bench/serve.sh), EDITS (40), PAUSE_MS (600), THREADS (2),
#      LS_NODE_MODULES (default: build-bench/browser/node_modules, as
#      bench/serve.sh installs it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/leadsieve-bench}
[ $# -eq 2 ] || { echo "usage: bench/serve_ab.sh OLD_LEADSIEVE NEW_LEADSIEVE" >&2; exit 2; }
[ -f "$work/serve-100k.jsonl" ] || { echo "run bench/serve.sh first ($work/serve-100k.jsonl)" >&2; exit 1; }
export LS_NODE_MODULES=${LS_NODE_MODULES:-$root/build-bench/browser/node_modules}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
LEADSIEVE_A=$1 LEADSIEVE_B=$2 LEADS_FILE=$work/serve-100k.jsonl \
  REQUEST=$root/data/examples/request.json node "$root/bench/serve_ab.js"
