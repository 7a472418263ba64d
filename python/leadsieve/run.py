"""filter(): what `leadsieve filter` does, with its result and counts in Python."""
from __future__ import annotations

import _thread
import ctypes
import os

from . import _lib, _util
from ._errors import OK, SkippedInput, check
from ._record import record
from .diagnostics import Callbacks, Diagnostic, LeadsieveWarning
from .inputs import Text, feed, is_one
from .request import Request

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any, Optional, Sequence, Union
    from .diagnostics import ProgressFn
    from .inputs import Inputs

FORMATS = {"json": 0, "jsonl": 1, "csv": 2}


def default_threads() -> int:
    """The CLI's default: one thread per CPU, at most 8."""
    return max(1, min(8, os.cpu_count() or 1))


class Counts(record("Counts", "files_read files_failed files_skipped leads_read malformed "
                    "not_objects not_leads duplicates invalid_utf8_leads dropped_by_filter "
                    "no_persona matched matched_by_persona not_evaluated offset returned "
                    "limit_reached", __name__)):
    """The run's figures, as the CLI's summary gives them."""
    __slots__ = ()
    files_read: int
    files_failed: int       # unreadable inputs
    files_skipped: int      # files of walked directories not read (their names)
    leads_read: int         # lead objects seen, duplicates included
    malformed: int          # records skipped as invalid JSON or over a limit
    not_objects: int
    not_leads: int          # requests, error envelopes, leadsieve's own documents
    duplicates: int
    invalid_utf8_leads: int
    dropped_by_filter: dict  # {request field: leads it dropped}, in the order filters apply
    no_persona: int
    matched: int
    matched_by_persona: dict  # {persona name: leads}, before limit_by
    not_evaluated: int      # matched leads a v1 filter kept for lack of data
    offset: int             # skipped by a v1 offset_by
    returned: int
    limit_reached: bool


def _check_fields(fields: Sequence[str], csv_input: bool) -> list[str]:
    """The CLI's --fields rules: an @ name must be a computed column; a name close
    to a field of the API's leads is a typo (not after CSV input, whose own
    header may be close).  Returns the names of the user's own, checked after
    the run."""
    n = ctypes.c_size_t()
    arr = _lib.ls_computed_field_names(ctypes.byref(n))
    computed = [arr[i].decode() for i in range(n.value)]
    arr = _lib.ls_lead_field_names(ctypes.byref(n))
    known = [arr[i].decode() for i in range(n.value)]
    custom = []
    for f in fields:
        if not isinstance(f, str) or not f:
            raise ValueError("fields are non-empty field names, not %r" % (f,))
        if f.startswith("@"):
            if f not in computed:
                near = _util.suggest(f, computed)
                raise ValueError("fields: %r is not a column leadsieve computes; %s" % (
                    f, "did you mean %r?" % near if near else "one of: " + ", ".join(computed)))
            continue
        if f in known or f in custom:
            continue
        near = None if csv_input else _util.suggest(f, known)
        if near:
            raise ValueError("fields: %r is not a field of the API's leads; did you mean %r?"
                             % (f, near))
        custom.append(f)
    return custom


class FilterResult:
    """The result of `filter`: the bytes `leadsieve filter` writes (`bytes`,
    `text`, `json()`, `leads`, `write`), in the format asked or any other
    (`render`), the run's counts and report, and what reading skipped.

    It holds the run (the leads to write) until `close()` or garbage collection.
    """

    def __init__(self, request: Request, run: ctypes.c_void_p, cb: Callbacks,
                 format: str, fields: Optional[Sequence[str]], csv_raw: bool):
        self.request = request
        self._run = run
        self._cb = cb
        self._format, self._fields, self._csv_raw = format, fields, csv_raw
        self._bytes: Optional[bytes] = None
        self._lock = _thread.allocate_lock()
        self.diagnostics: list[Diagnostic] = cb.diagnostics
        self._report: Optional[dict] = None
        self._counts: Optional[Counts] = None

    @property
    def report(self) -> dict:
        """Every figure of the run: the `--report` document, parsed."""
        if self._report is None:
            import json
            self._report = json.loads(self.report_json(0))
        return self._report

    @property
    def counts(self) -> Counts:
        """The run's counts (the CLI's summary)."""
        if self._counts is None:
            self._counts = self._make_counts()
        return self._counts

    def _make_counts(self) -> Counts:
        s = _lib.ls_run_get_stats(self._live()).contents
        rep = self.report
        return Counts(
            files_read=s.files_read, files_failed=s.files_failed,
            files_skipped=s.files_skipped, leads_read=s.leads_read, malformed=s.malformed,
            not_objects=s.not_objects, not_leads=s.not_leads, duplicates=s.duplicates,
            invalid_utf8_leads=s.invalid_utf8_leads,
            dropped_by_filter=dict(rep["dropped_by_filter"]), no_persona=s.no_persona,
            matched=s.matched,
            matched_by_persona={p["persona"]: p["matched"] for p in rep["matched_by_persona"]},
            not_evaluated=s.not_evaluated, offset=s.offset, returned=s.returned,
            limit_reached=bool(s.limit_reached))

    # ---- the output -----------------------------------------------------

    def _options(self, format: Optional[str], fields: Optional[Sequence[str]],
                 csv_raw: Optional[bool]):
        opt = _lib.WriteOptions()
        _lib.ls_write_options_init(opt)
        opt.format = _util.choice("format", format or self._format, FORMATS)
        fields = self._fields if fields is None else fields
        if isinstance(fields, str):  # "a,b" as filter() and --fields take it, not its letters
            fields = fields.split(",")
        keep = None
        if fields:
            keep = (ctypes.c_char_p * len(fields))(*[f.encode() for f in fields])
            opt.csv_fields = keep
            opt.csv_field_count = len(fields)
        opt.csv_raw = int(self._csv_raw if csv_raw is None else csv_raw)
        return opt, keep

    def _write(self, stream: int, format, fields, csv_raw) -> None:
        opt, keep = self._options(format, fields, csv_raw)
        with self._lock:
            st = _lib.ls_run_write(self._live(), opt, stream)
        del keep
        check(st, "write")

    def render(self, format: Optional[str] = None, fields: Optional[Sequence[str]] = None,
               csv_raw: Optional[bool] = None) -> bytes:
        """The result as `leadsieve filter --format FORMAT [--fields ...]` writes it:
        "json" (the API's response; v1's for a v1 request), "jsonl" or "csv";
        fields a list of names or one string of them separated by commas."""
        if fields is not None and (format or self._format) != "csv":
            raise ValueError("fields apply to the csv format only")
        buf, size = ctypes.c_void_p(), ctypes.c_size_t()
        stream = _lib.open_memstream(ctypes.byref(buf), ctypes.byref(size))
        if not stream:
            raise MemoryError("open_memstream failed")
        try:
            self._write(stream, format, fields, csv_raw)
        finally:
            closed = _lib.fclose(stream)
            data = ctypes.string_at(buf.value, size.value) if buf.value else b""
            _lib.free(buf)
        if closed != 0:
            raise MemoryError("writing the result into memory failed")
        return data

    @property
    def bytes(self) -> bytes:
        """What `leadsieve filter` writes for the same request, inputs and options."""
        if self._bytes is None:
            self._bytes = self.render()
        return self._bytes

    def __bytes__(self) -> bytes:
        return self.bytes

    @property
    def text(self) -> str:
        """`bytes` as text (bytes that are not UTF-8, kept from the input, as
        surrogate escapes: `text.encode("utf-8", "surrogateescape")` gives them back)."""
        return self.bytes.decode("utf-8", "surrogateescape")

    def json(self) -> Any:
        """The JSON result parsed (format "json")."""
        import json
        return json.loads(self.render("json") if self._format != "json" else self.bytes)

    @property
    def leads(self) -> list:
        """The returned leads as dicts, in output order, each with
        linkedin_lead_persona set."""
        import json
        return [json.loads(line) for line in self.render("jsonl").splitlines()]

    def write(self, file: Union[str, "os.PathLike[str]", IO[bytes]],
              format: Optional[str] = None, fields: Optional[Sequence[str]] = None,
              csv_raw: Optional[bool] = None) -> None:
        """Writes the result to a path (streamed by the library, not held in
        memory) or to a binary file object."""
        if not isinstance(file, (str, os.PathLike)):
            file.write(self.render(format, fields, csv_raw))
            return
        stream = _lib.fopen(os.fsencode(file), b"wb")
        if not stream:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err), os.fspath(file))
        try:
            self._write(stream, format, fields, csv_raw)
        finally:
            closed = _lib.fclose(stream)
        if closed != 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err), os.fspath(file))

    def report_json(self, indent: int = 2) -> str:
        """Every figure of the run as JSON: `leadsieve filter --report` writes this
        (indent 2) and a newline."""
        return _util.take_json(_lib.ls_run_report_json, self._live(), indent, what="report")

    # ---- life ------------------------------------------------------------

    def _live(self) -> ctypes.c_void_p:
        if self._run is None:
            raise ValueError("the FilterResult is closed")
        return self._run

    def close(self) -> None:
        """Releases the run's memory; `counts`, `report` and `bytes` (if it was
        read) stay."""
        if self._run is not None:
            self.counts  # noqa: B018 - kept for after the run is gone
            run, self._run = self._run, None
            _lib.ls_run_free(run)

    def __enter__(self) -> "FilterResult":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        run = getattr(self, "_run", None)
        if run is not None and _lib is not None:
            self._run = None
            _lib.ls_run_free(run)

    def __repr__(self) -> str:
        c = self.counts
        return "<leadsieve.FilterResult: %d lead(s) read, %d matched, %d returned>" % (
            c.leads_read, c.matched, c.returned)


def filter(request: Request, inputs: Inputs, *, threads: Optional[int] = None,
           input_format: str = "auto", format: str = "json",
           fields: Optional[Sequence[str]] = None, csv_raw: bool = False,
           strict: bool = False, progress: Optional[ProgressFn] = None,
           max_record_bytes: int = 0) -> FilterResult:
    """Runs `request` over `inputs` as `leadsieve filter` does: reads, drops
    duplicates, applies the filters and personas, ranks and keeps limit_by.

    inputs: a path (file or directory) or bytes / `Text` / a lead dict, or an
    iterable of them, read in order.  Files and text are read byte for byte,
    so `result.bytes` is what the CLI writes for them; dicts go through
    Python's json.  threads: the CLI's -j (default: one per CPU, at most 8);
    format, fields, csv_raw, input_format: its --format, --fields, --csv-raw,
    --input-format.  strict: raise SkippedInput where `--strict` exits 1.
    progress(files_done, files_total, leads_read) is called after each file and
    every 65,536 leads; returning True cancels (leadsieve.Cancelled).
    Unreadable inputs are a LeadsieveWarning and in `result.diagnostics`.
    """
    if not isinstance(request, Request):
        raise TypeError("filter needs a leadsieve.Request, not %s" % type(request).__name__)
    _util.choice("format", format, FORMATS)
    fmt_in = _util.choice("input_format", input_format, _util.INPUT_FORMATS)
    if fields is not None:
        if format != "csv":
            raise ValueError("fields apply to format='csv' only")
        if isinstance(fields, str):
            fields = fields.split(",")
        fields = list(fields)
        csv_input = fmt_in == _util.INPUT_FORMATS["csv"] or (fmt_in == 0 and _csv_named(inputs))
        custom = _check_fields(fields, csv_input)
    else:
        custom = []
    threads = default_threads() if threads is None else int(threads)
    if not 1 <= threads <= 1024:
        raise ValueError("threads must be from 1 to 1024, not %d" % threads)

    cb = Callbacks(progress)
    opt = _lib.RunOptions()
    _lib.ls_run_options_init(opt)
    opt.on_diag, opt.on_progress = cb.on_diag, cb.on_progress
    opt.threads = threads
    opt.input_format = fmt_in
    opt.max_record_bytes = max_record_bytes
    run = ctypes.c_void_p()
    check(_lib.ls_run_new(request._ptr, opt, ctypes.byref(run)), "filter")
    try:
        st = feed(inputs, _lib.ls_run_add_path, _lib.ls_run_add_memory, run)
        if st == OK:
            st = _lib.ls_run_finish(run)
        cb.reraise()
        check(st, "filter")
    except BaseException:
        _lib.ls_run_free(run)
        raise
    result = FilterResult(request, run, cb, format, fields, csv_raw)
    if strict:
        _strict(result, cb)
    if custom:
        _fields_no_lead_has(result, custom, strict)
    return result


def _csv_named(inputs: Inputs) -> bool:
    """Whether an input given as a list (not a generator, which is read once)
    has a CSV name, as the CLI checks its arguments."""
    seq = [inputs] if is_one(inputs) else inputs if isinstance(inputs, (list, tuple)) else []
    for x in seq:
        name = x.name.encode() if isinstance(x, Text) else (
            os.fsencode(x) if isinstance(x, (str, os.PathLike)) else None)
        if name is not None and _lib.ls_path_input_format(name) == _util.INPUT_FORMATS["csv"]:
            return True
    return False


def _strict(result: FilterResult, cb: Callbacks) -> None:
    c = result.counts
    if c.files_failed or c.malformed or c.not_objects or c.not_leads or cb.empty:
        result.close()
        raise SkippedInput(
            "strict: %d unreadable or empty input(s), %d malformed record(s), %d non-object "
            "item(s), %d record(s) that are not leads; no result"
            % (max(c.files_failed, cb.empty), c.malformed, c.not_objects, c.not_leads),
            cb.diagnostics)


def _fields_no_lead_has(result: FilterResult, custom: list, strict: bool) -> None:
    names = (ctypes.c_char_p * len(custom))(*[f.encode() for f in custom])
    counts = (ctypes.c_uint64 * len(custom))()
    check(_lib.ls_run_count_fields(result._live(), names, len(custom), counts), "fields")
    missing = [f for f, n in zip(custom, counts) if n == 0]
    if missing and strict:
        result.close()
        raise SkippedInput("strict: fields that no lead has: %s; no result"
                           % ", ".join(missing), result.diagnostics)
    n = ctypes.c_size_t()
    arr = _lib.ls_lead_field_names(ctypes.byref(n))
    known = [arr[i].decode() for i in range(n.value)]
    import warnings
    for f in missing:
        near = _util.suggest(f, known)
        warnings.warn("leadsieve: fields: no lead had field %r%s"
                      % (f, "; did you mean %r?" % near if near else ""),
                      LeadsieveWarning, stacklevel=3)
