"""Threads: the GIL is released around parsing and scoring; concurrent
results equal serial ones."""

import re
import threading

import dii
from conftest import synthetic_rows

RELEASED = ["dii_framework_load_file", "dii_framework_load_memory", "dii_framework_builtin",
            "dii_submissions_load_file", "dii_submissions_load_memory", "dii_validate",
            "dii_score", "dii_results_to_json", "dii_diagnostics_to_json",
            "dii_framework_to_json", "dii_submissions_merge"]


def cohort_csv(fw, year, seed):
    rows = synthetic_rows(fw, n_units=34, years=[year], seed=seed)
    lines = ["unit_id,unit_name,year,indicator,value"]
    for unit, name, y, ind, v in rows:
        v = ("true" if v else "false") if isinstance(v, bool) else repr(v)
        lines.append(f"{unit},{name},{y},{ind},{v}")
    return "\n".join(lines) + "\n"


def test_four_threads_score_like_one(fw):
    texts = [cohort_csv(fw, 2022 + i, seed=i) for i in range(4)]
    serial = [fw.score(dii.load_submissions(t)).to_json() for t in texts]
    assert len(set(serial)) == 4
    outcomes = [[] for _ in texts]
    errors = []
    start = threading.Barrier(4)

    def work(i):
        try:
            start.wait()
            for _ in range(25):
                subs = dii.load_submissions(texts[i])  # parse: GIL released
                outcomes[i].append(fw.score(subs).to_json())  # score: GIL released
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for i in range(4):
        assert outcomes[i] == [serial[i]] * 25


def test_errors_stay_on_their_thread(fw):
    # dii_last_error() is per thread: failing and succeeding calls at once
    # each get their own message.
    failures = []

    def fail():
        for _ in range(200):
            try:
                dii.Framework.builtin("no-such-framework")
            except dii.NotFoundError as e:
                if "no-such-framework" not in str(e):
                    failures.append(str(e))
            else:
                failures.append("Framework.builtin('no-such-framework') did not raise")
            try:
                dii.load_submissions('{"unit": ')
            except dii.ParseError as e:
                if e.code != "syntax":
                    failures.append(e.code)
            else:
                failures.append("a truncated document loaded without ParseError")

    def succeed():
        for _ in range(200):
            fw.score('{"unit": {"id": "1"}, "year": 2024, "values": {}}')

    threads = [threading.Thread(target=f) for f in (fail, succeed, fail, succeed)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_generated_wrappers_release_the_gil(swig_wrap):
    """The long calls run between PyEval_SaveThread and PyEval_RestoreThread
    (SWIG's %thread); the cheap accessors keep the GIL."""
    text = swig_wrap.read_text(encoding="utf-8")

    def body(name):
        m = re.search(r"SWIGINTERN PyObject \*_wrap_" + name + r"\(.*?\n}\n", text, re.S)
        assert m, name
        return m.group(0)

    for name in RELEASED:
        b = body(name)
        assert "SWIG_PYTHON_THREAD_BEGIN_ALLOW" in b and "SWIG_PYTHON_THREAD_END_ALLOW" in b, name
    assert "SWIG_PYTHON_THREAD_BEGIN_ALLOW" not in body("dii_result_points")
