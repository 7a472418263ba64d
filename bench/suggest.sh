#!/bin/bash
# leadsieve suggest: (1) on the labeled example set, edits chosen on one
# half of the leads and scored on the other, against the hand-tuned
# request; (2) its wall time on 100,000 generated labeled leads, against
# score on the same leads, in one hyperfine run.  Figures: bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
if [ -z "${LEADSIEVE:-}" ]; then
    cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DLS_BUILD_TESTS=OFF >/dev/null
    cmake --build build-bench --parallel "${LS_JOBS:-2}" --target leadsieve_cli >/dev/null
    LEADSIEVE=$ROOT/build-bench/leadsieve
fi
D=${BENCH_DIR:-/tmp/leadsieve-bench-suggest}
mkdir -p "$D"
L=data/examples/labeled-inputs
LEADS=data/examples/labeled/

# (1) The halves: a lead is held out as suggest --holdout 0.5 holds it out,
# (FNV-1a 64 of its key >> 32) % 10000 < 5000, so that score can measure
# the held-out half with a labels file of its own.
/usr/bin/python3 - "$L/labels.tsv" "$D/train.tsv" "$D/test.tsv" <<'PY'
import sys
def fnv(b):
    h = 14695981039346656037
    for c in b:
        h = ((h ^ c) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h
with open(sys.argv[2], "w") as tr, open(sys.argv[3], "w") as te:
    for line in open(sys.argv[1], encoding="utf-8"):
        if line.startswith("lead_key\t") or not line.strip():
            continue
        key = line.split("\t")[0].encode()
        (te if (fnv(key) >> 32) % 10000 < 5000 else tr).write(line)
PY
micro() {  # REQUEST LABELS: "F1 P R" of score's micro row
    "$LEADSIEVE" score -q --request "$1" --labels "$2" "$LEADS" |
        awk '$1 == "micro" { print $7, $5, $6 }'
}
echo "held-out half: $(grep -c . "$D/test.tsv") labeled leads; chosen on $(grep -c . "$D/train.tsv")"
printf '%-44s %6s %9s %6s\n' request F1 precision recall
read -r f p r <<<"$(micro "$L/request.json" "$D/test.tsv")"
printf '%-44s %6s %9s %6s\n' "naive (request.json)" "$f" "$p" "$r"
for mt in 2 1; do
    "$LEADSIEVE" suggest -q --min-titles "$mt" --request "$L/request.json" --labels "$D/train.tsv" \
        --apply 1000 -o "$D/suggested-$mt.json" "$LEADS" >"$D/suggest-$mt.txt"
    read -r f p r <<<"$(micro "$D/suggested-$mt.json" "$D/test.tsv")"
    n=$(grep -cE '^ +[0-9]+ ' "$D/suggest-$mt.txt" || true)
    printf '%-44s %6s %9s %6s\n' "suggest --min-titles $mt ($n edits)" "$f" "$p" "$r"
    # suggest's own held-out figure agrees with score's
    held=$("$LEADSIEVE" suggest -q --min-titles "$mt" --holdout 0.5 --request "$L/request.json" \
        --labels "$L/labels.tsv" "$LEADS" | sed -n 's/^held out: F1 [0-9.]* -> \([0-9.]*\),.*/\1/p')
    [ "$held" = "$f" ] || { echo "suggest --holdout says $held, score says $f" >&2; exit 1; }
done
"$LEADSIEVE" suggest -q --min-titles 1 --max-words 1 --max-edits 200 --request "$L/request.json" \
    --labels "$D/train.tsv" --apply 1000 -o "$D/suggested-words.json" "$LEADS" >"$D/suggest-words.txt"
read -r f p r <<<"$(micro "$D/suggested-words.json" "$D/test.tsv")"
n=$(grep -cE '^ +[0-9]+ ' "$D/suggest-words.txt" || true)
printf '%-44s %6s %9s %6s\n' "suggest --min-titles 1 --max-words 1 ($n)" "$f" "$p" "$r"
read -r f p r <<<"$(micro "$L/request-improved.json" "$D/test.tsv")"
printf '%-44s %6s %9s %6s\n' "hand-tuned (request-improved.json)" "$f" "$p" "$r"
# What the chosen-on half can teach at most: the hand-tuned request with
# only the keywords that occur, as whole normalized words, in some title
# of that half (the rest could only have been learned from held-out titles).
/usr/bin/python3 - "$LEADSIEVE" "$L/request-improved.json" "$D/train.tsv" "$LEADS/leads.jsonl" \
    "$D/improved-chosen-half.json" <<'PY'
import json, subprocess, sys
cli, req_path, train, leads, out = sys.argv[1:]
keys = {l.split("\t")[0] for l in open(train, encoding="utf-8")}
titles = [json.loads(l)["job_title"] for l in open(leads, encoding="utf-8")]
titles = [t for t, l in zip(titles, open(leads, encoding="utf-8"))
          if json.loads(l)["sales_id"] in keys]
def norm(lines):
    return subprocess.run([cli, "normalize"], input="\n".join(lines) + "\n", text=True,
                          capture_output=True, check=True).stdout.splitlines()
half = [" %s " % t for t in norm(titles)]
req = json.load(open(req_path, encoding="utf-8"))
dropped = 0
for persona in req["personas"]:
    for i in (1, 2, 3):
        kept = [k for k, n in zip(persona[i], norm(persona[i])) if any(" %s " % n in t for t in half)]
        dropped += len(persona[i]) - len(kept)
        persona[i] = kept
json.dump(req, open(out, "w", encoding="utf-8"), indent=1)
print("hand-tuned keywords absent from the chosen-on half: %d" % dropped, file=sys.stderr)
PY
read -r f p r <<<"$(micro "$D/improved-chosen-half.json" "$D/test.tsv")"
printf '%-44s %6s %9s %6s\n' "hand-tuned, chosen-on half's words only" "$f" "$p" "$r"

# (2) 100,000 labeled leads
[ -s "$D/gen/leads.jsonl" ] || /usr/bin/python3 bench/gen_labeled.py "$D/gen" 100000 1
hyperfine --runs "${RUNS:-5}" --warmup "${WARMUP:-1}" --export-json "$D/suggest-hyperfine.json" \
    -n score "$LEADSIEVE score -q --request $L/request.json --labels $D/gen/labels.tsv $D/gen/leads.jsonl" \
    -n suggest "$LEADSIEVE suggest -q --request $L/request.json --labels $D/gen/labels.tsv $D/gen/leads.jsonl"
"$LEADSIEVE" suggest -q --request "$L/request.json" --labels "$D/gen/labels.tsv" "$D/gen/leads.jsonl" | head -6
