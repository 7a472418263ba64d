#!/usr/bin/env bash
# Installs the Debian packages leadsieve needs to build and test, and only
# those that are missing: a machine that already has them is left untouched
# (no apt-get update, no root needed).
#
# Sourced by scripts/demo.sh and scripts/test.sh, or run on its own:
#   scripts/setup-deps.sh              install what is missing
#   LS_DEPS_DRY_RUN=1 scripts/setup-deps.sh
#                                      print what would be run, change nothing
#   LS_DEPS_EXTRA="pkg ..."            extra packages to require (e.g. to try
#                                      the "missing" path with a dry run)

# Compiler and build tools; the libraries (headers + pkg-config files),
# ISA-L (libisal) and libzstd for compressed input, zlib for the tests
# that make gzip data, libmicrohttpd for `leadsieve
# serve`'s HTTP server; Check for the unit tests; Debian's
# python3 with unidecode for the script tests; uconv (icu-devtools) for the
# transliteration table generator; the zstd command for the tests that make
# compressed files; SQLite's headers for the SQLite extension, and its
# shell, which configuring a build without sanitizers requires (the
# extension's tests run in it; README: SQLite) and which a fresh Debian lacks.
LS_DEPS_PACKAGES=(
    build-essential cmake pkg-config
    libutf8proc-dev libunistring-dev libpcre2-dev libcjson-dev
    zlib1g-dev libisal-dev libzstd-dev libsqlite3-dev sqlite3 libmicrohttpd-dev
    check
    python3 python3-unidecode icu-devtools
    zstd
)

# Prints the packages of "$@" that dpkg does not report as installed.
ls_deps_missing() {
    local pkg status
    for pkg in "$@"; do
        # `dpkg -s` also succeeds for removed packages whose config files
        # remain, so the Status line itself is checked.
        status=$(dpkg -s "$pkg" 2>/dev/null | sed -n 's/^Status: //p') || true
        if [[ "$status" != "install ok installed" ]]; then
            printf '%s\n' "$pkg"
        fi
    done
}

# Runs a command as root: directly when root, through sudo otherwise.
ls_deps_as_root() {
    if [[ ${LS_DEPS_DRY_RUN:-0} == 1 ]]; then
        printf 'dry run: would run as root: %s\n' "$*"
        return 0
    fi
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    else
        sudo "$@"
    fi
}

ls_deps_install() {
    local -a wanted missing
    wanted=("${LS_DEPS_PACKAGES[@]}")
    if [[ -n ${LS_DEPS_EXTRA:-} ]]; then
        # shellcheck disable=SC2206  # word splitting of the list is intended
        wanted+=(${LS_DEPS_EXTRA})
    fi
    if ! command -v dpkg >/dev/null 2>&1; then
        printf 'setup-deps: dpkg not found (not Debian?); install these or their equivalents by hand:\n  %s\n' \
            "${wanted[*]}" >&2
        return 0
    fi
    mapfile -t missing < <(ls_deps_missing "${wanted[@]}")
    if [[ ${#missing[@]} -eq 0 ]]; then
        printf 'setup-deps: all %d packages already installed\n' "${#wanted[@]}"
        return 0
    fi
    if [[ ${LS_DEPS_DRY_RUN:-0} != 1 && $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null 2>&1; then
        printf 'setup-deps: missing packages and neither root nor sudo; as root run:\n' >&2
        printf '  apt-get update && apt-get install -y %s\n' "${missing[*]}" >&2
        return 1
    fi
    printf 'setup-deps: installing %s\n' "${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # One update, only because something has to be installed (a fresh
    # image has no package lists at all).
    ls_deps_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    ls_deps_as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${missing[@]}"
    if [[ ${LS_DEPS_DRY_RUN:-0} != 1 ]]; then
        mapfile -t missing < <(ls_deps_missing "${wanted[@]}")
        if [[ ${#missing[@]} -ne 0 ]]; then
            printf 'setup-deps: still missing after install: %s\n' "${missing[*]}" >&2
            return 1
        fi
    fi
}

# Run directly (not sourced): install now.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    ls_deps_install
fi
