#!/usr/bin/env bash
# Installs what is missing, builds leadsieve with AddressSanitizer +
# UndefinedBehaviorSanitizer in build-asan/ and runs the whole test suite
# there, then builds the release binary in build/ and runs the Python
# package's tests against it (they need a library without sanitizers).
# Exits non-zero when a build or any test fails; every step runs either
# way, so one run reports everything.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

# shellcheck source=scripts/setup-deps.sh
source scripts/setup-deps.sh
# Only the tests need a browser: the HTML report is rendered headless.
LS_DEPS_PACKAGES+=(chromium bsdutils) # bsdutils: script(1), a terminal for the progress test
# The Python package's tests (README: Python): pytest, pandas and numpy for
# its data-frame helpers, venv + setuptools + wheel for the offline install.
LS_DEPS_PACKAGES+=(python3-pytest python3-pandas python3-numpy python3-venv python3-setuptools
                   python3-wheel)
# leadsieve.dask's tests (README: Dask) start a distributed.LocalCluster.
LS_DEPS_PACKAGES+=(python3-distributed python3-dask)
ls_deps_install

jobs=${LS_JOBS:-2}
# Any sanitizer report fails the test that triggered it.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

tests=failed
if cmake -B build-asan -DLS_SANITIZE=ON && cmake --build build-asan --parallel "$jobs"; then
    if ctest --test-dir build-asan --output-on-failure --no-tests=error 2>&1 | tee build-asan/ctest.log; then
        tests=passed
    fi
    summary=$(grep -E 'tests passed|tests failed|No tests were found' build-asan/ctest.log |
              tail -n 1) || summary='no ctest summary'
else
    summary='sanitizer build failed: tests not run'
fi

release=failed
python='not run: release build failed'
if cmake -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build --parallel "$jobs"; then
    release=ok
    # The Python package loads the release library: an ASan one cannot be
    # loaded into Debian's interpreter, so these run here (label python).
    python=failed
    if ctest --test-dir build -L python --output-on-failure --no-tests=error 2>&1 |
        tee build/ctest-python.log; then
        python=passed
    fi
    python="$python ($(grep -E 'tests passed|tests failed' build/ctest-python.log | tail -n 1 || true))"
fi

# Repeated last so that the outcome is not lost in the output above.
printf '\nsanitizer tests (build-asan): %s\nrelease build (build/leadsieve): %s\n' \
    "$summary" "$release"
printf 'python tests (build/, ctest -L python): %s\n' "$python"
[[ $tests == passed && $release == ok && $python == passed* ]]
