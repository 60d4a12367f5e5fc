#!/usr/bin/env python3
"""Validates report.json files against Reports/schema/report.schema.json.

Usage: scripts/validate-report.py REPORT.json [REPORT.json ...]
Exit status: 0 all valid; 1 a file is invalid (each error on one line); 2 jsonschema is missing
(install it with: python3 -m pip install jsonschema, or scripts/install-deps.sh).
"""
import json
import pathlib
import sys

try:
    import jsonschema
except ImportError:
    print("validate-report: python3 module jsonschema is missing; run scripts/install-deps.sh or python3 -m pip install jsonschema", file=sys.stderr)
    sys.exit(2)

schema_path = pathlib.Path(__file__).resolve().parent.parent / "Reports" / "schema" / "report.schema.json"
schema = json.loads(schema_path.read_text())
validator = jsonschema.Draft202012Validator(schema)
failed = False
for name in sys.argv[1:]:
    try:
        document = json.loads(pathlib.Path(name).read_text())
    except (OSError, ValueError) as error:
        print(f"{name}: cannot read: {error}", file=sys.stderr)
        failed = True
        continue
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    for error in errors[:20]:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        print(f"{name}: {where}: {error.message[:200]}", file=sys.stderr)
    if errors:
        failed = True
    else:
        print(f"{name}: valid")
sys.exit(1 if failed else 0)
