#!/bin/bash
# No output replaces an input (contract §5a): every output flag against
# every kind of input — a lead file, a file inside an input directory, the
# request, the labels — directly, through a symlink and through a hard
# link; standard output redirected onto an input; two outputs on one file.
# Each refusal is exit 2 before anything is read, and the file is untouched.
. "$LS_TEST_DATA/engine/cli_lib.bash"

mkdir -p "$T/leads"
printf '{"sales_id": "1", "job_title": "Sales Lead"}\n{"sales_id": "2", "job_title": "CEO"}\n' \
    >"$T/leads/a.jsonl"
cp "$T/leads/a.jsonl" "$T/crm.jsonl"
echo '{"without_company": true, "personas": [["S", ["sales"], [], []]]}' >"$T/req.json"
printf '1\tS\n2\t-\n' >"$T/lab.tsv"
ln -s crm.jsonl "$T/link.jsonl"
ln "$T/crm.jsonl" "$T/hard.jsonl"
sums() { (cd "$T" && md5sum crm.jsonl req.json lab.tsv leads/a.jsonl); }
before=$(sums)

refused() { # WHAT-THE-MESSAGE-SAYS CMD...
    local say=$1; shift
    expect_rc 2 "$@"
    expect_grep "$T/err" "$say"
    expect_grep "$T/err" "nothing was read or written"
    [ "$(sums)" = "$before" ] || fail "a file changed: $*"
}

F=("$LEADSIEVE" filter --request "$T/req.json")
refused "-o $T/crm.jsonl is an input ($T/crm.jsonl)" "${F[@]}" -o "$T/crm.jsonl" "$T/crm.jsonl"
refused "--report $T/crm.jsonl is an input" "${F[@]}" --report "$T/crm.jsonl" -o "$T/x.json" "$T/crm.jsonl"
refused "-o $T/req.json is the request" "${F[@]}" -o "$T/req.json" "$T/crm.jsonl"
refused "--report $T/req.json is the request" "${F[@]}" --report "$T/req.json" "$T/crm.jsonl"
refused "is an input ($T/crm.jsonl)" "${F[@]}" -o "$T/link.jsonl" "$T/crm.jsonl"
refused "is an input ($T/crm.jsonl)" "${F[@]}" -o "$T/hard.jsonl" "$T/crm.jsonl"
refused "is an input ($T/link.jsonl)" "${F[@]}" -o "$T/crm.jsonl" "$T/link.jsonl"
refused "inside the input directory $T/leads" "${F[@]}" -o "$T/leads/a.jsonl" "$T/leads"
expect_grep "$T/err" "write outside the input directories"
ln "$T/leads/a.jsonl" "$T/outside.jsonl" # a hard link out of the directory
refused "inside the input directory $T/leads" "${F[@]}" -o "$T/outside.jsonl" "$T/leads"

# a new file inside an input directory is not read by the walk: allowed once
expect_rc 0 "${F[@]}" -q -o "$T/leads/out.json" "$T/leads"
expect_grep "$T/leads/out.json" '"amount": -1'
refused "inside the input directory" "${F[@]}" -o "$T/leads/out.json" "$T/leads"
rm "$T/leads/out.json"

# two outputs on one file: the report would replace the result
expect_rc 2 "${F[@]}" -o "$T/same.json" --report "$T/same.json" "$T/crm.jsonl"
expect_grep "$T/err" "-o and --report name the same file"
[ ! -e "$T/same.json" ] || fail "same.json was written"

# standard output redirected onto an input (>> keeps the file for the check)
"${F[@]}" "$T/crm.jsonl" >>"$T/crm.jsonl" 2>"$T/err"
[ $? = 2 ] || fail "filter >> input: not exit 2"
expect_grep "$T/err" "standard output (redirected) is an input"
[ "$(sums)" = "$before" ] || fail "filter >> input changed a file"
"$LEADSIEVE" explain --request "$T/req.json" "$T/crm.jsonl" >>"$T/req.json" 2>"$T/err"
[ $? = 2 ] || fail "explain >> request: not exit 2"
expect_grep "$T/err" "is the request"

# score: --html over the labels, the request or a lead file
S=("$LEADSIEVE" score --request "$T/req.json" --labels "$T/lab.tsv")
refused "--html $T/lab.tsv is the labels" "${S[@]}" --html "$T/lab.tsv" "$T/crm.jsonl"
refused "--html $T/req.json is the request" "${S[@]}" --html "$T/req.json" "$T/crm.jsonl"
refused "--html $T/crm.jsonl is an input" "${S[@]}" --html "$T/crm.jsonl" "$T/crm.jsonl"
refused "inside the input directory" "${S[@]}" --html "$T/leads/a.jsonl" "$T/leads"
expect_rc 0 "${S[@]}" --html "$T/report.html" "$T/crm.jsonl"
expect_grep "$T/report.html" "<html"
finish
