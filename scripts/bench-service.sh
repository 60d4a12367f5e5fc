#!/usr/bin/env bash
# Measures a real Swift service as a service: Examples/hummingbird-service (Hummingbird 2, 40 NIO
# threads, so at least 32 threads allocate) under glibc, glibc-arenas-2, jemalloc-preload and
# jemalloc-background, each run 2 minutes from readiness under wrk on 127.0.0.1, with the arena
# caps of a 32-CPU machine (`--cores-like 32`) and adaptive runs; then keeps its report beside
# the example (Examples/hummingbird-service/report/: report.md, details.md, report.json, the
# results and environment it was built from, the charts and the logs), whatever it shows.
# Installs what it needs (wrk) as scripts/install-deps.sh
# does. About 30 minutes with 3 runs a configuration, up to an hour when runs are added.
#
#   bash scripts/bench-service.sh
#
# Knobs (environment): DURATION (default 2m), RUNS (3), MAX_RUNS (6), TIME_BUDGET (seconds before
# no further round of runs starts, 3600), CORES_LIKE (32; empty: this machine's own caps),
# THREADS (NIO threads, 40), CONNECTIONS (wrk's, 64), OUT (where the report is kept).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-2m}
RUNS=${RUNS:-3}
MAX_RUNS=${MAX_RUNS:-6}
TIME_BUDGET=${TIME_BUDGET:-3600}
CORES_LIKE=${CORES_LIKE-32}
THREADS=${THREADS:-40}
CONNECTIONS=${CONNECTIONS:-64}
OUT=${OUT:-Examples/hummingbird-service/report}
ALLOCATORS=glibc,glibc-arenas-2,jemalloc-preload,jemalloc-background

bash scripts/install-deps.sh
if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "bench-service.sh needs wrk (the load): sudo apt-get update && sudo apt-get install -y wrk" >&2
        exit 1
    fi
    echo "Installing wrk ..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

# wrk's -d: bounded, and longer than the window, so the load runs to the window's end, where
# bench stops it with SIGINT (wrk then prints its summary, and load.lua writes its count).
seconds=$(python3 -c "import re,sys; m=re.fullmatch(r'(\d+(?:\.\d+)?)(ms|s|m)', sys.argv[1]); \
print(int(float(m[1]) * {'ms': 0.001, 's': 1, 'm': 60}[m[2]])) if m else sys.exit('DURATION: 2m, 90s or 500ms, not ' + sys.argv[1])" "$DURATION")
load_seconds=$((seconds + 60))

echo "Building bench and the service in release mode (the service's first build takes several minutes) ..." >&2
swift build -c release
swift build -c release --package-path Examples/hummingbird-service
service=Examples/hummingbird-service/.build/release/hummingbird-service

# A port nothing listens on now.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
runs_folder=$(mktemp -d "${TMPDIR:-/tmp}/bench-service.XXXXXX")
trap 'rm -rf "$runs_folder"' EXIT

cores_like=()
[ -n "$CORES_LIKE" ] && cores_like=(--cores-like "$CORES_LIKE")
.build/release/bench exec --name hummingbird-service --duration "$DURATION" "${cores_like[@]}" \
    --runs "$RUNS" --max-runs "$MAX_RUNS" --time-budget "$TIME_BUDGET" --allocators "$ALLOCATORS" \
    --ready "bash Examples/hummingbird-service/ready.sh $port" \
    --load "wrk -t2 -c$CONNECTIONS -d${load_seconds}s --timeout 10s -s Examples/hummingbird-service/load.lua http://127.0.0.1:$port" \
    --out "$runs_folder" --progress \
    -- "$service" "$port" "$THREADS"

run=$(dirname "$(find "$runs_folder" -name report.md -not -path '*/latest/*' | head -n 1)")
[ -f "$run/report.md" ] || { echo "bench-service.sh: no report was written in $runs_folder" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT"
# results.jsonl and environment.json too, so that `bench report` can re-render the report later.
cp "$run"/report.md "$run"/details.md "$run"/report.json "$run"/results.jsonl "$run"/environment.json "$OUT"/
cp "$run"/*.svg "$OUT"/ 2>/dev/null || true
[ -d "$run/logs" ] && cp -r "$run/logs" "$OUT"/
echo "Report kept in $OUT/report.md" >&2
