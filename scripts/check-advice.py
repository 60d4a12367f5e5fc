#!/usr/bin/env python3
"""Checks a run folder's advice as issue 23 asks of every report: per scenario, the verdict
table and "What to do" name the same configuration (and no other); no recommendation says
"no figure higher" / "no other figure worse" while a figure of its change is worse or undecided
in the worse direction; no control is recommended. Prints one line per problem and a summary;
exits 1 when there is a problem.

    scripts/check-advice.py Reports/latest [more run folders…]
"""
import json, pathlib, re, sys


def check(folder):
    folder = pathlib.Path(folder)
    report = json.loads((folder / "report.json").read_text())
    markdown = (folder / "report.md").read_text()
    problems = []
    table = {}
    verdicts = re.search(r"## Verdicts\n(.*?)\n\*\*What to do\*\*", markdown, flags=re.S)
    for line in (verdicts.group(1) if verdicts else "").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] not in ("Scenario", "---"):
            table[cells[0].split(",")[0]] = cells
    advice = {}
    for line in markdown.splitlines():
        m = re.match(r"- \*\*([^*,]+)[^*]*\*\*: (.*)", line)
        if m and m.group(1) in {r["scenario"] for r in report.get("recommendations", [])}:
            advice.setdefault(m.group(1), m.group(2))
    configurations = {c["candidateConfiguration"] for c in report.get("comparisons", [])} | \
        {c["referenceConfiguration"] for c in report.get("comparisons", [])}
    controls = {(s["name"], c["control"]) for s in report["scenarios"] for c in s.get("comparisons", []) if c.get("kind") == "control"}
    for rec in report.get("recommendations", []):
        name = rec["scenario"]
        row, text = table.get(name), advice.get(name, "")
        if row is None:
            problems.append(f"{name}: no row in the verdict table"); continue
        allocator = rec.get("allocator") or {}
        chosen = "glibc" if allocator.get("action") == "keepDefault" else allocator.get("configuration")
        named_row = {c for c in configurations if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", row[2])}
        if chosen and chosen not in named_row:
            problems.append(f"{name}: the table's Allocator cell does not name {chosen}: {row[2]}")
        if named_row - {chosen}:
            problems.append(f"{name}: the table names {sorted(named_row - {chosen})}, the recommendation {chosen}")
        setting = (rec.get("allocator") or {}).get("setting") or {}
        for key, value in setting.items():
            if f"{key}={value}" not in text:
                problems.append(f"{name}: 'What to do' does not set {key}={value}")
        for part in ("code", "allocator"):
            change = rec.get(part) or {}
            if change.get("tradeOffs") and re.search(r"no (other )?figure (higher|worse)", text):
                problems.append(f"{name}: says no figure higher/worse while its {part} change has trade-offs")
            if part == "code" and (name, change.get("variant")) in controls:
                problems.append(f"{name}: recommends the control {change.get('variant')}")
    return len(report.get("recommendations", [])), problems


total = 0
for folder in sys.argv[1:]:
    count, problems = check(folder)
    total += len(problems)
    for p in problems:
        print(f"{folder}: {p}")
    print(f"{folder}: {count} recommendations, {len(problems)} problem(s)")
sys.exit(1 if total else 0)
