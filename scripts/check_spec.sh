#!/bin/sh
# The copies of the specification in this repository are current: the
# contract and its v1 addendum in docs/, and the contract's two tables in
# data/, byte for byte equal to the originals in ../shared/spec (or
# $LEADSIEVE_SPEC); and the industry taxonomy in data/vocabulary/ equal to
# the one in ../shared/data/vocabulary (beside the spec).  Exit 0 when all agree or the originals are not there
# (said on stdout), 1 when a copy is stale.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
spec=${LEADSIEVE_SPEC:-$root/../shared/spec}
if [ ! -f "$spec/matching-rules.md" ]; then
    echo "spec copies not checked: $spec not found"
    exit 0
fi
stale=0
check() {
    if cmp -s "$spec/$1" "$root/$2"; then
        echo "ok   $2 = spec/$1"
    else
        echo "STALE $2: differs from spec/$1; copy it again (cp \"$spec/$1\" \"$root/$2\")"
        stale=1
    fi
}
check matching-rules.md docs/contract.md
check v1-search.md docs/v1-search.md
check stopwords.txt data/stopwords.txt
check abbreviations.tsv data/abbreviations.tsv
if [ -f "$spec/../data/vocabulary/linkedin-industries.tsv" ]; then
    check ../data/vocabulary/linkedin-industries.tsv data/vocabulary/linkedin-industries.tsv
fi
exit $stale
