#!/bin/bash
# serve: what is refused before anything starts (usage, an invalid request,
# bad labels, a save target that is an input), then a server on a free
# port: its address, a call, Save to the default target beside the
# request, --host's warning, and SIGTERM.  A command meant to be refused
# that starts a server instead is ended by timeout (and fails).
. "$LS_TEST_DATA/engine/cli_lib.bash"
S="$LS_TEST_DATA/score"
cp "$S/request.json" "$S/leads.jsonl" "$S/labels.tsv" "$T/"
mkdir "$T/dir" && cp "$S/leads.jsonl" "$T/dir/more.jsonl"

expect_rc 0 timeout 30 "$LEADSIEVE" serve --help
expect_grep "$T/out" "--save FILE"
expect_grep "$T/out" "127.0.0.1 only"
expect_rc 2 timeout 30 "$LEADSIEVE" serve "$T/leads.jsonl"
expect_grep "$T/err" "--request FILE is required"
expect_rc 2 timeout 30 "$LEADSIEVE" serve --request - "$T/leads.jsonl"
expect_grep "$T/err" "needs --save FILE"
expect_rc 2 timeout 30 "$LEADSIEVE" serve --request "$T/request.json" --port 70000 "$T/leads.jsonl"
expect_grep "$T/err" "--port needs a port from 0 to 65535"
expect_rc 2 timeout 30 "$LEADSIEVE" serve --request "$T/request.json" --svae x "$T/leads.jsonl"
expect_grep "$T/err" "did you mean"

# the save target is never an input: nothing is read, nothing starts
for target in "$T/request.json" "$T/leads.jsonl" "$T/labels.tsv" "$T/dir/more.jsonl"; do
    expect_rc 2 timeout 30 "$LEADSIEVE" serve --request "$T/request.json" --labels "$T/labels.tsv" \
        --save "$target" "$T/leads.jsonl" "$T/dir"
    expect_grep "$T/err" "--save $target is"
    expect_file "$T/out" ""
done
cmp -s "$S/request.json" "$T/request.json" || fail "the request was written"

# an invalid request: the API's envelope, as every command gives it
printf '{"without_company": true, "limit_by": 0, "personas": []}' >"$T/bad.json"
expect_rc 2 timeout 30 "$LEADSIEVE" serve --request "$T/bad.json" "$T/leads.jsonl"
expect_grep "$T/out" '"status": "error", "status_code": 400'
# labels that name no persona of the request
printf 's1\tSalez\n' >"$T/badlabels.tsv"
expect_rc 2 timeout 30 "$LEADSIEVE" serve --request "$T/request.json" --labels "$T/badlabels.tsv" "$T/leads.jsonl"
expect_grep "$T/err" 'did you mean "Sales"?'
# nothing to edit against
: >"$T/empty.jsonl"
expect_rc 1 timeout 30 "$LEADSIEVE" serve --request "$T/request.json" "$T/empty.jsonl"
expect_grep "$T/err" "no lead was read"
expect_rc 1 timeout 30 "$LEADSIEVE" serve --request "$T/request.json" --host localhost "$T/leads.jsonl"
expect_grep "$T/err" "--host localhost: not an IP address"

# Starts a server; sets PID and URL.
start() {
    "$LEADSIEVE" serve "$@" >"$T/url" 2>"$T/log" &
    PID=$!
    for _ in $(seq 1 200); do
        [ -s "$T/url" ] && break
        sleep 0.05
    done
    URL=$(head -n 1 "$T/url")
}
stop() {
    kill -TERM "$PID"
    wait "$PID"
    local rc=$?
    [ "$rc" = 0 ] || fail "serve exited $rc after SIGTERM"
    expect_grep "$T/log" "leadsieve: serve: stopped"
}

start --request "$T/request.json" --labels "$T/labels.tsv" "$T/leads.jsonl"
[[ $URL =~ ^http://127\.0\.0\.1:[0-9]+/[A-Za-z0-9_-]{43}/$ ]] || fail "address: $URL"
expect_grep "$T/log" "18 leads read"
expect_grep "$T/log" "Save writes $T/request.edited.json"
expect_nogrep "$T/log" "warning"
/usr/bin/python3 - "$URL" "$T/request.json" <<'PY' || fail "the API over HTTP"
import json, sys, urllib.request, urllib.error
url, request = sys.argv[1], sys.argv[2]
session = json.load(urllib.request.urlopen(url + "api/session"))
assert session["leads"] == 18 and session["labels"].endswith("labels.tsv"), session
edited = open(request).read().replace('"intern"', '"intern", "wholesales"')
post = urllib.request.Request(url + "api/save", data=edited.encode(), method="POST")
assert json.load(urllib.request.urlopen(post))["saved"].endswith("request.edited.json")
# the token is the way in: without it, nothing
try:
    urllib.request.urlopen(url.rsplit("/", 2)[0] + "/api/session")
    sys.exit("answered without the token")
except urllib.error.HTTPError as e:
    assert e.code == 404, e.code
PY
stop
expect_file "$T/request.edited.json" "$(sed 's/"intern"/"intern", "wholesales"/' "$T/request.json")
"
cmp -s "$S/request.json" "$T/request.json" || fail "the request was written"

# --host: reachable from elsewhere, and said so
start --host 127.0.0.1 --port 0 --save "$T/other.json" --request "$T/request.json" "$T/leads.jsonl"
expect_grep "$T/log" "warning: serve: listening on 127.0.0.1, not only this machine"
[[ $URL =~ ^http://127\.0\.0\.1:[0-9]+/ ]] || fail "address with --host: $URL"
stop

finish
