import Foundation
import XCTest
import MemoryProbe
import TestSupport
@testable import BenchModel
@testable import Reporting

/// `bench compare --metric allocations` (exact counts against an absolute threshold), and
/// findings that never put counted and uncounted configurations in one line.
final class AllocationCompareTests: XCTestCase {
    /// load-all and batched under `allocator`, three runs each; `mallocs(variant, repetition)`
    /// gives the export phase's mallocs (nil: uncounted), the other phases count 10 each.
    static func report(allocators: [String], mallocs: (String, Int) -> Int?) -> Report {
        var results: [RunResult] = []
        for repetition in 1...3 {
            for allocator in allocators {
                for (variant, peak) in [("load-all", 100), ("batched", 5)] {
                    var run = ReportFixtures.run(variant, allocator, repetition: repetition, peakMiB: peak, releaseMiB: peak / 2)
                    if AllocatorConfiguration.isCountedName(allocator), let count = mallocs(variant, repetition), var record = run.record {
                        for index in record.phases.indices {
                            let made = record.phases[index].name == "export" ? count : 10
                            record.phases[index].allocations = AllocationCounts(mallocs: made, frees: made / 2, reallocs: 0, bytesRequested: made * 64)
                        }
                        run.record = record
                    }
                    results.append(run)
                }
            }
        }
        return ReportFixtures.build(results, allocators: allocators, runId: "counts")
    }

    func testEqualCountsAreUnchangedAndMoreMallocsBeyondTheAbsoluteThresholdAreARegression() {
        let base = Self.report(allocators: ["glibc+count"]) { variant, _ in variant == "load-all" ? 50_000 : 1_000 }
        let same = ReportComparison(base: base, head: base, metric: .allocations, thresholdPercent: 5)
        XCTAssertEqual(same.rows.count, 2)
        XCTAssertTrue(same.rows.allSatisfy { $0.verdict == .unchanged })
        XCTAssertEqual(same.rows.first { $0.key.variant == "load-all" }?.base.median, 50_020, "export 50,000 + release and trim 10 each")
        XCTAssertTrue(same.warnings.isEmpty, "\(same.warnings)")

        // 0.4 % more in load-all: under the default 5 %, a regression at 0 %.
        let head = Self.report(allocators: ["glibc+count"]) { variant, _ in variant == "load-all" ? 50_200 : 1_000 }
        XCTAssertEqual(ReportComparison(base: base, head: head, metric: .allocations, thresholdPercent: 5).rows.first { $0.key.variant == "load-all" }?.verdict,
                       .belowThreshold)
        let strict = ReportComparison(base: base, head: head, metric: .allocations, thresholdPercent: 0)
        XCTAssertEqual(strict.regressions.map(\.key.variant), ["load-all"])
        XCTAssertEqual(strict.rows.first { $0.key.variant == "batched" }?.verdict, .unchanged)
        XCTAssertTrue(strict.markdown(basePath: "a", headPath: "b").contains("**1 regression(s)**, 0 improvement(s), 0 below threshold, 1 unchanged"))
        let lenient = ReportComparison(base: base, head: head, metric: .allocations, thresholdPercent: 0, absoluteThreshold: 500)
        XCTAssertEqual(lenient.rows.first { $0.key.variant == "load-all" }?.verdict, .belowThreshold)
        XCTAssertTrue(lenient.regressions.isEmpty)
        let improvement = ReportComparison(base: head, head: base, metric: .allocations, thresholdPercent: 0)
        XCTAssertEqual(improvement.rows.first { $0.key.variant == "load-all" }?.verdict, .improvement)
    }

    func testCountsThatVaryBetweenRunsAreNamedAndOnlyTheirRangesCompared() throws {
        let base = Self.report(allocators: ["glibc+count"]) { variant, run in variant == "load-all" ? 50_000 + run * 100 : 1_000 }
        let head = Self.report(allocators: ["glibc+count"]) { variant, run in variant == "load-all" ? 50_150 + run * 100 : 1_000 }
        let comparison = ReportComparison(base: base, head: head, metric: .allocations, thresholdPercent: 0)
        XCTAssertEqual(comparison.rows.first { $0.key.variant == "load-all" }?.verdict, .withinNoise, "ranges 50,130–50,330 and 50,280–50,480 overlap")
        let warning = try XCTUnwrap(comparison.warnings.first)
        XCTAssertTrue(warning.contains("not deterministic") && warning.contains("load-all-vs-batched `load-all` × glibc+count"), warning)
        XCTAssertFalse(warning.contains("`batched`"), warning)
    }

    func testUncountedReportsHaveNoAllocationsToCompare() {
        let (report, _) = ReportFixtures.report()
        XCTAssertTrue(ReportComparison(base: report, head: report, metric: .allocations, thresholdPercent: 5).rows.isEmpty)
    }

    func testNoDifferenceLinesNeverMixCountedAndUncountedConfigurations() {
        let report = Self.report(allocators: ["glibc", "jemalloc-preload", "glibc+count", "jemalloc-preload+count"]) { _, _ in 1_000 }
        let lines = report.findings.filter { $0.kind == .noDifference }.map(\.text)
        XCTAssertEqual(lines.count, 2, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasSuffix(": jemalloc-preload made no difference from glibc in any variant (every figure compared shown within its margin).") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.contains(": jemalloc-preload+count made no difference from glibc+count in any variant") }, "\(lines)")
    }
}
