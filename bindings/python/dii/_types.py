"""Small value types shared by the modules of the package."""

from typing import NamedTuple, Optional, Union

__all__ = ["Text", "Target", "Baseline"]


def sequence_item(i, n, item, what):
    """seq[i] for a sequence of n items made by item(index): a slice gives a
    list, a negative index counts from the end, any other raises IndexError
    naming `what`."""
    if isinstance(i, slice):
        return [item(j) for j in range(*i.indices(n))]
    i = i.__index__()
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


def _year(year):
    """An int year from an int or an integral numpy scalar."""
    if isinstance(year, bool):
        raise TypeError("a year must be an integer, not bool")
    try:
        return int(year.__index__())
    except AttributeError:
        raise TypeError(f"a year must be an integer, not {type(year).__name__}") from None
