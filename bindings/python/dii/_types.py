"""Small value types shared by the modules of the package."""

import operator
from typing import NamedTuple, Optional, Union

from . import _dii
from ._errors import InvalidArgumentError

__all__ = ["Text", "Target", "Baseline"]


def init_once(obj, attr="_h"):
    """Refuses a second __init__ of an object holding a handle: calling it
    again (``subs.__init__(1)``) would replace the handle, or drop the owner
    of a borrowed one, and let the GC free memory still in use. ``attr``
    is the slot the first __init__ sets (the handle, or the owner of an
    object that reads through its owner's handle)."""
    try:
        getattr(obj, attr)
    except AttributeError:
        return
    raise TypeError(f"a {type(obj).__name__} cannot be initialised again")


def sequence_item(i, n, item, what):
    """seq[i] for a sequence of n items made by item(index): a slice gives a
    list, a negative index counts from the end, any other raises IndexError
    naming `what`."""
    if isinstance(i, slice):
        return [item(j) for j in range(*i.indices(n))]
    try:
        i = operator.index(i)
    except TypeError:
        raise TypeError(f"{what} indices must be integers or slices, "
                        f"not {type(i).__name__}") from None
    if i < 0:
        i += n
    if not 0 <= i < n:
        raise IndexError(f"{what} index out of range")
    return item(i)


class Text(NamedTuple):
    """A text in Vietnamese and English. ``str(text)`` is the Vietnamese.

    When the source gives only one language, both fields hold it.
    """

    vi: Optional[str]
    en: Optional[str]

    def __str__(self):
        return self.vi or self.en or ""


class Target(NamedTuple):
    """A target: ``value`` must satisfy ``op`` (">=", ">", "<=", "<", "==").

    Attributes:
        year: the milestone's year (for a target that applies in another
            year by the nearest rule, still the milestone's year).
        op: the comparator, as written in the framework.
        value: the number, or a bool for a yes/no indicator.
        basis: for a target that applies in a given year
            (:meth:`Indicator.target_for`, results): "exact",
            "interpolated" or "nearest"; None for a framework's own list.
    """

    year: int
    op: str
    value: Union[float, bool]
    basis: Optional[str] = None


class Baseline(NamedTuple):
    """An indicator's baseline: the value in the baseline year."""

    year: int
    value: Union[float, bool]


# What the C functions' `int year` parameters hold.
_C_INT_MIN, _C_INT_MAX = -2**31, 2**31 - 1


def _year(year):
    """An int year from an int or an integral numpy scalar: TypeError for
    anything else, OverflowError for one no C int holds."""
    if isinstance(year, bool):
        raise TypeError("a year must be an integer, not bool")
    try:
        year = operator.index(year)
    except TypeError:
        raise TypeError(f"a year must be an integer, not {type(year).__name__}") from None
    if not _C_INT_MIN <= year <= _C_INT_MAX:
        raise OverflowError(f"year {year} is out of range ({_C_INT_MIN} to {_C_INT_MAX})")
    return year


def _bounded_year(year, what):
    """A year the library takes as an option (a target year, a milestone,
    an effective year): an integer from DII_YEAR_MIN to DII_YEAR_MAX (the
    library's bounds), else InvalidArgumentError (a ValueError); TypeError
    for anything that is not an integer (bool included). Checked here,
    before C sees it, because C cannot be given a year beyond an int and
    reads 0 as "none" for some of them. `what` names the argument."""
    if isinstance(year, bool):
        raise TypeError(f"{what} must be an integer, not bool")
    try:
        year = operator.index(year)
    except TypeError:
        raise TypeError(f"{what} must be an integer, not {type(year).__name__}") from None
    if not _dii.DII_YEAR_MIN <= year <= _dii.DII_YEAR_MAX:
        raise InvalidArgumentError(
            f"{what.replace('_', ' ')} {year} is outside {_dii.DII_YEAR_MIN} to "
            f"{_dii.DII_YEAR_MAX}", _dii.DII_ERR_OUT_OF_RANGE)
    return year


def _target_year(year):
    """A score's target year (see _bounded_year; None is handled by the caller)."""
    if isinstance(year, bool) or not hasattr(type(year), "__index__"):
        name = "bool" if isinstance(year, bool) else type(year).__name__
        raise TypeError(f"target_year must be an integer or None, not {name}")
    return _bounded_year(year, "target_year")
