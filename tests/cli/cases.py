"""The golden-file cases of the `dii` command, as data.

Each case runs `dii ARGS...` once and compares:
  * the exit status with `exit`;
  * standard output with golden/NAME.out and standard error with
    golden/NAME.err (a missing golden file means "must be empty").

Fields:
  name    unique; names the golden files
  args    the arguments after `dii`
  exit    expected exit status (0 valid, 1 invalid input, 2 usage/I/O)
  cwd     "src" (default: the source root, so files are named
          tests/cli/data/...) or "tmp" (the run's scratch directory, where
          run_cli_tests.py generates files that are not committed)
  stdin   None (empty standard input), or a path relative to the source root
          whose bytes are piped in
  env     extra environment (the runner starts from a clean one without
          NO_COLOR); a value of None removes the variable
  checks  extra structural checks, by name, done in run_cli_tests.py:
            "junit"            stdout parses as XML with the JUnit shape
            "json:diagnostics" stdout passes data/schema/diagnostics.schema.json
            "json:result"      stdout passes data/schema/result.schema.json
            "json:framework"   stdout passes data/schema/framework.schema.json
            "no-ansi"          no ESC byte in stdout or stderr
            "codes:A,B"        every listed diagnostic code appears in stdout
                               in the form of the case's --format
            "main-job"         the numbers of the main job (21.8559 / 23,
                               index 0.9503, 8 met: rows 6 10 13 17 18 21 22 23)
            "cohort"           the ranks of examples/data/provinces-2025.csv
                               (1, 2, 2, 4, ...; 34 units)
            "provisional"      stderr carries the provisional warning
            "input-order"      the located problems (text form, on stdout
                               for validate, stderr for score) come in input
                               order: file as on the command line, line, column
            "csv-no-formula"   no text cell of the CSV output would run as a
                               spreadsheet formula, and every number column
                               still reads as a number
            "json:tracking"    stdout passes data/schema/tracking.schema.json
            "track-csv"        the track CSV has the rows and numbers of the
                               same run's JSON (dii_tracking_to_json), no text
                               cell runs as a formula
            "json:comparison"  stdout passes data/schema/comparison.schema.json
            "compare-csv"      the compare CSV has the rows and numbers of the
                               same run's JSON (dii_comparison_to_json), no text
                               cell runs as a formula
"""

D = "tests/cli/data/"
MAIN = "examples/data/dien-bien-2022.json"
COHORT = "examples/data/provinces-2025.csv"

# ---- dii track: a synthetic panel (invented figures, labelled synthetic in
# the unit names) of 2 units x 3 years (2022-2024) under dien-bien-4734-2023.
# T1 is the example panel (examples/data/dien-bien-panel-2022-2024.json) and
# T2 the 2022 actuals repeated, except six indicators made to reach each
# status. Hand calculation (docs/tracking.md, section 1), checked against
# golden/track-panel-csv.out:
# * T1 code 1, 67.4 / 71 / 74.5 (2022-2024; the 2022 baseline is not earlier
#   than the first observation, so 3 points): x̄ = 2023, ȳ = 70.9667; OLS
#   slope b = ((-1)(67.4 - ȳ) + (1)(74.5 - ȳ)) / 2 = 3.55. 2025 (>= 80):
#   required (80 - 67.4) / 3 = 4.2, R = 3.55 / 4.2 = 0.845238 ->
#   acceleration_needed; projection L(2025) = ȳ + 2b = 78.0667; expected year:
#   L(2026) = 81.6167 >= 80 (L(2025) is not) -> 2026. 2030 (>= 100): required
#   32.6 / 8 = 4.075, R = 0.871166; L(2030) = 95.8167; L(Y) >= 100 from
#   Y = 2023 + 29.0333 / 3.55 = 2031.18 -> 2032.
# * T1 code 12, 42 / 50 / 60, 2025 target "> 60": 60 does not meet > 60, so
#   not achieved; b = 9, required (60 - 42) / 3 = 6, R = 1.5 -> on_track;
#   L(2024) = 50.6667 + 9 = 59.6667, L(2025) = 68.6667 -> expected 2025.
#   2030 (>= 100): L(2030) = 113.67 clamped to 100 (a percent); expected: L(2028)
#   = 95.67, L(2029) = 104.67 -> 2029.
# * T2 code 12, 40 / 45 (2024 not reported: a skipped year), "> 60": 2 points,
#   b = 5, required (60 - 40) / 3 = 6.6667, R = 0.75 -> acceleration_needed;
#   L(Y) = 42.5 + 5 (Y - 2022.5): L(2025) = 55; L(2026) = 60 exactly, which
#   does not meet > 60 -> expected 2027. The table shows the latest as
#   "45 (2023)".
# * T1 code 6 (5G), only 2024 = 3: the 2022 baseline (0) is earlier, so it is
#   the start: b = 3 / 2 = 1.5, required 15 / 3 = 5, R = 0.3 ->
#   limited_progress; L(Y) = 3 + 1.5 (Y - 2024) >= 15 from 2032.
# * T1 code 23, 100 / 98 / 99 against >= 100: the start met it, so the
#   required pace (100 - 100) / 3 is 0 and the observed -0.5 points away ->
#   deteriorating, no ratio. T1 code 16, 85 / 84 / 82: b = -1.5, R = -0.3
#   -> deteriorating. T1 code 21 true -> achieved; T2 false -> not_achieved.
TRACK_FRAMEWORK = "dien-bien-4734-2023"
TRACK_PANEL = D + "track-panel.csv"
TRACK = ["track", "--framework", TRACK_FRAMEWORK]
PANEL_EXAMPLE = "examples/data/dien-bien-panel-2022-2024.json"
PLAN_EXAMPLE = "examples/data/dien-bien-plan-table-synthetic-2023-2024.csv"

# ---- dii compare: a self-assessment (A) against the ministry's round (B).
# compare-self.csv and compare-ministry.csv are SELF and MINISTRY of
# tests/unit/test_compare.c: two units under dien-bien-4734-2023, year 2024
# (23 indicators of 1 point, index = points / 23, ranks on the index rounded
# to 4 places); the ministry corrects three of DB's values, one of them a
# status flip; LC is confirmed. Hand calculation (target_ratio: points =
# min(value / target, 1); 2024 targets: code 1 >= 76, 6 >= 5, 12 >= 54),
# checked against golden/compare-table.out and compare-csv.out:
# * DB, A: code 1 76/76 = 1 (met), 6 4/5 = 0.8, 12 27/54 = 0.5, 21 true = 1
#   -> 3.3 points, index 3.3/23 = 0.14348 -> 0.1435.
# * DB, B: code 1 72/76 = 18/19 = 0.9474 (not met: the flip), 6 4.5/5 = 0.9,
#   12 40.5/54 = 0.75, 21 = 1 -> 68.35/19 = 3.5974, index 68.35/437 = 0.1564.
#   Δpoints = 5.65/19 = +0.2974 (-1/19 + 0.1 + 0.25), Δindex = 5.65/437 =
#   +0.0129. Rows: 1: 76 -> 72 (-4), 1 -> 0.9474 (-0.0526), met -> not met;
#   6: 4 -> 4.5 (+0.5), 0.8 -> 0.9 (+0.1); 12: 27 -> 40.5 (+13.5),
#   0.5 -> 0.75 (+0.25).
# * LC on both sides: 1 + 39.25/78.5 + 1 + 1 + 0 = 3.5, index 0.1522; no row
#   changed, but ranks: A LC 1, DB 2; B DB 1, LC 2 -> Δrank DB -1 (up),
#   LC +1 (down).
# compare-ministry-partial.csv: DB as in B, LC dropped, SL added (38/76 =
# 0.5 + AI true 1 = 1.5, index 0.0652, rank 2 of B): LC only in A, SL only
# in B, each with all 23 rows (one side only: every row changed).
CMP = ["compare", "--framework", "dien-bien-4734-2023"]
CMP_A = D + "compare-self.csv"
CMP_B = D + "compare-ministry.csv"
CMP_PARTIAL = D + "compare-ministry-partial.csv"
# The example pair: the real 2022 actuals (A) and a SYNTHETIC ministry round
# (B) with three values changed, against the 2023 targets. By hand: code 1
# 67.4 -> 66.5: 67.4/72 = 0.9361 -> 66.5/72 = 0.9236 (Δ -0.9/72 = -0.0125);
# code 13 100 -> 92.4 against >= 100: met -> not met, 1 -> 0.924 (-0.076);
# code 19 40 -> 45 against >= 50: 0.8 -> 0.9 (+0.1). Δpoints = +0.0115,
# 21.8559 -> 21.8674; Δindex = 0.0115/23 = +0.0005 (0.9503 -> 0.9508);
# rank 1 -> 1.
MINISTRY_EXAMPLE = "examples/data/dien-bien-2022-ministry.json"

# Every diagnostic code the library raises about submissions, the file that
# raises it (tests/cli/data, or generated into the scratch directory when the
# name starts with "@"), the options it needs and the exit status of a plain
# `dii validate` (warnings alone leave it 0).
DIAGNOSTIC_FILES = [
    # code, file, extra args, exit
    ("syntax", D + "syntax.json", [], 1),
    ("syntax", D + "syntax.csv", ["--framework", "dii-885-2023"], 1),
    ("encoding", "@invalid-utf8.csv", ["--framework", "dii-885-2023"], 1),
    ("unsupported-format", D + "unsupported-format.json", [], 1),
    ("unsupported-format", D + "unsupported-format.json",
     ["--framework", "dien-bien-4734-2023"], 1),
    ("no-submissions", D + "empty-batch.json", ["--framework", "dien-bien-4734-2023"], 0),
    ("missing-field", D + "missing-field.json", [], 1),
    ("unknown-field", D + "unknown-field.json", [], 0),
    ("duplicate-field", D + "duplicate-field.json", [], 1),
    ("duplicate-field", D + "duplicate-field.csv", ["--framework", "dii-885-2023"], 1),
    ("wrong-type", D + "wrong-type.json", [], 1),
    ("unknown-indicator", D + "unknown-indicator.json", [], 1),
    ("duplicate-value", D + "duplicate-value.json", [], 1),
    ("duplicate-submission", D + "duplicate-submission.json", [], 1),
    ("not-finite", D + "not-finite.csv", ["--framework", "dii-885-2023"], 1),
    ("out-of-range", D + "out-of-range.json", [], 1),
    ("missing-value", D + "missing-value.json", [], 0),
    ("year-out-of-range", D + "year-out-of-range.json", [], 0),
    ("framework-mismatch", D + "framework-mismatch.json", [], 1),
    ("framework-mismatch", D + "unknown-framework.json",
     ["--framework", "dien-bien-4734-2023"], 1),
    ("unknown-framework", D + "unknown-framework.json", [], 1),
    ("unreadable", D + "no-such-dir/x.json", [], 2),
    # two submissions, one allowed: refused at the second one's '{' (10:5)
    ("limit-exceeded", D + "limit-exceeded.json", ["--max-submissions", "1"], 1),
    # out-of-range at 15:26, 18:27 and 23:30, a missing value at 22:35: the
    # first two found are listed, then "2 more diagnostics (1 error,
    # 1 warning)", an error
    ("too-many-diagnostics", D + "too-many-diagnostics.json", ["--max-diagnostics", "2"], 1),
]

VALIDATE_FORMATS = ["text", "json", "junit", "github"]
FORMAT_CHECKS = {"text": [], "json": ["json:diagnostics"], "junit": ["junit"], "github": []}


def _stem(path):
    name = path.lstrip("@").rsplit("/", 1)[-1]
    return name.replace(".", "-")


def _diagnostic_cases():
    cases = []
    for code, path, extra, code_exit in DIAGNOSTIC_FILES:
        tmp = path.startswith("@")
        # JSON files name their framework; --framework on one is a variant.
        variant = "-with-framework" if "--framework" in extra and path.endswith(".json") else ""
        for fmt in VALIDATE_FORMATS:
            cases.append({
                "name": f"diag-{code}-{_stem(path)}{variant}-{fmt}",
                "args": ["validate", "--format", fmt] + extra + [path.lstrip("@")],
                "cwd": "tmp" if tmp else "src",
                "exit": code_exit,
                "checks": FORMAT_CHECKS[fmt] + ["no-ansi", "codes:" + code],
            })
    return cases


CASES = [
    # ---- top level -------------------------------------------------------
    {"name": "version", "args": ["--version"], "exit": 0},
    {"name": "version-short", "args": ["-V"], "exit": 0},
    {"name": "help", "args": ["--help"], "exit": 0},
    {"name": "help-short", "args": ["-h"], "exit": 0},
    {"name": "no-command", "args": [], "exit": 2},
    {"name": "unknown-command", "args": ["rank"], "exit": 2},
    {"name": "frameworks-help", "args": ["frameworks", "--help"], "exit": 0},
    {"name": "show-help", "args": ["show", "--help"], "exit": 0},
    {"name": "validate-help", "args": ["validate", "--help"], "exit": 0},
    {"name": "score-help", "args": ["score", "--help"], "exit": 0},
    {"name": "score-help-after-args", "args": ["score", MAIN, "-h"], "exit": 0},
    {"name": "track-help", "args": ["track", "--help"], "exit": 0},
    {"name": "compare-help", "args": ["compare", "--help"], "exit": 0},

    # ---- frameworks --------------------------------------------------------
    {"name": "frameworks", "args": ["frameworks"], "exit": 0, "checks": ["no-ansi"]},
    {"name": "frameworks-en", "args": ["frameworks", "--lang", "en"], "exit": 0},
    {"name": "frameworks-extra-arg", "args": ["frameworks", "x"], "exit": 2},

    # ---- show --------------------------------------------------------------
    {"name": "show-table-dien-bien", "args": ["show", "dien-bien-4734-2023"], "exit": 0,
     "env": {"NO_COLOR": "1"}, "checks": ["no-ansi"]},
    {"name": "show-table-dien-bien-en", "args": ["show", "--lang", "en", "dien-bien-4734-2023"],
     "exit": 0, "checks": ["no-ansi"]},
    {"name": "show-table-885", "args": ["show", "dii-885-2023"], "exit": 0,
     "checks": ["no-ansi"]},
    {"name": "show-json-dien-bien", "args": ["show", "--format", "json", "dien-bien-4734-2023"],
     "exit": 0, "checks": ["json:framework"]},
    {"name": "show-json-885", "args": ["show", "--format=json", "dii-885-2023"], "exit": 0,
     "checks": ["json:framework"]},
    {"name": "show-markdown-dien-bien",
     "args": ["show", "--format", "markdown", "dien-bien-4734-2023"], "exit": 0,
     "checks": ["no-ansi"]},
    {"name": "show-markdown-885", "args": ["show", "--format", "markdown", "dii-885-2023"],
     "exit": 0, "checks": ["no-ansi"]},
    {"name": "show-file", "args": ["show", "data/frameworks/dii-885-2023.json"], "exit": 0},
    {"name": "show-unknown", "args": ["show", "no-such-framework"], "exit": 2},
    {"name": "show-no-arg", "args": ["show"], "exit": 2},
    {"name": "show-two-args", "args": ["show", "dii-885-2023", "dien-bien-4734-2023"],
     "exit": 2},
    {"name": "show-bad-format", "args": ["show", "--format", "csv", "dii-885-2023"], "exit": 2},
    {"name": "show-bad-framework-file", "args": ["show", D + "valid-dien-bien.json"],
     "exit": 1},

    # ---- score: the main job in every format -------------------------------
    {"name": "score-main-table", "args": ["score", "--target-year", "2023", MAIN], "exit": 0,
     "env": {"NO_COLOR": "1"}, "checks": ["no-ansi", "main-job"]},
    {"name": "score-main-table-nocolor-unset", "args": ["score", "--target-year", "2023", MAIN],
     "exit": 0, "checks": ["no-ansi", "main-job"]},
    {"name": "score-main-table-en",
     "args": ["score", "--lang", "en", "--target-year", "2023", MAIN], "exit": 0,
     "checks": ["no-ansi", "main-job"]},
    {"name": "score-main-json", "args": ["score", "--target-year", "2023", "--format", "json",
                                         MAIN],
     "exit": 0, "checks": ["json:result", "main-job"]},
    {"name": "score-main-csv", "args": ["score", "--target-year=2023", "--format", "csv", MAIN],
     "exit": 0, "checks": ["no-ansi", "main-job"]},
    {"name": "score-main-markdown",
     "args": ["score", "--target-year", "2023", "--format", "markdown", MAIN], "exit": 0,
     "checks": ["no-ansi", "main-job"]},
    {"name": "score-main-own-year", "args": ["score", MAIN], "exit": 0, "checks": ["no-ansi"]},
    {"name": "score-main-stdin", "args": ["score", "--target-year", "2023", "-"], "stdin": MAIN,
     "exit": 0, "checks": ["main-job"]},
    {"name": "score-main-2027", "args": ["score", "--target-year", "2027", "--format", "json",
                                         MAIN],
     "exit": 0, "checks": ["json:result"]},

    # ---- score: the synthetic cohort ---------------------------------------
    {"name": "score-cohort-table", "args": ["score", "--framework", "dii-885-2023", COHORT],
     "exit": 0, "checks": ["no-ansi", "cohort", "provisional"]},
    {"name": "score-cohort-json",
     "args": ["score", "--framework", "dii-885-2023", "--format", "json", COHORT], "exit": 0,
     "checks": ["json:result", "cohort", "provisional"]},
    {"name": "score-cohort-csv",
     "args": ["score", "--framework", "dii-885-2023", "--format", "csv", COHORT], "exit": 0,
     "checks": ["cohort", "provisional"]},
    {"name": "score-cohort-markdown",
     "args": ["score", "--framework", "dii-885-2023", "--format", "markdown", COHORT],
     "exit": 0, "checks": ["cohort", "provisional"]},
    {"name": "score-two-files-one-cohort",
     "args": ["score", "--framework", "dii-885-2023", "--format", "csv",
              D + "valid-two-units.csv", D + "one-more-unit.csv"],
     "exit": 0, "checks": ["provisional"]},
    {"name": "score-semicolon",
     "args": ["score", "--framework", "dii-885-2023", "--delimiter", ";", "--decimal-mark", ",",
              "--format", "json", D + "semicolon-decimal-comma.csv"],
     "exit": 0, "checks": ["json:result", "provisional"]},
    {"name": "score-year-warning", "args": ["score", "--format", "json",
                                            D + "year-out-of-range.json"],
     "exit": 0, "checks": ["json:result"]},
    {"name": "score-csv-no-framework", "args": ["score", COHORT], "exit": 1},

    # ---- score: errors -----------------------------------------------------
    {"name": "score-invalid", "args": ["score", D + "out-of-range.json"], "exit": 1},
    {"name": "score-syntax", "args": ["score", D + "syntax.json"], "exit": 1},
    {"name": "score-no-file", "args": ["score"], "exit": 2},
    {"name": "score-unknown-option", "args": ["score", "--colour", MAIN], "exit": 2},
    {"name": "score-strict-not-an-option", "args": ["score", "--strict", MAIN], "exit": 2},
    {"name": "score-bad-format", "args": ["score", "--format", "xml", MAIN], "exit": 2},
    {"name": "score-junit-not-a-score-format", "args": ["score", "--format", "junit", MAIN],
     "exit": 2},
    {"name": "score-missing-value", "args": ["score", MAIN, "--target-year"], "exit": 2},
    {"name": "score-missing-format-value", "args": ["score", MAIN, "--format"], "exit": 2},
    {"name": "score-target-year-abc", "args": ["score", "--target-year", "abc", MAIN],
     "exit": 2},
    {"name": "score-target-year-trailing", "args": ["score", "--target-year", "2023x", MAIN],
     "exit": 2},
    {"name": "score-target-year-range", "args": ["score", "--target-year", "99999", MAIN],
     "exit": 2},
    {"name": "score-bad-lang", "args": ["score", "--lang", "fr", MAIN], "exit": 2},
    {"name": "score-bad-delimiter", "args": ["score", "--delimiter", "|", MAIN], "exit": 2},
    {"name": "score-same-delimiter-and-mark",
     "args": ["score", "--delimiter", ",", "--decimal-mark", ",", MAIN], "exit": 2},
    {"name": "score-unknown-framework-option",
     "args": ["score", "--framework", "no-such-framework", MAIN], "exit": 2},
    {"name": "score-missing-file", "args": ["score", "tests/cli/data/no-such-dir/x.json"],
     "exit": 2},
    {"name": "score-directory", "args": ["score", "tests/cli/data"], "exit": 2},
    {"name": "score-double-dash", "args": ["score", "--target-year", "2023", "--", MAIN],
     "exit": 0, "checks": ["main-job"]},

    # ---- validate ----------------------------------------------------------
    {"name": "validate-valid-text", "args": ["validate", MAIN], "exit": 0,
     "checks": ["no-ansi"]},
    {"name": "validate-valid-json", "args": ["validate", "--format", "json", MAIN], "exit": 0,
     "checks": ["json:diagnostics"]},
    {"name": "validate-valid-junit", "args": ["validate", "--format", "junit", MAIN],
     "exit": 0, "checks": ["junit"]},
    {"name": "validate-valid-github", "args": ["validate", "--format", "github", MAIN],
     "exit": 0},
    {"name": "validate-cohort-text",
     "args": ["validate", "--framework", "dii-885-2023", COHORT], "exit": 0},
    {"name": "validate-cohort-junit",
     "args": ["validate", "--framework", "dii-885-2023", "--format", "junit", COHORT],
     "exit": 0, "checks": ["junit"]},
    {"name": "validate-stdin", "args": ["validate", "-"], "stdin": MAIN, "exit": 0},
    {"name": "validate-stdin-bad-json", "args": ["validate", "--format", "json", "-"],
     "stdin": D + "out-of-range.json", "exit": 1, "checks": ["json:diagnostics"]},
    {"name": "validate-stdin-csv",
     "args": ["validate", "--framework", "dii-885-2023", "--format", "junit", "-"],
     "stdin": D + "valid-two-units.csv", "exit": 0, "checks": ["junit"]},
    {"name": "validate-stdin-empty", "args": ["validate", "-"], "exit": 1},
    {"name": "validate-many-text",
     "args": ["validate", MAIN, D + "unknown-indicator.json", D + "missing-value.json",
              D + "out-of-range.json"], "exit": 1},
    {"name": "validate-many-json",
     "args": ["validate", "--format", "json", MAIN, D + "unknown-indicator.json",
              D + "missing-value.json", D + "out-of-range.json"], "exit": 1,
     "checks": ["json:diagnostics", "codes:unknown-indicator,missing-value,out-of-range"]},
    {"name": "validate-many-junit",
     "args": ["validate", "--format", "junit", MAIN, D + "unknown-indicator.json",
              D + "missing-value.json", D + "out-of-range.json"], "exit": 1,
     "checks": ["junit", "codes:unknown-indicator,missing-value,out-of-range"]},
    {"name": "validate-many-github",
     "args": ["validate", "--format", "github", MAIN, D + "unknown-indicator.json",
              D + "missing-value.json", D + "out-of-range.json"], "exit": 1,
     "checks": ["codes:unknown-indicator,missing-value,out-of-range"]},
    {"name": "validate-warnings-only", "args": ["validate", D + "missing-value.json"],
     "exit": 0},
    {"name": "validate-strict-text", "args": ["validate", "--strict", D + "missing-value.json"],
     "exit": 1},
    {"name": "validate-strict-json",
     "args": ["validate", "--strict", "--format", "json", D + "missing-value.json"], "exit": 1,
     "checks": ["json:diagnostics"]},
    {"name": "validate-strict-junit",
     "args": ["validate", "--strict", "--format", "junit", D + "missing-value.json"], "exit": 1,
     "checks": ["junit"]},
    {"name": "validate-strict-github",
     "args": ["validate", "--strict", "--format", "github", D + "missing-value.json"],
     "exit": 1},
    {"name": "validate-strict-valid", "args": ["validate", "--strict", MAIN], "exit": 0},
    {"name": "validate-empty-file", "args": ["validate", D + "empty.json"], "exit": 1},
    {"name": "validate-empty-file-junit", "args": ["validate", "--format", "junit",
                                                    D + "empty.json"],
     "exit": 1, "checks": ["junit", "codes:syntax"]},
    {"name": "validate-directory", "args": ["validate", "tests/cli/data"], "exit": 2},
    {"name": "validate-directory-json", "args": ["validate", "--format", "json",
                                                  "tests/cli/data"],
     "exit": 2, "checks": ["json:diagnostics"]},
    {"name": "validate-missing-file", "args": ["validate", "tests/cli/data/no-such-dir/x.json"],
     "exit": 2},
    {"name": "validate-missing-and-valid",
     "args": ["validate", MAIN, "tests/cli/data/no-such-dir/x.json"], "exit": 2},
    {"name": "validate-invalid-utf8-text",
     "args": ["validate", "--framework", "dii-885-2023", "invalid-utf8.csv"], "cwd": "tmp",
     "exit": 1},
    {"name": "validate-invalid-utf8-json-input", "args": ["validate", "invalid-utf8.json"],
     "cwd": "tmp", "exit": 1, "checks": ["codes:encoding"]},
    # The 1 MiB strings are exactly at --max-string-length 1M (accepted);
    # the default limit (64 KiB) refuses them.
    {"name": "validate-1mb-line", "args": ["validate", "--max-string-length", "1M",
                                           "one-mb-line.json"], "cwd": "tmp",
     "exit": 0},
    {"name": "validate-1mb-line-garbage", "args": ["validate", "--format", "json",
                                                    "--max-string-length=1M",
                                                    "one-mb-garbage.json"],
     "cwd": "tmp", "exit": 1, "checks": ["json:diagnostics", "codes:syntax"]},
    {"name": "score-1mb-line", "args": ["score", "--target-year", "2023",
                                        "--max-string-length", "1048576", "one-mb-line.json"],
     "cwd": "tmp", "exit": 0, "checks": ["main-job"]},
    {"name": "validate-1mb-line-default-limit", "args": ["validate", "one-mb-line.json"],
     "cwd": "tmp", "exit": 1, "checks": ["codes:limit-exceeded"]},
    {"name": "validate-1mb-line-one-byte-short",
     "args": ["validate", "--format", "json", "--max-string-length", "1048575",
              "one-mb-line.json"],
     "cwd": "tmp", "exit": 1, "checks": ["json:diagnostics", "codes:limit-exceeded"]},

    # ---- limits: each flag at and just beyond its limit, and bad values ------
    # MAIN is 1359 bytes (byte 1359 would be 35:2), nests 2 levels (the root,
    # then "unit" at 4:11, "values", "sources"), its longest string is the
    # 82-byte source text at 32:47, and it holds 1 submission.
    {"name": "validate-max-input-size-at", "args": ["validate", "--max-input-size", "1359",
                                                    MAIN], "exit": 0},
    {"name": "validate-max-input-size-beyond",
     "args": ["validate", "--max-input-size", "1358", MAIN], "exit": 1,
     "checks": ["codes:limit-exceeded"]},
    {"name": "validate-max-input-size-suffix",
     "args": ["validate", "--max-input-size", "1K", MAIN], "exit": 1,
     "checks": ["codes:limit-exceeded"]},
    {"name": "validate-max-input-size-stdin",
     "args": ["validate", "--format", "github", "--max-input-size", "100", "-"], "stdin": MAIN,
     "exit": 1, "checks": ["codes:limit-exceeded"]},
    {"name": "validate-max-depth-at", "args": ["validate", "--max-depth", "2", MAIN], "exit": 0},
    {"name": "validate-max-depth-beyond", "args": ["validate", "--max-depth=1", MAIN],
     "exit": 1, "checks": ["codes:limit-exceeded"]},
    {"name": "validate-max-string-length-at",
     "args": ["validate", "--max-string-length", "82", MAIN], "exit": 0},
    {"name": "validate-max-string-length-beyond",
     "args": ["validate", "--format", "junit", "--max-string-length", "81", MAIN], "exit": 1,
     "checks": ["junit", "codes:limit-exceeded"]},
    {"name": "validate-max-string-length-csv",
     "args": ["validate", "--framework", "dii-885-2023", "--max-string-length", "20", COHORT],
     "exit": 1, "checks": ["codes:limit-exceeded"]},
    {"name": "score-max-submissions-at",
     "args": ["score", "--target-year", "2023", "--max-submissions", "1", MAIN], "exit": 0,
     "checks": ["main-job"]},
    {"name": "score-max-submissions-beyond",
     "args": ["score", "--framework", "dii-885-2023", "--max-submissions", "33", COHORT],
     "exit": 1},
    {"name": "score-max-depth-beyond", "args": ["score", "--max-depth", "1", MAIN], "exit": 1},
    {"name": "validate-max-depth-zero", "args": ["validate", "--max-depth", "0", MAIN],
     "exit": 2},
    {"name": "validate-max-depth-too-large",
     "args": ["validate", "--max-depth", "4294967296", MAIN], "exit": 2},
    {"name": "validate-max-depth-suffix", "args": ["validate", "--max-depth", "1K", MAIN],
     "exit": 2},
    {"name": "validate-max-input-size-negative",
     "args": ["validate", "--max-input-size", "-1", MAIN], "exit": 2},
    {"name": "validate-max-input-size-bad-suffix",
     "args": ["validate", "--max-input-size", "5T", MAIN], "exit": 2},
    {"name": "validate-max-string-length-empty",
     "args": ["validate", "--max-string-length=", MAIN], "exit": 2},
    {"name": "score-max-submissions-not-a-number",
     "args": ["score", "--max-submissions", "many", MAIN], "exit": 2},
    {"name": "score-max-submissions-missing-value", "args": ["score", MAIN, "--max-submissions"],
     "exit": 2},
    # --max-diagnostics: one cap for loading and validating; score lists
    # the problems it refuses within it too. Not a byte size (no suffix).
    {"name": "validate-max-diagnostics-at",
     "args": ["validate", "--max-diagnostics", "4", D + "too-many-diagnostics.json"], "exit": 1},
    {"name": "validate-max-diagnostics-beyond",
     "args": ["validate", "--format", "json", "--max-diagnostics=3",
              D + "too-many-diagnostics.json"], "exit": 1,
     "checks": ["json:diagnostics", "codes:too-many-diagnostics"]},
    {"name": "score-max-diagnostics",
     "args": ["score", "--max-diagnostics", "1", D + "too-many-diagnostics.json"], "exit": 1},
    {"name": "validate-max-diagnostics-zero",
     "args": ["validate", "--max-diagnostics", "0", MAIN], "exit": 2},
    {"name": "validate-max-diagnostics-suffix",
     "args": ["validate", "--max-diagnostics", "2K", MAIN], "exit": 2},
    {"name": "score-max-diagnostics-not-a-number",
     "args": ["score", "--max-diagnostics", "many", MAIN], "exit": 2},
    # The limits apply to a --framework file too (27,231 bytes), as to the
    # submissions: beyond, a located limit-exceeded error in the report and
    # exit 1; at the limit, the framework loads.
    {"name": "validate-framework-max-input-size-at",
     "args": ["validate", "--framework", "data/frameworks/dien-bien-4734-2023.json",
              "--max-input-size", "27231", MAIN], "exit": 0},
    {"name": "validate-framework-max-input-size-beyond",
     "args": ["validate", "--format", "json", "--framework",
              "data/frameworks/dien-bien-4734-2023.json", "--max-input-size", "27230", MAIN],
     "exit": 1, "checks": ["json:diagnostics", "codes:limit-exceeded"]},
    {"name": "score-framework-max-depth-beyond",
     "args": ["score", "--framework", "data/frameworks/dien-bien-4734-2023.json",
              "--max-depth", "3", MAIN], "exit": 1},
    {"name": "show-max-depth-not-an-option",
     "args": ["show", "--max-depth", "3", "dien-bien-4734-2023"], "exit": 2},
    {"name": "validate-semicolon-without-options",
     "args": ["validate", "--framework", "dii-885-2023", D + "semicolon-decimal-comma.csv"],
     "exit": 1},
    {"name": "validate-semicolon",
     "args": ["validate", "--framework", "dii-885-2023", "--delimiter", ";",
              "--decimal-mark", ",", D + "semicolon-decimal-comma.csv"], "exit": 0},
    {"name": "validate-framework-file",
     "args": ["validate", "--framework", "data/frameworks/dien-bien-4734-2023.json", MAIN],
     "exit": 0},
    {"name": "validate-bad-framework-file",
     "args": ["validate", "--framework", D + "valid-dien-bien.json", MAIN], "exit": 1},
    {"name": "validate-no-file", "args": ["validate"], "exit": 2},
    {"name": "validate-bad-format", "args": ["validate", "--format", "table", MAIN], "exit": 2},
    {"name": "validate-unknown-option", "args": ["validate", "--stirct", MAIN], "exit": 2},
    {"name": "validate-target-year-not-an-option",
     "args": ["validate", "--target-year", "2023", MAIN], "exit": 2},
    {"name": "validate-missing-framework-value", "args": ["validate", MAIN, "--framework"],
     "exit": 2},

    # ---- input order (issue 9, item 16): a loader warning on line 38 comes
    # after a validation error on line 11, in every format ---------------
    {"name": "validate-order-text", "args": ["validate", D + "late-warning.json"], "exit": 1,
     "checks": ["input-order"]},
    {"name": "validate-order-json", "args": ["validate", "--format", "json",
                                             D + "late-warning.json"],
     "exit": 1, "checks": ["json:diagnostics"]},
    {"name": "validate-order-junit", "args": ["validate", "--format", "junit",
                                              D + "late-warning.json"],
     "exit": 1, "checks": ["junit"]},
    {"name": "validate-order-github", "args": ["validate", "--format", "github",
                                               D + "late-warning.json"], "exit": 1},
    # files in the order given, each in line order
    {"name": "validate-order-two-files",
     "args": ["validate", D + "late-warning.json", D + "unknown-indicator.json"], "exit": 1,
     "checks": ["input-order"]},
    {"name": "score-order", "args": ["score", D + "late-warning.json"], "exit": 1,
     "checks": ["input-order"]},
    {"name": "score-order-two-files",
     "args": ["score", D + "unknown-indicator.json", D + "late-warning.json"], "exit": 1,
     "checks": ["input-order"]},

    # ---- --ignore and --no-warnings (item 17) ------------------------------
    {"name": "validate-ignore-warning", "args": ["validate", "--ignore", "missing-value",
                                                 D + "missing-value.json"], "exit": 0},
    # --strict does not count an ignored warning (validate-strict-text: exit 1)
    {"name": "validate-ignore-warning-strict",
     "args": ["validate", "--strict", "--ignore=missing-value", D + "missing-value.json"],
     "exit": 0},
    {"name": "validate-no-warnings-strict",
     "args": ["validate", "--strict", "--no-warnings", D + "missing-value.json"], "exit": 0},
    {"name": "validate-no-warnings-json",
     "args": ["validate", "--format", "json", "--no-warnings", D + "late-warning.json"],
     "exit": 1, "checks": ["json:diagnostics"]},
    {"name": "validate-ignore-error-json",
     "args": ["validate", "--format", "json", "--ignore", "out-of-range",
              D + "out-of-range.json"], "exit": 0, "checks": ["json:diagnostics"]},
    {"name": "validate-ignore-error-junit",
     "args": ["validate", "--format", "junit", "--ignore", "out-of-range",
              D + "out-of-range.json"], "exit": 0, "checks": ["junit"]},
    {"name": "validate-ignore-two-codes",
     "args": ["validate", "--ignore", "out-of-range", "--ignore", "unknown-field",
              D + "late-warning.json"], "exit": 0},
    # an error that stops the file from being checked is never hidden
    {"name": "validate-ignore-syntax-kept", "args": ["validate", "--ignore", "syntax",
                                                     D + "syntax.json"], "exit": 1},
    {"name": "validate-ignore-unreadable-kept",
     "args": ["validate", "--ignore", "unreadable", D + "no-such-dir/x.json"], "exit": 2},
    {"name": "validate-ignore-unknown-code", "args": ["validate", "--ignore", "out-of-rang",
                                                      MAIN], "exit": 2},
    {"name": "validate-ignore-missing-value", "args": ["validate", MAIN, "--ignore"],
     "exit": 2},
    {"name": "score-ignore-not-an-option", "args": ["score", "--ignore", "missing-value", MAIN],
     "exit": 2},
    {"name": "score-no-warnings-not-an-option", "args": ["score", "--no-warnings", MAIN],
     "exit": 2},

    # ---- CSV cells that a spreadsheet would run as formulas (item 9) ------
    # Unit ids and names starting with = @ + - tab CR; a negative gap (-8).
    {"name": "score-csv-formula-injection",
     "args": ["score", "--target-year", "2023", "--format", "csv",
              D + "formula-injection.json"], "exit": 0, "checks": ["csv-no-formula"]},

    # ---- track: every format, the options, every error -------------------
    {"name": "track-panel-table", "args": TRACK + [TRACK_PANEL], "exit": 0,
     "checks": ["no-ansi"]},
    {"name": "track-panel-table-en", "args": TRACK + ["--lang", "en", TRACK_PANEL], "exit": 0,
     "checks": ["no-ansi"]},
    {"name": "track-panel-json", "args": TRACK + ["--format", "json", TRACK_PANEL], "exit": 0,
     "checks": ["json:tracking"]},
    {"name": "track-panel-csv", "args": TRACK + ["--format", "csv", TRACK_PANEL], "exit": 0,
     "checks": ["track-csv"]},
    {"name": "track-panel-markdown", "args": TRACK + ["--format", "markdown", TRACK_PANEL],
     "exit": 0, "checks": ["no-ansi"]},
    {"name": "track-panel-stdin", "args": TRACK + ["--format=csv", "-"], "stdin": TRACK_PANEL,
     "exit": 0, "checks": ["track-csv"]},
    # 2027 twice is one milestone; its targets are interpolated between 2025
    # and 2030 (code 1: 80 + 20 x 2/5 = 88), 2030 exact
    {"name": "track-milestones", "args": TRACK + ["--milestone", "2030", "--milestone", "2027",
                                                  "--milestone=2027", TRACK_PANEL],
     "exit": 0},
    {"name": "track-milestones-csv",
     "args": TRACK + ["--milestone", "2027", "--format", "csv", TRACK_PANEL], "exit": 0,
     "checks": ["track-csv"]},
    {"name": "track-cagr", "args": TRACK + ["--pace", "cagr", "--format", "csv", TRACK_PANEL],
     "exit": 0, "checks": ["track-csv"]},
    {"name": "track-cagr-table", "args": TRACK + ["--pace=cagr", TRACK_PANEL], "exit": 0},
    # T1 and T2 merged into N1 for every year (2025 is after the panel)
    {"name": "track-crosswalk-table",
     "args": TRACK + ["--crosswalk", D + "track-crosswalk.csv", "--effective-year", "2025",
                      TRACK_PANEL], "exit": 0},
    {"name": "track-crosswalk-json",
     "args": TRACK + ["--crosswalk", D + "track-crosswalk.csv", "--effective-year", "2025",
                      "--format", "json", TRACK_PANEL], "exit": 0, "checks": ["json:tracking"]},
    {"name": "track-crosswalk-markdown",
     "args": TRACK + ["--crosswalk", D + "track-crosswalk.csv", "--effective-year", "2025",
                      "--format", "markdown", TRACK_PANEL], "exit": 0},
    {"name": "track-example", "args": ["track", PANEL_EXAMPLE], "exit": 0, "checks": ["no-ansi"]},
    {"name": "track-example-json", "args": ["track", "--format", "json", PANEL_EXAMPLE],
     "exit": 0, "checks": ["json:tracking"]},
    {"name": "track-one-year", "args": ["track", MAIN], "exit": 0},
    {"name": "track-formula-injection",
     "args": ["track", "--format", "csv", D + "formula-injection.json"], "exit": 0,
     "checks": ["track-csv"]},
    {"name": "track-provisional",
     "args": ["track", "--framework", "dii-885-2023", "--milestone", "2026", "--format",
              "markdown", D + "track-provisional.csv"], "exit": 0, "checks": ["provisional"]},
    {"name": "track-provisional-no-milestone",
     "args": ["track", "--framework", "dii-885-2023", D + "track-provisional.csv"], "exit": 0,
     "checks": ["provisional"]},
    {"name": "track-bad-milestone", "args": TRACK + ["--milestone", "1899", TRACK_PANEL],
     "exit": 2},
    {"name": "track-milestone-too-late", "args": TRACK + ["--milestone", "2201", TRACK_PANEL],
     "exit": 2},
    {"name": "track-milestone-abc", "args": TRACK + ["--milestone", "abc", TRACK_PANEL],
     "exit": 2},
    {"name": "track-milestone-missing-value", "args": TRACK + [TRACK_PANEL, "--milestone"],
     "exit": 2},
    {"name": "track-bad-pace", "args": TRACK + ["--pace", "exponential", TRACK_PANEL],
     "exit": 2},
    {"name": "track-crosswalk-without-year",
     "args": TRACK + ["--crosswalk", D + "track-crosswalk.csv", TRACK_PANEL], "exit": 2},
    {"name": "track-year-without-crosswalk",
     "args": TRACK + ["--effective-year", "2025", TRACK_PANEL], "exit": 2},
    {"name": "track-bad-effective-year",
     "args": TRACK + ["--crosswalk", D + "track-crosswalk.csv", "--effective-year", "25",
                      TRACK_PANEL], "exit": 2},
    {"name": "track-crosswalk-unreadable",
     "args": TRACK + ["--crosswalk", D + "no-such-dir/cw.csv", "--effective-year", "2025",
                      TRACK_PANEL], "exit": 2},
    # line 1: an unknown column (a warning); 3:7 a weight of -2; 4:1 T1 again
    {"name": "track-crosswalk-bad-rows",
     "args": TRACK + ["--crosswalk", D + "track-crosswalk-bad.csv", "--effective-year", "2025",
                      TRACK_PANEL], "exit": 1},
    # both files bad: the panel's syntax error and the crosswalk's, at once
    {"name": "track-crosswalk-bad-and-syntax",
     "args": ["track", "--crosswalk", D + "track-crosswalk-bad.csv", "--effective-year", "2025",
              D + "syntax.json"], "exit": 1},
    # T2 merged into T1, whose own 2022-2024 data would then count twice
    {"name": "track-crosswalk-conflict",
     "args": TRACK + ["--crosswalk", D + "track-crosswalk-conflict.csv", "--effective-year",
                      "2025", TRACK_PANEL], "exit": 1, "checks": ["input-order"]},
    {"name": "track-crosswalk-conflict-capped",
     "args": TRACK + ["--max-diagnostics", "1", "--crosswalk", D + "track-crosswalk-conflict.csv",
                      "--effective-year", "2025", TRACK_PANEL], "exit": 1},
    {"name": "track-invalid", "args": ["track", D + "out-of-range.json"], "exit": 1},
    {"name": "track-syntax", "args": ["track", D + "syntax.json"], "exit": 1},
    {"name": "track-no-framework", "args": ["track", TRACK_PANEL], "exit": 1},
    {"name": "track-no-file", "args": ["track"], "exit": 2},
    {"name": "track-missing-file", "args": ["track", D + "no-such-dir/x.json"], "exit": 2},
    {"name": "track-bad-format", "args": ["track", "--format", "junit", MAIN], "exit": 2},
    {"name": "track-target-year-not-an-option",
     "args": ["track", "--target-year", "2025", MAIN], "exit": 2},
    {"name": "score-milestone-not-an-option", "args": ["score", "--milestone", "2025", MAIN],
     "exit": 2},
    # ---- compare: every format, --all, one-sided units, every error -----
    {"name": "compare-table", "args": CMP + [CMP_A, CMP_B], "exit": 0, "checks": ["no-ansi"]},
    {"name": "compare-table-en", "args": CMP + ["--lang", "en", CMP_A, CMP_B], "exit": 0,
     "checks": ["no-ansi"]},
    {"name": "compare-json", "args": CMP + ["--format", "json", CMP_A, CMP_B], "exit": 0,
     "checks": ["json:comparison"]},
    {"name": "compare-csv", "args": CMP + ["--format", "csv", CMP_A, CMP_B], "exit": 0,
     "checks": ["compare-csv"]},
    {"name": "compare-markdown", "args": CMP + ["--format", "markdown", CMP_A, CMP_B],
     "exit": 0, "checks": ["no-ansi"]},
    # --all: 23 rows per unit, the three changed ones among DB's
    {"name": "compare-all-table", "args": CMP + ["--all", "--lang", "en", CMP_A, CMP_B],
     "exit": 0},
    {"name": "compare-all-json", "args": CMP + ["--all", "--format", "json", CMP_A, CMP_B],
     "exit": 0, "checks": ["json:comparison"]},
    {"name": "compare-all-csv", "args": CMP + ["--format=csv", "--all", CMP_A, CMP_B],
     "exit": 0, "checks": ["compare-csv"]},
    {"name": "compare-all-markdown",
     "args": CMP + ["--all", "--format", "markdown", CMP_A, CMP_B], "exit": 0},
    # units on one side only: LC only in A, SL only in B
    {"name": "compare-one-side-table", "args": CMP + ["--lang", "en", CMP_A, CMP_PARTIAL],
     "exit": 0},
    {"name": "compare-one-side-json", "args": CMP + ["--format", "json", CMP_A, CMP_PARTIAL],
     "exit": 0, "checks": ["json:comparison"]},
    {"name": "compare-one-side-csv", "args": CMP + ["--format", "csv", CMP_A, CMP_PARTIAL],
     "exit": 0, "checks": ["compare-csv"]},
    {"name": "compare-one-side-markdown",
     "args": CMP + ["--format", "markdown", CMP_A, CMP_PARTIAL], "exit": 0},
    # the same file on both sides: nothing changed anywhere
    {"name": "compare-identical", "args": CMP + [CMP_A, CMP_A], "exit": 0},
    # A from standard input: the same figures as compare-csv
    {"name": "compare-stdin", "args": CMP + ["--format", "csv", "-", CMP_B], "stdin": CMP_A,
     "exit": 0, "checks": ["compare-csv"]},
    {"name": "compare-stdin-table", "args": CMP + [CMP_A, "-"], "stdin": CMP_B, "exit": 0},
    # the example pair (README), against the 2023 targets
    {"name": "compare-example", "args": ["compare", "--target-year", "2023", MAIN,
                                         MINISTRY_EXAMPLE], "exit": 0, "checks": ["no-ansi"]},
    {"name": "compare-example-json",
     "args": ["compare", "--target-year", "2023", "--format", "json", MAIN, MINISTRY_EXAMPLE],
     "exit": 0, "checks": ["json:comparison"]},
    {"name": "compare-example-markdown",
     "args": ["compare", "--target-year", "2023", "--format", "markdown", "--lang", "en", MAIN,
              MINISTRY_EXAMPLE], "exit": 0},
    # a panel on side B (unit 11 three times): matched on unit and year;
    # 2022 is the same real data on both sides, 2023 and 2024 only in B
    {"name": "compare-panel-years", "args": ["compare", "--lang", "en", MAIN, PANEL_EXAMPLE],
     "exit": 0},
    {"name": "compare-panel-years-csv",
     "args": ["compare", "--format", "csv", MAIN, PANEL_EXAMPLE], "exit": 0,
     "checks": ["compare-csv"]},
    # unit ids and names that would run as spreadsheet formulas
    {"name": "compare-formula-injection",
     "args": ["compare", "--all", "--format", "csv", D + "formula-injection.json",
              D + "formula-injection.json"], "exit": 0, "checks": ["compare-csv"]},
    # sides naming different frameworks: refused as score refuses them
    {"name": "compare-framework-mismatch",
     "args": ["compare", MAIN, D + "compare-other-framework.json"], "exit": 1},
    # an invalid side, located; both invalid: every problem, in input order
    {"name": "compare-invalid-b", "args": ["compare", MAIN, D + "out-of-range.json"],
     "exit": 1},
    {"name": "compare-invalid-a", "args": ["compare", D + "out-of-range.json", MAIN],
     "exit": 1},
    {"name": "compare-invalid-both",
     "args": ["compare", D + "out-of-range.json", D + "unknown-indicator.json"], "exit": 1,
     "checks": ["input-order"]},
    {"name": "compare-syntax", "args": ["compare", MAIN, D + "syntax.json"], "exit": 1},
    {"name": "compare-max-diagnostics",
     "args": ["compare", "--max-diagnostics", "1", D + "too-many-diagnostics.json", MAIN],
     "exit": 1},
    {"name": "compare-max-submissions",
     "args": CMP + ["--max-submissions", "1", CMP_A, CMP_B], "exit": 1},
    {"name": "compare-no-framework", "args": ["compare", CMP_A, CMP_B], "exit": 1},
    {"name": "compare-missing-file", "args": ["compare", MAIN, D + "no-such-dir/x.json"],
     "exit": 2},
    {"name": "compare-no-file", "args": ["compare"], "exit": 2},
    {"name": "compare-one-file", "args": ["compare", MAIN], "exit": 2},
    {"name": "compare-three-files", "args": ["compare", MAIN, MAIN, MAIN], "exit": 2},
    {"name": "compare-stdin-twice", "args": ["compare", "-", "-"], "exit": 2},
    {"name": "compare-bad-format", "args": ["compare", "--format", "junit", MAIN, MAIN],
     "exit": 2},
    {"name": "compare-all-takes-no-value", "args": ["compare", "--all=yes", MAIN, MAIN],
     "exit": 2},
    {"name": "compare-milestone-not-an-option",
     "args": ["compare", "--milestone", "2025", MAIN, MAIN], "exit": 2},
    {"name": "score-all-not-an-option", "args": ["score", "--all", MAIN], "exit": 2},

    # ---- plan tables: one row per indicator, one column per year ---------
    # The example (examples/data/README.md) is the example panel by code, so
    # track-plan-table-json must be byte for byte track-example-json.out
    # (checked with cmp when the goldens were made), and the table the same
    # as track-example's.
    {"name": "validate-plan-table",
     "args": ["validate", "--framework", TRACK_FRAMEWORK, "--unit-id", "11", PLAN_EXAMPLE],
     "exit": 0},
    {"name": "track-plan-table",
     "args": TRACK + ["--unit-id", "11", "--unit-name", "Điện Biên", PLAN_EXAMPLE], "exit": 0,
     "checks": ["no-ansi"]},
    {"name": "track-plan-table-json",
     "args": TRACK + ["--unit-id=11", "--unit-name=Điện Biên", "--format", "json", PLAN_EXAMPLE],
     "exit": 0, "checks": ["json:tracking"]},
    # the header alone says plan table: standard input has no name
    {"name": "score-plan-table-stdin",
     "args": ["score", "--framework", TRACK_FRAMEWORK, "--unit-id", "11", "--format", "csv",
              "-"], "stdin": PLAN_EXAMPLE, "exit": 0},
    # no unit: refused at 1:1, the hint names --unit-id
    {"name": "validate-plan-table-no-unit",
     "args": ["validate", "--framework", TRACK_FRAMEWORK, PLAN_EXAMPLE], "exit": 1},
    {"name": "track-plan-table-no-unit", "args": TRACK + [PLAN_EXAMPLE], "exit": 1},
    # 1:21 the year 2022 again (ignored); 3:1 an empty indicator; 4:1 a second
    # row of code 1 (the first, line 2, is used); 5:1 code 99, unknown, in
    # each of the two years; 6:3 text for a number
    {"name": "validate-plan-table-errors",
     "args": ["validate", "--framework", TRACK_FRAMEWORK, "--no-warnings", "--unit-id", "11",
              D + "plan-table-errors.csv"], "exit": 1, "checks": ["input-order"]},
    {"name": "validate-unit-id-missing-value",
     "args": ["validate", PLAN_EXAMPLE, "--unit-id"], "exit": 2},
    # One number format in every data output (dii.h, dii_results_write_csv):
    # the example with three values changed (2.5e-05, 1e-7, 1e21),
    # printed as the JSON prints them: 0.000025, 1e-7,
    # 1e+21, in the CSV and in the JSON alike.
    {"name": "score-csv-numbers",
     "args": ["score", "--format", "csv", D + "score-numbers.json"], "exit": 0},
    {"name": "score-json-numbers",
     "args": ["score", "--format", "json", D + "score-numbers.json"], "exit": 0,
     "checks": ["json:result"]},
] + _diagnostic_cases()
