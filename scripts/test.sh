#!/usr/bin/env bash
# The README's second command: install what is missing, then run every test (unit and
# end-to-end, with real worker processes).
# `scripts/test.sh --fast`: for development, the in-process tests only (every test target but
# EndToEndTests), without installing anything; further arguments go to `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--fast" ]; then
    shift
    swift build --build-tests
    exec swift test --skip-build --disable-swift-testing --skip EndToEndTests "$@"
fi
bash scripts/install-deps.sh
swift build --build-tests
# Every test is XCTest; without Swift Testing the run closes on XCTest's own summary line.
swift test --skip-build --disable-swift-testing "$@"
