#!/usr/bin/env python3
"""Combines the run folders of interleaved rounds (one run per cell each, same plan, same bench)
into one run folder whose cells have a run per round, for `bench report` to decide on.

Usage: scripts/combine-rounds.py OUT_FOLDER ROUND_FOLDER [ROUND_FOLDER ...]
Round k's runs become repetition k (in the order given); the first round's environment.json,
suite.json and calibration are kept, with the planned runs summed. Only `repetition`, `index`
and the planned counts are rewritten: every figure stays as the round measured it.
Exit status: 0 combined; 3 a round folder without results.jsonl or environment.json.
"""
import json
import pathlib
import shutil
import sys

if len(sys.argv) < 3:
    print(__doc__.strip().splitlines()[3], file=sys.stderr)
    sys.exit(64)
out = pathlib.Path(sys.argv[1])
rounds = [pathlib.Path(path) for path in sys.argv[2:]]
for folder in rounds:
    for name in ("results.jsonl", "environment.json"):
        if not (folder / name).is_file():
            print(f"combine-rounds: {folder} has no {name}: not a run folder", file=sys.stderr)
            sys.exit(3)
out.mkdir(parents=True, exist_ok=True)
lines = []
for repetition, folder in enumerate(rounds, start=1):
    for line in (folder / "results.jsonl").read_text().splitlines():
        if not line.strip():
            continue
        run = json.loads(line)
        run["repetition"] = repetition
        run["index"] = len(lines)
        lines.append(json.dumps(run, sort_keys=True))
(out / "results.jsonl").write_text("\n".join(lines) + "\n")
environment = json.loads((rounds[0] / "environment.json").read_text())
environment["plannedRuns"] = sum(json.loads((f / "environment.json").read_text())["plannedRuns"] for f in rounds)
environment["runsPerCell"] = len(rounds)
(out / "environment.json").write_text(json.dumps(environment, indent=2, sort_keys=True) + "\n")
for name in ("suite.json", "calibration.json"):
    if (rounds[0] / name).is_file():
        shutil.copyfile(rounds[0] / name, out / name)
print(f"combine-rounds: {len(lines)} runs from {len(rounds)} rounds in {out}")
