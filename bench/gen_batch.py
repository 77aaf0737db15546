#!/usr/bin/python3
"""Writes the benchmark batch for bench/run: 34 provinces x 10 years x 24 indicators.

THE DATA IS SYNTHETIC. The provinces ("Tỉnh tổng hợp 01" … "34", ids P01–P34) do not
exist and every value is drawn from a seeded pseudo-random generator; nothing here is
a real measurement of any province. The only real thing is the list of indicators,
read from the built-in framework data/frameworks/dii-885-2023.json.

Output, in OUTDIR:
  batch.json  one "dii-submissions/1" batch of 34 x 10 (2021–2030) = 340 submissions,
              each with all 24 values (pretty-printed, 2-space indent, UTF-8)
  batch.csv   the same 340 x 24 values as long-format CSV:
              unit_id,unit_name,year,indicator,value (8160 data rows)

Every value is valid for its unit (booleans for boolean indicators, percentages in
0–100, non-negative speeds, counts and per-100 figures), so libdii's validation
reports no error and no warning and the schema validation succeeds: the benchmark
measures the cost of checking a correct batch, the common case.

Deterministic: the same seed gives byte-identical files. Standard library only.

Usage: /usr/bin/python3 bench/gen_batch.py OUTDIR [--seed N]
"""

import argparse
import csv
import io
import json
import os
import random
import sys

FRAMEWORK_ID = "dii-885-2023"
PROVINCES = 34
YEARS = range(2021, 2031)
DEFAULT_SEED = 885

HERE = os.path.dirname(os.path.abspath(__file__))
FRAMEWORK_FILE = os.path.join(HERE, "..", "data", "frameworks", FRAMEWORK_ID + ".json")


def value_for(rng, unit, year_index):
    """A plausible, valid synthetic value for an indicator of `unit`.

    year_index (0 for 2021 … 9 for 2030) adds a mild upward trend so that the
    years differ, as real series do."""
    trend = year_index / 9.0
    if unit == "boolean":
        return rng.random() < 0.4 + 0.5 * trend
    if unit == "percent":
        return round(min(100.0, rng.uniform(20.0, 80.0) + 20.0 * trend), 1)
    if unit == "ratio":
        return round(min(1.0, rng.uniform(0.2, 0.8) + 0.2 * trend), 3)
    if unit == "mbps":
        return round(rng.uniform(20.0, 120.0) * (1.0 + trend), 2)
    if unit == "per_100_people":
        return round(rng.uniform(10.0, 90.0) + 40.0 * trend, 1)
    if unit == "count":
        return rng.randint(0, 3 + int(5 * trend))
    return round(rng.uniform(0.0, 100.0), 2)  # "other"


def build(seed):
    with open(FRAMEWORK_FILE, encoding="utf-8") as f:
        fw = json.load(f)
    indicators = [(ind["id"], ind["unit"]) for ind in fw["indicators"]]
    rng = random.Random(seed)
    submissions = []
    for p in range(1, PROVINCES + 1):
        unit = {"id": "P%02d" % p, "name": "Tỉnh tổng hợp %02d" % p}
        for yi, year in enumerate(YEARS):
            values = {iid: value_for(rng, unit_kind, yi) for iid, unit_kind in indicators}
            submissions.append({
                "format": "dii-submission/1",
                "framework": FRAMEWORK_ID,
                "unit": dict(unit),
                "year": year,
                "values": values,
            })
    return indicators, submissions


def to_json(submissions):
    batch = {
        "format": "dii-submissions/1",
        "submissions": submissions,
    }
    return json.dumps(batch, ensure_ascii=False, indent=2) + "\n"


def csv_cell(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return repr(v) if isinstance(v, float) else str(v)


def to_csv(submissions):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["unit_id", "unit_name", "year", "indicator", "value"])
    for s in submissions:
        for iid, v in s["values"].items():
            w.writerow([s["unit"]["id"], s["unit"]["name"], s["year"], iid, csv_cell(v)])
    return out.getvalue()


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args(argv)
    indicators, submissions = build(args.seed)
    os.makedirs(args.outdir, exist_ok=True)
    files = (("batch.json", to_json(submissions)), ("batch.csv", to_csv(submissions)))
    for name, text in files:
        with open(os.path.join(args.outdir, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    print("gen_batch: %d submissions x %d indicators (synthetic, seed %d) -> %s"
          % (len(submissions), len(indicators), args.seed, args.outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
