"""leadsieve over a Dask `distributed` cluster: `filter_files` reads files on
the workers and returns what `leadsieve filter` returns for the same inputs
in the same order.

Each task is a map: a run over a few files that keeps, for every lead, its
duplicate key and verdict, and the bytes of its matched leads (a "partial",
`ls_run_partial`: a few dozen bytes a lead plus the matched leads).  Only
partials cross the network.  The reduce, on the client, is one run of the
same request that adds the partials in input order (`ls_run_add_partial`):
first-seen dedup across files (the key of a lead a filter dropped counts),
persona ranking with ties in input order, offset_by and limit_by, and the
result written, counted and reported by the library as `filter` does.

Needs `distributed` (Debian python3-distributed); imported on first use.
"""
from __future__ import annotations

import ctypes
import os
import warnings
from ctypes import POINTER, c_char_p, c_int, c_size_t, c_void_p

from . import _lib, _util
from ._errors import OK, check
from .diagnostics import Callbacks, LeadsieveWarning
from .request import Request
from .run import FORMATS, FilterResult, _check_fields, _fields_no_lead_has, _strict

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Optional, Sequence, Union

PATH_FN = ctypes.CFUNCTYPE(c_int, c_void_p, c_char_p)


def _fn(name, restype, *argtypes):
    f = getattr(_lib.lib, name)
    f.restype, f.argtypes = restype, argtypes
    return f


_keep_partial = _fn("ls_run_keep_partial", c_int, c_void_p)
_partial = _fn("ls_run_partial", c_int, c_void_p, POINTER(c_void_p), POINTER(c_size_t))
_add_partial = _fn("ls_run_add_partial", c_int, c_void_p, c_char_p, c_size_t)
_list_path = _fn("ls_run_list_path", c_int, c_void_p, c_char_p, PATH_FN, c_void_p)


def _new_run(request: Request, cb: Callbacks, input_format: int, max_record_bytes: int,
             threads: int = 1) -> ctypes.c_void_p:
    opt = _lib.RunOptions()
    _lib.ls_run_options_init(opt)
    opt.on_diag = cb.on_diag
    opt.threads = threads
    opt.input_format = input_format
    opt.max_record_bytes = max_record_bytes
    run = ctypes.c_void_p()
    check(_lib.ls_run_new(request._ptr, opt, ctypes.byref(run)), "filter_files")
    return run


def map_part(request: Request, inputs: list, input_format: int = 0,
             max_record_bytes: int = 0) -> tuple:
    """A map (runs on a worker): the partial of a run over `inputs` (paths,
    (name, bytes) pairs read as a file of that name, or (name, absolute path)
    pairs for paths relative to the client's directory), and what reading
    reported, as (partial bytes, [Diagnostic])."""
    cb = Callbacks()
    run = _new_run(request, cb, input_format, max_record_bytes)
    try:
        check(_keep_partial(run), "map")
        with warnings.catch_warnings():  # told on the client, where the result is
            warnings.simplefilter("ignore", LeadsieveWarning)
            for item in inputs:
                if isinstance(item, tuple) and isinstance(item[1], str):
                    item = _read_relative(*item)
                if isinstance(item, tuple):
                    name, data = item
                    st = _lib.ls_run_add_memory(run, os.fsencode(name), data, len(data))
                else:
                    st = _lib.ls_run_add_path(run, os.fsencode(item))
                check(st, "map")
            check(_lib.ls_run_finish(run), "map")
        cb.reraise()
        out, n = c_void_p(), c_size_t()
        check(_partial(run, ctypes.byref(out), ctypes.byref(n)), "map")
        try:
            data = ctypes.string_at(out.value, n.value)
        finally:
            _lib.ls_free(out)
    finally:
        _lib.ls_run_free(run)
    return data, cb.diagnostics


def _read_relative(name: str, path: str):
    """A path relative to the client's directory, on a worker whose directory
    is another: read by its absolute path, named as given (diagnostics and
    notes as one run's); if it cannot be read, the library reports it."""
    try:
        with open(path, "rb") as f:
            return name, f.read()
    except OSError:
        return path


def _list(run: ctypes.c_void_p, path: str) -> list:
    """The files a run would read for path, in reading order."""
    files: list = []

    def one(user, p):
        files.append(os.fsdecode(p))
        return 0
    fn = PATH_FN(one)
    check(_list_path(run, os.fsencode(path), fn, None), "list")
    return files


def _groups(files: list, per_task: int) -> list:
    return [files[i:i + per_task] for i in range(0, len(files), per_task)]


def _workers_threads(client) -> int:
    try:
        return max(1, sum(w.get("nthreads", 1)
                          for w in client.scheduler_info()["workers"].values()))
    except Exception:  # noqa: BLE001 - only sizes the tasks
        return 1


def filter_files(client, paths: Union[str, os.PathLike, Sequence[Union[str, os.PathLike]]],
                 request: Request, *, ship: bool = False,
                 files_per_task: Optional[int] = None, format: str = "json",
                 fields: Optional[Sequence[str]] = None, csv_raw: bool = False,
                 input_format: str = "auto", strict: bool = False,
                 max_record_bytes: int = 0) -> FilterResult:
    """Runs `request` over the files of `paths` on the workers of a Dask
    `client` (a `distributed.Client`) and returns what
    `leadsieve.filter(request, paths)` returns, byte for byte: a FilterResult
    with `.bytes`, `.counts`, `.report`, `.write()`, `.diagnostics`.

    paths: files and directories, read in order (directories walked as
    `leadsieve filter` walks them, on the client).  By default each worker
    opens the files itself, so every worker must see them at the same paths
    (shared storage); ship=True reads them on the client and sends their
    bytes instead.  files_per_task: files a task reads (default: the files
    spread over four tasks per worker thread).  format, fields, csv_raw,
    input_format, strict, max_record_bytes: as `leadsieve.filter`.
    """
    if not isinstance(request, Request):
        raise TypeError("filter_files needs a leadsieve.Request, not %s"
                        % type(request).__name__)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    if any(not isinstance(p, str) for p in paths):
        raise TypeError("filter_files reads paths given as str or os.PathLike")
    if "-" in paths:
        raise ValueError("filter_files reads files, not standard input ('-')")
    _util.choice("format", format, FORMATS)
    fmt_in = _util.choice("input_format", input_format, _util.INPUT_FORMATS)
    custom: list = []
    if fields is not None:
        if format != "csv":
            raise ValueError("fields apply to format='csv' only")
        fields = fields.split(",") if isinstance(fields, str) else list(fields)
        csv_input = fmt_in == _util.INPUT_FORMATS["csv"] or (fmt_in == 0 and any(
            _lib.ls_path_input_format(os.fsencode(p)) == _util.INPUT_FORMATS["csv"]
            for p in paths))
        custom = _check_fields(fields, csv_input)
    if files_per_task is not None and files_per_task < 1:
        raise ValueError("files_per_task must be at least 1, not %d" % files_per_task)

    # What each input holds, listed as the reduce will list it again.
    lister_cb = Callbacks()
    lister = _new_run(request, lister_cb, fmt_in, max_record_bytes)
    try:
        with warnings.catch_warnings():  # the reduce's listing tells
            warnings.simplefilter("ignore", LeadsieveWarning)
            listed = [_list(lister, p) for p in paths]
    finally:
        _lib.ls_run_free(lister)
    nfiles = sum(len(f) for f in listed)
    per_task = files_per_task or max(1, -(-nfiles // (4 * _workers_threads(client))))

    # The maps: a task per group of files, never across two inputs, so that
    # each input's walk notes come before its files' own, as in one run.
    req_future = client.scatter(request, broadcast=True)
    futures: list = []
    for files in listed:
        tasks = []
        for group in _groups(files, per_task):
            if ship:
                tasks.append(_ship(client, req_future, group, fmt_in, max_record_bytes,
                                   request))
            else:
                # a worker's directory is not the client's: a relative path
                # goes with its absolute one
                group = [p if os.path.isabs(p) else (p, os.path.abspath(p)) for p in group]
                tasks.append(client.submit(map_part, req_future, group, fmt_in,
                                           max_record_bytes, pure=False))
        futures.append(tasks)

    # The reduce, in input order.
    cb = Callbacks()
    run = _new_run(request, cb, fmt_in, max_record_bytes)
    try:
        for path, files, tasks in zip(paths, listed, futures):
            again = _list(run, path)
            if again != files:
                raise RuntimeError("filter_files: %s changed while it was read" % path)
            for i, task in enumerate(tasks):
                data, diags = task if isinstance(task, tuple) else task.result()
                tasks[i] = (b"", [])  # the partial is released once added
                cb.diagnostics.extend(diags)
                cb.empty += sum(d.kind == "empty" for d in diags)
                for d in diags:
                    if d.kind == "io":
                        warnings.warn("leadsieve: " + str(d), LeadsieveWarning, stacklevel=2)
                check(_add_partial(run, data, len(data)), "reduce")
        cb.reraise()
        check(_lib.ls_run_finish(run), "reduce")
    except BaseException:
        _lib.ls_run_free(run)
        for tasks in futures:
            for t in tasks:
                if not isinstance(t, tuple):
                    t.cancel()
        raise
    result = FilterResult(request, run, cb, format, fields, csv_raw)
    if strict:
        _strict(result, cb)
    if custom:
        _fields_no_lead_has(result, custom, strict)
    return result


def _ship(client, req_future, group: list, fmt_in: int, max_record_bytes: int,
          request: Request):
    """A map over files read here and sent as bytes; a file that cannot be
    read here is mapped here too, so that it is reported as the CLI does."""
    items = []
    for path in group:
        try:
            with open(path, "rb") as f:
                items.append((path, f.read()))
        except OSError:
            return map_part(request, group, fmt_in, max_record_bytes)
    # scattered rather than put in the task graph, where big objects are slow
    data = client.scatter([items])[0]
    return client.submit(map_part, req_future, data, fmt_in, max_record_bytes, pure=False)


__all__ = ["filter_files", "map_part"]
