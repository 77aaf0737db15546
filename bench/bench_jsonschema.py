#!/usr/bin/python3
"""The baseline for bench-validate: the same JSON batch checked against the published
JSON Schema (data/schema/submission.schema.json) with Python's jsonschema package
(Debian's python3-jsonschema; run with /usr/bin/python3).

    /usr/bin/python3 bench/bench_jsonschema.py [--min-seconds S] [--min-runs N] FILE.json

The file is read into memory once (as bytes, like bench-validate) and one
Draft202012Validator is built once, outside the timing. Three loops are timed, each
for at least S seconds (default 1) and N runs (default 10) after 3 warm-up runs,
every run timed on its own with time.perf_counter() (a monotonic clock):

  parse+validate   json.loads(bytes) + validator.validate(obj) — JSON parsing IS
                   included, because libdii's figure includes its parsing
                   (dii_submissions_load_memory + dii_validate). This is the figure
                   the 20x goal is measured against.
  validate-only    validator.validate(obj) on an object parsed once, reported
                   separately so that the cost of the schema check alone is visible.
  json.loads-only  json.loads(bytes) alone (CPython's C parser), the parsing share of
                   the first loop.

Figures are from the median run: MB/s = file bytes / 1e6 / median seconds,
submissions/s = submissions / median seconds. Before timing, the batch must be
valid against the schema (a benchmark of input that fails early measures nothing).

Output: a human-readable summary, then one "result ..." line of key=value pairs per
loop, for bench/run. maxrss_kib is this process's peak RSS (resource.getrusage),
the interpreter included.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time

import jsonschema
from jsonschema import Draft202012Validator

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA_FILE = os.path.join(HERE, "..", "data", "schema", "submission.schema.json")


def jsonschema_version():
    try:
        from importlib.metadata import version
        return version("jsonschema")
    except Exception:  # pragma: no cover - metadata missing
        return getattr(jsonschema, "__version__", "unknown")


def time_loop(fn, min_seconds, min_runs):
    for _ in range(3):
        fn()
    times = []
    start = time.perf_counter()
    elapsed = 0.0
    while elapsed < min_seconds or len(times) < min_runs:
        t0 = time.perf_counter()
        fn()
        t1 = time.perf_counter()
        times.append(t1 - t0)
        elapsed = t1 - start
    return times, elapsed


def report(label, impl, data_len, nsubs, nvalues, times, elapsed):
    median = statistics.median(times)
    mb_per_s = data_len / 1e6 / median
    subs_per_s = nsubs / median
    maxrss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("  %s: %d runs in %.2f s; per run: median %.3f ms (min %.3f, max %.3f)"
          % (label, len(times), elapsed, median * 1e3, min(times) * 1e3, max(times) * 1e3))
    print("    %.2f MB/s, %.0f submissions/s" % (mb_per_s, subs_per_s))
    print("result impl=%s bytes=%d submissions=%d values=%d runs=%d median_s=%.9f "
          "min_s=%.9f mb_per_s=%.3f subs_per_s=%.1f maxrss_kib=%d"
          % (impl, data_len, nsubs, nvalues, len(times), median, min(times), mb_per_s,
             subs_per_s, maxrss_kib))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-seconds", type=float, default=1.0)
    ap.add_argument("--min-runs", type=int, default=10)
    ap.add_argument("file")
    args = ap.parse_args(argv)

    with open(SCHEMA_FILE, encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)

    with open(args.file, "rb") as f:
        data = f.read()

    # Checked run: the batch must be valid, and we count what it holds.
    obj = json.loads(data)
    errors = list(validator.iter_errors(obj))
    if errors:
        for e in errors[:20]:
            print("bench_jsonschema: %s: %s" % ("/".join(map(str, e.absolute_path)), e.message),
                  file=sys.stderr)
        print("bench_jsonschema: the benchmark data is not valid against the schema",
              file=sys.stderr)
        return 1
    subs = obj["submissions"] if "submissions" in obj else [obj]
    nsubs = len(subs)
    nvalues = sum(len(s["values"]) for s in subs)

    print("jsonschema %s (Draft202012Validator), Python %s: %s, %d bytes, %d submissions, "
          "%d values" % (jsonschema_version(), sys.version.split()[0], args.file, len(data),
                         nsubs, nvalues))

    def parse_and_validate():
        validator.validate(json.loads(data))

    times, elapsed = time_loop(parse_and_validate, args.min_seconds, args.min_runs)
    report("json.loads + validate", "jsonschema", len(data), nsubs, nvalues, times, elapsed)

    def validate_only():
        validator.validate(obj)

    times, elapsed = time_loop(validate_only, args.min_seconds, args.min_runs)
    report("validate only (pre-parsed)", "jsonschema-validate-only", len(data), nsubs,
           nvalues, times, elapsed)

    def loads_only():
        json.loads(data)

    times, elapsed = time_loop(loads_only, args.min_seconds, args.min_runs)
    report("json.loads only (no validation)", "python-json-loads-only", len(data), nsubs,
           nvalues, times, elapsed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
