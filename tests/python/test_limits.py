"""Limits on submissions input: load_submissions' max_* keywords and the
library's defaults, seen from Python.

Positions were counted by hand (as in tests/unit/test_limits.c, where the
same texts are explained column by column)."""

import pytest

import dii
from conftest import EXAMPLE_JSON

PREFIX = '{"unit": {"id": "1"}, "year": 2022, "values": {"a": '  # 52 bytes


def nested(levels):
    """`levels` arrays inside the root and "values": depth levels + 2."""
    return PREFIX + "[" * levels + "]" * levels + "}}"


def long_name(n):
    """A unit name of n bytes; its opening quote is at column 30."""
    return '{"unit": {"id": "1", "name": "' + "n" * n + '"}, "year": 2022, "values": {}}'


def expect_limit(e, line, column, message):
    err = e.value
    assert err.code == "limit-exceeded"
    assert (err.line, err.column) == (line, column)
    assert err.diagnostics[0].message == message
    assert err.status == dii._dii.DII_ERR_PARSE


# ---- the defaults apply without any keyword --------------------------------

def test_default_depth():
    assert len(dii.load_submissions(nested(62))) == 1
    with pytest.raises(dii.ParseError) as e:
        dii.load_submissions(nested(63))
    # level 65 is the 63rd '[', from column 53
    expect_limit(e, 1, 115, "input nests deeper than 64 levels (max_depth; dii --max-depth)")


def test_default_string_length():
    assert dii.load_submissions(long_name(65536))[0].unit_name == "n" * 65536
    with pytest.raises(dii.ParseError) as e:
        dii.load_submissions(long_name(65537))
    expect_limit(e, 1, 30,
                 "string is longer than 65536 bytes (max_string_bytes; dii --max-string-length)")


# ---- bad keyword values are refused before the library is called ------------

@pytest.mark.parametrize("name", ["max_input_bytes", "max_depth", "max_string_bytes",
                                  "max_submissions"])
def test_bad_values(name):
    for bad in (0, -1):
        with pytest.raises(dii.InvalidArgumentError, match=name):
            dii.load_submissions(EXAMPLE_JSON, **{name: bad})
    with pytest.raises(dii.InvalidArgumentError):
        dii.load_submissions(EXAMPLE_JSON, **{name: 2**64})
    for bad in ("5", 5.0, True):
        with pytest.raises(TypeError, match=name):
            dii.load_submissions(EXAMPLE_JSON, **{name: bad})


def test_depth_beyond_unsigned_int():
    with pytest.raises(dii.InvalidArgumentError, match="max_depth"):
        dii.load_submissions(EXAMPLE_JSON, max_depth=2**32)


def test_not_for_dataframes():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"unit_id": ["1"], "year": [2022], "indicator": ["a"], "value": [1.0]})
    with pytest.raises(dii.InvalidArgumentError, match="DataFrame"):
        dii.load_submissions(df, max_depth=5)


# ---- each keyword at and one beyond its limit ---------------------------------

CSV = ("unit_id,year,indicator,value\n"
       "1,2022,a,1\n"
       '22,2022,"ABCDEFGHIJKLMNOPQRSTUVWX""Y",2\n')  # 80 bytes; the quoted cell is 26


def test_input_size(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(CSV, encoding="utf-8")
    for source in (CSV, path):
        assert len(dii.load_submissions(source, max_input_bytes=80)) == 2
        with pytest.raises(dii.ParseError) as e:
            dii.load_submissions(source, max_input_bytes=79)
        expect_limit(e, 3, 40,
                     "input is larger than 79 bytes (max_input_bytes; dii --max-input-size)")


def test_depth():
    assert len(dii.load_submissions(nested(3), max_depth=5)) == 1
    with pytest.raises(dii.ParseError) as e:
        dii.load_submissions(nested(3), max_depth=4)
    expect_limit(e, 1, 55, "input nests deeper than 4 levels (max_depth; dii --max-depth)")
    # more than the default, when asked for
    assert len(dii.load_submissions(nested(100), max_depth=102)) == 1


def test_string_length():
    assert len(dii.load_submissions(CSV, max_string_bytes=26)) == 2
    with pytest.raises(dii.ParseError) as e:
        dii.load_submissions(CSV, max_string_bytes=25)
    expect_limit(e, 3, 9,
                 "string is longer than 25 bytes (max_string_bytes; dii --max-string-length)")
    assert len(dii.load_submissions(long_name(70000), max_string_bytes=70000)) == 1


def test_submissions_from_dicts_and_csv():
    dicts = [{"unit": {"id": str(i)}, "year": 2022, "values": {}} for i in range(3)]
    assert len(dii.load_submissions(dicts, max_submissions=3)) == 3
    with pytest.raises(dii.ParseError) as e:
        dii.load_submissions(dicts, max_submissions=2)
    assert e.value.code == "limit-exceeded"
    assert e.value.diagnostics[0].pointer == "/submissions/2"
    with pytest.raises(dii.ParseError) as e:
        dii.load_submissions(CSV, format="csv", max_submissions=1)
    expect_limit(e, 3, 1,
                 "input holds more than 1 submission (max_submissions; dii --max-submissions)")


def test_each_file_of_a_list():
    with pytest.raises(dii.ParseError):
        dii.load_submissions([EXAMPLE_JSON, EXAMPLE_JSON], max_depth=1)
    assert len(dii.load_submissions([EXAMPLE_JSON, EXAMPLE_JSON], max_depth=2)) == 2


# ---- max_diagnostics (issue 9): a cap, not a refusal -------------------------

FLOOD = '{"format": "dii-submissions/1", "submissions": [' + ", ".join(["{}"] * 30) + "]}"


def test_load_caps_diagnostics_and_counts_the_rest():
    subs = dii.load_submissions(FLOOD, max_diagnostics=5)
    codes = [d.code for d in subs.diagnostics]
    assert len(codes) == 6 and codes[-1] == "too-many-diagnostics"
    full = dii.load_submissions(FLOOD)
    left_out = len(full.diagnostics) - 5
    assert f"{left_out} more diagnostics" in subs.diagnostics[-1].message


def test_validate_caps_diagnostics():
    fw = dii.Framework.builtin("dien-bien-4734-2023")
    subs = dii.load_submissions(FLOOD)
    full = fw.validate(subs)
    capped = fw.validate(subs, max_diagnostics=3)
    assert len(full) > 4
    assert len(capped) == 4 and capped[-1].code == "too-many-diagnostics"
    assert capped[-1].severity == "error" and not capped  # the verdict of the full list


@pytest.mark.parametrize("bad, exc", [(0, ValueError), (-1, ValueError), (2**64, ValueError),
                                      ("3", TypeError), (True, TypeError), (2.0, TypeError)])
def test_max_diagnostics_must_be_a_positive_int(bad, exc):
    fw = dii.Framework.builtin("dien-bien-4734-2023")
    with pytest.raises(exc):
        fw.validate(FLOOD, max_diagnostics=bad)
    with pytest.raises(exc):
        dii.load_submissions(FLOOD, max_diagnostics=bad)
