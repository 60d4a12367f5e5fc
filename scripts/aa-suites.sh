#!/usr/bin/env bash
# The A/A proof of the verdicts: N suites with glibc-twin (glibc under another name) added;
# counts, per suite, the findings "beyond noise" about the twin (each one is false) and about
# arena limits in variants where one thread allocates (none can be real). Prints one line per
# suite and a total. Extra arguments go to `bench all` (e.g. --quick --runs 3).
#   scripts/aa-suites.sh 5
#   scripts/aa-suites.sh 20 --quick --runs 3
set -euo pipefail
cd "$(dirname "$0")/.."
suites="${1:?usage: scripts/aa-suites.sh N [bench all options]}"
shift
out="${AA_OUT:-/tmp/memorybench-aa}"
mkdir -p "$out"
bad=0
for i in $(seq 1 "$suites"); do
    start=$(date +%s)
    .build/release/bench all --custom-allocator 'glibc-twin base=glibc' --out "$out" --quiet "$@" > "$out/suite-$i.log" 2>&1 || true
    report="$out/latest/report.json"
    line=$(python3 - "$report" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
single = {"load-all-vs-batched", "string-building", "caches", "bulk-writes"}
twin = arena = total_twin = 0
for c in report.get("comparisons", []):
    if c["kind"] != "allocator":
        continue
    beyond = c["verdict"]["kind"] == "beyondNoise"
    if c["candidateConfiguration"] == "glibc-twin":
        total_twin += 1
        twin += beyond
    one_thread = c["scenario"] in single or c["candidateVariant"] == "single-thread"
    if c["candidateConfiguration"].startswith("glibc-arenas-") and one_thread:
        arena += beyond
print(f"{twin} {arena} {total_twin} {len(report.get('comparisons', []))}")
PY
)
    read -r twin arena total comparisons <<< "$line"
    echo "suite $i: $twin twin finding(s) beyond noise of $total twin comparisons; $arena arena-limit finding(s) in one-thread variants; $comparisons comparisons; $(( $(date +%s) - start )) s"
    if [ "$twin" -gt 0 ] || [ "$arena" -gt 0 ]; then bad=$((bad + 1)); fi
done
echo "A/A: $bad of $suites suite(s) with a false finding"
