#!/usr/bin/env bash
# The codecs alone (bench/codecs.c): zlib and ISA-L on the varied .json.gz
# files, libzstd on the .json.zst files with 1 MiB and 128 KiB output
# buffers, streaming as src/readers/decode.c does, RUNS times each.
#   bench/codecs.sh          (BENCH_DIR as for shapes.sh, SIZE default 1G)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/leadsieve-bench}
size=${SIZE:-1G}
runs=${RUNS:-3}
bin=$work/codecs
cc -O2 -o "$bin" "$root/bench/codecs.c" -lz -lzstd -lisal
gz=("$work/varied-gz-$size"/*.json.gz)
zst=("$work/varied-zst-$size"/*.json.zst)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$runs"); do
  "$bin" zlib 1024 "${gz[@]}"
  "$bin" isal 1024 "${gz[@]}"
  "$bin" zstd 1024 "${zst[@]}"
  "$bin" zstd 128 "${zst[@]}"
done
