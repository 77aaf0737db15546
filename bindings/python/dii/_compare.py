"""Round against round, year against year: dii.compare (docs/compare.md)."""

import json
from typing import NamedTuple, Optional, Union

from . import _dii
from ._calls import big, call
from ._errors import NotFoundError, _raise
from ._results import STATUSES, Results
from ._types import init_once, sequence_item

__all__ = ["compare", "Comparison", "ComparedUnit", "ComparedRow", "COMPARE_SIDES",
           "COMPARISON_ROW_COLUMNS", "COMPARISON_UNIT_COLUMNS"]

#: What ``ComparedUnit.sides`` says: on both sides, on A only, on B only.
COMPARE_SIDES = ("both", "a", "b")
#: Matching rules, in the order of the C enumeration (dii_compare_match).
_MATCHES = ("unit", "unit_year")
_SIDE_A, _SIDE_B = _dii.DII_SIDE_A, _dii.DII_SIDE_B

#: Columns of ``Comparison.to_dataframe(level="row")``.
COMPARISON_ROW_COLUMNS = (
    "unit_id", "unit_name", "year_a", "year_b", "indicator", "code",
    "value_a", "value_b", "delta_value", "value_changed",
    "points_a", "points_b", "delta_points", "points_changed",
    "status_a", "status_b", "status_changed", "changed",
)
#: Columns of ``Comparison.to_dataframe(level="unit")``.
COMPARISON_UNIT_COLUMNS = (
    "unit_id", "unit_name", "sides", "year_a", "year_b", "target_year_a", "target_year_b",
    "points_a", "points_b", "delta_points", "index_a", "index_b", "delta_index",
    "rank_a", "rank_b", "delta_rank", "changed", "row_count",
)


class ComparedRow(NamedTuple):
    """One indicator of one compared unit (docs/compare.md §3). The fields
    are those of a ``"rows"`` entry of ``dii-comparison/1``, in its order:
    ``row._asdict()`` equals that entry.

    Attributes:
        indicator, code: the indicator's id and code (code may be None).
        value_a, value_b: the value on each side (a bool for a yes/no
            indicator), or None when missing or the unit is not on that side.
        delta_value: value_b - value_a when both are numbers, else None.
        value_changed: a value appeared, disappeared or differs.
        points_a, points_b: the points on each side, or None when the unit
            is not on that side.
        delta_points: points_b - points_a when the unit is on both sides.
        points_changed: the points differ, or the unit is on one side only.
        status_a, status_b: the compliance on each side (one of
            :data:`STATUSES`), or None when the unit is not on that side.
        status_changed: the compliance differs, or the unit is on one side only.
        changed: any of the three.
    """

    indicator: str
    code: Optional[str]
    value_a: Union[float, bool, None]
    value_b: Union[float, bool, None]
    delta_value: Optional[float]
    value_changed: bool
    points_a: Optional[float]
    points_b: Optional[float]
    delta_points: Optional[float]
    points_changed: bool
    status_a: Optional[str]
    status_b: Optional[str]
    status_changed: bool
    changed: bool


class ComparedUnit:
    """One entry of a :class:`Comparison`: a unit (a unit and year when
    the sides are panels) with its result on side A, side B or both
    (borrowed: keeps its comparison alive).

    The attributes are those of a ``"units"`` entry of
    ``dii-comparison/1``; a figure of a side the unit is not on is None,
    and so is a delta unless the unit is on both sides.

    Attributes:
        id, name: the unit (name: A's when A gives one, else B's, or None).
        sides: "both", "a" or "b".
        year_a, year_b, target_year_a, target_year_b: the data year and
            the year whose targets applied, per side.
        points_a, points_b, index_a, index_b: the totals per side (index
            at full precision).
        rank_a, rank_b: the rank within that side's cohort (None when
            unranked).
        delta_points, delta_index, delta_rank: B - A. A positive
            delta_rank is a worse place (2nd to 4th is +2).
        changed: on one side only, or a row, the points, index or rank
            differ.
        rows: the listed rows, a list of :class:`ComparedRow` in framework
            order: the changed ones, or every indicator when the comparison
            was made with ``all_rows=True``.
    """

    # The comparison owns the memory every figure is read from: the
    # reference to it is read-only (a property without a setter over a
    # private slot; no public name can drop it).
    __slots__ = ("_comparison", "_u")

    def __init__(self, comparison, u):
        init_once(self, "_comparison")
        self._comparison = comparison
        self._u = u

    @property
    def comparison(self):
        """The :class:`Comparison` this unit belongs to (read-only)."""
        return self._comparison

    @property
    def id(self):
        """The unit's id."""
        return _dii.dii_comparison_unit_id(self._comparison._h, self._u)

    @property
    def name(self):
        """The unit's name (A's when A gives one, else B's), or None."""
        return _dii.dii_comparison_unit_name(self._comparison._h, self._u)

    def _side(self, side):
        """(on that side, year, target year, points, index, rank or None)."""
        on, year, target_year, points, index, rank = _dii.dii_comparison_unit_score(
            self._comparison._h, self._u, side)
        if not on:
            return False, None, None, None, None, None
        return True, year, target_year, points, index, rank or None

    @property
    def sides(self):
        """"both", "a" (on side A only) or "b" (on side B only)."""
        on_a, on_b = self._side(_SIDE_A)[0], self._side(_SIDE_B)[0]
        return "both" if on_a and on_b else "a" if on_a else "b"

    @property
    def year_a(self):
        """The data year on side A, or None."""
        return self._side(_SIDE_A)[1]

    @property
    def year_b(self):
        """The data year on side B, or None."""
        return self._side(_SIDE_B)[1]

    @property
    def target_year_a(self):
        """The year whose targets applied on side A, or None."""
        return self._side(_SIDE_A)[2]

    @property
    def target_year_b(self):
        """The year whose targets applied on side B, or None."""
        return self._side(_SIDE_B)[2]

    @property
    def points_a(self):
        """Total points on side A, or None."""
        return self._side(_SIDE_A)[3]

    @property
    def points_b(self):
        """Total points on side B, or None."""
        return self._side(_SIDE_B)[3]

    @property
    def index_a(self):
        """The index on side A (full precision), or None."""
        return self._side(_SIDE_A)[4]

    @property
    def index_b(self):
        """The index on side B (full precision), or None."""
        return self._side(_SIDE_B)[4]

    @property
    def rank_a(self):
        """The rank within side A's cohort, or None."""
        return self._side(_SIDE_A)[5]

    @property
    def rank_b(self):
        """The rank within side B's cohort, or None."""
        return self._side(_SIDE_B)[5]

    def _delta(self):
        both, points, index, rank = _dii.dii_comparison_unit_delta(self._comparison._h, self._u)
        return (points, index, rank) if both else (None, None, None)

    @property
    def delta_points(self):
        """points_b - points_a, or None unless on both sides."""
        return self._delta()[0]

    @property
    def delta_index(self):
        """index_b - index_a (full precision), or None unless on both sides."""
        return self._delta()[1]

    @property
    def delta_rank(self):
        """rank_b - rank_a (positive: a worse place), or None unless on both sides."""
        return self._delta()[2]

    @property
    def changed(self):
        """True when on one side only, or a row, the points, index or rank differ."""
        return bool(_dii.dii_comparison_unit_changed(self._comparison._h, self._u))

    def _row(self, i, boolean, ids, codes):
        h, u = self._comparison._h, self._u
        k = _dii.dii_comparison_row_indicator(h, u, i)
        values, points, statuses = [], [], []
        for side in (_SIDE_A, _SIDE_B):
            has, v = _dii.dii_comparison_row_value(h, u, i, side)
            values.append((v != 0 if boolean[k] else v) if has else None)
            has, p = _dii.dii_comparison_row_points(h, u, i, side)
            points.append(p if has else None)
            has, s = _dii.dii_comparison_row_status(h, u, i, side)
            statuses.append(STATUSES[s] if has else None)
        has_dv, dv = _dii.dii_comparison_row_value_delta(h, u, i)
        has_dp, dp = _dii.dii_comparison_row_points_delta(h, u, i)
        changes = _dii.dii_comparison_row_changes(h, u, i)
        return ComparedRow(
            ids[k], codes[k], values[0], values[1], dv if has_dv else None,
            bool(changes & _dii.DII_CHANGED_VALUE), points[0], points[1],
            dp if has_dp else None, bool(changes & _dii.DII_CHANGED_POINTS),
            statuses[0], statuses[1], bool(changes & _dii.DII_CHANGED_STATUS), changes != 0)

    @property
    def rows(self):
        """The listed rows, a list of :class:`ComparedRow` in framework order."""
        cmp = self._comparison
        inds = cmp.framework.indicators
        boolean = [ind.is_boolean for ind in inds]
        ids = [ind.id for ind in inds]
        codes = [ind.code for ind in inds]
        return [self._row(i, boolean, ids, codes)
                for i in range(_dii.dii_comparison_row_count(cmp._h, self._u))]

    def __repr__(self):
        return (f"<dii.ComparedUnit {self.id!r} sides={self.sides!r} "
                f"years=({self.year_a}, {self.year_b}) changed={self.changed}>")


class Comparison:
    """The outcome of :func:`dii.compare`: two scorings of the same units
    with the same framework, side A against side B (docs/compare.md).

    A sequence of :class:`ComparedUnit`: A's results in A's order, then
    those found only in B, in B's order. Immutable and safe to share
    between threads; it owns copies of everything it reports.

    Attributes:
        framework: the :class:`Framework` of side A (both sides were scored
            with the same one: the same id, version and indicators).
        match: "unit" (each unit at most once per side) or "unit_year"
            (panels: matched on unit id and data year).
        all_rows: True when every indicator is listed, False when only the
            changed ones.
        warnings: what every output must carry (a provisional framework or
            indicator), a list of str.
    """

    __slots__ = ("_h", "_framework", "_json")

    def __init__(self, handle, framework):
        init_once(self)
        if handle is None:
            raise TypeError("use dii.compare(a, b)")
        self._h = handle  # an owned dii_comparison: freed by the GC
        self._framework = framework
        self._json = None

    @property
    def framework(self):
        """The :class:`Framework` both sides were scored with (side A's object; read-only)."""
        return self._framework

    @property
    def match(self):
        """"unit" or "unit_year": how the sides' results were matched."""
        return _MATCHES[_dii.dii_comparison_match(self._h)]

    @property
    def all_rows(self):
        """True when every indicator is listed, False when only the changed ones."""
        return bool(_dii.dii_comparison_all_rows(self._h))

    @property
    def warnings(self):
        """Warnings every output must carry: A's, then B's that A lacks."""
        h = self._h
        return [_dii.dii_comparison_warning(h, i)
                for i in range(_dii.dii_comparison_warning_count(h))]

    def __len__(self):
        return _dii.dii_comparison_unit_count(self._h)

    def __getitem__(self, i):
        return sequence_item(i, len(self), lambda u: ComparedUnit(self, u), "unit")

    def __iter__(self):
        for u in range(len(self)):
            yield ComparedUnit(self, u)

    def find(self, unit_id, year=None):
        """The :class:`ComparedUnit` with id ``unit_id`` (and, for panels,
        data year ``year`` on either side). Raises :class:`NotFoundError`
        when there is none."""
        for unit in self:
            if unit.id == str(unit_id) and (year is None or year in (unit.year_a, unit.year_b)):
                return unit
        raise NotFoundError(f"no compared unit {unit_id!r}"
                            + ("" if year is None else f" in {year}"), _dii.DII_ERR_NOT_FOUND)

    def to_json(self):
        """The comparison as ``dii-comparison/1`` JSON text (schema
        ``data/schema/comparison.schema.json``), the document ``dii compare
        --format json`` prints for the same sides."""
        if self._json is None:
            status, message, text = call(big(len(self), "items"), _dii.dii_comparison_to_json,
                                        self._h)
            if status < 0:
                _raise(status, message)
            self._json = text
        return self._json

    def to_dict(self):
        """The comparison as a ``dii-comparison/1`` dict (a new one each call)."""
        return json.loads(self.to_json())

    def to_dataframe(self, level="row"):
        """The comparison as a pandas DataFrame.

        ``level="row"`` (default): one row per listed row of every unit
        (:data:`COMPARISON_ROW_COLUMNS`), built in one pass from the
        library's column export: values and points are floats (yes/no
        values 1.0 / 0.0), NaN when absent, as are the deltas; status_a
        and status_b are categoricals (:data:`STATUSES`, NaN when the unit
        is not on that side); the *_changed flags are bools; year_a and
        year_b (the unit's data years, nullable Int64) tell a panel's rows
        apart. ``level="unit"``: one row per compared unit
        (:data:`COMPARISON_UNIT_COLUMNS`): years, ranks and delta_rank are
        nullable Int64 (pd.NA when absent), points, index and their deltas
        floats (NaN when absent), sides a categorical, row_count the
        number of listed rows. unit_id, unit_name, indicator and code are
        categoricals.
        """
        from ._frame import comparison_to_dataframe
        return comparison_to_dataframe(self, level)

    def __repr__(self):
        return (f"<dii.Comparison {len(self)} unit(s) framework={self.framework.id!r} "
                f"match={self.match!r} all_rows={self.all_rows}>")


def _scored(side, name, framework, target_year):
    """A Results as is; anything else scored with framework (TypeError
    when none is known)."""
    if isinstance(side, Results):
        return side
    if framework is None:
        raise TypeError(f"{name} must be a dii.Results (Framework.score), not "
                        f"{type(side).__name__}; to compare submissions, give framework=")
    return framework.score(side, target_year)


def compare(a, b, *, all_rows=False, framework=None, target_year=None):
    """Compares two scorings of the same units with the same framework and
    returns a :class:`Comparison` (docs/compare.md): a province's
    self-assessment (``a``) against the ministry's round (``b``), or one
    year against the next. Per unit: points, index and rank on each side
    and their change B - A (a positive rank change is a worse place); per
    indicator: value, points and compliance on each side, their change and
    what changed. Units found on one side only are kept.

    ``a``, ``b``: :class:`Results` (from :meth:`Framework.score`), or
    submissions in any form :func:`load_submissions` reads, which are
    scored first with ``framework`` (a :class:`Framework` or a built-in
    framework id; required for submissions, and by default the framework
    of the side given as Results) and ``target_year`` (as for
    :meth:`Framework.score`), as ``dii compare --framework F
    --target-year Y A B`` does. ``framework`` and ``target_year`` are for
    scoring only: with two Results they are refused (TypeError) rather
    than ignored. ``all_rows``: False (the default) lists only the changed
    rows of each unit, True every indicator.

    Raises :class:`InvalidArgumentError` (a ValueError), with the library's
    message naming both frameworks, when a and b were scored with
    different frameworks (id, version or indicators); TypeError for an
    ``a`` or ``b`` that is neither Results nor submissions, or an
    ``all_rows`` that is not a bool; what :meth:`Framework.score` raises
    for submissions that cannot be scored. The GIL is released during the
    comparison.
    """
    from ._framework import Framework
    if not isinstance(all_rows, bool):
        raise TypeError(f"all_rows must be a bool, not {type(all_rows).__name__}")
    if isinstance(a, Results) and isinstance(b, Results):
        if framework is not None or target_year is not None:
            raise TypeError("framework= and target_year= are for scoring submissions; "
                            "a and b are already Results")
    elif framework is None:
        framework = next((s.framework for s in (a, b) if isinstance(s, Results)), None)
    elif isinstance(framework, str):
        framework = Framework.builtin(framework)
    elif not isinstance(framework, Framework):
        raise TypeError(f"framework must be a dii.Framework or a built-in framework id, "
                        f"not {type(framework).__name__}")
    ra = _scored(a, "a", framework, target_year)
    rb = _scored(b, "b", framework, target_year)
    status, message, handle = call(big(len(ra) + len(rb), "items"), _dii.dii_compare,
                                   ra._h, rb._h, all_rows)
    if status < 0:
        _raise(status, message)
    return Comparison(handle, ra.framework)
