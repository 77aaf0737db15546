"""numpy scalars are accepted wherever numbers go; NaN is refused clearly."""

import json
import math

import numpy as np
import pytest

import dii
from conftest import EXAMPLE_JSON


def example_dict():
    return json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))


def test_numpy_scalars_score_like_python_numbers(fw):
    plain = example_dict()
    numpy = example_dict()
    numpy["year"] = np.int64(2022)
    for key, v in numpy["values"].items():
        if isinstance(v, bool):
            numpy["values"][key] = np.bool_(v)
        elif float(v).is_integer():
            numpy["values"][key] = np.int64(v)
        else:
            numpy["values"][key] = np.float64(v)
    assert isinstance(numpy["values"]["ai_blockchain_iot_deployed"], np.bool_)
    a = fw.score(plain, target_year=2023).to_dict()
    b = fw.score(numpy, target_year=np.int64(2023)).to_dict()
    assert a == b
    assert b["results"][0]["indicators"][20]["value"] is True


def test_other_numpy_types(fw):
    d = example_dict()
    d["values"]["mobile_broadband_subscriptions_per_100"] = np.float32(67.5)
    d["values"]["provincial_cloud_data_centres"] = np.int32(1)
    d["values"]["urban_5g_coverage"] = np.uint8(0)
    r = fw.score(d, target_year=np.int32(2023))[0]
    assert r.indicator("1").value == 67.5 and r.indicator("17").value == 1


def test_numpy_years_in_api(fw):
    ind = fw.indicators[0]
    assert ind.target_for(np.int64(2027)) == ind.target_for(2027)
    with pytest.raises(TypeError):
        ind.target_for(2027.5)
    with pytest.raises(TypeError):
        fw.score(example_dict(), target_year="2023")


@pytest.mark.parametrize("bad", [float("nan"), np.float64("nan"), np.float32("nan"),
                                 math.inf, -np.inf])
def test_nan_and_infinity_are_refused(fw, bad):
    d = example_dict()
    d["values"]["bts_site_sharing"] = bad
    with pytest.raises(dii.InvalidArgumentError) as e:
        dii.load_submissions(d)
    msg = str(e.value)
    assert "bts_site_sharing" in msg and "'11'" in msg and "2022" in msg
    assert "not a finite number" in msg and "None" in msg
    assert isinstance(e.value, ValueError)
    with pytest.raises(dii.InvalidArgumentError):
        fw.score([d])


def test_none_is_missing_not_an_error(fw):
    d = example_dict()
    d["values"]["bts_site_sharing"] = None
    r = fw.score(d, 2023)[0]
    assert r.indicator("bts_site_sharing").status == "missing"


def test_nan_outside_values_is_refused():
    with pytest.raises(dii.InvalidArgumentError):
        dii.load_submissions({"unit": {"id": "1"}, "year": float("nan"), "values": {}})
