"""No growth across 100,000 score calls; every handle is freed by the GC.

RSS is read from /proc/self/statm. The bound is generous against allocator
noise and tight against a leak: leaking the results of one scored submission
(some kilobytes) 100,000 times would take hundreds of MiB, leaking even its
empty diagnostics list (~100 bytes) ten MiB.
"""

import pytest
import gc
import os

import dii
from conftest import EXAMPLE_JSON

PAGE = os.sysconf("SC_PAGE_SIZE")
BOUND = int(os.environ.get("DII_RSS_BOUND_MIB", "8")) * 1024 * 1024
# 100,000 in a normal build; an AddressSanitizer build (10x slower) sets fewer.
CALLS = int(os.environ.get("DII_MEMORY_CALLS", "100000"))


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def growth(fn, n, warmup=2000):
    for _ in range(warmup):
        fn()
    gc.collect()
    before = rss()
    for _ in range(n):
        fn()
    gc.collect()
    return rss() - before


def test_100000_score_calls_do_not_grow(fw):
    assert CALLS >= 100_000 or os.environ.get("DII_RSS_BOUND_MIB")  # fewer only when sanitized
    subs = dii.load_submissions(EXAMPLE_JSON)

    def score():
        r = fw.score(subs, target_year=2023)
        assert r[0].rank == 1

    assert growth(score, CALLS) < BOUND


def test_load_validate_and_errors_do_not_grow():
    text = EXAMPLE_JSON.read_text(encoding="utf-8")
    bad = text.replace('"bts_site_sharing"', '"bts_site_sharng"')

    def cycle():
        fw = dii.Framework.builtin("dien-bien-4734-2023")
        fw.indicators[0].targets
        subs = dii.load_submissions(text)
        fw.validate(subs).to_dict()
        results = fw.score(subs)
        results.to_dict()
        results[0].indicators
        with pytest.raises(dii.ValidationError) as e:
            fw.score(bad)
        e.value.diagnostics.errors
        with pytest.raises(dii.ParseError):
            dii.load_submissions(text[:50])
        with pytest.raises(dii.NotFoundError):
            dii.Framework.builtin("nope")

    assert growth(cycle, 10_000, warmup=500) < BOUND


def test_dataframes_do_not_grow(fw):
    import pandas as pd
    df = pd.DataFrame({"unit_id": ["1", "1"], "year": [2024, 2024],
                       "indicator": ["mobile_broadband_subscriptions_per_100", "urban_5g_coverage"],
                       "value": [70.0, 10.0]})

    def frame():
        dii.score_frame(df, fw)

    assert growth(frame, 3_000, warmup=300) < BOUND


def test_tracking_and_crosswalks_do_not_grow(fw):
    # Every handle of a tracking cycle (the crosswalk, the tracking, its
    # JSON, its column export, a refused crosswalk's diagnostics) is freed:
    # leaking one tracking of this panel (a few kilobytes) 10,000 times
    # would take tens of MiB.
    panel = ("unit_id,year,indicator,value\n"
             "A,2023,household_fibre_internet_access,40\n"
             "B,2023,household_fibre_internet_access,50\n"
             "11,2024,household_fibre_internet_access,56\n"
             "11,2024,ai_blockchain_iot_deployed,true\n")
    subs = dii.load_submissions(panel)

    def cycle():
        cw = dii.Crosswalk.from_text("from_unit,to_unit\nA,11\nB,11\n", 2024)
        tr = fw.track(subs, crosswalk=cw, pace="cagr")
        tr.to_dict()
        tr[0].indicators
        tr[0].merged
        dii._dii.py_tracking_table(tr._h)
        try:
            dii.Crosswalk.from_text("from_unit,to_unit\nA,\n", 2024)
        except dii.ValidationError as e:
            e.diagnostics.errors

    assert growth(cycle, 10_000, warmup=500) < BOUND


def test_comparisons_do_not_grow(fw):
    # Every handle of a comparison cycle (the comparison, its JSON, its
    # column export, the rows read through it, a refused comparison) is
    # freed: leaking one comparison of these two units with every row (a few
    # kilobytes) 10,000 times would take tens of MiB.
    a = fw.score("unit_id,year,indicator,value\n"
                 "DB,2024,urban_5g_coverage,4\nLC,2024,urban_5g_coverage,5\n")
    b = fw.score("unit_id,year,indicator,value\n"
                 "DB,2024,urban_5g_coverage,4.5\nHG,2024,ai_blockchain_iot_deployed,true\n")
    other = dii.Framework.builtin("dii-885-2023").score("unit_id,year,indicator,value\n")

    def cycle():
        cmp = dii.compare(a, b, all_rows=True)
        cmp.to_dict()
        cmp[0].rows
        dii._dii.py_comparison_table(cmp._h)
        try:
            dii.compare(a, other)
        except dii.InvalidArgumentError:
            pass

    assert growth(cycle, 10_000, warmup=500) < BOUND
