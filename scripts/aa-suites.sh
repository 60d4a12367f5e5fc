#!/usr/bin/env bash
# The A/A proof of the verdicts: N suites with glibc-twin (glibc under another name) added;
# counts, per suite, the findings "beyond noise" about the twin (each one is false) and about
# arena limits in variants where one thread allocates (none can be real); the large code-fix
# effects that must be beyond noise in every suite; and the "within noise" verdicts whose
# smallest detectable effect exceeds their margin (issue 23: there must be none); and checks each
# suite's advice with scripts/check-advice.py. Prints one
# line per suite and a total. Extra arguments go to `bench all` (e.g. --quick --runs 3).
#   scripts/aa-suites.sh 5
#   scripts/aa-suites.sh 20 --quick --runs 3
set -euo pipefail
cd "$(dirname "$0")/.."
suites="${1:?usage: scripts/aa-suites.sh N [bench all options]}"
shift
out="${AA_OUT:-/tmp/memorybench-aa}"
mkdir -p "$out"
bad=0
missed=0
blind_total=0
advice_bad=0
for i in $(seq 1 "$suites"); do
    start=$(date +%s)
    .build/release/bench all --custom-allocator 'glibc-twin base=glibc' --out "$out" --quiet "$@" > "$out/suite-$i.log" 2>&1 || true
    report="$out/latest/report.json"
    line=$(python3 - "$report" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
single = {"load-all-vs-batched", "string-building", "caches", "bulk-writes"}
large = {("load-all-vs-batched", "load-all", "cursor"), ("load-all-vs-batched", "load-all", "batched"),
         ("string-building", "concat", "stream"), ("caches", "unbounded", "lru-small"),
         ("threaded-churn", "single-thread", "threaded")}
twin = arena = total_twin = within = blind = 0
found_large = set()
for c in report.get("comparisons", []):
    v = c["verdict"]
    if v["kind"] == "withinNoise":
        within += 1
        if v.get("smallestDetectableEffect", float("inf")) > v["margin"]:
            blind += 1
    key = (c["scenario"], c["referenceVariant"], c["candidateVariant"])
    if c["kind"] != "allocator":
        if key in large and c["metric"] == "peak" and c["referenceConfiguration"] == "glibc" and v["kind"] == "beyondNoise":
            found_large.add(key)
        continue
    beyond = v["kind"] == "beyondNoise"
    if c["candidateConfiguration"] == "glibc-twin":
        total_twin += 1
        twin += beyond
    one_thread = c["scenario"] in single or c["candidateVariant"] == "single-thread"
    if c["candidateConfiguration"].startswith("glibc-arenas-") and one_thread:
        arena += beyond
print(f"{twin} {arena} {total_twin} {len(report.get('comparisons', []))} {len(found_large)} {len(large)} {within} {blind}")
PY
)
    read -r twin arena total comparisons large found within blind <<< "$line"
    # The advice itself: table and "What to do" agree, trade-offs named, no control advised.
    advice=$(python3 scripts/check-advice.py "$(readlink -f "$out/latest")" | tail -n 1 | sed 's/.*: //') || advice_bad=$((advice_bad + 1))
    echo "suite $i: $twin twin finding(s) beyond noise of $total twin comparisons; $arena arena-limit finding(s) in one-thread variants; $large of $found large code effects beyond noise; $within within noise, $blind of them with a smallest detectable effect above the margin; $comparisons comparisons; advice: $advice; $(( $(date +%s) - start )) s"
    if [ "$twin" -gt 0 ] || [ "$arena" -gt 0 ]; then bad=$((bad + 1)); fi
    if [ "$large" -lt "$found" ]; then missed=$((missed + 1)); fi
    blind_total=$((blind_total + blind))
done
echo "A/A: $bad of $suites suite(s) with a false finding; $missed suite(s) missing a large code effect; $blind_total 'within noise' verdict(s) whose smallest detectable effect exceeds the margin; $advice_bad suite(s) whose advice failed scripts/check-advice.py"
