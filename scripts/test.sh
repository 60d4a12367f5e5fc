#!/usr/bin/env bash
# The README's second command: install what is missing, then run every test (unit and
# end-to-end, with real worker processes).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
# Every test is XCTest; without Swift Testing the run closes on XCTest's own summary line.
swift test --skip-build --disable-swift-testing "$@"
