#!/usr/bin/python3
"""The SQLite extension in Debian's Python (its sqlite3 module): loaded by
name, bound parameters, errors as exceptions whose text is the API's
envelope, ls_explain equal to `leadsieve explain --format jsonl`, a table
filled from ls_leads and matched with ls_match as `leadsieve filter` does,
and connections on several threads at once."""
import json
import os
import sqlite3
import subprocess
import sys
import threading

EXT = os.environ["LS_SQLITE_EXT"]
CLI = os.environ["LEADSIEVE"]
EX = os.path.join(os.environ["LS_SOURCE_DIR"], "data", "examples")
REQ_PATH = os.path.join(EX, "request.json")
REQ = open(REQ_PATH, encoding="utf-8").read()
failures = []


def check(name, got, want):
    if got != want:
        failures.append("%s: got %r, want %r" % (name, got, want))


def connect():
    db = sqlite3.connect(":memory:")
    db.enable_load_extension(True)
    db.load_extension(EXT[:-3] if EXT.endswith(".so") else EXT)
    db.enable_load_extension(False)
    return db


def error_of(db, sql, params=()):
    try:
        db.execute(sql, params).fetchall()
    except sqlite3.Error as e:
        return str(e)
    return None


db = connect()
one = lambda sql, *p: db.execute(sql, p).fetchone()[0]

check("ls_norm", one("SELECT ls_norm(?)", "Διευθυντής Marketing"), "dieuthuntes marketing")
check("ls_persona", one("SELECT ls_persona(?, ?)", REQ, "Head of Demand Generation"),
      "Marketing Leaders")
check("NULL title", one("SELECT ls_persona(?, ?)", REQ, None), None)
check("NULL request", one("SELECT ls_match(?, ?)", None, "{}"), None)
verdict = json.loads(one("SELECT ls_verdict(?, ?)", REQ, json.dumps({"job_title": "Product Lead"})))
check("verdict", verdict, {"outcome": "dropped_by_filter", "persona": None,
                           "filter": "filter_empty_vars", "invalid_utf8": False,
                           "not_evaluated": False})

# errors: an exception whose text is the envelope, as JSON
bad = json.dumps({"without_company": True, "personas": [["A", ["sales"], ["vp"], [], "high"]]})
msg = error_of(db, "SELECT ls_persona(?, 'x')", (bad,))
lint = subprocess.run([CLI, "lint", "/dev/stdin"], input=bad, capture_output=True, text=True)
check("lint exit", lint.returncode, 2)
check("invalid request", msg, lint.stdout.strip())
check("envelope keys", sorted(json.loads(msg)["detail"]) if msg else None, ["personas[0][4]"])
check("malformed lead", error_of(db, "SELECT ls_match(?, ?)", (REQ, '{"job_title": }')),
      "ls_match: the lead is not one JSON object: expected a value at byte offset 14")
check("option typo", error_of(db, "SELECT ls_match(?, '{}', 'as-of=2025-01-01')", (REQ,)),
      'unknown option "as-of" (names: api, mode, match, as_of); did you mean "as_of"?')

# ls_explain: the record `leadsieve explain --format jsonl` gives the same
# lead, but for where it was read
path = os.path.join(EX, "leads", "04-crm-export.jsonl")
lines = open(path, encoding="utf-8").read().splitlines()[:25]
cli = subprocess.run([CLI, "explain", "--format", "jsonl", "--request", REQ_PATH, path],
                     capture_output=True, text=True, check=True).stdout.splitlines()[:25]
check("explain records", len(cli), 25)
for i, (lead, want) in enumerate(zip(lines, cli)):
    got, want = json.loads(one("SELECT ls_explain(?, ?)", REQ, lead)), json.loads(want)
    check("explain where", (got.pop("file"), got.pop("line")), ("lead_json", 1))
    want.pop("file"), want.pop("line")
    if want["duplicate"]:  # on its own a lead is nobody's duplicate
        continue
    check("explain lead %d" % i, got, want)

# a table of leads, matched in SQL, equal to filter's personas (limit_by
# removed; filter returns them in input order, all priorities being 0)
db.execute("CREATE TABLE leads AS SELECT position, key, duplicate, lead FROM ls_leads(?)",
           (os.path.join(EX, "leads"),))
check("leads stored", one("SELECT count(*) FROM leads"), 317)
rows = db.execute("SELECT key, ls_match(:req, lead) AS p FROM leads WHERE NOT duplicate "
                  "AND p IS NOT NULL ORDER BY position", {"req": REQ}).fetchall()
nolimit = json.loads(REQ)
del nolimit["limit_by"]
out = subprocess.run([CLI, "filter", "-q", "--request", "/dev/stdin", "--format", "jsonl",
                      os.path.join(EX, "leads")], input=json.dumps(nolimit),
                     capture_output=True, text=True, check=True).stdout
want = [(d["sales_id"], d["linkedin_lead_persona"]) for d in map(json.loads, out.splitlines())]
check("filter's leads", len(want), 84)
check("personas as filter assigns them", rows, want)

# connections on threads of their own, at the same time: each statement
# has its own matcher
titles = [l.split("\t")[3] for l in open(os.path.join(EX, "titles.tsv"), encoding="utf-8")][1:]
expect = [one("SELECT ls_persona(?, ?)", REQ, t) for t in titles]
results = {}


def worker(k):
    c = connect()
    c.execute("CREATE TABLE t(i INTEGER, title TEXT)")
    c.executemany("INSERT INTO t VALUES (?, ?)", list(enumerate(titles * 50)))
    got = [r[0] for r in c.execute("SELECT ls_persona(?, title) FROM t ORDER BY i", (REQ,))]
    results[k] = got == expect * 50
    c.close()


threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
check("threads", results, {0: True, 1: True, 2: True, 3: True})
check("some titles match", sum(p is not None for p in expect) > 20, True)

for f in failures:
    print("FAIL: " + f)
print("%d failed" % len(failures))
sys.exit(1 if failures else 0)
