#!/usr/bin/python3
"""What a user would write without leadsieve: json + unidecode + the
documented rules, for the API documentation's example request (personas,
locations, exclude_names, filter_empty_vars, company_link slug, limit_by).

    bench/baseline/filter.py REQUEST.json FILE...
"""
import json
import re
import sys

from unidecode import unidecode

STOP = {"or", "and", "of", "in", "at"}
ABBR = {}
with open(__file__.rsplit("/", 3)[0] + "/data/abbreviations.tsv", encoding="ascii") as f:
    for line in f:
        a, b = line.rstrip("\n").split("\t")
        ABBR[tuple(a.split())] = b.split()
EXPAND = {"vp": ["vp", "svp", "evp", "gvp", "avp"], "chief": ["chief", "chief officer"],
          "c-lvl": ["c lvl", "chief officer"], "cxo": ["cxo", "chief officer"],
          "manager+": ["manager", "director", "head", "vp", "svp", "evp", "avp",
                       "chief officer"]}


def tokens(s):
    toks = [t for t in re.sub("[^a-z0-9]", " ", unidecode(s).lower()).split() if t not in STOP]
    out, i = [], 0
    while i < len(toks):
        for n in (2, 1):
            if tuple(toks[i:i + n]) in ABBR:
                out += ABBR[tuple(toks[i:i + n])]
                i += n
                break
        else:
            out.append(toks[i])
            i += 1
    return out


def norm(s):
    return " ".join(tokens(s))


def persona_of(title, personas):
    t = tokens(title)
    tn, ts = " ".join(t), set(t)
    best = None
    for idx, p in enumerate(personas):
        fn = not p[1] or any(norm(f) in tn for f in p[1])
        sen = not p[2] or any(set(tokens(a)) <= ts for e in p[2]
                              for a in EXPAND.get(e.strip().lower(), [e]))
        bad = any(tok in ts for x in p[3] for tok in tokens(x))
        prio = p[4] if len(p) > 4 else 0
        if fn and sen and not bad and (best is None or prio < best[0]):
            best = (prio, idx)
    return best


def main():
    req = json.load(open(sys.argv[1], encoding="utf-8"))
    slug = req["company_link"].rstrip("/").rsplit("/", 1)[-1].lower()
    locs = [[norm(p) for p in l.split(",")] for l in req.get("locations", [])]
    names = {" ".join(unidecode(n).lower().split()) for n in req.get("exclude_names", [])}
    seen, matched = set(), []
    for path in sys.argv[2:]:
        for lead in json.load(open(path, encoding="utf-8"))["leads"]:
            key = lead.get("sales_id") or lead.get("linkedin_url") or lead.get("linkedin_id")
            if key:
                if key in seen:
                    continue
                seen.add(key)
            name = lead.get("unformatted_full_name") or lead.get("full_name") or ""
            if " ".join(unidecode(name).lower().split()) in names:
                continue
            if any(not lead.get(v) for v in req.get("filter_empty_vars", [])):
                continue
            loc = [norm(p) for p in (lead.get("location") or "").split(",")]
            if locs and not any(loc[-len(e):] == e for e in locs):
                continue
            url = lead.get("company_url") or next(
                (j.get("company_url") for j in lead.get("jobs", []) if j.get("job_still_working")), "")
            if (url or "").rstrip("/").rsplit("/", 1)[-1].lower() != slug:
                continue
            title = next((lead[k] for k in ("job_title", "raw_job_title", "title", "headline")
                          if isinstance(lead.get(k), str) and lead[k].strip()), "")
            best = persona_of(title, req["personas"])
            if best:
                lead["linkedin_lead_persona"] = req["personas"][best[1]][0]
                matched.append((best[0], len(matched), lead))
    matched.sort(key=lambda m: m[:2])
    out = [m[2] for m in matched[:req.get("limit_by", len(matched))]]
    json.dump({"amount": -len(out), "leads": out, "results_count": "within limit"}, sys.stdout)


if __name__ == "__main__":
    main()
