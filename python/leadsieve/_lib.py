"""Finding libleadsieve.so.0 and declaring the C functions the package calls.

The structs mirror include/leadsieve.h and include/leadsieve/tools.h of the
version in ABI_VERSION; the library's own version is checked when it is
loaded, since the SONAME (0) promises no stability yet.  Every call goes
through ctypes.CDLL, which releases the GIL for the time the C code runs.
"""
from __future__ import annotations

import ctypes
import os
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char_p, c_double, c_int, c_long,
                    c_size_t, c_uint, c_uint64, c_void_p)

from ._errors import LibraryNotFoundError

ENV_VAR = "LEADSIEVE_LIBRARY"
SONAME = "libleadsieve.so.0"
# The header version these declarations were written from: major.minor must agree.
ABI_VERSION = (0, 1)


def _candidates() -> list[tuple[str, str]]:
    """(how it was found, what to load), in the documented order."""
    env = os.environ.get(ENV_VAR)
    if env:
        return [(ENV_VAR, env)]
    here = os.path.dirname(os.path.abspath(__file__))
    out = [("next to the package", os.path.join(here, name))
           for name in (SONAME, "libleadsieve.so")
           if os.path.exists(os.path.join(here, name))]
    out.append(("the system loader", SONAME))
    return out


def _load() -> tuple[ctypes.CDLL, str]:
    tried = []
    for how, what in _candidates():
        try:
            return ctypes.CDLL(what, use_errno=True), what
        except OSError as e:
            tried.append("%s (%s): %s" % (what, how, e))
    raise LibraryNotFoundError(
        "leadsieve: cannot load the shared library; tried " + "; ".join(tried) +
        ". Build it (cmake --build build) and set %s=/path/to/%s, put it next to the "
        "package, or install it where the loader finds it (cmake --install, ldconfig)"
        % (ENV_VAR, SONAME))


lib, path = _load()

# ---- structs (the header's layout, field for field) ------------------------


class Problem(Structure):
    _fields_ = [("path", c_char_p), ("hint", c_char_p)]


class CompileOptions(Structure):
    _fields_ = [("match_mode", c_int), ("as_of_year", c_int), ("as_of_month", c_int),
                ("as_of_day", c_int), ("api", c_int), ("search_mode", c_int)]


class Verdict(Structure):
    _fields_ = [("outcome", c_int), ("persona", c_int), ("filter", c_void_p),
                ("flags", c_uint), ("filter_id", c_int)]


class Diag(Structure):
    _fields_ = [("kind", c_int), ("file", c_char_p), ("line", c_uint64),
                ("offset", c_uint64), ("message", c_char_p)]


class Progress(Structure):
    _fields_ = [("files_done", c_uint64), ("files_total", c_uint64), ("leads_read", c_uint64)]


class LeadResult(Structure):
    _fields_ = [("index", c_uint64), ("key", c_void_p), ("key_len", c_size_t),
                ("duplicate", c_int), ("verdict", Verdict)]


DIAG_FN = CFUNCTYPE(None, c_void_p, POINTER(Diag))
PROGRESS_FN = CFUNCTYPE(c_int, c_void_p, POINTER(Progress))
LEAD_FN = CFUNCTYPE(None, c_void_p, c_void_p)  # the result's address: read by the caller


class RunOptions(Structure):
    _fields_ = [("on_diag", DIAG_FN), ("diag_user", c_void_p), ("threads", c_int),
                ("max_record_bytes", c_size_t), ("max_depth", c_int),
                ("on_progress", PROGRESS_FN), ("progress_user", c_void_p),
                ("on_lead", LEAD_FN), ("lead_user", c_void_p), ("input_format", c_int),
                ("watch_fields", POINTER(c_char_p)), ("watch_field_count", c_size_t)]


class RunStats(Structure):
    _fields_ = [(name, c_uint64) for name in (
        "files_read", "files_failed", "leads_read", "malformed", "not_objects", "duplicates",
        "invalid_utf8_leads", "matched", "no_persona", "returned")] + [
        ("limit_reached", c_int)] + [(name, c_uint64) for name in (
            "not_leads", "files_skipped", "not_evaluated", "offset")]


class WriteOptions(Structure):
    _fields_ = [("format", c_int), ("csv_fields", POINTER(c_char_p)),
                ("csv_field_count", c_size_t), ("csv_raw", c_int)]


class InputStats(Structure):
    _fields_ = [(name, c_uint64) for name in (
        "files_read", "files_failed", "leads_read", "malformed", "not_objects", "duplicates",
        "not_leads")]


EXPLAIN_FN = CFUNCTYPE(c_int, c_void_p, c_void_p)  # the record's address


class ExplainOptions(Structure):
    _fields_ = [("on_diag", DIAG_FN), ("diag_user", c_void_p), ("max_record_bytes", c_size_t),
                ("max_depth", c_int), ("persona", c_int), ("only", c_int),
                ("input_format", c_int), ("labels", c_void_p)]


class ExplainStats(Structure):
    _fields_ = [(name, c_uint64) for name in (
        "files_read", "files_failed", "leads_read", "malformed", "not_objects", "duplicates",
        "shown", "not_leads")]


class ScoreRatio(Structure):
    _fields_ = [("num", c_uint64), ("den", c_uint64)]


class ScoreMacro(Structure):
    _fields_ = [("value", c_double), ("n", c_size_t)]


class ScorePersona(Structure):
    _fields_ = [("name", c_char_p)] + [(n, c_uint64) for n in (
        "labeled", "assigned", "tp", "fp", "fn")] + [
        ("precision", ScoreRatio), ("recall", ScoreRatio), ("f1", ScoreRatio),
        ("classes", c_void_p * 2), ("nclasses", c_size_t * 2)]


class ScoreResult(Structure):
    _fields_ = [("input", InputStats)] + [(n, c_uint64) for n in (
        "scored", "unlabeled", "other_labeled", "bad_labels", "correct")] + [
        ("accuracy", ScoreRatio)] + [(n, c_uint64) for n in (
            "label_entries", "label_duplicates", "labels_unused")] + [
        ("nother", c_size_t), ("other_names", POINTER(c_char_p)),
        ("other_counts", POINTER(c_uint64)), ("other_files", POINTER(c_char_p)),
        ("other_lines", POINTER(c_uint64)), ("other_suggestions", POINTER(c_char_p)),
        ("label_field_leads", c_uint64), ("label_field_suggestion", c_char_p),
        ("npersonas", c_size_t), ("personas", POINTER(ScorePersona)),
        ("micro_tp", c_uint64), ("micro_fp", c_uint64), ("micro_fn", c_uint64),
        ("micro_precision", ScoreRatio), ("micro_recall", ScoreRatio),
        ("micro_f1", ScoreRatio), ("macro_precision", ScoreMacro),
        ("macro_recall", ScoreMacro), ("macro_f1", ScoreMacro),
        ("ncells", c_size_t), ("cells", c_void_p),
        ("nmisses", c_size_t), ("misses", c_void_p),
        ("label_key_example", c_char_p), ("lead_key_example", c_char_p),
        ("lead_key_example_field", c_char_p), ("labels_keyed_by", c_char_p),
        ("labels_keyed_by_count", c_uint64)]


class ScoreOptions(Structure):
    _fields_ = [("label_field", c_char_p), ("on_diag", DIAG_FN), ("diag_user", c_void_p),
                ("max_record_bytes", c_size_t), ("max_depth", c_int), ("input_format", c_int)]


# ---- functions -------------------------------------------------------------

_P = c_void_p
_pP = POINTER(c_void_p)


def _fn(name: str, restype, *argtypes):
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = argtypes
    return f


ls_version = _fn("ls_version", c_char_p)
ls_status_message = _fn("ls_status_message", c_char_p, c_int)
ls_free = _fn("ls_free", None, _P)
ls_suggest = _fn("ls_suggest", c_char_p, c_char_p, c_size_t, POINTER(c_char_p), c_size_t)

ls_normalizer_new = _fn("ls_normalizer_new", c_int, _pP)
ls_normalizer_free = _fn("ls_normalizer_free", None, _P)
# argtypes left open: the hot path passes ready-made values (bytes, ints, byref)
ls_normalizer_run = lib.ls_normalizer_run
ls_normalizer_run.restype = c_void_p
ls_level_of_title = _fn("ls_level_of_title", c_int, _P, c_char_p, c_size_t, POINTER(c_int))
ls_level_name = _fn("ls_level_name", c_char_p, c_size_t)
ls_level_count = _fn("ls_level_count", c_size_t)

ls_problems_count = _fn("ls_problems_count", c_size_t, _P)
ls_problems_get = _fn("ls_problems_get", Problem, _P, c_size_t)
ls_problems_free = _fn("ls_problems_free", None, _P)
ls_problems_envelope = _fn("ls_problems_envelope", c_int, _P, c_int, _pP, POINTER(c_size_t))

ls_compile_options_init = _fn("ls_compile_options_init", None, POINTER(CompileOptions))
ls_request_compile = _fn("ls_request_compile", c_int, c_char_p, c_size_t,
                         POINTER(CompileOptions), _pP, _pP)
ls_request_free = _fn("ls_request_free", None, _P)
ls_request_warnings = _fn("ls_request_warnings", _P, _P)
ls_request_not_evaluated_count = _fn("ls_request_not_evaluated_count", c_size_t, _P)
ls_request_not_evaluated = _fn("ls_request_not_evaluated", c_char_p, _P, c_size_t)
ls_request_persona_count = _fn("ls_request_persona_count", c_size_t, _P)
ls_request_persona_name = _fn("ls_request_persona_name", c_char_p, _P, c_size_t)
ls_request_persona_rank = _fn("ls_request_persona_rank", c_size_t, _P, c_size_t)
ls_request_persona_priority = _fn("ls_request_persona_priority", c_char_p, _P, c_size_t)
ls_request_limit = _fn("ls_request_limit", c_long, _P)
ls_request_offset = _fn("ls_request_offset", c_long, _P)
ls_request_api_of = _fn("ls_request_api_of", c_int, _P)
ls_request_search_mode = _fn("ls_request_search_mode", c_int, _P)
ls_request_match_mode = _fn("ls_request_match_mode", c_int, _P)
ls_request_keyword_count = _fn("ls_request_keyword_count", c_size_t, _P, c_size_t, c_int)
ls_request_keyword = _fn("ls_request_keyword", c_char_p, _P, c_size_t, c_int, c_size_t)

ls_matcher_new = _fn("ls_matcher_new", c_int, _P, _pP)
ls_matcher_free = _fn("ls_matcher_free", None, _P)
ls_match_lead = lib.ls_match_lead          # hot: argtypes left open, as above
ls_match_lead.restype = c_int
ls_match_title = lib.ls_match_title
ls_match_title.restype = c_int
ls_matcher_error = _fn("ls_matcher_error", c_char_p, _P, POINTER(c_size_t))

ls_run_options_init = _fn("ls_run_options_init", None, POINTER(RunOptions))
ls_run_new = _fn("ls_run_new", c_int, _P, POINTER(RunOptions), _pP)
ls_run_free = _fn("ls_run_free", None, _P)
ls_run_add_path = _fn("ls_run_add_path", c_int, _P, c_char_p)
ls_run_add_memory = _fn("ls_run_add_memory", c_int, _P, c_char_p, c_char_p, c_size_t)
ls_run_finish = _fn("ls_run_finish", c_int, _P)
ls_run_cancel = _fn("ls_run_cancel", None, _P)
ls_run_get_stats = _fn("ls_run_get_stats", POINTER(RunStats), _P)
ls_run_filter_count = _fn("ls_run_filter_count", c_size_t, _P)
ls_run_filter_name = _fn("ls_run_filter_name", c_char_p, _P, c_size_t)
ls_run_filter_dropped = _fn("ls_run_filter_dropped", c_uint64, _P, c_size_t)
ls_run_persona_matched = _fn("ls_run_persona_matched", c_uint64, _P, c_size_t)
ls_run_report_json = _fn("ls_run_report_json", c_int, _P, c_int, _pP, POINTER(c_size_t))
ls_write_options_init = _fn("ls_write_options_init", None, POINTER(WriteOptions))
ls_run_write = _fn("ls_run_write", c_int, _P, POINTER(WriteOptions), _P)
ls_run_count_fields = _fn("ls_run_count_fields", c_int, _P, POINTER(c_char_p), c_size_t,
                          POINTER(c_uint64))
ls_computed_field_names = _fn("ls_computed_field_names", POINTER(c_char_p), POINTER(c_size_t))
ls_path_input_format = _fn("ls_path_input_format", c_int, c_char_p)
ls_lead_field_names = _fn("ls_lead_field_names", POINTER(c_char_p), POINTER(c_size_t))

ls_explain_options_init = _fn("ls_explain_options_init", None, POINTER(ExplainOptions))
ls_explain_new = _fn("ls_explain_new", c_int, _P, POINTER(ExplainOptions), EXPLAIN_FN, _P,
                     _pP)
ls_explain_free = _fn("ls_explain_free", None, _P)
ls_explain_add_path = _fn("ls_explain_add_path", c_int, _P, c_char_p)
ls_explain_add_memory = _fn("ls_explain_add_memory", c_int, _P, c_char_p, c_char_p, c_size_t)
ls_explain_add_title = _fn("ls_explain_add_title", c_int, _P, c_char_p, c_size_t)
ls_explain_get_stats = _fn("ls_explain_get_stats", POINTER(ExplainStats), _P)
ls_explain_record_json = _fn("ls_explain_record_json", c_int, _P, _P, _pP, POINTER(c_size_t))

ls_score_options_init = _fn("ls_score_options_init", None, POINTER(ScoreOptions))
ls_score_new = _fn("ls_score_new", c_int, _P, POINTER(ScoreOptions), _pP)
ls_score_free = _fn("ls_score_free", None, _P)
ls_score_load_labels = _fn("ls_score_load_labels", c_int, _P, c_char_p, c_char_p, c_size_t,
                           _pP)
ls_score_add_path = _fn("ls_score_add_path", c_int, _P, c_char_p)
ls_score_add_memory = _fn("ls_score_add_memory", c_int, _P, c_char_p, c_char_p, c_size_t)
ls_score_finish = _fn("ls_score_finish", c_int, _P, POINTER(POINTER(ScoreResult)))
ls_score_report_json = _fn("ls_score_report_json", c_int, POINTER(ScoreResult), c_int, _pP,
                           POINTER(c_size_t))

# C streams for ls_run_write: glibc's open_memstream writes into memory.
libc = ctypes.CDLL(None)


def _libc_fn(name: str, restype, *argtypes):
    f = getattr(libc, name)
    f.restype = restype
    f.argtypes = argtypes
    return f


open_memstream = _libc_fn("open_memstream", c_void_p, _pP, POINTER(c_size_t))
fopen = _libc_fn("fopen", c_void_p, c_char_p, c_char_p)
fclose = _libc_fn("fclose", c_int, c_void_p)
free = _libc_fn("free", None, c_void_p)


def _check_version() -> str:
    v = ls_version().decode("ascii")
    parts = tuple(int(p) for p in v.split(".")[:2] if p.isdigit())
    if parts != ABI_VERSION:
        raise LibraryNotFoundError(
            "leadsieve: %s is version %s; this package is written for %d.%d.x "
            "(set %s to a matching build)" % (path, v, ABI_VERSION[0], ABI_VERSION[1], ENV_VAR))
    return v


version = _check_version()
