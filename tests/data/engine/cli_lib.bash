# Sourced by tests/cli/{filter,lint,help}_*.sh: fixtures and assertions.
set -u
: "${LEADSIEVE:?path to the leadsieve binary}"
: "${LS_TEST_DATA:?tests/data}"
D="$LS_TEST_DATA/engine"
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
fails=0

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# expect_rc WANT CMD...: runs CMD with stdout in $T/out, stderr in $T/err.
expect_rc() {
    local want=$1; shift
    "$@" >"$T/out" 2>"$T/err"
    local rc=$?
    [ "$rc" = "$want" ] || fail "exit $rc, want $want: $* (stderr: $(head -c 400 "$T/err"))"
}

# expect_out FILE TEXT: FILE's bytes are exactly TEXT (printf %s, no newline added).
expect_file() {
    local file=$1 want=$2
    if [ "$(cat "$file"; echo x)" != "${want}x" ]; then
        fail "$file differs; got: $(head -c 600 "$file"); want: $(printf %s "$want" | head -c 600)"
    fi
}

expect_grep() { grep -qF -- "$2" "$1" || fail "$1 lacks '$2': $(head -c 600 "$1")"; }
expect_nogrep() { ! grep -qF -- "$2" "$1" || fail "$1 has '$2'"; }

# JSON fixtures' expected responses, written by hand from the contract.
LEAD2='{"sales_id": "2", "job_title": "Sales manager", "full_name": "Bob, Jr.", "linkedin_lead_persona": "Sales"}'
LEAD4='{"sales_id": "4", "job_title": "Sales rep", "full_name": "=cmd", "linkedin_lead_persona": "Sales"}'
LEAD1='{"sales_id": "1", "job_title": "CEO", "full_name": "Ann", "linkedin_lead_persona": "CEO"}'
WITHIN="{\"amount\": -3, \"leads\": [$LEAD2, $LEAD4, $LEAD1], \"results_count\": \"within limit\"}
"
REACHED="{\"amount\": -3, \"leads\": [$LEAD2, $LEAD4, $LEAD1], \"results_count\": \"limit reached\"}
"

finish() {
    if [ "$fails" -ne 0 ]; then
        echo "$fails failure(s)" >&2
        exit 1
    fi
    echo ok
}
