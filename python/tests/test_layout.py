"""The ctypes declarations of the package against the C structs they
mirror: sizes and member offsets as the compiler lays them out
(struct_layout.c beside this file, built with the library).  A member added to a
public struct without the package following would have the library read
past what Python allocated."""
import ctypes
import os
import subprocess

from leadsieve import _lib

MIRRORS = {
    "Problem": "ls_problem", "CompileOptions": "ls_compile_options", "Verdict": "ls_verdict",
    "Diag": "ls_diag", "Progress": "ls_progress", "LeadResult": "ls_lead_result",
    "RunOptions": "ls_run_options", "RunStats": "ls_run_stats",
    "WriteOptions": "ls_write_options", "InputStats": "ls_input_stats",
    "ExplainOptions": "ls_explain_options", "ExplainStats": "ls_explain_stats",
    "ScoreRatio": "ls_score_ratio", "ScoreMacro": "ls_score_macro",
    "ScorePersona": "ls_score_persona", "ScoreResult": "ls_score_result",
    "ScoreOptions": "ls_score_options",
}


def c_layout():
    prog = os.environ.get("LS_STRUCT_LAYOUT")
    assert prog, "LS_STRUCT_LAYOUT (the struct_layout program) is set by ctest"
    out = subprocess.run([prog], capture_output=True, check=True, text=True).stdout
    return dict(line.rsplit(" ", 1) for line in out.splitlines())


def test_every_mirrored_struct_has_the_c_size_and_offsets():
    c = c_layout()
    wrong = []
    for py_name, c_name in MIRRORS.items():
        cls = getattr(_lib, py_name)
        if int(c[c_name]) != ctypes.sizeof(cls):
            wrong.append("%s: %d bytes in C, %d in Python" % (
                c_name, int(c[c_name]), ctypes.sizeof(cls)))
        for field in cls._fields_:
            key = "%s.%s" % (c_name, field[0])
            got = getattr(cls, field[0]).offset
            if key not in c:
                wrong.append("%s: not a member in C" % key)
            elif int(c[key]) != got:
                wrong.append("%s: offset %s in C, %d in Python" % (key, c[key], got))
    assert wrong == []


def test_the_layout_program_covers_every_mirror():
    c = c_layout()
    structs = {k for k in c if "." not in k}
    assert structs == set(MIRRORS.values())
    assert int(c["ls_run_options"]) > 0
