"""Submissions: the reported values of units (provinces) for years."""

import json
import math
import numbers
import os

from . import _dii
from ._calls import big, call, file_size
from ._diagnostics import Diagnostics
from ._errors import InvalidArgumentError, _raise
from ._types import init_once, sequence_item

__all__ = ["Submissions", "Submission", "load_submissions", "INVALID"]


class _Invalid:
    """The value of an indicator that was given but is neither a number nor
    a boolean (validation says why). There is one: ``dii.INVALID``."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self):
        return "dii.INVALID"

    def __reduce__(self):
        return (_Invalid, ())


INVALID = _Invalid()

_FORMATS = {
    None: _dii.DII_INPUT_AUTO,
    "auto": _dii.DII_INPUT_AUTO,
    "json": _dii.DII_INPUT_JSON,
    "jsonl": _dii.DII_INPUT_JSONL,
    "ndjson": _dii.DII_INPUT_JSONL,
    "csv": _dii.DII_INPUT_CSV,
    "plan_table": _dii.DII_INPUT_PLAN_TABLE,
}


class Submission:
    """One unit's values for one year (borrowed: keeps its set alive).

    Attributes:
        framework: the ``"framework"`` field, or None (CSV has none).
        unit_id, unit_name: the unit (unit_name may be None).
        year: the data's year.
        line: where the submission starts in its input (1-based).
        values: {indicator id: value} as given: a float, a bool, None for a
            value reported as missing, or ``dii.INVALID``.
        sources: {indicator id: source text} for the values that name one.
    """

    # The handle points into the set's memory: the set must outlive this
    # object, so the reference to it is read-only (a property without a
    # setter over a private slot; no public name can drop it).
    __slots__ = ("_submissions", "_h")

    def __init__(self, submissions, handle):
        init_once(self)
        self._submissions = submissions
        self._h = handle

    @property
    def submissions(self):
        """The :class:`Submissions` this submission belongs to (read-only)."""
        return self._submissions

    @property
    def framework(self):
        """The "framework" field, or None (CSV input has none)."""
        return _dii.dii_submission_framework(self._h)

    @property
    def unit_id(self):
        """The unit's id."""
        return _dii.dii_submission_unit_id(self._h)

    @property
    def unit_name(self):
        """The unit's name, or None."""
        return _dii.dii_submission_unit_name(self._h)

    @property
    def year(self):
        """The data's year."""
        return _dii.dii_submission_year(self._h)

    @property
    def line(self):
        """The line where the submission starts in its input (1-based)."""
        return _dii.dii_submission_line(self._h)

    @property
    def values(self):
        """{indicator id: value}: a float, a bool, None (reported as missing) or ``dii.INVALID``."""
        h = self._h
        out = {}
        for i in range(_dii.dii_submission_value_count(h)):
            kind = _dii.dii_submission_value_kind(h, i)
            if kind == _dii.DII_VALUE_NUMBER:
                v = _dii.dii_submission_value_number(h, i)
            elif kind == _dii.DII_VALUE_BOOLEAN:
                v = _dii.dii_submission_value_number(h, i) != 0
            elif kind == _dii.DII_VALUE_MISSING:
                v = None
            else:
                v = INVALID
            out[_dii.dii_submission_value_indicator(h, i)] = v
        return out

    @property
    def sources(self):
        """{indicator id: source text} for the values that name a source."""
        h = self._h
        out = {}
        for i in range(_dii.dii_submission_value_count(h)):
            src = _dii.dii_submission_value_source(h, i)
            if src is not None:
                out[_dii.dii_submission_value_indicator(h, i)] = src
        return out

    def to_dict(self):
        """The submission as a ``dii-submission/1`` dict (invalid values are
        left out)."""
        unit = {"id": self.unit_id}
        if self.unit_name is not None:
            unit["name"] = self.unit_name
        d = {"format": "dii-submission/1"}
        if self.framework is not None:
            d["framework"] = self.framework
        d["unit"] = unit
        d["year"] = self.year
        d["values"] = {k: v for k, v in self.values.items() if v is not INVALID}
        sources = self.sources
        if sources:
            d["sources"] = sources
        return d

    def __repr__(self):
        return f"<dii.Submission unit={self.unit_id!r} year={self.year}>"


class Submissions:
    """A loaded set of submissions (immutable; safe to share between threads).

    A sequence of :class:`Submission`. Get one with
    :func:`dii.load_submissions`.

    Attributes:
        diagnostics: what the loader found (a :class:`Diagnostics`): shape
            problems and warnings. Validation repeats the shape problems, so
            ``framework.validate(subs)`` alone lists everything.
    """

    __slots__ = ("_h", "_diagnostics", "__weakref__")

    def __init__(self, handle, diagnostics=None):
        """Not for direct use: see :func:`dii.load_submissions`."""
        init_once(self)
        if handle is None:
            raise TypeError("use dii.load_submissions()")
        self._h = handle  # an owned dii_submissions: freed by the GC
        self._diagnostics = diagnostics if diagnostics is not None else Diagnostics(None)

    @property
    def diagnostics(self):
        """What the loader found, a :class:`Diagnostics` (read-only)."""
        return self._diagnostics

    def __len__(self):
        return _dii.dii_submissions_count(self._h)

    def __getitem__(self, i):
        return sequence_item(i, len(self),
                             lambda j: Submission(self, _dii.dii_submissions_get(self._h, j)),
                             "submission")

    def __iter__(self):
        for i in range(len(self)):
            yield Submission(self, _dii.dii_submissions_get(self._h, i))

    def merge(self, *others):
        """A new set: these submissions followed by those of ``others``
        (Submissions, or anything :func:`load_submissions` accepts), to be
        validated, scored and ranked as one cohort."""
        return _merge([self] + [_as_submissions(o) for o in others])

    def __repr__(self):
        return f"<dii.Submissions {len(self)} submission(s)>"


def _merge(parts):
    status, message, handle = call(big(sum(len(p) for p in parts), "items"),
                                   _dii.dii_submissions_merge, [p._h for p in parts])
    if status < 0:
        _raise(status, message)
    diags = [p.diagnostics._h for p in parts if p.diagnostics._h is not None]
    merged = None
    if diags:
        st, msg, merged = call(big(sum(len(p.diagnostics) for p in parts), "items"),
                               _dii.dii_diagnostics_concat, diags)
        if st < 0:
            _raise(st, msg)
    return Submissions(handle, Diagnostics(merged))


# The limit keywords, in the order of dii_parse_options' members, and the
# largest value each member holds (max_depth is an unsigned int, the others
# size_t).
_LIMITS = (("max_input_bytes", 2**64 - 1), ("max_depth", 2**32 - 1),
           ("max_string_bytes", 2**64 - 1), ("max_submissions", 2**64 - 1),
           ("max_diagnostics", 2**64 - 1))


def _limit_value(name, v, most):
    """One limit as its C member wants it: None (the default) is 0, else a
    positive int up to `most`."""
    if v is None:
        return 0
    if isinstance(v, bool) or not isinstance(v, numbers.Integral):
        raise TypeError(f"{name} must be an int or None, not {type(v).__name__}")
    if not 1 <= v <= most:
        raise InvalidArgumentError(f"{name} must be from 1 to {most}, not {v!r}",
                                   _dii.DII_ERR_INVALID_ARGUMENT)
    return int(v)


def _limit_values(limits):
    """The limits as the C members want them, in the members' order."""
    return tuple(_limit_value(name, limits.get(name), most) for name, most in _LIMITS)


def _options(format, delimiter, decimal_mark, limits=None, unit_id=None, unit_name=None):
    """None (every default), or the options tuple of the SWIG typemap:
    (format, delimiter, decimal_mark), plus the five limits when any is set,
    plus the plan table's unit when one is given."""
    try:
        fmt = _FORMATS[format.lower() if isinstance(format, str) else format]
    except KeyError:
        raise InvalidArgumentError(
            f"unknown format {format!r}: use 'json', 'jsonl', 'csv', 'plan_table' or None "
            "(auto)", _dii.DII_ERR_INVALID_ARGUMENT) from None
    for name, v in (("unit_id", unit_id), ("unit_name", unit_name)):
        if v is not None and not isinstance(v, str):
            raise TypeError(f"{name} must be a str or None, not {type(v).__name__}")
    values = _limit_values(limits or {})
    if unit_id is not None or unit_name is not None:
        return (fmt, delimiter, decimal_mark) + values + (unit_id, unit_name)
    if any(values):
        return (fmt, delimiter, decimal_mark) + values
    if fmt == _dii.DII_INPUT_AUTO and delimiter == "," and decimal_mark == ".":
        return None
    return (fmt, delimiter, decimal_mark)


def _with_json_format(opts, delimiter, decimal_mark):
    """opts with the format forced to JSON (dicts are loaded as JSON text)."""
    if opts is None:
        return (_dii.DII_INPUT_JSON, delimiter, decimal_mark)
    return (_dii.DII_INPUT_JSON,) + opts[1:]


def _load_file(path, opts):
    size = file_size(path)
    status, message, handle, diags = call(size is None or big(size, "bytes"),
                                          _dii.dii_submissions_load_file, path, opts)
    if status < 0:
        _raise(status, message, Diagnostics(diags), filename=path)
    return Submissions(handle, Diagnostics(diags))


def _load_text(text, name, opts):
    return _submissions_from_load(call(big(len(text), "bytes"), _dii.dii_submissions_load_memory,
                                       text, name, opts))


def _submissions_from_load(loaded):
    """Submissions from a load call's [status, message, handle, diagnostics]."""
    status, message, handle, diags = loaded
    if status < 0:
        _raise(status, message, Diagnostics(diags))
    return Submissions(handle, Diagnostics(diags))


def _looks_like_text(s):
    head = s.lstrip()[:1]
    return "\n" in s or head in ("{", "[")


def _plain(v):
    """A JSON-ready Python value from a numpy scalar (or any number)."""
    if v is None or v is True or v is False:
        return v
    t = type(v)
    if t is float or t is int or t is str:
        return v
    item = getattr(v, "item", None)  # numpy scalars: float64, int64, bool_, ...
    if item is not None and not isinstance(v, (str, bytes)):
        try:
            v = item()
        except (TypeError, ValueError):
            return v
        return _plain(v) if type(v) is not t else v
    if isinstance(v, bool):
        return bool(v)
    if isinstance(v, numbers.Integral):
        return int(v)
    if isinstance(v, numbers.Real):
        return float(v)
    return v


def _json_default(o):
    v = _plain(o)
    if v is o:
        raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")
    return v


def _clean_submission(d, index):
    if not isinstance(d, dict):
        raise TypeError(f"submission {index} is a {type(d).__name__}, not a dict")
    values = d.get("values")
    if not isinstance(values, dict):
        return d
    clean = {}
    for key, v in values.items():
        v = _plain(v)
        if isinstance(v, float) and not math.isfinite(v):
            unit = d.get("unit")
            unit_id = unit.get("id") if isinstance(unit, dict) else unit
            raise InvalidArgumentError(
                f"value {v!r} of indicator {key!r} for unit {unit_id!r} (year "
                f"{_plain(d.get('year'))!r}, submission {index}) is not a finite number; "
                f"use None for a value reported as missing", _dii.DII_ERR_INVALID_ARGUMENT)
        clean[key] = v
    d = dict(d)
    d["values"] = clean
    return d


def _dicts_to_json(items):
    subs = [_clean_submission(d, i) for i, d in enumerate(items)]
    try:
        return json.dumps({"format": "dii-submissions/1", "submissions": subs},
                          ensure_ascii=False, allow_nan=False, default=_json_default)
    except ValueError as e:  # a NaN outside "values"
        raise InvalidArgumentError(f"submissions cannot be written as JSON: {e}",
                                   _dii.DII_ERR_INVALID_ARGUMENT) from None


def load_submissions(source, *, format=None, name=None, delimiter=",", decimal_mark=".",
                     max_input_bytes=None, max_depth=None, max_string_bytes=None,
                     max_submissions=None, max_diagnostics=None, unit_id=None,
                     unit_name=None):
    """Loads submissions from a file, text, bytes, dicts or a DataFrame.

    ``source`` may be:

    * a path (``str`` or ``os.PathLike``) to a ``.json``, ``.jsonl`` /
      ``.ndjson`` or ``.csv`` file (format by extension, else by content);
    * text (``str``) or ``bytes`` in any of those formats. A ``str`` is taken
      as text when it contains a newline or starts with ``{`` or ``[``,
      otherwise as a path; pass ``pathlib.Path`` to be explicit;
    * a ``dict`` (one ``dii-submission/1`` submission) or a list of them.
      Values may be Python or numpy scalars (numpy.float64, numpy.int64,
      numpy.bool_); None is a value reported as missing; NaN and infinity
      raise :class:`InvalidArgumentError` (a ValueError) naming the unit and
      indicator;
    * a list of paths or :class:`Submissions`: merged into one set (one
      cohort), in order;
    * a pandas DataFrame in long format (columns unit_id, year, indicator,
      value, optionally unit_name), as :func:`dii.score_frame` reads it.

    ``format``: None (auto), "json", "jsonl", "csv" or "plan_table" (one
    row per indicator, by id or framework code, and one column per year, as
    a plan's appendix; recognised by its header with None). ``unit_id`` and
    ``unit_name``: the unit of a plan table without unit columns (a table
    without either raises :class:`ParseError`, code "missing-field"). ``name`` labels
    diagnostics and, with format None, picks the format by its extension.
    ``delimiter`` and ``decimal_mark``: for CSV (";" and "," for the
    Vietnamese spreadsheet export).

    Limits (None: the library's default, in brackets): ``max_input_bytes``
    (256 MiB), ``max_depth`` (64 levels of JSON arrays and objects),
    ``max_string_bytes`` (64 KiB: any JSON string or key, any CSV cell,
    decoded), ``max_submissions`` (1,000,000). ``max_diagnostics``
    (10,000) is not a refusal: beyond it the diagnostics are counted, not
    kept, and one ``too-many-diagnostics`` item says how many were left
    out. Input beyond one of the other limits raises
    :class:`ParseError` with ``code == "limit-exceeded"`` and the line and
    column where the limit was crossed. A positive int each; they apply to
    paths, text, bytes and dicts, and to each file of a list, not to a
    DataFrame (:class:`InvalidArgumentError`).

    Returns :class:`Submissions`; their ``diagnostics`` hold shape problems
    and warnings. Raises :class:`ParseError` for malformed input (with line
    and column), :class:`FileError` (an OSError) for an unreadable file.
    """
    limits = {"max_input_bytes": max_input_bytes, "max_depth": max_depth,
              "max_string_bytes": max_string_bytes, "max_submissions": max_submissions,
              "max_diagnostics": max_diagnostics}
    opts = _options(format, delimiter, decimal_mark, limits, unit_id, unit_name)
    if isinstance(source, Submissions):
        return source
    if isinstance(source, os.PathLike):
        return _load_file(os.fsdecode(os.fspath(source)), opts)
    if isinstance(source, str):
        if _looks_like_text(source):
            return _load_text(source, name, opts)
        return _load_file(source, opts)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _load_text(bytes(source), name, opts)
    if isinstance(source, dict):
        source = [source]
    if isinstance(source, (list, tuple)):
        if all(isinstance(d, dict) for d in source):
            if opts is not None and opts[0] not in (_dii.DII_INPUT_AUTO, _dii.DII_INPUT_JSON):
                raise InvalidArgumentError("dicts are loaded as JSON: format must be None or 'json'",
                                           _dii.DII_ERR_INVALID_ARGUMENT)
            return _load_text(_dicts_to_json(source), name,
                              _with_json_format(opts, delimiter, decimal_mark))
        if all(isinstance(p, (str, os.PathLike, Submissions)) for p in source):
            return _merge([
                p if isinstance(p, Submissions)
                else load_submissions(p, format=format, delimiter=delimiter,
                                      decimal_mark=decimal_mark, unit_id=unit_id,
                                      unit_name=unit_name, **limits)
                for p in source])
        raise TypeError("a list of submissions must hold only dicts, or only paths and Submissions")
    if type(source).__name__ == "DataFrame":
        if any(v is not None for v in limits.values()):
            raise InvalidArgumentError("limits apply to files and text, not to a DataFrame",
                                       _dii.DII_ERR_INVALID_ARGUMENT)
        from ._frame import submissions_from_frame
        return submissions_from_frame(source, name=name)
    raise TypeError(f"cannot load submissions from {type(source).__name__}")


def _as_submissions(source):
    """Submissions from a Submissions or anything load_submissions accepts."""
    if isinstance(source, Submissions):
        return source
    return load_submissions(source)
