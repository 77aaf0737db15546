"""Small value types shared by the modules of the package."""

from typing import NamedTuple, Optional, Union

__all__ = ["Text", "Target", "Baseline"]


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
