#!/usr/bin/python3
"""The tracking statistics of docs/tracking.md in pandas/numpy, timed, and checked
against libdii.

    /usr/bin/python3 bench/pandas_track.py [--min-seconds S] [--min-runs N]
        [--framework FILE] [--milestones FIRST-LAST] [--check LIBDII_JSON] PANEL_CSV

What a data scientist would write to answer "is each province on track?" from a long
panel (unit_id, unit_name, year, indicator, value) and the framework JSON, with the
linear pace method: groupby aggregations for the start point, latest value and the
least-squares slope of each unit x indicator series, a cross join with the milestones,
vectorised numpy for the required pace, pace ratio, status rules, clamped projection, and
the expected year (the projection evaluated on a units x years grid, first year that meets
the target — the definition's search; libdii finds the same year in closed form).

Scope: the milestone statistics only (start, latest, point count, observed pace, target,
required pace, pace ratio, status, projection, expected year), linear method, no
crosswalk. It does NOT compute the score trajectory or the projected scores (that would
mean re-implementing dii_score: every scoring method, groups, cohorts, ranks); libdii's
dii_track always computes them and there is no option to skip them, so the libdii figure
includes that extra work (the comparison is conservative for libdii).

Timed: one call of track(panel, framework, milestones) on a DataFrame read once (the file
parsing is outside the timing, as bench-track loads the panel once), repeated until S
seconds (default 1) and N runs (default 10) have passed after 3 untimed warm-ups; median
and fastest per call (time.perf_counter), and the mean CPU time per call (time.process_time
over the whole loop, warm-ups included, divided by the calls), as bench-track reports them.

--check LIBDII_JSON: before timing, compares every row with libdii's "dii-tracking/1"
output of the same panel and milestones (bench-track --dump): start/latest years and
values, point counts, statuses, expected years and target operators exactly; paces,
targets, required paces, ratios and projections to 1e-9 (relative to max(1, |value|));
absent (null) must be absent (NaN) on both sides. Exit status 1 on any difference.

Output: a summary, then one line starting with "result " (key=value) for bench/run_track.
"""

import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FRAMEWORK = os.path.join(HERE, "..", "data", "frameworks", "dien-bien-4734-2023.json")
YEAR_MAX = 2200  # DII_YEAR_MAX: the expected-year search stops here

STATUSES = ["no_target", "achieved", "not_achieved", "insufficient_data", "on_track",
            "acceleration_needed", "limited_progress", "deteriorating"]
OPS = [">=", ">", "<=", "<", "=="]
UPPER = {"percent": 100.0, "ratio": 1.0, "per_100_people": np.inf, "mbps": np.inf,
         "count": np.inf}  # lower bound 0; "other" (and boolean) not clamped


# ------------------------------------------------------------------ inputs (not timed)

def read_panel(path):
    """The long CSV as a typed DataFrame: booleans as 1.0 / 0.0, numbers as float."""
    df = pd.read_csv(path, dtype={"unit_id": str, "unit_name": str, "indicator": str,
                                  "value": str})
    truth = {"true": 1.0, "false": 0.0}
    df["value"] = df["value"].map(lambda s: truth[s] if s in truth else float(s))
    return df[["unit_id", "year", "indicator", "value"]]


def read_framework(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# ------------------------------------------------------------------ the method (timed)

def target_for_year(targets, year):
    """(op, value, basis) of docs/tracking.md: exact, interpolated between the
    surrounding explicit targets (value linear in the year, op of the later one),
    or the nearest."""
    first, last = targets[0], targets[-1]
    if year <= first["year"]:
        return first["op"], float(first["value"]), "exact" if year == first["year"] else "nearest"
    if year >= last["year"]:
        return last["op"], float(last["value"]), "exact" if year == last["year"] else "nearest"
    for lo, hi in zip(targets, targets[1:]):
        if hi["year"] == year:
            return hi["op"], float(hi["value"]), "exact"
        if hi["year"] > year:
            if isinstance(lo["value"], bool):  # yes/no targets are not interpolated
                return hi["op"], float(lo["value"]), "interpolated"
            share = (year - lo["year"]) / (hi["year"] - lo["year"])
            return hi["op"], lo["value"] + (hi["value"] - lo["value"]) * share, "interpolated"
    raise AssertionError("targets not sorted")


def indicator_table(fw):
    rows = []
    for ind in fw["indicators"]:
        base = ind.get("baseline") or {}
        rows.append({"indicator": ind["id"], "unit": ind["unit"],
                     "is_bool": ind["unit"] == "boolean",
                     "baseline_year": base.get("year", np.nan),
                     "baseline_value": float(base["value"]) if base else np.nan})
    return pd.DataFrame(rows)


def target_table(fw, milestones):
    rows = []
    for ind in fw["indicators"]:
        for T in milestones:
            if ind.get("targets"):
                op, value, basis = target_for_year(ind["targets"], T)
                rows.append((ind["id"], T, OPS.index(op), value, basis))
            else:
                rows.append((ind["id"], T, -1, np.nan, None))
    return pd.DataFrame(rows, columns=["indicator", "year", "op", "target", "basis"])


def series_table(panel, inds):
    """Per unit x indicator: n, start (t0, y0), latest (t, yt), means and OLS slope."""
    obs = panel.dropna(subset=["value"])
    first = obs.groupby(["unit_id", "indicator"], as_index=False)["year"].min()
    base = first.merge(inds[["indicator", "baseline_year", "baseline_value"]], on="indicator")
    base = base[base["baseline_year"] < base["year"]]
    base = pd.DataFrame({"unit_id": base["unit_id"], "indicator": base["indicator"],
                         "year": base["baseline_year"].astype(int),
                         "value": base["baseline_value"]})
    pts = pd.concat([obs, base], ignore_index=True).sort_values(["unit_id", "indicator", "year"])
    g = pts.groupby(["unit_id", "indicator"], sort=False)
    pts["dx"] = (pts["year"] - g["year"].transform("first")).astype(float)
    pts["xc"] = pts["dx"] - g["dx"].transform("mean")
    pts["yc"] = pts["value"] - g["value"].transform("mean")
    pts["sxy"] = pts["xc"] * pts["yc"]
    pts["sxx"] = pts["xc"] * pts["xc"]
    s = g.agg(n=("year", "size"), t0=("year", "first"), y0=("value", "first"),
              t=("year", "last"), yt=("value", "last"), xm=("dx", "mean"),
              ym=("value", "mean"), sxy=("sxy", "sum"), sxx=("sxx", "sum"))
    s["pace"] = s["sxy"] / s["sxx"]
    return s.reset_index()


def clamp(v, lo, hi):
    return np.minimum(np.maximum(v, lo), hi)


def expected_years(t, t0, xm, ym, pace, lo, hi, op, target):
    """First year Y, t <= Y <= 2200, whose clamped projection meets the target; 0 if none."""
    years = np.arange(t.min() if len(t) else 0, YEAR_MAX + 1)
    proj = ym[:, None] + pace[:, None] * ((years[None, :] - t0[:, None]) - xm[:, None])
    proj = clamp(proj, lo[:, None], hi[:, None])
    tg = target[:, None]
    meets = np.select([op[:, None] == 0, op[:, None] == 1, op[:, None] == 2, op[:, None] == 3],
                      [proj >= tg, proj > tg, proj <= tg, proj < tg], proj == tg)
    meets &= years[None, :] >= t[:, None]
    hit = meets.any(axis=1)
    return np.where(hit, years[meets.argmax(axis=1)], 0)


def track(panel, fw, milestones):
    """One row per unit x indicator x milestone (the milestone table of libdii)."""
    inds = indicator_table(fw)
    series = series_table(panel, inds)
    grid = pd.MultiIndex.from_product(
        [panel["unit_id"].unique(), inds["indicator"], milestones],
        names=["unit_id", "indicator", "year"]).to_frame(index=False)
    df = (grid.merge(inds, on="indicator", how="left")
              .merge(series, on=["unit_id", "indicator"], how="left")
              .merge(target_table(fw, milestones), on=["indicator", "year"], how="left"))

    observed = df["n"].notna().to_numpy()
    is_bool = df["is_bool"].to_numpy(bool)
    has_target = (df["op"] >= 0).to_numpy()
    T = df["year"].to_numpy(float)
    t0, t = df["t0"].to_numpy(float), df["t"].to_numpy(float)
    y0, yt = df["y0"].to_numpy(float), df["yt"].to_numpy(float)
    op, target = df["op"].to_numpy(int), df["target"].to_numpy(float)
    has_pace = observed & ~is_bool & (df["n"].to_numpy(float) >= 2)
    pace = np.where(has_pace, df["pace"].to_numpy(float), np.nan)
    lo = np.zeros(len(df))
    hi = df["unit"].map(UPPER).to_numpy(float)
    other = df["unit"].eq("other").to_numpy()
    lo[other], hi[other] = -np.inf, np.inf

    xm, ym = df["xm"].to_numpy(float), df["ym"].to_numpy(float)
    projection = np.where(has_pace, clamp(ym + pace * ((T - t0) - xm), lo, hi), np.nan)

    # Required pace, direction of improvement, "points away" (docs 2.2).
    with np.errstate(divide="ignore", invalid="ignore"):
        required = np.where(has_pace & has_target & (T > t0), (target - y0) / (T - t0), np.nan)
    d = np.where(op <= 1, 1, np.where(op <= 3, -1, np.where(target > yt, 1, -1)))
    away = has_pace & has_target & ((T <= t0) | (required * d <= 0))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(has_pace & has_target & ~away, pace / required, np.nan)

    meets_now = np.select([op == 0, op == 1, op == 2, op == 3],
                          [yt >= target, yt > target, yt <= target, yt < target], yt == target)
    status = np.select(
        [~has_target, ~observed, meets_now, is_bool, ~has_pace,
         away & (pace * d < 0), away,
         ratio >= 0.95, ratio >= 0.6, ratio >= 0],
        [0, 3, 1, 2, 3, 7, 6, 4, 5, 6], 7)

    expected = np.zeros(len(df), dtype=int)
    rows = has_pace & has_target
    expected[rows] = expected_years(t[rows], t0[rows], xm[rows], ym[rows], pace[rows],
                                    lo[rows], hi[rows], op[rows], target[rows])

    return pd.DataFrame({
        "unit_id": df["unit_id"], "indicator": df["indicator"], "year": df["year"],
        "start_year": df["t0"], "start_value": df["y0"], "latest_year": df["t"],
        "latest_value": df["yt"], "point_count": df["n"].fillna(0).astype(int),
        "observed_pace": pace, "target_op": op, "target_value": target,
        "target_basis": df["basis"], "required_pace": required, "pace_ratio": ratio,
        "status": pd.Categorical.from_codes(status, STATUSES),
        "projection": projection, "expected_year": expected,
        "line_x_mean": xm, "line_y_mean": ym})  # the fitted line (years from t0)


# ------------------------------------------------------------------ the check

def libdii_rows(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    rows = []
    for u in doc["units"]:
        for ind in u["indicators"]:
            start, latest = ind["start"] or {}, ind["latest"] or {}
            for m in ind["milestones"]:
                tg = m["target"] or {}
                rows.append({
                    "unit_id": u["id"], "indicator": ind["id"], "year": m["year"],
                    "start_year": start.get("year"), "start_value": start.get("value"),
                    "latest_year": latest.get("year"), "latest_value": latest.get("value"),
                    "point_count": ind["point_count"], "observed_pace": ind["observed_pace"],
                    "target_op": OPS.index(tg["op"]) if tg else -1,
                    "target_value": tg.get("value"), "target_basis": tg.get("basis"),
                    "required_pace": m["required_pace"], "pace_ratio": m["pace_ratio"],
                    "status": m["status"], "projection": m["projection"],
                    "expected_year": m["expected_year"] or 0})
    df = pd.DataFrame(rows)
    for col in ("start_value", "latest_value"):  # JSON true/false for yes/no values
        df[col] = df[col].map(lambda v: float(v) if v is not None else np.nan)
    return df


def check(ours, path):
    """Number of differing cells between our table and libdii's (printed)."""
    key = ["unit_id", "indicator", "year"]
    theirs = libdii_rows(path)
    both = ours.merge(theirs, on=key, how="outer", suffixes=("", "_lib"), indicator=True)
    problems = int((both["_merge"] != "both").sum())
    if problems:
        print("check: %d rows only on one side" % problems)
    both = both[both["_merge"] == "both"]
    exact = ["start_year", "latest_year", "point_count", "target_op", "expected_year",
             "status", "target_basis"]
    close = ["start_value", "latest_value", "observed_pace", "target_value", "required_pace",
             "pace_ratio", "projection"]
    for col in exact:
        a = [as_exact(v) for v in both[col].to_numpy(object)]
        b = [as_exact(v) for v in both[col + "_lib"].to_numpy(object)]
        bad = np.array([x != y for x, y in zip(a, b)], dtype=bool)
        if col == "expected_year":
            ties = bad & rounding_tie(both)
            if ties.any():
                print("check: expected_year differs in %d rows where the line meets the target"
                      " exactly (to 1e-9) at a year: a tie decided by the last bit, accepted"
                      % int(ties.sum()))
            bad &= ~ties
        problems += report_bad(both, col, bad)
    for col in close:
        a = both[col].to_numpy(float)
        b = both[col + "_lib"].astype(float).to_numpy()
        same_absence = np.isnan(a) == np.isnan(b)
        with np.errstate(invalid="ignore"):
            near = np.abs(a - b) <= 1e-9 * np.maximum(1.0, np.abs(b))
        bad = ~same_absence | (~np.isnan(b) & ~near)
        problems += report_bad(both, col, bad)
    return problems, len(both)


def as_exact(v):
    """None for an absent value, else an int or a string (NaN-free equality)."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    return v if isinstance(v, str) else int(v)


def rounding_tie(both):
    """Rows whose fitted line, at the earlier of the two expected years, equals the
    target to 1e-9: whether a strict (or ==) comparison holds there is decided by the
    last bit of the arithmetic (libdii sums left to right, pandas' groupby sums are
    compensated), not by the method."""
    a, b = both["expected_year"].to_numpy(), both["expected_year_lib"].to_numpy()
    y = np.where((a > 0) & (b > 0), np.minimum(a, b), np.maximum(a, b)).astype(float)
    line = (both["line_y_mean"] + both["observed_pace"]
            * ((y - both["start_year"]) - both["line_x_mean"])).to_numpy(float)
    target = both["target_value"].to_numpy(float)
    with np.errstate(invalid="ignore"):
        return np.abs(line - target) <= 1e-9 * np.maximum(1.0, np.abs(target))


def report_bad(both, col, bad):
    n = int(np.sum(bad))
    if n:
        print("check: %s differs in %d rows, e.g.:" % (col, n))
        print(both.loc[bad, ["unit_id", "indicator", "year", col, col + "_lib"]].head(5)
              .to_string(index=False))
    return n


# ------------------------------------------------------------------ timing

def time_calls(fn, min_seconds, min_runs):
    """Wall-clock seconds of each timed call, and the mean CPU seconds per call."""
    cpu0 = time.process_time()
    for _ in range(3):
        fn()
    times, start = [], time.perf_counter()
    while time.perf_counter() - start < min_seconds or len(times) < min_runs:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times, (time.process_time() - cpu0) / (len(times) + 3)


def parse_milestones(text):
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("panel")
    ap.add_argument("--framework", default=DEFAULT_FRAMEWORK)
    ap.add_argument("--milestones", default="2026-2030")
    ap.add_argument("--min-seconds", type=float, default=1.0)
    ap.add_argument("--min-runs", type=int, default=10)
    ap.add_argument("--check", metavar="LIBDII_JSON")
    args = ap.parse_args(argv)

    panel = read_panel(args.panel)
    fw = read_framework(args.framework)
    milestones = parse_milestones(args.milestones)
    table = track(panel, fw, milestones)
    print("pandas %s, numpy %s: %s, %d values; %d milestone rows; statuses: %s"
          % (pd.__version__, np.__version__, args.panel, len(panel), len(table),
             " ".join("%s=%d" % (s, n) for s, n in table["status"].value_counts(sort=False)
                      .items())))
    if args.check:
        problems, rows = check(table, args.check)
        if problems:
            print("check FAILED: %d differences from libdii (%s)" % (problems, args.check))
            return 1
        print("check: all %d rows equal libdii's (%s): statuses, years and counts exactly,"
              " numbers to 1e-9" % (rows, args.check))

    times, cpu = time_calls(lambda: track(panel, fw, milestones), args.min_seconds,
                            args.min_runs)
    med, fastest = statistics.median(times), min(times)
    print("  %-52s %6d runs; per call: median %8.3f ms, min %8.3f ms, CPU %8.3f ms"
          % ("pandas/numpy track() (milestone statistics)", len(times), med * 1e3,
             fastest * 1e3, cpu * 1e3))
    print("result impl=pandas-track runs=%d median_s=%.9f min_s=%.9f cpu_s=%.9f"
          % (len(times), med, fastest, cpu))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
