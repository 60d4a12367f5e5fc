#!/usr/bin/env bash
# The steps of .github/workflows/bench.yml, one function per step; the workflow calls this
# script step by step, and running it with no step runs them all locally (quick), so the
# workflow's commands are proved on this machine, the runner matrix as two local testbeds.
#
#   scripts/ci-bench-steps.sh                   # every step, quick: two testbeds, merge, delta
#   scripts/ci-bench-steps.sh deps|build        # install packages (sudo when not root) / build in release mode
#   scripts/ci-bench-steps.sh bench [--full]    # bench all (--quick unless --full) into $BENCH_OUT,
#                                               # as testbed $BENCH_TESTBED (default: the host name)
#   scripts/ci-bench-steps.sh summary           # append the Markdown report to $GITHUB_STEP_SUMMARY
#   scripts/ci-bench-steps.sh merge REPORT...   # bench merge the testbeds' quick-report.json files
#   scripts/ci-bench-steps.sh delta BASE_REF    # build BASE_REF beside this checkout, run base and head
#                                               # on this machine interleaved with the same options,
#                                               # combine each side's rounds, bench compare
#   scripts/ci-bench-steps.sh compare BASE [HEAD]  # bench compare BASE against HEAD (default: this run's)
#
# Environment: BENCH_OUT (default bench-out/), BENCH_TESTBED (the testbed's name),
# BENCH_PREFIX (a command to run bench under, e.g. "taskset -c 0": the local second testbed),
# BENCH_CACHE_DIR (cached inputs), BENCH_RUNS (runs per cell, default 3), BENCH_BASE_REF (the
# local delta's base, default HEAD), BENCH_DELTA_ROUNDS (the delta's interleaved rounds, default 3).
# Files (under BENCH_OUT): Reports/ (the run folders), quick-report.json or full-report.json
# (--export-json), summary.md (--export-markdown), github-benchmark.json, bench.bmf.json
# (Bencher Metric Format); merged/ (bench merge); delta/base, delta/head and compare-*.md.
# Exit status: that of the failing command (bench compare: 2 regression, 3 bad input).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_OUT="${BENCH_OUT:-bench-out}"
BENCH="${BENCH:-$PWD/.build/release/bench}"

step_deps() {
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
        sudo apt-get update -qq
        sudo bash scripts/install-deps.sh
    else
        bash scripts/install-deps.sh
    fi
}

step_build() { swift build -c release; }

# Whether a bench binary knows an option (a pull request's base may predate it).
knows() { "$1" "${2%% *}" --help 2>&1 | grep -q -- "$3"; }

step_bench() {
    local mode=quick
    if [ "${1:-}" = "--full" ]; then mode=full; fi
    mkdir -p "$BENCH_OUT"
    local flags=(--out "$BENCH_OUT/Reports" --progress
                 --export-json "$BENCH_OUT/$mode-report.json"
                 --export-markdown "$BENCH_OUT/summary.md"
                 --export-github-benchmark "$BENCH_OUT/github-benchmark.json")
    # Three runs: a gate on single runs could decide nothing (every verdict "not judged"). The
    # delta's rounds run one each (BENCH_RUNS=1) and no adaptive extra, the same plan every round.
    if [ "$mode" = quick ]; then flags+=(--quick --runs "${BENCH_RUNS:-3}"); fi
    if [ -n "${BENCH_RUNS:-}" ] && knows "$BENCH" all --max-runs; then flags+=(--max-runs "$BENCH_RUNS"); fi
    if [ -n "${BENCH_CACHE_DIR:-}" ]; then flags+=(--cache-dir "$BENCH_CACHE_DIR"); fi
    if knows "$BENCH" all --testbed; then
        if [ -n "${BENCH_TESTBED:-}" ]; then flags+=(--testbed "$BENCH_TESTBED"); fi
        flags+=(--export-bmf "$BENCH_OUT/bench.bmf.json")
    fi
    # shellcheck disable=SC2086 # BENCH_PREFIX is a command line, split on purpose.
    ${BENCH_PREFIX:-} "$BENCH" all "${flags[@]}"
}

summary_file() { echo "${GITHUB_STEP_SUMMARY:-$BENCH_OUT/step-summary.md}"; }

step_summary() {
    local summary
    summary="$(summary_file)"
    if [ -f "$BENCH_OUT/summary.md" ]; then
        cat "$BENCH_OUT/summary.md" >> "$summary"
    else
        echo "bench all wrote no report (see the log of the bench step)." >> "$summary"
    fi
    echo "Step summary: $summary" >&2
}

step_merge() {
    local summary
    summary="$(summary_file)"
    mkdir -p "$BENCH_OUT/merged"
    "$BENCH" merge "$@" --out "$BENCH_OUT/merged" --export-markdown "$BENCH_OUT/merged/summary.md"
    cat "$BENCH_OUT/merged/summary.md" >> "$summary"
}

step_compare() {
    local base="$1"
    local head="${2:-$BENCH_OUT/quick-report.json}"
    local summary status=0
    summary="$(summary_file)"
    for metric in peak release; do
        # 2 = regression, 3 = bad input: either fails the job after both tables are written.
        "$BENCH" compare "$base" "$head" --metric "$metric" --threshold 10% > "$BENCH_OUT/compare-$metric.md" || status=$?
        tee -a "$summary" < "$BENCH_OUT/compare-$metric.md"
        if [ "$status" -ne 0 ]; then break; fi
    done
    return "$status"
}

# package-benchmark's delta: base and head built and run on this one machine with the same
# options, interleaved: BENCH_DELTA_ROUNDS rounds (default 3) of one quick run per cell each,
# base then head in odd rounds and head then base in even ones, so that a drift of the machine
# falls on both sides alike; each side's rounds are combined into one run folder (a run per
# round per cell), rendered by that side's own bench, then compared (one testbed, never another
# runner's artifact).
step_delta() {
    local base_ref="$1"
    local base_commit head_commit base_bench="$BENCH"
    base_commit="$(git rev-parse "$base_ref^{commit}")"
    head_commit="$(git rev-parse HEAD)"
    if [ "$base_commit" != "$head_commit" ] || [ -n "$(git status --porcelain --untracked-files=no)" ]; then
        local source="$BENCH_OUT/delta/base-source"
        rm -rf "$source"
        git worktree prune
        git worktree add --detach "$source" "$base_commit"
        (cd "$source" && swift build -c release)
        base_bench="$(cd "$source" && pwd)/.build/release/bench"
    fi
    local out="$BENCH_OUT/delta" testbed="${BENCH_TESTBED:-delta-$(hostname)}" rounds="${BENCH_DELTA_ROUNDS:-3}"
    rm -rf "$out/base" "$out/head"
    delta_side() {
        local side="$1" round="$2" bench="$BENCH"
        if [ "$side" = base ]; then bench="$base_bench"; fi
        # Each side its own cache of inputs (a base may generate them differently).
        BENCH="$bench" BENCH_OUT="$out/$side/round-$round" BENCH_TESTBED="$testbed" BENCH_CACHE_DIR="$out/$side-cache" \
            BENCH_RUNS=1 step_bench
    }
    for round in $(seq 1 "$rounds"); do
        if [ $((round % 2)) -eq 1 ]; then delta_side base "$round"; delta_side head "$round"
        else delta_side head "$round"; delta_side base "$round"; fi
    done
    for side in base head; do
        local bench="$BENCH"
        if [ "$side" = base ]; then bench="$base_bench"; fi
        local folders=()
        for round in $(seq 1 "$rounds"); do folders+=("$out/$side/round-$round/Reports/latest"); done
        python3 scripts/combine-rounds.py "$out/$side/combined" "${folders[@]}"
        "$bench" report "$out/$side/combined" --export-json "$out/$side/quick-report.json"
    done
    BENCH_OUT="$out" step_compare "$out/base/quick-report.json" "$out/head/quick-report.json"
}

if [ $# -eq 0 ]; then
    # Locally: every step; the runner matrix as two testbeds of this machine (as it is, and
    # pinned to one CPU: another usable CPU count, another fingerprint), then the merge job and
    # the pull-request delta (base BENCH_BASE_REF, default HEAD, against this checkout).
    step_deps
    step_build
    host="$(hostname)"
    BENCH_OUT="$BENCH_OUT/testbeds/$host" BENCH_TESTBED="$host" step_bench
    BENCH_OUT="$BENCH_OUT/testbeds/$host" step_summary
    BENCH_OUT="$BENCH_OUT/testbeds/$host-one-cpu" BENCH_TESTBED="$host-one-cpu" BENCH_PREFIX="taskset -c 0" step_bench
    step_merge "$BENCH_OUT/testbeds/$host/quick-report.json" "$BENCH_OUT/testbeds/$host-one-cpu/quick-report.json"
    step_delta "${BENCH_BASE_REF:-HEAD}"
    echo "CI steps passed; files in $BENCH_OUT (merged report: $BENCH_OUT/merged/report.md)" >&2
    exit 0
fi
step="$1"
shift
case "$step" in
    deps) step_deps ;;
    build) step_build ;;
    bench) step_bench "$@" ;;
    summary) step_summary ;;
    merge) step_merge "$@" ;;
    delta) step_delta "$@" ;;
    compare) step_compare "$@" ;;
    *) echo "ci-bench-steps: unknown step '$step' (deps, build, bench, summary, merge, delta, compare)" >&2; exit 64 ;;
esac
