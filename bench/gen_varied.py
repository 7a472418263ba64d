#!/usr/bin/python3
"""Deterministic generator of varied leads: what real exports look like.

    bench/gen_varied.py --out DIR --size 1G [--format json|jsonl|array|response]
                        [--seed N] [--per-file N]

gen_leads.py writes the same field set in the same order on every lead, with
titles mostly from a few hundred repeated ones; a scanner that remembers the
last key order and a memo of title decisions then look better than they are.
Here every lead starts from gen_leads.py's lead and is varied:

- field sets: optional members dropped (a third of them, at random per lead),
  a few extra unknown members added;
- key order: shuffled on half the leads;
- value types: null and empty strings, numbers written as strings and ids as
  numbers, booleans as strings;
- lengths: summaries and descriptions from empty to a few KB;
- a quarter of the leads have the v1 shape (a nested "company" object,
  bench/to_v1.py's lead_v1);
- titles: half drawn with Zipf-like repetition, half uniformly from every
  title in bench/titles.tsv, data/examples/titles.tsv and
  data/examples/labeled-inputs/titles.tsv (English and 21 other languages);
- half of the records written as Python's json.dumps(ensure_ascii=True)
  writes them (non-ASCII as \\u escapes), the other half as UTF-8.

Formats: json = API-response files of --per-file leads (leads-NNNNN.json);
jsonl = one file leads.jsonl; array = one file leads-array.json ([lead, ...]);
response = one file response.json ({"amount": ..., "leads": [...], ...}).
The same arguments always give the same bytes.
"""
import argparse
import csv
import json
import os
import random

import gen_leads
import to_v1

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPORA = ["bench/titles.tsv", "data/examples/titles.tsv",
           "data/examples/labeled-inputs/titles.tsv"]
# members a lead may lack (job_title and sales_id stay on most leads)
OPTIONAL = ["certifications", "company_city", "company_country", "company_description",
            "company_headcount_range", "company_industry", "company_location",
            "company_url", "company_website", "educations", "headline", "industry",
            "is_full_data", "is_job_seeker", "is_premium", "job_description",
            "job_ended_on", "job_location", "job_started_on", "job_still_working",
            "languages", "linkedin_id", "linkedin_lead_persona", "middle_name",
            "num_of_connections", "profile_photo", "raw_company_name", "raw_headline",
            "raw_job_title", "skills", "summary", "twitter_link", "unformatted_full_name"]
EXTRA = [("premium_badge", lambda r: r.random() < 0.5), ("open_profile", lambda r: None),
         ("recent_posts", lambda r: [{"id": r.randrange(10 ** 9), "likes": r.randrange(500)}
                                     for _ in range(r.randrange(3))]),
         ("tags", lambda r: ["vip"] * r.randrange(3)),
         ("score", lambda r: round(r.random() * 100, 3))]
WORDS = ("pipeline revenue growth team customers strategy operations data cloud "
         "Übersicht Zusammenarbeit équipe développement ανάπτυξη продажби rozwój "
         "стратегия marché ventas försäljning").split()


def load_all_titles():
    """Every title of every corpus, with its language ('en' when not given)."""
    seen, out = set(), []
    for rel in CORPORA:
        with open(os.path.join(ROOT, rel), encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                t = row["title"]
                if t and t not in seen:
                    seen.add(t)
                    out.append((t, row.get("lang") or "en"))
    return out


def text(rnd, lo, hi):
    n = rnd.randrange(lo, hi)
    return " ".join(rnd.choice(WORDS) for _ in range(n))


def vary(rnd, lead, i):
    for k in OPTIONAL:
        if rnd.random() < 0.33:
            del lead[k]
    r = rnd.random()
    if r < 0.02:
        lead["job_title"] = None
    elif r < 0.04:
        lead["job_title"] = ""
    elif r < 0.05:
        del lead["job_title"]
    for k in ("company_url", "company_website", "location", "headline", "middle_name"):
        if k in lead and rnd.random() < 0.1:
            lead[k] = None if rnd.random() < 0.5 else ""
    if "num_of_connections" in lead and rnd.random() < 0.3:
        lead["num_of_connections"] = str(lead["num_of_connections"])
    if rnd.random() < 0.3:
        lead["company_id"] = int(lead["company_id"])
    if "linkedin_id" in lead and rnd.random() < 0.3:
        lead["linkedin_id"] = int(lead["linkedin_id"])
    if "is_premium" in lead and rnd.random() < 0.1:
        lead["is_premium"] = "true" if lead["is_premium"] else "false"
    if "summary" in lead:
        lead["summary"] = text(rnd, 0, 300) if rnd.random() < 0.5 else ""
    if "job_description" in lead and rnd.random() < 0.5:
        lead["job_description"] = text(rnd, 0, 120)
    if rnd.random() < 0.5:
        lead["jobs"] = lead["jobs"][rnd.randrange(2):] * rnd.randrange(1, 4)
    for name, make in EXTRA:
        if rnd.random() < 0.15:
            lead[name] = make(rnd)
    if rnd.random() < 0.25:
        lead = to_v1.lead_v1(lead, i)
    if rnd.random() < 0.5:
        items = list(lead.items())
        rnd.shuffle(items)
        lead = dict(items)
    return lead


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--size", default="100M", help="total bytes, e.g. 1G")
    ap.add_argument("--format", choices=("json", "jsonl", "array", "response"), default="json")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-file", type=int, default=2500)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    titles = load_all_titles()
    zipf_order = titles[:]
    rnd.shuffle(zipf_order)
    zipf = gen_leads.Zipf(len(zipf_order))
    target = gen_leads.parse_size(args.size)
    os.makedirs(args.out, exist_ok=True)
    state = {"i": 0, "written": 0}

    def next_record():
        i = state["i"] = state["i"] + 1
        pool = zipf_order[zipf.pick(rnd)] if rnd.random() < 0.5 else rnd.choice(titles)
        lead = vary(rnd, gen_leads.make_lead(rnd, i, pool[0]), i)
        s = json.dumps(lead, ensure_ascii=rnd.random() < 0.5)
        state["written"] += len(s.encode("utf-8")) + 2
        return s

    def records():
        while state["written"] < target:
            yield next_record()

    if args.format == "jsonl":
        with open(os.path.join(args.out, "leads.jsonl"), "w", encoding="utf-8") as f:
            for s in records():
                f.write(s + "\n")
        return
    if args.format in ("array", "response"):
        name = "leads-array.json" if args.format == "array" else "response.json"
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            f.write("[" if args.format == "array" else '{"amount": -1, "leads": [')
            first = True
            for s in records():
                f.write(s if first else ", " + s)
                first = False
            f.write("]\n" if args.format == "array" else '], "results_count": "within limit"}')
        return
    fileno = 0
    while state["written"] < target:
        n = args.per_file if rnd.random() < 0.7 else rnd.randrange(1, args.per_file * 2)
        recs = [next_record() for _ in range(n)]
        path = os.path.join(args.out, "leads-%05d.json" % fileno)
        with open(path, "w", encoding="utf-8") as f:
            f.write('{"amount": -%d, "leads": [%s], "results_count": "within limit"}'
                    % (n, ", ".join(recs)))
        fileno += 1


if __name__ == "__main__":
    main()
