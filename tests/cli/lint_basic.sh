#!/bin/bash
# lint: ok (exit 0, warnings on stderr), envelope (exit 2), unreadable (exit 1).
. "$LS_TEST_DATA/engine/cli_lib.bash"

expect_rc 0 "$LEADSIEVE" lint "$D/request.json"
expect_file "$T/out" "ok
"
expect_grep "$T/err" "company_types"
expect_grep "$T/err" "group"

expect_rc 0 "$LEADSIEVE" lint - <"$D/request.json"
expect_file "$T/out" "ok
"

expect_rc 2 "$LEADSIEVE" lint "$D/invalid_request.json"
expect_grep "$T/out" '{"status": "error", "status_code": 400, "detail": {'
expect_grep "$T/out" '"personas[0]": '
expect_grep "$T/out" '"limit_by": '

expect_rc 2 "$LEADSIEVE" lint "$D/notjson_request.json"
expect_grep "$T/out" '"detail": {"": '

expect_rc 1 "$LEADSIEVE" lint "$T/missing.json"
expect_rc 2 "$LEADSIEVE" lint
expect_rc 2 "$LEADSIEVE" lint a.json b.json
expect_rc 2 "$LEADSIEVE" lint --nope "$D/request.json"
# A multi-word prohibit is token-wise (§2): lint says so, still valid.
echo '{"without_company": true, "personas": [["P", ["sales"], [], ["account executive", "intern"]]]}' >"$T/p.json"
expect_rc 0 "$LEADSIEVE" lint "$T/p.json"
expect_grep "$T/err" 'personas[0][3][0]: prohibit "account executive"'
expect_nogrep "$T/err" 'personas[0][3][1]'
finish
