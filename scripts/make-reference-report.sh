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
cp "$run"/report.md "$run"/details.md "$run"/report.json "$run"/environment.json "$run"/results.jsonl "$run"/*.svg Reports/reference/
# The calibration the suite ran with (when `bench doctor --calibrate` had measured one), so that
# `bench report Reports/reference` re-renders it with the same figures and noise floor.
if [ -f "$run"/calibration.json ]; then cp "$run"/calibration.json Reports/reference/; fi

# The README block between the reference markers: the headline chart, and the answer that opens
# report.md (the verdict table and the recommendation per scenario).
python3 - <<'PY'
import json, pathlib, re
report = json.loads(pathlib.Path("Reports/reference/report.json").read_text())
markdown = pathlib.Path("Reports/reference/report.md").read_text()
answer = re.search(r"## Verdicts\n\n(.*?)\n## ", markdown, flags=re.S)
# The headline chart: the one report.md shows beside its answer (RSS over time per configuration
# when the report drew one), else the first scenario at its largest size.
shown = re.search(r"^!\[([^]]*)\]\(([^)]+)\)$", answer.group(1), flags=re.M) if answer else None
first = report["scenarios"][0]["name"] if report["scenarios"] else ""
sizes = sorted({c["key"]["size"] for c in report["cells"] if c["key"]["scenario"] == first})
fallback = f"rss-{first}-{sizes[-1]}.svg" if sizes else ""
chart = (shown.group(1), shown.group(2)) if shown else \
    ("RSS over time, one line per variant, under glibc", fallback) if fallback and pathlib.Path(f"Reports/reference/{fallback}").exists() else None
lines = [f"From `Reports/reference/` ({report['environment']['buildConfiguration']} build, "
         f"{report['environment']['cores']} cores, {report['environment']['kernel']}, run {report['runId']}); "
         "regenerate with `scripts/make-reference-report.sh`.", ""]
if chart:
    lines += [f"![{chart[0]}](Reports/reference/{chart[1]})", ""]
# The answer that opens report.md: the verdict table and the recommendations, up to the next
# section; without the report's own chart line (its path is relative to the report, and the
# README shows the chart above), its links made relative to the README.
if answer:
    shown = [line.replace("](details.md", "](Reports/reference/details.md")
             for line in answer.group(1).strip().splitlines() if not line.startswith("![")]
    lines += "\n".join(shown).strip().splitlines() + [""]
lines += ["The whole report: [Reports/reference/report.md](Reports/reference/report.md)."]
readme = pathlib.Path("README.md")
text = readme.read_text()
block = "<!-- reference-report:start -->\n" + "\n".join(lines) + "\n<!-- reference-report:end -->"
new, count = re.subn(r"<!-- reference-report:start -->.*?<!-- reference-report:end -->", lambda _: block, text, flags=re.S)
if count != 1:
    raise SystemExit("README.md has no reference-report markers")
readme.write_text(new)
PY
echo "Reports/reference/ and the README's reference block regenerated from $run" >&2
