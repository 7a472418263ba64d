#!/usr/bin/env bash
# ctest serve_browser (release build): the serve page in Debian's Chromium,
# driven by Playwright (playwright-core from the npm registry, installed by
# scripts/test.sh with `npm ci` into $LS_BUILD_DIR/browser from this
# directory's package-lock.json).  Anything missing is a failure, never a
# skip.  Screenshots go to $LS_BUILD_DIR/screenshots.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export LS_NODE_MODULES=$LS_BUILD_DIR/browser/node_modules
export LS_SCREENSHOT_DIR=$LS_BUILD_DIR/screenshots
fail() {
    printf 'FAIL: %s\n' "$*" >&2
    exit 1
}
command -v node >/dev/null || fail "node not found (Debian package nodejs; scripts/test.sh installs it)"
[[ -x ${LS_CHROMIUM:-/usr/bin/chromium} ]] ||
    fail "${LS_CHROMIUM:-/usr/bin/chromium} not found (Debian package chromium; scripts/test.sh installs it)"
[[ -f $LS_NODE_MODULES/playwright-core/package.json ]] ||
    fail "playwright-core not installed: run scripts/test.sh, or (cd $LS_BUILD_DIR/browser && npm ci) after copying $here/package*.json there"
mkdir -p "$LS_SCREENSHOT_DIR"
exec node "$here/serve.test.js"
