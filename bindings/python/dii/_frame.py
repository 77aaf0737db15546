"""pandas: long-format DataFrames in, tidy DataFrames out.

pandas and numpy are optional for the package and imported only here, on
first use.
"""

from . import _dii
from ._errors import InvalidArgumentError
from ._results import BASES, GROUP_COLUMNS, OPS, STATUSES, UNIT_COLUMNS

__all__ = ["score_frame", "submissions_from_frame", "results_to_dataframe"]

_REQUIRED = ("unit_id", "year", "indicator", "value")


def _pandas():
    try:
        import numpy
        import pandas
    except ImportError as e:  # pragma: no cover - the tests have pandas
        raise ImportError(f"this needs pandas and numpy ({e})") from e
    return numpy, pandas


def _value_list(np, pd, col):
    """The value column as a list of Python None / bool / int / float."""
    if isinstance(col.dtype, np.dtype) and col.dtype.kind in "fiub":
        return col.tolist()
    # object (mixed), or an extension dtype (Float64, Int64, boolean with pd.NA)
    out = []
    na = pd.NA
    for v in col.tolist():
        if v is None or v is na:
            out.append(None)
        elif isinstance(v, np.generic):
            out.append(v.item())
        else:
            out.append(v)
    return out


def _year_list(np, col):
    if isinstance(col.dtype, np.dtype) and col.dtype.kind in "iu":
        return col.tolist()
    values = col.to_numpy(dtype=object)
    out = []
    for i, y in enumerate(values):
        if isinstance(y, np.generic):
            y = y.item()
        if isinstance(y, float) and y.is_integer():
            y = int(y)
        if not isinstance(y, int) or isinstance(y, bool):
            raise InvalidArgumentError(
                f"row {i}: year {y!r} is not an integer", _dii.DII_ERR_INVALID_ARGUMENT)
        out.append(y)
    return out


def submissions_from_frame(df, *, nan="error", name=None):
    """:class:`dii.Submissions` from a long-format DataFrame.

    Columns: ``unit_id``, ``year``, ``indicator``, ``value`` and optionally
    ``unit_name``, in any order (others are ignored). Rows with the same
    unit_id and year form one submission. A value is a number, a bool, or
    None / pd.NA for a value reported as missing. ``nan="error"`` (default)
    rejects NaN with :class:`InvalidArgumentError` naming the row's unit,
    year and indicator; ``nan="missing"`` reads NaN as missing (pandas'
    usual marker in a float column). Infinity is always rejected.
    """
    from ._submissions import _load_text
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
            f"has the columns unit_id, year, indicator, value (and optionally unit_name)",
            _dii.DII_ERR_INVALID_ARGUMENT)
    units = df["unit_id"].tolist()
    names = df["unit_name"].tolist() if "unit_name" in df.columns else None
    years = _year_list(np, df["year"])
    inds = df["indicator"].tolist()
    values = _value_list(np, pd, df["value"])
    text = _dii.py_csv_from_columns(units, names, years, inds, values, nan == "missing")
    if isinstance(text, int):
        i = text
        raise InvalidArgumentError(
            f"row {i} (unit {units[i]!r}, year {years[i]}, indicator {inds[i]!r}): value "
            f"{values[i]!r} is not a finite number; use None for a value reported as missing "
            f"(or nan='missing' to read NaN so)", _dii.DII_ERR_INVALID_ARGUMENT)
    return _load_text(text, name, (_dii.DII_INPUT_CSV, ",", "."))


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
    subs = submissions_from_frame(df, nan=nan)
    return framework.score(subs, target_year).to_dataframe()


def results_to_dataframe(results, level="indicator"):
    """See :meth:`dii.Results.to_dataframe`."""
    np, pd = _pandas()
    if level == "indicator":
        return _indicator_frame(np, pd, results)
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


def _categorical(pd, values, repeat=1, tile=1):
    """A categorical column from per-result or per-indicator values (None =
    NaN), repeated or tiled through its integer codes: no object array of
    the column's length is ever built."""
    import numpy as np
    index = {}
    codes = np.fromiter((-1 if v is None else index.setdefault(v, len(index)) for v in values),
                        dtype=np.int32, count=len(values))
    if repeat > 1:
        codes = np.repeat(codes, repeat)
    if tile > 1:
        codes = np.tile(codes, tile)
    return pd.Categorical.from_codes(codes, categories=list(index))


def _indicator_frame(np, pd, results):
    t = _dii.py_results_table(results._h)
    n, k = t["n_results"], t["n_indicators"]
    inds = results.framework.indicators
    f8 = np.float64

    def per_result(key, dtype):
        return np.repeat(np.array(t[key], dtype=dtype), k)

    def column(key, dtype):
        return np.frombuffer(t[key], dtype=dtype).copy()

    def enum(key, categories):
        return pd.Categorical.from_codes(np.frombuffer(t[key], dtype=np.int8),
                                         dtype=_enum_dtype(pd, categories))

    data = {
        "unit_id": _categorical(pd, t["unit_id"], repeat=k),
        "unit_name": _categorical(pd, t["unit_name"], repeat=k),
        "year": per_result("year", np.int64),
        "target_year": per_result("target_year", np.int64),
        "group": _categorical(pd, [i.group for i in inds], tile=n),
        "code": _categorical(pd, [i.code for i in inds], tile=n),
        "indicator": _categorical(pd, t["indicator_ids"], tile=n),
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
        "provisional": np.frombuffer(t["provisional"], dtype=np.int8).astype(bool),
        "index": per_result("index", f8),
        "rank": per_result("rank", np.int64),
    }
    # The dict's order is INDICATOR_COLUMNS'; passing columns= costs more than all the rest.
    return pd.DataFrame(data, copy=False)
