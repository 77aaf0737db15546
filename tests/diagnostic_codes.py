#!/usr/bin/env python3
"""The diagnostic codes are written once per audience and cannot drift.

include/dii/dii.h lists every code the library emits (its "Diagnostic
codes" table); this compares that table with the codes the library's
sources actually emit (lib/*.c) and with the README's table.

A code in lib/*.c is a string literal that is kebab-case with at least one
hyphen, or any lowercase literal passed right after a severity
(DII_SEVERITY_ERROR, "syntax"), compared with a `code` (strcmp(code,
"syntax")), or given to a reporting helper's `code` argument position
through one of the patterns below. Comments are removed first.

Usage: diagnostic_codes.py SOURCE_ROOT
"""
import pathlib
import re
import sys

CODE = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"


def header_codes(text):
    start = text.index(" * Diagnostic codes\n")
    end = text.index("*/", start)
    rows = re.findall(r"^ \*   (" + CODE + r")  +(?:error|warning|both) ", text[start:end],
                      re.M)
    return rows


def strip_comments(src):
    src = re.sub(r"/\*.*?\*/", " ", src, flags=re.S)
    return re.sub(r"//[^\n]*", " ", src)


def source_codes(lib):
    found = {}
    patterns = [
        r'"(' + CODE + r'-' + r'[a-z0-9-]*)"',                  # any hyphenated literal
        r'DII_SEVERITY_[A-Z]+,\s*"(' + CODE + r')"',            # after a severity
        r'strcmp\(code,\s*"(' + CODE + r')"\)',                 # compared as a code
        r'report_cell\([^;]*?,\s*"(' + CODE + r')",',            # a cell reporter's code
    ]
    for path in sorted(lib.glob("*.c")):
        src = strip_comments(path.read_text(encoding="utf-8"))
        for pattern in patterns:
            for code in re.findall(pattern, src):
                found.setdefault(code, path.name)
    return found


def readme_codes(text):
    start = text.index("## Diagnostic codes")
    end = text.index("\n## ", start + 1)
    codes = []
    for cell in re.findall(r"^\| (`[^|]*) \|", text[start:end], re.M):
        codes += re.findall(r"`(" + CODE + r")`", cell)
    return codes


def main():
    root = pathlib.Path(sys.argv[1])
    header = header_codes((root / "include/dii/dii.h").read_text(encoding="utf-8"))
    source = source_codes(root / "lib")
    readme = readme_codes((root / "README.md").read_text(encoding="utf-8"))
    problems = []
    if len(header) != len(set(header)):
        problems.append("dii.h lists a code twice")
    if len(header) < 30:
        problems.append(f"dii.h's table was not read ({len(header)} codes)")
    for code, where in sorted(source.items()):
        if code not in header:
            problems.append(f"lib/{where} emits {code!r}, which dii.h does not list")
    for code in header:
        if code not in source:
            problems.append(f"dii.h lists {code!r}, which no lib/*.c emits")
        if code not in readme:
            problems.append(f"dii.h lists {code!r}, which README's table lacks")
    for code in readme:
        if code not in header:
            problems.append(f"README lists {code!r}, which dii.h does not")
    for p in problems:
        print(p)
    print(f"{len(header)} codes in dii.h, {len(source)} in lib/*.c, {len(set(readme))} in README")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
