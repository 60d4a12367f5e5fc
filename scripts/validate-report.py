#!/usr/bin/env python3
"""Validates report.json files against Reports/schema/report.schema.json, and merged reports
(bench merge, "kind": "merged") against Reports/schema/merged-report.schema.json.

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

schema_folder = pathlib.Path(__file__).resolve().parent.parent / "Reports" / "schema"
schema = json.loads((schema_folder / "report.schema.json").read_text())
merged_schema = json.loads((schema_folder / "merged-report.schema.json").read_text())
validator = jsonschema.Draft202012Validator(schema)
try:
    import referencing
    # The merged schema refers to report.schema.json by its $id.
    registry = referencing.Registry().with_resources(
        [(document["$id"], referencing.Resource.from_contents(document)) for document in (schema, merged_schema)])
    merged_validator = jsonschema.Draft202012Validator(merged_schema, registry=registry)
except ImportError:
    merged_validator = None
failed = False
for name in sys.argv[1:]:
    try:
        document = json.loads(pathlib.Path(name).read_text())
    except (OSError, ValueError) as error:
        print(f"{name}: cannot read: {error}", file=sys.stderr)
        failed = True
        continue
    chosen = validator
    if isinstance(document, dict) and document.get("kind") == "merged":
        if merged_validator is None:
            print(f"{name}: a merged report needs the python3 module referencing (jsonschema 4.18 or later)", file=sys.stderr)
            sys.exit(2)
        chosen = merged_validator
    errors = sorted(chosen.iter_errors(document), key=lambda e: list(e.absolute_path))
    for error in errors[:20]:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        print(f"{name}: {where}: {error.message[:200]}", file=sys.stderr)
    if errors:
        failed = True
    else:
        print(f"{name}: valid")
sys.exit(1 if failed else 0)
