#!/usr/bin/python3
"""Deterministic generator of realistic lead files for benchmarks.

    bench/gen_leads.py --out DIR --size 1G [--format json|jsonl] [--seed N]

json: API-response files ({"amount": -N, "leads": [...], "results_count":
...}) of 2,500 leads each, the field set of the API documentation's example
lead.  jsonl: one file, one lead a line.  Titles come from bench/titles.tsv
(real O*NET and ESCO titles, see bench/README.md) with Zipf-like repetition,
about 10% non-English.  The same arguments always give the same bytes.
"""
import argparse
import bisect
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))

FIRST = ["Sarah", "John", "Maria", "David", "Anna", "Michael", "Laura", "Jens",
         "Sophie", "Lukas", "Elena", "Pierre", "Giulia", "Tomasz", "Ingrid",
         "Dimitris", "Ivan", "Chen", "Priya", "Olivia", "Noah", "Jürgen", "Zoë"]
LAST = ["Chen", "Smith", "Garcia", "Müller", "Rossi", "Dubois", "Kowalski",
        "Johansson", "Papadopoulos", "Ivanov", "Patel", "Brown", "Nowak",
        "Andersen", "Fischer", "Martin", "O'Neil", "Novák"]
LOCATIONS = ["San Francisco, California, United States",
             "New York, New York, United States",
             "London, England, United Kingdom",
             "Austin, Texas, United States", "Berlin, Berlin, Germany",
             "Paris, Île-de-France, France", "Madrid, Community of Madrid, Spain",
             "Athens, Attica, Greece", "Sofia, Sofia City, Bulgaria",
             "Toronto, Ontario, Canada", "Warsaw, Masovian Voivodeship, Poland"]
COMPANIES = [("Slack", "slack-technologies", "21828", "Software Development", "501-1000"),
             ("Acme Analytics", "acme-analytics", "90210", "IT Services and IT Consulting", "51-200"),
             ("Nordwind GmbH", "nordwind", "4431", "Machinery Manufacturing", "1001-5000"),
             ("Globex", "globex-corp", "77", "Financial Services", "10,001+")]
HEADCOUNTS = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000"]
DATES = ["Mar 2023", "January 2019", "2013", "2020-07", "2021-11-15", "Sep 2016"]
DESCRIPTION = ("Lead global strategy and cross-functional programs to drive customer "
               "acquisition and retention. Collaborate with product, sales, and growth "
               "teams to accelerate adoption and revenue growth.")


B2B = ("market", "sales", "product", "business development", "revenue", "brand",
       "growth", "account")


def load_titles():
    """(English, non-English, English B2B-function) title lists."""
    en, other = [], []
    with open(os.path.join(HERE, "titles.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            title, lang, _ = line.rstrip("\n").split("\t")
            (en if lang == "en" else other).append(title)
    b2b = [t for t in en if any(k in t.lower() for k in B2B)]
    return en, other, b2b


class Zipf:
    """Index sampler with weight 1/(rank+1)^s: real lead sets repeat titles."""

    def __init__(self, n, s=1.05):
        acc, self.cum = 0.0, []
        for i in range(n):
            acc += 1.0 / (i + 1) ** s
            self.cum.append(acc)

    def pick(self, rnd):
        return bisect.bisect_left(self.cum, rnd.random() * self.cum[-1])


def make_lead(rnd, i, title):
    first, last = rnd.choice(FIRST), rnd.choice(LAST)
    name = "%s %s" % (first, last)
    # Weighted like a download for one company and three cities.
    cname, slug, cid, industry, headcount = COMPANIES[0] if rnd.random() < 0.7 else rnd.choice(COMPANIES)
    loc = rnd.choice(LOCATIONS[:3]) if rnd.random() < 0.6 else rnd.choice(LOCATIONS)
    sales_id = "ACwAA%011dX%06d" % (rnd.randrange(10 ** 11), i)
    started = rnd.choice(DATES)
    job = {"company_id": cid, "company_name": cname,
           "company_url": "https://www.linkedin.com/company/%s/" % slug,
           "job_ended_on": None, "job_location": loc, "job_started_on": started,
           "job_still_working": True, "job_title": title, "raw_job_title": title}
    past = {"company_id": str(rnd.randrange(10 ** 7)), "company_name": "Initech",
            "company_url": "https://www.linkedin.com/company/initech/",
            "job_ended_on": "2019", "job_started_on": "2015",
            "job_still_working": False, "job_title": "Analyst"}
    return {
        "certifications": [], "company_city": loc.split(",")[0],
        "company_country": loc.split(",")[-1].strip(),
        "company_description": cname + " builds software for teams.",
        "company_headcount_range": headcount, "company_id": cid,
        "company_industry": industry, "company_location": loc,
        "company_name": cname, "company_url": None,
        "company_website": "https://%s.example.com" % slug, "educations": [],
        "first_name": first, "full_name": name,
        "headline": "%s at %s" % (title, cname), "industry": industry,
        "is_full_data": True, "is_job_seeker": False, "is_premium": rnd.random() < 0.3,
        "job_description": DESCRIPTION, "job_ended_on": None, "job_location": loc,
        "job_started_on": started, "job_still_working": True, "job_title": title,
        "jobs": [past, job],
        "languages": [{"name": "English", "proficiency": "FULL_PROFESSIONAL"}],
        "last_name": last, "linkedin_company_id": cid,
        "linkedin_id": str(10 ** 7 + i), "linkedin_lead_persona": "",
        "linkedin_url": "https://www.linkedin.com/in/%s-%s-%d" % (first.lower(), last.lower(), i),
        "location": loc, "middle_name": "", "num_of_connections": rnd.randrange(1, 30000),
        "profile_photo": "https://media.example.com/p/%d.jpg" % i if rnd.random() < 0.9 else None,
        "raw_company_name": cname, "raw_headline": "%s at %s" % (title, cname),
        "raw_job_title": title, "sales_id": sales_id, "skills": [],
        "summary": "Experienced professional. " * rnd.randrange(1, 6),
        "twitter_link": None, "unformatted_full_name": name,
    }


def parse_size(s):
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(float(s[:-1]) * mult[s[-1].upper()]) if s[-1].upper() in mult else int(s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--size", default="100M", help="total bytes, e.g. 1G")
    ap.add_argument("--format", choices=("json", "jsonl"), default="json")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-file", type=int, default=2500)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    en, other, b2b = load_titles()
    rnd.shuffle(en)
    rnd.shuffle(other)
    rnd.shuffle(b2b)
    zen, zother, zb2b = Zipf(len(en)), Zipf(len(other)), Zipf(len(b2b))
    target = parse_size(args.size)
    os.makedirs(args.out, exist_ok=True)
    written, i, fileno = 0, 0, 0

    def next_lead():
        nonlocal i
        # A persona search returns mostly titles of the searched functions.
        r = rnd.random()
        if r < 0.10:
            title = other[zother.pick(rnd)]
        elif r < 0.55:
            title = b2b[zb2b.pick(rnd)]
        else:
            title = en[zen.pick(rnd)]
        i += 1
        return make_lead(rnd, i, title)

    if args.format == "jsonl":
        with open(os.path.join(args.out, "leads.jsonl"), "w", encoding="utf-8") as f:
            while written < target:
                line = json.dumps(next_lead(), ensure_ascii=(i % 2 == 0)) + "\n"
                f.write(line)
                written += len(line.encode("utf-8"))
        return
    while written < target:
        leads = [next_lead() for _ in range(args.per_file)]
        doc = {"amount": -len(leads), "leads": leads, "results_count": "within limit"}
        # Python's json.dump default (ensure_ascii) for half the files: \u escapes.
        text = json.dumps(doc, ensure_ascii=(fileno % 2 == 0))
        path = os.path.join(args.out, "leads-%05d.json" % fileno)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        written += len(text.encode("utf-8"))
        fileno += 1


if __name__ == "__main__":
    main()
