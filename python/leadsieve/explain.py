"""explain(): why each persona catches or misses each lead or title."""
from __future__ import annotations

import ctypes
import json
from collections.abc import Sequence

from . import _lib, _util
from ._errors import OK, check
from ._record import record
from .diagnostics import Callbacks, Diagnostic
from .inputs import feed
from .request import Request

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Iterable, Iterator, Optional
    from .inputs import Inputs

ONLY = {"all": 0, "matched": 1, "missed": 2}


class ExplainStats(record("ExplainStats", "files_read files_failed leads_read malformed "
                          "not_objects duplicates shown not_leads", __name__)):
    __slots__ = ()
    files_read: int
    files_failed: int
    leads_read: int   # duplicates included
    malformed: int
    not_objects: int
    duplicates: int
    shown: int        # records given
    not_leads: int


class Explanation(Sequence):
    """The records of `explain`, in input order, as dicts: what `leadsieve
    explain --format jsonl` writes, a line each (`lines` has that text).

    Each record has the title field used, the title and its norm, the level
    it implies, per persona which function, seniority entry and alternative
    passed and which prohibit dropped it, the filter that dropped the lead,
    whether it is a duplicate, and the persona assigned.
    """

    def __init__(self, lines: list[str], stats: ExplainStats, diagnostics: list[Diagnostic]):
        self.lines = lines
        self.stats = stats
        self.diagnostics = diagnostics
        self._records: Optional[list[dict]] = None

    @property
    def records(self) -> list[dict]:
        if self._records is None:
            self._records = [json.loads(line) for line in self.lines]
        return self._records

    def __getitem__(self, i):
        return self.records[i]

    def __len__(self) -> int:
        return len(self.lines)

    def __iter__(self) -> Iterator[dict]:
        return iter(self.records)

    def __repr__(self) -> str:
        return "<leadsieve.Explanation: %d record(s)>" % len(self.lines)


def explain(request: Request, inputs: Optional[Inputs] = None, *,
            titles: Optional[Iterable[_util.TextLike]] = None, persona: Optional[str] = None,
            only: str = "all", limit: Optional[int] = None,
            input_format: str = "auto") -> Explanation:
    """`leadsieve explain`: a record per bare title (titles, first) and per lead
    of inputs (read as `filter` reads them: duplicates and filters included,
    limit_by not applied).  persona: only that persona's row (--persona);
    only: "matched" or "missed" (--only); limit: at most this many records."""
    if not isinstance(request, Request):
        raise TypeError("explain needs a leadsieve.Request, not %s" % type(request).__name__)
    if inputs is None and titles is None:
        raise ValueError("explain needs inputs, titles or both")
    if isinstance(titles, (str, bytes)):
        titles = [titles]
    opt = _lib.ExplainOptions()
    _lib.ls_explain_options_init(opt)
    if persona is not None:
        if persona not in request.persona_names:
            near = _util.suggest(persona, request.persona_names)
            raise ValueError("the request has no persona named %r%s" % (
                persona, " (did you mean %r?)" % near if near else ""))
        opt.persona = request.persona_names.index(persona)
    opt.only = _util.choice("only", only, ONLY)
    opt.input_format = _util.choice("input_format", input_format, _util.INPUT_FORMATS)
    if limit is not None and limit < 1:
        raise ValueError("limit must be at least 1, not %d" % limit)
    cb = Callbacks()
    opt.on_diag = cb.on_diag
    lines: list[str] = []
    ex = ctypes.c_void_p()
    out, n = ctypes.c_void_p(), ctypes.c_size_t()

    def on_record(user, rec) -> int:
        # a record per lead: explain says why, it is not a hot path
        try:
            if _lib.ls_explain_record_json(ex, rec, ctypes.byref(out), ctypes.byref(n)) != OK:
                raise MemoryError("explain: out of memory")
            try:
                lines.append(ctypes.string_at(out.value, n.value).decode("utf-8"))
            finally:
                _lib.ls_free(out)
            return 1 if limit is not None and len(lines) >= limit else 0
        except BaseException as e:  # noqa: B036 - raised after the C call
            cb.error = cb.error or e
            return 1

    fn = _lib.EXPLAIN_FN(on_record)
    check(_lib.ls_explain_new(request._ptr, opt, fn, None, ctypes.byref(ex)), "explain")
    try:
        st = OK
        for t in titles or ():
            b = _util.utf8(t)
            st = _lib.ls_explain_add_title(ex, b, len(b))
            if st != OK:
                break
        if st == OK and inputs is not None:
            st = feed(inputs, _lib.ls_explain_add_path, _lib.ls_explain_add_memory, ex)
        cb.reraise()
        check(st, "explain")
        s = _lib.ls_explain_get_stats(ex).contents
        stats = ExplainStats(*(getattr(s, f) for f in ExplainStats._fields))
    finally:
        _lib.ls_explain_free(ex)
    return Explanation(lines, stats, cb.diagnostics)
