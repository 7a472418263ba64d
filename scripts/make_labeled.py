#!/usr/bin/python3
"""Build the labeled example set for `leadsieve score`: the leads in
data/examples/labeled/ (nothing else, so that the directory can be given to
score as it is) and their labels beside them in data/examples/labeled-inputs/.

Every lead's job title is a real O*NET 27.0 title (Alternate Titles and
Sample of Reported Titles), and its label comes from the occupation the
title is listed under, for six B2B personas:

    11-1011.00 Chief Executives                          -> Chief Executives
    11-2021.00 Marketing Managers                        -> Marketing Managers
    11-2022.00 Sales Managers                            -> Sales Managers
    11-3021.00 Computer and Information Systems Managers -> IT Managers
    11-3031.00 Financial Managers                        -> Financial Managers
    11-3121.00 Human Resources Managers                  -> HR Managers

A title listed only under other occupations is labeled "-" (should match no
persona).  A title listed under two or more of the six (e.g. "Sales and
Marketing Director", under both marketing and sales managers) has no single
right persona: it is kept as a lead but left unlabeled, so score counts it
and does not score it.  A title under one of the six and other occupations
too keeps the persona.

Titles: all titles of the six occupations, all titles of the neighbouring
major groups (11 management, 13 business and financial operations, 15
computer and mathematical, 41 sales), and a fixed sample of every other
occupation, up to TOTAL distinct titles.

Usage:
  make_labeled.py --select DIR   re-pick titles.tsv from DIR (onet_titles.tsv,
                                 onet_reported_titles.tsv), then write the set
  make_labeled.py                write labeled/leads.jsonl and
                                 labeled-inputs/labels.tsv, labels-doc.tsv from
                                 labeled-inputs/titles.tsv (needs nothing else)

Deterministic: same titles.tsv, same bytes (sorted inputs, hash-based
sample, standard library only).
"""
import csv
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The leads alone in labeled/; titles, labels and the two requests (written
# by hand) in labeled-inputs/.
LEADS_DIR = os.path.join(ROOT, 'data', 'examples', 'labeled')
INPUTS_DIR = os.path.join(ROOT, 'data', 'examples', 'labeled-inputs')
TITLES_TSV = os.path.join(INPUTS_DIR, 'titles.tsv')
SOURCES = ['onet_titles.tsv', 'onet_reported_titles.tsv']
TOTAL = 5000
NEIGHBOURS = ('11-', '13-', '15-', '41-')

PERSONAS = {
    '11-1011.00': 'Chief Executives',
    '11-2021.00': 'Marketing Managers',
    '11-2022.00': 'Sales Managers',
    '11-3021.00': 'IT Managers',
    '11-3031.00': 'Financial Managers',
    '11-3121.00': 'HR Managers',
}
# The API documentation's example personas (data/examples/request.json):
# Marketing Leaders ~ marketing managers, Sales Executives ~ sales managers.
# Product Managers has no O*NET occupation (O*NET lists "Product Manager"
# as a title of Marketing Managers), so nothing is labeled with it.  The
# other four occupations are no persona of that request: their titles should
# match none of its personas, "-" (score refuses a label naming no persona).
DOC_NAMES = {'Marketing Managers': 'Marketing Leaders', 'Sales Managers': 'Sales Executives'}

# Every lead passes the filters of data/examples/request.json (company_link
# slack-technologies, a listed location, job_started_on and profile_photo
# present, a name not excluded), so that the documentation's request is
# judged on its personas alone.
COMPANY_URL = 'https://www.linkedin.com/company/slack-technologies'
LOCATIONS = ['San Francisco, California, United States', 'New York, New York, United States',
             'London, England, United Kingdom']


def sha(s):
    return hashlib.sha256(s.encode('utf-8')).hexdigest()


def read_rows(path):
    with open(path, encoding='utf-8', newline='') as f:
        r = csv.reader(f, delimiter='\t', quoting=csv.QUOTE_NONE)
        header = next(r)
        assert header[:3] == ['code', 'occupation', 'title'], header
        return [row for row in r if len(row) >= 3]


def select(corpus_dir):
    rows = []  # (code, occupation, title, source)
    for name in SOURCES:
        for code, occ, title, *_ in read_rows(os.path.join(corpus_dir, name)):
            rows.append((code, occ, title.strip(), name))
    by_title = {}
    for row in rows:
        by_title.setdefault(row[2], []).append(row)
    chosen = set()
    for title, rs in by_title.items():
        if any(r[0] in PERSONAS or r[0].startswith(NEIGHBOURS) for r in rs):
            chosen.add(title)
    rest = sorted((t for t in by_title if t not in chosen), key=sha)
    chosen.update(rest[:max(0, TOTAL - len(chosen))])
    out = sorted({r for t in chosen for r in by_title[t]})
    with open(TITLES_TSV, 'w', encoding='utf-8', newline='') as f:
        f.write('code\toccupation\ttitle\tsource\n')
        for r in out:
            f.write('\t'.join(r) + '\n')
    print('%s: %d rows, %d titles' % (TITLES_TSV, len(out), len(chosen)))


def label_of(codes):
    mine = sorted({PERSONAS[c] for c in codes if c in PERSONAS})
    if len(mine) > 1:
        return None  # several right answers: unlabeled
    return mine[0] if mine else '-'


def write():
    titles = {}
    for code, _occ, title, _src in read_rows(TITLES_TSV):
        titles.setdefault(title, set()).add(code)
    order = sorted(titles, key=lambda t: (sha(t), t))
    counts = {}
    os.makedirs(LEADS_DIR, exist_ok=True)
    with open(os.path.join(LEADS_DIR, 'leads.jsonl'), 'w', encoding='utf-8') as leads, \
            open(os.path.join(INPUTS_DIR, 'labels.tsv'), 'w', encoding='utf-8') as labels, \
            open(os.path.join(INPUTS_DIR, 'labels-doc.tsv'), 'w', encoding='utf-8') as doc:
        for f in (labels, doc):
            f.write('lead_key\tpersona\n')
        for i, title in enumerate(order, 1):
            key = 'onet-%05d' % i
            label = label_of(titles[title])
            counts[label] = counts.get(label, 0) + 1
            lead = {
                'sales_id': key,
                'full_name': 'Example Lead %d' % i,
                'job_title': title,
                'company_name': 'Slack',
                'company_url': COMPANY_URL,
                'location': LOCATIONS[i % len(LOCATIONS)],
                'job_started_on': 'Mar 2021',
                'profile_photo': 'https://media.licdn.com/example/%d.jpg' % i,
                'onet_codes': sorted(titles[title]),
            }
            if label is not None:
                lead['expected_persona'] = label
                labels.write('%s\t%s\n' % (key, label))
                doc.write('%s\t%s\n' % (key, DOC_NAMES.get(label, '-')))
            leads.write(json.dumps(lead, ensure_ascii=False) + '\n')
    for label in sorted(counts, key=lambda x: (x is None, x or '')):
        print('%-20s %5d' % (label if label is not None else '(unlabeled)', counts[label]))


def main(argv):
    if len(argv) == 3 and argv[1] == '--select':
        select(argv[2])
    elif len(argv) != 1:
        sys.exit(__doc__)
    write()


if __name__ == '__main__':
    main(sys.argv)
