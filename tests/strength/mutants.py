"""Test strength: each core rule is pinned by a test.

Usage: mutants.py SOURCE_ROOT [NAME...]

For each mutant below — one deliberate break of one core rule (the
comparator, the target lookup, the rounding for rank, the competition
ranking, each scoring method) — the source tree is copied once to a
scratch directory and built there (C library and unit tests only), the
mutant's one-line change is applied, and the unit suite is run: it must
FAIL. The unmutated copy must pass first, so a failure is the mutant's.
The change is an exact text replacement that must occur once in its file:
when the code it breaks is rewritten, this test says so instead of
silently testing nothing. Prints one line per mutant; exits 1 when any
mutant survives (its rule is not pinned) or cannot be applied.
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

# (name, file, exact text, replacement, the rule it breaks)
MUTANTS = [
    ("strict-greater-is-not-strict", "lib/enums.c",
     "case DII_OP_GT: return value > target;", "case DII_OP_GT: return value >= target;",
     "comparator: '> 60' is not met by 60"),
    ("at-most-is-strict", "lib/enums.c",
     "case DII_OP_LE: return value <= target;", "case DII_OP_LE: return value < target;",
     "comparator: '<= x' is met by x"),
    ("no-interpolation", "lib/target.c",
     "return lo->value + (hi->value - lo->value) * share;", "return hi->value;",
     "target lookup: linear between milestones"),
    ("interpolated-called-nearest", "lib/target.c",
     "set_target(hi, year, v, DII_BASIS_INTERPOLATED,", "set_target(hi, year, v, DII_BASIS_NEAREST,",
     "target lookup: the basis reported"),
    ("before-first-target-is-exact", "lib/target.c",
     "dii_target_basis b = year == first->year ? DII_BASIS_EXACT : DII_BASIS_NEAREST;",
     "dii_target_basis b = DII_BASIS_EXACT;",
     "target lookup: before the first target, the nearest"),
    ("rank-on-unrounded-index", "lib/rank.c",
     "entries[i].rounded = dii_round_index(items[i]->index, decimals);",
     "entries[i].rounded = items[i]->index;",
     "rank on the index rounded to rank_decimals"),
    ("ranks-never-tie", "lib/rank.c",
     "int tied = i > 0 && entries[i].rounded == entries[i - 1].rounded;", "int tied = 0;",
     "standard competition ranking (1, 2, 2, 4)"),
    ("target-ratio-unclamped", "lib/method.c",
     "return clamp01(in->value / in->target);", "return in->value / in->target;",
     "target_ratio: clamped to [0, 1]"),
    ("ratio-percent-not-divided", "lib/method.c",
     "double s = ind->unit == DII_UNIT_PERCENT ? value / 100.0 : value;", "double s = value;",
     "ratio: a percent is value / 100"),
    ("linear-ignores-direction", "lib/method.c",
     "    a = clamp01(a);\n    return ind->direction == DII_DIRECTION_HIGHER ? a : 1 - a;",
     "    a = clamp01(a);\n    return a;",
     "linear: reversed when lower is better"),
    ("bands-strict", "lib/method.c",
     "int reached = ind->direction == DII_DIRECTION_HIGHER ? value >= b->from",
     "int reached = ind->direction == DII_DIRECTION_HIGHER ? value > b->from",
     "bands: a value reaching `from` earns the band"),
    ("best-in-cohort-off-by-one", "lib/method.c",
     "return clamp01(in->value / r->max);", "return clamp01(in->value / (r->max + 1));",
     "best_in_cohort: value / the cohort's best"),
    ("min-max-all-equal-scores-0", "lib/method.c",
     "    if (r->max == r->min)\n        return 1;", "    if (r->max == r->min)\n        return 0;",
     "min_max_cohort: everyone equal earns all"),
    ("boolean-always-earns", "lib/method.c",
     "return (ind->direction == DII_DIRECTION_HIGHER) == yes ? 1 : 0;", "return 1;",
     "boolean: true earns, false does not"),
]


def run(cmd, cwd, log):
    with open(log, "ab") as f:
        return subprocess.run(cmd, cwd=cwd, stdout=f, stderr=subprocess.STDOUT).returncode


def copy_tree(src, dst):
    ignore = shutil.ignore_patterns("build*", ".git", "__pycache__", "*.pyc", ".mesonpy*")
    shutil.copytree(src, dst, ignore=ignore, symlinks=True)


def main(argv):
    src = pathlib.Path(argv[1]).resolve()
    wanted = set(argv[2:])
    mutants = [m for m in MUTANTS if not wanted or m[0] in wanted]
    with tempfile.TemporaryDirectory(prefix="dii-mutants-") as tmp:
        tree, build, log = pathlib.Path(tmp) / "src", pathlib.Path(tmp) / "build", \
            pathlib.Path(tmp) / "log"
        copy_tree(src, tree)
        env_free = {k: v for k, v in os.environ.items() if k not in ("CFLAGS", "LDFLAGS", "CC")}
        os.environ.clear()
        os.environ.update(env_free)
        if run(["meson", "setup", str(build), str(tree), "-Dbindings=disabled",
                "-Dpython=/usr/bin/python3", "-Dbuildtype=debugoptimized"], tmp, log) != 0:
            print(log.read_text(errors="replace")[-3000:])
            print("strength: the copy could not be set up")
            return 1
        test = ["meson", "test", "-C", str(build), "--suite", "unit", "--num-processes", "2"]
        if run(test, tmp, log) != 0:
            print(log.read_text(errors="replace")[-3000:])
            print("strength: the unmutated copy does not pass its unit tests")
            return 1
        survived = 0
        for name, rel, old, new, rule in mutants:
            path = tree / rel
            text = path.read_text(encoding="utf-8")
            if text.count(old) != 1:
                print(f"FAIL {name}: the text it breaks is not in {rel} exactly once "
                      f"(found {text.count(old)}): update the mutant with the code")
                survived += 1
                continue
            path.write_text(text.replace(old, new), encoding="utf-8")
            try:
                built = run(["ninja", "-C", str(build)], tmp, log) == 0
                rc = run(test, tmp, log) if built else None
            finally:
                path.write_text(text, encoding="utf-8")
            if not built:  # a failure to compile would kill any mutant: not evidence
                survived += 1
                print(f"FAIL {name}: the mutant does not compile")
            elif rc == 0:
                survived += 1
                print(f"FAIL {name}: the unit suite still passes with this rule broken ({rule})")
            else:
                print(f"ok   {name}: the unit suite fails when broken ({rule})")
        if run(test, tmp, log) != 0:  # restored: passes again
            print("strength: the restored copy does not pass")
            return 1
    print(f"strength: {len(mutants) - survived} of {len(mutants)} mutants killed")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
