"""Plan tables from Python (issue 10): the CSV layout of a plan's appendix."""
import pathlib

import pytest

import dii

ROOT = pathlib.Path(__file__).resolve().parents[2]
PLAN = ROOT / "examples" / "data" / "dien-bien-plan-table-synthetic-2023-2024.csv"
PANEL = ROOT / "examples" / "data" / "dien-bien-panel-2022-2024.json"
FW = "dien-bien-4734-2023"


def test_plan_table_tracks_like_the_long_panel():
    """The example plan table holds the panel's figures (examples/data/README.md):
    loaded with its unit given, it tracks to the same document."""
    fw = dii.Framework.builtin(FW)
    text = PLAN.read_text(encoding="utf-8")
    has_unit_column = text.splitlines()[0].split(",")[0] == "unit_id"
    kw = {} if has_unit_column else {"unit_id": "11", "unit_name": "Điện Biên"}
    plan = dii.load_submissions(PLAN, **kw)
    assert len(plan) == 3 and sorted(s.year for s in plan) == [2022, 2023, 2024]
    assert fw.track(plan).to_dict() == fw.track(dii.load_submissions(PANEL)).to_dict()
    # text and path, auto-detected and named explicitly: one reading
    for subs in (dii.load_submissions(text, name="plan.csv", **kw),
                 dii.load_submissions(PLAN, format="plan_table", **kw)):
        assert fw.track(subs).to_dict() == fw.track(plan).to_dict()


def test_a_plan_table_without_a_unit_is_refused_at_1_1():
    with pytest.raises(dii.ParseError) as e:
        dii.load_submissions("indicator,2022,2023\n1,67.4,70\n", name="p.csv")
    assert e.value.code == "missing-field" and (e.value.line, e.value.column) == (1, 1)


def test_the_unit_from_keywords():
    subs = dii.load_submissions("indicator,2022,2023\n1,67.4,70\n", name="p.csv",
                                unit_id="11", unit_name="Điện Biên")
    assert [(s.unit_id, s.unit_name, s.year) for s in subs] == [
        ("11", "Điện Biên", 2022), ("11", "Điện Biên", 2023)]


@pytest.mark.parametrize("kw, exc", [({"unit_id": 11}, TypeError),
                                     ({"unit_name": b"x"}, TypeError),
                                     ({"unit_id": "1\x002"}, ValueError),
                                     ({"format": "plan"}, ValueError)])
def test_bad_unit_and_format_arguments(kw, exc):
    with pytest.raises(exc):
        dii.load_submissions("indicator,2022\n1,67.4\n", name="p.csv", **kw)
