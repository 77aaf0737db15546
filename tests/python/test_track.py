"""Framework.track → dii.Tracking (docs/tracking.md), from Python.

The panels and every expected figure are those of tests/unit/test_track.c,
whose comments carry the hand calculations (least squares over the years
2021, 2022, 2024: slope = (-4a - b + 5c) / 14 for values a, b, c); the
closed forms below are copied from there, not from the program's output.
Python must give the same statuses and paces as C, and its DataFrames and
dicts must agree cell for cell with the accessors.
"""

import json
import math
import os
import re
import subprocess
import threading

import numpy as np
import pandas as pd
import pytest

import dii
from conftest import DIEN_BIEN, ROOT

TOL = 1e-9

# -- the frameworks and panels of tests/unit/test_track.c -------------------


def indicator(id, unit="percent", method="target_ratio", targets=None, **extra):
    d = {"id": id, "group": "G", "name": {"en": id}, "unit": unit, "direction": "higher",
         "points": 1, "scoring": {"method": method}}
    d.update(extra)
    if targets is not None:
        d["targets"] = targets
    return d


def t2(op1, v1, op2, v2):
    return [{"year": 2025, "op": op1, "value": v1}, {"year": 2030, "op": op2, "value": v2}]


def framework(id, indicators):
    return dii.Framework.from_json({
        "format": "dii-framework/1", "id": id, "version": "1", "title": {"en": "T"},
        "status": "official", "groups": [{"id": "G", "name": {"en": "G"}}],
        "indicators": indicators})


def fw_t():
    return framework("t", [
        indicator("ontrack", targets=t2(">=", 50, ">=", 80)),
        indicator("limited", targets=t2(">=", 91, ">=", 100)),
        indicator("deter", targets=t2(">=", 50, ">=", 60)),
        indicator("strict", targets=t2(">", 60, ">=", 70)),
        indicator("away", targets=t2(">=", 50, ">=", 50)),
        indicator("zero", targets=t2(">", 60, ">", 60)),
        indicator("lower", targets=t2("<=", 20, "<=", 10), direction="lower"),
        indicator("clamp", targets=t2(">=", 90, ">=", 100)),
        indicator("yesno", unit="boolean", method="boolean",
                  targets=t2("==", True, "==", True)),
        indicator("onepoint", targets=t2(">=", 50, ">=", 60)),
        indicator("base", targets=t2(">=", 50, ">=", 60),
                  baseline={"year": 2019, "value": 10}),
        indicator("notarget", method="ratio"),
        indicator("never", targets=t2(">=", 10, ">=", 20)),
    ])


PANEL_T = (
    "unit_id,year,indicator,value\n"
    "u1,2021,ontrack,20\nu1,2022,ontrack,30\nu1,2024,ontrack,40\n"
    "u1,2021,limited,10\nu1,2022,limited,12\nu1,2024,limited,14\n"
    "u1,2021,deter,40\nu1,2022,deter,38\nu1,2024,deter,36\n"
    "u1,2021,strict,50\nu1,2022,strict,55\nu1,2024,strict,60\n"
    "u1,2021,away,60\nu1,2022,away,55\nu1,2024,away,45\n"
    "u1,2021,zero,60\nu1,2022,zero,50\nu1,2024,zero,59\n"
    "u1,2021,lower,40\nu1,2022,lower,36\nu1,2024,lower,30\n"
    "u1,2021,clamp,70\nu1,2022,clamp,80\nu1,2024,clamp,95\n"
    "u1,2021,yesno,false\nu1,2022,yesno,false\nu1,2024,yesno,false\n"
    "u1,2024,onepoint,30\n"
    "u1,2022,base,20\nu1,2024,base,30\n"
    "u1,2021,notarget,10\nu1,2024,notarget,40\n"
    "u2,2021,yesno,false\nu2,2024,yesno,true\n")


def fw_c():
    return framework("c", [
        indicator("growth", unit="per_100_people",
                  targets=[{"year": 2025, "op": ">=", "value": 80}]),
        indicator("cg", targets=t2(">=", 50, ">=", 80)),
        indicator("neg", unit="other", targets=[{"year": 2025, "op": ">=", "value": 10}]),
        indicator("negt", unit="other", direction="lower",
                  targets=[{"year": 2025, "op": "<=", "value": -1}]),
        indicator("huge", unit="other", targets=[{"year": 2025, "op": ">=", "value": 10}]),
    ])


PANEL_C = (
    "unit_id,year,indicator,value\n"
    "u,2021,growth,0\nu,2022,growth,10\nu,2024,growth,40\n"
    "u,2021,cg,20\nu,2024,cg,30\n"
    "u,2021,neg,-5\nu,2024,neg,5\n"
    "u,2021,negt,1\nu,2024,negt,2\n"
    "u,2021,huge,1e-300\nu,2024,huge,1e300\n")


def fw_2():
    return framework("two", [indicator("x", method="ratio",
                                       targets=[{"year": 2025, "op": ">=", "value": 50}])])


PANEL_2 = ("unit_id,unit_name,year,indicator,value\n"
           "u1,Một,2021,x,40\nu2,Hai,2021,x,60\nu1,Một,2022,x,50\nu2,Hai,2022,x,30\n"
           "u2,Hai,2024,x,35\n")


def fw_x():
    return framework("x", [
        indicator("n", method="ratio", targets=[{"year": 2030, "op": ">=", "value": 90}]),
        indicator("b", unit="boolean", method="boolean",
                  targets=[{"year": 2030, "op": "==", "value": True}]),
    ])


PANEL_X = ("unit_id,year,indicator,value\n"
           "A,2023,n,40\nA,2023,b,true\nB,2023,n,70\nB,2023,b,false\nC,2023,n,\nC,2023,b,true\n"
           "A,2024,n,50\nA,2024,b,true\nB,2024,n,60\nB,2024,b,true\n"
           "N,2025,n,58\nN,2025,b,true\nA,2025,n,10\n")

GOLDEN = ROOT / "tests" / "data" / "schema" / "valid"
SCHEMA = ROOT / "data" / "schema" / "tracking.schema.json"


@pytest.fixture(scope="module")
def tracked():
    return fw_t().track(PANEL_T)


def ms(unit, key, year):
    """The MilestoneTrack of indicator `key` at milestone `year`."""
    (m,) = [m for m in unit.indicator(key).milestones if m.year == year]
    return m


# -- hand-checked figures ---------------------------------------------------


def test_default_milestones_units_and_attributes(tracked):
    assert len(tracked) == 2
    u1, u2 = tracked
    assert (u1.id, u1.name, u2.id) == ("u1", None, "u2")
    assert u1.milestones == [2025, 2030]  # the target years after the latest year 2024
    assert [r.year for r in u1.years] == [2021, 2022, 2024]
    assert tracked.pace == "linear" and tracked.crosswalk_year is None
    assert tracked.framework.id == "t" and tracked.warnings == []
    assert len(u1.indicators) == 13 and u1.indicators[0].code is None
    assert tracked.find("u2").id == "u2" and tracked[-1].id == "u2"
    with pytest.raises(dii.NotFoundError):
        tracked.find("u3")
    with pytest.raises(IndexError):
        tracked[2]
    assert [u.id for u in tracked[0:2]] == ["u1", "u2"]
    assert repr(tracked) == "<dii.Tracking 2 unit(s) framework='t' pace='linear'>"


def test_ols_with_a_skipped_year(tracked):
    # ontrack 20, 30, 40: slope 45/7; 2025 required 7.5, R 6/7; 2030 R 27/28.
    u = tracked[0]
    ind = u.indicator("ontrack")
    assert ind.start == dii.YearValue(2021, 20.0) and ind.latest == dii.YearValue(2024, 40.0)
    assert ind.point_count == 3
    assert ind.observed_pace == pytest.approx(45 / 7, abs=TOL)
    m25, m30 = ind.milestones
    assert m25.target == dii.Target(2025, ">=", 50.0, "exact")
    assert m25.required_pace == pytest.approx(7.5, abs=TOL)
    assert m25.pace_ratio == pytest.approx(6 / 7, abs=TOL)
    assert m25.status == "acceleration_needed"
    assert m25.projection == pytest.approx(30 + 120 / 7, abs=TOL)
    assert m25.expected_year == 2026
    assert m30.target == dii.Target(2030, ">=", 80.0, "exact")
    assert m30.required_pace == pytest.approx(60 / 9, abs=TOL)
    assert m30.pace_ratio == pytest.approx(27 / 28, abs=TOL)
    assert m30.status == "on_track"
    assert m30.projection == pytest.approx(30 + 345 / 7, abs=TOL)
    assert m30.expected_year == 2031


def test_every_status_of_the_linear_method(tracked):
    u1, u2 = tracked
    # limited 10, 12, 14: slope 9/7, R (9/7)/(81/4), expected 2084; 2030 R 9/70.
    m = ms(u1, "limited", 2025)
    assert (m.status, m.expected_year) == ("limited_progress", 2084)
    assert m.pace_ratio == pytest.approx((9 / 7) / (81 / 4), abs=TOL)
    assert ms(u1, "limited", 2030).pace_ratio == pytest.approx(9 / 70, abs=TOL)
    # deter 40, 38, 36: slope -9/7, R -18/35, never reaches 50.
    assert u1.indicator("deter").observed_pace == pytest.approx(-9 / 7, abs=TOL)
    m = ms(u1, "deter", 2025)
    assert (m.status, m.expected_year) == ("deteriorating", None)
    assert m.pace_ratio == pytest.approx(-18 / 35, abs=TOL)
    # strict 50, 55, 60 against > 60: 60 does not meet it; R 9/7; the line
    # passes 60 in 2024 already.
    m = ms(u1, "strict", 2025)
    assert m.target.op == ">" and m.status == "on_track" and m.expected_year == 2024
    assert m.pace_ratio == pytest.approx(9 / 7, abs=TOL)
    assert m.projection == pytest.approx(55 + 60 / 7, abs=TOL)
    # clamp 70, 80, 95: achieved in 2025; 2030 projection 144.64 clamped to 100.
    assert ms(u1, "clamp", 2025).status == "achieved"
    m = ms(u1, "clamp", 2030)
    assert (m.status, m.projection, m.expected_year) == ("on_track", 100.0, 2025)
    assert m.pace_ratio == pytest.approx((115 / 14) / (30 / 9), abs=TOL)
    # away 60, 55, 45: required -2.5 points away, slope -5 too: no ratio.
    assert u1.indicator("away").observed_pace == pytest.approx(-5, abs=TOL)
    m = ms(u1, "away", 2025)
    assert (m.status, m.pace_ratio) == ("deteriorating", None)
    assert m.required_pace == pytest.approx(-2.5, abs=TOL)
    # zero 60, 50, 59 against > 60: required 0, slope 5/14: limited, no ratio.
    m = ms(u1, "zero", 2025)
    assert (m.status, m.required_pace, m.pace_ratio, m.expected_year) == (
        "limited_progress", 0.0, None, 2033)
    # lower is better: 40, 36, 30 against <= 20 / <= 10: R 23/35, 69/70.
    assert u1.indicator("lower").observed_pace == pytest.approx(-23 / 7, abs=TOL)
    m = ms(u1, "lower", 2025)
    assert m.status == "acceleration_needed" and m.required_pace == pytest.approx(-5, abs=TOL)
    assert m.pace_ratio == pytest.approx(23 / 35, abs=TOL)
    assert m.projection == pytest.approx(558 / 21, abs=TOL)
    assert ms(u1, "lower", 2030).status == "on_track"
    assert ms(u1, "lower", 2030).pace_ratio == pytest.approx(69 / 70, abs=TOL)
    # yes/no: no pace; values are bools.
    ind = u1.indicator("yesno")
    assert ind.observed_pace is None and ind.latest == (2024, False)
    assert ind.latest.value is False
    m = ind.milestones[0]
    assert (m.status, m.required_pace, m.projection) == ("not_achieved", None, None)
    assert m.target == dii.Target(2025, "==", True, "exact") and m.target.value is True
    assert [m.status for m in u2.indicator("yesno").milestones] == ["achieved", "achieved"]
    # one point; never observed; no target (yet a projection, 50).
    ind = u1.indicator("onepoint")
    assert (ind.start, ind.point_count) == ((2024, 30.0), 1)
    assert (ind.milestones[0].status, ind.milestones[0].expected_year) == (
        "insufficient_data", None)
    ind = u1.indicator("never")
    assert (ind.start, ind.latest, ind.point_count, ind.milestones[0].status) == (
        None, None, 0, "insufficient_data")
    m = ms(u1, "notarget", 2025)
    assert (m.status, m.target, m.expected_year) == ("no_target", None, None)
    assert m.projection == pytest.approx(50, abs=TOL)


def test_start_point_from_an_earlier_baseline(tracked):
    ind = tracked[0].indicator("base")
    assert ind.start == (2019, 10.0) and ind.point_count == 3
    assert ind.observed_pace == pytest.approx(75 / 19, abs=TOL)
    m = ind.milestones[0]
    assert m.required_pace == pytest.approx(20 / 3, abs=TOL)
    assert m.pace_ratio == pytest.approx(45 / 76, abs=TOL)
    assert m.status == "limited_progress"


def test_projected_score(tracked):
    u = tracked[0]
    p = u.projected[0]
    assert isinstance(p, dii.Result) and p.results is tracked
    assert (p.year, p.target_year) == (2025, 2025)
    assert p.compliance == {"met": 2, "not_met": 9, "no_target": 1, "missing": 1}
    points = ((30 + 120 / 7) / 50 + (12 + 24 / 7) / 91 + (38 - 24 / 7) / 50 + 1 + 40 / 50
              + (169 / 3 + 5 / 14 * 8 / 3) / 60 + 20 / (558 / 21) + 1 + 0 + 30 / 50
              + (20 + 250 / 19) / 50 + 0.5 + 0)
    assert p.points == pytest.approx(points, abs=1e-9)
    assert p.index == pytest.approx(points / 13, abs=1e-9)
    assert p.indicator("clamp").status == "met"


def test_milestones_given_interpolated_2027():
    tr = fw_t().track(PANEL_T, milestones=[2030, 2027, 2030])
    u = tr[0]
    assert u.milestones == [2027, 2030]
    m = ms(u, "ontrack", 2027)
    assert m.target == dii.Target(2027, ">=", pytest.approx(62, abs=TOL), "interpolated")
    assert m.required_pace == pytest.approx(7, abs=TOL)
    assert m.pace_ratio == pytest.approx(45 / 49, abs=TOL)
    assert m.status == "acceleration_needed"
    assert m.projection == pytest.approx(60, abs=TOL)
    # numpy integers are years too; a milestone at the start year has no
    # required pace (rule 6); an empty list means no milestones.
    u = fw_t().track(PANEL_T, milestones=(np.int64(2021),))[0]
    m = ms(u, "ontrack", 2021)
    assert (m.target.basis, m.required_pace, m.pace_ratio, m.status) == (
        "nearest", None, None, "limited_progress")
    assert ms(u, "deter", 2021).status == "deteriorating"
    u = fw_t().track(PANEL_T, milestones=[])[0]
    assert u.milestones == [] and u.projected == [] and u.indicators[0].milestones == []
    assert len(u.years) == 3


def test_cagr_method():
    tr = fw_c().track(PANEL_C, pace="cagr")
    assert tr.pace == "cagr"
    u = tr[0]
    obs, req = 40000 ** (1 / 3) - 1, 80000 ** 0.25 - 1
    ind = u.indicator("growth")
    assert ind.observed_pace == pytest.approx(obs, abs=1e-9)
    m = ind.milestones[0]
    assert m.required_pace == pytest.approx(req, abs=1e-9)
    assert m.pace_ratio == pytest.approx(obs / req, abs=1e-9)
    assert (m.status, m.expected_year) == ("on_track", 2025)
    assert m.projection == pytest.approx(40 * 40000 ** (1 / 3), abs=1e-7)
    assert ind.milestones[1].target.basis == "nearest"
    assert ind.milestones[1].required_pace == pytest.approx(80000 ** (1 / 9) - 1, abs=1e-9)
    obs = 1.5 ** (1 / 3) - 1
    ind = u.indicator("cg")
    assert ind.observed_pace == pytest.approx(obs, abs=1e-12)
    m25, m30 = ind.milestones
    assert m25.pace_ratio == pytest.approx(obs / (2.5 ** 0.25 - 1), abs=1e-12)
    assert (m25.status, m25.expected_year) == ("limited_progress", 2028)
    assert m25.projection == pytest.approx(30 * 1.5 ** (1 / 3), abs=1e-9)
    assert m30.pace_ratio == pytest.approx(obs / (4 ** (1 / 9) - 1), abs=1e-12)
    assert m30.status == "acceleration_needed"
    assert m30.projection == pytest.approx(67.5, abs=1e-9)
    ind = u.indicator("neg")
    assert (ind.observed_pace, ind.milestones[0].status) == (None, "insufficient_data")
    m = u.indicator("negt").milestones[0]
    assert (m.status, m.required_pace) == ("insufficient_data", None)
    m = u.indicator("huge").milestones[0]
    assert (m.status, m.projection) == ("achieved", None)
    assert u.projected[0].indicator("huge").value == 1e300
    # The same panel, linear: neg R 8/9, negt R -2/3.
    u = fw_c().track(PANEL_C, pace="linear")[0]
    m = u.indicator("neg").milestones[0]
    assert m.status == "acceleration_needed" and m.pace_ratio == pytest.approx(8 / 9, abs=TOL)
    m = u.indicator("negt").milestones[0]
    assert m.status == "deteriorating" and m.pace_ratio == pytest.approx(-2 / 3, abs=TOL)


def test_trajectory_and_ranks_of_two_units():
    tr = fw_2().track(PANEL_2)
    u1, u2 = tr
    assert (u1.name, u2.name) == ("Một", "Hai")
    got = [[(r.year, r.target_year, round(r.index, 12), r.rank, r.cohort_size) for r in u.years]
           for u in tr]
    assert got == [[(2021, 2021, 0.4, 2, 2), (2022, 2022, 0.5, 1, 2)],
                   [(2021, 2021, 0.6, 1, 2), (2022, 2022, 0.3, 2, 2), (2024, 2024, 0.35, 1, 1)]]
    p1, p2 = u1.projected[0], u2.projected[0]
    assert p1.index == pytest.approx(0.8, abs=TOL) and (p1.compliance["met"], p1.rank) == (1, 1)
    assert p2.index == pytest.approx(495 / 21 / 100, abs=TOL)
    assert (p2.compliance["met"], p2.rank) == (0, 2)


# -- the document -----------------------------------------------------------


def test_to_dict_is_the_document_the_library_writes():
    # The golden file is the one tests/unit/test_track.c compares dii_tracking_to_json
    # with (checked by hand there): the same text, the same dict.
    tr = fw_2().track(PANEL_2)
    golden = (GOLDEN / "tracking.two-units.json").read_text(encoding="utf-8")
    assert tr.to_json() == golden
    assert tr.to_dict() == json.loads(golden)
    assert tr.to_dict() is not tr.to_dict()


def test_to_dict_matches_the_schema(tracked):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    for doc in (tracked.to_dict(), fw_c().track(PANEL_C, pace="cagr").to_dict(),
                crosswalked().to_dict()):
        assert list(validator.iter_errors(doc)) == []


def test_objects_agree_with_to_dict(tracked):
    doc = tracked.to_dict()
    assert doc["pace_method"] == tracked.pace and doc["crosswalk"] is None
    assert doc["warnings"] == tracked.warnings
    for unit, d in zip(tracked, doc["units"], strict=True):
        assert (unit.id, unit.name) == (d["id"], d["name"])
        for got, want in zip(unit.years + unit.projected, d["years"] + d["projected"],
                             strict=True):
            assert got.year == want["year"] and got.points == want["points"]
            assert got.index == want["index"] and (got.rank or None) == want["rank"]
            assert got.compliance == want["compliance"]
            assert got.compliance["met"] == want["met"]
        for ind, di in zip(unit.indicators, d["indicators"], strict=True):
            assert (ind.id, ind.code, ind.point_count, ind.observed_pace) == (
                di["id"], di["code"], di["point_count"], di["observed_pace"])
            for mine, theirs in ((ind.start, di["start"]), (ind.latest, di["latest"])):
                assert (None if mine is None else mine._asdict()) == theirs
                if mine is not None:
                    assert type(mine.value) is type(theirs["value"]) or (
                        isinstance(mine.value, float) and isinstance(theirs["value"], int))
            for m, dm in zip(ind.milestones, di["milestones"], strict=True):
                target = None if m.target is None else {
                    "op": m.target.op, "value": m.target.value, "basis": m.target.basis}
                assert (m.year, target, m.required_pace, m.pace_ratio, m.status,
                        m.projection, m.expected_year) == (
                    dm["year"], dm["target"], dm["required_pace"], dm["pace_ratio"],
                    dm["status"], dm["projection"], dm["expected_year"])


def test_statuses_and_paces_are_the_library_names():
    assert dii.TRACK_STATUSES == tuple(dii._dii.dii_track_status_name(i)
                                       for i in range(len(dii.TRACK_STATUSES)))
    assert dii._dii.dii_track_status_name(len(dii.TRACK_STATUSES)) is None
    assert dii.PACE_METHODS == tuple(dii._dii.dii_pace_method_name(i) for i in range(2))


# -- DataFrames ---------------------------------------------------------------


def same(a, b):
    """Equal, reading NaN / None / pd.NA as one "absent"."""
    absent_a = a is None or a is pd.NA or (isinstance(a, float) and math.isnan(a))
    absent_b = b is None or b is pd.NA or (isinstance(b, float) and math.isnan(b))
    if absent_a or absent_b:
        return absent_a and absent_b
    return a == b


def number(v):
    return None if v is None else float(v)


def test_milestone_frame_cell_by_cell(tracked):
    df = tracked.to_dataframe()
    assert tuple(df.columns) == dii.MILESTONE_COLUMNS
    assert len(df) == 2 * 13 * 2
    for c in ("unit_id", "unit_name", "indicator", "code", "target_op", "target_basis",
              "status"):
        assert isinstance(df[c].dtype, pd.CategoricalDtype), c
    assert list(df["status"].cat.categories) == list(dii.TRACK_STATUSES)
    for c in ("start_year", "latest_year", "expected_year"):
        assert str(df[c].dtype) == "Int64", c
    assert df["milestone"].dtype == np.int64
    rows = iter(df.itertuples(index=False))
    for unit in tracked:
        for ind in unit.indicators:
            for m in ind.milestones:
                row = next(rows)
                want = (unit.id, unit.name, ind.id, ind.code, m.year,
                        ind.start and ind.start.year, ind.start and number(ind.start.value),
                        ind.latest and ind.latest.year, ind.latest and number(ind.latest.value),
                        ind.observed_pace, m.target and m.target.op,
                        m.target and number(m.target.value), m.target and m.target.basis,
                        m.required_pace, m.pace_ratio, m.status, m.projection,
                        m.expected_year)
                for column, got, expected in zip(dii.MILESTONE_COLUMNS, row, want, strict=True):
                    assert same(got, expected), (unit.id, ind.id, m.year, column, got, expected)
    assert next(rows, None) is None
    # A few cells by hand: ontrack at 2025 of u1; never observed; yes/no as 1.0/0.0.
    r = df[(df.unit_id == "u1") & (df.indicator == "ontrack") & (df.milestone == 2025)].iloc[0]
    assert (r.status, r.expected_year, r.target_op) == ("acceleration_needed", 2026, ">=")
    assert r.pace_ratio == pytest.approx(6 / 7, abs=TOL)
    r = df[(df.unit_id == "u1") & (df.indicator == "never")].iloc[0]
    assert r.start_year is pd.NA and math.isnan(r.start_value) and r.expected_year is pd.NA
    r = df[(df.unit_id == "u2") & (df.indicator == "yesno")].iloc[0]
    assert (r.start_value, r.latest_value, r.status) == (0.0, 1.0, "achieved")
    r = df[df.indicator == "notarget"].iloc[0]
    assert pd.isna(r.target_op) and pd.isna(r.target_basis) and math.isnan(r.target_value)


def test_indicator_frame_cell_by_cell(tracked):
    df = tracked.to_dataframe(level="indicator")
    assert tuple(df.columns) == dii.TRACK_INDICATOR_COLUMNS
    assert len(df) == 2 * 13
    rows = iter(df.itertuples(index=False))
    for unit in tracked:
        for ind in unit.indicators:
            want = (unit.id, unit.name, ind.id, ind.code, ind.start and ind.start.year,
                    ind.start and number(ind.start.value), ind.latest and ind.latest.year,
                    ind.latest and number(ind.latest.value), ind.observed_pace, ind.point_count)
            for column, got, expected in zip(dii.TRACK_INDICATOR_COLUMNS, next(rows), want,
                                             strict=True):
                assert same(got, expected), (unit.id, ind.id, column, got, expected)
    assert df["point_count"].dtype == np.int64


def test_year_and_projection_frames(tracked):
    doc = tracked.to_dict()
    for level, key in (("year", "years"), ("projection", "projected")):
        df = tracked.to_dataframe(level=level)
        assert tuple(df.columns) == dii.UNIT_COLUMNS
        want = [(u["id"], u["name"], e["year"], e["year"], e["points"], e["max_points"],
                 e["index"], e["rank"] or 0, e["cohort_size"], e["compliance"]["met"],
                 e["compliance"]["not_met"], e["compliance"]["no_target"],
                 e["compliance"]["missing"])
                for u in doc["units"] for e in u[key]]
        got = [tuple(r) for r in df.itertuples(index=False)]
        assert len(got) == len(want) == {"year": 3 + 2, "projection": 4}[level]
        for g, w in zip(got, want, strict=True):
            assert all(same(a, b) for a, b in zip(g, w, strict=True)), (level, g, w)


def test_frames_of_a_tracking_without_milestones():
    tr = fw_t().track(PANEL_T, milestones=[])
    df = tr.to_dataframe()
    assert len(df) == 0 and tuple(df.columns) == dii.MILESTONE_COLUMNS
    assert len(tr.to_dataframe("indicator")) == 26
    assert len(tr.to_dataframe("projection")) == 0


def test_bad_level(tracked):
    with pytest.raises(ValueError, match="level must be 'milestone', 'indicator', 'year'"):
        tracked.to_dataframe(level="unit")


# -- crosswalk ----------------------------------------------------------------

CROSSWALK = "from_unit,to_unit,weight\nA,N,1\nB,N,3\nC,N,2\n"


def crosswalked():
    return fw_x().track(PANEL_X, crosswalk=dii.Crosswalk.from_text(CROSSWALK, 2025))


def test_crosswalk_object():
    cw = dii.Crosswalk.from_text(CROSSWALK, 2025, name="cw.csv")
    assert (len(cw), cw.effective_year) == (3, 2025)
    assert cw[1] == dii.CrosswalkRow("B", "N", 3.0) and cw[-1].from_unit == "C"
    assert list(cw) == [("A", "N", 1.0), ("B", "N", 3.0), ("C", "N", 2.0)]
    assert len(cw.diagnostics) == 0
    assert repr(cw) == "<dii.Crosswalk 3 row(s) effective_year=2025>"
    with pytest.raises(IndexError):
        cw[3]
    cw = dii.Crosswalk.from_text(b"to_unit,from_unit,note\nN,A,x\n", 2025)
    assert list(cw) == [("A", "N", 1.0)]  # equal weights by default
    assert [d.code for d in cw.diagnostics] == ["unknown-field"]


def test_crosswalk_weighted_merge():
    # Weights A 1, B 3, C 2: 2023 n (1·40 + 3·70)/4 = 62.5 (C gave none), b false;
    # 2024 n (1·50 + 3·60)/4 = 57.5, b true; 2025 N's own 58.
    tr = crosswalked()
    assert tr.crosswalk_year == 2025
    n, a = tr
    assert (n.id, a.id) == ("N", "A")
    assert [r.year for r in n.years] == [2023, 2024, 2025]
    values = [(r.indicator("n").value, r.indicator("b").value) for r in n.years]
    assert values == [(pytest.approx(62.5, abs=TOL), False), (pytest.approx(57.5, abs=TOL), True),
                      (58.0, True)]
    assert [r.indicator("n").value for r in a.years] == [10.0]
    merged = n.merged
    assert len(merged) == 4 and a.merged == []
    assert merged[0] == dii.MergedValue(2023, "n", pytest.approx(62.5, abs=TOL), [
        dii.MergedSource("A", 1.0, 40.0), dii.MergedSource("B", 3.0, 70.0)])
    assert merged[1] == dii.MergedValue(2023, "b", False, [
        ("A", 1.0, True), ("B", 3.0, False), ("C", 2.0, True)])
    assert merged[1].value is False and merged[1].sources[0].value is True
    assert merged[3].year == 2024
    golden = (GOLDEN / "tracking.crosswalk.json").read_text(encoding="utf-8")
    assert tr.to_json() == golden
    doc = tr.to_dict()
    assert doc["crosswalk"] == {"effective_year": 2025}
    assert [{"year": m.year, "indicator": m.indicator, "value": m.value,
             "from": [{"unit": s.unit, "weight": s.weight, "value": s.value}
                      for s in m.sources]} for m in merged] == doc["units"][0]["merged"]


def test_crosswalk_from_a_file(tmp_path):
    path = tmp_path / "cw.csv"
    path.write_text("from_unit,to_unit\nA,N\nB,N\nC,N\n", encoding="utf-8")
    cw = dii.Crosswalk.load(path, 2025)
    n = fw_x().track(PANEL_X, crosswalk=cw)[0]
    assert n.years[0].indicator("n").value == pytest.approx(55, abs=TOL)  # (40 + 70)/2
    cw = dii.Crosswalk.load(str(path), np.int32(2024))
    n = fw_x().track(PANEL_X, crosswalk=cw).find("N")
    assert [r.year for r in n.years] == [2023, 2025]
    with pytest.raises(dii.FileError) as e:
        dii.Crosswalk.load(tmp_path / "none.csv", 2025)
    assert isinstance(e.value, OSError) and e.value.filename == str(tmp_path / "none.csv")


def test_bad_crosswalk_rows_are_located():
    text = ("from_unit,to_unit,weight\nA,N,1\n,N,1\nB, ,2\nC,N,abc\nD,N,-1\nA,M,1\n"
            "E,N,1,9\n  \"F\" , N,1.5e0\nG,N,0\n")
    with pytest.raises(dii.ValidationError) as e:
        dii.Crosswalk.from_text(text, 2025, name="bad.csv")
    errors = [(d.code, d.line, d.column) for d in e.value.diagnostics.errors]
    assert errors == [("missing-field", 3, 1), ("missing-field", 4, 4), ("wrong-type", 5, 5),
                      ("out-of-range", 6, 5), ("duplicate-value", 7, 1),
                      ("unknown-field", 8, 7), ("out-of-range", 10, 5)]
    assert e.value.diagnostics[0].file == "bad.csv"
    assert str(e.value).startswith("7 errors: bad.csv:3:1: error[missing-field]")
    with pytest.raises(dii.ParseError) as e:
        dii.Crosswalk.from_text('from_unit,to_unit\n"A"x,N\nB,N\n"C,N\n', 2025)
    assert (e.value.code, e.value.line, e.value.column) == ("syntax", 2, 4)
    assert len(e.value.diagnostics.errors) == 2
    with pytest.raises(dii.ParseError) as e:
        dii.Crosswalk.from_text(b"from_unit,to_unit\nA\xff,N\n", 2025)
    assert (e.value.code, e.value.line, e.value.column) == ("encoding", 2, 2)


def test_crosswalk_conflict_is_a_validation_error():
    subs = "unit_id,year,indicator,value\nA,2023,n,40\nN,2023,n,80\nN,2025,n,90\n"
    cw = dii.Crosswalk.from_text("from_unit,to_unit\nA,N\n", 2025)
    with pytest.raises(dii.ValidationError) as e:
        fw_x().track(dii.load_submissions(subs, name="c.csv"), crosswalk=cw)
    (d,) = [d for d in e.value.diagnostics.errors if d.code == "crosswalk-conflict"]
    assert (d.file, d.line, d.column, d.submission) == ("c.csv", 3, 1, 1)
    # N listed as one of its own former units: its data join the mean.
    cw = dii.Crosswalk.from_text("from_unit,to_unit\nA,N\nN,N\n", 2025)
    tr = fw_x().track(subs, crosswalk=cw)
    assert tr[0].years[0].indicator("n").value == pytest.approx(60, abs=TOL)


def test_crosswalk_argument_errors():
    with pytest.raises(dii.InvalidArgumentError, match="effective year 1899 is outside"):
        dii.Crosswalk.from_text(CROSSWALK, 1899)
    with pytest.raises(ValueError):
        dii.Crosswalk.load("cw.csv", 2201)
    for bad in ("2025", 2025.0, True, None):
        with pytest.raises(TypeError):
            dii.Crosswalk.from_text(CROSSWALK, bad)
    with pytest.raises(TypeError):
        dii.Crosswalk.from_text(["A,N"], 2025)
    with pytest.raises(TypeError):
        dii.Crosswalk(None)
    for bad in ("cw.csv", CROSSWALK, 2025, object()):
        with pytest.raises(TypeError, match="crosswalk must be a dii.Crosswalk"):
            fw_x().track(PANEL_X, crosswalk=bad)


def test_nul_in_strings_is_refused(tmp_path):
    (tmp_path / "cw.csv").write_text("from_unit,to_unit\nA,N\n", encoding="utf-8")
    with pytest.raises(ValueError, match="NUL"):
        dii.Crosswalk.load(str(tmp_path / "cw.csv") + "\0.txt", 2025)
    with pytest.raises(ValueError, match="NUL"):
        dii.Crosswalk.from_text(CROSSWALK, 2025, name="cw\0.csv")
    tr = fw_t().track(PANEL_T)
    with pytest.raises(ValueError, match="NUL"):
        tr[0].indicator("ontrack\0x")


# -- argument errors ------------------------------------------------------------


def test_bad_pace_and_milestones():
    fw = fw_t()
    for bad in ("linea", "CAGR", ""):
        with pytest.raises(dii.InvalidArgumentError, match="pace must be 'linear' or 'cagr'"):
            fw.track(PANEL_T, pace=bad)
    with pytest.raises(TypeError, match="pace must be a str"):
        fw.track(PANEL_T, pace=1)
    for bad in ([1899], [2025, 2201], [-1]):
        with pytest.raises(dii.InvalidArgumentError, match="milestone .* is outside 1900 to 2200"):
            fw.track(PANEL_T, milestones=bad)
    with pytest.raises(ValueError):
        fw.track(PANEL_T, milestones=[2**40])
    for bad in ([2025.0], ["2025"], [True], [None], 2025, "2025"):
        with pytest.raises(TypeError):
            fw.track(PANEL_T, milestones=bad)


def test_invalid_submissions_raise_with_diagnostics():
    with pytest.raises(dii.ValidationError) as e:
        fw_2().track(dii.load_submissions("unit_id,year,indicator,value\nu,2024,x,120\n",
                                          name="bad.csv"))
    (d,) = e.value.diagnostics.errors
    assert (d.code, d.file, d.line, d.column) == ("out-of-range", "bad.csv", 2, 10)
    with pytest.raises(dii.ParseError):
        fw_2().track('{"unit": ')


def test_track_takes_every_kind_of_submissions(tmp_path):
    want = fw_2().track(PANEL_2).to_json()
    path = tmp_path / "panel.csv"
    path.write_text(PANEL_2, encoding="utf-8")
    frame = pd.read_csv(path, dtype={"unit_id": str})
    for source in (path, dii.load_submissions(PANEL_2), frame):
        assert fw_2().track(source).to_json() == want


# -- threads, the GIL -----------------------------------------------------------


def test_generated_wrappers_release_the_gil(swig_wrap):
    text = swig_wrap.read_text(encoding="utf-8")
    for name in ("dii_track", "dii_tracking_to_json", "dii_crosswalk_load_file",
                 "dii_crosswalk_load_memory"):
        m = re.search(r"SWIGINTERN PyObject \*_wrap_" + name + r"\(.*?\n}\n", text, re.S)
        assert m, name
        assert "SWIG_PYTHON_THREAD_BEGIN_ALLOW" in m.group(0), name
    m = re.search(r"PyObject \*py_tracking_table\(.*?\n}\n", text, re.S)
    assert "Py_BEGIN_ALLOW_THREADS" in m.group(0)


def big_panel(fw, units=34, years=range(2016, 2025)):
    from conftest import synthetic_rows
    frame = pd.DataFrame(synthetic_rows(fw, n_units=units, years=years),
                         columns=["unit_id", "unit_name", "year", "indicator", "value"])
    return dii.submissions_from_frame(frame)


def test_the_gil_is_released_during_tracking(gil_released):
    """The main thread can run while a worker is inside fw.track only if the
    call released the GIL (conftest's gil_released). Before %thread
    dii_track, the worker kept the GIL through the call, and the main
    thread ran only after it."""
    fw = dii.Framework.builtin(DIEN_BIEN)
    subs = big_panel(fw, units=400)  # ~3,600 submissions: tracking takes a while
    released, rows = gil_released(lambda: len(fw.track(subs)))
    assert rows == 400
    assert released


def test_four_threads_track_like_one():
    fw = dii.Framework.builtin(DIEN_BIEN)
    panels = [big_panel(fw, units=6, years=range(2020 + i, 2025)) for i in range(4)]
    serial = [fw.track(p).to_json() for p in panels]
    assert len(set(serial)) == 4
    outcomes = [[] for _ in panels]
    errors = []
    start = threading.Barrier(4)

    def work(i):
        try:
            start.wait()
            for _ in range(10):
                outcomes[i].append(fw.track(panels[i]).to_json())
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for i in range(4):
        assert outcomes[i] == [serial[i]] * 10


# -- the CLI --------------------------------------------------------------------


def test_to_dict_equals_the_cli_json(cli, tmp_path):
    """`dii track --format json` prints dii_tracking_to_json's document, as
    to_dict() parses it. Skipped while the built command has no `track`
    (the CLI is written in parallel with this package)."""
    fw_path = tmp_path / "fw.json"
    fw_path.write_text(fw_t().to_json(), encoding="utf-8")
    panel = tmp_path / "panel.csv"
    panel.write_text(PANEL_T, encoding="utf-8")
    run = subprocess.run([cli, "track", "--framework", str(fw_path), "--format", "json",
                          "--milestone", "2027", "--milestone", "2030", "--pace", "cagr",
                          str(panel)], capture_output=True, text=True,
                         env={**os.environ, "LC_ALL": "C"})
    if run.returncode == 2 and "unknown command 'track'" in run.stderr:
        pytest.skip("the built dii has no `track` command yet")
    assert run.returncode == 0, run.stderr
    tr = fw_t().track(PANEL_T, milestones=[2027, 2030], pace="cagr")
    assert json.loads(run.stdout) == tr.to_dict()


# -- the README ------------------------------------------------------------------


def test_readme_tracking_example_runs_as_shown():
    """README's "Using libdii from Python" tracking session, run as a doctest
    (whitespace-normalised: the README wraps long reprs)."""
    import doctest
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```python\n(.*?)```", readme, re.S)
                if "fw.track(panel)" in b]
    setup = '>>> import dii\n>>> fw = dii.Framework.builtin("dien-bien-4734-2023")\n'
    test = doctest.DocTestParser().get_doctest(setup + block, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=lambda text: pytest.fail(text))
    assert runner.summarize(verbose=False).attempted >= 8
