"""Every exception, with its fields."""

import pickle

import pytest

import dii
from dii import _dii


def test_hierarchy():
    for cls in (dii.ParseError, dii.ValidationError, dii.NotFoundError, dii.FileError,
                dii.InvalidArgumentError, dii.OutOfRangeError):
        assert issubclass(cls, dii.DiiError) and issubclass(cls, Exception)
    assert issubclass(dii.NotFoundError, LookupError)
    assert issubclass(dii.FileError, OSError)
    assert issubclass(dii.InvalidArgumentError, ValueError)
    assert issubclass(dii.OutOfRangeError, IndexError)


def test_parse_error_json_submissions():
    text = '{"unit": {"id": "11"},\n "year": 2022, "values": {"a": }}\n'
    with pytest.raises(dii.ParseError) as e:
        dii.load_submissions(text, name="bad.json")
    err = e.value
    assert err.status == _dii.DII_ERR_PARSE and err.status_name == "parse error"
    assert (err.file, err.line, err.column, err.code) == ("bad.json", 2, 32, "syntax")
    assert str(err).startswith("bad.json:2:32: ")
    assert err.message == str(err)
    assert not err.diagnostics.valid and err.diagnostics[0].code == "syntax"


def test_parse_error_csv_has_line_and_column():
    text = 'unit_id,year,indicator,value\n11,2022,"a,1\n'
    with pytest.raises(dii.ParseError) as e:
        dii.load_submissions(text, format="csv")
    assert e.value.line == 2 and e.value.column >= 1 and e.value.file is None
    assert e.value.code == "syntax"


def test_parse_error_encoding():
    with pytest.raises(dii.ParseError) as e:
        dii.load_submissions(b'{"unit": {"id": "\xff"}, "year": 2022, "values": {}}')
    assert e.value.code == "encoding" and e.value.line == 1


def test_parse_error_framework():
    with pytest.raises(dii.ParseError) as e:
        dii.Framework.from_json('{"format": "dii-framework/1",\n  "id": }', name="fw.json")
    assert (e.value.file, e.value.line) == ("fw.json", 2)


def test_validation_error_framework():
    with pytest.raises(dii.ValidationError) as e:
        dii.Framework.from_json('{"format": "dii-framework/1", "id": "x", "status": "draft",'
                                ' "title": {"en": "X"}, "groups": [], "indicators": []}')
    err = e.value
    assert err.status == _dii.DII_ERR_VALIDATION
    codes = [d.code for d in err.diagnostics.errors]
    assert "invalid-value" in codes
    assert str(err).startswith(f"{len(codes)} error")


def test_not_found():
    with pytest.raises(dii.NotFoundError) as e:
        dii.Framework.builtin("dien-bien")
    err = e.value
    assert err.status == _dii.DII_ERR_NOT_FOUND and err.status_name == "not found"
    assert "dien-bien-4734-2023" in str(err)  # the message lists what is built in
    assert err.diagnostics is None


def test_not_found_unknown_framework_has_diagnostics():
    with pytest.raises(dii.NotFoundError) as e:
        dii.Framework.for_submissions('{"framework": "nope", "unit": {"id": "1"},'
                                      ' "year": 2022, "values": {}}')
    assert [d.code for d in e.value.diagnostics] == ["unknown-framework"]


def test_file_error(tmp_path):
    missing = tmp_path / "missing.json"
    for call in (lambda: dii.Framework.load(missing), lambda: dii.load_submissions(missing),
                 lambda: dii.load_submissions(str(missing))):
        with pytest.raises(dii.FileError) as e:
            call()
        err = e.value
        assert isinstance(err, OSError)
        assert err.filename == str(missing) and err.status == _dii.DII_ERR_IO
        assert "missing.json" in str(err)


def test_invalid_argument():
    with pytest.raises(dii.InvalidArgumentError) as e:
        dii.load_submissions("unit_id;year\n", delimiter=";", decimal_mark=";")
    assert isinstance(e.value, ValueError) and e.value.status == _dii.DII_ERR_INVALID_ARGUMENT
    with pytest.raises(dii.InvalidArgumentError):
        dii.load_submissions("a,b\n", format="yaml")


def test_every_status_maps_to_its_class():
    from dii._errors import _raise
    cases = {
        _dii.DII_ERR_PARSE: dii.ParseError, _dii.DII_ERR_VALIDATION: dii.ValidationError,
        _dii.DII_ERR_NOT_FOUND: dii.NotFoundError, _dii.DII_ERR_OUT_OF_RANGE: dii.OutOfRangeError,
        _dii.DII_ERR_IO: dii.FileError, _dii.DII_ERR_INVALID_ARGUMENT: dii.InvalidArgumentError,
        _dii.DII_ERR_NO_MEMORY: MemoryError, -99: dii.DiiError,
    }
    for status, cls in cases.items():
        with pytest.raises(cls) as e:
            _raise(status, "boom")
        if cls is not MemoryError:
            assert e.value.status == status and e.value.message == "boom"
    with pytest.raises(dii.OutOfRangeError) as e:
        _raise(_dii.DII_ERR_OUT_OF_RANGE, "")
    assert str(e.value) == "out of range"  # no message: the status in words


def test_c_errors_reach_python_with_their_message():
    # the message is dii_last_error(), read in the same wrapped call
    status, message, fw = _dii.dii_framework_builtin("nope")
    assert status == _dii.DII_ERR_NOT_FOUND and fw is None and "nope" in message
    status, message, fw = _dii.dii_framework_builtin("dien-bien-4734-2023")
    assert status == 0 and message == "" and fw is not None


def test_none_handles_are_refused():
    with pytest.raises(ValueError):
        _dii.dii_framework_id(None)
    with pytest.raises(TypeError):
        _dii.dii_score("not a handle", None, None)


def test_errors_pickle():
    err = dii.NotFoundError("x", _dii.DII_ERR_NOT_FOUND)
    assert isinstance(pickle.loads(pickle.dumps(err)), dii.NotFoundError)
