#!/usr/bin/env bash
# Every generated table of the repository, made again from its sources
# (docs/architecture.md, "Generated tables").
#
#   scripts/regen.sh            regenerate all, in place
#   scripts/regen.sh --check    change nothing; exit 1 when a checked-in
#                               table differs from what its generator makes
#
# Needs Debian's /usr/bin/python3 and, for the transliteration table, ICU's
# uconv (icu-devtools).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
py=/usr/bin/python3
check=0
case "${1:-}" in
    --check) check=1 ;;
    "") ;;
    *) echo "usage: scripts/regen.sh [--check]" >&2; exit 2 ;;
esac

failed=0
step() { # name, command...
    local name=$1
    shift
    if "$@"; then
        echo "ok   $name"
    else
        echo "FAIL $name" >&2
        failed=1
    fi
}

if [[ $check == 1 ]]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    step words_table $py "$root/scripts/gen_words.py" --check "$root"
    step csv_aliases $py "$root/scripts/gen_csv_aliases.py" --check "$root"
    step lint_tables $py "$root/scripts/gen_lint_tables.py" --check "$root"
    step vocab_table $py "$root/scripts/gen_vocab.py" --check "$root"
    step translit_table bash -c '"$1" "$2/scripts/gen_translit.py" "$3/t.inc" >/dev/null &&
        cmp -s "$3/t.inc" "$2/src/normalize/translit_table.inc"' _ "$py" "$root" "$tmp"
    step examples env LS_SOURCE_DIR="$root" $py "$root/tests/check_examples_regen.py"
else
    step words_table $py "$root/scripts/gen_words.py" "$root"
    step csv_aliases $py "$root/scripts/gen_csv_aliases.py" "$root"
    step lint_tables $py "$root/scripts/gen_lint_tables.py" "$root"
    step vocab_table $py "$root/scripts/gen_vocab.py" "$root"
    step translit_table $py "$root/scripts/gen_translit.py"
    step examples $py "$root/scripts/gen_examples.py"
    step labeled $py "$root/scripts/make_labeled.py"
fi
exit $failed
