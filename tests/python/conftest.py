"""Shared fixtures of the pytest suite of the dii package.

meson test runs it with PYTHONPATH pointing at the built package
(<builddir>/bindings/python) and these variables:
  DII_CLI          the built `dii` command (results must equal its JSON)
  DII_SOURCE_ROOT  the source tree (examples/data, ...)
  DII_SWIG_WRAP    the SWIG-generated dii_wrap.c (the GIL test reads it)
"""

import os
import random
import sys
import threading
from pathlib import Path

import pytest

import dii

ROOT = Path(os.environ.get("DII_SOURCE_ROOT", Path(__file__).resolve().parents[2]))
DIEN_BIEN = "dien-bien-4734-2023"
DII_885 = "dii-885-2023"
EXAMPLE_JSON = ROOT / "examples" / "data" / "dien-bien-2022.json"
PROVINCES_CSV = ROOT / "examples" / "data" / "provinces-2025.csv"


def _required_env(name):
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run the suite with `meson test --suite python`")
    return value


@pytest.fixture(scope="session")
def cli():
    path = _required_env("DII_CLI")
    assert os.access(path, os.X_OK), path
    return path


@pytest.fixture(scope="session")
def swig_wrap():
    return Path(_required_env("DII_SWIG_WRAP"))


@pytest.fixture
def fw():
    return dii.Framework.builtin(DIEN_BIEN)


@pytest.fixture
def example_subs():
    return dii.load_submissions(EXAMPLE_JSON)


def synthetic_value(ind, rng):
    """A valid value for indicator `ind`, like the ones a province reports."""
    if ind.unit == "boolean":
        return rng.random() < 0.6
    if ind.unit == "percent":
        return round(rng.uniform(0, 100), 1)
    if ind.unit == "ratio":
        return round(rng.random(), 3)
    if ind.unit == "count":
        return float(rng.randint(0, 5))
    return round(rng.uniform(1, 150), 1)


def synthetic_rows(framework, n_units=34, years=range(2021, 2031), seed=885):
    """Long-format rows (unit_id, unit_name, year, indicator, value) of a
    synthetic cohort: every unit reports every indicator every year."""
    rng = random.Random(seed)
    inds = framework.indicators
    rows = []
    for u in range(1, n_units + 1):
        for y in years:
            for ind in inds:
                rows.append((f"U{u:02d}", f"Tỉnh tổng hợp {u:02d}", y, ind.id,
                             synthetic_value(ind, rng)))
    return rows


def synthetic_dicts(framework, **kw):
    """The same cohort as dii-submission/1 dicts."""
    subs = {}
    for unit, name, year, ind, value in synthetic_rows(framework, **kw):
        d = subs.setdefault((unit, year), {"framework": framework.id,
                                           "unit": {"id": unit, "name": name},
                                           "year": year, "values": {}})
        d["values"][ind] = value
    return list(subs.values())


def synthetic_frame(framework, **kw):
    import pandas as pd
    return pd.DataFrame(synthetic_rows(framework, **kw),
                        columns=["unit_id", "unit_name", "year", "indicator", "value"])


def _main_ran_during(call):
    """Runs call() on a worker thread with the switch interval at an hour,
    so the interpreter never takes the GIL from a thread: the main thread,
    waiting for the worker to be about to call, gets to run before the call
    has returned only if the call released the GIL. Returns (whether it
    did, what call returned)."""
    about_to_call, returned = threading.Event(), threading.Event()
    outcome = []

    def work():
        about_to_call.set()
        outcome.append(call())
        returned.set()

    interval = sys.getswitchinterval()
    sys.setswitchinterval(3600)
    try:
        worker = threading.Thread(target=work)
        worker.start()
        about_to_call.wait()
        ran = not returned.is_set()
        worker.join()
    finally:
        sys.setswitchinterval(interval)
    return ran, outcome[0]


@pytest.fixture
def gil_released():
    """gil_released(call) -> (released, result). A call that keeps the GIL
    can never let the main thread run during it; one that releases it may
    still finish before the main thread is scheduled on a loaded machine,
    so up to 20 tries are made: the answer is False only when none saw the
    main thread run (certain without the release, all but impossible with
    it)."""

    def check(call):
        for _ in range(20):
            ran, result = _main_ran_during(call)
            if ran:
                return True, result
        return False, result

    return check
