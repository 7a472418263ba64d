#!/usr/bin/env bash
# Installs what is missing, builds leadsieve with AddressSanitizer +
# UndefinedBehaviorSanitizer in build-asan/ and runs the whole test suite
# there, then builds the release tree in build/ and runs there the tests
# of what programs built without the sanitizers load (label "release": the
# SQLite extension in the sqlite3 shell and Python, the Python package and
# its Dask helpers) and the serve page's browser test.  Exits non-zero
# when a build or any test fails, or when no release test ran; every step
# runs either way, so one run reports everything.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

# shellcheck source=scripts/setup-deps.sh
source scripts/setup-deps.sh
# Only the tests need a browser: the HTML report is rendered headless, and
# the serve page is driven in it by Playwright, which runs on Node.js.
LS_DEPS_PACKAGES+=(chromium bsdutils) # bsdutils: script(1), a terminal for the progress test
LS_DEPS_PACKAGES+=(nodejs)
# npm: Debian's package, unless the nodejs installed already brings it (a
# nodejs from NodeSource does, and conflicts with Debian's npm)
command -v npm >/dev/null 2>&1 || LS_DEPS_PACKAGES+=(npm)
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

release=failed release_tests=failed
release_summary='release build failed: tests not run'
if cmake -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build --parallel "$jobs"; then
    release=ok
    # --no-tests=error: a build that registered none fails here, never passes
    if ctest --test-dir build -L release --output-on-failure --no-tests=error 2>&1 |
            tee build/ctest-release.log; then
        release_tests=passed
    fi
    release_summary=$(grep -E 'tests passed|tests failed|No tests were found' \
                      build/ctest-release.log | tail -n 1) || release_summary='no ctest summary'
fi

# The serve page in Chromium, on the release build (the sanitizers would
# measure nothing but themselves there): playwright-core at the version of
# tests/browser/package-lock.json, from the npm registry, into build/browser.
browser=failed
if [[ $release == ok ]]; then
    mkdir -p build/browser
    cp tests/browser/package.json tests/browser/package-lock.json build/browser/
    if (cd build/browser && npm ci --no-audit --no-fund) &&
        ctest --test-dir build -R '^serve_browser$' --output-on-failure --no-tests=error; then
        browser=passed
    fi
fi

# Repeated last so that the outcome is not lost in the output above.
printf '\nsanitizer tests (build-asan): %s\nrelease build (build/leadsieve): %s\nrelease tests (build, -L release): %s\nbrowser test (build, serve_browser): %s\n' \
    "$summary" "$release" "$release_summary" "$browser"
[[ $tests == passed && $release == ok && $release_tests == passed && $browser == passed ]]
