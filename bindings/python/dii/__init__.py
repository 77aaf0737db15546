"""Scores and target compliance for DII-style digital-infrastructure frameworks.

Python face of libdii (the C library; this package calls its public API
through the SWIG-generated module ``dii._dii``). It answers two questions
for frameworks such as Vietnam's Bộ tiêu chí DII (Decision 885/QĐ-BTTTT)
and Điện Biên's plan 4734/KH-UBND: did a province meet this year's targets,
and how many points, what index and rank does it get?

A session::

    >>> import dii
    >>> fw = dii.Framework.builtin("dien-bien-4734-2023")
    >>> results = fw.score("examples/data/dien-bien-2022.json", target_year=2023)
    >>> r = results[0]
    >>> round(r.points, 4), r.max_points, round(r.index, 4), r.rank
    (21.8559, 23.0, 0.9503, 1)
    >>> r.compliance
    {'met': 8, 'not_met': 15, 'no_target': 0, 'missing': 0}
    >>> df = results.to_dataframe()          # one row per unit x indicator

The pieces:

* :func:`frameworks` — ids of the built-in frameworks.
* :class:`Framework` — ``builtin(id)``, ``load(path)``, ``from_json(text)``;
  its ``groups`` and ``indicators`` (with ``targets`` and ``target_for(year)``);
  ``validate(subs)`` → :class:`Diagnostics`; ``score(subs, target_year=None)``
  → :class:`Results`.
* :func:`load_submissions` — from a path, text, bytes, dicts or a DataFrame.
* :class:`Results` — a sequence of :class:`Result`; ``to_dict()`` (the
  ``dii-result/1`` document, identical to ``dii score --format json``),
  ``to_dataframe()``.
* :func:`score_frame` — a long-format DataFrame in, a tidy DataFrame out.
* ``Framework.track(subs, milestones=None, pace="linear", crosswalk=None)``
  → :class:`Tracking`: is each unit on track for its targets? A sequence
  of :class:`TrackedUnit`; ``to_dict()`` (``dii-tracking/1``, the document
  ``dii track --format json`` prints), ``to_dataframe(level="milestone" |
  "indicator" | "year" | "projection")``. Former units are merged first
  with a :class:`Crosswalk` (``Crosswalk.load(path, effective_year)``).
* :func:`compare` ``(a, b, *, all_rows=False)`` → :class:`Comparison`: round
  against round, year against year (two :class:`Results`, or submissions
  with ``framework=``). A sequence of :class:`ComparedUnit` with their
  :class:`ComparedRow` s; ``to_dict()`` (``dii-comparison/1``, the document
  ``dii compare --format json`` prints), ``to_dataframe(level="row" | "unit")``.
* Errors: :class:`DiiError` and its subclasses :class:`ParseError` (with
  ``line`` and ``column``), :class:`ValidationError` (with ``diagnostics``),
  :class:`NotFoundError`, :class:`FileError`, :class:`InvalidArgumentError`.

Every object is immutable once built and safe to share between threads;
parsing, validation, scoring, tracking and comparison release the GIL. Memory is released by the
garbage collector: an object that borrows from another (an indicator from
its framework, a result from its results) keeps that one alive through a
read-only attribute. Strings given to the library may not hold a NUL
character (ValueError).

Ctrl-C: a long call (a load, validation, score, tracking or comparison of a big
input, from the main thread) runs in a worker thread while the main thread waits, so
KeyboardInterrupt is raised at once; the library cannot be stopped, so the
interrupted call finishes in the background and its result is discarded.

``python -m dii ARGS`` (and the ``dii`` a wheel installs) runs the ``dii``
command carried in the package: same arguments, output and exit codes.
"""

from . import _dii
from ._diagnostics import Diagnostic, Diagnostics
from ._errors import (DiiError, FileError, InvalidArgumentError, NotFoundError,
                      OutOfRangeError, ParseError, ValidationError)
from ._compare import (COMPARE_SIDES, COMPARISON_ROW_COLUMNS, COMPARISON_UNIT_COLUMNS,
                       ComparedRow, ComparedUnit, Comparison, compare)
from ._frame import score_frame, submissions_from_frame
from ._framework import Framework, Group, Indicator, frameworks
from ._results import (BASES, GROUP_COLUMNS, INDICATOR_COLUMNS, OPS, STATUSES, UNIT_COLUMNS,
                       GroupScore, IndicatorScore, Result, Results)
from ._submissions import INVALID, Submission, Submissions, load_submissions
from ._tracking import (MILESTONE_COLUMNS, PACE_METHODS, TRACK_INDICATOR_COLUMNS,
                        TRACK_STATUSES, Crosswalk, CrosswalkRow, IndicatorTrack, MergedSource,
                        MergedValue, MilestoneTrack, TrackedUnit, Tracking, YearValue)
from ._types import Baseline, Target, Text

#: The version of the C library this package runs on (``dii_version_string()``).
__version__ = _dii.dii_version_string()
#: The same as a tuple of ints, e.g. (1, 0, 0).
version_info = tuple(int(p) for p in __version__.split("."))

__all__ = [
    "__version__", "version_info",
    "frameworks", "Framework", "Group", "Indicator", "Text", "Target", "Baseline",
    "load_submissions", "Submissions", "Submission", "INVALID",
    "Diagnostics", "Diagnostic",
    "Results", "Result", "GroupScore", "IndicatorScore",
    "score_frame", "submissions_from_frame",
    "Tracking", "TrackedUnit", "IndicatorTrack", "MilestoneTrack", "YearValue",
    "MergedValue", "MergedSource", "Crosswalk", "CrosswalkRow",
    "TRACK_STATUSES", "PACE_METHODS", "MILESTONE_COLUMNS", "TRACK_INDICATOR_COLUMNS",
    "compare", "Comparison", "ComparedUnit", "ComparedRow", "COMPARE_SIDES",
    "COMPARISON_ROW_COLUMNS", "COMPARISON_UNIT_COLUMNS",
    "STATUSES", "OPS", "BASES", "INDICATOR_COLUMNS", "UNIT_COLUMNS", "GROUP_COLUMNS",
    "DiiError", "ParseError", "ValidationError", "NotFoundError", "FileError",
    "InvalidArgumentError", "OutOfRangeError",
]

# Public names say they are dii's (reprs, help(dii), pickling of errors).
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) or callable(_obj):
        try:
            _obj.__module__ = "dii"
        except (AttributeError, TypeError):
            pass
del _name, _obj
