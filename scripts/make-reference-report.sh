#!/usr/bin/env bash
# Regenerates Reports/reference/ (report.md, report.json, charts, environment.json, results.jsonl)
# from a full `bench all` on this machine (release build), and the README's "Reference report"
# block (headline chart and findings) from it. One command:
#
#   scripts/make-reference-report.sh            # extra arguments go to `bench all`
#   scripts/make-reference-report.sh --from Reports/latest   # from a full suite already run
#
# Takes as long as a full `bench all` (every scenario × the default allocators × 3 runs).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--from" ]; then
    # An existing run folder of a full `bench all` (e.g. the one `scripts/bench-all.sh` just wrote).
    run="$(readlink -f "${2:?--from takes a run folder, e.g. Reports/latest}")"
    [ -f "$run/report.json" ] || { echo "make-reference-report: $run has no report.json" >&2; exit 64; }
else
    bash scripts/install-deps.sh
    swift build -c release
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    .build/release/bench all --out "$work" --progress "$@" || status=$?
    # A failed run (exit 1) still writes its report, which says what failed; anything else stops here.
    if [ "${status:-0}" -ne 0 ] && [ "${status:-0}" -ne 1 ]; then exit "$status"; fi
    run="$(readlink -f "$work/latest")"
fi
rm -rf Reports/reference
mkdir -p Reports/reference
cp "$run"/report.md "$run"/report.json "$run"/environment.json "$run"/results.jsonl "$run"/*.svg Reports/reference/
# The calibration the suite ran with (when `bench doctor --calibrate` had measured one), so that
# `bench report Reports/reference` re-renders it with the same figures and noise floor.
if [ -f "$run"/calibration.json ]; then cp "$run"/calibration.json Reports/reference/; fi

# The README block between the reference markers: the first RSS-over-time chart and the findings.
python3 - <<'PY'
import json, pathlib, re
report = json.loads(pathlib.Path("Reports/reference/report.json").read_text())
# The headline chart: the first scenario at its largest size (its default in `bench all`).
first = report["scenarios"][0]["name"] if report["scenarios"] else ""
sizes = sorted({c["key"]["size"] for c in report["cells"] if c["key"]["scenario"] == first})
charts = [f"rss-{first}-{sizes[-1]}.svg"] if sizes and pathlib.Path(f"Reports/reference/rss-{first}-{sizes[-1]}.svg").exists() \
    else sorted(p.name for p in pathlib.Path("Reports/reference").glob("rss-*.svg"))
lines = [f"From `Reports/reference/` ({report['environment']['buildConfiguration']} build, "
         f"{report['environment']['cores']} cores, {report['environment']['kernel']}, run {report['runId']}); "
         "regenerate with `scripts/make-reference-report.sh`.", ""]
if charts:
    lines += [f"![RSS over time, one line per variant, under glibc](Reports/reference/{charts[0]})", ""]
# The verdict table that opens report.md, then per scenario its most important fix finding and
# its most important allocator finding beyond noise; then two that were not beyond noise.
markdown = pathlib.Path("Reports/reference/report.md").read_text()
table = re.search(r"## Verdicts\n\n(.*?)\n## Findings", markdown, flags=re.S)
if table:
    # Without the report's own chart line: its path is relative to the report, and the README
    # shows the chart above.
    lines += [line for line in table.group(1).strip().splitlines() if not line.startswith("![")] + [""]
findings = []
for scenario in report["scenarios"]:
    mine = [f for f in report["findings"] if f["beyondNoise"] and f.get("scenario") == scenario["name"]]
    fixes = [f for f in mine if f.get("kind") == "fix"][:1]
    allocators = [f for f in mine if f.get("kind") == "allocator"]
    # The allocator story of the pitfall the fix is about (threaded-churn's `threaded`), if told.
    pitfall = fixes[0]["variants"][0] if fixes and fixes[0].get("variants") else None
    told = [f for f in allocators if (f.get("variants") or [None])[0] == pitfall] or allocators
    # The largest difference any of its comparisons states.
    told.sort(key=lambda f: -max([abs(c["verdict"]["effect"]) for c in f.get("comparisons") or []] or [0]))
    findings += fixes + told[:1]
findings += [f for f in report["findings"] if not f["beyondNoise"] and f.get("verdict") in ("undecided", "withinNoise")][:2]
marker = {"undecided": "*(undecided)* ", "withinNoise": "*(within noise)* "}
lines += ["- " + ("" if f["beyondNoise"] else marker.get(f.get("verdict"), "*(noise)* ")) + f["text"] for f in findings]
lines += ["", "The whole report: [Reports/reference/report.md](Reports/reference/report.md)."]
readme = pathlib.Path("README.md")
text = readme.read_text()
block = "<!-- reference-report:start -->\n" + "\n".join(lines) + "\n<!-- reference-report:end -->"
new, count = re.subn(r"<!-- reference-report:start -->.*?<!-- reference-report:end -->", lambda _: block, text, flags=re.S)
if count != 1:
    raise SystemExit("README.md has no reference-report markers")
readme.write_text(new)
PY
echo "Reports/reference/ and the README's reference block regenerated from $run" >&2
