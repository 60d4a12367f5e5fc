import Foundation
import XCTest
import TestSupport
@testable import BenchModel
@testable import Reporting

/// github-action-benchmark's export shape, and `bench compare`'s verdicts on synthetic reports.
final class ExportAndCompareTests: XCTestCase {
    func testGitHubBenchmarkExportHasOneSmallerIsBetterEntryPerCellAndMetric() throws {
        let (report, _) = ReportFixtures.report()
        let data = try GitHubBenchmarkExporter().export(report)
        let entries = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        XCTAssertEqual(entries.count, 4 * 3, "4 cells × peak, release, time")
        for entry in entries {
            XCTAssertTrue(Set(entry.keys).isSubset(of: ["name", "unit", "value", "range", "extra"]), "\(entry.keys)")
            XCTAssertTrue(entry["name"] is String)
            XCTAssertTrue(entry["value"] is NSNumber)
            XCTAssertTrue(["MiB", "s"].contains(entry["unit"] as? String))
            XCTAssertNotNil(entry["range"] as? String, "three runs have a range")
        }
        let names = entries.compactMap { $0["name"] as? String }
        XCTAssertEqual(Set(names).count, names.count, "names are unique")
        let peak = try XCTUnwrap(entries.first { ($0["name"] as? String) == "load-all-vs-batched/load-all/glibc/1000: peak RSS over baseline" })
        XCTAssertEqual(peak["value"] as? Double, 100.125, "median of 100, 100.25, 100.125 MiB")
        XCTAssertEqual(peak["range"] as? String, "± 0.125")
    }

    func testAReportAgainstItselfIsAllWithinNoise() {
        let (report, _) = ReportFixtures.report()
        // (Allocations need counted runs: AllocationCompareTests.)
        for metric in ReportMetric.allCases where metric != .allocations {
            let comparison = ReportComparison(base: report, head: report, metric: metric, thresholdPercent: 5)
            XCTAssertEqual(comparison.rows.count, 4)
            XCTAssertTrue(comparison.rows.allSatisfy { $0.verdict == .withinNoise }, "\(metric)")
            XCTAssertTrue(comparison.onlyInBase.isEmpty && comparison.onlyInHead.isEmpty)
        }
    }

    func testSeparatedRangesBeyondTheThresholdAreARegressionOrAnImprovement() throws {
        let (base, _) = ReportFixtures.report(loadAllPeakMiB: 100)
        let (worse, _) = ReportFixtures.report(loadAllPeakMiB: 130)
        let regression = ReportComparison(base: base, head: worse, metric: .peak, thresholdPercent: 5)
        let row = try XCTUnwrap(regression.rows.first { $0.key.variant == "load-all" && $0.key.allocator == "glibc" })
        XCTAssertEqual(row.verdict, .regression)
        XCTAssertEqual(row.changePercent ?? 0, 29.96, accuracy: 0.1)
        XCTAssertEqual(regression.rows.first { $0.key.variant == "batched" }?.verdict, .withinNoise, "batched did not change")
        XCTAssertTrue(regression.markdown(basePath: "a", headPath: "b").contains("**regression**"))

        let improvement = ReportComparison(base: worse, head: base, metric: .peak, thresholdPercent: 5)
        XCTAssertEqual(improvement.rows.first { $0.key.variant == "load-all" }?.verdict, .improvement)
        XCTAssertTrue(improvement.regressions.isEmpty)
        // The same change under a higher threshold is only "below threshold", not a regression.
        let lenient = ReportComparison(base: base, head: worse, metric: .peak, thresholdPercent: 50)
        XCTAssertTrue(lenient.regressions.isEmpty)
        XCTAssertEqual(lenient.rows.first { $0.key.variant == "load-all" }?.verdict, .belowThreshold)
    }

    func testTheExportedComparisonSaysWhatTheTableSays() throws {
        let (base, _) = ReportFixtures.report(loadAllPeakMiB: 100)
        let (worse, _) = ReportFixtures.report(loadAllPeakMiB: 130)
        let comparison = ReportComparison(base: base, head: worse, metric: .peak, thresholdPercent: 5)
        let data = try JSONEncoder().encode(comparison.exported(basePath: "base.json", headPath: "head.json"))
        let decoded = try JSONDecoder().decode(ReportComparison.Exported.self, from: data)
        XCTAssertEqual(decoded.regressions, comparison.regressions.count)
        XCTAssertEqual(decoded.regressions, 2, "load-all under both configurations")
        let cell = try XCTUnwrap(decoded.cells.first { $0.key.variant == "load-all" && $0.key.allocator == "glibc" })
        XCTAssertEqual(cell.verdict, .regression)
        XCTAssertEqual(cell.statistics.kind, .beyondNoise)
        XCTAssertEqual(cell.statistics.effect, 30 * Double(ReportFixtures.mib), accuracy: 1)
        XCTAssertLessThan(cell.statistics.adjustedP, 0.05)
    }

    func testAChangeInsideTheCombinedSpreadIsNeverARegression() {
        // Base 100–110 MiB, head 108–118 MiB: +8 % at the median, but the ranges overlap. Runs
        // that spread 10 % cannot show a change inside the 5 % threshold either: undecided, not
        // "within noise" (issue 23: the margin never grows with the noise).
        let (base, _) = ReportFixtures.report(loadAllPeakMiB: 100, jitter: [0, 5, 10], jitterKiB: 1024)
        let (head, _) = ReportFixtures.report(loadAllPeakMiB: 108, jitter: [0, 5, 10], jitterKiB: 1024)
        let comparison = ReportComparison(base: base, head: head, metric: .peak, thresholdPercent: 5)
        XCTAssertTrue(comparison.regressions.isEmpty)
        XCTAssertEqual(comparison.rows.first { $0.key.variant == "load-all" }?.verdict, .undecided)
    }

    func testCellsInOnlyOneReportAreListed() {
        let (base, _) = ReportFixtures.report(allocators: ["glibc"])
        let (head, _) = ReportFixtures.report(allocators: ["glibc", "jemalloc-preload"])
        let comparison = ReportComparison(base: base, head: head, metric: .release, thresholdPercent: 5)
        XCTAssertEqual(comparison.rows.count, 2)
        XCTAssertEqual(comparison.onlyInHead.map(\.allocator), ["jemalloc-preload", "jemalloc-preload"])
        XCTAssertTrue(comparison.markdown(basePath: "a", headPath: "b").contains("Only in head"))
    }

    func testFindingsPutTheLargestDifferenceFirstAndSaySingleRunsOnce() throws {
        let (report, _) = ReportFixtures.report()
        let first = try XCTUnwrap(report.findings.first)
        XCTAssertTrue(first.beyondNoise)
        XCTAssertTrue(first.text.contains("`batched` peaks at +5.0 MiB vs +100.1 MiB for `load-all`"), first.text)
        XCTAssertTrue(first.text.contains("−95 %"), first.text)
        let lastBeyond = report.findings.lastIndex { $0.beyondNoise } ?? -1
        let firstNoise = report.findings.firstIndex { !$0.beyondNoise } ?? Int.max
        XCTAssertLessThan(lastBeyond, firstNoise, "every finding beyond noise comes before the noise ones")

        let (single, _) = ReportFixtures.report(jitter: [0])
        XCTAssertTrue(single.findings.contains { $0.text.hasPrefix("Every cell has a single run") })
        XCTAssertEqual(single.findings.filter { $0.text.contains("not judged: no spread known") }.count,
                       single.findings.filter { $0.text.contains("peaks at") }.count,
                       "each comparison says 'not judged' once, without repeating the runs of both sides")
        XCTAssertFalse(single.findings.contains { $0.beyondNoise })
    }
}
