"""Small value types shared by the modules of the package."""

import operator
from typing import NamedTuple, Optional, Union

from . import _dii
from ._errors import InvalidArgumentError

__all__ = ["Text", "Target", "Baseline"]


def init_once(obj):
    """Refuses a second __init__ of an object holding a handle: calling it
    again (``subs.__init__(1)``) would replace the handle, or drop the owner
    of a borrowed one, and let the GC free memory still in use."""
    try:
        obj._h
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


def _target_year(year):
    """A score's target year: an integer from DII_YEAR_MIN to DII_YEAR_MAX
    (the library's bounds), else InvalidArgumentError (a ValueError). Checked
    here, before C sees it, because C reads 0 as "each submission's own
    year" and cannot be given a year beyond an int."""
    if isinstance(year, bool):
        raise TypeError("target_year must be an integer or None, not bool")
    try:
        year = operator.index(year)
    except TypeError:
        raise TypeError(f"target_year must be an integer or None, "
                        f"not {type(year).__name__}") from None
    if not _dii.DII_YEAR_MIN <= year <= _dii.DII_YEAR_MAX:
        raise InvalidArgumentError(
            f"target year {year} is outside {_dii.DII_YEAR_MIN} to {_dii.DII_YEAR_MAX}",
            _dii.DII_ERR_OUT_OF_RANGE)
    return year
