"""pandas: score_frame and to_dataframe."""

import math

import numpy as np
import pandas as pd
import pytest

import dii
from conftest import DIEN_BIEN, synthetic_dicts, synthetic_frame


def test_to_dataframe_matches_attributes(fw, example_subs):
    results = fw.score(example_subs, target_year=2023)
    df = results.to_dataframe()
    assert list(df.columns) == list(dii.INDICATOR_COLUMNS)
    assert len(df) == 23
    r = results[0]
    for row, ind in zip(df.itertuples(index=False), r.indicators):
        assert row.indicator == ind.id and row.code == ind.code and row.group == ind.group
        assert row.status == ind.status and row.points == ind.points
        assert row.attainment == ind.attainment and row.max_points == ind.max_points
        assert row.value == (float(ind.value) if ind.value is not None else row.value)
        assert row.target_value == float(ind.target.value)
        assert row.target_op == ind.target.op and row.target_basis == ind.target.basis
        assert (math.isnan(row.progress) if ind.progress is None else row.progress == ind.progress)
        assert row.index == r.index and row.rank == r.rank
    assert df["status"].dtype == "category"
    assert (df["status"] == "met").sum() == 8
    assert df["year"].dtype == np.int64 and df["provisional"].dtype == bool
    df.loc[0, "points"] = 0  # a normal, writable frame


def test_unit_and_group_levels(fw):
    results = fw.score(synthetic_dicts(fw, n_units=5, years=[2023, 2024]))
    units = results.to_dataframe("unit")
    assert list(units.columns) == list(dii.UNIT_COLUMNS) and len(units) == 10
    assert list(units["rank"]) == [r.rank for r in results]
    assert (units[["met", "not_met", "no_target", "missing"]].sum(axis=1) == 23).all()
    groups = results.to_dataframe("group")
    assert list(groups.columns) == list(dii.GROUP_COLUMNS) and len(groups) == 40
    with pytest.raises(ValueError):
        results.to_dataframe("province")


def test_score_frame_equals_score_of_the_same_data(fw):
    df = synthetic_frame(fw, n_units=6, years=[2022, 2023, 2025])
    tidy = dii.score_frame(df, fw)
    via_dicts = fw.score(synthetic_dicts(fw, n_units=6, years=[2022, 2023, 2025])).to_dataframe()
    pd.testing.assert_frame_equal(tidy, via_dicts)
    assert len(tidy) == 6 * 3 * 23
    tidy_2025 = dii.score_frame(df, DIEN_BIEN, target_year=2025)
    assert set(tidy_2025["target_year"]) == {2025}


def test_score_frame_dtypes_and_columns(fw):
    df = synthetic_frame(fw, n_units=3, years=[2024])
    # a float column without booleans, int32 years, no unit_name, extra columns
    numeric = df[df["indicator"] != "ai_blockchain_iot_deployed"].copy()
    numeric["value"] = numeric["value"].astype(np.float64)
    numeric["year"] = numeric["year"].astype(np.int32)
    numeric = numeric.drop(columns=["unit_name"]).assign(note="x")
    tidy = dii.score_frame(numeric, fw)
    assert tidy["unit_name"].isna().all()
    assert (tidy.loc[tidy.indicator == "ai_blockchain_iot_deployed", "status"] == "missing").all()
    # numpy scalars in an object column, pd.NA as missing, nullable dtypes
    obj = df.copy()
    obj["value"] = [np.bool_(v) if isinstance(v, bool) else np.float64(v) for v in df["value"]]
    obj.loc[0, "value"] = pd.NA
    tidy_obj = dii.score_frame(obj, fw)
    assert tidy_obj.loc[0, "status"] == "missing"
    ints = pd.DataFrame({"unit_id": [1, 2], "year": pd.array([2024, 2024], dtype="Int64"),
                         "indicator": ["provincial_cloud_data_centres"] * 2,
                         "value": pd.array([1, None], dtype="Int64")})
    tidy_ints = dii.score_frame(ints, fw)
    first = tidy_ints[tidy_ints.indicator == "provincial_cloud_data_centres"]
    assert list(first["unit_id"]) == ["1", "2"] and first["value"].iloc[0] == 1.0
    assert first["status"].iloc[1] == "missing"


def test_score_frame_nan(fw):
    df = synthetic_frame(fw, n_units=2, years=[2024])
    df = df[df.indicator != "ai_blockchain_iot_deployed"].reset_index(drop=True)
    df["value"] = df["value"].astype(np.float64)
    df.loc[3, "value"] = np.nan
    with pytest.raises(dii.InvalidArgumentError) as e:
        dii.score_frame(df, fw)
    msg = str(e.value)
    assert "row 3" in msg and "'U01'" in msg and "2024" in msg and df.loc[3, "indicator"] in msg
    tidy = dii.score_frame(df, fw, nan="missing")
    assert tidy.loc[3, "status"] == "missing"
    df.loc[3, "value"] = np.inf
    with pytest.raises(dii.InvalidArgumentError):
        dii.score_frame(df, fw, nan="missing")
    with pytest.raises(dii.InvalidArgumentError):
        dii.score_frame(df, fw, nan="zero")


def test_score_frame_bad_frames(fw):
    with pytest.raises(dii.InvalidArgumentError) as e:
        dii.score_frame(pd.DataFrame({"unit": ["1"], "year": [2024]}), fw)
    assert "'unit_id'" in str(e.value) and "'indicator'" in str(e.value)
    with pytest.raises(dii.InvalidArgumentError):
        dii.score_frame(pd.DataFrame({"unit_id": ["1"], "year": [2024.5],
                                      "indicator": ["a"], "value": [1.0]}), fw)
    with pytest.raises(TypeError):
        dii.submissions_from_frame([("1", 2024, "a", 1.0)])
    bad = pd.DataFrame({"unit_id": ["1"], "year": [2024], "indicator": ["mobile_broadbnd"],
                        "value": [1.0]})
    with pytest.raises(dii.ValidationError) as e:
        dii.score_frame(bad, fw)
    # a diagnostic's line is the row's position + 1; its column the cell's DII_COLUMN_* number
    first = e.value.diagnostics.errors[0]
    assert (first.code, first.line, first.column) == ("unknown-indicator", 1, 3)


def test_texts_are_taken_as_they_are(fw):
    """The columns reach the library as they are: nothing is trimmed or
    quoted, as no CSV text is written."""
    df = pd.DataFrame({"unit_id": ['a,"b"', " c "], "unit_name": ["x\ny", None],
                       "year": [2024, 2024],
                       "indicator": ["mobile_broadband_subscriptions_per_100"] * 2,
                       "value": [70.0, 1e-300]})
    subs = dii.submissions_from_frame(df)
    assert [s.unit_id for s in subs] == ['a,"b"', " c "]
    assert subs[0].unit_name == "x\ny" and subs[1].unit_name is None
    assert subs[1].values["mobile_broadband_subscriptions_per_100"] == 1e-300


def test_frame_rows_group_and_keep_their_order(fw):
    """Rows of one unit and year form one submission wherever they stand;
    submissions come in order of first appearance; a source column is read."""
    ind = "mobile_broadband_subscriptions_per_100"
    other = "fixed_broadband_subscriptions_per_100"
    df = pd.DataFrame({"unit_id": ["B", "A", "B"], "year": [2024, 2024, 2024],
                       "indicator": [ind, ind, other], "value": [1.0, 2.0, 3.0],
                       "unit_name": [None, "Tỉnh A", "Tỉnh B"],
                       "source": ["report", None, pd.NA]})
    subs = dii.submissions_from_frame(df)
    assert [(s.unit_id, s.unit_name) for s in subs] == [("B", "Tỉnh B"), ("A", "Tỉnh A")]
    assert subs[0].values == {ind: 1.0, other: 3.0}
    assert subs[0].sources == {ind: "report"}
    assert subs[0].line == 1 and subs[1].line == 2


@pytest.mark.parametrize("missing", [None, np.nan, pd.NA, ""])
def test_frame_missing_unit_is_a_located_error(fw, missing):
    df = synthetic_frame(fw, n_units=1, years=[2024])
    df["unit_id"] = df["unit_id"].astype(object)
    df.loc[4, "unit_id"] = missing
    with pytest.raises(dii.ValidationError) as e:
        dii.score_frame(df, fw)
    first = e.value.diagnostics.errors[0]
    assert (first.code, first.line, first.column) == ("missing-field", 5, 1)
    assert "unit_id is empty" in first.message


def test_frame_caller_errors(fw):
    df = synthetic_frame(fw, n_units=1, years=[2024])
    bad = df.copy()
    bad.loc[2, "unit_id"] = "U\x0001"
    with pytest.raises(dii.InvalidArgumentError, match="row 2: unit_id holds a NUL"):
        dii.submissions_from_frame(bad)
    bad = df.copy()
    bad.loc[1, "indicator"] = "\ud800"  # a lone surrogate has no UTF-8
    with pytest.raises(dii.InvalidArgumentError):
        dii.submissions_from_frame(bad)
    bad = df.copy()
    bad["year"] = bad["year"].astype(np.int64)
    bad.loc[3, "year"] = 2 ** 40
    with pytest.raises(dii.InvalidArgumentError, match="row 3: year 1099511627776 is out of range"):
        dii.submissions_from_frame(bad)
    bad = df.copy()
    bad["value"] = bad["value"].astype(object)
    bad.loc[0, "value"] = "12"
    with pytest.raises(dii.InvalidArgumentError, match="row 0: value '12'"):
        dii.submissions_from_frame(bad)
    bad.loc[0, "value"] = 10 ** 400
    with pytest.raises(dii.InvalidArgumentError, match="row 0"):
        dii.submissions_from_frame(bad)


def test_frame_bool_column(fw):
    df = pd.DataFrame({"unit_id": ["A", "B"], "year": [2024, 2024],
                       "indicator": ["ai_blockchain_iot_deployed"] * 2, "value": [True, False]})
    subs = dii.submissions_from_frame(df)
    assert [s.values["ai_blockchain_iot_deployed"] for s in subs] == [True, False]
    assert fw.validate(subs)  # truthy: no error


def test_load_submissions_accepts_a_frame(fw):
    df = synthetic_frame(fw, n_units=2, years=[2024])
    assert len(dii.load_submissions(df)) == 2


def test_values_round_trip_exactly(fw):
    values = [0.1, 1 / 3, 67.4, 99.99999999999999, 5e-324, 12345678.901234567]
    df = pd.DataFrame({"unit_id": [f"u{i}" for i in range(len(values))], "year": 2024,
                       "indicator": "mobile_broadband_subscriptions_per_100", "value": values})
    tidy = dii.score_frame(df, fw)
    got = tidy[tidy.indicator == "mobile_broadband_subscriptions_per_100"]["value"].tolist()
    assert got == values


def test_frame_numbers_reach_the_library_exactly():
    """Every float reaches the library as the very same double: read back
    from the submissions, bit for bit."""
    import random
    import struct
    rng = random.Random(885)
    values = ([rng.uniform(-1e6, 1e6) for _ in range(5000)]
              + [round(rng.uniform(0, 1000), k) for k in range(10) for _ in range(500)]
              + [0.0, -0.0, 5e-324, 1e15 - 1, 2.0 ** 53 + 2, 0.1, 1 / 3, -67.4,
                 1.7976931348623157e308, 99.99999999999999])
    n = len(values)
    df = pd.DataFrame({"unit_id": "u", "year": 2024, "indicator": [f"i{k}" for k in range(n)],
                       "value": values})
    got = dii.submissions_from_frame(df)[0].values
    for k, v in enumerate(values):
        assert struct.pack("<d", got[f"i{k}"]) == struct.pack("<d", v), (k, v)


def test_columns_helper_refuses_what_it_cannot_read():
    """The SWIG helper behind submissions_from_frame checks its own inputs:
    column lengths, buffer types and sizes."""
    helper = dii._dii.py_submissions_from_columns
    years = np.array([2024, 2024], dtype=np.int64)
    values = np.array([1.0, 2.0])
    ok = helper(["A", "A"], None, None, years, ["a", "b"], values, None, pd.NA, "t")
    assert ok[0] == 0 and ok[2] is not None
    with pytest.raises(ValueError, match="column indicator has 1 rows, not 2"):
        helper(["A", "A"], None, None, years, ["a"], values, None, pd.NA, None)
    with pytest.raises(TypeError, match="year: expected 2 items"):
        helper(["A", "A"], None, None, years.astype(np.int32), ["a", "b"], values, None, pd.NA,
               None)
    with pytest.raises(TypeError, match="value: expected 2 items"):
        helper(["A", "A"], None, None, years, ["a", "b"], values[:1], None, pd.NA, None)
    with pytest.raises(TypeError, match="kind: expected 2 items"):
        helper(["A", "A"], None, None, years, ["a", "b"], values, np.zeros(2, dtype=np.int64),
               pd.NA, None)
    with pytest.raises(ValueError, match="row 1: year 3000000000 is out of range"):
        helper(["A", "A"], None, None, np.array([2024, 3_000_000_000]), ["a", "b"], values,
               None, pd.NA, None)
