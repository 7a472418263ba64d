"""Matcher: one request's persona and filter matching, one lead or title at a time."""
from __future__ import annotations

import _thread
import ctypes
import weakref

from . import _lib, _util
from ._errors import MALFORMED, OK, MalformedLead, check
from ._record import record
from .request import Request

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Iterable, Mapping, Optional, Union

MATCHED, DROPPED, NO_PERSONA = "matched", "dropped", "no_persona"
OUTCOMES = (MATCHED, DROPPED, NO_PERSONA)  # by ls_outcome value
_INVALID_UTF8, _NOT_EVALUATED = 1, 2


class Verdict(record("Verdict", "outcome persona filter persona_index invalid_utf8 "
                           "not_evaluated", __name__)):
    """What the request does with one lead or title.

    outcome: "matched" (passes every filter and, when there are personas, one of
    them), "dropped" (a request filter dropped it: `filter` names the request
    field) or "no_persona".  persona: the assigned persona's name, else None.
    """
    __slots__ = ()
    outcome: str
    persona: Optional[str]
    filter: Optional[str]
    persona_index: Optional[int]
    invalid_utf8: bool   # some string held invalid UTF-8, dropped for matching
    not_evaluated: bool  # a v1 filter kept the lead for lack of data (num_of_connections ...)

    @property
    def matched(self) -> bool:
        return self.outcome == MATCHED


def lead_json(lead: Union[Mapping[str, Any], _util.TextLike]) -> bytes:
    """A lead as JSON bytes: text as it is, a dict through Python's json."""
    if isinstance(lead, dict) or not isinstance(lead, (str, bytes, bytearray, memoryview)):
        import json
        return json.dumps(lead, ensure_ascii=False, allow_nan=False).encode(
            "utf-8", "surrogatepass")
    return _util.utf8(lead)


def verdict_of(request: Request, outcome: int, persona: int, filter_ptr: Optional[int],
               flags: int) -> Verdict:
    flt = ctypes.string_at(filter_ptr).decode() if filter_ptr else None
    name = request.persona_names[persona] if persona >= 0 else None
    return Verdict(OUTCOMES[outcome], name, flt, persona if persona >= 0 else None,
                   bool(flags & _INVALID_UTF8), bool(flags & _NOT_EVALUATED))


class Matcher:
    """Per-thread matching state for one request: use it from one thread at a
    time (`Request.match_title` keeps one per thread for you).  Decisions on
    titles are remembered, so repeated titles cost a dict lookup, not a call
    into the library (which remembers them too)."""

    TITLES_KEPT = 1 << 17  # remembered titles; the memory starts again when full

    def __init__(self, request: Request):
        if not isinstance(request, Request):
            raise TypeError("Matcher needs a leadsieve.Request, not %s"
                            % type(request).__name__)
        ptr = ctypes.c_void_p()
        check(_lib.ls_matcher_new(request._ptr, ctypes.byref(ptr)), "matcher")
        self.request = request
        self._ptr = ptr
        self._v = _lib.Verdict()
        self._vref = ctypes.byref(self._v)
        self._lock = _thread.allocate_lock()
        # verdicts are few and immutable: one object per distinct C verdict
        self._seen: dict[bytes, Verdict] = {}
        self._titles: dict = {}
        weakref.finalize(self, _lib.ls_matcher_free, ptr).atexit = False

    def _call(self, fn, data: bytes) -> Verdict:
        if not self._lock.acquire(False):
            raise RuntimeError("a leadsieve.Matcher is used by one thread at a time; "
                               "make one per thread (Request.matcher())")
        try:
            st = fn(self._ptr, data, len(data), self._vref)
        finally:
            self._lock.release()
        if st != OK:
            self._fail(st)
        key = bytes(self._v)
        v = self._seen.get(key)
        if v is None:
            c = self._v
            v = self._seen[key] = verdict_of(self.request, c.outcome, c.persona, c.filter,
                                             c.flags)
        return v

    def _fail(self, st: int) -> None:
        if st == MALFORMED:
            off = ctypes.c_size_t()
            msg = _lib.ls_matcher_error(self._ptr, ctypes.byref(off))
            raise MalformedLead(msg.decode("utf-8", "replace"), off.value)
        check(st, "match")

    def match_title(self, title: _util.TextLike) -> Verdict:
        """Persona matching only (contract §2) for a bare job title."""
        v = self._titles.get(title)
        if v is not None:
            return v
        b = title.encode("utf-8", "surrogatepass") if type(title) is str else _util.utf8(title)
        v = self._call(_lib.ls_match_title, b)
        if type(title) is str or type(title) is bytes:  # hashable and immutable
            if len(self._titles) >= self.TITLES_KEPT:
                self._titles.clear()
            self._titles[title] = v
        return v

    def match_lead(self, lead: Union[Mapping[str, Any], _util.TextLike]) -> Verdict:
        """Every filter of the request, then the personas, for one lead: a dict
        (through Python's json) or the JSON text of one object.  Raises
        MalformedLead for text that is not one JSON object."""
        return self._call(_lib.ls_match_lead, lead_json(lead))

    def match_titles(self, titles: Iterable[_util.TextLike]) -> list[Verdict]:
        return [self.match_title(t) for t in titles]

    def match_leads(self, leads: Iterable[Union[Mapping[str, Any], _util.TextLike]]
                    ) -> list[Verdict]:
        return [self.match_lead(lead) for lead in leads]
