#!/usr/bin/python3
"""Golden-file and behaviour tests of the `dii` command.

Usage:
  run_cli_tests.py DII_BINARY SOURCE_ROOT              run every test
  run_cli_tests.py DII_BINARY SOURCE_ROOT -v           ... and name each one
  run_cli_tests.py DII_BINARY SOURCE_ROOT --update [NAME...]
        rewrite golden/NAME.out and golden/NAME.err from the binary's output
        (every case, or only the named ones). Never used by the test command:
        every rewritten golden file must be read and checked by hand before it
        is committed (see golden/README.md).

The cases are data (cases.py): arguments, standard input, environment, the
expected exit status, the golden files of standard output and standard error,
and structural checks. This file adds the tests that are not one run of the
command: -o atomicity, show --format json loading back, colours on a terminal,
an unreadable file, and the coverage of the README's diagnostic codes.

Nothing in the output is normalised except the build directory's path, should
it ever appear (as @BUILD@). Run with /usr/bin/python3: the JSON outputs are
validated against data/schema with Debian's python3-jsonschema.
Prints one line per failure, then a one-line summary; exits 1 on any failure.
"""
import csv
import difflib
import io
import json
import os
import pathlib
import pty
import re
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import jsonschema

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import cases as case_table  # noqa: E402

GOLDEN = HERE / "golden"
TIMEOUT = 120

# The seed facts of the main job (Điện Biên's 2022 actuals against the 2023
# targets of plan 4734/KH-UBND), worked out by hand from the appendix.
MAIN_POINTS = "21.8559"
MAIN_MAX = "23"
MAIN_INDEX = "0.9503"
MAIN_MET_CODES = {"6", "10", "13", "17", "18", "21", "22", "23"}
MAIN_ROWS = 23

# The synthetic cohort (examples/data/provinces-2025.csv under dii-885-2023):
# ranks worked out independently when the file was made (see golden/README.md).
COHORT_SIZE = 34
COHORT_RANKS = {"S01": 1, "S02": 2, "S03": 2, "S26": 4, "S11": 5, "S08": 34}


class Context:
    def __init__(self, binary, src, tmp):
        self.binary = binary
        self.src = src
        self.tmp = tmp
        self.build = build_root(binary)
        self.schemas = {}
        for name in ("diagnostics", "result", "framework", "submission", "tracking",
                     "comparison"):
            with open(src / "data" / "schema" / f"{name}.schema.json", encoding="utf-8") as f:
                schema = json.load(f)
            jsonschema.Draft202012Validator.check_schema(schema)
            self.schemas[name] = jsonschema.Draft202012Validator(schema)


def build_root(binary):
    """The directory holding build.ninja above the binary (else its own)."""
    for d in [binary.parent] + list(binary.parents):
        if (d / "build.ninja").exists():
            return d
    return binary.parent


def base_env(extra=None):
    """The caller's environment without what would change the output."""
    env = {k: v for k, v in os.environ.items()
           if k != "NO_COLOR" and not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    for k, v in (extra or {}).items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


def run(ctx, args, cwd, stdin=b"", env=None):
    p = subprocess.run([str(ctx.binary)] + list(args), cwd=str(cwd), input=stdin,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=base_env(env),
                       timeout=TIMEOUT)
    return p.returncode, normalise(ctx, p.stdout), normalise(ctx, p.stderr)


def normalise(ctx, data):
    return data.replace(str(ctx.build).encode(), b"@BUILD@")


# ---------------------------------------------------------------- generated inputs

def generate_inputs(ctx):
    """Inputs made at test time in the scratch directory, not committed."""
    t = ctx.tmp
    main = json.loads((ctx.src / case_table.MAIN).read_text(encoding="utf-8"))
    # Invalid UTF-8: a 0xFF byte inside a CSV value (line 2), and a JSON
    # string cut in the middle of a two-byte sequence.
    (t / "invalid-utf8.csv").write_bytes(
        b"unit_id,year,indicator,value\nS01,2025,urban_5g_coverage,6\xff2\n")
    (t / "invalid-utf8.json").write_bytes(
        b'{"format": "dii-submission/1", "framework": "dien-bien-4734-2023", '
        b'"unit": {"id": "11", "name": "\xc4\x90i\xe1\xbb\x87n Bi\xc3\xaan\xc3"}, '
        b'"year": 2022, "values": {}}\n')
    # A valid submission on one line of more than 1 MB (a 1 MiB source text).
    one = dict(main)
    one["sources"] = {"mobile_broadband_subscriptions_per_100": "x" * (1 << 20)}
    line = json.dumps(one, ensure_ascii=False)
    assert "\n" not in line and len(line.encode()) > (1 << 20)
    (t / "one-mb-line.json").write_text(line + "\n", encoding="utf-8")
    # A 1 MB line with a syntax error at its end (column 1048666).
    garbage = ('{"format": "dii-submission/1", "framework": "dien-bien-4734-2023", '
               '"sources": {"a": "' + "y" * (1 << 20) + '"}, , }\n')
    (t / "one-mb-garbage.json").write_text(garbage, encoding="utf-8")
    # 2,000 empty submissions: 6,000 "missing-field" errors, a JSON report
    # of 1.3 MB, which `validate --format json` streams in many pieces.
    flood = {"format": "dii-submissions/1", "submissions": [{}] * 2000}
    (t / "many-diagnostics.json").write_text(json.dumps(flood), encoding="utf-8")
    return {"one-mb-garbage-column": garbage.index(", , }") + 3}


# ---------------------------------------------------------------- checks

def option(args, name, default):
    for i, a in enumerate(args):
        if a == name and i + 1 < len(args):
            return args[i + 1]
        if a.startswith(name + "="):
            return a[len(name) + 1:]
    return default


def operands(args):
    """The FILE operands of a validate/score command line."""
    takes_value = {"--format", "--framework", "--target-year", "-o", "--output", "--lang",
                   "--delimiter", "--decimal-mark", "--max-input-size", "--max-depth",
                   "--max-string-length", "--max-submissions", "--max-diagnostics", "--ignore",
                   "--milestone", "--pace", "--crosswalk", "--effective-year"}
    out, i, only = [], 1, False
    while i < len(args):
        a = args[i]
        if not only and a == "--":
            only = True
        elif not only and a in takes_value:
            i += 1
        elif not only and a.startswith("-") and a != "-":
            pass
        else:
            out.append(a)
        i += 1
    return out


def check_junit(case, code, out, err, ctx, extra):
    problems = []
    try:
        root = ET.fromstring(out)
    except ET.ParseError as e:
        return [f"JUnit output is not XML: {e}"]
    if root.tag != "testsuites":
        return [f"JUnit root is <{root.tag}>, not <testsuites>"]
    suites = root.findall("testsuite")
    files = operands(case["args"])
    if len(suites) != len(files):
        problems.append(f"{len(suites)} <testsuite> for {len(files)} files")
    total_tests = total_failures = 0
    for s in suites:
        cases_ = s.findall("testcase")
        failures = sum(len(c.findall("failure")) for c in cases_)
        failed_cases = sum(1 for c in cases_ if c.findall("failure") or c.findall("error"))
        if not cases_:
            problems.append(f"testsuite {s.get('name')!r} has no testcase")
        if s.get("tests") != str(len(cases_)):
            problems.append(f"testsuite {s.get('name')!r}: tests={s.get('tests')} but "
                            f"{len(cases_)} <testcase>")
        if s.get("failures") not in (str(failures), str(failed_cases)):
            problems.append(f"testsuite {s.get('name')!r}: failures={s.get('failures')} but "
                            f"{failures} <failure>")
        for c in cases_:
            if not c.get("name") or not c.get("classname"):
                problems.append("a <testcase> without name or classname")
            for f in c.findall("failure"):
                if not f.get("type") or f.get("message") is None:
                    problems.append("a <failure> without type or message")
        total_tests += len(cases_)
        total_failures += int(s.get("failures", "0"))
    if root.get("tests") != str(total_tests):
        problems.append(f"testsuites tests={root.get('tests')} but {total_tests} testcases")
    if root.get("failures") != str(total_failures):
        problems.append(f"testsuites failures={root.get('failures')} but {total_failures}")
    if code == 0 and total_failures:
        problems.append("exit 0 but the JUnit report has failures")
    if code == 1 and not total_failures:
        problems.append("exit 1 but the JUnit report has no failure")
    return problems


def check_json(kind):
    def check(case, code, out, err, ctx, extra):
        try:
            doc = json.loads(out.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            return [f"stdout is not JSON: {e}"]
        errors = list(ctx.schemas[kind].iter_errors(doc))
        problems = [f"{kind}.schema.json: {e.json_path}: {e.message}" for e in errors[:3]]
        if kind == "diagnostics" and not errors:
            diags = doc["diagnostics"]
            n_err = sum(1 for d in diags if d["severity"] == "error")
            n_warn = sum(1 for d in diags if d["severity"] == "warning")
            if (doc["errors"], doc["warnings"]) != (n_err, n_warn):
                problems.append(f"errors/warnings {doc['errors']}/{doc['warnings']} but "
                                f"{n_err}/{n_warn} listed")
            if doc["valid"] != (n_err == 0) and code != 2:
                problems.append(f"valid is {doc['valid']} with {n_err} errors")
            if code == 2 and doc["valid"]:
                problems.append("exit 2 (a file could not be read) but the report says "
                                "\"valid\": true")
            strict = "--strict" in case["args"]
            if code == 0 and (n_err or (strict and n_warn)):
                problems.append("exit 0 but the report has errors")
            if code == 1 and not (n_err or (strict and n_warn)):
                problems.append("exit 1 but the report has no error")
        return problems
    return check


def check_no_ansi(case, code, out, err, ctx, extra):
    return ["ANSI escape in the output"] if b"\x1b" in out or b"\x1b" in err else []


def diag_codes_in(fmt, out):
    """The diagnostic codes a validate report mentions, read the way its
    consumer reads it."""
    text = out.decode("utf-8", "replace")
    if fmt == "json":
        return {d["code"] for d in json.loads(text)["diagnostics"]}
    if fmt == "junit":
        root = ET.fromstring(out)
        found = {f.get("type") for f in root.iter("failure")}
        for so in root.iter("system-out"):
            found |= set(re.findall(r"(?:error|warning)\[([a-z0-9-]+)\]", so.text or ""))
        return found
    if fmt == "github":
        found = set()
        for line in text.splitlines():
            m = re.match(r"::(error|warning)( [^:]*)?::", line)
            if m and m.group(2):
                t = re.search(r"title=([a-z0-9-]+)", m.group(2))
                if t:
                    found.add(t.group(1))
        return found
    return set(re.findall(r"(?:error|warning)\[([a-z0-9-]+)\]:", text))


def check_codes(codes):
    def check(case, code, out, err, ctx, extra):
        fmt = option(case["args"], "--format", "text")
        try:
            found = diag_codes_in(fmt, out)
        except (ValueError, ET.ParseError) as e:
            return [f"cannot read the {fmt} report: {e}"]
        return [f"diagnostic code '{c}' does not reach the {fmt} output" for c in codes
                if c not in found]
    return check


def main_job_facts(fmt, out):
    """(points, max, index, met count, met codes, rows) as printed."""
    text = out.decode("utf-8")
    if fmt == "json":
        r = json.loads(text)["results"][0]
        met = {i["code"] for i in r["indicators"] if i["status"] == "met"}
        return (f"{r['points']:.4f}", f"{r['max_points']:g}", f"{r['index']:.4f}",
                r["compliance"]["met"], met, len(r["indicators"]))
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        met = {r["code"] for r in rows if r["status"] == "met"}
        points = sum(float(r["points"]) for r in rows)
        mx = sum(float(r["max_points"]) for r in rows)
        index = {r["index"] for r in rows}
        if len(index) != 1:
            return None
        return (f"{points:.4f}", f"{mx:g}", f"{float(index.pop()):.4f}", len(met), met,
                len(rows))
    m = re.search(r"Total: ([0-9.]+) / ([0-9.]+)\s+(?:·\s+)?Index: ([0-9.]+)", text)
    n = re.search(r"Targets: (\d+) met, (\d+) not met", text)
    if not m or not n:
        return None
    met, rows = set(), 0
    for line in text.splitlines():
        if fmt == "markdown":
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) == 6 and cells[0].isdigit():
                rows += 1
                if cells[4] == "met":
                    met.add(cells[0])
        else:
            t = re.match(r"^(\d+)\s.*\s{2,}(met|not met)\s{2,}[0-9.]+$", line)
            if t:
                rows += 1
                if t.group(2) == "met":
                    met.add(t.group(1))
    return m.group(1), m.group(2), m.group(3), int(n.group(1)), met, rows


def check_main_job(case, code, out, err, ctx, extra):
    fmt = option(case["args"], "--format", "table")
    try:
        facts = main_job_facts(fmt, out)
    except (ValueError, KeyError, IndexError) as e:
        return [f"cannot read the main job's {fmt} output: {e}"]
    if facts is None:
        return [f"the main job's totals are not in the {fmt} output"]
    points, mx, index, met_count, met, rows = facts
    problems = []
    if (points, mx, index) != (MAIN_POINTS, MAIN_MAX, MAIN_INDEX):
        problems.append(f"main job: {points} / {mx}, index {index}; expected "
                        f"{MAIN_POINTS} / {MAIN_MAX}, index {MAIN_INDEX}")
    if met_count != 8 or met != MAIN_MET_CODES:
        problems.append(f"main job: met rows {sorted(met, key=int)} (count {met_count}); "
                        f"expected {sorted(MAIN_MET_CODES, key=int)}")
    if rows != MAIN_ROWS:
        problems.append(f"main job: {rows} indicator rows, expected {MAIN_ROWS}")
    return problems


def cohort_ranks(fmt, out):
    text = out.decode("utf-8")
    if fmt == "json":
        return {r["unit"]["id"]: r["rank"] for r in json.loads(text)["results"]}, None
    if fmt == "csv":
        ranks = {}
        for r in csv.DictReader(io.StringIO(text)):
            ranks.setdefault(r["unit_id"], set()).add(int(r["rank"]))
        if any(len(v) != 1 for v in ranks.values()):
            return None, None
        return {k: v.pop() for k, v in ranks.items()}, None
    ranks, sizes, unit = {}, set(), None
    for line in text.splitlines():
        h = re.search(r"\((S\d\d)\)", line)
        if h and not line.startswith("|") and unit is None:
            unit = h.group(1)
        r = re.search(r"Rank: (\d+) of (\d+)", line)
        if r and unit:
            ranks[unit] = int(r.group(1))
            sizes.add(int(r.group(2)))
            unit = None
    return ranks, sizes


def check_cohort(case, code, out, err, ctx, extra):
    fmt = option(case["args"], "--format", "table")
    try:
        ranks, sizes = cohort_ranks(fmt, out)
    except (ValueError, KeyError) as e:
        return [f"cannot read the cohort's {fmt} output: {e}"]
    if ranks is None:
        return ["a unit has several ranks"]
    problems = []
    if len(ranks) != COHORT_SIZE:
        problems.append(f"{len(ranks)} ranked units, expected {COHORT_SIZE}")
    if sizes is not None and sizes != {COHORT_SIZE}:
        problems.append(f"cohort size printed as {sorted(sizes)}, expected {COHORT_SIZE}")
    for unit, rank in COHORT_RANKS.items():
        if ranks.get(unit) != rank:
            problems.append(f"{unit} ranks {ranks.get(unit)}, expected {rank}")
    if 3 in ranks.values():
        problems.append("rank 3 given although 2 is shared (ranks must read 1, 2, 2, 4)")
    # Standard competition ranking: a rank r is held by k units, and the
    # next rank given is r + k.
    values = sorted(ranks.values())
    for i, r in enumerate(values):
        if r != values.index(r) + 1:
            problems.append(f"ranks are not standard competition ranks: {values}")
            break
    return problems


def check_provisional(case, code, out, err, ctx, extra):
    problems = []
    if b"dii: warning: framework 'dii-885-2023' is provisional" not in err:
        problems.append("no provisional warning on standard error")
    if option(case["args"], "--format", "table") == "json":
        warnings = json.loads(out.decode("utf-8")).get("warnings", [])
        if not any("provisional" in w for w in warnings):
            problems.append("no provisional warning in the JSON \"warnings\"")
    return problems


LOCATED = re.compile(r"^(.+?):(\d+)(?::(\d+))?: (?:error|warning)\[[a-z0-9-]+\]:")


def check_input_order(case, code, out, err, ctx, extra):
    """Located problems in input order: file as given on the command line,
    then line, then column."""
    text = (out if case["args"][0] == "validate" else err).decode("utf-8", "replace")
    files = operands(case["args"])
    keys = []
    for line in text.splitlines():
        m = LOCATED.match(line)
        if m and m.group(1) in files:
            keys.append((files.index(m.group(1)), int(m.group(2)), int(m.group(3) or 0)))
    if len(keys) < 2:
        return [f"fewer than two located problems to order ({len(keys)})"]
    return [] if keys == sorted(keys) else [f"problems out of input order: {keys}"]


FREE_TEXT_COLUMNS = ("unit_id", "unit_name", "group", "code", "indicator")
NUMBER_COLUMNS = ("year", "target_year", "attainment", "points", "max_points", "gap",
                  "progress", "index", "rank")


def check_csv_no_formula(case, code, out, err, ctx, extra):
    """What a spreadsheet sees: no text cell starts a formula (OWASP: = + -
    @ tab CR), the escaped ones read back as the data after their quote, and
    numbers (a negative gap) are left alone."""
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8"), newline="")))
    problems, escaped, negative = [], 0, 0
    for r in rows:
        for col in FREE_TEXT_COLUMNS:
            cell = r[col]
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                problems.append(f"{col} cell {cell!r} would run as a formula")
            if cell.startswith("'"):
                escaped += 1
                if cell[1:2] not in ("=", "+", "-", "@", "\t", "\r"):
                    problems.append(f"{col} cell {cell!r} escaped without need")
        for col in NUMBER_COLUMNS:
            if r[col] != "":
                float(r[col])  # raises (a failed check) when escaped
        negative += r["gap"].startswith("-")
    if not escaped or not negative:
        problems.append(f"the input should give escaped cells ({escaped}) and negative gaps "
                        f"({negative})")
    return problems


TRACK_CSV_COLUMNS = ["unit_id", "unit_name", "indicator", "code", "milestone", "start_year",
                     "start_value", "latest_year", "latest_value", "observed_pace", "target_op",
                     "target_value", "target_basis", "required_pace", "pace_ratio", "status",
                     "projection", "expected_year"]
TRACK_FREE_TEXT = ("unit_id", "unit_name", "indicator", "code")


def track_json_rows(doc):
    """The rows the track CSV must have, from the library's JSON (the data
    contract): per unit x indicator x milestone, absent values as None."""
    def value(v):
        return None if v is None else ("true" if v else "false") if isinstance(v, bool) else v
    for u in doc["units"]:
        for ind in u["indicators"]:
            start, latest = ind["start"] or {}, ind["latest"] or {}
            for m in ind["milestones"]:
                t = m["target"] or {}
                yield [u["id"], u["name"], ind["id"], ind["code"], m["year"], start.get("year"),
                       value(start.get("value")), latest.get("year"), value(latest.get("value")),
                       ind["observed_pace"], t.get("op"), value(t.get("value")), t.get("basis"),
                       m["required_pace"], m["pace_ratio"], m["status"], m["projection"],
                       m["expected_year"]]


def check_track_csv(case, code, out, err, ctx, extra):
    """track --format csv says what the JSON says: the same rows in the same
    order, every number equal at full precision (parsed back as floats),
    absent values as empty cells; no text cell runs as a spreadsheet
    formula (the data's =... cells read back after their quote)."""
    want = list(track_json_rows(json_twin(ctx, case)))
    return csv_matches_json(out, TRACK_CSV_COLUMNS, TRACK_FREE_TEXT, want)


COMPARE_CSV_COLUMNS = ["unit_id", "unit_name", "year_a", "year_b", "indicator", "code",
                       "value_a", "value_b", "delta_value", "points_a", "points_b",
                       "delta_points", "status_a", "status_b", "value_changed",
                       "points_changed", "status_changed"]
COMPARE_FREE_TEXT = ("unit_id", "unit_name", "indicator", "code")


def compare_json_rows(doc):
    """The rows the compare CSV must have, from the library's JSON: per
    entry and listed row, absent values as None, booleans as true/false."""
    def cell(v):
        return None if v is None else ("true" if v else "false") if isinstance(v, bool) else v
    for u in doc["units"]:
        for r in u["rows"]:
            yield [cell(v) for v in (
                u["id"], u["name"], u["year_a"], u["year_b"], r["indicator"], r["code"],
                r["value_a"], r["value_b"], r["delta_value"], r["points_a"], r["points_b"],
                r["delta_points"], r["status_a"], r["status_b"], r["value_changed"],
                r["points_changed"], r["status_changed"])]


def json_twin(ctx, case):
    """The same run as case, with --format json: the library's document."""
    args = list(case["args"])
    for i, a in enumerate(args):
        if a == "--format":
            args[i + 1] = "json"
        elif a.startswith("--format="):
            args[i] = "--format=json"
    stdin = (ctx.src / case["stdin"]).read_bytes() if case.get("stdin") else b""
    _, jout, _ = run(ctx, args, ctx.src, stdin)
    return json.loads(jout)


def csv_matches_json(out, columns, free_text, want):
    """Problems where the CSV (out) differs from the rows want: the header,
    the row count, each cell (numbers equal at full precision, None an
    empty cell), and no free-text cell that runs as a formula."""
    rows = list(csv.reader(io.StringIO(out.decode("utf-8"), newline="")))
    if not rows or rows[0] != columns:
        return [f"header {rows[:1]}"]
    if len(rows) - 1 != len(want):
        return [f"{len(rows) - 1} rows, the JSON has {len(want)}"]
    problems = []
    for n, (got, exp) in enumerate(zip(rows[1:], want), 2):
        for col, g, e in zip(columns, got, exp):
            if col in free_text and g[:1] in ("=", "+", "-", "@", "\t", "\r"):
                problems.append(f"row {n} {col} {g!r} would run as a formula")
            if col in free_text and g.startswith("'") and str(e)[:1] in "=+-@\t\r":
                g = g[1:]
            if e is None:
                ok = g == ""
            elif isinstance(e, (int, float)) and not isinstance(e, bool):
                ok = g != "" and float(g) == float(e)
            else:
                ok = g == str(e)
            if not ok:
                problems.append(f"row {n} {col}: CSV {g!r}, JSON {e!r}")
    return problems[:10]


def check_compare_csv(case, code, out, err, ctx, extra):
    """compare --format csv says what the JSON says: the same rows in the
    same order, every number equal at full precision, absent values as
    empty cells; no text cell runs as a spreadsheet formula."""
    want = list(compare_json_rows(json_twin(ctx, case)))
    return csv_matches_json(out, COMPARE_CSV_COLUMNS, COMPARE_FREE_TEXT, want)


CHECKS = {
    "compare-csv": check_compare_csv,
    "json:comparison": check_json("comparison"),
    "track-csv": check_track_csv,
    "json:tracking": check_json("tracking"),
    "input-order": check_input_order,
    "csv-no-formula": check_csv_no_formula,
    "junit": check_junit,
    "json:diagnostics": check_json("diagnostics"),
    "json:result": check_json("result"),
    "json:framework": check_json("framework"),
    "no-ansi": check_no_ansi,
    "main-job": check_main_job,
    "cohort": check_cohort,
    "provisional": check_provisional,
}


def get_check(name):
    if name.startswith("codes:"):
        return check_codes(name[len("codes:"):].split(","))
    return CHECKS[name]


# ---------------------------------------------------------------- golden files

def golden_path(name, stream):
    return GOLDEN / f"{name}.{stream}"


def read_golden(name, stream):
    p = golden_path(name, stream)
    return p.read_bytes() if p.exists() else b""


def write_golden(name, stream, data):
    p = golden_path(name, stream)
    if data:
        p.write_bytes(data)
    elif p.exists():
        p.unlink()


def show_diff(expected, actual, label):
    e = expected.decode("utf-8", "replace").splitlines(keepends=True)
    a = actual.decode("utf-8", "replace").splitlines(keepends=True)
    lines = list(difflib.unified_diff(e, a, f"golden/{label}", "actual"))
    if len(lines) > 40:
        lines = lines[:40] + [f"... ({len(lines) - 40} more diff lines)\n"]
    return "".join("    " + line if line.endswith("\n") else "    " + line + "\n"
                   for line in lines)


def run_case(ctx, case, update, extra):
    cwd = ctx.tmp if case.get("cwd") == "tmp" else ctx.src
    stdin = (ctx.src / case["stdin"]).read_bytes() if case.get("stdin") else b""
    code, out, err = run(ctx, case["args"], cwd, stdin, case.get("env"))
    name = case["name"]
    if update:
        write_golden(name, "out", out)
        write_golden(name, "err", err)
    problems = []
    if code != case["exit"]:
        problems.append(f"exit {code}, expected {case['exit']}")
    for stream, data in (("out", out), ("err", err)):
        expected = read_golden(name, stream)
        if data != expected:
            problems.append(f"std{stream} differs from golden/{name}.{stream}\n" +
                            show_diff(expected, data, f"{name}.{stream}"))
    for check in case.get("checks", []):
        try:
            problems += get_check(check)(case, code, out, err, ctx, extra)
        except Exception as e:  # a check that cannot run is a failure, not a crash
            problems.append(f"check {check}: {type(e).__name__}: {e}")
    return problems


# ---------------------------------------------------------------- special tests

def t_output_atomic(ctx, extra):
    """-o FILE: on any error the target is neither created nor changed, and
    no temporary file is left; on success it is replaced whole."""
    problems = []
    d = ctx.tmp / "out"
    d.mkdir()
    target = d / "results.txt"
    keep = b"KEEP: written before the test\n"
    main = str(ctx.src / case_table.MAIN)
    bad = str(ctx.src / case_table.D / "out-of-range.json")
    syntax = str(ctx.src / case_table.D / "syntax.json")
    track = ["track", "--framework", case_table.TRACK_FRAMEWORK]
    panel = str(ctx.src / case_table.TRACK_PANEL)
    cw_bad = str(ctx.src / case_table.D / "track-crosswalk-bad.csv")
    cw_conflict = str(ctx.src / case_table.D / "track-crosswalk-conflict.csv")

    def leftovers():
        return sorted(p.name for p in d.iterdir() if p.name not in ("results.txt", "adir"))

    failing = [
        ("invalid input", ["score", "-o", str(target), bad], 1),
        ("syntax error", ["score", "--format", "json", "-o", str(target), syntax], 1),
        ("input missing", ["score", "-o", str(target), str(d / "no-such.json")], 2),
        ("bad --format", ["score", "--format", "xml", "-o", str(target), main], 2),
        ("bad --target-year", ["score", "--target-year", "abc", "-o", str(target), main], 2),
        ("unknown framework", ["score", "--framework", "nope", "--output", str(target), main], 2),
        ("validate usage error", ["validate", "--format", "table", "-o", str(target), main], 2),
        ("show unknown framework", ["show", "-o", str(target), "nope"], 2),
        ("track invalid input", ["track", "-o", str(target), bad], 1),
        ("track bad crosswalk", track + ["--crosswalk", cw_bad, "--effective-year", "2025",
                                         "--format", "csv", "-o", str(target), panel], 1),
        ("track crosswalk conflict", track + ["--crosswalk", cw_conflict, "--effective-year",
                                              "2025", "--format", "json", "-o", str(target),
                                              panel], 1),
        ("track crosswalk missing", track + ["--crosswalk", str(d / "no-such.csv"),
                                             "--effective-year", "2025", "-o", str(target),
                                             panel], 2),
        ("track bad --milestone", ["track", "--milestone", "1800", "-o", str(target), main], 2),
        ("compare invalid B", ["compare", "-o", str(target), main, bad], 1),
        ("compare invalid A", ["compare", "--format", "csv", "-o", str(target), bad, main], 1),
        ("compare framework mismatch",
         ["compare", "--format", "json", "-o", str(target), main,
          str(ctx.src / case_table.D / "compare-other-framework.json")], 1),
        ("compare B missing", ["compare", "-o", str(target), main, str(d / "no-such.json")], 2),
        ("compare one file", ["compare", "-o", str(target), main], 2),
    ]
    for what, args, want in failing:
        for existed in (True, False):
            if existed:
                target.write_bytes(keep)
            elif target.exists():
                target.unlink()
            code, out, err = run(ctx, args, ctx.src)
            label = f"-o ({what}, target {'existed' if existed else 'absent'})"
            if code != want:
                problems.append(f"{label}: exit {code}, expected {want}")
            if existed and (not target.exists() or target.read_bytes() != keep):
                problems.append(f"{label}: the existing target was changed")
            if not existed and target.exists():
                problems.append(f"{label}: the target was created")
            if leftovers():
                problems.append(f"{label}: files left behind: {leftovers()}")
                for p in leftovers():
                    (d / p).unlink()
            if out:
                problems.append(f"{label}: wrote to standard output")
    # A target that cannot be replaced (a directory): exit 2, nothing left.
    adir = d / "adir"
    adir.mkdir()
    code, out, err = run(ctx, ["score", "-o", str(adir), main], ctx.src)
    if code != 2 or not adir.is_dir() or any(adir.iterdir()) or leftovers():
        problems.append(f"-o DIRECTORY: exit {code} (expected 2), left {leftovers()}")
    # A target in a directory that does not exist: exit 2, nothing created.
    code, out, err = run(ctx, ["score", "-o", str(d / "none" / "r.txt"), main], ctx.src)
    if code != 2 or (d / "none").exists():
        problems.append(f"-o in a missing directory: exit {code}, expected 2")
    # Success replaces the target whole with what standard output would get,
    # with the permissions of a new file (0666 & ~umask).
    for fmt, golden in (("table", "score-main-table"), ("json", "score-main-json"),
                        ("csv", "score-main-csv"), ("markdown", "score-main-markdown")):
        target.write_bytes(keep)
        old_umask = os.umask(0o022)
        try:
            code, out, err = run(ctx, ["score", "--target-year", "2023", "--format", fmt,
                                       "-o", str(target), case_table.MAIN], ctx.src)
        finally:
            os.umask(old_umask)
        if code != 0:
            problems.append(f"-o success ({fmt}): exit {code}")
        elif target.read_bytes() != read_golden(golden, "out"):
            problems.append(f"-o success ({fmt}): the file differs from golden/{golden}.out")
        elif target.stat().st_mode & 0o777 != 0o644:
            problems.append(f"-o success ({fmt}): mode {oct(target.stat().st_mode & 0o777)}, "
                            "expected 0o644 under umask 022")
        if out:
            problems.append(f"-o success ({fmt}): also wrote to standard output")
        if leftovers():
            problems.append(f"-o success ({fmt}): files left behind: {leftovers()}")
    # track -o: each format's file is what standard output gets (the goldens)
    for fmt in ("table", "json", "csv", "markdown"):
        target.write_bytes(keep)
        code, out, err = run(ctx, ["track", "--framework", case_table.TRACK_FRAMEWORK,
                                   "--format", fmt, "-o", str(target), case_table.TRACK_PANEL],
                             ctx.src)
        golden = f"track-panel-{fmt}"
        if code != 0 or out or target.read_bytes() != read_golden(golden, "out") or leftovers():
            problems.append(f"track -o ({fmt}): exit {code}, or the file differs from "
                            f"golden/{golden}.out, or files were left: {leftovers()}")
    # compare -o: each format's file is what standard output gets (the goldens)
    for fmt in ("table", "json", "csv", "markdown"):
        target.write_bytes(keep)
        code, out, err = run(ctx, case_table.CMP + ["--format", fmt, "-o", str(target),
                                                    case_table.CMP_A, case_table.CMP_B],
                             ctx.src)
        golden = f"compare-{fmt}"
        if code != 0 or out or target.read_bytes() != read_golden(golden, "out") or leftovers():
            problems.append(f"compare -o ({fmt}): exit {code}, or the file differs from "
                            f"golden/{golden}.out, or files were left: {leftovers()}")
    # validate -o: the report of invalid input is written (exit 1); it is the
    # same JUnit document standard output gets.
    code, out, err = run(ctx, ["validate", "--format", "junit", "-o", str(target),
                               case_table.D + "out-of-range.json"], ctx.src)
    code2, out2, _ = run(ctx, ["validate", "--format", "junit",
                               case_table.D + "out-of-range.json"], ctx.src)
    if code != 1 or out or target.read_bytes() != out2:
        problems.append(f"validate -o report.xml: exit {code}, file differs from stdout run")
    # validate --format json -o: the streamed document (1.3 MB here) lands
    # whole, replacing the target, as standard output gets it.
    flood = str(ctx.tmp / "many-diagnostics.json")
    target.write_bytes(keep)
    code, out, err = run(ctx, ["validate", "--format", "json", "-o", str(target), main, flood],
                         ctx.src)
    code2, out2, _ = run(ctx, ["validate", "--format", "json", main, flood], ctx.src)
    if code != 1 or code2 != 1 or out or len(out2) < (1 << 20) or \
            target.read_bytes() != out2 or leftovers():
        problems.append(f"validate --format json -o: exit {code}, or the file differs from "
                        f"the stdout run, or files were left: {leftovers()}")
    # show -o
    code, out, err = run(ctx, ["show", "--format", "json", "-o", str(target),
                               "dii-885-2023"], ctx.src)
    if code != 0 or target.read_bytes() != read_golden("show-json-885", "out"):
        problems.append(f"show -o: exit {code}, or the file differs from golden/show-json-885")
    # -o - is standard output.
    code, out, err = run(ctx, ["score", "--target-year", "2023", "-o", "-", case_table.MAIN],
                         ctx.src)
    if code != 0 or out != read_golden("score-main-table", "out"):
        problems.append(f"-o -: exit {code}, or standard output differs from the golden file")
    return problems


def t_show_json_roundtrip(ctx, extra):
    """show --format json prints what loads back unchanged: showing that
    output again gives the same bytes, and the same JSON as the data file."""
    problems = []
    for fw in ("dien-bien-4734-2023", "dii-885-2023"):
        code, first, err = run(ctx, ["show", "--format", "json", fw], ctx.src)
        if code != 0:
            problems.append(f"show --format json {fw}: exit {code}")
            continue
        path = ctx.tmp / f"shown-{fw}.json"
        path.write_bytes(first)
        code, second, err = run(ctx, ["show", "--format", "json", path.name], ctx.tmp)
        if code != 0 or second != first:
            problems.append(f"show --format json of the output of {fw}: exit {code}, "
                            f"{'same' if second == first else 'different'} output")
        if json.loads(second) != json.loads(first):
            problems.append(f"{fw}: the JSON read back differs")
        original = json.loads((ctx.src / "data" / "frameworks" / f"{fw}.json")
                              .read_text(encoding="utf-8"))
        if json.loads(first) != original:
            problems.append(f"{fw}: show --format json differs from data/frameworks/{fw}.json")
        errors = list(ctx.schemas["framework"].iter_errors(json.loads(first)))
        if errors:
            problems.append(f"{fw}: show output fails framework.schema.json: "
                            f"{errors[0].message}")
        # The shown framework scores exactly as the built-in one.
        if fw == "dien-bien-4734-2023":
            a = run(ctx, ["score", "--target-year", "2023", "--format", "json",
                          str(ctx.src / case_table.MAIN)], ctx.src)
            b = run(ctx, ["score", "--target-year", "2023", "--format", "json",
                          "--framework", str(path), str(ctx.src / case_table.MAIN)], ctx.src)
            if a != b:
                problems.append("scoring with the shown framework file differs from the "
                                "built-in framework")
    return problems


def run_on_pty(ctx, args, env):
    """Runs with standard output on a pseudo-terminal; returns (code, out)."""
    master, slave = pty.openpty()
    try:
        p = subprocess.Popen([str(ctx.binary)] + args, cwd=str(ctx.src), stdin=subprocess.DEVNULL,
                             stdout=slave, stderr=subprocess.DEVNULL, env=base_env(env))
    finally:
        os.close(slave)
    chunks = []
    while True:
        r, _, _ = select.select([master], [], [], TIMEOUT)
        if not r:
            p.kill()
            break
        try:
            b = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not b:
            break
        chunks.append(b)
    os.close(master)
    return p.wait(timeout=TIMEOUT), b"".join(chunks)


def t_colour(ctx, extra):
    """Colours only on a terminal and only when NO_COLOR is unset (set to
    anything, even empty, turns them off); never in machine formats."""
    problems = []
    score = ["score", "--target-year", "2023", case_table.MAIN]
    validate = ["validate", case_table.D + "out-of-range.json"]
    track = ["track", "--framework", case_table.TRACK_FRAMEWORK, case_table.TRACK_PANEL]
    compare = case_table.CMP + [case_table.CMP_A, case_table.CMP_B]
    for label, args in (("score table", score), ("validate text", validate),
                        ("track table", track), ("compare table", compare)):
        code, out = run_on_pty(ctx, args, {})
        if b"\x1b[" not in out:
            problems.append(f"{label} on a terminal without NO_COLOR: no colour")
        for value in ("1", ""):
            code, out = run_on_pty(ctx, args, {"NO_COLOR": value})
            if b"\x1b" in out:
                problems.append(f"{label} on a terminal with NO_COLOR={value!r}: colour")
    for fmt in ("json", "csv", "markdown"):
        code, out = run_on_pty(ctx, score + ["--format", fmt], {})
        if b"\x1b" in out:
            problems.append(f"score --format {fmt} on a terminal: ANSI codes")
    for fmt in ("json", "csv", "markdown"):
        code, out = run_on_pty(ctx, track + ["--format", fmt], {})
        if b"\x1b" in out:
            problems.append(f"track --format {fmt} on a terminal: ANSI codes")
        code, out = run_on_pty(ctx, compare + ["--format", fmt], {})
        if b"\x1b" in out:
            problems.append(f"compare --format {fmt} on a terminal: ANSI codes")
    for fmt in ("json", "junit", "github"):
        code, out = run_on_pty(ctx, validate + ["--format", fmt], {})
        if b"\x1b" in out:
            problems.append(f"validate --format {fmt} on a terminal: ANSI codes")
    for fmt in ("json", "markdown"):
        code, out = run_on_pty(ctx, ["show", "--format", fmt, "dii-885-2023"], {})
        if b"\x1b" in out:
            problems.append(f"show --format {fmt} on a terminal: ANSI codes")
    return problems


def t_unreadable(ctx, extra):
    """A file that exists but cannot be read: exit 2 and a message naming it.
    Root reads any file whatever its mode, so as root dii runs as `nobody`
    for this check (setpriv from util-linux), in a directory that user may
    enter; the file itself has mode 0 and belongs to root."""
    problems = []
    d = pathlib.Path(tempfile.mkdtemp(dir=ctx.tmp, prefix="unreadable-"))
    d.chmod(0o755)
    ctx.tmp.chmod(0o755)
    p = d / "unreadable.json"
    shutil.copy(ctx.src / case_table.MAIN, p)
    p.chmod(0)
    prefix, binary, env = [], str(ctx.binary), None
    if os.geteuid() == 0:
        prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
        # nobody may not be able to enter the build tree: a copy of the
        # command and the library beside the file, readable by all
        binary = str(d / "dii")
        shutil.copy(ctx.binary, binary)
        for lib in (f for f in (ctx.build / "lib").glob("libdii.so*") if f.is_file()):
            shutil.copy(lib, d / lib.name, follow_symlinks=True)
        env = {"LD_LIBRARY_PATH": str(d)}
    try:
        main = d / "readable.json"  # compare's other side, readable by nobody too
        shutil.copy(ctx.src / case_table.MAIN, main)
        main.chmod(0o644)
        for cmd in (["validate"], ["score"], ["validate", "--format", "junit"],
                    ["compare", main.name], ["compare", "--format", "json", main.name]):
            r = subprocess.run(prefix + [binary] + cmd + [p.name], cwd=str(d),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=base_env(env), timeout=TIMEOUT)
            said = r.stdout + r.stderr  # validate reports on stdout, score on stderr
            if r.returncode != 2 or b"unreadable.json" not in said \
                    or b"Permission denied" not in said:
                problems.append(f"{' '.join(cmd)} on an unreadable file: exit {r.returncode}, "
                                f"output {said[:200]!r}")
    finally:
        p.chmod(0o644)
    return problems


def t_large_column(ctx, extra):
    """The syntax error at the end of a 1 MB line is located exactly (its
    1 MiB string is exactly at the string limit asked for)."""
    code, out, err = run(ctx, ["validate", "--format", "json", "--max-string-length", "1M",
                               "one-mb-garbage.json"], ctx.tmp)
    d = json.loads(out)["diagnostics"]
    want = extra["one-mb-garbage-column"]
    if not d or (d[0]["line"], d[0]["column"]) != (1, want):
        got = (d[0]["line"], d[0]["column"]) if d else None
        return [f"1 MB line: syntax error at {got}, expected (1, {want})"]
    return []


def readme_submission_codes(src):
    """Codes of the README's "Diagnostic codes" table raised for submissions
    (every row whose "raised by" is not only "framework" or only "tracking":
    dii validate cannot raise those)."""
    text = (src / "README.md").read_text(encoding="utf-8")
    section = text.split("## Diagnostic codes", 1)[1].split("\n## ", 1)[0]
    codes = set()
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith("`"):
            continue
        if cells[1] in ("framework", "tracking"):
            continue
        codes |= set(re.findall(r"`([a-z0-9-]+)`", cells[0]))
    return codes


def t_codes_covered(ctx, extra):
    """Every diagnostic code the README lists for submissions has a case that
    makes it reach every validate format."""
    readme = readme_submission_codes(ctx.src)
    if len(readme) < 10:
        return [f"could not read the README's diagnostic codes (found {sorted(readme)})"]
    covered = {}
    for case in case_table.CASES:
        if case["args"][:1] != ["validate"]:
            continue
        fmt = option(case["args"], "--format", "text")
        for check in case.get("checks", []):
            if check.startswith("codes:"):
                for c in check[len("codes:"):].split(","):
                    covered.setdefault(c, set()).add(fmt)
    problems = []
    for c in sorted(readme):
        missing = set(case_table.VALIDATE_FORMATS) - covered.get(c, set())
        if missing:
            problems.append(f"README code '{c}' is not tested in validate formats "
                            f"{sorted(missing)}")
    return problems


def t_machine_outputs_checked(ctx, extra):
    """Every case that prints JSON validates it against its schema, and every
    case that prints JUnit parses it as XML."""
    kinds = {"validate": "json:diagnostics", "score": "json:result", "show": "json:framework",
             "track": "json:tracking", "compare": "json:comparison"}
    problems = []
    for case in case_table.CASES:
        if not read_golden(case["name"], "out"):
            continue  # nothing on standard output (a usage error, -o)
        fmt = option(case["args"], "--format", None)
        checks = case.get("checks", [])
        want = {"json": kinds.get(case["args"][0]), "junit": "junit"}.get(fmt)
        if want and want not in checks:
            problems.append(f"case {case['name']}: {fmt} output without the {want} check")
    return problems


# ---------------------------------------------------------------- -o targets (issue 9)

KEEP = b"KEEP: written before the test\n"


def score_to(ctx, target, fmt="table", env=None):
    """dii score of the main job into -o target; (code, out, err)."""
    return run(ctx, ["score", "--target-year", "2023", "--format", fmt, "-o", str(target),
                     case_table.MAIN], ctx.src, env=env)


def strays(d, keep):
    """Files in d other than those named in keep (a temporary file left)."""
    return sorted(p.name for p in d.iterdir() if p.name not in keep)


def t_output_special_files(ctx, extra):
    """-o onto what is not a regular file writes through it, never replaces
    it: a device node stays a device node, a FIFO stays a FIFO (and its
    reader gets the output)."""
    problems = []
    want = read_golden("score-main-table", "out")
    d = pathlib.Path(tempfile.mkdtemp(dir=ctx.tmp, prefix="special-"))
    if os.geteuid() == 0:
        # as root, a node of our own (1,3 is /dev/null, 1,7 /dev/full): the
        # system's /dev/null must not be risked on a dii that replaces it
        flood = str(ctx.tmp / "many-diagnostics.json")
        for name, minor, want_code in (("null", 3, 0), ("full", 7, 2)):
            node = d / name
            os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
            # score's table, and validate's streamed JSON (want_code + 1:
            # the flood is invalid)
            for what, (code, out, err), want_here in (
                    ("score", score_to(ctx, node), want_code),
                    ("validate json", run(ctx, ["validate", "--format", "json", "-o", str(node),
                                                flood], ctx.src), want_code or 1)):
                st = os.lstat(node)
                if code != want_here or not stat.S_ISCHR(st.st_mode) or \
                        st.st_rdev != os.makedev(1, minor):
                    problems.append(f"{what} -o a character device (1,{minor}): exit {code} "
                                    f"(expected {want_here}); still a device: "
                                    f"{stat.S_ISCHR(st.st_mode)}")
                if want_code == 2 and b"No space left on device" not in err:
                    problems.append(f"{what} -o /dev/full-like node: stderr {err!r}")
    else:
        code, out, err = score_to(ctx, "/dev/null")
        if code != 0 or not stat.S_ISCHR(os.stat("/dev/null").st_mode):
            problems.append(f"-o /dev/null: exit {code}, expected 0")
    fifo = d / "fifo"
    os.mkfifo(fifo)
    # The reader opens first (non-blocking), so dii's open for writing does
    # not wait, and whatever dii does nothing blocks.
    rfd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        code, out, err = score_to(ctx, fifo)
        got = b""
        while True:
            try:
                chunk = os.read(rfd, 65536)
            except BlockingIOError:
                break
            if not chunk:
                break
            got += chunk
    finally:
        os.close(rfd)
    if code != 0 or not stat.S_ISFIFO(os.lstat(fifo).st_mode) or got != want:
        problems.append(f"-o a FIFO: exit {code}, still a FIFO: "
                        f"{stat.S_ISFIFO(os.lstat(fifo).st_mode)}, reader got {len(got)} bytes "
                        f"of {len(want)} expected")
    # /dev/stdout on a pipe: a link to "pipe:[N]", no path to resolve
    code, out, err = run(ctx, ["score", "--target-year", "2023", "-o", "/dev/stdout",
                               case_table.MAIN], ctx.src)
    if code != 0 or out != want:
        problems.append(f"-o /dev/stdout on a pipe: exit {code}, stderr {err!r}")
    if strays(d, {"null", "full", "fifo"}):
        problems.append(f"-o special files: left behind {strays(d, {'null', 'full', 'fifo'})}")
    return problems


def t_output_links_and_attributes(ctx, extra):
    """-o through a symbolic link updates the file it points to and keeps
    the link; a file with hard links is updated for all its names; an
    existing file keeps its mode and (as root) its owner and group."""
    problems = []
    want = read_golden("score-main-table", "out")
    d = pathlib.Path(tempfile.mkdtemp(dir=ctx.tmp, prefix="links-"))
    real = d / "real"
    real.mkdir()
    target = real / "t.txt"
    target.write_bytes(KEEP)
    link = d / "link.txt"
    link.symlink_to("real/t.txt")
    code, out, err = score_to(ctx, link)
    if code != 0 or not link.is_symlink() or os.readlink(link) != "real/t.txt" \
            or target.read_bytes() != want:
        problems.append(f"-o a symbolic link: exit {code}; link kept: {link.is_symlink()}; "
                        f"target updated: {target.read_bytes() == want}")
    if strays(d, {"real", "link.txt"}) or strays(real, {"t.txt"}):
        problems.append(f"-o a symbolic link: left {strays(d, {'real', 'link.txt'})} "
                        f"{strays(real, {'t.txt'})}")
    dangling = d / "dangling.txt"
    dangling.symlink_to("real/none.txt")
    code, out, err = score_to(ctx, dangling)
    if code != 2 or not dangling.is_symlink() or (real / "none.txt").exists():
        problems.append(f"-o a link to nothing: exit {code} (expected 2), or something was "
                        "created")
    # hard links: both names see the new content, still one file
    a, b = d / "a.txt", d / "b.txt"
    a.write_bytes(KEEP)
    os.link(a, b)
    code, out, err = score_to(ctx, b)
    if code != 0 or a.read_bytes() != want or b.read_bytes() != want \
            or os.stat(a).st_ino != os.stat(b).st_ino:
        problems.append(f"-o a file with two hard links: exit {code}; a updated: "
                        f"{a.read_bytes() == want}; same inode: "
                        f"{os.stat(a).st_ino == os.stat(b).st_ino}")
    # a shorter output into a longer file with links: no old bytes remain
    a.write_bytes(KEEP * 1000)
    code, out, err = score_to(ctx, a)
    if code != 0 or b.read_bytes() != want:
        problems.append(f"-o a longer linked file: exit {code}; truncated to the output: "
                        f"{b.read_bytes() == want}")
    # mode kept (the umask would give 0644)
    m = d / "mode.txt"
    m.write_bytes(KEEP)
    m.chmod(0o640)
    old_umask = os.umask(0o022)
    try:
        code, out, err = score_to(ctx, m)
    finally:
        os.umask(old_umask)
    if code != 0 or stat.S_IMODE(os.stat(m).st_mode) != 0o640:
        problems.append(f"-o a 0640 file: exit {code}, mode now {oct(stat.S_IMODE(os.stat(m).st_mode))}")
    if os.geteuid() == 0:
        o = d / "owned.txt"
        o.write_bytes(KEEP)
        os.chown(o, 65534, 65534)
        code, out, err = score_to(ctx, o)
        st = os.stat(o)
        if code != 0 or (st.st_uid, st.st_gid) != (65534, 65534) or o.read_bytes() != want:
            problems.append(f"-o a file owned by 65534 (as root): exit {code}, owner now "
                            f"{st.st_uid}:{st.st_gid}")
    if strays(d, {"real", "link.txt", "dangling.txt", "a.txt", "b.txt", "mode.txt",
                  "owned.txt"}):
        problems.append(f"-o links: files left behind: {strays(d, set())}")
    return problems


def t_output_is_input(ctx, extra):
    """-o naming an input (the same path, a symbolic link to it, a hard
    link to it; a FILE or the --framework file or the FRAMEWORK of show):
    exit 2 before anything is read or written, the input unchanged."""
    problems = []
    d = pathlib.Path(tempfile.mkdtemp(dir=ctx.tmp, prefix="clobber-"))
    data = d / "data.json"
    shutil.copy(ctx.src / case_table.MAIN, data)
    fw = d / "fw.json"
    shutil.copy(ctx.src / "data" / "frameworks" / "dien-bien-4734-2023.json", fw)
    (d / "sym.json").symlink_to("data.json")
    os.link(data, d / "hard.json")
    (d / "fwsym.json").symlink_to("fw.json")
    original, fw_original = data.read_bytes(), fw.read_bytes()
    runs = []
    for out_name in ("data.json", "sym.json", "hard.json"):
        for cmd in (["validate"], ["validate", "--format", "junit"], ["score"]):
            runs.append(cmd + ["-o", out_name, "data.json"])
        runs.append(["validate", "-o", out_name, "other.json", "data.json"])
    for out_name in ("fw.json", "fwsym.json"):
        runs.append(["score", "--framework", "fw.json", "-o", out_name, "data.json"])
        runs.append(["validate", "--framework", "fw.json", "-o", out_name, "data.json"])
        runs.append(["show", "--format", "json", "-o", out_name, "fw.json"])
        # track: the --framework file and the --crosswalk file (fw.json is
        # only ever refused, never read as a crosswalk)
        runs.append(["track", "--framework", "fw.json", "-o", out_name, "data.json"])
        runs.append(["track", "--crosswalk", "fw.json", "--effective-year", "2025", "-o",
                     out_name, "data.json"])
    runs.append(["track", "-o", "hard.json", "data.json"])
    # compare: -o naming A or B (the same path, a symbolic or a hard link)
    for out_name in ("data.json", "sym.json", "hard.json"):
        runs.append(["compare", "-o", out_name, "data.json", "other.json"])
        runs.append(["compare", "--format", "csv", "-o", out_name, "other.json", "data.json"])
    runs.append(["compare", "--framework", "fw.json", "-o", "fwsym.json", "data.json",
                 "other.json"])
    shutil.copy(ctx.src / case_table.MAIN, d / "other.json")
    for args in runs:
        code, out, err = run(ctx, args, d)
        if code != 2 or b"refusing to write over it" not in err:
            problems.append(f"dii {' '.join(args)}: exit {code} (expected 2), stderr {err!r}")
        if data.read_bytes() != original or fw.read_bytes() != fw_original:
            problems.append(f"dii {' '.join(args)}: an input was changed")
            data.write_bytes(original)
            fw.write_bytes(fw_original)
        left = strays(d, {"data.json", "fw.json", "sym.json", "hard.json", "fwsym.json",
                          "other.json"})
        if left:
            problems.append(f"dii {' '.join(args)}: left {left}")
    # standard input is never the output file; a built-in id is no file
    code, out, err = run(ctx, ["validate", "-o", "report.txt", "-"], d, stdin=original)
    if code != 0 or not (d / "report.txt").exists():
        problems.append(f"validate -o report.txt -: exit {code}, expected 0 and a report")
    code, out, err = run(ctx, ["show", "-o", "dii-885-2023", "dii-885-2023"], d)
    if code != 0:
        problems.append(f"show -o ID ID (a built-in id names no file): exit {code}")
    return problems


def t_output_signals(ctx, extra):
    """SIGTERM, SIGINT, SIGHUP while the temporary output file exists: it is
    removed, the target is untouched, and dii dies by that same signal.

    No timing: a shim (hold_fsync.c, LD_PRELOAD) stops dii in the fsync()
    it makes on the finished temporary file, and creates a marker file
    first; the signal is sent once the marker exists. (A big input and a
    race against the writer would make the test flaky.)"""
    shim = os.environ.get("DII_TEST_HOLD_FSYNC")
    if not shim:
        return None  # run by hand without the meson test environment
    problems = []
    d = pathlib.Path(tempfile.mkdtemp(dir=ctx.tmp, prefix="signals-"))
    target = d / "results.txt"
    marker = ctx.tmp / "fsync-reached"
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        target.write_bytes(KEEP)
        if marker.exists():
            marker.unlink()
        env = base_env({"LD_PRELOAD": shim, "DII_HOLD_FSYNC_MARKER": str(marker),
                        # an ASan build would refuse a preloaded library ahead of its runtime
                        "ASAN_OPTIONS": "verify_asan_link_order=0"})
        p = subprocess.Popen([str(ctx.binary), "score", "--target-year", "2023", "-o",
                              str(target), str(ctx.src / case_table.MAIN)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        try:
            while not marker.exists() and p.poll() is None:
                select.select([], [], [], 0.01)  # waiting, not timing: no deadline but the runner's
            held = strays(d, {"results.txt"})
            if p.poll() is None:
                p.send_signal(sig)
            code = p.wait(timeout=TIMEOUT)
        finally:
            if p.poll() is None:
                p.kill()
                p.wait()
        err = p.stderr.read()
        p.stderr.close()
        name = signal.Signals(sig).name
        if not held:
            problems.append(f"{name}: no temporary file while held in fsync "
                            f"(exit {code}, stderr {err[:200]!r})")
        if code != -sig:
            problems.append(f"{name}: returncode {code}, expected {-sig} (death by the signal)")
        if strays(d, {"results.txt"}):
            problems.append(f"{name}: temporary file left behind: {strays(d, {'results.txt'})}")
            for n in strays(d, {"results.txt"}):
                (d / n).unlink()
        if target.read_bytes() != KEEP:
            problems.append(f"{name}: the target was changed")
    return problems


def t_stdout_full(ctx, extra):
    """Standard output that cannot be written (/dev/full): every command,
    --help and --version included, exits 2 with a message."""
    if not os.path.exists("/dev/full"):
        return None
    problems = []
    runs = [["--version"], ["-V"], ["--help"], ["validate", "--help"], ["frameworks"],
            ["show", "dii-885-2023"], ["show", "--format", "json", "dii-885-2023"],
            ["validate", case_table.MAIN], ["validate", "--format", "json", case_table.MAIN],
            ["validate", "--format", "junit", case_table.MAIN],
            ["validate", "--format", "github", case_table.MAIN],
            ["score", case_table.MAIN], ["score", "--format", "csv", case_table.MAIN],
            ["score", "--format", "json", case_table.MAIN], ["score", "-o", "-", case_table.MAIN],
            # a report far past stdio's buffer: the write that fails is the
            # streaming writer's own, and its errno makes the message
            ["validate", "--format", "json", str(ctx.tmp / "many-diagnostics.json")]]
    for args in runs:
        with open("/dev/full", "wb") as full:
            p = subprocess.run([str(ctx.binary)] + args, cwd=str(ctx.src), stdin=subprocess.DEVNULL,
                               stdout=full, stderr=subprocess.PIPE, env=base_env(),
                               timeout=TIMEOUT)
        if p.returncode != 2 or b"cannot write standard output: No space left" not in p.stderr:
            problems.append(f"dii {' '.join(args)} > /dev/full: exit {p.returncode} "
                            f"(expected 2), stderr {p.stderr[:160]!r}")
    return problems


def t_validate_report_always(ctx, extra):
    """validate -o writes its report in every format even when an input
    cannot be read (exit 2): the unreadable file is in it, as an
    "unreadable" error, with the other files' findings."""
    problems = []
    d = pathlib.Path(tempfile.mkdtemp(dir=ctx.tmp, prefix="report-"))
    missing = str(d / "no-such-dir" / "x.json")
    directory = str(d)
    for fmt in ("text", "json", "junit", "github"):
        for bad in (missing, directory):
            target = d / f"report-{fmt}"
            target.write_bytes(KEEP)
            args = ["validate", "--format", fmt, "-o", str(target),
                    case_table.D + "out-of-range.json", bad]
            code, out, err = run(ctx, args, ctx.src)
            _, stdout_report, _ = run(ctx, args[:3] + args[5:], ctx.src)
            report = target.read_bytes()
            if code != 2:
                problems.append(f"{fmt}, {bad}: exit {code}, expected 2")
            if report != stdout_report:
                problems.append(f"{fmt}, {bad}: the -o report differs from the standard "
                                "output one")
            if b"unreadable" not in report or b"out-of-range" not in report:
                problems.append(f"{fmt}, {bad}: the report lacks the unreadable file or the "
                                f"other file's problem: {report[:200]!r}")
            if fmt == "json":
                doc = json.loads(report)
                if doc["valid"] or list(ctx.schemas["diagnostics"].iter_errors(doc)):
                    problems.append(f"json, {bad}: report says valid or fails the schema")
            target.unlink()
    # Standard input that cannot be read (a directory): no library
    # diagnostic explains it, and the report must still not call it valid.
    for fmt, mark in (("json", b'"unreadable"'), ("github", b"title=unreadable"),
                      ("junit", b'type="not-loaded"'), ("text", b"1 not readable")):
        directory_as_stdin = os.open(d, os.O_RDONLY)
        try:
            p = subprocess.run([str(ctx.binary), "validate", "--format", fmt, "-"],
                               cwd=str(ctx.src), stdin=directory_as_stdin, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=base_env(), timeout=TIMEOUT)
        finally:
            os.close(directory_as_stdin)
        if p.returncode != 2 or mark not in p.stdout:
            problems.append(f"{fmt}, standard input unreadable: exit {p.returncode}, report "
                            f"{p.stdout[:200]!r}")
        if fmt == "json" and json.loads(p.stdout)["valid"]:
            problems.append("json, standard input unreadable: the report says valid")
    return problems


def t_ignore_codes_are_readme_codes(ctx, extra):
    """The codes --ignore accepts (listed when it is given an unknown one)
    are the README's submission codes."""
    code, out, err = run(ctx, ["validate", "--ignore", "nope", case_table.MAIN], ctx.src)
    listed = set(re.findall(r"^  ([a-z0-9-]+)$", err.decode(), re.M))
    readme = readme_submission_codes(ctx.src)
    if code != 2 or listed != readme:
        return [f"--ignore nope: exit {code}; listed codes differ from the README's: "
                f"only listed {sorted(listed - readme)}, only in README {sorted(readme - listed)}"]
    return []


def t_github_step_summary(ctx, extra):
    """--format github appends a Markdown summary to $GITHUB_STEP_SUMMARY
    (a row per file with its counts); one it cannot write is exit 2."""
    problems = []
    summary = ctx.tmp / "step-summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    files = [case_table.MAIN, case_table.D + "unknown-indicator.json",
             case_table.D + "missing-value.json", case_table.D + "out-of-range.json"]
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    code, out, err = run(ctx, ["validate", "--format", "github"] + files, ctx.src, env=env)
    text = summary.read_text(encoding="utf-8")
    if code != 1 or not text.startswith("earlier step\n"):
        problems.append(f"step summary: exit {code} (expected 1), or the earlier content "
                        "was not kept (not appended)")
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[1].isdigit():
            rows[cells[0].replace("\\", "")] = (int(cells[1]), int(cells[2]))
    want = {files[0]: (0, 0), files[1]: (1, 1), files[2]: (0, 1), files[3]: (1, 0)}
    if rows != want:
        problems.append(f"step summary rows {rows}, expected {want}")
    if "4 files checked: 2 errors, 2 warnings" not in text or "invalid" not in text:
        problems.append(f"step summary totals missing: {text!r}")
    # no summary for other formats, nothing when the variable is unset
    before = summary.read_bytes()
    run(ctx, ["validate", "--format", "json"] + files, ctx.src, env=env)
    if summary.read_bytes() != before:
        problems.append("--format json wrote the step summary")
    for bad in ("/dev/full", str(ctx.tmp / "no-such-dir" / "summary.md")):
        code, out, err = run(ctx, ["validate", "--format", "github", case_table.MAIN], ctx.src,
                             env={"GITHUB_STEP_SUMMARY": bad})
        if code != 2 or b"GITHUB_STEP_SUMMARY" not in err:
            problems.append(f"GITHUB_STEP_SUMMARY={bad}: exit {code} (expected 2), "
                            f"stderr {err!r}")
    return problems


def t_readme_compare_example(ctx, extra):
    """The README's `dii compare` example is the real output: the block
    after its command line is golden/compare-example.out (the case that
    runs that command)."""
    text = (ctx.src / "README.md").read_text(encoding="utf-8")
    command = "$ dii " + " ".join(next(c for c in case_table.CASES
                                       if c["name"] == "compare-example")["args"]) + "\n"
    if command not in text:
        return [f"README: no example line {command.strip()!r}"]
    shown = text.split(command, 1)[1].split("```", 1)[0]
    golden = read_golden("compare-example", "out").decode("utf-8")
    return [] if shown == golden else ["README's compare example differs from "
                                       "golden/compare-example.out"]


SPECIAL = [
    ("readme-compare-example", t_readme_compare_example),
    ("output-atomic", t_output_atomic),
    ("show-json-roundtrip", t_show_json_roundtrip),
    ("colour", t_colour),
    ("unreadable-file", t_unreadable),
    ("one-mb-line-column", t_large_column),
    ("readme-codes-covered", t_codes_covered),
    ("machine-outputs-checked", t_machine_outputs_checked),
    ("output-special-files", t_output_special_files),
    ("output-links-and-attributes", t_output_links_and_attributes),
    ("output-is-input", t_output_is_input),
    ("output-signals", t_output_signals),
    ("stdout-full", t_stdout_full),
    ("validate-report-always", t_validate_report_always),
    ("ignore-codes-are-readme-codes", t_ignore_codes_are_readme_codes),
    ("github-step-summary", t_github_step_summary),
]


# ---------------------------------------------------------------- main

def main(argv):
    args = [a for a in argv[1:] if a not in ("-v", "--verbose")]
    verbose = len(args) != len(argv) - 1
    update = None
    if "--update" in args:
        i = args.index("--update")
        update = set(args[i + 1:])
        args = args[:i]
    if len(args) != 2:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    binary = pathlib.Path(args[0]).resolve()
    src = pathlib.Path(args[1]).resolve()
    names = [c["name"] for c in case_table.CASES]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        print(f"cases.py: duplicate case names {sorted(dupes)}", file=sys.stderr)
        return 2
    if update:
        unknown = update - set(names)
        if unknown:
            print(f"--update: no case named {sorted(unknown)}", file=sys.stderr)
            return 2
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="dii-cli-"))
    passed = failed = skipped = 0
    try:
        ctx = Context(binary, src, tmp)
        extra = generate_inputs(ctx)
        GOLDEN.mkdir(exist_ok=True)
        for case in case_table.CASES:
            do_update = update is not None and (not update or case["name"] in update)
            problems = run_case(ctx, case, do_update, extra)
            if problems:
                failed += 1
                print(f"FAIL {case['name']}: dii {' '.join(case['args'])}")
                for p in problems:
                    print(f"  {p}")
            else:
                passed += 1
                if verbose:
                    print(f"ok   {case['name']}")
        for name, fn in SPECIAL:
            try:
                problems = fn(ctx, extra)
            except Exception as e:  # a test that cannot run is a failure, not a crash
                problems = [f"{type(e).__name__}: {e}"]
            if problems is None:
                skipped += 1
                print(f"SKIP {name} (not applicable here: see the test's docstring)")
            elif problems:
                failed += 1
                print(f"FAIL {name}")
                for p in problems:
                    print(f"  {p}")
            else:
                passed += 1
                if verbose:
                    print(f"ok   {name}")
        if update is not None:
            print("golden files rewritten: read every changed one and check it by hand "
                  "(git diff tests/cli/golden) before committing")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"cli: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
