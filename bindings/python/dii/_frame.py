"""pandas: long-format DataFrames in, tidy DataFrames out.

pandas and numpy are optional for the package and imported only here, on
first use.
"""

from . import _dii
from ._calls import big, call
from ._errors import InvalidArgumentError
from ._results import BASES, GROUP_COLUMNS, INDICATOR_COLUMNS, OPS, STATUSES, UNIT_COLUMNS

__all__ = ["score_frame", "submissions_from_frame", "results_to_dataframe",
           "tracking_to_dataframe", "comparison_to_dataframe"]

_REQUIRED = ("unit_id", "year", "indicator", "value")


def _pandas():
    try:
        import numpy
        import pandas
    except ImportError as e:  # pragma: no cover - the tests have pandas
        raise ImportError(f"this needs pandas and numpy ({e})") from e
    return numpy, pandas


def _year_array(np, col):
    """The year column as int64; floats only when whole, nothing else."""
    if isinstance(col.dtype, np.dtype) and col.dtype.kind == "i":
        return np.ascontiguousarray(col.to_numpy(), dtype=np.int64)
    values = col.to_numpy(dtype=object)
    out = np.empty(len(values), dtype=np.int64)
    for i, y in enumerate(values):
        if isinstance(y, np.generic):
            y = y.item()
        if isinstance(y, float) and y.is_integer():
            y = int(y)
        if not isinstance(y, int) or isinstance(y, bool):
            raise InvalidArgumentError(
                f"row {i}: year {y!r} is not an integer", _dii.DII_ERR_INVALID_ARGUMENT)
        if not -2**63 <= y < 2**63:
            raise InvalidArgumentError(f"row {i}: year {y} is out of range",
                                       _dii.DII_ERR_INVALID_ARGUMENT)
        out[i] = y
    return out


def _value_arrays(np, pd, col):
    """(numbers as float64, kinds as uint8 or None for all numbers, first
    row holding NaN or an infinity or None). Booleans are 1.0 / 0.0 with
    their kind; None and pd.NA are missing; NaN is left to the caller."""
    dtype = col.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "fiu":
        numbers = np.ascontiguousarray(col.to_numpy(), dtype=np.float64)
        return numbers, None
    if isinstance(dtype, np.dtype) and dtype.kind == "b":
        numbers = col.to_numpy().astype(np.float64)
        return numbers, np.full(len(numbers), _dii.DII_VALUE_BOOLEAN, dtype=np.uint8)
    # object (mixed), or an extension dtype (Float64, Int64, boolean with pd.NA)
    items = col.tolist()
    numbers = np.zeros(len(items), dtype=np.float64)
    kinds = np.zeros(len(items), dtype=np.uint8)
    na = pd.NA
    for i, v in enumerate(items):
        if isinstance(v, np.generic):
            v = v.item()
        if v is None or v is na:
            kinds[i] = _dii.DII_VALUE_MISSING
        elif isinstance(v, bool):
            kinds[i], numbers[i] = _dii.DII_VALUE_BOOLEAN, v
        elif isinstance(v, (int, float)) and abs(v) <= 1.7976931348623157e308:
            numbers[i] = v
        elif isinstance(v, (int, float)):
            numbers[i] = v if isinstance(v, float) else float("inf")  # refused below
        else:
            raise InvalidArgumentError(f"row {i}: value {v!r} is neither a number, a bool "
                                       f"nor None", _dii.DII_ERR_INVALID_ARGUMENT)
    return numbers, kinds


def _refuse_non_finite(np, numbers, kinds, nan, df):
    """NaN as missing (nan="missing") or refused, infinity refused, naming
    the first such row. Returns the kinds, with NaN rows missing."""
    finite = np.isfinite(numbers)
    if kinds is not None:
        finite |= kinds == _dii.DII_VALUE_MISSING
    if finite.all():
        return kinds
    bad = ~finite
    if nan == "missing":
        bad &= ~np.isnan(numbers)
    if bad.any():
        i = int(np.argmax(bad))
        row = df.iloc[i]
        raise InvalidArgumentError(
            f"row {i} (unit {row['unit_id']!r}, year {row['year']}, indicator "
            f"{row['indicator']!r}): value {float(numbers[i])!r} is not a finite number; use "
            f"None for a value reported as missing (or nan='missing' to read NaN so)",
            _dii.DII_ERR_INVALID_ARGUMENT)
    if kinds is None:
        kinds = np.zeros(len(numbers), dtype=np.uint8)
    kinds[np.isnan(numbers) & (kinds == _dii.DII_VALUE_NUMBER)] = _dii.DII_VALUE_MISSING
    return kinds


def submissions_from_frame(df, *, nan="error", name=None):
    """:class:`dii.Submissions` from a long-format DataFrame.

    Columns: ``unit_id``, ``year``, ``indicator``, ``value`` and optionally
    ``unit_name`` and ``source``, in any order (others are ignored). Rows
    with the same unit_id and year form one submission. A value is a
    number, a bool, or None / pd.NA for a value reported as missing.
    ``nan="error"`` (default) rejects NaN with :class:`InvalidArgumentError`
    naming the row's unit, year and indicator; ``nan="missing"`` reads NaN
    as missing (pandas' usual marker in a float column). Infinity is always
    rejected. The columns go to the library as they are
    (``dii_submissions_from_columns``): no text is written or parsed, texts
    are not trimmed, and a diagnostic's ``line`` is the row's position
    (``iloc``) + 1.
    """
    from ._submissions import _submissions_from_load
    np, pd = _pandas()
    if nan not in ("error", "missing"):
        raise InvalidArgumentError(f"nan must be 'error' or 'missing', not {nan!r}",
                                   _dii.DII_ERR_INVALID_ARGUMENT)
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, not {type(df).__name__}")
    absent = [c for c in _REQUIRED if c not in df.columns]
    if absent:
        raise InvalidArgumentError(
            f"the DataFrame has no column {', '.join(map(repr, absent))}; a long-format frame "
            f"has the columns unit_id, year, indicator, value (and optionally unit_name, "
            f"source)", _dii.DII_ERR_INVALID_ARGUMENT)
    numbers, kinds = _value_arrays(np, pd, df["value"])
    kinds = _refuse_non_finite(np, numbers, kinds, nan, df)
    # Text columns go as objects; the helper reads None, NaN and pd.NA as absent.
    optional = [df[c].tolist() if c in df.columns else None for c in ("unit_name", "source")]
    try:
        loaded = call(
            big(len(df), "rows"), _dii.py_submissions_from_columns,
            df["unit_id"].tolist(), optional[0], optional[1], _year_array(np, df["year"]),
            df["indicator"].tolist(), numbers, kinds, pd.NA, name)
    except ValueError as e:
        raise InvalidArgumentError(str(e), _dii.DII_ERR_INVALID_ARGUMENT) from None
    return _submissions_from_load(loaded)


def score_frame(df, framework, target_year=None, *, nan="error"):
    """Scores a long-format DataFrame and returns a tidy DataFrame.

    ``df`` has the columns ``unit_id``, ``year``, ``indicator``, ``value``
    (optionally ``unit_name``), one row per unit x year x indicator, as
    :func:`submissions_from_frame` reads it. ``framework`` is a
    :class:`dii.Framework` or a built-in framework id. ``target_year`` as
    for :meth:`Framework.score`. Returns ``results.to_dataframe()``: one row
    per unit x year x indicator with the columns of
    :data:`dii.INDICATOR_COLUMNS`. Raises :class:`ValidationError` (with
    every problem) for invalid data.
    """
    from ._framework import Framework
    if not isinstance(framework, Framework):
        framework = Framework.builtin(framework)
    np, pd = _pandas()
    subs = submissions_from_frame(df, nan=nan)
    results = framework.score(subs, target_year)
    table = _dii.py_results_table(results._h)
    # The submissions and results are freed before the frame is built, so
    # that it can reuse their memory: memory the process has to be given
    # afresh costs a page fault per page, which after a large pandas step
    # (whose memory malloc returns to the system) is most of the time here.
    del subs, results
    return _table_frame(np, pd, table, framework)


def results_to_dataframe(results, level="indicator"):
    """See :meth:`dii.Results.to_dataframe`."""
    np, pd = _pandas()
    if level == "indicator":
        return _table_frame(np, pd, _dii.py_results_table(results._h), results.framework)
    if level == "unit":
        t = _dii.py_results_table(results._h)
        return pd.DataFrame({c: t[c] for c in UNIT_COLUMNS}, columns=list(UNIT_COLUMNS))
    if level == "group":
        rows = {c: [] for c in GROUP_COLUMNS}
        for r in results:
            head = (r.unit_id, r.unit_name, r.year, r.target_year)
            for g in r.groups:
                for c, v in zip(GROUP_COLUMNS, head + (g.id, g.points, g.max_points, g.index)):
                    rows[c].append(v)
        return pd.DataFrame(rows, columns=list(GROUP_COLUMNS))
    raise ValueError(f"level must be 'indicator', 'unit' or 'group', not {level!r}")


_ENUM_DTYPES = {}


def _enum_dtype(pd, categories):
    """The CategoricalDtype of an enumeration (status, op, basis), made once."""
    dtype = _ENUM_DTYPES.get(categories)
    if dtype is None:
        dtype = _ENUM_DTYPES[categories] = pd.CategoricalDtype(list(categories))
    return dtype


def _categorical(pd, values, repeat=1):
    """A categorical column from per-result values (None = NaN), repeated
    through its integer codes: no object array of the column's length is
    ever built."""
    import numpy as np
    index = {}
    codes = np.fromiter((-1 if v is None else index.setdefault(v, len(index)) for v in values),
                        dtype=np.int32, count=len(values))
    dtype = pd.CategoricalDtype(list(index))
    return pd.Categorical.from_codes(np.repeat(codes, repeat), dtype=dtype)


def _framework_columns(np, pd, framework):
    """For the group, code and indicator columns: each one's categorical
    dtype and the code of every indicator in it, made once per framework."""
    cached = framework._frame_columns
    if cached is None:
        inds = framework.indicators
        cached = {}
        for column, values in (("group", [i.group for i in inds]), ("code", [i.code for i in inds]),
                               ("indicator", [i.id for i in inds])):
            index = {}
            codes = np.array([-1 if v is None else index.setdefault(v, len(index))
                              for v in values], dtype=np.int32)
            cached[column] = (pd.CategoricalDtype(list(index)), codes)
        framework._frame_columns = cached
    return cached


def _table_frame(np, pd, t, framework):
    """The tidy indicator-level frame from py_results_table's columns."""
    n, k = t["n_results"], t["n_indicators"]
    per_framework = _framework_columns(np, pd, framework)
    f8 = np.float64

    def per_result(key, dtype):
        return np.repeat(np.array(t[key], dtype=dtype), k)

    def column(key, dtype):
        return np.frombuffer(t[key], dtype=dtype)

    def enum(key, categories):
        return pd.Categorical.from_codes(np.frombuffer(t[key], dtype=np.int8),
                                         dtype=_enum_dtype(pd, categories))

    def tiled(key):
        dtype, codes = per_framework[key]
        return pd.Categorical.from_codes(np.tile(codes, n), dtype=dtype)

    data = {
        "unit_id": _categorical(pd, t["unit_id"], repeat=k),
        "unit_name": _categorical(pd, t["unit_name"], repeat=k),
        "year": per_result("year", np.int64),
        "target_year": per_result("target_year", np.int64),
        "group": tiled("group"),
        "code": tiled("code"),
        "indicator": tiled("indicator"),
        "value": column("value", f8),
        "target_op": enum("target_op", OPS),
        "target_value": column("target_value", f8),
        "target_basis": enum("target_basis", BASES),
        "status": enum("status", STATUSES),
        "attainment": column("attainment", f8),
        "points": column("points_k", f8),
        "max_points": column("max_points_k", f8),
        "gap": column("gap", f8),
        "progress": column("progress", f8),
        "provisional": np.frombuffer(t["provisional"], dtype=np.bool_),
        "index": per_result("index", f8),
        "rank": per_result("rank", np.int64),
    }
    # In the library's column order (a column it adds and this dict lacks
    # fails here); reordering the dict, not passing columns=, which costs
    # more than all the rest.
    return pd.DataFrame({c: data[c] for c in INDICATOR_COLUMNS}, copy=False)


def _unit_frame(pd, results):
    """The UNIT_COLUMNS frame of any iterable of Result (a tracking's
    trajectory or projected scores): one row per result."""
    rows = {c: [] for c in UNIT_COLUMNS}
    for r in results:
        compliance = r.compliance
        values = (r.unit_id, r.unit_name, r.year, r.target_year, r.points, r.max_points,
                  r.index, r.rank, r.cohort_size, compliance["met"], compliance["not_met"],
                  compliance["no_target"], compliance["missing"])
        for c, v in zip(UNIT_COLUMNS, values):
            rows[c].append(v)
    return pd.DataFrame(rows, columns=list(UNIT_COLUMNS))


def _optional_years(np, pd, raw):
    """Years of an int32 column where 0 means absent, as nullable Int64 (pd.NA)."""
    years = np.frombuffer(raw, dtype=np.int32).astype(np.int64)
    return pd.arrays.IntegerArray(years, years == 0)


def _per_item_categorical(np, pd, values, index):
    """A categorical column whose row r is values[index[r]] (None = NaN),
    built from integer codes."""
    positions = {}
    codes = np.array([-1 if v is None else positions.setdefault(v, len(positions))
                      for v in values], dtype=np.int32)
    return pd.Categorical.from_codes(codes[index], dtype=pd.CategoricalDtype(list(positions)))


def _tracking_text_columns(np, pd, t, unit, indicator):
    """unit_id, unit_name, indicator and code for rows whose unit and
    indicator indices are the arrays `unit` and `indicator`."""
    return {
        "unit_id": _per_item_categorical(np, pd, t["unit_id"], unit),
        "unit_name": _per_item_categorical(np, pd, t["unit_name"], unit),
        "indicator": _per_item_categorical(np, pd, t["indicator_id"], indicator),
        "code": _per_item_categorical(np, pd, t["indicator_code"], indicator),
    }


def _milestone_frame(np, pd, t):
    f8 = np.float64

    def column(key, dtype):
        return np.frombuffer(t[key], dtype=dtype)

    def enum(key, categories):
        return pd.Categorical.from_codes(column(key, np.int8), dtype=_enum_dtype(pd, categories))

    from ._tracking import TRACK_STATUSES
    data = _tracking_text_columns(np, pd, t, column("unit", np.uintp),
                                  column("indicator", np.uintp))
    data.update({
        "milestone": column("year", np.int32).astype(np.int64),
        "start_year": _optional_years(np, pd, t["start_year"]),
        "start_value": column("start_value", f8),
        "latest_year": _optional_years(np, pd, t["latest_year"]),
        "latest_value": column("latest_value", f8),
        "observed_pace": column("observed_pace", f8),
        "target_op": enum("target_op", OPS),
        "target_value": column("target_value", f8),
        "target_basis": enum("target_basis", BASES),
        "required_pace": column("required_pace", f8),
        "pace_ratio": column("pace_ratio", f8),
        "status": enum("status", TRACK_STATUSES),
        "projection": column("projection", f8),
        "expected_year": _optional_years(np, pd, t["expected_year"]),
    })
    return pd.DataFrame(data, copy=False)


def _track_indicator_frame(np, pd, t):
    n_units, k = t["n_units"], t["n_indicators"]
    unit = np.repeat(np.arange(n_units, dtype=np.intp), k)
    indicator = np.tile(np.arange(k, dtype=np.intp), n_units)
    data = _tracking_text_columns(np, pd, t, unit, indicator)
    data.update({
        "start_year": _optional_years(np, pd, t["ind_start_year"]),
        "start_value": np.frombuffer(t["ind_start_value"], dtype=np.float64),
        "latest_year": _optional_years(np, pd, t["ind_latest_year"]),
        "latest_value": np.frombuffer(t["ind_latest_value"], dtype=np.float64),
        "observed_pace": np.frombuffer(t["ind_observed_pace"], dtype=np.float64),
        "point_count": np.frombuffer(t["ind_point_count"], dtype=np.uintp).astype(np.int64),
    })
    return pd.DataFrame(data, copy=False)


def tracking_to_dataframe(tracking, level="milestone"):
    """See :meth:`dii.Tracking.to_dataframe`."""
    np, pd = _pandas()
    if level == "milestone":
        return _milestone_frame(np, pd, _dii.py_tracking_table(tracking._h))
    if level == "indicator":
        return _track_indicator_frame(np, pd, _dii.py_tracking_table(tracking._h))
    if level == "year":
        return _unit_frame(pd, (r for unit in tracking for r in unit.years))
    if level == "projection":
        return _unit_frame(pd, (r for unit in tracking for r in unit.projected))
    raise ValueError(f"level must be 'milestone', 'indicator', 'year' or 'projection', "
                     f"not {level!r}")


def _optional_ints(np, pd, raw, absent):
    """An int32 column as nullable Int64, pd.NA where the mask ``absent`` is set."""
    values = np.frombuffer(raw, dtype=np.int32).astype(np.int64)
    return pd.arrays.IntegerArray(values, np.asarray(absent, dtype=np.bool_))


def _comparison_row_frame(np, pd, t):
    f8 = np.float64

    def column(key, dtype):
        return np.frombuffer(t[key], dtype=dtype)

    def flag(key):
        return column(key, np.uint8).astype(np.bool_)

    def status(key):
        return pd.Categorical.from_codes(column(key, np.int8), dtype=_enum_dtype(pd, STATUSES))

    unit = column("unit", np.uintp)
    years = {}
    for side in ("a", "b"):
        on = np.frombuffer(t["u_on_" + side], dtype=np.uint8).astype(np.bool_)
        per_unit = np.frombuffer(t["u_year_" + side], dtype=np.int32).astype(np.int64)
        years["year_" + side] = pd.arrays.IntegerArray(per_unit[unit], ~on[unit])
    data = _tracking_text_columns(np, pd, t, unit, column("indicator", np.uintp))
    data = {"unit_id": data["unit_id"], "unit_name": data["unit_name"], **years,
            "indicator": data["indicator"], "code": data["code"]}
    data.update({
        "value_a": column("value_a", f8),
        "value_b": column("value_b", f8),
        "delta_value": column("delta_value", f8),
        "value_changed": flag("value_changed"),
        "points_a": column("points_a", f8),
        "points_b": column("points_b", f8),
        "delta_points": column("delta_points", f8),
        "points_changed": flag("points_changed"),
        "status_a": status("status_a"),
        "status_b": status("status_b"),
        "status_changed": flag("status_changed"),
        "changed": flag("changed"),
    })
    return pd.DataFrame(data, copy=False)


def _comparison_unit_frame(np, pd, t, row_counts):
    from ._compare import COMPARE_SIDES
    f8 = np.float64
    n = t["n_units"]
    on_a = np.frombuffer(t["u_on_a"], dtype=np.uint8).astype(np.bool_)
    on_b = np.frombuffer(t["u_on_b"], dtype=np.uint8).astype(np.bool_)
    both = on_a & on_b
    ranks = {s: np.frombuffer(t["u_rank_" + s], dtype=np.int32) for s in ("a", "b")}
    # 0 both, 1 a only, 2 b only (COMPARE_SIDES)
    sides = np.where(both, 0, np.where(on_a, 1, 2)).astype(np.int8)
    index = np.arange(n, dtype=np.intp)
    data = {
        "unit_id": _per_item_categorical(np, pd, t["unit_id"], index),
        "unit_name": _per_item_categorical(np, pd, t["unit_name"], index),
        "sides": pd.Categorical.from_codes(sides, dtype=_enum_dtype(pd, COMPARE_SIDES)),
        "year_a": _optional_ints(np, pd, t["u_year_a"], ~on_a),
        "year_b": _optional_ints(np, pd, t["u_year_b"], ~on_b),
        "target_year_a": _optional_ints(np, pd, t["u_target_year_a"], ~on_a),
        "target_year_b": _optional_ints(np, pd, t["u_target_year_b"], ~on_b),
        "points_a": np.frombuffer(t["u_points_a"], dtype=f8),
        "points_b": np.frombuffer(t["u_points_b"], dtype=f8),
        "delta_points": np.frombuffer(t["u_delta_points"], dtype=f8),
        "index_a": np.frombuffer(t["u_index_a"], dtype=f8),
        "index_b": np.frombuffer(t["u_index_b"], dtype=f8),
        "delta_index": np.frombuffer(t["u_delta_index"], dtype=f8),
        # rank 0: unranked, null in the document as in Result.to_dict
        "rank_a": _optional_ints(np, pd, t["u_rank_a"], ~on_a | (ranks["a"] == 0)),
        "rank_b": _optional_ints(np, pd, t["u_rank_b"], ~on_b | (ranks["b"] == 0)),
        "delta_rank": _optional_ints(np, pd, t["u_delta_rank"], ~both),
        "changed": np.frombuffer(t["u_changed"], dtype=np.uint8).astype(np.bool_),
        "row_count": row_counts,
    }
    return pd.DataFrame(data, copy=False)


def comparison_to_dataframe(comparison, level="row"):
    """See :meth:`dii.Comparison.to_dataframe`."""
    np, pd = _pandas()
    if level not in ("row", "unit"):
        raise ValueError(f"level must be 'row' or 'unit', not {level!r}")
    t = call(big(len(comparison), "items"), _dii.py_comparison_table, comparison._h)
    if level == "row":
        return _comparison_row_frame(np, pd, t)
    units = np.frombuffer(t["unit"], dtype=np.uintp).astype(np.intp)
    row_counts = np.bincount(units, minlength=t["n_units"]).astype(np.int64)
    return _comparison_unit_frame(np, pd, t, row_counts)
