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
from .explain import ExplainStats, Explanation, explain
from .inputs import Text
from .matcher import Matcher, Verdict
from .normalize import Normalizer, level_of_title, levels, normalize
from .request import Persona, Request
from .run import Counts, FilterResult, filter
from .score import Metrics, PersonaScore, ScoreResult, score

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
