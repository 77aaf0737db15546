"""Ctrl-C during a long load, score, tracking or comparison raises
KeyboardInterrupt at once.

The library call runs with the GIL released and cannot be stopped; the
package runs a long call in a worker thread and waits for it in short
slices, so the main thread sees the signal (dii/_calls.py). Here SIGINT is
sent to the main thread from a timer thread while a load (then a score) of a
large generated input runs; the test checks that KeyboardInterrupt is raised
and that the library call was still running when it was: the worker's
count of running calls, not a clock. Before, the signal waited for the call
to return (the count did not exist, and the call had finished).
"""

import signal
import threading
import time

import pytest

import dii
from dii import _calls
from conftest import DIEN_BIEN

# 40,000 submissions (~40 MB of CSV): loading takes seconds, scoring about
# one; the signal is sent a few milliseconds after the call starts.
UNITS = 40_000


@pytest.fixture(scope="module")
def big_csv():
    fw = dii.Framework.builtin(DIEN_BIEN)
    cells = [(i.id, "true" if i.is_boolean else "1.5") for i in fw.indicators]
    lines = ["unit_id,year,indicator,value"]
    for u in range(UNITS):
        lines.extend(f"U{u},2024,{k},{v}" for k, v in cells)
    return "\n".join(lines) + "\n"


def head(text, n):
    """The first lines of text, about n characters of them."""
    return text[:text.index("\n", n) + 1]


def interrupt_after_start(started):
    """A thread that sends SIGINT to the main thread once `started` is set
    (a short pause first, so that the call is under way)."""
    main = threading.main_thread().ident

    def send():
        if started.wait(60):
            time.sleep(0.05)
            signal.pthread_kill(main, signal.SIGINT)

    t = threading.Thread(target=send, daemon=True)
    t.start()
    return t


def wait_until_idle():
    # The interrupted call runs on to its end (the library cannot stop);
    # meson's timeout bounds this wait, not an assertion.
    while _calls.running():
        time.sleep(0.01)


def test_ctrl_c_interrupts_a_long_load(big_csv):
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    started = threading.Event()
    sender = interrupt_after_start(started)
    with pytest.raises(KeyboardInterrupt):
        started.set()
        dii.load_submissions(big_csv, format="csv")
    assert _calls.running() == 1  # the load had not finished when Ctrl-C was honoured
    sender.join()
    wait_until_idle()
    # The worker is free again and the package still works.
    assert len(dii.load_submissions(head(big_csv, 2000), format="csv")) >= 1


def test_ctrl_c_interrupts_a_long_score(big_csv):
    fw = dii.Framework.builtin(DIEN_BIEN)
    subs = dii.load_submissions(big_csv, format="csv")
    assert len(subs) == UNITS
    started = threading.Event()
    sender = interrupt_after_start(started)
    with pytest.raises(KeyboardInterrupt):
        started.set()
        fw.score(subs)
    assert _calls.running() == 1  # the score had not finished
    sender.join()
    wait_until_idle()
    assert fw.score(subs[0].to_dict())[0].rank == 1


def test_ctrl_c_interrupts_a_long_track(big_csv):
    # 40,000 units of one year: dii_track validates and scores them all.
    fw = dii.Framework.builtin(DIEN_BIEN)
    subs = dii.load_submissions(big_csv, format="csv")
    started = threading.Event()
    sender = interrupt_after_start(started)
    with pytest.raises(KeyboardInterrupt):
        started.set()
        fw.track(subs)
    assert _calls.running() == 1  # the tracking had not finished
    sender.join()
    wait_until_idle()
    assert len(fw.track(subs[0].to_dict())) == 1


def test_ctrl_c_interrupts_a_long_comparison(big_csv):
    # 40,000 units on each side, every row listed: 920,000 rows to build.
    fw = dii.Framework.builtin(DIEN_BIEN)
    results = fw.score(dii.load_submissions(big_csv, format="csv"))
    started = threading.Event()
    sender = interrupt_after_start(started)
    with pytest.raises(KeyboardInterrupt):
        started.set()
        dii.compare(results, results, all_rows=True)
    assert _calls.running() == 1  # the comparison had not finished
    sender.join()
    wait_until_idle()
    small = fw.score(head(big_csv, 2000))
    assert len(dii.compare(small, small)) == len(small)


def test_errors_of_a_handed_over_call_reach_the_caller(big_csv):
    broken = head(big_csv, 3_000_000) + 'U1,2024,"unclosed'
    with pytest.raises(dii.ParseError) as e:
        dii.load_submissions(broken, format="csv")
    assert e.value.line is not None


def test_calls_from_other_threads_run_directly(big_csv):
    # Signals reach only the main thread: other threads keep the plain call.
    seen = []

    def work():
        before = _calls.running()
        seen.append((before, len(dii.load_submissions(head(big_csv, 2_000_000), format="csv"))))

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert seen[0][0] == 0 and seen[0][1] > 1
    assert _calls.running() == 0
