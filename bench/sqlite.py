#!/usr/bin/python3
"""The SQLite extension against Python UDFs in the same SQLite (Debian's
Python and its sqlite3 module), on 1,000,000 rows of real job titles.

    bench/sqlite.py prepare DB            the table t(title): 1,000,000 titles
    bench/sqlite.py run MODE DB [EXT]     one query, timed in the process

MODE: ext (SELECT count(ls_persona(:req, title)) FROM t), udf (the same
query with py_persona, a Python UDF), ext-norm / udf-norm (count(ls_norm(
title)) and its Python twin), scan (count(title): SQLite alone, the floor).
`run` prints the count, the query's seconds and rows per second.

Titles: bench/titles.tsv (real O*NET and ESCO titles) drawn as
bench/gen_leads.py draws them (Zipf-like repetition, 10% non-English,
45% of B2B functions), seed 1.  The request is data/examples/request.json.

The Python UDFs are the rules as a user would write them well: the
request compiled once (normalized functions, each seniority entry's
alternatives as token sets, prohibit tokens, personas in priority order)
and the answer memoized per title, as leadsieve's matcher memoizes it;
normalization is bench/baseline/filter.py's (unidecode, stop-words,
abbreviations), not memoized, as ls_norm is not.
"""
import functools
import json
import os
import random
import sqlite3
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "baseline"))
import gen_leads  # noqa: E402  (bench/ itself)
from filter import EXPAND, norm, tokens  # noqa: E402  (bench/baseline/filter.py)

ROWS = 1_000_000
REQUEST = os.path.join(HERE, "..", "data", "examples", "request.json")


def prepare(db_path):
    rnd = random.Random(1)
    en, other, b2b = gen_leads.load_titles()
    for lst in (en, other, b2b):
        rnd.shuffle(lst)
    zen, zother, zb2b = (gen_leads.Zipf(len(x)) for x in (en, other, b2b))

    def title():
        r = rnd.random()
        if r < 0.10:
            return other[zother.pick(rnd)]
        if r < 0.55:
            return b2b[zb2b.pick(rnd)]
        return en[zen.pick(rnd)]

    if os.path.exists(db_path):
        os.remove(db_path)
    db = sqlite3.connect(db_path)
    db.execute("CREATE TABLE t(title TEXT)")
    db.executemany("INSERT INTO t VALUES (?)", ((title(),) for _ in range(ROWS)))
    db.commit()
    distinct = db.execute("SELECT count(DISTINCT title) FROM t").fetchone()[0]
    print("%s: %d rows, %d distinct titles" % (db_path, ROWS, distinct))


def compile_request(text):
    """The personas in priority order, each (name, functions, seniority
    token sets, prohibit tokens); a title's persona memoized."""
    personas = []
    for i, p in enumerate(json.loads(text).get("personas", [])):
        functions = [norm(f) for f in p[1]]
        seniorities = [set(tokens(a)) for e in p[2]
                       for a in EXPAND.get(e.strip().lower(), [e])]
        prohibits = {tok for x in p[3] for tok in tokens(x)}
        personas.append((p[4] if len(p) > 4 else 0, i, p[0], functions, seniorities, prohibits))
    personas.sort()

    @functools.lru_cache(maxsize=None)
    def persona(title):
        t = tokens(title)
        tn, ts = " ".join(t), set(t)
        for _, _, name, functions, seniorities, prohibits in personas:
            if ((not functions or any(f in tn for f in functions)) and
                    (not seniorities or any(s <= ts for s in seniorities)) and
                    not prohibits & ts):
                return name
        return None
    return persona


def py_persona_udf():
    compiled = {}

    def py_persona(request, title):
        if request is None or title is None:
            return None
        match = compiled.get(request)
        if match is None:
            match = compiled[request] = compile_request(request)
        return match(title)
    return py_persona


def py_norm(text):
    return None if text is None else norm(text)


QUERIES = {
    "ext": "SELECT count(ls_persona(:req, title)) FROM t",
    "udf": "SELECT count(py_persona(:req, title)) FROM t",
    "ext-norm": "SELECT count(ls_norm(title)) FROM t",
    "udf-norm": "SELECT count(py_norm(title)) FROM t",
    "scan": "SELECT count(title) FROM t",
}


def run(mode, db_path, ext):
    db = sqlite3.connect(db_path)
    if mode.startswith("ext"):
        db.enable_load_extension(True)
        db.load_extension(ext)
    db.create_function("py_persona", 2, py_persona_udf(), deterministic=True)
    db.create_function("py_norm", 1, py_norm, deterministic=True)
    req = open(REQUEST, encoding="utf-8").read()
    db.execute("SELECT count(*) FROM t").fetchone()  # the table in the page cache
    t0 = time.perf_counter()
    count = db.execute(QUERIES[mode], {"req": req}).fetchone()[0]
    secs = time.perf_counter() - t0
    print("%s: count %d, %.3f s, %.0f rows/s" % (mode, count, secs, ROWS / secs))


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "prepare":
        prepare(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "run" and sys.argv[2] in QUERIES:
        default = os.path.join(HERE, "..", "build-bench", "libleadsieve_sqlite")
        run(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else default)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
