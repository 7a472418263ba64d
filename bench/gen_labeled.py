#!/usr/bin/python3
"""Labeled leads for timing `leadsieve suggest`: N leads (default 100,000)
drawn from the labeled set's O*NET titles
(data/examples/labeled-inputs/titles.tsv), labeled as
scripts/make_labeled.py labels them (a title of one of the six occupations:
its persona; of none: -; of several: no label).  Titles repeat with a
Zipf-like weight, and one lead in three gets a suffix that keeps its
meaning (", EMEA", " - Remote", ...), so there are about five times as many
distinct titles as in the set itself.  Deterministic for a seed.

    bench/gen_labeled.py OUT_DIR [N] [SEED]   # OUT_DIR/leads.jsonl, OUT_DIR/labels.tsv
"""
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TITLES = os.path.join(HERE, '..', 'data', 'examples', 'labeled-inputs', 'titles.tsv')
PERSONAS = {
    '11-1011.00': 'Chief Executives',
    '11-2021.00': 'Marketing Managers',
    '11-2022.00': 'Sales Managers',
    '11-3021.00': 'IT Managers',
    '11-3031.00': 'Financial Managers',
    '11-3121.00': 'HR Managers',
}
SUFFIXES = [', EMEA', ' - Remote', ' (Contract)', ', North America', ' | Full-time']


def main(argv):
    out = argv[1]
    n = int(argv[2]) if len(argv) > 2 else 100000
    rng = random.Random(int(argv[3]) if len(argv) > 3 else 1)
    codes = {}
    with open(TITLES, encoding='utf-8') as f:
        next(f)
        for line in f:
            code, _occ, title, _src = line.rstrip('\n').split('\t')
            codes.setdefault(title, set()).add(code)
    titles = sorted(codes)
    rng.shuffle(titles)
    weights = [1.0 / (i + 10) for i in range(len(titles))]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'leads.jsonl'), 'w', encoding='utf-8') as leads, \
            open(os.path.join(out, 'labels.tsv'), 'w', encoding='utf-8') as labels:
        labels.write('lead_key\tpersona\n')
        for i, title in enumerate(rng.choices(titles, weights, k=n), 1):
            mine = sorted({PERSONAS[c] for c in codes[title] if c in PERSONAS})
            shown = title + (rng.choice(SUFFIXES) if rng.random() < 1 / 3 else '')
            key = 'gen-%07d' % i
            leads.write(json.dumps({'sales_id': key, 'full_name': 'Lead %d' % i,
                                    'job_title': shown}) + '\n')
            if len(mine) <= 1:
                labels.write('%s\t%s\n' % (key, mine[0] if mine else '-'))


if __name__ == '__main__':
    main(sys.argv)
