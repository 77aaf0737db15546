"""Objects that borrow C memory cannot lose the owner of that memory.

An Indicator, a Group, a Submission and a Result hold a pointer into memory
their Framework, Submissions, Results or Tracking owns, and a TrackedUnit
and a ComparedUnit read through their Tracking's or Comparison's handle;
the reference to that owner is
what keeps the memory alive. Dropping it from Python (``s.submissions =
None``, ``del``, ``object.__setattr__``) used to let the garbage collector
free the memory under the pointer: reading ``s.unit_id`` afterwards was a
heap-use-after-free (found by AddressSanitizer). The references are now
read-only properties; these tests try every way to drop them, and check
that every class holding a borrowed pointer is among those tried.
"""

import gc
import inspect
import sys

import pytest

import dii
from conftest import DIEN_BIEN, EXAMPLE_JSON

# Two years of unit 11: a tracking with a trajectory and projected scores.
PANEL = ("unit_id,year,indicator,value\n11,2023,household_fibre_internet_access,47\n"
         "11,2024,household_fibre_internet_access,56\n")
CROSSWALK = "from_unit,to_unit\nA,11\n"


def tracking():
    fw = dii.Framework.builtin(DIEN_BIEN)
    return fw.track(PANEL, crosswalk=dii.Crosswalk.from_text(CROSSWALK, 2023))


def comparison():
    fw = dii.Framework.builtin(DIEN_BIEN)
    return dii.compare(fw.score(PANEL), fw.score(PANEL.replace(",56\n", ",50\n")))


def borrowed_objects():
    """(object, name of its owner reference, a reading that needs the C
    memory) for an instance of every class that borrows."""
    fw = dii.Framework.builtin(DIEN_BIEN)
    subs = dii.load_submissions(EXAMPLE_JSON)
    results = fw.score(subs)
    return [
        (subs[0], "submissions", lambda o: o.unit_id),
        (fw.indicators[0], "framework", lambda o: o.id),
        (fw.groups[0], "framework", lambda o: o.id),
        (fw.group("I"), "framework", lambda o: o.max_points),
        (results[0], "results", lambda o: (o.unit_id, o.indicators[0].points)),
        # Results owns its memory, but Result.indicators reads the framework
        # through it: that reference is read-only too.
        (results, "framework", lambda o: o[0].indicators[0].code),
        # A tracked unit reads through its tracking's handle; the trajectory
        # and projected Results point into the tracking's memory; the
        # tracking reads the framework's indicators.
        (tracking()[0], "tracking", lambda o: (o.id, o.indicator("12").observed_pace)),
        (tracking()[0].years[1], "results", lambda o: (o.year, o.indicators[11].value)),
        (tracking()[0].projected[0], "results", lambda o: (o.year, o.points)),
        (tracking(), "framework", lambda o: o[0].indicators[11].code),
        # A compared unit reads through its comparison's handle; the
        # comparison reads the framework's indicators (its rows' yes/no values).
        (comparison()[1], "comparison", lambda o: (o.id, o.year_b, o.rows[0].value_b)),
        (comparison(), "framework", lambda o: o[1].rows[0].code),
    ]


def drops(obj, name):
    """Every way Python code could try to drop the reference."""
    yield "setattr", lambda: setattr(obj, name, None)
    yield "del", lambda: delattr(obj, name)
    yield "object.__setattr__", lambda: object.__setattr__(obj, name, None)
    yield "object.__delattr__", lambda: object.__delattr__(obj, name)


@pytest.mark.parametrize("index", range(12))
def test_the_owner_reference_cannot_be_dropped(index):
    obj, name, read = borrowed_objects()[index]
    owner = getattr(obj, name)
    before = read(obj)
    for how, drop in drops(obj, name):
        with pytest.raises(AttributeError):
            drop()
        assert getattr(obj, name) is owner, how
    # The only other references to the owner go; the object still reads.
    del owner
    gc.collect()
    assert read(obj) == before


def test_other_public_attributes_are_read_only():
    fw = dii.Framework.builtin(DIEN_BIEN)
    subs = dii.load_submissions(EXAMPLE_JSON)
    results = fw.score(subs)
    cw = dii.Crosswalk.from_text(CROSSWALK, 2023)
    for obj in (fw, subs, results, tracking(), cw):
        for how, drop in drops(obj, "diagnostics"):
            with pytest.raises(AttributeError):
                drop()
        assert isinstance(obj.diagnostics, dii.Diagnostics)
    cmp = comparison()
    for name in ("match", "all_rows", "warnings"):
        for how, drop in drops(cmp, name):
            with pytest.raises(AttributeError):
                drop()


def is_borrowed(handle):
    """A SWIG pointer the object does not own (owned handles are freed by
    their type's destructor and report thisown)."""
    own = getattr(handle, "own", None)
    return own is not None and not getattr(handle, "thisown", False) and not own()


def test_every_class_holding_a_borrowed_pointer_is_tried():
    tried = {type(obj) for obj, _, _ in borrowed_objects()}
    fw = dii.Framework.builtin(DIEN_BIEN)
    subs = dii.load_submissions(EXAMPLE_JSON)
    results = fw.score(subs)
    tr = tracking()
    cw = dii.Crosswalk.from_text(CROSSWALK, 2023)
    cmp = comparison()
    instances = [fw, fw.indicators[0], fw.groups[0], subs, subs[0], results, results[0],
                 fw.validate(subs), subs.diagnostics, tr, tr[0], tr[0].years[0], cw,
                 cmp, cmp[0]]
    borrowing = {type(o) for o in instances
                 if getattr(o, "_h", None) is not None and is_borrowed(o._h)}
    assert borrowing == {dii.Submission, dii.Indicator, dii.Group, dii.Result}
    assert borrowing <= tried
    # Objects that read through their owner's handle (no handle of their own).
    assert {dii.TrackedUnit, dii.ComparedUnit} <= tried
    # Every class of the package that holds a handle, or an owner it reads
    # through, has an instance above, so a new one cannot go untried.
    with_handle = set()
    for module in [m for n, m in sys.modules.items() if n.startswith("dii.")]:
        for _, cls in inspect.getmembers(module, inspect.isclass):
            slots = getattr(cls, "__slots__", ())
            if cls.__module__.startswith("dii") and {"_h", "_tracking", "_comparison"} & set(slots):
                with_handle.add(cls)
    assert with_handle == {type(o) for o in instances}


def test_init_cannot_be_called_again():
    # `obj.__init__(...)` again would replace the handle (freeing the old one
    # under every object borrowing from it) or drop a borrowed object's owner.
    fw = dii.Framework.builtin(DIEN_BIEN)
    subs = dii.load_submissions(EXAMPLE_JSON)
    results = fw.score(subs)
    tr = tracking()
    cmp = comparison()
    owners = [(fw, (1,)), (subs, (1,)), (results, (1, None, None)), (fw.validate(subs), (1,)),
              (tr, (1, None, None)), (dii.Crosswalk.from_text(CROSSWALK, 2023), (1,)),
              (cmp, (1, None))]
    borrowers = [(subs[0], (None, 1)), (fw.indicators[0], (None, 1)), (fw.groups[0], (None, 1)),
                 (results[0], (None, 1, 0)), (tr[0], (None, 0)), (tr[0].years[0], (None, 1, 0)),
                 (cmp[1], (None, 0))]
    for obj, args in owners + borrowers:
        with pytest.raises(TypeError) as e:
            obj.__init__(*args)
        assert "cannot be initialised again" in str(e.value)
    gc.collect()
    assert (subs[0].unit_id, fw.indicators[0].id, results[0].unit_id) == ("11", fw.indicator("1").id,
                                                                           "11")
    assert [o.unit_id for o, _ in borrowers[:1]] == ["11"]
    assert borrowers[3][0].indicators[0].points == results[0].indicators[0].points
    assert (borrowers[4][0].id, borrowers[5][0].year) == ("11", 2023)
    assert (borrowers[6][0].year_a, cmp.match, cmp[1].rows[0].value_b) == (2024, "unit_year", 50.0)
