"""score(): a request's personas against leads whose right persona is known."""
from __future__ import annotations

import ctypes
import json
import os

from . import _lib, _util
from ._errors import OK, USAGE, InvalidLabels, Problem, check
from ._record import record
from .diagnostics import Callbacks, Diagnostic
from .inputs import feed
from .request import Request

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Mapping, Optional, Union
    from .inputs import Inputs
    Labels = Union[str, "os.PathLike[str]", bytes, Mapping[str, Optional[str]]]


def _ratio(r) -> Optional[float]:
    return r.num / r.den if r.den else None


def _macro(m) -> Optional[float]:
    return m.value if m.n else None


class Metrics(record("Metrics", "tp fp fn precision recall f1", __name__)):
    """TP, FP, FN and the ratios; a ratio is None where it is undefined (den 0)."""
    __slots__ = ()
    tp: int
    fp: int
    fn: int
    precision: Optional[float]
    recall: Optional[float]
    f1: Optional[float]


class PersonaScore(record("PersonaScore", "name labeled assigned metrics", __name__)):
    __slots__ = ()
    name: str
    labeled: int
    assigned: int
    metrics: Metrics


class ScoreResult:
    """The numbers of `leadsieve score`: `report` is its `--format json`
    document (`report_json()` the text), and the main figures unrounded."""

    def __init__(self, r, report_text: str, diagnostics: list[Diagnostic]):
        self.report_text = report_text
        self.report: dict = json.loads(report_text)
        self.diagnostics = diagnostics
        self.scored, self.unlabeled, self.correct = r.scored, r.unlabeled, r.correct
        self.accuracy = _ratio(r.accuracy)
        self.personas = [
            PersonaScore(p.name.decode(), p.labeled, p.assigned,
                         Metrics(p.tp, p.fp, p.fn, _ratio(p.precision), _ratio(p.recall),
                                 _ratio(p.f1)))
            for p in (r.personas[i] for i in range(r.npersonas))]
        self.micro = Metrics(r.micro_tp, r.micro_fp, r.micro_fn, _ratio(r.micro_precision),
                             _ratio(r.micro_recall), _ratio(r.micro_f1))
        # macro: the mean of the personas' defined values (None: none defined)
        self.macro = (_macro(r.macro_precision), _macro(r.macro_recall), _macro(r.macro_f1))

    def report_json(self) -> str:
        """`leadsieve score --format json` writes this and a newline."""
        return self.report_text

    def __repr__(self) -> str:
        m = self.micro
        return "<leadsieve.ScoreResult: %d scored, micro precision %s, recall %s>" % (
            self.scored, m.precision, m.recall)


def _labels_text(labels: Labels) -> tuple[bytes, bytes]:
    """(name, TSV text) of labels: a file, TSV bytes, or {lead key: persona or None}."""
    if isinstance(labels, (str, os.PathLike)):
        with open(os.fspath(labels), "rb") as f:
            return os.fsencode(labels), f.read()
    if isinstance(labels, (bytes, bytearray, memoryview)):
        return b"<labels>", bytes(labels)
    if isinstance(labels, dict):
        rows = []
        for key, persona in labels.items():
            label = "-" if persona is None else persona
            for text in (key, label):
                if not isinstance(text, str) or any(c in text for c in "\t\r\n") or not text:
                    raise ValueError("labels: keys and persona names are non-empty text "
                                     "without tabs or line breaks, not %r" % (text,))
            rows.append("%s\t%s\n" % (key, label))
        return b"<labels>", "".join(rows).encode("utf-8", "surrogatepass")
    raise TypeError("labels are a path, TSV bytes or a dict, not %s" % type(labels).__name__)


def _field_label_problems(r, label_field: str) -> list[Problem]:
    """What the CLI refuses after reading with --label-field: a field no lead
    has, values that name no persona."""
    leads = r.input.leads_read - r.input.duplicates
    if not r.label_field_leads and leads:
        hint = "none of the %d lead(s) read has this field" % leads
        if r.label_field_suggestion:
            hint += '; did you mean "%s"?' % r.label_field_suggestion.decode()
        return [Problem("label_field %s" % label_field, hint)]
    out = []
    for i in range(r.nother):
        where = r.other_files[i].decode("utf-8", "replace")
        if r.other_lines[i]:
            where += ":%d" % r.other_lines[i]
        hint = 'label "%s" (field %s) names no persona of the request' % (
            r.other_names[i].decode("utf-8", "replace"), label_field)
        if r.other_suggestions[i]:
            hint += '; did you mean "%s"?' % r.other_suggestions[i].decode()
        else:
            hint += "; write a persona's name exactly, or - for no persona"
        out.append(Problem(where, hint + " (%d lead(s) with it)" % r.other_counts[i]))
    return out


def score(request: Request, inputs: Inputs, *, labels: Optional[Labels] = None,
          label_field: Optional[str] = None, input_format: str = "auto") -> ScoreResult:
    """`leadsieve score`: per persona and overall TP, FP, FN, precision, recall
    and F1, the confusion and the misses by reason, with the CLI's numbers.

    labels: a TSV file (lead_key<TAB>persona, "-" for none), its bytes, or a
    dict {lead key: persona name or None}; or label_field: the lead field that
    holds each lead's persona.  Labels naming no persona raise InvalidLabels
    (with the persona meant), as the CLI's exit 2."""
    if not isinstance(request, Request):
        raise TypeError("score needs a leadsieve.Request, not %s" % type(request).__name__)
    if (labels is None) == (label_field is None):
        raise ValueError("score needs labels or label_field, one of them")
    if label_field is not None and not label_field:
        raise ValueError("label_field is a field name, not empty")
    cb = Callbacks()
    opt = _lib.ScoreOptions()
    _lib.ls_score_options_init(opt)
    opt.label_field = label_field.encode() if label_field else None
    opt.on_diag = cb.on_diag
    opt.input_format = _util.choice("input_format", input_format, _util.INPUT_FORMATS)
    s = ctypes.c_void_p()
    st = _lib.ls_score_new(request._ptr, opt, ctypes.byref(s))
    if st == USAGE:
        raise ValueError("score: the request has no personas: nothing to score")
    check(st, "score")
    try:
        if labels is not None:
            name, text = _labels_text(labels)
            errs = ctypes.c_void_p()
            st = _lib.ls_score_load_labels(s, name, text, len(text), ctypes.byref(errs))
            try:
                if st == USAGE:
                    raise InvalidLabels(_util.problems(errs))
            finally:
                _lib.ls_problems_free(errs)
            check(st, "score: labels")
        st = feed(inputs, _lib.ls_score_add_path, _lib.ls_score_add_memory, s)
        res = ctypes.POINTER(_lib.ScoreResult)()
        if st == OK:
            st = _lib.ls_score_finish(s, ctypes.byref(res))
        cb.reraise()
        check(st, "score")
        r = res.contents
        if label_field is not None:
            bad = _field_label_problems(r, label_field)
            if bad:
                raise InvalidLabels(bad)
        text = _util.take_json(_lib.ls_score_report_json, res, 2, what="score report")
        return ScoreResult(r, text, cb.diagnostics)
    finally:
        _lib.ls_score_free(s)
