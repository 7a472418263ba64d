#!/usr/bin/python3
"""A pure-Python reading of the persona rules (contract §1 norm(), §2
personas), the fair competitor of leadsieve's match_title in
bench/python_bench.py: written as a user would who wants it fast — every
keyword normalized once when the request is loaded, one regex for the
punctuation, unidecode skipped on ASCII titles, abbreviations looked up by
first token, and an optional memo of titles already decided (the library's
matcher keeps one too).

    from python_match_baseline import Baseline
    b = Baseline(request_dict)            # memo=True to remember titles
    b.match_title("VP, Sales & Marketing") # persona name or None
"""
import os
import re

from unidecode import unidecode

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
_PUNCT = re.compile(r"[^a-z0-9]+")


def _lines(name):
    with open(os.path.join(DATA, name), encoding="ascii") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


STOP = frozenset(_lines("stopwords.txt"))
# first token -> [(from tokens, to tokens)], longest `from` first
ABBR = {}
for _line in _lines("abbreviations.tsv"):
    _frm, _to = _line.split("\t")
    ABBR.setdefault(_frm.split()[0], []).append((tuple(_frm.split()), _to.split()))
for _alts in ABBR.values():
    _alts.sort(key=lambda e: -len(e[0]))
EXPAND = {"vp": ["vp", "svp", "evp", "gvp", "avp"], "chief": ["chief", "chief officer"],
          "c-lvl": ["c lvl", "chief officer"], "cxo": ["cxo", "chief officer"],
          "manager+": ["manager", "director", "head", "vp", "svp", "evp", "avp",
                       "chief officer"]}


def tokens(text):
    """norm(text) as a token list: steps 2-7 of contract §1."""
    if not text.isascii():
        text = unidecode(text)
    toks = [t for t in _PUNCT.split(text.lower()) if t and t not in STOP]
    out, i, n = [], 0, len(toks)
    while i < n:
        for frm, to in ABBR.get(toks[i], ()):
            if tuple(toks[i:i + len(frm)]) == frm:
                out += to
                i += len(frm)
                break
        else:
            out.append(toks[i])
            i += 1
    return out


def norm(text):
    return " ".join(tokens(text))


class Baseline:
    """The personas of a request dict, compiled once."""

    def __init__(self, request, memo=False):
        self.personas = []
        for p in request.get("personas") or []:
            name, functions, seniorities, prohibits = p[:4]
            prio = p[4] if len(p) > 4 else 0
            funcs = [norm(f) for f in functions]
            sens = [[frozenset(tokens(a)) for a in EXPAND.get(e.strip().lower(), [e])]
                    for e in seniorities]
            bad = frozenset(t for x in prohibits for t in tokens(x))
            self.personas.append((prio, name, funcs, sens, bad))
        # lowest priority first, declaration order among equals: the first match wins
        self.personas.sort(key=lambda p: p[0])
        self.memo = {} if memo else None

    def _decide(self, title):
        toks = tokens(title)
        tn, ts = " ".join(toks), frozenset(toks)
        for _, name, funcs, sens, bad in self.personas:
            if funcs and not any(f in tn for f in funcs):
                continue
            if sens and not any(a <= ts for alts in sens for a in alts):
                continue
            if bad & ts:
                continue
            return name
        return None

    def match_title(self, title):
        if self.memo is None:
            return self._decide(title)
        got = self.memo.get(title, self)
        if got is self:
            got = self.memo[title] = self._decide(title)
        return got
