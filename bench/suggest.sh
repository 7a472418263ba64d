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
printf '%-58s %6s %9s %6s\n' request F1 precision recall
read -r f p r <<<"$(micro "$L/request.json" "$D/test.tsv")"
printf '%-58s %6s %9s %6s\n' "naive (request.json)" "$f" "$p" "$r"
# LEADSIEVE_BEFORE (another build, e.g. main's): its rows too, same halves.
BINS=("$LEADSIEVE")
[ -n "${LEADSIEVE_BEFORE:-}" ] && BINS=("$LEADSIEVE_BEFORE" "$LEADSIEVE")
n=0
for bin in "${BINS[@]}"; do
    tag=""
    [ "$bin" = "${LEADSIEVE_BEFORE:-}" ] && tag="before: "
    while read -r opts; do
        n=$((n + 1))
        # shellcheck disable=SC2086  # opts is a list of options
        "$bin" suggest -q $opts --request "$L/request.json" --labels "$D/train.tsv" \
            --apply 1000 -o "$D/suggested-$n.json" "$LEADS" >"$D/suggest-$n.txt"
        read -r f p r <<<"$(micro "$D/suggested-$n.json" "$D/test.tsv")"
        e=$(grep -cE '^ +[0-9]+ ' "$D/suggest-$n.txt" || true)
        printf '%-58s %6s %9s %6s\n' "${tag}suggest ${opts:-(defaults)} ($e edits)" "$f" "$p" "$r"
        # suggest's own held-out figure agrees with score's
        # shellcheck disable=SC2086
        held=$("$bin" suggest -q $opts --holdout 0.5 --request "$L/request.json" \
            --labels "$L/labels.tsv" "$LEADS" | sed -n 's/^held out: F1 [0-9.]* -> \([0-9.]*\),.*/\1/p')
        [ "$held" = "$f" ] || { echo "suggest --holdout says $held, score says $f" >&2; exit 1; }
    done <<'OPTS'

--min-titles 1
--min-titles 1 --max-edits 200
--min-titles 1 --max-words 1 --max-edits 200
OPTS
done
read -r f p r <<<"$(micro "$L/request-improved.json" "$D/test.tsv")"
printf '%-58s %6s %9s %6s\n' "hand-tuned (request-improved.json)" "$f" "$p" "$r"
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
printf '%-58s %6s %9s %6s\n' "hand-tuned, chosen-on half's words only" "$f" "$p" "$r"
# What its labels can teach: a keyword the naive request lacks is kept only
# when it occurs in a title of the chosen-on half labeled with its persona
# (a prohibit: in any title there); "fiscal" in a title labeled - there
# teaches no learner that fiscal is a finance word.
/usr/bin/python3 - "$LEADSIEVE" "$L/request-improved.json" "$L/request.json" "$D/train.tsv" \
    "$LEADS/leads.jsonl" "$D/improved-labels.json" <<'PY'
import json, subprocess, sys
cli, req_path, naive_path, train, leads, out = sys.argv[1:]
label = dict(l.rstrip("\n").split("\t")[:2] for l in open(train, encoding="utf-8"))
recs = [r for r in map(json.loads, open(leads, encoding="utf-8")) if r["sales_id"] in label]
def norm(lines):
    return subprocess.run([cli, "normalize"], input="\n".join(lines) + "\n", text=True,
                          capture_output=True, check=True).stdout.splitlines()
titles = [" %s " % n for n in norm([r["job_title"] for r in recs])]
naive = {p[0]: p for p in json.load(open(naive_path, encoding="utf-8"))["personas"]}
req = json.load(open(req_path, encoding="utf-8"))
dropped = 0
for persona in req["personas"]:
    own = [t for t, r in zip(titles, recs) if label[r["sales_id"]] == persona[0]]
    for i, pool in ((1, own), (2, own), (3, titles)):
        kept = [k for k, n in zip(persona[i], norm(persona[i]))
                if k in naive[persona[0]][i] or any(" %s " % n in t for t in pool)]
        dropped += len(persona[i]) - len(kept)
        persona[i] = kept
json.dump(req, open(out, "w", encoding="utf-8"), indent=1)
print("hand-tuned keywords in no chosen-on title of their persona: %d" % dropped, file=sys.stderr)
PY
read -r f p r <<<"$(micro "$D/improved-labels.json" "$D/test.tsv")"
printf '%-58s %6s %9s %6s\n' "hand-tuned, words of its persona's chosen-on titles" "$f" "$p" "$r"

# The same over SPLITS halvings (split 0 is the one above): mean held-out F1.
for bin in "${BINS[@]}"; do
    tag=""
    [ "$bin" = "${LEADSIEVE_BEFORE:-}" ] && tag="before: "
    while read -r opts; do
        # shellcheck disable=SC2086
        read -r fn fs each <<<"$(/usr/bin/python3 bench/suggest_splits.py "$bin" "$D/splits" \
            "${SPLITS:-10}" -- $opts)"
        printf '%s%s splits, suggest %s: mean held-out F1 %s (naive %s): %s\n' "$tag" \
            "${SPLITS:-10}" "${opts:-(defaults)}" "$fs" "$fn" "$each"
    done <<'OPTS'

--min-titles 1 --max-edits 200
--min-titles 1 --max-words 1 --max-edits 200
OPTS
done

# (2) 100,000 labeled leads
[ -s "$D/gen/leads.jsonl" ] || /usr/bin/python3 bench/gen_labeled.py "$D/gen" 100000 1
hyperfine --runs "${RUNS:-5}" --warmup "${WARMUP:-1}" --export-json "$D/suggest-hyperfine.json" \
    -n score "$LEADSIEVE score -q --request $L/request.json --labels $D/gen/labels.tsv $D/gen/leads.jsonl" \
    -n suggest "$LEADSIEVE suggest -q --request $L/request.json --labels $D/gen/labels.tsv $D/gen/leads.jsonl" \
    ${LEADSIEVE_BEFORE:+-n "suggest (before)" "$LEADSIEVE_BEFORE suggest -q --request $L/request.json --labels $D/gen/labels.tsv $D/gen/leads.jsonl"}
"$LEADSIEVE" suggest -q --request "$L/request.json" --labels "$D/gen/labels.tsv" "$D/gen/leads.jsonl" | head -6
