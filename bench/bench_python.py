#!/usr/bin/env python3
"""Speed of the Python bindings, side by side with pandas, in one run.

    meson setup build-bench --buildtype=release -Dpython=/usr/bin/python3
    ninja -C build-bench
    PYTHONPATH=build-bench/bindings/python taskset -c 1 /usr/bin/python3 bench/bench_python.py

Measures (median of runs; 3 untimed warm-ups, then runs until >= 1 s and >=
10 runs, each timed on its own with time.perf_counter):

1. Per-call overhead of Framework.score() on one submission of 24 values:
   the package's call, the bare SWIG call (_dii.dii_score on the same
   handles: the C work plus the thinnest wrapper), and the difference.
2. dii.score_frame on a long DataFrame of 34 units x 10 years x 24
   indicators (8,160 rows) against score_pandas from
   pandas_target_ratio.py (the same target_ratio rules in vectorised
   pandas) on the same frame, both outputs first checked to agree; timed
   two ways in the same run: repeated (each on its own, steady state, as
   timeit measures) and alternating (each right after the other, so each
   runs with the other's memory and caches: the stricter figure), with
   score_frame's three parts (DataFrame -> submissions, score, results ->
   DataFrame) repeated.

Data (seed 885, synthetic, no real measurement): a framework of 24
target_ratio indicators in 4 groups, 6 with lower-is-better, targets for
2023, 2025 and 2030 (exact, interpolated and nearest all occur over the
years 2021-2030), a baseline in 2022; every value valid and positive.
"""

import json
import os
import platform
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

import dii
from dii import _dii

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pandas_target_ratio import score_pandas  # noqa: E402

UNITS, YEARS, INDICATORS = 34, list(range(2021, 2031)), 24


def bench_framework(rng):
    groups = ["A", "B", "C", "D"]
    inds = []
    for k in range(INDICATORS):
        lower = k % 4 == 3
        base = rng.uniform(20, 60)
        step = -1 if lower else 1
        op = (">" if k % 5 == 0 else ">=") if not lower else "<="
        inds.append({
            "id": f"indicator_{k + 1:02d}", "code": str(k + 1), "group": groups[k // 6],
            "name": {"vi": f"Chỉ tiêu {k + 1}", "en": f"Indicator {k + 1}"},
            "unit": "per_100_people", "direction": "lower" if lower else "higher",
            "points": 1 + k % 3, "scoring": {"method": "target_ratio"},
            "baseline": {"year": 2022, "value": round(base, 1)},
            "targets": [{"year": y, "op": op, "value": round(base + step * d, 1)}
                        for y, d in ((2023, 4), (2025, 10), (2030, 18))],
        })
    return {
        "format": "dii-framework/1", "id": "bench-target-ratio", "version": "1",
        "title": {"vi": "Khung thử", "en": "Bench framework"}, "status": "official",
        "groups": [{"id": g, "name": {"en": g}} for g in groups], "indicators": inds,
    }


def bench_frame(fw_dict, rng):
    rows = []
    for u in range(1, UNITS + 1):
        for y in YEARS:
            for ind in fw_dict["indicators"]:
                rows.append((f"P{u:02d}", f"Tỉnh tổng hợp {u:02d}", y, ind["id"],
                             round(rng.uniform(5, 90), 1)))
    return pd.DataFrame(rows, columns=["unit_id", "unit_name", "year", "indicator", "value"])


def minor_faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def timeit(fn, min_seconds=1.0, min_runs=10):
    for _ in range(3):
        fn()
    times = []
    start = time.perf_counter()
    while len(times) < min_runs or time.perf_counter() - start < min_seconds:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), len(times)


def timeit_batch(fn, batch=1000, min_seconds=1.0):
    """Median per call over batches of `batch` calls (for microsecond calls)."""
    def run():
        for _ in range(batch):
            fn()
    med, runs = timeit(run, min_seconds)
    return med / batch, runs * batch


def check_agreement(tidy, base):
    a = tidy.sort_values(["unit_id", "year", "indicator"]).reset_index(drop=True)
    b = base.sort_values(["unit_id", "year", "indicator"]).reset_index(drop=True)
    assert (a["status"].astype(str) == b["status"]).all(), "status differs"
    assert (a["target_basis"].astype(str) == b["target_basis"]).all(), "basis differs"
    for col in ("target_value", "attainment", "points", "gap", "index"):
        np.testing.assert_allclose(a[col], b[col], rtol=1e-12, atol=1e-12, err_msg=col)
    np.testing.assert_allclose(a["progress"], b["progress"], rtol=1e-9, atol=1e-12)
    assert (a["rank"].to_numpy() == b["rank"].to_numpy()).all(), "rank differs"


def main():
    rng = random.Random(885)
    fw_dict = bench_framework(rng)
    fw = dii.Framework.from_json(json.dumps(fw_dict))
    df = bench_frame(fw_dict, rng)
    assert len(df) == UNITS * len(YEARS) * INDICATORS == 8160

    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    print(f"machine: {os.cpu_count()} CPUs, {cpu}; {platform.platform()}")
    print(f"python {platform.python_version()} ({sys.executable}); numpy {np.__version__}, "
          f"pandas {pd.__version__}; dii {dii.__version__} from {Path(dii.__file__).parent}")
    try:
        print(f"affinity: CPUs {sorted(os.sched_getaffinity(0))}")
    except AttributeError:
        pass

    # 1. score() on one submission
    one = df[(df.unit_id == "P01") & (df.year == 2024)]
    subs1 = dii.submissions_from_frame(one)
    assert len(subs1) == 1 and len(subs1[0].values) == 24
    fh, sh = fw._h, subs1._h
    t_pkg, n_pkg = timeit_batch(lambda: fw.score(subs1))
    t_pkg_attr, _ = timeit_batch(lambda: fw.score(subs1)[0].index)
    t_raw, n_raw = timeit_batch(lambda: _dii.dii_score(fh, sh, None))

    # 2. score_frame against pandas, in one run, two ways:
    #  - alternating: score_frame and score_pandas take turns, each timed
    #    right after the other; neither finds its own memory still mapped
    #    (pandas hands its memory back to the system when it is done, so
    #    the next call pays a page fault for every page it touches afresh);
    #  - repeated: each called again and again on its own, timed in turn.
    tidy = dii.score_frame(df, fw)
    base = score_pandas(df, fw_dict)
    check_agreement(tidy, base)
    del tidy, base
    alternating = {"frame": [], "pandas": [], "frame_faults": []}
    for _ in range(3):
        dii.score_frame(df, fw)
        score_pandas(df, fw_dict)
    start = time.perf_counter()
    while len(alternating["frame"]) < 20 or time.perf_counter() - start < 3.0:
        t0, f0 = time.perf_counter(), minor_faults()
        dii.score_frame(df, fw)
        t1, f1 = time.perf_counter(), minor_faults()
        score_pandas(df, fw_dict)
        t2 = time.perf_counter()
        alternating["frame"].append(t1 - t0)
        alternating["frame_faults"].append(f1 - f0)
        alternating["pandas"].append(t2 - t1)
    t_frame_rep, n_frame_rep = timeit(lambda: dii.score_frame(df, fw), min_seconds=1.5)
    t_pandas_rep, n_pandas_rep = timeit(lambda: score_pandas(df, fw_dict), min_seconds=1.5)
    # the three parts of score_frame, repeated
    subs = dii.submissions_from_frame(df)
    results = fw.score(subs)
    t_in, _ = timeit(lambda: dii.submissions_from_frame(df))
    t_score, _ = timeit(lambda: fw.score(subs))
    t_out, _ = timeit(lambda: results.to_dataframe())
    del subs, results
    t_frame, n_frame = statistics.median(alternating["frame"]), len(alternating["frame"])
    t_pandas = statistics.median(alternating["pandas"])
    faults = statistics.median(alternating["frame_faults"])

    us = 1e6
    print()
    print("1. Framework.score() on one submission (24 values), per call")
    print(f"   package  fw.score(subs)                      {t_pkg * us:8.2f} us   ({n_pkg} calls)")
    print(f"   package  fw.score(subs)[0].index             {t_pkg_attr * us:8.2f} us")
    print(f"   bare     _dii.dii_score(fw, subs, None)      {t_raw * us:8.2f} us   ({n_raw} calls)")
    print(f"   overhead of the package over the bare call   {(t_pkg - t_raw) * us:8.2f} us")
    print()
    print("2. 34 units x 10 years x 24 indicators = 8,160 rows, long DataFrame -> tidy DataFrame")
    print(f"   alternating ({n_frame} rounds, each timed right after the other)")
    print(f"     dii.score_frame(df, fw)                    {t_frame * 1e3:8.2f} ms   "
          f"({faults:.0f} page faults)")
    print(f"     pandas score_pandas(df, framework)         {t_pandas * 1e3:8.2f} ms")
    ratio = t_pandas / t_frame
    print(f"     score_frame is {ratio:.1f}x the pandas version's speed "
          f"(goal >= 10x: {'reached' if ratio >= 10 else 'NOT reached'})")
    print(f"   repeated (each on its own)")
    print(f"     dii.score_frame(df, fw)                    {t_frame_rep * 1e3:8.2f} ms   "
          f"({n_frame_rep} runs)")
    print(f"       DataFrame -> Submissions (columns)       {t_in * 1e3:8.2f} ms")
    print(f"       Framework.score (validate + score)       {t_score * 1e3:8.2f} ms")
    print(f"       Results.to_dataframe                     {t_out * 1e3:8.2f} ms")
    print(f"     pandas score_pandas(df, framework)         {t_pandas_rep * 1e3:8.2f} ms   "
          f"({n_pandas_rep} runs)")
    ratio_rep = t_pandas_rep / t_frame_rep
    print(f"     score_frame is {ratio_rep:.1f}x the pandas version's speed "
          f"(goal >= 10x: {'reached' if ratio_rep >= 10 else 'NOT reached'})")
    print("   outputs checked equal first: status, basis, target, attainment, points, gap, "
          "progress, index (1e-12), rank (exact)")


if __name__ == "__main__":
    main()
