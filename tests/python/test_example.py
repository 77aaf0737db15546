"""examples/python/score_dien_bien.py runs and says what the README says."""

import importlib.util
import os
import subprocess
import sys

from conftest import ROOT


def test_example_script(tmp_path):
    chart = tmp_path / "chart.png"
    out = subprocess.run([sys.executable, str(ROOT / "examples" / "python" / "score_dien_bien.py"),
                          "--chart", str(chart)], capture_output=True, check=True,
                         env=dict(os.environ, MPLBACKEND="Agg"))
    text = out.stdout.decode("utf-8")
    assert "mobile_broadband_subscriptions_per_100" in text and "not_met" in text
    assert "21.8559 / 23 points, index 0.9503, rank 1 of 1" in text
    if importlib.util.find_spec("matplotlib") is None:
        assert "no chart" in text and not chart.exists()
    else:
        assert chart.stat().st_size > 10_000 and chart.read_bytes()[:4] == b"\x89PNG"
