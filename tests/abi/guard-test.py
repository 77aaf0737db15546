"""Shows that the ABI guard (check-abi) fails on the changes it exists for.

Usage: guard-test.py CHECK_ABI LIBDII_SO PUBLIC_HEADERS_DIR

The built library is dumped once (abidw, through `check-abi --update`) as a
fresh baseline, so this test does not depend on the committed one. Each
case then edits a copy of that baseline and runs check-abi against the same
library. Editing the baseline instead of the library is equivalent — the
comparison is symmetric — and needs no second build: a baseline whose two
members are swapped is exactly what a library with the members swapped back
would be compared with.
"""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

CHECK, LIB, HEADERS = sys.argv[1:4]


def struct(root, name):
    for c in root.iter('class-decl'):
        if c.get('name') == name and c.get('is-declaration-only') != 'yes':
            return c
    raise SystemExit(f'guard-test: {name} not in the dump')


def member(cls, name):
    for dm in cls.findall('data-member'):
        if dm.find('var-decl').get('name') == name:
            return dm
    raise SystemExit(f'guard-test: member {name} not found')


def swap_names(root, sname, a, b):
    """Two members of one type exchange places (harmless to libabigail)."""
    va, vb = member(struct(root, sname), a).find('var-decl'), member(struct(root, sname), b).find('var-decl')
    va.set('name', b)
    vb.set('name', a)


def swap_places(root, sname, a, b):
    """Two members of different types exchange offsets."""
    ma, mb = member(struct(root, sname), a), member(struct(root, sname), b)
    oa, ob = ma.get('layout-offset-in-bits'), mb.get('layout-offset-in-bits')
    ma.set('layout-offset-in-bits', ob)
    mb.set('layout-offset-in-bits', oa)


def drop_last(root, sname):
    """The baseline one member shorter: the built struct grew at the end."""
    cls = struct(root, sname)
    last = cls.findall('data-member')[-1]
    size = int(cls.get('size-in-bits'))
    cls.remove(last)
    cls.set('size-in-bits', str(int(last.get('layout-offset-in-bits')) if size else 0))


def renumber_enumerator(root, enum_name, enumerator):
    for e in root.iter('enum-decl'):
        if e.get('name') == enum_name:
            for en in e.findall('enumerator'):
                if en.get('name') == enumerator:
                    en.set('value', str(int(en.get('value')) - 100))
                    return
    raise SystemExit(f'guard-test: {enumerator} not found')


CASES = [  # (what, edit or None, expected exit status of check-abi)
    ('unchanged library', None, 0),
    ('two size_t members of dii_parse_options swapped',
     lambda r: swap_names(r, 'dii_parse_options', 'max_input_bytes', 'max_string_bytes'), 1),
    ('two char members of dii_parse_options swapped',
     lambda r: swap_names(r, 'dii_parse_options', 'csv_delimiter', 'csv_decimal_mark'), 1),
    ('a member of dii_parse_options moved to another of another type',
     lambda r: swap_places(r, 'dii_parse_options', 'format', 'max_depth'), 1),
    ('an enumerator renumbered',
     lambda r: renumber_enumerator(r, 'dii_status', 'DII_ERR_PARSE'), 1),
    ('dii_parse_options grew at the end', lambda r: drop_last(r, 'dii_parse_options'), 0),
]


def main():
    sections = subprocess.run(['readelf', '-S', LIB], stdout=subprocess.PIPE, text=True).stdout
    if '.debug_info' not in sections:
        print(f'guard-test: {LIB} has no debug info: skipped (as check-abi is)')
        return 77
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = os.path.join(tmp, 'fresh.abi')
        subprocess.run([CHECK, '--update', LIB, fresh, HEADERS], check=True, stdout=subprocess.DEVNULL)
        for i, (what, edit, expected) in enumerate(CASES):
            tree = ET.parse(fresh)
            if edit:
                edit(tree.getroot())
            path = os.path.join(tmp, f'case{i}.abi')
            tree.write(path)
            rc = subprocess.run([CHECK, LIB, path, HEADERS], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
            ok = rc.returncode == expected
            failed += not ok
            print(f"{'ok' if ok else 'FAIL'}: {what}: check-abi exit {rc.returncode}, expected {expected}")
            if not ok:
                print(rc.stdout)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
