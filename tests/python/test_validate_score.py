"""validate() and score(): diagnostics, results, attributes, dicts."""

import json

import pytest

import dii
from conftest import DIEN_BIEN, DII_885, EXAMPLE_JSON, PROVINCES_CSV

BAD = ('{"framework": "dien-bien-4734-2023", "unit": {"id": "11"}, "year": 2022,\n'
       ' "values": {"mobile_broadbnd_subscriptions_per_100": 67.4, "urban_5g_coverage": 150}}\n')


def test_validate_valid(fw, example_subs):
    diags = fw.validate(example_subs)
    assert diags and diags.valid
    assert diags.error_count == 0
    assert diags.to_dict()["valid"] is True


def test_validate_invalid_lists_every_problem(fw):
    diags = fw.validate(BAD)
    assert not diags and not diags.valid
    codes = [d.code for d in diags.errors]
    assert codes == ["unknown-indicator", "out-of-range"]
    unknown = diags.errors[0]
    assert unknown.severity == "error"
    assert unknown.line == 2 and unknown.column == 13
    assert unknown.pointer == "/values/mobile_broadbnd_subscriptions_per_100"
    assert unknown.hint == "did you mean 'mobile_broadband_subscriptions_per_100'?"
    assert unknown.submission == 0 and unknown.file is None
    assert unknown.format().startswith("2:13: error[unknown-indicator]: unknown indicator")
    assert "hint: did you mean" in str(unknown)
    assert str(unknown) == unknown.format() + "\n  hint: " + unknown.hint
    # the missing indicators are warnings
    assert diags.warning_count == len(diags.warnings) > 0
    assert all(w.code == "missing-value" for w in diags.warnings)
    assert len(diags) == diags.error_count + diags.warning_count
    assert list(diags)[0] == diags[0]
    d = diags.to_dict()
    assert d["format"] == "dii-diagnostics/1" and d["valid"] is False and d["errors"] == 2
    # in input order: the missing values (at the submission's start, 1:1) come first
    assert d["diagnostics"][0]["code"] == "missing-value"
    assert unknown.to_dict() in d["diagnostics"]
    assert "valid=False" in repr(diags)


def test_score_example(fw, example_subs):
    results = fw.score(example_subs, target_year=2023)
    assert len(results) == 1 and results.framework is fw
    r = results[0]
    assert (r.unit_id, r.unit_name, r.year, r.target_year) == ("11", "Điện Biên", 2022, 2023)
    assert round(r.points, 4) == 21.8559 and r.max_points == 23
    assert round(r.index, 4) == 0.9503 and r.rank == 1 and r.cohort_size == 1
    assert r.compliance == {"met": 8, "not_met": 15, "no_target": 0, "missing": 0}
    met = [i.code for i in r.indicators if i.status == "met"]
    assert met == ["6", "10", "13", "17", "18", "21", "22", "23"]
    first = r.indicators[0]
    assert first.id == "mobile_broadband_subscriptions_per_100" and first.code == "1"
    assert first.value == 67.4 and first.status == "not_met"
    assert first.target == dii.Target(2023, ">=", 72, "exact")
    assert first.attainment == pytest.approx(67.4 / 72) and first.points == first.attainment
    assert first.gap == pytest.approx(4.6) and first.progress is None
    assert r.indicator("21").value is True and r.indicator("21").target.value is True
    assert [g.id for g in r.groups] == ["I", "II", "III", "IV"]
    assert sum(g.points for g in r.groups) == pytest.approx(r.points)
    assert results.warnings == [] and results.diagnostics.valid
    assert "rank=1" in repr(r) and "1 result" in repr(results)
    assert results.find("11") .unit_id == "11"
    with pytest.raises(dii.NotFoundError):
        results.find("99")


def test_score_default_target_year_is_the_datas(fw, example_subs):
    r = fw.score(example_subs)[0]
    assert r.target_year == 2022
    assert r.indicators[0].target.basis == "nearest"


def test_score_accepts_anything_loadable(fw):
    a = fw.score(EXAMPLE_JSON, 2023).to_json()
    b = fw.score(EXAMPLE_JSON.read_text(encoding="utf-8"), 2023).to_json()
    c = fw.score(json.loads(EXAMPLE_JSON.read_text(encoding="utf-8")), 2023).to_json()
    assert a == b
    # dicts lose the file name but nothing in the results depends on it
    assert json.loads(a) == json.loads(c)


def test_to_dict_shape(fw, example_subs):
    d = fw.score(example_subs, target_year=2023).to_dict()
    assert d["format"] == "dii-result/1"
    assert d["framework"] == {"id": DIEN_BIEN, "version": "2023-10-10", "status": "official"}
    assert d["warnings"] == []
    (res,) = d["results"]
    assert list(res) == ["unit", "year", "target_year", "points", "max_points", "index",
                         "rank", "compliance", "groups", "indicators"]
    assert list(res["indicators"][0]) == ["id", "code", "group", "value", "points",
                                          "max_points", "attainment", "status", "target",
                                          "gap", "progress", "provisional"]
    assert res["indicators"][0]["target"] == {"year": 2023, "op": ">=", "value": 72,
                                              "basis": "exact"}
    assert res["indicators"][20]["value"] is True


def test_result_to_dict_is_its_entry(fw):
    results = fw.score(PROVINCES_CSV_DIEN_BIEN())
    whole = results.to_dict()
    for i, r in enumerate(results):
        assert r.to_dict() == whole["results"][i]


def PROVINCES_CSV_DIEN_BIEN():
    rows = ["unit_id,year,indicator,value"]
    for u, v in (("A", 70), ("B", 80), ("C", 80), ("D", 50)):
        rows.append(f"{u},2023,mobile_broadband_subscriptions_per_100,{v}")
    return "\n".join(rows) + "\n"


def test_cohort_ranks_and_missing(fw):
    results = fw.score(PROVINCES_CSV_DIEN_BIEN())
    assert [r.rank for r in results] == [3, 1, 1, 4]
    assert all(r.cohort_size == 4 for r in results)
    assert results[0].compliance["missing"] == 22
    assert results[0].indicators[1].value is None
    assert results[0].indicators[1].status == "missing"
    assert not results.diagnostics.valid or results.diagnostics.warning_count > 0


def test_provisional_warnings():
    fw = dii.Framework.builtin(DII_885)
    results = fw.score(PROVINCES_CSV)
    assert len(results) == 34
    assert results.warnings and "provisional" in results.warnings[0]
    assert results.to_dict()["warnings"] == results.warnings
    assert sorted(r.rank for r in results)[0] == 1


def test_score_refuses_invalid_input(fw):
    with pytest.raises(dii.ValidationError) as e:
        fw.score(BAD)
    err = e.value
    assert isinstance(err, dii.DiiError)
    assert err.status == dii._dii.DII_ERR_VALIDATION and err.status_name == "validation error"
    assert [d.code for d in err.diagnostics.errors] == ["unknown-indicator", "out-of-range"]
    assert str(err).startswith("2 errors: 2:13: error[unknown-indicator]")


def test_exclude_policy_and_methods():
    from test_framework import linear_bands_framework
    small = linear_bands_framework()
    results = small.score([
        {"unit": {"id": "a"}, "year": 2024, "values": {"speed": 60, "cover": 85}},
        {"unit": {"id": "b"}, "year": 2024, "values": {"speed": 110, "cover": None}},
    ])
    a, b = results
    assert a.indicator("speed").attainment == 0.5 and a.indicator("cover").attainment == 0.5
    assert a.points == 1.5 and a.max_points == 3
    assert b.max_points == 2 and b.index == 1 and b.rank == 1
    assert a.indicator("speed").target is None and a.indicator("speed").status == "no_target"


def test_diagnostic_text_is_the_library_s_and_the_tuple_stays_a_tuple(fw):
    import copy
    import pickle
    unknown = fw.validate(BAD).errors[0]
    plain = dii.Diagnostic(*unknown)
    assert plain == unknown and hash(plain) == hash(unknown)
    assert repr(unknown) == repr(plain) and repr(unknown).startswith("Diagnostic(severity=")
    # a Diagnostic made in Python reads the same as the library's text
    assert (plain.format(), str(plain)) == (unknown.format(), str(unknown))
    for again in (pickle.loads(pickle.dumps(unknown)), copy.copy(unknown)):
        assert again == unknown and str(again) == str(unknown)
    # a changed copy is a plain Diagnostic with its own text
    moved = unknown._replace(line=9)
    assert type(moved) is dii.Diagnostic
    assert moved.format().startswith("9:13: error[unknown-indicator]")
    no_hint = dii.Diagnostic("warning", "x", "m", "f.csv", 3)
    assert str(no_hint) == no_hint.format() == "f.csv:3: warning[x]: m"
    assert str(dii.Diagnostic("error", "x", "m")) == "error[x]: m"
