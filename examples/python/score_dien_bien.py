#!/usr/bin/env python3
"""Scores Điện Biên's 2022 actuals against the 2023 targets of plan 4734/KH-UBND.

Prints one row per indicator (a pandas DataFrame) and the totals; when
matplotlib is installed, saves a chart of the attainment per indicator.

    python3 examples/python/score_dien_bien.py [--target-year 2023] [--chart FILE.png]

Run it from the source tree after `meson install` (or with PYTHONPATH set to
<builddir>/bindings/python).
"""

import argparse
from pathlib import Path

import pandas as pd

import dii

DATA = Path(__file__).resolve().parents[1] / "data" / "dien-bien-2022.json"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(DATA), help="submissions file")
    parser.add_argument("--target-year", type=int, default=2023)
    parser.add_argument("--chart", default="dien-bien-attainment.png",
                        help="where to save the chart (needs matplotlib)")
    args = parser.parse_args()

    framework = dii.Framework.builtin("dien-bien-4734-2023")
    results = framework.score(args.data, target_year=args.target_year)
    df = results.to_dataframe()

    with pd.option_context("display.width", 120, "display.max_columns", 20,
                           "display.max_rows", 100):
        print(df[["code", "indicator", "value", "target_op", "target_value", "status",
                  "attainment", "points"]].to_string(index=False))
    for r in results:
        c = r.compliance
        print(f"\n{r.unit_name} ({r.unit_id}), data {r.year}, targets {r.target_year}: "
              f"{r.points:.4f} / {r.max_points:g} points, index {r.index:.4f}, rank {r.rank} "
              f"of {r.cohort_size}; targets met {c['met']}, not met {c['not_met']}")

    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("\n(matplotlib is not installed: no chart)")
        return
    colours = {"met": "#2a9d8f", "not_met": "#e76f51", "no_target": "#8d99ae",
               "missing": "#adb5bd"}
    labels = [f"{c}. {i}" for c, i in zip(df["code"], df["indicator"])]
    fig, ax = plt.subplots(figsize=(9, 7))
    ax.barh(labels, df["attainment"], color=[colours[s] for s in df["status"]])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("attainment (points / available points)")
    ax.set_title(f"Điện Biên {results[0].year} against the {results[0].target_year} targets "
                 f"(index {results[0].index:.4f})")
    for status, colour in colours.items():
        ax.bar(0, 0, color=colour, label=status.replace("_", " "))
    ax.legend(loc="lower right")
    ax.tick_params(axis="y", labelsize=7)
    fig.tight_layout()
    fig.savefig(args.chart, dpi=120)
    print(f"\nchart: {args.chart}")


if __name__ == "__main__":
    main()
