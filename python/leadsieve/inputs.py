"""What `filter`, `explain` and `score` read: paths, text, and lead dicts.

A str or os.PathLike is a path (a file, a directory walked as the CLI walks
it, or "-" for standard input); bytes, or a `Text`, is the text of an input
held in memory; a dict is one lead.  Consecutive dicts are sent as one
JSON-lines input (`DICTS_NAME`), in batches of about `BATCH_BYTES`, so that
a generator of millions of leads costs one C call per batch, not per lead.
"""
from __future__ import annotations

import os

from . import _util
from ._record import record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Iterable, Iterator, Mapping, Union

DICTS_NAME = "<dicts>"
BYTES_NAME = "<bytes>"
BATCH_BYTES = 32 << 20


class Text:
    """An input held in memory: JSON (or CSV) text read as a file named `name`
    would be (a name ending .csv is CSV when input_format is "auto")."""
    __slots__ = ("data", "name")

    def __init__(self, data: _util.TextLike, name: str = "<text>"):
        self.data = _util.utf8(data)
        self.name = name

    def __repr__(self) -> str:
        return "Text(<%d bytes>, name=%r)" % (len(self.data), self.name)


if TYPE_CHECKING:
    Input = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, Text,
                  Mapping[str, Any]]
    Inputs = Union[Input, Iterable[Input]]

Path = record("Path", "path", __name__)
Memory = record("Memory", "name data", __name__)


def is_one(x: Any) -> bool:
    return isinstance(x, (str, os.PathLike, bytes, bytearray, memoryview, Text, dict))


def items(inputs: Inputs) -> Iterator[Path | Memory]:
    """The inputs, in order, as paths and in-memory texts."""
    if is_one(inputs):
        inputs = [inputs]
    elif type(inputs).__name__ == "DataFrame":
        raise TypeError("a DataFrame is not a list of inputs: use leadsieve.filter_frame")
    batch: list[bytes] = []
    size = 0
    for x in inputs:
        if isinstance(x, dict):
            import json
            line = json.dumps(x, ensure_ascii=False, allow_nan=False).encode(
                "utf-8", "surrogatepass")
            batch.append(line)
            size += len(line) + 1
            if size >= BATCH_BYTES:
                yield Memory(DICTS_NAME.encode(), b"\n".join(batch) + b"\n")
                batch, size = [], 0
            continue
        if batch:
            yield Memory(DICTS_NAME.encode(), b"\n".join(batch) + b"\n")
            batch, size = [], 0
        if isinstance(x, (str, os.PathLike)):
            yield Path(os.fsencode(x))
        elif isinstance(x, Text):
            yield Memory(x.name.encode("utf-8", "surrogateescape"), x.data)
        elif isinstance(x, (bytes, bytearray, memoryview)):
            yield Memory(BYTES_NAME.encode(), bytes(x))
        else:
            raise TypeError("an input is a path, bytes, leadsieve.Text or a dict (a lead), "
                            "not %s" % type(x).__name__)
    if batch:
        yield Memory(DICTS_NAME.encode(), b"\n".join(batch) + b"\n")


def feed(inputs: Inputs, add_path, add_memory, handle) -> int:
    """Adds every input to a run, explain or score (`handle`) with its two
    ls_*_add functions; returns the first status that is not LS_OK, else 0."""
    for it in items(inputs):
        if isinstance(it, Path):
            st = add_path(handle, it.path)
        else:
            st = add_memory(handle, it.name, it.data, len(it.data))
        if st:
            return st
    return 0

