#!/usr/bin/python3
"""Re-shapes gen_leads.py's by_icp response files as v1 search responses.

    bench/to_v1.py IN_DIR OUT_DIR

Each {"amount": -N, "leads": [...], "results_count": ...} becomes
{"data": {"leads": [...], "results_count": N}, "meta": {"amount_charged": N}}
and each lead takes the v1 shape of docs/v1-search.md §1, member order kept
where a member stays:

- the company_* members and linkedin_company_id move into a "company"
  object (at the place of the first of them) under their v1 names: id, name,
  linkedin_url, domain, industry, location, city, country, description, and
  the size as "headcount_range" or, on every other lead, "headcount" (a
  number of employees in the same bucket);
- sales_id is lead_id; full_name and unformatted_full_name go (first_name
  and last_name are there already); jobs is work_history.

Every file is written with the same ensure_ascii choice as its original
(gen_leads.py alternates), so the two inputs differ only in shape.  The
same input always gives the same bytes.
"""
import json
import os
import sys

COMPANY = {  # by_icp member -> company member
    "linkedin_company_id": "id", "company_id": "id", "company_name": "name",
    "company_url": "linkedin_url", "company_website": "domain",
    "company_industry": "industry", "company_location": "location",
    "company_city": "city", "company_country": "country",
    "company_description": "description", "company_headcount_range": "headcount_range",
}
RENAME = {"sales_id": "lead_id", "jobs": "work_history"}
DROP = {"full_name", "unformatted_full_name"}
# a number of employees inside each bucket gen_leads.py writes
HEADCOUNT = {"1-10": 7, "11-50": 35, "51-200": 150, "201-500": 320, "501-1000": 750,
             "1001-5000": 2400, "5001-10000": 7000, "10,001+": 12000}


def lead_v1(lead, number):
    out, company = {}, {}
    for k, v in lead.items():
        if k in COMPANY:
            if not company:
                out["company"] = company  # filled below, placed here
            name = COMPANY[k]
            if name == "headcount_range" and number and v in HEADCOUNT:
                name, v = "headcount", HEADCOUNT[v]
            if name == "id":
                v = int(v) if isinstance(v, str) and v.isdigit() else v
            company[name] = v
        elif k in DROP:
            continue
        else:
            out[RENAME.get(k, k)] = v
    return out


def main():
    src, dst = sys.argv[1], sys.argv[2]
    os.makedirs(dst, exist_ok=True)
    names = sorted(n for n in os.listdir(src) if n.endswith(".json"))
    for fileno, name in enumerate(names):
        with open(os.path.join(src, name), encoding="utf-8") as f:
            doc = json.load(f)
        leads = [lead_v1(l, i % 2 == 1) for i, l in enumerate(doc["leads"])]
        v1 = {"data": {"leads": leads, "results_count": len(leads)},
              "meta": {"amount_charged": len(leads)}}
        # gen_leads.py: ensure_ascii on the even-numbered files
        text = json.dumps(v1, ensure_ascii=(fileno % 2 == 0))
        with open(os.path.join(dst, name), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
