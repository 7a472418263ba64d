#!/usr/bin/python3
"""Held-out F1 of `leadsieve suggest` over several halvings of the labeled
example set, so that a change is not judged on one split alone.  Split s
holds a lead out when (FNV-1a-64("s:" + key) >> 32) % 10000 < 5000 (split 0:
the key alone, as suggest --holdout 0.5 and bench/suggest.sh split it);
suggest chooses on the other half from the naive request and --applys every
edit, score measures the held-out half.

    bench/suggest_splits.py LEADSIEVE WORKDIR SPLITS -- [suggest options]
prints: mean held-out micro F1 of the naive request and of suggest's, and
each split's."""
import os
import subprocess
import sys

cli, work, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
flags = sys.argv[5:] if len(sys.argv) > 4 and sys.argv[4] == '--' else sys.argv[4:]
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
L = os.path.join(ROOT, 'data', 'examples', 'labeled-inputs')
LEADS = os.path.join(ROOT, 'data', 'examples', 'labeled') + '/'


def fnv(b):
    h = 14695981039346656037
    for c in b:
        h = ((h ^ c) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def micro(req, labels):
    out = subprocess.run([cli, 'score', '-q', '--request', req, '--labels', labels, LEADS],
                         capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        f = line.split()
        if f and f[0] == 'micro':
            return float(f[6])
    raise SystemExit('no micro row')


os.makedirs(work, exist_ok=True)
lines = [l for l in open(os.path.join(L, 'labels.tsv'), encoding='utf-8')
         if l.strip() and not l.startswith('lead_key\t')]
naive, sug = [], []
for s in range(n):
    tr, te = os.path.join(work, 'train%d.tsv' % s), os.path.join(work, 'test%d.tsv' % s)
    with open(tr, 'w', encoding='utf-8') as a, open(te, 'w', encoding='utf-8') as b:
        for l in lines:
            key = ('%d:' % s if s else '') + l.split('\t')[0]
            (b if (fnv(key.encode()) >> 32) % 10000 < 5000 else a).write(l)
    out = os.path.join(work, 'suggested%d.json' % s)
    subprocess.run([cli, 'suggest', '-q', *flags, '--request', os.path.join(L, 'request.json'),
                    '--labels', tr, '--apply', '1000', '-o', out, LEADS],
                   capture_output=True, check=True)
    naive.append(micro(os.path.join(L, 'request.json'), te))
    sug.append(micro(out, te))
print('%.3f %.3f %s' % (sum(naive) / n, sum(sug) / n, ' '.join('%.3f' % f for f in sug)))
