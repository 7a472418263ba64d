"""pandas helpers: a request's verdict on every row of a DataFrame, and norm()
over a Series.  Needs pandas (Debian python3-pandas); imported on first use."""
from __future__ import annotations

import ctypes
import datetime
import json

import numpy as np
import pandas as pd

from . import _lib
from ._errors import OK, check
from .diagnostics import Callbacks
from .matcher import verdict_of
from .normalize import Normalizer
from .request import Request

COLUMNS = ("persona", "outcome", "reason")
_SKIPPED_KINDS = ("malformed", "not_object", "limit", "not_leads")


def _json_default(v):
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, (datetime.date, datetime.time)):
        return v.isoformat()
    raise TypeError("a value of type %s is not JSON" % type(v).__name__)


_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, default=_json_default).encode


_MISSING = object()


def frame_leads(df: pd.DataFrame) -> list[bytes]:
    """Each row of df as the JSON text of a lead: its columns as fields, a
    missing value (None, NaN, NA, NaT) an absent field; nested values (lists,
    dicts) as JSON, numpy scalars as numbers, dates in ISO 8601.  Missing
    values are found a column at a time; each row is then one dict given to
    json's C encoder (measured: half the time of writing each cell apart)."""
    if not df.columns.is_unique:
        dup = df.columns[df.columns.duplicated()].tolist()
        raise ValueError("the DataFrame names columns more than once: %r" % (dup,))
    names = [str(c) for c in df.columns]
    cols = []
    for i in range(df.shape[1]):
        column = df.iloc[:, i]
        values = column.tolist()
        if column.dtype.kind not in "biu":  # those hold no missing value
            missing = column.isna().tolist()
            if True in missing:
                values = [_MISSING if m else v for m, v in zip(missing, values)]
        cols.append(values)
    if not cols:
        return [b"{}"] * len(df)
    try:
        return [_encode({k: v for k, v in zip(names, row) if v is not _MISSING}).encode(
            "utf-8", "surrogatepass") for row in zip(*cols)]
    except ValueError as e:  # an infinity: JSON has no way to write it
        raise ValueError("a DataFrame value cannot be written as JSON: %s" % e) from None


def _verdicts_one_by_one(request: Request, leads: list[bytes]):
    """Each lead matched on its own (no duplicates, no ranking)."""
    m = request.matcher()
    return [m._call(_lib.ls_match_lead, lead) for lead in leads], None


def _verdicts_of_a_run(request: Request, leads: list[bytes]):
    """A run over the rows, as `filter` reads them: per row its verdict and
    whether it is a duplicate; rows the run skips (a row that reads as a
    request, say) are reported by line and get None."""
    n = len(leads)
    results = (_lib.LeadResult * max(n, 1))()
    base, size = ctypes.addressof(results), ctypes.sizeof(_lib.LeadResult)
    memmove = ctypes.memmove
    got = [0]

    # one memmove per lead: the record is read in bulk after the run
    def on_lead(user, addr):
        i = got[0]
        if i < n:
            memmove(base + i * size, addr, size)
        got[0] = i + 1

    cb = Callbacks()
    opt = _lib.RunOptions()
    _lib.ls_run_options_init(opt)
    opt.on_diag = cb.on_diag
    opt.on_lead = fn = _lib.LEAD_FN(on_lead)
    opt.input_format = 1  # JSON: the rows are JSON lines whatever the frame held
    run = ctypes.c_void_p()
    check(_lib.ls_run_new(request._ptr, opt, ctypes.byref(run)), "filter_frame")
    try:
        data = b"\n".join(leads) + b"\n"
        st = _lib.ls_run_add_memory(run, b"<frame>", data, len(data))
        if st == OK:
            st = _lib.ls_run_finish(run)
        cb.reraise()
        check(st, "filter_frame")
    finally:
        _lib.ls_run_free(run)
        del fn
    skipped = {d.line - 1: d.message for d in cb.diagnostics if d.kind in _SKIPPED_KINDS}
    if got[0] + len(skipped) != n:  # a row read as a response gives its own leads
        raise ValueError("filter_frame: %d rows did not read as one lead each (%d leads, %d "
                         "skipped): a row with a 'leads' or 'data' column reads as an API "
                         "response; rename that column" % (n, got[0], len(skipped)))
    verdicts: list = []
    duplicate: list = []
    seen: dict = {}
    k = 0
    for row in range(n):
        if row in skipped:
            verdicts.append(None)
            duplicate.append(False)
            continue
        r = results[k]
        k += 1
        v = r.verdict
        key = (v.outcome, v.persona, v.filter, v.flags)
        if key not in seen:
            seen[key] = verdict_of(request, v.outcome, v.persona, v.filter, v.flags)
        verdicts.append(seen[key])
        duplicate.append(bool(r.duplicate))
    return verdicts, (duplicate, skipped)


def filter_frame(df: pd.DataFrame, request: Request, *, dedup: bool = False,
                 rank: bool = False, limit: bool = False,
                 columns: tuple = COLUMNS) -> pd.DataFrame:
    """The request's verdict on every row of df, as new columns of a copy.

    Each row is a lead: its columns are the lead's fields (a missing value —
    None, NaN, NA, NaT — is an absent field; lists and dicts are nested JSON).
    Added columns (names from `columns`):

    - persona: the persona assigned, else None;
    - outcome: "matched", "dropped" (a request filter), "no_persona", and when
      asked "duplicate", "offset" and "limit" (matched, with a persona, but
      skipped by offset_by or past limit_by), and "skipped" for a row the run
      does not take for a lead (one that reads as a request, say);
    - reason: why a row is not matched: the request field that dropped it
      ("locations"), "no persona", "duplicate", "offset_by", "limit_by".

    By default each row is matched on its own, in place.  dedup: drop
    duplicates as `filter` does (the first row of a key is kept, even when a
    filter drops it).  rank: rows in the order `filter` writes them (persona
    priority, then row order), the rest after them, and a "rank" column (0 for
    the first lead written).  limit: only the rows `filter` returns
    (duplicates dropped, ranked, offset_by and limit_by applied), in its order.
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError("filter_frame needs a pandas DataFrame, not %s" % type(df).__name__)
    if not isinstance(request, Request):
        raise TypeError("filter_frame needs a leadsieve.Request, not %s"
                        % type(request).__name__)
    if len(columns) != 3 or len(set(columns)) != 3:
        raise ValueError("columns names the persona, outcome and reason columns: 3 names")
    taken = [c for c in columns if c in df.columns]
    if taken or (rank and "rank" in df.columns):
        raise ValueError("the DataFrame already has column(s) %r; give other names with "
                         "columns=(...)" % (taken or ["rank"]))
    dedup = dedup or limit
    rank = rank or limit
    leads = frame_leads(df)
    if dedup:
        verdicts, (duplicate, skipped) = _verdicts_of_a_run(request, leads)
    else:
        verdicts, _ = _verdicts_one_by_one(request, leads)
        duplicate, skipped = [False] * len(leads), {}
    persona, outcome, reason = [], [], []
    for i, v in enumerate(verdicts):
        if v is None:
            persona.append(None)
            outcome.append("skipped")
            reason.append(skipped[i])
        elif duplicate[i]:
            persona.append(None)
            outcome.append("duplicate")
            reason.append("duplicate")
        else:
            persona.append(v.persona)
            outcome.append(v.outcome)
            reason.append(v.filter if v.outcome == "dropped" else
                          "no persona" if v.outcome == "no_persona" else None)
    out = df.copy()
    out[columns[0]], out[columns[1]], out[columns[2]] = persona, outcome, reason
    if not rank:
        return out
    ranks = [request.personas[p].rank for p in range(len(request.persona_names))]
    kept = [i for i, o in enumerate(outcome) if o == "matched"]
    kept.sort(key=lambda i: (ranks[verdicts[i].persona_index]
                             if verdicts[i].persona_index is not None else 0, i))
    first = request.offset
    last = len(kept) if request.limit is None else first + request.limit
    position = [pd.NA] * len(out)
    for pos, i in enumerate(kept):
        position[i] = pos
        if pos < first or pos >= last:
            outcome[i] = "offset" if pos < first else "limit"
            reason[i] = "offset_by" if pos < first else "limit_by"
    out[columns[0]], out[columns[1]], out[columns[2]] = persona, outcome, reason
    out["rank"] = pd.array(position, dtype="Int64")
    if limit:
        return out.iloc[kept[first:last]].drop(columns="rank")
    rest = [i for i, o in enumerate(outcome) if o not in ("matched", "offset", "limit")]
    return out.iloc[kept + rest]


def normalize_series(series: pd.Series) -> pd.Series:
    """norm() of each value (as `leadsieve.normalize`); missing values stay
    missing.  Each distinct value is normalized once."""
    if not isinstance(series, pd.Series):
        raise TypeError("normalize_series needs a pandas Series, not %s"
                        % type(series).__name__)
    nz = Normalizer()
    values = series.tolist()
    done: dict = {}
    out: list = []
    for v in values:
        if v is None or v is pd.NA or v is pd.NaT or (type(v) is float and v != v):
            out.append(v)
            continue
        n = done.get(v)
        if n is None:
            n = done[v] = nz(v if isinstance(v, (str, bytes)) else str(v))
        out.append(n)
    return pd.Series(out, index=series.index, name=series.name, dtype=object)

