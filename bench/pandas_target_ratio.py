"""The baseline for bench_python.py: libdii's target_ratio rules written
straightforwardly in pandas (vectorised: merges, numpy where/select,
groupby), the way an analyst would write them without libdii.

score_pandas(df, framework) takes the long DataFrame score_frame takes
(unit_id, unit_name, year, indicator, value) and a dii-framework/1 dict whose
indicators all score target_ratio, and returns per unit x year x indicator:
the target that applies (exact / interpolated / nearest, README "Scoring
rules"), status (met / not_met), attainment, points, gap, progress, and per
unit x year the group and total points, the index and the standard
competition rank within the cohort (the same target year), on the index
rounded to rank_decimals. Each submission is scored against its own year's
targets (libdii's default).

It does not validate anything (libdii checks every value, id and duplicate
and locates each problem) and does not handle missing values, booleans or
other methods: it is the least a pandas version needs to do to give the same
numbers on clean data, which bench_python.py checks it does.
"""

import numpy as np
import pandas as pd

OPS = {">=": np.greater_equal, ">": np.greater, "<=": np.less_equal, "<": np.less,
       "==": np.equal}


def target_table(framework, years):
    """One row per indicator x year: the target that applies in that year."""
    rows = []
    for ind in framework["indicators"]:
        ts = sorted(ind.get("targets", []), key=lambda t: t["year"])
        ty = np.array([t["year"] for t in ts], dtype=float)
        tv = np.array([t["value"] for t in ts], dtype=float)
        for y in years:
            if y in ty:
                k = int(np.nonzero(ty == y)[0][0])
                year, op, value, basis = y, ts[k]["op"], tv[k], "exact"
            elif y < ty[0]:
                year, op, value, basis = int(ty[0]), ts[0]["op"], tv[0], "nearest"
            elif y > ty[-1]:
                year, op, value, basis = int(ty[-1]), ts[-1]["op"], tv[-1], "nearest"
            else:
                k = int(np.searchsorted(ty, y))
                year, op, basis = y, ts[k]["op"], "interpolated"
                value = float(np.interp(y, ty, tv))
            rows.append((ind["id"], y, year, op, value, basis))
    return pd.DataFrame(rows, columns=["indicator", "year", "target_milestone", "target_op",
                                       "target_value", "target_basis"])


def indicator_table(framework):
    return pd.DataFrame([{
        "indicator": i["id"], "code": i.get("code"), "group": i["group"],
        "direction": i["direction"], "max_points": float(i["points"]),
        "baseline_year": i.get("baseline", {}).get("year", np.nan),
        "baseline_value": i.get("baseline", {}).get("value", np.nan),
    } for i in framework["indicators"]])


def score_pandas(df, framework):
    decimals = framework.get("rank_decimals", 4)
    years = sorted(df["year"].unique())
    d = df.merge(indicator_table(framework), on="indicator", how="left")
    d = d.merge(target_table(framework, years), on=["indicator", "year"], how="left")
    value, target = d["value"].to_numpy(), d["target_value"].to_numpy()
    lower = (d["direction"] == "lower").to_numpy()

    met = np.zeros(len(d), dtype=bool)
    for op, fn in OPS.items():
        sel = (d["target_op"] == op).to_numpy()
        met[sel] = fn(value[sel], target[sel])
    d["status"] = np.where(met, "met", "not_met")

    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(lower, target / value, value / target)
        degenerate = np.where(lower, value <= 0, target <= 0)
        d["attainment"] = np.where(degenerate, met.astype(float), np.clip(ratio, 0.0, 1.0))
        d["points"] = d["attainment"] * d["max_points"]
        d["gap"] = np.where(lower, value - target, target - value)
        base = d["baseline_value"].to_numpy()
        later = (d["year"] > d["baseline_year"]).to_numpy()
        d["progress"] = np.where(later & (target != base), (value - base) / (target - base),
                                 np.nan)

    keys = ["unit_id", "year"]
    totals = d.groupby(keys, sort=False).agg(total_points=("points", "sum"),
                                             total_max=("max_points", "sum")).reset_index()
    totals["index"] = totals["total_points"] / totals["total_max"]
    # half away from zero at rank_decimals, after reducing to 12 significant
    # digits as dii_round_index does
    reduced = totals["index"].map(lambda x: float(f"{x:.12g}"))
    scale = 10.0 ** decimals
    totals["rank_key"] = np.floor(reduced * scale + 0.5) / scale
    totals["rank"] = totals.groupby("year")["rank_key"].rank(method="min", ascending=False)
    totals["rank"] = totals["rank"].astype(np.int64)
    groups = d.groupby(keys + ["group"], sort=False)["points"].sum().rename("group_points")
    d = d.merge(groups.reset_index(), on=keys + ["group"], how="left")
    d = d.merge(totals[keys + ["index", "rank"]], on=keys, how="left")
    return d[["unit_id", "unit_name", "year", "group", "code", "indicator", "value",
              "target_op", "target_value", "target_basis", "status", "attainment", "points",
              "max_points", "gap", "progress", "group_points", "index", "rank"]]
