"""Request: a by_icp or v1 request body, validated and compiled once."""
from __future__ import annotations

import _thread
import ctypes
import os
import weakref

from . import _lib, _util
from ._errors import OK, InvalidRequest, Problem, check
from ._record import record

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from typing import Any, Mapping, Union
    from .matcher import Matcher, Verdict
    DateLike = Union[datetime.date, str, None]

APIS = {"auto": 0, "by_icp": 1, "v1": 2}
MODES = {"realtime": 0, "database": 1}
MATCH_MODES = {"documented": 0, "words": 1}
_API_NAMES = {v: k for k, v in APIS.items()}
_MODE_NAMES = {v: k for k, v in MODES.items()}
_MATCH_NAMES = {v: k for k, v in MATCH_MODES.items()}
_KW_FUNCTIONS, _KW_SENIORITIES, _KW_PROHIBITS = 1, 2, 3


class Persona(record("Persona", "name functions seniorities prohibits priority rank", __name__)):
    """One persona tuple as the request wrote it (contract §2)."""
    __slots__ = ()
    name: str
    functions: tuple
    seniorities: tuple
    prohibits: tuple
    priority: int   # as written; the lowest wins
    rank: int       # among the request's distinct priorities, 0 = highest


def _as_of(value: DateLike) -> tuple[int, int, int]:
    if value is None:
        return (0, 0, 0)
    import datetime
    if isinstance(value, str):
        try:
            if len(value) != 10:
                raise ValueError
            value = datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError("as_of must be a date or 'YYYY-MM-DD', not %r" % value) from None
    if not isinstance(value, datetime.date):
        raise TypeError("as_of must be a datetime.date or 'YYYY-MM-DD', not %s"
                        % type(value).__name__)
    return (value.year, value.month, value.day)


class Request:
    """A compiled request: immutable, shared freely between threads.

    Make one with `Request.from_json(text_or_dict)` or `Request.from_file(path)`;
    an invalid request raises `InvalidRequest` with every problem at once.
    Options are those of the CLI: `api` ("auto", "by_icp", "v1"; --api), `mode`
    ("realtime", "database"; --mode), `match` ("documented", "words"; --match)
    and `as_of` (a date or "YYYY-MM-DD"; --as-of, default today).
    """

    def __init__(self, *args: Any, **kwargs: Any):
        raise TypeError("make a Request with Request.from_json() or Request.from_file()")

    @classmethod
    def from_json(cls, text: str | bytes | Mapping[str, Any], *, api: str = "auto",
                  mode: str = "realtime", match: str = "documented",
                  as_of: DateLike = None) -> "Request":
        """Compiles a request given as JSON text (str or bytes, read byte for byte as
        the CLI reads a file) or as a dict (serialized with Python's json)."""
        if isinstance(text, dict) or not isinstance(text, (str, bytes, bytearray, memoryview)):
            import json
            data = json.dumps(text, ensure_ascii=False, allow_nan=False).encode()
        else:
            data = _util.utf8(text)
        return cls._compile(data, api, mode, match, as_of)

    @classmethod
    def from_file(cls, path: _util.PathLike, *, api: str = "auto", mode: str = "realtime",
                  match: str = "documented", as_of: DateLike = None) -> "Request":
        """Compiles the request in a file (as `leadsieve filter --request FILE`)."""
        with open(os.fspath(path), "rb") as f:
            data = f.read()
        return cls._compile(data, api, mode, match, as_of)

    @classmethod
    def _compile(cls, data: bytes, api: str, mode: str, match: str,
                 as_of: DateLike) -> "Request":
        opt = _lib.CompileOptions()
        _lib.ls_compile_options_init(opt)
        opt.api = _util.choice("api", api, APIS)
        opt.search_mode = _util.choice("mode", mode, MODES)
        opt.match_mode = _util.choice("match", match, MATCH_MODES)
        opt.as_of_year, opt.as_of_month, opt.as_of_day = _as_of(as_of)
        ptr, errors = ctypes.c_void_p(), ctypes.c_void_p()
        st = _lib.ls_request_compile(data, len(data), opt, ctypes.byref(ptr),
                                     ctypes.byref(errors))
        if st != OK:
            try:
                if errors.value:
                    envelope = _util.take_json(_lib.ls_problems_envelope, errors, 0,
                                               what="request envelope")
                    raise InvalidRequest(_util.problems(errors), envelope)
            finally:
                _lib.ls_problems_free(errors)
            check(st, "request")
        self = object.__new__(cls)
        self._ptr = ptr
        self._text = data
        self._options = dict(api=api, mode=mode, match=match, as_of=as_of)
        self._local = _thread._local()
        weakref.finalize(self, _lib.ls_request_free, ptr).atexit = False
        n = _lib.ls_request_persona_count(ptr)
        self._names = tuple(_lib.ls_request_persona_name(ptr, i).decode() for i in range(n))
        if opt.search_mode == MODES["database"] and _lib.ls_request_api_of(ptr) == APIS["by_icp"]:
            # by_icp has one search: said, as the CLI says it, not dropped silently
            import warnings
            from .diagnostics import LeadsieveWarning
            warnings.warn("leadsieve: mode='database' is for v1 requests and this one is read as "
                          "by_icp (%s); mode ignored" % (
                              "api='by_icp'" if opt.api == APIS["by_icp"] else
                              "it has no field only v1 has: api='v1' reads it as v1"),
                          LeadsieveWarning, stacklevel=3)
        return self

    # ---- what the request says -------------------------------------------

    @property
    def text(self) -> bytes:
        """The request's JSON text as compiled."""
        return self._text

    @property
    def warnings(self) -> list[Problem]:
        """Warnings of a valid request, as (path, hint): unknown fields (with a
        did-you-mean), fields not evaluated offline."""
        return _util.problems(_lib.ls_request_warnings(self._ptr))

    @property
    def not_evaluated(self) -> tuple[str, ...]:
        """Fields present in the request that cannot be evaluated offline."""
        n = _lib.ls_request_not_evaluated_count(self._ptr)
        return tuple(_lib.ls_request_not_evaluated(self._ptr, i).decode() for i in range(n))

    @property
    def persona_names(self) -> tuple[str, ...]:
        return self._names

    @property
    def personas(self) -> tuple[Persona, ...]:
        """The persona tuples, in declaration order."""
        out = []
        for i, name in enumerate(self._names):
            kw = tuple(
                tuple(_lib.ls_request_keyword(self._ptr, i, kind, j).decode("utf-8", "replace")
                      for j in range(_lib.ls_request_keyword_count(self._ptr, i, kind)))
                for kind in (_KW_FUNCTIONS, _KW_SENIORITIES, _KW_PROHIBITS))
            out.append(Persona(name, kw[0], kw[1], kw[2],
                               int(_lib.ls_request_persona_priority(self._ptr, i)),
                               int(_lib.ls_request_persona_rank(self._ptr, i))))
        return tuple(out)

    @property
    def limit(self) -> int | None:
        """limit_by, or None when the request has none."""
        n = _lib.ls_request_limit(self._ptr)
        return None if n < 0 else int(n)

    @property
    def offset(self) -> int:
        """offset_by of a v1 request (leads skipped after ranking), else 0."""
        return int(_lib.ls_request_offset(self._ptr))

    @property
    def api(self) -> str:
        """The reading the request got: "by_icp" or "v1"."""
        return _API_NAMES[_lib.ls_request_api_of(self._ptr)]

    @property
    def mode(self) -> str:
        return _MODE_NAMES[_lib.ls_request_search_mode(self._ptr)]

    @property
    def match(self) -> str:
        return _MATCH_NAMES[_lib.ls_request_match_mode(self._ptr)]

    def __repr__(self) -> str:
        return "<leadsieve.Request %s, %d persona(s)%s>" % (
            self.api, len(self._names), "" if self.limit is None else ", limit_by %d" % self.limit)

    def __reduce__(self):
        # compiled again where it is unpickled (a worker process)
        return (_unpickle, (self._text, self._options))

    # ---- matching, through a matcher of this thread's --------------------

    def matcher(self) -> "Matcher":
        """A new matcher (one per thread) for this request."""
        from .matcher import Matcher
        return Matcher(self)

    def _thread_matcher(self) -> "Matcher":
        m = getattr(self._local, "matcher", None)
        if m is None:
            m = self._local.matcher = self.matcher()
        return m

    def match_title(self, title: _util.TextLike) -> "Verdict":
        """`Matcher.match_title` with a matcher of the calling thread's."""
        return self._thread_matcher().match_title(title)

    def match_lead(self, lead: Mapping[str, Any] | _util.TextLike) -> Verdict:
        """`Matcher.match_lead` with a matcher of the calling thread's."""
        return self._thread_matcher().match_lead(lead)


def _unpickle(text: bytes, options: dict) -> Request:
    return Request._compile(text, **options)

