#!/usr/bin/env bash
# The steps of .github/workflows/bench.yml, one function per step; the workflow calls this
# script step by step, and running it with no step runs them all locally (quick), so the
# workflow's commands are proved on this machine.
#
#   scripts/ci-bench-steps.sh                 # every step, quick, comparing against a local base run
#   scripts/ci-bench-steps.sh deps|build      # install packages / build in release mode
#   scripts/ci-bench-steps.sh bench [--full]  # bench all (--quick unless --full) into $BENCH_OUT
#   scripts/ci-bench-steps.sh summary         # append the Markdown report to $GITHUB_STEP_SUMMARY
#   scripts/ci-bench-steps.sh compare BASE    # bench compare BASE (a quick-report.json) against this run's
#
# Files (under BENCH_OUT, default bench-out/): Reports/ (the run folders), quick-report.json or
# full-report.json (--export-json), summary.md (--export-markdown), github-benchmark.json.
# Exit status: that of the failing command (bench compare: 2 regression, 3 bad input).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_OUT="${BENCH_OUT:-bench-out}"
BENCH=".build/release/bench"

step_deps() { bash scripts/install-deps.sh; }

step_build() { swift build -c release; }

step_bench() {
    local mode=quick
    if [ "${1:-}" = "--full" ]; then mode=full; fi
    mkdir -p "$BENCH_OUT"
    local flags=(--out "$BENCH_OUT/Reports" --progress
                 --export-json "$BENCH_OUT/$mode-report.json"
                 --export-markdown "$BENCH_OUT/summary.md"
                 --export-github-benchmark "$BENCH_OUT/github-benchmark.json")
    # Three runs: a gate on single runs could decide nothing (every verdict "not judged").
    if [ "$mode" = quick ]; then flags+=(--quick --runs 3); fi
    if [ -n "${BENCH_CACHE_DIR:-}" ]; then flags+=(--cache-dir "$BENCH_CACHE_DIR"); fi
    "$BENCH" all "${flags[@]}"
}

step_summary() {
    local summary="${GITHUB_STEP_SUMMARY:-$BENCH_OUT/step-summary.md}"
    if [ -f "$BENCH_OUT/summary.md" ]; then
        cat "$BENCH_OUT/summary.md" >> "$summary"
    else
        echo "bench all wrote no report (see the log of the bench step)." >> "$summary"
    fi
    echo "Step summary: $summary" >&2
}

step_compare() {
    local base="$1"
    local head="$BENCH_OUT/quick-report.json"
    local summary="${GITHUB_STEP_SUMMARY:-$BENCH_OUT/step-summary.md}"
    local status=0
    for metric in peak release; do
        # 2 = regression, 3 = bad input: either fails the job after both tables are written.
        "$BENCH" compare "$base" "$head" --metric "$metric" --threshold 10% > "$BENCH_OUT/compare-$metric.md" || status=$?
        cat "$BENCH_OUT/compare-$metric.md" | tee -a "$summary"
        if [ "$status" -ne 0 ]; then break; fi
    done
    return "$status"
}

if [ $# -eq 0 ]; then
    # Locally: every step, with a first quick run standing in for main's artifact.
    step_deps
    step_build
    BENCH_OUT="$BENCH_OUT/base" step_bench
    step_bench
    step_summary
    step_compare "$BENCH_OUT/base/quick-report.json"
    echo "CI steps passed; files in $BENCH_OUT" >&2
    exit 0
fi
step="$1"
shift
case "$step" in
    deps) step_deps ;;
    build) step_build ;;
    bench) step_bench "$@" ;;
    summary) step_summary ;;
    compare) step_compare "$@" ;;
    *) echo "ci-bench-steps: unknown step '$step' (deps, build, bench, summary, compare)" >&2; exit 64 ;;
esac
