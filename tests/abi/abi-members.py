"""Compares the public structs of two abidw dumps member by member.

Usage: abi-members.py BASELINE.abi BUILT.abi

Every struct named dii_* that the baseline defines must still be defined,
and every one of its members must keep its offset, name and type. A struct
whose first member is `unsigned int version` (an options struct or another
versioned input, design.md section 4) may grow at the end; any other struct
must keep its size. Exit 1 on the first difference found in each struct,
listing them all; 0 when all match (struct growth is reported on stdout).
"""
import sys
import xml.etree.ElementTree as ET


def type_names(root):
    """type id -> a name for it (typedefs and named types)."""
    names = {}
    for el in root.iter():
        if el.get('id') and el.get('name'):
            names[el.get('id')] = el.get('name')
    return names


def structs(path):
    root = ET.parse(path).getroot()
    names = type_names(root)
    out = {}
    for c in root.iter('class-decl'):
        name = c.get('name', '')
        if not name.startswith('dii_') or c.get('is-declaration-only') == 'yes':
            continue
        members = []
        for dm in c.findall('data-member'):
            v = dm.find('var-decl')
            t = v.get('type-id')
            members.append((int(dm.get('layout-offset-in-bits')), v.get('name'), names.get(t, t)))
        out[name] = (int(c.get('size-in-bits', '0')), members)
    return out


def main(baseline, built):
    old, new = structs(baseline), structs(built)
    bad = 0
    for name, (size, members) in sorted(old.items()):
        if name not in new:
            print(f'{name}: defined in the baseline, missing from the built library')
            bad = 1
            continue
        nsize, nmembers = new[name]
        versioned = bool(members) and members[0][1] == 'version'
        if nmembers[:len(members)] != members:
            changed = [f'{a} -> {b}' for a, b in zip(members, nmembers) if a != b]
            if len(nmembers) < len(members):
                changed.append(f'{len(members) - len(nmembers)} member(s) removed')
            print(f'{name}: existing members changed: ' + '; '.join(changed))
            bad = 1
        elif nsize < size or (nsize != size and not versioned):
            print(f'{name}: size changed from {size} to {nsize} bits')
            bad = 1
        elif nsize != size:
            print(f'{name}: grew from {size} to {nsize} bits at the end')
    return bad


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
