#!/usr/bin/python3
"""The layering of docs/architecture.md holds: each module includes and
calls only the modules below it, and no two files depend on each other in a
cycle, by #include or by the functions their object files call."""
import collections
import glob
import os
import re
import subprocess
import sys

SRC = os.path.join(os.environ["LS_SOURCE_DIR"], "src")
BUILD = os.environ.get("LS_BUILD_DIR")

# module -> the modules it may use (docs/architecture.md, "Layers")
BELOW = {
    "util": set(),
    "core": set(),
    "json": {"core"},
    "normalize": {"core"},
    "readers": {"core", "json"},
    "request": {"core", "json", "normalize"},
    "matcher": {"core", "json", "normalize", "request"},
    "writers": {"core", "json", "normalize"},
    "engine": {"core", "json", "normalize", "readers", "request", "matcher", "writers"},
    "tuning": {"core", "json", "normalize", "readers", "request", "matcher", "writers",
               "engine"},
    # `leadsieve serve`: the session, HTTP API and server, a client of the
    # public API only, like the CLI
    "serve": set(),
    # clients of the public API only: include/ and their own files (the
    # CLI also compiles in the stateless buffer of src/util, and the serve
    # module, its command)
    "cli": {"serve"},
    "sqlite": set(),
}
# the modules that see the library through include/ alone
CLIENTS = {"cli", "serve", "sqlite"}
# src/util sits below everything (core.h includes it) but the SQLite
# extension, which uses none of it
for mod in BELOW:
    if mod not in ("util", "sqlite"):
        BELOW[mod].add("util")
# the CLI's include directories besides its own: src/util (CMakeLists.txt)
EXTRA_INCLUDE_DIRS = {"cli": ["util", "serve"], "serve": ["util"]}

failures = []


def module_of(rel):
    return rel.split("/")[0]


def cycles(graph):
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in list(graph):
        if v not in index:
            visit(v)
    return out


# 1. #include edges between files
files = {}
for path in glob.glob(os.path.join(SRC, "**", "*"), recursive=True):
    if path.endswith((".c", ".h", ".inc")):
        files[os.path.relpath(path, SRC)] = open(path, encoding="utf-8").read()
includes = collections.defaultdict(set)
for rel, text in files.items():
    mod = module_of(rel)
    if mod not in BELOW:
        failures.append("%s: module %s is not in the layer table" % (rel, mod))
        continue
    for inc in re.findall(r'^\s*#\s*include\s+"([^"]+)"', text, re.M):
        if inc == "leadsieve.h" or inc.startswith("leadsieve/"):
            continue  # the public API: every layer may use it
        target = inc if inc in files else os.path.normpath(os.path.join(os.path.dirname(rel), inc))
        for extra in EXTRA_INCLUDE_DIRS.get(mod, []):
            if target not in files and os.path.join(extra, inc) in files:
                target = os.path.join(extra, inc)
        if target not in files:
            failures.append("%s: includes %s, which is not in src/" % (rel, inc))
            continue
        includes[rel].add(target)
        tmod = module_of(target)
        if tmod != mod and tmod not in BELOW[mod]:
            failures.append("%s includes %s: %s is not below %s" % (rel, target, tmod, mod))
for c in cycles(includes):
    failures.append("include cycle: %s" % " -> ".join(c))
print("include edges: %d between %d files" % (sum(map(len, includes.values())), len(files)))

# the public API: the clients may call these and nothing else of the library
PUBLIC = set()
for h in glob.glob(os.path.join(os.environ["LS_SOURCE_DIR"], "include", "**", "*.h"),
                   recursive=True):
    PUBLIC |= set(re.findall(r"^LS_API\b[^(;]*?\b(ls_[a-z0-9_]+)\s*\(",
                             open(h, encoding="utf-8").read(), re.M))


def current_objects(build):
    """The object files the build's compile commands make now (a tree that
    was built before files moved keeps stale ones)."""
    import json
    path = os.path.join(build, "compile_commands.json")
    if not os.path.exists(path):
        return None
    out = []
    for entry in json.load(open(path, encoding="utf-8")):
        m = re.search(r"\s-o\s+(\S+)", entry.get("command", ""))
        if not m or "leadsieve_shared.dir" in m.group(1):
            continue  # the shared library is the same sources once more
        obj = m.group(1)
        obj = obj if os.path.isabs(obj) else os.path.join(entry["directory"], obj)
        src = os.path.relpath(entry["file"], SRC)
        if not src.startswith("..") and src.endswith(".c"):
            out.append((obj, src[:-2]))
    return out


# 2. call edges between object files (who calls a function defined where)
if BUILD:
    defined, undefined = {}, collections.defaultdict(set)
    objs = glob.glob(os.path.join(BUILD, "CMakeFiles", "ls_*.dir", "src", "**", "*.o"),
                     recursive=True)
    objs += glob.glob(os.path.join(BUILD, "CMakeFiles", "leadsieve_cli.dir", "src", "**", "*.o"),
                      recursive=True)
    listed = current_objects(BUILD)
    current = []
    for o in objs if listed is None else []:
        rel = o.split(os.sep + "src" + os.sep, 1)[1][:-len(".c.o")]
        owner = os.path.basename(o.split(os.sep + "src" + os.sep, 1)[0])
        # an object left from an earlier layout of the tree is not ours
        want = ("ls_cli.dir", "leadsieve_cli.dir") if module_of(rel) == "cli" else \
            ("ls_client_util.dir", "ls_util.dir") if module_of(rel) == "util" else \
            ("ls_%s.dir" % module_of(rel),)
        if owner in want and rel + ".c" in files:
            current.append((o, rel))
    objs = current if listed is None else [(o, r) for o, r in listed if os.path.exists(o)]
    if len(objs) < 40:
        failures.append("only %d object files under %s" % (len(objs), BUILD))
    for o, rel in objs:
        out = subprocess.run(["nm", o], check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] in "TDBR":
                defined[parts[2]] = rel
            elif len(parts) == 2 and parts[0] == "U":
                undefined[rel].add(parts[1])
    calls = collections.defaultdict(set)
    for rel, names in undefined.items():
        for name in names:
            target = defined.get(name)
            if target and target != rel:
                calls[rel].add(target)
                mod, tmod = module_of(rel), module_of(target)
                if mod in CLIENTS and tmod != mod and name in PUBLIC:
                    continue  # a client's call through the public API
                if tmod != mod and tmod not in BELOW[mod]:
                    failures.append("%s calls %s in %s: %s is not below %s"
                                    % (rel, name, target, tmod, mod))
    for c in cycles(calls):
        failures.append("call cycle: %s" % " -> ".join(c))
    print("call edges: %d between %d object files" % (sum(map(len, calls.values())), len(objs)))
else:
    failures.append("LS_BUILD_DIR not set: call edges not checked")

for f in failures:
    print("FAIL: " + f)
print("%d passed, %d failed" % (0 if failures else 1, len(failures)))
sys.exit(1 if failures else 0)
