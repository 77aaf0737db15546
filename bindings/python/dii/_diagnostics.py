"""Diagnostics: located problems found while loading or validating."""

import json
from typing import NamedTuple, Optional

from . import _dii
from ._types import init_once
from ._calls import big, call

__all__ = ["Diagnostic", "Diagnostics"]


class Diagnostic(NamedTuple):
    """One problem, located. Fields as in ``dii-diagnostics/1``.

    Attributes:
        severity: "error" or "warning".
        code: stable kebab-case code, e.g. "unknown-indicator" (the README
            lists them all).
        message: one English sentence.
        file: the input's name, or None.
        line: 1-based line, or None when the problem has no single place.
        column: 1-based column in bytes, or None.
        pointer: RFC 6901 JSON Pointer into a JSON input, or None.
        hint: a suggestion ("did you mean 'x'?"), or None.
        submission: index of the submission concerned (in load order), or
            None when the problem concerns the input as a whole.
    """

    severity: str
    code: str
    message: str
    file: Optional[str] = None
    line: Optional[int] = None
    column: Optional[int] = None
    pointer: Optional[str] = None
    hint: Optional[str] = None
    submission: Optional[int] = None

    def format(self):
        """The problem as the ``dii validate`` text format prints it:
        ``file:line:column: severity[code]: message`` (parts that are
        unknown are left out), without the hint line."""
        return self._texts()[0]

    def __str__(self):
        """The ``dii validate`` text of the problem: :meth:`format`'s line,
        then ``"\\n  hint: ..."`` when there is a hint. For a diagnostic the
        library reported, the library's own text (dii_diagnostic_format_text),
        the one the command prints."""
        return self._texts()[1]

    def _texts(self):
        """(line, line and hint) of a Diagnostic made in Python; a
        diagnostic read from the library carries the library's
        (:class:`_ReportedDiagnostic`)."""
        where = ":".join(str(p) for p in (self.file, self.line, self.column) if p)
        line = f"{self.severity}[{self.code}]: {self.message}"
        line = f"{where}: {line}" if where else line
        return line, line + (f"\n  hint: {self.hint}" if self.hint else "")

    def to_dict(self):
        """The diagnostic as one entry of ``dii-diagnostics/1``'s list."""
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
            "hint": self.hint,
        }


class _ReportedDiagnostic(Diagnostic):
    """A :class:`Diagnostic` read from a library list, carrying the
    library's text of it (dii_diagnostic_format_text, what ``dii validate``
    prints), made when it is read: the tuple is all a caller keeps, so the
    C item cannot be asked later. Equal to, and pickled like, a
    :class:`Diagnostic` with the same fields; ``_replace`` gives a plain
    :class:`Diagnostic`, whose fields may no longer match the text."""

    @classmethod
    def _make(cls, iterable):
        return Diagnostic._make(iterable)

    def _texts(self):
        return self.__dict__["texts"]

    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in zip(self._fields, self))
        return f"Diagnostic({fields})"


def _library_text(d, flags):
    status, message, text = _dii.dii_diagnostic_format_text(d, flags)
    if status < 0:
        from ._errors import _raise
        _raise(status, message)
    return text


def _diagnostic(d):
    line = _dii.dii_diagnostic_line(d)
    column = _dii.dii_diagnostic_column(d)
    submission = _dii.dii_diagnostic_submission(d)
    full = _library_text(d, 0)
    first = full if _dii.dii_diagnostic_hint(d) is None else _library_text(
        d, _dii.DII_DIAGNOSTIC_TEXT_NO_HINT)
    item = _ReportedDiagnostic(
        _dii.dii_severity_name(_dii.dii_diagnostic_severity(d)),
        _dii.dii_diagnostic_code(d),
        _dii.dii_diagnostic_message(d),
        _dii.dii_diagnostic_file(d),
        line or None,
        column or None,
        _dii.dii_diagnostic_pointer(d),
        _dii.dii_diagnostic_hint(d),
        None if submission < 0 else submission,
    )
    item.__dict__["texts"] = (first, full)
    return item


class Diagnostics:
    """Every problem found by a load or a validation, in input order.

    A sequence of :class:`Diagnostic` (``len``, indexing, iteration). Its
    truth value is whether the input is **valid**: true when there is no
    error (warnings allowed), so ``if framework.validate(subs): ...`` reads
    as it should, even though the list may hold warnings.
    """

    __slots__ = ("_h", "_items")

    def __init__(self, handle):
        init_once(self)
        self._h = handle  # an owned dii_diagnostics (freed by the GC), or None
        self._items = None

    def _list(self):
        if self._items is None:
            h = self._h
            if h is None:
                self._items = ()
            else:
                count = _dii.dii_diagnostics_count(h)
                self._items = tuple(_diagnostic(_dii.dii_diagnostics_get(h, i)) for i in range(count))
        return self._items

    def __len__(self):
        return 0 if self._h is None else _dii.dii_diagnostics_count(self._h)

    def __getitem__(self, i):
        return self._list()[i]

    def __iter__(self):
        return iter(self._list())

    def __bool__(self):
        return self.valid

    @property
    def valid(self):
        """True when there is no error (warnings allowed)."""
        return self.error_count == 0

    @property
    def error_count(self):
        """Number of diagnostics of severity error."""
        return 0 if self._h is None else _dii.dii_diagnostics_error_count(self._h)

    @property
    def warning_count(self):
        """Number of diagnostics of severity warning."""
        return 0 if self._h is None else _dii.dii_diagnostics_warning_count(self._h)

    @property
    def errors(self):
        """The errors, a list of :class:`Diagnostic`."""
        return [d for d in self._list() if d.severity == "error"]

    @property
    def warnings(self):
        """The warnings, a list of :class:`Diagnostic`."""
        return [d for d in self._list() if d.severity == "warning"]

    def to_json(self):
        """The list as ``dii-diagnostics/1`` JSON text (what ``dii validate
        --format json`` prints for one input)."""
        if self._h is None:
            return json.dumps(
                {"format": "dii-diagnostics/1", "valid": True, "errors": 0, "warnings": 0,
                 "diagnostics": []}, indent=2) + "\n"
        status, message, text = call(big(len(self), "items"), _dii.dii_diagnostics_to_json,
                                     self._h)
        if status < 0:
            from ._errors import _raise
            _raise(status, message)
        return text

    def to_dict(self):
        """The list as a ``dii-diagnostics/1`` dict: format, valid, errors,
        warnings and diagnostics."""
        return json.loads(self.to_json())

    def __str__(self):
        return "\n".join(str(d) for d in self._list())

    def __repr__(self):
        return (f"<dii.Diagnostics valid={self.valid} errors={self.error_count} "
                f"warnings={self.warning_count}>")
