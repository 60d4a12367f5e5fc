#!/usr/bin/env bash
# The README's first command: install what is missing, build in release mode, run `bench all`.
# Extra arguments go to `bench all` (e.g. --quick).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release
exec .build/release/bench all --progress "$@"
