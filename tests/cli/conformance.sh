#!/bin/sh
# End-to-end conformance cases written by hand from the contract
# (tests/conformance/README.md). LEADSIEVE is the binary under test.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
exec /usr/bin/python3 "$here/conformance/run.py" "$@"
