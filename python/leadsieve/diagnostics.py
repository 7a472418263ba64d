"""What reading found wrong with the input (the library's ls_diag), and the
callbacks a reading call gets: diagnostics kept, progress, Ctrl-C.

Callbacks run per file, per skipped record and every 65,536 leads, never
per lead, so Python is not on the path of each lead."""
from __future__ import annotations

from . import _lib
from ._record import record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable, Optional
    ProgressFn = Callable[[int, int, int], Optional[bool]]

KINDS = ("malformed", "not_object", "limit", "io", "empty", "note", "not_leads",
         "file_skipped")


class Diagnostic(record("Diagnostic", "kind file line offset message", __name__)):
    """An input that could not be read or a record that was skipped."""
    __slots__ = ()
    kind: str      # one of KINDS
    file: str      # display name ("-" for standard input, "<dicts>" for dicts)
    line: int      # 1-based, 0 when unknown
    offset: int    # byte offset in the (decompressed) input
    message: str

    def __str__(self) -> str:
        where = self.file + (":%d" % self.line if self.line else "")
        return "%s: %s" % (where, self.message)


class LeadsieveWarning(UserWarning):
    """An input that could not be read (as the CLI says on standard error)."""


class Callbacks:
    """The C callbacks of one reading call.  Exceptions (KeyboardInterrupt
    included) are kept and cancel the call; `reraise` raises them after it."""

    MAX_KEPT = 10000  # diagnostics kept; all are counted

    def __init__(self, progress: Optional[ProgressFn] = None):
        self.diagnostics: list[Diagnostic] = []
        self.count = 0
        self.empty = 0
        self.error: Optional[BaseException] = None
        self._progress = progress
        self.on_diag = _lib.DIAG_FN(self._diag)
        self.on_progress = _lib.PROGRESS_FN(self._tick)

    def _diag(self, user, d) -> None:
        try:
            d = d.contents
            diag = Diagnostic(KINDS[d.kind] if 0 <= d.kind < len(KINDS) else str(d.kind),
                              (d.file or b"").decode("utf-8", "replace"), d.line, d.offset,
                              (d.message or b"").decode("utf-8", "replace"))
            self.count += 1
            self.empty += diag.kind == "empty"
            if len(self.diagnostics) < self.MAX_KEPT:
                self.diagnostics.append(diag)
            if diag.kind == "io":
                import warnings
                warnings.warn("leadsieve: " + str(diag), LeadsieveWarning, stacklevel=4)
        except BaseException as e:  # noqa: B036 - kept and raised after the C call
            self.error = self.error or e

    def _tick(self, user, p) -> int:
        try:
            if self._progress is not None:
                p = p.contents
                return 1 if self._progress(p.files_done, p.files_total, p.leads_read) else 0
            return 0
        except BaseException as e:  # noqa: B036 - Ctrl-C lands here during a long run
            self.error = self.error or e
            return 1

    def reraise(self) -> None:
        if self.error is not None:
            e, self.error = self.error, None
            raise e
