#!/usr/bin/env bash
# leadsieve normalize: arguments, stdin line by line whatever the bytes, one
# output line per input line, problem counts on stderr.
set -u
bin=${LEADSIEVE:?LEADSIEVE must name the leadsieve binary}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# expect NAME STATUS EXPECTED_STDOUT EXPECTED_STDERR [ARGS...]   (stdin: $tmp/in)
expect() {
  local name=$1 status=$2 out=$3 err=$4
  shift 4
  "$bin" normalize "$@" < "$tmp/in" > "$tmp/out" 2> "$tmp/err"
  local rc=$?
  [ "$rc" -eq "$status" ] || fail "$name: exit $rc, expected $status"
  printf '%s' "$out" | cmp -s - "$tmp/out" || fail "$name: stdout $(od -c "$tmp/out" | head -5)"
  printf '%s' "$err" | cmp -s - "$tmp/err" || fail "$name: stderr '$(cat "$tmp/err")'"
}

: > "$tmp/in"
expect args 0 $'head information technology\nchief marketing officer\n\nvp sales\n' '' -- \
  "Head of IT" "CMO" "of" "Vice President of Sales"
expect args_dash 0 $'vp\n' '' -- -VP-
expect args_invalid 0 $'ab\n' $'leadsieve: normalize: 1 argument had invalid UTF-8 (dropped)\n' $'a\x80b'
expect no_input 0 '' ''

printf 'VP, Sales & Marketing\nGeschäftsführer\nR&D/QA\n' > "$tmp/in"
expect stdin 0 $'vp sales marketing\ngeschaftsfuhrer\nresearch development quality assurance\n' ''

printf 'Sr. Director\r\nof\r\n\r\nCMO\r\n' > "$tmp/in"
expect crlf 0 $'senior director\n\n\nchief marketing officer\n' ''

printf '\n\n&\n\n' > "$tmp/in"
expect empty_lines 0 $'\n\n\n\n' ''

printf 'Head of IT\nCMO' > "$tmp/in"
expect no_final_newline 0 $'head information technology\nchief marketing officer\n' ''

printf '\r' > "$tmp/in"
expect lone_cr 0 $'\n' ''

printf 'a\0b\nCEO\0\0\nok\n' > "$tmp/in"
expect nul 0 $'a b\nchief executive officer\nok\n' \
  $'leadsieve: normalize: 2 lines had NUL bytes (read as separators)\n'

# dropped bytes join their neighbours; the byte after a maximal subpart is kept
printf 'a\x80b\n\xc3A\n\xed\xa0\x80CTO\n\xf0\x9f\x98\nok\n\xe0\x80\x80\0x\n' > "$tmp/in"
expect invalid_utf8 0 $'ab\na\nchief technology officer\n\nok\nx\n' \
  $'leadsieve: normalize: 5 lines had invalid UTF-8 (dropped), 1 line had NUL bytes (read as separators)\n'

# a 1.1 MB line, and one line that spans every 64 KiB read
yes 'Head of IT' | head -n 100000 | tr '\n' ' ' > "$tmp/in"
printf '\nCMO\n' >> "$tmp/in"
want=$(yes 'head information technology' | head -n 100000 | tr '\n' ' ')
expect long_line 0 "${want% }"$'\nchief marketing officer\n' ''
head -c 1048576 /dev/zero | tr '\0' 'a' > "$tmp/in"
expect long_token 0 "$(cat "$tmp/in")"$'\n' ''

# many short lines across block boundaries
yes 'Sr. Dir' | head -n 30000 > "$tmp/in"
expect many_lines 0 "$(yes 'senior director' | head -n 30000)"$'\n' ''

# lines over --max-line are cut, kept as one line, reported, exit status 1
printf 'Head of IT\nCMO\nVice President\n' > "$tmp/in"
expect max_line 1 $'head o\nchief marketing officer\nvice p\n' \
  $'leadsieve: normalize: 2 lines were longer than --max-line and were normalized from their start only\n' \
  --max-line=6
expect max_line_bad 2 '' $'leadsieve: normalize: --max-line wants a positive byte count, got \'0\'\n' --max-line 0

: > "$tmp/in"
expect unknown_option 2 '' \
  $'leadsieve: normalize: unknown option \'-x\' (put -- before text that starts with \'-\'; see --help)\n' -x
"$bin" normalize --help > "$tmp/out" 2>&1 || fail "--help: exit $?"
grep -q '^usage: leadsieve normalize' "$tmp/out" || fail "--help: no usage line"

if [ "$fails" -gt 0 ]; then
  echo "$fails failure(s)" >&2
  exit 1
fi
echo "normalize: all passed"
