#!/usr/bin/env python3
"""Extract the two verdict metrics of every ok run from a results.jsonl into a compact JSON
fixture for the Statistics tests (Tests/StatisticsTests/Fixtures/reference-runs.json).

Metrics, both in bytes over the run's baseline RSS:
  peak     max over phases of peakBytes - baseline rssBytes
  release  rssBytes of the phase named `release` - baseline rssBytes
  settle   (threaded-churn only) rssBytes of the phase `settle` - baseline rssBytes

Usage: scripts/extract-run-metrics.py Reports/reference/results.jsonl > Tests/StatisticsTests/Fixtures/reference-runs.json
"""
import json
import sys


def metrics(line):
    record = line["record"]
    base = record["baseline"]["status"]["rssBytes"]
    phases = {p["name"]: p for p in record["phases"]}
    out = {
        "peak": max(p["peakBytes"] for p in record["phases"]) - base,
        "release": phases["release"]["rssBytes"] - base,
    }
    if "settle" in phases:
        out["settle"] = phases["settle"]["rssBytes"] - base
    return out


def main(path):
    runs = []
    with open(path) as f:
        for text in f:
            line = json.loads(text)
            if line.get("status") != "ok":
                continue
            run = {k: line[k] for k in ("scenario", "variant", "allocator", "size")}
            run.update(metrics(line))
            runs.append(run)
    runs.sort(key=lambda r: (r["scenario"], r["variant"], r["size"], r["allocator"]))
    sys.stdout.write("[\n" + ",\n".join(json.dumps(r, separators=(",", ":")) for r in runs) + "\n]\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "Reports/reference/results.jsonl")
