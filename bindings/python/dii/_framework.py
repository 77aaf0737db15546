"""Frameworks: the indicators, their groups, points and targets."""

import json
import os

from . import _dii
from ._calls import big, call, file_size
from ._diagnostics import Diagnostics
from ._errors import NotFoundError, _raise
from ._results import Results
from ._tracking import Tracking, tracking_options
from ._types import Baseline, Target, Text, _target_year, _year, init_once
from ._submissions import _as_submissions, _limit_value

__all__ = ["Framework", "Group", "Indicator", "Text", "Target", "Baseline", "frameworks"]


def _text(getter, handle):
    return Text(getter(handle, "vi"), getter(handle, "en"))


def _frameworks():
    return [_dii.dii_builtin_framework_id(i) for i in range(_dii.dii_builtin_framework_count())]


def frameworks():
    """The ids of the frameworks built into the library, e.g.
    ``['dien-bien-4734-2023', 'dii-885-2023']``. Load one with
    :meth:`Framework.builtin`."""
    return _frameworks()


class Indicator:
    """One indicator of a framework (borrowed: keeps its framework alive).

    Attributes:
        id: the stable id (``[a-z0-9_]+``).
        code: the source document's numbering ("1", "2", ...), or None.
        index: position in the framework (0-based).
        group: the id of its group.
        name: a :class:`Text` (``name.vi``, ``name.en``).
        unit: "percent", "per_100_people", "mbps", "count", "boolean",
            "ratio" or "other".
        direction: "higher" or "lower" (which is better).
        points: the maximum points (the weight).
        method: the scoring method ("target_ratio", "ratio", "linear",
            "boolean", "bands", "best_in_cohort", "min_max_cohort").
        linear_range: (min, max) goalposts of a "linear" indicator, else None.
        bands: [(from, score), ...] of a "bands" indicator, else [].
        baseline: a :class:`Baseline`, or None.
        targets: the explicit targets, ascending by year (list of
            :class:`Target`).
        provisional: True when inferred rather than taken from an official
            source.
        notes: free text, or None.
    """

    # The handle points into the framework's memory: the framework must
    # outlive this object, so the reference to it is read-only (a property
    # without a setter over a private slot; no public name can drop it).
    __slots__ = ("_framework", "_h")

    def __init__(self, framework, handle):
        init_once(self)
        self._framework = framework
        self._h = handle

    @property
    def framework(self):
        """The :class:`Framework` this indicator belongs to (read-only)."""
        return self._framework

    @property
    def id(self):
        """The stable id (``[a-z0-9_]+``)."""
        return _dii.dii_indicator_id(self._h)

    @property
    def code(self):
        """The source document's numbering ("1", "2", ...), or None."""
        return _dii.dii_indicator_code(self._h)

    @property
    def index(self):
        """Position in the framework (0-based)."""
        return _dii.dii_indicator_index(self._h)

    @property
    def group(self):
        """The id of the group the indicator belongs to."""
        return _dii.dii_indicator_group(self._h)

    @property
    def name(self):
        """The name, a :class:`Text` (``.vi``, ``.en``)."""
        return _text(_dii.dii_indicator_name, self._h)

    @property
    def unit(self):
        """The unit: "percent", "per_100_people", "mbps", "count", "boolean", "ratio" or "other"."""
        return _dii.dii_unit_name(_dii.dii_indicator_unit(self._h))

    @property
    def direction(self):
        """"higher" or "lower": which is better."""
        return _dii.dii_direction_name(_dii.dii_indicator_direction(self._h))

    @property
    def points(self):
        """The maximum points (the weight)."""
        return _dii.dii_indicator_points(self._h)

    @property
    def method(self):
        """The scoring method: "target_ratio", "ratio", "linear", "boolean", "bands", "best_in_cohort" or "min_max_cohort"."""
        return _dii.dii_method_name(_dii.dii_indicator_method(self._h))

    @property
    def is_boolean(self):
        """True for a yes/no indicator (unit "boolean")."""
        return _dii.dii_indicator_unit(self._h) == _dii.DII_UNIT_BOOLEAN

    def _value(self, v):
        return bool(v) if self.is_boolean else v

    @property
    def linear_range(self):
        """The (min, max) goalposts of a "linear" indicator, else None."""
        status, _message, lo, hi = _dii.dii_indicator_linear_range(self._h)
        return (lo, hi) if status == 0 else None

    @property
    def bands(self):
        """The [(from, score), ...] bands of a "bands" indicator, best first; else []."""
        out = []
        for i in range(_dii.dii_indicator_band_count(self._h)):
            status, message, start, score = _dii.dii_indicator_band(self._h, i)
            if status < 0:
                _raise(status, message)
            out.append((start, score))
        return out

    @property
    def baseline(self):
        """The baseline, a :class:`Baseline`, or None."""
        has, year, value = _dii.dii_indicator_baseline(self._h)
        return Baseline(year, self._value(value)) if has else None

    @property
    def targets(self):
        """The explicit targets, ascending by year: a list of :class:`Target` (basis None)."""
        out = []
        for i in range(_dii.dii_indicator_target_count(self._h)):
            status, message, year, op, value = _dii.dii_indicator_target(self._h, i)
            if status < 0:
                _raise(status, message)
            out.append(Target(year, _dii.dii_op_symbol(op), self._value(value)))
        return out

    def target_for(self, year):
        """The target that applies in ``year`` (a :class:`Target` with its
        ``basis``: the explicit one, the interpolation between milestones,
        or the nearest milestone), or None when the indicator has no
        targets. ``year`` is an integer (TypeError otherwise); one beyond
        a C int raises OverflowError."""
        status, _message, tyear, op, value, basis = _dii.dii_indicator_target_for_year(
            self._h, _year(year))
        if status == _dii.DII_ERR_NOT_FOUND:
            return None
        if status < 0:
            _raise(status, _message)
        return Target(tyear, _dii.dii_op_symbol(op), self._value(value),
                      _dii.dii_target_basis_name(basis))

    @property
    def provisional(self):
        """True when the indicator is inferred rather than taken from an official source."""
        return bool(_dii.dii_indicator_provisional(self._h))

    @property
    def notes(self):
        """Free-text notes, or None."""
        return _dii.dii_indicator_notes(self._h)

    def __eq__(self, other):
        return (isinstance(other, Indicator) and other.framework is self.framework
                and other.index == self.index)

    def __hash__(self):
        return hash((id(self.framework), self.index))

    def __repr__(self):
        return f"<dii.Indicator {self.id!r} code={self.code!r} group={self.group!r}>"


class Group:
    """A group of indicators (borrowed: keeps its framework alive).

    Attributes:
        id: the group's id ("I", "II", ...).
        name: a :class:`Text`.
        max_points: the sum of its indicators' points.
        indicators: its indicators, in framework order.
    """

    # Borrowed, as an Indicator's handle: the framework reference is read-only.
    __slots__ = ("_framework", "_h")

    def __init__(self, framework, handle):
        init_once(self)
        self._framework = framework
        self._h = handle

    @property
    def framework(self):
        """The :class:`Framework` this group belongs to (read-only)."""
        return self._framework

    @property
    def id(self):
        """The group's id ("I", "II", ...)."""
        return _dii.dii_group_id(self._h)

    @property
    def name(self):
        """The name, a :class:`Text`."""
        return _text(_dii.dii_group_name, self._h)

    @property
    def max_points(self):
        """The sum of the group's indicators' points."""
        return _dii.dii_group_max_points(self._h)

    @property
    def indicators(self):
        """The group's indicators, in framework order."""
        gid = self.id
        return [i for i in self.framework.indicators if i.group == gid]

    def __repr__(self):
        return f"<dii.Group {self.id!r} max_points={self.max_points:g}>"


class Framework:
    """A ``dii-framework/1`` framework: indicators, groups, points, targets.

    Immutable and safe to share between threads. Get one with
    :meth:`builtin`, :meth:`load` or :meth:`from_json`; then
    :meth:`validate` and :meth:`score` submissions against it.

    Attributes:
        id, version, source: as in the file (version and source may be None).
        title: a :class:`Text`.
        status: "official" or "provisional".
        missing: "zero" or "exclude" (how a missing value scores).
        rank_decimals: decimals of the index used for ranking.
        max_points: the sum of all indicators' points.
        first_year, last_year: the earliest year the framework knows and its
            last target year (0 when none).
        groups: list of :class:`Group`.
        indicators: list of :class:`Indicator`, in document order.
        diagnostics: warnings found while loading (a :class:`Diagnostics`).
    """

    __slots__ = ("_h", "_diagnostics", "_indicators", "_groups", "_frame_columns", "__weakref__")

    def __init__(self, handle, diagnostics=None):
        """Not for direct use: see :meth:`builtin`, :meth:`load`, :meth:`from_json`."""
        init_once(self)
        if handle is None:
            raise TypeError("use Framework.builtin(), Framework.load() or Framework.from_json()")
        self._h = handle  # an owned dii_framework: freed by the GC when the last user goes
        self._diagnostics = diagnostics if diagnostics is not None else Diagnostics(None)
        self._indicators = None
        self._groups = None
        self._frame_columns = None  # pandas dtypes of the tidy frame, see _frame.py

    # -- construction ----------------------------------------------------

    @classmethod
    def builtin(cls, id):
        """The framework built into the library under ``id`` (see
        :func:`dii.frameworks`). Raises :class:`NotFoundError` for an
        unknown id, TypeError when ``id`` is not a str, ValueError when it
        holds a NUL character."""
        if not isinstance(id, str):
            raise TypeError(f"a framework id is a str, not {type(id).__name__}")
        status, message, handle = _dii.dii_framework_builtin(id)
        if status < 0:
            if status == _dii.DII_ERR_NOT_FOUND:
                raise NotFoundError(
                    f"no built-in framework {id!r}; built in: {', '.join(_frameworks())}",
                    status)
            _raise(status, message)
        return cls(handle)

    @classmethod
    def load(cls, path):
        """Loads and checks a ``dii-framework/1`` JSON file.

        Raises :class:`FileError` (an OSError) when it cannot be read,
        :class:`ParseError` on a JSON syntax error, :class:`ValidationError`
        (with every problem in ``diagnostics``) when it breaks a rule.
        """
        path = os.fsdecode(os.fspath(path))
        size = file_size(path)
        status, message, handle, diags = call(size is None or big(size, "bytes"),
                                              _dii.dii_framework_load_file, path)
        if status < 0:
            _raise(status, message, Diagnostics(diags), filename=path)
        return cls(handle, Diagnostics(diags))

    @classmethod
    def from_json(cls, text, name=None):
        """Loads a framework from JSON text (str or bytes). ``name`` labels
        diagnostics. Raises as :meth:`load` does."""
        if isinstance(text, dict):
            text = json.dumps(text)
        if not isinstance(text, (str, bytes)):
            raise TypeError(f"expected JSON text (str or bytes), not {type(text).__name__}")
        status, message, handle, diags = call(
            big(len(text), "bytes"), _dii.dii_framework_load_memory, text, name)
        if status < 0:
            _raise(status, message, Diagnostics(diags))
        return cls(handle, Diagnostics(diags))

    @classmethod
    def for_submissions(cls, submissions):
        """The built-in framework the submissions name in their
        ``"framework"`` field. Raises :class:`NotFoundError` when it is not
        built in, :class:`ValidationError` when they name none or several."""
        subs = _as_submissions(submissions)
        status, message, handle, diags = call(
            big(len(subs), "items"), _dii.dii_framework_for_submissions, subs._h)
        if status < 0:
            _raise(status, message, Diagnostics(diags))
        return cls(handle)

    # -- attributes ------------------------------------------------------

    @property
    def diagnostics(self):
        """Warnings found while loading, a :class:`Diagnostics` (read-only)."""
        return self._diagnostics

    @property
    def id(self):
        """The framework's id, e.g. "dien-bien-4734-2023"."""
        return _dii.dii_framework_id(self._h)

    @property
    def version(self):
        """The "version" field, or None."""
        return _dii.dii_framework_version(self._h)

    @property
    def title(self):
        """The title, a :class:`Text` (``.vi``, ``.en``)."""
        return _text(_dii.dii_framework_title, self._h)

    @property
    def source(self):
        """The "source" field (the document it transcribes), or None."""
        return _dii.dii_framework_source(self._h)

    @property
    def status(self):
        """"official" or "provisional"."""
        return _dii.dii_framework_status_name(_dii.dii_framework_status_of(self._h))

    @property
    def missing(self):
        """How a missing value scores: "zero" or "exclude"."""
        return _dii.dii_missing_policy_name(_dii.dii_framework_missing_policy(self._h))

    @property
    def rank_decimals(self):
        """Decimals of the index used for ranking."""
        return _dii.dii_framework_rank_decimals(self._h)

    @property
    def max_points(self):
        """The sum of all indicators' points."""
        return _dii.dii_framework_max_points(self._h)

    @property
    def first_year(self):
        """The earliest year the framework knows (first baseline or target year), 0 if none."""
        return _dii.dii_framework_first_year(self._h)

    @property
    def last_year(self):
        """The latest target year, 0 if the framework has no targets."""
        return _dii.dii_framework_last_year(self._h)

    @property
    def indicators(self):
        """The indicators in document order, a list of :class:`Indicator`."""
        if self._indicators is None:
            h = self._h
            self._indicators = tuple(
                Indicator(self, _dii.dii_framework_indicator(h, i))
                for i in range(_dii.dii_framework_indicator_count(h)))
        return list(self._indicators)

    @property
    def groups(self):
        """The groups in document order, a list of :class:`Group`."""
        if self._groups is None:
            h = self._h
            self._groups = tuple(
                Group(self, _dii.dii_framework_group(h, i))
                for i in range(_dii.dii_framework_group_count(h)))
        return list(self._groups)

    def indicator(self, key):
        """The indicator with id ``key``, else the one with code ``key``
        (the source document's numbering, e.g. ``"12"``). Raises
        :class:`NotFoundError` (a LookupError) when there is none."""
        key = str(key)
        h = _dii.dii_framework_find_indicator(self._h, key)
        if h is None:
            h = _dii.dii_framework_find_indicator_by_code(self._h, key)
        if h is None:
            raise NotFoundError(f"framework {self.id!r} has no indicator {key!r}",
                                _dii.DII_ERR_NOT_FOUND)
        return self.indicators[_dii.dii_indicator_index(h)]

    def group(self, id):
        """The group with ``id``. Raises :class:`NotFoundError` when there is none."""
        h = _dii.dii_framework_find_group(self._h, str(id))
        if h is None:
            raise NotFoundError(f"framework {self.id!r} has no group {id!r}",
                                _dii.DII_ERR_NOT_FOUND)
        return Group(self, h)

    # -- output ----------------------------------------------------------

    def to_json(self):
        """The framework as normalised ``dii-framework/1`` JSON text (what
        ``dii show F --format json`` prints); :meth:`from_json` reads it back
        to an equal framework."""
        status, message, text = _dii.dii_framework_to_json(self._h)
        if status < 0:
            _raise(status, message)
        return text

    def to_dict(self):
        """The framework as a ``dii-framework/1`` dict (normalised)."""
        return json.loads(self.to_json())

    # -- work ------------------------------------------------------------

    def validate(self, submissions, *, max_diagnostics=None):
        """Checks submissions against the framework and returns every
        problem as :class:`Diagnostics` (true when valid). Never raises for
        invalid content; ``submissions`` that are not yet loaded (a path,
        text, bytes, dicts) are loaded first, which raises
        :class:`ParseError` for malformed input.

        ``max_diagnostics`` (None: the library's 10,000): beyond it the
        diagnostics are counted, not kept, and one last
        ``too-many-diagnostics`` item says how many errors and warnings
        were left out (an error when an error was, so the verdict stays
        that of the full list)."""
        most = _limit_value("max_diagnostics", max_diagnostics, 2**64 - 1) or None
        subs = _as_submissions(submissions)
        status, message, diags = call(big(len(subs), "items"), _dii.dii_validate_with,
                                     self._h, subs._h, most)
        if status < 0 and status != _dii.DII_ERR_VALIDATION:
            _raise(status, message, Diagnostics(diags))
        return Diagnostics(diags)

    def score(self, submissions, target_year=None):
        """Scores submissions and returns :class:`Results`.

        ``target_year``: the year whose targets apply to every submission;
        None (the default) scores each submission against its own year's
        targets. Submissions with the same target year form one cohort
        (ranks, cohort methods). Raises :class:`ValidationError`, with every
        problem in ``diagnostics``, when the input has errors;
        :class:`InvalidArgumentError` (a ValueError) for a ``target_year``
        outside 1900 to 2200 (the library's DII_YEAR_MIN to DII_YEAR_MAX),
        TypeError for one that is not an integer.
        """
        year = None if target_year is None else _target_year(target_year)
        subs = _as_submissions(submissions)
        status, message, res, diags = call(big(len(subs), "items"), _dii.dii_score,
                                          self._h, subs._h, year)
        if status < 0:
            _raise(status, message, Diagnostics(diags))
        return Results(res, Diagnostics(diags), self)

    def track(self, submissions, milestones=None, pace="linear", crosswalk=None):
        """Tracks a multi-year panel towards its targets and returns a
        :class:`Tracking` (docs/tracking.md): per unit x indicator the start
        point, latest value and observed pace; per milestone the target,
        required pace, pace ratio, status, projection and expected year;
        per unit the score trajectory and the projected score at each
        milestone.

        ``submissions``: several years of one or more units, in any form
        :func:`load_submissions` reads. ``milestones``: None (the default)
        for each unit the framework's target years after its latest
        observed year; or an iterable of years (ints from 1900 to 2200;
        sorted and each taken once; empty: no milestones) for every unit.
        ``pace``: "linear" (least-squares slope) or "cagr" (compound annual
        growth). ``crosswalk``: a :class:`Crosswalk` (see
        :meth:`Crosswalk.load`) to merge former units first, or None.

        Raises :class:`ValidationError`, with every problem in
        ``diagnostics``, when the input has errors or the crosswalk would
        count a unit twice ("crosswalk-conflict");
        :class:`InvalidArgumentError` (a ValueError) for an unknown pace or
        a milestone outside 1900 to 2200; TypeError for a milestone that is
        not an integer, a pace that is not a str or a crosswalk that is not
        a :class:`Crosswalk`. The GIL is released during the computation.
        """
        opts = tracking_options(milestones, pace, crosswalk)
        subs = _as_submissions(submissions)
        status, message, tr, diags = call(big(len(subs), "items"), _dii.dii_track,
                                          self._h, subs._h, opts)
        if status < 0:
            _raise(status, message, Diagnostics(diags))
        return Tracking(tr, Diagnostics(diags), self)

    def __repr__(self):
        return (f"<dii.Framework {self.id!r} version={self.version!r} status={self.status!r} "
                f"indicators={_dii.dii_framework_indicator_count(self._h)}>")

