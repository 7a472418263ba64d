"""The exceptions the package raises, and the one place a C status becomes one."""
from __future__ import annotations

from ._record import record

# ls_status values (include/leadsieve.h)
OK, INVALID_REQUEST, USAGE, NOMEM, IO, LIMIT, INTERNAL, MALFORMED, CANCELLED = range(9)


class Problem(record("Problem", "path hint", __name__)):
    """A (JSON path, hint) pair: a validation error or a warning of a request."""
    __slots__ = ()
    path: str
    hint: str


class LeadsieveError(Exception):
    """Base of the errors leadsieve raises; `status` is the library's ls_status."""

    def __init__(self, message: str, status: int = INTERNAL):
        super().__init__(message)
        self.status = status


class LibraryNotFoundError(LeadsieveError, ImportError):
    """libleadsieve.so.0 could not be loaded, or is not the version this package is for."""

    def __init__(self, message: str):
        LeadsieveError.__init__(self, message, INTERNAL)


class InvalidRequest(LeadsieveError, ValueError):
    """The request failed validation, as the API would answer 400.

    `problems` is the envelope's `detail`: {JSON path: hint}, every problem at
    once; `problem_list` keeps them in the order validation met them, and
    `envelope` is the API's error envelope as `leadsieve lint` prints it.
    """

    def __init__(self, problems: list[Problem], envelope: str):
        self.problem_list = problems
        self.problems = {p.path: p.hint for p in problems}
        self.envelope = envelope
        lines = "; ".join("%s: %s" % (p.path, p.hint) for p in problems)
        super().__init__("invalid request: " + lines, INVALID_REQUEST)


class MalformedLead(LeadsieveError, ValueError):
    """The text given as a lead is not one JSON object; `offset` is where it broke."""

    def __init__(self, message: str, offset: int):
        super().__init__("malformed lead at byte %d: %s" % (offset, message), MALFORMED)
        self.offset = offset


class InvalidLabels(LeadsieveError, ValueError):
    """Labels for `score` that cannot be used: `problems` lists (where, what) pairs."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join("%s: %s" % p for p in problems), USAGE)


class SkippedInput(LeadsieveError):
    """A strict run met unreadable inputs or skipped records (`filter --strict`)."""

    def __init__(self, message: str, diagnostics: list):
        super().__init__(message, USAGE)
        self.diagnostics = diagnostics


class Cancelled(LeadsieveError):
    """The run was cancelled (a progress callback returned True)."""

    def __init__(self, message: str = "the run was cancelled"):
        super().__init__(message, CANCELLED)


def check(status: int, what: str) -> None:
    """Raises the exception for a failed ls_status; returns on LS_OK."""
    if status == OK:
        return
    from . import _lib  # the library says what each status means
    text = "%s: %s" % (what, _lib.ls_status_message(status).decode())
    if status == NOMEM:
        raise MemoryError(text)
    if status == USAGE:
        raise ValueError(text)
    if status == IO:
        import ctypes
        import os
        err = ctypes.get_errno() or 0
        raise OSError(err, text + (": " + os.strerror(err) if err else ""))
    if status == CANCELLED:
        raise Cancelled(text)
    raise LeadsieveError(text, status)
