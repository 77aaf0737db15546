"""Arguments the C layer cannot take are refused in Python, with the
exception Python code expects and a message in the package's words."""

import pytest

import dii
from dii import _dii
from conftest import DIEN_BIEN, EXAMPLE_JSON

# -- strings with a NUL: C would read only up to it ------------------------

NUL_CASES = {
    # before: the framework "dien-bien-4734-2023"
    "builtin id": lambda fw: dii.Framework.builtin(DIEN_BIEN + "\x00junk"),
    # before: the file EXAMPLE_JSON, a path other than the one given
    "submissions path": lambda fw: dii.load_submissions(str(EXAMPLE_JSON) + "\x00.csv"),
    "submissions path (bytes)": lambda fw: _dii.dii_submissions_load_file(
        bytes(EXAMPLE_JSON) + b"\x00x", None),
    "submissions name": lambda fw: dii.load_submissions('{"unit": {"id": "1"}, "year": 2024, '
                                                         '"values": {}}', name="a.json\x00b"),
    "framework path": lambda fw: dii.Framework.load("/nonexistent\x00/x.json"),
    "framework name": lambda fw: dii.Framework.from_json(fw.to_json(), name="f\x00g"),
    # before: the indicator with code "1"
    "indicator id or code": lambda fw: fw.indicator("1\x00zz"),
    "group id": lambda fw: fw.group("I\x00I"),
    "result indicator": lambda fw: fw.score(EXAMPLE_JSON)[0].indicator("1\x00zz"),
    "frame name": lambda fw: dii.submissions_from_frame(_frame(), name="x\x00y"),
    "low-level lookup": lambda fw: _dii.dii_framework_find_indicator(fw._h, "1\x00"),
    "low-level text language": lambda fw: _dii.dii_framework_title(fw._h, "vi\x00x"),
}


def _frame():
    import pandas as pd
    return pd.DataFrame({"unit_id": ["1"], "year": [2024], "indicator": ["x"], "value": [1.0]})


@pytest.mark.parametrize("case", sorted(NUL_CASES))
def test_a_string_holding_nul_is_refused(fw, case):
    with pytest.raises(ValueError) as e:
        NUL_CASES[case](fw)
    assert "NUL" in str(e.value)


def test_a_nul_in_a_path_does_not_open_another_file():
    with pytest.raises(ValueError):
        dii.load_submissions(str(EXAMPLE_JSON) + "\x00")
    assert len(dii.load_submissions(str(EXAMPLE_JSON))) == 1


# -- types -------------------------------------------------------------------

@pytest.mark.parametrize("bad", [None, 3, b"dien-bien-4734-2023", ["x"]])
def test_builtin_takes_a_str(bad):
    with pytest.raises(TypeError) as e:
        dii.Framework.builtin(bad)
    assert type(bad).__name__ in str(e.value)


def test_low_level_text_arguments_name_the_type():
    with pytest.raises(TypeError) as e:
        _dii.dii_framework_builtin(3)
    assert "str" in str(e.value) and "int" in str(e.value)


@pytest.mark.parametrize("key", ["a", None, 1.0, (0,)])
def test_results_index_by_int_or_slice_only(fw, key):
    results = fw.score(EXAMPLE_JSON)
    with pytest.raises(TypeError) as e:
        results[key]
    assert "result indices must be integers or slices" in str(e.value)
    with pytest.raises(TypeError):
        dii.load_submissions(EXAMPLE_JSON)[key]
    assert results[0].unit_id == results[-1].unit_id == results[0:1][0].unit_id


# -- years ---------------------------------------------------------------------

@pytest.mark.parametrize("year", [0, 1899, 2201, 3000, -5, 10**30])
def test_a_target_year_out_of_range_is_a_value_error(fw, year):
    with pytest.raises(ValueError) as e:
        fw.score(EXAMPLE_JSON, target_year=year)
    assert not isinstance(e.value, IndexError)
    assert isinstance(e.value, dii.InvalidArgumentError)
    assert f"target year {year} is outside 1900 to 2200" == str(e.value)


@pytest.mark.parametrize("year", [True, 2023.0, "2023"])
def test_a_target_year_that_is_no_integer_is_a_type_error(fw, year):
    with pytest.raises(TypeError):
        fw.score(EXAMPLE_JSON, target_year=year)


def test_the_year_bounds_are_accepted(fw):
    assert fw.score(EXAMPLE_JSON, target_year=1900)[0].target_year == 1900
    assert fw.score(EXAMPLE_JSON, target_year=2200)[0].target_year == 2200


@pytest.mark.parametrize("year", [10**30, -10**30, 2**31])
def test_target_for_a_year_no_int_holds_overflows(fw, year):
    with pytest.raises(OverflowError) as e:
        fw.indicators[0].target_for(year)
    text = str(e.value)
    assert f"year {year} is out of range" in text
    assert "argument" not in text and "method" not in text and "dii_" not in text


def test_target_for_far_years_within_int(fw):
    assert fw.indicators[0].target_for(2**31 - 1).basis == "nearest"
    assert fw.indicators[0].target_for(-2**31).basis == "nearest"


# -- bytes in a DataFrame's text columns ---------------------------------------

def _bytes_frame(unit_id=b"1", indicator="mobile_broadband_subscriptions_per_100",
                 unit_name=None, source=None):
    import pandas as pd
    data = {"unit_id": [unit_id], "year": [2024], "indicator": [indicator], "value": [70.0]}
    if unit_name is not None:
        data["unit_name"] = [unit_name]
    if source is not None:
        data["source"] = [source]
    return pd.DataFrame(data)


def test_bytes_in_text_columns_are_utf8():
    subs = dii.submissions_from_frame(_bytes_frame(
        unit_id=b"11", indicator="mobile_broadband_subscriptions_per_100".encode(),
        unit_name="Điện Biên".encode(), source=b"VNNIC"))
    s = subs[0]
    assert (s.unit_id, s.unit_name) == ("11", "Điện Biên")
    assert s.values == {"mobile_broadband_subscriptions_per_100": 70.0}
    assert s.sources == {"mobile_broadband_subscriptions_per_100": "VNNIC"}


@pytest.mark.parametrize("column", ["unit_id", "indicator", "unit_name", "source"])
def test_bytes_that_are_not_utf8_are_refused(column):
    bad = {"unit_id": b"1\xff", "indicator": b"x\xc3", "unit_name": b"\xe1", "source": b"\x80"}
    with pytest.raises(dii.InvalidArgumentError) as e:
        dii.submissions_from_frame(_bytes_frame(**{column: bad[column]}))
    assert str(e.value) == f"row 0: {column} holds bytes that are not UTF-8 (decode them first)"
