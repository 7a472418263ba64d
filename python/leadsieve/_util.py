"""Small conversions shared by the modules: text to bytes, library-owned JSON
documents to Python text, problem lists, option words with a did-you-mean."""
from __future__ import annotations

import ctypes
import os

from . import _lib
from ._errors import Problem, check

TYPE_CHECKING = False  # typing is not imported at run time: it costs more than the rest
if TYPE_CHECKING:
    from typing import Mapping, Union
    TextLike = Union[str, bytes, bytearray, memoryview]
    PathLike = Union[str, "os.PathLike[str]", "os.PathLike[bytes]"]


def utf8(text: TextLike) -> bytes:
    """str as UTF-8 (lone surrogates kept as their bytes, which the library
    drops and counts as invalid UTF-8, as it does in files); bytes as they are."""
    if isinstance(text, str):
        return text.encode("utf-8", "surrogatepass")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    raise TypeError("expected str or bytes, not %s" % type(text).__name__)


def path_bytes(path: PathLike) -> bytes:
    return os.fsencode(path)


def take_json(fn, *args, what: str) -> str:
    """Calls an ls_* function that hands back a JSON document (char **, size_t *),
    returns it as text and releases it with ls_free."""
    out = ctypes.c_void_p()
    n = ctypes.c_size_t()
    check(fn(*args, ctypes.byref(out), ctypes.byref(n)), what)
    try:
        return ctypes.string_at(out.value, n.value).decode("utf-8")
    finally:
        _lib.ls_free(out)


def problems(plist) -> list[Problem]:
    """An ls_problems list as Problems (the list itself is not freed)."""
    if not plist:
        return []
    out = []
    for i in range(_lib.ls_problems_count(plist)):
        p = _lib.ls_problems_get(plist, i)
        out.append(Problem(p.path.decode("utf-8", "replace"), p.hint.decode("utf-8", "replace")))
    return out


def suggest(word: str, candidates) -> str | None:
    """The library's "did you mean" among candidates (ls_suggest), or None."""
    cands = [c.encode() for c in candidates]
    arr = (ctypes.c_char_p * len(cands))(*cands)
    w = word.encode("utf-8", "surrogatepass")
    got = _lib.ls_suggest(w, len(w), arr, len(cands))
    return got.decode() if got else None


def choice(option: str, value, words: Mapping[str, int]) -> int:
    """The C value of an option word ("words" -> LS_MATCH_WORDS); ValueError with a
    did-you-mean for anything else."""
    if isinstance(value, str) and value in words:
        return words[value]
    msg = "%s must be %s, not %r" % (option, " or ".join(repr(w) for w in words), value)
    near = suggest(value, list(words)) if isinstance(value, str) else None
    if near:
        msg += "; did you mean %r?" % near
    raise ValueError(msg)


INPUT_FORMATS = {"auto": 0, "json": 1, "csv": 2}
