"""Exceptions of the dii package and the one place a C status becomes one."""

from . import _dii

__all__ = [
    "DiiError",
    "ParseError",
    "ValidationError",
    "NotFoundError",
    "FileError",
    "InvalidArgumentError",
    "OutOfRangeError",
]


class DiiError(Exception):
    """Base class of every error libdii reports.

    Attributes:
        message: the library's one-sentence description (``str(error)``).
        status: the C status code (a negative int, e.g. ``-1`` for a parse
            error; see ``dii_status`` in ``dii/dii.h``).
        status_name: the status in words ("parse error", "not found", ...).
        diagnostics: the :class:`dii.Diagnostics` that came with the failure,
            or None (always set for ParseError and ValidationError).
    """

    diagnostics = None

    def __init__(self, message, status=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.status_name = _dii.dii_status_string(status) if status is not None else None


class ParseError(DiiError):
    """The input is not well-formed JSON or CSV (or not valid UTF-8).

    Attributes:
        file: the input's name as given to the loader, or None.
        line: 1-based line of the first syntax problem, or None.
        column: 1-based column (bytes) of the first syntax problem, or None.
        code: the diagnostic code of the first problem ("syntax", "encoding").
        diagnostics: every problem found, a :class:`dii.Diagnostics`.
    """

    def __init__(self, message, status=None, diagnostics=None):
        first = None
        if diagnostics is not None:
            errors = diagnostics.errors
            first = errors[0] if errors else (diagnostics[0] if len(diagnostics) else None)
        if first is not None:
            where = ":".join(str(p) for p in (first.file, first.line, first.column) if p)
            message = f"{where}: {first.message}" if where else first.message
        super().__init__(message, status)
        self.diagnostics = diagnostics
        self.file = first.file if first is not None else None
        self.line = first.line if first is not None else None
        self.column = first.column if first is not None else None
        self.code = first.code if first is not None else None


class ValidationError(DiiError):
    """The input is well-formed but breaks the format's or the framework's rules.

    ``str(error)`` names the number of errors and the first few of them.

    Attributes:
        diagnostics: every problem found (errors and warnings), a
            :class:`dii.Diagnostics`; ``diagnostics.errors`` are the errors.
    """

    def __init__(self, message, status=None, diagnostics=None):
        if diagnostics is not None and diagnostics.errors:
            errors = diagnostics.errors
            shown = "; ".join(d.format() for d in errors[:3])
            more = f"; and {len(errors) - 3} more" if len(errors) > 3 else ""
            noun = "error" if len(errors) == 1 else "errors"
            message = f"{len(errors)} {noun}: {shown}{more}"
        super().__init__(message, status)
        self.diagnostics = diagnostics


class NotFoundError(DiiError, LookupError):
    """No such thing: a built-in framework id, an indicator id or code, ..."""


class FileError(DiiError, OSError):
    """A file could not be opened or read. Also an :class:`OSError`.

    Attributes:
        filename: the path that could not be read.
    """

    def __init__(self, message, status=None, filename=None):
        DiiError.__init__(self, message, status)
        self.filename = filename

    def __str__(self):
        return self.message


class InvalidArgumentError(DiiError, ValueError):
    """An argument the library cannot use (bad options, a NaN value, ...).

    Also a :class:`ValueError`.
    """


class OutOfRangeError(DiiError, IndexError):
    """An index or year outside what exists. Also an :class:`IndexError`."""


_STATUS_CLASSES = {
    _dii.DII_ERR_PARSE: ParseError,
    _dii.DII_ERR_VALIDATION: ValidationError,
    _dii.DII_ERR_NOT_FOUND: NotFoundError,
    _dii.DII_ERR_OUT_OF_RANGE: OutOfRangeError,
    _dii.DII_ERR_IO: FileError,
    _dii.DII_ERR_INVALID_ARGUMENT: InvalidArgumentError,
}


def _raise(status, message, diagnostics=None, filename=None):
    """Raises the exception for a negative dii_status (never returns)."""
    if status == _dii.DII_ERR_NO_MEMORY:
        raise MemoryError(message or "libdii: out of memory")
    cls = _STATUS_CLASSES.get(status, DiiError)
    message = message or _dii.dii_status_string(status)
    if cls is ParseError or cls is ValidationError:
        error = cls(message, status, diagnostics)
    elif cls is FileError:
        error = cls(message, status, filename)
    else:
        error = cls(message, status)
        error.diagnostics = diagnostics
    raise error
