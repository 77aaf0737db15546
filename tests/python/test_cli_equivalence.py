"""Results are identical to the CLI's for the same inputs."""

import io
import json
import subprocess

import pandas as pd
import pytest

import dii
from conftest import DIEN_BIEN, DII_885, EXAMPLE_JSON, PROVINCES_CSV, ROOT, synthetic_frame


def cli_json(cli, *args):
    out = subprocess.run([cli, "score", "--format", "json", *map(str, args)],
                         capture_output=True, check=True)
    return out.stdout.decode("utf-8")


CASES = [
    (DIEN_BIEN, [EXAMPLE_JSON], 2023),
    (DIEN_BIEN, [EXAMPLE_JSON], None),
    (DIEN_BIEN, [EXAMPLE_JSON], 2027),
    (DII_885, [PROVINCES_CSV], None),
    (DIEN_BIEN, [ROOT / "tests" / "data" / "submissions" / "single.json"], 2025),
]


@pytest.mark.parametrize("framework,files,target_year", CASES)
def test_same_json_as_cli(cli, framework, files, target_year):
    args = ["--framework", framework]
    if target_year is not None:
        args += ["--target-year", target_year]
    expected = cli_json(cli, *args, *files)
    fw = dii.Framework.builtin(framework)
    results = fw.score(dii.load_submissions(list(files)), target_year=target_year)
    assert results.to_json() == expected  # byte for byte
    assert results.to_dict() == json.loads(expected)


def test_same_json_as_cli_for_several_files(cli, tmp_path, fw):
    df = synthetic_frame(fw, n_units=5, years=[2023, 2024])
    csv = tmp_path / "more.csv"
    df.to_csv(csv, index=False)
    expected = cli_json(cli, "--framework", DIEN_BIEN, EXAMPLE_JSON, csv)
    results = fw.score([EXAMPLE_JSON, csv])
    assert results.to_json() == expected
    # and score_frame says the same as the CLI on the same data
    tidy = dii.score_frame(df, fw)
    cli_csv = subprocess.run([cli, "score", "--format", "csv", "--framework", DIEN_BIEN, csv],
                             capture_output=True, check=True).stdout.decode("utf-8")
    theirs = pd.read_csv(io.StringIO(cli_csv), float_precision="round_trip", dtype={"unit_id": str, "code": str,
                                                      "value": str, "target_value": str})
    assert list(theirs.columns) == list(tidy.columns)
    assert len(theirs) == len(tidy)
    for col in ("unit_id", "unit_name", "year", "target_year", "group", "indicator", "status"):
        assert list(theirs[col].astype(str)) == list(tidy[col].astype(str)), col
    for col in ("attainment", "points", "max_points", "index", "rank", "gap", "progress"):
        pd.testing.assert_series_equal(theirs[col].astype(float), tidy[col].astype(float),
                                       check_exact=True, check_names=False)
    as_number = {"true": 1.0, "false": 0.0}
    value = [as_number.get(v, None) if v in as_number else float(v)
             for v in theirs["value"]]
    assert value == tidy["value"].tolist()


def cli_csv(cli, *args):
    out = subprocess.run([cli, "score", "--format", "csv", *map(str, args)],
                         capture_output=True, check=True)
    return out.stdout.decode("utf-8")


@pytest.mark.parametrize("framework,files,target_year", CASES)
def test_same_csv_as_cli(cli, framework, files, target_year):
    args = ["--framework", framework]
    if target_year is not None:
        args += ["--target-year", target_year]
    expected = cli_csv(cli, *args, *files)
    results = dii.Framework.builtin(framework).score(dii.load_submissions(list(files)),
                                                     target_year=target_year)
    assert results.to_csv() == expected  # byte for byte, CRLFs included
    header, rows = expected.split("\r\n", 1)
    assert results.to_csv(header=False) == rows
    assert tuple(header.split(",")) == dii.INDICATOR_COLUMNS


def test_csv_and_json_print_numbers_alike(cli, tmp_path, fw):
    # 2.5e-05 and 1e-7 print as JavaScript prints them (0.000025, 1e-7),
    # 1e21 as 1e+21, in the JSON and in the CSV, from Python and from the CLI.
    doc = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    doc["values"]["smartphone_subscription_share"] = 2.5e-05
    doc["values"]["urban_5g_coverage"] = 1e-7
    doc["values"]["mobile_broadband_subscriptions_per_100"] = 1e21
    path = tmp_path / "numbers.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    results = fw.score(path)
    csv = results.to_csv()
    assert csv == cli_csv(cli, path)
    rows = {r.split(",")[6]: r.split(",") for r in csv.split("\r\n")[1:] if r}
    value = dii.INDICATOR_COLUMNS.index("value")
    assert rows["smartphone_subscription_share"][value] == "0.000025"
    assert rows["urban_5g_coverage"][value] == "1e-7"
    assert rows["mobile_broadband_subscriptions_per_100"][value] == "1e+21"
    text = results.to_json()
    for number in ("0.000025", "1e-7", "1e+21"):
        assert f'"value": {number},' in text


def test_str_diagnostic_is_the_cli_text(cli):
    bad = str(ROOT / "tests" / "data" / "submissions" / "batch.json")
    out = subprocess.run([cli, "validate", "--format", "text", "--framework", DIEN_BIEN, bad],
                         capture_output=True, env={"NO_COLOR": "1"})
    lines = out.stdout.decode("utf-8")
    diags = dii.Framework.builtin(DIEN_BIEN).validate(bad)
    assert len(diags) > 1 and any(d.hint for d in diags)
    summary = lines.splitlines()[-1]
    assert "checked" in summary
    assert "".join(str(d) + "\n" for d in diags) + summary + "\n" == lines
    first = lines.splitlines()[0]
    assert diags[0].format() == first and str(diags[0]).startswith(first)


def test_validate_json_as_cli(cli):
    bad = ROOT / "tests" / "data" / "submissions" / "batch.json"
    out = subprocess.run([cli, "validate", "--format", "json", "--framework", DIEN_BIEN, bad],
                         capture_output=True)
    cli_doc = json.loads(out.stdout)
    diags = dii.Framework.builtin(DIEN_BIEN).validate(bad)
    mine = diags.to_dict()
    assert mine["valid"] == cli_doc["valid"] and mine["errors"] == cli_doc["errors"]
    assert mine["diagnostics"] == cli_doc["diagnostics"]


# `python -m dii` runs the command the package carries (dii/bin/dii, built
# from the same objects as the dii command): same output, same exit code.
MODULE_CASES = [
    ["--version"],
    ["--help"],
    ["frameworks"],
    ["show", DII_885, "--format", "json"],
    ["score", "--target-year", "2023", "--format", "csv", EXAMPLE_JSON],
    ["score"],                                                   # usage: exit 2
    ["score", ROOT / "no-such-file.json"],                       # I/O: exit 2
    ["validate", "--framework", DIEN_BIEN,
     ROOT / "tests" / "data" / "submissions" / "batch.json"],   # invalid: exit 1
    ["no-such-command"],
]


@pytest.mark.parametrize("args", MODULE_CASES, ids=lambda a: " ".join(map(str, a))[:40])
def test_python_m_dii_is_the_command(cli, args):
    import sys
    want = subprocess.run([cli, *map(str, args)], capture_output=True)
    got = subprocess.run([sys.executable, "-m", "dii", *map(str, args)], capture_output=True)
    assert (got.returncode, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)


def test_python_m_dii_reads_standard_input(cli):
    import sys
    text = EXAMPLE_JSON.read_bytes()
    want = subprocess.run([cli, "score", "-"], input=text, capture_output=True)
    got = subprocess.run([sys.executable, "-m", "dii", "score", "-"], input=text,
                         capture_output=True)
    assert want.returncode == 0 and (got.returncode, got.stdout) == (0, want.stdout)


def test_main_reports_a_missing_command(monkeypatch, capsys):
    from dii import __main__ as entry
    monkeypatch.setattr(entry, "command_path", lambda: "/nonexistent/dii/bin/dii")
    assert entry.main(["--version"]) == 2
    assert "cannot run the dii command" in capsys.readouterr().err
