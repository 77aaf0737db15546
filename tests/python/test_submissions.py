"""load_submissions: paths, text, bytes, dicts, lists, merging."""

import json

import pytest

import dii
from conftest import DIEN_BIEN, EXAMPLE_JSON, PROVINCES_CSV

CSV = ("unit_id,unit_name,year,indicator,value\n"
       "11,Điện Biên,2022,mobile_broadband_subscriptions_per_100,67.4\n"
       "11,Điện Biên,2022,ai_blockchain_iot_deployed,có\n"
       "11,Điện Biên,2022,urban_5g_coverage,\n")


def test_from_path_str_and_pathlike(example_subs):
    for source in (EXAMPLE_JSON, str(EXAMPLE_JSON)):
        subs = dii.load_submissions(source)
        assert len(subs) == 1
    s = example_subs[0]
    assert s.framework == DIEN_BIEN and s.unit_id == "11" and s.unit_name == "Điện Biên"
    assert s.year == 2022 and s.line == 1
    assert s.values["mobile_broadband_subscriptions_per_100"] == 67.4
    assert s.values["ai_blockchain_iot_deployed"] is True
    assert len(s.values) == 23
    assert s.sources["mobile_broadband_subscriptions_per_100"].startswith("Kế hoạch")
    assert example_subs.diagnostics.valid and len(example_subs.diagnostics) == 0
    assert repr(s) == "<dii.Submission unit='11' year=2022>"


def test_from_text_and_bytes():
    text = EXAMPLE_JSON.read_text(encoding="utf-8")
    assert dii.load_submissions(text)[0].unit_id == "11"
    assert dii.load_submissions(text.encode())[0].unit_id == "11"
    csv = dii.load_submissions(CSV)
    s = csv[0]
    assert s.framework is None and s.unit_name == "Điện Biên"
    assert s.values == {"mobile_broadband_subscriptions_per_100": 67.4,
                        "ai_blockchain_iot_deployed": True, "urban_5g_coverage": None}
    assert s.line == 2


def test_format_and_options():
    vn = ("unit_id;year;indicator;value\n"
          "11;2022;mobile_broadband_subscriptions_per_100;67,4\n")
    subs = dii.load_submissions(vn, delimiter=";", decimal_mark=",")
    assert subs[0].values == {"mobile_broadband_subscriptions_per_100": 67.4}
    jsonl = ('{"unit": {"id": "1"}, "year": 2022, "values": {"a": 1}}\n'
             '{"unit": {"id": "2"}, "year": 2022, "values": {"a": 2}}\n')
    subs = dii.load_submissions(jsonl, format="jsonl")
    assert [s.unit_id for s in subs] == ["1", "2"]
    assert len(dii.load_submissions(jsonl, name="x.jsonl")) == 2
    with pytest.raises(dii.InvalidArgumentError):
        dii.load_submissions(jsonl, format="xml")
    with pytest.raises(dii.InvalidArgumentError) as e:
        dii.load_submissions(vn, delimiter=";", decimal_mark=";")
    assert e.value.status == dii._dii.DII_ERR_INVALID_ARGUMENT


def test_from_dicts():
    d = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    one = dii.load_submissions(d)
    many = dii.load_submissions([d, dict(d, unit={"id": "12", "name": "Lai Châu"})])
    assert len(one) == 1 and len(many) == 2
    assert many[1].unit_name == "Lai Châu" and many[-1].unit_id == "12"
    assert one[0].to_dict()["values"] == d["values"]
    assert one[0].to_dict()["sources"] == d["sources"]
    assert [s.unit_id for s in many[:2]] == ["11", "12"]
    assert len(dii.load_submissions([])) == 0


def test_empty_input_warns():
    for source in ('{"format": "dii-submissions/1", "submissions": []}', []):
        subs = dii.load_submissions(source)
        assert len(subs) == 0 and subs.diagnostics.valid
        assert [d.code for d in subs.diagnostics] == ["no-submissions"]


def test_list_of_paths_is_merged(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text(CSV.replace("11,", "12,").replace("Điện Biên", "Lai Châu"),
                     encoding="utf-8")
    merged = dii.load_submissions([EXAMPLE_JSON, str(other)])
    assert [s.unit_id for s in merged] == ["11", "12"]
    again = dii.load_submissions(EXAMPLE_JSON).merge(other)
    assert [s.unit_id for s in again] == ["11", "12"]
    with pytest.raises(TypeError):
        dii.load_submissions([EXAMPLE_JSON, 3])


def test_submissions_pass_through(example_subs):
    assert dii.load_submissions(example_subs) is example_subs


def test_large_csv_cohort():
    subs = dii.load_submissions(PROVINCES_CSV)
    assert len(subs) == 34
    assert len(list(subs)) == 34
    with pytest.raises(IndexError):
        subs[34]


def test_shape_problems_load_and_are_reported():
    subs = dii.load_submissions('{"unit": {"id": "1"}, "year": "2022", "values": {}}')
    assert len(subs) == 1
    assert not subs.diagnostics.valid
    assert "wrong-type" in [d.code for d in subs.diagnostics]


def test_invalid_values_are_marked():
    subs = dii.load_submissions('{"unit": {"id": "1"}, "year": 2022, "values": {"a": "x"}}')
    assert subs[0].values == {"a": dii.INVALID}
    assert repr(dii.INVALID) == "dii.INVALID"


def test_wrong_source_type():
    with pytest.raises(TypeError):
        dii.load_submissions(3.5)
    with pytest.raises(TypeError):
        dii.load_submissions([{"a": 1}, "x"])
