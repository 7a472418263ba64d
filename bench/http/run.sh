#!/usr/bin/env bash
# HTTP server library for `leadsieve serve` (bench/README.md): the same tiny
# server (common.h) on libmicrohttpd, libevent's evhttp, CivetWeb and
# libsoup 3, each measured with wrk for what the page does:
#   - one client, requests one after another on a kept-alive connection
#     (latency p50/p99): GET of a 200 KB JSON page, POST of 20 KB of JSON;
#   - 8 concurrent clients (requests per second), same two requests;
# plus start-up to the first answer, RSS idle and after the load, and the
# shared libraries each one brings in.  Not part of the project's build.
#
#   bench/http/run.sh
#
# Needs (Debian, for this bench only): libmicrohttpd-dev libevent-dev
#   libcivetweb-dev libsoup-3.0-dev wrk
# Env: ROUNDS (3), DURATION (seconds per wrk run, 5), SERVERS (all four),
#      OUT (build-bench/http: binaries, raw wrk outputs, results.tsv).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${OUT:-$root/build-bench/http}
rounds=${ROUNDS:-3}
dur=${DURATION:-5}
servers=${SERVERS:-"mhd evhttp civetweb soup"}
py=/usr/bin/python3
token=k3Zp9wQ2rT7xV8mB
mkdir -p "$out"
rm -f "$out"/r*-*.txt "$out/results.tsv"

flags() {
  case $1 in
    mhd) pkg-config --cflags --libs libmicrohttpd ;;
    evhttp) pkg-config --cflags --libs libevent ;;
    civetweb) echo -lcivetweb ;; # Debian ships no .pc for it
    soup) pkg-config --cflags --libs libsoup-3.0 ;;
  esac
}
for s in $servers; do
  # shellcheck disable=SC2046
  gcc -std=c11 -D_DEFAULT_SOURCE -O2 -Wall -Wextra -o "$out/$s" "$here/$s.c" $(flags "$s")
done

# 20 KB of JSON, posted by wrk
cat >"$out/post.lua" <<'LUA'
local rows = {}
for i = 1, 330 do rows[i] = string.format('{"field":"title","op":"add","value":"Head of Sales %05d"}', i) end
local body = '{"edits":[' .. table.concat(rows, ",") .. '],"pad":"'
body = body .. string.rep("x", 20480 - #body - 2) .. '"}'
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
LUA

echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC'), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
for p in libmicrohttpd12 libevent-2.1-7 libcivetweb1 libsoup-3.0-0; do
  echo "         $p $(dpkg-query -W -f='${Version}' "$p" 2>/dev/null || echo '(not installed)')"
done

# The shared objects each server loads: all but libc and the loader, and
# those that leadsieve's command does not load already for other reasons.
echo
echo "== libraries loaded (bytes on disk)"
already='^(libc|libm|ld-linux-x86-64|linux-vdso|libunistring|libpcre2-8|libz|libzstd|libutf8proc|libcjson)\.'
for s in $servers; do
  all=0 new=0 list=
  while read -r name path; do
    size=$(stat -L -c %s "$path")
    [[ $name =~ ^(libc|ld-linux-x86-64|linux-vdso)\. ]] && continue
    all=$((all + size)) list="$list $name"
    [[ $name =~ $already ]] || new=$((new + size))
  done < <(ldd "$out/$s" | awk '$3 ~ /^\// {print $1, $3}')
  echo "$s: $(stat -c %s "$out/$s") B binary; $all B in$list; $new B not loaded by leadsieve otherwise"
done

# The server's CPU time (user + system, all its threads) in clock ticks.
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
# load CASE WRK-ARGS...: one wrk run against $pid, with the CPU time the
# server spent on it: on a shared machine, CPU per request is steadier than
# requests per second, which also measures how much of the CPUs it got.
load() {
  local case=$1 before
  shift
  before=$(cpu)
  wrk -d"${dur}s" --latency "$@" >"$out/r$r-$s-$case.txt"
  echo "$r $s cpu_$case $(($(cpu) - before))" >>"$out/results.tsv"
}

port=18480
for r in $(seq 1 "$rounds"); do
  echo
  echo "== round $r, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  # a different order each round, so that no library always runs first
  # shellcheck disable=SC2086 # a list of words
  set -- $servers
  for _ in $(seq 2 "$r"); do set -- "${@:2}" "$1"; done
  for s in "$@"; do
    port=$((port + 40))
    echo "$r $s startup_ms $($py "$here/measure.py" startup "$out/$s" "$port" 10)" >>"$out/results.tsv"
    port=$((port + 10))
    "$out/$s" "$port" &
    pid=$!
    $py "$here/measure.py" wait "$port"
    $py "$here/measure.py" check "$port"
    echo "$r $s rss_idle_kb $(awk '/^VmRSS/ {print $2}' /proc/$pid/status)" >>"$out/results.tsv"
    get="http://127.0.0.1:$port/rows?token=$token"
    post="http://127.0.0.1:$port/edit?token=$token"
    load get1 -t1 -c1 "$get"
    load post1 -t1 -c1 -s "$out/post.lua" "$post"
    load get8 -t2 -c8 "$get"
    load post8 -t2 -c8 -s "$out/post.lua" "$post"
    echo "$r $s rss_peak_kb $(awk '/^VmHWM/ {print $2}' /proc/$pid/status)" >>"$out/results.tsv"
    echo "  $s: $(grep -h Requests/sec "$out/r$r-$s-get8.txt" "$out/r$r-$s-post8.txt" | awk '{printf "%s ", $2}')req/s (GET, POST; 8 clients)"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
  done
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
$py "$here/measure.py" summary "$out"
