#!/usr/bin/env bash
# Installs what is missing, builds the release binary and runs leadsieve's
# main job on the bundled example: the by_icp documentation's own request
# over a few hundred downloaded leads (data/examples/).
# Safe to run again: nothing is installed twice, the build is incremental.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

# shellcheck source=scripts/setup-deps.sh
source scripts/setup-deps.sh
ls_deps_install

cmake -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build --parallel "${LS_JOBS:-2}"

bin=build/leadsieve
request=data/examples/request.json
leads=data/examples/leads/
out=build/demo
mkdir -p "$out"

# Shows a command before running it, as it would be typed.
show() { printf '\n$ %s\n' "$*"; }

if ! "$bin" filter --help >/dev/null 2>&1; then
    # A build without the filter command yet: show the normalization only.
    printf '\nleadsieve filter is not available in this build; normalization of example titles:\n'
    cut -f4 data/examples/titles.tsv | sed -n '2,15p' | while IFS= read -r title; do
        printf '  %-45s <- %s\n' "$("$bin" normalize "$title")" "$title"
    done
    exit 0
fi

printf '\n== The documented example request over %s (%s files) ==\n' \
    "$leads" "$(find "$leads" -type f | wc -l)"
show "$bin filter --request $request $leads > $out/result.json"
# The summary goes to standard error, the API-shaped result to the file.
"$bin" filter --request "$request" "$leads" >"$out/result.json"
printf '(%s bytes of JSON written to %s)\n' "$(wc -c <"$out/result.json")" "$out/result.json"

fields=linkedin_lead_persona,full_name,job_title,headline,location
show "$bin filter -q --request $request --format csv --fields $fields $leads | head -n 11"
"$bin" filter -q --request "$request" --format csv --fields "$fields" -o "$out/result.csv" "$leads"
head -n 11 "$out/result.csv"
printf '(%s leads in %s; the title used is the first non-blank of job_title, raw_job_title, title, headline)\n' \
    "$(($(wc -l <"$out/result.csv") - 1))" "$out/result.csv"

printf '\n== Checking a request: lint ==\n'
show "$bin lint $request"
"$bin" lint "$request"
# A broken request: every problem at once, in the API's error envelope.
cat >"$out/bad-request.json" <<'JSON'
{"company_name": "Slack", "without_company": true, "limit_by": 5000,
 "personas": [["Founders", ["of"], ["founder"], [], 1.0]]}
JSON
show "$bin lint $out/bad-request.json   # exits 2"
status=0
"$bin" lint "$out/bad-request.json" || status=$?
printf '(exit status %d)\n' "$status"

printf '\n== What matching compares: normalize ==\n'
titles=('VP, Sales & Marketing' 'Sr. Director, Product Marketing' 'Head of IT' 'CMO'
        'Geschäftsführer' 'Διευθυντής Marketing')
show "$bin normalize$(printf " '%s'" "${titles[@]}")"
mapfile -t normalized < <("$bin" normalize "${titles[@]}")
# The normalized side is ASCII, so it is the one that can be aligned.
for i in "${!titles[@]}"; do
    printf '  %-36s <- %s\n' "${normalized[$i]}" "${titles[$i]}"
done
