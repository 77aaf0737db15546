#!/usr/bin/python3
"""Checks the JSON Schemas in data/schema and the instances in tests/data/schema.

Usage: check_schemas.py SCHEMA_DIR INSTANCE_DIR [FRAMEWORK.json ...]

- every SCHEMA_DIR/*.schema.json must be a valid draft 2020-12 schema;
- every INSTANCE_DIR/valid/NAME.*.json must pass NAME.schema.json, and every
  INSTANCE_DIR/invalid/NAME.*.json must fail it;
- every schema's $id is urn:libdii:schema:NAME (no placeholder URL);
- every FRAMEWORK.json given (the built-in frameworks) must pass
  framework.schema.json.
Prints one line per problem and a one-line summary; exits 1 on any problem.
Needs Debian's python3-jsonschema (run it with /usr/bin/python3).
"""
import json
import pathlib
import sys

import jsonschema


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    schema_dir, instance_dir = pathlib.Path(argv[1]), pathlib.Path(argv[2])
    frameworks = [pathlib.Path(p) for p in argv[3:]]
    problems = []
    validators = {}
    for path in sorted(schema_dir.glob("*.schema.json")):
        name = path.name[: -len(".schema.json")]
        try:
            schema = load(path)
            jsonschema.Draft202012Validator.check_schema(schema)
            # An identifier, not a placeholder address that resolves nowhere.
            if schema.get("$id") != f"urn:libdii:schema:{name}":
                problems.append(f"{path}: $id is {schema.get('$id')!r}, expected 'urn:libdii:schema:{name}'")
            validators[name] = jsonschema.Draft202012Validator(schema)
        except (ValueError, jsonschema.SchemaError) as e:
            problems.append(f"{path}: not a valid schema: {e}")

    def check(path, name, expect_valid):
        validator = validators.get(name)
        if validator is None:
            problems.append(f"{path}: no schema '{name}.schema.json' in {schema_dir}")
            return
        try:
            errors = list(validator.iter_errors(load(path)))
        except ValueError as e:
            problems.append(f"{path}: not JSON: {e}")
            return
        if expect_valid and errors:
            first = errors[0]
            problems.append(f"{path}: should pass {name}.schema.json but fails at "
                            f"{first.json_path}: {first.message}")
        elif not expect_valid and not errors:
            problems.append(f"{path}: should fail {name}.schema.json but passes")

    counts = {"valid": 0, "invalid": 0}
    for kind in counts:
        for path in sorted((instance_dir / kind).glob("*.json")):
            counts[kind] += 1
            check(path, path.name.split(".")[0], kind == "valid")
    for path in frameworks:
        check(path, "framework", True)
    if counts["valid"] == 0 or counts["invalid"] == 0:
        problems.append(f"{instance_dir}: no valid/ or no invalid/ instances found")

    for p in problems:
        print(p)
    print(f"schemas: {len(validators)} schemas, {counts['valid']} valid and "
          f"{counts['invalid']} invalid instances, {len(frameworks)} frameworks checked, "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
