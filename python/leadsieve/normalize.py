"""norm() (contract §1) and the seniority level a title implies."""
from __future__ import annotations

import ctypes
import _thread
import weakref

from . import _lib, _util
from ._errors import check

_local = _thread._local()


class Normalizer:
    """Reusable scratch for norm(): one per thread (`normalize` keeps one per
    thread for you)."""

    def __init__(self) -> None:
        ptr = ctypes.c_void_p()
        check(_lib.ls_normalizer_new(ctypes.byref(ptr)), "normalizer")
        self._ptr = ptr
        self._len = ctypes.c_size_t()
        self._len_ref = ctypes.byref(self._len)
        self._level = ctypes.c_int()
        weakref.finalize(self, _lib.ls_normalizer_free, ptr).atexit = False

    def __call__(self, text: _util.TextLike) -> str:
        """norm(text): what matching compares (as `leadsieve normalize`)."""
        b = text.encode("utf-8", "surrogatepass") if type(text) is str else _util.utf8(text)
        p = _lib.ls_normalizer_run(self._ptr, b, len(b), self._len_ref, None)
        if not p:
            raise MemoryError("normalize: out of memory")
        return ctypes.string_at(p, self._len.value).decode("utf-8", "surrogateescape")

    def level(self, title: _util.TextLike) -> str:
        """The seniority level the title implies (as `leadsieve normalize --level`)."""
        b = _util.utf8(title)
        check(_lib.ls_level_of_title(self._ptr, b, len(b), ctypes.byref(self._level)),
              "level_of_title")
        return _lib.ls_level_name(self._level.value).decode()


def _mine() -> Normalizer:
    nz = getattr(_local, "nz", None)
    if nz is None:
        nz = _local.nz = Normalizer()
    return nz


def normalize(text: _util.TextLike) -> str:
    """norm(text), contract §1: transliterated to ASCII, lowercased, punctuation to
    spaces, stop-words dropped, abbreviations expanded.

    >>> normalize("VP, Sales & Marketing")
    'vp sales marketing'
    """
    return _mine()(text)


def level_of_title(title: _util.TextLike) -> str:
    """The seniority level a title implies, e.g. "Vice President" for "VP Sales"
    (addendum §2; an approximation of how the API files people)."""
    return _mine().level(title)


def levels() -> tuple[str, ...]:
    """The ten Sales Navigator seniority labels, level 0 first."""
    return tuple(_lib.ls_level_name(i).decode() for i in range(_lib.ls_level_count()))
