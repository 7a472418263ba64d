#!/bin/bash
# Addendum §3: the converted request validates, and filtering the same
# by_icp-shaped leads with the by_icp request and with its v1 conversion
# returns the same leads, in the same order.  The request has personas
# (two priorities), locations, lead_industries, company_headcounts,
# exclude_names, limit_by (which cuts: 92 match, 40 are returned),
# without_company and mentioned_in_news; the leads are data/examples/leads.
. "$LS_TEST_DATA/engine/cli_lib.bash"
REQ="$LS_TEST_DATA/convert/by_icp_request.json"
LEADS="$LS_SOURCE_DIR/data/examples/leads"

expect_rc 0 "$LEADSIEVE" convert -o "$T/v1.json" "$REQ"
expect_rc 0 "$LEADSIEVE" lint --api v1 "$T/v1.json"
expect_rc 0 "$LEADSIEVE" filter -q --request "$REQ" -o "$T/by_icp-out.json" "$LEADS"
expect_rc 0 "$LEADSIEVE" filter -q --api v1 --request "$T/v1.json" -o "$T/v1-out.json" "$LEADS"

/usr/bin/python3 - "$T/by_icp-out.json" "$T/v1-out.json" <<'EOF' || fail "the two runs differ"
import json, sys
old = json.load(open(sys.argv[1], encoding="utf-8"))
new = json.load(open(sys.argv[2], encoding="utf-8"))
a, b = old["leads"], new["data"]["leads"]
ok = True
if len(a) != 40:
    print("by_icp run returned %d leads, want 40" % len(a)); ok = False
if a != b:
    print("leads differ: by_icp %d, v1 %d; first by_icp-only: %s" % (
        len(a), len(b), next((x.get("sales_id") for x in a if x not in b), None)))
    ok = False
# v1's results_count counts the matches before limit_by (addendum §2)
if new["data"].get("results_count") != 92:
    print("v1 results_count %r, want 92" % new["data"].get("results_count")); ok = False
sys.exit(0 if ok else 1)
EOF
finish
