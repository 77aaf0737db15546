"""Results: points, index, rank and compliance of scored submissions."""

import json
from typing import NamedTuple, Optional, Union

from . import _dii
from ._calls import big, call
from ._errors import NotFoundError, _raise
from ._types import Target, init_once, sequence_item

__all__ = ["Results", "Result", "GroupScore", "IndicatorScore",
           "STATUSES", "OPS", "BASES", "INDICATOR_COLUMNS", "UNIT_COLUMNS", "GROUP_COLUMNS"]

#: Compliance statuses, in the order of the C enumeration.
STATUSES = ("met", "not_met", "no_target", "missing")
#: Target comparators, in the order of the C enumeration.
OPS = (">=", ">", "<=", "<", "==")
#: Bases of an applied target, in the order of the C enumeration.
BASES = ("exact", "interpolated", "nearest")



def _csv_columns():
    columns = []
    while (name := _dii.dii_results_csv_column(len(columns))) is not None:
        columns.append(name)
    return tuple(columns)


#: Columns of ``Results.to_csv()`` and ``Results.to_dataframe()``: those of
#: ``dii score --format csv``, read from the library (dii_results_csv_column).
INDICATOR_COLUMNS = _csv_columns()
#: Columns of ``Results.to_dataframe(level="unit")``.
UNIT_COLUMNS = (
    "unit_id", "unit_name", "year", "target_year", "points", "max_points", "index", "rank",
    "cohort_size", "met", "not_met", "no_target", "missing",
)
#: Columns of ``Results.to_dataframe(level="group")``.
GROUP_COLUMNS = (
    "unit_id", "unit_name", "year", "target_year", "group", "points", "max_points", "index",
)


class GroupScore(NamedTuple):
    """A group's points in one result."""

    id: str
    points: float
    max_points: float
    index: float


class IndicatorScore(NamedTuple):
    """One indicator's outcome in one result.

    Attributes:
        id, code, group: the indicator (code may be None).
        value: the value scored (a bool for a yes/no indicator), or None
            when missing.
        points, max_points: points earned and available (max_points is 0
            when a missing value is excluded).
        attainment: in [0, 1]; points = attainment x the indicator's points.
        status: "met", "not_met", "no_target" or "missing".
        target: the target that applied (a :class:`Target` with its basis),
            or None.
        gap: target - value (value - target when lower is better; 0 or less
            means reached), or None.
        progress: (value - baseline) / (target - baseline), unclamped, or None.
        provisional: True when the indicator is provisional.
    """

    id: str
    code: Optional[str]
    group: str
    value: Union[float, bool, None]
    points: float
    max_points: float
    attainment: float
    status: str
    target: Optional[Target]
    gap: Optional[float]
    progress: Optional[float]
    provisional: bool


def _indicator_entry(s):
    """An IndicatorScore as an entry of a result's ``indicators`` list in
    ``dii-result/1`` (the fields and order of lib/result_json.c)."""
    target = s.target
    return {
        "id": s.id, "code": s.code, "group": s.group, "value": s.value,
        "points": s.points, "max_points": s.max_points, "attainment": s.attainment,
        "status": s.status,
        "target": None if target is None else {
            "year": target.year, "op": target.op, "value": target.value, "basis": target.basis},
        "gap": s.gap, "progress": s.progress, "provisional": s.provisional,
    }


class Result:
    """One submission's result (borrowed: keeps its :class:`Results` alive).

    A :class:`Tracking`'s trajectory and projected scores are Results too;
    those keep their Tracking alive (``result.results`` is the Tracking).

    Attributes:
        unit_id, unit_name: the unit (unit_name may be None).
        year: the data's year; target_year: the year whose targets applied.
        points, max_points, index: totals; index = points / max_points at
            full precision.
        rank: standard competition rank (1, 2, 2, 4) within the cohort of
            ``cohort_size`` results with the same target year.
        compliance: {"met": n, "not_met": n, "no_target": n, "missing": n}.
        groups: list of :class:`GroupScore`, in framework order.
        indicators: list of :class:`IndicatorScore`, in framework order.
    """

    # The handle points into the results' memory: they must outlive this
    # object, so the reference to them is read-only (a property without a
    # setter over a private slot; no public name can drop it).
    __slots__ = ("_results", "_h", "_i")

    def __init__(self, results, handle, i):
        init_once(self)
        self._results = results
        self._h = handle
        self._i = i

    @property
    def results(self):
        """The :class:`Results` (or :class:`Tracking`) this result belongs to (read-only)."""
        return self._results

    @property
    def unit_id(self):
        """The unit's id."""
        return _dii.dii_result_unit_id(self._h)

    @property
    def unit_name(self):
        """The unit's name, or None."""
        return _dii.dii_result_unit_name(self._h)

    @property
    def year(self):
        """The data's year."""
        return _dii.dii_result_year(self._h)

    @property
    def target_year(self):
        """The year whose targets applied."""
        return _dii.dii_result_target_year(self._h)

    @property
    def points(self):
        """Total points."""
        return _dii.dii_result_points(self._h)

    @property
    def max_points(self):
        """Maximum points (less excluded missing indicators under "exclude")."""
        return _dii.dii_result_max_points(self._h)

    @property
    def index(self):
        """points / max_points, at full precision (0 when max_points is 0)."""
        return _dii.dii_result_index(self._h)

    @property
    def rank(self):
        """Standard competition rank (1, 2, 2, 4) within the cohort."""
        return _dii.dii_result_rank(self._h)

    @property
    def cohort_size(self):
        """Number of results in the cohort the rank is within."""
        return _dii.dii_result_cohort_size(self._h)

    @property
    def compliance(self):
        """{"met": n, "not_met": n, "no_target": n, "missing": n}."""
        h = self._h
        return {name: _dii.dii_result_compliance_count(h, code)
                for code, name in enumerate(STATUSES)}

    @property
    def groups(self):
        """The groups' points, a list of :class:`GroupScore` in framework order."""
        h = self._h
        return [GroupScore(_dii.dii_result_group_id(h, g), _dii.dii_result_group_points(h, g),
                           _dii.dii_result_group_max_points(h, g),
                           _dii.dii_result_group_index(h, g))
                for g in range(_dii.dii_result_group_count(h))]

    def _indicator(self, k, ind):
        h = self._h
        boolean = ind.is_boolean
        has, value = _dii.dii_result_indicator_value(h, k)
        if has and boolean:
            value = value != 0
        has_t, tyear, op, tvalue, basis = _dii.dii_result_indicator_target(h, k)
        target = (Target(tyear, OPS[op], tvalue != 0 if boolean else tvalue, BASES[basis])
                  if has_t else None)
        has_gap, gap = _dii.dii_result_indicator_gap(h, k)
        has_p, progress = _dii.dii_result_indicator_progress(h, k)
        return IndicatorScore(
            _dii.dii_result_indicator_id(h, k), ind.code, ind.group,
            value if has else None,
            _dii.dii_result_indicator_points(h, k),
            _dii.dii_result_indicator_max_points(h, k),
            _dii.dii_result_indicator_attainment(h, k),
            STATUSES[_dii.dii_result_indicator_compliance(h, k)],
            target,
            gap if has_gap else None,
            progress if has_p else None,
            bool(_dii.dii_result_indicator_provisional(h, k)))

    @property
    def indicators(self):
        """Every indicator's outcome, a list of :class:`IndicatorScore` in framework order."""
        inds = self.results.framework.indicators
        return [self._indicator(k, ind) for k, ind in enumerate(inds)]

    def indicator(self, key):
        """The :class:`IndicatorScore` of the indicator with id (or code) ``key``."""
        ind = self.results.framework.indicator(key)
        return self._indicator(ind.index, ind)

    def to_dict(self):
        """This result as one entry of ``dii-result/1``'s ``results`` list
        (equal to ``results.to_dict()["results"][i]``; numbers are floats).

        Built from this result's own figures, so that it costs the same
        whatever the size of its :class:`Results` (it used to parse the whole
        document each call).
        """
        return {
            "unit": {"id": self.unit_id, "name": self.unit_name},
            "year": self.year,
            "target_year": self.target_year,
            "points": self.points,
            "max_points": self.max_points,
            "index": self.index,
            "rank": self.rank or None,  # 0: unranked, null in the document
            "compliance": self.compliance,
            "groups": [{"id": g.id, "points": g.points, "max_points": g.max_points,
                        "index": g.index} for g in self.groups],
            "indicators": [_indicator_entry(s) for s in self.indicators],
        }

    def __repr__(self):
        return (f"<dii.Result unit={self.unit_id!r} year={self.year} "
                f"target_year={self.target_year} points={self.points:.4f}/"
                f"{self.max_points:g} index={self.index:.4f} rank={self.rank}>")


class Results:
    """The results of one :meth:`Framework.score` call.

    A sequence of :class:`Result`, one per submission in input order.

    Attributes:
        framework: the :class:`Framework` that scored them.
        warnings: what every output of these results must carry (a
            provisional framework or indicator), a list of str.
        diagnostics: the warnings validation found (the input had no
            error, or it would not have been scored).
    """

    __slots__ = ("_h", "_diagnostics", "_framework", "_json")

    def __init__(self, handle, diagnostics, framework):
        init_once(self)
        self._h = handle  # an owned dii_results: freed by the GC
        self._diagnostics = diagnostics
        self._framework = framework
        self._json = None

    @property
    def framework(self):
        """The :class:`Framework` that scored these results (read-only)."""
        return self._framework

    @property
    def diagnostics(self):
        """The warnings validation found, a :class:`Diagnostics` (read-only)."""
        return self._diagnostics

    def __len__(self):
        return _dii.dii_results_count(self._h)

    def __getitem__(self, i):
        return sequence_item(i, len(self),
                             lambda j: Result(self, _dii.dii_results_get(self._h, j), j), "result")

    def __iter__(self):
        for i in range(len(self)):
            yield Result(self, _dii.dii_results_get(self._h, i), i)

    def find(self, unit_id, year=None):
        """The result of unit ``unit_id`` (and ``year``, when several).
        Raises :class:`NotFoundError` when there is none."""
        for r in self:
            if r.unit_id == str(unit_id) and (year is None or r.year == year):
                return r
        raise NotFoundError(f"no result for unit {unit_id!r}"
                            + ("" if year is None else f" in {year}"), _dii.DII_ERR_NOT_FOUND)

    @property
    def warnings(self):
        """Warnings every output of these results must carry (a provisional framework or indicator)."""
        h = self._h
        return [_dii.dii_results_warning(h, i) for i in range(_dii.dii_results_warning_count(h))]

    def to_json(self):
        """The results as ``dii-result/1`` JSON text, exactly what ``dii
        score --format json`` prints for the same input."""
        if self._json is None:
            status, message, text = call(big(len(self), "items"), _dii.dii_results_to_json,
                                        self._h)
            if status < 0:
                _raise(status, message)
            self._json = text
        return self._json

    def to_csv(self, header=True):
        """The results as CSV text, exactly what ``dii score --format csv``
        prints for the same input: one row per unit x indicator, the columns
        :data:`INDICATOR_COLUMNS`, CRLF line ends, numbers written as
        :meth:`to_json` writes them. ``header=False`` leaves out the header
        row (to append several sets of results to one table). Write it with
        ``open(path, "w", newline="")`` to keep the CRLFs as they are."""
        flags = 0 if header else _dii.DII_RESULTS_CSV_NO_HEADER
        status, message, text = call(big(len(self), "items"), _dii.dii_results_to_csv, self._h,
                                     flags)
        if status < 0:
            _raise(status, message)
        return text

    def to_dict(self):
        """The results as a ``dii-result/1`` dict (a new one each call)."""
        return json.loads(self.to_json())

    def to_dataframe(self, level="indicator"):
        """The results as a pandas DataFrame.

        ``level="indicator"`` (default): one row per unit x indicator, the
        columns of ``dii score --format csv`` (:data:`INDICATOR_COLUMNS`):
        value and target_value are floats (yes/no as 1.0 / 0.0) and NaN
        when absent, as are gap and progress; status, target_op and
        target_basis are categoricals; index and rank repeat the unit's.
        ``level="unit"``: one row per result (:data:`UNIT_COLUMNS`).
        ``level="group"``: one row per result x group (:data:`GROUP_COLUMNS`).
        """
        from ._frame import results_to_dataframe
        return results_to_dataframe(self, level)

    def __repr__(self):
        return f"<dii.Results {len(self)} result(s) framework={self.framework.id!r}>"
