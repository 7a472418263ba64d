#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang, ASan + UBSan) and runs
# each for SECONDS, one at a time.  Crashes, leaks, timeouts and out-of-memory
# inputs are copied to tests/fuzz/regressions/<target>/ so that the Check
# regression tests replay them from then on.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   run (default 60 s; all targets)
#   scripts/fuzz.sh --minimize TARGET FILE  shrink one crashing input
#
# Env: LS_FUZZ_BUILD (build dir, default build-fuzz), LS_FUZZ_JOBS (make -j).
# The last line of the output is "N passed, M failed": targets that ran
# clean, targets with findings (or that did not build).
# Exit status: 0 when nothing was found, 1 when a target crashed, 2 when a
# target failed to build.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${LS_FUZZ_BUILD:-$root/build-fuzz}
fuzzdir=$root/tests/fuzz

# clang and its libFuzzer runtime, through the project's installer (which
# only installs what is missing).
# shellcheck source=setup-deps.sh
source "$root/scripts/setup-deps.sh"
LS_DEPS_EXTRA="clang libclang-rt-14-dev ${LS_DEPS_EXTRA:-}" ls_deps_install >&2 || exit 2

cmake -S "$root" -B "$build" -DLS_FUZZ=ON -DCMAKE_C_COMPILER=clang \
    -DLS_BUILD_TESTS=OFF -DLS_WERROR=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 2

# The dictionary of each target, when it has one.
dict_for() {
    case $1 in
        scan | reader | output) echo "$fuzzdir/json.dict" ;;
        request) echo "$fuzzdir/request.dict" ;;
        *) echo "" ;;
    esac
}

# One line naming a failure: the property message, else the sanitizer's
# summary or runtime error, else libFuzzer's.
triage() {
    local out line
    out=$(UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$1" -timeout=10 -rss_limit_mb=2048 "$2" 2>&1)
    line=$(grep -m 1 'property failed: ' <<<"$out" | sed 's/^property failed: //; s/ (input [0-9]* bytes.*)//')
    [[ -n $line ]] || line=$(grep -m 1 -E 'runtime error:|^SUMMARY: (Address|Leak|UndefinedBehavior)Sanitizer' <<<"$out" |
        sed 's/0x[0-9a-f]*/ADDR/g')
    [[ -n $line ]] || line=$(grep -m 1 '^SUMMARY: ' <<<"$out")
    echo "${line:-no failure on replay}"
}

build_target() {
    cmake --build "$build" --target "fuzz_$1" -j"${LS_FUZZ_JOBS:-2}" >"$build/build_$1.log" 2>&1
}

if [[ ${1:-} == --minimize ]]; then
    [[ $# -eq 3 ]] || { echo "usage: $0 --minimize TARGET FILE" >&2; exit 2; }
    build_target "$2" || { cat "$build/build_$2.log" >&2; exit 2; }
    out=$3.min
    "$build/tests/fuzz/fuzz_$2" -minimize_crash=1 -max_total_time=60 \
        -exact_artifact_path="$out" "$3" >"$build/minimize_$2.log" 2>&1
    echo "minimized: $out ($(wc -c <"$out") bytes; log $build/minimize_$2.log)"
    exit 0
fi

seconds=${1:-60}
[[ $seconds =~ ^[0-9]+$ ]] || { echo "usage: $0 [SECONDS] [TARGET...]" >&2; exit 2; }
shift || true
if [[ $# -gt 0 ]]; then
    targets=("$@")
else
    targets=()
    for f in "$fuzzdir"/fuzz_*.c; do
        n=${f##*/fuzz_}
        targets+=("${n%.c}")
    done
fi

status=0
summary=()
passed=0
failed=0
for t in "${targets[@]}"; do
    if ! build_target "$t"; then
        echo "fuzz_$t: build failed (log: $build/build_$t.log)" >&2
        tail -n 20 "$build/build_$t.log" >&2
        summary+=("fuzz_$t: BUILD FAILED")
        status=2
        failed=$((failed + 1))
        continue
    fi
    bin=$build/tests/fuzz/fuzz_$t
    work=$build/corpus/$t
    art=$build/artifacts/$t/
    regs=$fuzzdir/regressions/$t
    mkdir -p "$work" "$art"
    dict=$(dict_for "$t")
    opts=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$art")
    [[ -n $dict ]] && opts+=(-dict="$dict")
    seeds=()
    [[ -d $fuzzdir/corpus/$t ]] && seeds+=("$fuzzdir/corpus/$t")

    # Fork mode keeps fuzzing after a crash, so one run can find several
    # bugs; every finding is saved in $art.
    log=$build/run_$t.log
    rm -f "$art"*
    start=$SECONDS
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$bin" "${opts[@]}" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -max_total_time="$seconds" "$work" "${seeds[@]}" >"$log" 2>&1
    elapsed=$((SECONDS - start))
    [[ $elapsed -gt 0 ]] || elapsed=1
    # The last progress line carries the total executions of all jobs.
    execs=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$log" | tail -n 1)
    execs=${execs:-0}
    kept=0
    declare -A seen=()
    # Smallest first, one input per distinct failure (its first report line);
    # only the 100 smallest are replayed, so that a bug hit thousands of
    # times does not take longer to sort than the run itself.
    findings=$(find "$art" -type f | wc -l)
    while read -r _ f; do
        [[ -n $f ]] || continue
        sig=$(triage "$bin" "$f")
        [[ -n ${seen[$sig]:-} ]] && continue
        seen[$sig]=1
        mkdir -p "$regs"
        cp "$f" "$regs/"
        kept=$((kept + 1))
        echo "fuzz_$t: ${f##*/}: $sig" >&2
    done < <(find "$art" -type f -printf '%s %p\n' | sort -n | head -n 100)
    unset seen
    if [[ $findings -eq 0 ]]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        [[ $status -eq 2 ]] || status=1
    fi
    summary+=("fuzz_$t: $execs executions, $((execs / elapsed)) exec/s, $findings crashes ($kept distinct, saved in ${regs#"$root"/})")
done

printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
exit $status
