"""leadsieve: the persona matching and lead filtering rules of the lead search
API's by_icp and v1 requests, offline, on libleadsieve.

    import leadsieve
    req = leadsieve.Request.from_file("request.json")
    req.match_title("VP, Sales & Marketing").persona
    result = leadsieve.filter(req, ["leads/"])      # what `leadsieve filter` writes
    leadsieve.normalize("Sr. Director, Product")     # 'senior director product'

The shared library is found through LEADSIEVE_LIBRARY (a path to
libleadsieve.so.0), else next to this package, else by the system loader.
"""
from __future__ import annotations

from . import _lib
from ._errors import (Cancelled, InvalidLabels, InvalidRequest, LeadsieveError,
                      LibraryNotFoundError, MalformedLead, Problem, SkippedInput)
from .diagnostics import Diagnostic, LeadsieveWarning
from .inputs import Text
from .matcher import Matcher, Verdict
from .normalize import Normalizer, level_of_title, levels, normalize
from .request import Persona, Request
from .run import Counts, FilterResult, filter

# Loaded when first used (PEP 562), so that `import leadsieve` costs little
# next to a run: the tools and the pandas helpers.
_LAZY = {
    "explain": "explain", "ExplainStats": "explain", "Explanation": "explain",
    "score": "score", "Metrics": "score", "PersonaScore": "score", "ScoreResult": "score",
    "filter_frame": "frame", "normalize_series": "frame",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError("module 'leadsieve' has no attribute %r" % name)
    import importlib
    value = getattr(importlib.import_module("." + module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list:
    return sorted(set(globals()) | set(_LAZY))


__version__ = "0.1.0"
library_version: str = _lib.version
library_path: str = _lib.path

__all__ = [
    "Cancelled", "Counts", "Diagnostic", "explain", "ExplainStats", "Explanation", "filter",
    "FilterResult", "InvalidLabels", "InvalidRequest", "LeadsieveError", "LeadsieveWarning",
    "level_of_title", "levels", "library_path", "library_version", "LibraryNotFoundError",
    "MalformedLead", "Matcher", "Metrics", "normalize", "Normalizer", "Persona",
    "PersonaScore", "Problem", "Request", "score", "ScoreResult", "SkippedInput", "Text",
    "Verdict",
]
