#!/usr/bin/python3
"""Generate src/request/vocab_table.c from data/vocabulary/: the values a v1
request's vocabulary fields take (addendum §2), for the lint warnings of
src/request/vocab_check.c.

    linkedin-industries.tsv     name, parent: LinkedIn's industry taxonomy (V2)
    linkedin-industries-v1.tsv  code, older_name, current_name: LinkedIn's
                                older (V1) names, by the code both lists share
    hints.tsv                   field, written, meant: what people write for
                                an industry or a function, and the name meant
    functions.txt               the 26 Sales Navigator functions
    seniorities.tsv             value, kind: the ten Sales Navigator labels in
                                level order, then the documented snake_case
    us-states.tsv               code, name, also_country: USPS abbreviations

Compiled in, like every table of leadsieve, so that the library needs no
data file at run time.  Every cross-reference is checked here: a current
name, a hint's target and a parent are names of the taxonomy; an older name
or a hint is not one (once ASCII case is ignored, as the lookups ignore it).

    scripts/gen_vocab.py [--check] [SOURCE_DIR]

--check compares with the committed file instead of writing it (exit 1 when
they differ).
"""
import os
import re
import sys

MAX_NAME = 64          # ls_suggest compares at most 64 bytes
LABELS = 10            # the Sales Navigator seniority levels
FUNCTIONS = 26
SNAKE = re.compile(r"[a-z]+(?:_[a-z]+)*\Z")


def fail(path, lineno, msg):
    sys.exit("%s:%d: %s" % (path, lineno, msg))


def read_tsv(path, header, ncols=None):
    """(line number, cells) of a TSV file, ASCII only, after its header
    line (None: the file has none)."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        sys.exit("%s: not ASCII" % path)
    if not text.endswith("\n"):
        sys.exit("%s: the last line has no newline" % path)
    lines = text[:-1].split("\n")
    first = 1
    if header is not None:
        if lines[0] != header:
            fail(path, 1, "the header is %r" % header)
        first = 2
    rows = []
    want = ncols or header.count("\t") + 1
    for n, line in enumerate(lines[first - 1:], first):
        cells = line.split("\t")
        if len(cells) != want:
            fail(path, n, "expected %d tab-separated cells" % want)
        for c in cells:
            if c != c.strip(" ") or any(not 0x20 <= ord(ch) < 0x7F for ch in c):
                fail(path, n, "cells are printable ASCII, trimmed")
        rows.append((n, cells))
    return rows


def check_name(path, n, name):
    if not name or len(name) > MAX_NAME:
        fail(path, n, "a name has 1 to %d characters" % MAX_NAME)


def unique(path, n, seen, key, what):
    if key.lower() in seen:
        fail(path, n, "%s %r is line %d's once case is ignored" % (what, key, seen[key.lower()]))
    seen[key.lower()] = n


def load(src):
    d = os.path.join(src, "data", "vocabulary")
    p = os.path.join(d, "linkedin-industries.tsv")
    industries, seen = [], {}
    for n, (name, parent) in read_tsv(p, "name\tparent"):
        check_name(p, n, name)
        unique(p, n, seen, name, "industry")
        industries.append((name, parent))
    names = {name for name, _ in industries}
    lower = {name.lower() for name in names}
    for n, (name, parent) in enumerate(industries, 2):
        if parent and parent not in names:
            fail(p, n, "parent %r is not an industry of the file" % parent)

    p = os.path.join(d, "linkedin-industries-v1.tsv")
    renamed, seen = [], {}
    for n, (code, old, cur) in read_tsv(p, "code\tolder_name\tcurrent_name"):
        if not code.isdigit():
            fail(p, n, "code is LinkedIn's industry code, a number")
        check_name(p, n, old)
        unique(p, n, seen, old, "older name")
        if old.lower() in lower:
            fail(p, n, "%r is a current name: not renamed" % old)
        if cur not in names:
            fail(p, n, "current name %r is not in linkedin-industries.tsv" % cur)
        renamed.append((old, cur))

    p = os.path.join(d, "functions.txt")
    functions, seen = [], {}
    for n, (name,) in read_tsv(p, None, 1):
        check_name(p, n, name)
        unique(p, n, seen, name, "function")
        functions.append(name)
    if len(functions) != FUNCTIONS:
        sys.exit("%s: %d functions, not %d" % (p, len(functions), FUNCTIONS))

    p = os.path.join(d, "hints.tsv")
    hints = {"industry": [], "function": []}
    targets = {"industry": names, "function": set(functions)}
    known = {"industry": lower | {o.lower() for o, _ in renamed},
             "function": {f.lower() for f in functions}}
    seen = {"industry": {}, "function": {}}
    for n, (field, written, meant) in read_tsv(p, "field\twritten\tmeant"):
        if field not in hints:
            fail(p, n, "field is industry or function")
        if not written or written != written.lower():
            fail(p, n, "written in lowercase (the lookup ignores ASCII case)")
        unique(p, n, seen[field], written, "hint")
        if written in known[field]:
            fail(p, n, "%r is already a known %s" % (written, field))
        if meant not in targets[field]:
            fail(p, n, "%r is not a name of the %s list" % (meant, field))
        hints[field].append((written, meant))

    p = os.path.join(d, "seniorities.tsv")
    labels, documented, seen = [], [], {}
    for n, (value, kind) in read_tsv(p, "value\tkind"):
        if kind == "label":
            if documented:
                fail(p, n, "the labels come first, in level order")
            unique(p, n, seen, value, "label")
            labels.append(value)
        elif kind == "documented":
            if not SNAKE.match(value) or value in documented:
                fail(p, n, "a documented value is snake_case, once")
            documented.append(value)
        else:
            fail(p, n, "kind is label or documented")
    if len(labels) != LABELS:
        sys.exit("%s: %d labels, not %d" % (p, len(labels), LABELS))

    p = os.path.join(d, "us-states.tsv")
    states, seen = [], {}
    for n, (code, name, also) in read_tsv(p, "code\tname\talso_country"):
        if not re.match(r"[A-Z]{2}\Z", code) or not name:
            fail(p, n, "a code is two capital letters, with its state's name")
        unique(p, n, seen, code, "code")
        states.append((code, name, 1 if also else 0))
    return industries, renamed, hints, functions, labels, documented, states


def c_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def strings(w, name, values, count=None):
    """A list of strings and, unless it has a parallel list that counts
    them (count = ""), its count as <count or name>_count."""
    w("const char *const %s[] = {" % name)
    for v in values:
        w("    %s," % c_str(v))
    w("};")
    if count != "":
        w("const size_t %s_count = %d;" % (count or name, len(values)))
    w("")


def generate(src):
    industries, renamed, hints, functions, labels, documented, states = load(src)
    out = []
    w = out.append
    w("/* Generated by scripts/gen_vocab.py from data/vocabulary/; do not edit. */")
    w('#include "request/vocab_table.h"')
    w("")
    strings(w, "ls_vocab_industries", [n for n, _ in industries])
    strings(w, "ls_vocab_renamed_from", [o for o, _ in renamed], "ls_vocab_renamed")
    strings(w, "ls_vocab_renamed_to", [c for _, c in renamed], "")
    for field in ("industry", "function"):
        name = "ls_vocab_%s_hint" % field
        strings(w, name + "_from", [h for h, _ in hints[field]], name)
        strings(w, name + "_to", [m for _, m in hints[field]], "")
    strings(w, "ls_vocab_functions", functions)
    strings(w, "ls_vocab_seniority_labels", labels)
    strings(w, "ls_vocab_seniority_documented", documented)
    w("const ls_vocab_state_row ls_vocab_us_states[] = {")
    for code, name, also in states:
        w("    {%s, %s, %d}," % (c_str(code), c_str(name), also))
    w("};")
    w("const size_t ls_vocab_us_states_count = %d;" % len(states))
    return "\n".join(out) + "\n"


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    src = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    text = generate(src)
    path = os.path.join(src, "src", "request", "vocab_table.c")
    if check:
        try:
            with open(path, encoding="ascii") as f:
                same = f.read() == text
        except FileNotFoundError:
            same = False
        if not same:
            sys.exit("%s differs from data/vocabulary/: run scripts/gen_vocab.py" % path)
        return 0
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
