#!/usr/bin/env bash
# The README's first command: install what is missing, build in release mode, check this
# machine and calibrate the instrument (`bench doctor --calibrate`, 10–20 s: every report then
# carries the calibration figures), and run `bench all`. Extra arguments go to `bench all`
# (e.g. --quick).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release
# A missing allocator is reported by doctor and again, as a skipped configuration, by bench all.
.build/release/bench doctor --calibrate || echo "bench doctor found a problem (above); running the suite anyway" >&2
exec .build/release/bench all --progress "$@"
