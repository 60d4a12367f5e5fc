#!/usr/bin/env python3
"""The allocation counter's cost in wall time, from one `bench all --count` run folder: for each
scenario, the counted runs (NAME+count) against their uncounted twins (NAME), same variants and
sizes. Per cell the median over its ok runs; per scenario the sum of those medians over the
cells present in both twins. Three figures: the phases' wall time (what the counter can slow
down), the phases' CPU time (less disturbed by other work on a loaded machine), and the fastest
run's phase wall time per cell (the least disturbed run). Also checks that no uncounted
run preloaded the counter, and that every counted run has counts in every phase.

Usage: scripts/count-overhead.py Reports/<run-id>
"""
import json
import statistics
import sys
from collections import defaultdict

SUFFIX = "+count"


def main(folder):
    cells = defaultdict(lambda: {"phases": [], "cpu": []})
    uncounted_with_counter = 0
    uncounted_runs = 0
    counted_runs = 0
    counted_phases_missing = []
    with open(f"{folder}/results.jsonl") as lines:
        for line in lines:
            run = json.loads(line)
            if run.get("status") != "ok" or not run.get("record"):
                continue
            allocator = run["allocator"]
            if not allocator.endswith(SUFFIX):
                uncounted_runs += 1
                if "libbench-count" in run.get("environment", {}).get("LD_PRELOAD", ""):
                    uncounted_with_counter += 1
            else:
                counted_runs += 1
                missing = [p["name"] for p in run["record"]["phases"] if p.get("allocations") is None]
                if missing:
                    counted_phases_missing.append(f'{run["scenario"]} {run["variant"]} {allocator}: {", ".join(missing)}')
            key = (run["scenario"], run["variant"], run["size"], allocator)
            cells[key]["phases"].append(sum(p["wallSeconds"] for p in run["record"]["phases"]))
            cells[key]["cpu"].append(sum(p["cpuSeconds"] for p in run["record"]["phases"]))
    totals = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0])
    for (scenario, variant, size, allocator), values in cells.items():
        if allocator.endswith(SUFFIX):
            continue
        twin = cells.get((scenario, variant, size, allocator + SUFFIX))
        if not twin:
            continue
        row = totals[scenario]
        row[0] += statistics.median(values["phases"])
        row[1] += statistics.median(twin["phases"])
        row[2] += statistics.median(values["cpu"])
        row[3] += statistics.median(twin["cpu"])
        row[4] += min(values["phases"])
        row[5] += min(twin["phases"])
        row[6] += 1
    print("| scenario | cells | wall, medians: uncounted → counted | ratio | CPU, medians | ratio | wall, fastest runs | ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    whole = [0.0] * 6 + [0]
    for scenario in sorted(totals) + ["all"]:
        row = whole if scenario == "all" else totals[scenario]
        if scenario != "all":
            whole = [a + b for a, b in zip(whole, row)]
        figures = " | ".join(f"{row[i]:.2f} → {row[i + 1]:.2f} s | {row[i + 1] / row[i]:.2f}×" for i in (0, 2, 4))
        print(f"| {scenario} | {row[6]} | {figures} |")
    print(f"\nUncounted ok runs: {uncounted_runs}; of them with the counter in LD_PRELOAD: {uncounted_with_counter}")
    print(f"Counted ok runs: {counted_runs}; of them with a phase without counts: {len(counted_phases_missing)}")
    for line in counted_phases_missing[:10]:
        print(f"  {line}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
