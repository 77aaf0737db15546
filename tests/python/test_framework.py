"""Frameworks: built-in, from a file, from text; attributes, indicators, targets."""

import gc
import json
import weakref

import pytest

import dii
from conftest import DIEN_BIEN, DII_885, ROOT


def test_version_is_the_c_librarys():
    assert dii.__version__ == dii._dii.dii_version_string() == "1.2.0"
    assert dii.version_info == (1, 2, 0)
    assert dii._dii.DII_VERSION_STRING == dii.__version__


def test_frameworks_lists_the_builtins():
    assert dii.frameworks() == [DIEN_BIEN, DII_885]


def test_builtin_attributes(fw):
    assert fw.id == DIEN_BIEN
    assert fw.version == "2023-10-10"
    assert fw.status == "official"
    assert fw.missing == "zero"
    assert fw.rank_decimals == 4
    assert fw.max_points == 23
    assert fw.first_year == 2022 and fw.last_year == 2030
    assert "4734" in fw.source
    assert isinstance(fw.title, dii.Text)
    assert fw.title.vi.startswith("Các chỉ tiêu") and fw.title.en
    assert str(fw.title) == fw.title.vi
    assert len(fw.indicators) == 23
    assert [g.id for g in fw.groups] == ["I", "II", "III", "IV"]
    assert sum(g.max_points for g in fw.groups) == 23
    assert sum(len(g.indicators) for g in fw.groups) == 23
    assert "dien-bien-4734-2023" in repr(fw)


def test_indicator_attributes_and_targets(fw):
    ind = fw.indicators[0]
    assert ind.id == "mobile_broadband_subscriptions_per_100"
    assert ind.code == "1" and ind.index == 0 and ind.group == "I"
    assert ind.name.vi == "Số thuê bao băng rộng di động/100 dân"
    assert ind.unit == "per_100_people" and ind.direction == "higher"
    assert ind.points == 1 and ind.method == "target_ratio"
    assert ind.baseline == dii.Baseline(2022, 67.4)
    assert ind.targets == [dii.Target(2023, ">=", 72), dii.Target(2024, ">=", 76),
                           dii.Target(2025, ">=", 80), dii.Target(2030, ">=", 100)]
    assert ind.linear_range is None and ind.bands == []
    assert ind.provisional is False
    # the README's worked example: row 1 in 2027 is 80 + 20 * 2/5 = 88
    assert ind.target_for(2027) == dii.Target(2027, ">=", 88, "interpolated")
    assert ind.target_for(2023).basis == "exact"
    assert ind.target_for(2040) == dii.Target(2030, ">=", 100, "nearest")


def test_strict_and_boolean_targets(fw):
    assert fw.indicator("12").target_for(2025).op == ">"
    iot = fw.indicator("21")
    assert iot.unit == "boolean" and iot.is_boolean and iot.method == "boolean"
    assert iot.target_for(2023) == dii.Target(2023, "==", True, "exact")
    assert iot.targets[0].value is True


def test_indicator_lookup_by_id_or_code(fw):
    assert fw.indicator("mobile_broadband_subscriptions_per_100") == fw.indicator("1")
    assert fw.indicator(1).id == "mobile_broadband_subscriptions_per_100"
    with pytest.raises(dii.NotFoundError) as e:
        fw.indicator("mobile_broadbnd")
    assert isinstance(e.value, LookupError)
    assert fw.group("II").id == "II"
    with pytest.raises(dii.NotFoundError):
        fw.group("IX")


def test_provisional_framework():
    fw = dii.Framework.builtin(DII_885)
    assert fw.status == "provisional" and fw.max_points == 300
    assert any(i.provisional for i in fw.indicators)
    methods = {i.method for i in fw.indicators}
    assert {"boolean", "ratio", "best_in_cohort"} <= methods


def test_load_file_and_from_json_round_trip(fw, tmp_path):
    text = fw.to_json()
    assert json.loads(text)["format"] == "dii-framework/1"
    assert fw.to_dict() == json.loads(text)
    path = tmp_path / "fw.json"
    path.write_text(text, encoding="utf-8")
    for other in (dii.Framework.load(path), dii.Framework.load(str(path)),
                  dii.Framework.from_json(text), dii.Framework.from_json(text.encode()),
                  dii.Framework.from_json(json.loads(text))):
        assert other.to_json() == text
        assert other.diagnostics.valid and len(other.diagnostics) == 0
    assert dii.Framework.load(ROOT / "data" / "frameworks" / f"{DIEN_BIEN}.json").id == DIEN_BIEN


def linear_bands_framework():
    return dii.Framework.from_json({
        "format": "dii-framework/1", "id": "small", "title": {"vi": "Nhỏ", "en": "Small"},
        "status": "official", "missing": "exclude", "rank_decimals": 2,
        "groups": [{"id": "A", "name": {"en": "A"}}],
        "indicators": [
            {"id": "speed", "group": "A", "name": {"en": "Speed"}, "unit": "mbps",
             "direction": "higher", "points": 2,
             "scoring": {"method": "linear", "min": 10, "max": 110}},
            {"id": "cover", "group": "A", "name": {"en": "Cover"}, "unit": "percent",
             "direction": "higher", "points": 1,
             "scoring": {"method": "bands", "bands": [{"from": 90, "score": 1},
                                                      {"from": 80, "score": 0.5}]},
             "notes": "two bands"},
        ]})


def test_linear_and_bands_framework():
    small = linear_bands_framework()
    speed, cover = small.indicators
    assert small.missing == "exclude" and small.rank_decimals == 2
    assert speed.linear_range == (10, 110) and speed.bands == []
    assert cover.bands == [(90, 1), (80, 0.5)] and cover.linear_range is None
    assert cover.notes == "two bands" and speed.notes is None
    assert speed.code is None and speed.baseline is None and speed.targets == []
    assert speed.target_for(2025) is None
    assert small.title == dii.Text("Nhỏ", "Small")
    assert small.groups[0].name == dii.Text("A", "A")  # one language: both fields
    assert small.first_year == 0 and small.last_year == 0


def test_for_submissions(example_subs):
    assert dii.Framework.for_submissions(example_subs).id == DIEN_BIEN


def test_framework_cannot_be_built_without_a_handle():
    with pytest.raises(TypeError):
        dii.Framework(None)


def test_borrowed_objects_keep_their_framework_alive():
    fw = dii.Framework.builtin(DIEN_BIEN)
    ref = weakref.ref(fw)
    ind = fw.indicators[5]
    group = fw.groups[1]
    del fw
    gc.collect()
    assert ref() is not None  # the indicator holds it
    assert ind.id == "urban_5g_coverage" and ind.targets[0].value == 0
    assert group.id == "II" and group.max_points == 3
    del ind, group
    gc.collect()
    assert ref() is None  # and it goes when they go


def test_handles_are_owned_once_borrowed_pointers_are_not(fw):
    assert fw._h.thisown  # the framework handle is freed by its tp_dealloc
    assert not fw.indicators[0]._h.own()  # a borrowed pointer is never freed
    assert "_dii.dii_framework_free" not in dir(dii._dii)
    assert not hasattr(dii._dii, "dii_framework_free")  # no way to free twice
    for name in ("dii_submissions_free", "dii_results_free", "dii_diagnostics_free", "dii_free"):
        assert not hasattr(dii._dii, name)
