#!/bin/sh
# Differential test of `leadsieve filter` against the reference reading of
# the matching contract (leadsieve_ref.py), on random reproducible cases.
#
#   scripts/differential.sh [--cases N] [--seed S] [other diff.py options]
#
# The reference lives outside the repository: $LEADSIEVE_ORACLE, else
# ../shared/oracle next to the repository root.  The binary: $LEADSIEVE, else
# the first of build*/leadsieve that exists (configure and build first).
# Exit status 0 only when every case agrees; the last line reads
# "N passed, M failed".
set -eu
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
oracle=${LEADSIEVE_ORACLE:-$root/../shared/oracle}
if [ ! -f "$oracle/leadsieve_ref.py" ]; then
    echo "differential.sh: reference not found in $oracle (set LEADSIEVE_ORACLE)" >&2
    exit 1
fi
bin=${LEADSIEVE:-}
if [ -z "$bin" ]; then
    for b in "$root"/build/leadsieve "$root"/build*/leadsieve; do
        if [ -x "$b" ]; then bin=$b; break; fi
    done
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    echo "differential.sh: no leadsieve binary (set LEADSIEVE or build into $root/build)" >&2
    exit 1
fi
# Debian's interpreter: the reference needs its python3-unidecode.
exec /usr/bin/python3 "$root/tests/differential/diff.py" \
    --leadsieve "$bin" --oracle "$oracle" "$@"
