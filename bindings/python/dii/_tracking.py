"""Tracking: is a unit on track for its targets? (docs/tracking.md)"""

import json
import os
from typing import List, NamedTuple, Optional, Union

from . import _dii
from ._calls import big, call, file_size
from ._diagnostics import Diagnostics
from ._errors import InvalidArgumentError, NotFoundError, _raise
from ._results import BASES, OPS, Result
from ._types import Target, _bounded_year, init_once, sequence_item

__all__ = ["Crosswalk", "CrosswalkRow", "Tracking", "TrackedUnit", "IndicatorTrack",
           "MilestoneTrack", "YearValue", "MergedValue", "MergedSource",
           "TRACK_STATUSES", "PACE_METHODS", "MILESTONE_COLUMNS", "TRACK_INDICATOR_COLUMNS"]

#: Tracking statuses, in the order of the C enumeration (dii_track_status).
TRACK_STATUSES = ("no_target", "achieved", "not_achieved", "insufficient_data", "on_track",
                  "acceleration_needed", "limited_progress", "deteriorating")
#: Pace methods, in the order of the C enumeration (dii_pace_method).
PACE_METHODS = ("linear", "cagr")

#: Columns of ``Tracking.to_dataframe(level="milestone")``.
MILESTONE_COLUMNS = (
    "unit_id", "unit_name", "indicator", "code", "milestone", "start_year", "start_value",
    "latest_year", "latest_value", "observed_pace", "target_op", "target_value",
    "target_basis", "required_pace", "pace_ratio", "status", "projection", "expected_year",
)
#: Columns of ``Tracking.to_dataframe(level="indicator")``.
TRACK_INDICATOR_COLUMNS = (
    "unit_id", "unit_name", "indicator", "code", "start_year", "start_value", "latest_year",
    "latest_value", "observed_pace", "point_count",
)


class CrosswalkRow(NamedTuple):
    """One row of a crosswalk: a former unit, the unit it became, its weight."""

    from_unit: str
    to_unit: str
    weight: float


class YearValue(NamedTuple):
    """An observation: the year and the value (a bool for a yes/no indicator)."""

    year: int
    value: Union[float, bool]


class MilestoneTrack(NamedTuple):
    """One indicator of one unit at one milestone (docs/tracking.md §1).

    Attributes:
        year: the milestone.
        target: the target that applies in that year (a :class:`Target`
            with its basis: "exact", "interpolated" or "nearest"), or None
            when the indicator has no targets.
        required_pace: the pace needed from the start point to reach the
            target by the milestone, or None.
        pace_ratio: observed / required, or None when not reported.
        status: one of :data:`TRACK_STATUSES`.
        projection: the value the observed pace leads to in that year
            (clamped to the indicator's range), or None.
        expected_year: the first year the projection meets the target, or
            None when not by 2200.
    """

    year: int
    target: Optional[Target]
    required_pace: Optional[float]
    pace_ratio: Optional[float]
    status: str
    projection: Optional[float]
    expected_year: Optional[int]


class IndicatorTrack(NamedTuple):
    """One indicator of one unit: its series and each milestone.

    Attributes:
        id, code: the indicator (code may be None).
        start: the start point, a :class:`YearValue` (the earliest
            observation, or the framework's baseline when that is earlier),
            or None when the unit never observed the indicator.
        latest: the latest observation, a :class:`YearValue`, or None.
        point_count: how many points the observed pace uses.
        observed_pace: the least-squares slope per year (linear) or the
            growth rate (CAGR), or None.
        milestones: a :class:`MilestoneTrack` per milestone of the unit,
            ascending.
    """

    id: str
    code: Optional[str]
    start: Optional[YearValue]
    latest: Optional[YearValue]
    point_count: int
    observed_pace: Optional[float]
    milestones: List[MilestoneTrack]


class MergedSource(NamedTuple):
    """A former unit's part in a merged value: its id, weight and value."""

    unit: str
    weight: float
    value: Union[float, bool]


class MergedValue(NamedTuple):
    """A value the crosswalk merged from former units (``"merged"`` in the JSON).

    Attributes:
        year, indicator: where the value is (the indicator's id).
        value: the merged value (weighted mean; a yes/no is true only when
            every former unit said true).
        sources: the former units it came from, a list of :class:`MergedSource`
            (``"from"`` in the JSON).
    """

    year: int
    indicator: str
    value: Union[float, bool]
    sources: List[MergedSource]


def _as_value(value, boolean):
    return value != 0 if boolean else value


class Crosswalk:
    """A unit crosswalk: which former units became which unit, from which
    year (docs/tracking.md §4). Pass it to :meth:`Framework.track` as
    ``crosswalk=``.

    Load one with :meth:`load` (a CSV file) or :meth:`from_text`. The CSV
    has a header naming ``from_unit``, ``to_unit`` and optionally
    ``weight`` (1 when absent or empty). Every submission of a former unit
    for a year before ``effective_year`` is merged into its new unit.

    A sequence of :class:`CrosswalkRow`, in file order. Immutable.

    Attributes:
        effective_year: the year from which the new units exist.
        diagnostics: warnings found while loading (an unknown column).
    """

    __slots__ = ("_h", "_diagnostics")

    def __init__(self, handle, diagnostics=None):
        """Not for direct use: see :meth:`load` and :meth:`from_text`."""
        init_once(self)
        if handle is None:
            raise TypeError("use Crosswalk.load() or Crosswalk.from_text()")
        self._h = handle  # an owned dii_crosswalk: freed by the GC
        self._diagnostics = diagnostics if diagnostics is not None else Diagnostics(None)

    @classmethod
    def load(cls, path, effective_year):
        """Loads a crosswalk CSV file. ``effective_year`` is an integer from
        1900 to 2200 (TypeError / :class:`InvalidArgumentError` otherwise).

        Raises :class:`FileError` (an OSError) when the file cannot be read,
        :class:`ParseError` for a CSV syntax or encoding error and
        :class:`ValidationError` for a bad row; both carry every problem,
        located by line and column, in ``diagnostics``.
        """
        year = _bounded_year(effective_year, "effective_year")
        path = os.fsdecode(os.fspath(path))
        size = file_size(path)
        status, message, handle, diags = call(size is None or big(size, "bytes"),
                                              _dii.dii_crosswalk_load_file, path, year)
        if status < 0:
            _raise(status, message, Diagnostics(diags), filename=path)
        return cls(handle, Diagnostics(diags))

    @classmethod
    def from_text(cls, text, effective_year, name=None):
        """A crosswalk from CSV text (str or bytes); ``name`` labels
        diagnostics. Raises as :meth:`load` does."""
        if not isinstance(text, (str, bytes)):
            raise TypeError(f"expected CSV text (str or bytes), not {type(text).__name__}")
        year = _bounded_year(effective_year, "effective_year")
        status, message, handle, diags = call(big(len(text), "bytes"),
                                              _dii.dii_crosswalk_load_memory, text, name, year)
        if status < 0:
            _raise(status, message, Diagnostics(diags))
        return cls(handle, Diagnostics(diags))

    @property
    def effective_year(self):
        """The year from which the new units exist: data before it is merged."""
        return _dii.dii_crosswalk_effective_year(self._h)

    @property
    def diagnostics(self):
        """Warnings found while loading, a :class:`Diagnostics` (read-only)."""
        return self._diagnostics

    def _row(self, i):
        status, message, from_unit, to_unit, weight = _dii.dii_crosswalk_row(self._h, i)
        if status < 0:
            _raise(status, message)
        return CrosswalkRow(from_unit, to_unit, weight)

    def __len__(self):
        return _dii.dii_crosswalk_count(self._h)

    def __getitem__(self, i):
        return sequence_item(i, len(self), self._row, "crosswalk row")

    def __iter__(self):
        for i in range(len(self)):
            yield self._row(i)

    def __repr__(self):
        return f"<dii.Crosswalk {len(self)} row(s) effective_year={self.effective_year}>"


def _milestones(milestones):
    """None, or the milestone years as a tuple of ints (each checked)."""
    if milestones is None:
        return None
    if isinstance(milestones, (str, bytes)) or not hasattr(milestones, "__iter__"):
        raise TypeError(f"milestones must be an iterable of years (ints) or None, "
                        f"not {type(milestones).__name__}")
    return tuple(_bounded_year(y, "milestone") for y in milestones)


def _pace(pace):
    if not isinstance(pace, str):
        raise TypeError(f"pace must be a str, not {type(pace).__name__}")
    try:
        return PACE_METHODS.index(pace)
    except ValueError:
        raise InvalidArgumentError(f"pace must be 'linear' or 'cagr', not {pace!r}",
                                   _dii.DII_ERR_INVALID_ARGUMENT) from None


def tracking_options(milestones, pace, crosswalk):
    """The (milestones, pace, crosswalk) tuple dii.i reads as
    dii_tracking_options, every argument checked first."""
    if crosswalk is not None and not isinstance(crosswalk, Crosswalk):
        raise TypeError(f"crosswalk must be a dii.Crosswalk (Crosswalk.load(path, "
                        f"effective_year)) or None, not {type(crosswalk).__name__}")
    return (_milestones(milestones), _pace(pace),
            None if crosswalk is None else crosswalk._h)


class TrackedUnit:
    """One unit of a :class:`Tracking` (borrowed: keeps its tracking alive).

    Attributes:
        id, name: the unit (name may be None).
        milestones: the unit's milestone years, ascending.
        years: the score trajectory: a :class:`Result` per observed year,
            ascending, each scored against its own year's targets and
            ranked within that year's cohort.
        projected: a :class:`Result` per milestone: the projected values
            scored against the milestone's targets ("if the pace holds").
        indicators: an :class:`IndicatorTrack` per indicator, in framework
            order.
        merged: the values the crosswalk merged into this unit, a list of
            :class:`MergedValue`.
    """

    # The tracking owns the memory every figure is read from: the
    # reference to it is read-only (a property without a setter over a
    # private slot; no public name can drop it).
    __slots__ = ("_tracking", "_u")

    def __init__(self, tracking, u):
        init_once(self, "_tracking")
        self._tracking = tracking
        self._u = u

    @property
    def tracking(self):
        """The :class:`Tracking` this unit belongs to (read-only)."""
        return self._tracking

    @property
    def id(self):
        """The unit's id."""
        return _dii.dii_tracking_unit_id(self._tracking._h, self._u)

    @property
    def name(self):
        """The unit's name, or None."""
        return _dii.dii_tracking_unit_name(self._tracking._h, self._u)

    @property
    def milestones(self):
        """The unit's milestone years, ascending (a list of int)."""
        h, u = self._tracking._h, self._u
        return [_dii.dii_tracking_unit_milestone_year(h, u, m)
                for m in range(_dii.dii_tracking_unit_milestone_count(h, u))]

    @property
    def years(self):
        """The score trajectory: a :class:`Result` per observed year, ascending."""
        tr, u = self._tracking, self._u
        return [Result(tr, _dii.dii_tracking_unit_year(tr._h, u, i), i)
                for i in range(_dii.dii_tracking_unit_year_count(tr._h, u))]

    @property
    def projected(self):
        """A :class:`Result` per milestone (its ``year`` is the milestone):
        the projected values scored against the milestone's targets."""
        tr, u = self._tracking, self._u
        return [Result(tr, _dii.dii_tracking_unit_projected(tr._h, u, m), m)
                for m in range(_dii.dii_tracking_unit_milestone_count(tr._h, u))]

    def _milestone(self, k, m, year, boolean):
        h, u = self._tracking._h, self._u
        has_t, op, value, basis = _dii.dii_tracking_milestone_target(h, u, k, m)
        has_r, required = _dii.dii_tracking_milestone_required_pace(h, u, k, m)
        has_q, ratio = _dii.dii_tracking_milestone_pace_ratio(h, u, k, m)
        has_p, projection = _dii.dii_tracking_milestone_projection(h, u, k, m)
        expected = _dii.dii_tracking_milestone_expected_year(h, u, k, m)
        return MilestoneTrack(
            year,
            Target(year, OPS[op], _as_value(value, boolean), BASES[basis]) if has_t else None,
            required if has_r else None,
            ratio if has_q else None,
            TRACK_STATUSES[_dii.dii_tracking_milestone_status(h, u, k, m)],
            projection if has_p else None,
            expected or None)

    def _indicator(self, k, ind, years):
        h, u = self._tracking._h, self._u
        boolean = ind.is_boolean
        has_s, s_year, s_value = _dii.dii_tracking_indicator_start(h, u, k)
        has_l, l_year, l_value = _dii.dii_tracking_indicator_latest(h, u, k)
        has_p, pace = _dii.dii_tracking_indicator_observed_pace(h, u, k)
        return IndicatorTrack(
            ind.id, ind.code,
            YearValue(s_year, _as_value(s_value, boolean)) if has_s else None,
            YearValue(l_year, _as_value(l_value, boolean)) if has_l else None,
            _dii.dii_tracking_indicator_point_count(h, u, k),
            pace if has_p else None,
            [self._milestone(k, m, y, boolean) for m, y in enumerate(years)])

    @property
    def indicators(self):
        """An :class:`IndicatorTrack` per indicator, in framework order."""
        years = self.milestones
        return [self._indicator(k, ind, years)
                for k, ind in enumerate(self._tracking.framework.indicators)]

    def indicator(self, key):
        """The :class:`IndicatorTrack` of the indicator with id (or code)
        ``key``. Raises :class:`NotFoundError` when there is none."""
        ind = self._tracking.framework.indicator(key)
        return self._indicator(ind.index, ind, self.milestones)

    @property
    def merged(self):
        """The values the crosswalk merged into this unit (by year, then
        indicator), a list of :class:`MergedValue`."""
        h, u = self._tracking._h, self._u
        inds = self._tracking.framework.indicators
        out = []
        for i in range(_dii.dii_tracking_unit_merged_count(h, u)):
            status, message, year, k, value, n = _dii.dii_tracking_unit_merged(h, u, i)
            if status < 0:
                _raise(status, message)
            boolean = inds[k].is_boolean
            sources = []
            for j in range(n):
                status, message, unit, weight, v = _dii.dii_tracking_unit_merged_source(
                    h, u, i, j)
                if status < 0:
                    _raise(status, message)
                sources.append(MergedSource(unit, weight, _as_value(v, boolean)))
            out.append(MergedValue(year, inds[k].id, _as_value(value, boolean), sources))
        return out

    def __repr__(self):
        return (f"<dii.TrackedUnit {self.id!r} years={[r.year for r in self.years]} "
                f"milestones={self.milestones}>")


class Tracking:
    """The outcome of one :meth:`Framework.track` call (docs/tracking.md).

    A sequence of :class:`TrackedUnit`, in order of first appearance in
    the (merged) input. Immutable and safe to share between threads.

    Attributes:
        framework: the :class:`Framework` tracked against.
        pace: the pace method, "linear" or "cagr".
        crosswalk_year: the effective year of the crosswalk used, or None.
        warnings: what every output must carry (a provisional framework or
            indicator), a list of str.
        diagnostics: the warnings validation found.
    """

    __slots__ = ("_h", "_diagnostics", "_framework", "_json")

    def __init__(self, handle, diagnostics, framework):
        init_once(self)
        self._h = handle  # an owned dii_tracking: freed by the GC
        self._diagnostics = diagnostics
        self._framework = framework
        self._json = None

    @property
    def framework(self):
        """The :class:`Framework` tracked against (read-only)."""
        return self._framework

    @property
    def diagnostics(self):
        """The warnings validation found, a :class:`Diagnostics` (read-only)."""
        return self._diagnostics

    @property
    def pace(self):
        """The pace method: "linear" or "cagr"."""
        return PACE_METHODS[_dii.dii_tracking_pace_method(self._h)]

    @property
    def crosswalk_year(self):
        """The effective year of the crosswalk used, or None when none was."""
        return _dii.dii_tracking_crosswalk_year(self._h) or None

    @property
    def warnings(self):
        """Warnings every output must carry (a provisional framework or indicator)."""
        h = self._h
        return [_dii.dii_tracking_warning(h, i)
                for i in range(_dii.dii_tracking_warning_count(h))]

    def __len__(self):
        return _dii.dii_tracking_unit_count(self._h)

    def __getitem__(self, i):
        return sequence_item(i, len(self), lambda u: TrackedUnit(self, u), "unit")

    def __iter__(self):
        for u in range(len(self)):
            yield TrackedUnit(self, u)

    def find(self, unit_id):
        """The :class:`TrackedUnit` with id ``unit_id``. Raises
        :class:`NotFoundError` when there is none."""
        for unit in self:
            if unit.id == str(unit_id):
                return unit
        raise NotFoundError(f"no tracked unit {unit_id!r}", _dii.DII_ERR_NOT_FOUND)

    def to_json(self):
        """The tracking as ``dii-tracking/1`` JSON text (schema
        ``data/schema/tracking.schema.json``), the document ``dii track
        --format json`` prints."""
        if self._json is None:
            status, message, text = call(big(len(self), "items"), _dii.dii_tracking_to_json,
                                        self._h)
            if status < 0:
                _raise(status, message)
            self._json = text
        return self._json

    def to_dict(self):
        """The tracking as a ``dii-tracking/1`` dict (a new one each call)."""
        return json.loads(self.to_json())

    def to_dataframe(self, level="milestone"):
        """The tracking as a pandas DataFrame.

        ``level="milestone"`` (default): one row per unit x indicator x
        milestone (:data:`MILESTONE_COLUMNS`), built in one pass from the
        library's column export. ``level="indicator"``: one row per unit x
        indicator (:data:`TRACK_INDICATOR_COLUMNS`). Figures that are absent
        are NaN in float columns, ``pd.NA`` in the year columns
        (start_year, latest_year, expected_year: nullable Int64) and NaN in
        the categoricals (target_op, target_basis; status never is);
        unit_id, unit_name, indicator and code are categoricals, yes/no
        values 1.0 / 0.0.
        ``level="year"``: the score trajectory, one row per unit x observed
        year; ``level="projection"``: the projected scores, one row per
        unit x milestone (year = the milestone). Both have the columns of
        :data:`UNIT_COLUMNS` (``Results.to_dataframe(level="unit")``).
        """
        from ._frame import tracking_to_dataframe
        return tracking_to_dataframe(self, level)

    def __repr__(self):
        return (f"<dii.Tracking {len(self)} unit(s) framework={self.framework.id!r} "
                f"pace={self.pace!r}>")
