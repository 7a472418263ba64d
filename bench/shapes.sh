#!/usr/bin/env bash
# leadsieve filter -j 1 and -j 2 on every input shape users have, each next
# to the floor for reading it (cat, zcat, zstd -dc), ALL in one hyperfine
# invocation so that every ratio shares the machine's load.
#
#   bench/shapes.sh [SIZE]     (bench/run.sh calls it; SIZE default 1G)
#
# Shapes (SHAPES="uniform varied ..." picks a subset; default all):
#   uniform   gen_leads.py response files (~6 MB each), today's benchmark
#   varied    gen_varied.py response files, the same number of bytes
#   jsonl     one varied JSONL file of SIZE
#   array     one varied JSON array file of SIZE
#   response  one varied response {"leads": [...]} of SIZE
#   gz, zst   the varied response files as .json.gz / .json.zst (gzip -6,
#             zstd -3), with zcat / zstd -dc to /dev/null as the floors, and
#             igzip -dc (ISA-L, when installed) as a second floor for gz
# Env: BENCH_DIR (default /tmp/leadsieve-bench), RUNS (3), WARMUP (1),
#      LEADSIEVE (default: a Release build in build-bench), KEEP_DATA=0 removes
#      the generated varied inputs at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-1G}
work=${BENCH_DIR:-/tmp/leadsieve-bench}
runs=${RUNS:-3}
warmup=${WARMUP:-1}
shapes=${SHAPES:-uniform varied jsonl array response gz zst}
req=$root/data/examples/request.json
gen=$root/bench/gen_varied.py
if [ -z "${LEADSIEVE:-}" ]; then
  cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release -DLS_BUILD_TESTS=OFF \
    -DLS_WERROR=OFF >/dev/null
  cmake --build "$root/build-bench" --target leadsieve_cli --parallel 2 >/dev/null
  LEADSIEVE=$root/build-bench/leadsieve
fi
bin=$LEADSIEVE
mkdir -p "$work"
has() { [[ " $shapes " == *" $1 "* ]]; }
made() { [ -f "$1/.done" ]; }

# Inputs, generated once and kept across runs (1 GB each at the default).
uni=$work/data-$size
# the uniform files are generated only for the shapes that need them (the
# varied files are made as many bytes as they are)
if { has uniform || { { has varied || has gz || has zst; } && ! made "$work/varied-$size"; }; } &&
   ! made "$uni"; then
  rm -rf "$uni"; /usr/bin/python3 "$root/bench/gen_leads.py" --out "$uni" --size "$size" --seed 1
  touch "$uni/.done"
fi
unibytes=$(made "$uni" && cat "$uni"/*.json | wc -c || echo 0)
var=$work/varied-$size
if { has varied || has gz || has zst; } && ! made "$var"; then
  # the same number of bytes as the uniform files
  rm -rf "$var"; /usr/bin/python3 "$gen" --out "$var" --size "$unibytes" --seed 1
  touch "$var/.done"
fi
one() { # one FORMAT: a single varied file of SIZE
  local d=$work/varied-$1-$size
  if ! made "$d"; then
    rm -rf "$d"; /usr/bin/python3 "$gen" --out "$d" --size "$size" --seed 2 --format "$1"
    touch "$d/.done"
  fi
  echo "$d"
}
pack() { # pack EXT CMD...: the varied files compressed, one .json.EXT each
  local d=$work/varied-$1-$size ext=$1; shift
  if ! made "$d"; then
    rm -rf "$d"; mkdir -p "$d"
    for f in "$var"/*.json; do "$@" <"$f" >"$d/$(basename "$f").$ext"; done
    touch "$d/.done"
  fi
  echo "$d"
}

cmds=() names=() sizes=()
add() { names+=("$1"); cmds+=("$2"); sizes+=("$3"); }
shape() { # shape NAME FLOOR-NAME FLOOR-CMD INPUT BYTES
  add "$2 $1" "$3" "$5"
  add "leadsieve -j 1 $1" "$bin filter -q -j 1 --request $req $4 > /dev/null" "$5"
  add "leadsieve -j 2 $1" "$bin filter -q -j 2 --request $req $4 > /dev/null" "$5"
  # the same output and report whatever -j, byte for byte
  "$bin" filter -j 1 --request "$req" "$4" >"$work/shape-j1.out" 2>"$work/shape-j1.err"
  "$bin" filter -j 2 --request "$req" "$4" >"$work/shape-j2.out" 2>"$work/shape-j2.err"
  cmp -s "$work/shape-j1.out" "$work/shape-j2.out" && cmp -s "$work/shape-j1.err" "$work/shape-j2.err" &&
    echo "check: $1: -j 2 output and report identical to -j 1" ||
    echo "check: $1: -j 2 output or report DIFFERS from -j 1"
}
vbytes() { cat "$var"/*.json | wc -c; }
has uniform && shape uniform cat "cat $uni/*.json > /dev/null" "$uni" "$unibytes"
has varied && shape varied cat "cat $var/*.json > /dev/null" "$var" "$(vbytes)"
for f in jsonl array response; do
  if has $f; then
    d=$(one $f); file=$(ls "$d"/*.json* | head -1)
    shape "$f" cat "cat $file > /dev/null" "$file" "$(wc -c <"$file")"
  fi
done
if has gz; then
  d=$(pack gz gzip -6)
  # ISA-L's own command (Debian package isal), the fastest gzip decompressor
  # here, as a second floor: leadsieve reads gzip with the same library
  if command -v igzip >/dev/null; then
    add "igzip -dc gz" "igzip -dc $d/*.json.gz > /dev/null" "$(vbytes)"
  fi
  shape gz zcat "zcat $d/*.json.gz > /dev/null" "$d" "$(vbytes)"
fi
if has zst; then
  d=$(pack zst zstd -q -3)
  shape zst "zstd -dc" "zstd -dc $d/*.json.zst > /dev/null" "$d" "$(vbytes)"
fi
rm -f "$work"/shape-j[12].out "$work"/shape-j[12].err

args=()
for k in "${!cmds[@]}"; do args+=(-n "${names[$k]}" "${cmds[$k]}"); done
load0=$(cut -d' ' -f1-3 /proc/loadavg)
# a file of this run's own: runs sharing BENCH_DIR do not mix their results
json=$(mktemp "$work/shapes.XXXXXX.json")
hyperfine --warmup "$warmup" --runs "$runs" --export-json "$json" "${args[@]}" >&2
load1=$(cut -d' ' -f1-3 /proc/loadavg)

/usr/bin/python3 - "$json" "$load0" "$load1" "${sizes[@]}" <<'EOF'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
sizes = [int(s) for s in sys.argv[4:]]
print("\nshapes: load average (1, 5, 15 min): %s before, %s after" % (sys.argv[2], sys.argv[3]))
print("\n| shape | floor | floor s | -j 1 s | -j 2 s | -j 1 MB/s | -j 1 / floor speed | -j 2 / -j 1 speed | CPU s -j 1 / -j 2 |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
t = {r["command"]: r["median"] for r in res}
extra = []
k = 0
while k < len(res):
    if not res[k + 1]["command"].startswith("leadsieve"):  # a second floor
        extra.append((res[k]["command"], res[k]["median"]))
        k += 1
        continue
    fl, j1, j2 = res[k], res[k + 1], res[k + 2]
    shape = j1["command"].split()[-1]
    floor = fl["command"][: -len(shape) - 1]
    print("| %s | %s | %.3f | %.3f | %.3f | %.0f | %.1f%% | %.2f | %.2f / %.2f |" % (
        shape, floor, fl["median"], j1["median"], j2["median"], sizes[k + 1] / j1["median"] / 1e6,
        100 * fl["median"] / j1["median"], j1["median"] / j2["median"],
        j1["user"] + j1["system"], j2["user"] + j2["system"]))
    k += 3
for name, sec in extra:
    print("\nsecond floor: %s %.3f s" % (name, sec))
# issue 16: compressed <= 1.2 x max(fastest decompressor alone, leadsieve on
# the same leads uncompressed), at -j 1 and at the default -j (2 here)
for ext, floors in (("gz", ("zcat gz", "igzip -dc gz")), ("zst", ("zstd -dc zst",))):
    if "leadsieve -j 1 " + ext not in t or "leadsieve -j 1 varied" not in t:
        continue
    fast = min((t[f], f) for f in floors if f in t)
    for j in ("1", "2"):
        got = t["leadsieve -j %s %s" % (j, ext)]
        plain = t["leadsieve -j %s varied" % j]
        bar = max(fast[0], plain)
        print(".%s -j %s: %.3f s = %.2f x max(%s %.3f s, uncompressed -j %s %.3f s) (target <= 1.2)"
              % (ext, j, got, got / bar, fast[1].rsplit(" ", 1)[0], fast[0], j, plain))
EOF
rm -f "$json"
if [ "${KEEP_DATA:-1}" = 0 ]; then
  rm -rf "$var" "$work"/varied-*-"$size"
fi
