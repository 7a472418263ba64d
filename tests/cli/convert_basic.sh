#!/bin/bash
# convert: both directions, the warnings, the database search's envelope,
# text that is not a request, usage, and -o never over the request.
. "$LS_TEST_DATA/engine/cli_lib.bash"
C="$LS_TEST_DATA/convert"

# by_icp -> v1 (the default for a by_icp request): one warning a change
printf '%s\n' '{"company_id": 21828, "lead_industries": ["Caf\u00e9"], "limit_by": 1.50,' \
    ' "mentioned_in_news": true, "without_company": false}' >"$T/a.json"
expect_rc 0 "$LEADSIEVE" convert "$T/a.json"
expect_file "$T/out" '{
  "company_id": 21828,
  "company_industries": [
    "Caf\u00e9"
  ],
  "limit_by": 1.50
}
'
expect_file "$T/err" "leadsieve: warning: lead_industries: renamed to company_industries: v1 reads the company's industry there, which a by_icp lead carries in industry
leadsieve: warning: mentioned_in_news: removed: v1 has no equivalent (offline it was not evaluated either)
leadsieve: warning: without_company: removed: v1 has no without_company; false asked for a company identifier, which v1 does not require
leadsieve: convert: by_icp request written for v1 (realtime search), 3 changes
"
# --indent 0: the API's one-line form; standard input
expect_rc 0 "$LEADSIEVE" convert --indent 0 - <"$T/a.json"
expect_file "$T/out" '{"company_id": 21828, "company_industries": ["Caf\u00e9"], "limit_by": 1.50}
'

# v1 -> by_icp (the default for a v1 request): every v1-only field named
expect_rc 0 "$LEADSIEVE" convert "$C/v1_request.json"
expect_file "$T/out" '{
  "lead_industries": [
    "Software Development"
  ],
  "locations": [
    "United States"
  ],
  "limit_by": 25,
  "without_company": true
}
'
for f in job_titles offset_by seniorities; do expect_grep "$T/err" "leadsieve: warning: $f: removed: by_icp has no $f"; done
expect_grep "$T/err" "leadsieve: warning: company_industries: renamed to lead_industries"
expect_grep "$T/err" "leadsieve: warning: without_company: added as true"
expect_grep "$T/err" "leadsieve: convert: v1 request written for by_icp, 5 changes"

# the round trip gives the by_icp request back but the dropped fields
expect_rc 0 "$LEADSIEVE" convert -o "$T/v1.json" "$C/by_icp_request.json"
expect_file "$T/out" ""
expect_rc 0 "$LEADSIEVE" convert "$T/v1.json"
grep -v '"without_company": true,\|"mentioned_in_news": false,' "$C/by_icp_request.json" >"$T/want"
# without_company comes back as the last member
sed -i 's/"limit_by": 40$/"limit_by": 40,\n  "without_company": true/' "$T/want"
cmp -s "$T/out" "$T/want" || fail "round trip: $(diff "$T/want" "$T/out")"
# asked for v1 again, a v1 request is written as it is
expect_rc 0 "$LEADSIEVE" convert --to v1 "$T/v1.json"
cmp -s "$T/out" "$T/v1.json" || fail "v1 to v1 changed the request"
expect_grep "$T/err" "leadsieve: warning: the request is already a v1 request: nothing to change"

# the database search refuses realtime-only fields: the API's envelope, exit 2
expect_rc 2 "$LEADSIEVE" convert --mode database "$C/by_icp_request.json"
expect_file "$T/out" '{"status": "error", "status_code": 400, "detail": {"personas": "personas is realtime only: the database search does not accept it; remove it or convert for the realtime search"}}
'
expect_rc 0 "$LEADSIEVE" convert --to v1 --mode database "$T/a.json"
expect_grep "$T/err" "(database search)"

# text that is not a request object: the same envelope as any command's
printf '{"personas": [}\n' >"$T/bad.json"
expect_rc 2 "$LEADSIEVE" lint "$T/bad.json"
cp "$T/out" "$T/lint-envelope"
expect_rc 2 "$LEADSIEVE" convert "$T/bad.json"
cmp -s "$T/out" "$T/lint-envelope" || fail "not the request parser's envelope: $(cat "$T/out")"
expect_grep "$T/out" '"detail": {"": "the request is not valid JSON: '
printf '[1]' >"$T/array.json"
expect_rc 2 "$LEADSIEVE" convert "$T/array.json"
expect_grep "$T/out" '"detail": {"": "the request must be a JSON object'

# usage and reading
expect_rc 1 "$LEADSIEVE" convert "$T/missing.json"
expect_rc 2 "$LEADSIEVE" convert
expect_rc 2 "$LEADSIEVE" convert "$T/a.json" "$T/a.json"
expect_rc 2 "$LEADSIEVE" convert --to v2 "$T/a.json"
expect_grep "$T/err" "--to must be v1 or by_icp, not 'v2'"
expect_rc 2 "$LEADSIEVE" convert --mode batch "$T/a.json"
expect_rc 2 "$LEADSIEVE" convert --to by_icp --mode database "$T/a.json"
expect_rc 2 "$LEADSIEVE" convert --indent two "$T/a.json"
expect_rc 0 "$LEADSIEVE" convert --mode database "$C/v1_request.json"
expect_grep "$T/err" "--mode is for a v1 result; ignored"
expect_rc 0 "$LEADSIEVE" convert --help
for o in --to --mode --indent -o --output; do expect_grep "$T/out" "$o"; done
expect_rc 0 "$LEADSIEVE" --help
expect_grep "$T/out" "  convert "

# -o: written whole or not at all, never over the request
cp "$T/a.json" "$T/keep.json"
expect_rc 2 "$LEADSIEVE" convert -o "$T/a.json" "$T/a.json"
expect_grep "$T/err" "-o $T/a.json is the request ($T/a.json): nothing was read or written"
cmp -s "$T/a.json" "$T/keep.json" || fail "-o replaced the request"
ln -s "$T/a.json" "$T/link.json"
expect_rc 2 "$LEADSIEVE" convert -o "$T/link.json" "$T/a.json"
cmp -s "$T/a.json" "$T/keep.json" || fail "-o through a link replaced the request"
"$LEADSIEVE" convert "$T/a.json" >>"$T/a.json" 2>"$T/err"
[ $? = 2 ] || fail "standard output appended to the request: not exit 2"
cmp -s "$T/a.json" "$T/keep.json" || fail "standard output appended to the request"
echo old >"$T/out.json"
expect_rc 2 "$LEADSIEVE" convert -o "$T/out.json" "$T/bad.json"
expect_file "$T/out.json" "old
"
expect_rc 0 "$LEADSIEVE" convert -o "$T/out.json" "$T/a.json"
expect_grep "$T/out.json" '"company_industries": ['
expect_rc 1 "$LEADSIEVE" convert -o "$T/no/such/dir.json" "$T/a.json"
[ -z "$(ls -A "$T" | grep '^\.')" ] || fail "a temporary file was left: $(ls -A "$T")"
finish
