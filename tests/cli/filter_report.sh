#!/bin/bash
# --report: every figure of the run, as JSON, written atomically.
. "$LS_TEST_DATA/engine/cli_lib.bash"
PY=/usr/bin/python3

expect_rc 0 "$LEADSIEVE" filter -q --report "$T/rep.json" --request "$D/request.json" \
    "$D/leads" "$D/bad.jsonl" "$T/missing.json"
expect_file "$T/out" "$REACHED"
got=$($PY - "$T/rep.json" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
per = ";".join("%s/%s/%d" % (p["persona"], p["priority"], p["matched"]) for p in r["matched_by_persona"])
sk = ";".join("%s:%s:%s" % (s["kind"], s["file"].rsplit("/", 1)[-1], s.get("line")) for s in r["skipped"]["first"])
print(r["files"]["read"], r["files"]["failed"], r["leads_read"], r["malformed"],
      r["not_objects"], r["duplicates"], r["no_persona"], r["matched"], r["returned"],
      r["limit_by"], r["results_count"], per, sk, r["skipped"]["count"],
      ",".join(r["not_evaluated"]), ",".join(r["request_warnings"]), r["invalid_utf8_leads"])
PYEOF
)
# 3 files read (a.jsonl, b.json, bad.jsonl), 1 missing; 7 objects; 1
# malformed line, 1 number; 1 duplicate; Gardener matches no persona;
# CEOs 1, 5, 6 and Sales 2, 4 match; 3 returned.
want="3 1 7 1 1 1 1 5 3 3 limit reached CEO/1/3;Sales/0/2 malformed:bad.jsonl:2;not_object:bad.jsonl:3 2 company_types group,company_types 0"
[ "$got" = "$want" ] || fail "report: got '$got', want '$want'"

expect_rc 1 "$LEADSIEVE" filter -q --report "$T/no/dir/rep.json" --request "$D/request.json" "$D/leads"
finish
