"""The wheel `pip install .` makes: built, installed in a fresh venv, used.

    wheel_check.py SOURCE_ROOT DII_CLI

1. Builds the wheel from a copy of the source tree (the tree itself is left
   alone): `python3 -m pip wheel --no-build-isolation --no-deps` (PyPI is not
   reachable here; meson-python comes from Debian's python3-mesonpy).
2. Checks its file list: everything inside the package `dii/` (or the
   .dist-info directory): no include/, no .data/ directory, no stray
   frameworks, no libdii.so or libdii.a (the library is linked statically
   into the extension and into dii/bin/dii, which need no libdii.so; the
   check reads their ELF NEEDED entries with readelf), one extension module,
   the command dii/bin/dii (executable), the `dii` console script.
3. Installs it with pip into a venv made with --system-site-packages (numpy
   and pandas are Debian's) and, from a directory outside the source tree
   and without PYTHONPATH: `import dii` comes from the venv and scores;
   `dii` and `python -m dii` print what the built `dii` prints, with the
   same exit codes (--version, a score, a usage error, an invalid input).

Exit 0: all good; 1: a check failed (each failure printed); 77 (meson's
SKIP, shown as such in the test summary): python3-mesonpy is not installed,
which scripts/deps installs, so CI always runs this.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

FAILURES = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        FAILURES.append(what)
    return ok


def clean_env():
    """The environment without what points Python at the build tree."""
    env = dict(os.environ)
    for name in ("PYTHONPATH", "PYTHONHOME", "LD_LIBRARY_PATH", "LD_PRELOAD"):
        env.pop(name, None)
    env["PIP_NO_INDEX"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run(cmd, cwd, env, timeout=900):
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


def must(proc, what):
    if proc.returncode != 0:
        print(proc.stdout[-6000:])
        print(proc.stderr[-6000:])
        check(False, f"{what} (exit {proc.returncode})")
        sys.exit(1)
    check(True, what)


def copy_source(root, dest):
    """The source tree without build directories and version control."""
    def ignore(directory, names):
        return [n for n in names
                if n.startswith(("build", ".mesonpy", ".git")) or n == "__pycache__"]
    shutil.copytree(root, dest, ignore=ignore, symlinks=True)


def needed_libraries(path):
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True)
    return [line.split("[", 1)[1].rstrip("]") for line in out.stdout.splitlines()
            if "(NEEDED)" in line]


def check_file_list(wheel, unpacked):
    names = wheel.namelist()
    dist_info = [n for n in names if ".dist-info/" in n]
    package = [n for n in names if n.startswith("dii/")]
    check(sorted(dist_info + package) == sorted(names),
          "every file is in dii/ or the .dist-info directory: "
          + ", ".join(n for n in names if n not in dist_info + package))
    check(not any(".data/" in n or "/include/" in n or n.startswith("include/") for n in names),
          "no .data/ or include/ directory")
    check(not any("libdii" in Path(n).name for n in names), "no libdii.so / libdii.a file")
    check(not any(n.endswith(".json") for n in names), "no framework or schema file")
    extensions = [n for n in package if Path(n).name.startswith("_dii") and n.endswith(".so")]
    check(len(extensions) == 1 and Path(extensions[0]).parent.as_posix() == "dii",
          f"exactly one extension module, dii/_dii*.so: {extensions}")
    for name in ("dii/__init__.py", "dii/__main__.py", "dii/__init__.pyi", "dii/py.typed",
                 "dii/bin/dii"):
        check(name in names, f"{name} is in the wheel")
    if "dii/bin/dii" in names:
        mode = wheel.getinfo("dii/bin/dii").external_attr >> 16
        check(mode & 0o111 != 0, "dii/bin/dii is executable")
    entry_points = [n for n in dist_info if n.endswith("/entry_points.txt")]
    check(bool(entry_points)
          and "dii = dii.__main__:main" in wheel.read(entry_points[0]).decode(),
          "console script dii = dii.__main__:main")
    wheel.extractall(unpacked)
    for name in extensions + ["dii/bin/dii"]:
        if (unpacked / name).exists():
            needed = needed_libraries(unpacked / name)
            check(not any(lib.startswith("libdii") for lib in needed),
                  f"{name} needs no libdii.so (NEEDED: {', '.join(needed)})")


def check_installed(venv, work, env, cli, root):
    python = venv / "bin" / "python"
    probe = run([python, "-c",
                 "import dii, sys; print(dii.__file__); "
                 "fw = dii.Framework.builtin('dien-bien-4734-2023'); "
                 f"r = fw.score({str(root / 'examples' / 'data' / 'dien-bien-2022.json')!r}, "
                 "target_year=2023)[0]; print(r.rank, round(r.index, 4))"], work, env)
    must(probe, "import dii and score in the venv")
    lines = probe.stdout.splitlines()
    check(Path(lines[0]).resolve().is_relative_to(venv.resolve()),
          f"dii is imported from the venv: {lines[0]}")
    check(lines[1] == "1 0.9503", f"the example scores as documented: {lines[1]}")

    example = root / "examples" / "data" / "dien-bien-2022.json"
    invalid = work / "invalid.json"
    invalid.write_text(example.read_text(encoding="utf-8").replace(
        '"bts_site_sharing"', '"bts_site_sharng"'), encoding="utf-8")
    cases = [["--version"], ["frameworks"],
             ["score", "--target-year", "2023", "--format", "json", example],
             ["score"],                     # usage error: exit 2
             ["validate", invalid]]         # invalid input: exit 1
    commands = {"dii": [venv / "bin" / "dii"], "python -m dii": [python, "-m", "dii"]}
    for args in cases:
        want = run([cli] + args, work, env)
        for label, command in commands.items():
            got = run(command + args, work, env)
            shown = " ".join(str(a) for a in args)
            check((got.returncode, got.stdout, got.stderr)
                  == (want.returncode, want.stdout, want.stderr),
                  f"`{label} {shown}` prints and exits as the built dii "
                  f"(exit {got.returncode}, want {want.returncode})")


def main():
    root, cli = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    if importlib.util.find_spec("mesonpy") is None:
        print("SKIP: python3-mesonpy is not installed (scripts/deps installs it); "
              "the wheel cannot be built")
        return 77
    env = clean_env()
    with tempfile.TemporaryDirectory(prefix="dii-wheel-") as tmp:
        tmp = Path(tmp)
        copy_source(root, tmp / "src")
        must(run([sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps",
                  "-w", tmp / "dist", tmp / "src"], tmp, env), "pip wheel builds the wheel")
        wheels = sorted((tmp / "dist").glob("dii-*.whl"))
        if not check(len(wheels) == 1, f"one wheel: {[w.name for w in wheels]}"):
            return 1
        with zipfile.ZipFile(wheels[0]) as wheel:
            check_file_list(wheel, tmp / "unpacked")
        venv = tmp / "venv"
        must(run([sys.executable, "-m", "venv", "--system-site-packages", venv], tmp, env),
             "python3 -m venv --system-site-packages")
        must(run([venv / "bin" / "python", "-m", "pip", "install", "--no-deps", wheels[0]],
                 tmp, env), "pip install the wheel into the venv")
        work = tmp / "elsewhere"
        work.mkdir()
        check_installed(venv, work, env, cli, root)
    print(f"{len(FAILURES)} check(s) failed" if FAILURES else "all checks passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
