#!/bin/bash
# CSV leads (contract §5a): a Sales Navigator export (Phantombuster's
# columns) and an Apollo export, by name and on standard input; JSON and
# CSV output; the round trip of an export; bad rows.
. "$LS_TEST_DATA/engine/cli_lib.bash"
C="$LS_TEST_DATA/csv"
CR=$'\r'

# Both exports: titles from `title` and `Title`, duplicates by the LinkedIn
# URL under `linkedInProfileUrl` and `Person Linkedin Url`.
expect_rc 0 "$LEADSIEVE" filter --request "$C/request.json" "$C/salesnav.csv" "$C/apollo.csv"
expect_grep "$T/out" '"amount": -6,'
expect_grep "$T/err" "leads read                                9"
expect_grep "$T/err" "duplicates dropped                        1"
expect_grep "$T/err" "no persona matched                        2"
# the lead is the row: keys as written, values as strings, empty cells left
# out, the persona appended
expect_grep "$T/out" '{"profileUrl": "https://www.linkedin.com/sales/lead/ACwAAAA4", "fullName": "Chen, Wei", "firstName": "Wei", "lastName": "Chen", "companyName": "Umbrella", "title": "Director of Sales\nEMEA", "companyId": "1004", "regularCompanyUrl": "https://www.linkedin.com/company/umbrella", "companyLocation": "London, England, United Kingdom", "location": "London, England, United Kingdom", "timestamp": "2024-05-01T10:00:03.000Z", "linkedin_lead_persona": "Sales"}'
expect_grep "$T/out" '{"First Name": "Jane", "Last Name": "Doe", "Title": "Chief Marketing Officer", "Company Name": "Hooli", "Email": "jane@hooli.example", "Seniority": "C suite", "# Employees": "250", "Industry": "Computer Software", "Person Linkedin Url": "https://www.linkedin.com/in/jane-doe", "Website": "hooli.example", "Company Linkedin Url": "https://www.linkedin.com/company/hooli", "City": "Denver", "State": "Colorado", "Country": "United States", "linkedin_lead_persona": "Marketing"}'
expect_nogrep "$T/out" '"First Name": "Maria"' # the Sales Navigator row came first

# --format csv: the first CSV input's header, then the persona column
expect_rc 0 "$LEADSIEVE" filter -q --format csv --fields 'fullName,First Name,linkedin_lead_persona' \
    --request "$C/request.json" "$C/salesnav.csv" "$C/apollo.csv"
expect_file "$T/out" "fullName,First Name,linkedin_lead_persona$CR
Maria Lopez,,Sales$CR
Tom Becker,,Marketing$CR
\"Chen, Wei\",,Sales$CR
,Jane,Marketing$CR
,Raj,Sales$CR
,Sam,Sales$CR
"
expect_rc 0 "$LEADSIEVE" filter -q --format csv --request "$C/request.json" "$C/apollo.csv"
head -n 1 "$C/apollo.csv" | tr -d '\r' >"$T/in_header"
head -n 1 "$T/out" | tr -d '\r' >"$T/out_header"
expect_file "$T/out_header" "$(cat "$T/in_header"),linkedin_lead_persona
"
# the formula guard still applies to cells
expect_grep "$T/out" "Sam,Green,'=VP Sales,Stark,"

# CSV headers may lie close to an API field ("Title" beside "title"): with
# CSV input no name is refused up front; one no lead read had is refused
# once the leads are read (exit 2, nothing written), with the field it is
# close to; a column of the header empty in every row is a column still.
expect_rc 2 "$LEADSIEVE" filter -q --format csv --fields 'Title,fulname' --request "$C/request.json" "$C/apollo.csv"
expect_file "$T/out" ""
expect_file "$T/err" 'leadsieve: filter: --fields: no lead read has field "fulname"; did you mean "full_name"? (nothing written: its column would be empty throughout)
'
expect_rc 2 "$LEADSIEVE" filter -q --format csv --fields 'Title,Emial' --request "$C/request.json" "$C/apollo.csv"
expect_grep "$T/err" 'no lead read has field "Emial"; did you mean "Email"?'
printf 'Title,Notes\nVP Sales,\n' >"$T/empty_col.csv"
expect_rc 0 "$LEADSIEVE" filter -q --format csv --fields 'Title,Notes' --request "$C/request.json" "$T/empty_col.csv"
expect_file "$T/out" "Title,Notes$CR
VP Sales,$CR
"
expect_grep "$T/err" 'no lead had field "Notes"'
expect_rc 1 "$LEADSIEVE" filter -q --strict --format csv --fields 'Title,Notes' --request "$C/request.json" "$T/empty_col.csv"

# the round trip: with --csv-raw each kept row comes back byte for byte,
# the persona after it
expect_rc 0 "$LEADSIEVE" filter -q --format csv --csv-raw --request "$C/request.json" "$C/apollo.csv"
{
    head -n 1 "$C/apollo.csv" | sed "s/$CR\$/,linkedin_lead_persona$CR/"
    sed -n '2s/\r$/,Marketing\r/p; 3s/\r$/,Sales\r/p; 4s/\r$/,Sales\r/p; 6s/\r$/,Sales\r/p' "$C/apollo.csv"
} >"$T/want"
cmp -s "$T/out" "$T/want" || fail "round trip differs: $(diff "$T/out" "$T/want" | head -n 10)"

# a number of employees counts as the bucket it falls in: 250 is 201-500,
# "1,200" and "5,000" are 1001-5000, 12 is 11-50; 51-200 is a bucket
expect_rc 0 "$LEADSIEVE" filter -q --format csv --fields 'First Name,# Employees' \
    --request "$C/request_headcount.json" "$C/apollo.csv"
expect_file "$T/out" "First Name,# Employees$CR
Jane,250$CR
Maria,\"1,200\"$CR
Sam,\"5,000\"$CR
"

# standard input: CSV with --input-format csv; without it JSON, and a hint
expect_rc 0 "$LEADSIEVE" filter -q --format csv --input-format csv --request "$C/request.json" \
    - <"$C/apollo.csv"
cp "$T/out" "$T/stdin.csv"
expect_rc 0 "$LEADSIEVE" filter -q --format csv --request "$C/request.json" "$C/apollo.csv"
cmp -s "$T/out" "$T/stdin.csv" || fail "stdin with --input-format csv differs from the file"
expect_rc 0 "$LEADSIEVE" filter -q --request "$C/request.json" <"$C/apollo.csv"
expect_grep "$T/out" '"amount": 0,'
expect_grep "$T/err" "if it is CSV, give --input-format csv"
# --input-format json reads a .csv name as JSON
expect_rc 0 "$LEADSIEVE" filter -q --input-format json --request "$C/request.json" "$C/apollo.csv"
expect_grep "$T/out" '"amount": 0,'
expect_rc 2 "$LEADSIEVE" filter --input-format xml --request "$C/request.json" "$C/apollo.csv"
expect_grep "$T/err" "--input-format must be json or csv, not 'xml'"

# a persona column is replaced in place; ';' and a BOM are read
printf '\xEF\xBB\xBFName;linkedin_lead_persona;Job Title\r\nAda;old;VP Sales\r\nBo;;Intern\r\n' \
    >"$T/persona.csv"
expect_rc 0 "$LEADSIEVE" filter -q --format csv --request "$C/request.json" "$T/persona.csv"
expect_file "$T/out" "Name,linkedin_lead_persona,Job Title$CR
Ada,Sales,VP Sales$CR
"

# bad rows: reported with file and line, counted, the others read;
# --strict refuses the result
printf 'Title,Name\nVP Sales,Ada\nVP Sales\nVP Sales,Bo,extra\n"VP Sales",Cy\nVP Sales,"never closed\n' \
    >"$T/bad.csv"
expect_rc 0 "$LEADSIEVE" filter --format csv --request "$C/request.json" "$T/bad.csv"
expect_file "$T/out" "Title,Name,linkedin_lead_persona$CR
VP Sales,Ada,Sales$CR
VP Sales,Cy,Sales$CR
"
expect_grep "$T/err" "malformed records skipped                 3"
expect_grep "$T/err" "bad.csv:3: line 3: 1 cells where the header has 2; row skipped"
expect_grep "$T/err" "bad.csv:4: line 4: 3 cells where the header has 2; row skipped"
expect_grep "$T/err" "bad.csv:6: line 6: a quoted cell is never closed"
expect_rc 1 "$LEADSIEVE" filter --strict --request "$C/request.json" "$T/bad.csv"
# empty and header-only files
: >"$T/empty.csv"
printf 'Title,Name\r\n' >"$T/header.csv"
expect_rc 0 "$LEADSIEVE" filter --format csv --request "$C/request.json" "$T/empty.csv" "$T/header.csv"
expect_grep "$T/err" "empty.csv: no CSV header in the input (empty)"
expect_file "$T/out" "Title,Name,linkedin_lead_persona$CR
"

# the other commands read CSV the same way
expect_rc 0 "$LEADSIEVE" explain --request "$C/request.json" --format jsonl --input-format csv \
    - <"$C/apollo.csv"
expect_grep "$T/out" '"title_field": "title", "title": "Sales Manager"'
expect_rc 0 "$LEADSIEVE" lint --leads "$C/apollo.csv" "$C/request.json"
expect_rc 0 "$LEADSIEVE" diff --request "$C/request.json" --against "$C/request_headcount.json" \
    "$C/apollo.csv"
printf 'https://www.linkedin.com/in/jane-doe\tMarketing\nhttps://www.linkedin.com/in/li-wei\tSales\n' \
    >"$T/labels.tsv"
expect_rc 0 "$LEADSIEVE" score --format json --request "$C/request.json" --labels "$T/labels.tsv" \
    "$C/apollo.csv"
expect_grep "$T/out" '"scored": 2,'
expect_grep "$T/out" '"unused": 0,'
finish
