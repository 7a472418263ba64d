#!/usr/bin/env bash
# Installs what is missing, builds leadsieve twice -- build-asan/ with
# AddressSanitizer + UndefinedBehaviorSanitizer for the test suite, build/
# as the release binary -- and runs the whole test suite under the
# sanitizers.  Exits non-zero when a build or any test fails.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

# shellcheck source=scripts/setup-deps.sh
source scripts/setup-deps.sh
ls_deps_install

jobs=${LS_JOBS:-2}
cmake -B build-asan -DLS_SANITIZE=ON
cmake --build build-asan --parallel "$jobs"
cmake -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build --parallel "$jobs"

# Any sanitizer report fails the test that triggered it.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
log=build-asan/ctest.log
status=0
ctest --test-dir build-asan --output-on-failure 2>&1 | tee "$log" || status=$?
# ctest's summary line, repeated last so that it is not lost in the output.
printf '\n'
grep -E 'tests passed|tests failed|No tests were found' "$log" | tail -n 1 || true
exit "$status"
